/**
 * What the journey builders (`compareRetentionSql`, `timeToValueSql`, `findAhaSql`) share
 * around the per-journey table of `journey-table.ts`: reading the call's source options,
 * and the query's last step, the union of the `'checks'` row and one `'journey'` row per
 * journey, with the decoder's first steps (the rows, the checks, the journeys in the
 * order of `journeys()`).
 *
 * Every `'journey'` row has `part`, `uid`, `start` (`st`), `now_ms` and `status` (an
 * integer, its meaning the builder's), then the builder's own columns, all read from the
 * CTE `jt` (columns `uid`, `st`, `now_ms` and what the builder's select names).
 * @internal
 */

import { optionsOf } from '../../core/options.js';
import type { SqlJourneyOptions, SqlQuery } from '../types.js';
import { rowsOf } from './decode.js';
import { checkParts, journeyRows, readEventName, readJourneyChecks, readJourneySource, type JourneyRow, type JourneySource } from './journey-table.js';
import { unionParts, type QueryValues, type UnionColumn } from './query-text.js';

/** A journey builder's options, checked against its keys, and its source read. */
export function readJourneyCall<T extends SqlJourneyOptions>(fn: string, options: T, keys: readonly string[]): { opts: Partial<T>; js: JourneySource } {
  const opts = optionsOf(options, fn, keys);
  return { opts, js: readJourneySource(fn, opts) };
}

/** `options.activity` as SQL takes it: an event name (not a predicate), `null` when not given (every event is activity). */
export function readSqlActivity(fn: string, value: unknown): string | null {
  return value === undefined ? null : readEventName(fn, value, 'options.activity');
}

/** The builder's part of the `'journey'` rows: `status`, then its own columns (expressions over `jt`). */
export type JourneySelect = { readonly status: string } & Readonly<Record<string, string>>;

/** The builder's CTEs and journey columns (see the file comment). */
export interface JourneyQueryParts {
  /** The journey CTEs (`journeyScan`). */
  readonly scan: string;
  /** The builder's CTEs after the scan, ending with `jt`. */
  readonly ctes: readonly string[];
  /** The journey row's `status` and own columns. */
  readonly journey: JourneySelect;
  /** The types of the own columns (after `status`), in order. */
  readonly columns: readonly UnionColumn[];
}

/**
 * The query: `WITH` the scan and the builder's CTEs, the checks row and the journey rows;
 * `decode` reads the rows and the checks (throwing for bad input) and hands the journey
 * rows, in the order of `journeys()`, to `decodeJourneys`. Call it after every value of
 * the text is bound: the parameters are read here.
 */
export function journeyQuery<T>(fn: string, js: JourneySource, values: QueryValues, parts: JourneyQueryParts, decodeJourneys: (journeys: JourneyRow[]) => T): SqlQuery<T> {
  const d = js.dialect;
  const checks = checkParts(js);
  const union = unionParts(
    d,
    [['part', 'text'], ['uid', 'text'], ['start', 'double'], ['now_ms', 'double'], ['status', 'integer'], ...parts.columns, ...checks.columns],
    [
      { select: checks.select, from: checks.from },
      { select: { part: "'journey'", uid: 'uid', start: 'st', now_ms: 'now_ms', ...parts.journey }, from: 'FROM jt' },
    ],
  );
  return {
    dialect: d.name,
    sql: `WITH ${parts.scan},\n${parts.ctes.join(',\n')}\n${union}`,
    params: values.params(),
    decode(rows) {
      const list = rowsOf(fn, rows);
      const facts = readJourneyChecks(fn, list, js);
      return decodeJourneys(journeyRows(fn, list, facts));
    },
  };
}
