/**
 * Reads the values of result rows as any driver returns them (a number, a `bigint`, a
 * numeric string, a typed NULL), and turns id text back into the id the in-process
 * function would report (a number for a numeric column).
 * @internal
 */

import { fail } from '../../core/errors.js';
import type { Id } from '../../core/read.js';
import type { SqlRow } from '../types.js';

/** The rows as an array (a decoder reads small, aggregated results). */
export function rowsOf(fn: string, rows: unknown): SqlRow[] {
  if (rows === null || typeof rows !== 'object' || !(Symbol.iterator in rows)) fail(fn, 'rows', 'invalid-input', 'must be an iterable of row objects', rows);
  const list = [...(rows as Iterable<SqlRow>)];
  list.forEach((row, i) => {
    if (row === null || typeof row !== 'object') fail(fn, `rows[${i}]`, 'invalid-record', 'must be a row object', row);
  });
  return list;
}

/** A number column of a row: a number, a bigint or a numeric string; `null` for NULL. */
export function numberOrNull(fn: string, row: SqlRow, column: string): number | null {
  const value = row[column];
  if (value === null || value === undefined) return null;
  const n = typeof value === 'number' ? value : typeof value === 'bigint' || (typeof value === 'string' && value.trim() !== '') ? Number(value) : Number.NaN;
  if (!Number.isFinite(n)) fail(fn, `rows.${column}`, 'invalid-record', 'is not a number; pass the rows the query returned', value);
  return n;
}

/** A number column that must not be NULL. */
export function numberOf(fn: string, row: SqlRow, column: string): number {
  const n = numberOrNull(fn, row, column);
  if (n === null) fail(fn, `rows.${column}`, 'invalid-record', 'is missing; pass the rows the query returned', row[column]);
  return n;
}

/** A text column; `null` for NULL. */
export function textOrNull(row: SqlRow, column: string): string | null {
  const value = row[column];
  return value === null || value === undefined ? null : String(value);
}

const NUMERIC_TYPE = /^(nullable\()?(lowcardinality\()?(u?int\d*|u?bigint|u?integer|u?smallint|u?tinyint|u?hugeint|varint|float\d*|double( precision)?|real|decimal.*|numeric.*)\)?\)?$/i;

/** Turns an id's text back into its id: a number when the column's type (its name as the engine reports it) is numeric. */
export function idReader(typeName: string | null): (text: string) => Id {
  if (typeName !== null && NUMERIC_TYPE.test(typeName.trim())) return (text) => Number(text);
  return (text) => text;
}
