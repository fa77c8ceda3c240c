/**
 * Option names a caller may still reach for after a rename: 0.1's names (`journeys`' `by`,
 * now `groupBy`; `recurring`'s `every`, now `period`; `conversion`'s milestones `from` and
 * `to`, now `entry` and `goal`) and `timeToValue`'s `withinDays` (now `horizons`). The
 * `unknown-option` error then names the right key, as `optionsOf` does for a near-miss
 * typo.
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
