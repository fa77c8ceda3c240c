/**
 * The landmark design shared by `compareRetention` and `findAha`: the scan over the
 * journeys, reading a journey's activity instants, telling whether it was still active at
 * a landmark, and finding when it churned after it; plus the option readers both use.
 *
 * Activity: the journey's start (its signup) and the instants of its events (those the
 * `activity` matcher accepts, when given). Churn: a journey churns at an activity
 * instant that no other activity follows within `inactivityDays` (a gap of at least that
 * many 24-hour days). Active at the landmark `L`: its last activity at or before `L` lies
 * less than `inactivityDays` before `L` (`L − a < G`), so at the landmark it is not yet
 * known to have churned.
 * @internal
 */

import { MS_PER_DAY } from '../../core/calendar.js';
import { fail } from '../../core/errors.js';
import { zoneCalendar, type ZoneCalendar } from '../../core/time-zone.js';
import { checkJourney, eventInstant, matcherOf, type Journey, type JourneyEvent, type JourneyEventPredicate } from '../../core/journey.js';
import { AsOfOption, CallZone } from '../../core/journey-zone.js';
import { requireIterable } from '../../core/read.js';

export { MS_PER_DAY };

/**
 * The sorted activity instants of one journey at a time, in a buffer reused from journey
 * to journey (no allocation per event, memory for the longest journey).
 */
export class ActivityBuffer {
  private buffer = new Float64Array(64);
  /** Number of instants loaded. */
  length = 0;
  /** The latest instant of the journey (start or any event, `until` or not). */
  latest = 0;

  /** Instant `i` of the loaded activity, ascending. */
  at(i: number): number {
    return this.buffer[i] as number;
  }

  /**
   * Loads a checked journey: validates every event's timestamp, keeps the start and the
   * instants `<= until` of the events `activity` accepts (all when `null`), sorted, and
   * calls `visit(event, timestamp)` for every valid event. O(k) for k events in time order
   * (as journeys are built), O(k log k) otherwise.
   * @throws {MetricsInputError} for an event that is not an object or whose timestamp is not
   * epoch milliseconds, naming the journey's id (`journeys[3] (id "u1").events[2].timestamp`).
   */
  load(journey: Journey, activity: JourneyEventPredicate | null, until: number, fn: string, index: number, visit: ((event: JourneyEvent, t: number) => void) | null): void {
    const events = journey.events;
    if (this.buffer.length < events.length + 1) this.buffer = new Float64Array(Math.max(2 * this.buffer.length, events.length + 1));
    const buffer = this.buffer;
    let n = 0;
    buffer[n++] = journey.start;
    let latest = journey.start;
    let sorted = true;
    for (let k = 0; k < events.length; k++) {
      const event = events[k];
      const t = eventInstant(event, fn, index, k, journey.id);
      if (t > latest) latest = t;
      if (visit !== null) visit(event as JourneyEvent, t);
      if (t > until || (activity !== null && !activity(event as JourneyEvent))) continue;
      if (t < (buffer[n - 1] as number)) sorted = false;
      buffer[n++] = t;
    }
    if (!sorted) buffer.subarray(0, n).sort();
    this.length = n;
    this.latest = latest;
  }

  /** Index of the last instant `<= t` (there is one when `t >= start`), -1 when none. O(log k). */
  lastAtOrBefore(t: number): number {
    let low = 0;
    let high = this.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.buffer[mid] as number) <= t) low = mid + 1;
      else high = mid;
    }
    return low - 1;
  }

  /** Whether some instant lies in `[from, before)`. O(log k). */
  anyFrom(from: number, before: number): boolean {
    let low = 0;
    let high = this.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((this.buffer[mid] as number) < from) low = mid + 1;
      else high = mid;
    }
    return low < this.length && (this.buffer[low] as number) < before;
  }

  /** Whether some instant lies in `(after, upTo]`. O(log k). */
  anyIn(after: number, upTo: number): boolean {
    const i = this.lastAtOrBefore(upTo);
    return i >= 0 && (this.buffer[i] as number) > after;
  }

  /**
   * The churn after instant `i`: the first instant from `i` on that no other follows within
   * `gapMs` (`next − c >= gapMs`). Returns its index `j`; when `j + 1 < length` a later
   * instant proves the gap, otherwise only `asOf` can. O(k).
   */
  churnFrom(i: number, gapMs: number): number {
    let j = i;
    while (j + 1 < this.length && (this.buffer[j + 1] as number) - (this.buffer[j] as number) < gapMs) j++;
    return j;
  }
}

/**
 * The zone and the given `asOf` of a call over journeys, as the lifecycle functions read
 * them: the call works in its `timeZone` when given one (and hands the journeys to its
 * milestones in it), else in the zone the journeys carry (one zone; UTC without journeys).
 * A given `asOf` is read under the one rule (inclusive; a date is the end of that local
 * day; `core/journey-zone.ts`'s `AsOfOption`) in that zone, so it is known once the first
 * journey has been entered.
 */
