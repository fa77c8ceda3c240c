/**
 * The SQL module's entries in the strict-options walk that the lead owns (the builders of
 * each area are in sql-<area>.ts): each builds a query, which is where options are checked.
 */
import { activeUsersSql } from '../../../src/sql/index.js';
import type { ValidCall } from '../valid-call.js';

export const validCalls: Record<string, ValidCall> = {
  activeUsersSql: { call: (extra) => activeUsersSql({ dialect: 'duckdb', table: 'events', timeZone: 'Europe/Berlin', ...extra }), key: 'timeZone' },
};
