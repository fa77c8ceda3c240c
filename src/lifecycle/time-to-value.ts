import { asOfEcho } from '../core/as-of.js';
import { MS_PER_DAY } from '../core/calendar.js';
import { fail } from '../core/errors.js';
import { optionsOf } from '../core/options.js';
import { readChoice, readConfidence, requireIterable } from '../core/read.js';
import { zoneCalendar, type ZoneCalendar } from '../core/time-zone.js';
import type { Timestamp } from '../core/types.js';
import { kaplanMeierEngine, survivalAt, survivalQuantile, type KaplanMeierCurve } from '../stats/internal/kaplan-meier.js';
import { AsOfOption, CallZone } from './internal/journey-zone.js';
import { rejectRenamed } from './internal/option-renames.js';
import { checkJourney, latestInstantOf, milestoneTime, requireMilestone } from './internal/stage-journey.js';
import type { Journey, Milestone } from './types.js';

/** The unit of the times in a {@link timeToValue} result. */
export type TimeToValueUnit = 'days' | 'hours';

/** Options of {@link timeToValue}. */
export interface TimeToValueOptions {
  /**
   * The moment of the evaluation: a milestone counts when reached at or before it (default:
   * the latest journey start or event timestamp). A date-only `YYYY-MM-DD` is the end of
   * that local day.
   */
  readonly asOf?: Timestamp;
  /**
   * Horizons, in days of 24 hours from the journey's start, of the shares in
   * `reachedWithin` (default `[1, 7, 30]`; fractions allowed).
   */
  readonly horizons?: readonly number[];
  /** Unit of `median`, `p75` and `p90`: `'days'` (default; fractional) or `'hours'`. */
  readonly unit?: TimeToValueUnit;
  /** Confidence level of the intervals (default 0.95). */
  readonly confidence?: number;
  /**
   * IANA time zone of a date-only `asOf` and of the calendar milestones without a zone of
   * their own (default: the journeys' zone, UTC for journeys without one).
   */
  readonly timeZone?: string;
}

/** The keys of {@link TimeToValueOptions}. */
const TIME_TO_VALUE_OPTION_KEYS = ['asOf', 'horizons', 'unit', 'confidence', 'timeZone'] as const satisfies readonly (keyof TimeToValueOptions)[];

/** A time to value (in the result's unit) with its confidence interval. */
export interface TimeToValueQuantile {
  /** The time, in `unit`, by which the share of journeys reach the milestone. */
  readonly value: number;
  /** From the lower survival curve; `null` when that curve never reaches the share. */
  readonly lower: number | null;
  /** From the upper survival curve; `null` when that curve never reaches the share (common: not enough data to bound it). */
  readonly upper: number | null;
}

/** The share of journeys that reached the milestone within some days, with its interval. */
export interface TimeToValueShare {
  /** `1 - S(days)`, in [0, 1]. */
  readonly value: number;
  /** Lower interval bound; `null` only when every journey still observed had reached it (`value` 1: Greenwood's interval is undefined). */
  readonly lower: number | null;
  /** Upper interval bound; `null` when `lower` is. */
  readonly upper: number | null;
}

/** One horizon of {@link TimeToValueResult.reachedWithin}. */
export interface TimeToValueWithin {
  /** The horizon (one of `horizons`), in days of 24 hours. */
  readonly days: number;
  /** `null` when no journey has been observed that long (and not all had reached it sooner). */
  readonly share: TimeToValueShare | null;
}

