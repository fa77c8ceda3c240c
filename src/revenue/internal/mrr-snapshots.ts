/**
 * The one snapshot reader of the revenue module, the read phase of `mrrMovements`, its
 * accumulator, `netRevenueRetention` and `grossRevenueRetention`: MRR snapshots (rows through
 * accessors, or parallel columns) validated into a log of flat typed arrays (account code,
 * month number, MRR) with their one currency, and the log sorted into canonical order,
 * accounts by the library's id order and each account's months ascending, which is the order
 * the compute phases (`mrr-bridge.ts`, `revenue-windows.ts`) add them in, so their sums do
 * not depend on input order.
 * @internal
 */

import { monthKey, parseMonthKey } from '../../core/calendar.js';
import { fail, failColumnValue, failRecord, recordPath } from '../../core/errors.js';
import { compareIds } from '../../core/id-order.js';
import { IdCodes, accessorFor, isId, requireIterable, requireRecord, type Id } from '../../core/read.js';
import type { Accessor } from '../../core/types.js';
import type { MrrSnapshotColumns, SnapshotAccessors } from '../types.js';
import { capacityOf, forEachRecord } from './revenue-columns.js';
import { CurrencyCheck } from './revenue-currency.js';
import { MONTH_PROBLEM } from './revenue-months.js';
import { countingOrder } from './revenue-order.js';

const ID_PROBLEM = 'must be a non-empty string or a finite number';
const MRR_PROBLEM = 'must be a finite number >= 0';

