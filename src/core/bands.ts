/**
 * Bands: the one reader of band thresholds and the one banding rule, shared by every
 * function that names a band (license utilization, stickiness, engaged evaluation, health
 * scores).
 *
 * A band scale is an ordered list of bands on a number line: the lowest band, then each
 * next band from its threshold on. Thresholds come in two forms, read by the same rules:
 *
 * - named thresholds, an options object such as `{ riskBelow: 0.5, expandAbove: 1 }`
 *   ({@link readThresholds}, banded by {@link bandOf});
 * - named ranges, an array `[{ name, from, to }, ...]` of integer ranges that tile
 *   `min..max` ({@link readBandRanges}, banded by {@link rangeBandOf}).
 *
 * The rules, in both forms: every bound is a finite number in the scale's `[min, max]`
 * (an integer where the scale says so); bounds ascend (thresholds may be equal, ranges
 * follow each other without gap or overlap); `undefined` gives the defaults, `null` is an
 * `invalid-option` error and any other key an `unknown-option` error naming the closest
 * valid key; an error names the bound that breaks the order and the one it crosses.
 * @internal
 */

import { fail } from './errors.js';
import { optionsOf } from './options.js';
import { checkRecordKeys } from './record-keys.js';

/** One band above the lowest: the band, the threshold where it starts, and that threshold's default. */
export interface BandStep<B extends string, K extends string> {
  /** The band's name. */
  readonly band: B;
  /** The threshold's option key. */
  readonly threshold: K;
  /** `'from'`: a value at or above the threshold is in the band; `'above'`: only a value above it. */
  readonly edge: 'from' | 'above';
  /** The threshold when the option leaves it out. */
  readonly default: number;
}

/** A scale of bands with named thresholds. */
export interface BandScale<B extends string, K extends string> {
  /** The band below the first threshold. */
  readonly lowest: B;
  /** The other bands, from the lowest threshold to the highest. */
  readonly steps: readonly BandStep<B, K>[];
  /** The largest valid threshold (e.g. 1 for a rate); default: no limit. Thresholds are always >= 0. */
  readonly max?: number;
}

/** Resolved thresholds: every key of a scale, defaults filled in. */
export type Thresholds<K extends string> = { readonly [key in K]: number };

/** The option keys of a scale, lowest threshold first. */
export function thresholdKeys<K extends string>(scale: BandScale<string, K>): K[] {
  return scale.steps.map((step) => step.threshold);
}

/** A bound: a finite number in [min, max], an integer when `integer`; `invalid-option` otherwise. */
export function readBound(value: unknown, fn: string, path: string, min: number, max: number, integer = false): number {
  const ok = typeof value === 'number' && Number.isFinite(value) && value >= min && value <= max && (!integer || Number.isInteger(value));
  if (ok) return value;
  const kind = integer ? 'an integer' : max === Number.POSITIVE_INFINITY ? 'a finite number' : 'a number';
  const range = max === Number.POSITIVE_INFINITY ? `>= ${min}` : `from ${min} to ${max}`;
  return fail(fn, path, 'invalid-option', `must be ${kind} ${range}`, value);
}

/**
 * Reads the thresholds of a scale from an options object (`options.thresholds`): each
 * key optional (its step's default), each a number in [0, `max`], in ascending order
 * (equal neighbours allowed). A default takes part in the order too: moving one
 * threshold past another's default needs both given. The error names the given threshold
 * (the lower one when both are given):
 * `options.thresholds.riskBelow must not exceed options.thresholds.expandAbove, which is 1 by default (1.2)`.
 * O(thresholds).
 */
export function readThresholds<K extends string>(scale: BandScale<string, K>, value: unknown, fn: string, path: string): Thresholds<K> {
  const keys = thresholdKeys(scale);
  if (value === undefined) return defaultsOf(scale);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fail(fn, path, 'invalid-option', `must be an object { ${keys.map((k) => `${k}?`).join(', ')} }`, value);
  }
  const given = optionsOf(value as Partial<Record<K, unknown>>, fn, keys, path);
  const max = scale.max ?? Number.POSITIVE_INFINITY;
  const resolved = {} as Record<K, number>;
  for (const step of scale.steps) {
    const raw = given[step.threshold];
    resolved[step.threshold] = raw === undefined ? step.default : readBound(raw, fn, `${path}.${step.threshold}`, 0, max);
  }
  for (let i = 1; i < keys.length; i++) {
    const lower = keys[i - 1] as K;
    const upper = keys[i] as K;
    if (resolved[lower] <= resolved[upper]) continue;
    if (given[lower] !== undefined) {
      const which = given[upper] === undefined ? `, which is ${resolved[upper]} by default` : `, which is ${resolved[upper]}`;
      fail(fn, `${path}.${lower}`, 'invalid-option', `must not exceed ${path}.${upper}${which}`, resolved[lower]);
    }
    fail(fn, `${path}.${upper}`, 'invalid-option', `must not be below ${path}.${lower}, which is ${resolved[lower]} by default`, resolved[upper]);
  }
  return resolved;
}

