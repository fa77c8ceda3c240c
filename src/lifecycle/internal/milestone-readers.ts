/**
 * Reading the arguments of the milestone builders (`eventCount`, `activeDays`, ...): counts,
 * windows and milestones (event matchers and single milestones are read by `core/journey.ts`).
 * Every builder validates its arguments once, when the milestone is built, so evaluating it on a journey never throws for them.
 * @internal
 */

import { MS_PER_DAY } from '../../core/calendar.js';
import { fail } from '../../core/errors.js';
import { requireMilestone, type Milestone } from '../../core/journey.js';
import { optionsOf } from '../../core/options.js';

/** A count threshold: an integer >= 1 (`atLeast`, `times`). */
export function readCount(fn: string, value: unknown, path: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1) return value;
  return fail(fn, path, 'invalid-number', 'must be an integer >= 1', value);
}

/**
 * A window length in days: a finite number > 0 (whole days when `whole`); `undefined`
 * stays `undefined` (no window).
 */
export function readWindowDays(fn: string, value: unknown, path: string, whole: boolean): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isFinite(value) && value > 0 && (!whole || Number.isInteger(value))) return value;
  return fail(fn, path, 'invalid-number', whole ? 'must be an integer >= 1 (whole calendar days)' : 'must be a finite number of days > 0', value);
}

/** The last instant of a window of `days` 24-hour days from `start`, inclusive. */
export function windowEnd(start: number, days: number): number {
  return start + days * MS_PER_DAY;
}

/**
 * The options object of a builder that needs one, checked by `optionsOf` against `keys`:
 * anything but a plain object throws `invalid-option`, an unknown key `unknown-option`
 * (naming the closest valid one), a `null` value `invalid-option`.
 */
export function requireOptions<T extends object>(fn: string, options: T | undefined, keys: readonly string[]): Partial<T> {
  if (options === undefined) return fail(fn, 'options', 'invalid-option', 'must be an object', options);
  return optionsOf(options, fn, keys);
}

/** The milestones of a variadic combinator (`allOf`, `anyOf`): at least one, each a function. */
export function readMilestones<R>(fn: string, milestones: readonly unknown[]): Milestone<R>[] {
  if (milestones.length === 0) fail(fn, 'milestones', 'invalid-option', 'must hold at least one milestone', milestones);
  return milestones.map((m, i) => requireMilestone<R>(fn, m, `milestones[${i}]`));
}
