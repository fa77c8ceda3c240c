/**
 * Reading events, from rows or from columns, into integer codes and instants: one scan for
 * every function, whether its events carry a user (`{ userId, timestamp }`, the default) or
 * only an account (`{ accountId, timestamp }`, with `key: 'accountId'`).
 *
 * Rows are any iterable of records, read through accessors (defaults: the `userId`,
 * `timestamp`, `accountId` and `name` properties). Columns are an object of parallel
 * array-likes, `{ userId, timestamp, accountId?, name? }` (or `{ accountId, timestamp }` for
 * account events), the shape Apache Arrow vectors and DuckDB results hand over; they are
 * read in place, never copied into objects.
 * @internal
 */

import { fail, failColumnValue, failRecord, recordPath } from './errors.js';
import { IdCodes, accessorFor, isId, requireRecord, type Id } from './read.js';
import { failRecordInstant, instantOf } from './timestamp.js';
import type { ZoneCalendar } from './time-zone.js';
import type { Accessor, Timestamp } from './types.js';

/**
 * Events as parallel columns: element `i` of each column describes event `i`.
 * Typed arrays, plain arrays, Arrow vectors' `toArray()` and DuckDB column results all fit.
 */
export interface EventColumns {
  /** User id of each event. Integer ids skip string hashing. */
  readonly userId: ArrayLike<Id>;
  /** Instant of each event (epoch ms, `Date` or ISO string; a `Float64Array` of epoch ms is fastest). */
  readonly timestamp: ArrayLike<Timestamp>;
  /** Account (or any group) id of each event, for `groupBy: 'accountId'`-style grouping. */
  readonly accountId?: ArrayLike<Id>;
  /** Event name of each event. */
  readonly name?: ArrayLike<string>;
}

/** Events: an iterable of records, or {@link EventColumns}. */
export type Events<R> = Iterable<R> | EventColumns;

/** Accessors for the fields of an event record. */
export interface EventAccessors<R> {
  /** Reads the user id (default: `record.userId`). */
  readonly userId?: Accessor<R, unknown>;
  /** Reads the instant (default: `record.timestamp`). */
  readonly timestamp?: Accessor<R, unknown>;
}

/** Account events (no user id needed) as parallel columns: element `i` of each column describes event `i`. */
export interface AccountEventColumns {
  /** Account id of each event. */
  readonly accountId: ArrayLike<Id>;
  /** Instant of each event (epoch ms, `Date` or ISO string). */
  readonly timestamp: ArrayLike<Timestamp>;
}

/** Account events: an iterable of records, or {@link AccountEventColumns}. */
export type AccountEvents<R> = Iterable<R> | AccountEventColumns;

/** Accessors for the fields of an account event record. */
export interface AccountEventAccessors<R> {
  /** Reads the account id (default: `record.accountId`). */
  readonly accountId?: Accessor<R, unknown>;
  /** Reads the instant (default: `record.timestamp`). */
  readonly timestamp?: Accessor<R, unknown>;
}

/** The field that identifies each event's unit: its user (the default) or, for account events, its account. */
export type ScanKey = 'userId' | 'accountId';

/** Whether the input is column-shaped rather than an iterable of rows (`key`: the id column it needs, default `userId`). */
export function isEventColumns(events: unknown, key: ScanKey = 'userId'): events is EventColumns {
  if (events === null || typeof events !== 'object') return false;
  if (typeof (events as Iterable<unknown>)[Symbol.iterator] === 'function') return false;
  const columns = events as Record<string, unknown>;
  return isArrayLike(columns[key]) && isArrayLike(columns['timestamp']);
}

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return value !== null && typeof value === 'object' && typeof (value as ArrayLike<unknown>).length === 'number';
}

/** What a scan reads, besides user and instant. */
export interface ScanSpec<R> {
  /** Function name for error messages. */
  readonly fn: string;
  /** The events argument's name in error messages (`events`). */
  readonly collection: string;
  /** The caller's options: `userId` (or `accountId`, with `key: 'accountId'`) and `timestamp` accessors. */
  readonly accessors: EventAccessors<R> & AccountEventAccessors<R>;
  /**
   * The field that identifies each event: `'userId'` (default), or `'accountId'` for
   * account events, which need no user id (the codes handed out are then account codes).
   */
  readonly key?: ScanKey | undefined;
  /** Reads a group id per event (rows) or names the group column (columns), when grouping. */
  readonly group?: { readonly field: string; readonly accessor: Accessor<R, unknown> | undefined } | undefined;
  /** Codes to continue from (an accumulator's earlier batches); default: fresh codes. */
  readonly users?: IdCodes | undefined;
  /** Group codes to continue from, when grouping. */
  readonly groups?: IdCodes | undefined;
  /** Added to record indices in error paths: the position of this batch in a stream (default 0). */
  readonly indexBase?: number | undefined;
}

