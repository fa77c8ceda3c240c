/**
 * The fast path for typed columns: distinct active local days per user, straight from an
 * integer-typed `userId` column and a `Float64Array` of epoch milliseconds, without id
 * hashing, per-event calls or a sort, for time-ordered and shuffled input alike.
 *
 * Method: one pass finds the id and instant range (and checks every value); then one bit
 * per (user, day of the range) is set per event, and a pass over each user's row of bits
 * lists their days in order. Units are the user ids themselves (unit `u` is user id `u`),
 * so ids with no events are units without days. O(n + users × days / 32) time; memory one
 * bit per (user id, day), so it is used only within a budget (`MAX_WORDS`); otherwise, and
 * for any value the general path would reject, the caller falls back to it.
 * @internal
 */

import { isSupportedInstant, isUtcCalendar, type ZoneCalendar } from './time-zone.js';
import type { UnitDays } from './unit-days.js';

/** Integer typed arrays whose values are always valid ids when non-negative. */
export type IntegerColumn = Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array;

/** Distinct days per user id, and the latest instant of the columns. */
export interface ColumnUnitDays extends UnitDays {
  /** The largest timestamp. */
  readonly lastInstant: number;
}

/** At most 16M words (64 MB) of bits. */
const MAX_WORDS = 16_777_216;

function isIntegerColumn(column: unknown): column is IntegerColumn {
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
 * Distinct active days per user id, or `null` when the columns do not fit the fast path:
 * not an integer typed id column with a `Float64Array` of instants, a negative id, an
 * unsupported instant, or more bits than the budget. `null` means: use the general path
 * (which also reports any bad value with its path).
 */
export function columnUnitDays(userId: unknown, timestamp: unknown, zone: ZoneCalendar): ColumnUnitDays | null {
  if (!isIntegerColumn(userId) || !(timestamp instanceof Float64Array)) return null;
  const n = userId.length;
  if (timestamp.length !== n) return null;
  if (n === 0) return null;
  let minId = 0x7fffffff;
  let maxId = -1;
  for (let i = 0; i < n; i++) {
    const id = userId[i] as number;
    if (id > maxId) maxId = id;
    else if (id < minId) minId = id;
  }
  if (maxId < minId) minId = maxId;
  let minT = timestamp[0] as number;
  let maxT = minT;
  for (let i = 1; i < n; i++) {
    const t = timestamp[i] as number;
    if (t > maxT) maxT = t;
    else if (t < minT) minT = t;
    else if (t !== t) return null;
  }
  if (minT !== minT) return null;
  if (minId < 0 || !isSupportedInstant(minT) || !isSupportedInstant(maxT)) return null;
  const firstDay = zone.dayOf(minT);
  const lastDay = zone.dayOf(maxT);
  const units = maxId + 1;
  if ((lastDay - firstDay + 1) * Math.ceil(units / 32) > MAX_WORDS) return null;

  // Day-major bits: row `day` holds one bit per user id, so a time-ordered log writes
  // into one row (a few cache lines) at a time.
  const span = lastDay - firstDay + 1;
  const stride = Math.ceil(units / 32);
  const bits = new Int32Array(span * stride);
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

  // Counting sort of the set bits by user; days come out ascending within each user.
  const offsets = new Int32Array(units + 1);
  const words = bits.length;
  for (let at = 0; at < words; at++) {
    let w = bits[at] as number;
    if (w === 0) continue;
    const base = (at % stride) << 5;
    while (w !== 0) {
      const low = w & -w;
      const slot = base + 32 - Math.clz32(low);
      offsets[slot] = (offsets[slot] as number) + 1;
      w ^= low;
    }
  }
  for (let u = 0; u < units; u++) offsets[u + 1] = (offsets[u + 1] as number) + (offsets[u] as number);
  const days = new Int32Array(offsets[units] as number);
  const cursor = offsets.slice(0, units);
  for (let d = 0; d < span; d++) {
    const row = d * stride;
    const day = firstDay + d;
    for (let k = 0; k < stride; k++) {
      let w = bits[row + k] as number;
      while (w !== 0) {
        const low = w & -w;
        const u = (k << 5) + 31 - Math.clz32(low);
        const at = cursor[u] as number;
        days[at] = day;
        cursor[u] = at + 1;
        w ^= low;
      }
    }
  }
  return { units, offsets, days, firstDay, lastDay, lastInstant: maxT };
}
