/**
 * The public types of the lifecycle module: the options and results of its functions and
 * the shapes they pass around. Journeys, milestones and event matchers are declared in
 * `core/journey.ts` (retention reads journeys too), the signup accessors in
 * `core/signups.ts` and the shared types in `core/types.ts`; all are re-exported here, so
 * every public type of the module is importable from this one file.
 * @module
 */

import type { EventAccessors } from '../core/events.js';
import type { Journey, JourneyEvent, Milestone } from '../core/journey.js';
import type { Id } from '../core/read.js';
import type { SignupFields } from '../core/signups.js';
import type { Accessor, Estimate, Period, SurvivalQuantile, SurvivalStep, Timestamp, Weekday } from '../core/types.js';

export type { EventMatcher, Journey, JourneyEvent, JourneyEventPredicate, Milestone } from '../core/journey.js';
export type { SignupFields } from '../core/signups.js';

/** Options of {@link activeDays}. */
export interface ActiveDaysOptions {
  /** How many distinct active days reach the milestone: an integer >= 1. */
  readonly atLeast: number;
  /**
   * Only the local calendar days 0 to `windowDays - 1` count, day 0 being the local day of
   * the journey's start, and on it only the events from the start instant on (a whole
   * number of days, >= 1). Omitted: every day counts.
   */
  readonly windowDays?: number;
  /**
   * IANA time zone of the calendar days. Omitted: the zone of the journey (the
   * `timeZone` of `journeys()`, or of the `lifecycle`, `lifecycleFunnel`, `timeToValue`
   * or `conversion` call that evaluates the milestone), UTC for a journey without one.
   */
  readonly timeZone?: string;
}

/** Options of {@link approachingLimit}. */
export interface ApproachingLimitOptions<R = unknown> {
  /** The plan limit, in events (or in units of `value`): a finite number > 0. */
  readonly limit: number;
  /** The share of the limit that triggers, in (0, 1] (default 0.8; leave it out for the default, `null` is an error). */
  readonly share?: number;
  /** Only events from the start to `withinDays` 24-hour days after it count (inclusive). */
  readonly withinDays?: number;
  /**
   * The quantity an event adds (a finite number; negative to take some back, e.g. a
   * removed subscriber). Omitted: each matching event adds 1.
   */
  readonly value?: (event: JourneyEvent<R>) => number;
}

