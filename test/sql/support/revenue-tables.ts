/**
 * Random revenue tables for the SQL conformance properties of the revenue builders:
 *
 * - monthly snapshots (one per account and month, or with one kind of bad row now and then):
 *   integer or text account ids, MRR in whole units, in cents, or 0, gaps (so customers
 *   churn and come back: reactivations), months across a year end, a currency column now
 *   and then, months as `YYYY-MM` text or as a DATE (any day of the month);
 * - subscription periods: starts and ends at local month starts (and 1 ms either side), mid
 *   month and on DST days, open or closed, amounts with cents, the three intervals,
 *   quantities and discounts (a discount of 1 and a quantity of 0 make MRR 0), several
 *   concurrent subscriptions per account (so account-months add three or more terms).
 *
 * Each table comes with the records the in-process function reads, in the table's row order.
 */
import fc from 'fast-check';
import { dayKey, firstDayOfMonth, monthKey } from '../../../src/core/calendar.js';
import { zoneCalendar } from '../../../src/core/time-zone.js';
import type { TableSpec } from './engines.js';
import { ZONES, type Zone } from './event-logs.js';

/** Months of the data: 2023-10 to 2024-05 (across a year end). */
const FIRST_MONTH = 2023 * 12 + 9;
const MONTHS = 8;

const TEXT_ACCOUNTS = ['acme', 'Bolt', "o'hare", 'zoë', '10', '2'] as const;
const INT_ACCOUNTS = [7, 42, 100, 1001, 3] as const;

/** An amount: whole units, cents, or 0. */
const amountArbitrary = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: 1, max: 5000 }).map((cents) => cents / 100) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 500 }) },
  { weight: 1, arbitrary: fc.constant(0) },
);

/** A monthly snapshot as `mrrMovements` reads it (`month` as text; bad values as they are in the table). */
export interface SnapshotRecord {
  readonly accountId: string | number | null;
  readonly month: string | null;
  readonly mrr: number | null;
  readonly currency?: string | null;
}

/** A snapshots table and its records. */
export interface SnapshotTable {
  readonly timeZone: Zone;
  readonly idKind: 'integer' | 'text';
  readonly monthType: 'text' | 'date';
  readonly withCurrency: boolean;
  readonly records: readonly SnapshotRecord[];
  /** The table `snapshots`: `account_id`, `month` (text or date), `mrr` (double), `cur` (text, with a currency). */
  readonly table: { readonly spec: TableSpec; readonly rows: Record<string, unknown>[] };
  /** The first and last month of the data (month numbers). */
  readonly firstMonth: number;
  readonly lastMonth: number;
}

type BadSnapshot = 'none' | 'null-id' | 'null-mrr' | 'negative-mrr' | 'bad-month' | 'duplicate' | 'mixed-currency';

/** Random snapshot tables; now and then one kind of bad row (the property then compares error codes). */
export function snapshotTableArbitrary(): fc.Arbitrary<SnapshotTable> {
  return fc
    .record({
      timeZone: fc.constantFrom(...ZONES),
      idKind: fc.constantFrom('integer' as const, 'text' as const),
      monthType: fc.constantFrom('text' as const, 'date' as const),
      currency: fc.constantFrom('none' as const, 'usd' as const, 'some' as const),
      bad: fc.oneof(
        { weight: 12, arbitrary: fc.constant<BadSnapshot>('none') },
        { weight: 1, arbitrary: fc.constantFrom<BadSnapshot>('null-id', 'null-mrr', 'negative-mrr', 'bad-month', 'duplicate', 'mixed-currency') },
      ),
    })
    .chain(({ timeZone, idKind, monthType, currency, bad }) => {
      const accounts = idKind === 'integer' ? INT_ACCOUNTS : TEXT_ACCOUNTS;
      const history = fc.array(fc.record({ month: fc.integer({ min: 0, max: MONTHS - 1 }), mrr: amountArbitrary, day: fc.integer({ min: 1, max: 28 }), stated: fc.boolean() }), {
        maxLength: MONTHS,
      });
      return fc.record({ histories: fc.tuple(...accounts.map(() => history)), order: fc.infiniteStream(fc.double({ min: 0, max: 1, noNaN: true })) }).map(({ histories, order }) => {
        const rows: { accountId: string | number | null; month: number; day: number; mrr: number | null; currency: string | null }[] = [];
        accounts.forEach((accountId, a) => {
          const seen = new Set<number>();
          for (const h of histories[a] ?? []) {
            if (seen.has(h.month)) continue;
            seen.add(h.month);
            const stated = currency === 'usd' || (currency === 'some' && h.stated) ? 'USD' : null;
            rows.push({ accountId, month: FIRST_MONTH + h.month, day: h.day, mrr: h.mrr, currency: stated });
          }
        });
        // Table order is not month order.
        const keys = rows.map(() => order.next().value as number);
        const shuffled = rows.map((row, i) => ({ row, key: keys[i] as number })).sort((x, y) => x.key - y.key).map((x) => x.row);
        const badRows = applyBad(shuffled, bad, monthType);
        const withCurrency = currency !== 'none' || bad === 'mixed-currency';
        return snapshotTable(timeZone, idKind, monthType, withCurrency, badRows.rows, badRows.badMonthText);
      });
    });
}

