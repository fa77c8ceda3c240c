import { optionsOf } from '../core/options.js';
import { readBoolean, readConfidence } from '../core/read.js';
import { CompensatedSummer } from '../stats/compensated-sum.js';
import { wilsonInterval } from '../stats/wilson-interval.js';
import { ratioOrNull, readMrrMonths, withChange, type RateChange } from './internal/revenue-rates-months.js';
import type { MrrMonth } from './revenue-types.js';

export type { ChangeDirection, RateChange } from './internal/revenue-rates-months.js';

/** The fields of an `MrrMonth` that {@link churnRates} reads. */
export interface ChurnRatesInput
  extends Pick<MrrMonth, 'month' | 'startingMrr' | 'expansionMrr' | 'contractionMrr' | 'churnedMrr' | 'reactivationMrr'> {
  /** The customer counts read: `start` and `churned`. */
  readonly customers: Pick<MrrMonth['customers'], 'start' | 'churned'>;
  /** Whether the month is over (as `mrrMovements` reports it); left out, the month is taken as complete. */
  readonly complete?: boolean;
}

/** Options of {@link churnRates}. */
export interface ChurnRatesOptions {
  /** Whether net MRR churn subtracts reactivation MRR besides expansion (default `true`, as ChartMogul). */
  readonly includeReactivation?: boolean;
  /** Confidence level of the logo churn interval, strictly between 0 and 1 (default 0.95). */
  readonly confidence?: number;
}

/** Every key of {@link ChurnRatesOptions}. */
const CHURN_RATES_OPTION_KEYS: readonly string[] = ['includeReactivation', 'confidence'];

/** Logo churn with its Wilson interval. */
export interface LogoChurnRate extends RateChange {
  /** Lower bound of the Wilson interval; `null` when `value` is. */
  readonly lower: number | null;
  /** Upper bound of the Wilson interval; `null` when `value` is. */
  readonly upper: number | null;
}

/** The churn rates of one month. */
export interface ChurnRatesMonth {
  /** `YYYY-MM`. */
  readonly month: string;
  /**
   * Whether the month is over: the input row's `complete` (`true` when it has none). The
   * rates of a month in progress (`false`) are not final: its churn is still coming in.
   */
  readonly complete: boolean;
  /** Customers with MRR > 0 at the start of the month. */
  readonly customersAtStart: number;
  /** Of those, customers whose MRR fell to 0. */
  readonly churnedCustomers: number;
  /** MRR at the start of the month. */
  readonly startingMrr: number;
  /** `churnedCustomers / customersAtStart`, with a Wilson interval. */
  readonly logoChurn: LogoChurnRate;
  /** `(churnedMrr + contractionMrr) / startingMrr`, in [0, 1]. */
  readonly grossMrrChurn: RateChange;
  /**
   * `(churnedMrr + contractionMrr − expansionMrr − reactivationMrr) / startingMrr`
   * (without `− reactivationMrr` when `includeReactivation` is false); negative when the
   * gains win.
   */
  readonly netMrrChurn: RateChange;
  /** `expansionMrr / startingMrr`. */
  readonly expansionRate: RateChange;
}

/** Result of {@link churnRates}. */
export interface ChurnRatesResult {
  /** Whether net MRR churn subtracts reactivation MRR besides expansion. */
  readonly includeReactivation: boolean;
  /** Confidence level of the logo churn interval. */
  readonly confidence: number;
  /** One row per input month, ascending. */
  readonly byMonth: ChurnRatesMonth[];
}

