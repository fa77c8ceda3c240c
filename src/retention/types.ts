/**
 * The public types of the retention module: the options, results and rows of
 * `cohortRetention` (and its accumulator), `kaplanMeier`, `logRank`, `compareRetention` and
 * `findAha`, and the shared types they use. Declared here, in a public file, so the
 * function files and their `internal/` helpers import them without importing each other.
 * @module
 */

import type { AsOfEcho } from '../core/as-of.js';
import type { EventAccessors, Events } from '../core/events.js';
import type { EventMatcher, Milestone } from '../core/journey.js';
import type { Id } from '../core/read.js';
import type { SignupFields } from '../core/signups.js';
import type { Accessor, Estimate, Period, SurvivalQuantile, SurvivalStep, Timestamp, Weekday } from '../core/types.js';

export type { SignupFields } from '../core/signups.js';

// ---------------------------------------------------------------------------------------
// Survival subjects: kaplanMeier and logRank
// ---------------------------------------------------------------------------------------

/**
 * The transform of the survival intervals, as R's `survfit(conf.type =)`: `'log'` (R's
 * default) `S exp(±z σ)`, `'log-log'` `exp(-exp(log(-log S) ∓ z σ / log S))`, `'plain'`
 * `S ± z S σ`.
 */
export type KaplanMeierConfType = 'log' | 'log-log' | 'plain';

/** A subject of a survival analysis: time to the event or to censoring, and whether the event was observed. */
export interface Subject {
  /** Time from the start to the event (churn) or to censoring (still retained when last seen): finite, >= 0, in any unit. */
  readonly duration: number;
  /** `true`: the event happened at `duration`; `false`: censored (not seen to happen by then). */
  readonly observed: boolean;
}

/** Accessors for subject records with other field names: `{ duration: (r) => r.days, observed: (r) => r.churned }`. */
export interface SubjectAccessors<R> {
  /** Reads the duration of a record (default: its `duration` property). */
  readonly duration?: Accessor<R, number>;
  /** Reads whether the event was observed (default: its `observed` property). */
  readonly observed?: Accessor<R, boolean>;
}

/** Options of `kaplanMeier`. */
export interface KaplanMeierOptions<R> extends SubjectAccessors<R> {
  /** Confidence level of the intervals, strictly between 0 and 1 (default 0.95). */
  readonly confidence?: number;
  /** Interval transform, as R's `conf.type`: `'log'` (default, R's), `'log-log'` or `'plain'`. */
  readonly confType?: KaplanMeierConfType;
  /** Times at which to read the survival into `at` (finite, >= 0; default none). */
  readonly times?: readonly number[];
  /** Shares of subjects with the event whose times go into `quantiles` (each from 0 to 1; default `[0.25, 0.5, 0.75]`). */
  readonly quantiles?: readonly number[];
}

/**
 * The time by which a share `probability` of the subjects has had the event (R's
 * `quantile(fit, probability)`): a {@link SurvivalQuantile} with its probability.
 */
export interface KaplanMeierQuantile extends SurvivalQuantile {
  /** The requested share of subjects with the event. */
  readonly probability: number;
}

/** The survival at a requested time. */
export interface KaplanMeierAt {
  /** The requested time. */
  readonly time: number;
  /** S(time); `null` after the last duration (not observed that long) unless the curve has reached 0. */
  readonly survival: number | null;
  /** Standard error of `survival`; `null` with `survival`, and where the curve is 0. */
  readonly standardError: number | null;
  /** Lower interval bound; `null` with `survival`, and where the curve is 0. */
  readonly lower: number | null;
  /** Upper interval bound; `null` with `survival`, and where the curve is 0. */
  readonly upper: number | null;
}

