import { asOfEcho, readAsOf, type AsOfEcho } from '../core/as-of.js';
import { dayKey, firstDayOfMonth, monthKey, monthOfDay, startOfWeek } from '../core/calendar.js';
import type { Events } from '../core/events.js';
import { optionsOf } from '../core/options.js';
import { readChoice, readWeekStart, type Id } from '../core/read.js';
import { zoneCalendar } from '../core/time-zone.js';
import type { Period, Timestamp, Weekday } from '../core/types.js';
import { ACTIVE_DAYS_OPTION_KEYS, dayRange, readActiveDays, type ActiveDays, type ActiveDaysOptions } from './internal/active-days.js';
import { completeThrough } from './internal/as-of-range.js';

/** Options of {@link activeUsersByPeriod}. */
export interface ActiveUsersByPeriodOptions<R> extends ActiveDaysOptions<R> {
  /** Calendar period: `'day'`, `'week'` or `'month'` (default `'month'`). */
  readonly period?: Period;
  /** First day of the week, 0 = Sunday ... 6 = Saturday (default 1, Monday). */
  readonly weekStartsOn?: Weekday;
  /**
   * "Now": events after it are left out and periods after its local day are not reported;
   * a period is complete once `asOf` reaches the end of its last day. A date `YYYY-MM-DD`
   * is the end of that local day, a month `YYYY-MM` the end of the month, any other
   * timestamp the instant it names (inclusive). Default: the latest event.
   */
  readonly asOf?: Timestamp;
}

/** The option keys of {@link activeUsersByPeriod}. */
export const ACTIVE_USERS_BY_PERIOD_OPTION_KEYS = [...ACTIVE_DAYS_OPTION_KEYS, 'period', 'weekStartsOn', 'asOf'] as const;

/** Distinct active users in one calendar period. */
export interface PeriodActiveUsers {
  /** The period's key: `YYYY-MM-DD` for a day or a week (its first day), `YYYY-MM` for a month. */
  readonly period: string;
  /** First day of the period that lies in the reported range, `YYYY-MM-DD`. */
  readonly start: string;
  /** Last day of the period that lies in the reported range, `YYYY-MM-DD`. */
  readonly end: string;
  /**
   * Whether the count is final: the whole calendar period lies in the reported range (not
   * cut by `from` or `to`) and its last day had ended by `asOf`. The period holding `asOf`
   * is usually still in progress (`false`).
   */
  readonly complete: boolean;
  /** Users with at least one event in the period (within the range). */
  readonly activeUsers: number;
}

/** Result of {@link activeUsersByPeriod}. */
export interface ActiveUsersByPeriodResult extends AsOfEcho {
  /** IANA time zone the days are counted in. */
  readonly timeZone: string;
  /** The calendar period used. */
  readonly period: Period;
  /** First day of the week used, 0 = Sunday ... 6 = Saturday. */
  readonly weekStartsOn: Weekday;
  /** First reported day, `YYYY-MM-DD`; `null` when there is nothing to report. */
  readonly from: string | null;
  /** Last reported day, `YYYY-MM-DD` (at the latest the day of `asOf`); `null` when there is nothing to report. */
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
 * 0 when nobody was active. With `groupBy`, one series per group over the same periods.
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
  options: ActiveUsersByPeriodOptions<R> & { readonly groupBy: NonNullable<ActiveDaysOptions<R>['groupBy']> },
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
  const series = range === null ? [] : periodSeries(data, new Calendar(period, weekStartsOn, range.from), range, completeThrough(asOf, zone));
  if (data.groupIds === null) return { ...head, periods: series[0] ?? [] };
  return { ...head, groups: data.groupIds.map((group, g) => ({ group, periods: series[g] ?? [] })) };
}

/** Numbers the calendar periods from the one that contains the range's first day (index 0). */
class Calendar {
  constructor(
    readonly period: Period,
    readonly weekStartsOn: Weekday,
    readonly from: number,
  ) {}

  /** Index of the period that contains `day`. */
  indexOf(day: number): number {
    if (this.period === 'day') return day - this.from;
    if (this.period === 'week') return (startOfWeek(day, this.weekStartsOn) - startOfWeek(this.from, this.weekStartsOn)) / 7;
    return monthOfDay(day) - monthOfDay(this.from);
  }

  /** First day of the period at `index`. */
  firstDayOf(index: number): number {
    if (this.period === 'day') return this.from + index;
    if (this.period === 'week') return startOfWeek(this.from, this.weekStartsOn) + index * 7;
    return firstDayOfMonth(monthOfDay(this.from) + index);
  }
}

/**
 * One series of periods per group over `range`: distinct units per period (a unit's days
 * are sorted, so each is counted once per period it touches). A period is complete when
 * it lies whole in the range and its last day is at most `completeDay`.
 */
function periodSeries(data: ActiveDays, calendar: Calendar, range: { from: number; to: number }, completeDay: number): PeriodActiveUsers[][] {
  const { from, to } = range;
  const count = calendar.indexOf(to) + 1;
  const counts = new Int32Array(data.groupCount * count);
  const { offsets, days, units } = data.unitDays;
  for (let u = 0; u < units; u++) {
    const base = (data.unitGroup[u] as number) * count;
    let last = -1;
    for (let i = offsets[u] as number; i < (offsets[u + 1] as number); i++) {
      const day = days[i] as number;
      if (day < from) continue;
      if (day > to) break;
      const index = calendar.indexOf(day);
      if (index !== last) {
        counts[base + index] = (counts[base + index] as number) + 1;
        last = index;
      }
    }
  }
  const frames = [];
  for (let p = 0; p < count; p++) {
    const first = calendar.firstDayOf(p);
    const last = calendar.firstDayOf(p + 1) - 1;
    frames.push({
      period: calendar.period === 'month' ? monthKey(monthOfDay(first)) : dayKey(first),
      start: dayKey(Math.max(first, from)),
      end: dayKey(Math.min(last, to)),
      complete: first >= from && last <= to && last <= completeDay,
    });
  }
  const series: PeriodActiveUsers[][] = [];
  for (let g = 0; g < data.groupCount; g++) {
    series.push(frames.map((frame, p) => ({ ...frame, activeUsers: counts[g * count + p] as number })));
  }
  return series;
}
