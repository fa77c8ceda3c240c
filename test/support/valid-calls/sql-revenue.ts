/**
 * The SQL revenue builders' entries in the strict-options walk: each builds a query, which is
 * where options are checked.
 */
import { mrrMovementsSql, toMonthlySnapshotsSql } from '../../../src/sql/index.js';
import type { ValidCall } from '../valid-call.js';

export const validCalls: Record<string, ValidCall> = {
  mrrMovementsSql: { call: (extra) => mrrMovementsSql({ dialect: 'duckdb', table: 'mrr_snapshots', timeZone: 'Europe/Berlin', ...extra }), key: 'timeZone' },
  toMonthlySnapshotsSql: { call: (extra) => toMonthlySnapshotsSql({ dialect: 'duckdb', table: 'subscriptions', rule: 'prorated', ...extra }), key: 'rule' },
};
