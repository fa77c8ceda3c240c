import { milestoneTime, requireMilestone, type Journey, type JourneyEventPredicate, type Milestone } from '../core/journey.js';
import { optionsOf } from '../core/options.js';
import { readChoice, readConfidence } from '../core/read.js';
import { KAPLAN_MEIER_CONF_TYPES, type KaplanMeierConfType } from '../stats/kaplan-meier-engine.js';
import { readHorizonDays, readRetentionDays } from './internal/comparison-options.js';
import { comparisonOf, type GroupDurations } from './internal/comparison-result.js';
import {
  daysToMs,
  grownBytes,
  grownFloat,
  JourneyClock,
  MS_PER_DAY,
  readActivity,
  readDays,
  readInactivityDays,
  scanJourneys,
  type ActivityBuffer,
} from './internal/landmark-activity.js';
import type { CompareRetentionOptions, CompareRetentionResult } from './types.js';

export type { CompareRetentionOptions, CompareRetentionResult, RetentionAtDay, RetentionGroup, RetentionLogRank, RetentionLogRankGroup, SurvivalEstimate } from './types.js';

/** Every key of {@link CompareRetentionOptions}; others are `unknown-option`. */
export const COMPARE_RETENTION_OPTION_KEYS = [
  'segment',
  'landmarkDays',
  'horizonDays',
  'asOf',
  'inactivityDays',
  'retentionDays',
  'activity',
  'confidence',
  'confType',
  'timeZone',
] as const satisfies readonly (keyof CompareRetentionOptions)[];

