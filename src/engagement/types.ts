/**
 * The public types of the engagement module: options, results and rows of every function,
 * with the option keys each function declares once beside its options interface. Function
 * files and `internal/` helpers import from here; this file imports only core.
 * @module
 */

import type { AsOfEcho } from '../core/as-of.js';
import type { AccountEventAccessors, EventAccessors, Events } from '../core/events.js';
import type { Id } from '../core/read.js';
import type { Accessor, Estimate, Period, Timestamp, Weekday } from '../core/types.js';

export type { AccountEventAccessors, AccountEventColumns, AccountEvents, EventAccessors, EventColumns, Events } from '../core/events.js';

// ---------------------------------------------------------------------------------------
// Shared by the active-user functions (activeUsers, its accumulator, activeUsersByPeriod,
// stickiness)

/** Groups events by a field: its name (rows and columns), or an accessor (rows). */
export type GroupBy<R> = string | Accessor<R, unknown>;

/** Options every active-user function shares (each function adds its own, `asOf` among them). */
export interface ActiveUsersBaseOptions<R> extends EventAccessors<R> {
  /** IANA time zone whose calendar days count (default `'UTC'`). */
  readonly timeZone?: string;
  /**
   * Group the figures, e.g. `'accountId'` for the users of each account: the result keeps
   * the overall figures (every user counted once) and adds `groups: [{ group, ... }]`.
   */
  readonly groupBy?: GroupBy<R>;
  /**
   * First day reported, whole days (`YYYY-MM-DD`, a month `YYYY-MM` meaning its first day,
   * or any timestamp meaning its local day; default: the first active day).
   */
  readonly from?: Timestamp;
  /**
   * Last day reported, inclusive, whole days (a month `YYYY-MM` means its last day;
   * default: the local day of `asOf`). Never later than the day of `asOf`.
   */
  readonly to?: Timestamp;
}

/** The keys of {@link ActiveUsersBaseOptions}, shared by every active-user function's key list. */
export const ACTIVE_USERS_BASE_OPTION_KEYS = ['userId', 'timestamp', 'timeZone', 'groupBy', 'from', 'to'] as const;

// ---------------------------------------------------------------------------------------
// activeUsers and activeUsersAccumulator

/** Window lengths, in days, of the rolling active-user counts. */
export interface ActiveUserWindows {
  /** Days in the WAU window (default 7). */
  readonly wau?: number;
  /** Days in the MAU window (default 30; 28 is a common choice, four whole weeks). */
  readonly mau?: number;
}

/** The keys of {@link ActiveUserWindows}, checked at `options.windows`. */
export const ACTIVE_USER_WINDOW_KEYS = ['wau', 'mau'] as const;

/** Options of `activeUsers`. */
export interface ActiveUsersOptions<R> extends ActiveUsersBaseOptions<R> {
  /** Rolling window lengths (default `{ wau: 7, mau: 30 }`). */
  readonly windows?: ActiveUserWindows;
  /**
   * "Now": events after it are left out, and the days up to its local day are reported;
   * a day is complete once `asOf` reaches its end. A date `YYYY-MM-DD` is the end of that
   * local day (that day counts in full), a month `YYYY-MM` the end of the month, any other
   * timestamp the instant it names (an event exactly at `asOf` counts). Default: the latest
   * event, so the last day is usually still in progress (`complete: false`).
   */
  readonly asOf?: Timestamp;
}

/** The option keys of `activeUsers` and `activeUsersAccumulator`. */
export const ACTIVE_USERS_OPTION_KEYS = [...ACTIVE_USERS_BASE_OPTION_KEYS, 'windows', 'asOf'] as const;

/** Active users on one day. */
export interface ActiveUsersDay {
  /** The local calendar day, `YYYY-MM-DD`. */
  readonly date: string;
  /**
   * Whether the day had ended by `asOf`. A day still in progress (`false`, usually the
   * last one with the default `asOf`) has partial counts: its DAU is not the day's DAU yet.
   */
  readonly complete: boolean;
  /** Users active on the day. */
  readonly dau: number;
  /** Users active on at least one of the `wau` days ending on and including the day. */
  readonly wau: number;
  /** Users active on at least one of the `mau` days ending on and including the day. */
  readonly mau: number;
  /** DAU / MAU (stickiness), `null` when MAU is 0. */
  readonly dauMau: number | null;
  /** WAU / MAU, `null` when MAU is 0. */
  readonly wauMau: number | null;
}

/** Result of `activeUsers`. */
export interface ActiveUsersResult extends AsOfEcho {
  /** IANA time zone the days are counted in. */
  readonly timeZone: string;
  /** Rolling window lengths used, in days. */
  readonly windows: {
    /** Days in the WAU window. */
    readonly wau: number;
    /** Days in the MAU window. */
    readonly mau: number;
  };
  /** First reported day, `YYYY-MM-DD`; `null` when there is nothing to report. */
  readonly from: string | null;
  /** Last reported day, `YYYY-MM-DD` (at the latest the day of `asOf`); `null` when there is nothing to report. */
  readonly to: string | null;
  /** Every day from `from` to `to`, days without activity included (with `groupBy`: every user, once). */
  readonly days: ActiveUsersDay[];
}

