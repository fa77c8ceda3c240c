/**
 * Benchmark: `activeUsers` (DAU/WAU/MAU for every day) against DuckDB on the same events.
 * Target (engagement issue): faster than DuckDB end to end (load + query) on the same
 * in-memory events; memory that grows with users and days, not events.
 *
 * Every case runs in its own child process (forked with `--expose-gc`), which generates
 * the seeded events itself, so no case pays for another's garbage or heap:
 * - ours on rows (string ids) and on columns (Int32Array ids + Float64Array epoch ms),
 *   time-ordered and shuffled: a cold call (the warm-up), then the median of 3 timed
 *   calls, each after a full GC; memory in a second process (below);
 * - the floor: reading every timestamp once (rows: `row.timestamp`; columns: the array);
 * - DuckDB (in-memory, 2 threads), INTEGER ids from the columns and VARCHAR ids from the
 *   rows: a cold run, then the median of 3 runs, each in a fresh database, load and query
 *   timed separately (bench/duckdb.ts); and 3 loads value by value, for reference.
 * Every day's dau, wau and mau of every case must equal DuckDB's, or this throws.
 *
 * Memory: peak RSS growth during a call above the RSS just before it (after a full GC,
 * input already in memory), sampled every 2 ms by a worker thread and completed with the
 * kernel's high-water mark (`process.resourceUsage().maxRSS`) when that rose during the
 * call; the largest over a cold and two warm calls of ours (in a process of its own with
 * `--single-threaded-gc`, so that sweeping finishes inside the GC before the baseline
 * instead of returning pages during the call), and over DuckDB's cold and timed load +
 * query runs (database included). It counts what the call allocates (V8 heap including
 * young-generation growth, typed arrays, DuckDB's native memory), not the input. Case
 * processes run with `MALLOC_MMAP_THRESHOLD_=65536`, so freed typed arrays go back to the
 * system instead of hiding new ones; V8 may still reuse free pages of a large heap (the
 * rows cases), so figures are lower bounds.
 *
 * `BENCH_SIZES=1e6` runs only the small size (default `1e6,1e7`, users = events / 20).
 */
import { activeUsers } from './lib.js';
import { fork } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { DuckDbEvents, LoadMethod, Series } from './duckdb.js';
import type { Events } from '../src/core/events.js';
import { countUserDays, generateColumns, rowsFromColumns, shuffleColumns, type Columns, type Row } from './generate.js';
import { RssSampler, collectGarbage, inheritedExecArgv, median } from './measure.js';

const CHILD_FLAG = '--active-users-case';
const RUNS = 3;
const MEMORY_RUNS = 3;
const MS_PER_DAY = 86_400_000;

type OursCase = 'rows' | 'rows-shuffled' | 'rows-integer' | 'columns' | 'columns-shuffled' | 'columns-arrays';
type DuckCase = 'duckdb-varchar' | 'duckdb-integer';
type CaseName = OursCase | DuckCase;
const CASES: readonly CaseName[] = ['rows', 'rows-shuffled', 'rows-integer', 'columns', 'columns-shuffled', 'columns-arrays', 'duckdb-varchar', 'duckdb-integer'];
const OURS_CASES = CASES.filter((name): name is OursCase => !name.startsWith('duckdb'));

interface OursTiming {
  readonly kind: 'ours-time';
  readonly ms: number;
  readonly floorMs: number | null;
  readonly userDays: number | null;
  readonly series: Series;
}

interface OursMemory {
  readonly kind: 'ours-memory';
  readonly memory: number;
}

interface DuckResult {
  readonly kind: 'duckdb';
  /** Medians: load with data chunks, load value by value, query, load (chunks) + query. */
  readonly chunksMs: number;
  readonly valuesMs: number;
  readonly queryMs: number;
  readonly totalMs: number;
  /** Largest peak RSS growth of a load (chunks) + query, database included. */
  readonly memory: number;
  readonly series: Series;
}

type CaseResult = OursTiming | OursMemory | DuckResult;



// ---------------------------------------------------------------------------------------
// Child process: one case.



function oursSeries(days: readonly { date: string; dau: number; wau: number; mau: number }[]): Series {
  return {
    firstDay: days.length === 0 ? 0 : Date.parse(`${(days[0] as { date: string }).date}T00:00:00Z`) / MS_PER_DAY,
    dau: days.map((d) => d.dau),
    wau: days.map((d) => d.wau),
    mau: days.map((d) => d.mau),
  };
}

