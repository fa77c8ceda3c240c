/**
 * The compute phase of {@link activeUsers} and {@link activeUsersAccumulator}: distinct
 * active days per unit in, the daily DAU/WAU/MAU series out. O(user-days + groups × days).
 * @internal
 */

import { dayKey } from '../../core/calendar.js';
import { reportRange } from '../../core/day-range.js';
import type { ActiveUsersDay, ActiveUsersResult, GroupedActiveUsersResult } from '../active-users.js';
import { ratio, rollingCounts, type ActiveDays } from './active-days.js';

/** Resolved window lengths, in days. */
export interface ResolvedWindows {
  readonly wau: number;
  readonly mau: number;
}

/**
 * The active-users result over `data`: every day of the range (`bounds` as local day
 * numbers, `null` ends taken from the data), one series per group (in group-code order)
 * when `data` is grouped.
 */
export function activeUsersSeries(
  data: ActiveDays,
  windows: ResolvedWindows,
  bounds: { from: number | null; to: number | null },
): ActiveUsersResult | GroupedActiveUsersResult {
  const range = reportRange(bounds, data.unitDays.firstDay, data.unitDays.lastDay);
  const head = {
    timeZone: data.zone.timeZone,
    windows: { wau: windows.wau, mau: windows.mau },
    from: range === null ? null : dayKey(range.from),
    to: range === null ? null : dayKey(range.to),
  };
  const series: ActiveUsersDay[][] = [];
  if (range !== null) {
    const [dau, wau, mau] = rollingCounts(data, range.from, range.to, [1, windows.wau, windows.mau]) as [Int32Array, Int32Array, Int32Array];
    const length = range.to - range.from + 1;
    const keys: string[] = [];
    for (let d = 0; d < length; d++) keys.push(dayKey(range.from + d));
    for (let g = 0; g < data.groupCount; g++) {
      const days: ActiveUsersDay[] = [];
      for (let d = 0; d < length; d++) {
        const i = g * length + d;
        const m = mau[i] as number;
        days.push({
          date: keys[d] as string,
          dau: dau[i] as number,
          wau: wau[i] as number,
          mau: m,
          dauMau: ratio(dau[i] as number, m),
          wauMau: ratio(wau[i] as number, m),
        });
      }
      series.push(days);
    }
  }
  if (data.groupIds === null) return { ...head, days: series[0] ?? [] };
  return { ...head, groups: data.groupIds.map((group, g) => ({ group, days: series[g] ?? [] })) };
}
