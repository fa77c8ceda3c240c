/**
 * The decoder side of `licenseUtilizationByAccountSql`: reads the licenses table's rows as
 * the engine returned them (one per table row), checked as `licenseUtilizationByAccount`
 * checks its `licenses` option. The accounts' rows and the unlicensed accounts are then
 * built by `licenseUtilizationByAccount`'s own assembly
 * (engagement/internal/license-account-rows.ts). O(table rows).
 * @internal
 */

import { fail } from '../../core/errors.js';
import type { Id } from '../../core/read.js';
import type { SqlRow } from '../types.js';
import { idReader, textOrNull } from './decode.js';

/** The licenses table: account ids and counts in the engine's row order. */
export interface LicenseRows {
  readonly accountIds: readonly Id[];
  readonly counts: readonly number[];
  readonly has: (accountId: Id) => boolean;
}

/**
 * The rows of part `'license'` (`acc` text, `licenses` double) and the `'lchecks'` row
 * (`acc_type`). Errors, whatever the rows' order: a NULL or empty account id
 * (`invalid-id`), else a NULL, negative or non-finite count (`invalid-number`), else an
 * account twice (`duplicate-id`), as `licenseUtilizationByAccount` reports them (it names
 * the first bad row; the engine's rows have no order, so these come by kind).
 */
export function readLicenseRows(fn: string, rows: readonly SqlRow[], columns: { readonly accountId: string; readonly licenses: string }): LicenseRows {
  const checks = rows.find((r) => r['part'] === 'lchecks');
  if (checks === undefined) return fail(fn, 'rows', 'invalid-input', "has no 'lchecks' row; pass every row the query returned", rows.length);
  const typeName = textOrNull(checks, 'acc_type');
  const readAccount = idReader(typeName);
  const numeric = typeof readAccount('0') === 'number';
  const table = rows.filter((r) => r['part'] === 'license');
  const texts = table.map((r) => textOrNull(r, 'acc'));
  const badId = texts.findIndex((text) => text === null || (!numeric && text === ''));
  if (badId >= 0) {
    fail(fn, `licenses.${columns.accountId}`, 'invalid-id', 'must be a non-empty string or a finite number in every row of the licenses table', texts[badId] ?? null);
  }
  const counts = table.map((r) => licenseCount(r['licenses']));
  const badCount = counts.findIndex((count) => count === null);
  if (badCount >= 0) {
    fail(fn, `licenses.${columns.licenses}`, 'invalid-number', 'must be a finite number >= 0 in every row of the licenses table', table[badCount]?.['licenses'] ?? null);
  }
  const accountIds = texts.map((text) => readAccount(text as string));
  const seen = new Set<Id>();
  for (const accountId of accountIds) {
    if (seen.has(accountId)) fail(fn, `licenses.${columns.accountId}`, 'duplicate-id', 'repeats an account of the licenses table; give each account one row', accountId);
    seen.add(accountId);
  }
  return { accountIds, counts: counts as number[], has: (accountId) => seen.has(accountId) };
}

/** A licenses count as the driver returned it (number, bigint or numeric text); `null` unless finite and >= 0. */
function licenseCount(value: unknown): number | null {
  const n = typeof value === 'number' ? value : typeof value === 'bigint' || (typeof value === 'string' && value.trim() !== '') ? Number(value) : Number.NaN;
  return Number.isFinite(n) && n >= 0 ? n : null;
}
