import { monthKey } from '../core/calendar.js';
import { fail } from '../core/errors.js';
import { optionsOf } from '../core/options.js';
import { readConfidence, readInteger } from '../core/read.js';
import type { Estimate } from '../core/types.js';
import { CompensatedSummer } from '../stats/compensated-sum.js';
import { wilsonInterval } from '../stats/wilson-interval.js';
import { MIN_MONTH, readMonthOrDate } from './internal/revenue-months.js';
import { ratioOrNull, readMrrMonths, type MonthRow } from './internal/revenue-rates-months.js';
import type { MrrMonth } from './revenue-types.js';

/** The fields of an `MrrMonth` that {@link lifetimeValueInputs} reads. */
export interface LifetimeValueInputsInput extends Pick<MrrMonth, 'month' | 'startingMrr' | 'contractionMrr' | 'churnedMrr' | 'endingMrr'> {
  /** The customer counts read: `start`, `churned` and `end`. */
  readonly customers: Pick<MrrMonth['customers'], 'start' | 'churned' | 'end'>;
  /** Whether the month is over (as `mrrMovements` reports it); left out, the month is taken as complete. */
  readonly complete?: boolean;
}

/** Options of {@link lifetimeValueInputs}. */
export interface LifetimeValueInputsOptions {
  /** Months in the window, an integer >= 1 (default 12). */
  readonly window?: number;
  /**
   * Last month of the window: a month `YYYY-MM`, or a date `YYYY-MM-DD` standing for the
   * month containing it (default: the latest complete input month).
   */
  readonly to?: string;
  /** Confidence level of the logo churn interval, strictly between 0 and 1 (default 0.95). */
  readonly confidence?: number;
}

/** Every key of {@link LifetimeValueInputsOptions}. */
const LIFETIME_VALUE_INPUTS_OPTION_KEYS: readonly string[] = ['window', 'to', 'confidence'];

/** Result of {@link lifetimeValueInputs}: monthly figures for `customerLifetimeValue`. */
export interface LifetimeValueInputsResult {
  /** Months in the window. */
  readonly window: number;
  /** First month of the window, `YYYY-MM`; `null` without months and without `to`. */
  readonly from: string | null;
  /** Last month of the window, `YYYY-MM`; `null` without months and without `to`. */
  readonly to: string | null;
  /** Input months inside the window (fewer than `window` when the data is shorter). */
  readonly months: number;
  /** Whether every month counted is complete (its input `complete` flag; `true` when none is counted). */
  readonly complete: boolean;
  /** Why no month is counted, in words; `null` when `months` > 0. */
  readonly reason: string | null;
  /** Confidence level of the logo churn interval. */
  readonly confidence: number;
  /** Average MRR per customer: `Σ endingMrr / Σ customers.end`; `null` when no customer was counted. */
  readonly arpa: number | null;
  /** Mean monthly logo churn: `Σ customers.churned / Σ customers.start`; `null` when no customer was at a start. */
  readonly logoChurnRate: number | null;
  /** Wilson interval of `logoChurnRate` (churned customer-months of customer-months at risk). */
  readonly logoChurnInterval: Estimate | null;
  /** Mean monthly gross MRR churn: `Σ (churnedMrr + contractionMrr) / Σ startingMrr`, in [0, 1]; `null` when no MRR was at a start. */
  readonly revenueChurnRate: number | null;
}

