/**
 * DuckDB: `$n` placeholders, double-quoted identifiers, local days through the ICU
 * extension (built into DuckDB's distributions: `timezone(zone, timestamptz)`).
 * @internal
 */

import type { Dialect, SqlType } from './dialect.js';
import { doubleQuoted, literalText, singleQuoted } from './dialect.js';

const TYPES: Record<SqlType, string> = { integer: 'INTEGER', bigint: 'BIGINT', double: 'DOUBLE', text: 'VARCHAR' };

export const duckdb: Dialect = {
  name: 'duckdb',
  backslashEscapes: false,
  ident: doubleQuoted,
  placeholder: (index, type) => `CAST($${index} AS ${TYPES[type]})`,
  params: (values) => [...values],
  cast: (expr, type) => `CAST(${expr} AS ${TYPES[type]})`,
  nullOf: (type) => `CAST(NULL AS ${TYPES[type]})`,
  // epoch_us reads TIMESTAMPTZ as its instant and TIMESTAMP as UTC, whatever the session's TimeZone.
  epochMs: (column, type) => (type === 'epoch-ms' ? `CAST(floor(${column}) AS DOUBLE)` : `CAST(floor(epoch_us(${column}) / 1000) AS DOUBLE)`),
  localDay: (ms, zone) =>
    `CAST(CAST(timezone(${zone}, make_timestamptz(CAST(${ms} AS BIGINT) * 1000)) AS DATE) - DATE '1970-01-01' AS INTEGER)`,
  monthOfDay: (day) => `CAST(year(DATE '1970-01-01' + ${day}) * 12 + month(DATE '1970-01-01' + ${day}) - 1 AS INTEGER)`,
  floorDiv: (a, b) => `CAST(floor((${a}) / (${b})) AS INTEGER)`,
  typeName: (column) => `any_value(typeof(${column}))`,
  next: (expr, partition, order) => `lead(${expr}) OVER (PARTITION BY ${partition} ORDER BY ${order})`,
  countWhere: (condition) => `CAST(count(*) FILTER (WHERE ${condition}) AS INTEGER)`,
  extreme: (kind, expr) => `${kind}(${expr})`,
  // A double as quoted text: DuckDB reads a number literal with a fraction as a DECIMAL, whose
  // cast to DOUBLE can miss by an ulp; text is parsed exactly. Strings: `'` doubled, no escapes.
  literal: (value, type) => {
    const text = literalText(value, type);
    return `CAST(${type === 'text' || type === 'double' ? singleQuoted(text) : text} AS ${TYPES[type]})`;
  },
  dayOfDate: (date) => `CAST((${date}) - DATE '1970-01-01' AS INTEGER)`,
  // timezone(zone, TIMESTAMP) reads the wall-clock time in the zone (ICU) and gives its instant.
  dayStart: (day, zone) => `CAST(epoch_ms(timezone(${zone}, CAST(DATE '1970-01-01' + CAST(${day} AS INTEGER) AS TIMESTAMP))) AS DOUBLE)`,
  series: (from, to) => `CAST(unnest(range(CAST(${from} AS BIGINT), CAST(${to} AS BIGINT) + 1)) AS INTEGER)`,
};
