import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { licenseUtilization } from '../../src/engagement/license-utilization.js';
import { errorOf } from '../support/errors.js';


describe('licenseUtilization', () => {
  it('runs the doc example', () => {
    expect(licenseUtilization({ activeUsers: 42, licenses: 100 }).band).toBe('adoption-risk');
    expect(licenseUtilization({ activeUsers: 120, licenses: 100 }).ratio).toBe(1.2);
    expect(licenseUtilization({ activeUsers: 120, licenses: 100 }).band).toBe('expand');
    expect(licenseUtilization({ activeUsers: 120, licenses: 100 }, { thresholds: { expandAbove: 1.5 } }).band).toBe('healthy');
    expect(licenseUtilization({ activeUsers: 3, licenses: 0 }).ratio).toBe(null);
  });

  it('divides active users by licenses and bands the ratio with the default thresholds', () => {
    // 42 / 100 = 0.42 < 0.5: adoption risk.
    expect(licenseUtilization({ activeUsers: 42, licenses: 100 })).toEqual({
      activeUsers: 42,
      licenses: 100,
      ratio: 0.42,
      band: 'adoption-risk',
      thresholds: { expandAbove: 1, riskBelow: 0.5 },
    });
    // 6 / 7.5 = 0.8 (fractional seats are allowed): healthy.
    expect(licenseUtilization({ activeUsers: 6, licenses: 7.5 })).toMatchObject({ ratio: 0.8, band: 'healthy' });
    // 0 / 10 = 0: adoption risk.
    expect(licenseUtilization({ activeUsers: 0, licenses: 10 })).toMatchObject({ ratio: 0, band: 'adoption-risk' });
  });

  it('includes both band boundaries in healthy', () => {
    // 50 / 100 = 0.5 is not below 0.5; 100 / 100 = 1 is not above 1; 101 / 100 = 1.01 is.
    expect(licenseUtilization({ activeUsers: 50, licenses: 100 }).band).toBe('healthy');
    expect(licenseUtilization({ activeUsers: 49, licenses: 100 }).band).toBe('adoption-risk');
    expect(licenseUtilization({ activeUsers: 100, licenses: 100 }).band).toBe('healthy');
    expect(licenseUtilization({ activeUsers: 101, licenses: 100 }).band).toBe('expand');
  });

  it('takes custom thresholds and echoes them', () => {
    // 30 / 40 = 0.75 < 0.8: adoption risk with riskBelow 0.8.
    const result = licenseUtilization({ activeUsers: 30, licenses: 40 }, { thresholds: { riskBelow: 0.8 } });
    expect(result).toMatchObject({ ratio: 0.75, band: 'adoption-risk', thresholds: { expandAbove: 1, riskBelow: 0.8 } });
    // Equal thresholds: exactly 1 is healthy, anything else is on one side.
    expect(licenseUtilization({ activeUsers: 5, licenses: 5 }, { thresholds: { riskBelow: 1, expandAbove: 1 } }).band).toBe('healthy');
    expect(licenseUtilization({ activeUsers: 4, licenses: 5 }, { thresholds: { riskBelow: 1, expandAbove: 1 } }).band).toBe('adoption-risk');
    // riskBelow 0 makes adoption risk impossible.
    expect(licenseUtilization({ activeUsers: 0, licenses: 5 }, { thresholds: { riskBelow: 0 } }).band).toBe('healthy');
  });

  it('gives null ratio and band without licenses, never Infinity or NaN', () => {
    expect(licenseUtilization({ activeUsers: 3, licenses: 0 })).toMatchObject({ ratio: null, band: null });
    expect(licenseUtilization({ activeUsers: 0, licenses: 0 })).toMatchObject({ ratio: null, band: null });
    expect(JSON.parse(JSON.stringify(licenseUtilization({ activeUsers: 0, licenses: 0 })))).toEqual(
      licenseUtilization({ activeUsers: 0, licenses: 0 }),
    );
  });

  it('refuses a licenses count so tiny that the ratio overflows', () => {
    const e = errorOf(() => licenseUtilization({ activeUsers: 10, licenses: 5e-324 }));
    expect(e.path).toBe('usage.licenses');
    expect(e.message).toBe('licenseUtilization: usage.licenses is too small: active users / licenses overflows (5e-324)');
  });

  it('does not mutate its inputs', () => {
    const usage = Object.freeze({ activeUsers: 12, licenses: 10 });
    const options = Object.freeze({ thresholds: Object.freeze({ expandAbove: 1.1 }) });
    const first = licenseUtilization(usage, options);
    expect(first).toMatchObject({ ratio: 1.2, band: 'expand' });
    expect(licenseUtilization(usage, options)).toEqual(first);
    expect(options).toEqual({ thresholds: { expandAbove: 1.1 } });
    expect(usage).toEqual({ activeUsers: 12, licenses: 10 });
  });

  it('rejects bad usage, naming the field', () => {
    const negative = errorOf(() => licenseUtilization({ activeUsers: 5, licenses: -1 }));
    expect(negative.code).toBe('invalid-number');
    expect(negative.path).toBe('usage.licenses');
    expect(negative.value).toBe(-1);
    expect(negative.message).toBe('licenseUtilization: usage.licenses must be a finite number >= 0 (-1)');
    expect(errorOf(() => licenseUtilization({ activeUsers: 5, licenses: Number.POSITIVE_INFINITY })).path).toBe('usage.licenses');
    expect(errorOf(() => licenseUtilization({ activeUsers: 5, licenses: '10' as unknown as number })).message).toBe(
      'licenseUtilization: usage.licenses must be a finite number >= 0 ("10")',
    );
    const fractional = errorOf(() => licenseUtilization({ activeUsers: 1.5, licenses: 10 }));
    expect(fractional.path).toBe('usage.activeUsers');
    expect(fractional.message).toBe('licenseUtilization: usage.activeUsers must be an integer >= 0 (1.5)');
    expect(errorOf(() => licenseUtilization({ activeUsers: -2, licenses: 10 })).path).toBe('usage.activeUsers');
    expect(errorOf(() => licenseUtilization({ licenses: 10 } as unknown as { activeUsers: number; licenses: number })).message).toBe(
      'licenseUtilization: usage.activeUsers must be an integer >= 0 (undefined)',
    );
    const missing = errorOf(() => licenseUtilization(null as unknown as { activeUsers: number; licenses: number }));
    expect(missing.code).toBe('invalid-input');
    expect(missing.message).toBe('licenseUtilization: usage must be an object { activeUsers, licenses } (null)');
  });

  it('rejects bad thresholds', () => {
    const crossed = errorOf(() => licenseUtilization({ activeUsers: 1, licenses: 1 }, { thresholds: { riskBelow: 1.2 } }));
    expect(crossed.code).toBe('invalid-option');
    expect(crossed.path).toBe('options.thresholds.riskBelow');
    expect(crossed.message).toBe('licenseUtilization: options.thresholds.riskBelow must not exceed options.thresholds.expandAbove, which is 1 by default (1.2)');
    const both = errorOf(() => licenseUtilization({ activeUsers: 1, licenses: 1 }, { thresholds: { riskBelow: 1.2, expandAbove: 1.1 } }));
    expect(both.message).toBe('licenseUtilization: options.thresholds.riskBelow must not exceed options.thresholds.expandAbove, which is 1.1 (1.2)');
    const lowered = errorOf(() => licenseUtilization({ activeUsers: 1, licenses: 1 }, { thresholds: { expandAbove: 0.4 } }));
    expect([lowered.path, lowered.message]).toEqual([
      'options.thresholds.expandAbove',
      'licenseUtilization: options.thresholds.expandAbove must not be below options.thresholds.riskBelow, which is 0.5 by default (0.4)',
    ]);
    const negative = errorOf(() => licenseUtilization({ activeUsers: 1, licenses: 1 }, { thresholds: { expandAbove: -1 } }));
    expect(negative.path).toBe('options.thresholds.expandAbove');
    expect(negative.message).toBe('licenseUtilization: options.thresholds.expandAbove must be a finite number >= 0 (-1)');
    expect(errorOf(() => licenseUtilization({ activeUsers: 1, licenses: 1 }, { thresholds: { riskBelow: Number.NaN } })).path).toBe('options.thresholds.riskBelow');
    expect(errorOf(() => licenseUtilization({ activeUsers: 1, licenses: 1 }, { thresholds: 0.5 as unknown as object })).message).toBe(
      'licenseUtilization: options.thresholds must be an object { riskBelow?, expandAbove? } (0.5)',
    );
  });

  it('takes the thresholds as an option: the 0.x positional thresholds are an unknown option, not the default bands', () => {
    // 0.x took the thresholds themselves as the second argument; passed that way now, they
    // are unknown options, so they can never be silently ignored.
    const positional = errorOf(() => licenseUtilization({ activeUsers: 30, licenses: 40 }, { riskBelow: 0.8 } as object));
    expect([positional.code, positional.path, positional.message]).toEqual([
      'unknown-option',
      'options.riskBelow',
      'licenseUtilization: options.riskBelow is not an option; the options are thresholds (0.8)',
    ]);
    expect(errorOf(() => licenseUtilization({ activeUsers: 1, licenses: 1 }, { thresholds: { riskbelow: 0.4 } } as object)).message).toBe(
      'licenseUtilization: options.thresholds.riskbelow is not an option; did you mean riskBelow? (0.4)',
    );
    expect(errorOf(() => licenseUtilization({ activeUsers: 1, licenses: 1 }, { thresholds: { expandAbove: null } } as object))).toMatchObject({
      code: 'invalid-option',
      path: 'options.thresholds.expandAbove',
    });
    // null in place of an object is an error too (leave it out for the defaults).
    expect(errorOf(() => licenseUtilization({ activeUsers: 1, licenses: 1 }, { thresholds: null } as unknown as object))).toMatchObject({
      code: 'invalid-option',
      path: 'options.thresholds',
    });
    expect(errorOf(() => licenseUtilization({ activeUsers: 1, licenses: 1 }, null as unknown as object))).toMatchObject({ code: 'invalid-option', path: 'options' });
  });

  it('property: the ratio is in [0, ∞) and the band agrees with the thresholds', () => {
    fc.assert(
      fc.property(
        fc.nat({ max: 1_000_000 }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.double({ min: 0, max: 5, noNaN: true }),
        (activeUsers, licenses, a, b) => {
          const thresholds = { riskBelow: Math.min(a, b), expandAbove: Math.max(a, b) };
          if (licenses !== 0 && activeUsers / licenses === Number.POSITIVE_INFINITY) {
            // Subnormal licenses: the quotient overflows, which is refused rather than returned.
            expect(errorOf(() => licenseUtilization({ activeUsers, licenses }, { thresholds })).path).toBe('usage.licenses');
            return;
          }
          const result = licenseUtilization({ activeUsers, licenses }, { thresholds });
          if (licenses === 0) {
            expect(result.ratio).toBe(null);
            expect(result.band).toBe(null);
            return;
          }
          const ratio = result.ratio as number;
          expect(Number.isFinite(ratio)).toBe(true);
          expect(ratio).toBeGreaterThanOrEqual(0);
          expect(ratio).toBe(activeUsers / licenses);
          const expected = ratio > thresholds.expandAbove ? 'expand' : ratio < thresholds.riskBelow ? 'adoption-risk' : 'healthy';
          expect(result.band).toBe(expected);
        },
      ),
    );
  });

  it('property: more active users never move the band down', () => {
    const rank = { 'adoption-risk': 0, healthy: 1, expand: 2 } as const;
    fc.assert(
      fc.property(fc.nat({ max: 1000 }), fc.nat({ max: 1000 }), fc.integer({ min: 1, max: 1000 }), (a, b, licenses) => {
        const low = licenseUtilization({ activeUsers: Math.min(a, b), licenses }).band as keyof typeof rank;
        const high = licenseUtilization({ activeUsers: Math.max(a, b), licenses }).band as keyof typeof rank;
        expect(rank[low]).toBeLessThanOrEqual(rank[high]);
      }),
    );
  });
});