/** Result of `kaplanMeier`. */
export interface KaplanMeierResult {
  /** Number of subjects. */
  readonly n: number;
  /** Subjects with the event observed. */
  readonly events: number;
  /** Censored subjects. */
  readonly censored: number;
  /** Confidence level of the intervals. */
  readonly confidence: number;
  /** Interval transform, as R's `conf.type`. */
  readonly confType: KaplanMeierConfType;
  /** One step per distinct duration, ascending: the shape `retentionChart` draws. */
  readonly curve: SurvivalStep[];
  /**
   * The time by which half have had the event, with its interval: the 0.5 quantile. Never
   * `null` itself: `{ value: null, lower: null, upper: null }` when the curve never falls to
   * 0.5 (or there are no subjects); a bound is `null` when its curve never gets that low.
   */
  readonly median: SurvivalQuantile;
  /** One entry per requested share, in the order given. */
  readonly quantiles: KaplanMeierQuantile[];
  /** One entry per requested time, in the order given. */
  readonly at: KaplanMeierAt[];
}

/** Options of `logRank`: accessors for subject records with other field names. */
export type LogRankOptions<R> = SubjectAccessors<R>;

/** The figures of one group, in the order the groups were given (R's `survdiff` table). */
export interface LogRankGroupResult {
  /** The group's 0-based position in the input (`logRank(a, b)`: 0 for `a`, 1 for `b`). */
  readonly group: number;
  /** Subjects in the group. */
  readonly n: number;
  /** Events observed, `O` (R's `obs`): as `kaplanMeier`'s `events` of the same subjects. */
  readonly events: number;
  /** Events expected, `E`, under the hypothesis that all groups share one survival curve (R's `exp`). */
  readonly expectedEvents: number;
  /** `(O - E)² / E`; `null` when `E` is 0 (no subject at risk at any event time). */
  readonly squaredDeviationOverExpected: number | null;
  /** `(O - E)² / V` with `V` the group's variance; `null` when `V` is 0. */
  readonly squaredDeviationOverVariance: number | null;
}

/** Result of `logRank`. */
export interface LogRankResult {
  /** The log-rank statistic, >= 0; 0 when there is nothing to test. */
  readonly chiSquare: number;
  /** k - 1 for k groups with expected events (fewer when some have none); 0 when there is no test. */
  readonly degreesOfFreedom: number;
  /** `P(χ²(degreesOfFreedom) > chiSquare)`, in [0, 1]; `null` when `degreesOfFreedom` is 0. */
  readonly pValue: number | null;
  /** One entry per group, in the order given. */
  readonly groups: LogRankGroupResult[];
  /** The k × k variance–covariance matrix of `O - E` (R's `survdiff(...)$var`). */
  readonly variance: number[][];
}

// ---------------------------------------------------------------------------------------
// compareRetention
// ---------------------------------------------------------------------------------------

/** Options of `compareRetention`. */
export interface CompareRetentionOptions<R = unknown> {
  /** The milestone that defines the segment (the "aha" moment): reached by the landmark = in the segment. */
  readonly segment: Milestone<R>;
  /** Days of 24 hours from the start to the landmark, where users are classified: a finite number >= 0. */
  readonly landmarkDays: number;
  /** Days of 24 hours from the start to the end of the follow-up: a finite number > `landmarkDays`. */
  readonly horizonDays: number;
  /**
   * The moment of the evaluation (default: the latest journey start or event timestamp),
   * inclusive: activity at or before it counts. A date `YYYY-MM-DD` is the end of that
   * local day in the call's zone (its events count).
   */
  readonly asOf?: Timestamp;
  /** Days without activity that make a churn (default 14): a finite number > 0. */
  readonly inactivityDays?: number;
  /**
   * Days after the landmark at which to report retention: finite numbers from 0 to
   * `horizonDays − landmarkDays` (default: those of 7, 30 and 60 that fit, else the end of
   * the follow-up).
   */
  readonly retentionDays?: readonly number[];
  /** Which events count as activity (an event name or a predicate; default: every event). The start always counts. */
  readonly activity?: EventMatcher<R>;
  /** Confidence level of the intervals (default 0.95). */
  readonly confidence?: number;
  /** Transform of the survival intervals, as R's `conf.type` (default `'log'`). */
  readonly confType?: KaplanMeierConfType;
  /**
   * IANA time zone of the call: of a date-only `asOf`, of the `asOfDate` echo and of
   * calendar milestones without a zone of their own, which get the journeys in it (default:
   * the zone the journeys carry, one zone for all; UTC without journeys).
   */
  readonly timeZone?: string;
}