/** The options `conversion` and `compareConversion` share. */
export interface ConversionWindowOptions<R = unknown> {
  /** The milestone where the window opens (default: the journey's start, its signup). */
  readonly entry?: Milestone<R>;
  /** The milestone to reach within the window. */
  readonly goal: Milestone<R>;
  /** Length of the window after `entry`, in days of 24 hours (> 0; fractions allowed: 0.5 = 12 hours). */
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

/** Counts and rate of a conversion over a set of journeys. */
export interface ConversionSummary {
  /** All journeys: `notReachedEntry + pending + eligible`. */
  readonly journeys: number;
  /** Journeys that had not reached `entry` by `asOf`. */
  readonly notReachedEntry: number;
  /** Journeys that reached `entry` but whose window is still open at `asOf`; not in the rate. */
  readonly pending: number;
  /** Pending journeys that have converted already; not in the rate either. */
  readonly pendingConverted: number;
  /** Journeys whose window closed by `asOf`: the denominator of the rate. */
  readonly eligible: number;
  /** Eligible journeys that reached `goal` within the window. */
  readonly converted: number;
  /** `converted / eligible` with its Wilson interval; `null` when no journey is eligible. */
  readonly rate: Estimate | null;
  /** Median days (of 24 hours) from `entry` to `goal` among the converted eligible journeys; `null` when none. */
  readonly medianDaysToConvert: number | null;
}

/** Options of {@link conversion}. */
export type ConversionOptions<R = unknown> = ConversionWindowOptions<R>;

/** Result of {@link conversion}: the counts and rate, with the settings that shaped them. */
export interface ConversionResult extends ConversionSummary {
  /** The `asOf` used, as an ISO-8601 instant in UTC; `null` when there are no journeys and none was given. */
  readonly asOf: string | null;
  /** The local day of `asOf` in `timeZone`, `YYYY-MM-DD`; `null` with it. */
  readonly asOfDate: string | null;
  /** IANA time zone of `asOf` and of the milestones' calendar days. */
  readonly timeZone: string;
  /** Length of the conversion window, in days of 24 hours. */
  readonly withinDays: number;
  /** Confidence level of the intervals. */
  readonly confidence: number;
}

/**
 * Who is in the segment: a predicate `(journey) => boolean`, or a milestone (the journey
 * is in the segment when it reached it at or before its `entry` time).
 */
export type ConversionSegment<R = unknown> = (journey: Journey<R>) => boolean | number | null;

/** Options of {@link compareConversion}. */
export interface CompareConversionOptions<R = unknown> extends ConversionWindowOptions<R> {
  /** Who is in the segment, compared with the control: every other journey. */
  readonly segment: ConversionSegment<R>;
}

/** Result of {@link compareConversion}. */
export interface CompareConversionResult {
  /** The `asOf` used, as an ISO-8601 instant in UTC; `null` when there are no journeys and none was given. */
  readonly asOf: string | null;
  /** The local day of `asOf` in `timeZone`, `YYYY-MM-DD`; `null` with it. */
  readonly asOfDate: string | null;
  /** IANA time zone of `asOf` and of the milestones' calendar days. */
  readonly timeZone: string;
  /** Length of the conversion window, in days of 24 hours. */
  readonly withinDays: number;
  /** Confidence level of the intervals. */
  readonly confidence: number;
  /** The conversion of the journeys in the segment. */
  readonly segment: ConversionSummary;
  /** The conversion of the control: the journeys not in the segment. */
  readonly control: ConversionSummary;
  /**
   * `segment.rate − control.rate` with Newcombe's hybrid score interval; `null` when either
   * group has no eligible journey.
   */
  readonly difference: Estimate | null;
  /** `segment.rate / control.rate − 1`; `null` when either rate is `null` or the control's is 0. */
  readonly relativeLift: number | null;
  /** The pooled two-proportion z statistic; `null` when it is undefined (see below). */
  readonly z: number | null;
  /** Its two-sided p-value, `2 Φ(−|z|)`; `null` when `z` is. */
  readonly pValue: number | null;
}

/** Options of {@link eventCount}. */
export interface EventCountOptions {
  /** How many matching events reach the milestone: an integer >= 1. */
  readonly atLeast: number;
  /**
   * Only events from the journey's start to `withinDays` 24-hour days after it count, both
   * ends included (`0.5` is 12 hours). Omitted: every event counts.
   */
  readonly withinDays?: number;
}

/** What makes a user "new" in {@link growthLifecycle}. */
export type GrowthLifecycleNewBy = 'first-activity' | 'signup';

/** Options of {@link growthLifecycle}. */
export interface GrowthLifecycleOptions<R, S = unknown> extends EventAccessors<R> {
  /** Calendar period: `'day'`, `'week'` or `'month'`. */
  readonly period: Period;
  /** IANA time zone whose calendar periods count (default `'UTC'`). */
  readonly timeZone?: string;
  /** First day of the week, 0 = Sunday ... 6 = Saturday (default 1, Monday). */
  readonly weekStartsOn?: Weekday;
  /** A day (`YYYY-MM-DD`), month (`YYYY-MM`) or instant in the first reported period (default: the first active day). */
  readonly from?: Timestamp;
  /**
   * A day (`YYYY-MM-DD`), month (`YYYY-MM`: its last day) or instant in the last reported
   * period (default: the day of `asOf`); not after the day of `asOf`.
   */
  readonly to?: Timestamp;
  /**
   * The end of the observed data (default: the latest event): events at or before it
   * count, later ones are ignored. A date-only `YYYY-MM-DD` is the end of that local day
   * (its events count and a period ending that day is complete); `YYYY-MM` the end of that
   * month.
   */
  readonly asOf?: Timestamp;
  /**
   * `'first-activity'`: a user is created in the period of their first event. `'signup'`: in
   * the period of their signup (from `signups`). Default: `'signup'` when `signups` is
   * given, else `'first-activity'`.
   */
  readonly newBy?: GrowthLifecycleNewBy;
  /**
   * Signups, one per user: `{ userId, signedUpAt }` (other shapes through `signupFields`).
   * Read only with `newBy: 'signup'`.
   */
  readonly signups?: Iterable<S>;
  /** Accessors for the signups, as in `journeys` (`id` reads the user id; defaults: `userId`, `signedUpAt`). */
  readonly signupFields?: SignupFields<S>;
}

/** The lifecycle counts of one calendar period. */
export interface GrowthLifecyclePeriod {
  /** The period's key: `YYYY-MM-DD` for a day or a week (its first day), `YYYY-MM` for a month. */
  readonly period: string;
  /** First calendar day of the period, `YYYY-MM-DD`. */
  readonly start: string;
  /** Last calendar day of the period, `YYYY-MM-DD`. */
  readonly end: string;
  /**
   * Whether the period is complete at `asOf`: its last local day has ended by `asOf` (a
   * date-only `asOf` completes its own day). Periods are never clipped by `from`/`to` (each
   * counts its whole calendar span), so this is the only way a period is partial: the last
   * one, while its days are still running, with its `dormant` count still growing.
   */
  readonly complete: boolean;
  /** Users created in the period and active in it. */
  readonly new: number;
  /** Users active in the period and in the previous one. */
  readonly returning: number;
  /** Users active in the period, not in the previous one, and created before the period. */
  readonly resurrecting: number;
  /** Users active in the previous period and not in this one, as a negative count (or 0). */
  readonly dormant: number;
  /** Users active in the period: `new + returning + resurrecting`. */
  readonly active: number;
  /** Growth quick ratio `(new + resurrecting) / -dormant`; `null` when `dormant` is 0. */
  readonly quickRatio: number | null;
}

/** Result of {@link growthLifecycle}. */
export interface GrowthLifecycleResult {
  /** IANA time zone whose calendar periods count. */
  readonly timeZone: string;
  /** The calendar period used. */
  readonly period: Period;
  /** First day of the week used, 0 = Sunday ... 6 = Saturday. */
  readonly weekStartsOn: Weekday;
  /** What makes a user new: `'first-activity'` or `'signup'`. */
  readonly newBy: GrowthLifecycleNewBy;
  /** The `asOf` used, as an ISO-8601 instant in UTC; `null` when there are no events and none was given. */
  readonly asOf: string | null;
  /** The local day of `asOf` in `timeZone`, `YYYY-MM-DD`; `null` with it. */
  readonly asOfDate: string | null;
  /** First reported day, `YYYY-MM-DD` (`null` for empty input without a range). */
  readonly from: string | null;
  /** Last reported day, `YYYY-MM-DD` (`null` for empty input without a range). */
  readonly to: string | null;
  /** Every period from the one containing `from` to the one containing `to`. */
  readonly periods: GrowthLifecyclePeriod[];
}

/**
 * Events as parallel columns, read in place: element `i` of each column describes event
 * `i`. `userId` is needed unless `groupBy` names another column (such as `accountId`).
 */
export interface JourneyColumns {
  /** User id of each event. Integer ids skip string hashing. */
  readonly userId?: ArrayLike<Id>;
  /** Instant of each event (epoch ms, `Date` or ISO string; a `Float64Array` of epoch ms is fastest). */
  readonly timestamp: ArrayLike<Timestamp>;
  /** Event name of each event (non-empty strings). */
  readonly name: ArrayLike<string>;
  /** Account id of each event, for `groupBy: 'accountId'`. */
  readonly accountId?: ArrayLike<Id>;
}

/** Options of {@link journeys} and `eachJourney`. */
export interface JourneysOptions<R, S = unknown> {
  /** Reads the user id of an event row (default: `record.userId`); unused with another `groupBy`. */
  readonly userId?: Accessor<R, unknown>;
  /** Reads the instant of an event row (default: `record.timestamp`). */
  readonly timestamp?: Accessor<R, unknown>;
  /** Reads the event name of an event row (default: `record.name`); columns use their `name` column. */
  readonly name?: Accessor<R, unknown>;
  /**
   * What a journey follows: `'userId'` (default), another field such as `'accountId'` (a
   * property of rows, a column of columns), or an accessor (for columns it is called with
   * the event's index).
   */
  readonly groupBy?: string | Accessor<R, unknown>;
  /** Signup rows, one per journey: `{ userId, signedUpAt }` by default (see `signupFields`). */
  readonly signups?: Iterable<S>;
  /** Accessors for the signup rows (`{ id?, signedUpAt? }`; other keys are an error). */
  readonly signupFields?: SignupFields<S>;
  /**
   * IANA time zone of the journeys (default `'UTC'`): date-only timestamps (`YYYY-MM-DD`)
   * are read in it, and every journey carries it as its `timeZone`, so calendar milestones
   * (`activeDays`, `recurring`) count its local days and `lifecycle`, `lifecycleFunnel`,
   * `timeToValue` and `conversion` work in it unless given their own.
   */
  readonly timeZone?: string;
}

/** One named stage of a lifecycle. */
export interface LifecycleStage<R = unknown> {
  /** A non-empty name, unique within the lifecycle. */
  readonly name: string;
  /** When the journey reached the stage; `signed-up` defaults to `journey.start`. */
  readonly milestone: Milestone<R>;
}

/** A stage as the caller lists it: the milestone may be left out for `signed-up` only. */
export interface LifecycleStageInput<R = unknown> {
  /** A non-empty name, unique within the lifecycle. */
  readonly name: string;
  /** When the journey reached the stage; may be left out for `signed-up` only. */
  readonly milestone?: Milestone<R> | undefined;
}

/**
 * The stages of a lifecycle, in order: an array of `{ name, milestone }`, or an object
 * `{ [name]: milestone }` read in property order.
 */
export type LifecycleStages<R = unknown> =
  | readonly LifecycleStageInput<R>[]
  | { readonly [name: string]: Milestone<R> | undefined };

/** Options of {@link lifecycle}. */
export interface LifecycleOptions {
  /**
   * The moment of the classification: a milestone counts when reached at or before it
   * (default: none, every milestone reached counts). A date-only `YYYY-MM-DD` is the end of
   * that local day, so a stage reached at 23:30 that day counts; `YYYY-MM` the end of that
   * month; any other timestamp the instant it names.
   */
  readonly asOf?: Timestamp;
  /**
   * Whether a stage counts only once every earlier stage is reached (default `true`).
   */
  readonly inOrder?: boolean;
  /**
   * IANA time zone of the classification: the `reached` dates, a date-only `asOf`, and the
   * calendar days of milestones without a zone of their own (`activeDays`, `recurring`),
   * which are handed the journey in this zone. Omitted: each journey's own zone (the
   * `timeZone` of `journeys()`; UTC for a journey without one).
   */
  readonly timeZone?: string;
}

/** Where one journey stands: the classifier's answer. */
export interface JourneyStage {
  /** The journey's id. */
  readonly id: Id;
  /** The last stage reached; `null` when none is (a journey that starts after `asOf`). */
  readonly stage: string | null;
  /** Per stage, in stage order: the local date it counted from, `YYYY-MM-DD`, or `null`. */
  readonly reached: { readonly [stage: string]: string | null };
  /** Per stage, in stage order: the instant it counted from, epoch ms, or `null`. */
  readonly at: { readonly [stage: string]: number | null };
}

/**
 * A lifecycle classifier: call it with a journey to get its stage. Its properties echo
 * the settings it was made with.
 */
export interface Lifecycle<R = unknown> {
  (journey: Journey<R>): JourneyStage;
  /** The stages in order, `signed-up` included. */
  readonly stages: readonly LifecycleStage<R>[];
  /**
   * The cut-off as an ISO-8601 instant in UTC; `null` for none, or when it depends on each
   * journey's zone (a date-only `asOf` without `timeZone`).
   */
  readonly asOf: string | null;
  /**
   * The local day of the cut-off, `YYYY-MM-DD`; `null` for none, or when it depends on
   * each journey's zone (an instant `asOf` without `timeZone`).
   */
  readonly asOfDate: string | null;
  /** Whether a stage counts only once every earlier stage is reached. */
  readonly inOrder: boolean;
  /** IANA time zone of the classification; `null` when each journey is read in its own zone. */
  readonly timeZone: string | null;
}

/** Options of {@link lifecycleFunnel}. */
export interface LifecycleFunnelOptions {
  /**
   * The moment of the count: a milestone counts when reached at or before it (default: the
   * classifier's `asOf`, else the latest journey start or event timestamp in the input). A
   * date-only `YYYY-MM-DD` is the end of that local day.
   */
  readonly asOf?: Timestamp;
  /** Whether a stage counts only once every earlier stage is reached (default `true`; with a classifier, its own). */
  readonly inOrder?: boolean;
  /**
   * IANA time zone of a date-only `asOf` and of the calendar milestones without a zone of
   * their own (default: the classifier's, else the journeys' zone, UTC for journeys
   * without one).
   */
  readonly timeZone?: string;
  /** Confidence level of the conversion intervals (default 0.95). */
  readonly confidence?: number;
}

/** One stage of a {@link lifecycleFunnel}. */
export interface LifecycleFunnelStage {
  /** The stage name. */
  readonly name: string;
  /** Journeys whose current stage (the last one reached) is this one. */
  readonly current: number;
  /** Journeys that reached this stage by `asOf`. */
  readonly reached: number;
  /** Journeys that reached this stage and the previous one; `null` for the first stage. */
  readonly reachedFromPrevious: number | null;
  /**
   * `reachedFromPrevious / previous.reached` with its Wilson interval; `null` for the first
   * stage or when no journey reached the previous one.
   */
  readonly conversionFromPrevious: Estimate | null;
  /**
   * Journeys that reached this stage and the first, over those that reached the first,
   * with its Wilson interval; `null` when no journey reached the first stage.
   */
  readonly conversionFromFirst: Estimate | null;
  /**
   * Median time from the previous stage to this one, in days of 24 hours, among the
   * journeys that reached both; `null` for the first stage or when none did.
   */
  readonly medianDaysFromPrevious: number | null;
}

/** Result of {@link lifecycleFunnel}. */
export interface LifecycleFunnelResult {
  /** The `asOf` used, as an ISO-8601 instant in UTC; `null` when there are no journeys and none was given. */
  readonly asOf: string | null;
  /** The local day of `asOf` in `timeZone`, `YYYY-MM-DD`; `null` with it. */
  readonly asOfDate: string | null;
  /** IANA time zone of `asOf` and of the milestones' calendar days. */
  readonly timeZone: string;
  /** Whether a stage counts only once every earlier stage is reached. */
  readonly inOrder: boolean;
  /** Confidence level of the conversion intervals. */
  readonly confidence: number;
  /** Number of journeys: the sum of every stage's `current` and `atNoStage`. */
  readonly journeys: number;
  /** Journeys that reached no stage by `asOf` (with `signed-up` first: those that start after it). */
  readonly atNoStage: number;
  /** The stages, in order. */
  readonly stages: LifecycleFunnelStage[];
}

/** Options of {@link not}. */
export interface NotOptions {
  /** The deadline, in 24-hour days after the journey's start (a finite number > 0). */
  readonly withinDays: number;
}

/** Options of {@link recurring}. */
export interface RecurringOptions {
  /** The calendar period: `'week'` or `'month'` (or `'day'`). */
  readonly period: Period;
  /** In how many distinct periods the event must occur: an integer >= 1. */
  readonly times: number;
  /** Whether the periods must follow each other without a gap (default `false`). */
  readonly consecutive?: boolean;
  /**
   * IANA time zone of the calendar. Omitted: the zone of the journey (the `timeZone` of
   * `journeys()`, or of the call that evaluates the milestone), UTC for a journey without one.
   */
  readonly timeZone?: string;
  /** First day of the week, 0 = Sunday ... 6 = Saturday (default 1, Monday). */
  readonly weekStartsOn?: Weekday;
}

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
  /** Unit of `median`, `p75`, `p90` and the `curve`'s times: `'days'` (default; fractional) or `'hours'`. */
  readonly unit?: TimeToValueUnit;
  /** Confidence level of the intervals (default 0.95). */
  readonly confidence?: number;
  /**
   * IANA time zone of a date-only `asOf` and of the calendar milestones without a zone of
   * their own (default: the journeys' zone, UTC for journeys without one).
   */
  readonly timeZone?: string;
}

