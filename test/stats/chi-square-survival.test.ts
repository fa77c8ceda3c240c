import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chiSquareSurvival } from '../../src/stats/chi-square-survival.js';
import { normalCdf } from '../../src/stats/normal-cdf.js';
import { expectClose, expectInputError } from './helpers.js';

/** Relative tolerance against R: R's own pgamma is off by up to ~3e-13 in the far tails. */
const RELATIVE = 1e-12;

// R 4.2.2, sprintf('%.17g', ...).
const rReference: [x: number, df: number, expected: number][] = [
  // df = 1
  [3.84, 1, 0.050043521248705224], // R: pchisq(3.84, 1, lower.tail = FALSE) -> 0.050043521248705224
  [3.841458820694124, 1, 0.049999999999999975], // R: pchisq(3.841458820694124, 1, lower.tail = FALSE) -> 0.049999999999999975
  [1e-10, 1, 0.99999202115439212], // R: pchisq(1e-10, 1, lower.tail = FALSE) -> 0.99999202115439212
  [200, 1, 2.0884875837625449e-45], // R: pchisq(200, 1, lower.tail = FALSE) -> 2.0884875837625449e-45
  [1400, 1, 2.1010145162641344e-306], // R: pchisq(1400, 1, lower.tail = FALSE) -> 2.1010145162641344e-306
  // df = 2
  [2, 2, 0.36787944117144233], // R: pchisq(2, 2, lower.tail = FALSE) -> 0.36787944117144233
  [4, 2, 0.1353352832366127], // R: pchisq(4, 2, lower.tail = FALSE) -> 0.1353352832366127
  [1e-300, 2, 1], // R: pchisq(1e-300, 2, lower.tail = FALSE) -> 1
  // df = 3
  [0.3, 3, 0.96002848030687771], // R: pchisq(0.3, 3, lower.tail = FALSE) -> 0.96002848030687771
  [6, 3, 0.11161022509471258], // R: pchisq(6, 3, lower.tail = FALSE) -> 0.11161022509471258
  [100, 3, 1.5541594313896051e-21], // R: pchisq(100, 3, lower.tail = FALSE) -> 1.5541594313896051e-21
  // df = 10
  [0.001, 10, 1], // R: pchisq(0.001, 10, lower.tail = FALSE) -> 1
  [10, 10, 0.44049328506521246], // R: pchisq(10, 10, lower.tail = FALSE) -> 0.44049328506521246
  [40, 10, 1.6944743930067385e-5], // R: pchisq(40, 10, lower.tail = FALSE) -> 1.6944743930067385e-05
  // df = 50
  [40, 50, 0.84322737817376237], // R: pchisq(40, 50, lower.tail = FALSE) -> 0.84322737817376237
  [50, 50, 0.47339846855634937], // R: pchisq(50, 50, lower.tail = FALSE) -> 0.47339846855634937
  [500, 50, 1.6899100006961179e-75], // R: pchisq(500, 50, lower.tail = FALSE) -> 1.6899100006961179e-75
  // df = 0.5 and smaller
  [1e-8, 0.5, 0.99072270392348727], // R: pchisq(1e-08, 0.5, lower.tail = FALSE) -> 0.99072270392348727
  [0.5, 0.5, 0.25632205526853896], // R: pchisq(0.5, 0.5, lower.tail = FALSE) -> 0.25632205526853896
  [30, 0.5, 1.0571160092570999e-8], // R: pchisq(30, 0.5, lower.tail = FALSE) -> 1.0571160092570999e-08
  [1.5, 0.01, 0.0017085908951903997], // R: pchisq(1.5, 0.01, lower.tail = FALSE) -> 0.0017085908951903997
  [5, 0.01, 0.00012566335559623611], // R: pchisq(5, 0.01, lower.tail = FALSE) -> 0.00012566335559623611
  [1, 0.001, 0.00027996010257139397], // R: pchisq(1, 0.001, lower.tail = FALSE) -> 0.00027996010257139397
  [0.01, 1e-6, 2.3630451416672585e-6], // R: pchisq(0.01, 1e-06, lower.tail = FALSE) -> 2.3630451416672585e-06
  // df = 100
  [120, 100, 0.084406681093691843], // R: pchisq(120, 100, lower.tail = FALSE) -> 0.084406681093691843
  [300, 100, 7.4121008573228746e-22], // R: pchisq(300, 100, lower.tail = FALSE) -> 7.4121008573228746e-22
  // large df (the uniform asymptotic expansion takes over above df = 2e5)
  [700, 1000, 0.99999999999997113], // R: pchisq(700, 1000, lower.tail = FALSE) -> 0.99999999999997113
  [1000, 1000, 0.49405285382923969], // R: pchisq(1000, 1000, lower.tail = FALSE) -> 0.49405285382923969
  [2e6, 2e6, 0.49986701923912741], // R: pchisq(2e6, 2e6, lower.tail = FALSE) -> 0.49986701923912741
  [2010000, 2e6, 2.9874901401146387e-7], // R: pchisq(2010000, 2e6, lower.tail = FALSE) -> 2.9874901401146387e-07
  [1990000, 2e6, 0.99999972504196399], // R: pchisq(1990000, 2e6, lower.tail = FALSE) -> 0.99999972504196399
];

