/**
 * The serialized state of `cohortRetentionAccumulator`: writing a scanner's summary in
 * canonical order, reading (validating) a state back, and adding a state or another
 * scanner's summary into a scanner.
 *
 * Canonical order: users sorted with `compareIds` (numbers as a `Float64Array`, strings with
 * the default sort, which compares UTF-16 code units as `compareIds` does), each user's days
 * or blocks ascending; only users with activity kept. Writing is O(ids log ids +
 * user-days); reading and adding are linear in the state's size (adding goes through the
 * scanner's builders, which compact and sort within each user).
 * @internal
 */

import { MAX_DAY, MIN_DAY } from '../../core/calendar.js';
import { fail } from '../../core/errors.js';
import { isId, type Id } from '../../core/read.js';
import { sortedCodes } from '../../core/sorted-codes.js';
import { isPlainObject, readArray } from '../../core/state-fields.js';
import type { ZoneCalendar } from '../../core/time-zone.js';
import type { CohortRetentionState } from '../types.js';
import type { CohortSettings } from './cohort-options.js';
import { blockOf, type CohortScanner, type CohortSummary } from './cohort-scan.js';

/** The `kind` of a cohort-retention state. */
export const COHORT_RETENTION_KIND = 'customer-success-metrics/cohort-retention';

/** `+ 0` turns `-0` into `0`, which JSON would do anyway. */
function plain(t: number): number {
  return t + 0;
}

/** The canonical state of everything a scanner holds (fresh arrays). */
export function writeState<R>(scanner: CohortScanner<R>, settings: CohortSettings): CohortRetentionState {
  const summary = scanner.summary(scanner.users.size);
  const order = sortedCodes(scanner.users);
  const ids = scanner.users.ids;
  const activity = summary.days ?? summary.spans;
  const offsets = (activity as NonNullable<typeof activity>).offsets;
  const values = summary.days !== null ? summary.days.days : (summary.spans as NonNullable<CohortSummary['spans']>).blocks;
  const starts = summary.startDays ?? summary.startSpans;
  const startValues = summary.startDays !== null ? summary.startDays.days : summary.startSpans === null ? null : summary.startSpans.blocks;
  const users: Id[] = [];
  const dayCounts: number[] = [];
  const days: number[] = [];
  const first: number[] | null = summary.spans === null ? null : [];
  const last: number[] | null = summary.spans === null ? null : [];
  const startCounts: number[] | null = starts === null ? null : [];
  const startDays: number[] | null = starts === null ? null : [];
  const startFirst: number[] | null = summary.startSpans === null ? null : [];
  for (let i = 0; i < order.length; i++) {
    const u = order[i] as number;
    const begin = offsets[u] as number;
    const end = offsets[u + 1] as number;
    if (begin === end) continue;
    users.push(ids[u] as Id);
    dayCounts.push(end - begin);
    for (let j = begin; j < end; j++) days.push(values[j] as number);
    if (summary.spans !== null) {
      const { lo, hi } = summary.spans;
      for (let j = begin; j < end; j++) {
        (first as number[]).push(plain(lo[j] as number));
        (last as number[]).push(plain(hi[j] as number));
      }
    }
    if (starts !== null && startValues !== null) {
      const a = starts.offsets[u] as number;
      const b = starts.offsets[u + 1] as number;
      (startCounts as number[]).push(b - a);
      for (let j = a; j < b; j++) (startDays as number[]).push(startValues[j] as number);
      if (summary.startSpans !== null) {
        const { lo } = summary.startSpans;
        for (let j = a; j < b; j++) (startFirst as number[]).push(plain(lo[j] as number));
      }
    }
  }
  const latest = scanner.latest;
  return {
    kind: COHORT_RETENTION_KIND,
    version: 1,
    timeZone: settings.zone.timeZone,
    rolling: settings.rolling,
    start: settings.start,
    asOf: settings.asOf === null ? null : plain(settings.asOf),
    latest: latest === null ? null : plain(latest),
    users,
    dayCounts,
    days,
    first,
    last,
    startCounts,
    startDays,
    startFirst,
  };
}

function describeInstant(t: number | null): string {
  return t === null ? 'null (none given)' : `${t} (${new Date(t).toISOString()})`;
}

/**
 * Throws unless a state's (or another accumulator's) settings are the accumulator's:
 * the same time-zone name, `rolling`, `start` and given `asOf`.
 *
 * @throws {MetricsInputError} `invalid-state` at `state.timeZone`, `state.rolling`,
 * `state.start` or `state.asOf`.
 */