/** The survival of a group at one time, with its Greenwood standard error and interval. */
export interface SurvivalEstimate {
  /** S(time). */
  readonly value: number;
  /** Greenwood standard error of `value`; `null` where the curve has reached 0. */
  readonly standardError: number | null;
  /** Lower interval bound; `null` where the curve has reached 0. */
  readonly lower: number | null;
  /** Upper interval bound; `null` where the curve has reached 0. */
  readonly upper: number | null;
}

/** One group of {@link CompareRetentionResult}: its Kaplan–Meier curve of time to churn after the landmark. */
export interface RetentionGroup {
  /** Users in the group. */
  readonly users: number;
  /** Users whose churn was observed within the follow-up. */
  readonly churned: number;
  /** Users censored (still retained, or not known to have churned, at their last observation). */
  readonly censored: number;
  /** The curve, one step per distinct time, in days after the landmark (`kaplanMeier`'s step shape). */
  readonly curve: SurvivalStep[];
  /** Median time to churn after the landmark, in days, with its interval (parts `null` when not reached). */
  readonly median: SurvivalQuantile;
}

/** Retention of both groups at one day after the landmark. */
export interface RetentionAtDay {
  /** Days after the landmark. */
  readonly day: number;
  /** S(day) of the segment with its interval; `null` when no segment user was followed that long. */
  readonly segment: SurvivalEstimate | null;
  /** S(day) of the control group; `null` likewise. */
  readonly control: SurvivalEstimate | null;
  /** `segment − control` with a normal-approximation interval; `null` when either side (or its standard error) is missing. */
  readonly difference: Estimate | null;
  /** `segment / control − 1`; `null` when either is missing or the control's is 0. */
  readonly relativeLift: number | null;
}

/** One side of {@link RetentionLogRank}: its observed and expected churns. */
export interface RetentionLogRankGroup {
  /** Churns observed in the group (`O`). */
  readonly events: number;
  /** Churns expected in the group if both groups shared one curve (`E`). */
  readonly expectedEvents: number;
}

/** The log-rank test of the two curves. */
export interface RetentionLogRank {
  /** The log-rank chi-square statistic. */
  readonly chiSquare: number;
  /** 1, or 0 when there is no test (a group empty, or no churn at all). */
  readonly degreesOfFreedom: number;
  /** `null` when there is no test. */
  readonly pValue: number | null;
  /** The segment's observed and expected churns. */
  readonly segment: RetentionLogRankGroup;
  /** The control group's observed and expected churns. */
  readonly control: RetentionLogRankGroup;
}

/**
 * Result of `compareRetention`. `asOf` is the instant in force (ISO, UTC) and `asOfDate`
 * its local day in `timeZone`; both `null` when there are no journeys and none was given.
 */
export interface CompareRetentionResult extends AsOfEcho {
  /** IANA time zone of the call (given, else the journeys'): of a date-only `asOf`, `asOfDate` and the milestones. */
  readonly timeZone: string;
  /** Days of 24 hours from the start to the landmark. */
  readonly landmarkDays: number;
  /** Days of 24 hours from the start to the end of the follow-up. */
  readonly horizonDays: number;
  /** `horizonDays − landmarkDays`: the longest follow-up after the landmark. */
  readonly followUpDays: number;
  /** Days without activity that make a churn. */
  readonly inactivityDays: number;
  /** Days after the landmark at which retention is reported. */
  readonly retentionDays: number[];
  /** Confidence level of the intervals. */
  readonly confidence: number;
  /** Transform of the survival intervals, as R's `conf.type`. */
  readonly confType: KaplanMeierConfType;
  /** All journeys: `segment.users + control.users + leftOut.notYetAtLandmark + leftOut.churnedBeforeLandmark`. */
  readonly journeys: number;
  /** Journeys left out of both groups, by reason. */
  readonly leftOut: {
    /** The landmark lies after `asOf`: not classifiable yet. */
    readonly notYetAtLandmark: number;
    /** No activity in the `inactivityDays` before the landmark: churned before it. */
    readonly churnedBeforeLandmark: number;
  };
  /** Users who reached the milestone by the landmark. */
  readonly segment: RetentionGroup;
  /** Users who had not. */
  readonly control: RetentionGroup;
  /** Retention at each of `retentionDays`. */
  readonly retention: RetentionAtDay[];
  /** Log-rank test of the segment's curve against the control's. */
  readonly logRank: RetentionLogRank;
}

