/**
 * The compute phase of `activeUsers` and `activeUsersAccumulator`: distinct active days
 * per unit in, the daily DAU/WAU/MAU series out (overall, and per group with `groupBy`).
 * O(user-days + groups × days).
 * @internal
 */

import { asOfEcho } from '../../core/as-of.js';
import { dayKey } from '../../core/calendar.js';
import type { ZoneCalendar } from '../../core/time-zone.js';
import type { Id } from '../../core/read.js';
import type { ActiveUsersDay, ActiveUsersResult, GroupedActiveUsersResult } from '../types.js';
import { overallActiveDays, ratio, rollingCounts, type CollectedActiveDays } from './active-days.js';
import { asOfRange, completeThrough } from './as-of-range.js';

/** What the series needs: the data's day span, its groups, and rolling counts over a range. */
export interface ActivitySource {
  readonly zone: ZoneCalendar;
  /** First and last active day of the events counted (at or before `asOf`); `null` without data. */
  readonly firstDay: number | null;
  readonly lastDay: number | null;
  /** The latest event instant counted; `null` without data. */
  readonly latest: number | null;
  readonly groupIds: Id[] | null;
  readonly groupCount: number;
  /** Rolling distinct counts per group and day of `[from, to]`, one array per window (see `rollingCounts`). */
  counts(from: number, to: number, windows: readonly number[]): Int32Array[];
  /** The same counts over every user once, whatever their groups (the counts themselves without grouping). */
  overallCounts(from: number, to: number, windows: readonly number[]): Int32Array[];
}

/** The {@link ActivitySource} of distinct active days per unit. */
export function daysSource(data: CollectedActiveDays): ActivitySource {
  let overall: ReturnType<typeof overallActiveDays> | null = null;
  return {
    zone: data.zone,
    firstDay: data.unitDays.firstDay,
    lastDay: data.unitDays.lastDay,
    latest: data.latest,
    groupIds: data.groupIds,
    groupCount: data.groupCount,
    counts: (from, to, windows) => rollingCounts(data, from, to, windows),
    overallCounts: (from, to, windows) => rollingCounts((overall ??= overallActiveDays(data)), from, to, windows),
  };
}

/** Resolved window lengths, in days. */
export interface ResolvedWindows {
  readonly wau: number;
  readonly mau: number;
}

/**
 * The active-user result over `data`: every day of the range (`bounds` as local day
 * numbers, `null` ends taken from the data and `asOf`, see {@link asOfRange}); with
 * grouped data, the overall series and one series per group (in group-code order).
 * `givenAsOf` is the caller's `asOf` (the data then holds only events at or before it);
 * `null` means the latest event.
 */
export function activeUsersSeries(
  data: ActivitySource,
  windows: ResolvedWindows,
  bounds: { from: number | null; to: number | null },
  givenAsOf: number | null,
): ActiveUsersResult | GroupedActiveUsersResult {
  const asOf = givenAsOf ?? data.latest;
  const range = asOfRange(bounds, data.firstDay, data.lastDay, asOf, data.zone);
  const head = {
    timeZone: data.zone.timeZone,
    ...asOfEcho(asOf, data.zone),
    windows: { wau: windows.wau, mau: windows.mau },
    from: range === null ? null : dayKey(range.from),
    to: range === null ? null : dayKey(range.to),
  };
  if (range === null) {
    return data.groupIds === null ? { ...head, days: [] } : { ...head, days: [], groups: data.groupIds.map((group) => ({ group, days: [] })) };
  }
  const lengths = [1, windows.wau, windows.mau];
  const completeDays = completeThrough(asOf, data.zone) - range.from + 1;
  const days = dayRows(data.overallCounts(range.from, range.to, lengths), range, completeDays, 1)[0] as ActiveUsersDay[];
  if (data.groupIds === null) return { ...head, days };
  const series = dayRows(data.counts(range.from, range.to, lengths), range, completeDays, data.groupCount);
  return { ...head, days, groups: data.groupIds.map((group, g) => ({ group, days: series[g] as ActiveUsersDay[] })) };
}

/** The rows of each of `groupCount` groups from DAU, WAU and MAU counts over `range`. */
function dayRows(counts: Int32Array[], range: { from: number; to: number }, completeDays: number, groupCount: number): ActiveUsersDay[][] {
  const [dau, wau, mau] = counts as [Int32Array, Int32Array, Int32Array];
  const length = range.to - range.from + 1;
  const keys: string[] = [];
  for (let d = 0; d < length; d++) keys.push(dayKey(range.from + d));
  const series: ActiveUsersDay[][] = [];
  for (let g = 0; g < groupCount; g++) {
    const days: ActiveUsersDay[] = [];
    for (let d = 0; d < length; d++) {
      const i = g * length + d;
      const m = mau[i] as number;
      days.push({
        date: keys[d] as string,
        complete: d < completeDays,
        dau: dau[i] as number,
        wau: wau[i] as number,
        mau: m,
        dauMau: ratio(dau[i] as number, m),
        wauMau: ratio(wau[i] as number, m),
      });
    }
    series.push(days);
  }
  return series;
}