/** The ids behind the integer codes a scan hands out. */
export interface ScanIds {
  readonly users: IdCodes;
  /** Group ids, when the scan groups; otherwise `null`. */
  readonly groups: IdCodes | null;
}

/**
 * Reads every event once, validating it, and hands `(userCode, instant, groupCode,
 * index)` to `visit`. Codes are dense, in order of first appearance; `groupCode` is 0 when
 * not grouping. With `key: 'accountId'` the events need no user id: the first code is
 * the account's (from `spec.users`, which then holds account ids). O(n) time with one
 * `Map` lookup per event for the id (and one for the group), no allocation per event.
 *
 * @throws {MetricsInputError} naming `collection[i].field` for a bad record, user (or
 * account) id, group id or timestamp, and `collection` when the input is neither rows nor
 * columns.
 */
export function scanEvents<R>(
  events: Events<R> | AccountEvents<R>,
  spec: ScanSpec<R>,
  zone: ZoneCalendar,
  visit: (user: number, instant: number, group: number, index: number) => void,
): ScanIds {
  const { fn, collection } = spec;
  const key = spec.key ?? 'userId';
  const base = spec.indexBase ?? 0;
  const users = spec.users ?? new IdCodes();
  const groups = spec.group === undefined ? null : (spec.groups ?? new IdCodes());
  if (isEventColumns(events, key)) {
    const userColumn = (events as unknown as Record<ScanKey, ArrayLike<unknown>>)[key];
    const timeColumn = events.timestamp;
    const length = userColumn.length;
    if (timeColumn.length !== length) {
      fail(fn, `${collection}.timestamp`, 'invalid-input', `must have as many values as ${collection}.${key} (${length})`, timeColumn.length);
    }
    let groupColumn: ArrayLike<unknown> | undefined;
    if (spec.group !== undefined) {
      groupColumn = (events as unknown as Record<string, unknown>)[spec.group.field] as ArrayLike<unknown> | undefined;
      if (!isArrayLike(groupColumn) || groupColumn.length !== length) {
        fail(fn, `${collection}.${spec.group.field}`, 'invalid-input', `must be a column with as many values as ${collection}.${key} (${length})`, groupColumn);
      }
    }
    for (let i = 0; i < length; i++) {
      const id = userColumn[i];
      if (!isId(id)) fail(fn, `${collection}.${key}[${base + i}]`, 'invalid-id', 'must be a non-empty string or a finite number', id);
      const raw = timeColumn[i];
      const t = instantOf(raw, zone);
      if (t !== t) failRecordInstant(raw, fn, { collection, index: base + i, idField: key, id }, 'timestamp', true);
      let group = 0;
      if (groups !== null) {
        const g = (groupColumn as ArrayLike<unknown>)[i];
        if (!isId(g)) failColumnValue(fn, { collection, index: base + i, idField: key, id }, (spec.group as { field: string }).field, 'invalid-id', 'must be a non-empty string or a finite number', g);
        group = groups.code(g);
      }
      visit(users.code(id), t, group, i);
    }
    return { users, groups };
  }
  if (events === null || typeof events !== 'object' || typeof (events as Iterable<R>)[Symbol.iterator] !== 'function') {
    return fail(fn, collection, 'invalid-input', `must be an iterable of event records or an object of columns { ${key}, timestamp }`, events);
  }
  const readUser = accessorFor<R>(spec.accessors[key], key, fn);
  const readTime = accessorFor<R>(spec.accessors.timestamp, 'timestamp', fn);
  const readGroup = spec.group === undefined ? undefined : accessorFor<R>(spec.group.accessor, spec.group.field, fn);
  let i = 0;
  for (const record of events as Iterable<R>) {
    requireRecord(record, fn, collection, base + i);
    const id = readUser(record, i);
    if (!isId(id)) fail(fn, recordPath(collection, base + i, key), 'invalid-id', 'must be a non-empty string or a finite number', id);
    const raw = readTime(record, i);
    const t = instantOf(raw, zone);
    if (t !== t) failRecordInstant(raw, fn, { collection, index: base + i, idField: key, id });
    let group = 0;
    if (groups !== null && readGroup !== undefined) {
      const g = readGroup(record, i);
      if (!isId(g)) failRecord(fn, { collection, index: base + i, idField: key, id }, (spec.group as { field: string }).field, 'invalid-id', 'must be a non-empty string or a finite number', g);
      group = groups.code(g);
    }
    visit(users.code(id), t, group, i);
    i++;
  }
  return { users, groups };
}
