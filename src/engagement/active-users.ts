import { readAsOf } from '../core/as-of.js';
import { readDayBounds } from '../core/day-range.js';
import { isEventColumns, type Events } from '../core/events.js';
import { optionsOf } from '../core/options.js';
import { zoneCalendar, type ZoneCalendar } from '../core/time-zone.js';
import { readActiveDays, readWindows } from './internal/active-days.js';
import { bitmapActivity } from './internal/active-users-bitmap.js';
import { activeUsersSeries, daysSource, type ActivitySource } from './internal/active-users-series.js';
import { ACTIVE_USERS_OPTION_KEYS, type ActiveUsersOptions, type ActiveUsersResult, type GroupedActiveUsersResult } from './types.js';

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
 * ratios are `null` when MAU is 0.
 *
 * Grouping: with `groupBy` (a field name such as `'accountId'`, or an accessor) the result
 * keeps the overall series in `days` (every user counted once) and adds
 * `groups: [{ group, days }]`, one series per group over the same range, in order of the
 * group's first event; a user active in two groups counts in both groups, and once
 * overall.
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
 * // Grouped: the overall series stays, each account gets its own.
 * const byAccount = activeUsers(
 *   [
 *     { userId: 'ana', accountId: 'acme', timestamp: '2024-03-01T09:00:00Z' },
 *     { userId: 'ana', accountId: 'initech', timestamp: '2024-03-01T10:00:00Z' },
 *     { userId: 'ben', accountId: 'acme', timestamp: '2024-03-01T11:00:00Z' },
 *   ],
 *   { groupBy: 'accountId', asOf: '2024-03-01' },
 * );
 * byAccount.days.map((d) => d.dau); // => [2]
 * byAccount.groups.map((g) => [g.group, g.days[0]?.dau]); // => [['acme', 2], ['initech', 1]]
 * ```
 */
export function activeUsers<R>(
  events: Events<R>,
  options: ActiveUsersOptions<R> & { readonly groupBy: NonNullable<ActiveUsersOptions<R>['groupBy']> },
): GroupedActiveUsersResult;
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
