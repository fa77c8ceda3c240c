import { firstDayOfMonth, monthKey } from '../core/calendar.js';
import { fail } from '../core/errors.js';
import { optionsOf } from '../core/options.js';
import { readChoice, requireIterable } from '../core/read.js';
import { zoneCalendar } from '../core/time-zone.js';
import { Float64Column, Int32Column } from './internal/revenue-columns.js';
import { ZoneMonths, readMonthOption } from './internal/revenue-months.js';
import { countingOrder, customerRanks } from './internal/revenue-order.js';
import { readSubscriptions, subscriptionReaders, type SubscriptionColumns } from './internal/revenue-subscriptions.js';
import { TO_MONTHLY_SNAPSHOTS_OPTION_KEYS, type MonthlyMrrRule, type MrrSnapshot, type ToMonthlySnapshotsOptions } from './types.js';

const RULES: readonly MonthlyMrrRule[] = ['month-end', 'month-start', 'prorated'];

/**
 * Monthly MRR of each account from subscription periods: the snapshots `mrrMovements` takes.
 *
 * Normalization: a subscription's MRR is `amount × quantity × (1 − discount) / months`,
 * where `months` is 1, 3 or 12 for a `'month'`, `'quarter'` or `'year'` interval (1,200 a
 * year is 100 a month) and `discount` is a fraction (0.25 = 25 % off; 1 = free, MRR 0).
 * Discounts reduce MRR, as ChartMogul, Baremetrics and ProfitWell count coupons. An
 * account's MRR in a month is the sum over its subscriptions (concurrent subscriptions,
 * add-ons and seats add up).
 *
 * Months are calendar months of `timeZone`. A subscription is active from `start`
 * (inclusive) to `end` (exclusive); an open one (`end` null or absent; a blank string is an
 * error, not an open end) runs through `through`, the last month reported (default: the
 * latest month any subscription touches, so data exported today runs through the current
 * month). `through` is a whole month: a date stands for the month containing it. This
 * function takes no `asOf`: it returns plain snapshots, which carry no completeness;
 * pass the export's date as `asOf` to `mrrMovements` or `netRevenueRetention` when the
 * last month is still in progress. Which months count, by `rule`:
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
 * Cost: O(n + C log C + s) for n subscriptions, C accounts and s account-months (the
 * months of each subscription, and of each account from its first to its last):
 * subscriptions are grouped by account with a counting sort, each account's months are
 * summed in a scratch row, and the rows are placed month by month with per-month cursors.
 *
 * Edge cases: no subscriptions gives `[]`. Months with MRR 0 are left out (a missing month
 * means 0), so a free or fully discounted subscription adds nothing. `through` cuts every
 * subscription, closed ones included.
 *
 * @param subscriptions Subscription periods `{ accountId, start, end?, amount, interval,
 * quantity?, discount?, currency? }` (or any fields, read through accessors).
 * @param options `{ rule?, through?, timeZone? }` and accessors.
 * @returns Snapshots `{ accountId, month, mrr }` with `mrr > 0`, sorted by month, then by
 * account id (numbers first, then strings by code units).
 * @throws {MetricsInputError} naming `subscriptions[i] (accountId "…").<field>` (path
 * `subscriptions[i].<field>`): `invalid-id` (at `subscriptions[i].accountId`),
 * `invalid-timestamp`/`ambiguous-timestamp` (a blank `end` says to use `null` for an open
 * subscription), `invalid-period` (end before start), `invalid-number` (amount or quantity
 * not a finite number >= 0, discount not in [0, 1]), `invalid-interval`, `invalid-currency`,
 * `mixed-currency` (a second currency), `overflow`; `invalid-record`, `invalid-input`;
 * `unknown-option` for a key that is not an option; `invalid-option` (a `null` option, a bad
 * `rule`, an accessor that is not a function), `invalid-timestamp` (a bad `through`) or
 * `invalid-time-zone` for options.
 *
 * @example
 * ```ts
 * import { toMonthlySnapshots } from 'customer-success-metrics/revenue';
 * const subscriptions = [
 *   { accountId: 'acme', start: '2024-01-01', end: null, amount: 1200, interval: 'year' },
 *   { accountId: 'acme', start: '2024-02-10', end: '2024-04-10', amount: 30, interval: 'month', quantity: 2 },
 *   { accountId: 'bolt', start: '2024-01-15', end: '2024-03-01', amount: 90, interval: 'quarter', discount: 0.1 },
 * ];
 * toMonthlySnapshots(subscriptions, { through: '2024-04' }).map((s) => `${s.month} ${s.accountId} ${s.mrr}`);
 * // => ['2024-01 acme 100', '2024-01 bolt 27', '2024-02 acme 160', '2024-02 bolt 27', '2024-03 acme 160', '2024-04 acme 100']
 * const prorated = toMonthlySnapshots(subscriptions, { through: '2024-04', rule: 'prorated' });
 * prorated.filter((s) => s.accountId === 'bolt').map((s) => s.mrr); // ~> [14.81, 27]
 * ```
 */
