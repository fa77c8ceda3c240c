/**
 * The compute phase of `mrrMovements` and `mrrMovementsAccumulator`: the monthly MRR bridge
 * (and, on request, every customer's movements) from snapshots in canonical order. Both
 * callers hand over the same canonical arrays for the same snapshots, so they get the same
 * result to the last bit.
 * @internal
 */

import { monthKey } from '../../core/calendar.js';
import { fail } from '../../core/errors.js';
import { readBoolean, type Id } from '../../core/read.js';
import type { DetailedMrrMovementsResult, MrrCustomerMovement, MrrMovementType, MrrMovementsResult } from '../mrr-movements.js';
import type { MrrMonth } from '../revenue-types.js';
import { Float64Column, Int32Column } from './revenue-columns.js';
import { readMonthOption } from './revenue-months.js';
import { countingOrder } from './revenue-order.js';
import { MonthlySums } from './revenue-sums.js';
import type { SortedSnapshots } from './mrr-snapshots.js';

/** The result-time options: the reported range (month numbers, `null` when not given) and the detail. */
export interface BridgeOptions {
  readonly from: number | null;
  readonly to: number | null;
  readonly perCustomer: boolean;
}

/**
 * Validates `from`, `to` and `perCustomer`, in that order.
 * @throws {MetricsInputError} `invalid-option` for a bad month or `to` before `from`;
 * `invalid-boolean` for `perCustomer`.
 */
