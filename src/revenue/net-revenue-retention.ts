import { revenueRetention } from './internal/revenue-rates-retention.js';
import type { MrrSnapshotColumns, RevenueRetentionOptions, RevenueRetentionResult, TrailingRevenueRetentionResult } from './types.js';

/**
 * Net revenue retention (NRR) of the customers of a starting month over a window: their
 * MRR at the end as a fraction of their MRR at the start, expansion included.
 *
 * Definition: the cohort is the customers with MRR > 0 in `cohortMonth`; with `start` and
 * `end` each customer's MRR in `cohortMonth` and in `endMonth = cohortMonth + windowMonths`
 * (0 when absent), `NRR = Σ end / Σ start` over the cohort. Customers who start after
 * `cohortMonth` (new, or reactivated from 0) are not in it; churned customers count as 0.
 * The result also gives the bridge `endingMrr = startingMrr + expansionMrr − contractionMrr −
 * churnedMrr`. The comparison is point to point: a customer who churns and returns within
 * the window counts with its ending MRR. The input is one snapshot per account and month,
 * as for `mrrMovements` (`toMonthlySnapshots` sums concurrent subscriptions); amounts are
 * in one currency (minor or major units, the caller's choice), and rows carrying two
 * different `currency` values throw.
 *
 * Time: `asOf` says when the snapshots are complete (the one rule of the library: a date
 * means the end of that local day in `timeZone`, a month the end of that month, an
 * instant itself); it defaults to the end of the latest snapshot month, since snapshots
 * carry months, not instants. A month is complete when its last local day ends by `asOf`:
 * `asOf: '2024-06-30'` completes June, `asOf: '2024-06-15'` leaves June in progress (May is
 * the last complete month). A window whose end month is not complete is `pending`: its
 * end figures and `value` are `null`, never counted as churn. Snapshots of months after
 * the month of `asOf` are left out.
 *
 * Default window: without `cohortMonth` the window is the latest complete one, ending in
 * the last complete month, `windowMonths` long. The window length is never shortened to fit
 * the data (an 11-month ratio is not an annual NRR): when the data starts after that
 * window's cohort month (12 months of data cannot hold a 12-month window, which needs 13
 * months), `value` is `null` and `reason` says so and what to pass (`windowMonths: 11`, or a
 * `cohortMonth`). Whenever `value` is `null`, `reason` says why.
 *
 * Trailing: with `trailing: true` the result also lists, for every end month `m` from the
 * first snapshot month plus `windowMonths` to the month of `asOf`, the NRR of the customers at
 * `m − windowMonths`: the trailing-12-month NRR line of a board deck, one point per month. Each
 * point says whether it is `complete`; the one ending in a month still in progress is
 * pending (`value: null`).
 *
 * Source: the cohort definition of ChartMogul's Net MRR Retention chart (MRR of the
 * subscribers active at the start of the interval, new business and reactivation excluded,
 * over the whole interval); with `windowMonths: 1` it equals Baremetrics' monthly NRR,
 * `1 − (churned + contraction − expansion) / starting MRR`, and one month of the MRR
 * movements without new and reactivation MRR. ProfitWell (Paddle) reports retention from
 * monthly movements and classifies any return of a churned customer as reactivation;
 * here such a customer is either outside the cohort (it was at 0 in `cohortMonth`) or in it
 * with its ending MRR. NRR above 1 means the cohort grew. See `grossRevenueRetention` for
 * the same window without expansion.
 *
 * Cost: O(n + C log C + M) time for n snapshots of C accounts over M months: the snapshot
 * reader `mrrMovements` uses (one id lookup per row, a linear radix sort by account and
 * month), then one walk over each account's months with a pointer `windowMonths` ahead; no
 * allocation per row; memory O(n + C). The trailing series is one more walk, O(n + M).
 *
 * Edge cases: no snapshots gives `customers: 0`, `value: null` and `reason: 'there are no
 * snapshots'`; a cohort without MRR gives `value: null` with the reason.
 *
 * @param snapshots Rows `{ accountId, month: 'YYYY-MM', mrr, currency? }` (or accessors
 * of those names in `options`), in any order, an array or any iterable; or columns of those
 * names (what `mrrMovementsAccumulator().add` takes), which give the same result.
 * @param options `{ cohortMonth?, windowMonths? = 12, asOf?, timeZone? = 'UTC', trailing? = false }`
 * and accessors.
 * @returns `{ cohortMonth, endMonth, windowMonths, timeZone, asOf, asOfDate, currency, pending,
 * value, reason, customers, retainedCustomers, startingMrr, expansionMrr, contractionMrr,
 * churnedMrr, endingMrr }`, plus `trailing` with `trailing: true`.
 * @throws {MetricsInputError} naming `snapshots[i] (accountId "…").<field>`:
 * `snapshots[i].accountId` (code `'invalid-id'`), `.month` not a month `YYYY-MM`
 * (`'invalid-month'`), `.mrr` not a finite number >= 0 (`'invalid-number'`), `.currency`
 * (`'invalid-currency'`, `'mixed-currency'`), or `snapshots.<column>[i] (accountId "…")` for
 * columns; a second snapshot of one account and month (`'duplicate-snapshot'`,
 * `snapshots[i]`); `'unknown-option'` for a key that is not an option;
 * `options.windowMonths` not an integer >= 1 (`'invalid-number'`) or reaching outside the
 * years 1–9999 (`'invalid-option'`), a `null` option or an accessor that is not a function
 * (`'invalid-option'`), `options.cohortMonth` or `options.asOf` not a month, date or
 * instant (`'invalid-timestamp'`), an unknown time zone (`'invalid-time-zone'`), a
 * non-boolean `options.trailing` (`'invalid-boolean'`); `'invalid-input'` when `snapshots`
 * is neither records nor columns, or columns of different lengths; `'overflow'` when a
 * ratio overflows (MRR near the smallest doubles).
 *
 * @example
 * ```ts
 * import { netRevenueRetention } from 'customer-success-metrics/revenue';
 * const snapshots = [
 *   { accountId: 'acme', month: '2023-01', mrr: 100 },
 *   { accountId: 'acme', month: '2024-01', mrr: 300 }, // expanded
 *   { accountId: 'bolt', month: '2023-01', mrr: 200 },
 *   { accountId: 'bolt', month: '2024-01', mrr: 150 }, // contracted
 *   { accountId: 'cask', month: '2023-01', mrr: 100 }, // churned
 *   { accountId: 'dune', month: '2024-01', mrr: 500 }, // new: not in the cohort
 * ];
 * const nrr = netRevenueRetention(snapshots, { cohortMonth: '2023-01', windowMonths: 12 });
 * nrr.value; // => 1.125
 * // The same snapshots as columns (Arrow vectors, DuckDB results) give the same result.
 * const columns = { accountId: snapshots.map((s) => s.accountId), month: snapshots.map((s) => s.month), mrr: snapshots.map((s) => s.mrr) };
 * netRevenueRetention(columns, { cohortMonth: '2023-01', windowMonths: 12 }).value; // => 1.125
 * [nrr.startingMrr, nrr.expansionMrr, nrr.contractionMrr, nrr.churnedMrr, nrr.endingMrr]; // => [400, 200, 50, 100, 450]
 * netRevenueRetention(snapshots, { windowMonths: 12, trailing: true }).trailing.map((w) => [w.month, w.value]);
 * // => [['2024-01', 1.125]]
 * netRevenueRetention(snapshots, { cohortMonth: '2023-06' }).pending; // => true
 * // Complete through the end of January 31; on January 15 January is still in progress.
 * netRevenueRetention(snapshots, { windowMonths: 12, asOf: '2024-01-31' }).value; // => 1.125
 * netRevenueRetention(snapshots, { cohortMonth: '2023-01', windowMonths: 12, asOf: '2024-01-15' }).reason;
 * // => 'pending: the window ends in 2024-01, which is not complete at asOf (the last complete month is 2023-12)'
 * // Thirteen months of data hold one 12-month window; a 13-month window needs one more month.
 * netRevenueRetention(snapshots, { windowMonths: 13 }).reason;
 * // => 'no complete 13-month window: the latest one ending by 2024-01 (the last complete month) starts in 2022-12, before the first snapshot month 2023-01; pass windowMonths: 12 (or fewer), or cohortMonth'
 * ```
 */
export function netRevenueRetention<R>(
  snapshots: Iterable<R> | MrrSnapshotColumns,
  options: RevenueRetentionOptions<R> & { readonly trailing: true },
): TrailingRevenueRetentionResult;
export function netRevenueRetention<R>(snapshots: Iterable<R> | MrrSnapshotColumns, options?: RevenueRetentionOptions<R>): RevenueRetentionResult;
export function netRevenueRetention<R>(
  snapshots: Iterable<R> | MrrSnapshotColumns,
  options?: RevenueRetentionOptions<R>,
): RevenueRetentionResult | TrailingRevenueRetentionResult {
  return revenueRetention('netRevenueRetention', 'nrr', snapshots, options);
}
