import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MetricsInputError } from '../../src/core/errors.js';
import { activeUsers } from '../../src/engagement/active-users.js';
import { errorOf } from '../support/errors.js';
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
    // The default asOf is the latest event, 03-03 08:00: 03-03 has not ended, so it is not complete.
    expect(result).toEqual({
      timeZone: 'UTC',
      asOf: '2024-03-03T08:00:00.000Z',
      asOfDate: '2024-03-03',
      windows: { wau: 7, mau: 28 },
      from: '2024-03-01',
      to: '2024-03-03',
      days: [
        { date: '2024-03-01', complete: true, dau: 2, wau: 2, mau: 2, dauMau: 1, wauMau: 1 },
        { date: '2024-03-02', complete: true, dau: 0, wau: 2, mau: 2, dauMau: 0, wauMau: 1 },
        { date: '2024-03-03', complete: false, dau: 1, wau: 2, mau: 2, dauMau: 0.5, wauMau: 1 },
      ],
    });
  });

  it('gives an empty series for empty input, and zeros over a given range', () => {
    expect(activeUsers([])).toEqual({ timeZone: 'UTC', asOf: null, asOfDate: null, windows: { wau: 7, mau: 30 }, from: null, to: null, days: [] });
    // No event and no asOf: nothing says a day has ended, so none is complete.
    const ranged = activeUsers([], { from: '2024-01-01', to: '2024-01-02' });
    expect(ranged.days).toEqual([
      { date: '2024-01-01', complete: false, dau: 0, wau: 0, mau: 0, dauMau: null, wauMau: null },
      { date: '2024-01-02', complete: false, dau: 0, wau: 0, mau: 0, dauMau: null, wauMau: null },
    ]);
    // With an asOf they are: it ends on 01-02 at 23:59:59.999.
    expect(activeUsers([], { from: '2024-01-01', asOf: '2024-01-02' }).days.map((d) => [d.date, d.complete])).toEqual([
      ['2024-01-01', true],
      ['2024-01-02', true],
    ]);
  });

  it('counts a single event on its day only', () => {
    const result = activeUsers([{ userId: 7, timestamp: Date.UTC(2024, 5, 1, 12) }]);
    // asOf is the event, at noon: the day is in progress.
    expect(result.days).toEqual([{ date: '2024-06-01', complete: false, dau: 1, wau: 1, mau: 1, dauMau: 1, wauMau: 1 }]);
  });

  it('keeps a user in WAU for exactly 7 days and in MAU for exactly 30 (window boundaries)', () => {
    // asOf: the data is complete through 03-31 (without it the range would end on the event's day).
    const result = activeUsers([{ userId: 'u', timestamp: '2024-03-01T12:00:00Z' }], { to: '2024-03-31', asOf: '2024-03-31' });
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
    // On 03-10: DAU {b}; WAU 03-04..03-10 {b}; MAU 02-10..03-10 {a, b}. asOf 03-10 12:00: in progress.
    expect(result.days).toEqual([{ date: '2024-03-10', complete: false, dau: 1, wau: 1, mau: 2, dauMau: 0.5, wauMau: 0.5 }]);
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

  it('groups by account: a user of two accounts counts in each, and once overall', () => {
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
    // Overall (by hand): 01-01 has u1 and u2 (DAU 2); 01-02 has u1 (DAU 1), and the windows
    // ending on 01-02 hold u1 and u2 (WAU = MAU = 2): u1 counts once though active in both.
    expect(result.days.map((d) => [d.date, d.dau, d.wau, d.mau])).toEqual([
      ['2024-01-01', 2, 2, 2],
      ['2024-01-02', 1, 2, 2],
    ]);
    // The overall series is the ungrouped one.
    expect(result.days).toEqual(activeUsers(events).days);
    const byFunction = activeUsers(events, { groupBy: (e: (typeof events)[number]) => e.accountId });
    expect(byFunction.groups).toEqual(result.groups);
    expect(byFunction.days).toEqual(result.days);
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
      [[null], undefined, 'events[0]', 'invalid-record'],
      [[], { timezone: 'Europe/Berlin' }, 'options.timezone', 'unknown-option'],
      [[], { windows: { wau: 7, mua: 28 } }, 'options.windows.mua', 'unknown-option'],
      [[], { timeZone: null }, 'options.timeZone', 'invalid-option'],
      [[], { windows: null }, 'options.windows', 'invalid-option'],
      [[], { windows: { mau: null } }, 'options.windows.mau', 'invalid-option'],
      [[], { asOf: 'soon' }, 'options.asOf', 'invalid-timestamp'],
      [[], { asOf: null }, 'options.asOf', 'invalid-option'],
      [[], { timeZone: 'Mars/Base' }, 'options.timeZone', 'invalid-time-zone'],
      [[], { windows: { wau: 0 } }, 'options.windows.wau', 'invalid-number'],
      [[], { windows: { wau: 8, mau: 7 } }, 'options.windows.wau', 'invalid-option'],
      [[], { from: '2024-02-01', to: '2024-01-01' }, 'options.to', 'invalid-option'],
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
    // A bad timestamp names the record's user id beside its index; the path stays machine-readable.
    const time = errorOf(() => activeUsers([{ userId: 'a', timestamp: 1 }, { userId: 'u_77', timestamp: 'yesterday' }]));
    expect([time.code, time.path, time.message]).toEqual([
      'invalid-timestamp',
      'events[1].timestamp',
      'activeUsers: events[1] (userId "u_77").timestamp is not a valid timestamp ("yesterday")',
    ]);
    const group = errorOf(() => activeUsers([{ userId: 'a', timestamp: 1 }], { groupBy: 'accountId' }));
    expect([group.code, group.path, group.message]).toEqual([
      'invalid-id',
      'events[0].accountId',
      'activeUsers: events[0] (userId "a").accountId must be a non-empty string or a finite number (undefined)',
    ]);
    const ambiguous = errorOf(() => activeUsers([{ userId: 'a', timestamp: '2024-01-01T10:00:00' }]));
    expect([ambiguous.code, ambiguous.path]).toEqual(['ambiguous-timestamp', 'events[0].timestamp']);
    // A misspelled option names the closest valid key (an ignored timezone would silently count UTC days).
    expect(errorOf(() => activeUsers([], { timezone: 'Europe/Berlin' } as object)).message).toBe(
      'activeUsers: options.timezone is not an option; did you mean timeZone? ("Europe/Berlin")',
    );
    expect(errorOf(() => activeUsers([], { windows: { wau: 7, mua: 28 } } as object)).message).toBe(
      'activeUsers: options.windows.mua is not an option; did you mean mau? (28)',
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
        // The parts share the whole's asOf: each part's own latest event may be earlier.
        const range = { from: whole.from as string, to: whole.to as string, timeZone, asOf: whole.asOf as string };
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
        // With the overall series, the whole, beside them.
        expect(grouped.days).toEqual(whole.days);
      }),
    );
  });
});

