import { monthKey } from '../core/calendar.js';
import { fail } from '../core/errors.js';
import { optionsOf } from '../core/options.js';
import { readConfidence, readInteger } from '../core/read.js';
import { zoneCalendar } from '../core/time-zone.js';
import { CompensatedSummer } from '../stats/compensated-sum.js';
import { wilsonInterval } from '../stats/wilson-interval.js';
import { MIN_MONTH, readMonthOption } from './internal/revenue-months.js';
import { ratioOrNull, readMrrMonths, type MonthRow } from './internal/revenue-rates-months.js';
import { LIFETIME_VALUE_INPUTS_OPTION_KEYS, type LifetimeValueInputsInput, type LifetimeValueInputsOptions, type LifetimeValueInputsResult } from './types.js';

/**
 * The monthly ARPA and churn rates a customer lifetime value needs, averaged over a window
 * of recent months.
 *
 * Input: the `mrrMovements` result as it is (`lifetimeValueInputs(mrrMovements(snapshots))`),
 * or any `{ months }` whose rows carry the fields read. The result goes as it is into the
 * scores module: `customerLifetimeValue(lifetimeValueInputs(movements), { grossMargin })`
 * reads its `arpa` and `logoChurn`.
 *
 * Definition, over the input months from `to − windowMonths + 1` to `to`:
 * - `arpa = Σ endingMrr / Σ customers.end` (the mean ending MRR over the mean number of
 *   ending customers: ARPA weighted by customers);
 * - `logoChurn = Σ customers.churned / Σ customers.start`, the mean of the monthly logo
 *   churn rates weighted by the customers at each start, so a small early month does not
 *   swing it; an `Estimate` with its Wilson interval at `confidence` (churned
 *   customer-months of customer-months at risk);
 * - `revenueChurnRate = Σ (churnedMrr + contractionMrr) / Σ startingMrr`, the mean
 *   monthly gross MRR churn weighted by starting MRR (net churn can be negative, which no
 *   lifetime formula takes).
 * All three are monthly, in the currency units of the MRR. Sums use compensated summation.
 *
 * Source: the `LTV = ARPA × gross margin / churn rate` inputs of David Skok's "SaaS
 * Metrics 2.0" and of ChartMogul's LTV (ARPA over customer churn rate); ProfitWell's LTV
 * is roughly ARPU / (1 − retention) with smoothing on top, where a plain window mean
 * is used here.
 *
 * Cost: O(n) for n months (O(n log n) when they are not in order).
 *
 * Default window: the `windowMonths` months ending in the latest complete input month (a
 * month in progress, `complete: false` as `mrrMovements` flags it, has churn still to come
 * and would bias the rates low, so the default leaves it out). A window longer than the
 * data uses the months there are (`monthCount` says how many): unlike a retention window, a
 * mean monthly rate keeps its meaning over fewer months, with a wider interval. An explicit
 * `to` counts the months asked for, in progress or not, and `complete` says whether they
 * all are.
 *
 * Edge cases: no months in the window gives `monthCount: 0`, `null` figures and a `reason`;
 * a zero denominator gives `null`.
 *
 * @param movements the `mrrMovements` result, or `{ months }`: rows in any order, each
 * month at most once; only `month`, `complete` (optional), `startingMrr`, `contractionMrr`,
 * `churnedMrr`, `endingMrr` and `customers.start` / `churned` / `end` are read.
 * @param options `{ windowMonths? = 12, to?, confidence? = 0.95 }`.
 * @throws {MetricsInputError} `movements.months[i].month` not a month `YYYY-MM`
 * (`'invalid-month'`) or repeated (`'duplicate-month'`); an amount that is not a finite
 * number >= 0 or a count that is not an integer >= 0 (`'invalid-number'`, the message naming
 * the month); a `complete` that is not a boolean (`'invalid-boolean'`);
 * `'inconsistent-movements'` when `customers.churned > customers.start` or `churnedMrr +
 * contractionMrr > startingMrr`; `'unknown-option'` for a key that is not an option;
 * `options.windowMonths` not an integer >= 1 (`'invalid-number'`) or reaching before
 * 0001-01 (`'invalid-option'`); `options.to` not a month, a date or a timestamp
 * (`'invalid-timestamp'`); a bad confidence or a `null` option (`'invalid-option'`);
 * `'invalid-input'` when `movements` is not an object with a `months` list; `'overflow'`
 * when a sum or a ratio overflows.
 *
 * @example
 * ```ts
 * import { lifetimeValueInputs, mrrMovements } from 'customer-success-metrics/revenue';
 * // A bridge exported from another tool, as { months }.
 * const months = [
 *   { month: '2024-01', startingMrr: 1000, contractionMrr: 10, churnedMrr: 40, endingMrr: 1100, customers: { start: 20, churned: 1, end: 22 } },
 *   { month: '2024-02', startingMrr: 1100, contractionMrr: 0, churnedMrr: 50, endingMrr: 1100, customers: { start: 22, churned: 1, end: 22 } },
 *   { month: '2024-03', startingMrr: 1100, contractionMrr: 20, churnedMrr: 30, endingMrr: 1200, customers: { start: 22, churned: 2, end: 24 } },
 * ];
 * const inputs = lifetimeValueInputs({ months }, { windowMonths: 3 });
 * [inputs.from, inputs.to, inputs.monthCount]; // => ['2024-01', '2024-03', 3]
 * inputs.arpa; // => 50
 * inputs.logoChurn?.value; // => 0.0625
 * inputs.revenueChurnRate; // => 0.046875
 * // March still in progress: the default window ends in February.
 * const partial = lifetimeValueInputs({ months: [...months.slice(0, 2), { ...months[2], complete: false }] }, { windowMonths: 3 });
 * [partial.from, partial.to, partial.monthCount, partial.complete]; // => ['2023-12', '2024-02', 2, true]
 * // Straight from mrrMovements: 2 accounts at each start, 1 churned in February; ARPA (200 + 100) / (2 + 1).
 * const bridge = mrrMovements([
 *   { accountId: 'acme', month: '2024-01', mrr: 100 },
 *   { accountId: 'bolt', month: '2024-01', mrr: 100 },
 *   { accountId: 'bolt', month: '2024-02', mrr: 100 },
 * ]);
 * const fromBridge = lifetimeValueInputs(bridge);
 * [fromBridge.monthCount, fromBridge.arpa, fromBridge.logoChurn?.value]; // => [2, 100, 0.25]
 * ```
 */
