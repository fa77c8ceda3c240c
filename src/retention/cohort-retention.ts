import type { Events } from '../core/events.js';
import { optionsOf } from '../core/options.js';
import { readSignups } from '../core/signups.js';
import { readCohortSettings } from './internal/cohort-options.js';
import { CohortScanner } from './internal/cohort-scan.js';
import { cohortTableOf } from './internal/cohort-table.js';
import type { CohortRetentionOptions, CohortRetentionResult } from './types.js';

export type { CohortRetentionOptions, CohortRetentionResult, CohortRetentionRow, RetentionMode, SignupFields } from './types.js';

/** Every key of {@link CohortRetentionOptions} (and of the accumulator's options); others are `unknown-option`. */
export const COHORT_RETENTION_OPTION_KEYS = [
  'cohort',
  'interval',
  'lastPeriod',
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
] as const satisfies readonly (keyof CohortRetentionOptions<unknown>)[];

/**
 * Cohort retention: users grouped by the calendar period of their start, and the share
 * of each cohort active in each later interval.
 *
 * Definition (Amplitude's retention analysis; Mixpanel's "on every occurrence" for
 * recurring cohorts). A user is active at an instant when they have an event there (any
 * event). Their **start** is their first event (`start: 'first-activity'`), their signup
 * (`'signup'`, from `signups`) or their first event of a given name. The cohort is the
 * calendar day, week (from `weekStartsOn`) or month of `timeZone` containing the start.
 * **Intervals** k = 0..lastPeriod (the table's columns; `lastPeriod` is the index of the
 * last one): calendar intervals by default (day k is the k-th calendar day after the start
 * day; week k and month k are the calendar week and month whose number is k more than the
 * start's, so week 0 may be short), or with `rolling: true` windows
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
 * per start within `lastPeriod` intervals before it. Memory O(user-days + cohorts × lastPeriod).
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
 * @param options `{ cohort, interval, lastPeriod, mode?, brackets?, asOf?, timeZone?,
 * weekStartsOn?, start?, signups?, signupFields?, recurring?, rolling?, name?, userId?,
 * timestamp? }`.
 * @returns `{ cohort, interval, mode, lastPeriod, brackets, start, recurring, rolling,
 * timeZone, weekStartsOn, asOf, asOfDate, cohorts: [{ cohort, complete, size, counts,
 * rates }], mean: { counts, sizes, rates }, withoutStart }`.
 * @throws {MetricsInputError} for bad records or signups (`duplicate-id` for a user's
 * second signup), a missing or unknown `cohort`, `interval` or `mode`, `lastPeriod` that is
 * not an integer >= 0, bad `brackets` (or brackets outside bracket mode), `start: 'signup'`
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
 * const table = cohortRetention(events, { cohort: 'day', interval: 'day', lastPeriod: 2, asOf: '2024-03-06' });
 * table.cohorts.map((c) => [c.cohort, c.complete, c.size, c.counts]);
 * // => [['2024-03-04', true, 2, [2, 1, 1]], ['2024-03-05', true, 1, [1, 0, null]]]
 * table.mean.rates; // ~> [1, 0.333, 0.5]
 * [table.asOf, table.asOfDate]; // => ['2024-03-06T23:59:59.999Z', '2024-03-06']
 * ```
 */
export function cohortRetention<R, S = unknown>(events: Events<R>, options: CohortRetentionOptions<R, S>): CohortRetentionResult {
  const fn = 'cohortRetention';
  const opts = optionsOf(options, fn, COHORT_RETENTION_OPTION_KEYS);
  // Read: the settings (and, below, the signups table once, with the one signup reader).
  const settings = readCohortSettings(fn, opts);
  // Scan: activity (local days, or half-day blocks with instants) and start events.
  const scanner = new CohortScanner<R>(fn, settings, opts);
  scanner.scan(events, 0);
  const signups = settings.start === 'signup' ? readSignups<S>(fn, opts.signups, opts.signupFields, settings.zone) : null;
  // Compute: the table from the summary, the signups and the settings.
  return cohortTableOf(settings, scanner, signups);
}