/** The default thresholds of a scale (a fresh object). */
export function defaultsOf<K extends string>(scale: BandScale<string, K>): Thresholds<K> {
  const resolved = {} as Record<K, number>;
  for (const step of scale.steps) resolved[step.threshold] = step.default;
  return resolved;
}

/** The band of a value: the highest band whose threshold it reaches (`'from'`) or passes (`'above'`). O(thresholds). */
export function bandOf<B extends string, K extends string>(scale: BandScale<B, K>, thresholds: Thresholds<K>, value: number): B {
  let band = scale.lowest;
  for (const step of scale.steps) {
    const at = thresholds[step.threshold];
    if (step.edge === 'from' ? value >= at : value > at) band = step.band;
    else break;
  }
  return band;
}

/**
 * One band of a range scale: the integers `from` to `to`, both included.
 */
export interface BandRange<B extends string = string> {
  /** The band's name. */
  readonly name: B;
  /** First integer of the band (the first band starts at the scale's `min`). */
  readonly from: number;
  /** Last integer of the band, included (the last band ends at the scale's `max`). */
  readonly to: number;
}

/** The keys of {@link BandRange}, all required. */
const BAND_RANGE_KEYS = ['name', 'from', 'to'] as const;

/** The limits and defaults of a range scale. */
export interface BandRangeScale<B extends string> {
  /** First integer of the scale (the first band's `from`). */
  readonly min: number;
  /** Last integer of the scale (the last band's `to`). */
  readonly max: number;
  /** The bands when the option is left out (copied on each call). */
  readonly defaults: readonly BandRange<B>[];
}

/**
 * Reads named ranges (`options.bands`): `undefined` gives a copy of the defaults; otherwise
 * a non-empty array of `{ name, from, to }`, integers with `from <= to`, the first starting
 * at `min`, each next one starting one after the previous one ends, the last ending at
 * `max`, names unique non-empty strings, no other key in a band (`unknown-option`).
 * Returns a copy. O(bands).
 */
export function readBandRanges<B extends string>(scale: BandRangeScale<B>, value: unknown, fn: string, path: string): BandRange<B>[] {
  if (value === undefined) return scale.defaults.map((band) => ({ ...band }));
  const cover = `${scale.min} to ${scale.max}`;
  if (!Array.isArray(value) || value.length === 0) {
    return fail(fn, path, 'invalid-option', `must be a non-empty array of { name, from, to } covering ${cover}`, value);
  }
  const bands: BandRange<B>[] = [];
  const names = new Set<string>();
  for (let i = 0; i < value.length; i++) {
    const at = `${path}[${i}]`;
    const { name, from, to } = readRange(value[i], fn, at, names);
    const previous = bands[i - 1];
    if (previous === undefined) {
      if (from !== scale.min) fail(fn, `${at}.from`, 'invalid-option', `must be ${scale.min}: the bands must cover ${cover}`, from);
    } else if (from <= previous.to) {
      fail(fn, `${at}.from`, 'invalid-option', `overlaps ${path}[${i - 1}], which ends at ${previous.to}; it must be ${previous.to + 1}`, from);
    } else if (from > previous.to + 1) {
      fail(fn, `${at}.from`, 'invalid-option', `leaves a gap after ${path}[${i - 1}], which ends at ${previous.to}; it must be ${previous.to + 1}`, from);
    }
    if (typeof to !== 'number' || !Number.isInteger(to) || to < from) {
      fail(fn, `${at}.to`, 'invalid-option', `must be an integer >= ${at}.from, which is ${from}`, to);
    }
    const last = i === value.length - 1;
    if (last && to !== scale.max) fail(fn, `${at}.to`, 'invalid-option', `must be ${scale.max}: the bands must cover ${cover}`, to);
    if (!last && to >= scale.max) fail(fn, `${at}.to`, 'invalid-option', `must be below ${scale.max}: only the last band may end at ${scale.max}`, to);
    bands.push({ name: name as B, from, to });
  }
  return bands;
}

/** One band's record: an object with exactly `name`, `from`, `to`, a new non-empty name and an integer `from`. */
function readRange(band: unknown, fn: string, at: string, names: Set<string>): { name: string; from: number; to: unknown } {
  if (band === null || typeof band !== 'object' || Array.isArray(band)) {
    fail(fn, at, 'invalid-option', 'must be an object { name, from, to }', band);
  }
  checkRecordKeys(band, fn, BAND_RANGE_KEYS, at);
  const { name, from, to } = band as { name?: unknown; from?: unknown; to?: unknown };
  if (typeof name !== 'string' || name.length === 0) fail(fn, `${at}.name`, 'invalid-option', 'must be a non-empty string', name);
  if (names.has(name)) fail(fn, `${at}.name`, 'duplicate-name', 'names a band already defined', name);
  names.add(name);
  if (typeof from !== 'number' || !Number.isInteger(from)) fail(fn, `${at}.from`, 'invalid-option', 'must be an integer', from);
  return { name, from, to };
}

/** The band of an integer within the scale: the first range whose `to` it does not pass. O(bands). */
export function rangeBandOf<B extends string>(value: number, bands: readonly BandRange<B>[]): B {
  for (const band of bands) if (value <= band.to) return band.name;
  return (bands[bands.length - 1] as BandRange<B>).name;
}
