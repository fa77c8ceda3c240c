/**
 * The public types of the SQL module: dialects, sources, the query a builder returns,
 * and the options of each builder (the in-process function's options, with column names
 * in place of accessors). Builder files and `internal/` helpers import from here.
 * @module
 */

import type { Period, Timestamp, Weekday } from '../core/types.js';
import type { ActiveUserWindows, EngagementBenchmarks, LicenseThresholds, StickinessThresholds } from '../engagement/types.js';
import type { GrowthLifecycleNewBy } from '../lifecycle/types.js';
import type { AhaTarget, RetentionMode } from '../retention/types.js';
import type { MonthlyMrrRule } from '../revenue/types.js';

/** An engine the queries are written for, each proven by executing the queries in tests. */
export type SqlDialect = 'duckdb' | 'postgres' | 'clickhouse';

/**
 * Bound parameters in the dialect's placeholder style: an array for DuckDB and
 * PostgreSQL (`$1`, `$2`, ... in the text), an object for ClickHouse (`{p1:Int64}` in the
 * text, `{ p1: ... }` here, as `@clickhouse/client`'s `query_params` and chDB's
 * `queryBind` take them).
 */
export type SqlParams = readonly unknown[] | Readonly<Record<string, unknown>>;

/** One result row as a driver returns it: column name to value (numbers may be `bigint` or numeric strings). */
export type SqlRow = Readonly<Record<string, unknown>>;

/**
 * A query for one engine: its text, its bound parameters, and a decoder that turns the
 * engine's result rows into exactly the result type of the in-process function.
 */
export interface SqlQuery<T> {
  /** The engine the text is written for. */
  readonly dialect: SqlDialect;
  /** The query text: identifiers quoted for the dialect, every value a placeholder. */
  readonly sql: string;
  /** The values of the placeholders, in the dialect's style (see {@link SqlParams}). */
  readonly params: SqlParams;
  /**
   * The result of the in-process function from the rows the engine returned for this
   * query (any iterable of row objects; column order does not matter).
   * @throws {MetricsInputError} when the rows report bad input (a `null` user id or
   * timestamp in the source), naming the builder and the column.
   */
  decode(rows: Iterable<SqlRow>): T;
}

/** How the timestamp column stores instants. */
export type SqlTimestampType = 'timestamp' | 'epoch-ms';

/** Where the events are and how to read them: every builder takes these. */
export interface SqlSourceOptions {
  /** The engine to write the query for. */
  readonly dialect: SqlDialect;
  /**
   * The table (or view) to read: a name, dot-separated when qualified
   * (`'analytics.events'`), or its parts (`['my.schema', 'events']`) when a part holds a
   * dot. Each part is quoted. Give `table` or `subquery`, not both.
   */
  readonly table?: string | readonly string[];
  /**
   * A query whose rows are the source, used as written, as `(subquery) AS source`; it
   * is your text, so it is not quoted or checked: never build it from untrusted input.
   */
  readonly subquery?: string;
  /**
   * How the timestamp column stores instants: `'timestamp'` (default), a
   * `TIMESTAMPTZ` / `timestamptz` / ClickHouse `DateTime64`, or a `TIMESTAMP` without
   * zone holding UTC; `'epoch-ms'`, a number of milliseconds since 1970-01-01 UTC.
   * Instants are read to the millisecond, as in JavaScript.
   */
  readonly timestampType?: SqlTimestampType;
}

/** The keys of {@link SqlSourceOptions}, shared by every builder's key list. */
export const SQL_SOURCE_OPTION_KEYS = ['dialect', 'table', 'subquery', 'timestampType'] as const;

/** The event columns: the SQL counterpart of the in-process accessors (defaults `userId`, `timestamp`). */
export interface SqlEventColumns {
  /** The user id column (default `userId`). */
  readonly userId?: string;
  /** The timestamp column (default `timestamp`). */
  readonly timestamp?: string;
}

