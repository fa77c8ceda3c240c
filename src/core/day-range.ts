/**
 * The range of local days a per-day or per-period report covers: the caller's `from` and
 * `to` (inclusive, `YYYY-MM-DD`, `YYYY-MM` or any timestamp, read as local days of the zone), else the
 * first and last day of the data. Used by the engagement reports and the growth lifecycle.
 * @internal
 */

import { firstDayOfMonth, parseDayKey, parseMonthKey } from './calendar.js';
import { fail } from './errors.js';
import { readInstant } from './timestamp.js';
import type { ZoneCalendar } from './time-zone.js';

/**
 * The local day of a `from` or `to` bound: a `YYYY-MM-DD` date is that day, a `YYYY-MM`
 * month is its first day (`from`) or last day (`to`), any other timestamp is its local day.
 * Both bounds are inclusive of whole days.
 */
export function readBoundDay(value: unknown, end: 'from' | 'to', zone: ZoneCalendar, fn: string, path = `options.${end}`): number {
  if (typeof value === 'string') {
    const day = parseDayKey(value);
    if (day !== null) return day;
    const month = parseMonthKey(value);
    if (month !== null) return end === 'from' ? firstDayOfMonth(month) : firstDayOfMonth(month + 1) - 1;
  }
  return zone.dayOf(readInstant(value, zone, fn, path));
}

/** The local days of `options.from` and `options.to`, `null` where not given. */
export function readDayBounds(
  fn: string,
  options: { readonly from?: unknown; readonly to?: unknown },
  zone: ZoneCalendar,
): { from: number | null; to: number | null } {
  const from = options.from === undefined ? null : readBoundDay(options.from, 'from', zone, fn);
  const to = options.to === undefined ? null : readBoundDay(options.to, 'to', zone, fn);
  if (from !== null && to !== null && to < from) fail(fn, 'options.to', 'invalid-option', 'must not be before options.from', options.to);
  return { from, to };
}

/**
 * The reported range: `from` and `to` as given, else the first and last day of the data.
 * With one end given and no data on its side, the range shrinks to that one day. `null`
 * when there is no data and no end was given.
 */
export function reportRange(
  bounds: { from: number | null; to: number | null },
  firstDataDay: number | null,
  lastDataDay: number | null,
): { from: number; to: number } | null {
  const { from, to } = bounds;
  if (from !== null && to !== null) return { from, to };
  if (from !== null) return { from, to: lastDataDay !== null && lastDataDay > from ? lastDataDay : from };
  if (to !== null) return { from: firstDataDay !== null && firstDataDay < to ? firstDataDay : to, to };
  if (firstDataDay === null || lastDataDay === null) return null;
  return { from: firstDataDay, to: lastDataDay };
}
