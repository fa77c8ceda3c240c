import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MetricsInputError } from '../../src/core/errors.js';
import { activeUsersByPeriod } from '../../src/engagement/active-users-by-period.js';
import { errorOf } from '../support/errors.js';
import { TEST_ZONES, shuffled, wallDate } from '../support/model.js';

describe('activeUsersByPeriod', () => {
  const events = [
    { userId: 'ana', timestamp: '2024-02-28T10:00:00Z' }, // Wednesday
    { userId: 'ana', timestamp: '2024-03-02T10:00:00Z' }, // Saturday
    { userId: 'ben', timestamp: '2024-03-04T10:00:00Z' }, // Monday
  ];

  it('counts distinct users per calendar month, week and day', () => {
    // The default asOf is the latest event, 03-04 10:00: February is cut by the range (it starts
    // on 02-28 with the data), March both cut (to = 03-04) and in progress.
    const months = activeUsersByPeriod(events, { period: 'month' });
    expect([months.asOf, months.asOfDate]).toEqual(['2024-03-04T10:00:00.000Z', '2024-03-04']);
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
    // Every day is whole in the range; all but 03-04 (in progress at 10:00) had ended by asOf.
    expect(days.map((p) => p.complete)).toEqual([true, true, true, true, true, false]);
  });

  it('marks whole periods complete and includes empty ones', () => {
    // asOf '2024-03-31': the data is complete through March, so every month is whole and ended.
    const result = activeUsersByPeriod(events, { period: 'month', from: '2024-01-01', to: '2024-03-31', asOf: '2024-03-31' });
    expect(result.periods.map((p) => [p.period, p.activeUsers, p.complete])).toEqual([
      ['2024-01', 0, true],
      ['2024-02', 1, true],
      ['2024-03', 2, true],
    ]);
    // Months given as YYYY-MM are whole months.
    expect(activeUsersByPeriod(events, { period: 'month', from: '2024-01', to: '2024-03', asOf: '2024-03' })).toEqual(result);
    // With the default asOf (03-04 10:00) `to` is cut back to 03-04: March is partial.
    const current = activeUsersByPeriod(events, { period: 'month', from: '2024-01-01', to: '2024-03-31' });
    expect(current.to).toBe('2024-03-04');
    expect(current.periods.at(-1)).toEqual({ period: '2024-03', start: '2024-03-01', end: '2024-03-04', complete: false, activeUsers: 2 });
  });

  it("counts a 23:30 event on a date-only asOf's day in Europe/Berlin, and completes the period ending then", () => {
    // 2024-06-30T21:30Z is 23:30 CEST on Sunday 06-30: in June and in the week of Monday 06-24.
    // asOf '2024-06-30' is the end of that Berlin day: the event counts, June and that week are complete.
    const late = [
      { userId: 1, timestamp: '2024-06-03T08:00:00Z' },
      { userId: 2, timestamp: '2024-06-30T21:30:00Z' },
    ];
    const options = { timeZone: 'Europe/Berlin', from: '2024-06', asOf: '2024-06-30' } as const;
    const months = activeUsersByPeriod(late, { ...options, period: 'month' });
    expect([months.asOf, months.asOfDate, months.to]).toEqual(['2024-06-30T21:59:59.999Z', '2024-06-30', '2024-06-30']);
    expect(months.periods).toEqual([{ period: '2024-06', start: '2024-06-01', end: '2024-06-30', complete: true, activeUsers: 2 }]);
    const weeks = activeUsersByPeriod(late, { ...options, period: 'week' });
    expect(weeks.periods.at(-1)).toEqual({ period: '2024-06-24', start: '2024-06-24', end: '2024-06-30', complete: true, activeUsers: 1 });
    // At 1 ms before the event: it is left out, and June is not over.
    const before = activeUsersByPeriod(late, { ...options, period: 'month', asOf: '2024-06-30T21:29:59.999Z' });
    expect(before.periods).toEqual([{ period: '2024-06', start: '2024-06-01', end: '2024-06-30', complete: false, activeUsers: 1 }]);
  });

  it('rejects unknown and null options', () => {
    const typo = errorOf(() => activeUsersByPeriod(events, { perod: 'week' } as object));
    expect([typo.code, typo.path, typo.message]).toEqual([
      'unknown-option',
      'options.perod',
      'activeUsersByPeriod: options.perod is not an option; did you mean period? ("week")',
    ]);
    expect(errorOf(() => activeUsersByPeriod(events, { weekStartsOn: null } as object))).toMatchObject({ code: 'invalid-option', path: 'options.weekStartsOn' });
    // windows belong to activeUsers, not here.
    expect(errorOf(() => activeUsersByPeriod(events, { windows: { mau: 30 } } as object))).toMatchObject({ code: 'unknown-option', path: 'options.windows' });
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
    // The overall series beside the groups: one user in January, one in February.
    expect(grouped.periods.map((p) => [p.period, p.activeUsers])).toEqual([
      ['2024-01', 1],
      ['2024-02', 1],
    ]);
  });

  it('counts a user of two groups in each group and once overall', () => {
    // User 1 in a and b in January; user 2 in b in January: overall 2 users, a 1, b 2.
    const events = [
      { userId: 1, accountId: 'a', timestamp: '2024-01-05T00:00:00Z' },
      { userId: 1, accountId: 'b', timestamp: '2024-01-06T00:00:00Z' },
      { userId: 2, accountId: 'b', timestamp: '2024-01-07T00:00:00Z' },
    ];
    const grouped = activeUsersByPeriod(events, { groupBy: 'accountId', asOf: '2024-01-31' });
    expect(grouped.periods).toEqual([{ period: '2024-01', start: '2024-01-05', end: '2024-01-31', complete: false, activeUsers: 2 }]);
    expect(grouped.periods).toEqual(activeUsersByPeriod(events, { asOf: '2024-01-31' }).periods);
    expect(grouped.groups.map((g) => [g.group, g.periods[0]?.activeUsers])).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    expect(activeUsersByPeriod([], { groupBy: 'accountId' })).toMatchObject({ periods: [], groups: [] });
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
