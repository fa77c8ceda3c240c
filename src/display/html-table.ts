import { fail } from '../core/errors.js';
import { requireIterable, requireRecord } from '../core/read.js';
import { escapeText } from './internal/escape.js';

const FN = 'htmlTable';

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
 * column, in the order of `columns`; without `columns`, every key of every row in the
 * order first seen. Cells: strings as they are, numbers and booleans with `String`, `null`
 * and `undefined` (a missing key) empty, dates as ISO strings, other objects (an interval
 * `{ value, lower, upper }`) as JSON. Every header and cell is HTML-escaped (`& < > " '`),
 * so the table is safe to show whatever the data holds. No styling attributes: the
 * notebook's own table style applies.
 *
 * Source: plain HTML table markup (HTML Living Standard, "The table element").
 *
 * Cost: O(rows × columns); with no `columns`, one more pass over the rows' keys.
 *
 * Edge cases: no rows give a table with the header only (empty header without `columns`).
 *
 * @param rows Plain objects (an array or any iterable, read once).
 * @param columns The keys to show, in order (default: all keys, first seen first).
 * @returns The `<table>` element as a string; wrap it in {@link displayable} for a notebook.
 * @throws {MetricsInputError} `invalid-input` when `rows` is not iterable; `invalid-record`
 * at `rows[i]` for a row that is not an object; `invalid-option` at `columns` /
 * `columns[k]` unless `columns` is an array of strings.
 *
 * @example
 * ```ts
 * import { htmlTable } from 'customer-success-metrics/display';
 * htmlTable([{ a: 1 }]).includes('<td>1</td>'); // => true
 * htmlTable([{ a: 1, b: '<x>' }], ['b', 'a']).includes('<tr><td>&lt;x&gt;</td><td>1</td></tr>'); // => true
 * ```
 */
export function htmlTable(rows: Iterable<object>, columns?: readonly string[]): string {
  if (columns !== undefined) {
    if (!Array.isArray(columns)) fail(FN, 'columns', 'invalid-option', 'must be an array of keys', columns);
    columns.forEach((key: unknown, k) => {
      if (typeof key !== 'string') fail(FN, `columns[${k}]`, 'invalid-option', 'must be a string', key);
    });
  }
  const records: Record<string, unknown>[] = [];
  let i = 0;
  for (const row of requireIterable<unknown>(rows, FN, 'rows')) {
    requireRecord(row, FN, 'rows', i++);
    records.push(row as Record<string, unknown>);
  }
  let keys: readonly string[];
  if (columns !== undefined) keys = columns;
  else {
    const seen = new Set<string>();
    for (const record of records) for (const key of Object.keys(record)) seen.add(key);
    keys = [...seen];
  }
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
