/**
 * Peak memory of one call, measured in a fresh process per case (as bench/active-users.ts
 * does), for the benchmarks that time their cases in the main process: cohortRetention,
 * mrrMovements and kaplanMeier. The child builds the case's seeded input, makes a cold call,
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
import { RssSampler } from './measure.js';
import { generate as generateMrr, snapshotRows } from './revenue.js';

const CHILD_FLAG = '--memory-case';

/** The cases: each builds its input and returns the call to measure. */
const CASES: Record<string, (size: number) => () => unknown> = {
  'cohortRetention-rows': (events) => {
    const rows = rowsFromColumns(generateColumns({ events, users: Math.floor(events / 20) }));
    return () => cohortRetention(rows, COHORT_OPTIONS).cohorts.length;
  },
  'cohortRetention-columns': (events) => {
    const columns = generateColumns({ events, users: Math.floor(events / 20) });
    return () => cohortRetention(columns, COHORT_OPTIONS).cohorts.length;
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
  const [name, size] = process.argv.slice(3);
  const sampler = new RssSampler();
  try {
    const build = CASES[name as string];
    if (build === undefined) throw new Error(`bench/memory.ts: no case ${name}`);
    const run = build(Number(size));
    run(); // cold call
    const { bytes } = await sampler.measure(run);
    process.send?.({ bytes });
  } catch (error) {
    process.send?.({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  } finally {
    await sampler.close();
  }
}

/** Peak RSS growth in bytes of one call of case `name` over `size` records, in a fresh process. */
export function peakMemory(name: keyof typeof CASES, size: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const proc = fork(fileURLToPath(import.meta.url), [CHILD_FLAG, name, String(size)], {
      execArgv: [...process.execArgv.filter((arg) => !arg.startsWith('--eval') && !arg.startsWith('--print')), '--expose-gc', '--single-threaded-gc', '--max-old-space-size=16384'],
      env: { ...process.env, MALLOC_MMAP_THRESHOLD_: '65536' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let message: { bytes?: number; error?: string } = {};
    proc.on('message', (m) => {
      message = m as typeof message;
    });
    proc.on('exit', (code) => {
      if (message.bytes !== undefined) resolve(message.bytes);
      else reject(new Error(`memory case ${name} failed: ${message.error ?? `exit ${code}`}`));
    });
  });
}

/** `12.3 MB`. */
export function formatMb(bytes: number): string {
  return `${(bytes / 1_048_576).toFixed(1)} MB`;
}

if (process.argv.includes(CHILD_FLAG)) await child();
