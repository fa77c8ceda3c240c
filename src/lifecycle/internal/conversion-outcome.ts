/**
 * The shared core of `conversion` and `compareConversion`: reading the options and the
 * journeys' milestone times, and tallying each journey's outcome at `asOf`.
 * @internal
 */

import { MS_PER_DAY } from '../../core/calendar.js';
import { fail } from '../../core/errors.js';
import { AsOfOption, CallZone } from '../../core/journey-zone.js';
import { checkJourney, latestInstantOf, milestoneTime, requireMilestone } from '../../core/journey.js';
import { optionsOf } from '../../core/options.js';
import { readConfidence, requireIterable } from '../../core/read.js';
import { zoneCalendar, type ZoneCalendar } from '../../core/time-zone.js';
import { wilsonInterval } from '../../stats/wilson-interval.js';
import type { ConversionSummary, ConversionWindowOptions, Journey, Milestone } from '../types.js';
import { rejectRenamed } from './option-renames.js';
import { Durations } from './stage-durations.js';

/** The keys of {@link ConversionWindowOptions}. */
export const CONVERSION_WINDOW_OPTION_KEYS = ['entry', 'goal', 'withinDays', 'asOf', 'timeZone', 'confidence'] as const satisfies readonly (keyof ConversionWindowOptions)[];

/**
 * The options object of `conversion` or `compareConversion`, checked against `keys`: the
 * milestones' 0.1 names `from` and `to` (dates everywhere else) are `unknown-option`
 * naming `entry` and `goal`.
 */
export function conversionOptions<T extends object>(fn: string, options: T | undefined, keys: readonly string[]): Partial<T> {
  rejectRenamed(options, fn, { from: 'entry', to: 'goal' });
  return optionsOf(options, fn, keys);
}

/** Validated settings of a conversion. */
export interface ConversionSettings {
  /** Where the window opens; `null`: the journey's start. */
  readonly entry: Milestone | null;
  readonly goal: Milestone;
  readonly withinDays: number;
  readonly windowMs: number;
  readonly asOf: AsOfOption;
  /** The zone given; `null`: the journeys'. */
  readonly zone: ZoneCalendar | null;
  readonly confidence: number;
}

/** Reads the shared options; `opts` is the caller's options object, already checked. */
export function readConversionSettings(fn: string, opts: Partial<ConversionWindowOptions>): ConversionSettings {
  const goal = requireMilestone(fn, opts.goal, 'options.goal');
  const entry = opts.entry === undefined ? null : requireMilestone(fn, opts.entry, 'options.entry');
  const withinDays = opts.withinDays;
  if (typeof withinDays !== 'number' || !Number.isFinite(withinDays) || withinDays <= 0) {
    fail(fn, 'options.withinDays', 'invalid-number', 'must be a finite number of days > 0', withinDays);
  }
  const zone = opts.timeZone === undefined ? null : zoneCalendar(opts.timeZone, fn);
  const asOf = new AsOfOption(opts.asOf, fn);
  const confidence = readConfidence(opts.confidence, fn);
  return { entry, goal, withinDays, windowMs: withinDays * MS_PER_DAY, asOf, zone, confidence };
}

/** Per journey: where the window opens (`entry`) and when `goal` was reached (NaN: not reached). */
export interface ConversionTimes {
  readonly n: number;
  readonly entry: Float64Array;
  readonly goal: Float64Array;
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
 * Reads the journeys once: checks each, hands it to `entry` and `goal` (and `extra`, for the
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
  let entry = new Float64Array(64);
  let goal = new Float64Array(64);
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
    if (n === entry.length) {
      entry = grown(entry);
      goal = grown(goal);
      if (extra !== null) more = grown(more);
    }
    entry[n] = settings.entry === null ? plain.start : milestoneTime(settings.entry, plain, fn, 'options.entry', '', n);
    goal[n] = milestoneTime(settings.goal, plain, fn, 'options.goal', '', n);
    if (extra !== null) more[n] = extra(plain, n);
    n++;
  }
  const zone = zones.calendar;
  return {
    n,
    entry,
    goal,
    extra: extra === null ? new Float64Array(n).fill(Number.NaN) : more,
    asOf: settings.asOf.given ? settings.asOf.at(zone) : n === 0 ? null : latest,
    zone,
  };
}

/** Outcome counts of a set of journeys, added one at a time. */
export class ConversionTally {
  journeys = 0;
  notReachedEntry = 0;
  pending = 0;
  pendingConverted = 0;
  eligible = 0;
  converted = 0;
  private readonly durations = new Durations();

  /**
   * Adds a journey whose window opens at `f` (its `entry`) and that reached `goal` at `t`
   * (NaN: never). It converted when `t <= f + windowMs` and `t <= asOf` (`goal` before
   * `entry` counts, at 0 days); its window is closed when `f + windowMs <= asOf`. O(1).
   */
  add(f: number, t: number, asOf: number, windowMs: number): void {
    this.journeys++;
    if (!(f <= asOf)) {
      this.notReachedEntry++;
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
      notReachedEntry: this.notReachedEntry,
      pending: this.pending,
      pendingConverted: this.pendingConverted,
      eligible: this.eligible,
      converted: this.converted,
      rate: wilsonInterval(this.converted, this.eligible, { confidence }),
      medianDaysToConvert: this.durations.medianDays(),
    };
  }
}
