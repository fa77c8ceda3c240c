import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advocacyShare } from '../../src/scores/advocacy-share.js';
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

describe('advocacyShare', () => {
  it('runs the doc example', () => {
    const result = advocacyShare(45, 300);
    expect(result?.value).toBe(0.15);
    expect(result?.lower.toFixed(4)).toBe('0.1140');
    expect(result?.upper.toFixed(4)).toBe('0.1948');
    expect(advocacyShare(45, 300, { confidence: 0.9 })?.value).toBe(0.15);
    expect(advocacyShare(0, 0)).toBe(null);
  });

  it('is advocates / customers with its Wilson interval', () => {
    // 45 / 300 = 0.15
    const result = advocacyShare(45, 300);
    expect(result?.value).toBe(0.15);
    expectClose(result?.lower, 0.11403246871185317);
    expectClose(result?.upper, 0.194817611145329);
    // At 90% confidence the interval narrows.
    const ninety = advocacyShare(45, 300, { confidence: 0.9 });
    expect(ninety?.value).toBe(0.15);
    expectClose(ninety?.lower, 0.1192259738733313);
    expectClose(ninety?.upper, 0.18703053664925842);
  });

  it('is null without customers, and exactly 0 or 1 at the edges', () => {
    expect(advocacyShare(0, 0)).toBe(null);
    expect(advocacyShare(0, 10)?.lower).toBe(0);
    expect(advocacyShare(0, 10)?.value).toBe(0);
    expectClose(advocacyShare(0, 10)?.upper, 0.27753279986288915);
    expect(advocacyShare(10, 10)).toMatchObject({ value: 1, upper: 1 });
    expectClose(advocacyShare(10, 10)?.lower, 0.7224672001371109);
  });

  it('rejects counts that are not integers, negative, or a advocates count above customers', () => {
    const above = errorOf(() => advocacyShare(11, 10));
    expect({ code: above.code, path: above.path, value: above.value }).toEqual({ code: 'invalid-number', path: 'advocates', value: 11 });
    expect(above.message).toBe('advocacyShare: advocates must be an integer from 0 to customers, which is 10 (11)');
    expect(errorOf(() => advocacyShare(1.5, 10)).path).toBe('advocates');
    expect(errorOf(() => advocacyShare(-1, 10)).path).toBe('advocates');
    expect(errorOf(() => advocacyShare('3' as unknown as number, 10)).message).toBe('advocacyShare: advocates must be an integer from 0 to customers, which is 10 ("3")');
    const den = errorOf(() => advocacyShare(0, -2));
    expect({ code: den.code, path: den.path }).toEqual({ code: 'invalid-number', path: 'customers' });
    expect(den.message).toBe('advocacyShare: customers must be an integer >= 0 (-2)');
    expect(errorOf(() => advocacyShare(1, Number.NaN)).path).toBe('customers');
    const confidence = errorOf(() => advocacyShare(1, 2, { confidence: 1 }));
    expect({ code: confidence.code, path: confidence.path }).toEqual({ code: 'invalid-option', path: 'options.confidence' });
    expect(confidence.message).toBe('advocacyShare: options.confidence must be a number strictly between 0 and 1 (1)');
    expect(errorOf(() => advocacyShare(1, 2, 0.9 as unknown as { confidence: number })).path).toBe('options');
  });

  it('property: the value is advocates / customers, inside its interval, within [0, 1]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.nat(), fc.double({ min: 0.5, max: 0.999, noNaN: true }), (n, pick, confidence) => {
        const s = n === 0 ? 0 : pick % (n + 1);
        const result = advocacyShare(s, n, { confidence });
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