/** Options of `activeUsersSql`: those of `activeUsers`, with column names. */
export interface ActiveUsersSqlOptions extends SqlSourceOptions, SqlEventColumns {
  /** IANA time zone whose calendar days count (default `'UTC'`). */
  readonly timeZone?: string;
  /** The column to group by (e.g. `'accountId'`): the result keeps the overall series and adds `groups`. */
  readonly groupBy?: string;
  /** First day reported, as in `activeUsers`. */
  readonly from?: Timestamp;
  /** Last day reported, inclusive, as in `activeUsers`. */
  readonly to?: Timestamp;
  /** Rolling window lengths (default `{ wau: 7, mau: 30 }`). */
  readonly windows?: ActiveUserWindows;
  /** "Now", as in `activeUsers` (inclusive; a date is the end of that local day). Default: the latest event. */
  readonly asOf?: Timestamp;
}

/** Options of `activeUsersByPeriodSql`: those of `activeUsersByPeriod`, with column names. */
export interface ActiveUsersByPeriodSqlOptions extends SqlSourceOptions, SqlEventColumns {
  /** IANA time zone whose calendar days, weeks and months count (default `'UTC'`). */
  readonly timeZone?: string;
  /** The column to group by (e.g. `'accountId'`): the result keeps the overall periods and adds `groups`. */
  readonly groupBy?: string;
  /** First day reported, as in `activeUsersByPeriod`. */
  readonly from?: Timestamp;
  /** Last day reported, inclusive, as in `activeUsersByPeriod`. */
  readonly to?: Timestamp;
  /** Calendar period: `'day'`, `'week'` or `'month'` (default `'month'`). */
  readonly period?: Period;
  /** First day of the week, 0 = Sunday ... 6 = Saturday (default 1, Monday). */
  readonly weekStartsOn?: Weekday;
  /** "Now", as in `activeUsersByPeriod` (inclusive; a date is the end of that local day). Default: the latest event. */
  readonly asOf?: Timestamp;
}

/** Options of `stickinessSql`: those of `stickiness`, with column names. */
export interface StickinessSqlOptions extends SqlSourceOptions, SqlEventColumns {
  /** IANA time zone whose calendar days count (default `'UTC'`). */
  readonly timeZone?: string;
  /** The column to group by (e.g. `'accountId'`): the result keeps the overall figures and adds `groups`. */
  readonly groupBy?: string;
  /** First day of the range, as in `stickiness`. */
  readonly from?: Timestamp;
  /** Last day of the range, inclusive, as in `stickiness` (never past the last complete day). */
  readonly to?: Timestamp;
  /** The MAU window in days (default `{ mau: 30 }`); `mau` is its only key. */
  readonly windows?: {
    /** Days in the MAU window (default 30). */
    readonly mau?: number;
  };
  /** Band thresholds (default `{ dailyHabit: 0.7, regular: 0.2 }`). */
  readonly thresholds?: StickinessThresholds;
  /** "Now", as in `stickiness`: the range ends on the last day complete at it. Default: the latest event. */
  readonly asOf?: Timestamp;
}

/** The licenses table of `licenseUtilizationByAccountSql`: a table name or a subquery, as the events' source. */
export interface SqlLicensesSource {
  /** The table (or view) to read: a name, dot-separated when qualified, or its parts. Give `table` or `subquery`, not both. */
  readonly table?: string | readonly string[];
  /** A query whose rows are the table, used as written (never build it from untrusted input). */
  readonly subquery?: string;
}

/** The columns of the licenses table: the SQL counterpart of `licenseFields` (defaults `accountId`, `licenses`). */
export interface SqlLicenseColumns {
  /** The account id column (default `accountId`). */
  readonly accountId?: string;
  /** The column of the number of licenses, a number >= 0 (default `licenses`). */
  readonly licenses?: string;
}

