import { optionsOf } from '../core/options.js';
import { readBoolean, readConfidence } from '../core/read.js';
import { CompensatedSummer } from '../stats/compensated-sum.js';
import { wilsonInterval } from '../stats/wilson-interval.js';
import { previousOf, ratioOrNull, readMrrMonths, withChange, type MonthRow } from './internal/revenue-rates-months.js';
import { CHURN_RATES_OPTION_KEYS, type ChurnRatesInput, type ChurnRatesMonth, type ChurnRatesOptions, type ChurnRatesResult } from './types.js';

/**
 * Monthly churn rates from MRR movements: logo churn, gross and net MRR churn and the
 * expansion rate, each with its change from the month before.
 *
 * Input: the `mrrMovements` result as it is (`churnRates(mrrMovements(snapshots))`), or any
 * `{ months }` whose rows carry the fields read (an export from another tool).
 *
 * Definitions, per month, from its `MrrMonth` row:
 * - logo churn = `customers.churned / customers.start`, with a Wilson interval at
 *   `confidence` (the churned customers are a share of the customers at the start);
 * - gross MRR churn = `(churnedMrr + contractionMrr) / startingMrr`;
 * - net MRR churn = `(churnedMrr + contractionMrr − expansionMrr − reactivationMrr) /
 *   startingMrr`, negative when expansion and reactivation outweigh the losses; with
 *   `includeReactivation: false`, `(churnedMrr + contractionMrr − expansionMrr) /
 *   startingMrr`;
 * - expansion rate = `expansionMrr / startingMrr`.
 * Each rate is a `RateChange`: `value`, its interval `lower` / `upper` (logo churn's Wilson
 * bounds; `null` for the MRR rates, which have none), `change`, its difference from the
 * rate of the calendar month before, and `direction` (`'higher'`, `'lower'` or `'same'`,
 * compared exactly). Sums use compensated summation.
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
 * @param movements the `mrrMovements` result, or `{ months }`: rows in any order, each month
 * at most once; only `month`, `complete` (optional), `startingMrr`, `expansionMrr`,
 * `contractionMrr`, `churnedMrr`, `reactivationMrr` and `customers.start` /
 * `customers.churned` are read.
 * @param options `{ includeReactivation? = true, confidence? = 0.95 }`.
 * @throws {MetricsInputError} `movements.months[i].month` not a month `YYYY-MM` (code
 * `'invalid-month'`) or repeated (`'duplicate-month'`); an amount that is not a finite
 * number >= 0 or a count that is not an integer >= 0 (`'invalid-number'`,
 * `movements.months[i].churnedMrr`, `movements.months[i].customers.start`, the message naming
 * the month: `movements.months[1] (month "2024-02").churnedMrr`); a `complete` that is not a
 * boolean (`'invalid-boolean'`); `'inconsistent-movements'` when `customers.churned >
 * customers.start` or `churnedMrr + contractionMrr > startingMrr`; `'unknown-option'` for a
 * key that is not an option; `'invalid-boolean'` for a non-boolean `includeReactivation`;
 * `'invalid-option'` for a bad or `null` `confidence`; `'invalid-input'` when `movements` is
 * not an object with a `months` list (an array of rows included: pass `{ months: rows }`);
 * `'overflow'` when a rate overflows.
 *
 * @example
 * ```ts
 * import { churnRates, mrrMovements } from 'customer-success-metrics/revenue';
 * // A bridge exported from another tool, as { months } (mrrMovements' result has this shape).
 * const months = [
 *   { month: '2024-01', startingMrr: 1000, newMrr: 100, expansionMrr: 50, contractionMrr: 20, churnedMrr: 30, reactivationMrr: 0, endingMrr: 1100,
 *     customers: { start: 10, new: 1, expanded: 1, contracted: 1, churned: 1, reactivated: 0, end: 10 } },
 *   { month: '2024-02', startingMrr: 1100, newMrr: 0, expansionMrr: 99, contractionMrr: 0, churnedMrr: 22, reactivationMrr: 11, endingMrr: 1188,
 *     customers: { start: 10, new: 0, expanded: 2, contracted: 0, churned: 1, reactivated: 1, end: 10 } },
 * ];
 * const [jan, feb] = churnRates({ months }).byMonth;
 * jan?.grossMrrChurn; // => { value: 0.05, lower: null, upper: null, change: null, direction: null }
 * feb?.grossMrrChurn; // ~> { value: 0.02, lower: null, upper: null, change: -0.03, direction: 'lower' }
 * feb?.netMrrChurn.value; // => -0.08
 * churnRates({ months }, { includeReactivation: false }).byMonth[1]?.netMrrChurn.value; // => -0.07
 * feb?.logoChurn.direction; // => 'same'
 * [feb?.logoChurn.value, feb?.logoChurn.lower, feb?.logoChurn.upper]; // ~> [0.1, 0.018, 0.404]
 * // A month still in progress stays flagged.
 * churnRates({ months: [{ ...months[1], complete: false }] }).byMonth.map((m) => [m.month, m.complete]); // => [['2024-02', false]]
 * // Straight from mrrMovements: acme (100) churns in February, bolt (100) stays.
 * const bridge = mrrMovements([
 *   { accountId: 'acme', month: '2024-01', mrr: 100 },
 *   { accountId: 'bolt', month: '2024-01', mrr: 100 },
 *   { accountId: 'bolt', month: '2024-02', mrr: 100 },
 * ]);
 * churnRates(bridge).byMonth.map((m) => [m.month, m.grossMrrChurn.value]); // => [['2024-01', 0], ['2024-02', 0.5]]
 * ```
 */
