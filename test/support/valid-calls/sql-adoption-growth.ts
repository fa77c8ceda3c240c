/**
 * featureAdoptionSql and growthLifecycleSql in the strict-options walk: each call builds the
 * query (no engine needed), with the extra options merged into its options object.
 */
import { featureAdoptionSql, growthLifecycleSql } from '../../../src/sql/index.js';
import type { ValidCall } from '../valid-call.js';

export const validCalls: Record<string, ValidCall> = {
  featureAdoptionSql: {
    call: (extra) => featureAdoptionSql({ dialect: 'duckdb', table: 'events', feature: 'export', period: 'month', ...extra }),
    key: 'feature',
  },
  growthLifecycleSql: {
    call: (extra) => growthLifecycleSql({ dialect: 'duckdb', table: 'events', period: 'week', signups: { table: 'signups' }, ...extra }),
    key: 'weekStartsOn',
  },
};
