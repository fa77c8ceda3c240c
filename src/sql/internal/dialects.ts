/**
 * The dialects by name, and the reader of the `dialect` option.
 * @internal
 */

import { fail } from '../../core/errors.js';
import { clickhouse } from './clickhouse.js';
import type { Dialect } from './dialect.js';
import { duckdb } from './duckdb.js';
import { postgres } from './postgres.js';

const DIALECTS: Readonly<Record<string, Dialect>> = { duckdb, postgres, clickhouse };

/** The dialect named by `options.dialect`. */
export function readDialect(fn: string, value: unknown): Dialect {
  const dialect = typeof value === 'string' && Object.hasOwn(DIALECTS, value) ? DIALECTS[value] : undefined;
  if (dialect === undefined) {
    return fail(fn, 'options.dialect', 'invalid-option', `must be one of ${Object.keys(DIALECTS).map((d) => `'${d}'`).join(', ')}`, value);
  }
  return dialect;
}
