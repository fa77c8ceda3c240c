/**
 * The shared core of `conversion` and `compareConversion`: reading the options and the
 * journeys' milestone times, and tallying each journey's outcome at `asOf`.
 * @internal
 */

import { MS_PER_DAY } from '../../core/calendar.js';
import { fail } from '../../core/errors.js';
import { readConfidence, requireIterable } from '../../core/read.js';
import { zoneCalendar, type ZoneCalendar } from '../../core/time-zone.js';
import type { Estimate, Timestamp } from '../../core/types.js';
import { wilsonInterval } from '../../stats/wilson-interval.js';
import type { Journey, Milestone } from '../types.js';
import { AsOfOption, CallZone } from './journey-zone.js';
import { Durations } from './stage-durations.js';
import { checkJourney, latestInstantOf, milestoneTime, requireMilestone } from './stage-journey.js';

/** The options `conversion` and `compareConversion` share. */
export interface ConversionWindowOptions<R = unknown> {
  /** Where the window opens (default: the journey's start, its signup). */
  readonly from?: Milestone<R>;
  /** The milestone to reach within the window. */
  readonly to: Milestone<R>;
  /** Length of the window after `from`, in days of 24 hours (> 0; fractions allowed: 0.5 = 12 hours). */
  readonly withinDays: number;
  /**
   * The moment of the evaluation: what happened at or before it counts (default: the
   * latest journey start or event timestamp). A date-only `YYYY-MM-DD` is the end of that
   * local day.
   */
  readonly asOf?: Timestamp;
  /**
   * IANA time zone of a date-only `asOf` and of the calendar milestones without a zone of
   * their own (default: the journeys' zone, UTC for journeys without one).
   */
  readonly timeZone?: string;
  /** Confidence level of the intervals (default 0.95). */
  readonly confidence?: number;
}

/** The keys of {@link ConversionWindowOptions}. */
export const CONVERSION_WINDOW_OPTION_KEYS = ['from', 'to', 'withinDays', 'asOf', 'timeZone', 'confidence'] as const satisfies readonly (keyof ConversionWindowOptions)[];

/** Counts and rate of a conversion over a set of journeys. */
export interface ConversionSummary {
  /** All journeys: `notReachedFrom + pending + eligible`. */
  readonly journeys: number;
  /** Journeys that had not reached `from` by `asOf`. */
  readonly notReachedFrom: number;
  /** Journeys that reached `from` but whose window is still open at `asOf`; not in the rate. */
  readonly pending: number;
  /** Pending journeys that have converted already; not in the rate either. */
  readonly pendingConverted: number;
  /** Journeys whose window closed by `asOf`: the denominator of the rate. */
  readonly eligible: number;
  /** Eligible journeys that reached `to` within the window. */
  readonly converted: number;
  /** `converted / eligible` with its Wilson interval; `null` when no journey is eligible. */
  readonly rate: Estimate | null;
  /** Median days (of 24 hours) from `from` to `to` among the converted eligible journeys; `null` when none. */
  readonly medianDaysToConvert: number | null;
}

/** Validated settings of a conversion. */
export interface ConversionSettings {
  readonly from: Milestone | null;
  readonly to: Milestone;
  readonly withinDays: number;
  readonly windowMs: number;
  readonly asOf: AsOfOption;
  /** The zone given; `null`: the journeys'. */
  readonly zone: ZoneCalendar | null;
  readonly confidence: number;
}

/** Reads the shared options; `opts` is the caller's options object, already checked. */
export function readConversionSettings(fn: string, opts: Partial<ConversionWindowOptions>): ConversionSettings {
  const to = requireMilestone(fn, opts.to, 'options.to');
  const from = opts.from === undefined ? null : requireMilestone(fn, opts.from, 'options.from');
  const withinDays = opts.withinDays;
  if (typeof withinDays !== 'number' || !Number.isFinite(withinDays) || withinDays <= 0) {
    fail(fn, 'options.withinDays', 'invalid-number', 'must be a finite number of days > 0', withinDays);
  }
  const zone = opts.timeZone === undefined ? null : zoneCalendar(opts.timeZone, fn);
  const asOf = new AsOfOption(opts.asOf, fn);
  const confidence = readConfidence(opts.confidence, fn);
  return { from, to, withinDays, windowMs: withinDays * MS_PER_DAY, asOf, zone, confidence };
}