/** One group's series in a grouped `activeUsers` result. */
export interface ActiveUsersGroup {
  /** The group's id (e.g. the account id). */
  readonly group: Id;
  /** The group's daily series over the same range as the overall one. */
  readonly days: ActiveUsersDay[];
}

/** Result of `activeUsers` with `groupBy`: the overall series (`days`) and one series per group. */
export interface GroupedActiveUsersResult extends ActiveUsersResult {
  /** One series per group, in order of the group's first event (the accumulator: in id order). */
  readonly groups: ActiveUsersGroup[];
}

/** Options of `activeUsersAccumulator`: those of `activeUsers`, all of them. */
export type ActiveUsersAccumulatorOptions<R> = ActiveUsersOptions<R>;

/**
 * The serialized state of an {@link ActiveUsersAccumulator}: the distinct active days of
 * each unit (a user, or with `groupBy` a (group, user) pair), and the latest event instant
 * counted. Plain JSON; canonical, so the same events give a deep-equal state whatever
 * their order, batching, sharding and merge order. Units are sorted by (group id, user
 * id), ids ordered numbers first (numerically), then strings by UTF-16 code units.
 */
export interface ActiveUsersState {
  /** What this is: always `'customer-success-metrics/active-users'`. */
  readonly kind: 'customer-success-metrics/active-users';
  /** Format version: 2 (version 1, of 0.x, had no `asOf` and `latestEvent`). */
  readonly version: 2;
  /** IANA time zone whose calendar days the `days` are; a state merges only into an accumulator of the same zone name. */
  readonly timeZone: string;
  /** `false` without grouping; the field name with `groupBy: 'accountId'`; `true` with an accessor `groupBy`. */
  readonly groupBy: string | boolean;
  /**
   * The accumulator's `asOf` option as an ISO instant (`null` when not given): events after
   * it were left out. A state merges only into an accumulator with the same `asOf`.
   */
  readonly asOf: string | null;
  /**
   * Epoch ms of the latest event counted, the default `asOf` of `result()`; `null` when
   * no event was counted.
   */
  readonly latestEvent: number | null;
  /** User id of each unit, units in canonical order (a user active in two groups appears once per group). */
  readonly users: Id[];
  /** Distinct group ids in canonical order; `null` without grouping. */
  readonly groups: Id[] | null;
  /** Units per group, parallel to `groups`: the first `groupUnits[0]` units belong to `groups[0]`, and so on; `null` without grouping. */
  readonly groupUnits: number[] | null;
  /** Number of active days of each unit, parallel to `users` (each at least 1). */
  readonly dayCounts: number[];
  /**
   * The units' active days, unit after unit (`dayCounts[i]` days for unit `i`), ascending
   * within a unit: local calendar days in `timeZone` as day numbers, days since 1970-01-01
   * (0 is 1970-01-01, 19783 is 2024-03-01, negative before 1970).
   */
  readonly days: number[];
}

/** An incremental `activeUsers`: feed events in batches, serialize, merge, read the result. */
export interface ActiveUsersAccumulator<R, T extends ActiveUsersResult = ActiveUsersResult> {
  /**
   * Adds a batch of events (rows, or columns), validated as `activeUsers` validates
   * them, error paths indexed within the batch. When a record is rejected, the records of
   * the batch before it have been added.
   */
  add(events: Events<R>): this;
  /**
   * Adds every item of a source: a record, an array of records, or a columns batch. Error
   * paths give the record's position in the whole source (`events[1000041].timestamp`).
   */
  addAsync(source: AsyncIterable<unknown> | Iterable<unknown>): Promise<this>;
  /** Adds the data of another accumulator or of a state (same `timeZone`, `groupBy` and `asOf`). */
  merge(other: ActiveUsersState | ActiveUsersAccumulator<unknown, ActiveUsersResult>): this;
  /** The state: plain JSON in canonical order, fresh arrays on every call. */
  state(): ActiveUsersState;
  /**
   * `activeUsers` of every event added and merged, with the creation options;
   * groups (with `groupBy`) in id order rather than in order of first event.
   */
  result(): T;
}

// ---------------------------------------------------------------------------------------
// activeUsersByPeriod

/** Options of `activeUsersByPeriod`. */
export interface ActiveUsersByPeriodOptions<R> extends ActiveUsersBaseOptions<R> {
  /** Calendar period: `'day'`, `'week'` or `'month'` (default `'month'`). */
  readonly period?: Period;
  /** First day of the week, 0 = Sunday ... 6 = Saturday (default 1, Monday). */
  readonly weekStartsOn?: Weekday;
  /**
   * "Now": events after it are left out and periods after its local day are not reported;
   * a period is complete once `asOf` reaches the end of its last day. A date `YYYY-MM-DD`
   * is the end of that local day, a month `YYYY-MM` the end of the month, any other
   * timestamp the instant it names (inclusive). Default: the latest event.
   */
  readonly asOf?: Timestamp;
}

