/**
 * Reading the options of `timeToValue` that shape its result: `horizons` (the days at which
 * the share that reached the milestone is reported) and `unit` (of every time in the
 * result). O(h) for h horizons.
 * @internal
 */

import { MS_PER_DAY } from '../../core/calendar.js';
import { fail } from '../../core/errors.js';
import { readChoice } from '../../core/read.js';
import type { TimeToValueUnit } from '../types.js';

const UNITS: readonly TimeToValueUnit[] = ['days', 'hours'];
const MS_PER_HOUR = 3_600_000;

/** `options.horizons`: an array of finite numbers of days >= 0; `undefined` gives `[1, 7, 30]`. */
export function readHorizons(fn: string, value: unknown): number[] {
  if (value === undefined) return [1, 7, 30];
  if (!Array.isArray(value)) return fail(fn, 'options.horizons', 'invalid-option', 'must be an array of day counts, such as [1, 7, 30]', value);
  return value.map((days: unknown, i) => {
    if (typeof days === 'number' && days >= 0 && days < Number.POSITIVE_INFINITY) return days;
    return fail(fn, `options.horizons[${i}]`, 'invalid-number', 'must be a finite number of days >= 0', days);
  });
}

/** `options.unit`: `'days'` (the default) or `'hours'`, with its length in milliseconds. */
export function readTimeUnit(fn: string, value: unknown): { unit: TimeToValueUnit; unitMs: number } {
  const unit = readChoice(value, UNITS, 'days', fn, 'options.unit');
  return { unit, unitMs: unit === 'days' ? MS_PER_DAY : MS_PER_HOUR };
}
