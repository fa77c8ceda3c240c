/**
 * The retention builder of the sql module in the strict-options walk: the call builds the
 * query (no engine needed), with the extra options merged into its options object.
 */
import { cohortRetentionSql } from '../../../src/sql/cohort-retention-sql.js';
import type { ValidCall } from '../valid-call.js';

export const validCalls: Record<string, ValidCall> = {
  cohortRetentionSql: {
    call: (extra) => cohortRetentionSql({ dialect: 'duckdb', table: 'events', cohort: 'week', interval: 'day', lastPeriod: 7, signups: { table: 'signups' }, ...extra }),
    key: 'lastPeriod',
  },
};
