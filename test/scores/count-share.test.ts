/**
 * countShare: the share of a total that a count makes up, with its Wilson interval. One
 * function for what 0.x had three of (adoptionRate, referralRate, advocacyShare): their
 * hand-checked values are kept here, one use each.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Estimate } from '../../src/core/types.js';
import { countShare } from '../../src/scores/count-share.js';
import { wilsonInterval } from '../../src/stats/wilson-interval.js';
import { expectClose as close } from '../stats/helpers.js';
import { errorOf } from '../support/errors.js';

// Reference values: Python 3, the Wilson formula with z = statistics.NormalDist().inv_cdf(1 − (1 − c)/2),
//   p = s/n; centre = p + z²/2n; spread = z·sqrt(p(1 − p)/n + z²/4n²); (centre ∓ spread) / (1 + z²/n),
// printed with repr() (the same values as R's prop.test(s, n, correct = FALSE)$conf.int).

describe('countShare', () => {
  it('runs the doc example', () => {
    const adoption = countShare(30, 120);
    expect(adoption?.value).toBe(0.25);
    expect([adoption?.lower.toFixed(4), adoption?.upper.toFixed(4)]).toEqual(['0.1811', '0.3344']);
    const referral = countShare(12, 400);
    expect(referral?.value).toBe(0.03);
    expect([referral?.lower.toFixed(4), referral?.upper.toFixed(4)]).toEqual(['0.0172', '0.0517']);
    const advocacy = countShare(45, 300);
    expect(advocacy?.value).toBe(0.15);
    expect([advocacy?.lower.toFixed(4), advocacy?.upper.toFixed(4)]).toEqual(['0.1140', '0.1948']);
    expect(countShare(45, 300, { confidence: 0.9 })?.value).toBe(0.15);
    expect(countShare(0, 0)).toBe(null);
  });

  it('adoption: 30 of 120 eligible users adopted, with its Wilson interval', () => {
    // 30 / 120 = 0.25
    const result = countShare(30, 120);
    expect(result?.value).toBe(0.25);
    close(result?.lower as number, 0.1810982165680957, 1e-12);
    close(result?.upper as number, 0.33441136664125615, 1e-12);
    // At 90% confidence the interval narrows.
    const ninety = countShare(30, 120, { confidence: 0.9 });
    expect(ninety?.value).toBe(0.25);
    close(ninety?.lower as number, 0.1909786626726799, 1e-12);
    close(ninety?.upper as number, 0.3200458737008849, 1e-12);
  });

  it('referral: 12 of 400 customers referred someone, with its Wilson interval', () => {
    // 12 / 400 = 0.03
    const result = countShare(12, 400);
    expect(result?.value).toBe(0.03);
    close(result?.lower as number, 0.01724302096514305, 1e-12);
    close(result?.upper as number, 0.05169853570909566, 1e-12);
    // At 99% confidence the interval widens.
    const ninetyNine = countShare(12, 400, { confidence: 0.99 });
    expect(ninetyNine?.value).toBe(0.03);
    close(ninetyNine?.lower as number, 0.014568509801209191, 1e-12);
    close(ninetyNine?.upper as number, 0.06076908875979015, 1e-12);
  });

  it('advocacy: 45 of 300 customers advocated, with its Wilson interval', () => {
    // 45 / 300 = 0.15
    const result = countShare(45, 300);
    expect(result?.value).toBe(0.15);
    close(result?.lower as number, 0.11403246871185317, 1e-12);
    close(result?.upper as number, 0.194817611145329, 1e-12);
    // At 90% confidence the interval narrows.
    const ninety = countShare(45, 300, { confidence: 0.9 });
    expect(ninety?.value).toBe(0.15);
    close(ninety?.lower as number, 0.1192259738733313, 1e-12);
    close(ninety?.upper as number, 0.18703053664925842, 1e-12);
  });

  it('is null for an empty total, and exactly 0 or 1 at the edges', () => {
    expect(countShare(0, 0)).toBe(null);
    expect(countShare(0, 10)?.lower).toBe(0);
    expect(countShare(0, 10)?.value).toBe(0);
    // R: sprintf("%.17g", prop.test(0, 10, correct = FALSE)$conf.int[2]) -> 0.27753279986288915
    close(countShare(0, 10)?.upper as number, 0.27753279986288915, 1e-12);
    expect(countShare(10, 10)).toMatchObject({ value: 1, upper: 1 });
    // R: sprintf("%.17g", prop.test(10, 10, correct = FALSE)$conf.int[1]) -> 0.72246720013711085
    close(countShare(10, 10)?.lower as number, 0.7224672001371109, 1e-12);
  });

  it('names count and total when it rejects bad counts, and options when it rejects those', () => {
    const above = errorOf(() => countShare(11, 10));
    expect({ code: above.code, path: above.path, value: above.value }).toEqual({ code: 'invalid-number', path: 'count', value: 11 });
    expect(above.message).toBe('countShare: count must be an integer from 0 to total, which is 10 (11)');
    expect(errorOf(() => countShare(1.5, 10)).path).toBe('count');
    expect(errorOf(() => countShare(-1, 10)).path).toBe('count');
    expect(errorOf(() => countShare('3' as unknown as number, 10)).message).toBe('countShare: count must be an integer from 0 to total, which is 10 ("3")');
    const den = errorOf(() => countShare(0, -2));
    expect({ code: den.code, path: den.path }).toEqual({ code: 'invalid-number', path: 'total' });
    expect(den.message).toBe('countShare: total must be an integer >= 0 (-2)');
    expect(errorOf(() => countShare(1, Number.NaN)).path).toBe('total');
    const confidence = errorOf(() => countShare(1, 2, { confidence: 1 }));
    expect({ code: confidence.code, path: confidence.path }).toEqual({ code: 'invalid-option', path: 'options.confidence' });
    expect(confidence.message).toBe('countShare: options.confidence must be a number strictly between 0 and 1 (1)');
    // A positional confidence, as 0.x's adoptionRate never took but wilsonInterval did, is not an options object.
    expect(errorOf(() => countShare(1, 2, 0.9 as unknown as { confidence: number })).path).toBe('options');
  });

  it('property: the value is count / total, its Wilson interval, within [0, 1]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.nat(), fc.double({ min: 0.5, max: 0.999, noNaN: true }), (n, pick, confidence) => {
        const s = n === 0 ? 0 : pick % (n + 1);
        const result = countShare(s, n, { confidence });
        if (n === 0) {
          expect(result).toBe(null);
          return;
        }
        expect(result).toEqual(wilsonInterval(s, n, { confidence }));
        const { value, lower, upper } = result as Estimate;
        expect(value).toBe(s / n);
        expect(0 <= lower && lower <= value && value <= upper && upper <= 1).toBe(true);
      }),
    );
  });
});
