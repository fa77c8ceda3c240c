/**
 * The logarithm of the gamma function for positive arguments, accurate to a few units
 * in the last place, including near its zeros at 1 and 2 (where `lnΓ` is small and a
 * naive formula loses every digit).
 * @internal
 */

/** ln √(2π). */
const LN_SQRT_2PI = 0.9189385332046728;
/** Euler–Mascheroni constant γ. */
const EULER_GAMMA = 0.5772156649015329;

/**
 * `(-1)^k (ζ(k) - 1) / k` for k = 2..30 (mpmath, 50 digits, rounded to double):
 * the coefficients of the Taylor series of `lnΓ(2 + b) - (1 - γ) b` around b = 0.
 * With |b| <= 0.5 the last term is below 3e-20.
 */
const ZETA_MINUS_ONE_OVER_K = [
  0.3224670334241132, -0.0673523010531981, 0.020580808427784546, -0.007385551028673986,
  0.0028905103307415234, -0.001192753911703261, 0.0005096695247430425, -0.00022315475845357939,
  9.945751278180853e-5, -4.492623673813314e-5, 2.050721277567069e-5, -9.439488275268397e-6,
  4.374866789907488e-6, -2.039215753801366e-6, 9.55141213040742e-7, -4.492469198764566e-7,
  2.1207184805554665e-7, -1.0043224823968099e-7, 4.7698101693639804e-8, -2.2711094608943164e-8,
  1.0838659214896955e-8, -5.183475041970047e-9, 2.4836745438024785e-9, -1.1921401405860912e-9,
  5.731367241678862e-10, -2.7595228851242334e-10, 1.330476437424449e-10, -6.4229645638381e-11,
  3.1044247747322276e-11,
] as const;

/** `Σ_{k>=2} (-1)^k (ζ(k) - 1) / k · b^k` for |b| <= 0.5, by Horner's rule. */
function zetaSeries(b: number): number {
  let sum = 0;
  for (let k = ZETA_MINUS_ONE_OVER_K.length - 1; k >= 0; k--) {
    sum = sum * b + (ZETA_MINUS_ONE_OVER_K[k] as number);
  }
  return sum * b * b;
}

/**
 * `lnΓ(1 + a)` for -0.5 <= a <= 1.5, with full relative accuracy near a = 0 and a = 1.
 *
 * For |a| <= 0.5: `lnΓ(1 + a) = -γa + (a - ln(1 + a)) + Σ_{k>=2} (-1)^k (ζ(k) - 1)/k a^k`;
 * otherwise, with b = a - 1: `lnΓ(2 + b) = (1 - γ) b + Σ_{k>=2} (-1)^k (ζ(k) - 1)/k b^k`
 * (Abramowitz & Stegun 6.1.33). O(1).
 * @internal
 */
export function logGamma1p(a: number): number {
  if (a <= 0.5) return -EULER_GAMMA * a + (a - Math.log1p(a)) + zetaSeries(a);
  const b = a - 1;
  return (1 - EULER_GAMMA) * b + zetaSeries(b);
}

/**
 * `lnΓ(z)` for z > 0.
 *
 * Below 0.5: `lnΓ(z) = lnΓ(1 + z) - ln z`; from 0.5 to 2.5: {@link logGamma1p}; up to 10:
 * the recurrence `Γ(z + 1) = z Γ(z)` down into [1.5, 2.5]; from 10 on: Stirling's series
 * to the z^-11 term (truncation below 7e-16 absolute). O(1).
 * @internal
 */
export function logGamma(z: number): number {
  if (z < 0.5) return logGamma1p(z) - Math.log(z);
  if (z <= 2.5) return logGamma1p(z - 1);
  if (z < 10) {
    let product = 1;
    let w = z;
    while (w > 2.5) {
      w -= 1;
      product *= w;
    }
    return Math.log(product) + logGamma1p(w - 1);
  }
  return (z - 0.5) * Math.log(z) - z + LN_SQRT_2PI + stirlingSeries(z);
}

/**
 * Stirling's series `lnΓ(z) - ((z - 0.5) ln z - z + ln √(2π))` for z >= 10:
 * `1/(12z) - 1/(360z³) + 1/(1260z⁵) - 1/(1680z⁷) + 1/(1188z⁹) - 691/(360360z¹¹)`.
 */
function stirlingSeries(z: number): number {
  const w = 1 / (z * z);
  return (
    (1 / 12 - w * (1 / 360 - w * (1 / 1260 - w * (1 / 1680 - w * (1 / 1188 - (w * 691) / 360360))))) / z
  );
}

/**
 * The error of Stirling's formula for `ln Γ(a + 1)`:
 * `stirlingError(a) = lnΓ(a + 1) - ((a + 0.5) ln a - a + ln √(2π))`, for a > 0.
 *
 * Above 15 the asymptotic series is used as in R's `stirlerr` (Loader 2000), so no digits
 * cancel; below, the defining difference. O(1).
 * @internal
 */
export function stirlingError(a: number): number {
  if (a <= 15) return logGamma(a + 1) - (a + 0.5) * Math.log(a) + a - LN_SQRT_2PI;
  const w = 1 / (a * a);
  if (a > 500) return (1 / 12 - w / 360) / a;
  if (a > 80) return (1 / 12 - w * (1 / 360 - w / 1260)) / a;
  if (a > 35) return (1 / 12 - w * (1 / 360 - w * (1 / 1260 - w / 1680))) / a;
  return (1 / 12 - w * (1 / 360 - w * (1 / 1260 - w * (1 / 1680 - w / 1188)))) / a;
}
