import { asOfEcho, readAsOf } from '../core/as-of.js';
import { readThresholds } from '../core/bands.js';
import { dayKey } from '../core/calendar.js';
import type { Events } from '../core/events.js';
import { optionsOf } from '../core/options.js';
import { readInteger } from '../core/read.js';
import { zoneCalendar } from '../core/time-zone.js';
import { dayRange, overallActiveDays, readActiveDays, rollingCounts, type ActiveDays } from './internal/active-days.js';
import { completeThrough } from './internal/as-of-range.js';
import { EMPTY_FIGURES, STICKINESS_SCALE, stickinessFigures } from './internal/stickiness-figures.js';
import {
  STICKINESS_OPTION_KEYS,
  type ActiveUsersBaseOptions,
  type GroupedStickinessResult,
  type ResolvedStickinessThresholds,
  type StickinessFigures,
  type StickinessOptions,
  type StickinessResult,
} from './types.js';

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
 * Edge cases: empty input, or no complete day in the range, gives zeros, `dayCount: 0`,
 * `from`/`to` `null`, `meanDauMau: null`, `band: null` and an empty histogram.
 *
 * Grouping: with `groupBy`, the top-level figures stay the overall ones (every user
 * once) and `groups: [{ group, ...figures }]` adds the figures of each group over the
 * same range, in order of the group's first event.
 *
 * @param events Rows (`{ userId, timestamp }` by default, or accessors in `options`) or
 * columns `{ userId, timestamp }` (with `groupBy: 'accountId'`, an `accountId` column), read
 * in place.
 * @throws {MetricsInputError} for bad records, an unknown option key (`windows.wau`
 * included) or a `null` option, a bad `asOf`, thresholds outside [0, 1] or with
 * `regular > dailyHabit` (a threshold left out counts with its default: moving
 * `dailyHabit` below 0.2 needs `regular` too).
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
 * result.dayCount; // => 2
 * result.histogram.map((bar) => [bar.activeDays, bar.userCount, bar.atLeast]); // => [[1, 1, 2], [2, 1, 1]]
 * // By default asOf is the latest event, 09:00 on March 2: only March 1 is complete.
 * [stickiness(events).to, stickiness(events).meanDauMau]; // => ['2024-03-01', 1]
 * ```
 */
export function stickiness<R>(
  events: Events<R>,
  options: StickinessOptions<R> & { readonly groupBy: NonNullable<ActiveUsersBaseOptions<R>['groupBy']> },
): GroupedStickinessResult;
export function stickiness<R>(events: Events<R>, options?: StickinessOptions<R>): StickinessResult;
export function stickiness<R>(events: Events<R>, options?: StickinessOptions<R>): StickinessResult | GroupedStickinessResult {
  const fn = 'stickiness';
  const opts = optionsOf(options, fn, STICKINESS_OPTION_KEYS);
  const windows = optionsOf(opts.windows, fn, ['mau'], 'options.windows');
  const mau = windows.mau === undefined ? 30 : readInteger(windows.mau, fn, 'options.windows.mau', 1);
  const thresholds = readThresholds(STICKINESS_SCALE, opts.thresholds, fn, 'options.thresholds');
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
    dayCount: range === null ? 0 : range.to - range.from + 1,
    mauWindow: mau,
    thresholds,
  };
  const overall = range === null ? EMPTY_FIGURES : (figuresOf(overallActiveDays(data), range, mau, thresholds)[0] as StickinessFigures);
  if (data.groupIds === null) return { ...head, ...overall };
  const figures = range === null ? [] : figuresOf(data, range, mau, thresholds);
  return { ...head, ...overall, groups: data.groupIds.map((group, g) => ({ group, ...(figures[g] ?? EMPTY_FIGURES) })) };
}

/** The figures of each group over `range` (local days, both included). */
function figuresOf(data: ActiveDays, range: { from: number; to: number }, mau: number, thresholds: ResolvedStickinessThresholds): StickinessFigures[] {
  const length = range.to - range.from + 1;
  return stickinessFigures(rollingCounts(data, range.from, range.to, [1, mau]), activeDayTallies(data, range), data.groupCount, length, thresholds);
}

/** Per group, the units active on exactly k days of the range (k = 0..length): `tallies[g * (length + 1) + k]`. */
function activeDayTallies(data: ActiveDays, range: { from: number; to: number }): Int32Array {
  const length = range.to - range.from + 1;
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
  return tallies;
}
