import { optionsOf } from '../core/options.js';
import { previousOf, ratioOrNull, readMrrMonths, withChange } from './internal/revenue-rates-months.js';
import type { ExpansionMrrInput, ExpansionMrrMonth, ExpansionMrrResult } from './types.js';

/**
 * Expansion MRR per month, as a rate of the starting MRR and as the share of customers who
 * expanded.
 *
 * Input: the `mrrMovements` result as it is (`expansionMrr(mrrMovements(snapshots))`), or any
 * `{ months }` whose rows carry the fields read.
 *
 * Definition, per month from its `MrrMonth` row: `expansionRate = expansionMrr /
 * startingMrr`, a `RateChange` with its change from the calendar month before (the same
 * figure as `churnRates`' `expansionRate`; no interval, so `lower` and `upper` are `null`),
 * and `expandedShare = customers.expanded / customers.start`. Expansion is
 * the growth of customers who already paid the month before (upgrades, seats, add-ons);
 * new and reactivated customers are not expansion. A rate of 0.02 with a share of 0.05
 * says one customer in twenty grew, adding 2% to the starting MRR.
 *
 * Source: the expansion (upgrade) MRR movement of subscription analytics tools such as
 * ChartMogul and Baremetrics; the expansion rate is the expansion term of their net MRR
 * churn rates.
 *
 * Cost: O(n) for n months (O(n log n) when they are not in order).
 *
 * Partial months: each row carries the `complete` flag of its input month, as
 * `mrrMovements` sets it from its `asOf` (a row without one is taken as a finished month).
 *
 * Edge cases: no months gives `byMonth: []`; `expansionRate.value` is `null` when
 * `startingMrr` is 0 and `expandedShare` when `customers.start` is 0; `change` and
 * `direction` are `null` in the first month, after a month missing from the input, and when
 * either rate is `null`.
 *
 * @param movements the `mrrMovements` result, or `{ months }`: rows in any order, each
 * month at most once; only `month`, `complete` (optional), `startingMrr`, `expansionMrr`,
 * `customers.start` and `customers.expanded` are read.
 * @param options none yet: `{}` or left out. Any key throws `unknown-option`, so an option
 * meant for another function is not silently ignored.
 * @throws {MetricsInputError} `movements.months[i].month` not a month `YYYY-MM`
 * (`'invalid-month'`) or repeated (`'duplicate-month'`); an amount that is not a finite
 * number >= 0 or a count that is not an integer >= 0 (`'invalid-number'`, the message
 * naming the month); a `complete` that is not a boolean (`'invalid-boolean'`);
 * `customers.expanded > customers.start` (`'inconsistent-movements'`); `'unknown-option'` for
 * any option key; `'invalid-input'` when `movements` is not an object with a `months` list;
 * `'overflow'` when a rate overflows.
 *
 * @example
 * ```ts
 * import { expansionMrr, mrrMovements } from 'customer-success-metrics/revenue';
 * // A bridge exported from another tool, as { months }.
 * const months = [
 *   { month: '2024-01', startingMrr: 2000, expansionMrr: 50, customers: { start: 20, expanded: 2 } },
 *   { month: '2024-02', startingMrr: 0, expansionMrr: 0, customers: { start: 0, expanded: 0 } },
 * ];
 * expansionMrr({ months }).byMonth[0];
 * // => { month: '2024-01', complete: true, startingMrr: 2000, expansionMrr: 50, expansionRate: { value: 0.025, lower: null, upper: null, change: null, direction: null }, customersAtStart: 20, expandedCustomers: 2, expandedShare: 0.1 }
 * expansionMrr({ months }).byMonth[1]?.expansionRate.value; // => null
 * // Straight from mrrMovements: acme grows from 100 to 150 in February (50 / 200), and by 50 again in March (50 / 250).
 * const bridge = mrrMovements([
 *   { accountId: 'acme', month: '2024-01', mrr: 100 },
 *   { accountId: 'bolt', month: '2024-01', mrr: 100 },
 *   { accountId: 'acme', month: '2024-02', mrr: 150 },
 *   { accountId: 'bolt', month: '2024-02', mrr: 100 },
 *   { accountId: 'acme', month: '2024-03', mrr: 200 },
 *   { accountId: 'bolt', month: '2024-03', mrr: 100 },
 * ]);
 * expansionMrr(bridge).byMonth.map((m) => [m.month, m.expansionRate.value, m.expansionRate.direction]);
 * // => [['2024-01', 0, null], ['2024-02', 0.25, 'higher'], ['2024-03', 0.2, 'lower']]
 * ```
 */
export function expansionMrr(movements: ExpansionMrrInput, options?: { readonly [key: string]: never }): ExpansionMrrResult {
  const fn = 'expansionMrr';
  optionsOf(options, fn, []);
  const rows = readMrrMonths(fn, movements, ['startingMrr', 'expansionMrr'], ['start', 'expanded']);
  const byMonth: ExpansionMrrMonth[] = [];
  rows.forEach((row, i) => {
    const { index, month, complete, money, customers } = row;
    const rate = ratioOrNull(money.expansionMrr, money.startingMrr, fn, `movements.months[${index}].startingMrr`, money.startingMrr);
    byMonth.push({
      month,
      complete,
      startingMrr: money.startingMrr,
      expansionMrr: money.expansionMrr,
      expansionRate: withChange(rate, previousOf(row, rows[i - 1], byMonth[i - 1])?.expansionRate.value),
      customersAtStart: customers.start,
      expandedCustomers: customers.expanded,
      expandedShare: customers.start === 0 ? null : customers.expanded / customers.start,
    });
  });
  return { byMonth };
}
