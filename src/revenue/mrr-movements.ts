import { optionsOf } from '../core/options.js';
import { requireIterable, type Id } from '../core/read.js';
import type { Accessor, Timestamp } from '../core/types.js';
import { mrrBridge, readBridgeOptions } from './internal/mrr-bridge.js';
import { SnapshotLog, readSnapshotRows, snapshotReaders, sortSnapshots } from './internal/mrr-snapshots.js';
import { capacityOf } from './internal/revenue-columns.js';
import type { MrrMonth } from './revenue-types.js';

/** Options of {@link mrrMovements}. */
export interface MrrMovementsOptions<R> {
  /** Reads the customer id (default `record.customerId`). */
  readonly customerId?: Accessor<R, unknown>;
  /** Reads the month, `YYYY-MM` (default `record.month`). */
  readonly month?: Accessor<R, unknown>;
  /** Reads the MRR, a finite number >= 0 (default `record.mrr`). */
  readonly mrr?: Accessor<R, unknown>;
  /**
   * First month reported: a month `YYYY-MM`, or a date `YYYY-MM-DD` (or any timestamp)
   * standing for the month of its local day (default: the first month of the data).
   */
  readonly from?: Timestamp;
  /**
   * Last month reported, read as `from` is (default: the month of `asOf`). Months after the
   * month of `asOf` are never reported: the range stops there.
   */
  readonly to?: Timestamp;
  /**
   * When the data is complete: a month `YYYY-MM` (through its end), a date `YYYY-MM-DD`
   * (through the end of that local day) or an instant. Snapshots of months after its month
   * are left out; a month is `complete` when its last local day ends by `asOf`. Default:
   * the end of the latest snapshot month, so every month of the data is complete; pass the
   * export's date when the last month is still in progress.
   */
  readonly asOf?: Timestamp;
  /** IANA time zone of the months' local days, for `asOf`, `from` and `to` (default `'UTC'`). */
  readonly timeZone?: string;
  /** Also list every customer's movement in `movements` (default `false`). */
  readonly perCustomer?: boolean;
}

/** Every key of {@link MrrMovementsOptions}. @internal */
export const MRR_MOVEMENTS_OPTION_KEYS: readonly string[] = ['customerId', 'month', 'mrr', 'from', 'to', 'asOf', 'timeZone', 'perCustomer'];

/** The kind of a customer's MRR movement in a month. */
export type MrrMovementType = 'new' | 'expansion' | 'contraction' | 'churn' | 'reactivation';

/** One customer's MRR movement in one month. */
export interface MrrCustomerMovement {
  /** `YYYY-MM`. */
  readonly month: string;
  /** The customer's id. */
  readonly customerId: Id;
  /** The kind of movement. */
  readonly type: MrrMovementType;
  /** The size of the movement, > 0: `|to − from|`. */
  readonly amount: number;
  /** MRR in the month before (0 for new and reactivation). */
  readonly from: number;
  /** MRR in the month (0 for churn). */
  readonly to: number;
}

/** Result of {@link mrrMovements}. */
export interface MrrMovementsResult {
  /** IANA time zone of the local days. */
  readonly timeZone: string;
  /** The `asOf` in force, an ISO-8601 instant in UTC; `null` without snapshots and without `asOf`. */
  readonly asOf: string | null;
  /** The local day of `asOf`, `YYYY-MM-DD`; `null` with it. */
  readonly asOfDate: string | null;
  /** First month reported, `YYYY-MM` (`null` when nothing is reported: no data and no range, or a range after `asOf`). */
  readonly from: string | null;
  /** Last month reported, `YYYY-MM`, never after the month of `asOf` (`null` with `from`). */
  readonly to: string | null;
  /**
   * The month whose customers count as already there (starting MRR) rather than new: the
   * earlier of `from` and the first month of the data. `null` when nothing is reported.
   */
  readonly baseline: string | null;
  /** The bridge of every month from `from` to `to`, months without data included; each says whether it is `complete`. */
  readonly months: MrrMonth[];
}

