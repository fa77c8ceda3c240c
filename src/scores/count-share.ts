import { fail } from '../core/errors.js';
import { optionsOf } from '../core/options.js';
import { readConfidence, readInteger } from '../core/read.js';
import { wilsonInterval } from '../stats/wilson-interval.js';
import type { Estimate } from '../core/types.js';
import type { CountShareOptions } from './types.js';

/** The keys of {@link CountShareOptions}: any other key is an `unknown-option` error. */
const COUNT_SHARE_OPTION_KEYS = ['confidence'] as const satisfies readonly (keyof CountShareOptions)[];

/**
 * The share of a total that a count makes up, with its confidence interval: the adoption,
 * referral and advocacy rates customer-success teams report, and any other "how many of
 * them did it" ratio whose two counts you already have.
 *
 * Formula: `count / total`, with its Wilson score interval (no continuity correction) at
 * `confidence`, as `wilsonInterval` computes it.
 *
 * Uses (the caller states the rule behind each count):
 * - **adoption rate**: `count` = eligible users (or accounts) who adopted the product or a
 *   feature in the period (used it at least once, or as often as your adoption rule
 *   requires), `total` = those who could have (the licensed or active users of the period),
 *   as product-analytics and customer-success tools report it (Pendo, Gainsight PX). To
 *   count feature adopters among active users straight from events, use `featureAdoption`
 *   in `customer-success-metrics/engagement`.
 * - **referral rate**: `count` = customers (accounts or users) who referred at least one
 *   prospect in the period, each counted once however many they referred, `total` = the
 *   customers at the start of the period: the per-customer rate of referral programs. (The
 *   new customers who came by referral over all new customers is a different ratio, a share
 *   of acquisition.)
 * - **advocacy share**: `count` = customers with at least one advocacy action in the period
 *   (a reference call, a public review, a case study, a referral, a community answer),
 *   `total` = the customers of the period: the advocate pool of customer-advocacy programs
 *   (as platforms such as Influitive report it), the top of the customer lifecycle. Survey
 *   promoters are not advocates by this definition: for them use `nps`.
 *
 * Source: E. B. Wilson (1927) for the interval (R's `prop.test(count, total, correct =
 * FALSE)`); the definitions above for the uses.
 *
 * Cost: O(1).
 *
 * Edge cases: `total: 0` gives `null` (nobody to count, no share), never `NaN`; `count: 0`
 * gives a lower bound of exactly 0, `count = total` an upper bound of exactly 1.
 *
 * @param count How many did it, an integer from 0 to `total`.
 * @param total How many could have, an integer >= 0.
 * @param options `{ confidence? }` (default 0.95).
 * @returns `{ value, lower, upper }`, fractions in [0, 1]; `null` when `total` is 0.
 * @throws {MetricsInputError} code `'invalid-number'` when `total` is not an integer >= 0
 * (path `'total'`) or `count` not an integer from 0 to `total` (path `'count'`); code
 * `'invalid-option'` when `options.confidence` is not strictly between 0 and 1 (`null`
 * included: leave it out for 0.95) or `options` is not an object (a positional confidence
 * such as `countShare(3, 10, 0.9)`); code `'unknown-option'` for any other key of `options`
 * (`options.confidense is not an option; did you mean confidence?`).
 *
 * @example
 * ```ts
 * import { countShare } from 'customer-success-metrics/scores';
 * // Adoption: 30 of 120 eligible users adopted.
 * countShare(30, 120); // ~> { value: 0.25, lower: 0.1811, upper: 0.3344 }
 * // Referral: 12 of 400 customers referred someone.
 * countShare(12, 400); // ~> { value: 0.03, lower: 0.0172, upper: 0.0517 }
 * // Advocacy: 45 of 300 customers advocated.
 * countShare(45, 300); // ~> { value: 0.15, lower: 0.114, upper: 0.1948 }
 * countShare(45, 300, { confidence: 0.9 })?.value; // => 0.15
 * countShare(0, 0); // => null
 * ```
 */
export function countShare(count: number, total: number, options?: CountShareOptions): Estimate | null {
  const fn = 'countShare';
  const opts = optionsOf(options, fn, COUNT_SHARE_OPTION_KEYS);
  const n = readInteger(total, fn, 'total', 0);
  if (typeof count !== 'number' || !Number.isInteger(count) || count < 0 || count > n) {
    fail(fn, 'count', 'invalid-number', `must be an integer from 0 to total, which is ${n}`, count);
  }
  const confidence = readConfidence(opts.confidence, fn);
  return wilsonInterval(count, n, { confidence });
}