export function churnRates(movements: ChurnRatesInput, options?: ChurnRatesOptions): ChurnRatesResult {
  const fn = 'churnRates';
  const opts = optionsOf(options, fn, CHURN_RATES_OPTION_KEYS);
  const includeReactivation = opts.includeReactivation === undefined ? true : readBoolean(opts.includeReactivation, fn, 'options.includeReactivation');
  const confidence = readConfidence(opts.confidence, fn);
  const rows = readMrrMonths(fn, movements, ['startingMrr', 'expansionMrr', 'contractionMrr', 'churnedMrr', 'reactivationMrr'], ['start', 'churned']);
  const byMonth: ChurnRatesMonth[] = [];
  rows.forEach((row, i) => {
    byMonth.push(monthRates(fn, row, previousOf(row, rows[i - 1], byMonth[i - 1]), includeReactivation, confidence));
  });
  return { includeReactivation, confidence, byMonth };
}

/** The rates of one month, with their change from `prior` (the calendar month before, when in the input). */
function monthRates(fn: string, row: MonthRow, prior: ChurnRatesMonth | undefined, includeReactivation: boolean, confidence: number): ChurnRatesMonth {
  const { money, customers } = row;
  const path = `movements.months[${row.index}].startingMrr`;
  const lost = new CompensatedSummer();
  lost.add(money.churnedMrr);
  lost.add(money.contractionMrr);
  const net = new CompensatedSummer();
  net.add(money.churnedMrr);
  net.add(money.contractionMrr);
  net.add(-money.expansionMrr);
  if (includeReactivation) net.add(-money.reactivationMrr);
  const interval = wilsonInterval(customers.churned, customers.start, { confidence });
  const rate = (numerator: number): number | null => ratioOrNull(numerator, money.startingMrr, fn, path, money.startingMrr);
  return {
    month: row.month,
    complete: row.complete,
    customersAtStart: customers.start,
    churnedCustomers: customers.churned,
    startingMrr: money.startingMrr,
    logoChurn: withChange(interval === null ? null : interval.value, prior?.logoChurn.value, interval),
    grossMrrChurn: withChange(rate(lost.value), prior?.grossMrrChurn.value),
    netMrrChurn: withChange(rate(net.value), prior?.netMrrChurn.value),
    expansionRate: withChange(rate(money.expansionMrr), prior?.expansionRate.value),
  };
}
