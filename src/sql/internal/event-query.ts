/**
 * The query an event builder returns: its text, its values, and a decoder that reads the
 * rows once, checks the `checks` row (see `checks.ts`: a NULL where a value is needed throws
 * the in-process error) and hands the rows and the scan's facts to the builder's own
 * assembly.
 * @internal
 */

import type { SqlQuery, SqlRow } from '../types.js';
import { readChecks, type ScanFacts } from './checks.js';
import { rowsOf } from './decode.js';
import type { QueryValues } from './query-text.js';

/** `sql` with `values`' parameters; `decode` reads the checks named by `names`, then calls `finish`. */
export function eventQuery<T>(
  fn: string,
  values: QueryValues,
  sql: string,
  names: Readonly<Record<string, readonly [option: string, column: string]>>,
  finish: (rows: readonly SqlRow[], facts: ScanFacts) => T,
): SqlQuery<T> {
  return {
    dialect: values.dialect.name,
    sql,
    params: values.params(),
    decode(rows) {
      const list = rowsOf(fn, rows);
      return finish(list, readChecks(fn, list, names));
    },
  };
}