/** The option keys of `activeUsersByPeriod`. */
export const ACTIVE_USERS_BY_PERIOD_OPTION_KEYS = [...ACTIVE_USERS_BASE_OPTION_KEYS, 'period', 'weekStartsOn', 'asOf'] as const;

/** Distinct active users in one calendar period. */
export interface PeriodActiveUsers {
  /** The period's key: `YYYY-MM-DD` for a day or a week (its first day), `YYYY-MM` for a month. */
  readonly period: string;
  /** First day of the period that lies in the reported range, `YYYY-MM-DD`. */
  readonly start: string;
  /** Last day of the period that lies in the reported range, `YYYY-MM-DD`. */
  readonly end: string;
  /**
   * Whether the count is final: the whole calendar period lies in the reported range (not
   * cut by `from` or `to`) and its last day had ended by `asOf`. The period holding `asOf`
   * is usually still in progress (`false`).
   */
  readonly complete: boolean;
  /** Users with at least one event in the period (within the range). */
  readonly activeUsers: number;
}

/** Result of `activeUsersByPeriod`. */
export interface ActiveUsersByPeriodResult extends AsOfEcho {
  /** IANA time zone the days are counted in. */
  readonly timeZone: string;
  /** The calendar period used. */
  readonly period: Period;
  /** First day of the week used, 0 = Sunday ... 6 = Saturday. */
  readonly weekStartsOn: Weekday;
  /** First reported day, `YYYY-MM-DD`; `null` when there is nothing to report. */
  readonly from: string | null;
  /** Last reported day, `YYYY-MM-DD` (at the latest the day of `asOf`); `null` when there is nothing to report. */
  readonly to: string | null;
  /** Every period from the one containing `from` to the one containing `to` (with `groupBy`: every user, once). */
  readonly periods: PeriodActiveUsers[];
}

/** One group's periods in a grouped `activeUsersByPeriod` result. */
export interface ActiveUsersByPeriodGroup {
  /** The group's id (e.g. the account id). */
  readonly group: Id;
  /** The group's periods, the same periods as the overall ones. */
  readonly periods: PeriodActiveUsers[];
}

/** Result of `activeUsersByPeriod` with `groupBy`: the overall periods and one series per group. */
export interface GroupedActiveUsersByPeriodResult extends ActiveUsersByPeriodResult {
  /** One series per group, in order of the group's first event. */
  readonly groups: ActiveUsersByPeriodGroup[];
}

// ---------------------------------------------------------------------------------------
// stickiness

/** Band of a DAU/MAU ratio. */
export type StickinessBand = 'daily-habit' | 'regular' | 'occasional';

/** Thresholds of the stickiness bands, rates from 0 to 1 with `regular <= dailyHabit`. */
export interface StickinessThresholds {
  /** Mean DAU/MAU above this is `'daily-habit'` (default 0.7). */
  readonly dailyHabit?: number;
  /** Mean DAU/MAU at or above this (and not a daily habit) is `'regular'`, below it `'occasional'` (default 0.2). */
  readonly regular?: number;
}

/** The stickiness thresholds a result used, defaults filled in. */
export interface ResolvedStickinessThresholds {
  /** Mean DAU/MAU above this is `'daily-habit'`. */
  readonly dailyHabit: number;
  /** Mean DAU/MAU at or above this (and not a daily habit) is `'regular'`. */
  readonly regular: number;
}

/** Options of `stickiness`. */
export interface StickinessOptions<R> extends ActiveUsersBaseOptions<R> {
  /** The MAU window in days (default `{ mau: 30 }`); `mau` is its only key (`wau` is an unknown option here). */
  readonly windows?: {
    /** Days in the MAU window (default 30). */
    readonly mau?: number;
  };
  /** Band thresholds (default `{ dailyHabit: 0.7, regular: 0.2 }`). */
  readonly thresholds?: StickinessThresholds;
  /**
   * "Now": events after it are left out, and the range ends on the last day that had
   * ended by it (a day in progress is left out). A date `YYYY-MM-DD` is the end of that
   * local day (so that day is in), a month `YYYY-MM` the end of the month, any other
   * timestamp the instant it names. Default: the latest event.
   */
  readonly asOf?: Timestamp;
}

/** The option keys of `stickiness`. */
export const STICKINESS_OPTION_KEYS = [...ACTIVE_USERS_BASE_OPTION_KEYS, 'windows', 'thresholds', 'asOf'] as const;

/** One bar of the stickiness histogram. */
export interface StickinessBar {
  /** Number of active days in the range. */
  readonly activeDays: number;
  /** Users active on exactly `activeDays` days. */
  readonly userCount: number;
  /** `userCount` as a share of the range's active users; `null` when there are none. */
  readonly share: number | null;
  /** Users active on at least `activeDays` days. */
  readonly atLeast: number;
  /** `atLeast` as a share of the range's active users; `null` when there are none. */
  readonly atLeastShare: number | null;
}

