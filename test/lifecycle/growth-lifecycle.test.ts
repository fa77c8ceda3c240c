import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Period, Weekday } from '../../src/core/types.js';
import { growthLifecycle, type GrowthLifecyclePeriod } from '../../src/lifecycle/growth-lifecycle.js';
import { errorOf } from '../support/errors.js';
import { TEST_ZONES, addDays, shuffled, wallDate } from '../support/model.js';

type Event = { userId: string | number; timestamp: number | string };
type Counts = Pick<GrowthLifecyclePeriod, 'period' | 'new' | 'returning' | 'resurrecting' | 'dormant'>;

function counts(periods: readonly GrowthLifecyclePeriod[]): Counts[] {
  return periods.map(({ period, new: n, returning, resurrecting, dormant }) => ({ period, new: n, returning, resurrecting, dormant }));
}

function row(period: string, n: number, returning: number, resurrecting: number, dormant: number): Counts {
  return { period, new: n, returning, resurrecting, dormant };
}

describe('growthLifecycle', () => {
  // ana: Jan, Feb, Apr; ben: Feb, Mar (2024, UTC).
  const events: Event[] = [
    { userId: 'ana', timestamp: '2024-01-10T09:00:00Z' },
    { userId: 'ana', timestamp: '2024-01-25T09:00:00Z' },
    { userId: 'ana', timestamp: '2024-02-12T09:00:00Z' },
    { userId: 'ben', timestamp: '2024-02-20T09:00:00Z' },
    { userId: 'ben', timestamp: '2024-03-05T09:00:00Z' },
    { userId: 'ana', timestamp: '2024-04-30T09:00:00Z' },
  ];

  it('classifies new, returning, dormant and resurrecting users per month (worked by hand)', () => {
    // Jan: ana first active -> new.                                    active {ana}
    // Feb: ana active in Jan too -> returning; ben first active -> new. active {ana, ben}
    // Mar: ben returning; ana active in Feb, not in Mar -> dormant -1.  active {ben}
    // Apr: ana active, not in Mar, active before -> resurrecting;
    //      ben active in Mar, not in Apr -> dormant -1.                 active {ana}
    // quickRatio = (new + resurrecting) / -dormant: Jan, Feb null (no dormant); Mar 0/1; Apr 1/1.
    // asOf defaults to the latest event, 04-30 09:00: April's last day has not ended, so
    // April is not complete (1.0's one meaning of complete; 0.1 said true).
    const result = growthLifecycle(events, { period: 'month' });
    expect(result).toEqual({
      timeZone: 'UTC',
      period: 'month',
      weekStartsOn: 1,
      newBy: 'first-activity',
      asOf: '2024-04-30T09:00:00.000Z',
      asOfDate: '2024-04-30',
      from: '2024-01-10',
      to: '2024-04-30',
      periods: [
        { period: '2024-01', start: '2024-01-01', end: '2024-01-31', complete: true, new: 1, returning: 0, resurrecting: 0, dormant: 0, active: 1, quickRatio: null },
        { period: '2024-02', start: '2024-02-01', end: '2024-02-29', complete: true, new: 1, returning: 1, resurrecting: 0, dormant: 0, active: 2, quickRatio: null },
        { period: '2024-03', start: '2024-03-01', end: '2024-03-31', complete: true, new: 0, returning: 1, resurrecting: 0, dormant: -1, active: 1, quickRatio: 0 },
        { period: '2024-04', start: '2024-04-01', end: '2024-04-30', complete: false, new: 0, returning: 0, resurrecting: 1, dormant: -1, active: 1, quickRatio: 1 },
      ],
    });
    // With the date-only asOf '2024-04-30' (the end of that day) April is complete, same counts.
    const closed = growthLifecycle(events, { period: 'month', asOf: '2024-04-30' });
    expect([closed.asOf, closed.asOfDate]).toEqual(['2024-04-30T23:59:59.999Z', '2024-04-30']);
    expect(closed.periods).toEqual(result.periods.map((p) => ({ ...p, complete: true })));
  });

  it('uses calendar weeks keyed by their first day, Monday or any week start', () => {
    const log: Event[] = [
      { userId: 'u', timestamp: '2024-03-04T12:00:00Z' }, // Monday
      { userId: 'u', timestamp: '2024-03-10T12:00:00Z' }, // Sunday
      { userId: 'u', timestamp: '2024-03-18T12:00:00Z' }, // Monday
    ];
    // Monday weeks: 03-04..03-10 holds both first days (new); 03-11 nobody (dormant -1);
    // 03-18 resurrecting.
    expect(counts(growthLifecycle(log, { period: 'week' }).periods)).toEqual([
      row('2024-03-04', 1, 0, 0, 0),
      row('2024-03-11', 0, 0, 0, -1),
      row('2024-03-18', 0, 0, 1, 0),
    ]);
    // Sunday weeks: 03-03..03-09 (new), 03-10..03-16 (returning), 03-17..03-23 (returning).
    expect(counts(growthLifecycle(log, { period: 'week', weekStartsOn: 0 }).periods)).toEqual([
      row('2024-03-03', 1, 0, 0, 0),
      row('2024-03-10', 0, 1, 0, 0),
      row('2024-03-17', 0, 1, 0, 0),
    ]);
    // Days: new 03-04, dormant 03-05, resurrecting 03-10, dormant 03-11, resurrecting 03-18.
    const days = growthLifecycle(log, { period: 'day' }).periods;
    expect(days).toHaveLength(15);
    expect(days.map((p) => p.new + p.resurrecting)).toEqual([1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1]);
    expect(days.map((p) => p.dormant)).toEqual([0, -1, 0, 0, 0, 0, 0, -1, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('uses local months in the zone, across DST (America/New_York)', () => {
    const log: Event[] = [
      // 2024-01-31 23:30 EST (UTC-5): January in New York, February in UTC.
      { userId: 'u', timestamp: '2024-02-01T04:30:00Z' },
      // 2024-04-01 00:30 EDT (UTC-4, after the 03-10 switch): April in New York;
      // with the winter offset it would still be March 31.
      { userId: 'u', timestamp: '2024-04-01T04:30:00Z' },
      // 2024-03-31 23:30 EDT: March in New York, April in UTC.
      { userId: 'v', timestamp: '2024-04-01T03:30:00Z' },
    ];
    // New York: u Jan (new), Feb nobody (u dormant), Mar v new, Apr u resurrecting, v dormant.
    expect(counts(growthLifecycle(log, { period: 'month', timeZone: 'America/New_York' }).periods)).toEqual([
      row('2024-01', 1, 0, 0, 0),
      row('2024-02', 0, 0, 0, -1),
      row('2024-03', 1, 0, 0, 0),
      row('2024-04', 0, 0, 1, -1),
    ]);
    // UTC: u Feb (new), Mar nobody (u dormant), Apr u resurrecting and v new.
    expect(counts(growthLifecycle(log, { period: 'month' }).periods)).toEqual([
      row('2024-02', 1, 0, 0, 0),
      row('2024-03', 0, 0, 0, -1),
      row('2024-04', 1, 0, 1, 0),
    ]);
  });

  it("with newBy: 'signup', a user created before their first active period is resurrecting there (PostHog)", () => {
    const log: Event[] = [
      { userId: 'early', timestamp: '2024-03-10T00:00:00Z' }, // signed up in January
      { userId: 'prev', timestamp: '2024-03-11T00:00:00Z' }, // signed up in February
      { userId: 'same', timestamp: '2024-03-12T00:00:00Z' }, // signed up in March
      { userId: 'none', timestamp: '2024-03-13T00:00:00Z' }, // no signup row: first activity
      { userId: 'anon', timestamp: '2024-02-05T00:00:00Z' }, // active before signing up in March
      { userId: 'anon', timestamp: '2024-03-14T00:00:00Z' },
    ];
    const signups = [
      { userId: 'early', signedUpAt: '2024-01-15T00:00:00Z' },
      { userId: 'prev', signedUpAt: '2024-02-20T00:00:00Z' },
      { userId: 'same', signedUpAt: '2024-03-01T00:00:00Z' },
      { userId: 'anon', signedUpAt: '2024-03-14T00:00:00Z' },
      { userId: 'ghost', signedUpAt: '2024-03-02T00:00:00Z' }, // never active: not counted
    ];
    // Feb: anon first active, created = min(Mar signup, Feb activity) = Feb -> new.
    // Mar: early (created Jan) and prev (created Feb) are first active but created before
    //      March, not active in Feb -> resurrecting; same and none -> new; anon returning.
    const result = growthLifecycle(log, { period: 'month', signups });
    expect(result.newBy).toBe('signup');
    expect(counts(result.periods)).toEqual([row('2024-02', 1, 0, 0, 0), row('2024-03', 2, 1, 2, 0)]);
    // By first activity, all four are new in March.
    const byActivity = growthLifecycle(log, { period: 'month', signups, newBy: 'first-activity' });
    expect(counts(byActivity.periods)).toEqual([row('2024-02', 1, 0, 0, 0), row('2024-03', 4, 1, 0, 0)]);
    expect(growthLifecycle(log, { period: 'month', newBy: 'first-activity' })).toEqual(byActivity);
    // Accessors for other signup shapes; a signup later in the same period changes nothing.
    const renamed = signups.map((s) => ({ uid: s.userId, at: Date.parse(s.signedUpAt) }));
    expect(growthLifecycle(log, { period: 'month', signups: renamed, signupFields: { id: (s) => s.uid, signedUpAt: (s) => s.at } })).toEqual(result);
  });

  it('counts activity before `from` as history and reports the periods of from..to', () => {
    const full = growthLifecycle(events, { period: 'month' });
    const ranged = growthLifecycle(events, { period: 'month', from: '2024-03-15', to: '2024-04-02' });
    // March: ben returning (active in Feb), ana dormant (active in Feb): the same as the full run.
    expect(ranged.periods).toEqual(full.periods.slice(2));
    expect([ranged.from, ranged.to]).toEqual(['2024-03-15', '2024-04-02']);
    // A range before the data, ending on asOf's day: zeros, then the data.
    const wide = growthLifecycle(events, { period: 'month', from: '2023-11-20' });
    expect(wide.periods.map((p) => p.period)).toEqual(['2023-11', '2023-12', '2024-01', '2024-02', '2024-03', '2024-04']);
    expect(wide.periods.slice(2)).toEqual(full.periods);
    expect(wide.periods[0]).toMatchObject({ new: 0, returning: 0, resurrecting: 0, dormant: 0, active: 0, quickRatio: null });
  });

  it('ends at asOf: later events are ignored and a period ending after it is incomplete', () => {
    const result = growthLifecycle(events, { period: 'month', asOf: '2024-03-20T00:00:00Z' });
    expect(result.asOf).toBe('2024-03-20T00:00:00.000Z');
    expect(result.to).toBe('2024-03-20');
    expect(result.periods.map((p) => [p.period, p.complete])).toEqual([
      ['2024-01', true],
      ['2024-02', true],
      ['2024-03', false],
    ]);
    expect(result.periods).toEqual(
      growthLifecycle(events.slice(0, 5), { period: 'month', asOf: '2024-03-20T00:00:00Z' }).periods,
    );
    // By default asOf is the latest event: its period is complete only if it ends that day.
    const weekly = growthLifecycle(events, { period: 'week' }).periods;
    expect(weekly.at(-1)).toMatchObject({ period: '2024-04-29', end: '2024-05-05', complete: false });
    const asOfBad = errorOf(() => growthLifecycle(events, { period: 'month', to: '2024-05-01' }));
    expect(asOfBad.path).toBe('options.to');
    expect(asOfBad.message).toBe(
      'growthLifecycle: options.to must not be after the day of asOf (2024-04-30); pass a later options.asOf to report periods the data does not cover ("2024-05-01")',
    );
    // With a later asOf the empty periods are observed: May has ana dormant. An instant an
    // hour before May ends leaves May incomplete (0.1 said complete: it only compared days);
    // the date-only asOf '2024-05-31' is the end of May 31, so May is complete.
    const mayAt23 = growthLifecycle(events, { period: 'month', to: '2024-05-31', asOf: '2024-05-31T23:00:00Z' }).periods.at(-1);
    expect(mayAt23).toMatchObject({ period: '2024-05', complete: false, active: 0, dormant: -1, quickRatio: 0 });
    const may = growthLifecycle(events, { period: 'month', to: '2024-05', asOf: '2024-05-31' }).periods.at(-1);
    expect(may).toMatchObject({ period: '2024-05', complete: true, active: 0, dormant: -1, quickRatio: 0 });
  });

  it('gives an empty result for empty input, and zeros over a given range', () => {
    expect(growthLifecycle([], { period: 'week' })).toEqual({
      timeZone: 'UTC',
      period: 'week',
      weekStartsOn: 1,
      newBy: 'first-activity',
      asOf: null,
      asOfDate: null,
      from: null,
      to: null,
      periods: [],
    });
    const ranged = growthLifecycle([], { period: 'month', from: '2024-01-01', to: '2024-02-10' });
    expect(ranged.periods.map((p) => [p.period, p.active, p.dormant, p.quickRatio, p.complete])).toEqual([
      ['2024-01', 0, 0, null, false],
      ['2024-02', 0, 0, null, false],
    ]);
    expect(growthLifecycle([], { period: 'day', signups: [] }).periods).toEqual([]);
  });

  it('reads columns and accessors exactly like rows, and does not mutate its input', () => {
    const ids = ['a', 'b', 'a', 'c', 'b'];
    const times = [Date.UTC(2024, 0, 2), Date.UTC(2024, 0, 3), Date.UTC(2024, 0, 9), Date.UTC(2024, 0, 20), Date.UTC(2024, 0, 21)];
    const rows = Object.freeze(ids.map((userId, i) => Object.freeze({ userId, timestamp: times[i] as number })));
    const expected = growthLifecycle(rows, { period: 'week' });
    expect(growthLifecycle({ userId: ids, timestamp: Float64Array.from(times) }, { period: 'week' })).toEqual(expected);
    const renamed = rows.map((r) => ({ uid: r.userId, ts: new Date(r.timestamp) }));
    expect(growthLifecycle(renamed, { period: 'week', userId: (r) => r.uid, timestamp: (r) => r.ts })).toEqual(expected);
    expect(growthLifecycle(rows, { period: 'week' })).toEqual(expected);
    // Weeks of Jan 1, 8, 15: a, b new; a returning, b dormant; a dormant, c new, b resurrecting.
    expect(counts(expected.periods)).toEqual([row('2024-01-01', 2, 0, 0, 0), row('2024-01-08', 0, 1, 0, -1), row('2024-01-15', 1, 0, 1, -1)]);
  });

  it('rejects bad options and records, naming the field', () => {
    const missing = errorOf(() => growthLifecycle(events, {} as { period: Period }));
    expect([missing.code, missing.path, missing.message]).toEqual([
      'invalid-option',
      'options.period',
      "growthLifecycle: options.period must be one of 'day', 'week', 'month' (undefined)",
    ]);
    expect(errorOf(() => growthLifecycle(events, { period: 'year' as Period })).message).toBe(
      "growthLifecycle: options.period must be one of 'day', 'week', 'month' (\"year\")",
    );
    expect(errorOf(() => growthLifecycle(events, { period: 'week', weekStartsOn: 7 as Weekday })).path).toBe('options.weekStartsOn');
    expect(errorOf(() => growthLifecycle(events, { period: 'week', newBy: 'created' as 'signup' })).path).toBe('options.newBy');
    const noSignups = errorOf(() => growthLifecycle(events, { period: 'month', newBy: 'signup' }));
    expect([noSignups.path, noSignups.message]).toEqual(['options.signups', "growthLifecycle: options.signups is required when options.newBy is 'signup' (undefined)"]);
    expect(errorOf(() => growthLifecycle(events, { period: 'month', timeZone: 'Mars/Olympus' })).path).toBe('options.timeZone');
    const order = errorOf(() => growthLifecycle(events, { period: 'month', from: '2024-03-01', to: '2024-02-01' }));
    expect([order.path, order.message]).toEqual(['options.to', 'growthLifecycle: options.to must not be before options.from ("2024-02-01")']);
    expect(errorOf(() => growthLifecycle(events, { period: 'month', from: '2024-06-01' })).path).toBe('options.from');

    const time = errorOf(() => growthLifecycle([...events, { userId: 'x', timestamp: 'yesterday' }], { period: 'month' }));
    expect([time.code, time.path, time.message]).toEqual([
      'invalid-timestamp',
      'events[6].timestamp',
      'growthLifecycle: events[6] (userId "x").timestamp is not a valid timestamp ("yesterday")',
    ]);
    const column = errorOf(() => growthLifecycle({ userId: [1, ''], timestamp: [0, 0] }, { period: 'day' }));
    expect([column.code, column.path]).toEqual(['invalid-id', 'events.userId[1]']);

    const signups = [{ userId: 'ana', signedUpAt: '2024-01-01' }];
    const late = errorOf(() => growthLifecycle(events, { period: 'month', signups: [...signups, { userId: 'ben', signedUpAt: '2024-02-20T10:00' }] }));
    expect([late.code, late.path]).toEqual(['ambiguous-timestamp', 'signups[1].signedUpAt']);
    expect(late.message).toMatch(/^growthLifecycle: signups\[1\] \(userId "ben"\)\.signedUpAt has no time-zone offset/);
    const twice = errorOf(() => growthLifecycle(events, { period: 'month', signups: [...signups, { userId: 'ana', signedUpAt: '2024-01-02' }] }));
    expect([twice.code, twice.path, twice.message]).toEqual([
      'duplicate-id',
      'signups[1].userId',
      'growthLifecycle: signups[1].userId repeats the id of signups[0]; give each user one signup ("ana")',
    ]);
    const ghosts = [{ userId: 'zed', signedUpAt: '2024-01-01' }, { userId: 'zed', signedUpAt: '2024-01-01' }];
    expect(errorOf(() => growthLifecycle(events, { period: 'month', signups: ghosts })).code).toBe('duplicate-id');
    expect(errorOf(() => growthLifecycle(events, { period: 'month', signups: [null] })).path).toBe('signups[0]');
    expect(errorOf(() => growthLifecycle(events, { period: 'month', signups: 5 as unknown as [] })).path).toBe('options.signups');
    expect(errorOf(() => growthLifecycle(events, { period: 'month', signups, signupFields: { id: 'uid' as unknown as () => 0 } })).path).toBe(
      'options.signupFields.id',
    );
  });

  // ---------------------------------------------------------------------------------------
  // Properties, against a slow Set-based model built on Intl wall dates.

  /** The key of the period holding a wall date `YYYY-MM-DD`. */
  function periodKey(date: string, period: Period, weekStartsOn: number): string {
    if (period === 'month') return date.slice(0, 7);
    if (period === 'day') return date;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return addDays(date, -((weekday - weekStartsOn + 7) % 7));
  }

  function nextKey(key: string, period: Period): string {
    if (period === 'day') return addDays(key, 1);
    if (period === 'week') return addDays(key, 7);
    const [y, m] = key.split('-').map(Number) as [number, number];
    return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  }

  interface ModelPeriod {
    period: string;
    new: number;
    returning: number;
    resurrecting: number;
    dormant: number;
    active: number;
  }

  /** Every period from the first to the last active one, classified with Sets. */
  function model(log: readonly { userId: number; timestamp: number }[], period: Period, weekStartsOn: number, timeZone: string, signups?: Map<number, number>): ModelPeriod[] {
    const active = new Map<string, Set<number>>();
    const created = new Map<number, string>();
    for (const e of log) {
      const key = periodKey(wallDate(e.timestamp, timeZone), period, weekStartsOn);
      active.set(key, (active.get(key) ?? new Set()).add(e.userId));
      const before = created.get(e.userId);
      if (before === undefined || key < before) created.set(e.userId, key);
    }
    if (signups !== undefined) {
      for (const [user, at] of signups) {
        const key = periodKey(wallDate(at, timeZone), period, weekStartsOn);
        const first = created.get(user);
        if (first !== undefined && key < first) created.set(user, key);
      }
    }
    const keys = [...active.keys()].sort();
    const out: ModelPeriod[] = [];
    if (keys.length === 0) return out;
    let previous = new Set<number>();
    for (let key = keys[0] as string; key <= (keys.at(-1) as string); key = nextKey(key, period)) {
      const now = active.get(key) ?? new Set<number>();
      const users = [...now];
      out.push({
        period: key,
        new: users.filter((u) => created.get(u) === key).length,
        returning: users.filter((u) => previous.has(u)).length,
        resurrecting: users.filter((u) => !previous.has(u) && (created.get(u) as string) < key).length,
        dormant: 0 - [...previous].filter((u) => !now.has(u)).length,
        active: now.size,
      });
      previous = now;
    }
    return out;
  }

  const start = Date.UTC(2023, 9, 1);
  const logArb = fc.array(fc.record({ userId: fc.integer({ min: 1, max: 6 }), timestamp: fc.integer({ min: start, max: Date.UTC(2024, 4, 1) }) }), {
    maxLength: 40,
  });
  const shapeArb = fc.record({
    period: fc.constantFrom<Period>('day', 'week', 'month'),
    weekStartsOn: fc.integer({ min: 0, max: 6 }) as fc.Arbitrary<Weekday>,
    timeZone: fc.constantFrom(...TEST_ZONES),
  });

  it('agrees with a slow Set-based model in any zone, period and order (property)', () => {
    fc.assert(
      fc.property(logArb, shapeArb, fc.array(fc.nat(), { minLength: 1 }), (log, { period, weekStartsOn, timeZone }, picks) => {
        const result = growthLifecycle(shuffled(log, picks), { period, weekStartsOn, timeZone });
        const expected = model(log, period, weekStartsOn, timeZone);
        expect(result.periods.map(({ period: key, new: n, returning, resurrecting, dormant, active }) => ({ period: key, new: n, returning, resurrecting, dormant, active }))).toEqual(expected);
        // Shuffling the events changes nothing at all.
        expect(result).toEqual(growthLifecycle(log, { period, weekStartsOn, timeZone }));
      }),
    );
  });

  it("agrees with the model when new is by signup (property)", () => {
    const signupArb = fc.uniqueArray(fc.record({ userId: fc.integer({ min: 1, max: 8 }), at: fc.integer({ min: start - 90 * 86_400_000, max: Date.UTC(2024, 4, 1) }) }), {
      maxLength: 8,
      selector: (s) => s.userId,
    });
    fc.assert(
      fc.property(logArb, shapeArb, signupArb, (log, { period, weekStartsOn, timeZone }, signupRows) => {
        const signups = signupRows.map((s) => ({ userId: s.userId, signedUpAt: s.at }));
        const result = growthLifecycle(log, { period, weekStartsOn, timeZone, signups });
        const expected = model(log, period, weekStartsOn, timeZone, new Map(signupRows.map((s) => [s.userId, s.at])));
        expect(result.periods.map(({ period: key, new: n, returning, resurrecting, dormant, active }) => ({ period: key, new: n, returning, resurrecting, dormant, active }))).toEqual(expected);
      }),
    );
  });

  it('keeps the lifecycle identities (property)', () => {
    fc.assert(
      fc.property(logArb, shapeArb, fc.boolean(), (log, { period, weekStartsOn, timeZone }, bySignup) => {
        const signups = bySignup ? [...new Set(log.map((e) => e.userId))].map((userId) => ({ userId, signedUpAt: start - 60 * 86_400_000 })) : undefined;
        const { periods } = growthLifecycle(log, { period, weekStartsOn, timeZone, ...(signups === undefined ? {} : { signups }) });
        let flow = 0;
        let news = 0;
        periods.forEach((p, t) => {
          expect(p.active).toBe(p.new + p.returning + p.resurrecting);
          expect(p.dormant).toBeLessThanOrEqual(0);
          if (t > 0) expect(p.dormant).toBe(p.returning - (periods[t - 1] as GrowthLifecyclePeriod).active); // -(active(t-1) - returning(t))
          expect(p.quickRatio).toBe(p.dormant === 0 ? null : (p.new + p.resurrecting) / -p.dormant);
          flow += p.new + p.resurrecting + p.dormant;
          news += p.new;
        });
        // Every user is new exactly once by first activity (never, when all signed up
        // before the first period), and inflows minus outflows add up to the last active count.
        expect(news).toBe(bySignup ? 0 : new Set(log.map((e) => e.userId)).size);
        expect(flow).toBe(periods.at(-1)?.active ?? 0);
      }),
    );
  });

  it('reports any sub-range exactly as the slice of the whole (property)', () => {
    fc.assert(
      fc.property(logArb, shapeArb, fc.nat(), fc.nat(), (log, { period, weekStartsOn, timeZone }, a, b) => {
        fc.pre(log.length > 0);
        const whole = growthLifecycle(log, { period, weekStartsOn, timeZone });
        const i = a % whole.periods.length;
        const j = i + (b % (whole.periods.length - i));
        const first = whole.periods[i] as GrowthLifecyclePeriod;
        const last = whole.periods[j] as GrowthLifecyclePeriod;
        const part = growthLifecycle(log, { period, weekStartsOn, timeZone, from: first.start, to: last.start });
        expect(part.periods).toEqual(whole.periods.slice(i, j + 1));
      }),
    );
  });
});
