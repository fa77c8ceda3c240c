/**
 * The event scan every event builder starts from, as common table expressions:
 *
 * - `raw`: the source's rows as `uid`, the extra columns, and `ms` (epoch ms);
 * - `ev`: the valid rows (no NULL in a column read) at or before `asOf`, with `day`, the
 *   local day number in the time zone;
 * - `checks`: one row counting the rows with a NULL where a value is needed (the decoder
 *   turns a count above 0 into a `MetricsInputError`), the user id column's type, and the
 *   latest instant and first and last day of `ev` (the default `asOf` and range).
 *
 * UTC days are a floor division; other zones use the engine's tz database.
 * @internal
 */

import type { Dialect } from './dialect.js';
import type { QueryValues, UnionColumn } from './query-text.js';
import type { SqlSource } from './source.js';

/** What the scan reads: the quoted user id and timestamp columns, extra columns by alias. */
export interface ScanColumns {
  readonly user: string;
  readonly time: string;
  /** Extra columns: alias (a plain lower-case word) to quoted column; NULL in them is bad input too. */
  readonly extra?: Readonly<Record<string, string>>;
}

/** The `WITH` items `raw`, `ev` and `checks` (without the `WITH`), joined by commas. */
export function eventScan(source: SqlSource, values: QueryValues, columns: ScanColumns, timeZone: string, asOf: number | null): string {
  const d = source.dialect;
  const extra = Object.entries(columns.extra ?? {});
  const rawList = [`${columns.user} AS uid`, ...extra.map(([alias, column]) => `${column} AS ${alias}`), `${d.epochMs(columns.time, source.timestampType)} AS ms`];
  const valid = ['uid IS NOT NULL', 'ms IS NOT NULL', ...extra.map(([alias]) => `${alias} IS NOT NULL`)];
  if (asOf !== null) valid.push(`ms <= ${values.bind(asOf, 'double')}`);
  const checks = [
    `${d.countWhere('uid IS NULL')} AS bad_uid`,
    `${d.countWhere('ms IS NULL')} AS bad_ms`,
    ...extra.map(([alias]) => `${d.countWhere(`${alias} IS NULL`)} AS bad_${alias}`),
    `${d.typeName('uid')} AS uid_type`,
    ...extra.map(([alias]) => `${d.typeName(alias)} AS ${alias}_type`),
  ];
  return [
    `raw AS (SELECT ${rawList.join(', ')} FROM ${source.from})`,
    `ev AS (SELECT uid, ${extra.map(([alias]) => `${alias}, `).join('')}ms, ${localDay(d, values, timeZone, 'ms')} AS day FROM raw WHERE ${valid.join(' AND ')})`,
    `checks AS (SELECT ${checks.join(', ')} FROM raw)`,
    `span AS (SELECT ${d.extreme('max', 'ms')} AS latest, ${d.extreme('min', 'day')} AS first_day, ${d.extreme('max', 'day')} AS last_day FROM ev)`,
  ].join(',\n');
}

/** The local day number of epoch ms `ms` in `timeZone` (a floor division for UTC). */
export function localDay(d: Dialect, values: QueryValues, timeZone: string, ms: string): string {
  return timeZone === 'UTC' ? d.floorDiv(ms, '86400000') : d.localDay(ms, values.bind(timeZone, 'text'));
}

/** The result columns of the `checks` and `span` row for a union (see `unionParts`). */
export function checkColumns(extraAliases: readonly string[]): { name: string; type: 'integer' | 'double' | 'text' }[] {
  return [
    { name: 'bad_uid', type: 'integer' },
    { name: 'bad_ms', type: 'integer' },
    ...extraAliases.map((alias) => ({ name: `bad_${alias}`, type: 'integer' as const })),
    { name: 'uid_type', type: 'text' },
    ...extraAliases.map((alias) => ({ name: `${alias}_type`, type: 'text' as const })),
    { name: 'latest', type: 'double' },
    { name: 'first_day', type: 'integer' },
    { name: 'last_day', type: 'integer' },
  ];
}

/** The union part of the one `checks` row (see `unionParts`): every check column, as itself. */
export function checksPart(extraAliases: readonly string[]): { select: Record<string, string>; from: string } {
  const select: Record<string, string> = { part: "'checks'" };
  for (const { name } of checkColumns(extraAliases)) select[name] = name;
  return { select, from: 'FROM checks CROSS JOIN span' };
}

/** The check columns as union columns (see `unionParts`). */
export function checkUnionColumns(extraAliases: readonly string[]): UnionColumn[] {
  return checkColumns(extraAliases).map((c) => [c.name, c.type] as const);
}
