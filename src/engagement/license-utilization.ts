import { fail } from '../core/errors.js';
import { readInteger, readNonNegative } from '../core/read.js';
import { TOO_FEW_LICENSES, licenseBand, licenseRatio, readLicenseThresholds, type LicenseBand, type LicenseThresholds, type ResolvedLicenseThresholds } from './internal/license-bands.js';

export type { LicenseBand, LicenseThresholds, ResolvedLicenseThresholds } from './internal/license-bands.js';

/** One account's usage: its monthly active users and the licenses (seats) it pays for. */
export interface LicenseUsage {
  /** Distinct users active in the period, usually MAU (an integer >= 0). */
  readonly activeUsers: number;
  /** Licenses (seats) the account pays for (a finite number >= 0). */
  readonly licenses: number;
}

/** Result of {@link licenseUtilization}. */
export interface LicenseUtilizationResult {
  /** The input's active users. */
  readonly activeUsers: number;
  /** The input's licenses. */
  readonly licenses: number;
  /** `activeUsers / licenses`; `null` when `licenses` is 0. */
  readonly ratio: number | null;
  /** The band of the ratio; `null` when the ratio is. */
  readonly band: LicenseBand | null;
  /** The thresholds used, defaults filled in. */
  readonly thresholds: ResolvedLicenseThresholds;
}

/**
 * License utilization of one account: active users per paid license, and what it says.
 *
 * Definition: `ratio = activeUsers / licenses` (MAU over seats). The band is `'expand'`
 * when `ratio > expandAbove` (default 1: more people use the product than the account
 * pays for, time to grow the account), `'adoption-risk'` when `ratio < riskBelow`
 * (default 0.5: more than half the seats sit idle, a renewal at risk), and `'healthy'`
 * in between, both ends included. These are the customer-success readings of MAU over
 * licenses (> 1 grow, < 0.5 adoption risk). For many accounts at once, from events and a
 * licenses table, see {@link licenseUtilizationByAccount}.
 *
 * Cost: O(1).
 *
 * Edge cases: `licenses: 0` gives `ratio: null` and `band: null` (no seats, no
 * utilization), never `Infinity`; `activeUsers: 0` with seats gives ratio 0.
 *
 * @param usage `{ activeUsers, licenses }`.
 * @param thresholds `{ expandAbove?, riskBelow? }`, finite numbers >= 0 with
 * `riskBelow <= expandAbove`: the thresholds themselves, not an options object (a
 * `{ thresholds: { ... } }` wrapper is an `unknown-option` error at `thresholds.thresholds`).
 * @throws {MetricsInputError} when `activeUsers` is not an integer >= 0, `licenses` not a
 * finite number >= 0 (`usage.licenses`; also when it is so tiny, far below 1e-290, that the
 * ratio overflows), a threshold is invalid (`thresholds.riskBelow`) or `null`, or
 * `thresholds` has a key other than `expandAbove` and `riskBelow` (`unknown-option`).
 *
 * @example
 * ```ts
 * import { licenseUtilization } from 'customer-success-metrics/engagement';
 * licenseUtilization({ activeUsers: 42, licenses: 100 }).band; // => 'adoption-risk'
 * licenseUtilization({ activeUsers: 120, licenses: 100 }).ratio; // => 1.2
 * licenseUtilization({ activeUsers: 120, licenses: 100 }).band; // => 'expand'
 * licenseUtilization({ activeUsers: 120, licenses: 100 }, { expandAbove: 1.5 }).band; // => 'healthy'
 * licenseUtilization({ activeUsers: 3, licenses: 0 }).ratio; // => null
 * ```
 */
export function licenseUtilization(usage: LicenseUsage, thresholds?: LicenseThresholds): LicenseUtilizationResult {
  const fn = 'licenseUtilization';
  if (usage === null || typeof usage !== 'object' || Array.isArray(usage)) {
    fail(fn, 'usage', 'invalid-input', 'must be an object { activeUsers, licenses }', usage);
  }
  const activeUsers = readInteger(usage.activeUsers, fn, 'usage.activeUsers', 0);
  const licenses = readNonNegative(usage.licenses, fn, 'usage.licenses');
  const resolved = readLicenseThresholds(thresholds, fn, 'thresholds');
  const ratio = licenseRatio(activeUsers, licenses, () => fail(fn, 'usage.licenses', 'invalid-number', TOO_FEW_LICENSES, licenses));
  return { activeUsers, licenses, ratio, band: licenseBand(ratio, resolved), thresholds: resolved };
}
