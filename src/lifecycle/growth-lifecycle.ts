import { dayKey } from '../core/calendar.js';
import { fail } from '../core/errors.js';
import { scanEvents, type EventAccessors, type Events } from '../core/events.js';
import { optionsOf, readChoice, readWeekStart } from '../core/read.js';
import { readInstant } from '../core/timestamp.js';
import { zoneCalendar } from '../core/time-zone.js';
import type { Period, Timestamp, Weekday } from '../core/types.js';
import { UnitDaysBuilder } from '../core/unit-days.js';
import { readDayBounds } from '../core/day-range.js';
import { growthRange, periodScale } from './internal/growth-periods.js';
import { NO_SIGNUP, readSignupDays } from './internal/growth-signups.js';
import type { SignupFields } from './journeys.js';

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
  /** A day in the first reported period (default: the first active day). */
  readonly from?: Timestamp;
  /** A day in the last reported period (default: the day of `asOf`); not after the day of `asOf`. */
  readonly to?: Timestamp;
  /** The end of the observed data (default: the latest event); later events are ignored. */
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
  /** Whether the period ends on or before the day of `asOf` (the last one may be partial). */
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
  /** The `asOf` used, as an ISO string; `null` when there are no events and none was given. */
  readonly asOf: string | null;
  /** First reported day, `YYYY-MM-DD` (`null` for empty input without a range). */
  readonly from: string | null;
  /** Last reported day, `YYYY-MM-DD` (`null` for empty input without a range). */
  readonly to: string | null;
  /** Every period from the one containing `from` to the one containing `to`. */
  readonly periods: GrowthLifecyclePeriod[];
}

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
 * exactly one of new, returning, resurrecting. Classification uses every event up to
 * `asOf`: activity before `from` is history (a user first active before `from` is never
 * new inside it), and the first period's dormant counts users active in the period before
 * it. `from` and `to` pick the periods; each period counts its whole calendar span. To
 * count accounts instead of users, read the account id as `userId`.
 *
 * Cost: O(n) over the events plus O(user-days + periods): events become sorted distinct
 * active days per user, then one pass per user maps days to periods and classifies each
 * transition. Memory O(user-days + periods), not per event.
 *
 * Edge cases: empty input gives `periods: []` (or zero counts over a given `from`/`to`);
 * every period of the range is present, with zeros when nobody was active. A period that
 * ends after the day of `asOf` says `complete: false` (its dormant count is still
 * growing; every period does when there is no `asOf`, i.e. no events and none given).
 * Events after `asOf` are validated and ignored.
 *
 * @param events Rows (`{ userId, timestamp }` by default, or accessors in `options`) or
 * columns `{ userId, timestamp }`, read in place; `signups` are rows.
 * @throws {MetricsInputError} for bad records or signups (including two signups of one
 * user, `duplicate-id`), an unknown zone, period, week start or `newBy`, `newBy: 'signup'`
 * without `signups`, `to` before `from`, or `from`/`to` after the day of `asOf`.
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
 * ```
 */
export function growthLifecycle<R, S = unknown>(events: Events<R>, options: GrowthLifecycleOptions<R, S>): GrowthLifecycleResult {
  const fn = 'growthLifecycle';
  const opts = optionsOf(options, fn);
  if (opts.period === undefined) fail(fn, 'options.period', 'invalid-option', "must be one of 'day', 'week', 'month'", undefined);
  const period = readChoice(opts.period, ['day', 'week', 'month'] as const, 'month', fn, 'options.period');
  const weekStartsOn = readWeekStart(opts.weekStartsOn, fn);
  const newBy = readChoice(opts.newBy, ['first-activity', 'signup'] as const, opts.signups === undefined ? 'first-activity' : 'signup', fn, 'options.newBy');
  if (newBy === 'signup' && opts.signups === undefined) {
    fail(fn, 'options.signups', 'invalid-option', "is required when options.newBy is 'signup'", undefined);
  }
  const zone = zoneCalendar(opts.timeZone ?? 'UTC', fn);
  const givenAsOf = opts.asOf === undefined ? null : readInstant(opts.asOf, zone, fn, 'options.asOf');
  const bounds = readDayBounds(fn, opts, zone);

  // Events to sorted distinct active days per user, up to asOf.
  const limit = givenAsOf ?? Number.POSITIVE_INFINITY;
  let latest = Number.NEGATIVE_INFINITY;
  const builder = new UnitDaysBuilder();
  const ids = scanEvents(events, { fn, collection: 'events', accessors: opts }, zone, (user, instant) => {
    if (instant > limit) return;
    if (instant > latest) latest = instant;
    builder.add(user, zone.dayOf(instant));
  });
  const { offsets, days, firstDay } = builder.build(ids.users.size);
  const signupDays = newBy === 'signup' ? readSignupDays(fn, opts.signups, opts.signupFields, ids.users, zone) : null;

  const asOf = givenAsOf ?? (latest === Number.NEGATIVE_INFINITY ? null : latest);
  const asOfDay = asOf === null ? null : zone.dayOf(asOf);
  if (asOfDay !== null) {
    if (bounds.to !== null && bounds.to > asOfDay) {
      fail(fn, 'options.to', 'invalid-option', `must not be after the day of asOf (${dayKey(asOfDay)}); pass a later options.asOf to report periods the data does not cover`, opts.to);
    }
    if (bounds.from !== null && bounds.from > asOfDay) {
      fail(fn, 'options.from', 'invalid-option', `must not be after the day of asOf (${dayKey(asOfDay)})`, opts.from);
    }
  }
  const range = growthRange(bounds, firstDay, asOfDay);
  const head = {
    timeZone: zone.timeZone,
    period,
    weekStartsOn,
    newBy,
    asOf: asOf === null ? null : new Date(asOf).toISOString(),
    from: range === null ? null : dayKey(range.from),
    to: range === null ? null : dayKey(range.to),
  };
  if (range === null) return { ...head, periods: [] };

  const scale = periodScale(period, weekStartsOn);
  const first = scale.of(range.from);
  const last = scale.of(range.to);
  const count = last - first + 1;
  const fresh = new Int32Array(count);
  const returning = new Int32Array(count);
  const resurrecting = new Int32Array(count);
  const dormant = new Int32Array(count);
  const users = ids.users.size;
  for (let u = 0; u < users; u++) {
    const end = offsets[u + 1] as number;
    let previous = 0; // period of the previous active period
    let periodEnd = Number.NEGATIVE_INFINITY; // last day of the previous active period
    for (let i = offsets[u] as number; i < end; i++) {
      const day = days[i] as number;
      if (day <= periodEnd) continue; // same period as the day before
      const p = scale.of(day);
      periodEnd = scale.firstDay(p + 1) - 1;
      const slot = p - first;
      if (i === (offsets[u] as number)) {
        // The first active period: new when created in it, else resurrecting.
        let created = p;
        if (signupDays !== null) {
          const signupDay = signupDays[u] as number;
          if (signupDay !== NO_SIGNUP && signupDay < day) {
            const signed = scale.of(signupDay);
            if (signed < created) created = signed;
          }
        }
        if (slot >= 0 && slot < count) {
          if (created === p) fresh[slot] = (fresh[slot] as number) + 1;
          else resurrecting[slot] = (resurrecting[slot] as number) + 1;
        }
      } else if (p === previous + 1) {
        if (slot >= 0 && slot < count) returning[slot] = (returning[slot] as number) + 1;
      } else {
        const gap = previous + 1 - first;
        if (gap >= 0 && gap < count) dormant[gap] = (dormant[gap] as number) + 1;
        if (slot >= 0 && slot < count) resurrecting[slot] = (resurrecting[slot] as number) + 1;
      }
      previous = p;
      if (slot >= count) break; // later periods are not reported
    }
    if (end > (offsets[u] as number)) {
      const gap = previous + 1 - first;
      if (gap >= 0 && gap < count) dormant[gap] = (dormant[gap] as number) + 1;
    }
  }

  const periods: GrowthLifecyclePeriod[] = new Array<GrowthLifecyclePeriod>(count);
  for (let k = 0; k < count; k++) {
    const p = first + k;
    const start = scale.firstDay(p);
    const stop = scale.firstDay(p + 1) - 1;
    const n = fresh[k] as number;
    const ret = returning[k] as number;
    const res = resurrecting[k] as number;
    const gone = dormant[k] as number;
    periods[k] = {
      period: scale.key(p),
      start: dayKey(start),
      end: dayKey(stop),
      complete: asOfDay !== null && stop <= asOfDay,
      new: n,
      returning: ret,
      resurrecting: res,
      dormant: gone === 0 ? 0 : -gone,
      active: n + ret + res,
      quickRatio: gone === 0 ? null : (n + res) / gone,
    };
  }
  return { ...head, periods };
}
