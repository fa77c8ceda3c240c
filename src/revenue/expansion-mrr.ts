import { optionsOf } from '../core/options.js';
import { ratioOrNull, readMrrMonths } from './internal/revenue-rates-months.js';
import type { MrrMonth } from './revenue-types.js';

/** The fields of an `MrrMonth` that {@link expansionMrr} reads. */
export interface ExpansionMrrInput extends Pick<MrrMonth, 'month' | 'startingMrr' | 'expansionMrr'> {
  /** The customer counts read: `start` and `expanded`. */
  readonly customers: Pick<MrrMonth['customers'], 'start' | 'expanded'>;
  /** Whether the month is over (as `mrrMovements` reports it); left out, the month is taken as complete. */
  readonly complete?: boolean;
}

/** Expansion of one month. */
export interface ExpansionMrrMonth {
  /** `YYYY-MM`. */
  readonly month: string;
  /** Whether the month is over: the input row's `complete` (`true` when it has none); a month in progress is not final. */
  readonly complete: boolean;
  /** MRR at the start of the month. */
  readonly startingMrr: number;
  /** Increases of customers who had MRR > 0 the month before. */
  readonly expansionMrr: number;
  /** `expansionMrr / startingMrr`; `null` when `startingMrr` is 0. */
  readonly expansionRate: number | null;
  /** Customers with MRR > 0 at the start of the month. */
  readonly customersAtStart: number;
  /** Of those, the customers whose MRR grew. */
  readonly expandedCustomers: number;
  /** `expandedCustomers / customersAtStart`, in [0, 1]; `null` when no customer was there at the start. */
  readonly expandedShare: number | null;
}

/** Result of {@link expansionMrr}. */
export interface ExpansionMrrResult {
  /** One row per input month, ascending. */
  readonly byMonth: ExpansionMrrMonth[];
}

/**
 * Expansion MRR per month, as a rate of the starting MRR and as the share of customers who
 * expanded.
 *
 * Definition, per month from its `MrrMonth` row: `expansionRate = expansionMrr /
 * startingMrr` and `expandedShare = customers.expanded / customers.start`. Expansion is
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
 * Edge cases: no months gives `byMonth: []`; `expansionRate` is `null` when `startingMrr`
 * is 0 and `expandedShare` when `customers.start` is 0.
 *
 * @param months `MrrMonth` rows (as `mrrMovements` returns them), in any order, each month
 * at most once; only `month`, `complete` (optional), `startingMrr`, `expansionMrr`,
 * `customers.start` and `customers.expanded` are read.
 * @param options none yet: `{}` or left out. Any key throws `unknown-option`, so an option
 * meant for another function is not silently ignored.
 * @throws {MetricsInputError} `months[i].month` not a month `YYYY-MM` (`'invalid-month'`) or
 * repeated (`'duplicate-month'`); an amount that is not a finite number >= 0 or a count that
 * is not an integer >= 0 (`'invalid-number'`, the message naming the month); a `complete`
 * that is not a boolean (`'invalid-boolean'`); `customers.expanded > customers.start`
 * (`'inconsistent-movements'`); `'unknown-option'` for any option key; `'invalid-input'`
 * when `months` is not iterable; `'overflow'` when a rate overflows.
 *
 * @example
 * ```ts
 * import { expansionMrr } from 'customer-success-metrics/revenue';
 * const months = [
 *   { month: '2024-01', startingMrr: 2000, expansionMrr: 50, customers: { start: 20, expanded: 2 } },
 *   { month: '2024-02', startingMrr: 0, expansionMrr: 0, customers: { start: 0, expanded: 0 } },
 * ];
 * expansionMrr(months).byMonth[0];
 * // => { month: '2024-01', complete: true, startingMrr: 2000, expansionMrr: 50, expansionRate: 0.025, customersAtStart: 20, expandedCustomers: 2, expandedShare: 0.1 }
 * expansionMrr(months).byMonth[1]?.expansionRate; // => null
 * ```
 */
export function expansionMrr(months: Iterable<ExpansionMrrInput>, options?: { readonly [key: string]: never }): ExpansionMrrResult {
  const fn = 'expansionMrr';
  optionsOf(options, fn, []);
  const rows = readMrrMonths(fn, months, ['startingMrr', 'expansionMrr'], ['start', 'expanded']);
  const byMonth: ExpansionMrrMonth[] = [];
  for (const { index, month, complete, money, customers } of rows) {
    byMonth.push({
      month,
      complete,
      startingMrr: money.startingMrr,
      expansionMrr: money.expansionMrr,
      expansionRate: ratioOrNull(money.expansionMrr, money.startingMrr, fn, `months[${index}].startingMrr`, money.startingMrr),
      customersAtStart: customers.start,
      expandedCustomers: customers.expanded,
      expandedShare: customers.start === 0 ? null : customers.expanded / customers.start,
    });
  }
  return { byMonth };
}
