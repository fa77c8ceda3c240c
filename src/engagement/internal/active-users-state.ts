/**
 * The serialized state of {@link activeUsersAccumulator}: writing it in canonical order,
 * reading (validating) it back, and merging a state or another collector into a collector.
 *
 * Canonical order: units sorted by (group id, user id) with `compareIds`, each unit's days
 * ascending. Ids are sorted once per kind (see {@link sortedCodes}) and units are put in
 * order by two stable counting sorts, so writing a state is O(ids log ids + units +
 * user-days). Reading and merging are linear in the state's size.
 * @internal
 */

import { MAX_DAY, MIN_DAY } from '../../core/calendar.js';
import { fail } from '../../core/errors.js';
import { isSupportedInstant, type ZoneCalendar } from '../../core/time-zone.js';
import { isId, type Id } from '../../core/read.js';
import { sortedCodes } from '../../core/sorted-codes.js';
import { isPlainObject, readArray } from '../../core/state-fields.js';
import type { ActiveUsersState } from '../types.js';
import type { ActiveDaysCollector, ActiveDaysGroup, CollectedActiveDays } from './active-days.js';

/** The `kind` of an active-users state. */
export const ACTIVE_USERS_KIND = 'customer-success-metrics/active-users';

/** How a state's units are grouped: `false` (not), a field name, or `true` (an accessor). */
export type Grouping = string | boolean;

/** What a state must share with the accumulator it merges into. */
export interface Settings {
  readonly zone: ZoneCalendar;
  readonly grouping: Grouping;
  /** The accumulator's `asOf` option, epoch ms; `null` when not given. */
  readonly asOf: number | null;
}

/** The ISO form of an `asOf` setting, as a state records it. */
export function isoOf(asOf: number | null): string | null {
  return asOf === null ? null : new Date(asOf).toISOString();
}

/** The {@link Grouping} of a collector's group setting. */
export function groupingOf<R>(group: ActiveDaysGroup<R> | undefined): Grouping {
  if (group === undefined) return false;
  return group.accessor === undefined ? group.field : true;
}

/** `rank[code]` = position of the code in `order`. */
function ranksOf(order: Int32Array): Int32Array {
  const rank = new Int32Array(order.length);
  for (let i = 0; i < order.length; i++) rank[order[i] as number] = i;
  return rank;
}

/** Stable counting sort of `items` by `keys[item]`, keys in `[0, keyCount)`. */
function sortByKey(items: Int32Array, keyCount: number, keys: Int32Array): Int32Array<ArrayBuffer> {
  const starts = new Int32Array(keyCount + 1);
  for (let i = 0; i < items.length; i++) {
    const k = (keys[items[i] as number] as number) + 1;
    starts[k] = (starts[k] as number) + 1;
  }
  for (let k = 0; k < keyCount; k++) starts[k + 1] = (starts[k + 1] as number) + (starts[k] as number);
  const sorted = new Int32Array(items.length);
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as number;
    const k = keys[item] as number;
    const at = starts[k] as number;
    sorted[at] = item;
    starts[k] = at + 1;
  }
  return sorted;
}

/** `ranks[map[u]]` for each `u`: a unit's key from its user's or group's rank. */
function keysOf(ranks: Int32Array, map: Int32Array): Int32Array {
  const keys = new Int32Array(map.length);
  for (let u = 0; u < map.length; u++) keys[u] = ranks[map[u] as number] as number;
  return keys;
}

/** The canonical state of a collector's data (fresh arrays); `asOf` is the setting's ISO form. */
export function writeState(collector: ActiveDaysCollector<unknown>, data: CollectedActiveDays, asOf: string | null): ActiveUsersState {
  const { unitUser, unitGroup, userIds, groupIds } = data;
  const { offsets, days, units } = data.unitDays;
  const userOrder = sortedCodes(collector.users);
  // Without grouping, units are users: the user order is the unit order.
  let order = userOrder;
  let groupOrder: Int32Array | null = null;
  if (collector.groups !== null) {
    groupOrder = sortedCodes(collector.groups);
    order = new Int32Array(units);
    for (let u = 0; u < units; u++) order[u] = u;
    order = sortByKey(order, userOrder.length, keysOf(ranksOf(userOrder), unitUser));
    order = sortByKey(order, groupOrder.length, keysOf(ranksOf(groupOrder), unitGroup));
  }
  const users: Id[] = [];
  const dayCounts: number[] = [];
  const unitsPerGroup = new Int32Array(data.groupCount);
  // Days gathered in canonical order in a typed array first: a sequential copy into the
  // plain array is faster than pushing from scattered units.
  const ordered = new Int32Array(days.length);
  let written = 0;
  for (let i = 0; i < order.length; i++) {
    const u = order[i] as number;
    const start = offsets[u] as number;
    const end = offsets[u + 1] as number;
    if (start === end) continue;
    users.push(userIds[unitUser[u] as number] as Id);
    dayCounts.push(end - start);
    for (let d = start; d < end; d++) ordered[written++] = days[d] as number;
    const g = unitGroup[u] as number;
    unitsPerGroup[g] = (unitsPerGroup[g] as number) + 1;
  }
  const stateDays: number[] = [];
  for (let i = 0; i < written; i++) stateDays.push(ordered[i] as number);
  let groups: Id[] | null = null;
  let groupUnits: number[] | null = null;
  if (groupOrder !== null && groupIds !== null) {
    groups = [];
    groupUnits = [];
    for (let i = 0; i < groupOrder.length; i++) {
      const g = groupOrder[i] as number;
      const count = unitsPerGroup[g] as number;
      if (count === 0) continue;
      groups.push(groupIds[g] as Id);
      groupUnits.push(count);
    }
  }
  return {
    kind: ACTIVE_USERS_KIND,
    version: 2,
    timeZone: data.zone.timeZone,
    groupBy: groupingOf(collector.group),
    asOf,
    latestEvent: data.latest,
    users,
    groups,
    groupUnits,
    dayCounts,
    days: stateDays,
  };
}

