import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalCdf } from '../../src/stats/normal-cdf.js';
import { expectClose, expectInputError } from './helpers.js';

/** Cody's approximation is good to about 1e-15 relative; allow a few ulps more. */
const RELATIVE = 1e-14;

// R 4.2.2, sprintf('%.17g', ...).
const rReference: [x: number, expected: number][] = [
  [0, 0.5], // R: pnorm(0) -> 0.5
  [1.96, 0.97500210485177963], // R: pnorm(1.96) -> 0.97500210485177963
  [-1.96, 0.024997895148220428], // R: pnorm(-1.96) -> 0.024997895148220428
  [0.5, 0.69146246127401301], // R: pnorm(0.5) -> 0.69146246127401301
  [-0.5, 0.30853753872598694], // R: pnorm(-0.5) -> 0.30853753872598694
  [3, 0.9986501019683699], // R: pnorm(3) -> 0.9986501019683699
  [5, 0.99999971334842808], // R: pnorm(5) -> 0.99999971334842808
  [-5, 2.8665157187919391e-7], // R: pnorm(-5) -> 2.8665157187919391e-07
  [-10, 7.6198530241605269e-24], // R: pnorm(-10) -> 7.6198530241605269e-24
  [-37.5, 4.6053530095819552e-308], // R: pnorm(-37.5) -> 4.6053530095819552e-308
  [8.29, 0.99999999999999989], // R: pnorm(8.29) -> 0.99999999999999989
  [8.3, 1], // R: pnorm(8.3) -> 1
  [40, 1], // R: pnorm(40) -> 1
  [1e-20, 0.5], // R: pnorm(1e-20) -> 0.5
];

describe('normalCdf', () => {
  it.each(rReference)('matches R pnorm at %s', (x, expected) => {
    expectClose(normalCdf(x), expected, RELATIVE);
  });

  it('is exactly 0.5 at 0 and exactly 1 beyond 8.2924', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(-0)).toBe(0.5);
    expect(normalCdf(8.3)).toBe(1);
    expect(normalCdf(40)).toBe(1);
    expect(normalCdf(1e300)).toBe(1);
  });

  it('keeps the far lower tail positive while it is representable (R cuts off at -37.5193)', () => {
    // mpmath (dps=50): float(mpmath.ncdf(-38)) -> 2.88542835e-316   (2.8854283600687843084e-316); R: pnorm(-38) -> 0
    expectClose(normalCdf(-38), 2.88542835e-316, 0, 2 * Number.MIN_VALUE);
    expect(normalCdf(-38)).toBeGreaterThan(0);
    // mpmath (dps=50): float(mpmath.ncdf(-38.4)) -> 6.4e-323   (6.601599854326407533e-323)
    expectClose(normalCdf(-38.4), 6.4e-323, 0, 2 * Number.MIN_VALUE);
    // mpmath (dps=50): float(mpmath.ncdf(-38.5)) -> 0.0   (1.4081824631705174618e-324, below half the smallest double)
    expect(normalCdf(-38.5)).toBe(0);
  });

  it('is 0, not NaN, where Φ(x) is below the smallest double', () => {
    // mpmath (dps=50): float(mpmath.ncdf(-40)) -> 0.0   (3.6558935409150297037e-350); R: pnorm(-40) -> 0
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(-1e300)).toBe(0);
    expect(normalCdf(-Number.MAX_VALUE)).toBe(0);
  });

  it('runs the documented examples', () => {
    expect(normalCdf(0)).toBe(0.5);
    // R: pnorm(-1.96) -> 0.024997895148220428
    expectClose(normalCdf(-1.96), 0.024997895148220428, RELATIVE);
    // R: pnorm(-10) -> 7.6198530241605269e-24
    expectClose(normalCdf(-10), 7.619853024160527e-24, RELATIVE);
  });

  it('stays in [0, 1]', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true }), (x) => {
        const p = normalCdf(x);
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('is monotone (up to one rounding: adjacent doubles at the branch points may step back one ulp, as in R)', () => {
    fc.assert(
      fc.property(fc.double({ min: -45, max: 45, noNaN: true }), fc.double({ min: -45, max: 45, noNaN: true }), (u, v) => {
        const [a, b] = u <= v ? [u, v] : [v, u];
        expect(normalCdf(b)).toBeGreaterThanOrEqual(normalCdf(a) * (1 - 2 ** -52));
      }),
    );
  });

  it('is strictly increasing between points 1e-3 apart in the body', () => {
    fc.assert(
      fc.property(fc.double({ min: -37, max: 7, noNaN: true }), (x) => {
        expect(normalCdf(x + 1e-3)).toBeGreaterThan(normalCdf(x));
      }),
    );
  });

  it('is symmetric: Φ(x) + Φ(-x) = 1', () => {
    fc.assert(
      fc.property(fc.double({ min: -9, max: 9, noNaN: true }), (x) => {
        expect(Math.abs(normalCdf(x) + normalCdf(-x) - 1)).toBeLessThanOrEqual(2 ** -52);
      }),
    );
  });

  it('rejects anything but a finite number', () => {
    expectInputError(() => normalCdf(Number.NaN), {
      code: 'invalid-number',
      path: 'x',
      message: 'normalCdf: x must be a finite number (NaN)',
    });
    expectInputError(() => normalCdf(Number.NEGATIVE_INFINITY), {
      code: 'invalid-number',
      path: 'x',
      message: 'normalCdf: x must be a finite number (-Infinity)',
    });
    expectInputError(() => normalCdf('1.96' as unknown as number), {
      code: 'invalid-number',
      path: 'x',
      message: 'normalCdf: x must be a finite number ("1.96")',
    });
  });
});
