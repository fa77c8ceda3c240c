/**
 * Reading the input of `journeys` and `eachJourney`: the options, the signups table and
 * the events (rows or columns), validated record by record, into a
 * {@link JourneyCollector}. One pass over each input, no allocation per record besides
 * the collector's arrays.
 * @internal
 */

import { fail, failColumnValue, failRecord, recordPath } from '../../core/errors.js';
import { optionsOf } from '../../core/options.js';
import { IdCodes, accessorFor, isId, requireRecord, type Id } from '../../core/read.js';
import { readSignupFields, readSignups } from '../../core/signups.js';
import { zoneCalendar, type ZoneCalendar } from '../../core/time-zone.js';
import { failRecordInstant, instantOf } from '../../core/timestamp.js';
import type { Accessor } from '../../core/types.js';
import type { JourneyColumns, JourneysOptions } from '../types.js';
import { JourneyCollector, type PreparedJourneys } from './journey-collector.js';
import { rejectRenamed } from './option-renames.js';

/** The keys of `JourneysOptions` (the options of `journeys` and `eachJourney`). */
export const JOURNEYS_OPTION_KEYS = ['userId', 'timestamp', 'name', 'groupBy', 'signups', 'signupFields', 'timeZone'] as const satisfies readonly (keyof JourneysOptions<unknown>)[];

/** What identifies a journey: a field (rows: property; columns: column) or an accessor. */
export interface JourneyKey<R> {
  /** The field name, used in error paths (`'groupBy'` for an accessor). */
  readonly field: string;
  /** The caller's accessor, or `undefined` to read `field`. */
  readonly accessor: Accessor<R, unknown> | undefined;
}

/** How an error names a record's id: `(userId "u1")`, `(accountId "a1")`, `(id "x")` for a `groupBy` accessor. */
function idLabel(key: { readonly field: string; readonly accessor: unknown }): string {
  return key.accessor !== undefined && key.field === 'groupBy' ? 'id' : key.field;
}

/** Column input: a `timestamp` column beside the id and name columns, read by name. */
export interface JourneyColumnsInput {
  readonly timestamp: ArrayLike<unknown>;
}

/** Accessors of an event row. */
export interface JourneyRowAccessors<R> {
  readonly timestamp?: Accessor<R, unknown>;
  readonly name?: Accessor<R, unknown>;
}

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return value !== null && typeof value === 'object' && typeof (value as ArrayLike<unknown>).length === 'number';
}

/** Whether the events are columns: an object that is not iterable, with a `timestamp` column. */
export function isJourneyColumns(events: unknown): events is JourneyColumnsInput {
  if (events === null || typeof events !== 'object') return false;
  if (typeof (events as Iterable<unknown>)[Symbol.iterator] === 'function') return false;
  return isArrayLike((events as { timestamp?: unknown }).timestamp);
}

/** Reads event columns `{ <key>, timestamp, name }` into `collector`, record = index. */
export function scanJourneyColumns(
  fn: string,
  events: JourneyColumnsInput,
  key: JourneyKey<number>,
  zone: ZoneCalendar,
  codes: IdCodes,
  collector: JourneyCollector<number>,
): void {
  const columns = events as unknown as Record<string, unknown>;
  const timeColumn = events.timestamp;
  const length = timeColumn.length;
  let idColumn: ArrayLike<unknown> | null = null;
  if (key.accessor === undefined) {
    const column = columns[key.field];
    if (!isArrayLike(column) || column.length !== length) {
      fail(fn, `events.${key.field}`, 'invalid-input', `must be a column with as many values as events.timestamp (${length})`, column);
    }
    idColumn = column;
  }
  const nameColumn = columns['name'];
  if (!isArrayLike(nameColumn) || nameColumn.length !== length) {
    fail(fn, 'events.name', 'invalid-input', `must be a column of event names with as many values as events.timestamp (${length})`, nameColumn);
  }
  const readId = key.accessor;
  collector.reserve(length);
  for (let i = 0; i < length; i++) {
    const id = idColumn === null ? (readId as Accessor<number, unknown>)(i, i) : idColumn[i];
    if (!isId(id)) {
      const path = idColumn === null ? recordPath('events', i, key.field) : `events.${key.field}[${i}]`;
      fail(fn, path, 'invalid-id', 'must be a non-empty string or a finite number', id);
    }
    const raw = timeColumn[i];
    const t = instantOf(raw, zone);
    if (t !== t) failRecordInstant(raw, fn, { collection: 'events', index: i, idField: idLabel(key), id }, 'timestamp', true);
    const name = nameColumn[i];
    if (typeof name !== 'string' || name.length === 0) {
      failColumnValue(fn, { collection: 'events', index: i, idField: idLabel(key), id }, 'name', 'invalid-name', 'must be a non-empty string', name);
    }
    collector.add(codes.code(id), t, name, i);
  }
}

