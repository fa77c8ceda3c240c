/**
 * Option names a caller may still reach for after a rename (`timeToValue`'s `withinDays`,
 * now `horizons`) or from another function's vocabulary (`groupBy`, which `journeys` calls
 * `by`): the `unknown-option` error then names the right key, as `optionsOf` does for a
 * near-miss typo.
 * @internal
 */

import { fail } from '../../core/errors.js';

/**
 * Throws `unknown-option` (`fn: options.withinDays is not an option; did you mean
 * horizons? (...)`) when `options` has one of the keys of `names`. O(keys of `names`).
 */
export function rejectRenamed(options: unknown, fn: string, names: Readonly<Record<string, string>>): void {
  if (options === null || typeof options !== 'object') return;
  for (const old of Object.keys(names)) {
    if (Object.prototype.hasOwnProperty.call(options, old)) {
      fail(fn, `options.${old}`, 'unknown-option', `is not an option; did you mean ${names[old] as string}?`, (options as Record<string, unknown>)[old]);
    }
  }
}
