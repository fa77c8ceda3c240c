/**
 * Reading monthly MRR snapshots `{ customerId, month, mrr }` into one amount per customer
 * and month, and the cohort figures of net and gross revenue retention.
 * @internal
 */

import { monthKey, parseMonthKey } from '../../core/calendar.js';
import { fail, failRecord } from '../../core/errors.js';
import { IdCodes, accessorFor, isId, requireIterable, requireRecord, type Id } from '../../core/read.js';
import type { Accessor } from '../../core/types.js';
import { CompensatedSummer } from '../../stats/compensated-sum.js';
import { MONTH_PROBLEM } from './revenue-rates-months.js';

/** Accessors for snapshot records; each defaults to the property of the same name. */
export interface SnapshotAccessors<R> {
  /** Reads the customer id (default `record.customerId`). */
  readonly customerId?: Accessor<R, unknown>;
  /** Reads the month `YYYY-MM` (default `record.month`). */
  readonly month?: Accessor<R, unknown>;
  /** Reads the MRR, a finite number >= 0 (default `record.mrr`). */
  readonly mrr?: Accessor<R, unknown>;
  /** Reads the currency code; `undefined` or `null` for none (default `record.currency`). */
  readonly currency?: Accessor<R, unknown>;
}

/** The snapshots, one per customer and month, grouped by customer in month order. */
export interface SnapshotTable {
  /** Number of snapshots. */
  readonly size: number;
  /** Month number of each snapshot (by input index). */
  readonly month: Int32Array;
  /** MRR of each snapshot (by input index). */
  readonly mrr: Float64Array;
  /** Input indexes grouped by customer, each customer's in ascending month order. */
  readonly order: Int32Array;
  /** Customer `c`'s snapshots are `order[runStart[c]]` to `order[runStart[c + 1] - 1]`. */
  readonly runStart: Int32Array;
  /** Number of distinct customers. */
  readonly customers: number;
  /** Earliest and latest month with a snapshot, or -1 when there is none. */
  readonly firstMonth: number;
  readonly lastMonth: number;
  /** The one currency of the rows, or `null` when none carries one. */
  readonly currency: string | null;
}

/**
 * Reads snapshots: validates every row, then groups them by customer (a counting sort on
 * the dense customer codes) in month order; one row per customer and month, as
 * `mrrMovements` requires. O(n + C) time for n rows and C customers (plus a sort of any
 * customer whose rows are out of month order), one id lookup per row and no allocation
 * per row; memory O(n + C).
 *
 * @throws {MetricsInputError} `invalid-input`, `invalid-record`, `invalid-id`
 * (`snapshots[i].customerId`), `invalid-month` (`snapshots[i].month`), `invalid-number`
 * (`snapshots[i].mrr`), `invalid-currency` and `mixed-currency` (`snapshots[i].currency`),
 * the messages naming the customer id beside the index (`snapshots[3] (customerId "acme").mrr`);
 * `duplicate-snapshot` (`snapshots[i]`, the earliest repeat) for a second row of one
 * customer and month; `invalid-option` for an accessor that is not a function.
 */
