/**
 * The compute phase of `mrrMovements` and `mrrMovementsAccumulator`: the monthly MRR bridge
 * (and, on request, every customer's movements) from snapshots in canonical order. Both
 * callers hand over the same canonical arrays for the same snapshots, so they get the same
 * result to the last bit.
 * @internal
 */

import { asOfEcho, isCompleteAt, readAsOf } from '../../core/as-of.js';
import { monthKey, monthOfDay } from '../../core/calendar.js';
import { readDayBounds } from '../../core/day-range.js';
import { fail } from '../../core/errors.js';
import { readBoolean, type Id } from '../../core/read.js';
import { zoneCalendar, type ZoneCalendar } from '../../core/time-zone.js';
import type { DetailedMrrMovementsResult, MrrCustomerMovement, MrrMonth, MrrMovementType, MrrMovementsResult } from '../types.js';
import { Float64Column, Int32Column } from './revenue-columns.js';
import { endOfMonth, lastDayOfMonth, monthOfAsOf } from './revenue-months.js';
import { countingOrder } from './revenue-order.js';
import { MonthlySums } from './revenue-sums.js';
import type { SortedSnapshots } from './mrr-snapshots.js';

/**
 * The result-time options: the time zone, the reported range (month numbers, `null` when
 * not given), the `asOf` given (epoch ms, `null` for the default) and the detail.
 */
export interface BridgeOptions {
  readonly zone: ZoneCalendar;
  readonly from: number | null;
  readonly to: number | null;
  readonly asOf: number | null;
  readonly perCustomer: boolean;
}

/**
 * Validates `timeZone`, `from`, `to`, `asOf` and `perCustomer`, in that order. `from` and
 * `to` are months (`YYYY-MM`), or dates and instants standing for the month of their local
 * day; `asOf` is a month (its end), a date (the end of that local day) or an instant.
 * @throws {MetricsInputError} `invalid-time-zone`; `invalid-timestamp` for a bad `from`,
 * `to` or `asOf`; `invalid-option` for `to` before `from`; `invalid-boolean` for `perCustomer`.
 */
export function readBridgeOptions(
  options: { readonly timeZone?: unknown; readonly from?: unknown; readonly to?: unknown; readonly asOf?: unknown; readonly perCustomer?: unknown },
  fn: string,
): BridgeOptions {
  const zone = zoneCalendar(options.timeZone ?? 'UTC', fn);
  const days = readDayBounds(fn, options, zone);
  const asOf = readAsOf(options.asOf, zone, fn);
  const perCustomer = options.perCustomer === undefined ? false : readBoolean(options.perCustomer, fn, 'options.perCustomer');
  return { zone, from: days.from === null ? null : monthOfDay(days.from), to: days.to === null ? null : monthOfDay(days.to), asOf, perCustomer };
}

/** The months a bridge reports and computes, and the `asOf` in force. */
interface BridgeRange {
  /** The `asOf` in force (epoch ms), `null` without snapshots and without `asOf`. */
  readonly asOf: number | null;
  /** First and last reported month. */
  readonly from: number;
  readonly to: number;
  /** The first computed month: the earlier of `from` and the first counted snapshot month. */
  readonly baseline: number;
}

/**
 * The range of a bridge: `asOf` defaults to the end of the latest snapshot month; snapshots
 * of months after `asOf`'s month are left out; the reported range runs from `from` (default:
 * the first counted month) to `to` (default: `asOf`'s month), cut at `asOf`'s month. `null`
 * when nothing is reported (no data and no range, or a range entirely after `asOf`). O(n).
 */
function bridgeRange(snapshots: SortedSnapshots, options: BridgeOptions): BridgeRange | null {
  const { month: monthOf, size: n } = snapshots;
  let latest = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) latest = Math.max(latest, monthOf[i] as number);
  const asOf = options.asOf ?? (n > 0 ? endOfMonth(latest, options.zone) : null);
  const end = asOf === null ? null : monthOfAsOf(asOf, options.zone);
  let first = Number.POSITIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const m = monthOf[i] as number;
    if (m < first && (end === null || m <= end)) first = m;
  }
  const hasData = first !== Number.POSITIVE_INFINITY;
  let to = options.to ?? end ?? options.from;
  let from = options.from ?? (hasData ? first : to);
  if (from === null || to === null) return null;
  if (end !== null && to > end) to = end; // months after asOf are not reported
  if (to < from) {
    if (options.from !== null) return null; // the whole range is after asOf
    from = to; // `to` before the data: the range shrinks to that month
  }
  return { asOf, from, to, baseline: hasData ? Math.min(from, first) : from };
}