/**
 * Monthly churn rates from MRR movements: logo churn, gross and net MRR churn and the
 * expansion rate, each with its change from the month before.
 *
 * Definitions, per month, from its `MrrMonth` row (as `mrrMovements` returns them):
 * - logo churn = `customers.churned / customers.start`, with a Wilson interval at
 *   `confidence` (the churned customers are a share of the customers at the start);
 * - gross MRR churn = `(churnedMrr + contractionMrr) / startingMrr`;
 * - net MRR churn = `(churnedMrr + contractionMrr − expansionMrr − reactivationMrr) /
 *   startingMrr`, negative when expansion and reactivation outweigh the losses; with
 *   `includeReactivation: false`, `(churnedMrr + contractionMrr − expansionMrr) /
 *   startingMrr`;
 * - expansion rate = `expansionMrr / startingMrr`.
 * Each rate comes with `change`, its difference from the rate of the calendar month
 * before, and `direction` (`'higher'`, `'lower'` or `'same'`, compared exactly). Sums use
 * compensated summation.
 *
 * Partial months: each row carries the `complete` flag of its input month, as
 * `mrrMovements` sets it from its `asOf` (a row without one is taken as a finished month).
 * A month in progress is reported, flagged `complete: false`: its churn so far is not its
 * churn, so do not read it as a drop in churn.
 *
 * Source: ChartMogul's customer churn rate and its standard (B2B) gross and net MRR churn
 * rate formulas (net subtracting expansion and reactivation MRR); `includeReactivation:
 * false` gives Baremetrics' net revenue churn, `(churned − expansion) / starting MRR`, whose
 * churned MRR includes downgrades.
 *
 * Cost: O(n) for n months (O(n log n) when they are not in order).
 *
 * Edge cases: no months gives `byMonth: []`; a rate whose denominator is 0 (no customers
 * or no MRR at the start) is `null`, as is its interval; `change` and `direction` are
 * `null` in the first month, after a month missing from the input, and when either rate is
 * `null`.
 *
 * @param months `MrrMonth` rows, in any order, each month at most once; only `month`,
 * `complete` (optional), `startingMrr`, `expansionMrr`, `contractionMrr`, `churnedMrr`,
 * `reactivationMrr` and `customers.start` / `customers.churned` are read.
 * @param options `{ includeReactivation? = true, confidence? = 0.95 }`.
 * @throws {MetricsInputError} `months[i].month` not a month `YYYY-MM` (code
 * `'invalid-month'`) or repeated (`'duplicate-month'`); an amount that is not a finite number
 * >= 0 or a count that is not an integer >= 0 (`'invalid-number'`, `months[i].churnedMrr`,
 * `months[i].customers.start`, the message naming the month: `months[1] (month
 * "2024-02").churnedMrr`); a `complete` that is not a boolean (`'invalid-boolean'`);
 * `'inconsistent-movements'` when `customers.churned > customers.start` or `churnedMrr +
 * contractionMrr > startingMrr`; `'unknown-option'` for a key that is not an option;
 * `'invalid-boolean'` for a non-boolean `includeReactivation`; `'invalid-option'` for a bad
 * or `null` `confidence`;
 * `'invalid-input'` when `months` is not iterable; `'overflow'` when a rate overflows.
 *
 * @example
 * ```ts
 * import { churnRates } from 'customer-success-metrics/revenue';
 * const months = [
 *   { month: '2024-01', startingMrr: 1000, newMrr: 100, expansionMrr: 50, contractionMrr: 20, churnedMrr: 30, reactivationMrr: 0, endingMrr: 1100,
 *     customers: { start: 10, new: 1, expanded: 1, contracted: 1, churned: 1, reactivated: 0, end: 10 } },
 *   { month: '2024-02', startingMrr: 1100, newMrr: 0, expansionMrr: 99, contractionMrr: 0, churnedMrr: 22, reactivationMrr: 11, endingMrr: 1188,
 *     customers: { start: 10, new: 0, expanded: 2, contracted: 0, churned: 1, reactivated: 1, end: 10 } },
 * ];
 * const [jan, feb] = churnRates(months).byMonth;
 * jan?.grossMrrChurn; // => { value: 0.05, change: null, direction: null }
 * feb?.grossMrrChurn; // ~> { value: 0.02, change: -0.03, direction: 'lower' }
 * feb?.netMrrChurn.value; // => -0.08
 * churnRates(months, { includeReactivation: false }).byMonth[1]?.netMrrChurn.value; // => -0.07
 * feb?.logoChurn.direction; // => 'same'
 * [feb?.logoChurn.value, feb?.logoChurn.lower, feb?.logoChurn.upper]; // ~> [0.1, 0.018, 0.404]
 * // A month still in progress (from mrrMovements with an asOf inside it) stays flagged.
 * churnRates([{ ...months[1], complete: false }]).byMonth.map((m) => [m.month, m.complete]); // => [['2024-02', false]]
 * ```
 */
export function churnRates(months: Iterable<ChurnRatesInput>, options?: ChurnRatesOptions): ChurnRatesResult {
  const fn = 'churnRates';
  const opts = optionsOf(options, fn, CHURN_RATES_OPTION_KEYS);
  const includeReactivation = opts.includeReactivation === undefined ? true : readBoolean(opts.includeReactivation, fn, 'options.includeReactivation');
  const confidence = readConfidence(opts.confidence, fn);
  const rows = readMrrMonths(fn, months, ['startingMrr', 'expansionMrr', 'contractionMrr', 'churnedMrr', 'reactivationMrr'], ['start', 'churned']);
  const byMonth: ChurnRatesMonth[] = [];
  let previous: ChurnRatesMonth | undefined;
  let previousMonth = Number.NaN;
  for (const row of rows) {
    const { money, customers } = row;
    const path = `months[${row.index}].startingMrr`;
    const lost = new CompensatedSummer();
    lost.add(money.churnedMrr);
    lost.add(money.contractionMrr);
    const net = new CompensatedSummer();
    net.add(money.churnedMrr);
    net.add(money.contractionMrr);
    net.add(-money.expansionMrr);
    if (includeReactivation) net.add(-money.reactivationMrr);
    const interval = wilsonInterval(customers.churned, customers.start, confidence);
    const prior = row.monthNumber === previousMonth + 1 ? previous : undefined;
    const logo = withChange(interval === null ? null : interval.value, prior?.logoChurn.value);
    const current: ChurnRatesMonth = {
      month: row.month,
      complete: row.complete,
      customersAtStart: customers.start,
      churnedCustomers: customers.churned,
      startingMrr: money.startingMrr,
      logoChurn: { ...logo, lower: interval === null ? null : interval.lower, upper: interval === null ? null : interval.upper },
      grossMrrChurn: withChange(ratioOrNull(lost.value, money.startingMrr, fn, path, money.startingMrr), prior?.grossMrrChurn.value),
      netMrrChurn: withChange(ratioOrNull(net.value, money.startingMrr, fn, path, money.startingMrr), prior?.netMrrChurn.value),
      expansionRate: withChange(ratioOrNull(money.expansionMrr, money.startingMrr, fn, path, money.startingMrr), prior?.expansionRate.value),
    };
    byMonth.push(current);
    previous = current;
    previousMonth = row.monthNumber;
  }
  return { includeReactivation, confidence, byMonth };
}
