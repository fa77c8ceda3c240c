/**
 * The behaviour `adoptionRate`, `referralRate` and `advocacyShare` share through
 * src/scores/internal/count-share.ts, tested once for all three: edges, bad input named
 * with each function's own argument names, and the Wilson property.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Estimate } from '../../src/core/types.js';
import { adoptionRate } from '../../src/scores/adoption-rate.js';
import { advocacyShare } from '../../src/scores/advocacy-share.js';
import { referralRate } from '../../src/scores/referral-rate.js';
import { wilsonInterval } from '../../src/stats/wilson-interval.js';
import { expectClose } from '../stats/helpers.js';
import { errorOf } from '../support/errors.js';

type Share = (part: number, whole: number, options?: { confidence?: number }) => Estimate | null;

const cases: [name: string, share: Share, part: string, whole: string][] = [
  ['adoptionRate', adoptionRate, 'adopters', 'eligible'],
  ['referralRate', referralRate, 'referrers', 'customers'],
  ['advocacyShare', advocacyShare, 'advocates', 'customers'],
];

describe.each(cases)('%s as a count share', (name, share, part, whole) => {
  it('is null for an empty whole, and exactly 0 or 1 at the edges', () => {
    expect(share(0, 0)).toBe(null);
    expect(share(0, 10)?.lower).toBe(0);
    expect(share(0, 10)?.value).toBe(0);
    // R: sprintf("%.17g", prop.test(0, 10, correct = FALSE)$conf.int[2]) -> 0.27753279986288915
    expectClose(share(0, 10)?.upper as number, 0.27753279986288915, 1e-12);
    expect(share(10, 10)).toMatchObject({ value: 1, upper: 1 });
    // R: sprintf("%.17g", prop.test(10, 10, correct = FALSE)$conf.int[1]) -> 0.72246720013711085
    expectClose(share(10, 10)?.lower as number, 0.7224672001371109, 1e-12);
  });

  it('names its own arguments when it rejects bad counts or options', () => {
    const above = errorOf(() => share(11, 10));
    expect({ code: above.code, path: above.path, value: above.value }).toEqual({ code: 'invalid-number', path: part, value: 11 });
    expect(above.message).toBe(`${name}: ${part} must be an integer from 0 to ${whole}, which is 10 (11)`);
    expect(errorOf(() => share(1.5, 10)).path).toBe(part);
    expect(errorOf(() => share(-1, 10)).path).toBe(part);
    expect(errorOf(() => share('3' as unknown as number, 10)).message).toBe(`${name}: ${part} must be an integer from 0 to ${whole}, which is 10 ("3")`);
    const den = errorOf(() => share(0, -2));
    expect({ code: den.code, path: den.path }).toEqual({ code: 'invalid-number', path: whole });
    expect(den.message).toBe(`${name}: ${whole} must be an integer >= 0 (-2)`);
    expect(errorOf(() => share(1, Number.NaN)).path).toBe(whole);
    const confidence = errorOf(() => share(1, 2, { confidence: 1 }));
    expect({ code: confidence.code, path: confidence.path }).toEqual({ code: 'invalid-option', path: 'options.confidence' });
    expect(confidence.message).toBe(`${name}: options.confidence must be a number strictly between 0 and 1 (1)`);
    expect(errorOf(() => share(1, 2, 0.9 as unknown as { confidence: number })).path).toBe('options');
  });

  it('property: the value is part / whole, its Wilson interval, within [0, 1]', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000 }), fc.nat(), fc.double({ min: 0.5, max: 0.999, noNaN: true }), (n, pick, confidence) => {
        const s = n === 0 ? 0 : pick % (n + 1);
        const result = share(s, n, { confidence });
        if (n === 0) {
          expect(result).toBe(null);
          return;
        }
        expect(result).toEqual(wilsonInterval(s, n, confidence));
        const { value, lower, upper } = result as Estimate;
        expect(value).toBe(s / n);
        expect(0 <= lower && lower <= value && value <= upper && upper <= 1).toBe(true);
      }),
    );
  });
});