/** Per journey: where the window opens and when `to` was reached (NaN: not reached). */
export interface ConversionTimes {
  readonly n: number;
  readonly from: Float64Array;
  readonly to: Float64Array;
  /** Per journey, from the `extra` reader (NaN when none was given). */
  readonly extra: Float64Array;
  /** `asOf`: given, else the latest instant in the journeys; `null` with no journeys. */
  readonly asOf: number | null;
  /** The call's zone: given, else the journeys' (UTC for none). */
  readonly zone: ZoneCalendar;
}

function grown(array: Float64Array): Float64Array<ArrayBuffer> {
  const next = new Float64Array(array.length * 2);
  next.set(array);
  return next;
}

/**
 * Reads the journeys once: checks each, hands it to `from` and `to` (and `extra`, for the
 * segment) in the call's zone, and finds the latest instant when `asOf` is not given.
 * O(n) milestone calls, O(n) memory, no allocation per journey (but a shallow copy when
 * the call's `timeZone` differs from the journey's).
 */
export function readConversionTimes<R>(
  fn: string,
  journeys: Iterable<Journey<R>>,
  settings: ConversionSettings,
  extra: ((journey: Journey, index: number) => number) | null,
): ConversionTimes {
  let from = new Float64Array(64);
  let to = new Float64Array(64);
  let more = new Float64Array(extra === null ? 0 : 64);
  let latest = Number.NEGATIVE_INFINITY;
  let n = 0;
  const zones = new CallZone(fn, settings.zone);
  for (const journey of requireIterable<Journey<R>>(journeys, fn, 'journeys')) {
    checkJourney(journey, fn, n);
    const plain = zones.enter(journey as Journey, n);
    if (!settings.asOf.given) {
      const last = latestInstantOf(plain, fn, n);
      if (last > latest) latest = last;
    }
    if (n === from.length) {
      from = grown(from);
      to = grown(to);
      if (extra !== null) more = grown(more);
    }
    from[n] = settings.from === null ? plain.start : milestoneTime(settings.from, plain, fn, 'options.from', '', n);
    to[n] = milestoneTime(settings.to, plain, fn, 'options.to', '', n);
    if (extra !== null) more[n] = extra(plain, n);
    n++;
  }
  const zone = zones.calendar;
  return {
    n,
    from,
    to,
    extra: extra === null ? new Float64Array(n).fill(Number.NaN) : more,
    asOf: settings.asOf.given ? settings.asOf.at(zone) : n === 0 ? null : latest,
    zone,
  };
}

/** Outcome counts of a set of journeys, added one at a time. */
export class ConversionTally {
  journeys = 0;
  notReachedFrom = 0;
  pending = 0;
  pendingConverted = 0;
  eligible = 0;
  converted = 0;
  private readonly durations = new Durations();

  /**
   * Adds a journey whose window opens at `f` and that reached `to` at `t` (NaN: never).
   * It converted when `t <= f + windowMs` and `t <= asOf` (`to` before `from` counts, at
   * 0 days); its window is closed when `f + windowMs <= asOf`. O(1).
   */
  add(f: number, t: number, asOf: number, windowMs: number): void {
    this.journeys++;
    if (!(f <= asOf)) {
      this.notReachedFrom++;
      return;
    }
    const end = f + windowMs;
    const converted = t <= end && t <= asOf;
    if (end <= asOf) {
      this.eligible++;
      if (converted) {
        this.converted++;
        this.durations.push(t > f ? t - f : 0);
      }
    } else {
      this.pending++;
      if (converted) this.pendingConverted++;
    }
  }

  summary(confidence: number): ConversionSummary {
    return {
      journeys: this.journeys,
      notReachedFrom: this.notReachedFrom,
      pending: this.pending,
      pendingConverted: this.pendingConverted,
      eligible: this.eligible,
      converted: this.converted,
      rate: wilsonInterval(this.converted, this.eligible, confidence),
      medianDaysToConvert: this.durations.medianDays(),
    };
  }
}
