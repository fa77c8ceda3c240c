/**
 * Checking options objects: every key must be one the function knows, `undefined` means
 * "use the default", and `null` is never a value (leave the key out instead). A typo such
 * as `timezone` for `timeZone` is an error naming the closest valid key, because an
 * ignored option silently computes a different number.
 * @internal
 */

import { fail } from './errors.js';

/** Words people reach for that mean one of our option names. */
const SYNONYMS: Readonly<Record<string, readonly string[]>> = {
  tz: ['timeZone'],
  zone: ['timeZone'],
  timezone: ['timeZone'],
  by: ['groupBy'],
  segmentby: ['groupBy'],
  group: ['groupBy'],
  every: ['period'],
  interval: ['period'],
  window: ['windowDays', 'windowMonths', 'months', 'window'],
  asof: ['asOf'],
  now: ['asOf'],
  until: ['to'],
  through: ['to', 'through'],
  since: ['from'],
  start: ['from', 'start'],
  end: ['to', 'end'],
  level: ['confidence'],
  customerid: ['accountId'],
  periods: ['lastPeriod'],
  months: ['windowMonths'],
  to: ['goal'],
  from: ['entry'],
  withindays: ['withinDays', 'windowDays'],
  windowdays: ['windowDays', 'withinDays'],
  horizondays: ['horizonDays', 'horizons'],
};

/** Optimal-string-alignment distance (Levenshtein with adjacent transpositions). */
function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let best = Math.min((d[(i - 1) * cols + j] as number) + 1, (d[i * cols + j - 1] as number) + 1, (d[(i - 1) * cols + j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, (d[(i - 2) * cols + j - 2] as number) + 1);
      d[i * cols + j] = best;
    }
  }
  return d[rows * cols - 1] as number;
}

/**
 * The valid key closest to an unknown one: a known synonym, the same word in another
 * case, one within a small edit distance (at most 2, or a third of the key's length), or
 * else one that begins or ends with the key (`landmark` for `landmarkDays`, `months` for
 * `windowMonths`); `null` when nothing
 * is close.
 */
export function closestKey(key: string, valid: readonly string[]): string | null {
  const lower = key.toLowerCase();
  for (const synonym of SYNONYMS[lower] ?? []) if (valid.includes(synonym)) return synonym;
  // A word cut short or run on: `landmark` for `landmarkDays`, `fromDate` for `from`.
  let prefixed: string | null = null;
  for (const candidate of valid) {
    const other = candidate.toLowerCase();
    const related = Math.min(other.length, lower.length) >= 3 && (other.startsWith(lower) || lower.startsWith(other) || other.endsWith(lower));
    if (related && (prefixed === null || Math.abs(candidate.length - key.length) < Math.abs(prefixed.length - key.length))) prefixed = candidate;
  }
  let best: string | null = null;
  let bestDistance = Math.max(2, Math.floor(key.length / 3)) + 1;
  for (const candidate of valid) {
    const distance = editDistance(lower, candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best ?? prefixed;
}

/** Throws `unknown-option` for `key`, with the closest valid key or the list of valid ones. */
function failUnknown(fn: string, path: string, key: string, value: unknown, valid: readonly string[]): never {
  const near = closestKey(key, valid);
  const hint = near !== null ? `did you mean ${near}?` : valid.length === 0 ? 'this takes no options' : `the options are ${[...valid].sort().join(', ')}`;
  return fail(fn, `${path}.${key}`, 'unknown-option', `is not an option; ${hint}`, value);
}

/**
 * Checks an options object (or a nested one such as `options.windows`) and returns it:
 * `undefined` gives `{}`; anything but a plain object throws `invalid-option`; a key not in
 * `keys` throws `unknown-option` naming the closest valid key; a key whose value is `null`
 * throws `invalid-option` (leave it out, or pass `undefined`, for the default). O(keys).
 */
export function optionsOf<T extends object>(options: T | undefined, fn: string, keys: readonly string[], path = 'options'): Partial<T> {
  if (options === undefined) return {};
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    return fail(fn, path, 'invalid-option', 'must be an object', options);
  }
  for (const key of Object.keys(options)) {
    const value = (options as Record<string, unknown>)[key];
    if (!keys.includes(key)) failUnknown(fn, path, key, value, keys);
    if (value === null) fail(fn, `${path}.${key}`, 'invalid-option', 'must not be null; leave it out (or pass undefined) for the default', value);
  }
  return options;
}
