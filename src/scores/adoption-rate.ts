import type { Estimate } from '../core/types.js';
import { countShare } from './internal/count-share.js';

/** Options of {@link adoptionRate}. */
export interface AdoptionRateOptions {
  /** Confidence level of the interval, strictly between 0 and 1 (default 0.95). */
  readonly confidence?: number;
}

/** The keys of {@link AdoptionRateOptions}: any other key is an `unknown-option` error. */
const ADOPTION_RATE_OPTION_KEYS = ['confidence'] as const;

/**
 * Adoption rate: the share of eligible users (or accounts) who adopted the product or a
 * feature.
 *
 * Definition: `adopters` are the eligible users who used it (at least once, or as often as
 * your adoption rule requires) in the period; `eligible` are those who could have: the
 * licensed or active users of the period. Both counts come from the caller, who states
 * the rule; to count feature adopters among active users straight from events, use
 * `featureAdoption` in `customer-success-metrics/engagement`.
 *
 * Formula: `adopters / eligible`, with its Wilson score interval (no continuity correction)
 * at `confidence`.
 *
 * Source: the adoption rate of product-analytics and customer-success tools (Pendo,
 * Gainsight PX: adopters over eligible or active users in the period).
 *
 * Cost: O(1).
 *
 * Edge cases: `eligible: 0` gives `null` (no eligible users, no rate), never `NaN`;
 * `adopters: 0` gives a lower bound of exactly 0, `adopters = eligible` an upper bound of
 * exactly 1.
 *
 * @param adopters Eligible users who adopted, an integer from 0 to `eligible`.
 * @param eligible Users who could adopt, an integer >= 0.
 * @param options `{ confidence? }`.
 * @returns `{ value, lower, upper }`, fractions in [0, 1]; `null` when `eligible` is 0.
 * @throws {MetricsInputError} code `'invalid-number'` when `eligible` is not an integer >=
 * 0 (path `'eligible'`) or `adopters` not an integer from 0 to `eligible` (path
 * `'adopters'`); code `'invalid-option'` when `options.confidence` is not strictly between
 * 0 and 1 (`null` included: leave it out for 0.95); code `'unknown-option'` for any other
 * key of `options` (`options.confidense is not an option; did you mean confidence?`).
 *
 * @example
 * ```ts
 * import { adoptionRate } from 'customer-success-metrics/scores';
 * adoptionRate(30, 120);
 * // ~> { value: 0.25, lower: 0.1811, upper: 0.3344 }
 * adoptionRate(0, 0); // => null
 * ```
 */
export function adoptionRate(adopters: number, eligible: number, options?: AdoptionRateOptions): Estimate | null {
  return countShare('adoptionRate', { name: 'adopters', value: adopters }, { name: 'eligible', value: eligible }, options, ADOPTION_RATE_OPTION_KEYS);
}
