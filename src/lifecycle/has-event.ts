import { matcherOf } from '../core/journey.js';
import type { EventMatcher, Milestone } from './types.js';

/**
 * A milestone reached by the first event of a kind: "confirmed their email", "created a
 * project".
 *
 * Definition: the instant of the journey's first event whose name is `event` (or for
 * which the predicate returns a truthy value), or `null` when there is none. Every event
 * counts, those before the journey's start included (add a window with
 * `eventCount(event, { atLeast: 1, withinDays })`). This is the "performed event"
 * condition of Amplitude's and Mixpanel's behavioral cohorts.
 *
 * Cost: building is O(1); evaluating is one pass that stops at the first match, O(n) for
 * a journey of n events, no allocation.
 *
 * Edge cases: a journey without events gives `null`.
 *
 * @param event An event name, or a predicate `(event) => boolean` on the journey's events
 * (`{ name, timestamp, record }`).
 * @throws {MetricsInputError} `invalid-option` at `event` for an empty name or a value
 * that is neither a string nor a function (when the milestone is built).
 *
 * @example
 * ```ts
 * import { hasEvent } from 'customer-success-metrics/lifecycle';
 * const journey = {
 *   id: 'ana',
 *   start: Date.parse('2024-05-01T09:00:00Z'),
 *   events: [
 *     { name: 'login', timestamp: Date.parse('2024-05-01T09:00:00Z'), record: {} },
 *     { name: 'email_confirmed', timestamp: Date.parse('2024-05-01T09:05:00Z'), record: {} },
 *   ],
 * };
 * const confirmed = hasEvent('email_confirmed');
 * new Date(confirmed(journey) ?? 0).toISOString(); // => '2024-05-01T09:05:00.000Z'
 * hasEvent('billing_added')(journey); // => null
 * hasEvent((e) => e.name.startsWith('log'))(journey) === journey.start; // => true
 * ```
 */
export function hasEvent<R = unknown>(event: EventMatcher<R>): Milestone<R> {
  const matches = matcherOf<R>('hasEvent', event, 'event');
  return (journey) => {
    for (const e of journey.events) if (matches(e)) return e.timestamp;
    return null;
  };
}
