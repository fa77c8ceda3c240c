import { firstDayOfMonth, monthKey } from '../core/calendar.js';
import { fail, recordPath } from '../core/errors.js';
import { IdCodes, accessorFor, isId, optionsOf, readChoice, requireIterable, requireRecord } from '../core/read.js';
import { zoneCalendar } from '../core/time-zone.js';
import { failInstant, instantOf } from '../core/timestamp.js';
import type { Accessor } from '../core/types.js';
import { Float64Column, Int32Column, capacityOf, forEachRecord } from './internal/revenue-columns.js';
import { ZoneMonths, readMonthOption } from './internal/revenue-months.js';
import { countingOrder, customerRanks } from './internal/revenue-order.js';
import type { MrrSnapshot } from './revenue-types.js';

/** A billing interval: the amount is billed every month, quarter (3 months) or year (12 months). */
export type BillingInterval = 'month' | 'quarter' | 'year';

/** Which months a subscription counts in, and how much (see {@link toMonthlySnapshots}). */
export type MonthlyMrrRule = 'month-end' | 'month-start' | 'prorated';

const RULES: readonly MonthlyMrrRule[] = ['month-end', 'month-start', 'prorated'];

/** Options of {@link toMonthlySnapshots}: accessors for the subscription fields, and the rules. */
export interface ToMonthlySnapshotsOptions<R> {
  /** Reads the customer id (default `record.customerId`). */
  readonly customerId?: Accessor<R, unknown>;
  /** Reads the start, inclusive (default `record.start`): a timestamp. */
  readonly start?: Accessor<R, unknown>;
  /** Reads the end, exclusive (default `record.end`): a timestamp, or `null`/`undefined` while open. */
  readonly end?: Accessor<R, unknown>;
  /** Reads the amount billed per interval (default `record.amount`): a finite number >= 0, per unit. */
  readonly amount?: Accessor<R, unknown>;
  /** Reads the billing interval (default `record.interval`): `'month'`, `'quarter'` or `'year'`. */
  readonly interval?: Accessor<R, unknown>;
  /** Reads the quantity (default `record.quantity`; absent or `null` means 1): a finite number >= 0. */
  readonly quantity?: Accessor<R, unknown>;
  /** Reads the discount (default `record.discount`; absent or `null` means 0): a fraction from 0 to 1. */
  readonly discount?: Accessor<R, unknown>;
  /** Reads the currency (default `record.currency`; absent or `null` means not stated). */
  readonly currency?: Accessor<R, unknown>;
  /** `'month-end'` (default), `'month-start'` or `'prorated'`. */
  readonly rule?: MonthlyMrrRule;
  /** The last month reported, `YYYY-MM` (default: the latest month any subscription touches). */
  readonly through?: string;
  /** IANA time zone of the calendar months (default `'UTC'`). */
  readonly timeZone?: string;
}

const INTERVAL_MONTHS: Readonly<Record<BillingInterval, number>> = { month: 1, quarter: 3, year: 12 };