// Sum categories of MonthlySums.
const END = 0;
const NEW = 1;
const EXPANSION = 2;
const CONTRACTION = 3;
const CHURN = 4;
const REACTIVATION = 5;
const CATEGORIES = 6;
const TYPES: readonly MrrMovementType[] = ['new', 'new', 'expansion', 'contraction', 'churn', 'reactivation'];

/**
 * The MRR bridge of the snapshots (the definitions are in `mrrMovements`' documentation):
 * one pass per customer, in canonical order, adding into per-month compensated sums. O(n +
 * M) for n snapshots and M months, no allocation per snapshot without `perCustomer`.
 *
 * @param overflowValue the value an `overflow` error carries (the caller's input).
 * @throws {MetricsInputError} `overflow` at `snapshots` when a month's MRR exceeds the
 * largest finite number.
 */
export function mrrBridge(fn: string, snapshots: SortedSnapshots, options: BridgeOptions, overflowValue: unknown): MrrMovementsResult | DetailedMrrMovementsResult {
  const range = bridgeRange(snapshots, options);
  const asOf = range === null ? (options.asOf ?? null) : range.asOf;
  const head = { timeZone: options.zone.timeZone, ...asOfEcho(asOf, options.zone), currency: snapshots.currency };
  if (range === null) {
    const empty: MrrMovementsResult = { ...head, from: null, to: null, baseline: null, months: [] };
    return options.perCustomer ? { ...empty, movements: [] } : empty;
  }
  const tally = tallyCustomers(snapshots, range, options.perCustomer);
  const months = bridgeMonths(fn, tally, range, options.zone, overflowValue);
  const result: MrrMovementsResult = { ...head, from: monthKey(range.from), to: monthKey(range.to), baseline: monthKey(range.baseline), months };
  if (tally.rows === null) return result;
  return { ...result, movements: customerMovements(tally.rows, snapshots.ids, months, range.from - range.baseline, tally.length) };
}

/** Per-month sums and counts of the computed months, and the customer rows when asked for. */
interface Tally {
  /** Months from the baseline to the last reported month. */
  readonly length: number;
  readonly sums: MonthlySums;
  /** Count of each category in each month: `counts[m * CATEGORIES + category]`. */
  readonly counts: Int32Array;
  readonly rows: MovementRows | null;
}

/** Customer movements as parallel columns, in the order they were found (customer by customer). */
interface MovementRows {
  readonly month: Int32Column;
  readonly customer: Int32Column;
  readonly type: Int32Column;
  readonly from: Float64Column;
  readonly to: Float64Column;
}

/**
 * One pass per customer, in rank order, adding each month's movements into the per-month
 * sums (months relative to the baseline; snapshots after the last reported month are read
 * and validated but not added). O(n + M).
 */
function tallyCustomers(snapshots: SortedSnapshots, range: BridgeRange, perCustomer: boolean): Tally {
  const { size: n, customer: customerOf, month: monthOf, mrr: mrrOf } = snapshots;
  const length = range.to - range.baseline + 1;
  const reportOffset = range.from - range.baseline;
  const sums = new MonthlySums(length, CATEGORIES);
  const counts = new Int32Array(length * CATEGORIES);
  const rows: MovementRows | null = perCustomer
    ? { month: new Int32Column(), customer: new Int32Column(), type: new Int32Column(), from: new Float64Column(), to: new Float64Column() }
    : null;
  const add = (m: number, customer: number, category: number, amount: number, before: number, after: number): void => {
    if (category === EXPANSION || category === CONTRACTION) {
      // The two MRRs as separate terms, so integer amounts stay exact.
      sums.add(m, category, category === EXPANSION ? after : before);
      sums.add(m, category, category === EXPANSION ? -before : -after);
    } else sums.add(m, category, amount);
    const at = m * CATEGORIES + category;
    counts[at] = (counts[at] as number) + 1;
    if (rows === null || category === END || m < reportOffset) return;
    rows.month.push(m);
    rows.customer.push(customer);
    rows.type.push(category);
    rows.from.push(before);
    rows.to.push(after);
  };
  let k = 0;
  while (k < n) {
    const customer = customerOf[k] as number;
    let previousMonth = -2; // month index of the customer's previous snapshot
    let previousMrr = 0;
    let paidBefore = false;
    for (; k < n && customerOf[k] === customer; k++) {
      const m = (monthOf[k] as number) - range.baseline;
      if (m >= length) continue; // after `to` (or after asOf): read and validated, not reported
      const mrr = mrrOf[k] as number;
      let before = 0;
      if (previousMonth === m - 1) before = previousMrr;
      else if (previousMrr > 0) add(previousMonth + 1, customer, CHURN, previousMrr, previousMrr, 0); // a gap: churned the month after
      if (m === 0) {
        if (mrr > 0) paidBefore = true; // the baseline month: starting, not new
      } else if (before > 0) {
        if (mrr === 0) add(m, customer, CHURN, before, before, 0);
        else if (mrr > before) add(m, customer, EXPANSION, 0, before, mrr);
        else if (mrr < before) add(m, customer, CONTRACTION, 0, before, mrr);
      } else if (mrr > 0) {
        add(m, customer, paidBefore ? REACTIVATION : NEW, mrr, 0, mrr);
        paidBefore = true;
      }
      if (mrr > 0) add(m, customer, END, mrr, 0, mrr);
      previousMonth = m;
      previousMrr = mrr;
    }
    if (previousMrr > 0 && previousMonth + 1 < length) add(previousMonth + 1, customer, CHURN, previousMrr, previousMrr, 0);
  }
  return { length, sums, counts, rows };
}