/**
 * Compares the retention of users who reached a milestone (the "aha" moment) with that of
 * those who had not, in a landmark design: survival curves, retention at chosen days with
 * the absolute and relative lift, and a log-rank test.
 *
 * Definition. Activity is the journey's start and its events (those `activity` accepts).
 * A user churns at an activity that no other activity follows within `inactivityDays`
 * (G). The landmark is `L = start + landmarkDays × 24 h`. A journey enters the comparison
 * when `L <= asOf` and it is still active at the landmark: its last activity at or before
 * `L` lies less than G before `L`. Otherwise it is left out, counted as `notYetAtLandmark`
 * or `churnedBeforeLandmark` (a user who lapsed earlier but is active again counts as
 * active). It is in the segment when `segment` was reached at or before `L`, else in the
 * control, whatever it does later. Each is followed from `L`: its churn `c` is the first
 * activity from its last one at or before `L` on that no activity follows within G, among
 * activity up to `asOf`. The churn is observed when an activity follows it by at least G
 * or the whole gap after it has been seen by `asOf` (`c + G − 1 ms <= asOf`); otherwise the
 * user is censored at `c`, the last time it is known to have been retained (its activity is
 * too recent to tell). The duration is `c − L`
 * (0 when `c` comes before `L`: active at the landmark but never again), censored at the
 * end of the follow-up, `F = horizonDays − landmarkDays`, when `c − L > F`. So `S(t)`, the
 * share retained `t` days after the landmark, is the share with activity after `L + t`
 * before any G-day gap: Kaplan–Meier with Greenwood intervals (`confType`, R's default
 * `'log'`), times in days. `difference = S_seg(t) − S_ctl(t)` with
 * `± z √(se_seg² + se_ctl²)` (normal approximation from the two Greenwood standard errors,
 * cut to [-1, 1]); `relativeLift = S_seg(t) / S_ctl(t) − 1`; the log-rank test compares
 * the whole curves (Mantel–Haenszel, 1 degree of freedom).
 *
 * Time: activity counts when at or before `asOf` (default: the latest journey start or
 * event); a date `asOf` is the end of that local day in the call's zone, so that day's
 * events count. The call's zone is `timeZone` when given (the journeys are then handed to
 * `segment` in it, so calendar milestones count its days), else the zone the journeys
 * carry (`journeys({ timeZone })`; UTC without one). The result echoes `asOf` (ISO instant),
 * `asOfDate` (its local day) and `timeZone`. The comparison has no calendar periods: a
 * journey whose landmark lies after `asOf` is simply left out (`notYetAtLandmark`), never
 * counted as churned.
 *
 * Why a landmark. Comparing everyone who ever reached the milestone with everyone who did
 * not credits the segment with the days it needed to qualify, when it could not churn by
 * definition (immortal-time bias), and makes any milestone look predictive. Classifying
 * at a fixed landmark and following both groups only from there removes those days.
 *
 * Source: the landmark method of Anderson, Cain and Gelber, "Analysis of survival by tumor
 * response", J. Clin. Oncol. 1 (1983) 710–719; Kaplan–Meier and Greenwood as R's
 * `survival::survfit`, the log-rank test as `survdiff` (survival 3.5), which the tests
 * reproduce; the aha-versus-control reading of product analytics (Amplitude's and
 * Mixpanel's retention by behavioural cohort).
 *
 * Steps: `readComparison` (options), `scanLandmarks` (one pass over the journeys: each
 * one's landmark, group and churn), `groupDurations` (durations after the landmark per
 * group, at `asOf`), `comparisonOf` (curves, retention at the chosen days, log-rank).
 *
 * Cost: O(n) milestone calls and one pass over each journey's events (O(k log k) for a
 * journey whose events are out of time order), O(n) memory for n journeys; then
 * Kaplan–Meier and log-rank in O(n) (radix sort) and O(d log m) for d retention days.
 *
 * Edge cases: no journeys give empty groups, `asOf: null` and `asOfDate: null` unless
 * given, `null` retention and a log-rank test with `pValue: null`. An empty group has an
 * empty curve and `null` retention; retention is also `null` past a group's last observed
 * time (unless its curve reached 0). Where a curve reached 0 its standard error and bounds
 * are `null`, and so is the difference.
 *
 * @param journeys The journeys `{ id, start, events }` (an array or any iterable, read once).
 * @param options `{ segment, landmarkDays, horizonDays, asOf?, inactivityDays?, retentionDays?,
 * activity?, confidence?, confType?, timeZone? }`.
 * @returns `{ asOf, asOfDate, timeZone, landmarkDays, horizonDays, followUpDays, inactivityDays,
 * retentionDays, confidence, confType, journeys, leftOut, segment, control, retention,
 * logRank }`. Each group is `{ users, churned, censored, curve, median }` with `curve` a
 * `SurvivalStep[]` (`{ time, atRisk, events, censored, survival, standardError, lower,
 * upper }`, as `kaplanMeier` gives it) and `median` a `SurvivalQuantile` (`{ value, lower,
 * upper }`, `null` parts when not reached).
 * @throws {MetricsInputError} `invalid-option` for a `segment` or `activity` that is not a
 * milestone or matcher, a bad `asOf`, `timeZone`, `confidence` or `confType`;
 * `invalid-time-zone` at `journeys[i].timeZone` for journeys in different zones without a
 * `timeZone` option;
 * `unknown-option` for a key it does not know, `invalid-option` for an option that is `null`;
 * `invalid-number` for `landmarkDays` < 0, `horizonDays` not greater than `landmarkDays`
 * (the landmark beyond the horizon), `inactivityDays` <= 0, a `retentionDays` entry
 * outside [0, horizonDays − landmarkDays]; for a journey that is not `{ id, start, events }`
 * (`journeys[3] (id "u1").start`) or an event without a valid timestamp
 * (`journeys[3] (id "u1").events[0].timestamp`, path `journeys[3].events[0].timestamp`);
 * `invalid-milestone` (path `options.segment`) when the milestone returns anything but
 * `null` or epoch milliseconds.
 *
 * @example
 * ```ts
 * import { compareRetention } from 'customer-success-metrics/retention';
 * import { hasEvent } from 'customer-success-metrics/lifecycle';
 * const day = 86_400_000;
 * const jan1 = Date.UTC(2024, 0, 1);
 * // A user who signed up on `start` and logged in on the given days after it; `aha` on day `ahaDay`.
 * const user = (id: string, days: number[], ahaDay: number | null, start = jan1) => ({
 *   id, start,
 *   events: [...days.map((d) => ({ name: 'login', timestamp: start + d * day, record: {} })),
 *     ...(ahaDay === null ? [] : [{ name: 'aha', timestamp: start + ahaDay * day, record: {} }])]
 *     .sort((a, b) => a.timestamp - b.timestamp),
 * });
 * const journeys = [
 *   user('a', [2, 10, 20, 30, 40], 3), // segment; churns on day 40: 26 days after the landmark (day 14)
 *   user('b', [5, 15, 25, 35, 45, 55, 65, 75], 1), // segment; still active: censored at the horizon, 60
 *   user('c', [6, 12, 20], 4), // segment; churns on day 20: 6 after
 *   user('d', [3, 10], null), // control; last seen on day 10, before the landmark: churns at 0
 *   user('e', [6, 13, 18], 16), // aha after the landmark: control; churns on day 18: 4 after
 *   user('f', [8, 12, 22, 30, 50], null), // control; 30 to 50 is a 20-day gap: churns on day 30, 16 after
 *   user('g', [], null), // signup only, 14 days before the landmark: churned before it, left out
 *   user('h', [1], 0, Date.UTC(2024, 2, 10)), // landmark after asOf: left out
 * ];
 * // asOf '2024-03-21': the data is complete through the end of March 21 (UTC).
 * const result = compareRetention(journeys, { segment: hasEvent('aha'), landmarkDays: 14, horizonDays: 74, asOf: '2024-03-21' });
 * [result.segment.users, result.control.users, result.leftOut.churnedBeforeLandmark, result.leftOut.notYetAtLandmark]; // => [3, 3, 1, 1]
 * result.retention.map((r) => [r.day, r.segment?.value, r.control?.value]); // ~> [[7, 0.6667, 0.3333], [30, 0.3333, 0], [60, 0.3333, 0]]
 * result.retention[0]?.relativeLift; // ~> 1
 * result.logRank.chiSquare; // ~> 2.5567
 * result.logRank.pValue; // ~> 0.1098
 * result.asOfDate; // => '2024-03-21'
 * ```
 */
