/**
 * Checking the keys of an input object whose fields are required data rather than options
 * with defaults (`newcombeInterval`'s `{ successes, trials }`, `customerLifetimeValue`'s
 * `{ arpa, grossMargin, churnRate, churnFloor? }`): an unknown key is the same
 * `unknown-option` error as in an options object, naming the closest valid key, but a
 * `null` value is left to the field's own reader, whose error says what the field must be
 * (`a.trials must be an integer >= 0 (null)`) rather than "leave it out for the default".
 * @internal
 */

import { optionsOf } from './options.js';

/**
 * Throws `unknown-option` (as {@link optionsOf}) for the first own key of `value` that is
 * not in `keys`, with `path` as the object's name (`a`, `input`). `value` must already be
 * known to be an object. O(keys).
 */
export function checkRecordKeys(value: object, fn: string, keys: readonly string[], path: string): void {
  for (const key of Object.keys(value)) {
    if (!keys.includes(key)) optionsOf({ [key]: (value as Record<string, unknown>)[key] }, fn, keys, path);
  }
}
