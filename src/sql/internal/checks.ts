/**
 * Reads the `checks` and `span` row of a result (see `event-scan.ts`): throws when the
 * source had rows with a NULL where a value is needed, as the in-process function throws
 * for such a record (with its code: `invalid-id`, `invalid-timestamp`, `invalid-name`); returns the latest instant, the first and last day, and the id
 * readers of the id columns.
 * @internal
 */

import { fail } from '../../core/errors.js';
import type { Id } from '../../core/read.js';
import type { SqlRow } from '../types.js';
import { idReader, numberOf, numberOrNull, textOrNull } from './decode.js';

/** What the checks row says about the events counted. */
export interface ScanFacts {
  /** Epoch ms of the latest event counted; `null` with none. */
  readonly latest: number | null;
  readonly firstDay: number | null;
  readonly lastDay: number | null;
  /** Reads a user id's text back into its id. */
  readonly userId: (text: string) => Id;
  /** Reads an extra column's text back into its value, by alias. */
  readonly extraId: (alias: string) => (text: string) => Id;
}

/**
 * The facts of the one row whose `part` is `'checks'`. `columns` names, for messages, the
 * option and column behind `uid`, `ms` and each extra alias.
 */
export function readChecks(fn: string, rows: readonly SqlRow[], columns: Readonly<Record<string, readonly [option: string, column: string]>>): ScanFacts {
  const row = rows.find((r) => r['part'] === 'checks');
  if (row === undefined) return fail(fn, 'rows', 'invalid-input', "has no 'checks' row; pass every row the query returned", rows.length);
  for (const [alias, [option, column]] of Object.entries(columns)) {
    const bad = numberOf(fn, row, `bad_${alias}`);
    if (bad > 0) fail(fn, `source.${column}`, codeOf(option), `is NULL in ${bad} row${bad === 1 ? '' : 's'} of the source; every event needs its ${option}`, null);
  }
  return {
    latest: numberOrNull(fn, row, 'latest'),
    firstDay: numberOrNull(fn, row, 'first_day'),
    lastDay: numberOrNull(fn, row, 'last_day'),
    userId: idReader(textOrNull(row, 'uid_type')),
    extraId: (alias) => idReader(textOrNull(row, `${alias}_type`)),
  };
}

/** The code the in-process function gives a record with no value in that field. */
function codeOf(option: string): string {
  if (option === 'timestamp') return 'invalid-timestamp';
  if (option === 'name') return 'invalid-name';
  if (option === 'groupBy' || option === 'id' || /Id$/.test(option)) return 'invalid-id';
  return 'invalid-record';
}