export function compareRetention<R = unknown>(journeys: Iterable<Journey<R>>, options: CompareRetentionOptions<R>): CompareRetentionResult {
  const fn = 'compareRetention';
  const settings = readComparison(fn, options as CompareRetentionOptions);
  const scan = scanLandmarks(fn, journeys, settings);
  const groups = groupDurations(scan, settings);
  return comparisonOf(settings, settings.clock.zone, scan.asOf, scan.count, groups);
}

/** The options of a comparison, read and checked. */
interface Comparison {
  readonly segment: Milestone;
  readonly landmarkDays: number;
  readonly horizonDays: number;
  readonly followUpDays: number;
  readonly inactivityDays: number;
  readonly retentionDays: number[];
  readonly activity: JourneyEventPredicate | null;
  readonly clock: JourneyClock;
  readonly confidence: number;
  readonly confType: KaplanMeierConfType;
}

/** Read step: every option, checked (`unknown-option`, `invalid-option`, `invalid-number`). */
function readComparison(fn: string, options: CompareRetentionOptions): Comparison {
  const opts = optionsOf(options, fn, COMPARE_RETENTION_OPTION_KEYS);
  const segment = requireMilestone(fn, opts.segment, 'options.segment');
  const landmarkDays = readDays(fn, opts.landmarkDays, 'options.landmarkDays', 0, false, null);
  const horizonDays = readHorizonDays(fn, opts.horizonDays, landmarkDays);
  const followUpDays = horizonDays - landmarkDays;
  const inactivityDays = readInactivityDays(fn, opts.inactivityDays);
  const retentionDays = readRetentionDays(fn, opts.retentionDays, followUpDays);
  const activity = readActivity(fn, opts.activity);
  const clock = new JourneyClock(fn, opts.timeZone, opts.asOf);
  const confidence = readConfidence(opts.confidence, fn);
  const confType = readChoice(opts.confType, KAPLAN_MEIER_CONF_TYPES, 'log', fn, 'options.confType');
  return { segment, landmarkDays, horizonDays, followUpDays, inactivityDays, retentionDays, activity, clock, confidence, confType };
}

/** Flag bits of a journey. */
const SEGMENT = 1;
const ACTIVE = 2;
const CONFIRMED = 4;