/** The share of journeys that reached the milestone within some days, with its interval. */
export interface TimeToValueShare {
  /** `1 - S(horizon)`, in [0, 1]. */
  readonly value: number;
  /** Lower interval bound; `null` only when every journey still observed had reached it (`value` 1: Greenwood's interval is undefined). */
  readonly lower: number | null;
  /** Upper interval bound; `null` when `lower` is. */
  readonly upper: number | null;
}

/** One horizon of {@link TimeToValueResult.reachedWithin}. */
export interface TimeToValueWithin {
  /** The horizon (one of `horizons`), in days of 24 hours from the journey's start. */
  readonly horizon: number;
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
  /** Unit of `median`, `p75`, `p90` and the `curve`'s times. */
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
  /**
   * The time, in `unit`, by which half the journeys reach the milestone, with its interval
   * from the same search on the interval's curves. Never `null` itself: `value` is `null`
   * when fewer than half are estimated to have reached it, a bound is `null` when its
   * curve never gets that low (common for `upper`: not enough data to bound it).
   */
  readonly median: SurvivalQuantile;
  /** The time by which 75 % reach it, shaped as `median`. */
  readonly p75: SurvivalQuantile;
  /** The time by which 90 % reach it, shaped as `median`. */
  readonly p90: SurvivalQuantile;
  /**
   * The Kaplan–Meier curve of "not reached yet", one step per distinct time (in `unit`),
   * ascending: `survival` is the estimated share that has not reached the milestone after
   * `time`. The shape of `kaplanMeier().curve`, so `retentionChart` draws it as it is.
   */
  readonly curve: SurvivalStep[];
  /** The share reached within each of `horizons`, in their order. */
  readonly reachedWithin: TimeToValueWithin[];
}