function applyBad(
  rows: { accountId: string | number | null; month: number; day: number; mrr: number | null; currency: string | null }[],
  bad: BadSnapshot,
  monthType: 'text' | 'date',
): { rows: typeof rows; badMonthText: string | null } {
  if (bad === 'none' || rows.length === 0) return { rows, badMonthText: null };
  const out = rows.map((r) => ({ ...r }));
  const target = out[Math.floor(out.length / 2)] as (typeof out)[number];
  switch (bad) {
    case 'null-id':
      target.accountId = null;
      break;
    case 'null-mrr':
      target.mrr = null;
      break;
    case 'negative-mrr':
      target.mrr = -1.5;
      break;
    case 'bad-month':
      if (monthType === 'date') target.month = Number.NaN; // NULL in a DATE column
      else return { rows: out, badMonthText: '2024-13' };
      break;
    case 'duplicate':
      out.push({ ...target });
      break;
    case 'mixed-currency':
      target.currency = 'EUR';
      out[0] = { ...(out[0] as (typeof out)[number]), currency: out[0] === target ? 'EUR' : 'USD' };
      break;
  }
  return { rows: out, badMonthText: null };
}

function snapshotTable(
  timeZone: Zone,
  idKind: 'integer' | 'text',
  monthType: 'text' | 'date',
  withCurrency: boolean,
  rows: readonly { accountId: string | number | null; month: number; day: number; mrr: number | null; currency: string | null }[],
  badMonthText: string | null,
): SnapshotTable {
  const months = rows.map((r) => r.month).filter((m) => !Number.isNaN(m));
  const records: SnapshotRecord[] = [];
  const tableRows: Record<string, unknown>[] = [];
  rows.forEach((r, i) => {
    const badText = badMonthText !== null && i === Math.floor(rows.length / 2);
    const text = Number.isNaN(r.month) ? null : badText ? badMonthText : monthKey(r.month);
    const date = Number.isNaN(r.month) ? null : dayKey(firstDayOfMonth(r.month) + r.day - 1);
    const record: SnapshotRecord = { accountId: r.accountId, month: text, mrr: r.mrr };
    records.push(withCurrency ? { ...record, currency: r.currency } : record);
    const row: Record<string, unknown> = { account_id: r.accountId, month: monthType === 'text' ? text : date, mrr: r.mrr };
    if (withCurrency) row['cur'] = r.currency;
    tableRows.push(row);
  });
  const columns: TableSpec['columns'] = [
    { name: 'account_id', type: idKind },
    { name: 'month', type: monthType },
    { name: 'mrr', type: 'double' },
    ...(withCurrency ? [{ name: 'cur', type: 'text' as const }] : []),
  ];
  return {
    timeZone,
    idKind,
    monthType,
    withCurrency,
    records,
    table: { spec: { name: 'snapshots', columns }, rows: tableRows },
    firstMonth: months.length === 0 ? FIRST_MONTH : Math.min(...months),
    lastMonth: months.length === 0 ? FIRST_MONTH + MONTHS - 1 : Math.max(...months),
  };
}

/**
 * A month-or-time option near the data: a month `YYYY-MM`, a date `YYYY-MM-DD` in it (first,
 * middle or last day), or an instant (local midnight of such a day, or 1 ms before it).
 */
export function monthTimestampArbitrary(zone: Zone, firstMonth: number, lastMonth: number): fc.Arbitrary<string | number> {
  const calendar = zoneCalendar(zone, 'test');
  return fc.record({ month: fc.integer({ min: firstMonth - 1, max: lastMonth + 1 }), kind: fc.constantFrom('month', 'first', 'mid', 'last', 'instant', 'instant-1') }).map(({ month, kind }) => {
    const first = firstDayOfMonth(month);
    const last = firstDayOfMonth(month + 1) - 1;
    switch (kind) {
      case 'month':
        return monthKey(month);
      case 'first':
        return dayKey(first);
      case 'mid':
        return dayKey(first + 14);
      case 'last':
        return dayKey(last);
      case 'instant':
        return calendar.startOfDay(first + 10);
      default:
        return calendar.startOfDay(last + 1) - 1;
    }
  });
}

