/**
 * The read phase of `toMonthlySnapshots`: subscription records validated into flat columns
 * (account code, start, end, MRR), with errors that name the record's account id beside
 * its index (`subscriptions[3] (accountId "acme").amount ...`) and say what a blank field
 * should be instead (`end: ''` is not an open subscription: use `null`).
 * @internal
 */

import { recordPath, fail, failRecord } from '../../core/errors.js';
import { IdCodes, accessorFor, isId, requireRecord } from '../../core/read.js';
import { failRecordInstant, instantOf } from '../../core/timestamp.js';
import type { ZoneCalendar } from '../../core/time-zone.js';
import type { Accessor } from '../../core/types.js';
import { Float64Column, Int32Column, capacityOf, forEachRecord } from './revenue-columns.js';
import { CurrencyCheck } from './revenue-currency.js';
import type { ZoneMonths } from './revenue-months.js';

/** A billing interval's length in months. */
const INTERVAL_MONTHS: Readonly<Record<string, number>> = { month: 1, quarter: 3, year: 12 };

/** The accessors of the subscription fields (each defaults to the property of that name). */
export interface SubscriptionReaders<R> {
  readonly accountId: Accessor<R, unknown>;
  readonly start: Accessor<R, unknown>;
  readonly end: Accessor<R, unknown>;
  readonly amount: Accessor<R, unknown>;
  readonly interval: Accessor<R, unknown>;
  readonly quantity: Accessor<R, unknown>;
  readonly discount: Accessor<R, unknown>;
  readonly currency: Accessor<R, unknown>;
}

const FIELDS = ['accountId', 'start', 'end', 'amount', 'interval', 'quantity', 'discount', 'currency'] as const;

/** Validates the accessor options: `invalid-option` for one that is not a function. */
export function subscriptionReaders<R>(options: Partial<Record<(typeof FIELDS)[number], unknown>>, fn: string): SubscriptionReaders<R> {
  const readers = {} as Record<(typeof FIELDS)[number], Accessor<R, unknown>>;
  for (const field of FIELDS) readers[field] = accessorFor<R>(options[field], field, fn);
  return readers;
}

/** Validated subscriptions as columns: subscription `s` is customer `customers.ids[customer[s]]`. */
export interface SubscriptionColumns {
  readonly size: number;
  readonly customers: IdCodes;
  readonly customer: Int32Array;
  /** Start instants (inclusive). */
  readonly start: Float64Array;
  /** End instants (exclusive); NaN while open. */
  readonly end: Float64Array;
  /** Monthly MRR: `amount × quantity × (1 − discount) / interval months`. */
  readonly mrr: Float64Array;
  /** The latest month any subscription touches (its start month, or the month of its last instant). */
  readonly latest: number;
}

/** Throws for a field of subscription `index`, naming its customer id beside the index (a cold path). */
function failAt(fn: string, index: number, id: unknown, field: string, code: string, problem: string, value: unknown): never {
  return failRecord(fn, { collection: 'subscriptions', index, idField: 'accountId', id }, field, code, problem, value);
}

/** Throws for a start or end that is not an instant, naming the customer id (a cold path). */
function failTime(fn: string, index: number, id: unknown, field: string, value: unknown): never {
  return failRecordInstant(value, fn, { collection: 'subscriptions', index, idField: 'accountId', id }, field);
}

/** Whether a value is a string of nothing but white space (a blank CSV cell). */
function isBlank(value: unknown): boolean {
  return typeof value === 'string' && value.trim() === '';
}

/**
 * Reads and validates every subscription into columns, and finds the latest month any of
 * them touches. O(n), one id lookup and no allocation per record (beyond the columns).
 *
 * @throws {MetricsInputError} `invalid-record`, `invalid-id`, `invalid-timestamp` /
 * `ambiguous-timestamp` (`start`, `end`; a blank `end` says to use `null`), `invalid-period`,
 * `invalid-number`, `invalid-interval`, `invalid-currency`, `mixed-currency`, `overflow`.
 */
