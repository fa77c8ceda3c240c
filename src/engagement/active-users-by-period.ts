import { dayKey, firstDayOfMonth, monthKey, monthOfDay, startOfWeek } from '../core/calendar.js';
import type { Events } from '../core/events.js';
import { optionsOf, readChoice, readWeekStart, type Id } from '../core/read.js';
import type { Period, Weekday } from '../core/types.js';
import { dayRange, readActiveDays, type ActiveDaysOptions } from './internal/active-days.js';

/** Options of {@link activeUsersByPeriod}. */
export interface ActiveUsersByPeriodOptions<R> extends ActiveDaysOptions<R> {
  /** Calendar period: `'day'`, `'week'` or `'month'` (default `'month'`). */
  readonly period?: Period;
  /** First day of the week, 0 = Sunday ... 6 = Saturday (default 1, Monday). */
  readonly weekStartsOn?: Weekday;
}

/** Distinct active users in one calendar period. */
export interface PeriodActiveUsers {
  /** The period's key: `YYYY-MM-DD` for a day or a week (its first day), `YYYY-MM` for a month. */
  readonly period: string;
  /** First day of the period that lies in the reported range, `YYYY-MM-DD`. */
  readonly start: string;
  /** Last day of the period that lies in the reported range, `YYYY-MM-DD`. */
  readonly end: string;
  /** Whether the whole calendar period lies in the range (edge periods may be partial). */
  readonly complete: boolean;
  /** Users with at least one event in the period (within the range). */
  readonly activeUsers: number;
}

/** Result of {@link activeUsersByPeriod}. */
export interface ActiveUsersByPeriodResult {
  /** IANA time zone the days are counted in. */
  readonly timeZone: string;
  /** The calendar period used. */
  readonly period: Period;
  /** First day of the week used, 0 = Sunday ... 6 = Saturday. */
  readonly weekStartsOn: Weekday;
  /** First reported day, `YYYY-MM-DD`; `null` for empty input without a range. */
  readonly from: string | null;
  /** Last reported day, `YYYY-MM-DD`; `null` for empty input without a range. */
  readonly to: string | null;
  /** Every period from the one containing `from` to the one containing `to`. */
  readonly periods: PeriodActiveUsers[];
}

/** Result of {@link activeUsersByPeriod} with `groupBy`. */
export interface GroupedActiveUsersByPeriodResult extends Omit<ActiveUsersByPeriodResult, 'periods'> {
  /** One series per group, in order of the group's first event. */
  readonly groups: {
    /** The group's id (e.g. the account id). */
    readonly group: Id;
    /** The group's periods, the same for every group. */
    readonly periods: PeriodActiveUsers[];
  }[];
}

/**
 * Distinct active users per calendar day, week or month.
 *
 * Definition: the number of distinct users with at least one event in each calendar
 * period of `timeZone` (weeks start on `weekStartsOn`, Monday by default; months are
 * calendar months), the "unique users" of a calendar-period chart. Unlike the rolling
 * windows of {@link activeUsers}, periods do not overlap. Periods cut by `from` or `to`
 * count only their days inside the range and say `complete: false`.
 *
 * Cost: O(n) over events plus O(user-days + periods); memory O(user-days).
 *
 * Edge cases: empty input gives `periods: []`; every period of the range is present, with
 * 0 when nobody was active. With `groupBy`, one series per group over the same periods.
 *
 * @param events Rows (`{ userId, timestamp }` by default, or accessors in `options`) or
 * columns `{ userId, timestamp }` (with `groupBy: 'accountId'`, an `accountId` column), read
 * in place.
 * @throws {MetricsInputError} for bad records, an unknown zone, an unknown period or week
 * start, or `to` before `from`.
 *
 * @example
 * ```ts
 * import { activeUsersByPeriod } from 'customer-success-metrics/engagement';
 * const events = [
 *   { userId: 'ana', timestamp: '2024-02-28T10:00:00Z' },
 *   { userId: 'ana', timestamp: '2024-03-02T10:00:00Z' },
 *   { userId: 'ben', timestamp: '2024-03-04T10:00:00Z' },
 * ];
 * activeUsersByPeriod(events, { period: 'month' }).periods.map((p) => [p.period, p.activeUsers]);
 * // => [['2024-02', 1], ['2024-03', 2]]
 * activeUsersByPeriod(events, { period: 'week' }).periods.map((p) => [p.period, p.activeUsers]);
 * // => [['2024-02-26', 1], ['2024-03-04', 1]]
 * ```
 */
