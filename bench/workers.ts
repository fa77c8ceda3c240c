/**
 * Benchmark: DAU/WAU/MAU of 10M events (500k users, seeded, time-ordered columns: Int32Array
 * ids, Float64Array epoch ms) in one thread against two worker threads with merged
 * accumulator states (`npx tsx bench/workers.ts`, after `npm run build`).
 *
 * Cases, each a warm-up call then the median of 3 timed calls, a full GC before each:
 * - (a) `activeUsers(columns)` in the main thread;
 * - (b) `activeUsersAccumulator().add(columns).result()` in the main thread;
 * - (c) two worker threads, each `activeUsersAccumulator().add(half).state()` over one half
 *   of the events by time, the state posted back (structured clone), both merged into a
 *   fresh accumulator in the main thread, then `result()`: timed from the main thread's
 *   request to the result, with the workers already started and the library loaded in
 *   them (a worker pool), the columns in shared memory (each shard reads its own data);
 * - (d) as (c), the states sent as JSON text (`JSON.stringify` in the worker, `JSON.parse`
 *   in the main thread), as serverless invocations would return them;
 * - (e) `activeUsers(rows)` in the main thread, rows `{ userId: 'u' + id, timestamp }` of
 *   the same events (string ids, as from a JSON or CSV source), and (f) as (c) over rows,
 *   each worker holding the rows of its half (built before timing): where an event costs
 *   more to read, the split pays more.
 * Every result must deep-equal (a)'s, or this throws.
 *
 * The whole benchmark runs in a child process with `--expose-gc`, so `benchWorkers()` can
 * be called from bench/run.ts as the other benchmarks are.
 */
import { fork } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { resolve as resolvePath } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import { Worker } from 'node:worker_threads';
import type { ActiveUsersState } from '../src/engagement/types.js';
import { activeUsers, activeUsersAccumulator } from './lib.js';
import { countUserDays, generateColumns, rowsFromColumns, type Row } from './generate.js';
import { collectGarbage, inheritedExecArgv, median } from './measure.js';
import { markdownTable } from './table.js';

const CHILD_FLAG = '--workers-case';
const EVENTS = 10_000_000;
const USERS = 500_000;
const RUNS = 3;

/** What the main thread asks a worker for: its half as columns or rows; the state as an object or JSON text. */
interface Request {
  readonly input: 'columns' | 'rows';
  readonly json: boolean;
}

/** Before each timed call: a full GC in each worker (they inherit `--expose-gc`). */
interface Collect {
  readonly gc: true;
}

/** What a worker answers per request. */
interface Reply {
  readonly state: ActiveUsersState | null;
  readonly json: string | null;
  readonly addMs: number;
  readonly stateMs: number;
  /** Wall-clock time (epoch ms) when the worker posted the reply. */
  readonly postedAt: number;
}

