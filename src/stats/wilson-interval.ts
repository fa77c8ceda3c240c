import { fail } from '../core/errors.js';
import { readConfidence, readInteger } from '../core/read.js';
import type { Estimate } from '../core/types.js';
import { readIntervalOptions } from './internal/interval-options.js';
import { normalQuantile } from './normal-quantile.js';
import type { WilsonIntervalOptions } from './types.js';

/** The keys of {@link WilsonIntervalOptions}: any other key is an `unknown-option` error. */
const WILSON_INTERVAL_OPTION_KEYS = ['confidence'] as const satisfies readonly (keyof WilsonIntervalOptions)[];

/**
 * A proportion with its Wilson score confidence interval (no continuity correction).
 *
 * Formula: with `p̂ = s/n`, `z = Φ⁻¹(1 - (1 - confidence)/2)`:
 * `(p̂ + z²/2n ± z √(p̂(1 - p̂)/n + z²/4n²)) / (1 + z²/n)`. The lower bound is evaluated as
 * the equal `p̂² / (p̂ + z²/2n + z √(…))`, which has no cancellation for small p̂.
 *
 * Source: E. B. Wilson, "Probable inference, the law of succession, and statistical
 * inference", JASA 22 (1927) 209–212; the interval of R's `prop.test(s, n, correct = FALSE)`
 * and of statsmodels' `proportion_confint(method = 'wilson')`.
 *
 * Cost: O(1).
 *
 * Edge cases: `trials = 0` gives `null` (no proportion); `lower` is exactly 0 when
 * `successes = 0` and `upper` exactly 1 when `successes = trials`; bounds lie in [0, 1]
 * with `lower <= value <= upper`.
 *
 * @param successes - An integer from 0 to `trials`.
 * @param trials - An integer >= 0.
 * @param options - `{ confidence? }`: the confidence level, strictly between 0 and 1
 * (default 0.95).
 * @returns `{ value, lower, upper }`, or `null` when `trials` is 0.
 * @throws {MetricsInputError} path `'trials'` (code `'invalid-number'`) when trials is not an
 * integer >= 0; path `'successes'` (code `'invalid-number'`) when successes is not an integer
 * from 0 to trials; path `'options.confidence'` (code `'invalid-option'`) when the confidence
 * is not a number strictly between 0 and 1 (`null` included: leave it out for 0.95); path
 * `'options'` (code `'invalid-option'`) when `options` is not an object, such as the
 * positional confidence of 0.x (`wilsonInterval(5, 10, 0.9)`: write
 * `wilsonInterval(5, 10, { confidence: 0.9 })`); code `'unknown-option'` for any other key of
 * `options`, naming the closest valid one.
 *
 * @example
 * ```ts
 * import { wilsonInterval } from 'customer-success-metrics';
 * wilsonInterval(42, 100);
 * // => { value: 0.42, lower: 0.3279838267435473, upper: 0.5179351329695703 }
 * wilsonInterval(42, 100, { confidence: 0.9 }); // ~> { value: 0.42, lower: 0.342, upper: 0.5022 }
 * wilsonInterval(0, 10)?.lower; // => 0
 * wilsonInterval(0, 0); // => null
 * ```
 */
export function wilsonInterval(successes: number, trials: number, options?: WilsonIntervalOptions): Estimate | null {
  const fn = 'wilsonInterval';
  const opts = readIntervalOptions(options, fn, WILSON_INTERVAL_OPTION_KEYS);
  const n = readInteger(trials, fn, 'trials', 0);
  if (typeof successes !== 'number' || !Number.isInteger(successes) || successes < 0 || successes > n) {
    return fail(fn, 'successes', 'invalid-number', 'must be an integer from 0 to trials', successes);
  }
  const level = readConfidence(opts.confidence, fn);
  if (n === 0) return null;

  const s = successes;
  const value = s / n;
  // (1 - level) is exact for level >= 0.5, so the z of a high confidence keeps its digits.
  const z = -normalQuantile((1 - level) / 2);
  const zz = z * z;
  const center = value + zz / (2 * n);
  const spread = z * Math.sqrt((value * ((n - s) / n)) / n + zz / (4 * n * n));
  const lower = s === 0 ? 0 : Math.min(value, (value * value) / (center + spread));
  const upper = s === n ? 1 : Math.min(1, Math.max(value, (center + spread) / (1 + zz / n)));
  return { value, lower, upper };
}
