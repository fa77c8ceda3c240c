/**
 * The one reader of a signups table: rows `{ userId, signedUpAt }`, one per user (or per
 * journey id), other shapes through `signupFields` accessors. `journeys`/`eachJourney`,
 * `growthLifecycle` and `cohortRetention` (with its accumulator) read their `signups`
 * option here.
 * @module
 */

import { fail, recordPath } from './errors.js';
import { optionsOf } from './options.js';
import { accessorFor, readId, requireIterable, requireRecord, type Id } from './read.js';
import type { ZoneCalendar } from './time-zone.js';
import { failRecordInstant, instantOf } from './timestamp.js';
import type { Accessor } from './types.js';

/** Accessors for the fields of a signup row. */
export interface SignupFields<S> {
  /** Reads the id (default: `signup.userId`, or the field a journey follows, such as `signup.accountId`). */
  readonly id?: Accessor<S, unknown>;
  /** Reads the signup instant (default: `signup.signedUpAt`). */
  readonly signedUpAt?: Accessor<S, unknown>;
}

/** The keys of {@link SignupFields}, checked at `options.signupFields`. */
export const SIGNUP_FIELD_KEYS = ['id', 'signedUpAt'] as const satisfies readonly (keyof SignupFields<unknown>)[];

/** Signups read and validated, in input order. */
export interface SignupRows {
  /** Id of each signup (distinct). */
  readonly ids: Id[];
  /** Signup instant of each signup, epoch ms. */
  readonly instants: Float64Array;
}

/** How the ids of a signups table are named. */
export interface SignupIdNaming {
  /** The field read by default and named in error paths (default `'userId'`). */
  readonly idField?: string;
  /** What one signup stands for in the duplicate-id message (default `'user'`: "give each user one signup"). */
  readonly unit?: string;
}

/**
 * Checks `options.signupFields`: `undefined` gives `{}`; anything but an object of the keys
 * `id`, `signedUpAt` throws (`invalid-option`, `unknown-option`). O(keys).
 */
export function readSignupFields<S>(fn: string, fields: unknown): Partial<SignupFields<S>> {
  if (fields !== undefined && (fields === null || typeof fields !== 'object' || Array.isArray(fields))) {
    fail(fn, 'options.signupFields', 'invalid-option', 'must be an object { id?, signedUpAt? } of accessors', fields);
  }
  return optionsOf(fields as SignupFields<S> | undefined, fn, SIGNUP_FIELD_KEYS, 'options.signupFields');
}

/**
 * Reads and validates a signups table once (a generator is read once): one pass,
 * O(signups) time and memory.
 *
 * @param fields - `options.signupFields` as given (checked here).
 * @param zone - The zone date-only instants are read in.
 * @throws {MetricsInputError} `invalid-input` for a table that is not iterable, for a
 * non-record, a bad id, a bad `signedUpAt` (naming the signup's id:
 * `signups[3] (userId "u_7").signedUpAt`), or an id that repeats an earlier signup's
 * (`duplicate-id`: `signups[3].userId repeats the id of signups[0]; give each user one
 * signup`); `unknown-option` / `invalid-option` for a bad `signupFields`.
 */
export function readSignups<S>(fn: string, signups: unknown, fields: unknown, zone: ZoneCalendar, naming: SignupIdNaming = {}): SignupRows {
  const idField = naming.idField ?? 'userId';
  const unit = naming.unit ?? 'user';
  const given = readSignupFields<S>(fn, fields);
  const readUser = accessorFor<S>(given.id, idField, fn, 'options.signupFields.id');
  const readTime = accessorFor<S>(given.signedUpAt, 'signedUpAt', fn, 'options.signupFields.signedUpAt');
  const ids: Id[] = [];
  let instants = new Float64Array(16);
  const seen = new Map<Id, number>();
  let i = 0;
  for (const signup of requireIterable<S>(signups, fn, 'options.signups')) {
    requireRecord(signup, fn, 'signups', i);
    const id = readId(readUser(signup, i), fn, 'signups', i, idField);
    const raw = readTime(signup, i);
    const instant = instantOf(raw, zone);
    if (instant !== instant) failRecordInstant(raw, fn, { collection: 'signups', index: i, idField, id }, 'signedUpAt');
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      fail(fn, recordPath('signups', i, idField), 'duplicate-id', `repeats the id of signups[${earlier}]; give each ${unit} one signup`, id);
    }
    seen.set(id, i);
    if (i === instants.length) {
      const grown = new Float64Array(i * 2);
      grown.set(instants);
      instants = grown;
    }
    ids.push(id);
    instants[i] = instant;
    i++;
  }
  return { ids, instants: instants.slice(0, i) };
}