/** Stickiness figures of one range (overall, or of one group). */
export interface StickinessFigures {
  /** Mean of the daily DAU/MAU ratios over the days whose MAU is above 0; `null` if none. */
  readonly meanDauMau: number | null;
  /** `'daily-habit'`, `'regular'` or `'occasional'` by `meanDauMau`; `null` when it is. */
  readonly band: StickinessBand | null;
  /** Mean DAU over the days of the range. */
  readonly averageDau: number;
  /** Distinct users active at least once in the range. */
  readonly activeUsers: number;
  /** Average DAU divided by the range's active users (the calendar form of DAU/MAU for a month); `null` when none. */
  readonly averageDauPerActiveUser: number | null;
  /** Users by number of active days in the range, for 1 to the range's length. */
  readonly histogram: StickinessBar[];
}

/** Result of `stickiness`. */
export interface StickinessResult extends StickinessFigures, AsOfEcho {
  /** IANA time zone the days are counted in. */
  readonly timeZone: string;
  /** First day of the range, `YYYY-MM-DD`; `null` when no complete day is in the range. */
  readonly from: string | null;
  /** Last day of the range, `YYYY-MM-DD`: the last complete day at `asOf`, or `to`; `null` with `from`. */
  readonly to: string | null;
  /** Number of days in the range (all of them complete). */
  readonly dayCount: number;
  /** Days in the MAU window. */
  readonly mauWindow: number;
  /** Band thresholds used, defaults filled in. */
  readonly thresholds: ResolvedStickinessThresholds;
}

/** One group's figures in a grouped `stickiness` result. */
export interface StickinessGroup extends StickinessFigures {
  /** The group's id (e.g. the account id). */
  readonly group: Id;
}

/** Result of `stickiness` with `groupBy`: the overall figures (every user once) and the figures of each group. */
export interface GroupedStickinessResult extends StickinessResult {
  /** The figures of each group over the same range, in order of the group's first event. */
  readonly groups: StickinessGroup[];
}

// ---------------------------------------------------------------------------------------
// featureAdoption

/** Tells whether an event record is a use of the feature. */
export type FeaturePredicate<R> = (record: R, index: number) => boolean;

/** Options of `featureAdoption`. */
export interface FeatureAdoptionOptions<R> extends EventAccessors<R> {
  /**
   * The feature: an event name, compared with each event's name (`===`), or, for row input
   * only, a predicate `(record, index) => boolean` that returns `true` for a use of it.
   */
  readonly feature: string | FeaturePredicate<R>;
  /** Reads an event's name from a row (default: `record.name`); columns use their `name` column. */
  readonly name?: Accessor<R, unknown>;
  /** Calendar periods to report (`'day'`, `'week'`, `'month'`); omitted: one row for the whole range. */
  readonly period?: Period;
  /** IANA time zone of the days (default `'UTC'`). */
  readonly timeZone?: string;
  /** First day counted, whole days (`YYYY-MM-DD`, a month `YYYY-MM`, or any timestamp's local day; default: the first event's day). */
  readonly from?: Timestamp;
  /** Last day counted, inclusive, whole days (a month `YYYY-MM` means its last day; default: the day of `asOf`, and never after it). */
  readonly to?: Timestamp;
  /** First day of the week, 0 = Sunday ... 6 = Saturday (default 1, Monday). */
  readonly weekStartsOn?: Weekday;
  /** Confidence level of the intervals (default 0.95). */
  readonly confidence?: number;
  /**
   * "Now": events after it are left out and periods after its local day are not reported;
   * a period is complete once `asOf` reaches the end of its last day. A date `YYYY-MM-DD`
   * is the end of that local day, a month `YYYY-MM` the end of the month, any other
   * timestamp the instant it names (inclusive). Default: the latest event.
   */
  readonly asOf?: Timestamp;
}

/** The option keys of `featureAdoption`. */
export const FEATURE_ADOPTION_OPTION_KEYS = ['userId', 'timestamp', 'feature', 'name', 'period', 'timeZone', 'from', 'to', 'weekStartsOn', 'confidence', 'asOf'] as const;

/** Feature adoption in one period. */
export interface FeatureAdoptionRow {
  /**
   * The period's key: `YYYY-MM-DD` for a day or a week (its first day), `YYYY-MM` for a
   * month; without `period`, the range as an ISO 8601 interval `YYYY-MM-DD/YYYY-MM-DD`.
   */
  readonly period: string;
  /** First day of the period that lies in the range, `YYYY-MM-DD` (edge periods may be cut). */
  readonly start: string;
  /** Last day of the period that lies in the range, `YYYY-MM-DD` (edge periods may be cut). */
  readonly end: string;
  /**
   * Whether the counts are final: the whole calendar period lies in the range (not cut
   * by `from` or `to`) and its last day had ended by `asOf`.
   */
  readonly complete: boolean;
  /** Users with at least one event in the period. */
  readonly activeUsers: number;
  /** Active users with at least one use of the feature in the period. */
  readonly adopters: number;
  /** `adopters / activeUsers` with its Wilson interval; `null` when nobody was active. */
  readonly rate: Estimate | null;
}