/**
 * The workers' code, plain JavaScript (no loader needed): loads the built library and
 * builds the rows of its half (as bench/generate.ts's rowsFromColumns does), then on each
 * request builds an accumulator over its half and posts back the state.
 */
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const { library, userId, timestamp, start, end } = workerData;
const columns = { userId: userId.subarray(start, end), timestamp: timestamp.subarray(start, end) };
let rows = null;
if (workerData.rows) {
  rows = new Array(end - start);
  for (let i = start; i < end; i++) rows[i - start] = { userId: 'u' + String(userId[i]), timestamp: timestamp[i] };
}
import(library).then(({ activeUsersAccumulator }) => {
  parentPort.on('message', ({ input, json, gc }) => {
    if (gc) {
      globalThis.gc?.();
      return parentPort.postMessage('collected');
    }
    const t0 = performance.now();
    const accumulator = activeUsersAccumulator().add(input === 'rows' ? rows : columns);
    const t1 = performance.now();
    const state = accumulator.state();
    const text = json ? JSON.stringify(state) : null;
    const t2 = performance.now();
    parentPort.postMessage({ state: json ? null : state, json: text, addMs: t1 - t0, stateMs: t2 - t1, postedAt: performance.timeOrigin + t2 });
  });
  parentPort.postMessage('ready');
});`;

/** One worker of the pool: started once, asked for a state per run. */
class Shard {
  private readonly worker: Worker;
  readonly ready: Promise<void>;

  constructor(columns: { userId: Int32Array; timestamp: Float64Array }, start: number, end: number, rows: boolean) {
    const library = new URL('../dist/index.js', import.meta.url).href;
    this.worker = new Worker(WORKER, { eval: true, workerData: { library, ...columns, start, end, rows } });
    this.ready = new Promise((resolve, reject) => {
      this.worker.once('message', () => resolve());
      this.worker.once('error', reject);
    });
  }

  /** Runs a full GC in the worker. */
  collect(): Promise<void> {
    return new Promise((resolve) => {
      this.worker.once('message', () => resolve());
      this.worker.postMessage({ gc: true } satisfies Collect);
    });
  }

  request(request: Request): Promise<Reply & { receivedAt: number }> {
    return new Promise((resolve, reject) => {
      this.worker.once('error', reject);
      this.worker.once('message', (reply: Reply) => {
        this.worker.off('error', reject);
        resolve({ ...reply, receivedAt: performance.timeOrigin + performance.now() });
      });
      this.worker.postMessage(request);
    });
  }

  async stop(): Promise<void> {
    await this.worker.terminate();
  }
}

/** The columns, copied into shared memory so the workers read them in place. */
function sharedColumns(): { userId: Int32Array; timestamp: Float64Array } {
  const generated = generateColumns({ events: EVENTS, users: USERS });
  const userId = new Int32Array(new SharedArrayBuffer(generated.userId.byteLength));
  userId.set(generated.userId);
  const timestamp = new Float64Array(new SharedArrayBuffer(generated.timestamp.byteLength));
  timestamp.set(generated.timestamp);
  return { userId, timestamp };
}

/** Warm-up call, then the median of RUNS timed calls, each after a full GC (in `shards` too). */
async function timed<T>(run: () => T | Promise<T>, shards: readonly Shard[] = []): Promise<{ ms: number; value: T }> {
  let value = await run();
  const times: number[] = [];
  for (let r = 0; r < RUNS; r++) {
    await Promise.all(shards.map((s) => s.collect()));
    collectGarbage(true);
    const start = performance.now();
    value = await run();
    times.push(performance.now() - start);
  }
  return { ms: median(times), value };
}

interface Breakdown {
  addMs: number;
  stateMs: number;
  transferMs: number;
  mergeMs: number;
  resultMs: number;
}

type CaseName = 'a' | 'b' | 'c' | 'd' | 'e' | 'f';

interface ChildResult {
  readonly ms: Record<CaseName, number>;
  readonly breakdowns: Record<'c' | 'd' | 'f', Breakdown>;
  readonly userDays: number;
  readonly stateUnits: number[];
  readonly jsonMb: number;
}

/** Two workers over the halves of the events, ready (rows built when asked for). */
async function startShards(columns: { userId: Int32Array; timestamp: Float64Array }, rows: boolean): Promise<Shard[]> {
  const half = EVENTS >> 1;
  const shards = [new Shard(columns, 0, half, rows), new Shard(columns, half, EVENTS, rows)];
  await Promise.all(shards.map((s) => s.ready));
  return shards;
}

async function child(): Promise<ChildResult> {
  const columns = sharedColumns();
  const userDays = countUserDays(columns, USERS);
  const ms = {} as Record<CaseName, number>;
  const a = await timed(() => activeUsers(columns));
  ms.a = a.ms;
  const expect = (name: CaseName, value: unknown): void => {
    if (!isDeepStrictEqual(value, a.value)) throw new Error(`(${name}) differs from (a) activeUsers over the columns`);
  };
  const b = await timed(() => activeUsersAccumulator().add(columns).result());
  expect('b', b.value);
  ms.b = b.ms;

  const breakdowns = {} as Record<'c' | 'd' | 'f', Breakdown>;
  let stateUnits: number[] = [];
  let jsonMb = 0;
  const sharded = async (name: 'c' | 'd' | 'f', shards: readonly Shard[], request: Request): Promise<void> => {
    let last: Breakdown = { addMs: 0, stateMs: 0, transferMs: 0, mergeMs: 0, resultMs: 0 };
    const run = await timed(async () => {
      const replies = await Promise.all(shards.map((s) => s.request(request)));
      const mergeStart = performance.now();
      const merged = activeUsersAccumulator();
      for (const reply of replies) merged.merge(reply.state ?? (JSON.parse(reply.json as string) as ActiveUsersState));
      const resultStart = performance.now();
      const result = merged.result();
      const end = performance.now();
      last = {
        addMs: Math.max(...replies.map((r) => r.addMs)),
        stateMs: Math.max(...replies.map((r) => r.stateMs)),
        transferMs: Math.max(...replies.map((r) => r.receivedAt - r.postedAt)),
        mergeMs: resultStart - mergeStart,
        resultMs: end - resultStart,
      };
      if (request.json) jsonMb = replies.reduce((sum, r) => sum + (r.json as string).length, 0) / 1_048_576;
      else if (request.input === 'columns') stateUnits = replies.map((r) => (r.state as ActiveUsersState).users.length);
      return result;
    }, shards);
    expect(name, run.value);
    ms[name] = run.ms;
    breakdowns[name] = last;
  };

  // Column shards hold no rows, so their heaps are as small as a column shard's would be.
  let shards = await startShards(columns, false);
  try {
    await sharded('c', shards, { input: 'columns', json: false });
    await sharded('d', shards, { input: 'columns', json: true });
  } finally {
    await Promise.all(shards.map((s) => s.stop()));
  }

  let rows: Row[] | null = rowsFromColumns(columns);
  const e = await timed(() => activeUsers(rows as Row[]));
  expect('e', e.value);
  ms.e = e.ms;
  rows = null;
  shards = await startShards(columns, true);
  try {
    await sharded('f', shards, { input: 'rows', json: false });
  } finally {
    await Promise.all(shards.map((s) => s.stop()));
  }
  return { ms, breakdowns, userDays, stateUnits, jsonMb };
}


function runChild(): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const proc = fork(fileURLToPath(import.meta.url), [CHILD_FLAG], {
      execArgv: [...inheritedExecArgv(), '--expose-gc', '--max-old-space-size=16384'],
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    let message: { result?: ChildResult; error?: string } = {};
    proc.on('message', (m) => {
      message = m as typeof message;
    });
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      if (message.result !== undefined) resolve(message.result);
      else reject(new Error(`workers bench failed: ${message.error ?? `exit ${code ?? signal}`}`));
    });
  });
}

export const WORKERS_HEADER = ['case', 'events', 'ms (median)', 'M events/s', 'speed-up over one thread'];

const LABELS: Record<CaseName, string> = {
  a: '(a) activeUsers, columns, one thread',
  b: '(b) activeUsersAccumulator add + result, columns, one thread',
  c: '(c) 2 workers over halves, columns: add + state(), post, merge, result',
  d: '(d) as (c), states as JSON text',
  e: '(e) activeUsers, rows (string ids), one thread',
  f: '(f) as (c), rows (string ids)',
};

/** The one-thread case each case is compared with. */
const BASELINE: Record<CaseName, CaseName> = { a: 'a', b: 'a', c: 'a', d: 'a', e: 'e', f: 'e' };

/** Runs the cases in a child process; returns the table rows and notes to print under it. */
export async function benchWorkers(): Promise<{ rows: string[][]; notes: string[] }> {
  const startLoad = loadavg()[0] ?? 0;
  const result = await runChild();
  const endLoad = loadavg()[0] ?? 0;
  const fmtMs = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
  const count = EVENTS.toLocaleString('en-US');
  const rows = (Object.keys(LABELS) as CaseName[]).map((name) => {
    const ms = result.ms[name];
    const speedUp = name === BASELINE[name] ? '—' : `${(result.ms[BASELINE[name]] / ms).toFixed(2)}×`;
    return [LABELS[name], count, fmtMs(ms), (EVENTS / ms / 1000).toFixed(1), speedUp];
  });
  const part = (b: Breakdown): string =>
    `add ${fmtMs(b.addMs)} ms and state() ${fmtMs(b.stateMs)} ms (slower worker), transfer ${fmtMs(b.transferMs)} ms, ` +
    `merge ${fmtMs(b.mergeMs)} ms, result ${fmtMs(b.resultMs)} ms`;
  const notes = [
    `${count} events (seeded, time-ordered; bench/generate.ts), ${USERS.toLocaleString('en-US')} users, ` +
      `${result.userDays.toLocaleString('en-US')} distinct user-days; the halves' states hold ` +
      `${result.stateUnits.map((u) => u.toLocaleString('en-US')).join(' and ')} users; as JSON, ${result.jsonMb.toFixed(1)} MB in all. ` +
      `Every result deep-equals (a)'s.`,
    `Last timed run of (c): ${part(result.breakdowns.c)}. Of (d): ${part(result.breakdowns.d)} ` +
      `(state() includes JSON.stringify, merge JSON.parse). Of (f): ${part(result.breakdowns.f)}.`,
    `Median of ${RUNS} after a warm-up, full GC before each (in the workers too); the workers are started, have loaded dist/ and (for (f) only) built their rows ` +
      `before timing, and read the columns from shared memory. ${cpus().length} CPUs; 1-minute load average ` +
      `${startLoad.toFixed(2)} at start, ${endLoad.toFixed(2)} at end.`,
  ];
  return { rows, notes };
}

if (process.argv.includes(CHILD_FLAG) && process.send !== undefined) {
  child().then(
    (result) => process.send?.({ result }),
    (error: unknown) => process.send?.({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
  );
} else if (process.argv[1] !== undefined && resolvePath(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`Node ${process.version}, ${process.arch}, seeded data\n`);
  console.log('## activeUsers: one thread against two worker threads with merged accumulator states\n');
  const { rows, notes } = await benchWorkers();
  console.log(markdownTable(WORKERS_HEADER, rows));
  console.log(`\n${notes.join('\n\n')}`);
}
