/**
 * The result assembly of `licenseUtilizationByAccount` (and of the
 * `licenseUtilizationByAccountSql` decoder): one row per account of the licenses table
 * (active users, ratio, band), riskiest first, the accounts with events but no row in the
 * table, and the window and settings echoed. O(r log r + a log a) for r table rows and a
 * accounts with events.
 * @internal
 */

import { asOfEcho, isCompleteAt } from '../../core/as-of.js';
import { dayKey } from '../../core/calendar.js';
import { compareIds } from '../../core/id-order.js';
import type { Id } from '../../core/read.js';
import type { AccountLicenseUtilization, LicenseUtilizationByAccountResult } from '../types.js';
import { licenseBand, licenseRatio } from './license-bands.js';
import { licenseWindow, type LicenseSettings } from './license-utilization-by-account-options.js';

/** The licenses table and the accounts' activity in the window, as each side has them. */
export interface LicenseAccounts {
  /** The table's account ids, in row order. */
  readonly accountIds: readonly Id[];
  /** The table's licenses counts, in row order. */
  readonly counts: readonly number[];
  /** Whether the table has a row for the account. */
  readonly licensed: (accountId: Id) => boolean;
  /** The accounts with events (in the window or not). */
  readonly seen: Iterable<Id>;
  /** An account's active users in the window (0 without events). */
  readonly activeUsersOf: (accountId: Id) => number;
  /** Throws for table row `row`, whose `count` licenses are too few: active users / licenses overflows. */
  readonly overflow: (row: number, count: number) => never;
}

/**
 * The result at `asOf` (the given one, else the latest event): one row per account of the
 * table, sorted by ratio ascending, `null` ratios last, ties by account id; then the
 * accounts of `seen` without a table row, by id.
 */
export function licenseUtilizationResult(settings: LicenseSettings, asOf: number | null, accounts: LicenseAccounts): LicenseUtilizationByAccountResult {
  const { zone, windowDays, thresholds } = settings;
  const window = licenseWindow(settings, asOf);
  const rows: AccountLicenseUtilization[] = [];
  for (let r = 0; r < accounts.accountIds.length; r++) {
    const accountId = accounts.accountIds[r] as Id;
    const count = accounts.counts[r] as number;
    const activeUsers = accounts.activeUsersOf(accountId);
    const ratio = licenseRatio(activeUsers, count, () => accounts.overflow(r, count));
    rows.push({ accountId, activeUsers, licenses: count, ratio, band: licenseBand(ratio, thresholds) });
  }
  rows.sort(byRisk);
  const unlicensedAccounts: Id[] = [];
  for (const accountId of accounts.seen) if (!accounts.licensed(accountId)) unlicensedAccounts.push(accountId);
  unlicensedAccounts.sort(compareIds);
  return {
    timeZone: zone.timeZone,
    ...asOfEcho(asOf, zone),
    windowDays,
    from: window === null ? null : dayKey(window.from),
    to: window === null ? null : dayKey(window.to),
    complete: window !== null && isCompleteAt(window.to, asOf, zone),
    thresholds,
    accounts: rows,
    unlicensedAccounts,
  };
}

/** Lowest ratio first, `null` ratios last, ties by account id. */
function byRisk(a: AccountLicenseUtilization, b: AccountLicenseUtilization): number {
  if (a.ratio !== b.ratio) {
    if (a.ratio === null) return 1;
    if (b.ratio === null) return -1;
    return a.ratio - b.ratio;
  }
  return compareIds(a.accountId, b.accountId);
}
