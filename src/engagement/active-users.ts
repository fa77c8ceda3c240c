import { readAsOf, type AsOfEcho } from '../core/as-of.js';
import { readDayBounds } from '../core/day-range.js';
import { isEventColumns, type Events } from '../core/events.js';
import { optionsOf } from '../core/options.js';
import type { Id } from '../core/read.js';
import { zoneCalendar, type ZoneCalendar } from '../core/time-zone.js';
import type { Timestamp } from '../core/types.js';
import { ACTIVE_DAYS_OPTION_KEYS, readActiveDays, readWindows, type ActiveDaysOptions, type ActiveUserWindows } from './internal/active-days.js';
import { bitmapActivity } from './internal/active-users-bitmap.js';
import { activeUsersSeries, daysSource, type ActivitySource } from './internal/active-users-series.js';

export type { ActiveUserWindows } from './internal/active-days.js';

/** Options of {@link activeUsers}. */
export interface ActiveUsersOptions<R> extends ActiveDaysOptions<R> {
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

/** The option keys of {@link activeUsers} and {@link activeUsersAccumulator}. */
export const ACTIVE_USERS_OPTION_KEYS = [...ACTIVE_DAYS_OPTION_KEYS, 'windows', 'asOf'] as const;

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

/** Result of {@link activeUsers}. */
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
 * WAU/MAU, each day flagged `complete` or still in progress.
 *
 * Definition: a user is active on a local calendar day (in `timeZone`) when they have at
 * least one event that day. DAU counts the users active on the day; WAU and MAU count
 * the distinct users active on at least one day of the rolling window of `wau` (7) and
 * `mau` (30) days ending on and including the day, as Amplitude's and Mixpanel's rolling
 * active-user charts do. DAU/MAU above 0.7 reads as daily use. Every day from `from` to
 * `to` is present, days without activity included; windows reach back before `from`.
 *
 * Time: `asOf` is "now" (default: the latest event). Events after it are left out (an
 * event exactly at `asOf` counts), the range ends by default on its local day and never
 * after it, and a day is `complete` when it had ended by `asOf`. A date-only `asOf`
 * (`'2024-06-30'`) is the end of that local day, so that day counts in full and is
 * complete. With the default `asOf` the last day is usually in progress: its DAU is a
 * partial count (`complete: false`), not yet the day's DAU.
 *
 * Algorithm: one pass turns events into distinct active days per user; then, per user,
 * each active day `d` adds +1 at `d` and -1 at `min(d + w, next active day)` of a
 * difference array, whose running sum is the rolling count. O(n) over events plus
 * O(user-days + days) after a per-user sort that time-ordered input skips; memory grows
 * with user-days and days, not events. Typed columns (an integer typed array of user ids
 * and a `Float64Array` of epoch ms) take a faster route in any input order: one bit per
 * (user id, day), no id hashing and no sort (O(n + users × days / 32)).
 *
 * Edge cases: empty input gives `days: []` and `asOf: null` (or zero counts over a given
 * range, none of them complete); a `from` after the day of `asOf` gives `days: []`;
 * ratios are `null` when MAU is 0. With `groupBy` (a field name such as `'accountId'`, or
 * an accessor) the result has one series per group over the same range, and a user
 * active in two groups counts in both.
 *
 * @param events Rows (`{ userId, timestamp }` by default, or accessors in `options`) or
 * columns `{ userId, timestamp }`.
 * @throws {MetricsInputError} for a record without a valid user id or timestamp (naming
 * the record and its user id), an unknown option key (`unknown-option`) or a `null`
 * option, an unknown time zone, windows that are not whole days or have `wau > mau`, a
 * bad `asOf`, or `to` before `from`.
 *
 * @example
 * ```ts
 * import { activeUsers } from 'customer-success-metrics/engagement';
 * const events = [
 *   { userId: 'ana', timestamp: '2024-03-01T09:00:00Z' },
 *   { userId: 'ben', timestamp: '2024-03-01T17:30:00Z' },
 *   { userId: 'ana', timestamp: '2024-03-03T08:00:00Z' },
 * ];
 * const result = activeUsers(events, { windows: { wau: 7, mau: 28 } });
 * result.days.map((d) => d.dau); // => [2, 0, 1]
 * result.days[2]; // => { date: '2024-03-03', complete: false, dau: 1, wau: 2, mau: 2, dauMau: 0.5, wauMau: 1 }
 * // The default asOf is the latest event: March 3 is still in progress at 08:00.
 * [result.asOf, result.asOfDate]; // => ['2024-03-03T08:00:00.000Z', '2024-03-03']
 * // A date-only asOf is the end of that day: March 3 is complete.
 * activeUsers(events, { asOf: '2024-03-03' }).days.map((d) => d.complete); // => [true, true, true]
 * ```
 */
export function activeUsers<R>(events: Events<R>, options: ActiveUsersOptions<R> & { readonly groupBy: NonNullable<ActiveUsersOptions<R>['groupBy']> }): GroupedActiveUsersResult;
export function activeUsers<R>(events: Events<R>, options?: ActiveUsersOptions<R>): ActiveUsersResult;
export function activeUsers<R>(events: Events<R>, options?: ActiveUsersOptions<R>): ActiveUsersResult | GroupedActiveUsersResult {
  const fn = 'activeUsers';
  const opts = optionsOf(options, fn, ACTIVE_USERS_OPTION_KEYS);
  const windows = readWindows(fn, opts.windows);
  const zone = zoneCalendar(opts.timeZone ?? 'UTC', fn);
  const asOf = readAsOf(opts.asOf, zone, fn);
  const data = (opts.groupBy === undefined ? typedColumnActivity(events, zone, asOf) : null) ?? daysSource(readActiveDays(fn, events, opts, zone, asOf));
  return activeUsersSeries(data, windows, readDayBounds(fn, opts, zone), asOf);
}

/**
 * The typed-column route (internal/active-users-bitmap.ts): `null` when the input does
 * not fit it; the general path then reads it.
 */
function typedColumnActivity<R>(events: Events<R>, zone: ZoneCalendar, asOf: number | null): ActivitySource | null {
  if (!isEventColumns(events)) return null;
  return bitmapActivity(events.userId, events.timestamp, zone, asOf);
}
