import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adoptionRate } from '../../src/scores/adoption-rate.js';
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

describe('adoptionRate', () => {
  it('runs the doc example', () => {
    const result = adoptionRate(30, 120);
    expect(result?.value).toBe(0.25);
    expect(result?.lower.toFixed(4)).toBe('0.1811');
    expect(result?.upper.toFixed(4)).toBe('0.3344');
    expect(adoptionRate(0, 0)).toBe(null);
  });

  it('is adopters / eligible with its Wilson interval', () => {
    // 30 / 120 = 0.25
    const result = adoptionRate(30, 120);
    expect(result?.value).toBe(0.25);
    expectClose(result?.lower, 0.1810982165680957);
    expectClose(result?.upper, 0.33441136664125615);
    // At 90% confidence the interval narrows.
    const ninety = adoptionRate(30, 120, { confidence: 0.9 });
    expect(ninety?.value).toBe(0.25);
    expectClose(ninety?.lower, 0.1909786626726799);
    expectClose(ninety?.upper, 0.3200458737008849);
  });

  it('is null without eligible, and exactly 0 or 1 at the edges', () => {
    expect(adoptionRate(0, 0)).toBe(null);
    expect(adoptionRate(0, 10)?.lower).toBe(0);
    expect(adoptionRate(0, 10)?.value).toBe(0);
    expectClose(adoptionRate(0, 10)?.upper, 0.27753279986288915);
    expect(adoptionRate(10, 10)).toMatchObject({ value: 1, upper: 1 });
    expectClose(adoptionRate(10, 10)?.lower, 0.7224672001371109);
  });

  it('rejects counts that are not integers, negative, or a adopters count above eligible', () => {
    const above = errorOf(() => adoptionRate(11, 10));
    expect({ code: above.code, path: above.path, value: above.value }).toEqual({ code: 'invalid-number', path: 'adopters', value: 11 });
    expect(above.message).toBe('adoptionRate: adopters must be an integer from 0 to eligible, which is 10 (11)');
    expect(errorOf(() => adoptionRate(1.5, 10)).path).toBe('adopters');
    expect(errorOf(() => adoptionRate(-1, 10)).path).toBe('adopters');
    expect(errorOf(() => adoptionRate('3' as unknown as number, 10)).message).toBe('adoptionRate: adopters must be an integer from 0 to eligible, which is 10 ("3")');
    const den = errorOf(() => adoptionRate(0, -2));
    expect({ code: den.code, path: den.path }).toEqual({ code: 'invalid-number', path: 'eligible' });
    expect(den.message).toBe('adoptionRate: eligible must be an integer >= 0 (-2)');
    expect(errorOf(() => adoptionRate(1, Number.NaN)).path).toBe('eligible');
    const confidence = errorOf(() => adoptionRate(1, 2, { confidence: 1 }));
    expect({ code: confidence.code, path: confidence.path }).toEqual({ code: 'invalid-option', path: 'options.confidence' });
    expect(confidence.message).toBe('adoptionRate: options.confidence must be a number strictly between 0 and 1 (1)');
    expect(errorOf(() => adoptionRate(1, 2, 0.9 as unknown as { confidence: number })).path).toBe('options');
  });

  it('property: the value is adopters / eligible, inside its interval, within [0, 1]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.nat(), fc.double({ min: 0.5, max: 0.999, noNaN: true }), (n, pick, confidence) => {
        const s = n === 0 ? 0 : pick % (n + 1);
        const result = adoptionRate(s, n, { confidence });
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
