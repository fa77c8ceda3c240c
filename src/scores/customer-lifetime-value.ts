import { fail } from '../core/errors.js';
import { readNonNegative } from '../core/read.js';
import { checkRecordKeys } from '../core/record-keys.js';

/** Inputs of {@link customerLifetimeValue}, all per the same period (usually a month). */
export interface CustomerLifetimeValueInput {
  /** Average revenue per account per period, in currency units (a finite number >= 0). */
  readonly arpa: number;
  /** Gross margin as a fraction from 0 to 1 (0.8 for 80%). */
  readonly grossMargin: number;
  /** Churn rate per period as a fraction from 0 to 1 (0.02 for 2% of accounts lost a month). */
  readonly churnRate: number;
  /**
   * Lowest churn rate to assume, a number in (0, 1]: the rate used is
   * `max(churnRate, churnFloor)`, so a period without churn still gives a finite value.
   */
  readonly churnFloor?: number;
}

/** The keys of {@link CustomerLifetimeValueInput}: any other key is an `unknown-option` error. */
const CUSTOMER_LIFETIME_VALUE_OPTION_KEYS = ['arpa', 'grossMargin', 'churnRate', 'churnFloor'] as const;

/** Result of {@link customerLifetimeValue}. */
export interface CustomerLifetimeValueResult {
  /** `arpa × grossMargin / churn`, in the currency units of `arpa`; `null` when the churn used is 0. */
  readonly value: number | null;
  /** The average revenue per account given. */
  readonly arpa: number;
  /** The gross margin given. */
  readonly grossMargin: number;
  /** The churn rate given. */
  readonly churnRate: number;
  /** The floor given; `null` without one. */
  readonly churnFloor: number | null;
  /** The churn rate used: `max(churnRate, churnFloor)`, or `churnRate` without a floor. */
  readonly effectiveChurnRate: number;
  /** `1 / churn`: the expected customer lifetime in periods; `null` when the churn used is 0. */
  readonly expectedLifetime: number | null;
}

/**
 * Customer lifetime value: the gross profit an average account brings over its expected
 * lifetime.
 *
 * Formula: `value = arpa × grossMargin / churn` and `expectedLifetime = 1 / churn`, with
 * `churn = max(churnRate, churnFloor)` when a floor is given, else `churnRate`. This is
 * the steady-state model: an account churns with the same probability every period, so its
 * lifetime is geometric with mean `1 / churn` periods; no discounting, no expansion.
 * Units: `arpa` and `churnRate` must be per the same period. Monthly ARPA with monthly
 * churn gives `expectedLifetime` in months and `value` in the currency units of `arpa`
 * (major or minor, the caller's choice); annual with annual works the same way.
 *
 * Source: the standard SaaS formula `LTV = ARPA × gross margin % / churn rate` (David Skok,
 * "SaaS Metrics 2.0"; the customer lifetime value of subscription analytics tools).
 *
 * Cost: O(1).
 *
 * Edge cases: `churnRate: 0` without a floor gives `value: null` and `expectedLifetime:
 * null` (no churn, no finite lifetime), never `Infinity`; with `churnFloor` the floor is
 * used instead. `arpa: 0` or `grossMargin: 0` give `value: 0`.
 *
 * @param options `{ arpa, grossMargin, churnRate, churnFloor? }`: the inputs, named (every
 * key is checked, as in an options object; only `churnFloor` may be left out).
 * @throws {MetricsInputError} code `'invalid-number'` when `options.arpa` is not a finite
 * number >= 0, `options.grossMargin` or `options.churnRate` not a number from 0 to 1
 * (`null` and a missing value included), or `options.churnFloor` not a number greater than
 * 0 and at most 1; code `'invalid-option'` for `churnFloor: null` (leave it out for no
 * floor); code `'unknown-option'`, path `options.<key>`, for any other key, naming the
 * closest valid one (`churnrate`: "did you mean churnRate?"); code `'overflow'`
 * (`options.churnRate`, or `options.churnFloor` when the floor is used) when the churn used
 * is so tiny (far below 1e-290) that the value or the lifetime overflows; code
 * `'invalid-input'` when the argument is not an object.
 *
 * @example
 * ```ts
 * import { customerLifetimeValue } from 'customer-success-metrics/scores';
 * customerLifetimeValue({ arpa: 100, grossMargin: 0.8, churnRate: 0.02 });
 * // => { value: 4000, arpa: 100, grossMargin: 0.8, churnRate: 0.02, churnFloor: null, effectiveChurnRate: 0.02, expectedLifetime: 50 }
 * customerLifetimeValue({ arpa: 100, grossMargin: 0.8, churnRate: 0 }).value; // => null
 * customerLifetimeValue({ arpa: 100, grossMargin: 0.8, churnRate: 0, churnFloor: 0.01 }).value; // => 8000
 * ```
 */
export function customerLifetimeValue(options: CustomerLifetimeValueInput): CustomerLifetimeValueResult {
  const fn = 'customerLifetimeValue';
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    fail(fn, 'options', 'invalid-input', 'must be an object { arpa, grossMargin, churnRate, churnFloor? }', options);
  }
  // Required fields keep their own error for null; only churnFloor, which may be left out, has the null rule.
  checkRecordKeys(options, fn, CUSTOMER_LIFETIME_VALUE_OPTION_KEYS, 'options');
  const arpa = readNonNegative(options.arpa, fn, 'options.arpa');
  const grossMargin = readFraction(options.grossMargin, fn, 'options.grossMargin');
  const churnRate = readFraction(options.churnRate, fn, 'options.churnRate');
  const churnFloor = readChurnFloor(options.churnFloor, fn);
  const churn = churnFloor === null ? churnRate : Math.max(churnRate, churnFloor);
  const base = { arpa, grossMargin, churnRate, churnFloor, effectiveChurnRate: churn };
  if (churn === 0) return { value: null, ...base, expectedLifetime: null };
  const value = (arpa * grossMargin) / churn;
  const expectedLifetime = 1 / churn;
  if (!Number.isFinite(value) || !Number.isFinite(expectedLifetime)) {
    const floored = churnFloor !== null && churnFloor > churnRate;
    fail(fn, floored ? 'options.churnFloor' : 'options.churnRate', 'overflow', 'is too small: the lifetime value overflows', churn);
  }
  return { value, ...base, expectedLifetime };
}

/** `options.churnFloor`: `undefined` is no floor (`null`); else a number in (0, 1]. */
function readChurnFloor(floor: unknown, fn: string): number | null {
  if (floor === undefined) return null;
  if (floor === null) return fail(fn, 'options.churnFloor', 'invalid-option', 'must not be null; leave it out (or pass undefined) for no floor', floor);
  if (typeof floor === 'number' && floor > 0 && floor <= 1) return floor;
  return fail(fn, 'options.churnFloor', 'invalid-number', 'must be a number greater than 0 and at most 1', floor);
}

/** A number from 0 to 1. */
function readFraction(value: unknown, fn: string, path: string): number {
  if (typeof value === 'number' && value >= 0 && value <= 1) return value;
  return fail(fn, path, 'invalid-number', 'must be a number from 0 to 1', value);
}
