/**
 * Benchmark: the lifecycle module on a product event log of ~1M users and ~20M named
 * events (seeded): `journeys` (group events per user), a five-stage `lifecycle`
 * classification of every journey (signed up, account set up, aha, eureka, habit, built
 * from `hasEvent`, `allOf`, `eventCount` and `recurring`), the same classification as a
 * `lifecycleFunnel` over `eachJourney` (one journey in memory at a time), and
 * `growthLifecycle` (weekly and monthly new / returning / resurrecting / dormant) on the
 * same events.
 *
 * Data (`generateLifecycleEvents`): `generateColumns` (bench/generate.ts) gives the users,
 * signup days, power-law activity, churn and sessions of a time-ordered log; each event then
 * gets a name, as a code in a Uint8Array over a small names dictionary. A user's first
 * event is `signed_up`; by a seeded per-user depth, the next ones are `email_confirmed`,
 * `onboarding_completed` and (6th event) `billing_added`; the rest are `report_created`
 * (35%) or `login`. Memory: Int32Array ids, Float64Array epoch ms, Uint8Array name codes.
 * `journeys` reads names as strings, so its input gets a `name` column of interned strings
 * (one array of references, built before the timed call, as a dictionary-decoded Arrow
 * vector would hand it over).
 *
 * Every case runs in its own child process (forked with `--expose-gc`), which generates the
 * events itself: a cold call, then the median of `BENCH_LIFECYCLE_RUNS` (default 2) timed
 * calls, each after a full GC. Memory: peak RSS growth during a call above the RSS just
 * before it (after a GC, input in memory), sampled every 2 ms by a worker thread and
 * completed by the kernel's high-water mark (`process.resourceUsage().maxRSS`) when that
 * rose during the call; the largest over the calls. The peak RSS of the process during a
 * call (input included) is reported beside it.
 *
 * `BENCH_LIFECYCLE_EVENTS=2e6` runs a smaller log (users = events / 20).
 */
import { allOf, eachJourney, eventCount, growthLifecycle, hasEvent, journeys, lifecycle, lifecycleFunnel, recurring } from './lib.js';
import { fork } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import type { Journey } from '../src/lifecycle/types.js';
import { generateColumns } from './generate.js';
import { seededRandom } from './random.js';
import { RssSampler, inheritedExecArgv, median } from './measure.js';

/** The event names of the generated log, by code. */
export const EVENT_NAMES = ['signed_up', 'email_confirmed', 'onboarding_completed', 'billing_added', 'report_created', 'login'] as const;
const SIGNED_UP = 0;
const EMAIL_CONFIRMED = 1;
const ONBOARDING_COMPLETED = 2;
const BILLING_ADDED = 3;
const REPORT_CREATED = 4;
const LOGIN = 5;

/** A named event log as columns: `name` of event `i` is `names[nameCode[i]]`. */
export interface LifecycleEvents {
  readonly userId: Int32Array;
  readonly timestamp: Float64Array;
  readonly nameCode: Uint8Array;
  readonly names: readonly string[];
}

/** Time-ordered named events of `users` users over 2024; deterministic for given options. */
export function generateLifecycleEvents(options: { readonly events: number; readonly users: number; readonly seed?: number }): LifecycleEvents {
  const seed = options.seed ?? 20240101;
  const { userId, timestamp } = generateColumns({ events: options.events, users: options.users, seed });
  const random = seededRandom(seed ^ 0x5bd1e995);
  // Funnel depth per user: 0 signs up only, 1 confirms the email, 2 completes onboarding,
  // 3 also adds billing (when they have 6 events or more).
  const depth = new Uint8Array(options.users + 1);
  for (let u = 1; u <= options.users; u++) {
    const r = random();
    depth[u] = r < 0.2 ? 0 : r < 0.45 ? 1 : r < 0.75 ? 2 : 3;
  }
  const seen = new Int32Array(options.users + 1);
  const n = userId.length;
  const nameCode = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const u = userId[i] as number;
    const k = seen[u] as number;
    seen[u] = k + 1;
    const d = depth[u] as number;
    let code: number;
    if (k === 0) code = SIGNED_UP;
    else if (k === 1 && d >= 1) code = EMAIL_CONFIRMED;
    else if (k === 2 && d >= 2) code = ONBOARDING_COMPLETED;
    else if (k === 5 && d >= 3) code = BILLING_ADDED;
    else code = random() < 0.35 ? REPORT_CREATED : LOGIN;
    nameCode[i] = code;
  }
  return { userId, timestamp, nameCode, names: EVENT_NAMES };
}