/**
 * The bridge of each reported month from the tally; starting = the previous month's
 * ending. A month is complete when its last local day is complete at `asOf`.
 */
function bridgeMonths(fn: string, tally: Tally, range: BridgeRange, zone: ZoneCalendar, overflowValue: unknown): MrrMonth[] {
  const { sums, counts, length } = tally;
  const reportOffset = range.from - range.baseline;
  const months: MrrMonth[] = [];
  let startingMrr = positive(sums.value(0, END));
  let startingCount = counts[END] as number;
  for (let m = 0; m < length; m++) {
    const month = range.baseline + m;
    const ending = sums.value(m, END);
    if (!Number.isFinite(ending)) fail(fn, 'snapshots', 'overflow', `sum to an MRR above the largest finite number in ${monthKey(month)}`, overflowValue);
    const endingMrr = positive(ending);
    const at = m * CATEGORIES;
    const endCount = counts[at + END] as number;
    if (m >= reportOffset) {
      months.push({
        month: monthKey(month),
        complete: isCompleteAt(lastDayOfMonth(month), range.asOf, zone),
        startingMrr,
        newMrr: positive(sums.value(m, NEW)),
        expansionMrr: positive(sums.value(m, EXPANSION)),
        contractionMrr: positive(sums.value(m, CONTRACTION)),
        churnedMrr: positive(sums.value(m, CHURN)),
        reactivationMrr: positive(sums.value(m, REACTIVATION)),
        endingMrr,
        customers: {
          start: startingCount,
          new: counts[at + NEW] as number,
          expanded: counts[at + EXPANSION] as number,
          contracted: counts[at + CONTRACTION] as number,
          churned: counts[at + CHURN] as number,
          reactivated: counts[at + REACTIVATION] as number,
          end: endCount,
        },
      });
    }
    startingMrr = endingMrr;
    startingCount = endCount;
  }
  return months;
}

/**
 * The customer movements of the reported months, sorted by month, then customer: the rows
 * were made customer by customer (in rank order), so a stable sort by month. O(r + M).
 */
function customerMovements(rows: MovementRows, ids: readonly Id[], months: readonly MrrMonth[], reportOffset: number, length: number): MrrCustomerMovement[] {
  const rowMonths = rows.month.values;
  const rowCustomers = rows.customer.values;
  const rowTypes = rows.type.values;
  const rowFroms = rows.from.values;
  const rowTos = rows.to.values;
  const order = countingOrder(rowMonths, length);
  const movements = new Array<MrrCustomerMovement>(order.length);
  for (let r = 0; r < order.length; r++) {
    const row = order[r] as number;
    const from = rowFroms[row] as number;
    const to = rowTos[row] as number;
    movements[r] = {
      month: months[(rowMonths[row] as number) - reportOffset]?.month as string,
      accountId: ids[rowCustomers[row] as number] as Id,
      type: TYPES[rowTypes[row] as number] as MrrMovementType,
      amount: to > from ? to - from : from - to,
      from,
      to,
    };
  }
  return movements;
}

/** A sum that must be >= 0, with rounding residue below 0 cut to 0. */
function positive(x: number): number {
  return x > 0 ? x : 0;
}
