import { describe, expect, it } from 'vitest';
import { advocacyShare } from '../../src/scores/advocacy-share.js';
import { expectClose as close } from '../stats/helpers.js';

// Reference values: Python 3, the Wilson formula with z = statistics.NormalDist().inv_cdf(1 − (1 − c)/2),
//   p = s/n; centre = p + z²/2n; spread = z·sqrt(p(1 − p)/n + z²/4n²); (centre ∓ spread) / (1 + z²/n),
// printed with repr() (the same values as R's prop.test(s, n, correct = FALSE)$conf.int).

// Shared edges, errors and the Wilson property: test/scores/count-share.test.ts.
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
    close(result?.lower as number, 0.11403246871185317, 1e-12);
    close(result?.upper as number, 0.194817611145329, 1e-12);
    // At 90% confidence the interval narrows.
    const ninety = advocacyShare(45, 300, { confidence: 0.9 });
    expect(ninety?.value).toBe(0.15);
    close(ninety?.lower as number, 0.1192259738733313, 1e-12);
    close(ninety?.upper as number, 0.18703053664925842, 1e-12);
  });
});
