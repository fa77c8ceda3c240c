import { fail } from '../core/errors.js';
import { optionsOf } from '../core/options.js';
import type { CustomerLifetimeValueInput, CustomerLifetimeValueOptions, CustomerLifetimeValueResult } from './types.js';

/** The keys of {@link CustomerLifetimeValueOptions}: any other key is an `unknown-option` error. */
const CUSTOMER_LIFETIME_VALUE_OPTION_KEYS = ['grossMargin', 'churnFloor'] as const satisfies readonly (keyof CustomerLifetimeValueOptions)[];

/**
 * Customer lifetime value: the gross profit an average account brings over its expected
 * lifetime.
 *
 * Formula: `value = arpa × grossMargin / churn` and `expectedLifetime = 1 / churn`, with
 * `churn = max(churnRate, churnFloor)` when a floor is given, else `churnRate`, where
 * `churnRate = logoChurn.value`. This is the steady-state model: an account churns with the
 * same probability every period, so its lifetime is geometric with mean `1 / churn`
 * periods; no discounting, no expansion. Units: `arpa` and the churn rate must be per the
 * same period. Monthly ARPA with monthly churn gives `expectedLifetime` in months and
 * `value` in the currency units of `arpa` (major or minor, the caller's choice); annual with
 * annual works the same way.
 *
 * Results compose: the data is `{ arpa, logoChurn: { value } }`, exactly what
 * `lifetimeValueInputs` (in `customer-success-metrics/revenue`) returns, so
 * `customerLifetimeValue(lifetimeValueInputs(mrrMovements(snapshots)), { grossMargin: 0.8 })`
 * works as it is; its other fields, and the interval of `logoChurn`, are not read. The
 * options are the assumptions that are not in the data: the gross margin and a churn floor.
 *
 * Source: the standard SaaS formula `LTV = ARPA × gross margin % / churn rate` (David Skok,
 * "SaaS Metrics 2.0"; the customer lifetime value of subscription analytics tools).
 *
 * Cost: O(1).
 *
 * Edge cases: never `NaN` or `Infinity`; `value` is `null`, and `reason` says why in words,
 * when `arpa` is `null` (no account was counted), when `logoChurn` or its `value` is `null`
 * (no account was at risk: `effectiveChurnRate` and `expectedLifetime` are `null` too), or
 * when the churn used is 0 (no churn, no finite lifetime) without a floor; with `churnFloor`
 * the floor is used instead. `arpa: 0` or `grossMargin: 0` give `value: 0`.
 *
 * @param inputs `{ arpa, logoChurn }`: `arpa` a finite number >= 0 or `null`, `logoChurn`
 * an object whose `value` is a fraction from 0 to 1 (or `null`), or `null`. Other fields
 * are ignored, so a `lifetimeValueInputs` result can be passed as it is.
 * @param options `{ grossMargin, churnFloor? }`: `grossMargin` (required) a fraction from 0
 * to 1, `churnFloor` a number greater than 0 and at most 1.
 * @returns `{ value, reason, arpa, grossMargin, churnRate, churnFloor, effectiveChurnRate,
 * expectedLifetime }`.
 * @throws {MetricsInputError} code `'invalid-input'` when `inputs` is not an object, or
 * `inputs.logoChurn` is neither an object `{ value }` nor `null` (the message points to
 * `lifetimeValueInputs`); code `'invalid-number'` when `inputs.arpa` is not a finite number
 * >= 0 or `null`, `inputs.logoChurn.value` not a number from 0 to 1 or `null`,
 * `options.grossMargin` not a number from 0 to 1 (missing included), or `options.churnFloor`
 * not a number greater than 0 and at most 1; code `'invalid-option'` when `options` is not
 * an object or an option is `null` (leave `churnFloor` out for no floor); code
 * `'unknown-option'`, path `options.<key>`, for any other key of `options`, naming the
 * closest valid one (`options.grossmargin`: "did you mean grossMargin?"); code `'overflow'`
 * (`inputs.logoChurn.value`, or `options.churnFloor` when the floor is used) when the churn
 * used is so tiny (far below 1e-290) that the value or the lifetime overflows.
 *
 * @example
 * ```ts
 * import { customerLifetimeValue } from 'customer-success-metrics/scores';
 * customerLifetimeValue({ arpa: 100, logoChurn: { value: 0.02 } }, { grossMargin: 0.8 });
 * // => { value: 4000, reason: null, arpa: 100, grossMargin: 0.8, churnRate: 0.02, churnFloor: null, effectiveChurnRate: 0.02, expectedLifetime: 50 }
 * customerLifetimeValue({ arpa: 100, logoChurn: { value: 0 } }, { grossMargin: 0.8 }).value; // => null
 * customerLifetimeValue({ arpa: 100, logoChurn: { value: 0 } }, { grossMargin: 0.8, churnFloor: 0.01 }).value; // => 8000
 * customerLifetimeValue({ arpa: null, logoChurn: null }, { grossMargin: 0.8 }).reason;
 * // => 'arpa is null: no account was counted'
 * ```
 */
