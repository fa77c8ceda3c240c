/**
 * The local signup day of each user seen in `growthLifecycle`'s events, from a signups
 * table read by the one signup reader (`core/signups.ts`, the rows `journeys` reads too).
 * O(signups); memory O(signups).
 * @internal
 */

import type { IdCodes } from '../../core/read.js';
import { readSignups } from '../../core/signups.js';
import type { ZoneCalendar } from '../../core/time-zone.js';

/** Marks "no signup" in the day array. */
export const NO_SIGNUP = -2_147_483_648;

/**
 * The local signup day of each user code of `users` (`NO_SIGNUP` for users without one).
 * Signups of users without events are validated and otherwise ignored.
 *
 * @param fields - `options.signupFields` as given.
 * @throws {MetricsInputError} for a non-record, a bad `userId` or `signedUpAt` (naming the
 * id: `signups[2] (userId "u_1").signedUpAt`), or a user id that repeats an earlier
 * signup's (`duplicate-id`).
 */
export function readSignupDays(fn: string, signups: unknown, fields: unknown, users: IdCodes, zone: ZoneCalendar): Int32Array {
  const rows = readSignups(fn, signups, fields, zone);
  const days = new Int32Array(users.size).fill(NO_SIGNUP);
  for (let i = 0; i < rows.ids.length; i++) {
    const user = users.find(rows.ids[i] as string | number);
    if (user >= 0) days[user] = zone.dayOf(rows.instants[i] as number);
  }
  return days;
}