function describeGrouping(grouping: Grouping): string {
  if (grouping === false) return 'false (the accumulator does not group)';
  if (grouping === true) return 'true (the accumulator groups by a function)';
  return `${JSON.stringify(grouping)} (the accumulator groups by that field)`;
}

function readCounts(fn: string, state: Record<string, unknown>, field: string): { counts: number[]; total: number } {
  const counts = readArray(fn, state, field);
  let total = 0;
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i];
    if (typeof count !== 'number' || !Number.isInteger(count) || count < 1) {
      fail(fn, `state.${field}[${i}]`, 'invalid-state', 'must be an integer >= 1', count);
    }
    total += count;
  }
  return { counts: counts as number[], total };
}

/**
 * Throws unless a state's (or another accumulator's) time zone, grouping and `asOf` are
 * the accumulator's: events after another `asOf` would have been kept or left out
 * differently, and the state cannot tell which.
 *
 * @throws {MetricsInputError} `invalid-state` at `state.timeZone`, `state.groupBy` or `state.asOf`.
 */
export function requireSettings(fn: string, given: { timeZone: unknown; groupBy: unknown; asOf: unknown }, expected: Settings): void {
  const zone = expected.zone.timeZone;
  if (given.timeZone !== zone) fail(fn, 'state.timeZone', 'invalid-state', `must be the accumulator's time zone ${JSON.stringify(zone)}`, given.timeZone);
  if (given.groupBy !== expected.grouping) fail(fn, 'state.groupBy', 'invalid-state', `must be ${describeGrouping(expected.grouping)}`, given.groupBy);
  const asOf = isoOf(expected.asOf);
  if (given.asOf !== asOf) {
    const wanted = asOf === null ? 'null (the accumulator has no asOf)' : `the accumulator's asOf ${JSON.stringify(asOf)}`;
    fail(fn, 'state.asOf', 'invalid-state', `must be ${wanted}`, given.asOf);
  }
}

/**
 * Checks `state.latestEvent`: `null` exactly when there are no units, else an instant at or
 * before the accumulator's `asOf` whose local day is the state's last day.
 */
function checkLatest(fn: string, latest: unknown, days: readonly unknown[], settings: Settings): void {
  if (days.length === 0) {
    if (latest !== null) fail(fn, 'state.latestEvent', 'invalid-state', 'must be null when the state has no days', latest);
    return;
  }
  let lastDay = Number.NEGATIVE_INFINITY;
  for (const day of days) if ((day as number) > lastDay) lastDay = day as number;
  if (typeof latest !== 'number' || !isSupportedInstant(latest) || settings.zone.dayOf(latest) !== lastDay) {
    fail(fn, 'state.latestEvent', 'invalid-state', `must be the epoch ms of the latest event, an instant of the state's last day (${lastDay})`, latest);
  }
  if (settings.asOf !== null && latest > settings.asOf) {
    fail(fn, 'state.latestEvent', 'invalid-state', `must not be after the accumulator's asOf (${String(isoOf(settings.asOf))})`, latest);
  }
}

/**
 * Validates a state for an accumulator in `timeZone` with `grouping`. Units and days may
 * come in any order and repeat (they are read as a union); everything else must match the
 * shape {@link writeState} writes.
 *
 * @throws {MetricsInputError} `invalid-state` naming `state` or `state.<field>`.
 */