/** The five-stage lifecycle of the benchmark (stage names as in the module's docs). */
function stages() {
  return {
    'signed-up': undefined,
    'account-set-up': allOf<number>(hasEvent('email_confirmed'), hasEvent('onboarding_completed')),
    aha: eventCount<number>('report_created', { atLeast: 3, withinDays: 14 }),
    eureka: hasEvent<number>('billing_added'),
    habit: recurring<number>('report_created', { period: 'week', times: 4 }),
  };
}

// ---------------------------------------------------------------------------------------
// Child process: one case.

const CHILD_FLAG = '--lifecycle-case';
type CaseName = 'journeys' | 'classify' | 'each-funnel' | 'growth-week' | 'growth-month';
const CASES: readonly CaseName[] = ['journeys', 'classify', 'each-funnel', 'growth-week', 'growth-month'];

interface CaseResult {
  readonly ms: number;
  readonly times: number[];
  /** Peak RSS growth during a call, bytes (largest over the calls). */
  readonly growth: number;
  /** The largest RSS during a call (input, call and result), bytes. */
  readonly peak: number;
  readonly note: string;
}





/**
 * Runs `call` once cold and `runs` times timed; memory is the largest growth of all. Only
 * a summary of each result is kept, so no result is alive during the next call (or the GC
 * before it).
 */
async function measureCalls<T, S>(
  sampler: RssSampler,
  runs: number,
  call: () => T,
  summarize: (value: T) => S,
): Promise<{ summary: S; times: number[]; growth: number; peak: number }> {
  // The summary is taken inside the measured run (it is cheap), so the result is garbage
  // when the run ends.
  const run = (): S => summarize(call());
  const cold = await sampler.measure(run);
  let growth = cold.bytes;
  let peak = cold.peak;
  let summary = cold.value;
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const measured = await sampler.measure(run);
    times.push(measured.ms);
    growth = Math.max(growth, measured.bytes);
    peak = Math.max(peak, measured.peak);
    summary = measured.value;
  }
  return { summary, times, growth, peak };
}

