import { MetricsInputError, fail } from '../core/errors.js';
import type { Dialect, SqlType } from './internal/dialect.js';
import { readDialect } from './internal/dialects.js';
import type { SqlQuery } from './types.js';

/** Every placeholder type (a record, so that a new `SqlType` fails to compile until it is here). */
const TYPES = Object.keys({ integer: true, bigint: true, double: true, text: true } satisfies Record<SqlType, true>) as SqlType[];

/**
 * A query with its bound values written into the text as literals, for the places that
 * cannot bind parameters: a dbt model, a view (`CREATE VIEW ... AS`), a BI tool's custom
 * SQL, a scheduled query in a console. The result is the same query: same `dialect`, the
 * text with every placeholder replaced by a typed literal in the same cast (`CAST('UTC' AS
 * VARCHAR)` where the bound text had `CAST($1 AS VARCHAR)`, `CAST(29 AS Int32)` for
 * ClickHouse's `{p2:Int32}`), no parameters (`[]`, or `{}` for ClickHouse), and the same
 * `decode`.
 *
 * Why the builders bind: a bound value never reaches the SQL parser, so no value (a group
 * id, an event name, a time zone) can change what a query means, whatever it holds, and
 * the driver keeps the value's type. A literal must be escaped by the rules of the engine
 * that reads it, and some of those rules are settings. Use bound parameters wherever you
 * can; inline where you cannot.
 *
 * Exact: a string is escaped so that the engine reads back the same text (DuckDB: `'`
 * doubled; PostgreSQL: `'` doubled, and with a backslash an `E'...'` string with `\`
 * doubled too, read alike whatever `standard_conforming_strings` says; ClickHouse: `\` and
 * `'` escaped with a backslash); a number is its shortest round-trip decimal text, so the
 * engine reads the same double (DuckDB and PostgreSQL read a double from quoted text, as a
 * DuckDB number literal with a fraction is a DECIMAL that can miss by an ulp, and `-0`
 * keeps its sign). The inlined query returns the same rows as the bound one. A text value
 * with U+0000 has no DuckDB or PostgreSQL literal (throws).
 *
 * Placeholders are found by reading the text as the engine would: quoted strings, quoted
 * identifiers, dollar-quoted strings and comments are skipped (with backslash escapes for
 * ClickHouse, `E'...'` strings for PostgreSQL and DuckDB), so a column or table named
 * `$1` or `{p1:String}`, or such text in your `subquery`, stays as it is. Every bound value
 * must be used, and every placeholder must have its value, or this throws.
 *
 * @param query A query from one of the builders (or any `SqlQuery` whose placeholders are
 * the dialect's typed ones, numbered from 1).
 * @returns The query with no parameters; `decode` is the original's.
 * @throws {MetricsInputError} when the query is not one a builder writes (an unknown
 * dialect, parameters not in the dialect's style, a placeholder without a value or a value
 * without a placeholder), or a value its type cannot hold (`invalid-number`: NaN,
 * ±Infinity, a fraction for an integer; `invalid-input`: U+0000 in DuckDB or PostgreSQL text).
 *
 * @example
 * ```ts
 * import { activeUsersSql, inlineParams } from 'customer-success-metrics/sql';
 * const bound = activeUsersSql({ dialect: 'duckdb', table: 'events', timeZone: 'Europe/Berlin' });
 * bound.params; // => ['Europe/Berlin', 31]
 * const query = inlineParams(bound);
 * query.params; // => []
 * query.sql.includes("CAST('Europe/Berlin' AS VARCHAR)"); // => true
 * query.sql.includes('$1'); // => false
 * inlineParams(activeUsersSql({ dialect: 'clickhouse', table: 'events', windows: { wau: 7, mau: 28 } })).sql.includes('CAST(29 AS Int32)'); // => true
 * ```
 */
export function inlineParams<T>(query: SqlQuery<T>): SqlQuery<T> {
  const fn = 'inlineParams';
  if (typeof query !== 'object' || query === null) return fail(fn, 'query', 'invalid-input', 'must be a query from a builder ({ dialect, sql, params, decode })', query);
  const dialect = dialectOf(fn, query.dialect);
  if (typeof query.sql !== 'string') return fail(fn, 'query.sql', 'invalid-input', 'must be the query text', query.sql);
  if (typeof query.decode !== 'function') return fail(fn, 'query.decode', 'invalid-input', 'must be the decoder of the query', query.decode);
  const values = boundValues(fn, dialect, query.params);
  const used = new Array<boolean>(values.length).fill(false);
  const sql = replacePlaceholders(dialect, query.sql, (index, type) => {
    if (index < 1 || index > values.length) return fail(fn, 'query.sql', 'invalid-input', `has the placeholder of value ${index}, but there are ${values.length} values`, index);
    used[index - 1] = true;
    return dialect.literal(values[index - 1], type);
  });
  const unused = used.indexOf(false);
  if (unused >= 0) return fail(fn, 'query.params', 'invalid-input', `has value ${unused + 1}, whose placeholder is not in the query text`, values[unused]);
  return { dialect: query.dialect, sql, params: dialect.params([]), decode: (rows) => query.decode(rows) };
}

/** The dialect named by the query (its error names `query.dialect`). */
function dialectOf(fn: string, name: unknown): Dialect {
  try {
    return readDialect(fn, name);
  } catch (error) {
    if (!(error instanceof MetricsInputError)) throw error;
    return fail(fn, 'query.dialect', error.code, error.message.slice(error.message.indexOf(' must ') + 1).replace(/ \([^()]*\)$/, ''), name);
  }
}

