/**
 * The one numbering of calendar periods (days, weeks, months) of local day numbers.
 * Period numbers are consecutive integers (a day number; a week number counted from the
 * week of 1970-01-01, weeks starting on `weekStartsOn`; a month number
 * `year * 12 + month - 1`), so "the previous period" is `p - 1` and the periods between
 * `a` and `b` are `b - a + 1`. O(1) per conversion, no allocation.
 * @module
 */

import { dayKey, firstDayOfMonth, monthKey, monthOfDay, startOfWeek } from './calendar.js';
import type { Period, Weekday } from './types.js';

/** Numbering of the calendar periods of one kind. */
export interface PeriodScale {
  /** The kind of period. */
  readonly period: Period;
  /** Period number of a local day number. */
  of(day: number): number;
  /** First local day number of period `p`. */
  firstDay(p: number): number;
  /** Last local day number of period `p`. */
  lastDay(p: number): number;
  /** The key of period `p`: `YYYY-MM-DD` for a day or a week (its first day), `YYYY-MM` for a month. */
  key(p: number): string;
}

/** The period numbering of `period`, weeks starting on `weekStartsOn` (ignored for days and months). */
export function periodScale(period: Period, weekStartsOn: Weekday): PeriodScale {
  if (period === 'day') {
    return { period, of: (day) => day, firstDay: (p) => p, lastDay: (p) => p, key: (p) => dayKey(p) };
  }
  if (period === 'week') {
    const origin = startOfWeek(0, weekStartsOn);
    return {
      period,
      of: (day) => (startOfWeek(day, weekStartsOn) - origin) / 7,
      firstDay: (p) => origin + p * 7,
      lastDay: (p) => origin + p * 7 + 6,
      key: (p) => dayKey(origin + p * 7),
    };
  }
  return { period, of: (day) => monthOfDay(day), firstDay: (p) => firstDayOfMonth(p), lastDay: (p) => firstDayOfMonth(p + 1) - 1, key: (p) => monthKey(p) };
}
