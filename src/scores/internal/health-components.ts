/**
 * Health-score components: reading and checking them once, and the three
 * normalizers (linear, thresholds, custom) that map a component's value to 0..100.
 * @internal
 */

import { fail } from '../../core/errors.js';
import { readNonNegative } from '../../core/read.js';
import { checkRecordKeys } from '../../core/record-keys.js';
import type { HealthComponent } from '../types.js';

/** The keys of {@link HealthComponent}, all required: any other key is an `unknown-option` error. */
const HEALTH_COMPONENT_KEYS = ['name', 'weight', 'value', 'normalize'] as const satisfies readonly (keyof HealthComponent<unknown>)[];

/** The keys of a normalizer object: exactly one of them. */
const HEALTH_NORMALIZER_KEYS = ['linear', 'thresholds'] as const;

/** A checked component, ready to score. */
export interface ResolvedHealthComponent<A> {
  readonly name: string;
  readonly weight: number;
  /** Position in `options.components`, for error paths. */
  readonly index: number;
  /** `.nps` or `["open tickets"]`: the name as a path segment. */
  readonly field: string;
  readonly value: (account: A) => unknown;
  /** Built-in normalizers return points in [0, 100]; a custom one is checked by the caller. */
  readonly normalize: (value: number) => number;
  readonly custom: boolean;
}

/**
 * Reads and checks the components: a non-empty array of `{ name, weight, value,
 * normalize }`, names unique, weights finite >= 0 with at least one > 0 and a finite total.
 * Copies everything it keeps, so later changes to the options do not change the score.
 */
export function readHealthComponents<A>(value: unknown, fn: string, path: string): ResolvedHealthComponent<A>[] {
  if (!Array.isArray(value) || value.length === 0) {
    return fail(fn, path, 'invalid-option', 'must be a non-empty array of { name, weight, value, normalize }', value);
  }
  const components: ResolvedHealthComponent<A>[] = [];
  const names = new Set<string>();
  let total = 0;
  for (let i = 0; i < value.length; i++) {
    const component: unknown = value[i];
    const at = `${path}[${i}]`;
    if (component === null || typeof component !== 'object' || Array.isArray(component)) {
      fail(fn, at, 'invalid-option', 'must be an object { name, weight, value, normalize }', component);
    }
    checkRecordKeys(component, fn, HEALTH_COMPONENT_KEYS, at);
    const given = component as { name?: unknown; weight?: unknown; value?: unknown; normalize?: unknown };
    const name = given.name;
    if (typeof name !== 'string' || name.length === 0) fail(fn, `${at}.name`, 'invalid-option', 'must be a non-empty string', name);
    if (names.has(name)) fail(fn, `${at}.name`, 'duplicate-name', 'names a component already defined', name);
    names.add(name);
    const weight = readNonNegative(given.weight, fn, `${at}.weight`);
    total += weight;
    if (typeof given.value !== 'function') {
      fail(fn, `${at}.value`, 'invalid-option', 'must be a function that reads the value from an account', given.value);
    }
    const { normalize, custom } = readNormalizer(given.normalize, fn, `${at}.normalize`);
    components.push({ name, weight, index: i, field: pathSegment(name), value: given.value as (account: A) => unknown, normalize, custom });
  }
  if (total === 0) fail(fn, path, 'invalid-option', 'must have at least one component with a weight > 0', value);
  if (!Number.isFinite(total)) fail(fn, path, 'overflow', 'have weights whose total exceeds the largest finite number', value);
  return components;
}

/** A name as a path segment: `.nps` for an identifier, `["open tickets"]` otherwise. */
function pathSegment(name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

/**
 * A normalizer: a function (custom), or an object with exactly one of `linear` and
 * `thresholds` (another key throws `unknown-option`: `{ linar: [0, 1] }` gets "did you mean
 * linear?").
 */
function readNormalizer(value: unknown, fn: string, path: string): { normalize: (value: number) => number; custom: boolean } {
  if (typeof value === 'function') return { normalize: value as (value: number) => number, custom: true };
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) checkRecordKeys(value, fn, HEALTH_NORMALIZER_KEYS, path);
  if (value !== null && typeof value === 'object' && !Array.isArray(value) && !('linear' in value && 'thresholds' in value)) {
    if ('linear' in value) return { normalize: readLinear((value as { linear: unknown }).linear, fn, `${path}.linear`), custom: false };
    if ('thresholds' in value) {
      return { normalize: readThresholds((value as { thresholds: unknown }).thresholds, fn, `${path}.thresholds`), custom: false };
    }
  }
  return fail(fn, path, 'invalid-option', 'must be { linear: [worst, best] }, { thresholds: [[atLeast, points], ...] } or a function', value);
}

/** `{ linear: [worst, best] }`: `100 · (value − worst) / (best − worst)`, clamped to [0, 100]. */
function readLinear(value: unknown, fn: string, path: string): (value: number) => number {
  if (!Array.isArray(value) || value.length !== 2) return fail(fn, path, 'invalid-option', 'must be a pair [worst, best]', value);
  const worst: unknown = value[0];
  const best: unknown = value[1];
  if (typeof worst !== 'number' || !Number.isFinite(worst)) return fail(fn, `${path}[0]`, 'invalid-number', 'must be a finite number', worst);
  if (typeof best !== 'number' || !Number.isFinite(best)) return fail(fn, `${path}[1]`, 'invalid-number', 'must be a finite number', best);
  if (best === worst) return fail(fn, `${path}[1]`, 'invalid-option', `must differ from ${path}[0], which is ${worst}`, best);
  const span = best - worst;
  if (!Number.isFinite(span)) return fail(fn, path, 'overflow', 'has worst and best too far apart: best − worst overflows', value);
  return (x) => {
    // (x − worst) may overflow to ±Infinity for huge x; the clamp then gives 0 or 100.
    const t = (x - worst) / span;
    return t <= 0 ? 0 : t >= 1 ? 100 : 100 * t;
  };
}

/** `{ thresholds: [[atLeast, points], ...] }`: the points of the last entry with `value >= atLeast`, else 0. */
function readThresholds(value: unknown, fn: string, path: string): (value: number) => number {
  if (!Array.isArray(value) || value.length === 0) {
    return fail(fn, path, 'invalid-option', 'must be a non-empty array of [atLeast, points] pairs', value);
  }
  const atLeast: number[] = [];
  const points: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const entry: unknown = value[i];
    const at = `${path}[${i}]`;
    if (!Array.isArray(entry) || entry.length !== 2) fail(fn, at, 'invalid-option', 'must be a pair [atLeast, points]', entry);
    const bound: unknown = entry[0];
    const score: unknown = entry[1];
    if (typeof bound !== 'number' || !Number.isFinite(bound)) fail(fn, `${at}[0]`, 'invalid-number', 'must be a finite number', bound);
    const before = atLeast[i - 1];
    if (before !== undefined && bound <= before) {
      fail(fn, `${at}[0]`, 'invalid-option', `must be greater than ${path}[${i - 1}][0], which is ${before}: thresholds ascend`, bound);
    }
    if (typeof score !== 'number' || !Number.isFinite(score) || score < 0 || score > 100) {
      fail(fn, `${at}[1]`, 'invalid-number', 'must be a finite number from 0 to 100', score);
    }
    atLeast.push(bound);
    points.push(score);
  }
  return (x) => {
    let result = 0;
    for (let i = 0; i < atLeast.length && x >= (atLeast[i] as number); i++) result = points[i] as number;
    return result;
  };
}
