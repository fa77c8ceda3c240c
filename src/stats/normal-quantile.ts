import { fail } from '../core/errors.js';

// AS 241 (PPND16) coefficients, lowest degree first. Hash sums of the mantissas, as printed
// in the paper: AB 55.8831928806149014439, CD 49.33206503301610289036, EF 47.52583317549289671629.
const CENTRAL_NUMERATOR = [
  3.387132872796366608, 133.14166789178437745, 1971.5909503065514427, 13731.693765509461125,
  45921.953931549871457, 67265.770927008700853, 33430.575583588128105, 2509.0809287301226727,
] as const;
const CENTRAL_DENOMINATOR = [
  1, 42.313330701600911252, 687.1870074920579083, 5394.1960214247511077, 21213.794301586595867,
  39307.89580009271061, 28729.085735721942674, 5226.495278852854561,
] as const;
const INTERMEDIATE_NUMERATOR = [
  1.42343711074968357734, 4.6303378461565452959, 5.7694972214606914055, 3.64784832476320460504,
  1.27045825245236838258, 0.24178072517745061177, 0.0227238449892691845833, 7.7454501427834140764e-4,
] as const;
const INTERMEDIATE_DENOMINATOR = [
  1, 2.05319162663775882187, 1.6763848301838038494, 0.68976733498510000455, 0.14810397642748007459,
  0.0151986665636164571966, 5.475938084995344946e-4, 1.05075007164441684324e-9,
] as const;
const TAIL_NUMERATOR = [
  6.6579046435011037772, 5.4637849111641143699, 1.7848265399172913358, 0.29656057182850489123,
  0.026532189526576123093, 0.0012426609473880784386, 2.71155556874348757815e-5, 2.01033439929228813265e-7,
] as const;
const TAIL_DENOMINATOR = [
  1, 0.59983220655588793769, 0.13692988092273580531, 0.0148753612908506148525, 7.868691311456132591e-4,
  1.8463183175100546818e-5, 1.4215117583164458887e-7, 2.04426310338993978564e-15,
] as const;

/** `c[0] + c[1] r + … + c[n] r^n` by Horner's rule. */
function polynomial(coefficients: readonly number[], r: number): number {
  let sum = 0;
  for (let i = coefficients.length - 1; i >= 0; i--) sum = sum * r + (coefficients[i] as number);
  return sum;
}

/**
 * The standard normal quantile function Φ⁻¹(p): the z with P(Z <= z) = p.
 *
 * Formula: `Φ(z) = p`. For |p - 0.5| <= 0.425 a rational function of `(p - 0.5)²`; otherwise
 * `r = √(-ln min(p, 1 - p))` and a rational function of `r - 1.6` (r <= 5) or `r - 5`.
 *
 * Source: M. J. Wichura, "Algorithm AS 241: The Percentage Points of the Normal
 * Distribution", Applied Statistics 37 (1988) 477–484, routine PPND16 (the one R's `qnorm`
 * uses), relative accuracy about 1e-16. Coefficients checked against the published hash
 * sums.
 *
 * Cost: O(1).
 *
 * Edge cases: Φ⁻¹(0.5) = 0; the result is always finite (|z| < 38.5 for every double in
 * (0, 1)); p = 0 and p = 1, whose quantiles are infinite, are rejected.
 *
 * @param p - A probability strictly between 0 and 1.
 * @returns z, a finite number.
 * @throws {MetricsInputError} code `'invalid-number'`, path `'p'`, when p is not a number
 * strictly between 0 and 1.
 *
 * @example
 * ```ts
 * import { normalQuantile } from 'customer-success-metrics';
 * normalQuantile(0.5); // => 0
 * normalQuantile(0.975); // => 1.9599639845400536
 * normalQuantile(1e-10); // => -6.361340902404056
 * ```
 */
export function normalQuantile(p: number): number {
  if (typeof p !== 'number' || !(p > 0 && p < 1)) {
    return fail('normalQuantile', 'p', 'invalid-number', 'must be a number strictly between 0 and 1', p);
  }
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * polynomial(CENTRAL_NUMERATOR, r)) / polynomial(CENTRAL_DENOMINATOR, r);
  }
  // r = √(-ln min(p, 1 - p)); 1 - p is exact for p > 0.5.
  const r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  const value =
    r <= 5
      ? polynomial(INTERMEDIATE_NUMERATOR, r - 1.6) / polynomial(INTERMEDIATE_DENOMINATOR, r - 1.6)
      : polynomial(TAIL_NUMERATOR, r - 5) / polynomial(TAIL_DENOMINATOR, r - 5);
  return q < 0 ? -value : value;
}