export function requireSettings(fn: string, given: { timeZone: unknown; rolling: unknown; start: unknown; asOf: unknown }, settings: CohortSettings): void {
  const timeZone = settings.zone.timeZone;
  if (given.timeZone !== timeZone) fail(fn, 'state.timeZone', 'invalid-state', `must be the accumulator's time zone ${JSON.stringify(timeZone)}`, given.timeZone);
  if (given.rolling !== settings.rolling) fail(fn, 'state.rolling', 'invalid-state', `must be the accumulator's rolling option (${settings.rolling})`, given.rolling);
  if (given.start !== settings.start) fail(fn, 'state.start', 'invalid-state', `must be the accumulator's start ${JSON.stringify(settings.start)}`, given.start);
  const asOf = settings.asOf === null ? null : plain(settings.asOf);
  if (given.asOf !== asOf) {
    fail(fn, 'state.asOf', 'invalid-state', `must be the accumulator's asOf in epoch ms, ${describeInstant(asOf)}`, given.asOf);
  }
}

/** An array, or `null` where the settings say the field is absent. */
function readOptionalArray(fn: string, state: Record<string, unknown>, field: string, present: boolean, why: string): unknown[] | null {
  if (!present) {
    if (state[field] !== null) fail(fn, `state.${field}`, 'invalid-state', `must be null ${why}`, state[field]);
    return null;
  }
  return readArray(fn, state, field);
}

/** Counts per user (each >= `min`), one per user; returns their sum. */
function readCounts(fn: string, counts: unknown[], field: string, users: number, min: number): number {
  if (counts.length !== users) fail(fn, `state.${field}`, 'invalid-state', `must have one count per user (${users})`, counts);
  let total = 0;
  for (let i = 0; i < counts.length; i++) {
    const count = counts[i];
    if (typeof count !== 'number' || !Number.isInteger(count) || count < min) {
      fail(fn, `state.${field}[${i}]`, 'invalid-state', `must be an integer >= ${min}`, count);
    }
    total += count;
  }
  return total;
}

/** Day numbers (or with `rolling` half-day block numbers), none on a day after `lastDay`. */
function readDays(fn: string, values: unknown[], field: string, total: number, totalField: string, rolling: boolean, lastDay: number): void {
  if (values.length !== total) fail(fn, `state.${field}`, 'invalid-state', `must hold as many values as state.${totalField} adds up to (${total})`, values);
  const low = rolling ? 2 * MIN_DAY : MIN_DAY;
  const high = rolling ? 2 * MAX_DAY + 1 : MAX_DAY;
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < low || value > high) {
      const what = rolling ? `an integer half-day number (2 × day number, + 1 from local noon) from ${low} to ${high}` : `an integer day number from ${MIN_DAY} (0001-01-01) to ${MAX_DAY} (9999-12-31)`;
      fail(fn, `state.${field}[${i}]`, 'invalid-state', `must be ${what}`, value);
    }
    if ((rolling ? value >> 1 : value) > lastDay) fail(fn, `state.${field}[${i}]`, 'invalid-state', `must not be on a day after that of state.latest (${lastDay})`, value);
  }
}

/** Instants that lie in the half-day block of the same index of `blocks`, none after `latest`. */
function readInstants(fn: string, values: unknown[], field: string, blocks: number[], zone: ZoneCalendar, latest: number): void {
  if (values.length !== blocks.length) fail(fn, `state.${field}`, 'invalid-state', `must hold one instant per half-day (${blocks.length})`, values);
  for (let i = 0; i < values.length; i++) {
    const t = values[i];
    if (typeof t !== 'number' || !Number.isFinite(t) || t > latest) {
      fail(fn, `state.${field}[${i}]`, 'invalid-state', 'must be an instant in epoch ms, not after state.latest', t);
    }
    if (blockOf(t, zone.dayOf(t), zone.offsetAt(t)) !== blocks[i]) {
      fail(fn, `state.${field}[${i}]`, 'invalid-state', `must lie in the half-day ${blocks[i] as number} of the same index`, t);
    }
  }
}

/**
 * Validates a state for an accumulator with `settings`. Users and their days may come in
 * any order and repeat (they are read as a union); everything else must match the shape
 * {@link writeState} writes. O(state size), two time-zone look-ups per rolling instant.
 *
 * @throws {MetricsInputError} `invalid-state` naming `state` or `state.<field>`.
 */
