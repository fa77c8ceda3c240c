/**
 * Reads events into sorted distinct active days per unit: a user, or with `groupBy` a
 * (group, user) pair, so one user of two accounts counts in each. Shared by the
 * active-user functions. One pass over the events; memory O(user-days).
 * @internal
 */

import { fail } from '../../core/errors.js';
import { isEventColumns, scanEvents, type EventAccessors, type Events } from '../../core/events.js';
import { optionsOf } from '../../core/options.js';
import { IdCodes, readInteger, type Id } from '../../core/read.js';
import type { ZoneCalendar } from '../../core/time-zone.js';
import type { Accessor } from '../../core/types.js';
import { UnitDaysBuilder, type UnitDays } from '../../core/unit-days.js';
import { readDayBounds } from '../../core/day-range.js';
import { ACTIVE_USER_WINDOW_KEYS, type ActiveUsersBaseOptions, type ActiveUserWindows } from '../types.js';
import { asOfRange } from './as-of-range.js';
import { addColumnDaysAsOf } from './column-days-as-of.js';
import { NO_DAY, RollingCounter } from './rolling-counts.js';

/** Distinct active days per unit, with the units' groups. */
export interface ActiveDays {
  readonly zone: ZoneCalendar;
  /** The latest event instant counted (at or before `asOf`); `null` without events. */
  readonly latest: number | null;
  readonly unitDays: UnitDays;
  /** Group code of each unit (all 0 when not grouping). */
  readonly unitGroup: Int32Array;
  /** Group ids by code; `null` when not grouping. */
  readonly groupIds: Id[] | null;
  /** Number of groups (1 when not grouping). */
  readonly groupCount: number;
}

/** What {@link ActiveDaysCollector.build} returns: {@link ActiveDays} plus each unit's user. */
export interface CollectedActiveDays extends ActiveDays {
  /** User code of each unit (the unit itself when not grouping). */
  readonly unitUser: Int32Array;
  /** User ids by code. */
  readonly userIds: Id[];
}

/** How events are grouped: the field read (or named in error paths) and the caller's accessor. */
export interface ActiveDaysGroup<R> {
  readonly field: string;
  readonly accessor: Accessor<R, unknown> | undefined;
}

const GROUP_STRIDE = 4_294_967_296;

/** Reads the `groupBy` option: a field name or an accessor (read as the field `groupBy`). */
export function readGroupBy<R>(fn: string, groupBy: unknown): ActiveDaysGroup<R> | undefined {
  if (groupBy === undefined) return undefined;
  if (typeof groupBy === 'string') return { field: groupBy, accessor: undefined };
  if (typeof groupBy === 'function') return { field: 'groupBy', accessor: groupBy as Accessor<R, unknown> };
  return fail(fn, 'options.groupBy', 'invalid-option', 'must be a field name or a function that reads the group from a record', groupBy);
}

/**
 * The scan phase of the active-user functions, usable batch after batch: events (or
 * another collection's units) in, distinct active days per unit out. User and group codes
 * continue across batches, so {@link build} sees one set of units whatever the batching.
 * Memory O(users + groups + user-days); no allocation per event.
 */
export class ActiveDaysCollector<R> {
  readonly users = new IdCodes();
  readonly groups: IdCodes | null;
  private readonly builder = new UnitDaysBuilder();
  /** (group code × 2^32 + user code) -> unit, when grouping. */
  private readonly units = new Map<number, number>();
  private unitUser = new Int32Array(1024);
  private unitGroup = new Int32Array(1024);
  private unitCount = 0;
  /** The latest instant counted so far; `-Infinity` before any. */
  private latest = Number.NEGATIVE_INFINITY;
  /** Events after this instant are left out: `asOf`, or `+Infinity` without one. */
  private readonly limit: number;