// mpmath 1.3, 50 digits: the far tails, where R's pchisq is itself off in the 13th digit.
const mpmathReference: [x: number, df: number, expected: number][] = [
  // mpmath (dps=50): float(gammainc(mpf(1)/2, mpf(1400)/2, inf, regularized=True)) -> 2.1010145162642176e-306
  [1400, 1, 2.1010145162642176e-306],
  // mpmath (dps=50): float(gammainc(mpf(50)/2, mpf(500)/2, inf, regularized=True)) -> 1.689910000696118e-75
  [500, 50, 1.689910000696118e-75],
  // mpmath (dps=50): float(gammainc(mpf(3)/2, mpf(100)/2, inf, regularized=True)) -> 1.554159431389605e-21
  [100, 3, 1.554159431389605e-21],
  // mpmath (dps=50): float(gammainc(mpf(2000000.0)/2, mpf(2010000)/2, inf, regularized=True)) -> 2.987490140114635e-07
  [2010000, 2e6, 2.987490140114635e-7],
  // mpmath (dps=50): float(gammainc(mpf(10000.0)/2, mpf(12828.427124746191)/2, inf, regularized=True)) -> 9.558741374921085e-76
  // (R: pchisq(12828.427124746191, 1e4, lower.tail = FALSE) -> 9.5587413749185849e-76, off by 2.6e-13)
  [12828.427124746191, 1e4, 9.558741374921085e-76],
];

