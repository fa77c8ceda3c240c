import { readAsOf } from '../core/as-of.js';
import { readDayBounds } from '../core/day-range.js';
import { scanEvents, type Events } from '../core/events.js';
import { optionsOf } from '../core/options.js';
import { readSignupFields } from '../core/signups.js';
import { zoneCalendar } from '../core/time-zone.js';
import { UnitDaysBuilder } from '../core/unit-days.js';
import { readGrowthPeriods } from './internal/growth-periods.js';
import { readSignupDays } from './internal/growth-signups.js';
import { countTransitions, growthResult } from './internal/growth-transitions.js';
import type { GrowthLifecycleOptions, GrowthLifecycleResult } from './types.js';

export type { GrowthLifecycleNewBy, GrowthLifecycleOptions, GrowthLifecyclePeriod, GrowthLifecycleResult } from './types.js';

/** The keys of {@link GrowthLifecycleOptions}. */
const GROWTH_LIFECYCLE_OPTION_KEYS = [
  'userId',
  'timestamp',
  'period',
  'timeZone',
  'weekStartsOn',
  'from',
  'to',
  'asOf',
  'newBy',
  'signups',
  'signupFields',
] as const satisfies readonly (keyof GrowthLifecycleOptions<unknown>)[];

/**
 * Growth lifecycle: per calendar period, how many users are new, returning, resurrecting
 * and dormant.
 *
 * Definition (PostHog's lifecycle chart, https://posthog.com/docs/product-analytics/lifecycle):
 * a user is active in a calendar period (day, week starting on `weekStartsOn`, or month of
 * `timeZone`) when they have at least one event in it. Each user is "created" in one
 * period: that of their first event, or with `newBy: 'signup'` that of their signup (the
 * earlier of signup and first event, when events precede the signup; the first event when a
 * user has no signup row). Then, for each period `t`:
 * - **new**: active in `t` and created in `t` ("first time active, created in this period");
 * - **returning**: active in `t` and in `t - 1`;
 * - **resurrecting**: active in `t`, not in `t - 1`, created before `t`. With
 *   `newBy: 'signup'` this includes a user who signed up in an earlier period and is
 *   active for the first time in `t` (even when they signed up in `t - 1`): PostHog labels
 *   a first active period after the creation period resurrecting;
 * - **dormant**: active in `t - 1` and not in `t`, reported as a negative count (PostHog's
 *   convention, so the chart draws it below the axis), or 0;
 * - `active = new + returning + resurrecting`, the users active in `t`;
 *   `quickRatio = (new + resurrecting) / -dormant` (`null` when `dormant` is 0), above 1
 *   when the active base grows.
 * So `dormant(t) = -(active(t - 1) - returning(t))`, and every user active in `t` is in
 * exactly one of new, returning, resurrecting. Classification uses every event at or
 * before `asOf` (inclusive; a date-only `asOf` is the end of that local day, so its events
 * count): activity before `from` is history (a user first active before `from` is never
 * new inside it), and the first period's dormant counts users active in the period before
 * it. `from` and `to` pick the periods; each period counts its whole calendar span. To
 * count accounts instead of users, read the account id as `userId`.
 *
 * Complete periods: a period is `complete` when its last local day has ended by `asOf`:
 * with `asOf: '2024-06-30'` June is complete and its June 30 events count; with an instant
 * during June 30 (such as the default, the latest event) June is not complete, since its
 * dormant count is still growing. Periods after the day of `asOf` are not reported (the
 * default range ends on that day; a later `to` is an error).
 *
 * Cost: O(n) over the events plus O(user-days + periods): events become sorted distinct
 * active days per user, then one pass per user maps days to periods and classifies each
 * transition. Memory O(user-days + periods), not per event.
 *
 * Edge cases: empty input gives `periods: []` (or zero counts over a given `from`/`to`,
 * none complete: without events or `asOf` there is no `asOf`); every period of the range
 * is present, with zeros when nobody was active. Events after `asOf` are validated and
 * ignored.
 *
 * @param events Rows (`{ userId, timestamp }` by default, or accessors in `options`) or
 * columns `{ userId, timestamp }`, read in place; `signups` are rows.
 * @returns `{ timeZone, period, weekStartsOn, newBy, asOf, asOfDate, from, to, periods:
 * [{ period, start, end, complete, new, returning, resurrecting, dormant, active,
 * quickRatio }] }`.
 * @throws {MetricsInputError} for bad records or signups, naming the record's id
 * (`events[4] (userId "u_77").timestamp`, `signups[2] (userId "u_1").signedUpAt`; two
 * signups of one user are `duplicate-id`), an unknown zone, period, week start or `newBy`,
 * `newBy: 'signup'` without `signups`, `to` before `from`, `from`/`to` after the day of
 * `asOf`, an option that is `null` (`invalid-option`), or a key it does not know, nested
 * `signupFields` included (`unknown-option`).
 *
 * @example
 * ```ts
 * import { growthLifecycle } from 'customer-success-metrics/lifecycle';
 * const events = [
 *   { userId: 'ana', timestamp: '2024-01-10T09:00:00Z' },
 *   { userId: 'ana', timestamp: '2024-02-12T09:00:00Z' },
 *   { userId: 'ben', timestamp: '2024-02-20T09:00:00Z' },
 *   { userId: 'ben', timestamp: '2024-03-05T09:00:00Z' },
 *   { userId: 'ana', timestamp: '2024-04-30T09:00:00Z' },
 * ];
 * const result = growthLifecycle(events, { period: 'month' });
 * result.periods.map((p) => [p.period, p.new, p.returning, p.resurrecting, p.dormant]);
 * // => [['2024-01', 1, 0, 0, 0], ['2024-02', 1, 1, 0, 0], ['2024-03', 0, 1, 0, -1], ['2024-04', 0, 0, 1, -1]]
 * result.periods.map((p) => p.quickRatio);
 * // => [null, null, 0, 1]
 * // The default asOf is the latest event, 09:00 on April 30: April is not over yet.
 * [result.asOf, result.asOfDate, result.periods.at(-1)?.complete]; // => ['2024-04-30T09:00:00.000Z', '2024-04-30', false]
 * growthLifecycle(events, { period: 'month', asOf: '2024-04-30' }).periods.at(-1)?.complete; // => true
 * ```
 */
