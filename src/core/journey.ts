/**
 * Journeys and milestones, the shapes `journeys` builds and every journey-reading function
 * (lifecycle's classifier, funnel, time to value and conversion; retention's
 * `compareRetention` and `findAha`) reads, with the checks they share: the shape of a
 * journey, an event's instant, the value a milestone returns, and the event matchers of
 * the milestone builders. Public types are re-exported by `lifecycle/types.ts`.
 * @module
 */

import { MetricsInputError, describeValue, fail } from './errors.js';
import { isId, type Id } from './read.js';
import { isSupportedInstant } from './time-zone.js';
import { failInstant } from './timestamp.js';

/** One event of a journey. */
export interface JourneyEvent<R = unknown> {
  /** The event name (from the `name` field or accessor). */
  readonly name: string;
  /** Epoch milliseconds. */
  readonly timestamp: number;
  /** The original record, for `where` filters on its properties. */
  readonly record: R;
}

/**
 * One user's (or account's) journey: its start (signup), its events in time order (ties
 * keep input order) and the time zone of its calendar.
 */
export interface Journey<R = unknown> {
  /** The user id (or account id when journeys are built per account). */
  readonly id: Id;
  /** Signup instant, epoch ms: from the signups table, else the first event. */
  readonly start: number;
  /** Events sorted by timestamp. */
  readonly events: readonly JourneyEvent<R>[];
  /**
   * IANA time zone of the journey's calendar (`journeys` sets the `timeZone` it was given,
   * `'UTC'` by default; a journey without one is in UTC). Calendar milestones without a zone
   * of their own (`activeDays`, `recurring`) count its local days, and the functions that
   * read journeys (`lifecycle`, `lifecycleFunnel`, `timeToValue`, `conversion`,
   * `compareConversion`) work in it unless given their own `timeZone`, which they then
   * hand to the milestones instead.
   */
  readonly timeZone?: string;
}

/**
 * A milestone answers when a journey first reached it: the epoch-ms instant, or `null`
 * when it has not. Milestones are plain functions, so they compose: `allOf`, `anyOf`,
 * `not`, `where` take milestones and return milestones. A milestone that counts calendar
 * days uses its own `timeZone` when given one, else the journey's `timeZone` (UTC when the
 * journey has none).
 */
export type Milestone<R = unknown> = (journey: Journey<R>) => number | null;

/** Tells whether an event of a journey is the one a milestone looks for. */
export type JourneyEventPredicate<R = unknown> = (event: JourneyEvent<R>) => boolean;

/**
 * The events a milestone counts: an event name (compared with each event's `name`, `===`)
 * or a predicate on the {@link JourneyEvent} (its `name`, `timestamp` and `record`).
 */
export type EventMatcher<R = unknown> = string | JourneyEventPredicate<R>;

/** Where a journey sits in the input: `journeys[3]` (or `journey` for a single one). */
export type JourneyPlace = string;

/** The path of the journey at `index` of `journeys`, or `journey` when `index` is -1. */
export function journeyPlace(index: number): JourneyPlace {
  return index < 0 ? 'journey' : `journeys[${index}]`;
}

/**
 * Runs `raise`, which throws the error about a field of the journey at `index`, and
 * rethrows it with the journey's id beside its place: `journeys[3] (id "u1").start`, the
 * `path` unchanged (`journeys[3].start`). A cold path: only called to throw.
 */
function raiseNamingId(fn: string, index: number, id: unknown, raise: () => never): never {
  try {
    return raise();
  } catch (error) {
    if (!(error instanceof MetricsInputError)) throw error;
    const place = `${fn}: ${journeyPlace(index)}`;
    const message = error.message.startsWith(place) ? `${place} (id ${describeValue(id)})${error.message.slice(place.length)}` : error.message;
    throw new MetricsInputError(message, error.code, error.path, error.value);
  }
}

/**
 * Throws unless `journey` is `{ id, start, events }` with a valid id, a supported epoch-ms
 * start and an array of events. `index` -1 names the journey `journey`. Errors about a
 * field other than the id name the id (`journeys[3] (id "u1").start ...`). O(1): the
 * events themselves are the milestones' to read.
 */
