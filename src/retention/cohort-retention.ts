import type { AsOfEcho } from '../core/as-of.js';
import type { EventAccessors, Events } from '../core/events.js';
import { optionsOf } from '../core/options.js';
import type { Accessor, Period, Timestamp, Weekday } from '../core/types.js';
import { readCohortSettings, readSignupRows, type CohortSignupFields, type RetentionMode } from './internal/cohort-options.js';
import { CohortScanner } from './internal/cohort-scan.js';
import { cohortTableOf } from './internal/cohort-table.js';

export type { CohortSignupFields, RetentionMode } from './internal/cohort-options.js';

/** Options of {@link cohortRetention}. */
export interface CohortRetentionOptions<R, S = unknown> extends EventAccessors<R> {
  /** Calendar period that groups users into cohorts by their start. */
  readonly cohort: Period;
  /** Length of the retention intervals: calendar periods, or 24-hour multiples with `rolling`. */
  readonly interval: Period;
  /** Last interval index reported: columns 0..periods (optional in bracket mode: the largest bracket end). */
  readonly periods?: number;
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
  /** Accessors for the signups (`id`, `signedUpAt`). */
  readonly signupFields?: CohortSignupFields<S>;
  /** Recurring cohorts: a user joins the cohort of every period in which they start (default false). */
  readonly recurring?: boolean;
  /** Rolling windows of 24 hours (7 × 24 for weeks, 30 × 24 for months) from the start instant (default false). */
  readonly rolling?: boolean;
  /** Reads the event name (default `record.name`; columns: the `name` column), for an event `start`. */
  readonly name?: Accessor<R, unknown>;
}

/** Every key of {@link CohortRetentionOptions} (and of the accumulator's options); others are `unknown-option`. */
export const COHORT_RETENTION_OPTION_KEYS = [
  'cohort',
  'interval',
  'periods',
  'mode',
  'brackets',
  'asOf',
  'timeZone',
  'weekStartsOn',
  'start',
  'signups',
  'signupFields',
  'recurring',
  'rolling',
  'name',
  'userId',
  'timestamp',
] as const;

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

