import { fail } from '../core/errors.js';
import { readConfidence } from '../core/read.js';
import { checkRecordKeys } from '../core/record-keys.js';
import type { Estimate } from '../core/types.js';
import { readIntervalOptions } from './internal/interval-options.js';
import type { NewcombeIntervalOptions, ProportionCounts } from './types.js';
import { wilsonInterval } from './wilson-interval.js';

export type { ProportionCounts } from './types.js';

/** The keys of {@link NewcombeIntervalOptions}: any other key is an `unknown-option` error. */
const NEWCOMBE_INTERVAL_OPTION_KEYS = ['confidence'] as const satisfies readonly (keyof NewcombeIntervalOptions)[];

/** The keys of {@link ProportionCounts}, both required: any other key is an `unknown-option` error. */
const PROPORTION_COUNTS_KEYS = ['successes', 'trials'] as const satisfies readonly (keyof ProportionCounts)[];

/** Validates one sample's counts, naming `a.trials`, `b.successes`, ...; no other key is allowed. */
function readCounts(value: unknown, name: 'a' | 'b'): ProportionCounts {
  const fn = 'newcombeInterval';
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fail(fn, name, 'invalid-input', 'must be an object { successes, trials }', value);
  }
  checkRecordKeys(value, fn, PROPORTION_COUNTS_KEYS, name);
  const { successes, trials } = value as Record<string, unknown>;
  if (typeof trials !== 'number' || !Number.isInteger(trials) || trials < 0) {
    return fail(fn, `${name}.trials`, 'invalid-number', 'must be an integer >= 0', trials);
  }
  if (typeof successes !== 'number' || !Number.isInteger(successes) || successes < 0 || successes > trials) {
    return fail(fn, `${name}.successes`, 'invalid-number', 'must be an integer from 0 to trials', successes);
  }
  return { successes, trials };
}

/**
 * The difference of two independent proportions, `a − b`, with Newcombe's hybrid score
 * confidence interval.
 *
 * Formula: with `p₁ = a.successes / a.trials`, `p₂ = b.successes / b.trials` and their
 * Wilson score intervals `[l₁, u₁]`, `[l₂, u₂]` at `confidence` (see `wilsonInterval`):
 * `value = p₁ − p₂`, `lower = value − √((p₁ − l₁)² + (u₂ − p₂)²)`,
 * `upper = value + √((u₁ − p₁)² + (p₂ − l₂)²)`.
 * Source: R. G. Newcombe, "Interval estimation for the difference between independent
 * proportions: comparison of eleven methods", Statistics in Medicine 17 (1998) 873–890,
 * method 10 (the score interval without continuity correction; `DescTools::BinomDiffCI(
 * method = 'score')` in R, `confint_proportions_2indep(method = 'newcomb')` in statsmodels).
 * Unlike the Wald interval it stays inside [-1, 1] and is not degenerate when a proportion
 * is 0 or 1.
 * Cost: O(1).
 * Edge cases: `null` when either sample has no trials (a proportion is undefined);
 * `lower <= value <= upper`, all in [-1, 1]; `0/10 − 0/20` gives `value: 0` with a
 * non-degenerate interval.
 * @param a - The first sample `{ successes, trials }` (e.g. the segment).
 * @param b - The second sample (e.g. the control).
 * @param options - `{ confidence? }`: the confidence level, strictly between 0 and 1
 * (default 0.95).
 * @returns `{ value, lower, upper }` on the scale of a difference of fractions, or `null`.
 * @throws {MetricsInputError} code `'invalid-number'`, path `'a.trials'` (or `b.trials`),
 * when trials is not an integer >= 0; path `'a.successes'` (or `b.successes`) when
 * successes is not an integer from 0 to trials (`null` included); code `'invalid-input'`,
 * path `'a'` or `'b'`, for a sample that is not an object; code `'unknown-option'`, path
 * `'a.<key>'`, for a key other than `successes` and `trials` (`{ sucesses: 3, trials: 10 }`:
 * "did you mean successes?"), and path `'options.<key>'` for a key of `options` other than
 * `confidence`; code `'invalid-option'`, path `'options.confidence'`, for a confidence
 * outside (0, 1) (`null` included: leave it out for 0.95), and path `'options'` when
 * `options` is not an object, such as the positional confidence of 0.x
 * (`newcombeInterval(a, b, 0.9)`: write `newcombeInterval(a, b, { confidence: 0.9 })`).
 * @example
 * ```ts
 * import { newcombeInterval } from 'customer-success-metrics';
 * // Newcombe (1998), example (a): 56/70 versus 48/80.
 * newcombeInterval({ successes: 56, trials: 70 }, { successes: 48, trials: 80 });
 * // ~> { value: 0.2, lower: 0.0524, upper: 0.3339 }
 * newcombeInterval({ successes: 56, trials: 70 }, { successes: 48, trials: 80 }, { confidence: 0.9 });
 * // ~> { value: 0.2, lower: 0.0766, upper: 0.3136 }
 * newcombeInterval({ successes: 3, trials: 10 }, { successes: 0, trials: 0 }); // => null
 * ```
 */
export function newcombeInterval(a: ProportionCounts, b: ProportionCounts, options?: NewcombeIntervalOptions): Estimate | null {
  const fn = 'newcombeInterval';
  const opts = readIntervalOptions(options, fn, NEWCOMBE_INTERVAL_OPTION_KEYS);
  const first = readCounts(a, 'a');
  const second = readCounts(b, 'b');
  const confidence = readConfidence(opts.confidence, fn);
  const one = wilsonInterval(first.successes, first.trials, { confidence });
  const two = wilsonInterval(second.successes, second.trials, { confidence });
  if (one === null || two === null) return null;
  const value = one.value - two.value;
  const below = Math.hypot(one.value - one.lower, two.upper - two.value);
  const above = Math.hypot(one.upper - one.value, two.value - two.lower);
  return { value, lower: Math.max(-1, value - below), upper: Math.min(1, value + above) };
}
