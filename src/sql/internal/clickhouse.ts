/**
 * ClickHouse: typed `{pN:Type}` placeholders (values in an object), backquoted
 * identifiers, local days through `toDate32(instant, zone)` (ClickHouse's own tz
 * database). `lead` over a Nullable argument, so the last row of a partition gives NULL,
 * not the type's default 0.
 * @internal
 */

import type { Dialect, SqlType } from './dialect.js';
import { literalText } from './dialect.js';

const TYPES: Record<SqlType, string> = { integer: 'Int32', bigint: 'Int64', double: 'Float64', text: 'String' };

export const clickhouse: Dialect = {
  name: 'clickhouse',
  backslashEscapes: true,
  ident: (name) => `\`${name.replaceAll('\\', '\\\\').replaceAll('`', '\\`')}\``,
  placeholder: (index, type) => `{p${index}:${TYPES[type]}}`,
  params: (values) => Object.fromEntries(values.map((value, i) => [`p${i + 1}`, value])),
  // Nullable: a NULL (an empty aggregate, a column of the source) must survive the cast.
  cast: (expr, type) => `CAST(${expr} AS Nullable(${TYPES[type]}))`,
  nullOf: (type) => `CAST(NULL AS Nullable(${TYPES[type]}))`,
  epochMs: (column, type) =>
    type === 'epoch-ms' ? `toFloat64(floor(${column}))` : `toFloat64(toUnixTimestamp64Milli(toDateTime64(${column}, 3, 'UTC')))`,
  localDay: (ms, zone) => `toInt32(toDate32(fromUnixTimestamp64Milli(toInt64(${ms}), 'UTC'), ${zone}))`,
  monthOfDay: (day) => `toInt32(toYear(toDate32(${day})) * 12 + toMonth(toDate32(${day})) - 1)`,
  floorDiv: (a, b) => `toInt32(floor((${a}) / (${b})))`,
  typeName: (column) => `any(toTypeName(${column}))`,
  next: (expr, partition, order) =>
    `lead(toNullable(${expr})) OVER (PARTITION BY ${partition} ORDER BY ${order})`,
  countWhere: (condition) => `toInt32(countIf(${condition}))`,
  extreme: (kind, expr) => `${kind}OrNull(${expr})`,
  // Strings: `\` and `'` backslash-escaped (and U+0000 as `\0`). Numbers as number literals,
  // which ClickHouse parses exactly (strtod); text cast to Float64 may not be (precise_float_parsing).
  literal: (value, type) => {
    const text = literalText(value, type);
    if (type === 'text') return `CAST('${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'").replaceAll('\u0000', '\\0')}' AS ${TYPES[type]})`;
    return `CAST(${text === '-0' ? '-0.0' : text} AS ${TYPES[type]})`;
  },
  dayOfDate: (date) => `toInt32(toDate32(${date}))`,
  dayStart: (day, zone) => `toFloat64(toUnixTimestamp64Milli(toDateTime64(toDate32(${day}), 3, ${zone})))`,
  series: (from, to) => `toInt32(arrayJoin(range(toInt32(${from}), toInt32(${to}) + 1)))`,
};
