/**
 * License-utilization bands shared by `licenseUtilization` and
 * `licenseUtilizationByAccount`: the band scale (read by core/bands.ts) and the ratio.
 * @internal
 */

import { bandOf, readThresholds, type BandScale } from '../../core/bands.js';
import type { LicenseBand, ResolvedLicenseThresholds } from '../types.js';

/** `'adoption-risk'` below `riskBelow` (0.5), `'healthy'` from it, `'expand'` above `expandAbove` (1); no upper limit. */
const LICENSE_SCALE: BandScale<LicenseBand, 'riskBelow' | 'expandAbove'> = {
  lowest: 'adoption-risk',
  steps: [
    { band: 'healthy', threshold: 'riskBelow', edge: 'from', default: 0.5 },
    { band: 'expand', threshold: 'expandAbove', edge: 'above', default: 1 },
  ],
};

/**
 * Reads thresholds (see core/bands.ts): `undefined` gives `{ expandAbove: 1, riskBelow: 0.5 }`;
 * each value a finite number >= 0, `riskBelow` not above `expandAbove` (given or default);
 * any other key is `unknown-option`, `null` is `invalid-option`.
 */
export function readLicenseThresholds(value: unknown, fn: string, path: string): ResolvedLicenseThresholds {
  const { expandAbove, riskBelow } = readThresholds(LICENSE_SCALE, value, fn, path);
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
  return ratio === null ? null : bandOf(LICENSE_SCALE, thresholds, ratio);
}
