/**
 * License-utilization bands shared by `licenseUtilization` and
 * `licenseUtilizationByAccount`: reading the thresholds and classifying a ratio.
 * @internal
 */

import { fail } from '../../core/errors.js';
import { optionsOf } from '../../core/options.js';
import { readNonNegative } from '../../core/read.js';

/**
 * How an account uses its seats: `'expand'` when more people are active than it pays
 * for (time to grow the account), `'adoption-risk'` when most seats sit idle, else
 * `'healthy'`.
 */
export type LicenseBand = 'expand' | 'healthy' | 'adoption-risk';

/** Where the license-utilization bands start; both optional. */
export interface LicenseThresholds {
  /** A ratio above this is `'expand'` (default 1). */
  readonly expandAbove?: number;
  /** A ratio below this is `'adoption-risk'` (default 0.5). */
  readonly riskBelow?: number;
}

/** The keys of {@link LicenseThresholds}. */
export const LICENSE_THRESHOLD_KEYS = ['expandAbove', 'riskBelow'] as const;

/** The thresholds a result used, defaults filled in. */
export interface ResolvedLicenseThresholds {
  /** A ratio above this is `'expand'`. */
  readonly expandAbove: number;
  /** A ratio below this is `'adoption-risk'`. */
  readonly riskBelow: number;
}

/**
 * Reads thresholds: `undefined` gives the defaults `{ expandAbove: 1, riskBelow: 0.5 }`;
 * each value must be a finite number >= 0, and `riskBelow` must not exceed `expandAbove`.
 * Keys are checked: any other key (`thresholds: { thresholds: ... }` included) is an
 * `unknown-option` error, and `null` is an `invalid-option` error.
 */
export function readLicenseThresholds(value: unknown, fn: string, path: string): ResolvedLicenseThresholds {
  if (value === undefined) return { expandAbove: 1, riskBelow: 0.5 };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fail(fn, path, 'invalid-option', 'must be an object { expandAbove?, riskBelow? }', value);
  }
  const given = optionsOf(value as LicenseThresholds, fn, LICENSE_THRESHOLD_KEYS, path);
  const expandAbove = given.expandAbove === undefined ? 1 : readNonNegative(given.expandAbove, fn, `${path}.expandAbove`);
  const riskBelow = given.riskBelow === undefined ? 0.5 : readNonNegative(given.riskBelow, fn, `${path}.riskBelow`);
  if (riskBelow > expandAbove) {
    fail(fn, `${path}.riskBelow`, 'invalid-option', `must not exceed ${path}.expandAbove, which is ${expandAbove}`, riskBelow);
  }
  return { expandAbove, riskBelow };
}

/** The problem of a licenses count so tiny that the ratio overflows. */
export const TOO_FEW_LICENSES = 'is too small: active users / licenses overflows';

/**
 * `activeUsers / licenses`, or `null` when `licenses` is 0. Calls `overflow` (which
 * throws, naming the licenses field) in the one case the quotient of finite inputs
 * overflows: a licenses count so tiny (far below 1e-290) that the ratio would be `Infinity`.
 */
export function licenseRatio(activeUsers: number, licenses: number, overflow: () => never): number | null {
  if (licenses === 0) return null;
  const ratio = activeUsers / licenses;
  if (ratio === Number.POSITIVE_INFINITY) overflow();
  return ratio;
}

/** The band of a ratio; `null` for a `null` ratio (no licenses). */
export function licenseBand(ratio: number | null, thresholds: ResolvedLicenseThresholds): LicenseBand | null {
  if (ratio === null) return null;
  if (ratio > thresholds.expandAbove) return 'expand';
  if (ratio < thresholds.riskBelow) return 'adoption-risk';
  return 'healthy';
}
