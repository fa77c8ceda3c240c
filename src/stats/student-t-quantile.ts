import { fail } from '../core/errors.js';
import { logBeta } from './internal/regularized-beta.js';
import { studentTHalves, studentTLogDensity } from './internal/student-t.js';
import { normalQuantile } from './normal-quantile.js';

/**
 * Above this many degrees of freedom the Cornish–Fisher expansion replaces the root search:
 * its first omitted term, about 27 z¹¹/(368640 df⁵), is below 1e-20 relative there even at
 * |z| = 38.5 (p = 5e-324).
 */
const EXPANSION_DF = 1e7;
/** The search stops once a Newton step moves ln t by less than this (the next would be ~1e-20). */
const STEP_TOLERANCE = 1e-10;
/** Newton steps plus safeguarding bisections; 1 to 5 are used in practice. */
const MAX_STEPS = 400;

/**
 * The Student t quantile function: the t with P(T <= t) = p for T ~ t(df).
 *
 * Formula: `P(T > t) = ½ I_{df/(df + t²)}(df/2, ½)` for t >= 0 and `F(-t) = 1 - F(t)`, with I
 * the regularized incomplete beta function; the quantile solves `F(t) = p`. By symmetry only
 * the upper half is solved, for q = min(p, 1 - p) (exact). Away from the centre (q < 0.25)
 * Newton's method runs on `ln P(T > t)` against `ln t`, where power-law tails are nearly
 * straight lines; near it, on `ln P(0 < T <= t)` against `ln(½ - q)`, so quantiles close to
 * 0 keep their relative accuracy. Both are concave in `ln t`, and every step is kept inside a
 * bracket of the root (bisection otherwise). For df > 1e7 the Cornish–Fisher expansion
 * `t = z + g₁(z)/df + g₂(z)/df² + g₃(z)/df³ + g₄(z)/df⁴`, z = Φ⁻¹(p), is used instead.
 *
 * Source: the starting value is G. W. Hill, "Algorithm 396: Student's t-quantiles", Comm. ACM
 * 13 (1970) 619–620 (as in R's `qt`); the incomplete beta is its continued fraction (Press et
 * al., Numerical Recipes, 3rd ed., §6.4) and, for df >= 30 beyond |t| ≈ √2, DiDonato &
 * Morris's large-a expansion (ACM TOMS 708, 1992, §9), the split R's `pbeta` makes; the
 * expansion for large df is Abramowitz & Stegun 26.7.5 (Fisher & Cornish 1960). Relative
 * accuracy about 1e-14 (checked against mpmath; R's `qt` is itself off by up to 1e-5 in
 * places, such as `qt(1e-300, 2.5)`).
 *
 * Cost: O(1) for df > 1e7 and, in practice, everywhere: 1 to 5 Newton steps, each an
 * evaluation of the t distribution by a continued fraction (O(√df) iterations at worst, a
 * few dozen typically) or a 30-term expansion.
 *
 * Edge cases: p = 0.5 gives 0; `studentTQuantile(1 - p, df) = -studentTQuantile(p, df)`
 * exactly; df = 1 is the Cauchy distribution (`tan(π(p - ½))`); df may be fractional, also
 * below 1. When the quantile lies beyond the largest double (tiny df with p near 0 or 1, such
 * as df = 1 with p < 1.8e-309, or df = 0.01 with p = 0.9999) it throws rather than returning
 * `Infinity`.
 *
 * @param p - A probability strictly between 0 and 1.
 * @param degreesOfFreedom - df, a finite number > 0 (need not be an integer).
 * @returns t, a finite number.
 * @throws {MetricsInputError} code `'invalid-number'`, path `'p'`, when p is not a number
 * strictly between 0 and 1; path `'degreesOfFreedom'` when df is not a finite number > 0;
 * code `'overflow'`, path `'p'`, when the quantile exceeds the largest finite number.
 *
 * @example
 * ```ts
 * import { studentTQuantile } from 'customer-success-metrics';
 * // Exact quantiles (mpmath, 40 digits): 2.2281388519862747…, -2.0452296421327043…,
 * // 63.656741162871581… (R's qt gives 63.656741162871526) and 1.9599663568141070…;
 * // the results agree to the relative accuracy stated above (about 1e-14).
 * studentTQuantile(0.975, 10); // ~> 2.22813885198627
 * studentTQuantile(0.025, 29); // ~> -2.04522964213270
 * studentTQuantile(0.5, 3); // => 0
 * studentTQuantile(0.995, 1); // ~> 63.6567411628716
 * studentTQuantile(0.975, 1e6); // ~> 1.95996635681411
 * ```
 */
export function studentTQuantile(p: number, degreesOfFreedom: number): number {
  const fn = 'studentTQuantile';
  if (typeof p !== 'number' || !(p > 0 && p < 1)) {
    return fail(fn, 'p', 'invalid-number', 'must be a number strictly between 0 and 1', p);
  }
  const df = degreesOfFreedom;
  if (typeof df !== 'number' || !Number.isFinite(df) || df <= 0) {
    return fail(fn, 'degreesOfFreedom', 'invalid-number', 'must be a finite number > 0', df);
  }
  if (p === 0.5) return 0;
  // q = P(T > t) for the upper quantile t = |quantile|; 1 - p is exact for p >= 0.5.
  const q = p < 0.5 ? p : 1 - p;
  const upper = df > EXPANSION_DF ? cornishFisher(-normalQuantile(q), df) : solveUpper(q, df, p);
  return p < 0.5 ? -upper : upper;
}

