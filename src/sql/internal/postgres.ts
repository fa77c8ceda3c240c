/**
 * PostgreSQL: `$n` placeholders with `::type` casts, double-quoted identifiers, local days
 * through `AT TIME ZONE` (the server's tz database).
 * @internal
 */

import type { Dialect, SqlType } from './dialect.js';
import { doubleQuoted, literalText, singleQuoted } from './dialect.js';

const TYPES: Record<SqlType, string> = { integer: 'integer', bigint: 'bigint', double: 'double precision', text: 'text' };

export const postgres: Dialect = {
  name: 'postgres',
  backslashEscapes: false,
  ident: doubleQuoted,
  placeholder: (index, type) => `CAST($${index} AS ${TYPES[type]})`,
  params: (values) => [...values],
  cast: (expr, type) => `CAST(${expr} AS ${TYPES[type]})`,
  nullOf: (type) => `CAST(NULL AS ${TYPES[type]})`,
  // extract(epoch ...) is exact (numeric) and reads timestamptz as its instant, timestamp as UTC.
  epochMs: (column, type) =>
    type === 'epoch-ms' ? `CAST(floor(${column}) AS double precision)` : `CAST(floor(extract(epoch FROM ${column}) * 1000) AS double precision)`,
  localDay: (ms, zone) => `CAST(CAST(to_timestamp((${ms}) / 1000.0) AT TIME ZONE ${zone} AS date) - DATE '1970-01-01' AS integer)`,
  monthOfDay: (day) =>
    `CAST(extract(year FROM DATE '1970-01-01' + ${day}) * 12 + extract(month FROM DATE '1970-01-01' + ${day}) - 1 AS integer)`,
  floorDiv: (a, b) => `CAST(floor((${a})::numeric / (${b})) AS integer)`,
  typeName: (column) => `min(pg_typeof(${column})::text)`,
  next: (expr, partition, order) => `lead(${expr}) OVER (PARTITION BY ${partition} ORDER BY ${order})`,
  countWhere: (condition) => `CAST(count(*) FILTER (WHERE ${condition}) AS integer)`,
  extreme: (kind, expr) => `${kind}(${expr})`,
  // Strings: `'` doubled; with a backslash, an E'' string with `\` doubled too, read alike
  // whatever standard_conforming_strings says. A double as quoted text keeps -0's sign.
  literal: (value, type) => {
    const text = literalText(value, type);
    const quoted = type === 'text' && text.includes('\\') ? `E${singleQuoted(text.replaceAll('\\', '\\\\'))}` : singleQuoted(text);
    return `CAST(${type === 'text' || type === 'double' ? quoted : text} AS ${TYPES[type]})`;
  },
  dayOfDate: (date) => `CAST((${date}) - DATE '1970-01-01' AS integer)`,
  dayStart: (day, zone) =>
    `CAST(extract(epoch FROM CAST(DATE '1970-01-01' + CAST(${day} AS integer) AS timestamp) AT TIME ZONE ${zone}) * 1000 AS double precision)`,
  series: (from, to) => `CAST(generate_series(CAST(${from} AS integer), CAST(${to} AS integer)) AS integer)`,
};