export function growthLifecycle<R, S = unknown>(events: Events<R>, options: GrowthLifecycleOptions<R, S>): GrowthLifecycleResult {
  const fn = 'growthLifecycle';
  const settings = readGrowthSettings<R, S>(fn, options);
  const { opts, zone, newBy } = settings;
  const givenAsOf = readAsOf(opts.asOf, zone, fn);
  const bounds = readDayBounds(fn, opts, zone);

  // Events to sorted distinct active days per user, up to asOf (inclusive).
  const limit = givenAsOf ?? Number.POSITIVE_INFINITY;
  let latest = Number.NEGATIVE_INFINITY;
  const builder = new UnitDaysBuilder();
  const ids = scanEvents(events, { fn, collection: 'events', accessors: opts }, zone, (user, instant) => {
    if (instant > limit) return;
    if (instant > latest) latest = instant;
    builder.add(user, zone.dayOf(instant));
  });
  const activity = builder.build(ids.users.size);
  const signupDays = newBy === 'signup' ? readSignupDays(fn, opts.signups, settings.signupFields, ids.users, zone) : null;

  const asOf = givenAsOf ?? (latest === Number.NEGATIVE_INFINITY ? null : latest);
  return growthResult(fn, opts, { ...settings, bounds }, asOf, activity.firstDay, (scale, first, count) => countTransitions(activity, signupDays, scale, first, count));
}

/** The options of a growth lifecycle, checked. */
function readGrowthSettings<R, S>(fn: string, options: GrowthLifecycleOptions<R, S>) {
  const opts = optionsOf(options, fn, GROWTH_LIFECYCLE_OPTION_KEYS);
  const { period, weekStartsOn, newBy } = readGrowthPeriods(fn, opts);
  const signupFields = readSignupFields(fn, opts.signupFields);
  const zone = zoneCalendar(opts.timeZone ?? 'UTC', fn);
  return { opts, period, weekStartsOn, newBy, signupFields, zone };
}
