import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MetricsInputError } from '../../src/core/errors.js';
import { activeUsers } from '../../src/engagement/active-users.js';
import { stickiness } from '../../src/engagement/stickiness.js';
import { TEST_ZONES, shuffled } from '../support/model.js';

describe('stickiness', () => {
  it('computes mean DAU/MAU, its band and the histogram of the documented example', () => {
    const events = [
      { userId: 'ana', timestamp: '2024-03-01T09:00:00Z' },
      { userId: 'ben', timestamp: '2024-03-01T12:00:00Z' },
      { userId: 'ana', timestamp: '2024-03-02T09:00:00Z' },
    ];
    const result = stickiness(events);
    // 03-01: DAU 2 / MAU 2 = 1; 03-02: DAU 1 / MAU 2 = 0.5; mean 0.75 > 0.7.
    expect(result.meanDauMau).toBe(0.75);
    expect(result.band).toBe('daily-habit');
    // Average DAU 1.5 over 2 distinct users.
    expect(result.averageDau).toBe(1.5);
    expect(result.activeUsers).toBe(2);
    expect(result.averageDauPerActiveUser).toBe(0.75);
    expect(result.histogram).toEqual([
      { activeDays: 1, users: 1, share: 0.5, atLeast: 2, atLeastShare: 1 },
      { activeDays: 2, users: 1, share: 0.5, atLeast: 1, atLeastShare: 0.5 },
    ]);
    expect(result).toMatchObject({ timeZone: 'UTC', from: '2024-03-01', to: '2024-03-02', days: 2, mauWindow: 30, thresholds: { dailyHabit: 0.7, regular: 0.2 } });
  });

  it('bands regular and occasional use with configurable thresholds', () => {
    // One user active 1 day of 10: DAU/MAU = 1 on day 1, 0 on days 2..10: mean 0.1.
    const events = [{ userId: 'a', timestamp: '2024-01-01T00:00:00Z' }];
    const range = { from: '2024-01-01', to: '2024-01-10' };
    expect(stickiness(events, range).meanDauMau).toBeCloseTo(0.1, 15);
    expect(stickiness(events, range).band).toBe('occasional');
    expect(stickiness(events, { ...range, thresholds: { regular: 0.1 } }).band).toBe('regular');
    expect(stickiness(events, { ...range, thresholds: { dailyHabit: 0.05, regular: 0.01 } }).band).toBe('daily-habit');
    // Histogram over 10 days: one user with 1 active day.
    expect(stickiness(events, range).histogram.map((b) => b.users)).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('gives nulls and zeros for empty input', () => {
    expect(stickiness([])).toMatchObject({ meanDauMau: null, band: null, averageDau: 0, activeUsers: 0, averageDauPerActiveUser: null, histogram: [], days: 0 });
  });

  it('reports per group', () => {
    const events = [
      { userId: 1, accountId: 'a', timestamp: '2024-01-01T00:00:00Z' },
      { userId: 1, accountId: 'a', timestamp: '2024-01-02T00:00:00Z' },
      { userId: 2, accountId: 'b', timestamp: '2024-01-01T00:00:00Z' },
    ];
    const result = stickiness(events, { groupBy: 'accountId' });
    // a: 1/1 and 1/1 -> 1; b: 1/1 then 0/1 -> 0.5.
    expect(result.groups.map((g) => [g.group, g.meanDauMau, g.band])).toEqual([
      ['a', 1, 'daily-habit'],
      ['b', 0.5, 'regular'],
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
    expect(() => stickiness([], { thresholds: { dailyHabit: 1.5 } })).toThrow('stickiness: options.thresholds.dailyHabit must be at most 1 (1.5)');
    expect(() => stickiness([], { thresholds: { dailyHabit: -1 } })).toThrow(MetricsInputError);
  });

  const logArb = fc.array(
    fc.record({ userId: fc.integer({ min: 1, max: 6 }), timestamp: fc.integer({ min: Date.UTC(2024, 0, 1), max: Date.UTC(2024, 1, 20) }) }),
    { maxLength: 60 },
  );

  it('matches the mean of the daily ratios of activeUsers, and the histogram adds up (property)', () => {
    fc.assert(
      fc.property(logArb, fc.constantFrom(...TEST_ZONES), fc.array(fc.nat(), { minLength: 1 }), (events, timeZone, picks) => {
        const result = stickiness(shuffled(events, picks), { timeZone });
        const ratios = activeUsers(events, { timeZone }).days.flatMap((d) => (d.dauMau === null ? [] : [d.dauMau]));
        if (ratios.length === 0) expect(result.meanDauMau).toBeNull();
        else expect(result.meanDauMau).toBeCloseTo(ratios.reduce((a, b) => a + b, 0) / ratios.length, 12);
        expect(result.histogram.reduce((sum, bar) => sum + bar.users, 0)).toBe(result.activeUsers);
        expect(result.activeUsers).toBe(new Set(events.map((e) => e.userId)).size);
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
