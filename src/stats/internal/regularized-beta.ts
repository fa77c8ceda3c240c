/**
 * The regularized incomplete beta function I_x(a, b) and its complement (each with relative
 * accuracy near 1e-14 when it is the small one, for moderate a and b), DiDonato & Morris's
 * expansion for large a and b <= 1, and ln B(a, b) without cancellation for large arguments.
 * Kernels of the Student t distribution.
 * @internal
 */

import { logGamma, stirlingError } from './log-gamma.js';
import { upperRegularizedGamma } from './regularized-gamma.js';

/** ln √(2π). */
const LN_SQRT_2PI = 0.9189385332046728;
/** Tiny number that stands in for 0 in the modified Lentz algorithm. */
const LENTZ_TINY = 1e-300;
/** Iteration cap; the fraction converges in O(√max(a, b)) steps at worst. */
const MAX_ITERATIONS = 1_000_000;
/** Terms of the large-a expansion; 15 or fewer reach 1e-16 for a >= 15. */
const EXPANSION_TERMS = 30;

/**
 * `ln B(a, b) = lnΓ(a) + lnΓ(b) - lnΓ(a + b)` for a, b > 0.
 *
 * When the larger argument q is >= 10, `lnΓ(q) - lnΓ(p + q)` is taken from Stirling's formula
 * with the Stirling errors ({@link stirlingError}) kept apart, as in R's `lbeta` (after
 * Morris's TOMS 708 `betaln`), so no digits cancel between two huge `lnΓ` values. O(1).
 * @internal
 */
export function logBeta(a: number, b: number): number {
  const p = Math.min(a, b);
  const q = Math.max(a, b);
  if (q < 10) return logGamma(p) + logGamma(q) - logGamma(p + q);
  const share = p / (p + q);
  if (p >= 10) {
    const correction = stirlingError(p) + stirlingError(q) - stirlingError(p + q);
    return -0.5 * Math.log(q) + LN_SQRT_2PI + correction + (p - 0.5) * Math.log(share) + q * Math.log1p(-share);
  }
  const correction = stirlingError(q) - stirlingError(p + q);
  return logGamma(p) + correction + p - p * Math.log(p + q) + (q - 0.5) * Math.log1p(-share);
}

/**
 * The continued fraction of `I_x(a, b) · a B(a, b) / (x^a (1 - x)^b)`:
 * `1 / (1 + d₁ / (1 + d₂ / (1 + …)))` with `d_{2m+1} = -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1))`
 * and `d_{2m} = m (b - m) x / ((a + 2m - 1)(a + 2m))`, by the modified Lentz algorithm
 * (Press et al., Numerical Recipes, 3rd ed., §6.4, `betacf`). Converges fast for
 * `x < (a + 1) / (a + b + 2)`.
 */
function betaContinuedFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < LENTZ_TINY) d = LENTZ_TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_ITERATIONS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < LENTZ_TINY) d = LENTZ_TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < LENTZ_TINY) c = LENTZ_TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < LENTZ_TINY) d = LENTZ_TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < LENTZ_TINY) c = LENTZ_TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < Number.EPSILON) break;
  }
  return h;
}

/** `I_x(a, b)` and `1 - I_x(a, b)`, the smaller one computed directly. */
export interface BetaProbabilities {
  /** `I_x(a, b)`, the lower tail of Beta(a, b) at x. */
  readonly lower: number;
  /** `1 - I_x(a, b) = I_{1-x}(b, a)`, the upper tail. */
  readonly upper: number;
}

/**
 * The regularized incomplete beta function `I_x(a, b) = B(x; a, b) / B(a, b)` and its
 * complement, for a, b > 0 and 0 <= x <= 1.
 *
 * The caller passes x and y = 1 - x separately, and their logarithms, so that a y (or x)
 * close to 0 keeps its digits (for the t distribution, `x = 1/(1 + w²)`, `y = w²/(1 + w²)`).
 * Formula: `I_x(a, b) = x^a y^b / (a B(a, b)) · CF(a, b, x)` when `x < (a + 1)/(a + b + 2)`,
 * else `1 - I_y(b, a)` with the fraction of the swapped arguments (Numerical Recipes §6.4).
 * The prefactor is `exp(a ln x + b ln y - ln B(a, b))` with {@link logBeta}.
 *
 * Accuracy: about 1e-15 relative for a, b below a few dozen. For large a with x near 1
 * (a(1 - x) of order 1 to 100) the fraction's rounding errors grow like a · 2^-53 (4e-12 at
 * a = 5e4); use {@link regularizedBetaLargeA} there.
 *
 * Cost: O(√max(a, b)) iterations at worst, a handful far from the switch point.
 * @internal
 */