export function customerLifetimeValue(inputs: CustomerLifetimeValueInput, options: CustomerLifetimeValueOptions): CustomerLifetimeValueResult {
  const fn = 'customerLifetimeValue';
  const { arpa, churnRate } = readInputs(inputs, fn);
  const { grossMargin, churnFloor } = readOptions(options, fn);
  return lifetimeValue(arpa, churnRate, grossMargin, churnFloor, fn);
}

/** `inputs.arpa` and `inputs.logoChurn.value`, each a number or `null` (unknown). */
function readInputs(inputs: unknown, fn: string): { arpa: number | null; churnRate: number | null } {
  if (inputs === null || typeof inputs !== 'object' || Array.isArray(inputs)) {
    return fail(fn, 'inputs', 'invalid-input', 'must be an object { arpa, logoChurn }, such as a lifetimeValueInputs result', inputs);
  }
  const { arpa, logoChurn } = inputs as { arpa?: unknown; logoChurn?: unknown };
  if (logoChurn !== null && (typeof logoChurn !== 'object' || Array.isArray(logoChurn))) {
    // The 0.x call had one argument { arpa, grossMargin, churnRate, churnFloor? }.
    const was = 'churnRate' in inputs ? ' (0.x took churnRate: write customerLifetimeValue({ arpa, logoChurn: { value: churnRate } }, { grossMargin }))' : '';
    return fail(fn, 'inputs.logoChurn', 'invalid-input', `must be an estimate { value } or null, as lifetimeValueInputs returns it${was}`, logoChurn);
  }
  const rate = logoChurn === null ? null : (logoChurn as { value?: unknown }).value;
  return {
    arpa: arpa === null || (typeof arpa === 'number' && Number.isFinite(arpa) && arpa >= 0) ? arpa : fail(fn, 'inputs.arpa', 'invalid-number', 'must be a finite number >= 0 or null', arpa),
    churnRate: rate === null ? null : readFraction(rate, fn, 'inputs.logoChurn.value', 'or null'),
  };
}

/** `{ grossMargin, churnFloor? }`, checked as an options object (grossMargin required). */
function readOptions(options: unknown, fn: string): { grossMargin: number; churnFloor: number | null } {
  const opts = optionsOf(options as CustomerLifetimeValueOptions | undefined, fn, CUSTOMER_LIFETIME_VALUE_OPTION_KEYS);
  const grossMargin = readFraction(opts.grossMargin, fn, 'options.grossMargin');
  const floor: unknown = opts.churnFloor;
  if (floor === undefined) return { grossMargin, churnFloor: null };
  if (typeof floor === 'number' && floor > 0 && floor <= 1) return { grossMargin, churnFloor: floor };
  return fail(fn, 'options.churnFloor', 'invalid-number', 'must be a number greater than 0 and at most 1', floor);
}

/** Why there is no value, in words (the first that applies); `null` when there is one. */
function reasonOf(arpa: number | null, churn: number | null): string | null {
  if (arpa === null) return 'arpa is null: no account was counted';
  if (churn === null) return 'the logo churn rate is null: no account was at risk of churning';
  if (churn === 0) return 'the churn rate is 0 and no churnFloor is given: the lifetime is unbounded';
  return null;
}

/** The value, the lifetime and their echo; `null` with a reason where they cannot be known. */
function lifetimeValue(arpa: number | null, churnRate: number | null, grossMargin: number, churnFloor: number | null, fn: string): CustomerLifetimeValueResult {
  const churn = churnRate === null ? null : churnFloor === null ? churnRate : Math.max(churnRate, churnFloor);
  const expectedLifetime = churn === null || churn === 0 ? null : 1 / churn;
  const value = arpa === null || churn === null || churn === 0 ? null : (arpa * grossMargin) / churn;
  if ((expectedLifetime !== null && !Number.isFinite(expectedLifetime)) || (value !== null && !Number.isFinite(value))) {
    const floored = churnFloor !== null && churnRate !== null && churnFloor > churnRate;
    fail(fn, floored ? 'options.churnFloor' : 'inputs.logoChurn.value', 'overflow', 'is too small: the lifetime value overflows', churn);
  }
  return { value, reason: reasonOf(arpa, churn), arpa, grossMargin, churnRate, churnFloor, effectiveChurnRate: churn, expectedLifetime };
}

/** A number from 0 to 1 (`suffix` adds to the message what else is accepted). */
function readFraction(value: unknown, fn: string, path: string, suffix?: string): number {
  if (typeof value === 'number' && value >= 0 && value <= 1) return value;
  return fail(fn, path, 'invalid-number', `must be a number from 0 to 1${suffix === undefined ? '' : ` ${suffix}`}`, value);
}
