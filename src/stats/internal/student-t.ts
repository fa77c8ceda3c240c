/**
 * The Student t distribution's tail and central probabilities and its density, for
 * t >= 0 and any df > 0, from the regularized incomplete beta function.
 * @internal
 */

import { logBeta, regularizedBeta, regularizedBetaLargeA } from './regularized-beta.js';

/** Above this w = t/√df, w² is formed through logarithms (it would overflow). */
const HUGE_W = 1e150;
/** From a = df/2 = 15 on, DiDonato & Morris's large-a expansion serves the tail. */
const LARGE_A = 15;

/** The two halves of P(T > 0) = 1/2 at t >= 0. */
export interface StudentTHalves {
  /** `P(T > t)`, in [0, 0.5]. */
  readonly tail: number;
  /** `P(0 < T <= t)`, in [0, 0.5]. */
  readonly central: number;
}

/**
 * `P(T > t)` and `P(0 < T <= t)` for T ~ t(df), t >= 0, df > 0 (finite; the caller
 * validates), each with its own relative accuracy (about 1e-14; 5e-14 past |t| = 20) when
 * it is the small one.
 *
 * Formula: with `w = t/√df`, `x = df/(df + t²) = 1/(1 + w²)`:
 * `P(T > t) = ½ I_x(df/2, ½)` and `P(0 < T <= t) = ½ I_{1-x}(½, df/2)` (Abramowitz & Stegun
 * 26.7.1 and 26.5.27). `1 - x = w²/(1 + w²)` and `ln x = -ln(1 + w²)` are formed directly, so
 * small t loses nothing. The continued fraction ({@link regularizedBeta}) serves df < 30 and,
 * for df >= 30, the centre (df · (1 - x) < 2) and the far tail (1 - x >= 0.29); in between,
 * where it would lose up to df · 2^-53, the large-a expansion ({@link regularizedBetaLargeA}),
 * the same split as R's `pbeta` (TOMS 708). O(√df) at worst, O(1) in the expansion's range.
 * @internal
 */
export function studentTHalves(t: number, degreesOfFreedom: number): StudentTHalves {
  if (t === 0) return { tail: 0.5, central: 0 };
  const w = t / Math.sqrt(degreesOfFreedom);
  let x: number;
  let y: number;
  let logX: number;
  let logY: number;
  if (w > HUGE_W) {
    // ln w from ln t, since w itself may overflow when df < 1.
    const logW = Math.log(t) - 0.5 * Math.log(degreesOfFreedom);
    logY = -Math.log1p(Math.exp(-2 * logW));
    logX = -2 * logW + logY;
    x = Math.exp(logX);
    y = 1;
  } else {
    const w2 = w * w;
    logX = -Math.log1p(w2);
    logY = Math.log(w2) + logX;
    x = 1 / (1 + w2);
    y = w2 / (1 + w2);
  }
  const a = degreesOfFreedom / 2;
  if (a >= LARGE_A && y < 0.29 && a * y >= 1) {
    // Beyond |t| ≈ √2 with many degrees of freedom: the continued fraction in x would lose
    // up to df · 2^-53 to cancellation here; the asymptotic expansion does not.
    const tail = Math.min(0.5, 0.5 * regularizedBetaLargeA(a, 0.5, logX));
    return { tail, central: 0.5 - tail };
  }
  const beta = regularizedBeta(a, 0.5, x, y, logX, logY);
  return { tail: 0.5 * beta.lower, central: 0.5 * beta.upper };
}

/**
 * The logarithm of the density of t(df) at t >= 0:
 * `ln f(t) = -(df + 1)/2 · ln(1 + t²/df) - ½ ln df - ln B(df/2, ½)`. In logarithms because
 * f underflows long before the tail probability does (f ≈ df · P(T > t) / t far out). O(1).
 * @internal
 */
export function studentTLogDensity(t: number, degreesOfFreedom: number): number {
  const w = t / Math.sqrt(degreesOfFreedom);
  let log1pW2: number;
  if (w > HUGE_W) {
    const logW = Math.log(t) - 0.5 * Math.log(degreesOfFreedom);
    log1pW2 = 2 * logW + Math.log1p(Math.exp(-2 * logW));
  } else {
    log1pW2 = Math.log1p(w * w);
  }
  return -((degreesOfFreedom + 1) / 2) * log1pW2 - 0.5 * Math.log(degreesOfFreedom) - logBeta(degreesOfFreedom / 2, 0.5);
}