export function toMonthlySnapshots<R>(subscriptions: Iterable<R>, options?: ToMonthlySnapshotsOptions<R>): MrrSnapshot[] {
  const fn = 'toMonthlySnapshots';
  const opts = optionsOf(options, fn, TO_MONTHLY_SNAPSHOTS_OPTION_KEYS);
  const zone = zoneCalendar(opts.timeZone ?? 'UTC', fn);
  const rule = readChoice(opts.rule, RULES, 'month-end', fn, 'options.rule');
  const throughOption = readMonthOption(opts.through, fn, 'options.through', zone);
  const input = requireIterable<R>(subscriptions, fn, 'subscriptions');
  const readers = subscriptionReaders<R>(opts, fn);
  const months = new ZoneMonths(zone);
  const subs = readSubscriptions(fn, input, readers, zone, months);
  if (subs.size === 0) return [];
  const spans = monthSpans(subs, rule, throughOption ?? subs.latest, months);
  if (spans.firstMonth > spans.through) return [];
  return placeByMonth(customerMonths(fn, subs, spans, subscriptions));
}

/** Each subscription's months `[first, last]` (cut at `through`) and its MRR in the first and the last. */
interface MonthSpans {
  readonly through: number;
  /** The earliest month any subscription counts in (`+Infinity` for none). */
  readonly firstMonth: number;
  readonly first: Int32Array;
  readonly last: Int32Array;
  /** MRR in the first and the last month (they differ from the full MRR only when prorated). */
  readonly firstMrr: Float64Array;
  readonly lastMrr: Float64Array;
}

/** Pass 2: the months each subscription counts in, by `rule`. O(n). */
function monthSpans(subs: SubscriptionColumns, rule: MonthlyMrrRule, through: number, months: ZoneMonths): MonthSpans {
  const n = subs.size;
  const first = new Int32Array(n);
  const last = new Int32Array(n);
  const firstMrr = new Float64Array(n);
  const lastMrr = new Float64Array(n);
  let firstMonth = Number.POSITIVE_INFINITY;
  for (let s = 0; s < n; s++) {
    const mrr = subs.mrr[s] as number;
    const start = subs.start[s] as number;
    const end = subs.end[s] as number;
    const open = end !== end;
    let from: number;
    let to: number;
    let head = mrr;
    let tail = mrr;
    if (rule === 'prorated') {
      from = months.monthOf(start);
      const endMonth = open ? Number.POSITIVE_INFINITY : months.monthOf(end);
      to = Math.min(through, open ? through : months.ceilMonthOf(end) - 1);
      head = proratedMrr(months, mrr, from, start, from === endMonth ? end : months.startOf(from + 1));
      if (to === endMonth && to > from) tail = proratedMrr(months, mrr, to, months.startOf(to), end);
    } else {
      from = rule === 'month-end' ? months.monthOf(start) : months.ceilMonthOf(start);
      const afterLast = open ? through + 1 : rule === 'month-end' ? months.monthOf(end) : months.ceilMonthOf(end);
      to = Math.min(through, afterLast - 1);
    }
    if (mrr === 0 || to < from) to = from - 1; // counts in no month
    else if (from < firstMonth) firstMonth = from;
    first[s] = from;
    last[s] = to;
    firstMrr[s] = head;
    lastMrr[s] = tail;
  }
  return { through, firstMonth, first, last, firstMrr, lastMrr };
}

