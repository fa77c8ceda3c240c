import { readJourneys } from './internal/journey-scan.js';
import type { Journey, JourneyColumns, JourneysOptions } from './types.js';

export type { JourneyColumns, JourneysOptions, SignupFields } from './types.js';

/**
 * Groups events into one journey per user (or per account): its start and its events in
 * time order, the input of every milestone.
 *
 * Definition: a journey is `{ id, start, events, timeZone }`. `id` is the user id (with
 * `groupBy`, the account id or whatever `groupBy` reads); `events` are that id's events as `{ name,
 * timestamp, record }`, sorted by time, simultaneous events in input order (`record` is the
 * input row, or the event's index for column input). `start` is the signup instant from
 * `signups` when the id has a row there, else the instant of its first event. `timeZone`
 * is the zone of the call: the milestones that count calendar days (`activeDays`,
 * `recurring`) use it when they have no zone of their own, and so do the functions that
 * read journeys when not given a `timeZone`. Ids in `signups`
 * without events get a journey with no events. Events before the signup stay in the
 * journey (anonymous activity merged at signup, clock skew): milestones with a window
 * (`withinDays`) ignore them, the others see them. Journeys are ordered by id (numbers
 * first, in numeric order, then strings by code units), so the result does not depend on
 * the order of the input. This is the per-user event stream that product-analytics tools
 * (Amplitude's and Mixpanel's user timelines, behavioral cohorts and funnels) evaluate
 * their conditions on.
 *
 * Algorithm: one pass over the events stores a journey code and an instant per event in
 * typed arrays (and its name and record); a stable counting sort by journey then groups
 * them, and only the journeys whose events arrived out of time order are sorted (ties by
 * input position). O(n + u log u) for n events and u journeys (the log term orders the
 * journeys by id), plus O(k log k) per journey of k events that arrived out of order, so
 * a time-ordered log is grouped in linear time; memory O(n + u), the size of the result.
 * To hold one journey at a time instead (say, to classify a million users), iterate
 * `eachJourney`, which takes the same input and options.
 *
 * Edge cases: no events and no signups give `[]`. Integer and string ids are distinct
 * (`1` is not `'1'`). With `groupBy`, events need the `groupBy` id, not a user id. `by`
 * (0.1's name of `groupBy`) is an unknown option that names `groupBy`.
 *
 * @param events Rows `{ userId, timestamp, name }` (other fields through accessors), or
 * columns `{ userId, timestamp, name }` (with `groupBy: 'accountId'`, an `accountId` column),
 * read in place.
 * @throws {MetricsInputError} `invalid-id` for an event without a valid id
 * (`events[i].userId`, `events.userId[i]` for columns), `invalid-timestamp` or
 * `ambiguous-timestamp` for a bad instant, naming the record's id beside its index
 * (`events[4] (userId "u_77").timestamp`, `events.timestamp[4] (userId "u_77")` for
 * columns), `invalid-name` for a name that is not a non-empty string (`events[4] (userId
 * "u_77").name`), `invalid-record` for a row that is not an object, `invalid-input` for
 * input that is neither rows nor columns or a missing or short column, the same for a
 * signup (`signups[2] (userId "u_1").signedUpAt`), `duplicate-id` for an id with two
 * signups, `invalid-time-zone` for an unknown zone, `invalid-option` for a bad accessor or
 * `groupBy` or an option that is `null`, `unknown-option` for a key it does not know, nested
 * `signupFields` included (`options.by`: did you mean groupBy?).
 *
 * @example
 * ```ts
 * import { journeys } from 'customer-success-metrics/lifecycle';
 * const events = [
 *   { userId: 'ben', name: 'login', timestamp: '2024-05-02T09:00:00Z' },
 *   { userId: 'ana', name: 'invite_sent', timestamp: '2024-05-01T12:00:00Z' },
 *   { userId: 'ana', name: 'login', timestamp: '2024-05-01T10:00:00Z' },
 * ];
 * const signups = [
 *   { userId: 'ana', signedUpAt: '2024-05-01T09:30:00Z' },
 *   { userId: 'cem', signedUpAt: '2024-05-03T08:00:00Z' },
 * ];
 * const list = journeys(events, { signups });
 * list.map((j) => j.id); // => ['ana', 'ben', 'cem']
 * list[0]?.events.map((e) => e.name); // => ['login', 'invite_sent']
 * new Date(list[0]?.start ?? 0).toISOString(); // => '2024-05-01T09:30:00.000Z'
 * new Date(list[1]?.start ?? 0).toISOString(); // => '2024-05-02T09:00:00.000Z'
 * list[2]?.events.length; // => 0
 * list[0]?.timeZone; // => 'UTC'
 * journeys(events, { timeZone: 'Europe/Berlin' })[0]?.timeZone; // => 'Europe/Berlin'
 * ```
 */
export function journeys<S = unknown>(events: JourneyColumns, options?: JourneysOptions<number, S>): Journey<number>[];
export function journeys<R, S = unknown>(events: Iterable<R>, options?: JourneysOptions<R, S>): Journey<R>[];
export function journeys<R, S>(events: Iterable<R> | JourneyColumns, options?: JourneysOptions<R, S>): Journey<R>[] | Journey<number>[] {
  return Array.from(readJourneys('journeys', events, options));
}
