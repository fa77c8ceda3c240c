/**
 * Collects a query's bound values: every value enters the text as a typed placeholder,
 * never as a literal. One `QueryValues` per query.
 * @internal
 */

import type { SqlParams } from '../types.js';
import type { Dialect, SqlType } from './dialect.js';

export class QueryValues {
  private readonly values: unknown[] = [];
  constructor(readonly dialect: Dialect) {}

  /** The placeholder of a new bound value. */
  bind(value: string | number, type: SqlType): string {
    this.values.push(value);
    return this.dialect.placeholder(this.values.length, type);
  }

  /** The bound values in the dialect's style. */
  params(): SqlParams {
    return this.dialect.params(this.values);
  }
}

/** A result column of a union of parts: its name and type. */
export type UnionColumn = readonly [name: string, type: SqlType];

/**
 * `UNION ALL` of parts that each give some of `columns` (name to expression; a missing
 * column is a typed NULL), so that rows of different kinds share one result. `from`
 * is each part's text after its select list (`FROM ... WHERE ... GROUP BY ...`).
 *
 * Each part's expressions are computed in an inner query under the names `u__<column>`,
 * and cast and named in an outer one. The inner names matter: ClickHouse resolves a name
 * in WHERE or GROUP BY to an alias of the same SELECT before a column of its FROM, so a
 * part selecting `... AS last_day` with `WHERE day >= last_day` would silently compare
 * with its own (NULL) result column. Never give a column of a builder's own CTEs a name
 * starting with `u__`.
 */
export function unionParts(
  dialect: Dialect,
  columns: readonly UnionColumn[],
  parts: readonly { readonly select: Readonly<Record<string, string>>; readonly from: string }[],
): string {
  return parts
    .map(({ select, from }, i) => {
      const inner = Object.entries(select).map(([name, expr]) => `${expr} AS u__${name}`);
      const outer = columns.map(([name, type]) => `${select[name] === undefined ? dialect.nullOf(type) : dialect.cast(`u__${name}`, type)} AS ${name}`);
      return `SELECT ${outer.join(', ')} FROM (SELECT ${inner.join(', ')} ${from}) AS u__part${i}`;
    })
    .join('\nUNION ALL\n');
}
