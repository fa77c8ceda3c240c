import { describe, expect, it } from 'vitest';
import { referralRate } from '../../src/scores/referral-rate.js';
import { expectClose as close } from '../stats/helpers.js';

// Reference values: Python 3, the Wilson formula with z = statistics.NormalDist().inv_cdf(1 − (1 − c)/2),
//   p = s/n; centre = p + z²/2n; spread = z·sqrt(p(1 − p)/n + z²/4n²); (centre ∓ spread) / (1 + z²/n),
// printed with repr() (the same values as R's prop.test(s, n, correct = FALSE)$conf.int).

// Shared edges, errors and the Wilson property: test/scores/count-share.test.ts.
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
    close(result?.lower as number, 0.01724302096514305, 1e-12);
    close(result?.upper as number, 0.05169853570909566, 1e-12);
    // At 99% confidence the interval widens.
    const ninetyNine = referralRate(12, 400, { confidence: 0.99 });
    expect(ninetyNine?.value).toBe(0.03);
    close(ninetyNine?.lower as number, 0.014568509801209191, 1e-12);
    close(ninetyNine?.upper as number, 0.06076908875979015, 1e-12);
  });
});
