import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toMonthlySnapshots } from '../../src/revenue/to-monthly-snapshots.js';
import type { MonthlyMrrRule } from '../../src/revenue/types.js';
import { errorOf } from '../support/errors.js';
import { shuffled } from '../support/model.js';

type Subscription = {
  accountId: string | number;
  start: string | number;
  end?: string | number | null;
  amount: number;
  interval: string;
  quantity?: number;
  discount?: number;
  currency?: string;
};

/** Snapshots as `month customer mrr` lines, easy to compare with a hand-worked table. */
function lines(snapshots: { accountId: string | number; month: string; mrr: number }[]): string[] {
  return snapshots.map((s) => `${s.month} ${s.accountId} ${s.mrr}`);
}

describe('toMonthlySnapshots', () => {
  it('runs the doc example', () => {
    const subscriptions = [
      { accountId: 'acme', start: '2024-01-01', end: null, amount: 1200, interval: 'year' },
      { accountId: 'acme', start: '2024-02-10', end: '2024-04-10', amount: 30, interval: 'month', quantity: 2 },
      { accountId: 'bolt', start: '2024-01-15', end: '2024-03-01', amount: 90, interval: 'quarter', discount: 0.1 },
    ];
    // acme yearly: 1200 / 12 = 100 in every month through 2024-04 (open).
    // acme seats: 30 × 2 = 60, active at the end of Feb and Mar (ends Apr 10, before the end of April).
    // bolt: 90 × 0.9 / 3 = 27, active at the end of Jan and Feb (ends at the first instant of March).
    expect(lines(toMonthlySnapshots(subscriptions, { through: '2024-04' }))).toEqual([
      '2024-01 acme 100',
      '2024-01 bolt 27',
      '2024-02 acme 160',
      '2024-02 bolt 27',
      '2024-03 acme 160',
      '2024-04 acme 100',
    ]);
    // Prorated bolt: Jan 15..31 is 17 of 31 days, 27 × 17 / 31 = 14.806451612903226; February in full.
    const prorated = toMonthlySnapshots(subscriptions, { through: '2024-04', rule: 'prorated' });
    expect(prorated.filter((s) => s.accountId === 'bolt').map((s) => s.mrr)).toEqual([(27 * 17) / 31, 27]);
  });

  it('spreads an annual plan over its twelve months: 1,200 a year is 100 a month', () => {
    const result = toMonthlySnapshots([{ accountId: 'a', start: '2024-01-01', end: '2025-01-01', amount: 1200, interval: 'year' }]);
    // Active from 2024-01-01 to the first instant of 2025: the end of every month of 2024, none of 2025.
    expect(result).toHaveLength(12);
    expect(result.every((s) => s.mrr === 100 && s.accountId === 'a')).toBe(true);
    expect(result.map((s) => s.month)).toEqual(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11', '12'].map((m) => `2024-${m}`));
  });

  it('spreads a quarterly plan over three months: 300 a quarter is 100 a month', () => {
    const result = toMonthlySnapshots([{ accountId: 'q', start: '2024-04-01', end: '2024-07-01', amount: 300, interval: 'quarter' }]);
    expect(lines(result)).toEqual(['2024-04 q 100', '2024-05 q 100', '2024-06 q 100']);
  });

  it('sums concurrent subscriptions and applies quantity and discount', () => {
    const subscriptions = [
      // 40 × 3 seats × (1 − 0.25) = 90 a month.
      { accountId: 'c', start: '2024-01-01', end: '2024-03-01', amount: 40, interval: 'month', quantity: 3, discount: 0.25 },
      // An add-on, 10 a month, from February: 90 + 10 = 100 in February.
      { accountId: 'c', start: '2024-02-01', end: '2024-03-01', amount: 10, interval: 'month' },
      // An annual add-on of 240 with half off: 240 × 0.5 / 12 = 10 a month.
      { accountId: 'c', start: '2024-02-01', end: '2024-03-01', amount: 240, interval: 'year', discount: 0.5 },
    ];
    expect(lines(toMonthlySnapshots(subscriptions))).toEqual(['2024-01 c 90', '2024-02 c 110']);
    // Absent or null quantity and discount mean 1 and 0.
    const plain = toMonthlySnapshots([{ accountId: 'c', start: '2024-01-01', end: '2024-02-01', amount: 50, interval: 'month', quantity: null, discount: null }]);
    expect(lines(plain)).toEqual(['2024-01 c 50']);
  });

  it('leaves out months with MRR 0: free plans, full discounts, zero quantity', () => {
    const subscriptions = [
      { accountId: 'free', start: '2024-01-01', end: null, amount: 0, interval: 'month' },
      { accountId: 'coupon', start: '2024-01-01', end: null, amount: 99, interval: 'month', discount: 1 },
      { accountId: 'seats', start: '2024-01-01', end: null, amount: 99, interval: 'month', quantity: 0 },
      { accountId: 'paid', start: '2024-02-01', end: null, amount: 5, interval: 'month' },
    ];
    expect(lines(toMonthlySnapshots(subscriptions))).toEqual(['2024-02 paid 5']);
  });

  describe('mid-month starts and ends under each rule', () => {
    // A monthly plan of 31 from Jan 15 (inclusive) to Mar 10 (exclusive), UTC.
    const sub = [{ accountId: 'm', start: '2024-01-15', end: '2024-03-10', amount: 31, interval: 'month' }];

    it("'month-end' (default) counts the months it is active at the end of: January and February", () => {
      // End of January (Jan 31 23:59:59.999): active. End of February: active. End of March: ended Mar 10.
      expect(lines(toMonthlySnapshots(sub))).toEqual(['2024-01 m 31', '2024-02 m 31']);
      expect(toMonthlySnapshots(sub, { rule: 'month-end' })).toEqual(toMonthlySnapshots(sub));
    });

    it("'month-start' counts the months it is active at the start of: February and March", () => {
      // Jan 1: not yet started. Feb 1 and Mar 1: active. Apr 1: ended.
      expect(lines(toMonthlySnapshots(sub, { rule: 'month-start', through: '2024-04' }))).toEqual(['2024-02 m 31', '2024-03 m 31']);
    });

    it("'prorated' counts days active: 17/31 of January, February in full, 9/31 of March", () => {
      // January: days 15..31 = 17 of 31 → 31 × 17/31 = 17. February: all 29 days → 31.
      // March: days 1..9 = 9 of 31 → 31 × 9/31 = 9.
      expect(lines(toMonthlySnapshots(sub, { rule: 'prorated' }))).toEqual(['2024-01 m 17', '2024-02 m 31', '2024-03 m 9']);
    });

    it('a subscription inside one month counts in no month at its end or start, prorated in its own', () => {
      const short = [{ accountId: 's', start: '2024-01-10', end: '2024-01-20', amount: 62, interval: 'month' }];
      expect(toMonthlySnapshots(short)).toEqual([]);
      expect(toMonthlySnapshots(short, { rule: 'month-start' })).toEqual([]);
      // 10 days (Jan 10..19) of 31: 62 × 10/31 = 20.
      expect(lines(toMonthlySnapshots(short, { rule: 'prorated' }))).toEqual(['2024-01 s 20']);
    });

    it('treats start as inclusive and end as exclusive at month boundaries', () => {
      // From the first instant of February to the first instant of April: February and March under every rule.
      const exact = [{ accountId: 'x', start: '2024-02-01T00:00:00Z', end: '2024-04-01T00:00:00Z', amount: 10, interval: 'month' }];
      for (const rule of ['month-end', 'month-start', 'prorated'] as const) {
        expect(lines(toMonthlySnapshots(exact, { rule, through: '2024-05' }))).toEqual(['2024-02 x 10', '2024-03 x 10']);
      }
      // One millisecond later at each end: month-end keeps Feb and Mar (active at the end of March,
      // as the end is now 00:00:00.001 of April); month-start loses February (not active at Feb 1 00:00).
      const shifted = [{ accountId: 'x', start: '2024-02-01T00:00:00.001Z', end: '2024-04-01T00:00:00.001Z', amount: 10, interval: 'month' }];
      expect(lines(toMonthlySnapshots(shifted, { through: '2024-05' }))).toEqual(['2024-02 x 10', '2024-03 x 10']);
      expect(lines(toMonthlySnapshots(shifted, { rule: 'month-start', through: '2024-05' }))).toEqual(['2024-03 x 10', '2024-04 x 10']);
    });

    it('prorates partial days by their elapsed share of the day', () => {
      // From Jan 15 12:00 UTC: 16.5 of 31 days in January → 31 × 16.5/31 = 16.5.
      const half = [{ accountId: 'h', start: '2024-01-15T12:00:00Z', end: '2024-02-01', amount: 31, interval: 'month' }];
      expect(lines(toMonthlySnapshots(half, { rule: 'prorated' }))).toEqual(['2024-01 h 16.5']);
    });

    it('prorates by local days in a DST zone: the 23-hour day counts as one day', () => {
      // New York, March 2024 has 31 days but 743 hours (DST began Mar 10). From Mar 16 (local
      // midnight, a date-only start) to Apr 1: 16 of 31 days → 31 × 16/31 = 16. By hours it
      // would be 31 × 384/743 = 16.02..., so this checks days, not hours.
      const dst = [{ accountId: 'd', start: '2024-03-16', end: '2024-04-01', amount: 31, interval: 'month' }];
      expect(lines(toMonthlySnapshots(dst, { rule: 'prorated', timeZone: 'America/New_York' }))).toEqual(['2024-03 d 16']);
    });
  });

  it('buckets months in the given time zone', () => {
    // Ends Feb 1 03:00 UTC = Jan 31 22:00 in New York: active at the end of January in UTC,
    // not in New York (where the month ends 5 hours later, at Feb 1 05:00 UTC).
    const sub = [{ accountId: 'z', start: '2024-01-01T12:00:00Z', end: '2024-02-01T03:00:00Z', amount: 10, interval: 'month' }];
    expect(lines(toMonthlySnapshots(sub))).toEqual(['2024-01 z 10']);
    expect(toMonthlySnapshots(sub, { timeZone: 'America/New_York' })).toEqual([]);
    // And a date-only start means local midnight: 2024-03-01 in Tokyo is Feb 29 15:00 UTC,
    // which is in February in UTC but March in Tokyo.
    const tokyo = [{ accountId: 't', start: '2024-03-01', end: null, amount: 10, interval: 'month' }];
    expect(lines(toMonthlySnapshots(tokyo, { timeZone: 'Asia/Tokyo' }))).toEqual(['2024-03 t 10']);
  });

  it('runs open subscriptions through `through`, which cuts closed ones too', () => {
    const subscriptions = [
      { accountId: 'open', start: '2024-01-20', amount: 10, interval: 'month' },
      { accountId: 'closed', start: '2024-01-01', end: '2024-04-01', amount: 20, interval: 'month' },
    ];
    // Default through: the latest month touched, March (closed ends at the first instant of April).
    expect(lines(toMonthlySnapshots(subscriptions))).toEqual([
      '2024-01 closed 20',
      '2024-01 open 10',
      '2024-02 closed 20',
      '2024-02 open 10',
      '2024-03 closed 20',
      '2024-03 open 10',
    ]);
    expect(lines(toMonthlySnapshots(subscriptions, { through: '2024-02' }))).toEqual([
      '2024-01 closed 20',
      '2024-01 open 10',
      '2024-02 closed 20',
      '2024-02 open 10',
    ]);
    expect(toMonthlySnapshots(subscriptions, { through: '2024-05' }).filter((s) => s.month >= '2024-04')).toEqual([
      { accountId: 'open', month: '2024-04', mrr: 10 },
      { accountId: 'open', month: '2024-05', mrr: 10 },
    ]);
    expect(toMonthlySnapshots(subscriptions, { through: '2023-12' })).toEqual([]);
  });

  it('reads `through` as a whole month: a date or an instant stands for the month of its local day', () => {
    const subscriptions = [{ accountId: 'open', start: '2024-01-20', amount: 10, interval: 'month' }];
    const february = toMonthlySnapshots(subscriptions, { through: '2024-02' });
    expect(lines(february)).toEqual(['2024-01 open 10', '2024-02 open 10']);
    // February 10 and February 29 both mean February: months are whole.
    expect(toMonthlySnapshots(subscriptions, { through: '2024-02-10' })).toEqual(february);
    expect(toMonthlySnapshots(subscriptions, { through: '2024-02-29' })).toEqual(february);
    // 2024-02-29T23:30Z is March 1, 00:30 in Berlin: through March there.
    expect(lines(toMonthlySnapshots(subscriptions, { through: '2024-02-29T23:30:00Z', timeZone: 'Europe/Berlin' })).at(-1)).toBe('2024-03 open 10');
    expect(toMonthlySnapshots(subscriptions, { through: '2024-02-29T23:30:00Z' })).toEqual(february);
  });

  it('sorts by month, then customer: numbers first, then strings by code units', () => {
    const ids = ['b', 10, 'B', 2, 'a'];
    const subscriptions = ids.map((accountId) => ({ accountId, start: '2024-01-01', end: '2024-02-01', amount: 1, interval: 'month' }));
    expect(toMonthlySnapshots(subscriptions).map((s) => s.accountId)).toEqual([2, 10, 'B', 'a', 'b']);
  });

  it('reads other field names through accessors', () => {
    const rows = [{ account: 7, from: Date.UTC(2024, 0, 1), until: Date.UTC(2024, 1, 1), price: 120, every: 'year', seats: 2, off: 0.5, cur: 'EUR' }];
    type Row = (typeof rows)[number];
    const result = toMonthlySnapshots(rows, {
      accountId: (r: Row) => r.account,
      start: (r: Row) => r.from,
      end: (r: Row) => r.until,
      amount: (r: Row) => r.price,
      interval: (r: Row) => r.every,
      quantity: (r: Row) => r.seats,
      discount: (r: Row) => r.off,
      currency: (r: Row) => r.cur,
    });
    // 120 × 2 × 0.5 / 12 = 10.
    expect(result).toEqual([{ accountId: 7, month: '2024-01', mrr: 10 }]);
  });

  it('accepts one currency, and rows that do not state one', () => {
    const subscriptions = [
      { accountId: 'a', start: '2024-01-01', end: '2024-02-01', amount: 10, interval: 'month', currency: 'USD' },
      { accountId: 'b', start: '2024-01-01', end: '2024-02-01', amount: 20, interval: 'month' },
      { accountId: 'c', start: '2024-01-01', end: '2024-02-01', amount: 30, interval: 'month', currency: 'USD' },
    ];
    expect(lines(toMonthlySnapshots(subscriptions))).toEqual(['2024-01 a 10', '2024-01 b 20', '2024-01 c 30']);
  });

  it('throws for two currencies, naming the record', () => {
    const subscriptions: Subscription[] = [
      { accountId: 'a', start: '2024-01-01', amount: 10, interval: 'month', currency: 'USD' },
      { accountId: 'b', start: '2024-01-01', amount: 10, interval: 'month' },
      { accountId: 'c', start: '2024-01-01', amount: 10, interval: 'month', currency: 'EUR' },
    ];
    const error = errorOf(() => toMonthlySnapshots(subscriptions));
    expect(error.code).toBe('mixed-currency');
    expect(error.path).toBe('subscriptions[2].currency');
    expect(error.value).toBe('EUR');
    expect(error.message).toBe(
      'toMonthlySnapshots: subscriptions[2] (accountId "c").currency differs from "USD", the currency of subscriptions[0]; convert the amounts to one currency first ("EUR")',
    );
  });

  it('gives [] for no subscriptions', () => {
    expect(toMonthlySnapshots([])).toEqual([]);
    expect(toMonthlySnapshots(new Set<Subscription>(), { through: '2024-01', rule: 'prorated' })).toEqual([]);
  });

  it('does not mutate its input', () => {
    const subscriptions = Object.freeze([
      Object.freeze({ accountId: 'a', start: '2024-01-01', end: null, amount: 1200, interval: 'year' }),
      Object.freeze({ accountId: 'a', start: '2024-01-15', end: '2024-03-01', amount: 10, interval: 'month' }),
    ]);
    const first = toMonthlySnapshots(subscriptions, { through: '2024-03' });
    expect(toMonthlySnapshots(subscriptions, { through: '2024-03' })).toEqual(first);
    expect(lines(first)).toEqual(['2024-01 a 110', '2024-02 a 110', '2024-03 a 100']);
  });

  it('rejects bad records and options with MetricsInputError', () => {
    const ok = { accountId: 'a', start: '2024-01-01', end: null, amount: 10, interval: 'month' };
    const cases: [unknown, object | undefined, string, string, string][] = [
      // Record errors name the customer id beside the index: `subscriptions[1] (accountId "a").amount`.
      [[ok, { ...ok, amount: -5 }], undefined, 'subscriptions[1].amount', 'invalid-number', 'subscriptions[1] (accountId "a").amount must be a finite number >= 0 (-5)'],
      [[{ ...ok, amount: '10' }], undefined, 'subscriptions[0].amount', 'invalid-number', 'subscriptions[0] (accountId "a").amount must be a finite number >= 0 ("10")'],
      [[{ ...ok, accountId: 42, amount: Number.NaN }], undefined, 'subscriptions[0].amount', 'invalid-number', 'subscriptions[0] (accountId 42).amount must be a finite number >= 0 (NaN)'],
      [[{ ...ok, interval: 'week' }], undefined, 'subscriptions[0].interval', 'invalid-interval', `subscriptions[0] (accountId "a").interval must be 'month', 'quarter' or 'year' ("week")`],
      [[{ ...ok, interval: 'toString' }], undefined, 'subscriptions[0].interval', 'invalid-interval', `subscriptions[0] (accountId "a").interval must be 'month', 'quarter' or 'year' ("toString")`],
      [[{ ...ok, end: '2023-12-31' }], undefined, 'subscriptions[0].end', 'invalid-period', 'subscriptions[0] (accountId "a").end must not be before start ("2023-12-31")'],
      [[{ ...ok, start: 'yesterday' }], undefined, 'subscriptions[0].start', 'invalid-timestamp', 'subscriptions[0] (accountId "a").start is not a valid timestamp ("yesterday")'],
      [[{ ...ok, end: '2024-02-01T00:00:00' }], undefined, 'subscriptions[0].end', 'ambiguous-timestamp', ''],
      // A blank string is not "open": the message says to use null.
      [[ok, { ...ok, accountId: 'acme', end: '' }], undefined, 'subscriptions[1].end', 'invalid-timestamp', 'subscriptions[1] (accountId "acme").end is blank; use null (or leave it out) for an open subscription ("")'],
      [[{ ...ok, end: '  ' }], undefined, 'subscriptions[0].end', 'invalid-timestamp', 'subscriptions[0] (accountId "a").end is blank; use null (or leave it out) for an open subscription ("  ")'],
      [[{ ...ok, quantity: '' }], undefined, 'subscriptions[0].quantity', 'invalid-number', 'subscriptions[0] (accountId "a").quantity is blank; use null (or leave it out) for a quantity of 1 ("")'],
      [[{ ...ok, discount: '' }], undefined, 'subscriptions[0].discount', 'invalid-number', 'subscriptions[0] (accountId "a").discount is blank; use null (or leave it out) for no discount ("")'],
      [[{ ...ok, currency: '' }], undefined, 'subscriptions[0].currency', 'invalid-currency', 'subscriptions[0] (accountId "a").currency is blank; use null (or leave it out) when the currency is not stated ("")'],
      [[{ ...ok, quantity: -1 }], undefined, 'subscriptions[0].quantity', 'invalid-number', 'subscriptions[0] (accountId "a").quantity must be a finite number >= 0 (-1)'],
      [[{ ...ok, discount: 25 }], undefined, 'subscriptions[0].discount', 'invalid-number', 'subscriptions[0] (accountId "a").discount must be a fraction from 0 to 1 (0.25 = 25% off) (25)'],
      [[{ ...ok, currency: 840 }], undefined, 'subscriptions[0].currency', 'invalid-currency', 'subscriptions[0] (accountId "a").currency must be a non-empty string such as "USD" (840)'],
      [[{ ...ok, accountId: '' }], undefined, 'subscriptions[0].accountId', 'invalid-id', 'subscriptions[0].accountId must be a non-empty string or a finite number ("")'],
      [[{ ...ok, amount: 1e308, quantity: 10 }], undefined, 'subscriptions[0].amount', 'overflow', ''],
      [[{ ...ok, amount: 1e308 }, { ...ok, amount: 1e308 }], undefined, 'subscriptions', 'overflow', 'subscriptions sum to a monthly MRR above the largest finite number (an array of 2)'],
      [[null], undefined, 'subscriptions[0]', 'invalid-record', 'subscriptions[0] must be an object (null)'],
      ['subs', undefined, 'subscriptions', 'invalid-input', ''],
      [[ok], { rule: 'active-at-month-start' }, 'options.rule', 'invalid-option', ''],
      [[ok], { through: '2024-1' }, 'options.through', 'invalid-timestamp', 'options.through is not a valid timestamp ("2024-1")'],
      [[ok], { through: '2024-13' }, 'options.through', 'invalid-timestamp', ''],
      [[ok], { timeZone: 'Mars/Base' }, 'options.timeZone', 'invalid-time-zone', ''],
      [[ok], { amount: 'price' }, 'options.amount', 'invalid-option', ''],
      // Strict options: unknown keys name the closest one; null is an error, not the default.
      [[ok], { timezone: 'Europe/Berlin' }, 'options.timezone', 'unknown-option', 'options.timezone is not an option; did you mean timeZone? ("Europe/Berlin")'],
      [[ok], { thru: '2024-06' }, 'options.thru', 'unknown-option', ''],
      [[ok], { rules: 'prorated' }, 'options.rules', 'unknown-option', 'options.rules is not an option; did you mean rule? ("prorated")'],
      [[ok], { through: null }, 'options.through', 'invalid-option', 'options.through must not be null; leave it out (or pass undefined) for the default (null)'],
      [[ok], { timeZone: null }, 'options.timeZone', 'invalid-option', ''],
    ];
    for (const [subscriptions, options, path, code, message] of cases) {
      const error = errorOf(() => toMonthlySnapshots(subscriptions as Subscription[], options));
      expect(error.path, path).toBe(path);
      expect(error.code, path).toBe(code);
      expect(error.message.startsWith('toMonthlySnapshots: '), error.message).toBe(true);
      if (message !== '') expect(error.message).toBe(`toMonthlySnapshots: ${message}`);
    }
  });

  // Random subscriptions in 2024 (integer epoch ms, UTC): a few customers, open or closed.
  const YEAR = Date.UTC(2024, 0, 1);
  const DAY = 86_400_000;
  const subscriptionArb = fc
    .record({
      accountId: fc.integer({ min: 1, max: 5 }),
      start: fc.integer({ min: YEAR, max: YEAR + 300 * DAY }),
      length: fc.option(fc.integer({ min: 0, max: 150 * DAY }), { nil: null }),
      amount: fc.integer({ min: 0, max: 100 }).map((a) => a * 12),
      interval: fc.constantFrom('month', 'quarter', 'year'),
      quantity: fc.constantFrom(undefined, 1, 2, 3),
      discount: fc.constantFrom(undefined, 0, 0.25, 0.5, 1),
    })
    .map(({ length, ...s }) => ({ ...s, end: length === null ? null : s.start + length }));
  type RandomSubscription = typeof subscriptionArb extends fc.Arbitrary<infer T> ? T : never;
  const subscriptionsArb = fc.array(subscriptionArb, { maxLength: 12 });
  const ruleArb = fc.constantFrom<MonthlyMrrRule>('month-end', 'month-start', 'prorated');
  const throughArb = fc.option(fc.integer({ min: 0, max: 14 }), { nil: undefined }).map((m) => (m === undefined ? undefined : monthText(2024 * 12 + m)));

  function monthText(m: number): string {
    return `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  }
  function monthStartMs(m: number): number {
    return Date.UTC(Math.floor(m / 12), m % 12, 1);
  }
  function monthOfMs(t: number): number {
    const d = new Date(t);
    return d.getUTCFullYear() * 12 + d.getUTCMonth();
  }

  /** The obvious model: every month, every subscription, by the definition of each rule (UTC). */
  function model(subscriptions: readonly RandomSubscription[], rule: MonthlyMrrRule, through: string | undefined): Map<string, number> {
    const out = new Map<string, number>();
    if (subscriptions.length === 0) return out;
    let last = -Infinity;
    for (const s of subscriptions) last = Math.max(last, monthOfMs(s.start), s.end === null || s.end === s.start ? -Infinity : monthOfMs(s.end - 1));
    const lastMonth = through === undefined ? last : Number(through.slice(0, 4)) * 12 + Number(through.slice(5)) - 1;
    const endOfReport = monthStartMs(lastMonth + 1);
    for (let m = 2023 * 12; m <= lastMonth; m++) {
      const a = monthStartMs(m);
      const b = monthStartMs(m + 1);
      for (const s of subscriptions) {
        const mrr = (s.amount * (s.quantity ?? 1) * (1 - (s.discount ?? 0))) / { month: 1, quarter: 3, year: 12 }[s.interval];
        const end = s.end ?? endOfReport;
        let share = 0;
        if (rule === 'month-end') share = s.start <= b - 1 && b - 1 < end ? 1 : 0;
        else if (rule === 'month-start') share = s.start <= a && a < end ? 1 : 0;
        else share = Math.max(0, Math.min(end, b) - Math.max(s.start, a)) / (b - a);
        if (share * mrr > 0) {
          const key = `${monthText(m)} ${s.accountId}`;
          out.set(key, (out.get(key) ?? 0) + share * mrr);
        }
      }
    }
    return out;
  }

  it('agrees with a slow model of each rule (property)', () => {
    fc.assert(
      fc.property(subscriptionsArb, ruleArb, throughArb, (subscriptions, rule, through) => {
        const result = toMonthlySnapshots(subscriptions, through === undefined ? { rule } : { rule, through });
        const expected = model(subscriptions, rule, through);
        expect(result.map((s) => `${s.month} ${s.accountId}`).sort()).toEqual([...expected.keys()].sort());
        for (const s of result) {
          const want = expected.get(`${s.month} ${s.accountId}`) as number;
          expect(Math.abs(s.mrr - want)).toBeLessThanOrEqual(1e-9 * want);
          expect(s.mrr).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('sorts by month, then customer, and ignores input order (property)', () => {
    fc.assert(
      fc.property(subscriptionsArb, ruleArb, fc.array(fc.nat(), { minLength: 1, maxLength: 12 }), (subscriptions, rule, picks) => {
        const base = toMonthlySnapshots(subscriptions, { rule, through: '2025-03' });
        for (let i = 1; i < base.length; i++) {
          const a = base[i - 1] as (typeof base)[number];
          const b = base[i] as (typeof base)[number];
          expect(a.month < b.month || (a.month === b.month && (a.accountId as number) < (b.accountId as number))).toBe(true);
        }
        const again = toMonthlySnapshots(shuffled(subscriptions, picks), { rule, through: '2025-03' });
        if (rule !== 'prorated') {
          // Whole MRRs (amounts are multiples of 12): sums are exact, so equal to the bit.
          expect(again).toEqual(base);
        } else {
          expect(again.map((s) => [s.month, s.accountId])).toEqual(base.map((s) => [s.month, s.accountId]));
          again.forEach((s, i) => expect(Math.abs(s.mrr - (base[i]?.mrr as number))).toBeLessThanOrEqual(1e-12 * s.mrr));
        }
      }),
    );
  });

  it('gives a whole-month subscription the same MRR under every rule (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 1, max: 14 }), fc.integer({ min: 1, max: 1000 }), (first, months, amount) => {
        const m0 = 2023 * 12 + first;
        const subscriptions = [{ accountId: 'w', start: monthStartMs(m0), end: monthStartMs(m0 + months), amount, interval: 'month' }];
        const results = (['month-end', 'month-start', 'prorated'] as const).map((rule) => toMonthlySnapshots(subscriptions, { rule }));
        expect(results[0]).toHaveLength(months);
        expect(results[1]).toEqual(results[0]);
        expect(results[2]).toEqual(results[0]);
      }),
    );
  });
});