export function readState(fn: string, value: unknown, settings: CohortSettings): CohortRetentionState {
  if (!isPlainObject(value)) return fail(fn, 'state', 'invalid-state', 'must be a state object from cohortRetentionAccumulator().state()', value);
  if (value['kind'] !== COHORT_RETENTION_KIND) fail(fn, 'state.kind', 'invalid-state', `must be '${COHORT_RETENTION_KIND}'`, value['kind']);
  if (value['version'] !== 1) fail(fn, 'state.version', 'invalid-state', 'must be 1 (the only version this library reads)', value['version']);
  requireSettings(fn, { timeZone: value['timeZone'], rolling: value['rolling'], start: value['start'], asOf: value['asOf'] }, settings);
  const { zone, rolling } = settings;
  const users = readArray(fn, value, 'users');
  for (let i = 0; i < users.length; i++) {
    if (!isId(users[i])) fail(fn, `state.users[${i}]`, 'invalid-state', 'must be a non-empty string or a finite number', users[i]);
  }
  const latest = value['latest'];
  if (latest !== null || users.length > 0) {
    const limit = settings.asOf ?? Number.POSITIVE_INFINITY;
    if (typeof latest !== 'number' || !Number.isFinite(latest) || latest > limit) {
      fail(fn, 'state.latest', 'invalid-state', `must be the latest event instant in epoch ms${settings.asOf === null ? '' : ', not after state.asOf'}${users.length > 0 ? ' (the state has users)' : ' or null'}`, latest);
    }
  }
  const lastDay = latest === null ? Number.NEGATIVE_INFINITY : zone.dayOf(latest as number);
  const total = readCounts(fn, readArray(fn, value, 'dayCounts'), 'dayCounts', users.length, 1);
  const days = readArray(fn, value, 'days');
  readDays(fn, days, 'days', total, 'dayCounts', rolling, lastDay);
  const notRolling = 'without rolling';
  const first = readOptionalArray(fn, value, 'first', rolling, notRolling);
  const last = readOptionalArray(fn, value, 'last', rolling, notRolling);
  if (first !== null && last !== null) {
    readInstants(fn, first, 'first', days as number[], zone, latest as number);
    readInstants(fn, last, 'last', days as number[], zone, latest as number);
    for (let i = 0; i < first.length; i++) {
      if ((first[i] as number) > (last[i] as number)) fail(fn, `state.last[${i}]`, 'invalid-state', `must not be before state.first[${i}] (${first[i] as number})`, last[i]);
    }
  }
  const eventStart = settings.startEvent !== null;
  const notEvent = "unless start is an event name";
  const startCounts = readOptionalArray(fn, value, 'startCounts', eventStart, notEvent);
  const startDays = readOptionalArray(fn, value, 'startDays', eventStart, notEvent);
  if (startCounts !== null && startDays !== null) {
    const starts = readCounts(fn, startCounts, 'startCounts', users.length, 0);
    readDays(fn, startDays, 'startDays', starts, 'startCounts', rolling, lastDay);
  }
  const startFirst = readOptionalArray(fn, value, 'startFirst', eventStart && rolling, 'unless start is an event name and rolling is true');
  if (startFirst !== null) readInstants(fn, startFirst, 'startFirst', startDays as number[], zone, latest as number);
  return value as unknown as CohortRetentionState;
}

/** Adds the users and days of a validated state to a scanner. O(state size). */
export function mergeState<R>(scanner: CohortScanner<R>, state: CohortRetentionState): void {
  const { users, dayCounts, days, first, last, startCounts, startDays, startFirst } = state;
  const codes = scanner.users;
  let d = 0;
  let s = 0;
  for (let i = 0; i < users.length; i++) {
    const user = codes.code(users[i] as Id);
    const end = d + (dayCounts[i] as number);
    if (first !== null && last !== null) {
      for (; d < end; d++) scanner.addBlock(user, days[d] as number, first[d] as number, last[d] as number);
    } else {
      for (; d < end; d++) scanner.addDay(user, days[d] as number);
    }
    if (startCounts !== null && startDays !== null) {
      const startEnd = s + (startCounts[i] as number);
      if (startFirst !== null) {
        for (; s < startEnd; s++) scanner.addStartBlock(user, startDays[s] as number, startFirst[s] as number);
      } else {
        for (; s < startEnd; s++) scanner.addStartDay(user, startDays[s] as number);
      }
    }
  }
  if (state.latest !== null) scanner.addLatest(state.latest);
}

/** Adds everything another scanner (same settings) holds to a scanner. O(ids + user-days). */
export function mergeScanner<R, T>(scanner: CohortScanner<R>, other: CohortScanner<T>): void {
  const summary = other.summary(other.users.size);
  const ids = other.users.ids.slice();
  const codes = scanner.users;
  const { days, spans, startDays, startSpans } = summary;
  const offsets = (days ?? (spans as NonNullable<typeof spans>)).offsets;
  for (let u = 0; u < ids.length; u++) {
    const begin = offsets[u] as number;
    const end = offsets[u + 1] as number;
    if (begin === end) continue;
    const user = codes.code(ids[u] as Id);
    if (spans !== null) {
      for (let j = begin; j < end; j++) scanner.addBlock(user, spans.blocks[j] as number, spans.lo[j] as number, spans.hi[j] as number);
    } else if (days !== null) {
      for (let j = begin; j < end; j++) scanner.addDay(user, days.days[j] as number);
    }
    if (startSpans !== null) {
      const b = startSpans.offsets[u + 1] as number;
      for (let j = startSpans.offsets[u] as number; j < b; j++) scanner.addStartBlock(user, startSpans.blocks[j] as number, startSpans.lo[j] as number);
    } else if (startDays !== null) {
      const b = startDays.offsets[u + 1] as number;
      for (let j = startDays.offsets[u] as number; j < b; j++) scanner.addStartDay(user, startDays.days[j] as number);
    }
  }
  const latest = other.latest;
  if (latest !== null) scanner.addLatest(latest);
}
