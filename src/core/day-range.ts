/**
 * The range of local days a per-day or per-period report covers: the caller's `from` and
 * `to` (inclusive, `YYYY-MM-DD` or any timestamp, read as local days of the zone), else the
 * first and last day of the data. Used by the engagement reports and the growth lifecycle.
 * @internal
 */

import { fail } from './errors.js';
import { readInstant } from './timestamp.js';
import type { ZoneCalendar } from './time-zone.js';

/** The local days of `options.from` and `options.to`, `null` where not given. */
export function readDayBounds(
  fn: string,
  options: { readonly from?: unknown; readonly to?: unknown },
  zone: ZoneCalendar,
): { from: number | null; to: number | null } {
  const from = options.from === undefined ? null : zone.dayOf(readInstant(options.from, zone, fn, 'options.from'));
  const to = options.to === undefined ? null : zone.dayOf(readInstant(options.to, zone, fn, 'options.to'));
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