export function checkJourney(journey: unknown, fn: string, index: number): asserts journey is Journey {
  if (journey === null || typeof journey !== 'object') {
    fail(fn, journeyPlace(index), 'invalid-record', 'must be a journey { id, start, events }', journey);
  }
  const { id, start, events } = journey as Record<string, unknown>;
  if (!isId(id)) fail(fn, `${journeyPlace(index)}.id`, 'invalid-id', 'must be a non-empty string or a finite number', id);
  if (typeof start !== 'number' || !isSupportedInstant(start)) raiseNamingId(fn, index, id, () => failInstant(start, fn, `${journeyPlace(index)}.start`));
  if (!Array.isArray(events)) raiseNamingId(fn, index, id, () => fail(fn, `${journeyPlace(index)}.events`, 'invalid-record', 'must be an array of events', events));
}

/**
 * The latest instant of a checked journey: its start or its latest event timestamp.
 * O(events), no allocation.
 * @throws {MetricsInputError} for an event whose timestamp is not epoch milliseconds.
 */
export function latestInstantOf(journey: Journey, fn: string, index: number): number {
  let latest = journey.start;
  const events = journey.events;
  for (let k = 0; k < events.length; k++) {
    const t = eventInstant(events[k], fn, index, k, journey.id);
    if (t > latest) latest = t;
  }
  return latest;
}

/**
 * The epoch-ms timestamp of event `k` of the journey at `index`.
 * @param id - The journey's id, to name it in the error (`journeys[3] (id "u1").events[2]
 * .timestamp`); left out, the error names the place only.
 * @throws {MetricsInputError} `invalid-record` for an event that is not an object, or the
 * timestamp error for one that is not supported epoch milliseconds (path
 * `journeys[3].events[2].timestamp`).
 */
export function eventInstant(event: unknown, fn: string, index: number, k: number, id?: unknown): number {
  const t = event === null || typeof event !== 'object' ? undefined : ((event as { timestamp?: unknown }).timestamp as unknown);
  if (typeof t !== 'number' || !isSupportedInstant(t)) {
    const raise = (): never => {
      if (event === null || typeof event !== 'object') {
        fail(fn, `${journeyPlace(index)}.events[${k}]`, 'invalid-record', 'must be an event { name, timestamp, record }', event);
      }
      return failInstant(t, fn, `${journeyPlace(index)}.events[${k}].timestamp`);
    };
    return id === undefined ? raise() : raiseNamingId(fn, index, id, raise);
  }
  return t;
}

/**
 * The instant a milestone returns for a journey, `NaN` for `null` (not reached).
 * @param path - The milestone's place in the call (`stages[2].milestone`, `options.goal`).
 * @param what - What the milestone stands for, for the message (`stage 'aha'`), or ''.
 * @throws {MetricsInputError} `invalid-milestone` when the milestone returns anything but
 * `null` or epoch milliseconds in the supported range (years 1 to 9999).
 */
export function milestoneTime(milestone: Milestone, journey: Journey, fn: string, path: string, what: string, index: number): number {
  const t: unknown = milestone(journey);
  if (typeof t === 'number' && isSupportedInstant(t)) return t;
  if (t === null) return Number.NaN;
  const whose = index < 0 ? `journey ${JSON.stringify(journey.id)}` : `${journeyPlace(index)} (id ${describeValue(journey.id)})`;
  const subject = what === '' ? whose : `${what} of ${whose}`;
  return fail(fn, path, 'invalid-milestone', `returned a value that is not epoch milliseconds or null for ${subject}`, t);
}

/**
 * Throws unless `value` is a milestone (a function of a journey): the one check of a
 * milestone argument or option.
 * @throws {MetricsInputError} `invalid-option` at `path`.
 */
export function requireMilestone<R = unknown>(fn: string, value: unknown, path: string): Milestone<R> {
  if (typeof value === 'function') return value as Milestone<R>;
  return fail(fn, path, 'invalid-option', 'must be a milestone, a function (journey) => number | null', value);
}

/**
 * The predicate of a matcher: an event name becomes `event.name === name`.
 * @throws {MetricsInputError} `invalid-option` at `path` for an empty name or anything
 * but a string or a function.
 */
export function matcherOf<R>(fn: string, matcher: unknown, path: string): JourneyEventPredicate<R> {
  if (typeof matcher === 'function') return matcher as JourneyEventPredicate<R>;
  if (typeof matcher === 'string' && matcher.length > 0) {
    const name = matcher;
    return (event) => event.name === name;
  }
  return fail(fn, path, 'invalid-option', 'must be a non-empty event name or a predicate (event) => boolean', matcher);
}
