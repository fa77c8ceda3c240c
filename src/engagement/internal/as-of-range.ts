/**
 * The day range of an engagement report under the one time rule (core/as-of.ts): the
 * caller's `from`/`to`, else the data's first day and `asOf`'s local day; never past
 * `asOf`'s day, since nothing after `asOf` is known. And which days are complete.
 * @internal
 */

import { lastCompleteDay } from '../../core/as-of.js';
import { reportRange } from '../../core/day-range.js';
import type { ZoneCalendar } from '../../core/time-zone.js';

/**
 * The reported range of local days: `bounds` where given; otherwise from the first data
 * day to `asOf`'s local day (or the last data day when there is no `asOf`, i.e. no data
 * and none given). A `to` after `asOf`'s day is cut back to it, so days entirely after
 * `asOf` are never reported. `null` when there is nothing to report: no data and no
 * bounds, or a `from` after `asOf`'s day. `firstDataDay`/`lastDataDay` are those of the
 * events counted (at or before `asOf`).
 */
export function asOfRange(
  bounds: { readonly from: number | null; readonly to: number | null },
  firstDataDay: number | null,
  lastDataDay: number | null,
  asOf: number | null,
  zone: ZoneCalendar,
): { from: number; to: number } | null {
  if (asOf === null) return reportRange(bounds, firstDataDay, lastDataDay);
  const asOfDay = zone.dayOf(asOf);
  const to = bounds.to === null || bounds.to > asOfDay ? asOfDay : bounds.to;
  if (bounds.from !== null && bounds.from > to) return null;
  return reportRange({ from: bounds.from, to }, firstDataDay, lastDataDay);
}

/**
 * The last local day complete at `asOf` (see `lastCompleteDay`); with no `asOf`, no day
 * is complete: `-Infinity`. A row whose period ends on day `d` is complete when
 * `d <= completeThrough(...)` (and the period is not cut by the range).
 */
export function completeThrough(asOf: number | null, zone: ZoneCalendar): number {
  return asOf === null ? Number.NEGATIVE_INFINITY : lastCompleteDay(asOf, zone);
}