/**
 * Monthly MRR of each customer from subscription periods: the snapshots `mrrMovements` takes.
 *
 * Normalization: a subscription's MRR is `amount × quantity × (1 − discount) / months`,
 * where `months` is 1, 3 or 12 for a `'month'`, `'quarter'` or `'year'` interval (1,200 a
 * year is 100 a month) and `discount` is a fraction (0.25 = 25 % off; 1 = free, MRR 0).
 * Discounts reduce MRR, as ChartMogul, Baremetrics and ProfitWell count coupons. A
 * customer's MRR in a month is the sum over their subscriptions (concurrent subscriptions,
 * add-ons and seats add up).
 *
 * Months are calendar months of `timeZone`. A subscription is active from `start`
 * (inclusive) to `end` (exclusive); an open one (`end` null or absent) runs through
 * `through`, the last month reported (default: the latest month any subscription touches,
 * so data exported today runs through the current month). Which months count, by `rule`:
 * - `'month-end'` (default): a month counts the full MRR of every subscription active at
 *   its end (its last instant). Subscription analytics tools treat MRR as a balance at a
 *   point in time, counting the full MRR of every active subscription whatever day it
 *   started (ChartMogul, Baremetrics), and read a month at its end: Recurly's monthly MRR
 *   is the MRR on the month's last day, and Lago's ending MRR is the run rate at the end of
 *   the period. A subscription from Jan 15 to Mar 10 counts in January and February; one
 *   that starts and ends within a month counts in none; one ending exactly at midnight of
 *   Mar 1 counts through February.
 * - `'month-start'`: the same at the month's first instant (from Jan 15 to Mar 10:
 *   February and March).
 * - `'prorated'`: every month the subscription touches counts `MRR × days active / days in
 *   the month` (from Jan 15 to Mar 10: 17/31 in January, all of February, 9/31 in March),
 *   days being local calendar days (a 23- or 25-hour day counts as one day; a partial day
 *   counts its elapsed share). This is recognized revenue per month rather than MRR.
 *
 * Money: amounts are plain numbers in one currency, minor or major units as you choose.
 * Rows may state a `currency`; two different values throw (a missing one is not checked,
 * and values compare exactly: `'usd'` is not `'USD'`). Sums are compensated.
 *
 * Cost: O(n + C log C + s) for n subscriptions, C customers and s customer-months (the
 * months of each subscription, and of each customer from their first to their last):
 * subscriptions are grouped by customer with a counting sort, each customer's months are
 * summed in a scratch row, and the rows are placed month by month with per-month cursors.
 *
 * Edge cases: no subscriptions gives `[]`. Months with MRR 0 are left out (a missing month
 * means 0), so a free or fully discounted subscription adds nothing. `through` cuts every
 * subscription, closed ones included.
 *
 * @param subscriptions Subscription periods `{ customerId, start, end?, amount, interval,
 * quantity?, discount?, currency? }` (or any fields, read through accessors).
 * @param options `{ rule?, through?, timeZone? }` and accessors.
 * @returns Snapshots `{ customerId, month, mrr }` with `mrr > 0`, sorted by month, then by
 * customer (numbers first, then strings by code units).
 * @throws {MetricsInputError} naming `subscriptions[i].<field>`: `invalid-id`,
 * `invalid-timestamp`/`ambiguous-timestamp`, `invalid-period` (end before start),
 * `invalid-number` (amount or quantity not a finite number >= 0, discount not in [0, 1]),
 * `invalid-interval`, `invalid-currency`, `mixed-currency` (a second currency), `overflow`;
 * `invalid-record`, `invalid-input`; `invalid-option` or `invalid-time-zone` for options.
 *
 * @example
 * ```ts
 * import { toMonthlySnapshots } from 'customer-success-metrics/retention';
 * const subscriptions = [
 *   { customerId: 'acme', start: '2024-01-01', end: null, amount: 1200, interval: 'year' },
 *   { customerId: 'acme', start: '2024-02-10', end: '2024-04-10', amount: 30, interval: 'month', quantity: 2 },
 *   { customerId: 'bolt', start: '2024-01-15', end: '2024-03-01', amount: 90, interval: 'quarter', discount: 0.1 },
 * ];
 * toMonthlySnapshots(subscriptions, { through: '2024-04' }).map((s) => `${s.month} ${s.customerId} ${s.mrr}`);
 * // => ['2024-01 acme 100', '2024-01 bolt 27', '2024-02 acme 160', '2024-02 bolt 27', '2024-03 acme 160', '2024-04 acme 100']
 * const prorated = toMonthlySnapshots(subscriptions, { through: '2024-04', rule: 'prorated' });
 * prorated.filter((s) => s.customerId === 'bolt').map((s) => s.mrr); // => [14.81, 27]
 * ```
 */
