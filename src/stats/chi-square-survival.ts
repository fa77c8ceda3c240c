import { fail } from '../core/errors.js';
import { upperRegularizedGamma } from './internal/regularized-gamma.js';

/**
 * The survival function of the chi-square distribution, P(X > x) for X ~ χ²(k): the
 * p-value of a chi-square statistic x with k degrees of freedom.
 *
 * Formula: `P(X > x) = Q(k/2, x/2) = Γ(k/2, x/2) / Γ(k/2)`, the regularized upper incomplete
 * gamma function.
 *
 * Source: the power series of P(a, x) for x < a + 1 and Legendre's continued fraction for
 * Q(a, x) otherwise, evaluated by the modified Lentz algorithm (Press et al., Numerical
 * Recipes, 3rd ed., §6.2); the prefactor `x^a e^{-x} / Γ(a + 1)` through Loader's (2000)
 * `bd0` and Stirling error as in R's `dpois_raw`; DiDonato & Morris's (1986) direct formula
 * for a < 1, x < 1.1 (no `1 - P` cancellation when k is tiny); Temme's (1979) uniform
 * asymptotic expansion for k > 2e5. Q is computed directly in the upper tail, so far-tail
 * p-values keep their relative accuracy (about 1e-14; the exact function's own sensitivity
 * to the last bit of x is about x/2 · 1.1e-16).
 *
 * Cost: O(√k) iterations at worst (x near k), O(1) in the tails and for k > 2e5.
 *
 * Edge cases: x = 0 gives 1; a p-value below the smallest double gives 0. Never NaN.
 *
 * @param x - The statistic, a finite number >= 0.
 * @param degreesOfFreedom - k, a finite number > 0 (need not be an integer).
 * @returns P(X > x), in [0, 1].
 * @throws {MetricsInputError} code `'invalid-number'`, path `'x'`, when x is not a finite
 * number >= 0; path `'degreesOfFreedom'` when k is not a finite number > 0.
 *
 * @example
 * ```ts
 * import { chiSquareSurvival } from 'customer-success-metrics';
 * chiSquareSurvival(3.84, 1); // => 0.05004352124870511
 * chiSquareSurvival(500, 50); // => 1.6899100006960805e-75
 * chiSquareSurvival(0, 3); // => 1
 * ```
 */
export function chiSquareSurvival(x: number, degreesOfFreedom: number): number {
  if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) {
    return fail('chiSquareSurvival', 'x', 'invalid-number', 'must be a finite number >= 0', x);
  }
  if (typeof degreesOfFreedom !== 'number' || !Number.isFinite(degreesOfFreedom) || degreesOfFreedom <= 0) {
    return fail('chiSquareSurvival', 'degreesOfFreedom', 'invalid-number', 'must be a finite number > 0', degreesOfFreedom);
  }
  return upperRegularizedGamma(degreesOfFreedom / 2, x / 2);
}
