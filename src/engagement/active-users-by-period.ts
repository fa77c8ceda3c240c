import { asOfEcho, readAsOf } from '../core/as-of.js';
import { dayKey } from '../core/calendar.js';
import type { Events } from '../core/events.js';
import { optionsOf } from '../core/options.js';
import { periodScale, type PeriodScale } from '../core/periods.js';
import { readChoice, readWeekStart } from '../core/read.js';
import { zoneCalendar } from '../core/time-zone.js';
import { dayRange, overallActiveDays, readActiveDays, type ActiveDays } from './internal/active-days.js';
import { completeThrough } from './internal/as-of-range.js';
import { periodSeries, periodSpan } from './internal/period-frames.js';
import {
  ACTIVE_USERS_BY_PERIOD_OPTION_KEYS,
  type ActiveUsersBaseOptions,
  type ActiveUsersByPeriodOptions,
  type ActiveUsersByPeriodResult,
  type GroupedActiveUsersByPeriodResult,
  type PeriodActiveUsers,
} from './types.js';

/**
 * Distinct active users per calendar day, week or month, each period flagged `complete`
 * or partial.
 *
 * Definition: the number of distinct users with at least one event in each calendar
 * period of `timeZone` (weeks start on `weekStartsOn`, Monday by default; months are
 * calendar months), the "unique users" of a calendar-period chart. Unlike the rolling
 * windows of {@link activeUsers}, periods do not overlap. Periods cut by `from` or `to`
 * count only their days inside the range.
 *
 * Time: `asOf` is "now" (default: the latest event): events after it are left out, the
 * range ends by default on its local day and never after it, and a period is `complete`
 * when it lies whole inside the range and its last day had ended by `asOf`. So with the
 * default `asOf` the current month is reported, flagged `complete: false`; with
 * `asOf: '2024-06-30'` June is complete and July is not reported.
 *
 * Cost: O(n) over events plus O(user-days + periods); memory O(user-days).
 *
 * Edge cases: empty input gives `periods: []`; every period of the range is present, with
 * 0 when nobody was active. With `groupBy`, `periods` stays the overall series (every user
 * once) and `groups: [{ group, periods }]` adds one series per group over the same
 * periods, in order of the group's first event.
 *
 * @param events Rows (`{ userId, timestamp }` by default, or accessors in `options`) or
 * columns `{ userId, timestamp }` (with `groupBy: 'accountId'`, an `accountId` column), read
 * in place.
 * @throws {MetricsInputError} for bad records, an unknown option key or a `null` option,
 * an unknown zone, an unknown period or week start, a bad `asOf`, or `to` before `from`.
 *
 * @example
 * ```ts
 * import { activeUsersByPeriod } from 'customer-success-metrics/engagement';
 * const events = [
 *   { userId: 'ana', timestamp: '2024-02-28T10:00:00Z' },
 *   { userId: 'ana', timestamp: '2024-03-02T10:00:00Z' },
 *   { userId: 'ben', timestamp: '2024-03-04T10:00:00Z' },
 * ];
 * activeUsersByPeriod(events, { period: 'month' }).periods.map((p) => [p.period, p.activeUsers, p.complete]);
 * // => [['2024-02', 1, false], ['2024-03', 2, false]]
 * activeUsersByPeriod(events, { period: 'week' }).periods.map((p) => [p.period, p.activeUsers, p.complete]);
 * // => [['2024-02-26', 1, false], ['2024-03-04', 1, false]]
 * // Above, February is cut (the range starts with the data on 02-28) and March is in progress
 * // at the default asOf (the latest event, March 4). Whole months up to an end-of-month asOf:
 * activeUsersByPeriod(events, { period: 'month', from: '2024-02', asOf: '2024-03-31' }).periods.map((p) => [p.period, p.complete]);
 * // => [['2024-02', true], ['2024-03', true]]
 * ```
 */
export function activeUsersByPeriod<R>(
  events: Events<R>,
  options: ActiveUsersByPeriodOptions<R> & { readonly groupBy: NonNullable<ActiveUsersBaseOptions<R>['groupBy']> },
): GroupedActiveUsersByPeriodResult;
export function activeUsersByPeriod<R>(events: Events<R>, options?: ActiveUsersByPeriodOptions<R>): ActiveUsersByPeriodResult;
export function activeUsersByPeriod<R>(
  events: Events<R>,
  options?: ActiveUsersByPeriodOptions<R>,
): ActiveUsersByPeriodResult | GroupedActiveUsersByPeriodResult {
  const fn = 'activeUsersByPeriod';
  const opts = optionsOf(options, fn, ACTIVE_USERS_BY_PERIOD_OPTION_KEYS);
  const period = readChoice(opts.period, ['day', 'week', 'month'] as const, 'month', fn, 'options.period');
  const weekStartsOn = readWeekStart(opts.weekStartsOn, fn);
  const zone = zoneCalendar(opts.timeZone ?? 'UTC', fn);
  const givenAsOf = readAsOf(opts.asOf, zone, fn);
  const data = readActiveDays(fn, events, opts, zone, givenAsOf);
  const asOf = givenAsOf ?? data.latest;
  const range = dayRange(fn, opts, data, asOf);
  const head = {
    timeZone: zone.timeZone,
    ...asOfEcho(asOf, zone),
    period,
    weekStartsOn,
    from: range === null ? null : dayKey(range.from),
    to: range === null ? null : dayKey(range.to),
  };
  if (range === null) {
    return data.groupIds === null ? { ...head, periods: [] } : { ...head, periods: [], groups: data.groupIds.map((group) => ({ group, periods: [] })) };
  }
  const scale = periodScale(period, weekStartsOn);
  const completeDay = completeThrough(asOf, zone);
  const overall = overallActiveDays(data);
  const periods = periodSeries(periodCounts(overall, scale, range), overall.groupCount, scale, range, completeDay)[0] as PeriodActiveUsers[];
  if (data.groupIds === null) return { ...head, periods };
  const series = periodSeries(periodCounts(data, scale, range), data.groupCount, scale, range, completeDay);
  return { ...head, periods, groups: data.groupIds.map((group, g) => ({ group, periods: series[g] as PeriodActiveUsers[] })) };
}

/**
 * Distinct units per group and period of `range`: `counts[g * count + p]` for the p-th
 * period of `periodSpan` (a unit's days are sorted, so each is counted once per period it
 * touches). O(user-days).
 */
function periodCounts(data: ActiveDays, scale: PeriodScale, range: { from: number; to: number }): Int32Array {
  const { from, to } = range;
  const { first, count } = periodSpan(scale, range);
  const counts = new Int32Array(data.groupCount * count);
  const { offsets, days, units } = data.unitDays;
  for (let u = 0; u < units; u++) {
    const base = (data.unitGroup[u] as number) * count;
    let last = -1;
    for (let i = offsets[u] as number; i < (offsets[u + 1] as number); i++) {
      const day = days[i] as number;
      if (day < from) continue;
      if (day > to) break;
      const index = scale.of(day) - first;
      if (index !== last) {
        counts[base + index] = (counts[base + index] as number) + 1;
        last = index;
      }
    }
  }
  return counts;
}
