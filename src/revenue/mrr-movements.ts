import { optionsOf } from '../core/options.js';
import { mrrBridge, readBridgeOptions } from './internal/mrr-bridge.js';
import { readSnapshotInput, snapshotReaders, sortSnapshots } from './internal/mrr-snapshots.js';
import {
  MRR_MOVEMENTS_OPTION_KEYS,
  type DetailedMrrMovementsResult,
  type MrrMovementsOptions,
  type MrrMovementsResult,
  type MrrSnapshotColumns,
} from './types.js';

/**
 * The MRR bridge of each month, from accounts' monthly MRR snapshots: starting MRR, new,
 * expansion, contraction, churned and reactivation MRR, ending MRR, and customer counts.
 *
 * Definitions (the five MRR movements of ChartMogul, Baremetrics and ProfitWell), comparing
 * each customer's MRR in a month with the month before (a month without a snapshot is 0):
 * - new: MRR of a customer's first month with MRR > 0;
 * - expansion / contraction: the increase / decrease of a customer with MRR > 0 in both
 *   months (contraction to 0 is churn);
 * - churned: last month's MRR of a customer whose MRR fell to 0;
 * - reactivation: MRR of a customer back above 0 after at least a month at 0, having had
 *   MRR before (so a customer who leaves in March and returns in May is reactivated, not new).
 *
 * Bridge: `start + new + expansion + reactivation − contraction − churned = end`, with
 * `start` the previous month's `end` and `end` the sum of the month's MRR; customer counts
 * obey `start + new + reactivated − churned = end`. Every amount is a compensated sum, and
 * expansion and contraction add the two MRRs as separate terms, so the identity holds
 * exactly whenever the MRRs are integers (amounts in minor units, such as cents) and to
 * within a few units in the last place otherwise (33.33 + 66.67 is not exact in binary).
 *
 * The first month: in the baseline month (the first month of the data, or `from` when that
 * is earlier) the data cannot tell new customers from those who were already paying, so
 * its customers count as starting: its `startingMrr` equals its `endingMrr` and it has no
 * movements. Months before `from` still shape the state (who is new, who reactivates) but
 * are not reported. Churn shows in the month after a customer's last month with MRR.
 *
 * Time: `asOf` says when the data is complete (the one rule of the library: a date means
 * the end of that local day in `timeZone`, a month the end of that month). It defaults to
 * the end of the latest snapshot month: snapshots carry months, not instants, so the data
 * is taken to be complete through its last month. Snapshots of later months are left out,
 * the reported range ends at the month of `asOf` (the default `to`; a later `to` stops
 * there, and the result's `to` says so), and each month says
 * whether it is `complete`: its last local day ends by `asOf`. Pass the export's date
 * (`asOf: '2024-06-15'`) when the last month is still in progress, and a later `asOf`
 * (`asOf: '2024-07'`) to say the data is complete through a month without snapshots, which
 * shows the churn of the customers whose MRR ends in the month before. `from` and `to` are
 * whole months: a date stands for the month containing it.
 *
 * Input: one snapshot per account and month (`toMonthlySnapshots` builds them and sums
 * concurrent subscriptions), as records `{ accountId, month, mrr, currency? }` (any field
 * names through accessors) or as columns of those names (Arrow vectors, DuckDB results),
 * which give the same result; a repeated (account, month) throws rather than being summed.
 * Amounts are in one currency: snapshots stating two different `currency` values throw, and
 * the result echoes the one stated. For snapshots that come in batches, from a stream or
 * from several shards, `mrrMovementsAccumulator` gives the same result.
 *
 * Composition: `churnRates`, `expansionMrr`, `quickRatio` and `lifetimeValueInputs` take
 * this result as it is (`churnRates(mrrMovements(snapshots))`).
 *
 * Cost: O(n + C log C + M) for n snapshots, C accounts and M months: a linear radix sort
 * by (account, month), then one pass per account adding into per-month compensated sums
 * (Float64Arrays); no allocation per snapshot without `perCustomer`.
 *
 * Edge cases: no snapshots gives `months: []` and a `null` `asOf` (or zero months over a
 * given range, none of them complete); a range entirely after `asOf` reports no months.
 *
 * @param snapshots `{ accountId, month, mrr, currency? }` records (or any fields, through
 * accessors), or columns `{ accountId, month, mrr, currency? }`.
 * @param options `{ from?, to?, asOf?, timeZone? = 'UTC', perCustomer? = false }` and accessors
 * (`accountId`, `month`, `mrr`, `currency`).
 * @returns `{ timeZone, asOf, asOfDate, currency, from, to, baseline, months }`, plus
 * `movements` with `perCustomer: true`.
 * @throws {MetricsInputError} naming `snapshots[i] (accountId "…").<field>` (or
 * `snapshots.<column>[i] (accountId "…")` for columns): `invalid-id` (at
 * `snapshots[i].accountId`), `invalid-month` (not a valid `YYYY-MM`, e.g. `'2024-1'`,
 * `'2024-13'`), `invalid-number` (MRR not a finite number >= 0), `invalid-currency`,
 * `mixed-currency`; `duplicate-snapshot` naming `snapshots[i]`; `invalid-record`,
 * `invalid-input` (not records or columns, or columns of different lengths);
 * `unknown-option` for a key that is not an option; `invalid-option` for a `null` option,
 * `to` before `from` or a non-function accessor; `invalid-timestamp` for a bad `from`, `to`
 * or `asOf`; `invalid-time-zone`; `invalid-boolean` for `perCustomer`; `overflow` when a
 * month's MRR exceeds the largest finite number.
 *
 * @example
 * ```ts
 * import { mrrMovements } from 'customer-success-metrics/revenue';
 * const snapshots = [
 *   { accountId: 'acme', month: '2024-01', mrr: 100 },
 *   { accountId: 'bolt', month: '2024-01', mrr: 50 },
 *   { accountId: 'acme', month: '2024-02', mrr: 150 },
 *   { accountId: 'cove', month: '2024-02', mrr: 80 },
 *   { accountId: 'acme', month: '2024-03', mrr: 120 },
 *   { accountId: 'bolt', month: '2024-03', mrr: 50 },
 *   { accountId: 'cove', month: '2024-03', mrr: 80 },
 * ];
 * const { months } = mrrMovements(snapshots);
 * months.map((m) => [m.month, m.startingMrr, m.endingMrr]);
 * // => [['2024-01', 150, 150], ['2024-02', 150, 230], ['2024-03', 230, 250]]
 * months.map((m) => [m.newMrr, m.expansionMrr, m.contractionMrr, m.churnedMrr, m.reactivationMrr]);
 * // => [[0, 0, 0, 0, 0], [80, 50, 0, 50, 0], [0, 0, 30, 0, 50]]
 * months.map((m) => m.customers.end); // => [2, 2, 3]
 * // The data is complete through March by default; on March 15 (an export mid-month) March is in progress.
 * mrrMovements(snapshots, { asOf: '2024-03-15' }).months.map((m) => m.complete); // => [true, true, false]
 * // Complete through April: April shows the churn of the customers without an April snapshot.
 * mrrMovements(snapshots, { asOf: '2024-04-30' }).months.map((m) => [m.month, m.churnedMrr]).at(-1); // => ['2024-04', 250]
 * mrrMovements(snapshots, { perCustomer: true }).movements.filter((m) => m.month === '2024-03');
 * // => [{ month: '2024-03', accountId: 'acme', type: 'contraction', amount: 30, from: 150, to: 120 }, { month: '2024-03', accountId: 'bolt', type: 'reactivation', amount: 50, from: 0, to: 50 }]
 * // The same snapshots as columns (Arrow vectors, DuckDB results) give the same bridge.
 * const columns = { accountId: snapshots.map((s) => s.accountId), month: snapshots.map((s) => s.month), mrr: snapshots.map((s) => s.mrr) };
 * mrrMovements(columns).months.map((m) => m.endingMrr); // => [150, 230, 250]
 * ```
 */
export function mrrMovements<R>(
  snapshots: Iterable<R> | MrrSnapshotColumns,
  options: MrrMovementsOptions<R> & { readonly perCustomer: true },
): DetailedMrrMovementsResult;
export function mrrMovements<R>(snapshots: Iterable<R> | MrrSnapshotColumns, options?: MrrMovementsOptions<R>): MrrMovementsResult;
export function mrrMovements<R>(snapshots: Iterable<R> | MrrSnapshotColumns, options?: MrrMovementsOptions<R>): MrrMovementsResult | DetailedMrrMovementsResult {
  const fn = 'mrrMovements';
  const opts = optionsOf(options, fn, MRR_MOVEMENTS_OPTION_KEYS);
  const bridgeOptions = readBridgeOptions(opts, fn);
  const readers = snapshotReaders<R>(opts, fn);
  // Read phase: validated columns, sorted into canonical order; compute phase: the bridge.
  const log = readSnapshotInput(fn, snapshots, readers);
  return mrrBridge(fn, sortSnapshots(log, fn), bridgeOptions, snapshots);
}
