/**
 * Reading the input of `journeys` and `eachJourney`: the options, the signups table and
 * the events (rows or columns), validated record by record, into a
 * {@link JourneyCollector}. One pass over each input, no allocation per record besides
 * the collector's arrays.
 * @internal
 */

import { fail, failColumnValue, failRecord, recordPath } from '../../core/errors.js';
import { optionsOf } from '../../core/options.js';
import { IdCodes, accessorFor, isId, requireIterable, requireRecord } from '../../core/read.js';
import { failRecordInstant, instantOf } from '../../core/timestamp.js';
import { zoneCalendar, type ZoneCalendar } from '../../core/time-zone.js';
import type { Accessor } from '../../core/types.js';
import type { JourneyColumns, JourneysOptions, SignupFields } from '../journeys.js';
import { JourneyCollector, type PreparedJourneys } from './journey-collector.js';
import { rejectRenamed } from './option-renames.js';

/** The keys of `JourneysOptions` (the options of `journeys` and `eachJourney`). */
export const JOURNEYS_OPTION_KEYS = ['userId', 'timestamp', 'name', 'by', 'signups', 'signupFields', 'timeZone'] as const satisfies readonly (keyof JourneysOptions<unknown>)[];

/** The keys of `SignupFields` (`options.signupFields` of `journeys` and `growthLifecycle`). */
export const SIGNUP_FIELDS_KEYS = ['id', 'signedUpAt'] as const satisfies readonly (keyof SignupFields<unknown>)[];

/** What identifies a journey: a field (rows: property; columns: column) or an accessor. */
export interface JourneyKey<R> {
  /** The field name, used in error paths (`'by'` for an accessor). */
  readonly field: string;
  /** The caller's accessor, or `undefined` to read `field`. */
  readonly accessor: Accessor<R, unknown> | undefined;
}

/** How an error names a record's id: `(userId "u1")`, `(accountId "a1")`, `(id "x")` for a `by` accessor. */
function idLabel(key: { readonly field: string; readonly accessor: unknown }): string {
  return key.accessor !== undefined && key.field === 'by' ? 'id' : key.field;
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

/** Accessors of a signup row. */
export interface SignupAccessors<S> {
  readonly id?: Accessor<S, unknown>;
  readonly signedUpAt?: Accessor<S, unknown>;
}

/** The accessor `options.signupFields[option]`, or one that reads the property `field`. */
function signupAccessor<S>(fn: string, given: unknown, option: string, field: string): Accessor<S, unknown> {
  if (given === undefined) return (signup: S) => (signup as Record<string, unknown>)[field];
  if (typeof given !== 'function') {
    return fail(fn, `options.signupFields.${option}`, 'invalid-option', 'must be a function that reads the field from a signup', given);
  }
  return given as Accessor<S, unknown>;
}

/**
 * Reads the signups table: one row per journey id, its signup instant. `idField` names
 * the id field read by default and in error paths.
 * @throws {MetricsInputError} for a bad record, id or instant, and `duplicate-id` for an
 * id given twice.
 */
export function scanSignups<S, R>(
  fn: string,
  signups: unknown,
  idField: string,
  accessors: SignupAccessors<S>,
  zone: ZoneCalendar,
  codes: IdCodes,
  collector: JourneyCollector<R>,
): void {
  const rows = requireIterable<S>(signups, fn, 'options.signups');
  const readId = signupAccessor<S>(fn, accessors.id, 'id', idField);
  const readTime = signupAccessor<S>(fn, accessors.signedUpAt, 'signedUpAt', 'signedUpAt');
  const firstRow: number[] = [];
  let i = 0;
  for (const record of rows) {
    requireRecord(record, fn, 'signups', i);
    const id = readId(record, i);
    if (!isId(id)) fail(fn, recordPath('signups', i, idField), 'invalid-id', 'must be a non-empty string or a finite number', id);
    const raw = readTime(record, i);
    const t = instantOf(raw, zone);
    if (t !== t) failRecordInstant(raw, fn, { collection: 'signups', index: i, idField, id }, 'signedUpAt');
    const code = codes.code(id);
    if (code < firstRow.length) {
      fail(fn, recordPath('signups', i, idField), 'duplicate-id', `repeats the id of signups[${firstRow[code] as number}]; give each journey one signup`, id);
    }
    firstRow.push(i);
    collector.signUp(code, t);
    i++;
  }
}

/**
 * Reads and validates the options and every event and signup of `fn` (`journeys` or
 * `eachJourney`) and prepares the journeys (grouped, time-ordered, in id order); the
 * `JourneyEvent` objects are made later, per journey. Throws at once on bad input.
 */
export function readJourneys<R, S>(fn: string, events: Iterable<R> | JourneyColumns, options: JourneysOptions<R, S> | undefined): PreparedJourneys<R> {
  // `groupBy` is the word of the other modules; here journeys follow `by`.
  rejectRenamed(options, fn, { groupBy: 'by' });
  const opts = optionsOf(options, fn, JOURNEYS_OPTION_KEYS);
  const signupFields = optionsOf(opts.signupFields, fn, SIGNUP_FIELDS_KEYS, 'options.signupFields');
  const zone = zoneCalendar(opts.timeZone ?? 'UTC', fn);
  const columns = isJourneyColumns(events);
  const key = journeyKey(fn, opts, columns);
  const codes = new IdCodes();
  const collector = new JourneyCollector<R>(!columns);
  if (opts.signups !== undefined) {
    const idField = typeof opts.by === 'string' ? opts.by : 'userId';
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
 * The journey key from `by`: default `userId`, read through the `userId` accessor for rows
 * (columns are read by name; only a `by` accessor applies to them).
 */
function journeyKey<R, S>(fn: string, opts: Partial<JourneysOptions<R, S>>, columns: boolean): JourneyKey<R> {
  const by = opts.by;
  if (by === undefined || by === 'userId') return { field: 'userId', accessor: columns ? undefined : opts.userId };
  if (typeof by === 'function') return { field: 'by', accessor: by };
  if (typeof by === 'string' && by.length > 0) return { field: by, accessor: undefined };
  return fail(fn, 'options.by', 'invalid-option', 'must be a field name such as "accountId" or a function that reads the journey id from a record', by);
}