// ---------------------------------------------------------------------------------------
// findAha
// ---------------------------------------------------------------------------------------

/** One candidate behaviour of `findAha`: an event (name or predicate) and the minimum counts to try. */
export interface AhaCandidate<R = unknown> {
  /** The event: a name or a predicate on the journey's events. */
  readonly event: EventMatcher<R>;
  /** Minimum counts within the landmark to try: integers >= 1 (default 1 to 5). */
  readonly counts?: readonly number[];
  /** Label in the result (default: the event name; for a predicate, `candidates[i]`). */
  readonly name?: string;
}

/**
 * What counts as retained: activity on some day of `retainedOn: [fromDay, toDay]` (day
 * `n` = the `n`-th 24 hours after the start, day 0 the first), or still active at
 * `activeAtDay` (activity after the landmark within the `inactivityDays` before it).
 */
export type AhaTarget =
  | {
      /** Retained when active on some day from `fromDay` to `toDay` after signup. */
      readonly retainedOn: readonly [number, number];
    }
  | {
      /** Retained when active after the landmark within the `inactivityDays` before this day. */
      readonly activeAtDay: number;
    };

/** Options of `findAha`. */
export interface FindAhaOptions<R = unknown> {
  /** The behaviours to try: event names (counts 1 to 5) or `{ event, counts?, name? }`. */
  readonly candidates: readonly (string | AhaCandidate<R>)[];
  /** The first days of 24 hours after the start in which the behaviour must happen: a finite number > 0. */
  readonly landmarkDays: number;
  /** What counts as retained; it must lie after the landmark. */
  readonly target: AhaTarget;
  /**
   * The moment of the evaluation (default: the latest journey start or event timestamp),
   * inclusive: activity at or before it counts. A date `YYYY-MM-DD` is the end of that
   * local day in the call's zone (its events count; a target window ending with it is complete).
   */
  readonly asOf?: Timestamp;
  /** Days without activity that make a churn (default 14), for "active at the landmark" and `activeAtDay`. */
  readonly inactivityDays?: number;
  /** Which events count as activity (default: every event). The start always counts. */
  readonly activity?: EventMatcher<R>;
  /** A candidate milestone is ranked in `best` only when at least this many users did it and as many did not (default 10). */
  readonly minUsers?: number;
  /** Confidence level of the intervals (default 0.95). */
  readonly confidence?: number;
  /**
   * IANA time zone of the call: of a date-only `asOf` and of the `asOfDate` echo (default:
   * the zone the journeys carry, one zone for all; UTC without journeys).
   */
  readonly timeZone?: string;
}

/** How predictive a phi coefficient is, in Amplitude Compass's words (on |phi|). */
export type AhaBand = 'highly-predictive' | 'moderately-predictive' | 'slightly-predictive' | 'not-predictive';

/** The four cells of a candidate's 2×2 table: did the behaviour or did not × retained or churned. */
export interface AhaTable {
  /** Did the behaviour and were retained. */
  readonly didRetained: number;
  /** Did the behaviour and were not retained. */
  readonly didChurned: number;
  /** Did not do the behaviour and were retained. */
  readonly didNotRetained: number;
  /** Did not do the behaviour and were not retained. */
  readonly didNotChurned: number;
}