/** Per journey: its landmark instant, its flags and its churn candidate. */
interface LandmarkScan {
  /** Journeys read. */
  readonly count: number;
  /** The `asOf` in force: given, else the latest journey start or event; `null` without either. */
  readonly asOf: number | null;
  readonly landmark: Float64Array;
  /** The churn candidate's instant (journeys active at the landmark). */
  readonly churn: Float64Array;
  /** `SEGMENT` (milestone reached by the landmark), `ACTIVE` (at the landmark), `CONFIRMED` (a later activity proves the churn). */
  readonly flags: Uint8Array;
}

/**
 * Scan step, one pass: per journey its landmark, its group, whether it was active there,
 * and its churn candidate (the instant, and whether a later activity confirms it). O(n)
 * milestone calls and one pass over each journey's events.
 */
function scanLandmarks<R>(fn: string, journeys: Iterable<Journey<R>>, settings: Comparison): LandmarkScan {
  const landmarkMs = daysToMs(settings.landmarkDays);
  const gapMs = daysToMs(settings.inactivityDays);
  let landmark = new Float64Array(64);
  let churn = new Float64Array(64);
  let flags = new Uint8Array(64);
  const { count, asOf } = scanJourneys(fn, journeys, settings.clock, settings.activity, {
    begin(_journey: Journey, n: number): void {
      if (n < landmark.length) return;
      landmark = grownFloat(landmark);
      churn = grownFloat(churn);
      flags = grownBytes(flags);
    },
    event: null,
    end(journey: Journey, activity: ActivityBuffer, n: number): void {
      const l = journey.start + landmarkMs;
      const reached = milestoneTime(settings.segment, journey, fn, 'options.segment', '', n);
      landmark[n] = l;
      let flag = reached <= l ? SEGMENT : 0;
      const i = activity.lastAtOrBefore(l);
      if (i >= 0 && l - activity.at(i) < gapMs) {
        flag |= ACTIVE;
        const j = activity.churnFrom(i, gapMs);
        churn[n] = activity.at(j);
        if (j + 1 < activity.length) flag |= CONFIRMED;
      }
      flags[n] = flag;
    },
  });
  return { count, asOf, landmark, churn, flags };
}

/**
 * Compute step: the duration in days after the landmark of each journey that entered a
 * group, observed or censored at `asOf` (see the definition on {@link compareRetention}).
 * O(n).
 */
function groupDurations(scan: LandmarkScan, settings: Comparison): GroupDurations {
  const { count: n, asOf } = scan;
  const gapMs = daysToMs(settings.inactivityDays);
  const followUpMs = daysToMs(settings.followUpDays);
  const segmentDurations = new Float64Array(n);
  const segmentObserved = new Uint8Array(n);
  const controlDurations = new Float64Array(n);
  const controlObserved = new Uint8Array(n);
  let inSegment = 0;
  let inControl = 0;
  let notYetAtLandmark = 0;
  let churnedBeforeLandmark = 0;
  for (let j = 0; asOf !== null && j < n; j++) {
    const l = scan.landmark[j] as number;
    const flag = scan.flags[j] as number;
    if (!(l <= asOf)) {
      notYetAtLandmark++;
      continue;
    }
    if ((flag & ACTIVE) === 0) {
      churnedBeforeLandmark++;
      continue;
    }
    const c = scan.churn[j] as number;
    const afterLandmark = c > l ? c - l : 0;
    let duration: number;
    let observed: number;
    if (afterLandmark > followUpMs) {
      duration = settings.followUpDays;
      observed = 0;
    } else {
      duration = afterLandmark / MS_PER_DAY;
      // Confirmed by a later activity, or the gap's last millisecond is at or before asOf.
      observed = (flag & CONFIRMED) !== 0 || c + gapMs - 1 <= asOf ? 1 : 0;
    }
    if ((flag & SEGMENT) !== 0) {
      segmentDurations[inSegment] = duration;
      segmentObserved[inSegment++] = observed;
    } else {
      controlDurations[inControl] = duration;
      controlObserved[inControl++] = observed;
    }
  }
  return {
    segment: { durations: segmentDurations.subarray(0, inSegment), observed: segmentObserved.subarray(0, inSegment) },
    control: { durations: controlDurations.subarray(0, inControl), observed: controlObserved.subarray(0, inControl) },
    notYetAtLandmark,
    churnedBeforeLandmark,
  };
}
