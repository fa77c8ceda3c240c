/**
 * Reading events that need an account and an instant but no user: rows through accessors
 * (defaults `accountId` and `timestamp`), or columns `{ accountId, timestamp }` read in
 * place. Like `scanEvents` in core, which requires a user id.
 * @internal
 */

import { fail, recordPath } from '../../core/errors.js';
import { accessorFor, isId, requireRecord, type Id } from '../../core/read.js';
import { failRecordInstant, instantOf } from '../../core/timestamp.js';
import type { ZoneCalendar } from '../../core/time-zone.js';
import type { Accessor, Timestamp } from '../../core/types.js';

/** Account events as parallel columns: element `i` of each column describes event `i`. */
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

function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return value !== null && typeof value === 'object' && typeof (value as ArrayLike<unknown>).length === 'number';
}

/**
 * Reads every event once, validating it, and hands `(accountId, instant, index)` to
 * `visit`. O(n), no allocation per event.
 *
 * @throws {MetricsInputError} naming `collection[i].accountId` / `.timestamp` (rows) or
 * `collection.accountId[i]` (columns), and `collection` when the input is neither; a bad
 * timestamp's message names the event's account id too
 * (`events[5] (accountId "acme").timestamp`).
 */
export function scanAccountEvents<R>(
  events: AccountEvents<R>,
  fn: string,
  collection: string,
  accessors: AccountEventAccessors<R>,
  zone: ZoneCalendar,
  visit: (accountId: Id, instant: number, index: number) => void,
): void {
  if (events === null || typeof events !== 'object') {
    fail(fn, collection, 'invalid-input', 'must be an iterable of event records or an object of columns { accountId, timestamp }', events);
  }
  if (typeof (events as Iterable<R>)[Symbol.iterator] !== 'function') {
    const columns = events as Partial<AccountEventColumns>;
    const accountColumn = columns.accountId;
    const timeColumn = columns.timestamp;
    if (!isArrayLike(accountColumn) || !isArrayLike(timeColumn)) {
      return fail(fn, collection, 'invalid-input', 'must be an iterable of event records or an object of columns { accountId, timestamp }', events);
    }
    const length = accountColumn.length;
    if (timeColumn.length !== length) {
      fail(fn, `${collection}.timestamp`, 'invalid-input', `must have as many values as ${collection}.accountId (${length})`, timeColumn.length);
    }
    for (let i = 0; i < length; i++) {
      const id = accountColumn[i];
      if (!isId(id)) fail(fn, `${collection}.accountId[${i}]`, 'invalid-id', 'must be a non-empty string or a finite number', id);
      const raw = timeColumn[i];
      const t = instantOf(raw, zone);
      if (t !== t) failRecordInstant(raw, fn, { collection, index: i, idField: 'accountId', id }, 'timestamp', true);
      visit(id, t, i);
    }
    return;
  }
  const readAccount = accessorFor<R>(accessors.accountId, 'accountId', fn);
  const readTime = accessorFor<R>(accessors.timestamp, 'timestamp', fn);
  let i = 0;
  for (const record of events as Iterable<R>) {
    requireRecord(record, fn, collection, i);
    const id = readAccount(record, i);
    if (!isId(id)) fail(fn, recordPath(collection, i, 'accountId'), 'invalid-id', 'must be a non-empty string or a finite number', id);
    const raw = readTime(record, i);
    const t = instantOf(raw, zone);
    if (t !== t) failRecordInstant(raw, fn, { collection, index: i, idField: 'accountId', id });
    visit(id, t, i);
    i++;
  }
}