/** Result of {@link timeToValue}. */
export interface TimeToValueResult {
  /** The `asOf` used, as an ISO-8601 instant in UTC; `null` when there are no journeys and none was given. */
  readonly asOf: string | null;
  /** The local day of `asOf` in `timeZone`, `YYYY-MM-DD`; `null` with it. */
  readonly asOfDate: string | null;
  /** IANA time zone of `asOf` and of the milestones' calendar days. */
  readonly timeZone: string;
  /** Unit of `median`, `p75` and `p90`. */
  readonly unit: TimeToValueUnit;
  /** Confidence level of the intervals. */
  readonly confidence: number;
  /** Journeys started by `asOf`: `reached + censored`. */
  readonly n: number;
  /** Journeys that reached the milestone by `asOf`. */
  readonly reached: number;
  /** Journeys that had not reached it by `asOf`, censored at `asOf`. */
  readonly censored: number;
  /** Journeys that start after `asOf`, left out. */
  readonly notStarted: number;
  /** The time by which half the journeys reach the milestone; `null` when fewer than half are estimated to have. */
  readonly median: TimeToValueQuantile | null;
  /** The time by which 75 % reach it; `null` when not estimated to be reached by that share. */
  readonly p75: TimeToValueQuantile | null;
  /** The time by which 90 % reach it; `null` likewise. */
  readonly p90: TimeToValueQuantile | null;
  /** The share reached within each of `horizons`, in their order. */
  readonly reachedWithin: TimeToValueWithin[];
}

const UNITS: readonly TimeToValueUnit[] = ['days', 'hours'];
const MS_PER_HOUR = 3_600_000;

/**
 * Time to value: how long journeys take from their start (signup) to a milestone (the
 * "aha" moment, onboarding completed, first invite), as a distribution whose journeys that
 * have not reached it yet count as censored, not dropped.
 *
 * Definition: each journey started by `asOf` is one subject of a Kaplan–Meier estimate.
 * One that reached the milestone at or before `asOf` (inclusive; a date-only `asOf` is the
 * end of that local day) has the event at `reached - start` (0 when it was reached before
 * the start, e.g. from activity merged at signup); one that had not, or reached it only
 * after `asOf`, is censored at `asOf - start`. Journeys that start after `asOf` are left
 * out and counted in `notStarted`. `S(t)` is the estimated share not yet at the milestone
 * `t` after the start. `median`, `p75` and `p90` are the times by which 50, 75 and 90 %
 * have reached it: R's `quantile(survfit(...), c(.5, .75, .9))`, the first time
 * `S <= 1 - p` (on a flat stretch exactly at `1 - p`, the midpoint to the next event),
 * with the interval from the same search on the interval's curves. `reachedWithin` gives,
 * for each of `horizons` (24-hour days from the start), `1 - S(days)` with its interval
 * (`1 - upper`, `1 - lower` of S). Intervals: Greenwood's variance with R's default log
 * transform, at `confidence`. Times are elapsed 24-hour days (or hours), not calendar
 * days. Dropping the journeys that have not reached the milestone, as a plain median of
 * the converters does, makes the time to value look shorter than it is; censoring keeps
 * them in the denominator for as long as they were observed.
 *
 * Time zone: `timeZone` is the zone of a date-only `asOf` and of the calendar milestones
 * without a zone of their own (`activeDays`, `recurring`), which get each journey in it.
 * Without it, the journeys' zone (the `timeZone` of `journeys()`) is used, which must then
 * be the same for all of them (UTC for journeys without one).
 *
 * Source: Kaplan and Meier, "Nonparametric estimation from incomplete observations",
 * JASA 53 (1958); Greenwood's formula; quantiles and intervals as R's `survival::survfit`
 * and `quantile.survfit` (survival 3.5), which the tests reproduce number for number.
 *
 * Cost: O(n) milestone calls for n journeys (when `asOf` is defaulted, one pass over each
 * journey's events too), O(n) memory, then the Kaplan–Meier estimate in O(n) (a radix sort
 * of the durations).
 *
 * Edge cases: no journeys give `n: 0`, `null` quantiles and `share: null` everywhere
 * (`asOf: null` unless given). A quantile is `null` when the estimate never falls to
 * `1 - p` (too few have reached the milestone); its `upper` is often `null` (the upper
 * survival curve does not get that low). A share is `null` for a horizon beyond the longest
 * observed journey, unless every journey still observed had reached the milestone by
 * then; when none has reached it yet the share and its bounds are 0 (Greenwood's interval
 * has no width without events).
 *
 * @param journeys The journeys `{ id, start, events }` (an array or any iterable, read once).
 * @param milestone When a journey reached the milestone (epoch ms) or `null`.
 * @param options `{ asOf?, horizons?, unit?, confidence?, timeZone? }`.
 * @returns `{ asOf, asOfDate, timeZone, unit, confidence, n, reached, censored,
 * notStarted, median, p75, p90, reachedWithin: [{ days, share }] }`.
 * @throws {MetricsInputError} `invalid-option` for a milestone that is not a function, a
 * bad `unit` or `confidence`, an option that is `null`; `invalid-timestamp` for a bad
 * `asOf`; `invalid-time-zone` for an unknown zone, a journey whose `timeZone` is not one
 * or, without `options.timeZone`, differs from the first journey's; `unknown-option` for a
 * key it does not know (`withinDays`: did you mean horizons?); `invalid-option` /
 * `invalid-number` for `horizons` that is not an array of finite numbers >= 0
 * (`options.horizons[1]`); for a journey that is not `{ id, start, events }`
 * (`journeys[3] (id "u1").start`) or, when `asOf` is defaulted, an event without a valid
 * timestamp; `invalid-milestone` (path `milestone`) when the milestone returns anything
 * but `null` or epoch milliseconds.
 *
 * @example
 * ```ts
 * import { timeToValue, type Journey } from 'customer-success-metrics/lifecycle';
 * const aha = (j: Journey) => j.events.find((e) => e.name === 'aha')?.timestamp ?? null;
 * const start = Date.parse('2024-05-01T00:00:00Z');
 * const journey = (id: string, ahaAfterDays: number | null) => ({
 *   id, start, events: ahaAfterDays === null ? [] : [{ name: 'aha', timestamp: start + ahaAfterDays * 86_400_000, record: {} }],
 * });
 * // Aha after 1, 2, 2, 4 and 6 days; one journey has not had it after 10 days.
 * const list = [journey('a', 1), journey('b', 2), journey('c', 2), journey('d', 4), journey('e', null), journey('f', 6)];
 * const result = timeToValue(list, aha, { asOf: '2024-05-11T00:00:00Z' });
 * [result.n, result.reached, result.censored]; // => [6, 5, 1]
 * result.median; // => { value: 3, lower: 2, upper: null }
 * result.p75?.value; // => 6
 * result.p90; // => null
 * result.reachedWithin.map((r) => r.share?.value ?? null); // ~> [0.1667, 0.8333, null]
 * // A date-only asOf is the end of that day. S(2) = 5/6 × 3/5 = 0.5; S(7) = 0.5 × 2/3 × 1/2 = 1/6.
 * const byMay10 = timeToValue(list, aha, { asOf: '2024-05-10', horizons: [2, 7] });
 * [byMay10.asOf, byMay10.asOfDate]; // => ['2024-05-10T23:59:59.999Z', '2024-05-10']
 * byMay10.reachedWithin.map((r) => r.share?.value); // ~> [0.5, 0.8333]
 * ```
 */
