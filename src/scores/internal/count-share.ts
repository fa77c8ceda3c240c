/**
 * The share of a count in a total with its Wilson interval, validated with the caller's
 * names: the body of `adoptionRate`, `referralRate` and `advocacyShare`.
 * @internal
 */

import { fail } from '../../core/errors.js';
import { optionsOf } from '../../core/options.js';
import { readConfidence, readInteger } from '../../core/read.js';
import type { Estimate } from '../../core/types.js';
import { wilsonInterval } from '../../stats/wilson-interval.js';

/**
 * `part / whole` with its Wilson interval at `options.confidence`; `optionKeys` are the
 * caller's option keys (an unknown one throws `unknown-option`). O(1).
 */
export function countShare(
  fn: string,
  part: { readonly name: string; readonly value: unknown },
  whole: { readonly name: string; readonly value: unknown },
  options: { readonly confidence?: number } | undefined,
  optionKeys: readonly string[],
): Estimate | null {
  const opts = optionsOf(options, fn, optionKeys);
  const total = readInteger(whole.value, fn, whole.name, 0);
  const count = part.value;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > total) {
    fail(fn, part.name, 'invalid-number', `must be an integer from 0 to ${whole.name}, which is ${total}`, count);
  }
  const confidence = readConfidence(opts.confidence, fn);
  return wilsonInterval(count as number, total, confidence);
}