/** Options of `licenseUtilizationByAccountSql`: those of `licenseUtilizationByAccount`, with column names and the licenses table as a second source. */
export interface LicenseUtilizationByAccountSqlOptions extends SqlSourceOptions, SqlEventColumns {
  /** The events' account id column (default `accountId`). */
  readonly accountId?: string;
  /** The licenses table, one row per account (required). */
  readonly licenses: SqlLicensesSource;
  /** Its columns (defaults `accountId`, `licenses`). */
  readonly licenseFields?: SqlLicenseColumns;
  /** IANA time zone whose calendar days count (default `'UTC'`). */
  readonly timeZone?: string;
  /** "Now", as in `licenseUtilizationByAccount` (inclusive; a date is the end of that local day). Default: the latest event. */
  readonly asOf?: Timestamp;
  /** Local calendar days in the active-user window, ending on the day of `asOf` (default 30). */
  readonly windowDays?: number;
  /** Band thresholds (default `{ expandAbove: 1, riskBelow: 0.5 }`). */
  readonly thresholds?: LicenseThresholds;
}

/** The trials table of `engagedEvaluationSql`: a table name or a subquery, and how its start column stores starts. */
export interface SqlTrialsSource {
  /** The table (or view) to read: a name, dot-separated when qualified, or its parts. Give `table` or `subquery`, not both. */
  readonly table?: string | readonly string[];
  /** A query whose rows are the table, used as written (never build it from untrusted input). */
  readonly subquery?: string;
  /**
   * How the trial-start column stores starts: `'timestamp'` (default) or `'epoch-ms'`, an
   * instant as for the events' `timestampType`; `'date'`, a `DATE`, the start of that local
   * day in `timeZone` (as a date-only `trialStart` in-process: all of day 0 counts).
   */
  readonly timestampType?: SqlTimestampType | 'date';
}

/** The columns of the trials table: the SQL counterpart of `trialFields` (defaults `accountId`, `trialStart`, `sourceCampaign`). */
export interface SqlTrialColumns {
  /** The account id column (default `accountId`). */
  readonly accountId?: string;
  /** The trial-start column (default `trialStart`); see {@link SqlTrialsSource.timestampType}. */
  readonly trialStart?: string;
  /** The source campaign column, NULL for none (default `sourceCampaign`; without one, select `NULL AS "sourceCampaign"` in a subquery). */
  readonly sourceCampaign?: string;
}

/** Options of `engagedEvaluationSql`: those of `engagedEvaluation`, with column names and the trials table as a second source. */
export interface EngagedEvaluationSqlOptions extends SqlSourceOptions {
  /** The events' account id column (default `accountId`). */
  readonly accountId?: string;
  /** The events' timestamp column (default `timestamp`). */
  readonly timestamp?: string;
  /** The trials table, one row per trial (required). */
  readonly trials: SqlTrialsSource;
  /** Its columns (defaults `accountId`, `trialStart`, `sourceCampaign`). */
  readonly trialFields?: SqlTrialColumns;
  /** Distinct active days a trial needs to count as engaged (default 3). */
  readonly minActiveDays?: number;
  /** Local calendar days of the evaluation window, day 0 being the trial-start day (default 14). */
  readonly windowDays?: number;
  /** "Now", as in `engagedEvaluation` (inclusive; a date is the end of that local day). Default: the latest event, else the latest trial start. */
  readonly asOf?: Timestamp;
  /** IANA time zone whose calendar days count (default `'UTC'`). */
  readonly timeZone?: string;
  /** Confidence level of the rate intervals (default 0.95). */
  readonly confidence?: number;
  /** Band thresholds (default `{ expected: 0.2, ideal: 0.5 }`). */
  readonly benchmarks?: EngagementBenchmarks;
}

/** Options of `sessionsPerUserDaySql`: those of `sessionsPerUserDay`, with column names. */
export interface SessionsPerUserDaySqlOptions extends SqlSourceOptions, SqlEventColumns {
  /** Minutes of inactivity that end a session: a longer gap starts a new one (default 30). */
  readonly inactivityMinutes?: number;
  /** Sessions a user needs on a day to meet the target (an integer >= 1, default 2). */
  readonly target?: number;
  /** IANA time zone whose calendar days count (default `'UTC'`). */
  readonly timeZone?: string;
  /** First day reported, as in `sessionsPerUserDay`. */
  readonly from?: Timestamp;
  /** Last day reported, inclusive, as in `sessionsPerUserDay` (never after the day of `asOf`). */
  readonly to?: Timestamp;
  /** Confidence level of the intervals (default 0.95). */
  readonly confidence?: number;
  /** "Now", as in `sessionsPerUserDay` (inclusive; a date is the end of that local day). Default: the latest event. */
  readonly asOf?: Timestamp;
}

