/**
 * Benchmark: MRR movements of 100,000 customers over 36 months (2022-01 to 2024-12).
 *
 * Seeded data shaped like a SaaS customer base: customers sign up uniformly over the 36
 * months on one of four plans (29, 99, 299, 999 a month, a few seats each); every month
 * a paying customer churns with probability 3%, expands 2%, contracts 1%, and a churned
 * one comes back with probability 2%. That gives 1,402,220 monthly snapshots
 * `{ accountId, month, mrr }` and 148,565 subscription periods.
 *
 * Cases, each on its own input (built just before, so the heap holds one data set at a
 * time), a cold call (the warm-up) then the median of 5 timed calls, each after a full GC:
 * - `mrrMovements` on rows with string ids (`'c123'`), in month order (as a table export
 *   sorted by month); the same with `perCustomer: true`; shuffled; with integer ids;
 * - `toMonthlySnapshots` from the subscription periods behind the same data (one period per
 *   stretch of constant MRR), and the two chained.
 * Every run is checked: the bridge identity holds in every month, ending MRR equals the sum
 * of the month's snapshots, and toMonthlySnapshots rebuilds exactly the generated snapshots.
 */
import { mrrMovements, toMonthlySnapshots } from './lib.js';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { seededRandom } from './random.js';
import { median } from './measure.js';
import { formatMb, peakMemory } from './memory.js';

const CUSTOMERS = 100_000;
const MONTHS = 36;
const FIRST_MONTH = 2022 * 12; // 2022-01
const RUNS = 5;
const PLANS = [29, 99, 299, 999];

interface Snapshot {
  readonly accountId: string | number;
  readonly month: string;
  readonly mrr: number;
}

interface Subscription {
  readonly accountId: string;
  readonly start: number;
  readonly end: number | null;
  readonly amount: number;
  readonly interval: 'month';
}

function monthText(m: number): string {
  return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
}

function monthStart(m: number): number {
  return Date.UTC(Math.floor(m / 12), m % 12, 1);
}

/** The generated MRR table: `mrr[c * MONTHS + m]` is customer c's MRR in month m (0 = not paying). */
export function generate(): Float64Array {
  const random = seededRandom(20240601);
  const mrr = new Float64Array(CUSTOMERS * MONTHS);
  for (let c = 0; c < CUSTOMERS; c++) {
    const signup = Math.floor(random() * MONTHS);
    let value = (PLANS[Math.floor(random() * PLANS.length)] as number) * (1 + Math.floor(random() * 3));
    let paying = true;
    for (let m = signup; m < MONTHS; m++) {
      if (m > signup) {
        const r = random();
        if (paying) {
          if (r < 0.03) paying = false;
          else if (r < 0.05) value = Math.round(value * 1.5);
          else if (r < 0.06) value = Math.max(1, Math.round(value * 0.7));
        } else if (r < 0.02) paying = true;
      }
      if (paying) mrr[c * MONTHS + m] = value;
    }
  }
  return mrr;
}

/** Snapshot rows in month order (a table export sorted by month), with string or integer ids. */
export function snapshotRows(mrr: Float64Array, ids: 'string' | 'integer'): Snapshot[] {
  const keys = Array.from({ length: MONTHS }, (_, m) => monthText(FIRST_MONTH + m));
  const rows: Snapshot[] = [];
  for (let m = 0; m < MONTHS; m++) {
    for (let c = 0; c < CUSTOMERS; c++) {
      const value = mrr[c * MONTHS + m] as number;
      if (value !== 0) rows.push({ accountId: ids === 'string' ? `c${c}` : c, month: keys[m] as string, mrr: value });
    }
  }
  return rows;
}

/** One monthly subscription per stretch of constant MRR; the last stretch stays open. */
export function subscriptionRows(mrr: Float64Array): Subscription[] {
  const subscriptions: Subscription[] = [];
  for (let c = 0; c < CUSTOMERS; c++) {
    let m = 0;
    while (m < MONTHS) {
      const value = mrr[c * MONTHS + m] as number;
      let next = m + 1;
      while (next < MONTHS && mrr[c * MONTHS + next] === value) next++;
      if (value > 0) {
        const end = next === MONTHS ? null : monthStart(FIRST_MONTH + next);
        subscriptions.push({ accountId: `c${c}`, start: monthStart(FIRST_MONTH + m), end, amount: value, interval: 'month' });
      }
      m = next;
    }
  }
  return subscriptions;
}

/** The engine's full garbage collection, reached without `--expose-gc` on the command line. */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function shuffledCopy<T>(items: readonly T[], seed: number): T[] {
  const random = seededRandom(seed);
  const copy = items.slice();
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}


/** Wall-clock and CPU milliseconds of a call. */
interface Timing {
  readonly ms: number;
  readonly cpuMs: number;
}

/**
 * A cold call, then RUNS timed calls, each after a full GC; `check` validates results.
 * Returns the median wall time and the median CPU time of this process (user + system, all
 * threads, so the GC's helper threads count), which is steadier on a busy machine.
 */
