/**
 * Calendar periods for `growthLifecycle`: absolute period numbers of local days, and the
 * reported range of periods. Period numbers are consecutive integers (a day number, a week
 * number counted from the week of 1970-01-01, a month number `year * 12 + month - 1`), so
 * "the previous period" is `p - 1`. O(1) per conversion, no allocation.
 * @internal
 */

import { dayKey, firstDayOfMonth, monthKey, monthOfDay, startOfWeek } from '../../core/calendar.js';
import type { Period, Weekday } from '../../core/types.js';

/** Numbering of the calendar periods of one kind. */
export interface PeriodScale {
  /** Period number of a local day number. */
  of(day: number): number;
  /** First local day number of period `p`. */
  firstDay(p: number): number;
  /** The key of period `p`: `YYYY-MM-DD` for a day or a week (its first day), `YYYY-MM` for a month. */
  key(p: number): string;
}

/** The period numbering of `period`, weeks starting on `weekStartsOn`. */
export function periodScale(period: Period, weekStartsOn: Weekday): PeriodScale {
  if (period === 'day') {
    return { of: (day) => day, firstDay: (p) => p, key: (p) => dayKey(p) };
  }
  if (period === 'week') {
    const origin = startOfWeek(0, weekStartsOn);
    return {
      of: (day) => (startOfWeek(day, weekStartsOn) - origin) / 7,
      firstDay: (p) => origin + p * 7,
      key: (p) => dayKey(origin + p * 7),
    };
  }
  return { of: (day) => monthOfDay(day), firstDay: (p) => firstDayOfMonth(p), key: (p) => monthKey(p) };
}

/**
 * The reported days: `from` as given, else the first active day; `to` as given, else the
 * day of `asOf`. A given end with nothing on its other side makes a one-day range. `null`
 * when there is neither data nor a bound.
 */
export function growthRange(
  bounds: { from: number | null; to: number | null },
  firstActiveDay: number | null,
  asOfDay: number | null,
): { from: number; to: number } | null {
  let { from, to } = bounds;
  if (to === null) to = asOfDay !== null && (from === null || asOfDay >= from) ? asOfDay : from;
  if (from === null) from = firstActiveDay !== null && to !== null && firstActiveDay < to ? firstActiveDay : to;
  if (from === null || to === null) return null;
  return { from, to };
}