/** Reads event rows into `collector`, keeping each record. */
export function scanJourneyRows<R>(
  fn: string,
  events: Iterable<R>,
  key: JourneyKey<R>,
  accessors: JourneyRowAccessors<R>,
  zone: ZoneCalendar,
  codes: IdCodes,
  collector: JourneyCollector<R>,
): void {
  const readId = accessorFor<R>(key.accessor, key.field, fn);
  const readTime = accessorFor<R>(accessors.timestamp, 'timestamp', fn);
  const readName = accessorFor<R>(accessors.name, 'name', fn);
  if (Array.isArray(events)) collector.reserve(events.length);
  let i = 0;
  for (const record of events) {
    requireRecord(record, fn, 'events', i);
    const id = readId(record, i);
    if (!isId(id)) fail(fn, recordPath('events', i, key.field), 'invalid-id', 'must be a non-empty string or a finite number', id);
    const raw = readTime(record, i);
    const t = instantOf(raw, zone);
    if (t !== t) failRecordInstant(raw, fn, { collection: 'events', index: i, idField: idLabel(key), id });
    const name = readName(record, i);
    if (typeof name !== 'string' || name.length === 0) {
      failRecord(fn, { collection: 'events', index: i, idField: idLabel(key), id }, 'name', 'invalid-name', 'must be a non-empty string', name);
    }
    collector.add(codes.code(id), t, name, record);
    i++;
  }
}

/**
 * Reads the signups table (the one reader, `core/signups.ts`): one row per journey id, its
 * signup instant. `idField` names the id field read by default and in error paths.
 * @throws {MetricsInputError} for a bad record, id or instant, and `duplicate-id` for an
 * id given twice.
 */
function scanSignups<S, R>(fn: string, signups: unknown, idField: string, fields: unknown, zone: ZoneCalendar, codes: IdCodes, collector: JourneyCollector<R>): void {
  const rows = readSignups<S>(fn, signups, fields, zone, { idField, unit: 'journey' });
  for (let i = 0; i < rows.ids.length; i++) collector.signUp(codes.code(rows.ids[i] as Id), rows.instants[i] as number);
}

/**
 * Reads and validates the options and every event and signup of `fn` (`journeys` or
 * `eachJourney`) and prepares the journeys (grouped, time-ordered, in id order); the
 * `JourneyEvent` objects are made later, per journey. Throws at once on bad input.
 */
export function readJourneys<R, S>(fn: string, events: Iterable<R> | JourneyColumns, options: JourneysOptions<R, S> | undefined): PreparedJourneys<R> {
  // `by` was 0.1's name of `groupBy` (the word of every module).
  rejectRenamed(options, fn, { by: 'groupBy' });
  const opts = optionsOf(options, fn, JOURNEYS_OPTION_KEYS);
  const signupFields = readSignupFields(fn, opts.signupFields);
  const zone = zoneCalendar(opts.timeZone ?? 'UTC', fn);
  const columns = isJourneyColumns(events);
  const key = journeyKey(fn, opts, columns);
  const codes = new IdCodes();
  const collector = new JourneyCollector<R>(!columns);
  if (opts.signups !== undefined) {
    const idField = typeof opts.groupBy === 'string' ? opts.groupBy : 'userId';
    scanSignups(fn, opts.signups, idField, signupFields, zone, codes, collector);
  }
  if (columns) {
    scanJourneyColumns(fn, events, key as JourneyKey<number>, zone, codes, collector as unknown as JourneyCollector<number>);
  } else {
    if (events === null || typeof events !== 'object' || typeof (events as Iterable<R>)[Symbol.iterator] !== 'function' || typeof events === 'string') {
      fail(fn, 'events', 'invalid-input', 'must be an iterable of event records or an object of columns { userId, timestamp, name }', events);
    }
    scanJourneyRows(fn, events as Iterable<R>, key, opts, zone, codes, collector);
  }
  return collector.prepare(codes.ids, zone.timeZone);
}

/**
 * The journey key from `groupBy`: default `userId`, read through the `userId` accessor for
 * rows (columns are read by name; only a `groupBy` accessor applies to them).
 */
function journeyKey<R, S>(fn: string, opts: Partial<JourneysOptions<R, S>>, columns: boolean): JourneyKey<R> {
  const groupBy = opts.groupBy;
  if (groupBy === undefined || groupBy === 'userId') return { field: 'userId', accessor: columns ? undefined : opts.userId };
  if (typeof groupBy === 'function') return { field: 'groupBy', accessor: groupBy };
  if (typeof groupBy === 'string' && groupBy.length > 0) return { field: groupBy, accessor: undefined };
  return fail(fn, 'options.groupBy', 'invalid-option', 'must be a field name such as "accountId" or a function that reads the journey id from a record', groupBy);
}