/** A subscription as `toMonthlySnapshots` reads it (epoch ms instants). */
export interface SubscriptionRecord {
  readonly accountId: string | number | null;
  readonly start: number | null;
  readonly end: number | null;
  readonly amount: number;
  readonly interval: string;
  readonly quantity?: number | null;
  readonly discount?: number | null;
  readonly currency?: string | null;
}

/** A subscriptions table and its records. */
export interface SubscriptionTable {
  readonly timeZone: Zone;
  readonly idKind: 'integer' | 'text';
  /** Which optional columns the builder reads (and the records carry). */
  readonly withQuantity: boolean;
  readonly withDiscount: boolean;
  readonly withCurrency: boolean;
  readonly records: readonly SubscriptionRecord[];
  /**
   * The table `subscriptions`: `account_id`, `starts_at`/`ends_at` (timestamps), `start_ms`/`end_ms`
   * (epoch ms, doubles), `amount`, `billing` (the interval), `qty`, `disc`, `cur`.
   */
  readonly table: { readonly spec: TableSpec; readonly rows: Record<string, unknown>[] };
  /** The first and last month touched. */
  readonly firstMonth: number;
  readonly lastMonth: number;
}

type BadSubscription = 'none' | 'null-id' | 'null-start' | 'end-before-start' | 'negative-amount' | 'bad-interval' | 'bad-discount' | 'negative-quantity' | 'mixed-currency';

/** An instant near a local month start (exactly, 1 ms either side), mid month, or on a DST day. */
function instantArbitrary(zone: Zone): fc.Arbitrary<number> {
  const calendar = zoneCalendar(zone, 'test');
  const monthStart = fc.record({ month: fc.integer({ min: 0, max: MONTHS - 1 }), shift: fc.constantFrom(0, 0, -1, 1) }).map(({ month, shift }) => calendar.startOfDay(firstDayOfMonth(FIRST_MONTH + month)) + shift);
  const within = fc
    .record({ month: fc.integer({ min: 0, max: MONTHS - 1 }), day: fc.integer({ min: 0, max: 30 }), ms: fc.integer({ min: 0, max: 86_399_999 }) })
    .map(({ month, day, ms }) => calendar.startOfDay(firstDayOfMonth(FIRST_MONTH + month) + day) + ms);
  // 2024-03-10 (US) and 2024-03-31 (EU): days of 23 hours; 2023-11-05 and 2023-10-29: 25 hours.
  const dst = fc.record({ day: fc.constantFrom(19_792, 19_813, 19_666, 19_659), ms: fc.integer({ min: 0, max: 86_399_999 }) }).map(({ day, ms }) => calendar.startOfDay(day) + ms);
  return fc.oneof(monthStart, within, dst);
}

/** Random subscription tables; now and then one kind of bad row. */
export function subscriptionTableArbitrary(): fc.Arbitrary<SubscriptionTable> {
  return fc
    .record({
      timeZone: fc.constantFrom(...ZONES),
      idKind: fc.constantFrom('integer' as const, 'text' as const),
      withQuantity: fc.boolean(),
      withDiscount: fc.boolean(),
      withCurrency: fc.boolean(),
      accounts: fc.integer({ min: 1, max: 4 }),
      bad: fc.oneof(
        { weight: 14, arbitrary: fc.constant<BadSubscription>('none') },
        {
          weight: 1,
          arbitrary: fc.constantFrom<BadSubscription>('null-id', 'null-start', 'end-before-start', 'negative-amount', 'bad-interval', 'bad-discount', 'negative-quantity', 'mixed-currency'),
        },
      ),
    })
    .chain(({ timeZone, idKind, withQuantity, withDiscount, withCurrency, accounts, bad }) => {
      const ids = (idKind === 'integer' ? INT_ACCOUNTS : TEXT_ACCOUNTS).slice(0, accounts);
      const instant = instantArbitrary(timeZone);
      const subscription = fc.record({
        accountId: fc.constantFrom(...ids),
        start: instant,
        end: fc.oneof({ weight: 1, arbitrary: fc.constant(null) }, { weight: 3, arbitrary: instant }),
        amount: amountArbitrary,
        interval: fc.constantFrom('month', 'month', 'quarter', 'year'),
        quantity: fc.constantFrom(null, 1, 2, 3, 0, 2.5),
        discount: fc.constantFrom(null, 0, 0.1, 0.25, 1),
        currency: fc.constantFrom(null, 'USD'),
      });
      return fc.array(subscription, { maxLength: 14 }).map((drawn) => {
        // A closed subscription ends at or after its start (swap them).
        const subs = drawn.map((s) => (s.end !== null && s.end < s.start ? { ...s, start: s.end, end: s.start } : s));
        return subscriptionTable(timeZone, idKind, withQuantity, withDiscount, withCurrency || bad === 'mixed-currency', applyBadSubscription(subs, bad));
      });
    });
}

