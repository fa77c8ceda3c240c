import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MetricsInputError } from '../../src/core/errors.js';
import { activeUsersByPeriod } from '../../src/engagement/active-users-by-period.js';
import { TEST_ZONES, shuffled, wallDate } from '../support/model.js';

describe('activeUsersByPeriod', () => {
  const events = [
    { userId: 'ana', timestamp: '2024-02-28T10:00:00Z' }, // Wednesday
    { userId: 'ana', timestamp: '2024-03-02T10:00:00Z' }, // Saturday
    { userId: 'ben', timestamp: '2024-03-04T10:00:00Z' }, // Monday
  ];

  it('counts distinct users per calendar month, week and day', () => {
    const months = activeUsersByPeriod(events, { period: 'month' });
    expect(months.periods).toEqual([
      { period: '2024-02', start: '2024-02-28', end: '2024-02-29', complete: false, activeUsers: 1 },
      { period: '2024-03', start: '2024-03-01', end: '2024-03-04', complete: false, activeUsers: 2 },
    ]);
    // ISO weeks: 02-26..03-03 holds both of ana's days (one user); 03-04.. holds ben.
    expect(activeUsersByPeriod(events, { period: 'week' }).periods.map((p) => [p.period, p.activeUsers])).toEqual([
      ['2024-02-26', 1],
      ['2024-03-04', 1],
    ]);
    // Sunday-start weeks: 02-25..03-02 (ana), 03-03..03-09 (ben).
    expect(activeUsersByPeriod(events, { period: 'week', weekStartsOn: 0 }).periods.map((p) => [p.period, p.activeUsers])).toEqual([
      ['2024-02-25', 1],
      ['2024-03-03', 1],
    ]);
    const days = activeUsersByPeriod(events, { period: 'day' }).periods;
    expect(days.map((p) => p.activeUsers)).toEqual([1, 0, 0, 1, 0, 1]); // 02-28 .. 03-04
    expect(days.every((p) => p.complete)).toBe(true);
  });

  it('marks whole periods complete and includes empty ones', () => {
    const result = activeUsersByPeriod(events, { period: 'month', from: '2024-01-01', to: '2024-03-31' });
    expect(result.periods.map((p) => [p.period, p.activeUsers, p.complete])).toEqual([
      ['2024-01', 0, true],
      ['2024-02', 1, true],
      ['2024-03', 2, true],
    ]);
  });

  it('uses local months: 23:30 on Jan 31 in New York is still January', () => {
    const result = activeUsersByPeriod([{ userId: 1, timestamp: '2024-02-01T04:30:00Z' }], { period: 'month', timeZone: 'America/New_York' });
    expect(result.periods.map((p) => p.period)).toEqual(['2024-01']);
  });

  it('is empty for empty input and groups by account', () => {
    expect(activeUsersByPeriod([]).periods).toEqual([]);
    const grouped = activeUsersByPeriod(
      [
        { userId: 1, accountId: 'a', timestamp: '2024-01-05T00:00:00Z' },
        { userId: 2, accountId: 'b', timestamp: '2024-02-05T00:00:00Z' },
      ],
      { groupBy: 'accountId' },
    );
    expect(grouped.groups.map((g) => [g.group, g.periods.map((p) => p.activeUsers)])).toEqual([
      ['a', [1, 0]],
      ['b', [0, 1]],
    ]);
  });

  it('rejects an unknown period or week start', () => {
    expect(() => activeUsersByPeriod(events, { period: 'year' as 'month' })).toThrow(MetricsInputError);
    expect(() => activeUsersByPeriod(events, { period: 'year' as 'month' })).toThrow(
      "activeUsersByPeriod: options.period must be one of 'day', 'week', 'month' (\"year\")",
    );
    expect(() => activeUsersByPeriod(events, { weekStartsOn: 9 as 1 })).toThrow(/options\.weekStartsOn/);
  });

  const logArb = fc.array(
    fc.record({ userId: fc.integer({ min: 1, max: 5 }), timestamp: fc.integer({ min: Date.UTC(2023, 11, 1), max: Date.UTC(2024, 3, 1) }) }),
    { maxLength: 50 },
  );

  it('agrees with a slow model of distinct users per month, in any order (property)', () => {
    fc.assert(
      fc.property(logArb, fc.constantFrom(...TEST_ZONES), fc.array(fc.nat(), { minLength: 1 }), (events, timeZone, picks) => {
        const result = activeUsersByPeriod(shuffled(events, picks), { period: 'month', timeZone });
        const model = new Map<string, Set<number>>();
        for (const e of events) {
          const month = wallDate(e.timestamp, timeZone).slice(0, 7);
          model.set(month, (model.get(month) ?? new Set()).add(e.userId));
        }
        for (const p of result.periods) expect(p.activeUsers).toBe(model.get(p.period)?.size ?? 0);
        expect(result.periods.filter((p) => p.activeUsers > 0).length).toBe(model.size);
      }),
    );
  });
});
