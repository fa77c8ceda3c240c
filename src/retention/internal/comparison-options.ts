/**
 * Reading the options of `compareRetention` that bound its follow-up: `horizonDays` (after
 * the landmark) and `retentionDays` (within the follow-up). O(d) for d retention days.
 * @internal
 */

import { fail } from '../../core/errors.js';

/** The retention days reported by default, those that fit in the follow-up. */
const DEFAULT_RETENTION_DAYS = [7, 30, 60];

/** `options.horizonDays`: a finite number of days greater than `landmarkDays`. */
export function readHorizonDays(fn: string, value: unknown, landmarkDays: number): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || !(value > landmarkDays)) {
    return fail(fn, 'options.horizonDays', 'invalid-number', `must be a finite number of days greater than options.landmarkDays (${landmarkDays})`, value);
  }
  return value;
}

/** `options.retentionDays`: finite numbers in [0, followUpDays]; the default keeps 7, 30 and 60 where they fit. */
export function readRetentionDays(fn: string, value: unknown, followUpDays: number): number[] {
  if (value === undefined) {
    const fitting = DEFAULT_RETENTION_DAYS.filter((d) => d <= followUpDays);
    return fitting.length > 0 ? fitting : [followUpDays];
  }
  if (!Array.isArray(value)) return fail(fn, 'options.retentionDays', 'invalid-option', 'must be an array of day counts', value);
  return value.map((day: unknown, i) => {
    if (typeof day === 'number' && day >= 0 && day <= followUpDays) return day;
    return fail(fn, `options.retentionDays[${i}]`, 'invalid-number', `must be a number of days from 0 to horizonDays − landmarkDays (${followUpDays})`, day);
  });
}