/** The figures of one candidate milestone, from its {@link AhaTable}. */
export interface AhaFigures {
  /** Users who did it: `didRetained + didChurned`. */
  readonly users: number;
  /** Share of the users who did it, with its Wilson interval; `null` when there are no users. */
  readonly share: Estimate | null;
  /** Retention of those who did it (Wilson); `null` when none did. */
  readonly retainedIfDid: Estimate | null;
  /** Retention of those who did not (Wilson); `null` when everyone did. */
  readonly retainedIfNot: Estimate | null;
  /** `retainedIfDid − retainedIfNot` with Newcombe's hybrid score interval; `null` when either is. */
  readonly difference: Estimate | null;
  /** `retainedIfDid / retainedIfNot − 1`; `null` when either is `null` or the latter is 0. */
  readonly relativeLift: number | null;
  /** The phi coefficient of the table, in [-1, 1]; `null` when a row or column is empty. */
  readonly phi: number | null;
  /** Amplitude Compass's band of |phi|; `null` when phi is. */
  readonly band: AhaBand | null;
  /** P(retained | did) = `retainedIfDid.value`; `null` when none did. */
  readonly precision: number | null;
  /** P(did | retained); `null` when nobody was retained. */
  readonly recall: number | null;
  /** The four cells of the table. */
  readonly table: AhaTable;
}

/** The result for one candidate milestone: its event done at least `count` times within the landmark. */
export interface AhaCandidateResult extends AhaFigures {
  /** The candidate's label (its event name, or its `name`). */
  readonly label: string;
  /** The minimum count. */
  readonly count: number;
  /** Whether at least `minUsers` did it and at least `minUsers` did not. */
  readonly enoughUsers: boolean;
}

/**
 * Result of `findAha`. `asOf` is the instant in force (ISO, UTC) and `asOfDate` its local
 * day in `timeZone`; both `null` when there are no journeys and none was given.
 */
export interface FindAhaResult extends AsOfEcho {
  /** IANA time zone of the call (given, else the journeys'): of a date-only `asOf` and of `asOfDate`. */
  readonly timeZone: string;
  /** The first days of 24 hours after the start in which the behaviour must happen. */
  readonly landmarkDays: number;
  /** What counts as retained. */
  readonly target: AhaTarget;
  /** Days without activity that make a churn. */
  readonly inactivityDays: number;
  /** Users needed on each side for a candidate milestone to be ranked in `best`. */
  readonly minUsers: number;
  /** Confidence level of the intervals. */
  readonly confidence: number;
  /** All journeys: `users + leftOut.notObservable + leftOut.churnedBeforeLandmark`. */
  readonly journeys: number;
  /** Users analysed: target observable by `asOf` and active at the landmark. */
  readonly users: number;
  /** Users analysed who were retained. */
  readonly retained: number;
  /** `retained / users` with its Wilson interval: the baseline; `null` without users. */
  readonly retention: Estimate | null;
  /** Journeys left out of the analysis, by reason. */
  readonly leftOut: {
    /** The target window is not complete at `asOf` (it ends after it): pending, not counted as churned. */
    readonly notObservable: number;
    /** No activity in the `inactivityDays` before the landmark. */
    readonly churnedBeforeLandmark: number;
  };
  /** Every candidate × count, by phi descending (`null` phi last), then candidate order, then count. */
  readonly milestones: AhaCandidateResult[];
  /**
   * Per candidate, its milestone with the highest phi among those with enough users (ties:
   * the smallest count), by phi descending; a candidate without one is absent.
   */
  readonly best: AhaCandidateResult[];
}

// ---------------------------------------------------------------------------------------
// cohortRetention and its accumulator
// ---------------------------------------------------------------------------------------

/** How a cohort cell counts a user: active in exactly interval k (`'n-day'`), in k or later (`'unbounded'`), or in a custom range of intervals (`'bracket'`). */
export type RetentionMode = 'n-day' | 'unbounded' | 'bracket';

