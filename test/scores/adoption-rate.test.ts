import { describe, expect, it } from 'vitest';
import { adoptionRate } from '../../src/scores/adoption-rate.js';
import { expectClose as close } from '../stats/helpers.js';

// Reference values: Python 3, the Wilson formula with z = statistics.NormalDist().inv_cdf(1 − (1 − c)/2),
//   p = s/n; centre = p + z²/2n; spread = z·sqrt(p(1 − p)/n + z²/4n²); (centre ∓ spread) / (1 + z²/n),
// printed with repr() (the same values as R's prop.test(s, n, correct = FALSE)$conf.int).

// Shared edges, errors and the Wilson property: test/scores/count-share.test.ts.
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
    close(result?.lower as number, 0.1810982165680957, 1e-12);
    close(result?.upper as number, 0.33441136664125615, 1e-12);
    // At 90% confidence the interval narrows.
    const ninety = adoptionRate(30, 120, { confidence: 0.9 });
    expect(ninety?.value).toBe(0.25);
    close(ninety?.lower as number, 0.1909786626726799, 1e-12);
    close(ninety?.upper as number, 0.3200458737008849, 1e-12);
  });
});
