/**
 * Calendar months for the revenue functions: `YYYY-MM` options, and the months of
 * instants in a time zone (month of an instant, first instant of a month, local days
 * between two instants for prorating).
 * @internal
 */

import { firstDayOfMonth, monthOfDay, parseMonthKey } from '../../core/calendar.js';
import { fail } from '../../core/errors.js';
import type { ZoneCalendar } from '../../core/time-zone.js';

/** The month number of a `YYYY-MM` option, `null` when not given. */
export function readMonthOption(value: unknown, fn: string, path: string): number | null {
  if (value === undefined) return null;
  const month = typeof value === 'string' ? parseMonthKey(value) : null;
  if (month === null) return fail(fn, path, 'invalid-option', 'must be a month YYYY-MM such as "2024-03"', value);
  return month;
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