async function child(): Promise<void> {
  const [name, eventsArg, usersArg, runsArg] = process.argv.slice(3);
  const sampler = new RssSampler();
  try {
    const data = generateLifecycleEvents({ events: Number(eventsArg), users: Number(usersArg) });
    const runs = Number(runsArg);
    let measured: { times: number[]; growth: number; peak: number };
    let note: string;
    if (name === 'growth-week' || name === 'growth-month') {
      const columns = { userId: data.userId, timestamp: data.timestamp };
      const period = name === 'growth-week' ? 'week' : 'month';
      const result = await measureCalls(
        sampler,
        runs,
        () => growthLifecycle(columns, { period }),
        ({ periods }) => {
          const totals = periods.reduce((sum, p) => ({ new: sum.new + p.new, dormant: sum.dormant + p.dormant }), { new: 0, dormant: 0 });
          return `${periods.length} ${period}s, ${totals.new} new users in total (one per user), ${-totals.dormant} dormant transitions`;
        },
      );
      measured = result;
      note = result.summary;
    } else {
      // The name column as strings: one array of references to the interned names.
      const nameColumn: string[] = new Array<string>(data.nameCode.length);
      for (let i = 0; i < nameColumn.length; i++) nameColumn[i] = data.names[data.nameCode[i] as number] as string;
      const columns = { userId: data.userId, timestamp: data.timestamp, name: nameColumn };
      if (name === 'journeys') {
        const result = await measureCalls(sampler, runs, () => journeys(columns), (list) => `${list.length} journeys`);
        measured = result;
        note = result.summary;
      } else if (name === 'each-funnel') {
        // The same classification, one journey at a time: eachJourney reads and groups the
        // events, lifecycleFunnel classifies each journey as it comes.
        const classify = lifecycle<number>(stages());
        const result = await measureCalls(
          sampler,
          runs,
          () => lifecycleFunnel(eachJourney(columns), classify),
          (funnel) => `${funnel.journeys} journeys; current: ${funnel.stages.map((s) => `${s.name} ${s.current}`).join(', ')}, none ${funnel.atNoStage}`,
        );
        measured = result;
        note = result.summary;
      } else {
        // journeys + classification, timed together; the stage tally checks the work.
        const classify = lifecycle<number>(stages());
        const result = await measureCalls(sampler, runs, () => {
          const list: Journey<number>[] = journeys(columns);
          const tally = new Map<string | null, number>();
          for (const journey of list) {
            const stage = classify(journey).stage;
            tally.set(stage, (tally.get(stage) ?? 0) + 1);
          }
          return tally;
        }, (tally) => [...tally].map(([stage, count]) => `${stage ?? 'none'} ${count}`).join(', '));
        measured = result;
        note = `stages: ${result.summary}`;
      }
    }
    const message: CaseResult = {
      ms: median(measured.times),
      times: measured.times,
      growth: measured.growth,
      peak: measured.peak,
      note,
    };
    process.send?.({ result: message });
  } catch (error) {
    process.send?.({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  } finally {
    await sampler.close();
  }
}

// ---------------------------------------------------------------------------------------
// Parent: run the cases, build the table.


function runCase(name: CaseName, events: number, users: number, runs: number): Promise<CaseResult> {
  return new Promise((resolve, reject) => {
    const proc = fork(fileURLToPath(import.meta.url), [CHILD_FLAG, name, String(events), String(users), String(runs)], {
      execArgv: [...inheritedExecArgv(), '--expose-gc', '--max-old-space-size=16384'],
      // glibc: return freed blocks of 64 KiB or more to the system, so freed typed arrays
      // cannot hide a call's own allocations.
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
      else reject(new Error(`lifecycle bench case ${name} (${events} events) failed: ${message.error ?? `exit ${code ?? signal}`}`));
    });
  });
}

export const LIFECYCLE_HEADER = ['case', 'events', 'users', 'ms (median)', 'M events/s', 'peak RSS growth', 'peak RSS'];

const LABELS: Record<CaseName, string> = {
  journeys: 'journeys (columns: Int32 ids, Float64 ms, name strings)',
  classify: 'journeys + five-stage lifecycle of every journey',
  'each-funnel': 'eachJourney + five-stage lifecycle (funnel)',
  'growth-week': "growthLifecycle, period 'week' (columns)",
  'growth-month': "growthLifecycle, period 'month' (columns)",
};

function sizeFromEnv(name: string, fallback: number): number {
  const given = process.env[name];
  if (given === undefined || given.trim() === '') return fallback;
  const value = Number(given);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name}: not a positive integer: ${given}`);
  return value;
}

/** Runs every case; returns the table rows and notes to print under it. */
export async function benchLifecycle(): Promise<{ rows: string[][]; notes: string[] }> {
  if (process.argv.includes(CHILD_FLAG)) throw new Error('benchLifecycle: called inside a case process');
  const events = sizeFromEnv('BENCH_LIFECYCLE_EVENTS', 20_000_000);
  const users = Math.max(1, Math.round(events / 20));
  const runs = sizeFromEnv('BENCH_LIFECYCLE_RUNS', 2);
  const fmtMb = (bytes: number): string => `${(bytes / 1_048_576).toFixed(0)} MB`;
  const rows: string[][] = [];
  const notes: string[] = [];
  const startLoad = loadavg()[0] ?? 0;
  for (const name of CASES) {
    const result = await runCase(name, events, users, runs);
    rows.push([
      LABELS[name],
      events.toLocaleString('en-US'),
      users.toLocaleString('en-US'),
      result.ms >= 100 ? result.ms.toFixed(0) : result.ms.toFixed(1),
      (events / result.ms / 1000).toFixed(1),
      fmtMb(result.growth),
      fmtMb(result.peak),
    ]);
    notes.push(`${LABELS[name]}: ${result.note}; times ${result.times.map((t) => t.toFixed(0)).join(', ')} ms.`);
  }
  notes.push(
    `Each case in a fresh process: a cold call, then the median of ${runs} timed calls after a full GC. Peak RSS growth: ` +
      'above the RSS before the call (input in memory), largest over the calls, a lower bound; peak RSS: the process during a ' +
      `call, generated input (and, for journeys and eachJourney, the name-string column) included.`,
  );
  const endLoad = loadavg()[0] ?? 0;
  notes.push(`${cpus().length} CPUs, Node ${process.version}; 1-minute load average ${startLoad.toFixed(2)} at start, ${endLoad.toFixed(2)} at end.`);
  return { rows, notes };
}

if (process.argv[2] === CHILD_FLAG && process.send !== undefined) void child();
