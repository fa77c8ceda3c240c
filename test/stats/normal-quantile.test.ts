import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalCdf } from '../../src/stats/normal-cdf.js';
import { normalQuantile } from '../../src/stats/normal-quantile.js';
import { expectClose, expectInputError } from './helpers.js';

/** AS 241 is good to about 1e-16 relative; allow a few ulps more. */
const RELATIVE = 1e-14;

// R 4.2.2 (qnorm is AS 241 there too), sprintf('%.17g', ...).
const rReference: [p: number, expected: number][] = [
  [0.5, 0], // R: qnorm(0.5) -> 0
  [0.975, 1.9599639845400536], // R: qnorm(0.975) -> 1.9599639845400536
  [0.025, -1.9599639845400538], // R: qnorm(0.025) -> -1.9599639845400538
  [0.3, -0.52440051270804067], // R: qnorm(0.3) -> -0.52440051270804067
  [0.9, 1.2815515655446008], // R: qnorm(0.9) -> 1.2815515655446008
  [1e-5, -4.2648907939228256], // R: qnorm(1e-05) -> -4.2648907939228256
  [1e-10, -6.3613409024040557], // R: qnorm(1e-10) -> -6.3613409024040557
  [1 - 1e-10, 6.3613408896974208], // R: qnorm(1 - 1e-10) -> 6.3613408896974208
  [1e-300, -37.047096299361201], // R: qnorm(1e-300) -> -37.047096299361201
  [2.2250738585072014e-308, -37.519379347144501], // R: qnorm(2.2250738585072014e-308) -> -37.519379347144501
  [5e-324, -38.467405617144337], // R: qnorm(5e-324) -> -38.467405617144337
];

describe('normalQuantile', () => {
  it.each(rReference)('matches R qnorm at %s', (p, expected) => {
    expectClose(normalQuantile(p), expected, RELATIVE);
  });

  it('agrees with an independent root-finder at the smallest double', () => {
    // mpmath (dps=50): findroot(lambda z: log(ncdf(z)) - log(mpf(5e-324)), -38.4) -> -38.467405617144344
    expectClose(normalQuantile(Number.MIN_VALUE), -38.467405617144344, RELATIVE);
  });

  it('runs the documented examples', () => {
    expect(normalQuantile(0.5)).toBe(0);
    // R: qnorm(0.975) -> 1.9599639845400536
    expectClose(normalQuantile(0.975), 1.9599639845400536, RELATIVE);
    // R: qnorm(1e-10) -> -6.3613409024040557
    expectClose(normalQuantile(1e-10), -6.361340902404056, RELATIVE);
  });

  it('is finite for every probability strictly between 0 and 1', () => {
    fc.assert(
      fc.property(fc.double({ min: Number.MIN_VALUE, max: 1 - 2 ** -53, noNaN: true }), (p) => {
        const z = normalQuantile(p);
        expect(Number.isFinite(z)).toBe(true);
        expect(Math.abs(z)).toBeLessThan(38.5);
      }),
    );
  });

  it('inverts normalCdf on [-8, 8] up to the conditioning of Φ at x', () => {
    // p = Φ(x) is itself rounded, by up to 2^-53 · p, which moves the quantile by up to
    // 2^-53 · p / φ(x); that term dominates in the upper tail, where p is close to 1.
    fc.assert(
      fc.property(fc.double({ min: -8, max: 8, noNaN: true }), (x) => {
        const p = normalCdf(x);
        const density = Math.exp(-0.5 * x * x) / Math.sqrt(2 * Math.PI);
        const tolerance = 1e-13 * Math.max(1, Math.abs(x)) + (2 * Number.EPSILON * p) / density;
        expect(Math.abs(normalQuantile(p) - x)).toBeLessThanOrEqual(tolerance);
      }),
    );
  });

  it('is non-decreasing in p (up to one rounding at the branch points 0.075, 0.925 and e^-25)', () => {
    fc.assert(
      fc.property(fc.double({ min: Number.MIN_VALUE, max: 1 - 2 ** -53, noNaN: true }), fc.double({ min: Number.MIN_VALUE, max: 1 - 2 ** -53, noNaN: true }), (u, v) => {
        const [a, b] = u <= v ? [u, v] : [v, u];
        const za = normalQuantile(a);
        expect(normalQuantile(b)).toBeGreaterThanOrEqual(za - 2 * Number.EPSILON * Math.abs(za));
      }),
    );
  });

  it('is odd around 0.5: Φ⁻¹(p) = -Φ⁻¹(1 - p) (for p >= 0.5, 1 - p is exact)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 1 - 2 ** -53, noNaN: true }), (p) => {
        expectClose(normalQuantile(p), -normalQuantile(1 - p), 1e-15);
      }),
    );
  });

  it('rejects p outside (0, 1) and anything that is not a number', () => {
    for (const [p, shown] of [
      [0, '0'],
      [1, '1'],
      [-0.1, '-0.1'],
      [1.5, '1.5'],
      [Number.NaN, 'NaN'],
      [Number.POSITIVE_INFINITY, 'Infinity'],
      ['0.5', '"0.5"'],
      [null, 'null'],
    ] as const) {
      expectInputError(() => normalQuantile(p as number), {
        code: 'invalid-number',
        path: 'p',
        message: `normalQuantile: p must be a number strictly between 0 and 1 (${shown})`,
      });
    }
  });
});
