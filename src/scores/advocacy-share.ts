import type { Estimate } from '../core/types.js';
import { countShare } from './internal/count-share.js';

/** Options of {@link advocacyShare}. */
export interface AdvocacyShareOptions {
  /** Confidence level of the interval, strictly between 0 and 1 (default 0.95). */
  readonly confidence?: number;
}

/** The keys of {@link AdvocacyShareOptions}: any other key is an `unknown-option` error. */
const ADVOCACY_SHARE_OPTION_KEYS = ['confidence'] as const;

/**
 * Advocacy share: the share of customers who act as advocates.
 *
 * Definition: `advocates` are the customers with at least one advocacy action in the period
 * (a reference call, a public review, a case study, a referral, a community answer: the
 * caller's list), each counted once; `customers` are the customers of the period. It
 * measures the top of the customer lifecycle (advocacy after adoption and expansion).
 * Survey promoters are not advocates by this definition: for them use `nps`.
 *
 * Formula: `advocates / customers`, with its Wilson score interval (no continuity
 * correction) at `confidence`.
 *
 * Source: the customer-advocacy programs of customer-success teams (share of the customer
 * base in the advocate pool, as advocacy platforms such as Influitive report it).
 *
 * Cost: O(1).
 *
 * Edge cases: `customers: 0` gives `null` (no customers, no share), never `NaN`;
 * `advocates: 0` gives a lower bound of exactly 0, `advocates = customers` an upper bound
 * of exactly 1.
 *
 * @param advocates Customers who advocated at least once, an integer from 0 to `customers`.
 * @param customers Customers in the period, an integer >= 0.
 * @param options `{ confidence? }`.
 * @returns `{ value, lower, upper }`, fractions in [0, 1]; `null` when `customers` is 0.
 * @throws {MetricsInputError} code `'invalid-number'` when `customers` is not an integer >=
 * 0 (path `'customers'`) or `advocates` not an integer from 0 to `customers` (path
 * `'advocates'`); code `'invalid-option'` when `options.confidence` is not strictly between
 * 0 and 1 (`null` included: leave it out for 0.95); code `'unknown-option'` for any other
 * key of `options` (`options.confidense is not an option; did you mean confidence?`).
 *
 * @example
 * ```ts
 * import { advocacyShare } from 'customer-success-metrics/scores';
 * advocacyShare(45, 300);
 * // ~> { value: 0.15, lower: 0.114, upper: 0.1948 }
 * advocacyShare(45, 300, { confidence: 0.9 })?.value; // => 0.15
 * advocacyShare(0, 0); // => null
 * ```
 */
export function advocacyShare(advocates: number, customers: number, options?: AdvocacyShareOptions): Estimate | null {
  return countShare('advocacyShare', { name: 'advocates', value: advocates }, { name: 'customers', value: customers }, options, ADVOCACY_SHARE_OPTION_KEYS);
}
