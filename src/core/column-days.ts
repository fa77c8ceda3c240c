/**
 * The fast path for typed columns: distinct active local days per user, straight from an
 * integer-typed `userId` column and a `Float64Array` of epoch milliseconds, without id
 * hashing, per-event calls or a sort, for time-ordered and shuffled input alike.
 *
 * Method: one pass finds the id and instant range (and checks every value); then one bit
 * per (day, user id) is set per event, in day-major rows ({@link dayBits}). Readers walk the
 * rows in day order: the active-user counts stream from them, and {@link addColumnDays}
 * hands each (user, day) to a days builder. O(n + users × days / 32) time; memory one bit
 * per (user id, day), so it is used only within a budget (`MAX_WORDS`); otherwise, and for
 * any value the general path would reject, the caller falls back to it.
 * @internal
 */

import { isSupportedInstant, isUtcCalendar, type ZoneCalendar } from './time-zone.js';
import type { IdCodes } from './read.js';
import type { UnitDaysBuilder } from './unit-days.js';

/** Integer typed arrays whose values are always valid ids when non-negative. */
export type IntegerColumn = Int32Array | Uint32Array | Int16Array | Uint16Array | Int8Array | Uint8Array;

/**
 * The (day, user id) bits of typed columns, day-major: bit `id & 31` of word
 * `(day - firstDay) * stride + (id >> 5)` is set when user `id` was active on local day
 * `day`, so a time-ordered log writes into one row (a few cache lines) at a time.
 */
export interface DayBits {
  readonly bits: Int32Array;
  /** Words per day row: ⌈units / 32⌉. */
  readonly stride: number;
  /** Largest user id + 1. */
  readonly units: number;
  /** First and last local day with an event. */
  readonly firstDay: number;
  readonly lastDay: number;
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
 * The {@link DayBits} of the columns, or `null` when they do not fit the fast path: not an
 * integer typed id column with a `Float64Array` of instants, no events, a negative id, an
 * unsupported instant, or more bits than the budget. `null` means: use the general path
 * (which also reports any bad value with its path). Two passes: the id and instant range
 * (checking every value), then the bits.
 */
export function dayBits(userId: unknown, timestamp: unknown, zone: ZoneCalendar): DayBits | null {
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
  const firstDay = zone.dayOf(minT);
  const lastDay = zone.dayOf(maxT);
  const units = maxId + 1;
  const stride = Math.ceil(units / 32);
  if ((lastDay - firstDay + 1) * stride > MAX_WORDS) return null;

  const bits = new Int32Array((lastDay - firstDay + 1) * stride);
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
  return { bits, stride, units, firstDay, lastDay, lastInstant: maxT };
}

/**
 * Adds every (user, day) of the columns' {@link DayBits} to `builder`, the user as its code
 * in `users` (assigned as the general path would, continuing earlier batches), and returns
 * the largest timestamp; `null`, adding nothing, when the columns do not fit the fast path
 * (see {@link dayBits}). O(n + days × users / 32 + user-days).
 */
export function addColumnDays(userId: unknown, timestamp: unknown, zone: ZoneCalendar, users: IdCodes, builder: UnitDaysBuilder): number | null {
  const found = dayBits(userId, timestamp, zone);
  if (found === null) return null;
  addDayBits(found, found.bits.length, users, builder);
  return found.lastInstant;
}

/**
 * Hands every set (user, day) bit of the first `end` words of `found.bits` to the builder,
 * as distinct pairs in day order: one reservation for all of them, then one call per pair.
 * O(words + set bits).
 */
export function addDayBits(
  found: { readonly bits: Int32Array; readonly stride: number; readonly firstDay: number; readonly lastDay: number },
  end: number,
  users: IdCodes,
  builder: UnitDaysBuilder,
): void {
  const { bits, stride, firstDay, lastDay } = found;
  // Room for every set bit up front: the pairs are distinct, so nothing needs compacting.
  let count = 0;
  for (let at = 0; at < end; at++) {
    let w = bits[at] as number;
    if (w === 0) continue;
    w -= (w >>> 1) & 0x55555555;
    w = (w & 0x33333333) + ((w >>> 2) & 0x33333333);
    count += Math.imul((w + (w >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
  }
  builder.reserve(count);
  for (let day = firstDay; day <= lastDay; day++) {
    const row = (day - firstDay) * stride;
    for (let k = 0; k < stride; k++) {
      let w = bits[row + k] as number;
      while (w !== 0) {
        const low = w & -w;
        builder.addDistinct(users.code((k << 5) + 31 - Math.clz32(low)), day);
        w ^= low;
      }
    }
  }
}