// ---- Journey builders (compareRetentionSql, timeToValueSql, findAhaSql) ----

/**
 * A milestone the engine evaluates on each journey: the data-driven milestones of the
 * lifecycle module. An event name is `hasEvent(name)`; the objects mirror `hasEvent`,
 * `eventCount` and `activeDays` with the same options. Predicates, combinators (`allOf`,
 * `anyOf`, `not`, `where`) and `recurring` are not expressible here.
 */
export type SqlMilestone = string | SqlHasEventMilestone | SqlEventCountMilestone | SqlActiveDaysMilestone;

/** `hasEvent(event)`: the first event of that name. */
export interface SqlHasEventMilestone {
  /** The milestone factory this mirrors. */
  readonly kind: 'hasEvent';
  /** The event name. */
  readonly event: string;
}

/** `eventCount(event, { atLeast, withinDays })`: the `atLeast`-th event of that name (within the window). */
export interface SqlEventCountMilestone {
  /** The milestone factory this mirrors. */
  readonly kind: 'eventCount';
  /** The event name. */
  readonly event: string;
  /** How many events of the name reach the milestone (an integer >= 1). */
  readonly atLeast: number;
  /** Only events in `[start, start + withinDays × 24 h]` count (default: all events). */
  readonly withinDays?: number;
}

/** `activeDays({ atLeast, windowDays, timeZone })`: the first event of the `atLeast`-th distinct local day with an event. */
export interface SqlActiveDaysMilestone {
  /** The milestone factory this mirrors. */
  readonly kind: 'activeDays';
  /** How many distinct active days reach the milestone (an integer >= 1). */
  readonly atLeast: number;
  /** Only the first `windowDays` local days from the start's day count (whole days; default: all). */
  readonly windowDays?: number;
  /** The zone of the days (default: the call's `timeZone`). */
  readonly timeZone?: string;
}

/** The signups source of the journey builders: a table or a subquery, as the events source. */
export interface SqlSignupSource {
  /** The signups table (a name, dot-separated when qualified, or its parts). */
  readonly table?: string | readonly string[];
  /** A query whose rows are the signups, used as written (never build it from untrusted input). */
  readonly subquery?: string;
  /** How the signup instant column stores instants (default: the events' `timestampType`). */
  readonly timestampType?: SqlTimestampType;
}

/** The columns of the signups source (the SQL counterpart of `signupFields`). */
export interface SqlSignupColumns {
  /** The journey id column (default: the `groupBy` column's name, else `userId`). */
  readonly id?: string;
  /** The signup instant column (default `signedUpAt`). */
  readonly signedUpAt?: string;
}

/** How the journey builders build journeys: the options of `journeys`, with column names. */
export interface SqlJourneyOptions extends SqlSourceOptions, SqlEventColumns {
  /** The event name column (default `name`). */
  readonly name?: string;
  /** The journey id column when journeys are not per user (e.g. `'accountId'`); events then need it, not a user id. */
  readonly groupBy?: string;
  /** Signups, one row per journey id: a journey starts at its signup when it has one, else at its first event. */
  readonly signups?: SqlSignupSource;
  /** The signups' columns (defaults: the journey id column's name, `signedUpAt`). */
  readonly signupFields?: SqlSignupColumns;
  /** IANA zone of the journeys and of a date `asOf` (default `'UTC'`), as `journeys({ timeZone })`. */
  readonly timeZone?: string;
}

