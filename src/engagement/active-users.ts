import { readDayBounds } from '../core/day-range.js';
import { isEventColumns, type Events } from '../core/events.js';
import { zoneCalendar } from '../core/time-zone.js';
import { optionsOf, type Id } from '../core/read.js';
import { readActiveDays, readWindows, type ActiveDaysOptions, type ActiveUserWindows } from './internal/active-days.js';
import { bitmapActivity } from './internal/active-users-bitmap.js';
import { activeUsersSeries, daysSource, type ActivitySource } from './internal/active-users-series.js';

export type { ActiveUserWindows } from './internal/active-days.js';

/** Options of {@link activeUsers}. */
export interface ActiveUsersOptions<R> extends ActiveDaysOptions<R> {
  /** Rolling window lengths (default `{ wau: 7, mau: 30 }`). */
  readonly windows?: ActiveUserWindows;
}

/** Active users on one day. */
export interface ActiveUsersDay {
  /** The local calendar day, `YYYY-MM-DD`. */
  readonly date: string;
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

/** Result of {@link activeUsers}. */
export interface ActiveUsersResult {
  /** IANA time zone the days are counted in. */
  readonly timeZone: string;
  /** Rolling window lengths used, in days. */
  readonly windows: {
    /** Days in the WAU window. */
    readonly wau: number;
    /** Days in the MAU window. */
    readonly mau: number;
  };
  /** First reported day, `YYYY-MM-DD`; `null` for empty input without a range. */
  readonly from: string | null;
  /** Last reported day, `YYYY-MM-DD`; `null` for empty input without a range. */
  readonly to: string | null;
  /** Every day from `from` to `to`, days without activity included. */
  readonly days: ActiveUsersDay[];
}

/** Result of {@link activeUsers} with `groupBy`: one series per group. */
export interface GroupedActiveUsersResult extends Omit<ActiveUsersResult, 'days'> {
  /** One series per group, in order of the group's first event. */
  readonly groups: {
    /** The group's id (e.g. the account id). */
    readonly group: Id;
    /** The group's daily series over the shared range. */
    readonly days: ActiveUsersDay[];
  }[];
}

/**
 * Daily, weekly and monthly active users for every day of a range, with DAU/MAU and
 * WAU/MAU.
 *
 * Definition: a user is active on a local calendar day (in `timeZone`) when they have at
 * least one event that day. DAU counts the users active on the day; WAU and MAU count
 * the distinct users active on at least one day of the rolling window of `wau` (7) and
 * `mau` (30) days ending on and including the day, as Amplitude's and Mixpanel's rolling
 * active-user charts do. DAU/MAU above 0.7 reads as daily use. Every day from `from` to
 * `to` is present, days without activity included; windows reach back before `from`.
 *
 * Algorithm: one pass turns events into distinct active days per user; then, per user,
 * each active day `d` adds +1 at `d` and -1 at `min(d + w, next active day)` of a
 * difference array, whose running sum is the rolling count. O(n) over events plus
 * O(user-days + days) after a per-user sort that time-ordered input skips; memory grows
 * with user-days and days, not events. Typed columns (an integer typed array of user ids
 * and a `Float64Array` of epoch ms) take a faster route in any input order: one bit per
 * (user id, day), no id hashing and no sort (O(n + users × days / 32)).
 *
 * Edge cases: empty input gives `days: []` (or zero counts over a given range); ratios
 * are `null` when MAU is 0. With `groupBy` (a field name such as `'accountId'`, or an
 * accessor) the result has one series per group over the same range, and a user active
 * in two groups counts in both.
 *
 * @param events Rows (`{ userId, timestamp }` by default, or accessors in `options`) or
 * columns `{ userId, timestamp }`.
 * @throws {MetricsInputError} for a record without a valid user id or timestamp, an unknown
 * time zone, windows that are not whole days or have `wau > mau`, or `to` before `from`.
 *
 * @example
 * ```ts
 * import { activeUsers } from 'customer-success-metrics/engagement';
 * const events = [
 *   { userId: 'ana', timestamp: '2024-03-01T09:00:00Z' },
 *   { userId: 'ben', timestamp: '2024-03-01T17:30:00Z' },
 *   { userId: 'ana', timestamp: '2024-03-03T08:00:00Z' },
 * ];
 * const { days } = activeUsers(events, { windows: { wau: 7, mau: 28 } });
 * days.map((d) => d.dau); // => [2, 0, 1]
 * days[2]; // => { date: '2024-03-03', dau: 1, wau: 2, mau: 2, dauMau: 0.5, wauMau: 1 }
 * ```
 */
export function activeUsers<R>(events: Events<R>, options: ActiveUsersOptions<R> & { readonly groupBy: NonNullable<ActiveUsersOptions<R>['groupBy']> }): GroupedActiveUsersResult;
export function activeUsers<R>(events: Events<R>, options?: ActiveUsersOptions<R>): ActiveUsersResult;
export function activeUsers<R>(events: Events<R>, options?: ActiveUsersOptions<R>): ActiveUsersResult | GroupedActiveUsersResult {
  const fn = 'activeUsers';
  const opts = optionsOf(options, fn);
  const windows = readWindows(fn, opts.windows);
  const data = (opts.groupBy === undefined ? typedColumnActivity(fn, events, opts) : null) ?? daysSource(readActiveDays(fn, events, opts));
  return activeUsersSeries(data, windows, readDayBounds(fn, opts, data.zone));
}

/**
 * The typed-column route (internal/active-users-bitmap.ts): `null` when the input does
 * not fit it; the general path then reads it.
 */
function typedColumnActivity<R>(fn: string, events: Events<R>, options: ActiveDaysOptions<R>): ActivitySource | null {
  if (!isEventColumns(events)) return null;
  return bitmapActivity(events.userId, events.timestamp, zoneCalendar(options.timeZone ?? 'UTC', fn));
}
