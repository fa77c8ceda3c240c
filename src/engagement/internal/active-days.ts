/**
 * Reads events into sorted distinct active days per unit: a user, or with `groupBy` a
 * (group, user) pair, so one user of two accounts counts in each. Shared by the
 * active-user functions. One pass over the events; memory O(user-days).
 * @internal
 */

import { fail } from '../../core/errors.js';
import { scanEvents, type EventAccessors, type Events } from '../../core/events.js';
import { readInteger, type Id } from '../../core/read.js';
import { zoneCalendar, type ZoneCalendar } from '../../core/time-zone.js';
import type { Accessor, Timestamp } from '../../core/types.js';
import { UnitDaysBuilder, type UnitDays } from '../../core/unit-days.js';
import { readDayBounds, reportRange } from '../../core/day-range.js';

/** Groups events by a field: its name (rows and columns), or an accessor (rows). */
export type GroupBy<R> = string | Accessor<R, unknown>;

/** Options every active-user function shares. */
export interface ActiveDaysOptions<R> extends EventAccessors<R> {
  /** IANA time zone whose calendar days count (default `'UTC'`). */
  readonly timeZone?: string;
  /** Group the counts, e.g. `'accountId'` for the users of each account. */
  readonly groupBy?: GroupBy<R>;
  /** First day reported (a `YYYY-MM-DD` day or any timestamp; default: the first active day). */
  readonly from?: Timestamp;
  /** Last day reported, inclusive (default: the last active day). */
  readonly to?: Timestamp;
}

export interface ActiveDays {
  readonly zone: ZoneCalendar;
  readonly unitDays: UnitDays;
  /** Group code of each unit (all 0 when not grouping). */
  readonly unitGroup: Int32Array;
  /** Group ids by code; `null` when not grouping. */
  readonly groupIds: Id[] | null;
  /** Number of groups (1 when not grouping). */
  readonly groupCount: number;
}

const GROUP_STRIDE = 4_294_967_296;

export function readActiveDays<R>(fn: string, events: Events<R>, options: ActiveDaysOptions<R>): ActiveDays {
  const zone = zoneCalendar(options.timeZone ?? 'UTC', fn);
  const groupBy = options.groupBy;
  if (groupBy !== undefined && typeof groupBy !== 'string' && typeof groupBy !== 'function') {
    fail(fn, 'options.groupBy', 'invalid-option', 'must be a field name or a function that reads the group from a record', groupBy);
  }
  const group =
    groupBy === undefined
      ? undefined
      : typeof groupBy === 'string'
        ? { field: groupBy, accessor: undefined }
        : { field: 'groupBy', accessor: groupBy };
  const builder = new UnitDaysBuilder();
  let unitGroup = new Int32Array(1024);
  let unitCount = 0;
  let ids;
  if (group === undefined) {
    ids = scanEvents(events, { fn, collection: 'events', accessors: options, group }, zone, (user, instant) => {
      builder.add(user, zone.dayOf(instant));
    });
    unitCount = ids.users.size;
  } else {
    const units = new Map<number, number>();
    ids = scanEvents(events, { fn, collection: 'events', accessors: options, group }, zone, (user, instant, groupCode) => {
      const key = groupCode * GROUP_STRIDE + user;
      let unit = units.get(key);
      if (unit === undefined) {
        unit = unitCount++;
        units.set(key, unit);
        if (unit >= unitGroup.length) {
          const grown = new Int32Array(unitGroup.length * 2);
          grown.set(unitGroup);
          unitGroup = grown;
        }
        unitGroup[unit] = groupCode;
      }
      builder.add(unit, zone.dayOf(instant));
    });
  }
  const groupIds = ids.groups === null ? null : ids.groups.ids;
  return {
    zone,
    unitDays: builder.build(unitCount),
    unitGroup: group === undefined ? new Int32Array(unitCount) : unitGroup.subarray(0, unitCount),
    groupIds,
    groupCount: groupIds === null ? 1 : groupIds.length,
  };
}

/**
 * The reported day range: `from`/`to` from the options (as local days), else the first
 * and last active day (see {@link reportRange}). `null` when there is no data and no
 * range was given.
 */
export function dayRange<R>(fn: string, options: ActiveDaysOptions<R>, data: ActiveDays): { from: number; to: number } | null {
  return reportRange(readDayBounds(fn, options, data.zone), data.unitDays.firstDay, data.unitDays.lastDay);
}

/**
 * Rolling distinct counts per group and day: for each window length `w` in `windows`, the
 * number of units active on at least one of the `w` days ending on and including each
 * day of `[from, to]`. Difference-array method: a unit's active day `d` adds +1 at `d` and
 * -1 at `min(d + w, next active day)`, so overlapping windows are not double counted.
 * O(user-days + groups × days) per window. Result: `counts[k][g * days + (day - from)]`.
 */
export function rollingCounts(data: ActiveDays, from: number, to: number, windows: readonly number[]): Int32Array[] {
  const { unitDays, unitGroup, groupCount } = data;
  const { offsets, days, units } = unitDays;
  const length = to - from + 1;
  const stride = length + 1;
  const diffs = windows.map(() => new Int32Array(groupCount * stride));
  for (let u = 0; u < units; u++) {
    const base = (unitGroup[u] as number) * stride;
    const end = offsets[u + 1] as number;
    for (let i = offsets[u] as number; i < end; i++) {
      const day = days[i] as number;
      if (day > to) break;
      const next = i + 1 < end ? (days[i + 1] as number) : Number.POSITIVE_INFINITY;
      for (let k = 0; k < windows.length; k++) {
        let stop = day + (windows[k] as number);
        if (next < stop) stop = next;
        if (stop <= from) continue;
        const start = day < from ? from : day;
        if (stop > to + 1) stop = to + 1;
        const diff = diffs[k] as Int32Array;
        diff[base + start - from] = (diff[base + start - from] as number) + 1;
        diff[base + stop - from] = (diff[base + stop - from] as number) - 1;
      }
    }
  }
  return diffs.map((diff) => {
    const counts = new Int32Array(groupCount * length);
    for (let g = 0; g < groupCount; g++) {
      let running = 0;
      for (let d = 0; d < length; d++) {
        running += diff[g * stride + d] as number;
        counts[g * length + d] = running;
      }
    }
    return counts;
  });
}

/** `a / b`, or `null` when `b` is 0. */
export function ratio(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}

/** Window lengths, in days, of the rolling active-user counts. */
export interface ActiveUserWindows {
  /** Days in the WAU window (default 7). */
  readonly wau?: number;
  /** Days in the MAU window (default 30; 28 is a common choice, four whole weeks). */
  readonly mau?: number;
}

/** Reads and validates the window lengths. @internal */
export function readWindows(fn: string, windows: ActiveUserWindows | undefined): { wau: number; mau: number } {
  const given = windows ?? {};
  if (given === null || typeof given !== 'object') fail(fn, 'options.windows', 'invalid-option', 'must be an object { wau, mau }', given);
  const wau = given.wau === undefined ? 7 : readInteger(given.wau, fn, 'options.windows.wau', 1);
  const mau = given.mau === undefined ? Math.max(30, wau) : readInteger(given.mau, fn, 'options.windows.mau', 1);
  if (wau > mau) fail(fn, 'options.windows.wau', 'invalid-option', `must not exceed options.windows.mau (${mau})`, wau);
  return { wau, mau };
}

