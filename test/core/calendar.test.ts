import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  MAX_DAY,
  MIN_DAY,
  civilFromDays,
  dayKey,
  daysFromCivil,
  firstDayOfMonth,
  monthKey,
  monthOfDay,
  parseDayKey,
  parseMonthKey,
  startOfWeek,
  weekdayOf,
} from '../../src/core/calendar.js';

describe('calendar arithmetic', () => {
  it('matches Python date ordinals', () => {
    // Python: (date(Y,M,D) - date(1970,1,1)).days
    expect(daysFromCivil(1970, 1, 1)).toBe(0);
    expect(daysFromCivil(2000, 3, 1)).toBe(11017);
    expect(daysFromCivil(2024, 2, 29)).toBe(19782);
    expect(daysFromCivil(1, 1, 1)).toBe(-719162);
    expect(daysFromCivil(9999, 12, 31)).toBe(2932896);
    expect(MIN_DAY).toBe(-719162);
    expect(MAX_DAY).toBe(2932896);
  });

  it('formats and parses day and month keys', () => {
    expect(dayKey(19782)).toBe('2024-02-29');
    expect(dayKey(MIN_DAY)).toBe('0001-01-01');
    expect(parseDayKey('2024-02-29')).toBe(19782);
    expect(parseDayKey('2023-02-29')).toBeNull();
    expect(parseDayKey('2024-2-29')).toBeNull();
    expect(parseDayKey('2024-13-01')).toBeNull();
    expect(parseDayKey('0000-01-01')).toBeNull();
    expect(monthKey(monthOfDay(19782))).toBe('2024-02');
    expect(parseMonthKey('2024-02')).toBe(2024 * 12 + 1);
    expect(parseMonthKey('2024-00')).toBeNull();
    expect(dayKey(firstDayOfMonth(2024 * 12 + 1))).toBe('2024-02-01');
  });

  it('knows weekdays and week starts', () => {
    // Python: date(2024, 2, 29).isoweekday() == 4 (Thursday)
    expect(weekdayOf(19782)).toBe(4);
    expect(weekdayOf(0)).toBe(4); // 1970-01-01 was a Thursday
    expect(dayKey(startOfWeek(19782, 1))).toBe('2024-02-26'); // Monday
    expect(dayKey(startOfWeek(19782, 0))).toBe('2024-02-25'); // Sunday
    expect(dayKey(startOfWeek(19782, 4))).toBe('2024-02-29'); // a Thursday-start week
    expect(dayKey(startOfWeek(19782 + 3, 1))).toBe('2024-02-26'); // Sunday 2024-03-03 is in the week of Monday 02-26
  });

  it('round-trips every day number through its key (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_DAY, max: MAX_DAY }), (day) => {
        expect(parseDayKey(dayKey(day))).toBe(day);
        const packed = civilFromDays(day);
        expect(daysFromCivil(Math.floor(packed / 10000), Math.floor(packed / 100) % 100, packed % 100)).toBe(day);
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with Date for day keys (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_DAY, max: MAX_DAY }), (day) => {
        expect(dayKey(day)).toBe(new Date(day * 86_400_000).toISOString().slice(0, 10));
        expect(weekdayOf(day)).toBe(new Date(day * 86_400_000).getUTCDay());
      }),
      { numRuns: 2000 },
    );
  });

  it('puts every day in the week that starts on or before it, within 6 days (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_DAY + 7, max: MAX_DAY }), fc.integer({ min: 0, max: 6 }), (day, start) => {
        const first = startOfWeek(day, start as 0);
        expect(weekdayOf(first)).toBe(start);
        expect(day - first).toBeGreaterThanOrEqual(0);
        expect(day - first).toBeLessThan(7);
      }),
    );
  });

  it('maps each day to the month that contains it (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: MIN_DAY, max: MAX_DAY }), (day) => {
        const month = monthOfDay(day);
        expect(monthKey(month)).toBe(dayKey(day).slice(0, 7));
        expect(firstDayOfMonth(month)).toBeLessThanOrEqual(day);
        expect(monthOfDay(firstDayOfMonth(month))).toBe(month);
      }),
    );
  });
});