export function readSnapshots<R>(fn: string, snapshots: Iterable<R>, accessors: SnapshotAccessors<R>): SnapshotTable {
  const iterable = requireIterable<R>(snapshots, fn, 'snapshots');
  const readCustomer = accessorFor<R>(accessors.customerId, 'customerId', fn);
  const readMonth = accessorFor<R>(accessors.month, 'month', fn);
  const readMrr = accessorFor<R>(accessors.mrr, 'mrr', fn);
  const readCurrency = accessorFor<R>(accessors.currency, 'currency', fn);
  const codes = new IdCodes();
  let capacity = 64;
  let customerOf = new Int32Array(capacity);
  let monthOf = new Int32Array(capacity);
  let mrrOf = new Float64Array(capacity);
  let size = 0;
  let firstMonth = -1;
  let lastMonth = -1;
  let currency: string | null = null;
  let currencyIndex = -1;
  for (const record of iterable) {
    const index = size;
    requireRecord(record, fn, 'snapshots', index);
    const id = readCustomer(record, index);
    if (!isId(id)) fail(fn, `snapshots[${index}].customerId`, 'invalid-id', 'must be a non-empty string or a finite number', id);
    const monthValue = readMonth(record, index);
    const m = typeof monthValue === 'string' ? parseMonthKey(monthValue) : null;
    if (m === null) failSnapshot(fn, index, id, 'month', 'invalid-month', MONTH_PROBLEM, monthValue);
    const mrr = readMrr(record, index);
    if (typeof mrr !== 'number' || !Number.isFinite(mrr) || mrr < 0) failSnapshot(fn, index, id, 'mrr', 'invalid-number', 'must be a finite number >= 0', mrr);
    const code = readCurrency(record, index);
    if (code !== undefined && code !== null) {
      if (typeof code !== 'string' || code.length === 0) {
        failSnapshot(fn, index, id, 'currency', 'invalid-currency', 'must be a non-empty string; use null (or leave it out) when not stated', code);
      }
      if (currency === null) {
        currency = code;
        currencyIndex = index;
      } else if (code !== currency) {
        failSnapshot(fn, index, id, 'currency', 'mixed-currency', `differs from the currency of snapshots[${currencyIndex}], which is ${JSON.stringify(currency)}`, code);
      }
    }
    if (firstMonth === -1 || m < firstMonth) firstMonth = m;
    if (m > lastMonth) lastMonth = m;
    if (size === capacity) {
      capacity *= 2;
      customerOf = grow(customerOf, new Int32Array(capacity));
      monthOf = grow(monthOf, new Int32Array(capacity));
      mrrOf = grow(mrrOf, new Float64Array(capacity));
    }
    customerOf[size] = codes.code(id);
    monthOf[size] = m;
    mrrOf[size] = mrr;
    size++;
  }

  // Counting sort by customer code; stable, so each customer's rows keep input order.
  const customers = codes.size;
  const runStart = new Int32Array(customers + 1);
  for (let i = 0; i < size; i++) {
    const slot = (customerOf[i] as number) + 1;
    runStart[slot] = (runStart[slot] as number) + 1;
  }
  for (let c = 0; c < customers; c++) runStart[c + 1] = (runStart[c + 1] as number) + (runStart[c] as number);
  const next = runStart.slice(0, customers);
  const order = new Int32Array(size);
  for (let i = 0; i < size; i++) {
    const c = customerOf[i] as number;
    order[next[c] as number] = i;
    next[c] = (next[c] as number) + 1;
  }
  // Month order within each customer (already so for data sorted by month), then the
  // earliest repeated (customer, month), if any.
  let repeat = -1;
  let original = -1;
  for (let c = 0; c < customers; c++) {
    const from = runStart[c] as number;
    const to = runStart[c + 1] as number;
    let ordered = true;
    for (let p = from + 1; p < to && ordered; p++) ordered = (monthOf[order[p - 1] as number] as number) < (monthOf[order[p] as number] as number);
    if (ordered) continue;
    order.subarray(from, to).sort((a, b) => (monthOf[a] as number) - (monthOf[b] as number) || a - b);
    for (let p = from + 1; p < to; p++) {
      const b = order[p] as number;
      if (monthOf[order[p - 1] as number] !== monthOf[b] || (repeat !== -1 && b >= repeat)) continue;
      let first = p - 1;
      while (first > from && monthOf[order[first - 1] as number] === monthOf[b]) first--;
      repeat = b;
      original = order[first] as number;
    }
  }
  if (repeat !== -1) {
    const id = codes.ids[customerOf[repeat] as number] as Id;
    const month = monthKey(monthOf[repeat] as number);
    fail(
      fn,
      `snapshots[${repeat}]`,
      'duplicate-snapshot',
      `repeats customer ${JSON.stringify(id)} in ${month} (first at snapshots[${original}]); sum a customer's concurrent subscriptions into one snapshot per month (toMonthlySnapshots does)`,
      { customerId: id, month },
    );
  }
  return { size, month: monthOf, mrr: mrrOf, order, runStart, customers, firstMonth, lastMonth, currency };
}

/** Throws for a field of snapshot `index`, naming its customer id beside the index (a cold path). */
function failSnapshot(fn: string, index: number, id: unknown, field: string, code: string, problem: string, value: unknown): never {
  return failRecord(fn, { collection: 'snapshots', index, idField: 'customerId', id }, field, code, problem, value);
}

function grow<T extends Int32Array | Float64Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/** The MRR of one customer cohort over a window: from the cohort month to the end month. */
export interface RetentionFigures {
  /** Customers with MRR > 0 in the cohort month. */
  readonly customers: number;
  /** Of those, customers with MRR > 0 in the end month; `null` while pending. */
  readonly retainedCustomers: number | null;
  /** Their MRR in the cohort month. */
  readonly startingMrr: number;
  /** Increases of the retained customers whose MRR grew; `null` while pending. */
  readonly expansionMrr: number | null;
  /** Decreases of the retained customers whose MRR fell; `null` while pending. */
  readonly contractionMrr: number | null;
  /** Starting MRR of the customers at 0 in the end month; `null` while pending. */
  readonly churnedMrr: number | null;
  /** The cohort's MRR in the end month (`startingMrr + expansion - contraction - churned`); `null` while pending. */
  readonly endingMrr: number | null;
}

