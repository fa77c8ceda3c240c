/**
 * Reads a second table a builder joins to the events (the licenses of
 * `licenseUtilizationByAccountSql`, the trials of `engagedEvaluationSql`, ...): an object
 * `{ table }` or `{ subquery }` at `options.<key>`, checked like the events' source, plus
 * the extra keys the builder allows (the trials' `timestampType`), and the object of its
 * column names (`licenseFields`, `trialFields`, ...).
 * @internal
 */

import { fail } from '../../core/errors.js';
import { optionsOf } from '../../core/options.js';
import { readChoice } from '../../core/read.js';
import type { SqlTimestampType } from '../types.js';
import type { Dialect } from './dialect.js';
import { fromItem } from './source.js';

/** The `FROM` item of the second table, and the object it came from (for its extra keys). */
export interface TableSource {
  /** A quoted table name, or `(subquery) AS <alias>`. */
  readonly from: string;
  /** The checked options object. */
  readonly options: Readonly<Record<string, unknown>>;
}

/**
 * The table at `options.<key>` (required): `{ table }` (a name, dot-separated when
 * qualified, or its parts) or `{ subquery }` (used as written), not both; unknown keys are
 * `unknown-option`. `describe` says what the table holds, for the "is required" message.
 */
export function readTableSource(fn: string, dialect: Dialect, value: unknown, key: string, describe: string, extraKeys: readonly string[] = []): TableSource {
  const path = `options.${key}`;
  if (value === undefined) return fail(fn, path, 'invalid-option', `is required: ${describe}, as { table } or { subquery }`, value);
  const options = optionsOf(value as Record<string, unknown>, fn, ['table', 'subquery', ...extraKeys], path);
  return { from: fromItem(fn, dialect, options.table, options.subquery, path, `${key}_source`), options };
}

/**
 * The column-name object at `options.<key>` (e.g. `licenseFields`), checked with
 * `optionsOf` against `keys` (unknown key `unknown-option`, `null` `invalid-option`).
 */
export function readFieldNames<K extends string>(fn: string, value: unknown, key: string, keys: readonly K[]): Partial<Record<K, unknown>> {
  if (value !== undefined && (value === null || typeof value !== 'object' || Array.isArray(value))) {
    fail(fn, `options.${key}`, 'invalid-option', `must be an object { ${keys.map((k) => `${k}?`).join(', ')} } of column names`, value);
  }
  return optionsOf(value as Partial<Record<K, unknown>> | undefined, fn, keys, `options.${key}`);
}

/**
 * The signups table at `options.signups` of the builders that take one
 * (`cohortRetentionSql`, `growthLifecycleSql`, the journey builders): `{ table }` or
 * `{ subquery }`, with an optional `timestampType` (default: the events' one).
 */
export function readSignupTable(fn: string, dialect: Dialect, value: unknown, eventsTimestampType: SqlTimestampType): { from: string; timestampType: SqlTimestampType } {
  const table = readTableSource(fn, dialect, value, 'signups', 'the signups, one row per user (or journey id)', ['timestampType']);
  const timestampType = readChoice(table.options['timestampType'], ['timestamp', 'epoch-ms'] as const, eventsTimestampType, fn, 'options.signups.timestampType');
  return { from: table.from, timestampType };
}