interface DrawnSubscription {
  accountId: string | number | null;
  start: number | null;
  end: number | null;
  amount: number;
  interval: string;
  quantity: number | null;
  discount: number | null;
  currency: string | null;
}

function applyBadSubscription(subs: readonly DrawnSubscription[], bad: BadSubscription): DrawnSubscription[] {
  const out = subs.map((s) => ({ ...s }));
  if (bad === 'none' || out.length === 0) return out;
  const target = out[Math.floor(out.length / 2)] as DrawnSubscription;
  switch (bad) {
    case 'null-id':
      target.accountId = null;
      break;
    case 'null-start':
      target.start = null;
      break;
    case 'end-before-start':
      target.end = (target.start as number) - 86_400_000;
      break;
    case 'negative-amount':
      target.amount = -10;
      break;
    case 'bad-interval':
      target.interval = 'week';
      break;
    case 'bad-discount':
      target.discount = 1.5;
      break;
    case 'negative-quantity':
      target.quantity = -1;
      break;
    case 'mixed-currency':
      for (const s of out) s.currency = 'USD';
      target.currency = 'EUR';
      break;
  }
  return out;
}

function subscriptionTable(
  timeZone: Zone,
  idKind: 'integer' | 'text',
  withQuantity: boolean,
  withDiscount: boolean,
  withCurrency: boolean,
  subs: readonly DrawnSubscription[],
): SubscriptionTable {
  const calendar = zoneCalendar(timeZone, 'test');
  const records = subs.map((s): SubscriptionRecord => {
    const record: Record<string, unknown> = { accountId: s.accountId, start: s.start, end: s.end, amount: s.amount, interval: s.interval };
    if (withQuantity) record['quantity'] = s.quantity;
    if (withDiscount) record['discount'] = s.discount;
    if (withCurrency) record['currency'] = s.currency;
    return record as unknown as SubscriptionRecord;
  });
  const rows = subs.map((s) => ({
    account_id: s.accountId,
    starts_at: s.start,
    ends_at: s.end,
    start_ms: s.start,
    end_ms: s.end,
    amount: s.amount,
    billing: s.interval,
    qty: s.quantity,
    disc: s.discount,
    cur: s.currency,
  }));
  const spec: TableSpec = {
    name: 'subscriptions',
    columns: [
      { name: 'account_id', type: idKind },
      { name: 'starts_at', type: 'timestamp' },
      { name: 'ends_at', type: 'timestamp' },
      { name: 'start_ms', type: 'double' },
      { name: 'end_ms', type: 'double' },
      { name: 'amount', type: 'double' },
      { name: 'billing', type: 'text' },
      { name: 'qty', type: 'double' },
      { name: 'disc', type: 'double' },
      { name: 'cur', type: 'text' },
    ],
  };
  const months = subs.flatMap((s) => [s.start, s.end]).filter((t): t is number => t !== null).map((t) => monthOfInstant(calendar, t));
  return {
    timeZone,
    idKind,
    withQuantity,
    withDiscount,
    withCurrency,
    records,
    table: { spec, rows },
    firstMonth: months.length === 0 ? FIRST_MONTH : Math.min(...months),
    lastMonth: months.length === 0 ? FIRST_MONTH + MONTHS - 1 : Math.max(...months),
  };
}

function monthOfInstant(calendar: ReturnType<typeof zoneCalendar>, t: number): number {
  const key = dayKey(calendar.dayOf(t));
  return Number(key.slice(0, 4)) * 12 + Number(key.slice(5, 7)) - 1;
}

/** Where the subscriptions' instants are read: timestamp columns, or epoch ms in doubles. */
export const subscriptionTimeArbitrary = fc.constantFrom(
  { start: 'starts_at', end: 'ends_at', timestampType: 'timestamp' as const },
  { start: 'start_ms', end: 'end_ms', timestampType: 'epoch-ms' as const },
);
