/**
 * The typed-column route of {@link activeUsers}: rolling distinct counts straight from an
 * integer typed array of user ids and a `Float64Array` of epoch ms, without id codes,
 * per-user day lists or a sort, for time-ordered and shuffled input alike.
 *
 * Method: one pass finds the largest id and the instant range (checking every value); one
 * pass sets a bit per (day, user id) in day-major rows of one bit per user (a time-ordered
 * log writes one row at a time); then the rows are read in day order, and each set bit (user `u` active on day `d`, with
 * `p` the user's previous active day) adds `[d, d + w)` to the difference array of every
 * window `w` and takes back the overlap `[d, p + w)` with `p`'s window, so a user counts
 * once per day. O(n + days × users / 32 + user-days × windows); memory one bit per
 * (user id, day) within a 64 MB budget, plus one `Int32Array` of users.
 * @internal
 */

import { isSupportedInstant, isUtcCalendar, type ZoneCalendar } from '../../core/time-zone.js';
import type { ActivitySource } from './active-users-series.js';

/** At most 16M words (64 MB) of bits. */
const MAX_WORDS = 16_777_216;
const NO_DAY = -2_147_483_648;

function isIntegerColumn(column: unknown): column is Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array {
  return (
    column instanceof Int32Array ||
    column instanceof Uint32Array ||
    column instanceof Int16Array ||
    column instanceof Uint16Array ||
    column instanceof Int8Array ||
    column instanceof Uint8Array
  );
}

/**
 * The activity of typed columns, or `null` when they do not fit this route (other column
 * types, a negative id, an unsupported instant, no events, or more bits than the budget):
 * the general path then reads them, and reports any bad value with its path.
 */
export function bitmapActivity(userId: unknown, timestamp: unknown, zone: ZoneCalendar): ActivitySource | null {
  if (!isIntegerColumn(userId) || !(timestamp instanceof Float64Array)) return null;
  const n = userId.length;
  if (n === 0 || timestamp.length !== n) return null;
  let maxId = 0;
  let minT = timestamp[0] as number;
  let maxT = minT;
  for (let i = 0; i < n; i++) {
    const id = userId[i] as number;
    if (id > maxId) maxId = id;
    else if (id < 0) return null;
    const t = timestamp[i] as number;
    if (t > maxT) maxT = t;
    else if (t < minT) minT = t;
    else if (t !== t) return null;
  }
  if (!isSupportedInstant(minT) || !isSupportedInstant(maxT)) return null;
  const units = maxId + 1;
  const stride = Math.ceil(units / 32);
  const firstDay = zone.dayOf(minT);
  const lastActiveDay = zone.dayOf(maxT);
  if ((lastActiveDay - firstDay + 1) * stride > MAX_WORDS) return null;

  // Day-major bits: row `day - firstDay` holds one bit per user id, so a time-ordered log
  // writes one row (a few cache lines) at a time.
  const bits = new Int32Array((lastActiveDay - firstDay + 1) * stride);
  if (isUtcCalendar(zone)) {
    const origin = firstDay * 86_400_000;
    for (let i = 0; i < n; i++) {
      const id = userId[i] as number;
      const at = Math.floor(((timestamp[i] as number) - origin) / 86_400_000) * stride + (id >> 5);
      bits[at] = (bits[at] as number) | (1 << (id & 31));
    }
  } else {
    for (let i = 0; i < n; i++) {
      const id = userId[i] as number;
      const at = (zone.dayOf(timestamp[i] as number) - firstDay) * stride + (id >> 5);
      bits[at] = (bits[at] as number) | (1 << (id & 31));
    }
  }

  return {
    zone,
    firstDay,
    lastDay: lastActiveDay,
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
