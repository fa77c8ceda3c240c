import { matcherOf } from '../core/journey.js';
import { readCount, readWindowDays, requireOptions, windowEnd } from './internal/milestone-readers.js';
import type { EventCountOptions, EventMatcher, Milestone } from './types.js';

export type { EventCountOptions } from './types.js';

/** The keys of {@link EventCountOptions}. */
const EVENT_COUNT_OPTION_KEYS = ['atLeast', 'withinDays'] as const satisfies readonly (keyof EventCountOptions)[];

/**
 * A milestone reached by the `atLeast`-th event of a kind, optionally within a window
 * after the start: Facebook's "7 friends in 10 days", Slack's "2,000 messages".
 *
 * Definition: the instant of the `atLeast`-th event (in time order) whose name is `event`
 * (or that the predicate accepts), or `null` when there are fewer. With `withinDays = W`
 * only events with `start <= timestamp <= start + W × 24 h` count: a window of 24-hour
 * days from the start instant, not local calendar days (use `activeDays` for calendar
 * days), with an inclusive end, so the 7th friend added exactly 10 × 24 h after signup
 * reaches "7 friends in 10 days" and one a millisecond later does not. Without a window
 * every event counts, those before the start included. This is the "performed event at
 * least N times within X days" condition of Amplitude's behavioral cohorts and Compass,
 * the form of Facebook's activation metric (7 friends in 10 days).
 *
 * Cost: building is O(1); evaluating is one pass that stops at the milestone or at the
 * window's end, O(n) for a journey of n events, no allocation.
 *
 * Edge cases: a journey without events, or with fewer matching events in the window,
 * gives `null`. The result, when not `null`, is one of the journey's event instants (and
 * with a window lies in `[start, start + W × 24 h]`).
 *
 * @param event An event name, or a predicate `(event) => boolean` on the journey's events.
 * @param options `{ atLeast, withinDays? }`.
 * @throws {MetricsInputError} when the milestone is built: `invalid-option` at `event` for
 * an empty name or a value that is not a string or a function, at `options` for options
 * that are not an object or hold a `null`; `unknown-option` for a key it does not know
 * (`options.withinDay`: did you mean withinDays?); `invalid-number` at `options.atLeast`
 * unless an integer >= 1, at `options.withinDays` unless a finite number > 0.
 *
 * @example
 * ```ts
 * import { eventCount } from 'customer-success-metrics/lifecycle';
 * const day = 86_400_000;
 * const start = Date.parse('2024-05-01T12:00:00Z');
 * // Friends added on days 0, 1, 2, 3, 5, 8 and exactly 10 × 24 h after signup.
 * const friends = [0, 1, 2, 3, 5, 8, 10].map((d) => ({ name: 'friend_added', timestamp: start + d * day, record: {} }));
 * const sevenInTen = eventCount('friend_added', { atLeast: 7, withinDays: 10 });
 * sevenInTen({ id: 'ana', start, events: friends }) === start + 10 * day; // => true
 * const late = friends.map((e, i) => (i === 6 ? { ...e, timestamp: start + 11 * day } : e));
 * sevenInTen({ id: 'ben', start, events: late }); // => null
 * eventCount('friend_added', { atLeast: 7 })({ id: 'ben', start, events: late }) === start + 11 * day; // => true
 * ```
 */
export function eventCount<R = unknown>(event: EventMatcher<R>, options: EventCountOptions): Milestone<R> {
  const fn = 'eventCount';
  const matches = matcherOf<R>(fn, event, 'event');
  const opts = requireOptions(fn, options, EVENT_COUNT_OPTION_KEYS);
  const atLeast = readCount(fn, opts.atLeast, 'options.atLeast');
  const withinDays = readWindowDays(fn, opts.withinDays, 'options.withinDays', false);
  if (withinDays === undefined) {
    return (journey) => {
      let count = 0;
      for (const e of journey.events) if (matches(e) && ++count === atLeast) return e.timestamp;
      return null;
    };
  }
  return (journey) => {
    const start = journey.start;
    const end = windowEnd(start, withinDays);
    let count = 0;
    for (const e of journey.events) {
      const t = e.timestamp;
      if (t < start) continue;
      if (t > end) break;
      if (matches(e) && ++count === atLeast) return t;
    }
    return null;
  };
}