/** Options of `compareRetentionSql`: those of `compareRetention`, with a data-driven `segment` and `activity`. */
export interface CompareRetentionSqlOptions extends SqlJourneyOptions {
  /** The milestone reached by the landmark that puts a journey in the segment. */
  readonly segment: SqlMilestone;
  /** Days of 24 hours from the start to the landmark (>= 0). */
  readonly landmarkDays: number;
  /** End of the follow-up in days from the start (> `landmarkDays`). */
  readonly horizonDays: number;
  /** "Now", as in `compareRetention` (inclusive; a date is the end of that local day). Default: the latest start or event. */
  readonly asOf?: Timestamp;
  /** Days without activity that make a churn (default 14). */
  readonly inactivityDays?: number;
  /** Days after the landmark to report retention at (default 7, 30, 60 where they fit). */
  readonly retentionDays?: readonly number[];
  /** The event name that counts as activity (default: every event). */
  readonly activity?: string;
  /** Confidence level of the intervals (default 0.95). */
  readonly confidence?: number;
  /** Kaplan–Meier interval transform (default `'log'`). */
  readonly confType?: 'log' | 'log-log' | 'plain';
}

/** Options of `timeToValueSql`: those of `timeToValue`, with the milestone data-driven. */
export interface TimeToValueSqlOptions extends SqlJourneyOptions {
  /** The milestone whose time from the start is measured. */
  readonly milestone: SqlMilestone;
  /** "Now", as in `timeToValue` (inclusive; a date is the end of that local day). Default: the latest start or event. */
  readonly asOf?: Timestamp;
  /** Days from the start to report the share reached at (default `[1, 7, 30]`). */
  readonly horizons?: readonly number[];
  /** The unit of the times (default `'days'`). */
  readonly unit?: 'days' | 'hours';
  /** Confidence level of the intervals (default 0.95). */
  readonly confidence?: number;
}

/** A candidate of `findAhaSql`: an event name, or `{ event, counts?, name? }` with an event name. */
export type SqlAhaCandidate =
  | string
  | {
      /** The event name. */
      readonly event: string;
      /** The minimum counts to test (default 1 to 5). */
      readonly counts?: readonly number[];
      /** The label in the result (default the event name). */
      readonly name?: string;
    };

/** Options of `findAhaSql`: those of `findAha`, with event names for candidates and activity. */
export interface FindAhaSqlOptions extends SqlJourneyOptions {
  /** The candidate behaviours. */
  readonly candidates: readonly SqlAhaCandidate[];
  /** Days of 24 hours from the start to the landmark (> 0). */
  readonly landmarkDays: number;
  /** What retained means, as in `findAha`. */
  readonly target: AhaTarget;
  /** "Now", as in `findAha`. Default: the latest start or event. */
  readonly asOf?: Timestamp;
  /** Days without activity that make a churn (default 14). */
  readonly inactivityDays?: number;
  /** The event name that counts as activity (default: every event). */
  readonly activity?: string;
  /** Users needed on each side for `best` (default 10). */
  readonly minUsers?: number;
  /** Confidence level of the intervals (default 0.95). */
  readonly confidence?: number;
}

/** A query a builder wrote, usable as another builder's `subquery`: its dialect, text and bound values (e.g. `toMonthlySnapshotsSql`'s). */
export interface SqlComposableQuery {
  /** The engine the text is written for: the same as the outer query's. */
  readonly dialect: SqlDialect;
  /** The query text. */
  readonly sql: string;
  /** Its bound values: they come first in the composed query's `params`, its own placeholders after them. */
  readonly params: SqlParams;
}

/** The snapshot columns of `mrrMovementsSql`: the SQL counterpart of the snapshot accessors (defaults `accountId`, `month`, `mrr`). */
export interface SqlSnapshotColumns {
  /** The account id column, integer or text (default `accountId`). */
  readonly accountId?: string;
  /** The month column (default `month`): `YYYY-MM` text, or a `DATE` with `monthType: 'date'`. */
  readonly month?: string;
  /** The MRR column, a number >= 0 (default `mrr`; read as a double). */
  readonly mrr?: string;
  /** The currency column, text, NULL where not stated; read only when named (without it the result's `currency` is `null`). */
  readonly currency?: string;
}

