import { asOfEcho, readAsOf, type AsOfEcho } from '../core/as-of.js';
import { dayKey } from '../core/calendar.js';
import { fail } from '../core/errors.js';
import type { Events } from '../core/events.js';
import { optionsOf } from '../core/options.js';
import { readInteger, readNonNegative, type Id } from '../core/read.js';
import { zoneCalendar } from '../core/time-zone.js';
import type { Timestamp } from '../core/types.js';
import { compensatedSum } from '../stats/compensated-sum.js';
import { ACTIVE_DAYS_OPTION_KEYS, dayRange, ratio, readActiveDays, rollingCounts, type ActiveDays, type ActiveDaysOptions } from './internal/active-days.js';
import { completeThrough } from './internal/as-of-range.js';

/** Band of a DAU/MAU ratio. */
export type StickinessBand = 'daily-habit' | 'regular' | 'occasional';

/** Thresholds of the stickiness bands. */
export interface StickinessThresholds {
  /** Mean DAU/MAU above this is `'daily-habit'` (default 0.7). */
  readonly dailyHabit?: number;
  /** Mean DAU/MAU at or above this (and not a daily habit) is `'regular'`, below it `'occasional'` (default 0.2). */
  readonly regular?: number;
}

/** The keys of {@link StickinessThresholds}, checked at `options.thresholds`. */
export const STICKINESS_THRESHOLD_KEYS = ['dailyHabit', 'regular'] as const;

/** Options of {@link stickiness}. */
export interface StickinessOptions<R> extends ActiveDaysOptions<R> {
  /** The MAU window in days (default `{ mau: 30 }`); `mau` is its only key (`wau` is an unknown option here). */
  readonly windows?: {
    /** Days in the MAU window (default 30). */
    readonly mau?: number;
  };
  /** Band thresholds (default `{ dailyHabit: 0.7, regular: 0.2 }`). */
  readonly thresholds?: StickinessThresholds;
  /**
   * "Now": events after it are left out, and the range ends on the last day that had
   * ended by it (a day in progress is left out). A date `YYYY-MM-DD` is the end of that
   * local day (so that day is in), a month `YYYY-MM` the end of the month, any other
   * timestamp the instant it names. Default: the latest event.
   */
  readonly asOf?: Timestamp;
}

/** The option keys of {@link stickiness}. */
export const STICKINESS_OPTION_KEYS = [...ACTIVE_DAYS_OPTION_KEYS, 'windows', 'thresholds', 'asOf'] as const;

/** One bar of the stickiness histogram. */
export interface StickinessBar {
  /** Number of active days in the range. */
  readonly activeDays: number;
  /** Users active on exactly `activeDays` days. */
  readonly users: number;
  /** `users` as a share of the range's active users; `null` when there are none. */
  readonly share: number | null;
  /** Users active on at least `activeDays` days. */
  readonly atLeast: number;
  /** `atLeast` as a share of the range's active users; `null` when there are none. */
  readonly atLeastShare: number | null;
}

/** Stickiness figures of one range (and one group). */
export interface StickinessFigures {
  /** Mean of the daily DAU/MAU ratios over the days whose MAU is above 0; `null` if none. */
  readonly meanDauMau: number | null;
  /** `'daily-habit'`, `'regular'` or `'occasional'` by `meanDauMau`; `null` when it is. */
  readonly band: StickinessBand | null;
  /** Mean DAU over the days of the range. */
  readonly averageDau: number;
  /** Distinct users active at least once in the range. */
  readonly activeUsers: number;
  /** Average DAU divided by the range's active users (the calendar form of DAU/MAU for a month); `null` when none. */
  readonly averageDauPerActiveUser: number | null;
  /** Users by number of active days in the range, for 1 to the range's length. */
  readonly histogram: StickinessBar[];
}

/** Result of {@link stickiness}. */
export interface StickinessResult extends StickinessFigures, AsOfEcho {
  /** IANA time zone the days are counted in. */
  readonly timeZone: string;
  /** First day of the range, `YYYY-MM-DD`; `null` when no complete day is in the range. */
  readonly from: string | null;
  /** Last day of the range, `YYYY-MM-DD`: the last complete day at `asOf`, or `to`; `null` with `from`. */
  readonly to: string | null;
  /** Days in the range (all of them complete). */
  readonly days: number;
  /** Days in the MAU window. */
  readonly mauWindow: number;
  /** Band thresholds used, defaults filled in. */
  readonly thresholds: {
    /** Mean DAU/MAU above this is `'daily-habit'`. */
    readonly dailyHabit: number;
    /** Mean DAU/MAU at or above this (and not a daily habit) is `'regular'`. */
    readonly regular: number;
  };
}

