/**
 * The options object of the interval functions (`wilsonInterval`, `newcombeInterval`):
 * checked as every options object is, with a message that shows the new form when a
 * confidence is passed positionally, as in 0.x.
 * @internal
 */

import { fail } from '../../core/errors.js';
import { optionsOf } from '../../core/options.js';

/**
 * `optionsOf` for `{ confidence? }`; a number (the 0.x positional confidence) throws
 * `invalid-option` at `options`, saying to pass `{ confidence: <number> }`. O(keys).
 */
export function readIntervalOptions<T extends { readonly confidence?: number }>(options: T | undefined, fn: string, keys: readonly string[]): Partial<T> {
  if (typeof options === 'number') {
    return fail(fn, 'options', 'invalid-option', `must be an object { confidence? }: the confidence is no longer positional, pass { confidence: ${options} }`, options);
  }
  return optionsOf(options, fn, keys);
}
