import {
  revenueRetention,
  type RevenueRetentionOptions,
  type RevenueRetentionResult,
  type TrailingRevenueRetentionResult,
} from './internal/revenue-rates-retention.js';

/**
 * Gross revenue retention (GRR) of the customers of a starting month over a window: the
 * share of their starting MRR still there at the end, expansion left out.
 *
 * Definition: the cohort is the customers with MRR > 0 in `cohortMonth`; with `start` and
 * `end` each customer's MRR in `cohortMonth` and in `endMonth = cohortMonth + months`
 * (0 when absent), `GRR = Σ min(end, start) / Σ start = (startingMrr − contractionMrr −
 * churnedMrr) / startingMrr`: each customer's ending MRR is capped at its starting MRR, so
 * one customer's expansion cannot hide another's churn. Hence `0 <= GRR <= 1` and
 * `GRR <= NRR` for the same window (the value is clamped to both bounds, which exact
 * arithmetic satisfies, against rounding). New and reactivated customers are outside the
 * cohort; churned customers count as 0. The figures (`startingMrr`, `expansionMrr`,
 * `contractionMrr`, `churnedMrr`, `endingMrr`) are those of `netRevenueRetention`, so
 * either result gives both ratios. The input is one snapshot per customer and month.
 *
 * Time and default window: as `netRevenueRetention`. `asOf` (a month, a date or an
 * instant in `timeZone`; default the end of the latest snapshot month) decides which
 * months are complete; a window ending in a month that is not complete is `pending`;
 * without `cohortMonth` the window is the latest complete one, never shortened to fit the
 * data, and `reason` says why `value` is `null` whenever it is.
 *
 * Trailing: with `trailing: true` the result also lists, for every end month `m` from the
 * first snapshot month plus `months` to the month of `asOf`, the GRR of the customers at
 * `m − months`, each saying whether it is `complete`.
 *
 * Source: ChartMogul's Gross MRR Retention (its net MRR retention without the gains from
 * expansion, at most 100%); with `months: 1` it is one minus the gross MRR churn rate of
 * ChartMogul and Baremetrics, `1 − (churned + contraction) / starting MRR`. ProfitWell
 * (Paddle) counts the return of a churned customer as reactivation, which GRR never
 * credits: here such a customer is outside the cohort, or in it with at most its starting
 * MRR.
 *
 * Cost: O(n + C) time for n snapshots of C customers: a counting sort by customer, then
 * one walk over each customer's months with a pointer `months` ahead (a customer whose
 * rows are out of month order is sorted first); one id lookup per row and no allocation
 * per row; memory O(n + C). The trailing series is one more walk, O(n + months).
 *
 * Edge cases: no snapshots gives `customers: 0`, `value: null` and a `reason`; a cohort
 * without MRR gives `value: null` with the reason.
 *
 * @param snapshots Rows `{ customerId, month: 'YYYY-MM', mrr, currency? }` (or accessors
 * of those names in `options`), in any order; an array or any iterable.
 * @param options `{ cohortMonth?, months? = 12, asOf?, timeZone? = 'UTC', trailing? = false }`
 * and accessors.
 * @returns As `netRevenueRetention`, with `value` the GRR.
 * @throws {MetricsInputError} as `netRevenueRetention`: bad ids, months, MRR or currencies
 * at `snapshots[i].<field>` (the message names the customer id), `'duplicate-snapshot'` at
 * `snapshots[i]`; `'unknown-option'`; bad or `null` `options.months`, `options.cohortMonth`,
 * `options.asOf`, `options.timeZone`, `options.trailing` or accessors; `'invalid-input'`
 * when `snapshots` is not iterable.
 *
 * @example
 * ```ts
 * import { grossRevenueRetention } from 'customer-success-metrics/revenue';
 * const snapshots = [
 *   { customerId: 'acme', month: '2023-01', mrr: 100 },
 *   { customerId: 'acme', month: '2024-01', mrr: 300 }, // expanded: counts as 100
 *   { customerId: 'bolt', month: '2023-01', mrr: 200 },
 *   { customerId: 'bolt', month: '2024-01', mrr: 150 }, // contracted
 *   { customerId: 'cask', month: '2023-01', mrr: 100 }, // churned
 * ];
 * const grr = grossRevenueRetention(snapshots, { cohortMonth: '2023-01', months: 12 });
 * grr.value; // => 0.625
 * [grr.startingMrr, grr.contractionMrr, grr.churnedMrr, grr.endingMrr]; // => [400, 50, 100, 450]
 * grossRevenueRetention([]).value; // => null
 * grossRevenueRetention([]).reason; // => 'there are no snapshots'
 * ```
 */
export function grossRevenueRetention<R>(
  snapshots: Iterable<R>,
  options: RevenueRetentionOptions<R> & { readonly trailing: true },
): TrailingRevenueRetentionResult;
export function grossRevenueRetention<R>(snapshots: Iterable<R>, options?: RevenueRetentionOptions<R>): RevenueRetentionResult;
export function grossRevenueRetention<R>(snapshots: Iterable<R>, options?: RevenueRetentionOptions<R>): RevenueRetentionResult | TrailingRevenueRetentionResult {
  return revenueRetention('grossRevenueRetention', 'grr', snapshots, options);
}
