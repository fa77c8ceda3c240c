/**
 * DAU/WAU/MAU over two worker threads with merged accumulator states:
 * `npx tsx examples/worker-threads-dau.mts [events] [--check]` (default 10,000,000 events,
 * or `EVENTS=2e6`). Plain TypeScript syntax only, so Node 22.18+ also runs it as is
 * (`node examples/worker-threads-dau.mts`).
 *
 * The main thread generates a seeded, time-ordered event log as columns (Int32Array user
 * ids, Float64Array epoch ms) in shared memory, splits it in two halves by time, and
 * starts two workers (this same file). Each builds an `activeUsersAccumulator` over its
 * half and posts back `state()`; the main thread merges the two states and prints the last
 * day's DAU, WAU, MAU and DAU/MAU with the time taken. With at most 200,000 events, or with
 * `--check`, it also checks that the merged result deep-equals `activeUsers` over all the
 * events, and exits with status 1 if not.
 *
 * The same pattern shards a year of events over serverless invocations: each returns
 * `JSON.stringify(accumulator.state())`, and one more call merges them.
 * Checked by `npm run check` (scripts/smoke/examples.mjs) against the packed package.
 */
import { isDeepStrictEqual } from 'node:util';
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { activeUsers, activeUsersAccumulator, type ActiveUsersState } from 'customer-success-metrics/engagement';

const YEAR_START = Date.UTC(2024, 0, 1);
const YEAR_MS = 366 * 86_400_000;
const CHECK_LIMIT = 200_000;

/** What a worker gets: the shared columns and its half. */
interface Task {
  readonly userId: Int32Array;
  readonly timestamp: Float64Array;
  readonly start: number;
  readonly end: number;
}

/** What a worker posts back. */
interface Reply {
  readonly state: ActiveUsersState;
  readonly addMs: number;
  readonly stateMs: number;
}

/** mulberry32: a small seeded generator, so every run sees the same events. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `n` time-ordered events of up to `users` users over 2024 (UTC), in shared memory. Event
 * `i` falls at a random instant of its slot `[i, i + 1) × year / n`. Events come in bursts
 * of one user (a new burst with probability 0.2, so 5 events on average); users sign up
 * over the year (10% at the start, all by the end), and a burst's user is
 * `1 + ⌊signedUp × r³⌋` for uniform `r`: power-law-ish, early users far more active than
 * late ones.
 */
function generate(n: number, users: number): { userId: Int32Array; timestamp: Float64Array } {
  const random = seededRandom(20240101);
  const userId = new Int32Array(new SharedArrayBuffer(n * 4));
  const timestamp = new Float64Array(new SharedArrayBuffer(n * 8));
  let user = 1;
  for (let i = 0; i < n; i++) {
    timestamp[i] = YEAR_START + Math.floor(((i + random()) / n) * YEAR_MS);
    if (i === 0 || random() < 0.2) {
      const signedUp = Math.max(1, Math.floor(users * (0.1 + 0.9 * (i / n))));
      const r = random();
      user = 1 + Math.floor(signedUp * r * r * r);
    }
    userId[i] = user;
  }
  return { userId, timestamp };
}

/** Worker: an accumulator over its half of the columns; posts back the state. */
function work(task: Task): void {
  let started = performance.now();
  const accumulator = activeUsersAccumulator().add({
    userId: task.userId.subarray(task.start, task.end),
    timestamp: task.timestamp.subarray(task.start, task.end),
  });
  const addMs = performance.now() - started;
  started = performance.now();
  const state = accumulator.state();
  const reply: Reply = { state, addMs, stateMs: performance.now() - started };
  parentPort?.postMessage(reply);
}

/**
 * The workers' bootstrap: imports this file (which then runs `work`). Under tsx on Node
 * versions before 22.14, tsx registers its TypeScript loader on the main thread only, so
 * when the import fails for the `.ts` extension, the bootstrap registers tsx (from the
 * loader named in the inherited `--import` flag) and imports again.
 */
const BOOTSTRAP = `
const { workerData } = require('node:worker_threads');
import(workerData.entry).catch(async (error) => {
  const loader = process.execArgv.find((arg) => /[\\\\/]tsx[\\\\/]dist[\\\\/]loader\\.mjs$/.test(arg));
  if (error?.code !== 'ERR_UNKNOWN_FILE_EXTENSION' || loader === undefined) throw error;
  (await import(new URL('./esm/api/index.mjs', loader).href)).register();
  await import(workerData.entry + '?tsx');
});`;

function runWorker(task: Task): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(BOOTSTRAP, { eval: true, workerData: { entry: import.meta.url, task } });
    worker.once('message', (reply: Reply) => {
      resolve(reply);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (code !== 0) reject(new Error(`worker exited with ${code}`));
    });
  });
}

function readCount(args: readonly string[]): number {
  const given = args.find((arg) => !arg.startsWith('--')) ?? process.env['EVENTS'] ?? '10000000';
  const n = Number(given);
  if (!Number.isInteger(n) || n < 2) throw new Error(`not an event count: ${given}`);
  return n;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const n = readCount(args);
  const users = Math.max(1, Math.round(n / 20));
  const fmt = (value: number): string => value.toLocaleString('en-US');

  let started = performance.now();
  const columns = generate(n, users);
  console.log(`${fmt(n)} events of up to ${fmt(users)} users over 2024 (UTC), generated in ${(performance.now() - started).toFixed(0)} ms`);

  // Two halves by time, one per worker; the workers read the shared columns in place.
  const half = n >> 1;
  started = performance.now();
  const replies = await Promise.all([
    runWorker({ ...columns, start: 0, end: half }),
    runWorker({ ...columns, start: half, end: n }),
  ]);
  const workersMs = performance.now() - started;
  replies.forEach((reply, i) => {
    const days = reply.state.days.length;
    console.log(`  worker ${i + 1}: ${fmt(reply.state.users.length)} users, ${fmt(days)} user-days; add ${reply.addMs.toFixed(0)} ms, state ${reply.stateMs.toFixed(0)} ms`);
  });

  started = performance.now();
  const merged = activeUsersAccumulator();
  for (const reply of replies) merged.merge(reply.state);
  const mergeMs = performance.now() - started;
  started = performance.now();
  const result = merged.result();
  const resultMs = performance.now() - started;
  console.log(`workers (start, add, state, post) ${workersMs.toFixed(0)} ms; merge ${mergeMs.toFixed(0)} ms; result ${resultMs.toFixed(0)} ms; total ${(workersMs + mergeMs + resultMs).toFixed(0)} ms`);

  const last = result.days.at(-1);
  if (last === undefined) throw new Error('no days');
  console.log(`\nLast day ${last.date}`);
  console.log(`  DAU      ${last.dau}`);
  console.log(`  WAU      ${last.wau}   (7 days ending on it)`);
  console.log(`  MAU      ${last.mau}   (30 days ending on it)`);
  console.log(`  DAU/MAU  ${last.dauMau === null ? '-' : last.dauMau.toFixed(3)}`);

  if (n <= CHECK_LIMIT || args.includes('--check')) {
    started = performance.now();
    const whole = activeUsers(columns);
    const same = isDeepStrictEqual(result, whole);
    console.log(`\ncheck: the merged result ${same ? 'deep-equals' : 'DIFFERS FROM'} activeUsers over all events (one thread, ${(performance.now() - started).toFixed(0)} ms)`);
    if (!same) process.exitCode = 1;
  }
}

if (isMainThread) await main(); // an .mts file: ESM (top-level await) even in a CommonJS package
else work((workerData as { task: Task }).task);