export function lifetimeValueInputs(movements: LifetimeValueInputsInput, options?: LifetimeValueInputsOptions): LifetimeValueInputsResult {
  const fn = 'lifetimeValueInputs';
  const opts = optionsOf(options, fn, LIFETIME_VALUE_INPUTS_OPTION_KEYS);
  const windowMonths = opts.windowMonths === undefined ? 12 : readInteger(opts.windowMonths, fn, 'options.windowMonths', 1);
  const givenTo = readMonthOption(opts.to, fn, 'options.to', zoneCalendar('UTC', fn));
  const confidence = readConfidence(opts.confidence, fn);
  const rows = readMrrMonths(fn, movements, ['startingMrr', 'contractionMrr', 'churnedMrr', 'endingMrr'], ['start', 'churned', 'end']);
  const to = givenTo ?? latestComplete(rows);
  const empty = { windowMonths, monthCount: 0, complete: true, confidence, arpa: null, logoChurn: null, revenueChurnRate: null };
  if (to === null) {
    return { ...empty, from: null, to: null, reason: rows.length === 0 ? 'there are no months' : 'no input month is complete (every one has complete: false); pass to' };
  }
  const from = to - windowMonths + 1;
  if (from < MIN_MONTH) fail(fn, 'options.windowMonths', 'invalid-option', `reaches before 0001-01 from ${monthKey(to)}`, windowMonths);
  const inside = rows.filter((r) => r.monthNumber >= from && r.monthNumber <= to);
  if (inside.length === 0) {
    const span = rows.length === 0 ? 'there are no months' : `the months run from ${(rows[0] as MonthRow).month} to ${(rows[rows.length - 1] as MonthRow).month}`;
    return { ...empty, from: monthKey(from), to: monthKey(to), reason: `no input month from ${monthKey(from)} to ${monthKey(to)}: ${span}` };
  }
  return { windowMonths, from: monthKey(from), to: monthKey(to), confidence, reason: null, ...pooled(fn, inside, confidence) };
}

/** The latest month with `complete` true, or `null`. */
function latestComplete(rows: readonly MonthRow[]): number | null {
  for (let i = rows.length - 1; i >= 0; i--) if ((rows[i] as MonthRow).complete) return (rows[i] as MonthRow).monthNumber;
  return null;
}

/** The figures pooled over the months of the window. */
function pooled(
  fn: string,
  rows: readonly MonthRow[],
  confidence: number,
): Pick<LifetimeValueInputsResult, 'monthCount' | 'complete' | 'arpa' | 'logoChurn' | 'revenueChurnRate'> {
  const ending = new CompensatedSummer();
  const starting = new CompensatedSummer();
  const lost = new CompensatedSummer();
  let endCustomers = 0;
  let startCustomers = 0;
  let churnedCustomers = 0;
  let complete = true;
  for (const { money, customers, complete: done } of rows) {
    ending.add(money.endingMrr);
    starting.add(money.startingMrr);
    lost.add(money.churnedMrr);
    lost.add(money.contractionMrr);
    endCustomers += customers.end;
    startCustomers += customers.start;
    churnedCustomers += customers.churned;
    complete &&= done;
  }
  for (const sum of [ending, starting, lost]) {
    if (!Number.isFinite(sum.value)) fail(fn, 'movements.months', 'overflow', 'hold amounts that add up past the largest finite number', sum.value);
  }
  return {
    monthCount: rows.length,
    complete,
    arpa: ratioOrNull(ending.value, endCustomers, fn, 'movements.months', ending.value),
    logoChurn: wilsonInterval(churnedCustomers, startCustomers, { confidence }),
    // Each month's losses are at most its starting MRR, so the ratio is at most 1 up to rounding.
    revenueChurnRate: starting.value === 0 ? null : Math.min(1, lost.value / starting.value),
  };
}
