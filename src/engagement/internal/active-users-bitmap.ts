/**
 * The typed-column route of `activeUsers`: rolling distinct counts straight from an
 * integer typed array of user ids and a `Float64Array` of epoch ms, without id codes,
 * per-user day lists or a sort, for time-ordered and shuffled input alike.
 *
 * Method: the day-major (day, user id) bits of core/column-days.ts; the rows are read in
 * day order, and each set bit (user `u` active on day `d`, after its previous active day
 * `p`) goes to the rolling count the general route uses too (internal/rolling-counts.ts).
 * O(n + days × users / 32 + user-days × windows); memory one bit per (user id, day) within
 * a 64 MB budget, plus one `Int32Array` of users.
 * @internal
 */

import type { DayBits } from '../../core/column-days.js';
import type { ZoneCalendar } from '../../core/time-zone.js';
import type { ActivitySource } from './active-users-series.js';
import { dayBitsAsOf } from './column-days-as-of.js';
import { NO_DAY, RollingCounter } from './rolling-counts.js';

/**
 * The activity of typed columns at or before `asOf` (all of it when `null`), or `null`
 * when they do not fit this route (see `dayBits`): the general path then reads them, and
 * reports any bad value with its path.
 */
export function bitmapActivity(userId: unknown, timestamp: unknown, zone: ZoneCalendar, asOf: number | null): ActivitySource | null {
  const found = dayBitsAsOf(userId, timestamp, zone, asOf);
  if (found === null) return null;
  if (found === 'empty') {
    const none = (from: number, to: number, windows: readonly number[]): Int32Array[] => windows.map(() => new Int32Array(to - from + 1));
    return { zone, firstDay: null, lastDay: null, latest: null, groupIds: null, groupCount: 1, counts: none, overallCounts: none };
  }
  const counts = (from: number, to: number, windows: readonly number[]): Int32Array[] => bitCounts(found, from, to, windows);
  return { zone, firstDay: found.firstDay, lastDay: found.lastDay, latest: found.lastInstant, groupIds: null, groupCount: 1, counts, overallCounts: counts };
}

/** The rolling counts of the bits' rows up to `min(lastDay, to)`, walked in day order. */
function bitCounts(found: DayBits, from: number, to: number, windows: readonly number[]): Int32Array[] {
  const { bits, stride, units, firstDay } = found;
  const counter = new RollingCounter(from, to, windows, 1);
  const previous = new Int32Array(units).fill(NO_DAY);
  const end = Math.min(found.lastDay, to);
  for (let day = firstDay; day <= end; day++) {
    const row = (day - firstDay) * stride;
    for (let k = 0; k < stride; k++) {
      let w = bits[row + k] as number;
      while (w !== 0) {
        const low = w & -w;
        const u = (k << 5) + 31 - Math.clz32(low);
        w ^= low;
        counter.add(0, day, previous[u] as number);
        previous[u] = day;
      }
    }
  }
  return counter.counts();
}
