/**
 * Calendar arithmetic of cohort retention: cohort periods, interval indices and the last
 * day of an interval, on local day numbers. O(1) each.
 * @internal
 */

import { dayKey, firstDayOfMonth, monthKey, monthOfDay, startOfWeek } from '../../core/calendar.js';
import type { Period, Weekday } from '../../core/types.js';

/** The period number of a day: the day itself, the first day of its week, or its month number. */
export function periodOf(period: Period, day: number, weekStartsOn: Weekday): number {
  return period === 'day' ? day : period === 'week' ? startOfWeek(day, weekStartsOn) : monthOfDay(day);
}

/** Distance between consecutive period numbers (7 for weeks, whose numbers are first days). */
export function periodStep(period: Period): number {
  return period === 'week' ? 7 : 1;
}

/** The key of a period number: `YYYY-MM-DD` (day, week's first day) or `YYYY-MM`. */
export function periodKey(period: Period, number: number): string {
  return period === 'month' ? monthKey(number) : dayKey(number);
}

/** The last day of a period number. */
export function periodLastDay(period: Period, number: number): number {
  return period === 'day' ? number : period === 'week' ? number + 6 : firstDayOfMonth(number + 1) - 1;
}

/** The last day of calendar interval `k` counted from a start on `startDay`. */
export function intervalLastDay(interval: Period, startDay: number, k: number, weekStartsOn: Weekday): number {
  if (interval === 'day') return startDay + k;
  if (interval === 'week') return startOfWeek(startDay, weekStartsOn) + 7 * k + 6;
  return firstDayOfMonth(monthOfDay(startDay) + k + 1) - 1;
}
