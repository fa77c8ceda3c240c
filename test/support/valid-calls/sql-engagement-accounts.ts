/**
 * The strict-options entries of the SQL builders for licenseUtilizationByAccount,
 * engagedEvaluation and sessionsPerUserDay: each builds a query, which is where options
 * are checked (the nested `licenses`/`licenseFields` and `trials`/`trialFields` objects
 * too).
 */
import { engagedEvaluationSql } from '../../../src/sql/engaged-evaluation-sql.js';
import { licenseUtilizationByAccountSql } from '../../../src/sql/license-utilization-by-account-sql.js';
import { sessionsPerUserDaySql } from '../../../src/sql/sessions-per-user-day-sql.js';
import type { ValidCall } from '../valid-call.js';

export const validCalls: Record<string, ValidCall> = {
  licenseUtilizationByAccountSql: {
    call: (extra) => licenseUtilizationByAccountSql({ dialect: 'duckdb', table: 'events', licenses: { table: 'licenses' }, licenseFields: { licenses: 'seats' }, ...extra }),
    key: 'licenseFields',
  },
  engagedEvaluationSql: {
    call: (extra) => engagedEvaluationSql({ dialect: 'duckdb', table: 'events', trials: { table: 'trials', timestampType: 'date' }, windowDays: 14, ...extra }),
    key: 'windowDays',
  },
  sessionsPerUserDaySql: { call: (extra) => sessionsPerUserDaySql({ dialect: 'duckdb', table: 'events', target: 2, ...extra }), key: 'target' },
};
