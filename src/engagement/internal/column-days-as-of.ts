/**
 * The typed-column fast path (core/column-days.ts) with `asOf`: the (day, user id) bits of
 * the events at or before `asOf` only. Events after `asOf` fall on `asOf`'s local day or
 * later; the rows after that day are simply not read (the last day is lowered), and the
 * row of `asOf`'s day is rebuilt from the events of that day up to `asOf`. That costs one
 * more pass over the columns, and only when some event is after `asOf`.
 * @internal
 */

import { addDayBits, dayBits, type DayBits, type IntegerColumn } from '../../core/column-days.js';
import type { IdCodes } from '../../core/read.js';
import type { ZoneCalendar } from '../../core/time-zone.js';
import type { UnitDaysBuilder } from '../../core/unit-days.js';

/**
 * The {@link DayBits} of the events at or before `asOf` (all events when `asOf` is
 * `null`): `null` when the columns do not fit the fast path (the general path then reads
 * them), `'empty'` when they fit but no event is at or before `asOf`. Rows after the
 * returned `lastDay` may hold bits and must not be read.
 */
export function dayBitsAsOf(userId: unknown, timestamp: unknown, zone: ZoneCalendar, asOf: number | null): DayBits | 'empty' | null {
  const found = dayBits(userId, timestamp, zone);
  if (found === null || asOf === null || found.lastInstant <= asOf) return found;
  const asOfDay = zone.dayOf(asOf);
  if (asOfDay < found.firstDay) return 'empty';
  // dayBits accepted the columns: an integer typed array of ids and a Float64Array of instants.
  const ids = userId as IntegerColumn;
  const times = timestamp as Float64Array;
  const { bits, stride, firstDay } = found;
  const row = (asOfDay - firstDay) * stride;
  bits.fill(0, row, row + stride);
  const dayStart = zone.startOfDay(asOfDay);
  let latest = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < times.length; i++) {
    const t = times[i] as number;
    if (t > asOf) continue;
    if (t > latest) latest = t;
    if (t >= dayStart) {
      const id = ids[i] as number;
      const at = row + (id >> 5);
      bits[at] = (bits[at] as number) | (1 << (id & 31));
    }
  }
  if (latest === Number.NEGATIVE_INFINITY) return 'empty';
  return { ...found, lastDay: zone.dayOf(latest), lastInstant: latest };
}

/**
 * Adds every (user, day) of the columns' events at or before `asOf` to `builder`, the user
 * as its code in `users` (assigned as the general path would, continuing earlier batches),
 * and returns the latest instant added (`-Infinity` when none); `null`, adding nothing,
 * when the columns do not fit the fast path. O(n + days × users / 32 + user-days).
 */
export function addColumnDaysAsOf(
  userId: unknown,
  timestamp: unknown,
  zone: ZoneCalendar,
  asOf: number | null,
  users: IdCodes,
  builder: UnitDaysBuilder,
): number | null {
  const found = dayBitsAsOf(userId, timestamp, zone, asOf);
  if (found === null) return null;
  if (found === 'empty') return Number.NEGATIVE_INFINITY;
  addDayBits(found, (found.lastDay - found.firstDay + 1) * found.stride, users, builder);
  return found.lastInstant;
}
