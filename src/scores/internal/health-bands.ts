/**
 * Health-score bands: ordered, inclusive integer ranges `{ name, from, to }` that tile
 * 0..100 exactly, read by the one band reader of core (`core/bands.ts`); a score is banded
 * after rounding it to the nearest integer (halves up).
 * @internal
 */

import { rangeBandOf, readBandRanges, type BandRangeScale } from '../../core/bands.js';
import type { HealthBand, HealthBandRange } from '../types.js';

/** The health scale: 0..100, default bands red 0–50, yellow 51–75, green 76–100. */
const HEALTH_SCALE: BandRangeScale<HealthBand> = {
  min: 0,
  max: 100,
  defaults: [
    { name: 'red', from: 0, to: 50 },
    { name: 'yellow', from: 51, to: 75 },
    { name: 'green', from: 76, to: 100 },
  ],
};

/**
 * Reads bands with the core range reader: `undefined` gives (a copy of) the defaults;
 * otherwise a non-empty array of `{ name, from, to }` in ascending order, integers with
 * `from <= to`, the first starting at 0, each next one starting one after the previous one
 * ends, the last ending at 100, names unique non-empty strings, no other key in a band
 * (`unknown-option`). Returns a copy.
 */
export function readHealthBands<B extends string>(value: unknown, fn: string, path: string): HealthBandRange<B>[] {
  // Custom band names are the caller's: the scale's defaults are only used when `value` is undefined.
  return readBandRanges(HEALTH_SCALE as unknown as BandRangeScale<B>, value, fn, path);
}

/**
 * The integer a score is banded by: the score rounded to the nearest integer, halves up.
 * Scores within 1e-9 below a half count as the half, so floating-point noise in a weighted
 * mean (50.49999999999999 for an exact 50.5) does not move a score to the band below.
 */
export function bandingScore(score: number): number {
  return Math.floor(score + 0.5 + 1e-9);
}

/** The band of a score in [0, 100]: the band of its {@link bandingScore}. O(bands). */
export function healthBandOf<B extends string>(score: number, bands: readonly HealthBandRange<B>[]): B {
  return rangeBandOf(bandingScore(score), bands);
}