/** Result of {@link cohortRetention}: the settings, the `asOf` echo (`asOf`, `asOfDate`) and the table. */
export interface CohortRetentionResult extends AsOfEcho {
  /** Calendar period that groups users into cohorts. */
  readonly cohort: Period;
  /** Length of the retention intervals. */
  readonly interval: Period;
  /** The retention mode used. */
  readonly mode: RetentionMode;
  /** Last interval index reported: columns 0..periods. */
  readonly periods: number;
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

/**
 * Cohort retention: users grouped by the calendar period of their start, and the share
 * of each cohort active in each later interval.
 *
 * Definition (Amplitude's retention analysis; Mixpanel's "on every occurrence" for
 * recurring cohorts). A user is active at an instant when they have an event there (any
 * event). Their **start** is their first event (`start: 'first-activity'`), their signup
 * (`'signup'`, from `signups`) or their first event of a given name. The cohort is the
 * calendar day, week (from `weekStartsOn`) or month of `timeZone` containing the start.
 * **Intervals** k = 0..periods: calendar intervals by default (day k is the k-th calendar
 * day after the start day; week k and month k are the calendar week and month whose index
 * is k more than the start's, so week 0 may be short), or with `rolling: true` windows
 * `[start + k·W, start + (k+1)·W)` with W = 24 hours for `interval: 'day'`, 7 × 24 hours
 * for `'week'` and 30 × 24 hours for `'month'`. An event at 23:00 then one at 01:00 the
 * next day is day 1 on the calendar and day 0 in rolling windows. Columns by `mode`:
 * - `'n-day'`: users active in interval k;
 * - `'unbounded'`: users active in interval k or any later one (up to `asOf`, beyond the
 *   table too), so a row never rises with k;
 * - `'bracket'`: one column per `[first, last]` bracket, users active in any of its intervals.
 * With `recurring: true`, a user joins the cohort of every period in which they are active
 * (or, with an event `start`, in which they do that event) and is followed from their first
 * such moment in the period, so a user counts once per active period (cohort sizes are
 * user-starts). Activity before a user's start is ignored. Interval 0 is 1 for cohorts by
 * first activity or start event (the start is activity); by signup it is the share active
 * in the signup interval. Users in `signups` without events count in their cohort; users
 * with events but no start are counted in `withoutStart`.
 *
 * Time and completeness (`asOf`, default: the latest event). Events and signups count when
 * at or before `asOf`; later ones are validated and ignored. A date `asOf` (`YYYY-MM-DD`)
 * means the data is complete through the end of that local day in `timeZone`: its events
 * count and it is complete. A row is `complete` when its cohort period's last local day has
 * ended by `asOf` (no one can still join it). A calendar interval is complete when its last
 * local day has ended by `asOf`; a rolling window when its last millisecond is at or before
 * `asOf`. A cell is reported once its interval is complete for every member the cohort can
 * have, i.e. for a start at the very end of the cohort period; until then it is `null`
 * (pending), never 0. So a row that is not complete is all `null`; when `asOf` is the last
 * day of a cohort's period, that cohort's interval 0 is reported whenever the interval ends
 * with the period (monthly cohorts with daily or monthly intervals and `asOf: '2024-06-30'`).
 * Unbounded cells follow the same rule (they may still grow with later activity); a
 * bracket cell is reported when its last interval is complete. The mean
 * row is the cohort-size-weighted mean over the reported cells only: the sum of counts over
 * the sum of sizes of the cohorts reported in that column, `null` where none is.
 *
 * Cost: O(n) over events (one `Map` lookup per event for string ids), then a per-user sort
 * of distinct active days (skipped for time-ordered input) and one pass over user-days
 * (rolling: user half-days); recurring n-day cohorts revisit each active day at most once
 * per start within `periods` intervals before it. Memory O(user-days + cohorts × periods).
 * Typed columns (an integer typed array of user ids and a `Float64Array` of epoch ms) with
 * calendar intervals, no event-name start and no `asOf` take a faster route in any input
 * order: one bit per (user id, day), no id hashing per event and no sort.
 *
 * Edge cases: empty input gives `cohorts: []`, mean counts and sizes 0 and rates `null`,
 * and `asOf: null` unless one was given. For batches, streams and shards,
 * {@link cohortRetentionAccumulator} gives the same table incrementally.
 *
 * @param events Rows (`{ userId, timestamp, name? }`, or accessors) or columns
 * `{ userId, timestamp, name? }`.
 * @throws {MetricsInputError} for bad records or signups (`duplicate-id` for a user's
 * second signup), a missing or unknown `cohort`, `interval` or `mode`, `periods` that is not
 * an integer >= 0, bad `brackets` (or brackets outside bracket mode), `start: 'signup'`
 * without `signups`, `signups` with another start, `recurring` with signup starts, a bad
 * `asOf`, `timeZone` or `weekStartsOn`; `unknown-option` for a key it does not know (in
 * `options` or `options.signupFields`), `invalid-option` for an option that is `null`.
 * Errors about a signup name its user id: `signups[3] (userId "u_7").signedUpAt`.
 *
 * @example
 * ```ts
 * import { cohortRetention } from 'customer-success-metrics/retention';
 * const events = [
 *   { userId: 'ana', timestamp: '2024-03-04T09:00:00Z' },
 *   { userId: 'ana', timestamp: '2024-03-05T09:00:00Z' },
 *   { userId: 'ben', timestamp: '2024-03-04T18:00:00Z' },
 *   { userId: 'ben', timestamp: '2024-03-06T10:00:00Z' },
 *   { userId: 'cy', timestamp: '2024-03-05T12:00:00Z' },
 * ];
 * // Data complete through the end of March 6 (UTC): 03-05's day 2 (03-07) is still pending.
 * const table = cohortRetention(events, { cohort: 'day', interval: 'day', periods: 2, asOf: '2024-03-06' });
 * table.cohorts.map((c) => [c.cohort, c.complete, c.size, c.counts]);
 * // => [['2024-03-04', true, 2, [2, 1, 1]], ['2024-03-05', true, 1, [1, 0, null]]]
 * table.mean.rates; // ~> [1, 0.333, 0.5]
 * [table.asOf, table.asOfDate]; // => ['2024-03-06T23:59:59.999Z', '2024-03-06']
 * ```
 */
export function cohortRetention<R, S = unknown>(events: Events<R>, options: CohortRetentionOptions<R, S>): CohortRetentionResult {
  const fn = 'cohortRetention';
  const opts = optionsOf(options, fn, COHORT_RETENTION_OPTION_KEYS);
  const settings = readCohortSettings(fn, opts);
  // Scan: activity (local days, or half-day blocks with instants) and start events.
  const scanner = new CohortScanner<R>(fn, settings, opts);
  scanner.scan(events, 0);
  const signups = settings.start === 'signup' ? readSignupRows<S>(fn, opts.signups, opts.signupFields, settings.zone) : null;
  // Compute: the table from the summary, the signups and the settings.
  return cohortTableOf(settings, scanner, signups);
}

