/**
 * What a dialect supplies: quoting, placeholders, casts, and the few expressions whose
 * spelling differs between engines (instants, local days, months, the next row of a
 * partition). Everything else in the builders is SQL every engine reads alike. Another
 * engine is one more file implementing this interface, plus its entry in `dialects.ts`.
 * @internal
 */

import { fail } from '../../core/errors.js';
import type { SqlDialect, SqlParams, SqlTimestampType } from '../types.js';

/** The value types placeholders and casts use. */
export type SqlType = 'integer' | 'bigint' | 'double' | 'text';

export interface Dialect {
  readonly name: SqlDialect;
  /** Whether a backslash escapes the next character inside quotes (ClickHouse), not only a doubled quote. */
  readonly backslashEscapes: boolean;
  /** A quoted identifier: any text but NUL is a name, never syntax. */
  ident(name: string): string;
  /** The placeholder of the `index`-th (1-based) bound value, typed. */
  placeholder(index: number, type: SqlType): string;
  /** The bound values in the dialect's style (positional array, or `{ p1: ... }`). */
  params(values: readonly unknown[]): SqlParams;
  /** `expr` cast to `type`. */
  cast(expr: string, type: SqlType): string;
  /** A typed NULL. */
  nullOf(type: SqlType): string;
  /** Epoch milliseconds (a whole number, as a double) of a timestamp column. */
  epochMs(column: string, type: SqlTimestampType): string;
  /** The local day number (days since 1970-01-01, an integer) of epoch ms `ms` in the zone `zone` (a placeholder). */
  localDay(ms: string, zone: string): string;
  /** The month number (`year * 12 + month - 1`) of day number `day`. */
  monthOfDay(day: string): string;
  /** `floor(a / b)` for integers (toward negative infinity). */
  floorDiv(a: string, b: string): string;
  /** The text of a value's type, as an aggregate over a column (any row's). */
  typeName(column: string): string;
  /** The next row's `expr` in `partition` ordered by `order`; NULL on the last row. */
  next(expr: string, partition: string, order: string): string;
  /** Count of rows where `condition` holds, as an integer aggregate. */
  countWhere(condition: string): string;
  /** The aggregate `min` or `max` of `expr`: NULL over no rows (ClickHouse would give the type's default). */
  extreme(kind: 'min' | 'max', expr: string): string;
  /**
   * `value` as a typed literal, in the same cast as {@link Dialect.placeholder}, for
   * `inlineParams` (a query with no bound values). Exact: a string is escaped so that the
   * engine reads back the same text; a number is its shortest round-trip decimal text
   * (see {@link literalText}). Throws `MetricsInputError` for a value the type cannot hold.
   */
  literal(value: unknown, type: SqlType): string;
  /** The day number (days since 1970-01-01, an integer) of a DATE value `date`. */
  dayOfDate(date: string): string;
  /**
   * Epoch ms (a whole number, as a double) of the first instant of local day number `day`
   * in the zone `zone` (a placeholder): local midnight, through the engine's tz database.
   */
  dayStart(day: string, zone: string): string;
  /**
   * A select-list expression that repeats its row once for each integer from `from` to `to`
   * (inclusive; no row when `to < from`), giving that integer (an `integer`).
   */
  series(from: string, to: string): string;
}

/** `"name"` with `"` doubled (DuckDB, PostgreSQL, the SQL standard). */
export function doubleQuoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/**
 * The text of a bound value of `type` before the dialect quotes it: a string as it is
 * (text only; a number given for text is its `String`), an integer (a safe integer) as its
 * digits, a double as its shortest round-trip decimal text (`String(value)`, so `1e+21` or
 * `5e-324` keep their exponent; `-0` is `'-0'`). Throws for anything else, NaN and
 * ±Infinity included (no literal spells them alike on every engine).
 */
export function literalText(value: unknown, type: SqlType): string {
  if (type === 'text') {
    if (typeof value === 'string') return value;
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
    return fail('inlineParams', 'query.params', 'invalid-input', 'holds a value a text parameter cannot take', value);
  }
  if (typeof value !== 'number' || !Number.isFinite(value)) return fail('inlineParams', 'query.params', 'invalid-number', `holds a value a ${type} parameter cannot take`, value);
  if (type === 'double') return Object.is(value, -0) ? '-0' : String(value);
  if (!Number.isSafeInteger(value)) return fail('inlineParams', 'query.params', 'invalid-number', `holds a value a ${type} parameter cannot take`, value);
  return String(value);
}

/**
 * `'text'` with `'` doubled: the standard SQL string literal (DuckDB; PostgreSQL with
 * `standard_conforming_strings`). Throws for U+0000, which neither engine reads
 * inside a query's text.
 */
export function singleQuoted(text: string): string {
  if (text.includes('\u0000')) return fail('inlineParams', 'query.params', 'invalid-input', 'holds a text with U+0000, which no DuckDB or PostgreSQL literal can spell', text);
  return `'${text.replaceAll("'", "''")}'`;
}
