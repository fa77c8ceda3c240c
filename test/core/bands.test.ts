/**
 * The one band-threshold reader (src/core/bands.ts): named thresholds, named ranges, and
 * the banding rule. Every value is hand-worked from the rules in the file's comment.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bandOf, defaultsOf, rangeBandOf, readBandRanges, readBound, readThresholds, thresholdKeys, type BandScale } from '../../src/core/bands.js';
import { errorOf } from '../support/errors.js';

/** Three bands on rates: low below 0.2, mid from 0.2, high above 0.7 (stickiness's shape). */
const SCALE: BandScale<'low' | 'mid' | 'high', 'mid' | 'high'> = {
  lowest: 'low',
  steps: [
    { band: 'mid', threshold: 'mid', edge: 'from', default: 0.2 },
    { band: 'high', threshold: 'high', edge: 'above', default: 0.7 },
  ],
  max: 1,
};

describe('core bands: named thresholds', () => {
  it('fills in defaults and lists keys lowest first', () => {
    expect(thresholdKeys(SCALE)).toEqual(['mid', 'high']);
    expect(readThresholds(SCALE, undefined, 'f', 'options.thresholds')).toEqual({ mid: 0.2, high: 0.7 });
    expect(readThresholds(SCALE, { high: 0.9 }, 'f', 'options.thresholds')).toEqual({ mid: 0.2, high: 0.9 });
    expect(defaultsOf(SCALE)).toEqual({ mid: 0.2, high: 0.7 });
  });

  it("bands with each step's edge: 'from' includes the threshold, 'above' does not", () => {
    const t = { mid: 0.2, high: 0.7 };
    expect([0, 0.19, 0.2, 0.5, 0.7, 0.71, 1].map((v) => bandOf(SCALE, t, v))).toEqual(['low', 'low', 'mid', 'mid', 'mid', 'high', 'high']);
    // Equal thresholds: only the threshold itself is mid ('from' includes it, 'above' does not).
    expect([0.4, 0.5, 0.6].map((v) => bandOf(SCALE, { mid: 0.5, high: 0.5 }, v))).toEqual(['low', 'mid', 'high']);
  });

  it('checks values, order (defaults included), keys and null', () => {
    expect(errorOf(() => readThresholds(SCALE, { high: 1.5 }, 'f', 'options.thresholds')).message).toBe('f: options.thresholds.high must be a number from 0 to 1 (1.5)');
    expect(errorOf(() => readThresholds(SCALE, { mid: 0.8, high: 0.6 }, 'f', 'o')).message).toBe('f: o.mid must not exceed o.high, which is 0.6 (0.8)');
    expect(errorOf(() => readThresholds(SCALE, { mid: 0.8 }, 'f', 'o')).message).toBe('f: o.mid must not exceed o.high, which is 0.7 by default (0.8)');
    expect(errorOf(() => readThresholds(SCALE, { high: 0.1 }, 'f', 'o')).message).toBe('f: o.high must not be below o.mid, which is 0.2 by default (0.1)');
    expect(errorOf(() => readThresholds(SCALE, { hgh: 0.1 }, 'f', 'o'))).toMatchObject({ code: 'unknown-option', path: 'o.hgh' });
    expect(errorOf(() => readThresholds(SCALE, { high: null }, 'f', 'o'))).toMatchObject({ code: 'invalid-option', path: 'o.high' });
    expect(errorOf(() => readThresholds(SCALE, null, 'f', 'o')).message).toBe('f: o must be an object { mid?, high? } (null)');
    expect(errorOf(() => readBound('0.5', 'f', 'x', 0, Number.POSITIVE_INFINITY)).message).toBe('f: x must be a finite number >= 0 ("0.5")');
    expect(errorOf(() => readBound(2.5, 'f', 'x', 0, 10, true)).message).toBe('f: x must be an integer from 0 to 10 (2.5)');
  });

  it('property: the band never falls as the value rises', () => {
    const rank = { low: 0, mid: 1, high: 2 };
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b, x, y) => {
        const t = readThresholds(SCALE, { mid: Math.min(a, b), high: Math.max(a, b) }, 'f', 'o');
        expect(rank[bandOf(SCALE, t, Math.min(x, y))]).toBeLessThanOrEqual(rank[bandOf(SCALE, t, Math.max(x, y))]);
      }),
    );
  });
});

describe('core bands: named ranges', () => {
  const scale = { min: 0, max: 10, defaults: [{ name: 'lo', from: 0, to: 4 }, { name: 'hi', from: 5, to: 10 }] } as const;

  it('reads a tiling of min..max, copies the defaults, and bands integers', () => {
    const defaults = readBandRanges(scale, undefined, 'f', 'options.bands');
    expect(defaults).toEqual(scale.defaults);
    expect(defaults[0]).not.toBe(scale.defaults[0]);
    const bands = readBandRanges(scale, [{ name: 'a', from: 0, to: 2 }, { name: 'b', from: 3, to: 10 }], 'f', 'options.bands');
    expect([0, 2, 3, 10].map((v) => rangeBandOf(v, bands))).toEqual(['a', 'a', 'b', 'b']);
  });

  it('names the gap, the overlap and the ends', () => {
    const read = (value: unknown): string => errorOf(() => readBandRanges(scale, value, 'f', 'b')).message;
    expect(read([{ name: 'a', from: 1, to: 10 }])).toBe('f: b[0].from must be 0: the bands must cover 0 to 10 (1)');
    expect(read([{ name: 'a', from: 0, to: 3 }, { name: 'b', from: 3, to: 10 }])).toBe('f: b[1].from overlaps b[0], which ends at 3; it must be 4 (3)');
    expect(read([{ name: 'a', from: 0, to: 3 }, { name: 'b', from: 5, to: 10 }])).toBe('f: b[1].from leaves a gap after b[0], which ends at 3; it must be 4 (5)');
    expect(read([{ name: 'a', from: 0, to: 9 }])).toBe('f: b[0].to must be 10: the bands must cover 0 to 10 (9)');
    expect(read([{ name: 'a', from: 0, to: 10 }, { name: 'b', from: 11, to: 10 }])).toBe('f: b[0].to must be below 10: only the last band may end at 10 (10)');
    expect(read([{ name: 'a', from: 0, to: 4 }, { name: 'a', from: 5, to: 10 }])).toBe('f: b[1].name names a band already defined ("a")');
    expect(read([])).toBe('f: b must be a non-empty array of { name, from, to } covering 0 to 10 (an array of 0)');
    expect(errorOf(() => readBandRanges(scale, [{ name: 'a', from: 0, to: 10, colour: 'red' }], 'f', 'b'))).toMatchObject({ code: 'unknown-option', path: 'b[0].colour' });
  });
});