  constructor(
    readonly fn: string,
    readonly zone: ZoneCalendar,
    readonly group: ActiveDaysGroup<R> | undefined,
    private readonly accessors: EventAccessors<R>,
    /** The given `asOf` (epoch ms): events after it are validated and left out. `null`: keep all. */
    readonly asOf: number | null = null,
  ) {
    this.groups = group === undefined ? null : new IdCodes();
    this.limit = asOf ?? Number.POSITIVE_INFINITY;
  }

  /** Reads a batch of events (validated as the one-shot functions do; `indexBase` offsets error paths). */
  addEvents(events: Events<R>, indexBase = 0): void {
    const { fn, group } = this;
    if (group !== undefined && group.accessor !== undefined && isEventColumns(events)) {
      fail(fn, 'options.groupBy', 'invalid-option', 'must be a column name with column input: an accessor needs row records', group.accessor);
    }
    if (group === undefined && isEventColumns(events)) {
      // Typed columns: distinct user-days from a bitmap (core/column-days.ts).
      const latest = addColumnDaysAsOf(events.userId, events.timestamp, this.zone, this.asOf, this.users, this.builder);
      if (latest !== null) {
        this.noteLatest(latest);
        if (this.users.size > this.unitCount) this.unitCount = this.users.size;
        return;
      }
    }
    this.scan(events, indexBase);
  }

  /** The general path: one scan, an event after `asOf` costs one comparison and is left out. */
  private scan(events: Events<R>, indexBase: number): void {
    const { fn, zone, group, builder, limit } = this;
    const spec = { fn, collection: 'events', accessors: this.accessors, group, users: this.users, groups: this.groups ?? undefined, indexBase };
    let latest = this.latest;
    try {
      if (group === undefined) {
        scanEvents(events, spec, zone, (user, instant) => {
          if (instant > limit) return;
          if (instant > latest) latest = instant;
          builder.add(user, zone.dayOf(instant));
        });
      } else {
        scanEvents(events, spec, zone, (user, instant, groupCode) => {
          if (instant > limit) return;
          if (instant > latest) latest = instant;
          builder.add(this.unitOf(user, groupCode), zone.dayOf(instant));
        });
      }
    } finally {
      // The records before a rejected one have been added, their latest instant with them.
      this.latest = latest;
      // Without grouping, every user code handed out is a unit (codes are handed out as events are visited).
      if (group === undefined && this.users.size > this.unitCount) this.unitCount = this.users.size;
    }
  }

  /** Records that an event at instant `t` (at or before `asOf`) was counted: merges use it. */
  noteLatest(t: number): void {
    if (t > this.latest) this.latest = t;
  }

  /** The unit of a user code (and group code, when grouping), created on first sight. */
  unitOf(user: number, group: number): number {
    if (this.groups === null) {
      if (user >= this.unitCount) this.unitCount = user + 1;
      return user;
    }
    const key = group * GROUP_STRIDE + user;
    let unit = this.units.get(key);
    if (unit === undefined) {
      unit = this.unitCount++;
      this.units.set(key, unit);
      if (unit >= this.unitGroup.length) {
        this.unitGroup = grown(this.unitGroup);
        this.unitUser = grown(this.unitUser);
      }
      this.unitGroup[unit] = group;
      this.unitUser[unit] = user;
    }
    return unit;
  }

  /** Records that `unit` (from {@link unitOf}) was active on local day `day`. */
  addDay(unit: number, day: number): void {
    this.builder.add(unit, day);
  }

  /** The distinct active days so far; the collector stays usable. */
  build(): CollectedActiveDays {
    const unitCount = this.unitCount;
    const groupIds = this.groups === null ? null : this.groups.ids;
    let unitUser = this.unitUser.subarray(0, unitCount);
    let unitGroup = this.unitGroup.subarray(0, unitCount);
    if (this.groups === null) {
      unitUser = new Int32Array(unitCount);
      for (let u = 0; u < unitCount; u++) unitUser[u] = u;
      unitGroup = new Int32Array(unitCount);
    }
    return {
      zone: this.zone,
      latest: this.latest === Number.NEGATIVE_INFINITY ? null : this.latest,
      unitDays: this.builder.build(unitCount),
      unitGroup,
      unitUser,
      userIds: this.users.ids,
      groupIds,
      groupCount: groupIds === null ? 1 : groupIds.length,
    };
  }
}