export function readBridgeOptions(options: { readonly from?: unknown; readonly to?: unknown; readonly perCustomer?: unknown }, fn: string): BridgeOptions {
  const from = readMonthOption(options.from, fn, 'options.from');
  const to = readMonthOption(options.to, fn, 'options.to');
  if (from !== null && to !== null && to < from) {
    fail(fn, 'options.to', 'invalid-option', 'must not be before options.from', options.to);
  }
  const perCustomer = options.perCustomer === undefined ? false : readBoolean(options.perCustomer, fn, 'options.perCustomer');
  return { from, to, perCustomer };
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
  const { ids, size: n, customer: customerOf, month: monthOf, mrr: mrrOf } = snapshots;
  const { from: fromOption, to: toOption, perCustomer } = options;
  let firstData = Number.POSITIVE_INFINITY;
  let lastData = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const month = monthOf[i] as number;
    if (month < firstData) firstData = month;
    if (month > lastData) lastData = month;
  }

  // The reported range [reportFrom, reportTo] and the computed one [baseline, reportTo].
  const hasData = n > 0;
  let reportFrom = fromOption ?? (hasData ? firstData : toOption);
  let reportTo = toOption ?? (hasData ? lastData : fromOption);
  if (reportFrom === null || reportTo === null) {
    const empty: MrrMovementsResult = { from: null, to: null, baseline: null, months: [] };
    return perCustomer ? { ...empty, movements: [] } : empty;
  }
  if (reportTo < reportFrom) {
    // One end given, and no data on its side: the range shrinks to that month.
    if (fromOption !== null) reportTo = reportFrom;
    else reportFrom = reportTo;
  }
  const baseline = hasData ? Math.min(reportFrom, firstData) : reportFrom;
  const length = reportTo - baseline + 1;

  // One pass per customer, in rank order, adding into the per-month sums.
  const sums = new MonthlySums(length, CATEGORIES);
  const counts = new Int32Array(length * CATEGORIES);
  const reportOffset = reportFrom - baseline;
  const rowMonth = perCustomer ? new Int32Column() : null;
  const rowCustomer = perCustomer ? new Int32Column() : null;
  const rowType = perCustomer ? new Int32Column() : null;
  const rowFrom = perCustomer ? new Float64Column() : null;
  const rowTo = perCustomer ? new Float64Column() : null;
  const tally = (m: number, category: number): void => {
    const at = m * CATEGORIES + category;
    counts[at] = (counts[at] as number) + 1;
  };
  const addRow = (m: number, customer: number, type: number, from: number, to: number): void => {
    if (rowMonth === null || m < reportOffset) return;
    rowMonth.push(m);
    (rowCustomer as Int32Column).push(customer);
    (rowType as Int32Column).push(type);
    (rowFrom as Float64Column).push(from);
    (rowTo as Float64Column).push(to);
  };
  let k = 0;
  while (k < n) {
    const customer = customerOf[k] as number;
    let previousMonth = -2; // month index of the customer's previous snapshot
    let previousMrr = 0;
    let paidBefore = false;
    for (; k < n; k++) {
      if (customerOf[k] !== customer) break;
      const m = (monthOf[k] as number) - baseline;
      if (m >= length) continue; // after `to`: read and validated, not reported
      const mrr = mrrOf[k] as number;
      let before = 0;
      if (previousMonth === m - 1) before = previousMrr;
      else if (previousMrr > 0) {
        // A gap: the customer churned in the month after their previous snapshot.
        sums.add(previousMonth + 1, CHURN, previousMrr);
        tally(previousMonth + 1, CHURN);
        addRow(previousMonth + 1, customer, CHURN, previousMrr, 0);
      }
      if (m === 0) {
        if (mrr > 0) paidBefore = true; // the baseline month: starting, not new
      } else if (before > 0) {
        if (mrr === 0) {
          sums.add(m, CHURN, before);
          tally(m, CHURN);
          addRow(m, customer, CHURN, before, 0);
        } else if (mrr > before) {
          sums.add(m, EXPANSION, mrr);
          sums.add(m, EXPANSION, -before);
          tally(m, EXPANSION);
          addRow(m, customer, EXPANSION, before, mrr);
        } else if (mrr < before) {
          sums.add(m, CONTRACTION, before);
          sums.add(m, CONTRACTION, -mrr);
          tally(m, CONTRACTION);
          addRow(m, customer, CONTRACTION, before, mrr);
        }
      } else if (mrr > 0) {
        const type = paidBefore ? REACTIVATION : NEW;
        sums.add(m, type, mrr);
        tally(m, type);
        addRow(m, customer, type, 0, mrr);
        paidBefore = true;
      }
      if (mrr > 0) {
        sums.add(m, END, mrr);
        tally(m, END);
      }
      previousMonth = m;
      previousMrr = mrr;
    }
    if (previousMrr > 0 && previousMonth + 1 < length) {
      sums.add(previousMonth + 1, CHURN, previousMrr);
      tally(previousMonth + 1, CHURN);
      addRow(previousMonth + 1, customer, CHURN, previousMrr, 0);
    }
  }

  // The bridge of each reported month; starting = the previous month's ending.
  const months: MrrMonth[] = [];
  let startingMrr = positive(sums.value(0, END));
  let startingCount = counts[END] as number;
  for (let m = 0; m < length; m++) {
    const ending = sums.value(m, END);
    if (!Number.isFinite(ending)) fail(fn, 'snapshots', 'overflow', `sum to an MRR above the largest finite number in ${monthKey(baseline + m)}`, overflowValue);
    const endingMrr = positive(ending);
    const at = m * CATEGORIES;
    const endCount = counts[at + END] as number;
    if (m >= reportOffset) {
      months.push({
        month: monthKey(baseline + m),
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
  const result: MrrMovementsResult = { from: monthKey(reportFrom), to: monthKey(reportTo), baseline: monthKey(baseline), months };
  if (rowMonth === null) return result;

  // Customer rows were made customer by customer (in rank order): a stable sort by month.
  const rowMonths = rowMonth.values;
  const rowCustomers = (rowCustomer as Int32Column).values;
  const rowTypes = (rowType as Int32Column).values;
  const rowFroms = (rowFrom as Float64Column).values;
  const rowTos = (rowTo as Float64Column).values;
  const rowOrder = countingOrder(rowMonths, length);
  const movements: MrrCustomerMovement[] = new Array<MrrCustomerMovement>(rowOrder.length);
  for (let r = 0; r < rowOrder.length; r++) {
    const row = rowOrder[r] as number;
    const from = rowFroms[row] as number;
    const to = rowTos[row] as number;
    movements[r] = {
      month: months[(rowMonths[row] as number) - reportOffset]?.month as string,
      customerId: ids[rowCustomers[row] as number] as Id,
      type: TYPES[rowTypes[row] as number] as MrrMovementType,
      amount: to > from ? to - from : from - to,
      from,
      to,
    };
  }
  return { ...result, movements };
}

/** A sum that must be >= 0, with rounding residue below 0 cut to 0. */
function positive(x: number): number {
  return x > 0 ? x : 0;
}