export function timeToValue<R = unknown>(journeys: Iterable<Journey<R>>, milestone: Milestone<R>, options?: TimeToValueOptions): TimeToValueResult {
  const fn = 'timeToValue';
  const reachedAt = requireMilestone(fn, milestone, 'milestone');
  rejectRenamed(options, fn, { withinDays: 'horizons' });
  const opts = optionsOf(options, fn, TIME_TO_VALUE_OPTION_KEYS);
  const givenZone = opts.timeZone === undefined ? null : zoneCalendar(opts.timeZone, fn);
  const givenAsOf = new AsOfOption(opts.asOf, fn);
  const horizons = readHorizons(fn, opts.horizons);
  const unit = readChoice(opts.unit, UNITS, 'days', fn, 'options.unit');
  const confidence = readConfidence(opts.confidence, fn);
  const unitMs = unit === 'days' ? MS_PER_DAY : MS_PER_HOUR;

  const read = readReachTimes(fn, journeys, reachedAt as Milestone, givenZone, givenAsOf.given);
  const { starts, reachedTimes, count, zone } = read;
  const asOf = givenAsOf.given ? givenAsOf.at(zone) : count === 0 ? null : read.latest;

  // Durations in milliseconds: events at reached - start (>= 0), censorings at asOf - start.
  const durations = new Float64Array(count);
  const observed = new Uint8Array(count);
  let n = 0;
  let reached = 0;
  if (asOf !== null) {
    for (let j = 0; j < count; j++) {
      const start = starts[j] as number;
      if (start > asOf) continue;
      const t = reachedTimes[j] as number;
      if (t <= asOf) {
        durations[n] = t > start ? t - start : 0;
        observed[n] = 1;
        reached++;
      } else {
        durations[n] = asOf - start;
      }
      n++;
    }
  }
  const curve = kaplanMeierEngine(durations.subarray(0, n), observed.subarray(0, n), { confidence, fn });
  return {
    ...asOfEcho(asOf, zone),
    timeZone: zone.timeZone,
    unit,
    confidence,
    n,
    reached,
    censored: n - reached,
    notStarted: count - n,
    median: quantileOf(curve, 0.5, unitMs),
    p75: quantileOf(curve, 0.75, unitMs),
    p90: quantileOf(curve, 0.9, unitMs),
    reachedWithin: horizons.map((days) => ({ days, share: shareWithin(curve, days * MS_PER_DAY) })),
  };
}

