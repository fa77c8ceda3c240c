import { revenueRetention } from './internal/revenue-rates-retention.js';
import type { MrrSnapshotColumns, RevenueRetentionOptions, RevenueRetentionResult, TrailingRevenueRetentionResult } from './types.js';

/**
 * Gross revenue retention (GRR) of the customers of a starting month over a window: the
 * share of their starting MRR still there at the end, expansion left out.
 *
 * Definition: the cohort is the customers with MRR > 0 in `cohortMonth`; with `start` and
 * `end` each customer's MRR in `cohortMonth` and in `endMonth = cohortMonth + windowMonths`
 * (0 when absent), `GRR = Σ min(end, start) / Σ start = (startingMrr − contractionMrr −
 * churnedMrr) / startingMrr`: each customer's ending MRR is capped at its starting MRR, so
 * one customer's expansion cannot hide another's churn. Hence `0 <= GRR <= 1` and
 * `GRR <= NRR` for the same window (the value is clamped to both bounds, which exact
 * arithmetic satisfies, against rounding). New and reactivated customers are outside the
 * cohort; churned customers count as 0. The figures (`startingMrr`, `expansionMrr`,
 * `contractionMrr`, `churnedMrr`, `endingMrr`) are those of `netRevenueRetention`, so
 * either result gives both ratios. The input is one snapshot per account and month.
 *
 * Time and default window: as `netRevenueRetention`. `asOf` (a month, a date or an
 * instant in `timeZone`; default the end of the latest snapshot month) decides which
 * months are complete; a window ending in a month that is not complete is `pending`;
 * without `cohortMonth` the window is the latest complete one, never shortened to fit the
 * data, and `reason` says why `value` is `null` whenever it is.
 *
 * Trailing: with `trailing: true` the result also lists, for every end month `m` from the
 * first snapshot month plus `windowMonths` to the month of `asOf`, the GRR of the customers at
 * `m − windowMonths`, each saying whether it is `complete`.
 *
 * Source: ChartMogul's Gross MRR Retention (its net MRR retention without the gains from
 * expansion, at most 100%); with `windowMonths: 1` it is one minus the gross MRR churn rate of
 * ChartMogul and Baremetrics, `1 − (churned + contraction) / starting MRR`. ProfitWell
 * (Paddle) counts the return of a churned customer as reactivation, which GRR never
 * credits: here such a customer is outside the cohort, or in it with at most its starting
 * MRR.
 *
 * Cost: O(n + C log C + M) time for n snapshots of C accounts over M months: the snapshot
 * reader `mrrMovements` uses (one id lookup per row, a linear radix sort by account and
 * month), then one walk over each account's months with a pointer `windowMonths` ahead; no
 * allocation per row; memory O(n + C). The trailing series is one more walk, O(n + M).
 *
 * Edge cases: no snapshots gives `customers: 0`, `value: null` and a `reason`; a cohort
 * without MRR gives `value: null` with the reason.
 *
 * @param snapshots Rows `{ accountId, month: 'YYYY-MM', mrr, currency? }` (or accessors
 * of those names in `options`), in any order, an array or any iterable; or columns of those
 * names (what `mrrMovementsAccumulator().add` takes), which give the same result.
 * @param options `{ cohortMonth?, windowMonths? = 12, asOf?, timeZone? = 'UTC', trailing? = false }`
 * and accessors.
 * @returns As `netRevenueRetention`, with `value` the GRR.
 * @throws {MetricsInputError} as `netRevenueRetention`: bad ids, months, MRR or currencies
 * at `snapshots[i].<field>` (the message names the account id), `'duplicate-snapshot'` at
 * `snapshots[i]`; `'unknown-option'`; bad or `null` `options.windowMonths`,
 * `options.cohortMonth`, `options.asOf`, `options.timeZone`, `options.trailing` or
 * accessors; `'invalid-input'` when `snapshots` is neither records nor columns.
 *
 * @example
 * ```ts
 * import { grossRevenueRetention } from 'customer-success-metrics/revenue';
 * const snapshots = [
 *   { accountId: 'acme', month: '2023-01', mrr: 100 },
 *   { accountId: 'acme', month: '2024-01', mrr: 300 }, // expanded: counts as 100
 *   { accountId: 'bolt', month: '2023-01', mrr: 200 },
 *   { accountId: 'bolt', month: '2024-01', mrr: 150 }, // contracted
 *   { accountId: 'cask', month: '2023-01', mrr: 100 }, // churned
 * ];
 * const grr = grossRevenueRetention(snapshots, { cohortMonth: '2023-01', windowMonths: 12 });
 * grr.value; // => 0.625
 * [grr.startingMrr, grr.contractionMrr, grr.churnedMrr, grr.endingMrr]; // => [400, 50, 100, 450]
 * grossRevenueRetention([]).value; // => null
 * grossRevenueRetention([]).reason; // => 'there are no snapshots'
 * ```
 */
export function grossRevenueRetention<R>(
  snapshots: Iterable<R> | MrrSnapshotColumns,
  options: RevenueRetentionOptions<R> & { readonly trailing: true },
): TrailingRevenueRetentionResult;
export function grossRevenueRetention<R>(snapshots: Iterable<R> | MrrSnapshotColumns, options?: RevenueRetentionOptions<R>): RevenueRetentionResult;
export function grossRevenueRetention<R>(
  snapshots: Iterable<R> | MrrSnapshotColumns,
  options?: RevenueRetentionOptions<R>,
): RevenueRetentionResult | TrailingRevenueRetentionResult {
  return revenueRetention('grossRevenueRetention', 'grr', snapshots, options);
}
