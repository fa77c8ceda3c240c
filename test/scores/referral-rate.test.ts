import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referralRate } from '../../src/scores/referral-rate.js';
import { wilsonInterval } from '../../src/stats/wilson-interval.js';
import { errorOf } from '../support/errors.js';

/** Asserts |actual − expected| <= 1e-12 · |expected| (an expected 0 demands exactly 0). */
function expectClose(actual: number | undefined, expected: number): void {
  expect(actual).not.toBe(undefined);
  expect(Math.abs((actual as number) - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(1e-12 * Math.abs(expected));
}

// Reference values: Python 3, the Wilson formula with z = statistics.NormalDist().inv_cdf(1 − (1 − c)/2),
//   p = s/n; centre = p + z²/2n; spread = z·sqrt(p(1 − p)/n + z²/4n²); (centre ∓ spread) / (1 + z²/n),
// printed with repr() (the same values as R's prop.test(s, n, correct = FALSE)$conf.int).

describe('referralRate', () => {
  it('runs the doc example', () => {
    const result = referralRate(12, 400);
    expect(result?.value).toBe(0.03);
    expect(result?.lower.toFixed(4)).toBe('0.0172');
    expect(result?.upper.toFixed(4)).toBe('0.0517');
    expect(referralRate(0, 0)).toBe(null);
  });

  it('is referrers / customers with its Wilson interval', () => {
    // 12 / 400 = 0.03
    const result = referralRate(12, 400);
    expect(result?.value).toBe(0.03);
    expectClose(result?.lower, 0.01724302096514305);
    expectClose(result?.upper, 0.05169853570909566);
    // At 99% confidence the interval widens.
    const ninetyNine = referralRate(12, 400, { confidence: 0.99 });
    expect(ninetyNine?.value).toBe(0.03);
    expectClose(ninetyNine?.lower, 0.014568509801209191);
    expectClose(ninetyNine?.upper, 0.06076908875979015);
  });

  it('is null without customers, and exactly 0 or 1 at the edges', () => {
    expect(referralRate(0, 0)).toBe(null);
    expect(referralRate(0, 10)?.lower).toBe(0);
    expect(referralRate(0, 10)?.value).toBe(0);
    expectClose(referralRate(0, 10)?.upper, 0.27753279986288915);
    expect(referralRate(10, 10)).toMatchObject({ value: 1, upper: 1 });
    expectClose(referralRate(10, 10)?.lower, 0.7224672001371109);
  });

  it('rejects counts that are not integers, negative, or a referrers count above customers', () => {
    const above = errorOf(() => referralRate(11, 10));
    expect({ code: above.code, path: above.path, value: above.value }).toEqual({ code: 'invalid-number', path: 'referrers', value: 11 });
    expect(above.message).toBe('referralRate: referrers must be an integer from 0 to customers, which is 10 (11)');
    expect(errorOf(() => referralRate(1.5, 10)).path).toBe('referrers');
    expect(errorOf(() => referralRate(-1, 10)).path).toBe('referrers');
    expect(errorOf(() => referralRate('3' as unknown as number, 10)).message).toBe('referralRate: referrers must be an integer from 0 to customers, which is 10 ("3")');
    const den = errorOf(() => referralRate(0, -2));
    expect({ code: den.code, path: den.path }).toEqual({ code: 'invalid-number', path: 'customers' });
    expect(den.message).toBe('referralRate: customers must be an integer >= 0 (-2)');
    expect(errorOf(() => referralRate(1, Number.NaN)).path).toBe('customers');
    const confidence = errorOf(() => referralRate(1, 2, { confidence: 1 }));
    expect({ code: confidence.code, path: confidence.path }).toEqual({ code: 'invalid-option', path: 'options.confidence' });
    expect(confidence.message).toBe('referralRate: options.confidence must be a number strictly between 0 and 1 (1)');
    expect(errorOf(() => referralRate(1, 2, 0.9 as unknown as { confidence: number })).path).toBe('options');
  });

  it('property: the value is referrers / customers, inside its interval, within [0, 1]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.nat(), fc.double({ min: 0.5, max: 0.999, noNaN: true }), (n, pick, confidence) => {
        const s = n === 0 ? 0 : pick % (n + 1);
        const result = referralRate(s, n, { confidence });
        if (n === 0) {
          expect(result).toBe(null);
          return;
        }
        expect(result).toEqual(wilsonInterval(s, n, confidence));
        const { value, lower, upper } = result as { value: number; lower: number; upper: number };
        expect(value).toBe(s / n);
        expect(0 <= lower && lower <= value && value <= upper && upper <= 1).toBe(true);
      }),
    );
  });
});
