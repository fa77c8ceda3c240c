import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MetricsInputError } from '../../src/core/errors.js';
import { activeUsers } from '../../src/engagement/active-users.js';
import { stickiness } from '../../src/engagement/stickiness.js';
import { errorOf } from '../support/errors.js';
import { TEST_ZONES, shuffled, wallDate } from '../support/model.js';

describe('stickiness', () => {
  it('computes mean DAU/MAU, its band and the histogram of the documented example', () => {
    const events = [
      { userId: 'ana', timestamp: '2024-03-01T09:00:00Z' },
      { userId: 'ben', timestamp: '2024-03-01T12:00:00Z' },
      { userId: 'ana', timestamp: '2024-03-02T09:00:00Z' },
    ];
    // asOf '2024-03-02': the data is complete through 03-02, so both days are in the range.
    const result = stickiness(events, { asOf: '2024-03-02' });
    // 03-01: DAU 2 / MAU 2 = 1; 03-02: DAU 1 / MAU 2 = 0.5; mean 0.75 > 0.7.
    expect(result.meanDauMau).toBe(0.75);
    expect(result.band).toBe('daily-habit');
    // Average DAU 1.5 over 2 distinct users.
    expect(result.averageDau).toBe(1.5);
    expect(result.activeUsers).toBe(2);
    expect(result.averageDauPerActiveUser).toBe(0.75);
    expect(result.histogram).toEqual([
      { activeDays: 1, userCount: 1, share: 0.5, atLeast: 2, atLeastShare: 1 },
      { activeDays: 2, userCount: 1, share: 0.5, atLeast: 1, atLeastShare: 0.5 },
    ]);
    expect(result).toMatchObject({
      timeZone: 'UTC',
      asOf: '2024-03-02T23:59:59.999Z',
      asOfDate: '2024-03-02',
      from: '2024-03-01',
      to: '2024-03-02',
      dayCount: 2,
      mauWindow: 30,
      thresholds: { dailyHabit: 0.7, regular: 0.2 },
    });
  });

  it('leaves out a day in progress at asOf (the default asOf, the latest event, included)', () => {
    const events = [
      { userId: 'ana', timestamp: '2024-03-01T09:00:00Z' },
      { userId: 'ben', timestamp: '2024-03-01T12:00:00Z' },
      { userId: 'ana', timestamp: '2024-03-02T09:00:00Z' },
    ];
    // asOf = 03-02 09:00: 03-02 is in progress, so the range is 03-01 alone: DAU 2 / MAU 2 = 1;
    // both users active on its one day.
    const result = stickiness(events);
    expect(result).toMatchObject({ asOf: '2024-03-02T09:00:00.000Z', asOfDate: '2024-03-02', from: '2024-03-01', to: '2024-03-01', dayCount: 1, meanDauMau: 1, averageDau: 2, activeUsers: 2 });
    expect(result.histogram).toEqual([{ activeDays: 1, userCount: 2, share: 1, atLeast: 2, atLeastShare: 1 }]);
    // A `to` on the day in progress is cut back too; an asOf at the day's last millisecond completes it.
    expect(stickiness(events, { to: '2024-03-02' }).to).toBe('2024-03-01');
    expect(stickiness(events, { asOf: '2024-03-02T23:59:59.999Z' }).meanDauMau).toBe(0.75);
    // One event: its day is in progress, so no day is complete.
    expect(stickiness([{ userId: 'a', timestamp: '2024-03-01T09:00:00Z' }])).toMatchObject({ from: null, to: null, dayCount: 0, meanDauMau: null, histogram: [] });
  });

  it("counts a 23:30 event on a date-only asOf's day in Europe/Berlin", () => {
    // 2024-06-30T21:30Z is 23:30 CEST on 06-30. asOf '2024-06-30' ends that Berlin day: 06-30 is
    // complete and b's event counts. 06-29: {a} 1/1; 06-30: {b} 1/{a, b} 2 = 0.5; mean 0.75.
    const events = [
      { userId: 'a', timestamp: '2024-06-29T10:00:00Z' },
      { userId: 'b', timestamp: '2024-06-30T21:30:00Z' },
    ];
    const result = stickiness(events, { timeZone: 'Europe/Berlin', asOf: '2024-06-30' });
    expect(result).toMatchObject({ asOf: '2024-06-30T21:59:59.999Z', asOfDate: '2024-06-30', to: '2024-06-30', dayCount: 2, meanDauMau: 0.75, activeUsers: 2 });
    // At the event's own instant 06-30 is in progress: it is left out (with b's event).
    expect(stickiness(events, { timeZone: 'Europe/Berlin', asOf: '2024-06-30T21:30:00Z' })).toMatchObject({ to: '2024-06-29', dayCount: 1, activeUsers: 1 });
  });

  it('bands regular and occasional use with configurable thresholds', () => {
    // One user active 1 day of 10: DAU/MAU = 1 on day 1, 0 on days 2..10: mean 0.1.
    const events = [{ userId: 'a', timestamp: '2024-01-01T00:00:00Z' }];
    const range = { from: '2024-01-01', to: '2024-01-10', asOf: '2024-01-10' };
    expect(stickiness(events, range).meanDauMau).toBeCloseTo(0.1, 15);
    expect(stickiness(events, range).band).toBe('occasional');
    expect(stickiness(events, { ...range, thresholds: { regular: 0.1 } }).band).toBe('regular');
    expect(stickiness(events, { ...range, thresholds: { dailyHabit: 0.05, regular: 0.01 } }).band).toBe('daily-habit');
    // Histogram over 10 days: one user with 1 active day.
    expect(stickiness(events, range).histogram.map((b) => b.userCount)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('gives nulls and zeros for empty input', () => {
    expect(stickiness([])).toMatchObject({ asOf: null, asOfDate: null, from: null, to: null, meanDauMau: null, band: null, averageDau: 0, activeUsers: 0, averageDauPerActiveUser: null, histogram: [], dayCount: 0 });
  });

  it('reports per group', () => {
    const events = [
      { userId: 1, accountId: 'a', timestamp: '2024-01-01T00:00:00Z' },
      { userId: 1, accountId: 'a', timestamp: '2024-01-02T00:00:00Z' },
      { userId: 2, accountId: 'b', timestamp: '2024-01-01T00:00:00Z' },
    ];
    const result = stickiness(events, { groupBy: 'accountId', asOf: '2024-01-02' });
    // a: 1/1 and 1/1 -> 1; b: 1/1 then 0/1 -> 0.5.
    expect(result.groups.map((g) => [g.group, g.meanDauMau, g.band])).toEqual([
      ['a', 1, 'daily-habit'],
      ['b', 0.5, 'regular'],
    ]);
    // Overall (by hand): 01-01 DAU 2 / MAU 2 = 1, 01-02 DAU 1 / MAU 2 = 0.5: mean 0.75; average
    // DAU 1.5 over 2 users; user 2 active 1 day, user 1 active 2 days.
    expect(result).toMatchObject({ dayCount: 2, meanDauMau: 0.75, band: 'daily-habit', averageDau: 1.5, activeUsers: 2, averageDauPerActiveUser: 0.75 });
    expect(result.histogram.map((bar) => [bar.activeDays, bar.userCount, bar.atLeast])).toEqual([
      [1, 1, 2],
      [2, 1, 1],
    ]);
    // A group's figures are those of its events alone over the same range.
    const alone = stickiness(events.filter((e) => e.accountId === 'a'), { asOf: '2024-01-02', from: '2024-01-01' });
    const { meanDauMau, band, averageDau, activeUsers: users, averageDauPerActiveUser, histogram } = alone;
    expect(result.groups[0]).toEqual({ group: 'a', meanDauMau, band, averageDau, activeUsers: users, averageDauPerActiveUser, histogram });
  });

  it('counts a user of two groups once overall and in each group', () => {
    // User 1 in both accounts on 01-01, user 2 in b on 01-02. Overall: 01-01 DAU 1 / MAU 1,
    // 01-02 DAU 1 / MAU 2: mean 0.75, 2 users; a: 1/1 then 0/1: mean 0.5, 1 user; b: 1/1 then
    // 1/2: mean 0.75, 2 users.
    const events = [
      { userId: 1, accountId: 'a', timestamp: '2024-01-01T08:00:00Z' },
      { userId: 1, accountId: 'b', timestamp: '2024-01-01T09:00:00Z' },
      { userId: 2, accountId: 'b', timestamp: '2024-01-02T09:00:00Z' },
    ];
    const result = stickiness(events, { groupBy: 'accountId', asOf: '2024-01-02' });
    expect([result.meanDauMau, result.activeUsers]).toEqual([0.75, 2]);
    expect(result.groups.map((g) => [g.group, g.meanDauMau, g.activeUsers])).toEqual([
      ['a', 0.5, 1],
      ['b', 0.75, 2],
    ]);
  });

  it('rejects bad thresholds', () => {
    try {
      stickiness([], { thresholds: { dailyHabit: 0.5, regular: 0.6 } });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MetricsInputError);
      expect((error as MetricsInputError).path).toBe('options.thresholds.regular');
    }
    expect(() => stickiness([], { thresholds: { dailyHabit: 1.5 } })).toThrow('stickiness: options.thresholds.dailyHabit must be a number from 0 to 1 (1.5)');
    expect(() => stickiness([], { thresholds: { dailyHabit: -1 } })).toThrow(MetricsInputError);
    // A threshold left out keeps its default in the order check (0.x moved regular down to a
    // lower dailyHabit silently): the error names the given one and the default it crosses.
    expect(errorOf(() => stickiness([], { thresholds: { dailyHabit: 0.1 } }))).toMatchObject({
      code: 'invalid-option',
      path: 'options.thresholds.dailyHabit',
      message: 'stickiness: options.thresholds.dailyHabit must not be below options.thresholds.regular, which is 0.2 by default (0.1)',
    });
    expect(stickiness([], { thresholds: { dailyHabit: 0.1, regular: 0.1 } }).thresholds).toEqual({ dailyHabit: 0.1, regular: 0.1 });
  });

  it('rejects unknown and null options, nested ones too: windows takes only mau', () => {
    // 0.1 took `windows: { wau: 45 }` as the MAU window; wau has no meaning here.
    const wau = errorOf(() => stickiness([], { windows: { wau: 45 } } as object));
    expect([wau.code, wau.path, wau.message]).toEqual(['unknown-option', 'options.windows.wau', 'stickiness: options.windows.wau is not an option; did you mean mau? (45)']);
    expect(stickiness([], { windows: { mau: 45 } }).mauWindow).toBe(45);
    // A MAU window shorter than 7 days is fine: there is no WAU window to exceed it.
    expect(stickiness([], { windows: { mau: 5 } }).mauWindow).toBe(5);
    expect(errorOf(() => stickiness([], { thresholds: { daily: 0.5 } } as object))).toMatchObject({ code: 'unknown-option', path: 'options.thresholds.daily' });
    expect(errorOf(() => stickiness([], { thresholds: { regular: null } } as object))).toMatchObject({ code: 'invalid-option', path: 'options.thresholds.regular' });
    expect(errorOf(() => stickiness([], { thresholds: null } as object))).toMatchObject({ code: 'invalid-option', path: 'options.thresholds' });
    expect(errorOf(() => stickiness([], { asof: '2024-01-01' } as object)).message).toBe(
      'stickiness: options.asof is not an option; did you mean asOf? ("2024-01-01")',
    );
  });

  const logArb = fc.array(
    fc.record({ userId: fc.integer({ min: 1, max: 6 }), timestamp: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2024, 1, 20) }) }),
    { maxLength: 60 },
  );

  it('matches the mean of the daily ratios of activeUsers, and the histogram adds up (property)', () => {
    fc.assert(
      fc.property(logArb, fc.constantFrom(...TEST_ZONES), fc.array(fc.nat(), { minLength: 1 }), (events, timeZone, picks) => {
        const result = stickiness(shuffled(events, picks), { timeZone });
        // Over the complete days only: those activeUsers flags complete.
        const complete = activeUsers(events, { timeZone }).days.filter((d) => d.complete);
        expect(result.dayCount).toBe(complete.length);
        const ratios = complete.flatMap((d) => (d.dauMau === null ? [] : [d.dauMau]));
        if (ratios.length === 0) expect(result.meanDauMau).toBeNull();
        else expect(result.meanDauMau).toBeCloseTo(ratios.reduce((a, b) => a + b, 0) / ratios.length, 12);
        expect(result.histogram.reduce((sum, bar) => sum + bar.userCount, 0)).toBe(result.activeUsers);
        // The range's active users: those with an event on one of its (complete) days.
        const completeDates = new Set(complete.map((d) => d.date));
        expect(result.activeUsers).toBe(new Set(events.filter((e) => completeDates.has(wallDate(e.timestamp, timeZone))).map((e) => e.userId)).size);
        for (let i = 1; i < result.histogram.length; i++) {
          expect(result.histogram[i]?.atLeast).toBeLessThanOrEqual(result.histogram[i - 1]?.atLeast as number);
        }
        if (result.meanDauMau !== null) {
          expect(result.meanDauMau).toBeGreaterThanOrEqual(0);
          expect(result.meanDauMau).toBeLessThanOrEqual(1);
        }
      }),
    );
  });
});
