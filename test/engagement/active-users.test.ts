import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MetricsInputError } from '../../src/core/errors.js';
import { activeUsers } from '../../src/engagement/active-users.js';
import { TEST_ZONES, addDays, daysBetween, shuffled, wallDate } from '../support/model.js';

type Event = { userId: string | number; timestamp: number | string; accountId?: string };

describe('activeUsers', () => {
  it('counts the documented example', () => {
    const events = [
      { userId: 'ana', timestamp: '2024-03-01T09:00:00Z' },
      { userId: 'ben', timestamp: '2024-03-01T17:30:00Z' },
      { userId: 'ana', timestamp: '2024-03-03T08:00:00Z' },
    ];
    const result = activeUsers(events, { windows: { wau: 7, mau: 28 } });
    // Worked by hand: 03-01 {ana, ben}; 03-02 nobody (windows still hold both); 03-03 {ana}.
    expect(result).toEqual({
      timeZone: 'UTC',
      windows: { wau: 7, mau: 28 },
      from: '2024-03-01',
      to: '2024-03-03',
      days: [
        { date: '2024-03-01', dau: 2, wau: 2, mau: 2, dauMau: 1, wauMau: 1 },
        { date: '2024-03-02', dau: 0, wau: 2, mau: 2, dauMau: 0, wauMau: 1 },
        { date: '2024-03-03', dau: 1, wau: 2, mau: 2, dauMau: 0.5, wauMau: 1 },
      ],
    });
  });

  it('gives an empty series for empty input, and zeros over a given range', () => {
    expect(activeUsers([])).toEqual({ timeZone: 'UTC', windows: { wau: 7, mau: 30 }, from: null, to: null, days: [] });
    const ranged = activeUsers([], { from: '2024-01-01', to: '2024-01-02' });
    expect(ranged.days).toEqual([
      { date: '2024-01-01', dau: 0, wau: 0, mau: 0, dauMau: null, wauMau: null },
      { date: '2024-01-02', dau: 0, wau: 0, mau: 0, dauMau: null, wauMau: null },
    ]);
  });

  it('counts a single event on its day only', () => {
    const result = activeUsers([{ userId: 7, timestamp: Date.UTC(2024, 5, 1, 12) }]);
    expect(result.days).toEqual([{ date: '2024-06-01', dau: 1, wau: 1, mau: 1, dauMau: 1, wauMau: 1 }]);
  });

  it('keeps a user in WAU for exactly 7 days and in MAU for exactly 30 (window boundaries)', () => {
    const result = activeUsers([{ userId: 'u', timestamp: '2024-03-01T12:00:00Z' }], { to: '2024-03-31' });
    const byDate = new Map(result.days.map((d) => [d.date, d]));
    // Active 03-01; the 7-day window ending 03-07 is 03-01..03-07, the one ending 03-08 starts 03-02.
    expect(byDate.get('2024-03-07')?.wau).toBe(1);
    expect(byDate.get('2024-03-08')?.wau).toBe(0);
    // The 30-day window ending 03-30 is 03-01..03-30; ending 03-31 it starts 03-02.
    expect(byDate.get('2024-03-30')?.mau).toBe(1);
    expect(byDate.get('2024-03-31')?.mau).toBe(0);
    expect(byDate.get('2024-03-31')?.dauMau).toBeNull();
  });

  it('reaches back before `from` for the windows', () => {
    const events = [{ userId: 'a', timestamp: '2024-03-01T12:00:00Z' }, { userId: 'b', timestamp: '2024-03-10T12:00:00Z' }];
    const result = activeUsers(events, { from: '2024-03-10', to: '2024-03-10' });
    // On 03-10: DAU {b}; WAU 03-04..03-10 {b}; MAU 02-10..03-10 {a, b}.
    expect(result.days).toEqual([{ date: '2024-03-10', dau: 1, wau: 1, mau: 2, dauMau: 0.5, wauMau: 0.5 }]);
  });

  it('buckets by local days across the New York spring-forward day (23 hours)', () => {
    const events = [
      { userId: 'a', timestamp: '2024-03-10T04:30:00Z' }, // 03-09 23:30 EST
      { userId: 'b', timestamp: '2024-03-10T05:00:00Z' }, // 03-10 00:00 EST
      { userId: 'c', timestamp: '2024-03-11T03:59:59Z' }, // 03-10 23:59:59 EDT
      { userId: 'd', timestamp: '2024-03-11T04:00:00Z' }, // 03-11 00:00 EDT
    ];
    const local = activeUsers(events, { timeZone: 'America/New_York' });
    expect(local.days.map((d) => [d.date, d.dau])).toEqual([
      ['2024-03-09', 1],
      ['2024-03-10', 2],
      ['2024-03-11', 1],
    ]);
    const utc = activeUsers(events);
    expect(utc.days.map((d) => [d.date, d.dau])).toEqual([
      ['2024-03-10', 2],
      ['2024-03-11', 2],
    ]);
  });

  it('buckets by local days across the Berlin fall-back day (25 hours)', () => {
    const events = [
      { userId: 'a', timestamp: '2024-10-26T21:59:59Z' }, // 10-26 23:59:59 CEST
      { userId: 'b', timestamp: '2024-10-26T22:00:00Z' }, // 10-27 00:00 CEST
      { userId: 'c', timestamp: '2024-10-27T22:59:59Z' }, // 10-27 23:59:59 CET
      { userId: 'd', timestamp: '2024-10-27T23:00:00Z' }, // 10-28 00:00 CET
    ];
    const result = activeUsers(events, { timeZone: 'Europe/Berlin' });
    expect(result.days.map((d) => [d.date, d.dau, d.wau])).toEqual([
      ['2024-10-26', 1, 1],
      ['2024-10-27', 2, 3],
      ['2024-10-28', 1, 4],
    ]);
  });

  it('groups by account: a user of two accounts counts in each', () => {
    const events = [
      { userId: 'u1', accountId: 'acme', timestamp: '2024-01-01T10:00:00Z' },
      { userId: 'u2', accountId: 'acme', timestamp: '2024-01-01T11:00:00Z' },
      { userId: 'u1', accountId: 'globex', timestamp: '2024-01-02T10:00:00Z' },
    ];
    const result = activeUsers(events, { groupBy: 'accountId' });
    expect(result.groups.map((g) => [g.group, g.days.map((d) => d.dau), g.days.map((d) => d.mau)])).toEqual([
      ['acme', [2, 0], [2, 2]],
      ['globex', [0, 1], [0, 1]],
    ]);
    expect(result.groups[1]?.days[0]?.dauMau).toBeNull();
    const byFunction = activeUsers(events, { groupBy: (e: (typeof events)[number]) => e.accountId });
    expect(byFunction.groups).toEqual(result.groups);
  });

  it('reads columns and custom accessors exactly like rows', () => {
    const rows = [
      { uid: 1, ts: Date.UTC(2024, 0, 1, 5) },
      { uid: 2, ts: Date.UTC(2024, 0, 2, 5) },
      { uid: 1, ts: Date.UTC(2024, 0, 3, 5) },
    ];
    const viaAccessors = activeUsers(rows, { userId: (r) => r.uid, timestamp: (r) => r.ts });
    const viaColumns = activeUsers({ userId: Int32Array.from(rows.map((r) => r.uid)), timestamp: Float64Array.from(rows.map((r) => r.ts)) });
    expect(viaColumns).toEqual(viaAccessors);
    expect(viaAccessors.days.map((d) => d.wau)).toEqual([1, 2, 2]);
  });

  it('does not mutate its input', () => {
    const events = Object.freeze([Object.freeze({ userId: 'a', timestamp: '2024-01-01T00:00:00Z' })]);
    const first = activeUsers(events);
    expect(activeUsers(events)).toEqual(first);
  });

  it('rejects bad records and options with MetricsInputError', () => {
    const cases: [unknown, object | undefined, string, string][] = [
      [[{ userId: 'a', timestamp: 1 }, { timestamp: 2 }], undefined, 'events[1].userId', 'invalid-id'],
      [[{ userId: 'a', timestamp: 'yesterday' }], undefined, 'events[0].timestamp', 'invalid-timestamp'],
      [[{ userId: 'a', timestamp: '2024-01-01T10:00:00' }], undefined, 'events[0].timestamp', 'ambiguous-timestamp'],
      [[null], undefined, 'events[0]', 'invalid-record'],
      [[], { timeZone: 'Mars/Base' }, 'options.timeZone', 'invalid-time-zone'],
      [[], { windows: { wau: 0 } }, 'options.windows.wau', 'invalid-number'],
      [[], { windows: { wau: 8, mau: 7 } }, 'options.windows.wau', 'invalid-option'],
      [[], { from: '2024-02-01', to: '2024-01-01' }, 'options.to', 'invalid-option'],
      [[{ userId: 'a', timestamp: 1 }], { groupBy: 'accountId' }, 'events[0].accountId', 'invalid-id'],
      [{ userId: ['a'], timestamp: [1, 2] }, undefined, 'events.timestamp', 'invalid-input'],
      [{ userId: ['a', ''], timestamp: [1, 2] }, undefined, 'events.userId[1]', 'invalid-id'],
      // An accessor reads records; columns have none to give it.
      [{ userId: ['a'], timestamp: [1] }, { groupBy: (e: { accountId: string }) => e.accountId }, 'options.groupBy', 'invalid-option'],
      ['events', undefined, 'events', 'invalid-input'],
    ];
    for (const [events, options, path, code] of cases) {
      try {
        activeUsers(events as Event[], options as undefined);
        expect.unreachable(`expected an error at ${path}`);
      } catch (error) {
        expect(error).toBeInstanceOf(MetricsInputError);
        expect((error as MetricsInputError).path).toBe(path);
        expect((error as MetricsInputError).code).toBe(code);
        expect((error as MetricsInputError).message.startsWith(`activeUsers: ${path} `)).toBe(true);
      }
    }
    expect(() => activeUsers([{ userId: 'a', timestamp: 'yesterday' }])).toThrow(
      'activeUsers: events[0].timestamp is not a valid timestamp ("yesterday")',
    );
  });

  // Small random event logs: a few users over a few weeks, any zone.
  const eventArb = fc.record({
    userId: fc.integer({ min: 1, max: 6 }),
    timestamp: fc.integer({ min: Date.UTC(2024, 2, 1), max: Date.UTC(2024, 3, 15) }),
  });
  const logArb = fc.array(eventArb, { maxLength: 60 });
  const zoneArb = fc.constantFrom(...TEST_ZONES);
  const windowsArb = fc.integer({ min: 1, max: 10 }).chain((wau) => fc.record({ wau: fc.constant(wau), mau: fc.integer({ min: wau, max: 35 }) }));

  it('agrees with a slow model (sets of users per day) in random zones (property)', () => {
    fc.assert(
      fc.property(logArb, zoneArb, windowsArb, (events, timeZone, windows) => {
        const result = activeUsers(events, { timeZone, windows });
        if (events.length === 0) {
          expect(result.days).toEqual([]);
          return;
        }
        const active = new Map<string, Set<number>>();
        for (const e of events) {
          const key = wallDate(e.timestamp, timeZone);
          active.set(key, (active.get(key) ?? new Set()).add(e.userId));
        }
        const keys = [...active.keys()].sort();
        const range = daysBetween(keys[0] as string, keys[keys.length - 1] as string);
        const distinct = (day: string, w: number): number => {
          const users = new Set<number>();
          for (let k = 0; k < w; k++) for (const u of active.get(addDays(day, -k)) ?? []) users.add(u);
          return users.size;
        };
        expect(result.days.map((d) => d.date)).toEqual(range);
        for (const day of result.days) {
          expect(day.dau).toBe(distinct(day.date, 1));
          expect(day.wau).toBe(distinct(day.date, windows.wau));
          expect(day.mau).toBe(distinct(day.date, windows.mau));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps DAU <= WAU <= MAU and ratios in [0, 1] (property)', () => {
    fc.assert(
      fc.property(logArb, zoneArb, windowsArb, (events, timeZone, windows) => {
        for (const day of activeUsers(events, { timeZone, windows }).days) {
          expect(day.dau).toBeLessThanOrEqual(day.wau);
          expect(day.wau).toBeLessThanOrEqual(day.mau);
          for (const r of [day.dauMau, day.wauMau]) {
            if (day.mau === 0) expect(r).toBeNull();
            else {
              expect(r).toBeGreaterThanOrEqual(0);
              expect(r).toBeLessThanOrEqual(1);
            }
          }
        }
      }),
    );
  });

  it('ignores the order of events and repeated events (property)', () => {
    fc.assert(
      fc.property(logArb, fc.array(fc.nat(), { minLength: 1, maxLength: 60 }), zoneArb, (events, picks, timeZone) => {
        const base = activeUsers(events, { timeZone });
        expect(activeUsers(shuffled(events, picks), { timeZone })).toEqual(base);
        expect(activeUsers([...events, ...events.slice(0, picks.length)], { timeZone })).toEqual(base);
      }),
    );
  });

  it('adds up over a split of the users: per-part counts sum to the total (property)', () => {
    fc.assert(
      fc.property(logArb, zoneArb, (events, timeZone) => {
        fc.pre(events.length > 0);
        const whole = activeUsers(events, { timeZone });
        const range = { from: whole.from as string, to: whole.to as string, timeZone };
        const odd = activeUsers(events.filter((e) => e.userId % 2 === 1), range);
        const even = activeUsers(events.filter((e) => e.userId % 2 === 0), range);
        whole.days.forEach((day, i) => {
          for (const field of ['dau', 'wau', 'mau'] as const) {
            expect((odd.days[i]?.[field] ?? 0) + (even.days[i]?.[field] ?? 0)).toBe(day[field]);
          }
        });
        // And groupBy gives the same parts in one call.
        const grouped = activeUsers(events, { ...range, groupBy: (e: (typeof events)[number]) => (e.userId % 2 === 1 ? 'odd' : 'even') });
        for (const g of grouped.groups) expect(g.days).toEqual((g.group === 'odd' ? odd : even).days);
      }),
    );
  });
});

describe('activeUsers ranges', () => {
  it('reports from `from` alone even when all activity is before it', () => {
    // Activity on 03-01 only; from 03-20: the range shrinks to that one day; MAU 02-20..03-20 still holds the user.
    const result = activeUsers([{ userId: 'a', timestamp: '2024-03-01T12:00:00Z' }], { from: '2024-03-20' });
    expect(result.days).toEqual([{ date: '2024-03-20', dau: 0, wau: 0, mau: 1, dauMau: 0, wauMau: 0 }]);
  });
});