/** Result of `featureAdoption`. */
export interface FeatureAdoptionResult extends AsOfEcho {
  /** IANA time zone of the days. */
  readonly timeZone: string;
  /** The feature's event name, or `'predicate'`. */
  readonly feature: string;
  /** The period, or `null` for one row over the whole range. */
  readonly period: Period | null;
  /** First day of the week used, 0 = Sunday ... 6 = Saturday. */
  readonly weekStartsOn: Weekday;
  /** Confidence level of the intervals. */
  readonly confidence: number;
  /** First day counted, `YYYY-MM-DD`; `null` when there is nothing to report. */
  readonly from: string | null;
  /** Last day counted, `YYYY-MM-DD`; `null` when there is nothing to report. */
  readonly to: string | null;
  /** One row per period from the first to the last, periods without activity included. */
  readonly periods: FeatureAdoptionRow[];
}

// ---------------------------------------------------------------------------------------
// sessions and sessionsPerUserDay

/** Options of `sessions`. */
export interface SessionsOptions<R> extends EventAccessors<R> {
  /**
   * Minutes of inactivity that end a session (default 30): a gap greater than this
   * starts a new session; a gap of exactly this long continues it. May be fractional; 0
   * makes every distinct instant its own session.
   */
  readonly inactivityMinutes?: number;
  /** IANA time zone of the session days (default `'UTC'`). */
  readonly timeZone?: string;
}

/** The option keys of `sessions`. */
export const SESSIONS_OPTION_KEYS = ['userId', 'timestamp', 'inactivityMinutes', 'timeZone'] as const;

/** One session of one user. */
export interface Session {
  /** The user's id. */
  readonly userId: Id;
  /** Local day (`YYYY-MM-DD`) of the session's first event; a session is not cut at midnight. */
  readonly day: string;
  /** Instant of the first event (epoch ms). */
  readonly start: number;
  /** Instant of the last event (epoch ms). */
  readonly end: number;
  /** Number of events in the session, repeated events included. */
  readonly events: number;
  /** `end - start`: 0 for a single-event session. */
  readonly durationMs: number;
}

/** Totals over all sessions of a `sessions` result. */
export interface SessionsSummary {
  /** Number of sessions. */
  readonly sessionCount: number;
  /** Number of distinct users with at least one session. */
  readonly userCount: number;
  /** Mean of `durationMs`; `null` without sessions. */
  readonly meanDurationMs: number | null;
  /** Median of `durationMs` (mean of the two middle values for an even count); `null` without sessions. */
  readonly medianDurationMs: number | null;
  /** Events divided by sessions; `null` without sessions. */
  readonly meanEventsPerSession: number | null;
}

/** Result of `sessions`. */
export interface SessionsResult {
  /** IANA time zone of the session days. */
  readonly timeZone: string;
  /** Minutes of inactivity that end a session. */
  readonly inactivityMinutes: number;
  /** Every session, ordered by `start`, then `userId` (numbers before strings, strings by code units). */
  readonly sessions: Session[];
  /** Totals over all sessions. */
  readonly summary: SessionsSummary;
}

/** Options of `sessionsPerUserDay`. */
export interface SessionsPerUserDayOptions<R> extends EventAccessors<R> {
  /** Minutes of inactivity that end a session (default 30); see `sessions`. */
  readonly inactivityMinutes?: number;
  /** Sessions a user needs on a day to meet the target (an integer >= 1, default 2). */
  readonly target?: number;
  /** IANA time zone of the days (default `'UTC'`). */
  readonly timeZone?: string;
  /** First day reported, whole days (`YYYY-MM-DD`, a month `YYYY-MM`, or any timestamp's local day; default: the first session day). */
  readonly from?: Timestamp;
  /** Last day reported, inclusive, whole days (a month `YYYY-MM` means its last day; default: the day of `asOf`, and never after it). */
  readonly to?: Timestamp;
  /** Confidence level of the intervals (default 0.95). */
  readonly confidence?: number;
  /**
   * "Now": events after it are left out and days after its local day are not reported; a
   * day is complete once `asOf` reaches its end. A date `YYYY-MM-DD` is the end of that
   * local day, a month `YYYY-MM` the end of the month, any other timestamp the instant it
   * names (inclusive). Default: the latest event.
   */
  readonly asOf?: Timestamp;
}

/** The option keys of `sessionsPerUserDay`. */
export const SESSIONS_PER_USER_DAY_OPTION_KEYS = ['userId', 'timestamp', 'inactivityMinutes', 'target', 'timeZone', 'from', 'to', 'confidence', 'asOf'] as const;