export function regularizedBeta(a: number, b: number, x: number, y: number, logX: number, logY: number): BetaProbabilities {
  // x itself may underflow to 0 while its logarithm is finite (t far in the tail): the
  // fraction is then 1 and the prefactor carries the value.
  if (logX === Number.NEGATIVE_INFINITY) return { lower: 0, upper: 1 };
  if (logY === Number.NEGATIVE_INFINITY) return { lower: 1, upper: 0 };
  const front = Math.exp(a * logX + b * logY - logBeta(a, b));
  if (x < (a + 1) / (a + b + 2)) {
    const lower = Math.min(1, Math.max(0, (front * betaContinuedFraction(a, b, x)) / a));
    return { lower, upper: 1 - lower };
  }
  const upper = Math.min(1, Math.max(0, (front * betaContinuedFraction(b, a, y)) / b));
  return { lower: 1 - upper, upper };
}

/**
 * `Γ(b, u) e^u u^-b` for 0 < b <= 1, u > 0: the upper incomplete gamma function scaled so
 * that it neither underflows nor overflows. For u >= 1.5 Legendre's continued fraction
 * `1 / (u + 1 - b - 1(1 - b) / (u + 3 - b - 2(2 - b) / (u + 5 - b - …)))` (modified Lentz,
 * Numerical Recipes §6.2); below, `Γ(b) Q(b, u) e^u u^-b` with {@link upperRegularizedGamma}.
 */
function scaledUpperGamma(b: number, u: number): number {
  if (u < 1.5) return Math.exp(logGamma(b) + u - b * Math.log(u)) * upperRegularizedGamma(b, u);
  let bn = u + 1 - b;
  let c = 1 / LENTZ_TINY;
  let d = 1 / bn;
  let h = d;
  for (let i = 1; i < MAX_ITERATIONS; i++) {
    const an = -i * (i - b);
    bn += 2;
    d = an * d + bn;
    if (Math.abs(d) < LENTZ_TINY) d = LENTZ_TINY;
    c = bn + an / c;
    if (Math.abs(c) < LENTZ_TINY) c = LENTZ_TINY;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < Number.EPSILON) break;
  }
  return h;
}

/**
 * `I_x(a, b)` for large a (>= 15) and b <= 1 by the asymptotic expansion of DiDonato &
 * Morris, "Algorithm 708: Significant digit computation of the incomplete beta function
 * ratios", ACM TOMS 18 (1992) 360–373, §9 (their `bgrat`):
 * with `T = a + (b - 1)/2` and `u = -T ln x`,
 * `I_x(a, b) = exp(b ln(-ln x) - u - ln B(a, b)) · Σ_{n>=0} p_n J_n`, where
 * `J_0 = Γ(b, u) e^u u^-b`,
 * `J_n = ((b + 2n - 2)(b + 2n - 1) J_{n-1} + (u + b + 2n - 1) (ln x / 2)^(2n-2)) / (2T)²`,
 * `p_0 = 1` and `p_n = (b - 1)/(2n + 1)! + (1/n) Σ_{i=1}^{n-1} (ib - n) p_{n-i} / (2i + 1)!`.
 *
 * Unlike the continued fraction, whose rounding errors grow like a · 2^-53 when x is near 1,
 * it needs only ln x (which the caller forms without cancellation) and keeps relative
 * accuracy near 1e-15 for x from 0.7 up to 1. O(1): at most 30 terms.
 * @internal
 */
export function regularizedBetaLargeA(a: number, b: number, logX: number): number {
  const T = a + (b - 1) / 2;
  const u = -T * logX;
  const v = 0.25 / (T * T);
  const t2 = 0.25 * logX * logX;
  const c: number[] = [];
  const p: number[] = [];
  let j = scaledUpperGamma(b, u);
  let sum = j;
  let power = 1; // (ln x / 2)^(2n - 2)
  let factorial = 1; // 1 / (2n + 1)!
  for (let n = 1; n <= EXPANSION_TERMS; n++) {
    const b2n = b + 2 * n - 2;
    j = (b2n * (b2n + 1) * j + (u + b2n + 1) * power) * v;
    power *= t2;
    factorial /= 2 * n * (2 * n + 1);
    c.push(factorial);
    let inner = 0;
    for (let i = 1; i < n; i++) inner += (i * b - n) * (c[i - 1] as number) * (p[n - i - 1] as number);
    const pn = (b - 1) * factorial + inner / n;
    p.push(pn);
    const term = pn * j;
    sum += term;
    if (Math.abs(term) <= 1e-16 * sum) break;
  }
  return Math.exp(b * Math.log(-logX) - u - logBeta(a, b) + Math.log(sum));
}