/** Result of {@link stickiness} with `groupBy`. */
export interface GroupedStickinessResult extends Omit<StickinessResult, keyof StickinessFigures> {
  /** The figures of each group, in order of the group's first event. */
  readonly groups: ({
    /** The group's id (e.g. the account id). */
    readonly group: Id;
  } & StickinessFigures)[];
}

/**
 * How habitual use is over a range of complete days: mean DAU/MAU with its band, and the
 * stickiness histogram (how many users were active on exactly N days, and on at least N
 * days).
 *
 * Definitions: DAU and rolling MAU per local day as in {@link activeUsers}; `meanDauMau` is
 * the mean of the daily ratios over the range's days with MAU above 0. The band follows the
 * common reading of DAU/MAU: above 0.7 (`dailyHabit`) users come back daily
 * (`'daily-habit'`); 0.2 (`regular`) and up is the level widely cited as good for SaaS
 * (`'regular'`); below it, `'occasional'`. Both thresholds are options. The histogram is
 * Mixpanel's and Amplitude's stickiness chart: for N = 1 to the number of days in the range,
 * the users active on exactly N days and, cumulatively, on at least N days, with shares of
 * the users active in the range. `averageDauPerActiveUser` is the calendar variant
 * (average DAU / distinct users of the range), which for a calendar month is the
 * "DAU/MAU of the month". The MAU window is `windows.mau` (30); `windows` has no other key.
 *
 * Time: `asOf` is "now" (default: the latest event); events after it are left out. Every
 * figure is over complete days only: the range (`from`..`to`, default the first active
 * day to the day of `asOf`) ends on the last day that had ended by `asOf`. A day still in
 * progress would bias every figure down (its DAU is partial, its MAU nearly whole, and
 * users active later that day miss an active day in the histogram), so it is left out:
 * with the default `asOf` the last day of the data is not in the range unless its last
 * event is the day's last millisecond. Pass a date (`asOf: '2024-06-30'`: data complete
 * through June 30) to include that day.
 *
 * Cost: O(n) over events plus O(user-days + days); memory O(user-days + days).
 *
 * Edge cases: empty input, or no complete day in the range, gives zeros, `days: 0`,
 * `from`/`to` `null`, `meanDauMau: null`, `band: null` and an empty histogram; with
 * `groupBy`, one set of figures per group over the same range.
 *
 * @param events Rows (`{ userId, timestamp }` by default, or accessors in `options`) or
 * columns `{ userId, timestamp }` (with `groupBy: 'accountId'`, an `accountId` column), read
 * in place.
 * @throws {MetricsInputError} for bad records, an unknown option key (`windows.wau`
 * included) or a `null` option, a bad `asOf`, thresholds outside [0, 1] or with
 * `regular > dailyHabit`.
 *
 * @example
 * ```ts
 * import { stickiness } from 'customer-success-metrics/engagement';
 * const events = [
 *   { userId: 'ana', timestamp: '2024-03-01T09:00:00Z' },
 *   { userId: 'ben', timestamp: '2024-03-01T12:00:00Z' },
 *   { userId: 'ana', timestamp: '2024-03-02T09:00:00Z' },
 * ];
 * // The data is complete through March 2: both days count.
 * const result = stickiness(events, { asOf: '2024-03-02' });
 * result.meanDauMau; // => 0.75
 * result.band; // => 'daily-habit'
 * result.histogram.map((bar) => [bar.activeDays, bar.users, bar.atLeast]); // => [[1, 1, 2], [2, 1, 1]]
 * // By default asOf is the latest event, 09:00 on March 2: only March 1 is complete.
 * [stickiness(events).to, stickiness(events).meanDauMau]; // => ['2024-03-01', 1]
 * ```
 */
export function stickiness<R>(
  events: Events<R>,
  options: StickinessOptions<R> & { readonly groupBy: NonNullable<ActiveDaysOptions<R>['groupBy']> },
): GroupedStickinessResult;
export function stickiness<R>(events: Events<R>, options?: StickinessOptions<R>): StickinessResult;
export function stickiness<R>(events: Events<R>, options?: StickinessOptions<R>): StickinessResult | GroupedStickinessResult {
  const fn = 'stickiness';
  const opts = optionsOf(options, fn, STICKINESS_OPTION_KEYS);
  const windows = optionsOf(opts.windows, fn, ['mau'], 'options.windows');
  const mau = windows.mau === undefined ? 30 : readInteger(windows.mau, fn, 'options.windows.mau', 1);
  const thresholds = readThresholds(fn, opts.thresholds);
  const zone = zoneCalendar(opts.timeZone ?? 'UTC', fn);
  const givenAsOf = readAsOf(opts.asOf, zone, fn);
  const data = readActiveDays(fn, events, opts, zone, givenAsOf);
  const asOf = givenAsOf ?? data.latest;
  const reported = dayRange(fn, opts, data, asOf);
  // Complete days only (see the doc comment).
  const lastComplete = completeThrough(asOf, zone);
  const range = reported === null || lastComplete < reported.from ? null : { from: reported.from, to: Math.min(reported.to, lastComplete) };
  const head = {
    timeZone: zone.timeZone,
    ...asOfEcho(asOf, zone),
    from: range === null ? null : dayKey(range.from),
    to: range === null ? null : dayKey(range.to),
    days: range === null ? 0 : range.to - range.from + 1,
    mauWindow: mau,
    thresholds,
  };
  const figures = range === null ? [EMPTY_FIGURES] : figuresOf(data, range, mau, thresholds);
  if (data.groupIds === null) return { ...head, ...(figures[0] as StickinessFigures) };
  return { ...head, groups: data.groupIds.map((group, g) => ({ group, ...(figures[g] as StickinessFigures) })) };
}