/** The bound values in placeholder order, from the dialect's style (`dialect.params`). */
function boundValues(fn: string, dialect: Dialect, params: unknown): unknown[] {
  const style = dialect.params([]);
  if (Array.isArray(style)) {
    if (!Array.isArray(params)) return fail(fn, 'query.params', 'invalid-input', `must be an array for ${dialect.name}`, params);
    return [...(params as readonly unknown[])];
  }
  if (typeof params !== 'object' || params === null || Array.isArray(params)) return fail(fn, 'query.params', 'invalid-input', `must be an object for ${dialect.name}`, params);
  const record = params as Readonly<Record<string, unknown>>;
  const keys = Object.keys(record);
  // The object a dialect makes of n values has n keys; read them back by position through it.
  const names = Object.keys(dialect.params(keys.map((_, i) => i)));
  if (keys.some((key) => !names.includes(key))) return fail(fn, 'query.params', 'invalid-input', `must have the keys ${names.join(', ')}`, params);
  return names.map((name) => record[name]);
}

/**
 * `sql` with each of its placeholders (outside quotes and comments) replaced by `replace(index,
 * type)`. The placeholders are recognised by their shape: `dialect.placeholder(n, type)` with
 * the number `n` in decimal digits.
 */
function replacePlaceholders(dialect: Dialect, sql: string, replace: (index: number, type: SqlType) => string): string {
  const probe = 918_273_645;
  const shapes = TYPES.map((type) => {
    const text = dialect.placeholder(probe, type);
    const at = text.indexOf(String(probe));
    return { type, before: text.slice(0, at), after: text.slice(at + String(probe).length) };
  });
  const backslash = dialect.backslashEscapes;
  let out = '';
  let copied = 0;
  let i = 0;
  while (i < sql.length) {
    const skipped = skipQuotedOrComment(sql, i, backslash);
    if (skipped > i) {
      i = skipped;
      continue;
    }
    const found = placeholderAt(sql, i, shapes);
    if (found === null) {
      i++;
      continue;
    }
    out += sql.slice(copied, i) + replace(found.index, found.type);
    i = found.end;
    copied = i;
  }
  return out + sql.slice(copied);
}

function placeholderAt(sql: string, i: number, shapes: readonly { type: SqlType; before: string; after: string }[]): { index: number; type: SqlType; end: number } | null {
  for (const shape of shapes) {
    if (!sql.startsWith(shape.before, i)) continue;
    let end = i + shape.before.length;
    const digits = end;
    while (end < sql.length && sql.charCodeAt(end) >= 48 && sql.charCodeAt(end) <= 57) end++;
    if (end === digits || !sql.startsWith(shape.after, end)) continue;
    return { index: Number(sql.slice(digits, end)), type: shape.type, end: end + shape.after.length };
  }
  return null;
}

const WORD = /[\w$\u0080-\uFFFF]/;

/**
 * The end of the quoted string, quoted identifier, dollar-quoted string or comment that
 * starts at `i`, or `i` when none does. `backslash`: ClickHouse's rules (a backslash escapes
 * the next character in every quoted token; `#` and `//` comments; a comment ends at a
 * newline); otherwise PostgreSQL's and DuckDB's (quotes doubled, backslashes only in
 * `E'...'`; a comment ends at a newline or carriage return). An unclosed token runs to the end.
 */
function skipQuotedOrComment(sql: string, i: number, backslash: boolean): number {
  const c = sql[i] as string;
  const next = sql[i + 1];
  const wordBefore = i > 0 && WORD.test(sql[i - 1] as string);
  if (c === "'" || c === '"' || (backslash && c === '`')) {
    const escapeString = !backslash && c === "'" && i > 0 && /[Ee]/.test(sql[i - 1] as string) && !(i > 1 && WORD.test(sql[i - 2] as string));
    return endOfQuoted(sql, i, c, backslash || escapeString);
  }
  if ((c === '-' && next === '-') || (backslash && ((c === '/' && next === '/') || (c === '#' && (next === ' ' || next === '!'))))) {
    let end = i + 2;
    while (end < sql.length && sql[end] !== '\n' && (backslash || sql[end] !== '\r')) end++;
    return end;
  }
  if (c === '/' && next === '*') return endOfBlockComment(sql, i);
  if (c === '$' && !wordBefore) {
    // PostgreSQL and DuckDB: $tag$ with an identifier tag (not $1); ClickHouse: anything up to the next $.
    const tagEnd = sql.indexOf('$', i + 1);
    const tag = tagEnd < 0 ? '' : sql.slice(i, tagEnd + 1);
    if (tag !== '' && (backslash || /^\$(?:[A-Za-z_\u0080-\uFFFF][\w\u0080-\uFFFF]*)?\$$/.test(tag))) {
      const close = sql.indexOf(tag, i + tag.length);
      if (close >= 0) return close + tag.length;
      if (!backslash) return sql.length;
    }
  }
  return i;
}

function endOfQuoted(sql: string, i: number, quote: string, backslash: boolean): number {
  let j = i + 1;
  while (j < sql.length) {
    const c = sql[j];
    if (backslash && c === '\\') j += 2;
    else if (c === quote) {
      if (sql[j + 1] !== quote) return j + 1;
      j += 2;
    } else j++;
  }
  return sql.length;
}

function endOfBlockComment(sql: string, i: number): number {
  let depth = 0;
  let j = i;
  while (j < sql.length) {
    if (sql[j] === '/' && sql[j + 1] === '*') {
      depth++;
      j += 2;
    } else if (sql[j] === '*' && sql[j + 1] === '/') {
      depth--;
      j += 2;
      if (depth === 0) return j;
    } else j++;
  }
  return sql.length;
}