/** Options of `cohortRetention`. */
export interface CohortRetentionOptions<R, S = unknown> extends EventAccessors<R> {
  /** Calendar period that groups users into cohorts by their start. */
  readonly cohort: Period;
  /** Length of the retention intervals: calendar periods, or 24-hour multiples with `rolling`. */
  readonly interval: Period;
  /**
   * Index of the last interval reported: the table has columns 0..lastPeriod (an integer
   * >= 0; optional in bracket mode, where it defaults to the largest bracket end).
   */
  readonly lastPeriod?: number;
  /** `'n-day'` (default), `'unbounded'` or `'bracket'`. */
  readonly mode?: RetentionMode;
  /** Bracket mode: ranges `[first, last]` of interval indices, inclusive, e.g. `[[1, 7], [8, 14], [15, 30]]`. */
  readonly brackets?: readonly (readonly [number, number])[];
  /**
   * End of the observed data (default: the latest event), inclusive: events and signups at
   * or before it count, later ones are ignored. A date `YYYY-MM-DD` is the end of that
   * local day (its events count and it is complete); `YYYY-MM` the end of that month.
   */
  readonly asOf?: Timestamp;
  /** IANA time zone of the calendar (default `'UTC'`). */
  readonly timeZone?: string;
  /** First day of the week, 0 = Sunday ... 6 = Saturday (default 1, Monday). */
  readonly weekStartsOn?: Weekday;
  /**
   * What starts a user: `'first-activity'` (their first event; the default without
   * `signups`), `'signup'` (their row in `signups`; the default with it) or an event name
   * (their first event of that name).
   */
  readonly start?: string;
  /** Signups `{ userId, signedUpAt }`, one per user (other shapes through `signupFields`). */
  readonly signups?: Iterable<S>;
  /** Accessors for the signups (`id`, `signedUpAt`), as `journeys` and `growthLifecycle` read them. */
  readonly signupFields?: SignupFields<S>;
  /** Recurring cohorts: a user joins the cohort of every period in which they start (default false). */
  readonly recurring?: boolean;
  /** Rolling windows of 24 hours (7 × 24 for weeks, 30 × 24 for months) from the start instant (default false). */
  readonly rolling?: boolean;
  /** Reads the event name (default `record.name`; columns: the `name` column), for an event `start`. */
  readonly name?: Accessor<R, unknown>;
}

/** One cohort's row of the table. */
export interface CohortRetentionRow {
  /** The cohort's period: `YYYY-MM-DD` (a day, or a week's first day) or `YYYY-MM`. */
  readonly cohort: string;
  /**
   * Whether the cohort's period is complete at `asOf` (its last local day has ended by
   * `asOf`), so no user can still join it and `size` is final. A row that is not complete
   * has only `null` cells.
   */
  readonly complete: boolean;
  /** Users (recurring: user-starts) in the cohort. */
  readonly size: number;
  /**
   * Retained users per column; `null` (pending, never 0) where the column's interval is not
   * complete at `asOf` for every member the cohort can have.
   */
  readonly counts: (number | null)[];
  /** `counts / size`; `null` where the count is `null` or the cohort is empty. */
  readonly rates: (number | null)[];
}

/** Result of `cohortRetention`: the settings, the `asOf` echo (`asOf`, `asOfDate`) and the table. */
export interface CohortRetentionResult extends AsOfEcho {
  /** Calendar period that groups users into cohorts. */
  readonly cohort: Period;
  /** Length of the retention intervals. */
  readonly interval: Period;
  /** The retention mode used. */
  readonly mode: RetentionMode;
  /** Index of the last interval reported: columns 0..lastPeriod (bracket mode: the largest interval the brackets may reach). */
  readonly lastPeriod: number;
  /** The brackets (bracket mode), else `null`. */
  readonly brackets: [number, number][] | null;
  /** What starts a user: `'first-activity'`, `'signup'` or an event name. */
  readonly start: string;
  /** Whether cohorts are recurring. */
  readonly recurring: boolean;
  /** Whether intervals are rolling windows of 24 hours. */
  readonly rolling: boolean;
  /** IANA time zone of the calendar. */
  readonly timeZone: string;
  /** First day of the week used, 0 = Sunday ... 6 = Saturday. */
  readonly weekStartsOn: Weekday;
  /** Every cohort period from the first to the last with a member; empty ones have size 0. */
  readonly cohorts: CohortRetentionRow[];
  /** Size-weighted mean over the cohorts observed in each column. */
  readonly mean: {
    /** Retained users summed over the cohorts observed in the column. */
    readonly counts: number[];
    /** Sizes summed over the same cohorts. */
    readonly sizes: number[];
    /** `counts / sizes`; `null` where no cohort (or only empty ones) is observed. */
    readonly rates: (number | null)[];
  };
  /** Users with events but no start (no signup row, or never did the start event). */
  readonly withoutStart: number;
}

