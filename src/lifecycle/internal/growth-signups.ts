/**
 * Reading a signups table `{ userId, signedUpAt }` (the rows `journeys` reads too) for `growthLifecycle`: the local signup
 * day of each user seen in the events. One pass, O(signups); memory O(users) plus one map
 * entry per signup of a user without events (kept only to catch a repeated id).
 * @internal
 */

import { fail, recordPath } from '../../core/errors.js';
import { readId, requireIterable, requireRecord, type Id, type IdCodes } from '../../core/read.js';
import { failRecordInstant, instantOf } from '../../core/timestamp.js';
import type { ZoneCalendar } from '../../core/time-zone.js';
import type { Accessor } from '../../core/types.js';
import type { SignupFields } from '../journeys.js';

/** Marks "no signup" in the day array. */
export const NO_SIGNUP = -2_147_483_648;

/** The accessor `options.signupFields[option]`, or one that reads the property `field`. */
function fieldAccessor<S>(given: unknown, option: string, field: string, fn: string): Accessor<S, unknown> {
  if (given === undefined) return (signup: S) => (signup as Record<string, unknown>)[field];
  if (typeof given !== 'function') {
    return fail(fn, `options.signupFields.${option}`, 'invalid-option', 'must be a function that reads the field from a signup', given);
  }
  return given as Accessor<S, unknown>;
}

/**
 * The local signup day of each user code of `users` (`NO_SIGNUP` for users without one).
 * Signups of users without events are validated and otherwise ignored.
 *
 * @param fields - `options.signupFields`, already checked by `optionsOf`.
 * @throws {MetricsInputError} for a non-record, a bad `userId` or `signedUpAt` (naming the
 * id: `signups[2] (userId "u_1").signedUpAt`), or a user id that repeats an earlier
 * signup's (`duplicate-id`).
 */
export function readSignupDays<S>(
  fn: string,
  signups: unknown,
  fields: Partial<SignupFields<S>>,
  users: IdCodes,
  zone: ZoneCalendar,
): Int32Array {
  const readUser = fieldAccessor<S>(fields.id, 'id', 'userId', fn);
  const readTime = fieldAccessor<S>(fields.signedUpAt, 'signedUpAt', 'signedUpAt', fn);
  const days = new Int32Array(users.size).fill(NO_SIGNUP);
  /** Index + 1 of the signup of each user code, to name the earlier record of a repeat. */
  const seenAt = new Int32Array(users.size);
  const others = new Map<Id, number>();
  let i = 0;
  for (const signup of requireIterable<S>(signups, fn, 'options.signups')) {
    requireRecord(signup, fn, 'signups', i);
    const id = readId(readUser(signup, i), fn, 'signups', i, 'userId');
    const raw = readTime(signup, i);
    const instant = instantOf(raw, zone);
    if (instant !== instant) failRecordInstant(raw, fn, { collection: 'signups', index: i, idField: 'userId', id }, 'signedUpAt');
    const user = users.find(id);
    const earlier = user >= 0 ? (seenAt[user] as number) - 1 : (others.get(id) ?? -1);
    if (earlier >= 0) {
      fail(fn, recordPath('signups', i, 'userId'), 'duplicate-id', `repeats the id of signups[${earlier}]; give each user one signup`, id);
    }
    if (user >= 0) {
      seenAt[user] = i + 1;
      days[user] = zone.dayOf(instant);
    } else {
      others.set(id, i);
    }
    i++;
  }
  return days;
}