/** Sessions per user on one day. */
export interface SessionsPerUserDayRow {
  /** The local day, `YYYY-MM-DD`. */
  readonly date: string;
  /**
   * Whether the day had ended by `asOf`. On a day in progress more sessions may still
   * start, so its counts are partial (`false`, usually the last day with the default `asOf`).
   */
  readonly complete: boolean;
  /** Users with at least one session starting on the day. */
  readonly activeUsers: number;
  /** Number of sessions starting on the day. */
  readonly sessionCount: number;
  /** `sessionCount / activeUsers`; `null` when nobody was active. */
  readonly sessionsPerUser: number | null;
  /** Active users with at least `target` sessions on the day. */
  readonly usersMeetingTarget: number;
  /** `usersMeetingTarget / activeUsers` with its Wilson interval; `null` when nobody was active. */
  readonly shareMeetingTarget: Estimate | null;
}

/** User-days with one number of sessions. */
export interface SessionsPerUserDayBar {
  /** Sessions in a user-day. */
  readonly sessionCount: number;
  /** User-days with exactly that many sessions. */
  readonly userDays: number;
}

/** Totals over the user-days of the range. */
export interface SessionsPerUserDayOverall {
  /** (user, day) pairs with at least one session. */
  readonly userDays: number;
  /** User-days with at least `target` sessions. */
  readonly userDaysMeetingTarget: number;
  /** `userDaysMeetingTarget / userDays` with its Wilson interval; `null` without user-days. */
  readonly share: Estimate | null;
  /** Sessions divided by user-days; `null` without user-days. */
  readonly meanSessionsPerUserDay: number | null;
  /** User-days by their number of sessions, for k = 1 to the largest count, every k listed. */
  readonly distribution: SessionsPerUserDayBar[];
}

/** Result of `sessionsPerUserDay`. */
export interface SessionsPerUserDayResult extends AsOfEcho {
  /** IANA time zone of the days. */
  readonly timeZone: string;
  /** Minutes of inactivity that end a session. */
  readonly inactivityMinutes: number;
  /** Sessions a user needs on a day to meet the target. */
  readonly target: number;
  /** Confidence level of the intervals. */
  readonly confidence: number;
  /** First reported day, `YYYY-MM-DD`; `null` when there is nothing to report. */
  readonly from: string | null;
  /** Last reported day, `YYYY-MM-DD`; `null` when there is nothing to report. */
  readonly to: string | null;
  /** Every day from `from` to `to`, days without sessions included. */
  readonly days: SessionsPerUserDayRow[];
  /** Totals over all user-days of the range (a day in progress included). */
  readonly overall: SessionsPerUserDayOverall;
}

// ---------------------------------------------------------------------------------------
// engagedEvaluation

/** Accessors for the fields of a trial record (keys checked: no other key is taken). */
export interface TrialFields<T> {
  /** Reads the account id (default: `trial.accountId`). */
  readonly accountId?: Accessor<T, unknown>;
  /** Reads the trial's start (default: `trial.trialStart`). */
  readonly trialStart?: Accessor<T, unknown>;
  /** Reads the source campaign, `null` or `undefined` when none (default: `trial.sourceCampaign`). */
  readonly sourceCampaign?: Accessor<T, unknown>;
}

/** The keys of {@link TrialFields}, checked at `options.trialFields`. */
export const TRIAL_FIELD_KEYS = ['accountId', 'trialStart', 'sourceCampaign'] as const;

/** The engagement rates that separate the bands, from 0 to 1 with `expected <= ideal`. */
export interface EngagementBenchmarks {
  /** Below this rate the band is `'below-benchmark'` (default 0.2). */
  readonly expected?: number;
  /** From this rate on the band is `'ideal'` (default 0.5). */
  readonly ideal?: number;
}

/** The benchmarks a result used, defaults filled in. */
export interface ResolvedEngagementBenchmarks {
  /** Rates below this are `'below-benchmark'`. */
  readonly expected: number;
  /** Rates at or above this are `'ideal'`. */
  readonly ideal: number;
}

/** Options of `engagedEvaluation`: the trials table, and how to read it and the events. */
export interface EngagedEvaluationOptions<T, R> extends AccountEventAccessors<R> {
  /**
   * The trials, one row per trial: `{ accountId, trialStart, sourceCampaign? }` by default,
   * or accessors in `trialFields`. Required.
   */
  readonly trials: Iterable<T>;
  /** Accessors for the trials (defaults: `accountId`, `trialStart`, `sourceCampaign`). */
  readonly trialFields?: TrialFields<T>;
  /** Distinct active days a trial needs to count as engaged (default 3). */
  readonly minActiveDays?: number;
  /**
   * Local calendar days of the evaluation window, a whole number: days 0 to
   * `windowDays - 1`, day 0 being the local day of the trial's start (default 14).
   */
  readonly windowDays?: number;
  /**
   * "Now": events after it are left out, and a trial is pending until `asOf` reaches the
   * end of its window's last day. A date `YYYY-MM-DD` is the end of that local day (that
   * day counts in full), a month `YYYY-MM` the end of the month, any other timestamp the
   * instant it names (an event exactly at `asOf` counts). Default: the latest event, else
   * the latest trial start.
   */
  readonly asOf?: Timestamp;
  /** IANA time zone whose calendar days count (default `'UTC'`). */
  readonly timeZone?: string;
  /** Confidence level of the rate intervals (default 0.95). */
  readonly confidence?: number;
  /** Band thresholds (default `{ expected: 0.2, ideal: 0.5 }`). */
  readonly benchmarks?: EngagementBenchmarks;
}

