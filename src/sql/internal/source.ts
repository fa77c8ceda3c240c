/**
 * Reads the options every builder shares: the dialect, the source (a quoted table name or
 * a subquery), the timestamp type, and column names (quoted). Checks what it can at
 * build time, so a wrong call fails before it reaches the engine.
 * @internal
 */

import { fail } from '../../core/errors.js';
import { readChoice } from '../../core/read.js';
import type { SqlSourceOptions, SqlTimestampType } from '../types.js';
import type { Dialect } from './dialect.js';
import { readDialect } from './dialects.js';

/** The resolved source: the dialect, the `FROM` item, how timestamps are stored. */
export interface SqlSource {
  readonly dialect: Dialect;
  /** A quoted table name, or `(subquery) AS source`. */
  readonly from: string;
  readonly timestampType: SqlTimestampType;
}

/** Reads `dialect`, `table` or `subquery`, and `timestampType`. */
export function readSource(fn: string, options: Partial<SqlSourceOptions>): SqlSource {
  const dialect = readDialect(fn, options.dialect);
  const timestampType = readChoice(options.timestampType, ['timestamp', 'epoch-ms'] as const, 'timestamp', fn, 'options.timestampType');
  return { dialect, from: fromItem(fn, dialect, options.table, options.subquery, 'options', 'source'), timestampType };
}

/**
 * The `FROM` item of a source given at `path` as `table` (a name, dot-separated when
 * qualified, or its parts; each part quoted) or `subquery` (used as written, as
 * `(subquery) AS alias`), exactly one of them.
 */
export function fromItem(fn: string, dialect: Dialect, table: unknown, subquery: unknown, path: string, alias: string): string {
  if ((table === undefined) === (subquery === undefined)) {
    return fail(fn, `${path}.table`, 'invalid-option', `must be given, or ${path}.subquery, but not both`, table);
  }
  if (subquery !== undefined) {
    if (typeof subquery !== 'string' || subquery.trim() === '') fail(fn, `${path}.subquery`, 'invalid-option', 'must be a query text', subquery);
    return `(${subquery}) AS ${alias}`;
  }
  const parts = typeof table === 'string' ? table.split('.') : table;
  if (!Array.isArray(parts) || parts.length === 0 || !parts.every(isName)) {
    return fail(fn, `${path}.table`, 'invalid-option', 'must be a table name (dot-separated parts) or an array of its parts, none empty', table);
  }
  return parts.map((part: string) => dialect.ident(part)).join('.');
}

/** The quoted column named by `options[key]`, or `fallback` when it is not given. */
export function readColumn(fn: string, dialect: Dialect, value: unknown, key: string, fallback: string): string {
  if (value === undefined) return dialect.ident(fallback);
  if (!isName(value)) return fail(fn, `options.${key}`, 'invalid-option', 'must be a column name (a non-empty string without NUL characters)', value);
  return dialect.ident(value);
}

function isName(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && !value.includes('\u0000');
}