/** Figures of one window with both ratios. */
export interface CohortWindow extends RetentionFigures {
  /** Month number of the cohort month. */
  readonly cohortMonth: number;
  /** `endingMrr / startingMrr`; `null` when pending or `startingMrr` is 0. */
  readonly nrr: number | null;
  /** `(startingMrr - contractionMrr - churnedMrr) / startingMrr`, at most 1 and at most `nrr`. */
  readonly grr: number | null;
}

interface WindowSums {
  customers: number;
  retained: number;
  start: CompensatedSummer;
  end: CompensatedSummer;
  capped: CompensatedSummer;
  expansion: CompensatedSummer;
  contraction: CompensatedSummer;
  churned: CompensatedSummer;
}

/**
 * The windows of the cohorts of months `from` to `to` (month numbers), each ending
 * `length` months after its cohort month; windows ending after `lastComplete` (the last
 * complete month; `null`: none) are pending.
 * One walk over each customer's month-ordered snapshots with a second pointer `length`
 * months ahead: O(n + C + windows) time, O(windows) memory besides the table.
 *
 * @throws {MetricsInputError} code `'overflow'`, path `'snapshots'`, when a cohort's MRR
 * adds up past the largest double or a ratio overflows.
 */
export function cohortWindows(fn: string, table: SnapshotTable, length: number, from: number, to: number, lastComplete: number | null): CohortWindow[] {
  const count = to - from + 1;
  const sums: WindowSums[] = [];
  for (let w = 0; w < count; w++) {
    sums.push({
      customers: 0,
      retained: 0,
      start: new CompensatedSummer(),
      end: new CompensatedSummer(),
      capped: new CompensatedSummer(),
      expansion: new CompensatedSummer(),
      contraction: new CompensatedSummer(),
      churned: new CompensatedSummer(),
    });
  }
  const { month, mrr, order, runStart } = table;
  for (let c = 0; c < table.customers; c++) {
    const last = runStart[c + 1] as number;
    let ahead = runStart[c] as number;
    for (let p = runStart[c] as number; p < last; p++) {
      const i = order[p] as number;
      const m = month[i] as number;
      const start = mrr[i] as number;
      if (m < from || m > to || !(start > 0)) continue;
      const target = m + length;
      while (ahead < last && (month[order[ahead] as number] as number) < target) ahead++;
      const end = ahead < last && month[order[ahead] as number] === target ? (mrr[order[ahead] as number] as number) : 0;
      const w = sums[m - from] as WindowSums;
      w.customers++;
      w.start.add(start);
      w.end.add(end);
      if (end > 0) {
        w.retained++;
        if (end > start) {
          w.expansion.add(end - start);
          w.capped.add(start);
        } else {
          w.contraction.add(start - end);
          w.capped.add(end);
        }
      } else {
        w.churned.add(start);
      }
    }
  }
  const windows: CohortWindow[] = [];
  for (let w = 0; w < count; w++) {
    const s = sums[w] as WindowSums;
    const cohortMonth = from + w;
    const startingMrr = finiteSum(s.start.value, fn);
    if (lastComplete === null || cohortMonth + length > lastComplete) {
      windows.push({
        cohortMonth,
        customers: s.customers,
        retainedCustomers: null,
        startingMrr,
        expansionMrr: null,
        contractionMrr: null,
        churnedMrr: null,
        endingMrr: null,
        nrr: null,
        grr: null,
      });
      continue;
    }
    const endingMrr = finiteSum(s.end.value, fn);
    const nrr = startingMrr === 0 ? null : endingMrr / startingMrr;
    if (nrr !== null && !Number.isFinite(nrr)) fail(fn, 'snapshots', 'overflow', 'hold MRR too small for the retention ratio', startingMrr);
    // Exact arithmetic gives capped <= start and capped <= end; the clamp keeps that true
    // after rounding.
    const grr = nrr === null ? null : Math.min(1, nrr, finiteSum(s.capped.value, fn) / startingMrr);
    windows.push({
      cohortMonth,
      customers: s.customers,
      retainedCustomers: s.retained,
      startingMrr,
      expansionMrr: finiteSum(s.expansion.value, fn),
      contractionMrr: finiteSum(s.contraction.value, fn),
      churnedMrr: finiteSum(s.churned.value, fn),
      endingMrr,
      nrr,
      grr,
    });
  }
  return windows;
}

function finiteSum(value: number, fn: string): number {
  if (Number.isFinite(value)) return value;
  return fail(fn, 'snapshots', 'overflow', 'hold MRR that adds up past the largest finite number', value);
}