/** The option keys of `engagedEvaluation`. */
export const ENGAGED_EVALUATION_OPTION_KEYS = ['accountId', 'timestamp', 'trials', 'trialFields', 'minActiveDays', 'windowDays', 'asOf', 'timeZone', 'confidence', 'benchmarks'] as const;

/** How an engagement rate compares with the benchmarks. */
export type EngagementBand = 'below-benchmark' | 'healthy' | 'ideal';

/** Counts and rate of a set of trials. */
export interface EngagedEvaluationSummary {
  /** Number of trials: `completed + pending`. */
  readonly trialCount: number;
  /** Trials whose evaluation window is complete at `asOf`. */
  readonly completed: number;
  /** Completed trials that were engaged. */
  readonly engaged: number;
  /** Trials whose window is not complete at `asOf`; not in the rate. */
  readonly pending: number;
  /** Pending trials already engaged. */
  readonly pendingEngaged: number;
  /** `engaged / completed` with its Wilson interval; `null` with no completed trial. */
  readonly rate: Estimate | null;
  /** The band of `rate.value`; `null` when `rate` is. */
  readonly band: EngagementBand | null;
}

/** The trials that started in one local calendar month. */
export interface EngagedEvaluationMonth extends EngagedEvaluationSummary {
  /** `YYYY-MM`. */
  readonly month: string;
}

/** The trials of one source campaign. */
export interface EngagedEvaluationCampaign extends EngagedEvaluationSummary {
  /** The campaign; `null` for trials without one. */
  readonly sourceCampaign: Id | null;
}

/** One trial's evaluation. */
export interface EngagedEvaluationTrial {
  /** The trial's account id. */
  readonly accountId: Id;
  /** The local trial-start day (day 0), `YYYY-MM-DD`. */
  readonly trialStart: string;
  /** The trial's source campaign; `null` when none. */
  readonly sourceCampaign: Id | null;
  /** Distinct active days in the window, counting only events at or after the trial's start instant (so far, for a pending trial). */
  readonly activeDays: number;
  /** Whether `activeDays >= minActiveDays` (so far, for a pending trial). */
  readonly engaged: boolean;
  /** Whether the window is not complete at `asOf` (its last day has not ended by `asOf`). */
  readonly pending: boolean;
  /** The day of the `minActiveDays`-th active day, `YYYY-MM-DD`; `null` when not engaged. */
  readonly engagedOn: string | null;
}

/** Result of `engagedEvaluation`; `asOf` is `null` when there are neither events nor trials. */
export interface EngagedEvaluationResult extends AsOfEcho {
  /** IANA time zone whose calendar days count. */
  readonly timeZone: string;
  /** Distinct active days a trial needs to count as engaged. */
  readonly minActiveDays: number;
  /** Local calendar days of the evaluation window, day 0 being the trial-start day. */
  readonly windowDays: number;
  /** Confidence level of the rate intervals. */
  readonly confidence: number;
  /** Band thresholds used, defaults filled in. */
  readonly benchmarks: ResolvedEngagementBenchmarks;
  /** All trials together. */
  readonly overall: EngagedEvaluationSummary;
  /** Per local trial-start month, ascending. */
  readonly byMonth: EngagedEvaluationMonth[];
  /** Per source campaign: numbers, then strings in code-unit order, `null` last. */
  readonly byCampaign: EngagedEvaluationCampaign[];
  /** Every trial, by trial start, then account id. */
  readonly trials: EngagedEvaluationTrial[];
}

// ---------------------------------------------------------------------------------------
// licenseUtilization and licenseUtilizationByAccount

/**
 * How an account uses its seats: `'expand'` when more people are active than it pays
 * for (time to grow the account), `'adoption-risk'` when most seats sit idle, else
 * `'healthy'`.
 */
export type LicenseBand = 'expand' | 'healthy' | 'adoption-risk';

/** Where the license-utilization bands start; both optional, finite numbers >= 0 with `riskBelow <= expandAbove`. */
export interface LicenseThresholds {
  /** A ratio above this is `'expand'` (default 1). */
  readonly expandAbove?: number;
  /** A ratio below this is `'adoption-risk'` (default 0.5). */
  readonly riskBelow?: number;
}

/** The thresholds a result used, defaults filled in. */
export interface ResolvedLicenseThresholds {
  /** A ratio above this is `'expand'`. */
  readonly expandAbove: number;
  /** A ratio below this is `'adoption-risk'`. */
  readonly riskBelow: number;
}