export class JourneyClock {
  private readonly zones: CallZone;
  private readonly option: AsOfOption;
  /** The given `asOf` in epoch ms in the call's zone; `null` when none was given. */
  asOf: number | null = null;
  /** Activity after this instant is left out: the given `asOf`, else +Infinity. */
  until = Number.POSITIVE_INFINITY;

  /** @throws {MetricsInputError} for a bad `timeZone` or `asOf` (checked at once). */
  constructor(fn: string, timeZone: unknown, asOf: unknown) {
    this.zones = new CallZone(fn, timeZone === undefined ? null : zoneCalendar(timeZone, fn));
    this.option = new AsOfOption(asOf, fn);
    this.resolve();
  }

  /** The call's zone: given, else the journeys', else UTC. */
  get zone(): ZoneCalendar {
    return this.zones.calendar;
  }

  /**
   * The (checked) journey at `index` as its milestones see it, in the call's zone; the first
   * one fixes the zone when none was given. O(1).
   * @throws {MetricsInputError} `invalid-time-zone` at `journeys[i].timeZone`.
   */
  enter(journey: Journey, index: number): Journey {
    if (this.zones.known) return this.zones.enter(journey, index);
    const entered = this.zones.enter(journey, index);
    this.resolve();
    return entered;
  }

  private resolve(): void {
    this.asOf = this.option.at(this.zones.calendar);
    this.until = this.asOf ?? Number.POSITIVE_INFINITY;
  }
}

/** What {@link scanJourneys} does with each journey. */
export interface JourneyVisitor {
  /** Before the journey's activity is loaded: room for its row, the window `event` counts in. */
  begin(journey: Journey, index: number): void;
  /** Called for every event with a valid timestamp (`null`: none). */
  readonly event: ((event: JourneyEvent, t: number) => void) | null;
  /** With the journey's activity loaded (up to the given `asOf`). */
  end(journey: Journey, activity: ActivityBuffer, index: number): void;
}

/** What {@link scanJourneys} read: the number of journeys, and the `asOf` in force. */
export interface JourneyScan {
  /** Journeys read. */
  readonly count: number;
  /** The given `asOf`, else the latest journey start or event; `null` without either. */
  readonly asOf: number | null;
}

/**
 * The scan `compareRetention` and `findAha` share: each journey is checked, entered in the
 * call's zone (`clock`), its activity loaded (`activity` events up to the given `asOf`, and
 * the start) and handed to `visitor`. One pass, the buffer reused from journey to journey.
 *
 * @throws {MetricsInputError} for `journeys` that is not iterable, a journey that is not
 * `{ id, start, events }`, an event without a valid timestamp, journeys in different zones.
 */
export function scanJourneys<R>(fn: string, journeys: Iterable<Journey<R>>, clock: JourneyClock, activity: JourneyEventPredicate | null, visitor: JourneyVisitor): JourneyScan {
  const buffer = new ActivityBuffer();
  let latest = Number.NEGATIVE_INFINITY;
  let n = 0;
  for (const journey of requireIterable<Journey<R>>(journeys, fn, 'journeys')) {
    checkJourney(journey, fn, n);
    const plain = clock.enter(journey as Journey, n);
    visitor.begin(plain, n);
    buffer.load(plain, activity, clock.until, fn, n, visitor.event);
    if (buffer.latest > latest) latest = buffer.latest;
    visitor.end(plain, buffer, n);
    n++;
  }
  return { count: n, asOf: clock.asOf ?? (n === 0 ? null : latest) };
}

/** The matcher of `options.activity`, `null` (every event) when omitted. */
export function readActivity(fn: string, value: unknown): JourneyEventPredicate | null {
  return value === undefined ? null : matcherOf(fn, value, 'options.activity');
}

/** A number of days: finite and >= `min` (> `min` when `strict`); `undefined` gives `fallback` unless it is `null`. */
export function readDays(fn: string, value: unknown, path: string, min: number, strict: boolean, fallback: number | null): number {
  if (value === undefined && fallback !== null) return fallback;
  if (typeof value === 'number' && Number.isFinite(value) && (strict ? value > min : value >= min)) return value;
  return fail(fn, path, 'invalid-number', `must be a finite number of days ${strict ? '>' : '>='} ${min}`, value);
}

/** `options.inactivityDays`: a finite number > 0, default 14. */
export function readInactivityDays(fn: string, value: unknown): number {
  return readDays(fn, value, 'options.inactivityDays', 0, true, 14);
}

/** Days of 24 hours to milliseconds. */
export function daysToMs(days: number): number {
  return days * MS_PER_DAY;
}

/** Grows a typed array to twice its length, keeping its contents. */
export function grownFloat(array: Float64Array): Float64Array<ArrayBuffer> {
  const next = new Float64Array(array.length * 2);
  next.set(array);
  return next;
}

/** Grows a byte array to twice its length, keeping its contents. */
export function grownBytes(array: Uint8Array): Uint8Array<ArrayBuffer> {
  const next = new Uint8Array(array.length * 2);
  next.set(array);
  return next;
}