export function readSubscriptions<R>(fn: string, input: Iterable<R>, readers: SubscriptionReaders<R>, zone: ZoneCalendar, months: ZoneMonths): SubscriptionColumns {
  const capacity = capacityOf(input);
  const customers = new IdCodes();
  const customer = new Int32Column(capacity);
  const starts = new Float64Column(capacity);
  const ends = new Float64Column(capacity);
  const mrrs = new Float64Column(capacity);
  let latest = Number.NEGATIVE_INFINITY;
  const currency = new CurrencyCheck();
  const size = forEachRecord(input, (record: R, i: number): void => {
    requireRecord(record, fn, 'subscriptions', i);
    const id = readers.accountId(record, i);
    if (!isId(id)) fail(fn, recordPath('subscriptions', i, 'accountId'), 'invalid-id', 'must be a non-empty string or a finite number', id);
    const rawStart = readers.start(record, i);
    const start = instantOf(rawStart, zone);
    if (start !== start) failTime(fn, i, id, 'start', rawStart);
    const end = readEnd(fn, readers.end(record, i), start, i, id, zone);
    const mrr = readMrr(fn, record, i, id, readers);
    const code = readers.currency(record, i);
    if (code !== undefined && code !== null && code !== currency.value) currency.check(fn, code, { collection: 'subscriptions', index: i, idField: 'accountId', id });
    customer.push(customers.code(id));
    starts.push(start);
    ends.push(end);
    mrrs.push(mrr);
    latest = Math.max(latest, months.monthOf(start), end === end ? months.ceilMonthOf(end) - 1 : latest);
  });
  return { size, customers, customer: customer.values, start: starts.values, end: ends.values, mrr: mrrs.values, latest };
}

/** The end instant, NaN while open (`null` or `undefined`); a blank string says to use `null`. */
function readEnd(fn: string, rawEnd: unknown, start: number, index: number, id: unknown, zone: ZoneCalendar): number {
  if (rawEnd === null || rawEnd === undefined) return Number.NaN;
  if (isBlank(rawEnd)) failAt(fn, index, id, 'end', 'invalid-timestamp', 'is blank; use null (or leave it out) for an open subscription', rawEnd);
  const end = instantOf(rawEnd, zone);
  if (end !== end) failTime(fn, index, id, 'end', rawEnd);
  if (end < start) failAt(fn, index, id, 'end', 'invalid-period', 'must not be before start', rawEnd);
  return end;
}

/** The monthly MRR: amount × quantity × (1 − discount) / interval months. */
function readMrr<R>(fn: string, record: R, index: number, id: unknown, readers: SubscriptionReaders<R>): number {
  const amount = readers.amount(record, index);
  if (typeof amount !== 'number' || !(amount >= 0) || amount === Number.POSITIVE_INFINITY) {
    failAt(fn, index, id, 'amount', 'invalid-number', 'must be a finite number >= 0', amount);
  }
  const interval = readers.interval(record, index);
  const perMonths = typeof interval === 'string' && Object.hasOwn(INTERVAL_MONTHS, interval) ? (INTERVAL_MONTHS[interval] as number) : 0;
  if (perMonths === 0) failAt(fn, index, id, 'interval', 'invalid-interval', "must be 'month', 'quarter' or 'year'", interval);
  const quantity = readers.quantity(record, index);
  if (quantity !== undefined && quantity !== null && (typeof quantity !== 'number' || !(quantity >= 0) || quantity === Number.POSITIVE_INFINITY)) {
    const problem = isBlank(quantity) ? 'is blank; use null (or leave it out) for a quantity of 1' : 'must be a finite number >= 0';
    failAt(fn, index, id, 'quantity', 'invalid-number', problem, quantity);
  }
  const discount = readers.discount(record, index);
  if (discount !== undefined && discount !== null && (typeof discount !== 'number' || !(discount >= 0 && discount <= 1))) {
    const problem = isBlank(discount) ? 'is blank; use null (or leave it out) for no discount' : 'must be a fraction from 0 to 1 (0.25 = 25% off)';
    failAt(fn, index, id, 'discount', 'invalid-number', problem, discount);
  }
  const mrr = (amount * ((quantity as number | null | undefined) ?? 1) * (1 - ((discount as number | null | undefined) ?? 0))) / perMonths;
  if (!Number.isFinite(mrr)) failAt(fn, index, id, 'amount', 'overflow', 'times the quantity exceeds the largest finite number', amount);
  return mrr;
}
