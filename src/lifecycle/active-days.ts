import { milestoneCalendar } from '../core/journey-zone.js';
import { zoneCalendar } from '../core/time-zone.js';
import { readCount, readWindowDays, requireOptions } from './internal/milestone-readers.js';
import type { ActiveDaysOptions, Milestone } from './types.js';

export type { ActiveDaysOptions } from './types.js';

/** The keys of {@link ActiveDaysOptions}. */
const ACTIVE_DAYS_OPTION_KEYS = ['atLeast', 'windowDays', 'timeZone'] as const satisfies readonly (keyof ActiveDaysOptions)[];

/**
 * A milestone reached on the `atLeast`-th distinct day with activity: Totango's engaged
 * trial (3 active days in the first 14).
 *
 * Definition: a local calendar day (DST days have 23 or 25 hours) is active when the
 * journey has at least one event on it, any event (restrict the events with `where`). The
 * milestone is reached at the instant of the first event of the `atLeast`-th active day.
 * With `windowDays = W` (whole local calendar days, not 24-hour days: `eventCount`'s
 * `withinDays` counts those), day 0 is the local day of the journey's start and only
 * events from the start instant to the end of local day `W - 1` count: activity earlier on
 * the signup day, before the start instant, does not count (Totango counts the active days
 * "in the first 14 days of the trial", which begins at the start; `engagedEvaluation`
 * follows the same rule). Without a window every event counts, those before the start
 * included. Source: Totango's engaged evaluation (at least 3 active days in the first two
 * weeks of a trial), also the "active days" of Amplitude's stickiness charts.
 *
 * Time zone: the days are those of `timeZone` when given; otherwise of the journey's zone,
 * which is the `timeZone` given to `journeys()`, or to the classifier or function that
 * evaluates the milestone (`lifecycle(stages, { timeZone })` hands its zone to the
 * milestones), UTC by default.
 *
 * Cost: building is O(1) (the options and the zone are checked then); evaluating is one
 * pass that stops at the milestone or the window's end, O(n) for a journey of n events,
 * with one cached zone lookup per event, no allocation.
 *
 * Edge cases: a journey without events, or with fewer active days, gives `null`. The
 * result is one of the journey's event instants (with a window, at or after the start).
 *
 * @param options `{ atLeast, windowDays?, timeZone? }`.
 * @throws {MetricsInputError} when the milestone is built: `invalid-number` at
 * `options.atLeast` unless an integer >= 1, at `options.windowDays` unless an integer >= 1;
 * `invalid-time-zone` for an unknown zone; `invalid-option` for options that are not an
 * object or hold a `null`; `unknown-option` for a key it does not know (`withinDays`: did
 * you mean windowDays?). When evaluated: `invalid-time-zone` at `journey.timeZone` for a
 * journey whose zone is not an IANA name.
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
 * const engaged = activeDays({ atLeast: 3, windowDays: 14 });
 * new Date(engaged(journey) ?? 0).toISOString(); // => '2024-05-14T22:00:00.000Z'
 * // In Berlin, 2024-05-14T22:00Z is already 05-15, day 14: outside the window.
 * activeDays({ atLeast: 3, windowDays: 14, timeZone: 'Europe/Berlin' })(journey); // => null
 * // Without a zone of its own, the milestone counts the journey's days.
 * engaged({ ...journey, timeZone: 'Europe/Berlin' }); // => null
 * ```
 */
export function activeDays<R = unknown>(options: ActiveDaysOptions): Milestone<R> {
  const fn = 'activeDays';
  const opts = requireOptions(fn, options, ACTIVE_DAYS_OPTION_KEYS);
  const atLeast = readCount(fn, opts.atLeast, 'options.atLeast');
  const windowDays = readWindowDays(fn, opts.windowDays, 'options.windowDays', true);
  const own = opts.timeZone === undefined ? null : zoneCalendar(opts.timeZone, fn);
  return (journey) => {
    const zone = milestoneCalendar(own, journey, fn);
    const start = journey.start;
    const windowed = windowDays !== undefined;
    const lastDay = windowed ? zone.dayOf(start) + windowDays - 1 : Number.POSITIVE_INFINITY;
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