/** Whether a value is a columns batch rather than a record or an iterable of records. */
export function isSnapshotColumns(value: unknown): value is MrrSnapshotColumns {
  if (value === null || typeof value !== 'object') return false;
  if (typeof (value as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function') return false;
  return isColumn((value as { accountId?: unknown }).accountId);
}

function isColumn(value: unknown): value is ArrayLike<unknown> {
  return value !== null && typeof value === 'object' && typeof (value as ArrayLike<unknown>).length === 'number';
}

/** The accessors of the snapshot fields, validated (each defaults to the property of that name). */
export interface SnapshotReaders<R> {
  readonly accountId: Accessor<R, unknown>;
  readonly month: Accessor<R, unknown>;
  readonly mrr: Accessor<R, unknown>;
  readonly currency: Accessor<R, unknown>;
}

/** Validates the accessor options: `invalid-option` for one that is not a function. */
export function snapshotReaders<R>(options: { readonly [K in keyof SnapshotAccessors<R>]?: unknown }, fn: string): SnapshotReaders<R> {
  return {
    accountId: accessorFor<R>(options.accountId, 'accountId', fn),
    month: accessorFor<R>(options.month, 'month', fn),
    mrr: accessorFor<R>(options.mrr, 'mrr', fn),
    currency: accessorFor<R>(options.currency, 'currency', fn),
  };
}

/**
 * Validated snapshots in input order: row `i` is account `codes.ids[customer[i]]` in month
 * number `month[i]` (`year * 12 + month - 1`) with MRR `mrr[i]`, and the one currency they
 * state. Appending is amortized O(1) (capacity doubles) and allocates nothing per row;
 * `truncate` drops a failed batch.
 */
export class SnapshotLog {
  /** Account codes, in order of first appearance (a truncated batch may leave unused codes). */
  readonly codes: IdCodes;
  customer: Int32Array;
  month: Int32Array;
  mrr: Float64Array;
  /** Number of rows. */
  size = 0;
  /** The currency the rows state. */
  currency: CurrencyCheck;

  constructor(capacity = 1024) {
    const n = Math.max(16, capacity);
    this.codes = new IdCodes();
    this.customer = new Int32Array(n);
    this.month = new Int32Array(n);
    this.mrr = new Float64Array(n);
    this.currency = new CurrencyCheck();
  }

  /**
   * A log holding canonical snapshots in their own arrays (account codes = indexes into
   * `ids`), without copying them. They stay unchanged: the arrays are full, so the next
   * row moves the log to new ones. O(n) for the ids.
   */
  static of(snapshots: SortedSnapshots): SnapshotLog {
    const log = new SnapshotLog(0);
    for (const id of snapshots.ids) log.codes.code(id);
    log.customer = snapshots.customer.subarray(0, snapshots.size);
    log.month = snapshots.month.subarray(0, snapshots.size);
    log.mrr = snapshots.mrr.subarray(0, snapshots.size);
    log.size = snapshots.size;
    log.currency = new CurrencyCheck(snapshots.currency);
    return log;
  }

  /** Makes room for `extra` more rows. */
  reserve(extra: number): void {
    const needed = this.size + extra;
    if (needed <= this.customer.length) return;
    let capacity = Math.max(16, this.customer.length * 2);
    while (capacity < needed) capacity *= 2;
    const customer = new Int32Array(capacity);
    const month = new Int32Array(capacity);
    const mrr = new Float64Array(capacity);
    customer.set(this.customer.subarray(0, this.size));
    month.set(this.month.subarray(0, this.size));
    mrr.set(this.mrr.subarray(0, this.size));
    this.customer = customer;
    this.month = month;
    this.mrr = mrr;
  }

  /** Appends one row (code, month number, MRR >= 0; -0 becomes 0). */
  push(code: number, month: number, mrr: number): void {
    if (this.size === this.customer.length) this.reserve(1);
    const at = this.size++;
    this.customer[at] = code;
    this.month[at] = month;
    this.mrr[at] = mrr + 0;
  }

  /** Drops the rows from `size` on (the caller restores the currency it had then). */
  truncate(size: number): void {
    this.size = size;
  }
}

/**
 * Reads the input of a one-shot function (`mrrMovements`, `netRevenueRetention`,
 * `grossRevenueRetention`): records through the accessors, or a columns batch
 * `{ accountId, month, mrr, currency? }` read in place. O(n).
 * @throws {MetricsInputError} `invalid-input` for anything else; the errors of
 * {@link readSnapshotRows} and {@link readSnapshotColumns}.
 */
export function readSnapshotInput<R>(fn: string, snapshots: Iterable<R> | MrrSnapshotColumns, readers: SnapshotReaders<R>): SnapshotLog {
  if (isSnapshotColumns(snapshots)) {
    const log = new SnapshotLog(snapshots.accountId.length);
    readSnapshotColumns(fn, snapshots, log);
    return log;
  }
  const input = requireSnapshots<R>(fn, snapshots);
  const log = new SnapshotLog(capacityOf(input));
  readSnapshotRows(fn, input, readers, log);
  return log;
}

/** The records of a batch; an object that is neither records nor columns says what columns look like. */
export function requireSnapshots<R>(fn: string, batch: unknown): Iterable<R> {
  if (batch !== null && typeof batch === 'object' && typeof (batch as Partial<Iterable<R>>)[Symbol.iterator] !== 'function') {
    fail(fn, 'snapshots', 'invalid-input', 'must be an array or another iterable of records, or columns { accountId, month, mrr, currency? }', batch);
  }
  return requireIterable<R>(batch, fn, 'snapshots');
}

/**
 * Reads and validates snapshot records into `log`. Error paths name `snapshots[i]` with
 * `i = indexBase + ` the record's index in `input` (its position in a stream), and the
 * messages the account id beside it (`snapshots[3] (accountId "acme").mrr`); accessors
 * get the index in `input`. O(n), one id lookup and no allocation per record.
 *
 * @throws {MetricsInputError} `invalid-record`, `invalid-id`, `invalid-month`,
 * `invalid-number`, `invalid-currency`, `mixed-currency`.
 */
export function readSnapshotRows<R>(fn: string, input: Iterable<R>, readers: SnapshotReaders<R>, log: SnapshotLog, indexBase = 0): void {
  if (Array.isArray(input)) log.reserve(input.length);
  const codes = log.codes;
  const currency = log.currency;
  const { accountId: readAccount, month: readMonth, mrr: readMrr, currency: readCurrency } = readers;
  let lastText: unknown = undefined;
  let lastMonth = 0;
  forEachRecord(input, (record: R, i: number): void => {
    requireRecord(record, fn, 'snapshots', indexBase + i);
    const id = readAccount(record, i);
    if (!isId(id)) fail(fn, recordPath('snapshots', indexBase + i, 'accountId'), 'invalid-id', ID_PROBLEM, id);
    const text = readMonth(record, i);
    if (text !== lastText || typeof text !== 'string') {
      const parsed = typeof text === 'string' ? parseMonthKey(text) : null;
      if (parsed === null) failRecord(fn, { collection: 'snapshots', index: indexBase + i, idField: 'accountId', id }, 'month', 'invalid-month', MONTH_PROBLEM, text);
      lastText = text;
      lastMonth = parsed;
    }
    const mrr = readMrr(record, i);
    if (typeof mrr !== 'number' || !(mrr >= 0) || mrr === Number.POSITIVE_INFINITY) {
      failRecord(fn, { collection: 'snapshots', index: indexBase + i, idField: 'accountId', id }, 'mrr', 'invalid-number', MRR_PROBLEM, mrr);
    }
    const code = readCurrency(record, i);
    if (code !== undefined && code !== null && code !== currency.value) {
      currency.check(fn, code, { collection: 'snapshots', index: indexBase + i, idField: 'accountId', id });
    }
    log.push(codes.code(id), lastMonth, mrr);
  });
}

/**
 * Reads and validates a columns batch into `log`, in place (no object per snapshot). Error
 * paths name the column and the position: `snapshots.month[i]`, `i = indexBase + ` the
 * index in the columns, and the messages the account id (`snapshots.mrr[3] (accountId "acme")`). O(n).
 *
 * @throws {MetricsInputError} `invalid-input` (`snapshots.month`, `snapshots.mrr`,
 * `snapshots.currency`) for a missing column or one of another length; `invalid-id`,
 * `invalid-month`, `invalid-number`, `invalid-currency`, `mixed-currency`.
 */
export function readSnapshotColumns(fn: string, columns: MrrSnapshotColumns, log: SnapshotLog, indexBase = 0): void {
  const ids = columns.accountId;
  const months = columns.month;
  const amounts = columns.mrr;
  const currencies = columns.currency;
  const n = ids.length;
  for (const [name, column] of [
    ['month', months],
    ['mrr', amounts],
    ['currency', currencies === undefined ? ids : currencies],
  ] as const) {
    if (!isColumn(column) || column.length !== n) {
      fail(fn, `snapshots.${name}`, 'invalid-input', `must be a column with as many values as snapshots.accountId (${n})`, column);
    }
  }
  log.reserve(n);
  const codes = log.codes;
  const currency = log.currency;
  let lastText: unknown = undefined;
  let lastMonth = 0;
  for (let i = 0; i < n; i++) {
    const id: unknown = ids[i];
    if (!isId(id)) fail(fn, `snapshots.accountId[${indexBase + i}]`, 'invalid-id', ID_PROBLEM, id);
    const text: unknown = months[i];
    if (text !== lastText || typeof text !== 'string') {
      const parsed = typeof text === 'string' ? parseMonthKey(text) : null;
      if (parsed === null) failColumnValue(fn, { collection: 'snapshots', index: indexBase + i, idField: 'accountId', id }, 'month', 'invalid-month', MONTH_PROBLEM, text);
      lastText = text;
      lastMonth = parsed;
    }
    const mrr: unknown = amounts[i];
    if (typeof mrr !== 'number' || !(mrr >= 0) || mrr === Number.POSITIVE_INFINITY) {
      failColumnValue(fn, { collection: 'snapshots', index: indexBase + i, idField: 'accountId', id }, 'mrr', 'invalid-number', MRR_PROBLEM, mrr);
    }
    if (currencies !== undefined) {
      const code: unknown = currencies[i];
      if (code !== undefined && code !== null && code !== currency.value) {
        currency.check(fn, code, { collection: 'snapshots', index: indexBase + i, idField: 'accountId', id }, true);
      }
    }
    log.push(codes.code(id), lastMonth, mrr);
  }
}

/**
 * Snapshots in canonical order: grouped by account, accounts in the library's id order
 * (`compareIds`), each account's months ascending, one snapshot per (account, month).
 * The arrays are never mutated once built, so they may be shared.
 */
export interface SortedSnapshots {
  /** The accounts' ids, each once, in id order. */
  readonly ids: readonly Id[];
  /** Number of snapshots. */
  readonly size: number;
  /** Per snapshot: its customer, an index into `ids`; non-decreasing. */
  readonly customer: Int32Array;
  /** Per snapshot: its month number (`year * 12 + month - 1`); ascending within a customer. */
  readonly month: Int32Array;
  /** Per snapshot: its MRR. */
  readonly mrr: Float64Array;
  /** The currency the snapshots state; `null` when none does. */
  readonly currency: string | null;
}

/**
 * Sorts the log into canonical order: accounts ranked by id (only those with rows), then a
 * stable radix sort by (rank, month), month pass first. With `fn`, a repeated (account,
 * month) throws as `mrrMovements` words it, naming the repeat with the smallest index; without
 * it the caller guarantees there is none. O(n + C log C + M) for n rows, C accounts and a
 * span of M months; the log is not changed.
 *
 * @throws {MetricsInputError} `duplicate-snapshot` at `snapshots[i]` (only with `fn`).
 */
export function sortSnapshots(log: SnapshotLog, fn?: string): SortedSnapshots {
  const n = log.size;
  const codes = log.codes;
  const codeOf = log.customer;
  const monthOf = log.month;
  const mrrOf = log.mrr;

  // Rank the customers that have rows.
  const rank = new Int32Array(codes.size).fill(-1);
  let firstMonth = 0;
  let lastMonth = -1;
  for (let i = 0; i < n; i++) {
    rank[codeOf[i] as number] = 0;
    const m = monthOf[i] as number;
    if (i === 0 || m < firstMonth) firstMonth = m;
    if (i === 0 || m > lastMonth) lastMonth = m;
  }
  let count = 0;
  for (let c = 0; c < rank.length; c++) if (rank[c] === 0) count++;
  const present = new Int32Array(count);
  count = 0;
  for (let c = 0; c < rank.length; c++) if (rank[c] === 0) present[count++] = c;
  const all = codes.ids;
  present.sort((a, b) => compareIds(all[a] as Id, all[b] as Id));
  const ids = new Array<Id>(count);
  for (let r = 0; r < count; r++) {
    const code = present[r] as number;
    rank[code] = r;
    ids[r] = all[code] as Id;
  }

  // Radix sort of the rows by (rank, month), ties in input order.
  const rowRank = new Int32Array(n);
  for (let i = 0; i < n; i++) rowRank[i] = rank[codeOf[i] as number] as number;
  const byMonth = countingOrder(monthOf.subarray(0, n), lastMonth - firstMonth + 1, undefined, firstMonth);
  const order = countingOrder(rowRank, count, byMonth);
  if (fn !== undefined) failOnDuplicate(fn, order, rowRank, monthOf, ids);

  const customer = new Int32Array(n);
  const month = new Int32Array(n);
  const mrr = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    customer[k] = rowRank[i] as number;
    month[k] = monthOf[i] as number;
    mrr[k] = mrrOf[i] as number;
  }
  return { ids, size: n, customer, month, mrr, currency: log.currency.value };
}

/** The advice that ends every duplicate-snapshot message. */
export const DUPLICATE_ADVICE = "sum an account's concurrent subscriptions into one snapshot per month (toMonthlySnapshots does)";

/** Throws `duplicate-snapshot` at `path` for account `id` in month number `month`. */
export function failDuplicate(fn: string, path: string, id: Id, month: number, where: string): never {
  const key = monthKey(month);
  return fail(fn, path, 'duplicate-snapshot', `repeats account ${JSON.stringify(id)} in ${key} (${where}); ${DUPLICATE_ADVICE}`, { accountId: id, month: key });
}

/**
 * Throws for a repeated (customer, month), naming the repeat with the smallest index.
 * `order` lists snapshot indices sorted by (customer, month), ties in input order. O(n).
 */
function failOnDuplicate(fn: string, order: Int32Array, customerOf: Int32Array, monthOf: Int32Array, ids: readonly Id[]): void {
  let repeat = -1;
  let original = -1;
  for (let k = 1; k < order.length; k++) {
    const a = order[k - 1] as number;
    const b = order[k] as number;
    if (customerOf[a] === customerOf[b] && monthOf[a] === monthOf[b] && (repeat === -1 || b < repeat)) {
      repeat = b;
      // The first snapshot of the run: walk back while the key repeats.
      let j = k - 1;
      while (j > 0 && customerOf[order[j - 1] as number] === customerOf[b] && monthOf[order[j - 1] as number] === monthOf[b]) j--;
      original = order[j] as number;
    }
  }
  if (repeat === -1) return;
  failDuplicate(fn, `snapshots[${repeat}]`, ids[customerOf[repeat] as number] as Id, monthOf[repeat] as number, `first at snapshots[${original}]`);
}