/** Positive customer-months as columns (month index from `firstMonth`, customer code, MRR), with counts per month. */
interface CustomerMonths {
  readonly ids: SubscriptionColumns['customers']['ids'];
  readonly firstMonth: number;
  readonly length: number;
  readonly month: Int32Array;
  readonly customer: Int32Array;
  readonly mrr: Float64Array;
  /** `perMonth[m + 1]` = rows in month index `m`. */
  readonly perMonth: Int32Array;
}

/**
 * Pass 3: customer by customer (in id order), a compensated sum per month in a scratch
 * row; the positive months go to columns, counted per month. O(n + C log C + s).
 */
function customerMonths(fn: string, subs: SubscriptionColumns, spans: MonthSpans, input: unknown): CustomerMonths {
  const n = subs.size;
  const { firstMonth } = spans;
  const length = spans.through - firstMonth + 1;
  const ranks = customerRanks(subs.customers.ids);
  const rankOf = new Int32Array(n);
  for (let s = 0; s < n; s++) rankOf[s] = ranks[subs.customer[s] as number] as number;
  const byCustomer = countingOrder(rankOf, subs.customers.size);
  const sums = new Float64Array(length);
  const compensations = new Float64Array(length);
  const perMonth = new Int32Array(length + 1);
  const outMonth = new Int32Column(n * 4);
  const outCustomer = new Int32Column(n * 4);
  const outMrr = new Float64Column(n * 4);
  let k = 0;
  while (k < n) {
    const customer = subs.customer[byCustomer[k] as number] as number;
    let low = length;
    let high = -1;
    for (; k < n && subs.customer[byCustomer[k] as number] === customer; k++) {
      const s = byCustomer[k] as number;
      const first = (spans.first[s] as number) - firstMonth;
      const last = (spans.last[s] as number) - firstMonth;
      if (last < first) continue;
      low = Math.min(low, first);
      high = Math.max(high, last);
      const full = subs.mrr[s] as number;
      for (let m = first; m <= last; m++) {
        const x = m === first ? (spans.firstMrr[s] as number) : m === last ? (spans.lastMrr[s] as number) : full;
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
      if (!Number.isFinite(mrr)) fail(fn, 'subscriptions', 'overflow', 'sum to a monthly MRR above the largest finite number', input);
      if (mrr === 0) continue;
      outMonth.push(m);
      outCustomer.push(customer);
      outMrr.push(mrr);
      perMonth[m + 1] = (perMonth[m + 1] as number) + 1;
    }
  }
  return { ids: subs.customers.ids, firstMonth, length, month: outMonth.values, customer: outCustomer.values, mrr: outMrr.values, perMonth };
}

/** Places the rows month by month: customers stay in id order within a month. O(s + M). */
function placeByMonth(rows: CustomerMonths): MrrSnapshot[] {
  const { perMonth, length } = rows;
  for (let m = 1; m <= length; m++) perMonth[m] = (perMonth[m] as number) + (perMonth[m - 1] as number);
  const keys: string[] = [];
  for (let m = 0; m < length; m++) keys.push(monthKey(rows.firstMonth + m));
  const snapshots = new Array<MrrSnapshot>(rows.month.length);
  for (let r = 0; r < rows.month.length; r++) {
    const m = rows.month[r] as number;
    const at = perMonth[m] as number;
    perMonth[m] = at + 1;
    snapshots[at] = { accountId: rows.ids[rows.customer[r] as number] as MrrSnapshot['accountId'], month: keys[m] as string, mrr: rows.mrr[r] as number };
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