function grown(array: Int32Array): Int32Array<ArrayBuffer> {
  const next = new Int32Array(array.length * 2);
  next.set(array);
  return next;
}

/** Distinct active days per unit of the events at or before `asOf` (all events when `null`). */
export function readActiveDays<R>(fn: string, events: Events<R>, options: ActiveUsersBaseOptions<R>, zone: ZoneCalendar, asOf: number | null): CollectedActiveDays {
  const collector = new ActiveDaysCollector<R>(fn, zone, readGroupBy<R>(fn, options.groupBy), options, asOf);
  collector.addEvents(events);
  return collector.build();
}

/**
 * The reported day range (see {@link asOfRange}): `from`/`to` from the options (as local
 * days), else the first active day and the day of `asOf`, never past `asOf`'s day. `null`
 * when there is nothing to report.
 */
export function dayRange<R>(fn: string, options: ActiveUsersBaseOptions<R>, data: ActiveDays, asOf: number | null): { from: number; to: number } | null {
  return asOfRange(readDayBounds(fn, options, data.zone), data.unitDays.firstDay, data.unitDays.lastDay, asOf, data.zone);
}

/**
 * Rolling distinct counts per group and day: for each window length `w` in `windows`, the
 * number of units active on at least one of the `w` days ending on and including each
 * day of `[from, to]` (the shared count of internal/rolling-counts.ts, fed each unit's
 * sorted days). O(user-days + groups × days) per window. Result:
 * `counts[k][g * days + (day - from)]`.
 */
export function rollingCounts(data: ActiveDays, from: number, to: number, windows: readonly number[]): Int32Array[] {
  const { unitDays, unitGroup, groupCount } = data;
  const { offsets, days, units } = unitDays;
  const counter = new RollingCounter(from, to, windows, groupCount);
  for (let u = 0; u < units; u++) {
    const group = unitGroup[u] as number;
    let previous = NO_DAY;
    const end = offsets[u + 1] as number;
    for (let i = offsets[u] as number; i < end; i++) {
      const day = days[i] as number;
      if (day > to) break;
      counter.add(group, day, previous);
      previous = day;
    }
  }
  return counter.counts();
}

/**
 * The overall activity of grouped data: the distinct active days of each user across all
 * groups (a user active in two groups is one unit here), as one group. The data itself
 * when it is not grouped. O(user-days).
 */
export function overallActiveDays(data: CollectedActiveDays): ActiveDays {
  if (data.groupIds === null) return data;
  const builder = new UnitDaysBuilder();
  const { offsets, days, units } = data.unitDays;
  for (let u = 0; u < units; u++) {
    const user = data.unitUser[u] as number;
    for (let i = offsets[u] as number; i < (offsets[u + 1] as number); i++) builder.add(user, days[i] as number);
  }
  const userCount = data.userIds.length;
  return { zone: data.zone, latest: data.latest, unitDays: builder.build(userCount), unitGroup: new Int32Array(userCount), groupIds: null, groupCount: 1 };
}

/** `a / b`, or `null` when `b` is 0. */
export function ratio(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}

/** Reads and validates the window lengths (unknown keys and `null` are errors). @internal */
export function readWindows(fn: string, windows: ActiveUserWindows | undefined): { wau: number; mau: number } {
  const given = optionsOf(windows, fn, ACTIVE_USER_WINDOW_KEYS, 'options.windows');
  const wau = given.wau === undefined ? 7 : readInteger(given.wau, fn, 'options.windows.wau', 1);
  const mau = given.mau === undefined ? Math.max(30, wau) : readInteger(given.mau, fn, 'options.windows.mau', 1);
  if (wau > mau) fail(fn, 'options.windows.wau', 'invalid-option', `must not exceed options.windows.mau (${mau})`, wau);
  return { wau, mau };
}