type OursInput = Events<Row | { userId: number; timestamp: number }>;

function oursInput(name: OursCase, events: number, users: number): { input: OursInput; userDays: number | null } {
  let columns = generateColumns({ events, users });
  const userDays = name === 'columns' ? countUserDays(columns, users) : null;
  if (name.endsWith('shuffled')) columns = shuffleColumns(columns);
  if (name === 'rows-integer') {
    const rows = new Array<{ userId: number; timestamp: number }>(events);
    for (let i = 0; i < events; i++) rows[i] = { userId: columns.userId[i] as number, timestamp: columns.timestamp[i] as number };
    return { input: rows, userDays };
  }
  // Plain arrays of numbers: what DuckDB's getColumnsObjectJS() hands over for INTEGER and DOUBLE.
  if (name === 'columns-arrays') return { input: { userId: Array.from(columns.userId), timestamp: Array.from(columns.timestamp) }, userDays };
  return { input: name.startsWith('rows') ? rowsFromColumns(columns) : columns, userDays };
}

/** Timing process (default V8 flags): cold call, then timed calls, then the floor. */
async function timeOurs(name: OursCase, events: number, users: number): Promise<OursTiming> {
  const { input, userDays } = oursInput(name, events, users);
  let result = activeUsers(input);
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    collectGarbage(true);
    const start = performance.now();
    result = activeUsers(input);
    times.push(performance.now() - start);
  }

  let floorMs: number | null = null;
  if (name === 'rows' || name === 'columns') {
    const read = Array.isArray(input)
      ? (): number => {
          let sum = 0;
          for (let i = 0; i < input.length; i++) sum += (input[i] as Row).timestamp;
          return sum;
        }
      : (): number => {
          const timestamp = (input as Columns).timestamp;
          let sum = 0;
          for (let i = 0; i < timestamp.length; i++) sum += timestamp[i] as number;
          return sum;
        };
    let check = read();
    const floors: number[] = [];
    for (let r = 0; r < RUNS; r++) {
      const start = performance.now();
      check += read();
      floors.push(performance.now() - start);
    }
    if (!(check > 0)) throw new Error('floor: unexpected sum');
    floorMs = median(floors);
  }
  return { kind: 'ours-time', ms: median(times), floorMs, userDays, series: oursSeries(result.days) };
}

/** Memory process (`--single-threaded-gc`): largest peak RSS growth of a cold and two warm calls. */
async function memoryOurs(name: OursCase, events: number, users: number, sampler: RssSampler): Promise<OursMemory> {
  const { input } = oursInput(name, events, users);
  let memory = 0;
  for (let r = 0; r < MEMORY_RUNS; r++) memory = Math.max(memory, (await sampler.measure(() => activeUsers(input).days.length)).bytes);
  return { kind: 'ours-memory', memory };
}

async function runDuck(name: DuckCase, events: number, users: number, sampler: RssSampler): Promise<DuckResult> {
  const duck = await import('./duckdb.js');
  const columns = generateColumns({ events, users });
  const data: DuckDbEvents = name === 'duckdb-integer' ? { ids: 'integer', columns } : { ids: 'varchar', rows: rowsFromColumns(columns) };

  const cold = await sampler.measure(() => duck.duckDbActiveUsers(data, 'chunks'));
  const loads: number[] = [];
  const queries: number[] = [];
  const totals: number[] = [];
  let memory = cold.bytes;
  let series = cold.value.series;
  for (let r = 0; r < RUNS; r++) {
    const measured = await sampler.measure(() => duck.duckDbActiveUsers(data, 'chunks'));
    memory = Math.max(memory, measured.bytes);
    const run = measured.value;
    loads.push(run.loadMs);
    queries.push(run.queryMs);
    totals.push(run.loadMs + run.queryMs);
    series = run.series;
  }
  const values: number[] = [];
  const method: LoadMethod = 'values';
  for (let r = 0; r < RUNS; r++) {
    collectGarbage(true);
    const db = await duck.openDuckDb(data.ids);
    const start = performance.now();
    await duck.loadEvents(db.connection, data, method);
    values.push(performance.now() - start);
    duck.closeDuckDb(db);
  }
  return { kind: 'duckdb', chunksMs: median(loads), valuesMs: median(values), queryMs: median(queries), totalMs: median(totals), memory, series };
}

