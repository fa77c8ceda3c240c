/**
 * The journey builders of the sql module in the strict-options walk: each call builds the
 * query (no engine needed), with the extra options merged into its options object.
 */
import { compareRetentionSql } from '../../../src/sql/compare-retention-sql.js';
import { findAhaSql } from '../../../src/sql/find-aha-sql.js';
import { timeToValueSql } from '../../../src/sql/time-to-value-sql.js';
import type { ValidCall } from '../valid-call.js';

export const validCalls: Record<string, ValidCall> = {
  compareRetentionSql: {
    call: (extra) => compareRetentionSql({ dialect: 'duckdb', table: 'events', segment: 'aha', landmarkDays: 7, horizonDays: 30, ...extra }),
    key: 'landmarkDays',
  },
  timeToValueSql: {
    call: (extra) => timeToValueSql({ dialect: 'duckdb', table: 'events', milestone: { kind: 'eventCount', event: 'aha', atLeast: 2 }, signups: { table: 'signups' }, ...extra }),
    key: 'horizons',
  },
  findAhaSql: {
    call: (extra) => findAhaSql({ dialect: 'duckdb', table: 'events', candidates: ['report'], landmarkDays: 7, target: { retainedOn: [8, 14] }, ...extra }),
    key: 'candidates',
  },
};