/**
 * Abramowitz & Stegun 26.7.5 (for ν > 1e7): `t ≈ z + g₁/ν + g₂/ν² + g₃/ν³ + g₄/ν⁴` with
 * `g₁ = (z³ + z)/4`, `g₂ = (5z⁵ + 16z³ + 3z)/96`, `g₃ = (3z⁷ + 19z⁵ + 17z³ - 15z)/384`,
 * `g₄ = (79z⁹ + 776z⁷ + 1482z⁵ - 1920z³ - 945z)/92160`.
 */
function cornishFisher(z: number, df: number): number {
  const z2 = z * z;
  const g1 = (z * (z2 + 1)) / 4;
  const g2 = (z * ((5 * z2 + 16) * z2 + 3)) / 96;
  const g3 = (z * (((3 * z2 + 19) * z2 + 17) * z2 - 15)) / 384;
  const g4 = (z * ((((79 * z2 + 776) * z2 + 1482) * z2 - 1920) * z2 - 945)) / 92160;
  return z + (g1 + (g2 + (g3 + g4 / df) / df) / df) / df;
}

/**
 * Hill's (1970) approximation to the t > 0 with P(|T| > t) = P, for df >= 1 (a poorer but
 * still bracketed start below). Returns a positive number or `Infinity`.
 */
function hillStart(P: number, df: number): number {
  if (df < 1) {
    // The power-law tail P(|T| > t) ≈ 2 df^(df/2 - 1) t^-df / B(df/2, ½).
    return Math.exp(((df / 2 - 1) * Math.log(df) + Math.LN2 - logBeta(df / 2, 0.5) - Math.log(P)) / df);
  }
  if (df === 1) {
    const angle = (P * Math.PI) / 2;
    return Math.cos(angle) / Math.sin(angle);
  }
  if (df === 2) return Math.sqrt(2 / (P * (2 - P)) - 2);
  const a = 1 / (df - 0.5);
  const b = 48 / (a * a);
  let c = ((((20700 * a) / b - 98) * a - 16) * a) + 96.36;
  const d = ((94.5 / (b + c) - 3) / b + 1) * Math.sqrt((a * Math.PI) / 2) * df;
  const logY = (2 / df) * Math.log(d * P);
  if (logY < Math.log(Number.EPSILON)) return Math.sqrt(df) * Math.exp(-logY / 2);
  let y = Math.exp(logY);
  if (y > 0.05 + a) {
    // Asymptotic inverse expansion about the normal.
    const x = normalQuantile(0.5 * P);
    y = x * x;
    if (df < 5) c += 0.3 * (df - 4.5) * (x + 0.6);
    c = (((0.05 * d * x - 5) * x - 7) * x - 2) * x + b + c;
    y = (((((0.4 * y + 6.3) * y + 36) * y + 94.5) / c - y - 3) / b + 1) * x;
    return Math.sqrt(df * Math.expm1(a * y * y));
  }
  y = ((1 / (((df + 6) / (df * y) - 0.089 * d - 0.822) * (df + 2) * 3) + 0.5 / (df + 4)) * y - 1) * ((df + 1) / (df + 2)) + 1 / y;
  return Math.sqrt(df * y);
}

/**
 * The t > 0 with P(T > t) = q, 0 < q < 0.5, by safeguarded Newton steps on u = ln t:
 * `ln P(T > t)` for q < 0.25, else `ln P(0 < T <= t)` against `ln(0.5 - q)` (exact there).
 * Both are concave in u, so Newton's method converges from either side, and a bracket
 * [lo, hi] of the root catches any step that leaves it.
 */
function solveUpper(q: number, df: number, p: number): number {
  const inTail = q < 0.25;
  const target = inTail ? q : 0.5 - q;
  const logTarget = Math.log(target);
  let lo = 0;
  let hi = Number.POSITIVE_INFINITY;
  let t = hillStart(2 * q, df);
  if (!(t > 0)) t = 1;
  if (t > Number.MAX_VALUE) t = Number.MAX_VALUE;
  for (let step = 0; step < MAX_STEPS; step++) {
    const halves = studentTHalves(t, df);
    const value = inTail ? halves.tail : halves.central;
    if (value === target) return t;
    // Below the root the tail is too big and the central part too small.
    const below = inTail ? value > target : value < target;
    if (below) lo = t;
    else hi = t;
    if (below && t === Number.MAX_VALUE) {
      return fail('studentTQuantile', 'p', 'overflow', `gives a quantile beyond the largest finite number for ${df} degrees of freedom`, p);
    }
    // d ln(value) / d ln t = ∓ t f(t) / value, formed in logarithms (f may underflow).
    const logValue = Math.log(value);
    const slope = Math.exp(Math.log(t) + studentTLogDensity(t, df) - logValue);
    const du = ((inTail ? 1 : -1) * (logValue - logTarget)) / slope;
    let next = t * Math.exp(du);
    const inside = next > lo && next < hi;
    if (Math.abs(du) < STEP_TOLERANCE) return inside ? next : t;
    if (!inside) {
      if (hi === Number.POSITIVE_INFINITY) next = Math.min(Number.MAX_VALUE, 16 * t);
      else if (lo === 0) next = hi / 16;
      else next = Math.sqrt(lo) * Math.sqrt(hi);
    }
    if (lo > 0 && hi < Number.POSITIVE_INFINITY && hi - lo <= 2 * Number.EPSILON * hi) return next;
    t = next;
  }
  return t;
}