describe('chiSquareSurvival', () => {
  it.each(rReference)('matches R pchisq(%s, %s, lower.tail = FALSE)', (x, df, expected) => {
    expectClose(chiSquareSurvival(x, df), expected, RELATIVE);
  });

  it.each(mpmathReference)('matches mpmath in the far tail at x = %s, df = %s to 1e-13', (x, df, expected) => {
    expectClose(chiSquareSurvival(x, df), expected, 1e-13);
  });

  it('is exactly 1 at x = 0 for any df', () => {
    for (const df of [1e-9, 0.5, 1, 3, 1e6, 1e300]) expect(chiSquareSurvival(0, df)).toBe(1);
  });

  it('underflows to 0 (not NaN) far beyond the smallest double', () => {
    expect(chiSquareSurvival(1e6, 1)).toBe(0);
    expect(chiSquareSurvival(Number.MAX_VALUE, 3)).toBe(0);
    expect(chiSquareSurvival(Number.MAX_VALUE, 1e300)).toBe(0);
    expect(chiSquareSurvival(1, 1e300)).toBe(1);
  });

  it('runs the documented examples', () => {
    // R: pchisq(3.84, 1, lower.tail = FALSE) -> 0.050043521248705224
    expectClose(chiSquareSurvival(3.84, 1), 0.05004352124870511, RELATIVE);
    // R: pchisq(500, 50, lower.tail = FALSE) -> 1.6899100006961179e-75
    expectClose(chiSquareSurvival(500, 50), 1.689910000696118e-75, RELATIVE);
    expect(chiSquareSurvival(0, 3)).toBe(1);
  });

  it('stays in [0, 1]', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 1e-6, max: 1e7, noNaN: true }),
        (x, df) => {
          const q = chiSquareSurvival(x, df);
          expect(q).toBeGreaterThanOrEqual(0);
          expect(q).toBeLessThanOrEqual(1);
        },
      ),
    );
  });

  it('is non-increasing in x (up to rounding noise of 1e-13 relative between adjacent inputs)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 2000, noNaN: true }),
        fc.double({ min: 0, max: 2000, noNaN: true }),
        fc.double({ min: 1e-3, max: 1000, noNaN: true }),
        (u, v, df) => {
          const [a, b] = u <= v ? [u, v] : [v, u];
          const qa = chiSquareSurvival(a, df);
          expect(chiSquareSurvival(b, df)).toBeLessThanOrEqual(qa * (1 + 1e-13));
        },
      ),
    );
  });

  it('is non-decreasing in the degrees of freedom (up to the same noise)', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 2000, noNaN: true }),
        fc.double({ min: 1e-3, max: 1000, noNaN: true }),
        fc.double({ min: 1e-3, max: 1000, noNaN: true }),
        (x, u, v) => {
          const [small, large] = u <= v ? [u, v] : [v, u];
          expect(chiSquareSurvival(x, large)).toBeGreaterThanOrEqual(chiSquareSurvival(x, small) * (1 - 1e-13));
        },
      ),
    );
  });

  // Both sides of the identities below are as sensitive to the last bit of x as the exact
  // function is: a relative change of 2^-53 in x moves e^(-x/2) by about x · 2^-54. Hence
  // the tolerance 1e-14 + x · 2^-52.
  it('equals 2Φ(-√x) for one degree of freedom (an independent algorithm)', () => {
    fc.assert(
      fc.property(fc.double({ min: 1e-12, max: 1400, noNaN: true }), (x) => {
        expectClose(chiSquareSurvival(x, 1), 2 * normalCdf(-Math.sqrt(x)), 1e-14 + x * Number.EPSILON);
      }),
    );
  });

  it('equals e^(-x/2) for two degrees of freedom', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1400, noNaN: true }), (x) => {
        expectClose(chiSquareSurvival(x, 2), Math.exp(-x / 2), 1e-14 + x * Number.EPSILON);
      }),
    );
  });

  it('rejects a statistic that is negative or not a finite number', () => {
    for (const [x, shown] of [
      [-1, '-1'],
      [-1e-300, '-1e-300'],
      [Number.NaN, 'NaN'],
      [Number.POSITIVE_INFINITY, 'Infinity'],
      ['3.84', '"3.84"'],
    ] as const) {
      expectInputError(() => chiSquareSurvival(x as number, 1), {
        code: 'invalid-number',
        path: 'x',
        message: `chiSquareSurvival: x must be a finite number >= 0 (${shown})`,
      });
    }
  });

  it('rejects degrees of freedom that are not a finite number > 0', () => {
    for (const [df, shown] of [
      [0, '0'],
      [-2, '-2'],
      [Number.NaN, 'NaN'],
      [Number.POSITIVE_INFINITY, 'Infinity'],
      [undefined, 'undefined'],
    ] as const) {
      expectInputError(() => chiSquareSurvival(3.84, df as unknown as number), {
        code: 'invalid-number',
        path: 'degreesOfFreedom',
        message: `chiSquareSurvival: degreesOfFreedom must be a finite number > 0 (${shown})`,
      });
    }
  });
});
