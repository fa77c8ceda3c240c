/**
 * Calendar months for the revenue functions: the month option reader (`YYYY-MM`, or a date
 * or an instant read as the month of its local day), the months of an `asOf` (its month, the
 * latest complete month), and the months of instants in a time zone (month of an instant,
 * first instant of a month, local days between two instants for prorating).
 * @internal
 */

import { lastCompleteDay, endOfDay } from '../../core/as-of.js';
import { firstDayOfMonth, monthOfDay } from '../../core/calendar.js';
import { readBoundDay } from '../../core/day-range.js';
import type { ZoneCalendar } from '../../core/time-zone.js';

/** First and last month numbers of four-digit years: 0001-01 and 9999-12. */
export const MIN_MONTH = 12;
export const MAX_MONTH = 9999 * 12 + 11;

/** The problem of a month field that is not `YYYY-MM`, as every revenue reader words it. */
export const MONTH_PROBLEM = 'must be a month YYYY-MM such as "2024-03"';

/**
 * The one reader of a month option (`through`, `cohortMonth`, `lifetimeValueInputs`' `to`):
 * a `YYYY-MM` month is that month; a `YYYY-MM-DD` date or any other timestamp stands for
 * the month of its local day in `zone`. `null` when `undefined`. (`mrrMovements`' `from` and
 * `to` are read as days with core's `readDayBounds`, which also checks their order, and then
 * taken to their months.)
 * @throws {MetricsInputError} `invalid-timestamp` (or `ambiguous-timestamp`) at `path`.
 */
export function readMonthOption(value: unknown, fn: string, path: string, zone: ZoneCalendar): number | null {
  if (value === undefined) return null;
  return monthOfDay(readBoundDay(value, 'from', zone, fn, path));
}

/** The last local day of month `m`. */
export function lastDayOfMonth(m: number): number {
  return firstDayOfMonth(m + 1) - 1;
}

/**
 * The default `asOf` of month snapshots: the last millisecond of month `m`'s last local
 * day, so that month (the latest of the data) and every month before it are complete.
 */
export function endOfMonth(m: number, zone: ZoneCalendar): number {
  return endOfDay(lastDayOfMonth(m), zone);
}

/** The month of `asOf`'s local day: later months are after `asOf` and never counted. */
export function monthOfAsOf(asOf: number, zone: ZoneCalendar): number {
  return monthOfDay(zone.dayOf(asOf));
}

/**
 * The latest month complete at `asOf`: the month of `asOf` when `asOf` is the last
 * millisecond of its last day, else the month before.
 */
export function lastCompleteMonth(asOf: number, zone: ZoneCalendar): number {
  return monthOfDay(lastCompleteDay(asOf, zone) + 1) - 1;
}

/** Months of instants in one zone; month starts are cached (O(1) after the first call per month). */
export class ZoneMonths {
  private readonly zone: ZoneCalendar;
  private readonly starts = new Map<number, number>();

  constructor(zone: ZoneCalendar) {
    this.zone = zone;
  }

  /** The month number (`year * 12 + month - 1`) of the local day of instant `t`. */
  monthOf(t: number): number {
    return monthOfDay(this.zone.dayOf(t));
  }

  /** The first instant of month `m` in the zone. */
  startOf(m: number): number {
    let start = this.starts.get(m);
    if (start === undefined) {
      start = this.zone.startOfDay(firstDayOfMonth(m));
      this.starts.set(m, start);
    }
    return start;
  }

  /** The first month that starts at or after `t`. */
  ceilMonthOf(t: number): number {
    const m = this.monthOf(t);
    return this.startOf(m) === t ? m : m + 1;
  }

  /**
   * Local days from instant `a` to instant `b` (a <= b): whole days, plus the elapsed share
   * of a partial first and last day (a 23- or 25-hour day still counts as one day). An
   * integer between local midnights; accurate to a few units in the last place.
   */
  daysBetween(a: number, b: number): number {
    const first = this.zone.dayOf(a);
    const last = this.zone.dayOf(b);
    const firstEnd = this.zone.startOfDay(first + 1);
    if (first === last) return (b - a) / (firstEnd - this.zone.startOfDay(first));
    const lastStart = this.zone.startOfDay(last);
    const head = (firstEnd - a) / (firstEnd - this.zone.startOfDay(first));
    const tail = b === lastStart ? 0 : (b - lastStart) / (this.zone.startOfDay(last + 1) - lastStart);
    return last - first - 1 + head + tail;
  }
}
