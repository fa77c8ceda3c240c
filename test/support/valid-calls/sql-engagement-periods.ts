/**
 * `activeUsersByPeriodSql` and `stickinessSql` in the strict-options walk: each call builds
 * the query (no engine needed), grouped, with the extra options merged into its options
 * object.
 */
import { activeUsersByPeriodSql } from '../../../src/sql/active-users-by-period-sql.js';
import { stickinessSql } from '../../../src/sql/stickiness-sql.js';
import type { ValidCall } from '../valid-call.js';

export const validCalls: Record<string, ValidCall> = {
  activeUsersByPeriodSql: {
    call: (extra) => activeUsersByPeriodSql({ dialect: 'duckdb', table: 'events', period: 'week', groupBy: 'accountId', ...extra }),
    key: 'period',
  },
  stickinessSql: {
    call: (extra) => stickinessSql({ dialect: 'duckdb', table: 'events', windows: { mau: 28 }, groupBy: 'accountId', ...extra }),
    key: 'windows',
  },
};