/** One account's usage: its monthly active users and the licenses (seats) it pays for. */
export interface LicenseUsage {
  /** Distinct users active in the period, usually MAU (an integer >= 0), e.g. the `mau` of a day of `activeUsers`. */
  readonly activeUsers: number;
  /** Licenses (seats) the account pays for (a finite number >= 0). */
  readonly licenses: number;
}

/** Options of `licenseUtilization`. */
export interface LicenseUtilizationOptions {
  /** Band thresholds (default `{ expandAbove: 1, riskBelow: 0.5 }`). */
  readonly thresholds?: LicenseThresholds;
}

/** The option keys of `licenseUtilization`. */
export const LICENSE_UTILIZATION_OPTION_KEYS = ['thresholds'] as const;

/** Result of `licenseUtilization`. */
export interface LicenseUtilizationResult {
  /** The input's active users. */
  readonly activeUsers: number;
  /** The input's licenses. */
  readonly licenses: number;
  /** `activeUsers / licenses`; `null` when `licenses` is 0. */
  readonly ratio: number | null;
  /** The band of the ratio; `null` when the ratio is. */
  readonly band: LicenseBand | null;
  /** The thresholds used, defaults filled in. */
  readonly thresholds: ResolvedLicenseThresholds;
}

/** Accessors for the fields of a licenses-table row. */
export interface LicenseFields<L> {
  /** Reads the account id (default: `row.accountId`). */
  readonly accountId?: Accessor<L, unknown>;
  /** Reads the number of licenses (default: `row.licenses`). */
  readonly licenses?: Accessor<L, unknown>;
}

/** The keys of {@link LicenseFields}, checked at `options.licenseFields`. */
export const LICENSE_FIELD_KEYS = ['accountId', 'licenses'] as const;

/** Options of `licenseUtilizationByAccount`: the licenses table, and how to read it and the events. */
export interface LicenseUtilizationByAccountOptions<R, L> extends EventAccessors<R> {
  /**
   * The licenses table, one row per account: `{ accountId, licenses }` by default, or
   * accessors in `licenseFields`. Required.
   */
  readonly licenses: Iterable<L>;
  /** Accessors for the licenses table (defaults: `row.accountId`, `row.licenses`). */
  readonly licenseFields?: LicenseFields<L>;
  /** Reads an event's account id (default: `event.accountId`). */
  readonly accountId?: Accessor<R, unknown>;
  /** IANA time zone whose calendar days count (default `'UTC'`). */
  readonly timeZone?: string;
  /**
   * "Now": events after it are left out, and the window ends on its local day. A date
   * `YYYY-MM-DD` is the end of that local day (that day counts in full), a month
   * `YYYY-MM` the end of the month, any other timestamp the instant it names (an event
   * exactly at `asOf` counts). Default: the latest event.
   */
  readonly asOf?: Timestamp;
  /** Local calendar days in the active-user window, ending on and including the day of `asOf` (a whole number, default 30). */
  readonly windowDays?: number;
  /** Band thresholds (default `{ expandAbove: 1, riskBelow: 0.5 }`). */
  readonly thresholds?: LicenseThresholds;
}

/** The option keys of `licenseUtilizationByAccount`. */
export const LICENSE_UTILIZATION_BY_ACCOUNT_OPTION_KEYS = ['userId', 'timestamp', 'accountId', 'licenses', 'licenseFields', 'timeZone', 'asOf', 'windowDays', 'thresholds'] as const;

/** One account's row of `licenseUtilizationByAccount`. */
export interface AccountLicenseUtilization {
  /** The account's id. */
  readonly accountId: Id;
  /** Distinct users of the account active in the window. */
  readonly activeUsers: number;
  /** Licenses from the table. */
  readonly licenses: number;
  /** `activeUsers / licenses`; `null` when `licenses` is 0. */
  readonly ratio: number | null;
  /** The band of `ratio`; `null` when `ratio` is. */
  readonly band: LicenseBand | null;
}

/** Result of `licenseUtilizationByAccount`; `asOf` is `null` when there were no events and none was given. */
export interface LicenseUtilizationByAccountResult extends AsOfEcho {
  /** IANA time zone whose calendar days count. */
  readonly timeZone: string;
  /** Local calendar days in the active-user window, ending on and including the day of `asOf`. */
  readonly windowDays: number;
  /** First day of the window, `YYYY-MM-DD` (`null` when `asOf` is). */
  readonly from: string | null;
  /** Last day of the window, the day of `asOf`, `YYYY-MM-DD` (`null` when `asOf` is). */
  readonly to: string | null;
  /**
   * Whether the window's last day had ended by `asOf` (a date-only `asOf` says so); with
   * the default `asOf`, the latest event, the last day is usually still in progress and
   * users active later that day are not counted yet.
   */
  readonly complete: boolean;
  /** The thresholds used, defaults filled in. */
  readonly thresholds: ResolvedLicenseThresholds;
  /** One row per account of the licenses table, lowest utilization first. */
  readonly accounts: AccountLicenseUtilization[];
  /** Accounts with events but no row in the licenses table, sorted. */
  readonly unlicensedAccounts: Id[];
}
