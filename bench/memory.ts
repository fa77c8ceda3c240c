/**
 * Cases measured in a fresh process each (as bench/active-users.ts does): cohortRetention's
 * timings and memory, and the memory of mrrMovements and kaplanMeier. In a long-lived
 * process holding other cases' inputs, every large typed-array allocation can trigger a
 * major GC that walks that heap, which made cohortRetention up to 2x slower and noisy. The
 * child builds the case's seeded input, makes a cold call, times calls after a full GC each,
 * then measures one more call with RssSampler (bench/measure.ts): peak RSS growth above the
 * RSS before the call, input in memory; a lower bound. Flags as in bench/active-users.ts:
 * --single-threaded-gc so sweeping finishes inside gc(), and glibc's mmap threshold at
 * 64 KiB so freed typed arrays cannot hide the call's own allocations.
 */
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { OPTIONS as COHORT_OPTIONS } from './cohort-retention.js';
import { generateColumns, rowsFromColumns } from './generate.js';
import { kaplanMeierSubjects } from './kaplan-meier.js';
import { cohortRetention, kaplanMeier, mrrMovements } from './lib.js';
import { RssSampler, collectGarbage, inheritedExecArgv, median } from './measure.js';
import { generate as generateMrr, snapshotRows } from './revenue.js';

const CHILD_FLAG = '--memory-case';

/** The cases: each builds its input and returns the call to measure (its value is sent back). */
const CASES: Record<string, (size: number) => () => unknown> = {
  'cohortRetention-rows': (events) => {
    const rows = rowsFromColumns(generateColumns({ events, users: Math.floor(events / 20) }));
    return () => cohortRetention(rows, COHORT_OPTIONS);
  },
  'cohortRetention-columns': (events) => {
    const columns = generateColumns({ events, users: Math.floor(events / 20) });
    return () => cohortRetention(columns, COHORT_OPTIONS);
  },
  'mrrMovements-string': () => {
    const rows = snapshotRows(generateMrr(), 'string');
    return () => mrrMovements(rows).months.length;
  },
  'mrrMovements-integer': () => {
    const rows = snapshotRows(generateMrr(), 'integer');
    return () => mrrMovements(rows).months.length;
  },
  kaplanMeier: (n) => {
    const subjects = kaplanMeierSubjects(n);
    return () => kaplanMeier(subjects).curve.length;
  },
};

async function child(): Promise<void> {
  const [name, size, runs] = process.argv.slice(3);
  const sampler = new RssSampler();
  try {
    const build = CASES[name as string];
    if (build === undefined) throw new Error(`bench/memory.ts: no case ${name}`);
    const run = build(Number(size));
    let value = run(); // cold call
    const times: number[] = [];
    for (let r = 0; r < Number(runs); r++) {
      collectGarbage(true);
      const start = performance.now();
      value = run();
      times.push(performance.now() - start);
    }
    const { bytes } = await sampler.measure(run);
    process.send?.({ bytes, ms: times.length === 0 ? null : median(times), value });
  } catch (error) {
    process.send?.({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  } finally {
    await sampler.close();
  }
}

/** Peak RSS growth in bytes of one call of case `name` over `size` records, in a fresh process. */
export async function peakMemory(name: keyof typeof CASES, size: number): Promise<number> {
  return (await runInChild(name, size, 0)).bytes;
}

/**
 * Case `name` in a fresh process: a cold call, the median of `runs` timed calls after a
 * full GC each, the peak RSS growth of one more call, and the call's value.
 */
export function runInChild<T = unknown>(name: keyof typeof CASES, size: number, runs: number): Promise<{ ms: number; bytes: number; value: T }> {
  return new Promise((resolve, reject) => {
    const proc = fork(fileURLToPath(import.meta.url), [CHILD_FLAG, name, String(size), String(runs)], {
      execArgv: [...inheritedExecArgv(), '--expose-gc', '--single-threaded-gc', '--max-old-space-size=16384'],
      env: { ...process.env, MALLOC_MMAP_THRESHOLD_: '65536' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let message: { bytes?: number; ms?: number; value?: T; error?: string } = {};
    proc.on('message', (m) => {
      message = m as typeof message;
    });
    proc.on('exit', (code) => {
      if (message.bytes !== undefined) resolve({ ms: message.ms as number, bytes: message.bytes, value: message.value as T });
      else reject(new Error(`bench case ${name} failed: ${message.error ?? `exit ${code}`}`));
    });
  });
}

/** `12.3 MB`. */
export function formatMb(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

if (process.argv.includes(CHILD_FLAG)) await child();