/** Options of `cohortRetentionAccumulator`: those of `cohortRetention`, all of them. */
export type CohortRetentionAccumulatorOptions<R, S = unknown> = CohortRetentionOptions<R, S>;

/**
 * The serialized state of a {@link CohortRetentionAccumulator}: per user, the local days
 * with activity (with `rolling`, the local half-days with their earliest and latest event
 * instant) and, with an event `start`, the same for that event; plus the latest instant.
 * Plain JSON; canonical, so the same events give a deep-equal state whatever their order,
 * batching, sharding and merge order. Users are sorted numbers first (numerically), then
 * strings by UTF-16 code units; only users with an event kept (at or before `asOf`) appear.
 * Signups are not part of it: `result()` reads them from the options.
 */
export interface CohortRetentionState {
  /** What this is: always `'customer-success-metrics/cohort-retention'`. */
  readonly kind: 'customer-success-metrics/cohort-retention';
  /** Format version: 1. */
  readonly version: 1;
  /** IANA time zone whose local days `days` counts; a state merges only into an accumulator of the same zone name. */
  readonly timeZone: string;
  /** Whether the accumulator has `rolling` windows, so `days` holds half-days with instants; must match to merge. */
  readonly rolling: boolean;
  /** What starts a user (`'first-activity'`, `'signup'` or an event name); must match to merge. */
  readonly start: string;
  /**
   * The accumulator's `asOf` in epoch ms (later events were left out; one at `asOf` is
   * kept), `null` when none was given; must match to merge. A date `asOf` is stored as the
   * last millisecond of that local day (`'2024-03-06'` in UTC: 1709769599999).
   */
  readonly asOf: number | null;
  /** The latest event instant kept, epoch ms (the default `asOf`); `null` when no event was kept. */
  readonly latest: number | null;
  /** The users with at least one event kept, in canonical order. */
  readonly users: Id[];
  /** Number of entries of `days` of each user, parallel to `users` (each at least 1). */
  readonly dayCounts: number[];
  /**
   * The users' active days, user after user (`dayCounts[i]` for user `i`), ascending within
   * a user: local calendar days in `timeZone` as day numbers, days since 1970-01-01 (19783
   * is 2024-03-01). With `rolling`, half-days instead: 2 × day number, + 1 from local noon.
   */
  readonly days: number[];
  /** With `rolling`: the earliest event instant (epoch ms) in each half-day of `days`; otherwise `null`. */
  readonly first: number[] | null;
  /** With `rolling`: the latest event instant (epoch ms) in each half-day of `days`; otherwise `null`. */
  readonly last: number[] | null;
  /** With an event `start`: number of entries of `startDays` of each user, parallel to `users` (0 or more); otherwise `null`. */
  readonly startCounts: number[] | null;
  /** With an event `start`: the days (with `rolling`, half-days) of each user's start events, as `days`; otherwise `null`. */
  readonly startDays: number[] | null;
  /** With an event `start` and `rolling`: the earliest start-event instant in each half-day of `startDays`; otherwise `null`. */
  readonly startFirst: number[] | null;
}

/** An incremental `cohortRetention`: feed events in batches, serialize, merge, read the table. */
export interface CohortRetentionAccumulator<R> {
  /**
   * Adds a batch of events (rows, or columns), validated as `cohortRetention` validates
   * them, error paths indexed within the batch. When a record is rejected, the records of
   * the batch before it have been added.
   */
  add(events: Events<R>): this;
  /**
   * Adds every item of a source: a record, an array of records, or a columns batch. Error
   * paths give the record's position in the whole source (`events[1000041].timestamp`).
   */
  addAsync(source: AsyncIterable<unknown> | Iterable<unknown>): Promise<this>;
  /** Adds the data of another accumulator or of a state (same `timeZone`, `rolling`, `start` and `asOf`). */
  merge(other: CohortRetentionState | CohortRetentionAccumulator<R>): this;
  /** The state: plain JSON in canonical order, fresh arrays on every call. */
  state(): CohortRetentionState;
  /** `cohortRetention` of every event added and merged, with the creation options (signups included). */
  result(): CohortRetentionResult;
}
