import type { Estimate } from '../core/types.js';
import { countShare } from './internal/count-share.js';

/** Options of {@link referralRate}. */
export interface ReferralRateOptions {
  /** Confidence level of the interval, strictly between 0 and 1 (default 0.95). */
  readonly confidence?: number;
}

/** The keys of {@link ReferralRateOptions}: any other key is an `unknown-option` error. */
const REFERRAL_RATE_OPTION_KEYS = ['confidence'] as const;

/**
 * Referral rate: the share of customers who referred at least one prospect in the period.
 *
 * Definition: `referrers` are the customers (accounts or users, as `customers` counts them)
 * who made at least one referral in the period, each counted once however many they made;
 * `customers` are the customers at the start of the period. This is the per-customer
 * referral rate of referral programs. Some teams report instead the new customers who came
 * by referral over all new customers (a share of acquisition): a different ratio.
 *
 * Formula: `referrers / customers`, with its Wilson score interval (no continuity
 * correction) at `confidence`.
 *
 * Source: referral-program reporting (share of customers making a referral), the
 * "advocacy" stage of the customer lifecycle after expansion.
 *
 * Cost: O(1).
 *
 * Edge cases: `customers: 0` gives `null` (no customers, no rate), never `NaN`; `referrers:
 * 0` gives a lower bound of exactly 0, `referrers = customers` an upper bound of exactly 1.
 *
 * @param referrers Customers who referred at least once, an integer from 0 to `customers`.
 * @param customers Customers in the period, an integer >= 0.
 * @param options `{ confidence? }`.
 * @returns `{ value, lower, upper }`, fractions in [0, 1]; `null` when `customers` is 0.
 * @throws {MetricsInputError} code `'invalid-number'` when `customers` is not an integer >=
 * 0 (path `'customers'`) or `referrers` not an integer from 0 to `customers` (path
 * `'referrers'`); code `'invalid-option'` when `options.confidence` is not strictly between
 * 0 and 1 (`null` included: leave it out for 0.95); code `'unknown-option'` for any other
 * key of `options` (`options.confidense is not an option; did you mean confidence?`).
 *
 * @example
 * ```ts
 * import { referralRate } from 'customer-success-metrics/scores';
 * referralRate(12, 400);
 * // ~> { value: 0.03, lower: 0.0172, upper: 0.0517 }
 * referralRate(0, 0); // => null
 * ```
 */
export function referralRate(referrers: number, customers: number, options?: ReferralRateOptions): Estimate | null {
  return countShare('referralRate', { name: 'referrers', value: referrers }, { name: 'customers', value: customers }, options, REFERRAL_RATE_OPTION_KEYS);
}