const EMPTY_FIGURES: StickinessFigures = { meanDauMau: null, band: null, averageDau: 0, activeUsers: 0, averageDauPerActiveUser: null, histogram: [] };

/** The figures of each group over `range` (local days, both included). */
function figuresOf(data: ActiveDays, range: { from: number; to: number }, mau: number, thresholds: { dailyHabit: number; regular: number }): StickinessFigures[] {
  const length = range.to - range.from + 1;
  const [dauCounts, mauCounts] = rollingCounts(data, range.from, range.to, [1, mau]) as [Int32Array, Int32Array];
  // Active days in the range per unit, tallied per group.
  const tallies = new Int32Array(data.groupCount * (length + 1));
  const { offsets, days, units } = data.unitDays;
  for (let u = 0; u < units; u++) {
    let active = 0;
    for (let i = offsets[u] as number; i < (offsets[u + 1] as number); i++) {
      const day = days[i] as number;
      if (day >= range.from && day <= range.to) active++;
    }
    const slot = (data.unitGroup[u] as number) * (length + 1) + active;
    tallies[slot] = (tallies[slot] as number) + 1;
  }
  const figures: StickinessFigures[] = [];
  for (let g = 0; g < data.groupCount; g++) {
    const ratios: number[] = [];
    const dauValues: number[] = [];
    for (let d = 0; d < length; d++) {
      const dau = dauCounts[g * length + d] as number;
      const m = mauCounts[g * length + d] as number;
      dauValues.push(dau);
      if (m > 0) ratios.push(dau / m);
    }
    const meanDauMau = ratio(compensatedSum(ratios), ratios.length);
    const averageDau = compensatedSum(dauValues) / length;
    const tally = tallies.subarray(g * (length + 1), (g + 1) * (length + 1));
    const { activeUsers, histogram } = histogramOf(tally, length);
    figures.push({
      meanDauMau,
      band: meanDauMau === null ? null : meanDauMau > thresholds.dailyHabit ? 'daily-habit' : meanDauMau >= thresholds.regular ? 'regular' : 'occasional',
      averageDau,
      activeUsers,
      averageDauPerActiveUser: ratio(averageDau, activeUsers),
      histogram,
    });
  }
  return figures;
}

/** The histogram of one group from `tally[k]`, the units active on exactly k days (k = 0..length). */
function histogramOf(tally: Int32Array, length: number): { activeUsers: number; histogram: StickinessBar[] } {
  let activeUsers = 0;
  for (let k = 1; k <= length; k++) activeUsers += tally[k] as number;
  const histogram: StickinessBar[] = [];
  let atLeast = activeUsers;
  for (let k = 1; k <= length; k++) {
    const users = tally[k] as number;
    histogram.push({ activeDays: k, users, share: ratio(users, activeUsers), atLeast, atLeastShare: ratio(atLeast, activeUsers) });
    atLeast -= users;
  }
  return { activeUsers, histogram };
}

function readThresholds(fn: string, given: StickinessThresholds | undefined): { dailyHabit: number; regular: number } {
  const thresholds = optionsOf(given, fn, STICKINESS_THRESHOLD_KEYS, 'options.thresholds');
  const dailyHabit = thresholds.dailyHabit === undefined ? 0.7 : readNonNegative(thresholds.dailyHabit, fn, 'options.thresholds.dailyHabit');
  const regular = thresholds.regular === undefined ? Math.min(0.2, dailyHabit) : readNonNegative(thresholds.regular, fn, 'options.thresholds.regular');
  if (dailyHabit > 1) fail(fn, 'options.thresholds.dailyHabit', 'invalid-option', 'must be at most 1', dailyHabit);
  if (regular > dailyHabit) fail(fn, 'options.thresholds.regular', 'invalid-option', `must not exceed options.thresholds.dailyHabit (${dailyHabit})`, regular);
  return { dailyHabit, regular };
}