export function toMonthlySnapshots<R>(subscriptions: Iterable<R>, options?: ToMonthlySnapshotsOptions<R>): MrrSnapshot[] {
  const fn = 'toMonthlySnapshots';
  const opts = optionsOf(options, fn);
  const zone = zoneCalendar(opts.timeZone ?? 'UTC', fn);
  const rule = readChoice(opts.rule, RULES, 'month-end', fn, 'options.rule');
  const throughOption = readMonthOption(opts.through, fn, 'options.through');
  const input = requireIterable<R>(subscriptions, fn, 'subscriptions');
  const readCustomer = accessorFor<R>(opts.customerId, 'customerId', fn);
  const readStart = accessorFor<R>(opts.start, 'start', fn);
  const readEnd = accessorFor<R>(opts.end, 'end', fn);
  const readAmount = accessorFor<R>(opts.amount, 'amount', fn);
  const readInterval = accessorFor<R>(opts.interval, 'interval', fn);
  const readQuantity = accessorFor<R>(opts.quantity, 'quantity', fn);
  const readDiscount = accessorFor<R>(opts.discount, 'discount', fn);
  const readCurrency = accessorFor<R>(opts.currency, 'currency', fn);
  const months = new ZoneMonths(zone);

  // Pass 1: read and validate every subscription into columns; find the latest month touched.
  const capacity = capacityOf(input);
  const customers = new IdCodes();
  const subCustomer = new Int32Column(capacity);
  const subStart = new Float64Column(capacity);
  const subEnd = new Float64Column(capacity); // NaN while open
  const subMrr = new Float64Column(capacity);
  let latest = Number.NEGATIVE_INFINITY;
  let currency: string | null = null;
  let currencyIndex = -1;
  const i = forEachRecord(input, (record: R, i: number): void => {
    requireRecord(record, fn, 'subscriptions', i);
    const id = readCustomer(record, i);
    if (!isId(id)) fail(fn, recordPath('subscriptions', i, 'customerId'), 'invalid-id', 'must be a non-empty string or a finite number', id);
    const rawStart = readStart(record, i);
    const start = instantOf(rawStart, zone);
    if (start !== start) failInstant(rawStart, fn, recordPath('subscriptions', i, 'start'));
    const rawEnd = readEnd(record, i);
    let end = Number.NaN;
    if (rawEnd !== null && rawEnd !== undefined) {
      end = instantOf(rawEnd, zone);
      if (end !== end) failInstant(rawEnd, fn, recordPath('subscriptions', i, 'end'));
      if (end < start) fail(fn, recordPath('subscriptions', i, 'end'), 'invalid-period', 'must not be before start', rawEnd);
    }
    const amount = readAmount(record, i);
    if (typeof amount !== 'number' || !(amount >= 0) || amount === Number.POSITIVE_INFINITY) {
      fail(fn, recordPath('subscriptions', i, 'amount'), 'invalid-number', 'must be a finite number >= 0', amount);
    }
    const interval = readInterval(record, i);
    const perMonths = typeof interval === 'string' && Object.hasOwn(INTERVAL_MONTHS, interval) ? INTERVAL_MONTHS[interval as BillingInterval] : 0;
    if (perMonths === 0) fail(fn, recordPath('subscriptions', i, 'interval'), 'invalid-interval', "must be 'month', 'quarter' or 'year'", interval);
    const rawQuantity = readQuantity(record, i);
    let quantity = 1;
    if (rawQuantity !== undefined && rawQuantity !== null) {
      if (typeof rawQuantity !== 'number' || !(rawQuantity >= 0) || rawQuantity === Number.POSITIVE_INFINITY) {
        fail(fn, recordPath('subscriptions', i, 'quantity'), 'invalid-number', 'must be a finite number >= 0', rawQuantity);
      }
      quantity = rawQuantity;
    }
    const rawDiscount = readDiscount(record, i);
    let discount = 0;
    if (rawDiscount !== undefined && rawDiscount !== null) {
      if (typeof rawDiscount !== 'number' || !(rawDiscount >= 0 && rawDiscount <= 1)) {
        fail(fn, recordPath('subscriptions', i, 'discount'), 'invalid-number', 'must be a fraction from 0 to 1 (0.25 = 25% off)', rawDiscount);
      }
      discount = rawDiscount;
    }
    const rawCurrency = readCurrency(record, i);
    if (rawCurrency !== undefined && rawCurrency !== null && rawCurrency !== currency) {
      if (typeof rawCurrency !== 'string' || rawCurrency.length === 0) {
        fail(fn, recordPath('subscriptions', i, 'currency'), 'invalid-currency', 'must be a non-empty string such as "USD"', rawCurrency);
      }
      if (currency !== null) {
        fail(
          fn,
          recordPath('subscriptions', i, 'currency'),
          'mixed-currency',
          `differs from ${JSON.stringify(currency)} of subscriptions[${currencyIndex}]; convert the amounts to one currency first`,
          rawCurrency,
        );
      }
      currency = rawCurrency;
      currencyIndex = i;
    }
    const mrr = (amount * quantity * (1 - discount)) / perMonths;
    if (!Number.isFinite(mrr)) {
      fail(fn, recordPath('subscriptions', i, 'amount'), 'overflow', 'times the quantity exceeds the largest finite number', amount);
    }
    subCustomer.push(customers.code(id));
    subStart.push(start);
    subEnd.push(end);
    subMrr.push(mrr);
    const startMonth = months.monthOf(start);
    if (startMonth > latest) latest = startMonth;
    if (end === end) {
      const lastActive = months.ceilMonthOf(end) - 1; // the month of the last instant before end
      if (lastActive > latest) latest = lastActive;
    }
  });
  if (i === 0) return [];
  const through = throughOption ?? latest;

  // Pass 2: each subscription's months [first, last] (cut at `through`) and its MRR in the
  // first, the last and the months between (they differ only when prorated).
  const customerOf = subCustomer.values;
  const starts = subStart.values;
  const ends = subEnd.values;
  const mrrs = subMrr.values;
  const spanFirst = new Int32Array(i);
  const spanLast = new Int32Array(i);
  const firstMrr = new Float64Array(i);
  const lastMrr = new Float64Array(i);
  let firstMonth = Number.POSITIVE_INFINITY;
  for (let s = 0; s < i; s++) {
    const mrr = mrrs[s] as number;
    const start = starts[s] as number;
    const end = ends[s] as number;
    const open = end !== end;
    let first: number;
    let last: number;
    let head = mrr;
    let tail = mrr;
    if (rule === 'prorated') {
      first = months.monthOf(start);
      const endMonth = open ? Number.POSITIVE_INFINITY : months.monthOf(end);
      last = Math.min(through, open ? through : months.ceilMonthOf(end) - 1);
      head = proratedMrr(months, mrr, first, start, first === endMonth ? end : months.startOf(first + 1));
      if (last === endMonth && last > first) tail = proratedMrr(months, mrr, last, months.startOf(last), end);
    } else {
      first = rule === 'month-end' ? months.monthOf(start) : months.ceilMonthOf(start);
      const afterLast = open ? through + 1 : rule === 'month-end' ? months.monthOf(end) : months.ceilMonthOf(end);
      last = Math.min(through, afterLast - 1);
    }
    if (mrr === 0 || last < first) last = first - 1; // counts in no month
    else if (first < firstMonth) firstMonth = first;
    spanFirst[s] = first;
    spanLast[s] = last;
    firstMrr[s] = head;
    lastMrr[s] = tail;
  }
  if (firstMonth > through) return [];
  const length = through - firstMonth + 1;

  // Pass 3: customer by customer (in id order), a compensated sum per month in a scratch
  // row; the positive months go to columns, counted per month.
  const ranks = customerRanks(customers.ids);
  const rankOf = new Int32Array(i);
  for (let s = 0; s < i; s++) rankOf[s] = ranks[customerOf[s] as number] as number;
  const byCustomer = countingOrder(rankOf, customers.size);
  const sums = new Float64Array(length);
  const compensations = new Float64Array(length);
  const perMonth = new Int32Array(length + 1);
  const outMonth = new Int32Column(capacity * 4);
  const outCustomer = new Int32Column(capacity * 4);
  const outMrr = new Float64Column(capacity * 4);
  let k = 0;
  while (k < i) {
    const customer = customerOf[byCustomer[k] as number] as number;
    let low = length;
    let high = -1;
    for (; k < i; k++) {
      const s = byCustomer[k] as number;
      if (customerOf[s] !== customer) break;
      const first = (spanFirst[s] as number) - firstMonth;
      const last = (spanLast[s] as number) - firstMonth;
      if (last < first) continue;
      if (first < low) low = first;
      if (last > high) high = last;
      const full = mrrs[s] as number;
      for (let m = first; m <= last; m++) {
        const x = m === first ? (firstMrr[s] as number) : m === last ? (lastMrr[s] as number) : full;
        const sum = sums[m] as number;
        const t = sum + x;
        if (Math.abs(sum) >= Math.abs(x)) compensations[m] = (compensations[m] as number) + (sum - t + x);
        else compensations[m] = (compensations[m] as number) + (x - t + sum);
        sums[m] = t;
      }
    }
    for (let m = low; m <= high; m++) {
      const mrr = (sums[m] as number) + (compensations[m] as number);
      sums[m] = 0;
      compensations[m] = 0;
      if (!Number.isFinite(mrr)) fail(fn, 'subscriptions', 'overflow', 'sum to a monthly MRR above the largest finite number', subscriptions);
      if (mrr === 0) continue;
      outMonth.push(m);
      outCustomer.push(customer);
      outMrr.push(mrr);
      perMonth[m + 1] = (perMonth[m + 1] as number) + 1;
    }
  }

  // Place the rows month by month: customers stay in id order within a month.
  for (let m = 1; m <= length; m++) perMonth[m] = (perMonth[m] as number) + (perMonth[m - 1] as number);
  const count = outMonth.length;
  const rowMonth = outMonth.values;
  const rowCustomer = outCustomer.values;
  const rowMrr = outMrr.values;
  const keys: string[] = [];
  for (let m = 0; m < length; m++) keys.push(monthKey(firstMonth + m));
  const snapshots = new Array<MrrSnapshot>(count);
  for (let r = 0; r < count; r++) {
    const m = rowMonth[r] as number;
    const at = perMonth[m] as number;
    perMonth[m] = at + 1;
    snapshots[at] = { customerId: customers.ids[rowCustomer[r] as number] as MrrSnapshot['customerId'], month: keys[m] as string, mrr: rowMrr[r] as number };
  }
  return snapshots;
}

/** MRR × the share of month `m` (in local days) from instant `from` to instant `to`. */
function proratedMrr(months: ZoneMonths, mrr: number, m: number, from: number, to: number): number {
  const days = firstDayOfMonth(m + 1) - firstDayOfMonth(m);
  const active = months.daysBetween(from, to);
  if (active === days) return mrr;
  return active > 0 ? (mrr * active) / days : 0;
}