function time<T>(gc: () => void, run: () => T, check: (result: T) => void): Timing {
  check(run());
  const walls: number[] = [];
  const cpus: number[] = [];
  let result: T | undefined;
  for (let r = 0; r < RUNS; r++) {
    result = undefined;
    gc();
    const cpu = process.cpuUsage();
    const start = performance.now();
    result = run();
    walls.push(performance.now() - start);
    const used = process.cpuUsage(cpu);
    cpus.push((used.user + used.system) / 1000);
  }
  check(result as T);
  return { ms: median(walls), cpuMs: median(cpus) };
}

/** Sum of MRR per month of the generated table (integers: exact), for the checks. */
function monthTotals(mrr: Float64Array): Map<string, number> {
  const totals = new Map<string, number>();
  for (let m = 0; m < MONTHS; m++) {
    let sum = 0;
    for (let c = 0; c < CUSTOMERS; c++) sum += mrr[c * MONTHS + m] as number;
    totals.set(monthText(FIRST_MONTH + m), sum);
  }
  return totals;
}

function checkBridge(label: string, result: ReturnType<typeof mrrMovements>, totals: Map<string, number>): void {
  if (result.months.length !== MONTHS) throw new Error(`${label}: ${result.months.length} months, expected ${MONTHS}`);
  for (const m of result.months) {
    const end = m.startingMrr + m.newMrr + m.expansionMrr + m.reactivationMrr - m.contractionMrr - m.churnedMrr;
    // Integer MRRs: the identity and the totals are exact.
    if (end !== m.endingMrr) throw new Error(`${label}: bridge identity fails in ${m.month} (${end} vs ${m.endingMrr})`);
    if (m.endingMrr !== totals.get(m.month)) throw new Error(`${label}: ending MRR of ${m.month} is ${m.endingMrr}, snapshots sum to ${totals.get(m.month)}`);
  }
}

export const REVENUE_HEADER = ['case', 'records', 'ms (median of 5)', 'CPU ms (median)', 'M records/s', 'peak RSS growth'];

/** Runs every case; returns the table rows (bench/table.ts `markdownTable(REVENUE_HEADER, rows)`). */
export async function benchRevenue(): Promise<string[][]> {
  const gc = collector();
  const mrr = generate();
  const totals = monthTotals(mrr);
  const table: string[][] = [];
  const fmt = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
  const report = (label: string, records: number, { ms, cpuMs }: Timing, memory = '—'): void => {
    table.push([label, records.toLocaleString('en-US'), fmt(ms), fmt(cpuMs), (records / ms / 1000).toFixed(2), memory]);
  };
  const stringMemory = formatMb(await peakMemory('mrrMovements-string', 0));
  const integerMemory = formatMb(await peakMemory('mrrMovements-integer', 0));

  let rows = snapshotRows(mrr, 'string');
  const n = rows.length;
  report('mrrMovements, string ids, month order', n, time(gc, () => mrrMovements(rows), (r) => checkBridge('string ids', r, totals)), stringMemory);
  let movementRows = 0;
  report(
    'mrrMovements, string ids, month order, perCustomer: true',
    n,
    time(
      gc,
      () => mrrMovements(rows, { perCustomer: true }),
      (r) => {
        checkBridge('perCustomer', r, totals);
        movementRows = r.movements.length;
      },
    ),
  );
  rows = shuffledCopy(rows, 7);
  report('mrrMovements, string ids, shuffled', n, time(gc, () => mrrMovements(rows), (r) => checkBridge('shuffled', r, totals)));
  rows = snapshotRows(mrr, 'integer');
  report('mrrMovements, integer ids, month order', n, time(gc, () => mrrMovements(rows), (r) => checkBridge('integer ids', r, totals)), integerMemory);
  rows = [];

  const subscriptions = subscriptionRows(mrr);
  const through = { through: monthText(FIRST_MONTH + MONTHS - 1) };
  report(
    'toMonthlySnapshots (records: subscriptions; out: the snapshots above)',
    subscriptions.length,
    time(
      gc,
      () => toMonthlySnapshots(subscriptions, through),
      (snapshots) => {
        if (snapshots.length !== n) throw new Error(`toMonthlySnapshots: ${snapshots.length} snapshots, expected ${n}`);
        for (const snapshot of snapshots) {
          const c = Number(String(snapshot.accountId).slice(1));
          const m = Number(snapshot.month.slice(0, 4)) * 12 + Number(snapshot.month.slice(5)) - 1 - FIRST_MONTH;
          if (snapshot.mrr !== mrr[c * MONTHS + m]) throw new Error(`toMonthlySnapshots: ${snapshot.accountId} ${snapshot.month} is ${snapshot.mrr}, expected ${mrr[c * MONTHS + m]}`);
        }
      },
    ),
  );
  report(
    'toMonthlySnapshots, then mrrMovements (records: subscriptions)',
    subscriptions.length,
    time(gc, () => mrrMovements(toMonthlySnapshots(subscriptions, through)), (r) => checkBridge('chained', r, totals)),
  );
  table.push([`(${CUSTOMERS.toLocaleString('en-US')} customers, ${MONTHS} months, ${movementRows.toLocaleString('en-US')} customer movements)`, '', '', '', '', '']);
  return table;
}