describe('activeUsers ranges', () => {
  it('reports from `from` alone even when all activity is before it, up to asOf', () => {
    // Activity on 03-01 only; from 03-20 with asOf 03-20: the range is that one day; MAU 02-20..03-20 still holds the user.
    const events = [{ userId: 'a', timestamp: '2024-03-01T12:00:00Z' }];
    const result = activeUsers(events, { from: '2024-03-20', asOf: '2024-03-20' });
    expect(result.days).toEqual([{ date: '2024-03-20', complete: true, dau: 0, wau: 0, mau: 1, dauMau: 0, wauMau: 0 }]);
    // With the default asOf (the event, 03-01 12:00) nothing after 03-01 is known: no days.
    expect(activeUsers(events, { from: '2024-03-20' })).toMatchObject({ asOfDate: '2024-03-01', from: null, to: null, days: [] });
  });

  it('never reports days after asOf, and leaves out the events after it', () => {
    // Events on 03-01 (a), 03-02 10:00 (b) and 03-05 (c). asOf 03-02 12:00: c is left out, and
    // `to: 03-10` is cut back to 03-02. On 03-02: DAU {b}, WAU {a, b}; the day is in progress.
    const events = [
      { userId: 'a', timestamp: '2024-03-01T09:00:00Z' },
      { userId: 'b', timestamp: '2024-03-02T10:00:00Z' },
      { userId: 'c', timestamp: '2024-03-05T09:00:00Z' },
    ];
    const result = activeUsers(events, { to: '2024-03-10', asOf: '2024-03-02T12:00:00Z' });
    expect(result).toMatchObject({ asOf: '2024-03-02T12:00:00.000Z', asOfDate: '2024-03-02', from: '2024-03-01', to: '2024-03-02' });
    expect(result.days.map((d) => [d.date, d.complete, d.dau, d.wau])).toEqual([
      ['2024-03-01', true, 1, 1],
      ['2024-03-02', false, 1, 2],
    ]);
    // An event exactly at asOf counts; 1 ms later it does not.
    expect(activeUsers(events, { asOf: '2024-03-02T10:00:00Z' }).days.at(-1)?.dau).toBe(1);
    expect(activeUsers(events, { asOf: '2024-03-02T09:59:59.999Z' }).days.at(-1)?.dau).toBe(0);
    // A month asOf is the end of its last day: the range runs to 03-31 (the days after 03-05 with
    // zero DAU), every day of it complete.
    const march = activeUsers(events, { asOf: '2024-03' });
    expect([march.asOf, march.to, march.days.length, march.days.every((d) => d.complete)]).toEqual(['2024-03-31T23:59:59.999Z', '2024-03-31', 31, true]);
  });

  it('flags the last day complete only when asOf reaches its end', () => {
    // The latest event is the last millisecond of 03-03: that day has ended, so it is complete.
    const atLastMs = activeUsers([{ userId: 'a', timestamp: '2024-03-03T23:59:59.999Z' }]);
    expect(atLastMs.days).toEqual([{ date: '2024-03-03', complete: true, dau: 1, wau: 1, mau: 1, dauMau: 1, wauMau: 1 }]);
    // One ms earlier it is not.
    expect(activeUsers([{ userId: 'a', timestamp: '2024-03-03T23:59:59.998Z' }]).days[0]?.complete).toBe(false);
    // Grouped series carry the flag on every group's days.
    const grouped = activeUsers(
      [
        { userId: 'a', accountId: 'x', timestamp: '2024-03-02T08:00:00Z' },
        { userId: 'b', accountId: 'y', timestamp: '2024-03-03T08:00:00Z' },
      ],
      { groupBy: 'accountId' },
    );
    expect(grouped.groups.map((g) => g.days.map((d) => d.complete))).toEqual([
      [true, false],
      [true, false],
    ]);
    expect(grouped.days.map((d) => d.complete)).toEqual([true, false]);
  });

  it("counts a 23:30 event on a date-only asOf's day in Europe/Berlin", () => {
    // 2024-06-30T21:30Z is 23:30 CEST (UTC+2) on 06-30. asOf '2024-06-30' in Berlin is the end of
    // that local day, 2024-06-30T21:59:59.999Z: the event counts and 06-30 is complete.
    const events = [
      { userId: 'a', timestamp: '2024-06-29T10:00:00Z' },
      { userId: 'b', timestamp: '2024-06-30T21:30:00Z' },
    ];
    const berlin = activeUsers(events, { timeZone: 'Europe/Berlin', asOf: '2024-06-30' });
    expect([berlin.asOf, berlin.asOfDate]).toEqual(['2024-06-30T21:59:59.999Z', '2024-06-30']);
    expect(berlin.days.map((d) => [d.date, d.complete, d.dau, d.wau])).toEqual([
      ['2024-06-29', true, 1, 1],
      ['2024-06-30', true, 1, 2],
    ]);
    // 1 ms before the event: b is left out and 06-30 is in progress.
    const before = activeUsers(events, { timeZone: 'Europe/Berlin', asOf: '2024-06-30T21:29:59.999Z' });
    expect(before.days.map((d) => [d.date, d.complete, d.dau, d.wau])).toEqual([
      ['2024-06-29', true, 1, 1],
      ['2024-06-30', false, 0, 1],
    ]);
  });
});
