// Internal kernel behind chiSquareSurvival (src/stats/internal/log-gamma.ts), pinned directly
// because its errors are too small to show reliably through the public function.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logGamma, logGamma1p, stirlingError } from '../../src/stats/internal/log-gamma.js';
import { expectClose } from './helpers.js';

const RELATIVE = 1e-15;

const lgammaReference: [z: number, expected: number][] = [
  [1e-300, 690.77552789821368], // R: lgamma(1e-300) -> 690.77552789821368
  [1e-10, 23.025850929882736], // R: lgamma(1e-10) -> 23.025850929882736
  [0.1, 2.252712651734206], // R: lgamma(0.1) -> 2.252712651734206
  [0.5, 0.57236494292470008], // R: lgamma(0.5) -> 0.57236494292470008
  [1.5, -0.12078223763524518], // R: lgamma(1.5) -> -0.12078223763524518
  [2.5, 0.28468287047291918], // R: lgamma(2.5) -> 0.28468287047291918
  [3.7, 1.4280723266653881], // R: lgamma(3.7) -> 1.4280723266653881
  [9.99, 12.779315214350193], // R: lgamma(9.99) -> 12.779315214350193
  [10, 12.801827480081469], // R: lgamma(10) -> 12.801827480081469
  [16, 27.899271383840894], // R: lgamma(16) -> 27.899271383840894
  [100.5, 361.43554046777757], // R: lgamma(100.5) -> 361.43554046777757
  [1e10, 220258509288.81058], // R: lgamma(1e10) -> 220258509288.81058
  [1e300, 6.8977552789821374e302], // R: lgamma(1e300) -> 6.8977552789821374e+302
];

// Near a = 0 and a = 1, lnΓ(1 + a) is tiny and must keep its relative accuracy.
const lgamma1pReference: [a: number, expected: number][] = [
  [1e-10, -5.7721566481928616e-11], // mpmath (dps=50): float(loggamma(1 + mpf(1e-10))) -> -5.7721566481928616e-11
  [-1e-10, 5.7721566498377955e-11], // mpmath (dps=50): float(loggamma(1 + mpf(-1e-10))) -> 5.7721566498377955e-11
  [1e-5, -5.772074402712669e-6], // mpmath (dps=50): float(loggamma(1 + mpf(1e-05))) -> -5.772074402712669e-06
  [0.25, -0.09827183642181316], // mpmath (dps=50): float(loggamma(1 + mpf(0.25))) -> -0.09827183642181316
  [-0.4, 0.39823385806923495], // mpmath (dps=50): float(loggamma(1 + mpf(-0.4))) -> 0.39823385806923495
  [-0.5, 0.5723649429247001], // mpmath (dps=50): float(loggamma(1 + mpf(-0.5))) -> 0.5723649429247001
  [0.9999999, -4.227843026292281e-8], // mpmath (dps=50): float(loggamma(1 + mpf(0.9999999))) -> -4.227843026292281e-08
  [1.0000001, 4.227843675920197e-8], // mpmath (dps=50): float(loggamma(1 + mpf(1.0000001))) -> 4.227843675920197e-08
  [1.5, 0.2846828704729192], // mpmath (dps=50): float(loggamma(1 + mpf(1.5))) -> 0.2846828704729192
];

describe('logGamma', () => {
  it.each(lgammaReference)('matches R lgamma(%s)', (z, expected) => {
    expectClose(logGamma(z), expected, RELATIVE);
  });

  it('satisfies lnΓ(z + 1) = lnΓ(z) + ln z', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1e6, noNaN: true }), (z) => {
        const left = logGamma(z + 1);
        const right = logGamma(z) + Math.log(z);
        expect(Math.abs(left - right)).toBeLessThanOrEqual(1e-14 * Math.max(1, Math.abs(left)));
      }),
    );
  });
});

describe('logGamma1p', () => {
  it.each(lgamma1pReference)('matches mpmath loggamma(1 + %s) to full relative accuracy', (a, expected) => {
    expectClose(logGamma1p(a), expected, RELATIVE);
  });
});

describe('stirlingError', () => {
  // It enters exp(-stirlingError(a) - …), so its absolute error is what counts.
  it.each([
    [15, 0.005554733551962801], // mpmath (dps=50): loggamma(a + 1) - ((a + 0.5) * log(a) - a + log(sqrt(2 * pi))) at a = 15 -> 0.005554733551962801
    [20, 0.004166319691996922], // mpmath (same expression) at a = 20 -> 0.004166319691996922
    [50, 0.0016666444469833656], // mpmath (same expression) at a = 50 -> 0.0016666444469833656
    [200, 0.00041666631944692453], // mpmath (same expression) at a = 200 -> 0.00041666631944692453
    [1000, 8.333333055555635e-5], // mpmath (same expression) at a = 1000 -> 8.333333055555635e-05
  ])('matches mpmath at a = %s to 5e-15 absolute', (a, expected) => {
    expectClose(stirlingError(a), expected, 0, 5e-15);
  });
});