async function child(): Promise<void> {
  const [name, mode, events, users] = process.argv.slice(3);
  const sampler = mode === 'memory' || name?.startsWith('duckdb') === true ? new RssSampler() : null;
  try {
    const n = Number(events);
    const u = Number(users);
    const result: CaseResult = name?.startsWith('duckdb')
      ? await runDuck(name as DuckCase, n, u, sampler as RssSampler)
      : mode === 'memory'
        ? await memoryOurs(name as OursCase, n, u, sampler as RssSampler)
        : await timeOurs(name as OursCase, n, u);
    process.send?.({ result });
  } catch (error) {
    process.send?.({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  } finally {
    await sampler?.close();
  }
}

// ---------------------------------------------------------------------------------------
// Parent: run the cases, check agreement, build the table.


function runCase(name: CaseName, mode: 'time' | 'memory', events: number, users: number): Promise<CaseResult> {
  return new Promise((resolve, reject) => {
    const flags = ['--expose-gc', '--max-old-space-size=16384'];
    // Memory of ours: sweeping and unmapping finish inside gc() instead of running
    // concurrently with the measured call (which made the RSS baseline drift).
    if (mode === 'memory') flags.push('--single-threaded-gc');
    const proc = fork(fileURLToPath(import.meta.url), [CHILD_FLAG, name, mode, String(events), String(users)], {
      execArgv: [...inheritedExecArgv(), ...flags],
      // glibc: allocate every block of 64 KiB or more with mmap and return it on free, so
      // typed arrays freed before a call cannot hide the call's own allocations.
      env: { ...process.env, MALLOC_MMAP_THRESHOLD_: '65536' },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let message: { result?: CaseResult; error?: string } = {};
    proc.on('message', (m) => {
      message = m as typeof message;
    });
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      if (message.result !== undefined) resolve(message.result);
      else reject(new Error(`activeUsers bench case ${name} (${mode}, ${events} events) failed: ${message.error ?? `exit ${code ?? signal}`}`));
    });
  });
}

function assertSameSeries(label: string, actual: Series, expected: Series): void {
  const length = expected.dau.length;
  if (actual.firstDay !== expected.firstDay || actual.dau.length !== length || actual.wau.length !== length || actual.mau.length !== length) {
    throw new Error(`${label}: range differs from DuckDB's (first day ${actual.firstDay} vs ${expected.firstDay}, ${actual.dau.length} vs ${length} days)`);
  }
  for (const key of ['dau', 'wau', 'mau'] as const) {
    for (let d = 0; d < length; d++) {
      if (actual[key][d] !== expected[key][d]) {
        const date = new Date((expected.firstDay + d) * MS_PER_DAY).toISOString().slice(0, 10);
        throw new Error(`${label}: ${key} on ${date} is ${actual[key][d]}, DuckDB says ${expected[key][d]}`);
      }
    }
  }
}

export const ACTIVE_USERS_HEADER = ['case', 'events', 'ms (median)', 'M events/s', 'peak RSS growth', 'ours ÷ DuckDB load+query', 'ours ÷ DuckDB query'];

const LABELS: Record<OursCase, string> = {
  rows: 'activeUsers, rows (string ids), time-ordered',
  'rows-shuffled': 'activeUsers, rows (string ids), shuffled',
  columns: 'activeUsers, columns (Int32 ids, Float64 ms), time-ordered',
  'columns-shuffled': 'activeUsers, columns (Int32 ids, Float64 ms), shuffled',
  'rows-integer': 'activeUsers, rows (integer ids), time-ordered',
  'columns-arrays': 'activeUsers, columns (plain arrays of numbers), time-ordered',
};

function sizesFromEnv(): number[] {
  const given = process.env['BENCH_SIZES'];
  const sizes = (given === undefined || given.trim() === '' ? '1e6,1e7' : given).split(',').map((s) => Number(s.trim()));
  for (const size of sizes) if (!Number.isInteger(size) || size < 20) throw new Error(`BENCH_SIZES: not an event count: ${given}`);
  return sizes;
}

/** Runs every case for each size; returns the table rows and notes to print under it. */
export async function benchActiveUsers(): Promise<{ rows: string[][]; notes: string[] }> {
  if (process.argv.includes(CHILD_FLAG)) throw new Error('benchActiveUsers: called inside a case process');
  const rows: string[][] = [];
  const notes: string[] = [];
  const fmtMs = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
  const fmtRate = (events: number, ms: number): string => (events / ms / 1000).toFixed(1);
  const fmtMb = (bytes: number): string => `${(bytes / 1_048_576).toFixed(1)} MB`;
  const fmtRatio = (ours: number, theirs: number): string => (ours / theirs).toFixed(2);
  const startLoad = loadavg()[0] ?? 0;

  for (const events of sizesFromEnv()) {
    const users = Math.round(events / 20);
    const results = {} as Record<CaseName, CaseResult>;
    const memory = {} as Record<OursCase, number>;
    for (const name of CASES) {
      results[name] = await runCase(name, 'time', events, users);
      if (!name.startsWith('duckdb')) memory[name as OursCase] = ((await runCase(name, 'memory', events, users)) as OursMemory).memory;
    }
    const duckInt = results['duckdb-integer'] as DuckResult;
    const duckVarchar = results['duckdb-varchar'] as DuckResult;
    assertSameSeries(`DuckDB VARCHAR ids (${events} events)`, duckVarchar.series, duckInt.series);
    const count = events.toLocaleString('en-US');
    for (const name of OURS_CASES) {
      const ours = results[name] as OursTiming;
      assertSameSeries(`${LABELS[name]} (${events} events)`, ours.series, duckInt.series);
      const duck = name.startsWith('rows') ? duckVarchar : duckInt;
      rows.push([LABELS[name], count, fmtMs(ours.ms), fmtRate(events, ours.ms), fmtMb(memory[name]), fmtRatio(ours.ms, duck.totalMs), fmtRatio(ours.ms, duck.queryMs)]);
    }
    const rowFloor = (results['rows'] as OursTiming).floorMs as number;
    const columnFloor = (results['columns'] as OursTiming).floorMs as number;
    rows.push(['floor: read row.timestamp of every row', count, fmtMs(rowFloor), fmtRate(events, rowFloor), '—', '—', '—']);
    rows.push(['floor: read every Float64Array timestamp', count, fmtMs(columnFloor), fmtRate(events, columnFloor), '—', '—', '—']);
    for (const [label, duck] of [['VARCHAR ids (rows)', duckVarchar], ['INTEGER ids (columns)', duckInt]] as const) {
      rows.push([`DuckDB ${label}: load, appender with data chunks`, count, fmtMs(duck.chunksMs), fmtRate(events, duck.chunksMs), '—', '—', '—']);
      rows.push([`DuckDB ${label}: load, appender value by value`, count, fmtMs(duck.valuesMs), fmtRate(events, duck.valuesMs), '—', '—', '—']);
      rows.push([`DuckDB ${label}: query`, count, fmtMs(duck.queryMs), fmtRate(events, duck.queryMs), '—', '—', '—']);
      rows.push([`DuckDB ${label}: load (chunks) + query`, count, fmtMs(duck.totalMs), fmtRate(events, duck.totalMs), fmtMb(duck.memory), '—', '—']);
    }
    const userDays = (results['columns'] as OursTiming).userDays;
    notes.push(
      `${count} events: ${users.toLocaleString('en-US')} users, ${(userDays ?? 0).toLocaleString('en-US')} distinct user-days, ` +
        `${duckInt.series.dau.length} days; every day's dau/wau/mau of every activeUsers case equals DuckDB's (INTEGER and VARCHAR).`,
    );
  }
  const endLoad = loadavg()[0] ?? 0;
  notes.push(
    `Each case in a fresh process. ours: median of ${RUNS} calls after a cold call; DuckDB: median of ${RUNS} runs in fresh ` +
      `in-memory databases (threads=2) after a cold run. Ratios: rows against DuckDB VARCHAR ids, columns against DuckDB INTEGER ids ` +
      `(data-chunk load); < 1 means ours is faster. Peak RSS growth: largest over the calls, input excluded, DuckDB's database ` +
      `included; a lower bound (method in bench/active-users.ts).`,
  );
  notes.push(`${cpus().length} CPUs; 1-minute load average ${startLoad.toFixed(2)} at start, ${endLoad.toFixed(2)} at end.`);
  return { rows, notes };
}

if (process.argv[2] === CHILD_FLAG && process.send !== undefined) void child();
