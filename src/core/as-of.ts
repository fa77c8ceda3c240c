/**
 * The one rule for "now": `asOf`.
 *
 * An event counts when its instant is at or before `asOf` (`t <= asOf`, inclusive), the same
 * in every function. A date-only `asOf` (`YYYY-MM-DD`) means "the data is complete through
 * the end of that local day" in the call's time zone: it stands for the last millisecond of
 * the day, so events on that day count and that day (and a period ending on it) is
 * complete. A month `YYYY-MM` means the end of that month's last local day. Any other
 * timestamp (epoch ms, `Date`, ISO with `Z` or an offset) is the instant it names.
 *
 * A period is complete at `asOf` when its every instant is at or before `asOf`: its last
 * local day ends by `asOf`. Results echo the `asOf` in force as an ISO instant (`asOf`) and
 * as its local day (`asOfDate`).
 * @internal
 */

import { dayKey, firstDayOfMonth, parseDayKey, parseMonthKey } from './calendar.js';
import { readInstant } from './timestamp.js';
import type { ZoneCalendar } from './time-zone.js';

/** The last millisecond of local day `day`. */
export function endOfDay(day: number, zone: ZoneCalendar): number {
  return zone.startOfDay(day + 1) - 1;
}

/**
 * Epoch ms of an `asOf` option under the one rule (inclusive; a date-only or month value
 * is the end of that local day or month), or `null` when it is `undefined`.
 * @throws {MetricsInputError} `invalid-timestamp` or `ambiguous-timestamp` naming `path`.
 */
export function readAsOf(value: unknown, zone: ZoneCalendar, fn: string, path = 'options.asOf'): number | null {
  if (value === undefined) return null;
  if (typeof value === 'string') {
    const day = parseDayKey(value);
    if (day !== null) return endOfDay(day, zone);
    const month = parseMonthKey(value);
    if (month !== null) return endOfDay(firstDayOfMonth(month + 1) - 1, zone);
  }
  return readInstant(value, zone, fn, path);
}

/**
 * The last local day that is complete at `asOf`: the day of `asOf` when `asOf` is that
 * day's last millisecond, else the day before. A period whose last day is at or before
 * this day is complete.
 */
export function lastCompleteDay(asOf: number, zone: ZoneCalendar): number {
  return zone.dayOf(asOf + 1) - 1;
}

/** Whether the period whose last local day is `lastDay` is complete at `asOf`. */
export function isCompleteAt(lastDay: number, asOf: number | null, zone: ZoneCalendar): boolean {
  return asOf !== null && lastDay <= lastCompleteDay(asOf, zone);
}

/** The `asOf` echo every result carries: the ISO instant and its local day. */
export interface AsOfEcho {
  /** The `asOf` in force, as an ISO-8601 instant in UTC; `null` when there is none (empty input). */
  readonly asOf: string | null;
  /** The local day (`YYYY-MM-DD`, in the result's `timeZone`) of `asOf`; `null` with it. */
  readonly asOfDate: string | null;
}

/** The echo of an `asOf` instant (or of none). */
export function asOfEcho(asOf: number | null, zone: ZoneCalendar): AsOfEcho {
  if (asOf === null) return { asOf: null, asOfDate: null };
  return { asOf: new Date(asOf).toISOString(), asOfDate: dayKey(zone.dayOf(asOf)) };
}