/** Result of {@link mrrMovements} with `perCustomer: true`. */
export interface DetailedMrrMovementsResult extends MrrMovementsResult {
  /** Every customer movement in the reported months, sorted by month, then customer. */
  readonly movements: MrrCustomerMovement[];
}

/**
 * The MRR bridge of each month, from customers' monthly MRR snapshots: starting MRR, new,
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
 * Input: one snapshot per customer and month (`toMonthlySnapshots` builds them and sums
 * concurrent subscriptions); a repeated (customer, month) throws rather than being summed.
 * For snapshots that come in batches, from a stream or from several shards,
 * `mrrMovementsAccumulator` gives the same result.
 *
 * Cost: O(n + C log C + M) for n snapshots, C customers and M months: a linear radix sort
 * by (customer, month), then one pass per customer adding into per-month compensated sums
 * (Float64Arrays); no allocation per snapshot without `perCustomer`.
 *
 * Edge cases: no snapshots gives `months: []` and a `null` `asOf` (or zero months over a
 * given range, none of them complete); a range entirely after `asOf` reports no months.
 *
 * @param snapshots `{ customerId, month, mrr }` records (or any fields, through accessors).
 * @param options `{ from?, to?, asOf?, timeZone? = 'UTC', perCustomer? = false }` and accessors.
 * @returns `{ timeZone, asOf, asOfDate, from, to, baseline, months }`, plus `movements`
 * with `perCustomer: true`.
 * @throws {MetricsInputError} naming `snapshots[i] (customerId "…").<field>`: `invalid-id`
 * (at `snapshots[i].customerId`), `invalid-month` (not a valid `YYYY-MM`, e.g. `'2024-1'`,
 * `'2024-13'`), `invalid-number` (MRR not a finite number >= 0); `duplicate-snapshot`
 * naming `snapshots[i]`; `invalid-record`, `invalid-input`; `unknown-option` for a key that
 * is not an option; `invalid-option` for a `null` option, `to` before `from` or a
 * non-function accessor; `invalid-timestamp` for a bad `from`, `to` or `asOf`;
 * `invalid-time-zone`; `invalid-boolean` for `perCustomer`; `overflow` when a month's MRR
 * exceeds the largest finite number.
 *
 * @example
 * ```ts
 * import { mrrMovements } from 'customer-success-metrics/revenue';
 * const snapshots = [
 *   { customerId: 'acme', month: '2024-01', mrr: 100 },
 *   { customerId: 'bolt', month: '2024-01', mrr: 50 },
 *   { customerId: 'acme', month: '2024-02', mrr: 150 },
 *   { customerId: 'cove', month: '2024-02', mrr: 80 },
 *   { customerId: 'acme', month: '2024-03', mrr: 120 },
 *   { customerId: 'bolt', month: '2024-03', mrr: 50 },
 *   { customerId: 'cove', month: '2024-03', mrr: 80 },
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
 * // => [{ month: '2024-03', customerId: 'acme', type: 'contraction', amount: 30, from: 150, to: 120 }, { month: '2024-03', customerId: 'bolt', type: 'reactivation', amount: 50, from: 0, to: 50 }]
 * ```
 */
export function mrrMovements<R>(
  snapshots: Iterable<R>,
  options: MrrMovementsOptions<R> & { readonly perCustomer: true },
): DetailedMrrMovementsResult;
export function mrrMovements<R>(snapshots: Iterable<R>, options?: MrrMovementsOptions<R>): MrrMovementsResult;
export function mrrMovements<R>(snapshots: Iterable<R>, options?: MrrMovementsOptions<R>): MrrMovementsResult | DetailedMrrMovementsResult {
  const fn = 'mrrMovements';
  const opts = optionsOf(options, fn, MRR_MOVEMENTS_OPTION_KEYS);
  const bridgeOptions = readBridgeOptions(opts, fn);
  const input = requireIterable<R>(snapshots, fn, 'snapshots');
  const readers = snapshotReaders<R>(opts, fn);
  // Read phase: validated columns, sorted into canonical order; compute phase: the bridge.
  const log = new SnapshotLog(capacityOf(input));
  readSnapshotRows(fn, input, readers, log);
  return mrrBridge(fn, sortSnapshots(log, fn), bridgeOptions, snapshots);
}