/**
 * The monthly ARPA and churn rates a customer lifetime value needs, averaged over a window
 * of recent months.
 *
 * Definition, over the input months from `to − window + 1` to `to`:
 * - `arpa = Σ endingMrr / Σ customers.end` (the mean ending MRR over the mean number of
 *   ending customers: ARPA weighted by customers);
 * - `logoChurnRate = Σ customers.churned / Σ customers.start`, the mean of the monthly logo
 *   churn rates weighted by the customers at each start, so a small early month does not
 *   swing it; with a Wilson interval;
 * - `revenueChurnRate = Σ (churnedMrr + contractionMrr) / Σ startingMrr`, the mean
 *   monthly gross MRR churn weighted by starting MRR (net churn can be negative, which no
 *   lifetime formula takes).
 * All three are monthly, in the currency units of the MRR, ready for the scores module:
 * `customerLifetimeValue({ arpa, grossMargin, churnRate: logoChurnRate })` (or
 * `revenueChurnRate` for a revenue-based lifetime); check for `null` first. Sums use
 * compensated summation.
 *
 * Source: the `LTV = ARPA × gross margin / churn rate` inputs of David Skok's "SaaS
 * Metrics 2.0" and of ChartMogul's LTV (ARPA over customer churn rate); ProfitWell's LTV
 * is roughly ARPU / (1 − retention) with smoothing on top, where a plain window mean
 * is used here.
 *
 * Cost: O(n) for n months (O(n log n) when they are not in order).
 *
 * Default window: the `window` months ending in the latest complete input month (a month
 * in progress, `complete: false` as `mrrMovements` flags it, has churn still to come and
 * would bias the rates low, so the default leaves it out). A window longer than the data
 * uses the months there are (`months` says how many): unlike a retention window, a mean
 * monthly rate keeps its meaning over fewer months, with a wider interval. An explicit
 * `to` counts the months asked for, in progress or not, and `complete` says whether they
 * all are.
 *
 * Edge cases: no months in the window gives `months: 0`, `null` rates and a `reason`; a
 * zero denominator gives `null`.
 *
 * @param months `MrrMonth` rows (as `mrrMovements` returns them), in any order, each month
 * at most once; only `month`, `complete` (optional), `startingMrr`, `contractionMrr`,
 * `churnedMrr`, `endingMrr` and `customers.start` / `churned` / `end` are read.
 * @param options `{ window? = 12, to?, confidence? = 0.95 }`.
 * @throws {MetricsInputError} `months[i].month` not a month `YYYY-MM` (`'invalid-month'`) or
 * repeated (`'duplicate-month'`); an amount that is not a finite number >= 0 or a count
 * that is not an integer >= 0 (`'invalid-number'`, the message naming the month); a
 * `complete` that is not a boolean (`'invalid-boolean'`); `'inconsistent-movements'` when
 * `customers.churned > customers.start` or `churnedMrr + contractionMrr > startingMrr`;
 * `'unknown-option'` for a key that is not an option; `options.window` not an integer >= 1
 * (`'invalid-number'`) or reaching before 0001-01, `options.to` not a month or a date, a
 * bad confidence, a `null` option (`'invalid-option'`); `'invalid-input'` when `months` is
 * not iterable; `'overflow'` when a sum or a ratio overflows.
 *
 * @example
 * ```ts
 * import { lifetimeValueInputs } from 'customer-success-metrics/revenue';
 * const months = [
 *   { month: '2024-01', startingMrr: 1000, contractionMrr: 10, churnedMrr: 40, endingMrr: 1100, customers: { start: 20, churned: 1, end: 22 } },
 *   { month: '2024-02', startingMrr: 1100, contractionMrr: 0, churnedMrr: 50, endingMrr: 1100, customers: { start: 22, churned: 1, end: 22 } },
 *   { month: '2024-03', startingMrr: 1100, contractionMrr: 20, churnedMrr: 30, endingMrr: 1200, customers: { start: 22, churned: 2, end: 24 } },
 * ];
 * const inputs = lifetimeValueInputs(months, { window: 3 });
 * [inputs.from, inputs.to, inputs.months]; // => ['2024-01', '2024-03', 3]
 * inputs.arpa; // => 50
 * inputs.logoChurnRate; // => 0.0625
 * inputs.revenueChurnRate; // => 0.046875
 * // March still in progress: the default window ends in February.
 * const partial = lifetimeValueInputs([...months.slice(0, 2), { ...months[2], complete: false }], { window: 3 });
 * [partial.from, partial.to, partial.months, partial.complete]; // => ['2023-12', '2024-02', 2, true]
 * // customerLifetimeValue({ arpa: 50, grossMargin: 0.8, churnRate: 0.0625 }).value is 640
 * ```
 */
export function lifetimeValueInputs(months: Iterable<LifetimeValueInputsInput>, options?: LifetimeValueInputsOptions): LifetimeValueInputsResult {
  const fn = 'lifetimeValueInputs';
  const opts = optionsOf(options, fn, LIFETIME_VALUE_INPUTS_OPTION_KEYS);
  const window = opts.window === undefined ? 12 : readInteger(opts.window, fn, 'options.window', 1);
  const givenTo = readMonthOrDate(opts.to, fn, 'options.to');
  const confidence = readConfidence(opts.confidence, fn);
  const rows = readMrrMonths(fn, months, ['startingMrr', 'contractionMrr', 'churnedMrr', 'endingMrr'], ['start', 'churned', 'end']);
  const to = givenTo ?? latestComplete(rows);
  const empty = { window, months: 0, complete: true, confidence, arpa: null, logoChurnRate: null, logoChurnInterval: null, revenueChurnRate: null };
  if (to === null) {
    return { ...empty, from: null, to: null, reason: rows.length === 0 ? 'there are no months' : 'no input month is complete (every one has complete: false); pass to' };
  }
  const from = to - window + 1;
  if (from < MIN_MONTH) fail(fn, 'options.window', 'invalid-option', `reaches before 0001-01 from ${monthKey(to)}`, window);
  const inside = rows.filter((r) => r.monthNumber >= from && r.monthNumber <= to);
  if (inside.length === 0) {
    const span = rows.length === 0 ? 'there are no months' : `the months run from ${(rows[0] as MonthRow).month} to ${(rows[rows.length - 1] as MonthRow).month}`;
    return { ...empty, from: monthKey(from), to: monthKey(to), reason: `no input month from ${monthKey(from)} to ${monthKey(to)}: ${span}` };
  }
  return { window, from: monthKey(from), to: monthKey(to), confidence, reason: null, ...pooled(fn, inside, confidence) };
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
): Pick<LifetimeValueInputsResult, 'months' | 'complete' | 'arpa' | 'logoChurnRate' | 'logoChurnInterval' | 'revenueChurnRate'> {
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
    if (!Number.isFinite(sum.value)) fail(fn, 'months', 'overflow', 'hold amounts that add up past the largest finite number', sum.value);
  }
  const interval = wilsonInterval(churnedCustomers, startCustomers, confidence);
  return {
    months: rows.length,
    complete,
    arpa: ratioOrNull(ending.value, endCustomers, fn, 'months', ending.value),
    logoChurnRate: interval === null ? null : interval.value,
    logoChurnInterval: interval,
    // Each month's losses are at most its starting MRR, so the ratio is at most 1 up to rounding.
    revenueChurnRate: starting.value === 0 ? null : Math.min(1, lost.value / starting.value),
  };
}
