import { fail } from '../core/errors.js';
import { requireMilestone } from '../core/journey.js';
import type { Journey, JourneyEvent, JourneyEventPredicate, Milestone } from './types.js';

/**
 * A milestone evaluated on some of a journey's events only: a property filter, such as
 * "2,000 messages on the pro plan".
 *
 * Definition: `where(predicate, milestone)(journey)` is `milestone` applied to the journey
 * with the same `id`, `start` and `timeZone` whose events are those for which
 * `predicate(event)` is truthy, in the same order. The predicate gets the
 * {@link JourneyEvent} (`name`, `timestamp`, and `record`, the input row, for its
 * properties), like the predicates of `hasEvent` and `eventCount`. The start and the zone
 * do not change: windows still count from signup, calendar days in the journey's zone.
 * This is the event property filter ("where plan = pro") of Amplitude's and Mixpanel's
 * event conditions.
 *
 * Cost: building is O(1); evaluating is one pass over the events plus the milestone's
 * cost. When every event passes, the journey itself is handed on; otherwise one filtered
 * copy of the events array is made (O(n) memory for that journey, the events themselves
 * are not copied).
 *
 * Edge cases: when no event passes, the milestone sees a journey without events.
 *
 * @param predicate `(event) => boolean` on the journey's events.
 * @param milestone The milestone to evaluate on the events that pass.
 * @throws {MetricsInputError} `invalid-option` at `predicate` or `milestone` when it is not
 * a function (when the milestone is built).
 *
 * @example
 * ```ts
 * import { eventCount, where, type JourneyEvent } from 'customer-success-metrics/lifecycle';
 * type Row = { plan: string };
 * const message = (plan: string, minute: number) => ({ name: 'message_sent', timestamp: minute * 60_000, record: { plan } });
 * const journey = { id: 'acme', start: 0, events: [message('free', 1), message('pro', 2), message('free', 3), message('pro', 4)] };
 * const twoProMessages = where((e: JourneyEvent<Row>) => e.record.plan === 'pro', eventCount('message_sent', { atLeast: 2 }));
 * twoProMessages(journey); // => 240000
 * eventCount('message_sent', { atLeast: 2 })(journey); // => 120000
 * ```
 */
export function where<R = unknown>(predicate: JourneyEventPredicate<R>, milestone: Milestone<R>): Milestone<R> {
  const fn = 'where';
  if (typeof predicate !== 'function') fail(fn, 'predicate', 'invalid-option', 'must be a predicate (event) => boolean', predicate);
  const part = requireMilestone<R>(fn, milestone, 'milestone');
  return (journey) => {
    const events = journey.events;
    const n = events.length;
    let i = 0;
    while (i < n && predicate(events[i] as JourneyEvent<R>)) i++;
    if (i === n) return part(journey);
    const kept = events.slice(0, i);
    for (i++; i < n; i++) {
      const e = events[i] as JourneyEvent<R>;
      if (predicate(e)) kept.push(e);
    }
    const restricted: Journey<R> = { ...journey, events: kept };
    return part(restricted);
  };
}
