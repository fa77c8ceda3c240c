import { fail } from '../core/errors.js';
import { optionsOf } from '../core/options.js';
import { requireIterable, requireRecord } from '../core/read.js';
import { escapeText } from './internal/escape.js';
import type { HtmlTableOptions } from './types.js';

const FN = 'htmlTable';

/** The keys of {@link HtmlTableOptions}: any other key is an `unknown-option` error. */
const HTML_TABLE_OPTION_KEYS = ['columns'] as const satisfies readonly (keyof HtmlTableOptions)[];

/** The text of one cell: empty for `null`/`undefined`, JSON for objects and arrays. */
function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid Date' : value.toISOString();
  if (typeof value === 'object') {
    try {
      return JSON.stringify(value) ?? '';
    } catch {
      return String(value);
    }
  }
  return String(value);
}

/**
 * An HTML `<table>` of result rows, e.g. the `days` of `activeUsers` or the `curve` of
 * `kaplanMeier`, for a notebook or a report.
 *
 * Layout: one header cell `<th>` per column, then one `<tr>` per row with one `<td>` per
 * column, in the order of `options.columns`; without `columns`, every key of every row in
 * the order first seen. Cells: strings as they are, numbers and booleans with `String`,
 * `null` and `undefined` (a missing key) empty, dates as ISO strings, other objects (an
 * interval `{ value, lower, upper }`) as JSON. Every header and cell is HTML-escaped
 * (`& < > " '`), so the table is safe to show whatever the data holds. No styling
 * attributes: the notebook's own table style applies.
 *
 * Source: plain HTML table markup (HTML Living Standard, "The table element").
 *
 * Cost: O(rows × columns); with no `columns`, one more pass over the rows' keys.
 *
 * Edge cases: no rows give a table with the header only (empty header without `columns`).
 *
 * @param rows Plain objects (an array or any iterable, read once).
 * @param options `{ columns? }`: the keys to show, in order (default: all keys, first seen
 * first).
 * @returns The `<table>` element as a string; wrap it in {@link displayable} for a notebook.
 * @throws {MetricsInputError} `invalid-input` when `rows` is not iterable; `invalid-record`
 * at `rows[i]` for a row that is not an object; `invalid-option` at `options.columns` /
 * `options.columns[k]` unless `columns` is an array of strings, and at `options` when it is
 * not an object (an array of columns passed positionally, as in 0.x: write
 * `htmlTable(rows, { columns })`); `unknown-option` for any other key of `options`, naming
 * the closest valid one (`options.column is not an option; did you mean columns?`).
 *
 * @example
 * ```ts
 * import { htmlTable } from 'customer-success-metrics/display';
 * htmlTable([{ a: 1 }]).includes('<td>1</td>'); // => true
 * htmlTable([{ a: 1, b: '<x>' }], { columns: ['b', 'a'] }).includes('<tr><td>&lt;x&gt;</td><td>1</td></tr>'); // => true
 * ```
 */
export function htmlTable(rows: Iterable<object>, options?: HtmlTableOptions): string {
  const columns = readColumns(options);
  const records = readRows(rows);
  const keys = columns ?? keysOf(records);
  const out: string[] = ['<table><thead><tr>'];
  for (const key of keys) out.push(`<th>${escapeText(key)}</th>`);
  out.push('</tr></thead><tbody>');
  for (const record of records) {
    out.push('<tr>');
    for (const key of keys) out.push(`<td>${escapeText(cellText(Object.hasOwn(record, key) ? record[key] : undefined))}</td>`);
    out.push('</tr>');
  }
  out.push('</tbody></table>');
  return out.join('');
}

/** `options.columns`: an array of strings, or `undefined` (every key). */
function readColumns(options: HtmlTableOptions | undefined): readonly string[] | undefined {
  if (Array.isArray(options)) {
    return fail(FN, 'options', 'invalid-option', 'must be an object { columns? }: the columns are no longer positional, pass { columns: [...] }', options);
  }
  const { columns } = optionsOf(options, FN, HTML_TABLE_OPTION_KEYS);
  if (columns === undefined) return undefined;
  if (!Array.isArray(columns)) fail(FN, 'options.columns', 'invalid-option', 'must be an array of keys', columns);
  columns.forEach((key: unknown, k) => {
    if (typeof key !== 'string') fail(FN, `options.columns[${k}]`, 'invalid-option', 'must be a string', key);
  });
  return columns;
}

/** The rows, each checked to be an object. */
function readRows(rows: Iterable<object>): Record<string, unknown>[] {
  const records: Record<string, unknown>[] = [];
  let i = 0;
  for (const row of requireIterable<unknown>(rows, FN, 'rows')) {
    requireRecord(row, FN, 'rows', i++);
    records.push(row as Record<string, unknown>);
  }
  return records;
}

/** Every key of every record, in the order first seen. */
function keysOf(records: readonly Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  for (const record of records) for (const key of Object.keys(record)) seen.add(key);
  return [...seen];
}