/** Options of `mrrMovementsSql`: those of `mrrMovements`, with column names. */
export interface MrrMovementsSqlOptions extends Omit<SqlSourceOptions, 'subquery'>, SqlSnapshotColumns {
  /**
   * A query whose rows are the snapshots, used as written, as `(subquery) AS source`
   * (never build it from untrusted input); or a builder's query (`toMonthlySnapshotsSql`'s,
   * same dialect), whose bound values then come first in `params`. Give `table` or
   * `subquery`, not both.
   */
  readonly subquery?: string | SqlComposableQuery;
  /**
   * How the month column stores months: `'text'` (default), `YYYY-MM` text as
   * `mrrMovements` reads it (anything else is an `invalid-month` error); `'date'`, a `DATE`
   * standing for the month containing it (any day of the month).
   */
  readonly monthType?: 'text' | 'date';
  /** First month reported, as in `mrrMovements`. */
  readonly from?: Timestamp;
  /** Last month reported, as in `mrrMovements`. */
  readonly to?: Timestamp;
  /** When the data is complete, as in `mrrMovements`. Default: the end of the latest snapshot month. */
  readonly asOf?: Timestamp;
  /** IANA time zone of the months' local days, for `asOf`, `from` and `to` (default `'UTC'`). */
  readonly timeZone?: string;
  /** Also list every customer's movement in `movements` (default `false`). */
  readonly perCustomer?: boolean;
}

/** The subscription columns of `toMonthlySnapshotsSql`: the SQL counterpart of its accessors. */
export interface SqlSubscriptionColumns {
  /** The account id column, integer or text (default `accountId`); the snapshots keep its type. */
  readonly accountId?: string;
  /** The start column, inclusive (default `start`), an instant as `timestampType` says. */
  readonly start?: string;
  /** The end column, exclusive (default `end`), NULL while open. */
  readonly end?: string;
  /** The amount billed per interval, a number >= 0 (default `amount`; read as a double). */
  readonly amount?: string;
  /** The billing interval column, text `'month'`, `'quarter'` or `'year'` (default `interval`). */
  readonly interval?: string;
  /** The quantity column, NULL for 1; read only when named (without it every quantity is 1). */
  readonly quantity?: string;
  /** The discount column, a fraction from 0 to 1, NULL for 0; read only when named (without it no discount). */
  readonly discount?: string;
  /** The currency column, text, NULL where not stated; read only when named (then two different values are an error). */
  readonly currency?: string;
}

/** Options of `toMonthlySnapshotsSql`: those of `toMonthlySnapshots`, with column names. */
export interface ToMonthlySnapshotsSqlOptions extends SqlSourceOptions, SqlSubscriptionColumns {
  /** `'month-end'` (default), `'month-start'` or `'prorated'`, as in `toMonthlySnapshots`. */
  readonly rule?: MonthlyMrrRule;
  /** The last month reported, as in `toMonthlySnapshots` (default: the latest month any subscription touches). */
  readonly through?: Timestamp;
  /** IANA time zone of the calendar months (default `'UTC'`). */
  readonly timeZone?: string;
}

// ---- featureAdoptionSql, growthLifecycleSql ----

/** Options of `featureAdoptionSql`: those of `featureAdoption`, with column names and the feature as an event name. */
export interface FeatureAdoptionSqlOptions extends SqlSourceOptions, SqlEventColumns {
  /**
   * The feature: the event name whose events are uses of it (required, non-empty). The
   * in-process predicate form has no SQL counterpart; spell it in a `subquery` instead.
   */
  readonly feature: string;
  /** The event name column (default `name`). */
  readonly name?: string;
  /** Calendar period: `'day'`, `'week'` or `'month'`; without it, one row over the whole range. */
  readonly period?: Period;
  /** IANA time zone whose calendar days, weeks and months count (default `'UTC'`). */
  readonly timeZone?: string;
  /** First day counted, as in `featureAdoption`. */
  readonly from?: Timestamp;
  /** Last day counted, inclusive, as in `featureAdoption`. */
  readonly to?: Timestamp;
  /** First day of the week, 0 = Sunday ... 6 = Saturday (default 1, Monday). */
  readonly weekStartsOn?: Weekday;
  /** Confidence level of the rate intervals (default 0.95). */
  readonly confidence?: number;
  /** "Now", as in `featureAdoption` (inclusive; a date is the end of that local day). Default: the latest event. */
  readonly asOf?: Timestamp;
}

