/**
 * Health-score bands: reading and checking them, and banding a score. Bands are ordered,
 * inclusive integer ranges `{ name, from, to }` that tile 0..100 exactly; a score is banded
 * after rounding it to the nearest integer (halves up).
 * @internal
 */

import { fail } from '../../core/errors.js';
import { checkRecordKeys } from '../../core/record-keys.js';

/** The default band names: red (at risk), yellow (watch), green (healthy). */
export type HealthBand = 'red' | 'yellow' | 'green';

/**
 * One band of a health score: the integers `from` to `to`, both included. A score is
 * rounded to the nearest integer (halves up) before it is banded, so `{ from: 51, to: 75 }`
 * holds the unrounded scores in [50.5, 75.5).
 */
export interface HealthBandRange<B extends string = string> {
  /** The band's name, e.g. `'yellow'`. */
  readonly name: B;
  /** First integer score of the band (the first band starts at 0). */
  readonly from: number;
  /** Last integer score of the band, included (the last band ends at 100). */
  readonly to: number;
}

/** The keys of {@link HealthBandRange}, all required: any other key is an `unknown-option` error. */
const HEALTH_BAND_KEYS = ['name', 'from', 'to'] as const;

/** The default bands: red 0–50, yellow 51–75, green 76–100 (a fresh array on each call). */
export function defaultHealthBands(): HealthBandRange<HealthBand>[] {
  return [
    { name: 'red', from: 0, to: 50 },
    { name: 'yellow', from: 51, to: 75 },
    { name: 'green', from: 76, to: 100 },
  ];
}

/**
 * Reads bands: `undefined` gives the defaults; otherwise a non-empty array of
 * `{ name, from, to }` in ascending order, integers with `from <= to`, the first starting
 * at 0, each next one starting one after the previous one ends, the last ending at 100,
 * names unique non-empty strings, no other key in a band (`unknown-option`). Returns a copy.
 */
export function readHealthBands<B extends string>(value: unknown, fn: string, path: string): HealthBandRange<B>[] {
  if (value === undefined) return defaultHealthBands() as unknown as HealthBandRange<B>[];
  if (!Array.isArray(value) || value.length === 0) {
    return fail(fn, path, 'invalid-option', 'must be a non-empty array of { name, from, to } covering 0 to 100', value);
  }
  const bands: HealthBandRange<B>[] = [];
  const names = new Set<string>();
  for (let i = 0; i < value.length; i++) {
    const band: unknown = value[i];
    const at = `${path}[${i}]`;
    if (band === null || typeof band !== 'object' || Array.isArray(band)) {
      fail(fn, at, 'invalid-option', 'must be an object { name, from, to }', band);
    }
    checkRecordKeys(band, fn, HEALTH_BAND_KEYS, at);
    const { name, from, to } = band as { name?: unknown; from?: unknown; to?: unknown };
    if (typeof name !== 'string' || name.length === 0) fail(fn, `${at}.name`, 'invalid-option', 'must be a non-empty string', name);
    if (names.has(name)) fail(fn, `${at}.name`, 'duplicate-name', 'names a band already defined', name);
    names.add(name);
    if (typeof from !== 'number' || !Number.isInteger(from)) fail(fn, `${at}.from`, 'invalid-option', 'must be an integer', from);
    const previous = bands[i - 1];
    if (previous === undefined) {
      if (from !== 0) fail(fn, `${at}.from`, 'invalid-option', 'must be 0: the bands must cover 0 to 100', from);
    } else if (from <= previous.to) {
      fail(fn, `${at}.from`, 'invalid-option', `overlaps ${path}[${i - 1}], which ends at ${previous.to}; it must be ${previous.to + 1}`, from);
    } else if (from > previous.to + 1) {
      fail(fn, `${at}.from`, 'invalid-option', `leaves a gap after ${path}[${i - 1}], which ends at ${previous.to}; it must be ${previous.to + 1}`, from);
    }
    if (typeof to !== 'number' || !Number.isInteger(to) || to < from) {
      fail(fn, `${at}.to`, 'invalid-option', `must be an integer >= ${at}.from, which is ${from}`, to);
    }
    if (i === value.length - 1 && to !== 100) fail(fn, `${at}.to`, 'invalid-option', 'must be 100: the bands must cover 0 to 100', to);
    if (i < value.length - 1 && to >= 100) fail(fn, `${at}.to`, 'invalid-option', 'must be below 100: only the last band may end at 100', to);
    bands.push({ name: name as B, from, to });
  }
  return bands;
}

/**
 * The integer a score is banded by: the score rounded to the nearest integer, halves up.
 * Scores within 1e-9 below a half count as the half, so floating-point noise in a weighted
 * mean (50.49999999999999 for an exact 50.5) does not move a score to the band below.
 */
export function bandingScore(score: number): number {
  return Math.floor(score + 0.5 + 1e-9);
}

/** The band of a score in [0, 100]. O(bands). */
export function healthBandOf<B extends string>(score: number, bands: readonly HealthBandRange<B>[]): B {
  const rounded = bandingScore(score);
  for (const band of bands) if (rounded <= band.to) return band.name;
  return (bands[bands.length - 1] as HealthBandRange<B>).name;
}
