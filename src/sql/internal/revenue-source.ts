/**
 * The source of the revenue builders: a table, a subquery text, or a query another builder
 * wrote (`{ dialect, sql, params }`, such as `toMonthlySnapshotsSql`'s), whose bound values
 * then come first in the composed query's parameters. Also the bound bounds of a finite
 * amount, and the decoder's reading of the rows' problem counts.
 * @internal
 */

import { fail } from '../../core/errors.js';
import type { SqlComposableQuery, SqlRow, SqlSourceOptions } from '../types.js';
import type { Dialect } from './dialect.js';
import { numberOrNull } from './decode.js';
import { QueryValues } from './query-text.js';
import { readSource, type SqlSource } from './source.js';

/** The source options, with `subquery` also taking a builder's query. */
export type RevenueSourceOptions = Omit<Partial<SqlSourceOptions>, 'subquery'> & { readonly subquery?: string | SqlComposableQuery };

/** The resolved source and the query's values (holding the subquery's values first, when it has any). */
export interface RevenueSource {
  readonly source: SqlSource;
  readonly values: QueryValues;
}

/** Reads the source; a builder's query as `subquery` must be of the same dialect. */
export function readRevenueSource(fn: string, options: RevenueSourceOptions): RevenueSource {
  const sub = options.subquery;
  if (sub === null || typeof sub !== 'object') {
    const source = readSource(fn, options as Partial<SqlSourceOptions>);
    return { source, values: new QueryValues(source.dialect) };
  }
  if (typeof sub.sql !== 'string') return fail(fn, 'options.subquery.sql', 'invalid-option', 'must be the text of a query', sub.sql);
  const source = readSource(fn, { ...options, subquery: sub.sql });
  const d = source.dialect;
  if (sub.dialect !== d.name) return fail(fn, 'options.subquery.dialect', 'invalid-option', `must be the query's dialect, '${d.name}'`, sub.dialect);
  const values = new QueryValues(d);
  for (const value of boundValues(fn, d, sub.params)) {
    if (typeof value !== 'string' && typeof value !== 'number') return fail(fn, 'options.subquery.params', 'invalid-option', 'must hold the strings and numbers a builder binds', value);
    values.bind(value, 'text'); // numbered after the subquery's own placeholders; the type is only the placeholder's
  }
  return { source, values };
}

/** A subquery's bound values in placeholder order, from the dialect's style. */
function boundValues(fn: string, d: Dialect, params: unknown): unknown[] {
  const style = d.params([]);
  if (Array.isArray(style)) {
    if (!Array.isArray(params)) return fail(fn, 'options.subquery.params', 'invalid-option', `must be an array for ${d.name}`, params);
    return [...(params as readonly unknown[])];
  }
  if (params === null || typeof params !== 'object' || Array.isArray(params)) return fail(fn, 'options.subquery.params', 'invalid-option', `must be an object for ${d.name}`, params);
  const record = params as Readonly<Record<string, unknown>>;
  const keys = Object.keys(record);
  const names = Object.keys(d.params(keys.map((_, i) => i)));
  if (keys.some((key) => !names.includes(key))) return fail(fn, 'options.subquery.params', 'invalid-option', `must have the keys ${names.join(', ')}`, params);
  return names.map((name) => record[name]);
}

/**
 * `expr` (a double) is a finite number >= 0, never NULL: `x - x = 0` fails for NaN and
 * ±Infinity on every engine (their difference is NaN, which equals nothing but itself, and
 * PostgreSQL's NaN is not 0 either).
 */
export function finiteNonNegative(expr: string): string {
  return `coalesce(${expr} >= 0 AND ${expr} - ${expr} = 0, FALSE)`;
}

/** `expr` (a double) is finite (never NULL). */
export function finite(expr: string): string {
  return `coalesce(${expr} - ${expr} = 0, FALSE)`;
}

/** One problem the engine counts: the count's column, and the error it becomes. */
export interface ProblemCount {
  readonly column: string;
  readonly path: string;
  readonly code: string;
  /** The problem, in words, for `count` rows. */
  readonly problem: (count: number) => string;
}

/** Throws for the first problem whose count in `row` is above 0, in the given order. */
export function failOnProblems(fn: string, row: SqlRow, problems: readonly ProblemCount[]): void {
  for (const p of problems) {
    const count = numberOrNull(fn, row, p.column) ?? 0;
    if (count > 0) fail(fn, p.path, p.code, p.problem(count), null);
  }
}

/** `n row(s)`. */
export function rowsText(count: number): string {
  return `${count} row${count === 1 ? '' : 's'}`;
}
