/**
 * Checks shared by the lifecycle classifier, the funnel and the conversion functions: the
 * shape of a journey, the value a milestone returns, and the default `asOf` (the latest
 * instant in the journeys).
 * @internal
 */

import { MetricsInputError, describeValue, fail } from '../../core/errors.js';
import { isId } from '../../core/read.js';
import { failInstant } from '../../core/timestamp.js';
import { isSupportedInstant } from '../../core/time-zone.js';
import type { Journey, Milestone } from '../types.js';

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
 * @param path - The milestone's place in the call (`stages[2].milestone`, `options.to`).
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

/** Throws unless `value` is a milestone (a function of a journey). */
export function requireMilestone(fn: string, value: unknown, path: string): Milestone {
  if (typeof value === 'function') return value as Milestone;
  return fail(fn, path, 'invalid-option', 'must be a milestone, a function (journey) => number | null', value);
}
