import { fail } from '../core/errors.js';
import { optionsOf } from '../core/options.js';
import { readInteger, readNonNegative } from '../core/read.js';
import { TOO_FEW_LICENSES, licenseBand, licenseRatio, readLicenseThresholds } from './internal/license-bands.js';
import { LICENSE_UTILIZATION_OPTION_KEYS, type LicenseUsage, type LicenseUtilizationOptions, type LicenseUtilizationResult } from './types.js';

/**
 * License utilization of one account: active users per paid license, and what it says.
 *
 * Definition: `ratio = activeUsers / licenses` (MAU over seats). The band is `'expand'`
 * when `ratio > expandAbove` (default 1: more people use the product than the account
 * pays for, time to grow the account), `'adoption-risk'` when `ratio < riskBelow`
 * (default 0.5: more than half the seats sit idle, a renewal at risk), and `'healthy'`
 * in between, both ends included. These are the customer-success readings of MAU over
 * licenses (> 1 grow, < 0.5 adoption risk). For many accounts at once, from events and a
 * licenses table, see `licenseUtilizationByAccount`. The MAU of one account can come
 * straight from `activeUsers`: `{ activeUsers: result.days.at(-1).mau, licenses }`.
 *
 * Cost: O(1).
 *
 * Edge cases: `licenses: 0` gives `ratio: null` and `band: null` (no seats, no
 * utilization), never `Infinity`; `activeUsers: 0` with seats gives ratio 0.
 *
 * @param usage `{ activeUsers, licenses }`.
 * @param options `{ thresholds: { expandAbove?, riskBelow? } }`, finite numbers >= 0 with
 * `riskBelow <= expandAbove` (a threshold left out counts with its default).
 * @throws {MetricsInputError} when `activeUsers` is not an integer >= 0, `licenses` not a
 * finite number >= 0 (`usage.licenses`; also when it is so tiny, far below 1e-290, that the
 * ratio overflows), a threshold is invalid (`options.thresholds.riskBelow`) or `null`, or
 * an options key or threshold key is unknown (`unknown-option`).
 *
 * @example
 * ```ts
 * import { licenseUtilization } from 'customer-success-metrics/engagement';
 * licenseUtilization({ activeUsers: 42, licenses: 100 }).band; // => 'adoption-risk'
 * licenseUtilization({ activeUsers: 120, licenses: 100 }).ratio; // => 1.2
 * licenseUtilization({ activeUsers: 120, licenses: 100 }).band; // => 'expand'
 * licenseUtilization({ activeUsers: 120, licenses: 100 }, { thresholds: { expandAbove: 1.5 } }).band; // => 'healthy'
 * licenseUtilization({ activeUsers: 3, licenses: 0 }).ratio; // => null
 * ```
 */
export function licenseUtilization(usage: LicenseUsage, options?: LicenseUtilizationOptions): LicenseUtilizationResult {
  const fn = 'licenseUtilization';
  const opts = optionsOf(options, fn, LICENSE_UTILIZATION_OPTION_KEYS);
  if (usage === null || typeof usage !== 'object' || Array.isArray(usage)) {
    fail(fn, 'usage', 'invalid-input', 'must be an object { activeUsers, licenses }', usage);
  }
  const activeUsers = readInteger(usage.activeUsers, fn, 'usage.activeUsers', 0);
  const licenses = readNonNegative(usage.licenses, fn, 'usage.licenses');
  const resolved = readLicenseThresholds(opts.thresholds, fn, 'options.thresholds');
  const ratio = licenseRatio(activeUsers, licenses, () => fail(fn, 'usage.licenses', 'invalid-number', TOO_FEW_LICENSES, licenses));
  return { activeUsers, licenses, ratio, band: licenseBand(ratio, resolved), thresholds: resolved };
}
