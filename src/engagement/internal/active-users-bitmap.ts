/**
 * The typed-column route of {@link activeUsers}: rolling distinct counts straight from an
 * integer typed array of user ids and a `Float64Array` of epoch ms, without id codes,
 * per-user day lists or a sort, for time-ordered and shuffled input alike.
 *
 * Method: the day-major (day, user id) bits of core/column-days.ts; then the rows are read
 * in day order, and each set bit (user `u` active on day `d`, with
 * `p` the user's previous active day) adds `[d, d + w)` to the difference array of every
 * window `w` and takes back the overlap `[d, p + w)` with `p`'s window, so a user counts
 * once per day. O(n + days × users / 32 + user-days × windows); memory one bit per
 * (user id, day) within a 64 MB budget, plus one `Int32Array` of users.
 * @internal
 */

import type { ZoneCalendar } from '../../core/time-zone.js';
import type { ActivitySource } from './active-users-series.js';
import { dayBitsAsOf } from './column-days-as-of.js';

const NO_DAY = -2_147_483_648;

/**
 * The activity of typed columns at or before `asOf` (all of it when `null`), or `null`
 * when they do not fit this route (see `dayBits`): the general path then reads them, and
 * reports any bad value with its path.
 */
export function bitmapActivity(userId: unknown, timestamp: unknown, zone: ZoneCalendar, asOf: number | null): ActivitySource | null {
  const found = dayBitsAsOf(userId, timestamp, zone, asOf);
  if (found === null) return null;
  if (found === 'empty') {
    return { zone, firstDay: null, lastDay: null, latest: null, groupIds: null, groupCount: 1, counts: (from, to, windows) => windows.map(() => new Int32Array(to - from + 1)) };
  }
  const { bits, stride, units, firstDay } = found;
  const lastActiveDay = found.lastDay;

  return {
    zone,
    firstDay,
    lastDay: lastActiveDay,
    latest: found.lastInstant,
    groupIds: null,
    groupCount: 1,
    counts(from: number, to: number, windows: readonly number[]): Int32Array[] {
      const length = to - from + 1;
      const diffs = windows.map(() => new Int32Array(length + 1));
      const previous = new Int32Array(units).fill(NO_DAY);
      const end = Math.min(lastActiveDay, to);
      // Adds `sign` on [a, b) ∩ [from, to] to `diff`.
      const span = (diff: Int32Array, a: number, b: number, sign: number): void => {
        if (b <= from || a > to) return;
        const start = a < from ? 0 : a - from;
        const stop = b > to + 1 ? length : b - from;
        diff[start] = (diff[start] as number) + sign;
        diff[stop] = (diff[stop] as number) - sign;
      };
      for (let day = firstDay; day <= end; day++) {
        const row = (day - firstDay) * stride;
        for (let k = 0; k < stride; k++) {
          let w = bits[row + k] as number;
          while (w !== 0) {
            const low = w & -w;
            const u = (k << 5) + 31 - Math.clz32(low);
            w ^= low;
            const p = previous[u] as number;
            previous[u] = day;
            for (let j = 0; j < windows.length; j++) {
              const width = windows[j] as number;
              const diff = diffs[j] as Int32Array;
              span(diff, day, day + width, 1);
              if (p !== NO_DAY && p + width > day) span(diff, day, p + width, -1);
            }
          }
        }
      }
      return diffs.map((diff) => {
        const counts = new Int32Array(length);
        let running = 0;
        for (let d = 0; d < length; d++) {
          running += diff[d] as number;
          counts[d] = running;
        }
        return counts;
      });
    },
  };
}