export function readState(fn: string, value: unknown, settings: Settings): ActiveUsersState {
  const { grouping } = settings;
  if (!isPlainObject(value)) return fail(fn, 'state', 'invalid-state', 'must be a state object from activeUsersAccumulator().state()', value);
  if (value['kind'] !== ACTIVE_USERS_KIND) fail(fn, 'state.kind', 'invalid-state', `must be '${ACTIVE_USERS_KIND}'`, value['kind']);
  if (value['version'] !== 2) {
    const hint = value['version'] === 1 ? '; a version-1 state (0.x) has no latest event instant: rebuild it from the events' : '';
    fail(fn, 'state.version', 'invalid-state', `must be 2 (the only version this library reads${hint})`, value['version']);
  }
  requireSettings(fn, { timeZone: value['timeZone'], groupBy: value['groupBy'], asOf: value['asOf'] }, settings);
  const users = readArray(fn, value, 'users');
  for (let i = 0; i < users.length; i++) {
    if (!isId(users[i])) fail(fn, `state.users[${i}]`, 'invalid-state', 'must be a non-empty string or a finite number', users[i]);
  }
  if (grouping === false) {
    if (value['groups'] !== null) fail(fn, 'state.groups', 'invalid-state', 'must be null without groupBy', value['groups']);
    if (value['groupUnits'] !== null) fail(fn, 'state.groupUnits', 'invalid-state', 'must be null without groupBy', value['groupUnits']);
  } else {
    const groups = readArray(fn, value, 'groups');
    for (let i = 0; i < groups.length; i++) {
      if (!isId(groups[i])) fail(fn, `state.groups[${i}]`, 'invalid-state', 'must be a non-empty string or a finite number', groups[i]);
    }
    const { counts, total } = readCounts(fn, value, 'groupUnits');
    if (counts.length !== groups.length) {
      fail(fn, 'state.groupUnits', 'invalid-state', `must have one count per group (${groups.length})`, counts);
    }
    if (total !== users.length) fail(fn, 'state.groupUnits', 'invalid-state', `must add up to the number of units (${users.length})`, counts);
  }
  const { counts: dayCounts, total } = readCounts(fn, value, 'dayCounts');
  if (dayCounts.length !== users.length) fail(fn, 'state.dayCounts', 'invalid-state', `must have one count per unit (${users.length})`, dayCounts);
  const days = readArray(fn, value, 'days');
  if (days.length !== total) fail(fn, 'state.days', 'invalid-state', `must hold as many days as state.dayCounts adds up to (${total})`, days);
  for (let i = 0; i < days.length; i++) {
    const day = days[i];
    if (typeof day !== 'number' || !Number.isInteger(day) || day < MIN_DAY || day > MAX_DAY) {
      fail(fn, `state.days[${i}]`, 'invalid-state', `must be an integer day number from ${MIN_DAY} (0001-01-01) to ${MAX_DAY} (9999-12-31)`, day);
    }
  }
  checkLatest(fn, value['latestEvent'], days, settings);
  return value as unknown as ActiveUsersState;
}

/** Adds the units, days and latest event of a validated state to a collector. O(units + days). */
export function mergeState(collector: ActiveDaysCollector<unknown>, state: ActiveUsersState): void {
  const { users, groups, groupUnits, dayCounts, days } = state;
  if (state.latestEvent !== null) collector.noteLatest(state.latestEvent);
  const userCodes = collector.users;
  const groupCodes = collector.groups;
  let group = 0;
  let groupIndex = -1;
  let groupEnd = 0;
  let d = 0;
  for (let i = 0; i < users.length; i++) {
    if (groupCodes !== null && groups !== null && groupUnits !== null) {
      while (i >= groupEnd) {
        groupIndex++;
        groupEnd += groupUnits[groupIndex] as number;
        group = groupCodes.code(groups[groupIndex] as Id);
      }
    }
    const unit = collector.unitOf(userCodes.code(users[i] as Id), group);
    const end = d + (dayCounts[i] as number);
    for (; d < end; d++) collector.addDay(unit, days[d] as number);
  }
}

/** Adds another collector's data (same settings) to a collector. O(ids + units + user-days). */
export function mergeCollected(collector: ActiveDaysCollector<unknown>, data: CollectedActiveDays): void {
  const { unitUser, unitGroup, userIds, groupIds } = data;
  if (data.latest !== null) collector.noteLatest(data.latest);
  const { offsets, days, units } = data.unitDays;
  const userMap = new Int32Array(userIds.length);
  for (let c = 0; c < userIds.length; c++) userMap[c] = collector.users.code(userIds[c] as Id);
  const groupMap = new Int32Array(groupIds === null ? 1 : groupIds.length);
  if (groupIds !== null && collector.groups !== null) {
    for (let c = 0; c < groupIds.length; c++) groupMap[c] = collector.groups.code(groupIds[c] as Id);
  }
  for (let u = 0; u < units; u++) {
    const start = offsets[u] as number;
    const end = offsets[u + 1] as number;
    if (start === end) continue;
    const unit = collector.unitOf(userMap[unitUser[u] as number] as number, groupMap[unitGroup[u] as number] as number);
    for (let d = start; d < end; d++) collector.addDay(unit, days[d] as number);
  }
}