/** Options of `growthLifecycleSql`: those of `growthLifecycle`, with column names and the signups as a second source. */
export interface GrowthLifecycleSqlOptions extends SqlSourceOptions, SqlEventColumns {
  /** Calendar period: `'day'`, `'week'` or `'month'` (required). */
  readonly period: Period;
  /** IANA time zone whose calendar periods count (default `'UTC'`). */
  readonly timeZone?: string;
  /** First day of the week, 0 = Sunday ... 6 = Saturday (default 1, Monday). */
  readonly weekStartsOn?: Weekday;
  /** A day, month or instant in the first reported period, as in `growthLifecycle` (default: the first active day). */
  readonly from?: Timestamp;
  /** A day, month or instant in the last reported period, as in `growthLifecycle` (default: the day of `asOf`; not after it). */
  readonly to?: Timestamp;
  /** "Now", as in `growthLifecycle` (inclusive; a date is the end of that local day). Default: the latest event. */
  readonly asOf?: Timestamp;
  /** What makes a user new: `'first-activity'` or `'signup'` (default `'signup'` when `signups` is given, else `'first-activity'`). */
  readonly newBy?: GrowthLifecycleNewBy;
  /** Signups, one row per user id (a table or a subquery); read only with `newBy: 'signup'`. */
  readonly signups?: SqlSignupSource;
  /** The signups' columns (defaults `userId`, `signedUpAt`); the id column must compare with the events' user id column. */
  readonly signupFields?: SqlSignupColumns;
}

/** Options of `cohortRetentionSql`: those of `cohortRetention`, with column names and the signups as a second source. */
export interface CohortRetentionSqlOptions extends SqlSourceOptions, SqlEventColumns {
  /** The event name column (default `name`), read only with an event `start`; names are compared as text. */
  readonly name?: string;
  /** Calendar period that groups users into cohorts by their start (required). */
  readonly cohort: Period;
  /** Length of the retention intervals: calendar periods, or 24-hour multiples with `rolling` (required). */
  readonly interval: Period;
  /** Index of the last interval reported, as in `cohortRetention` (optional in bracket mode). */
  readonly lastPeriod?: number;
  /** `'n-day'` (default), `'unbounded'` or `'bracket'`. */
  readonly mode?: RetentionMode;
  /** Bracket mode: ranges `[first, last]` of interval indices, inclusive. */
  readonly brackets?: readonly (readonly [number, number])[];
  /** End of the observed data, as in `cohortRetention` (inclusive; a date is the end of that local day). Default: the latest event. */
  readonly asOf?: Timestamp;
  /** IANA time zone of the calendar (default `'UTC'`). */
  readonly timeZone?: string;
  /** First day of the week, 0 = Sunday ... 6 = Saturday (default 1, Monday). */
  readonly weekStartsOn?: Weekday;
  /** What starts a user: `'first-activity'` (default without `signups`), `'signup'` (default with them) or an event name. */
  readonly start?: string;
  /** Signups, one row per user id (a table or a subquery); read only with `start: 'signup'`. */
  readonly signups?: SqlSignupSource;
  /** The signups' columns (defaults `userId`, `signedUpAt`); an id column of the other kind (number or text) than the events' user id meets no event. */
  readonly signupFields?: SqlSignupColumns;
  /** Recurring cohorts: a user joins the cohort of every period in which they start (default false). */
  readonly recurring?: boolean;
  /** Rolling windows of 24 hours (7 × 24 for weeks, 30 × 24 for months) from the start instant (default false). */
  readonly rolling?: boolean;
}