export function activeUsersByPeriod<R>(
  events: Events<R>,
  options: ActiveUsersByPeriodOptions<R> & { readonly groupBy: NonNullable<ActiveDaysOptions<R>['groupBy']> },
): GroupedActiveUsersByPeriodResult;
export function activeUsersByPeriod<R>(events: Events<R>, options?: ActiveUsersByPeriodOptions<R>): ActiveUsersByPeriodResult;
export function activeUsersByPeriod<R>(
  events: Events<R>,
  options?: ActiveUsersByPeriodOptions<R>,
): ActiveUsersByPeriodResult | GroupedActiveUsersByPeriodResult {
  const fn = 'activeUsersByPeriod';
  const opts = optionsOf(options, fn);
  const period = readChoice(opts.period, ['day', 'week', 'month'] as const, 'month', fn, 'options.period');
  const weekStartsOn = readWeekStart(opts.weekStartsOn, fn);
  const data = readActiveDays(fn, events, opts);
  const range = dayRange(fn, opts, data);
  const head = {
    timeZone: data.zone.timeZone,
    period,
    weekStartsOn,
    from: range === null ? null : dayKey(range.from),
    to: range === null ? null : dayKey(range.to),
  };
  const series: PeriodActiveUsers[][] = [];
  if (range !== null) {
    const { from, to } = range;
    // Period index of a day, relative to the period that contains `from`.
    const indexOf =
      period === 'day'
        ? (day: number) => day - from
        : period === 'week'
          ? (day: number) => (startOfWeek(day, weekStartsOn) - startOfWeek(from, weekStartsOn)) / 7
          : (day: number) => monthOfDay(day) - monthOfDay(from);
    const firstDayOf =
      period === 'day'
        ? (index: number) => from + index
        : period === 'week'
          ? (index: number) => startOfWeek(from, weekStartsOn) + index * 7
          : (index: number) => firstDayOfMonth(monthOfDay(from) + index);
    const count = indexOf(to) + 1;
    const counts = new Int32Array(data.groupCount * count);
    const { offsets, days, units } = data.unitDays;
    for (let u = 0; u < units; u++) {
      const base = (data.unitGroup[u] as number) * count;
      let last = -1;
      for (let i = offsets[u] as number; i < (offsets[u + 1] as number); i++) {
        const day = days[i] as number;
        if (day < from) continue;
        if (day > to) break;
        const index = indexOf(day);
        if (index !== last) {
          counts[base + index] = (counts[base + index] as number) + 1;
          last = index;
        }
      }
    }
    const frames = [];
    for (let p = 0; p < count; p++) {
      const first = firstDayOf(p);
      const last = firstDayOf(p + 1) - 1;
      frames.push({
        period: period === 'month' ? monthKey(monthOfDay(first)) : dayKey(first),
        start: dayKey(Math.max(first, from)),
        end: dayKey(Math.min(last, to)),
        complete: first >= from && last <= to,
      });
    }
    for (let g = 0; g < data.groupCount; g++) {
      series.push(frames.map((frame, p) => ({ ...frame, activeUsers: counts[g * count + p] as number })));
    }
  }
  if (data.groupIds === null) return { ...head, periods: series[0] ?? [] };
  return { ...head, groups: data.groupIds.map((group, g) => ({ group, periods: series[g] ?? [] })) };
}