/**
 * One pass over the journeys: the start and milestone instant (NaN: not reached) of each,
 * the latest instant when `asOf` is not given, and the call's zone.
 */
function readReachTimes<R>(
  fn: string,
  journeys: Iterable<Journey<R>>,
  milestone: Milestone,
  givenZone: ZoneCalendar | null,
  givenAsOf: boolean,
): { starts: Float64Array; reachedTimes: Float64Array; count: number; latest: number; zone: ZoneCalendar } {
  const zones = new CallZone(fn, givenZone);
  let starts = new Float64Array(64);
  let reachedTimes = new Float64Array(64);
  let latest = Number.NEGATIVE_INFINITY;
  let count = 0;
  for (const journey of requireIterable<Journey<R>>(journeys, fn, 'journeys')) {
    checkJourney(journey, fn, count);
    const plain = zones.enter(journey as Journey, count);
    if (!givenAsOf) {
      const last = latestInstantOf(plain, fn, count);
      if (last > latest) latest = last;
    }
    if (count === starts.length) {
      starts = grown(starts);
      reachedTimes = grown(reachedTimes);
    }
    starts[count] = plain.start;
    reachedTimes[count] = milestoneTime(milestone, plain, fn, 'milestone', '', count);
    count++;
  }
  return { starts, reachedTimes, count, latest, zone: zones.calendar };
}

function grown(array: Float64Array): Float64Array<ArrayBuffer> {
  const next = new Float64Array(array.length * 2);
  next.set(array);
  return next;
}

/** `options.horizons`: an array of finite numbers of days >= 0; `undefined` gives `[1, 7, 30]`. */
function readHorizons(fn: string, value: unknown): number[] {
  if (value === undefined) return [1, 7, 30];
  if (!Array.isArray(value)) return fail(fn, 'options.horizons', 'invalid-option', 'must be an array of day counts, such as [1, 7, 30]', value);
  return value.map((days: unknown, i) => {
    if (typeof days === 'number' && days >= 0 && days < Number.POSITIVE_INFINITY) return days;
    return fail(fn, `options.horizons[${i}]`, 'invalid-number', 'must be a finite number of days >= 0', days);
  });
}

/** The `p` quantile of the time to value in the unit, `null` when not reached. */
function quantileOf(curve: KaplanMeierCurve, p: number, unitMs: number): TimeToValueQuantile | null {
  const q = survivalQuantile(curve, p);
  if (q.value === null) return null;
  return {
    value: q.value / unitMs,
    lower: q.lower === null ? null : q.lower / unitMs,
    upper: q.upper === null ? null : q.upper / unitMs,
  };
}

/** `1 - S(t)` with the interval `[1 - upper, 1 - lower]`; `null` when S(t) is not observed. */
function shareWithin(curve: KaplanMeierCurve, t: number): TimeToValueShare | null {
  const s = survivalAt(curve, t);
  if (s === null) return null;
  return {
    value: 1 - s.value,
    lower: s.upper === null ? null : 1 - s.upper,
    upper: s.lower === null ? null : 1 - s.lower,
  };
}
