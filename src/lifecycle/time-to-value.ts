import { AsOfOption, CallZone } from '../core/journey-zone.js';
import { checkJourney, latestInstantOf, milestoneTime, requireMilestone } from '../core/journey.js';
import { optionsOf } from '../core/options.js';
import { readConfidence, requireIterable } from '../core/read.js';
import { zoneCalendar, type ZoneCalendar } from '../core/time-zone.js';
import { rejectRenamed } from './internal/option-renames.js';
import { readHorizons, readTimeUnit } from './internal/time-to-value-options.js';
import { timeToValueResult } from './internal/time-to-value-result.js';
import type { Journey, Milestone, TimeToValueOptions, TimeToValueResult } from './types.js';

export type { TimeToValueOptions, TimeToValueResult, TimeToValueShare, TimeToValueUnit, TimeToValueWithin } from './types.js';

/** The keys of {@link TimeToValueOptions}. */
const TIME_TO_VALUE_OPTION_KEYS = ['asOf', 'horizons', 'unit', 'confidence', 'timeZone'] as const satisfies readonly (keyof TimeToValueOptions)[];

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
 * `t` after the start; `curve` is its steps (`SurvivalStep`s, times in `unit`, the shape
 * of `kaplanMeier().curve`, so `retentionChart` draws it as it is). `median`, `p75` and
 * `p90` are the times by which 50, 75 and 90 % have reached it: R's
 * `quantile(survfit(...), c(.5, .75, .9))`, the first time `S <= 1 - p` (on a flat
 * stretch exactly at `1 - p`, the midpoint to the next event), with the interval from the
 * same search on the interval's curves, each a `SurvivalQuantile` `{ value, lower, upper }`
 * (the one median shape of the library). `reachedWithin` gives, for each `horizon` of
 * `horizons` (24-hour days from the start), `1 - S(horizon)` with its interval
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
 * Edge cases: no journeys give `n: 0`, quantiles of `{ value: null, lower: null, upper:
 * null }`, an empty `curve` and `share: null` everywhere (`asOf: null` unless given). A
 * quantile is never `null` itself: its `value` is `null` when the estimate never falls to
 * `1 - p` (too few have reached the milestone), and its `upper` is often `null` (the
 * upper survival curve does not get that low). A share is `null` for a horizon beyond the longest
 * observed journey, unless every journey still observed had reached the milestone by
 * then; when none has reached it yet the share and its bounds are 0 (Greenwood's interval
 * has no width without events).
 *
 * @param journeys The journeys `{ id, start, events }` (an array or any iterable, read once).
 * @param milestone When a journey reached the milestone (epoch ms) or `null`.
 * @param options `{ asOf?, horizons?, unit?, confidence?, timeZone? }`.
 * @returns `{ asOf, asOfDate, timeZone, unit, confidence, n, reached, censored,
 * notStarted, median, p75, p90, curve, reachedWithin: [{ horizon, share }] }`.
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
 * result.p75.value; // => 6
 * result.p90; // => { value: null, lower: 6, upper: null }
 * result.curve.map((s) => [s.time, s.atRisk, s.events, s.censored]);
 * // => [[1, 6, 1, 0], [2, 5, 2, 0], [4, 3, 1, 0], [6, 2, 1, 0], [10, 1, 0, 1]]
 * result.curve.map((s) => s.survival); // ~> [0.8333, 0.5, 0.3333, 0.1667, 0.1667]
 * result.reachedWithin.map((r) => [r.horizon, r.share?.value ?? null]); // ~> [[1, 0.1667], [7, 0.8333], [30, null]]
 * // A date-only asOf is the end of that day. S(2) = 5/6 × 3/5 = 0.5; S(7) = 0.5 × 2/3 × 1/2 = 1/6.
 * const byMay10 = timeToValue(list, aha, { asOf: '2024-05-10', horizons: [2, 7] });
 * [byMay10.asOf, byMay10.asOfDate]; // => ['2024-05-10T23:59:59.999Z', '2024-05-10']
 * byMay10.reachedWithin.map((r) => r.share?.value); // ~> [0.5, 0.8333]
 * ```
 */
export function timeToValue<R = unknown>(journeys: Iterable<Journey<R>>, milestone: Milestone<R>, options?: TimeToValueOptions): TimeToValueResult {
  const fn = 'timeToValue';
  const settings = readTimeToValueSettings(fn, milestone, options);
  const read = readReachTimes(fn, journeys, settings.milestone, settings.zone, settings.asOf.given);
  const zone = read.zone;
  const asOf = settings.asOf.given ? settings.asOf.at(zone) : read.count === 0 ? null : read.latest;
  const subjects = reachDurations(read, asOf);
  return timeToValueResult(settings, zone, asOf, subjects, read.count, subjects.reached);
}

/** The options of {@link timeToValue}, checked, and its milestone. */
function readTimeToValueSettings(fn: string, milestone: unknown, options: TimeToValueOptions | undefined) {
  const reachedAt = requireMilestone(fn, milestone, 'milestone');
  rejectRenamed(options, fn, { withinDays: 'horizons' });
  const opts = optionsOf(options, fn, TIME_TO_VALUE_OPTION_KEYS);
  const zone = opts.timeZone === undefined ? null : zoneCalendar(opts.timeZone, fn);
  const asOf = new AsOfOption(opts.asOf, fn);
  const horizons = readHorizons(fn, opts.horizons);
  const { unit, unitMs } = readTimeUnit(fn, opts.unit);
  const confidence = readConfidence(opts.confidence, fn);
  return { milestone: reachedAt, zone, asOf, horizons, unit, unitMs, confidence };
}

/**
 * The Kaplan–Meier subjects, in milliseconds: the journeys started by `asOf`, each with
 * the event at `reached - start` (>= 0) when it reached the milestone by `asOf`, else
 * censored at `asOf - start`. O(n).
 */
function reachDurations(read: ReachTimes, asOf: number | null): { durations: Float64Array; observed: Uint8Array; n: number; reached: number } {
  const { starts, reachedTimes, count } = read;
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
  return { durations: durations.subarray(0, n), observed: observed.subarray(0, n), n, reached };
}

/** Per journey read: its start and when it reached the milestone (NaN: not reached). */
interface ReachTimes {
  readonly starts: Float64Array;
  readonly reachedTimes: Float64Array;
  readonly count: number;
  /** The latest start or event instant (when `asOf` is not given). */
  readonly latest: number;
  /** The call's zone: given, else the journeys' (UTC for none). */
  readonly zone: ZoneCalendar;
}

/**
 * One pass over the journeys: the start and milestone instant (NaN: not reached) of each,
 * the latest instant when `asOf` is not given, and the call's zone.
 */
function readReachTimes<R>(fn: string, journeys: Iterable<Journey<R>>, milestone: Milestone, givenZone: ZoneCalendar | null, givenAsOf: boolean): ReachTimes {
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
