/**
 * Time zones of journeys and of the calls that read them. A journey carries the zone it
 * was built in (`journeys({ timeZone })`; none means UTC). A calendar milestone without a
 * zone of its own counts the journey's local days. A call that reads journeys (the
 * lifecycle classifier, the funnel, time to value, conversion) works in its own
 * `timeZone` when given one, and then hands the journeys to the milestones in that zone;
 * otherwise it works in the zone the journeys carry, which must then be one zone.
 * @internal
 */

import { readAsOf, type AsOfEcho } from './as-of.js';
import { dayKey, parseDayKey, parseMonthKey } from './calendar.js';
import { fail } from './errors.js';
import type { Journey } from './journey.js';
import { zoneCalendar, type ZoneCalendar } from './time-zone.js';

/** The zone of a journey that carries none. */
export const DEFAULT_ZONE = 'UTC';

/** The name of a journey's zone: its `timeZone`, or UTC. */
function zoneName(journey: Journey): unknown {
  const name = journey.timeZone;
  return name === undefined ? DEFAULT_ZONE : name;
}

/**
 * The calendar of a journey's `timeZone` (UTC when it has none). Zone calendars are cached
 * by name, so this is one map lookup.
 * @throws {MetricsInputError} `invalid-time-zone` at `path` for a zone that is not an IANA name.
 */
export function journeyCalendar(journey: Journey, fn: string, path: string): ZoneCalendar {
  return zoneCalendar(zoneName(journey), fn, path);
}

/**
 * The calendar a calendar milestone counts in: its own zone when it was given one, else
 * the journey's.
 */
export function milestoneCalendar(own: ZoneCalendar | null, journey: Journey, fn: string): ZoneCalendar {
  return own ?? journeyCalendar(journey, fn, 'journey.timeZone');
}

/**
 * The journey as its milestones see it in the zone named `zone`: the journey itself when
 * it is already in that zone, else a shallow copy that carries `zone` (its other
 * properties kept). O(1).
 */
export function inZone<R>(journey: Journey<R>, zone: string): Journey<R> {
  return zoneName(journey as Journey) === zone ? journey : { ...journey, timeZone: zone };
}

/**
 * The zone of a call over many journeys: the one it was given (then every journey is
 * handed to the milestones in it), or else the zone the journeys carry, read from the
 * first journey and required of every other.
 */
export class CallZone {
  private zone: ZoneCalendar | null;
  private readonly given: boolean;

  constructor(
    private readonly fn: string,
    given: ZoneCalendar | null,
  ) {
    this.zone = given;
    this.given = given !== null;
  }

  /** Whether the call's zone is fixed yet: given, or read from a first journey. */
  get known(): boolean {
    return this.zone !== null;
  }

  /** The call's zone: given, else the journeys', else (no journeys) UTC. */
  get calendar(): ZoneCalendar {
    return this.zone ?? zoneCalendar(DEFAULT_ZONE, this.fn);
  }

  /**
   * Reads the zone of the (checked) journey at `index` and returns the journey as its
   * milestones see it. O(1).
   * @throws {MetricsInputError} `invalid-time-zone` at `journeys[i].timeZone` for a zone
   * that is not an IANA name or, when the call has no `timeZone`, differs from the first
   * journey's.
   */
  enter<R>(journey: Journey<R>, index: number): Journey<R> {
    const zone = this.zone;
    if (this.given) return inZone(journey, (zone as ZoneCalendar).timeZone);
    const own = journeyCalendar(journey as Journey, this.fn, `journeys[${index}].timeZone`);
    if (zone === null) this.zone = own;
    else if (own.timeZone !== zone.timeZone) {
      fail(
        this.fn,
        `journeys[${index}].timeZone`,
        'invalid-time-zone',
        `differs from the zone of the first journey, ${JSON.stringify(zone.timeZone)}; build the journeys in one zone or pass options.timeZone`,
        journey.timeZone,
      );
    }
    return journey;
  }
}

/**
 * An `asOf` option read under the one rule (`readAsOf`: inclusive, a date-only value is
 * the end of that local day), checked at once and resolved in the call's zone once that
 * is known (it may come from the journeys).
 */
export class AsOfOption {
  private lastZone: ZoneCalendar | null = null;
  private lastValue: number | null = null;

  /** @throws {MetricsInputError} for a bad `asOf`, read in UTC for the check. */
  constructor(
    readonly value: unknown,
    private readonly fn: string,
    private readonly path = 'options.asOf',
  ) {
    this.at(zoneCalendar(DEFAULT_ZONE, fn));
  }

  /** Whether an `asOf` was given. */
  get given(): boolean {
    return this.value !== undefined;
  }

  /** Epoch ms of `asOf` in `zone` (a date-only value depends on it); `null` when none was given. */
  at(zone: ZoneCalendar): number | null {
    if (zone !== this.lastZone) {
      this.lastValue = readAsOf(this.value, zone, this.fn, this.path);
      this.lastZone = zone;
    }
    return this.lastValue;
  }

  /**
   * The echo of `asOf` when the zone is not fixed (each journey is read in its own): the
   * instant for a timestamp (its local day depends on the zone), the day for a date-only
   * value (its instant depends on the zone), the last day for a month.
   */
  zoneFreeEcho(): AsOfEcho {
    const value = this.value;
    if (value === undefined) return { asOf: null, asOfDate: null };
    const utcZone = zoneCalendar(DEFAULT_ZONE, this.fn);
    const utc = this.at(utcZone) as number;
    const dated = typeof value === 'string' && (parseDayKey(value) !== null || parseMonthKey(value) !== null);
    return dated ? { asOf: null, asOfDate: dayKey(utcZone.dayOf(utc)) } : { asOf: new Date(utc).toISOString(), asOfDate: null };
  }
}
