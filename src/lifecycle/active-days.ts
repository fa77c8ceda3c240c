import { zoneCalendar } from '../core/time-zone.js';
import { readCount, readWindowDays, requireOptions } from './internal/milestone-readers.js';
import type { Milestone } from './types.js';

/** Options of {@link activeDays}. */
export interface ActiveDaysOptions {
  /** How many distinct active days reach the milestone: an integer >= 1. */
  readonly atLeast: number;
  /**
   * Only the local calendar days 0 to `withinDays - 1` count, day 0 being the day of the
   * journey's start (whole days, >= 1). Omitted: every day counts.
   */
  readonly withinDays?: number;
  /** IANA time zone of the calendar days (default `'UTC'`). */
  readonly timeZone?: string;
}

/**
 * A milestone reached on the `atLeast`-th distinct day with activity: Totango's engaged
 * trial (3 active days in the first 14).
 *
 * Definition: a local calendar day (in `timeZone`; DST days have 23 or 25 hours) is active
 * when the journey has at least one event on it, any event (restrict the events with
 * `where`). The milestone is reached at the instant of the first event of the
 * `atLeast`-th active day. With `withinDays = W`, day 0 is the local day of the journey's
 * start and only events from the start instant to the end of local day `W - 1` count (so
 * activity earlier on the signup day, before the start, does not). Without a window every
 * event counts, those before the start included. Source: Totango's engaged evaluation (at
 * least 3 active days in the first two weeks of a trial), also the "active days" of
 * Amplitude's stickiness charts.
 *
 * Cost: building is O(1) (the time zone is validated then); evaluating is one pass that
 * stops at the milestone or the window's end, O(n) for a journey of n events, with one
 * cached zone lookup per event, no allocation.
 *
 * Edge cases: a journey without events, or with fewer active days, gives `null`. The
 * result is one of the journey's event instants (with a window, at or after the start).
 *
 * @param options `{ atLeast, withinDays?, timeZone? }`.
 * @throws {MetricsInputError} `invalid-number` at `options.atLeast` unless an integer >= 1,
 * at `options.withinDays` unless an integer >= 1; `invalid-time-zone` for an unknown
 * zone (all when the milestone is built).
 *
 * @example
 * ```ts
 * import { activeDays } from 'customer-success-metrics/lifecycle';
 * const at = (iso: string) => ({ name: 'login', timestamp: Date.parse(iso), record: {} });
 * const journey = {
 *   id: 'acme',
 *   start: Date.parse('2024-05-01T10:00:00Z'),
 *   events: [at('2024-05-01T10:00:00Z'), at('2024-05-01T18:00:00Z'), at('2024-05-03T09:00:00Z'), at('2024-05-14T22:00:00Z'), at('2024-05-15T08:00:00Z')],
 * };
 * const engaged = activeDays({ atLeast: 3, withinDays: 14 });
 * new Date(engaged(journey) ?? 0).toISOString(); // => '2024-05-14T22:00:00.000Z'
 * // In Berlin, 2024-05-14T22:00Z is already 05-15, day 14: outside the window.
 * activeDays({ atLeast: 3, withinDays: 14, timeZone: 'Europe/Berlin' })(journey); // => null
 * ```
 */
export function activeDays<R = unknown>(options: ActiveDaysOptions): Milestone<R> {
  const fn = 'activeDays';
  const opts = requireOptions(fn, options);
  const atLeast = readCount(fn, opts.atLeast, 'options.atLeast');
  const withinDays = readWindowDays(fn, opts.withinDays, 'options.withinDays', true);
  const zone = zoneCalendar(opts.timeZone ?? 'UTC', fn);
  return (journey) => {
    const start = journey.start;
    const windowed = withinDays !== undefined;
    const lastDay = windowed ? zone.dayOf(start) + withinDays - 1 : Number.POSITIVE_INFINITY;
    let count = 0;
    let previous = Number.NEGATIVE_INFINITY;
    for (const e of journey.events) {
      const t = e.timestamp;
      if (windowed && t < start) continue;
      const day = zone.dayOf(t);
      if (day > lastDay) break;
      if (day !== previous) {
        previous = day;
        if (++count === atLeast) return t;
      }
    }
    return null;
  };
}
