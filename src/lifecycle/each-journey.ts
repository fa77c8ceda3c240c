import { readJourneys } from './internal/journey-scan.js';
import type { Journey, JourneyColumns, JourneysOptions } from './types.js';

/**
 * The journeys of `journeys`, made one at a time: a re-iterable sequence for consumers
 * that read each journey once (`lifecycleFunnel`, `timeToValue`, `conversion`,
 * `compareConversion`, a loop of milestone calls), so memory stays per journey.
 *
 * Definition: iterating gives exactly `journeys(events, options)`: one `{ id, start,
 * events, timeZone }` per user (or per `groupBy` id), in id order (numbers first, in numeric
 * order, then strings by code units), events in time order with simultaneous events in
 * input order, `start` the signup instant or else the first event's, `timeZone` the zone
 * of the call (which calendar milestones and the journeys' consumers inherit). Options, validation and errors
 * are those of `journeys` (the message names `eachJourney`). Every event and signup is
 * read and checked in the call, so bad input throws here, not in the middle of a loop;
 * only the journey objects are deferred. Each iteration makes fresh objects, so a second
 * pass gives equal journeys, and keeping one keeps only that one. The per-user event
 * stream of product-analytics tools (Amplitude's and Mixpanel's user timelines).
 *
 * Cost: the call is the work of `journeys` without its objects: O(n + u log u) for n events
 * and u journeys, plus O(k log k) per journey of k events that arrived out of time order.
 * Each journey then costs O(k) as it is reached. Memory: O(n + u), about 24 bytes per event
 * (journey code, instant, position in the order and name reference; 8 more for the record
 * reference of row input) plus the journey in hand, where `journeys` also holds every
 * journey's objects (1M users, 20M events: about 0.5 GB against 1.7 GB). The input is read
 * in place and its rows are the records, so it should not change while iterated.
 *
 * Edge cases: no events and no signups give an empty sequence. Ids in `signups` without
 * events give journeys with no events. Integer and string ids are distinct.
 *
 * @param events Rows `{ userId, timestamp, name }` (other fields through accessors), or
 * columns `{ userId, timestamp, name }` (with `groupBy: 'accountId'`, an `accountId` column),
 * read in place.
 * @param options As for `journeys`: `userId`, `timestamp`, `name` accessors, `groupBy`,
 * `signups`, `signupFields`, `timeZone`.
 * @returns A re-iterable `Iterable<Journey>`; the record of a column event is its index.
 * @throws {MetricsInputError} in the call, never while iterating: `invalid-id` for an event
 * without a valid id (`events[i].userId`, `events.userId[i]` for columns),
 * `invalid-timestamp` or `ambiguous-timestamp` for a bad instant (`events[i].timestamp`),
 * `invalid-name` for a name that is not a non-empty string (`events[i] (userId "u").name`;
 * errors about a record's fields name its id), `invalid-record` for a row that is not an
 * object, `invalid-input` for input that is neither rows nor columns or a missing or short
 * column, the same for a signup (`signups[i] (userId "u").signedUpAt`), `duplicate-id`
 * for an id with two signups, `invalid-time-zone` for an unknown zone, `invalid-option`
 * for a bad accessor or `groupBy` or an option that is `null`, `unknown-option` for a key it
 * does not know, nested `signupFields` included.
 *
 * @example
 * ```ts
 * import { eachJourney, hasEvent, lifecycleFunnel } from 'customer-success-metrics/lifecycle';
 * const events = [
 *   { userId: 'ben', name: 'signed_up', timestamp: '2024-05-02T09:00:00Z' },
 *   { userId: 'ana', name: 'report_created', timestamp: '2024-05-01T12:00:00Z' },
 *   { userId: 'ana', name: 'signed_up', timestamp: '2024-05-01T10:00:00Z' },
 * ];
 * const all = eachJourney(events);
 * [...all].map((j) => [j.id, j.events.length]); // => [['ana', 2], ['ben', 1]]
 * [...all][0]?.events.map((e) => e.name); // => ['signed_up', 'report_created']
 * const funnel = lifecycleFunnel(all, { aha: hasEvent('report_created') });
 * funnel.stages.map((s) => [s.name, s.reached]); // => [['signed-up', 2], ['aha', 1]]
 * ```
 */
export function eachJourney<S = unknown>(events: JourneyColumns, options?: JourneysOptions<number, S>): Iterable<Journey<number>>;
export function eachJourney<R, S = unknown>(events: Iterable<R>, options?: JourneysOptions<R, S>): Iterable<Journey<R>>;
export function eachJourney<R, S>(events: Iterable<R> | JourneyColumns, options?: JourneysOptions<R, S>): Iterable<Journey<R>> | Iterable<Journey<number>> {
  const prepared = readJourneys('eachJourney', events, options);
  return { [Symbol.iterator]: () => prepared[Symbol.iterator]() };
}
