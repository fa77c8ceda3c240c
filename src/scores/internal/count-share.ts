/**
 * The share of a count in a total with its Wilson interval, validated with the caller's
 * names: the body of `adoptionRate`, `referralRate` and `advocacyShare`.
 * @internal
 */

import { fail } from '../../core/errors.js';
import { optionsOf, readConfidence, readInteger } from '../../core/read.js';
import type { Estimate } from '../../core/types.js';
import { wilsonInterval } from '../../stats/wilson-interval.js';

export function countShare(
  fn: string,
  part: { readonly name: string; readonly value: unknown },
  whole: { readonly name: string; readonly value: unknown },
  options: { readonly confidence?: number } | undefined,
): Estimate | null {
  const total = readInteger(whole.value, fn, whole.name, 0);
  const count = part.value;
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > total) {
    fail(fn, part.name, 'invalid-number', `must be an integer from 0 to ${whole.name}, which is ${total}`, count);
  }
  const confidence = readConfidence(optionsOf(options, fn).confidence, fn);
  return wilsonInterval(count as number, total, confidence);
}
