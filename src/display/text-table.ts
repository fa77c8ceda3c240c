import { tableModel } from './internal/format.js';
import type { TableInput, TextTableOptions } from './types.js';

const FN = 'textTable';

/** Space between two columns. */
const GAP = '  ';

/**
 * Characters a terminal would act on rather than print (escape sequences, carriage
 * returns, bells...): line breaks and tabs become a space, other control characters and
 * unpaired surrogates U+FFFD, so a cell is one line and cannot move the cursor.
 */
function printable(text: string): string {
  return text
    .replace(/[\t\n\r\v\f\u2028\u2029]/g, ' ')
    .replace(/[\u0000-\u001F\u007F-\u009F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** Width in code points (what a monospace terminal shows for Latin text, `–`, `€`, `≥`). */
const widthOf = (text: string): number => Array.from(text).length;

/** `text` padded with spaces to `width`, on the left for a right-aligned column. */
function pad(text: string, width: number, right: boolean): string {
  const fill = ' '.repeat(Math.max(0, width - widthOf(text)));
  return right ? fill + text : text + fill;
}

/**
 * A plain-text table of result rows for a terminal (`console.log(textTable(result))`) or a
 * notebook's `text/plain` output: the same columns, headers and cells as
 * {@link htmlTable} (rates as percentages, money with its currency, `54% (49–59%)`, nested
 * objects as columns, `null` as `–`; see there for every rule), laid out in monospace.
 *
 * Layout: a header line, a line of `-` under each header, then one line per row; columns
 * are as wide as their widest cell or header (at least 1) and two spaces apart; number columns (a
 * numeric format, or every value a number or figure) are aligned right, headers included,
 * other columns left; trailing spaces are trimmed; lines end with `\n`, none after the
 * last. Widths count code points, so wide (CJK) characters and emoji may misalign.
 *
 * Source: the layout of `psql`'s aligned output and of pandas' `DataFrame.to_string`.
 *
 * Cost: O(rows × columns) after the formatting {@link htmlTable} does.
 *
 * Edge cases: no rows give the header and its rule; no columns at all give `''`. Control
 * characters in the data (an escape sequence, a line break) are replaced, never printed:
 * line breaks and tabs by a space, others by U+FFFD.
 *
 * @param rows Rows (an array or another iterable of objects, read once), or a result as it
 * is (its first list of rows, `mrrMovements(...)` for its `months`; or itself as one row).
 * @param options `{ columns?, currency?, digits? }`, as {@link htmlTable} takes them.
 * @returns The table as a string.
 * @throws {MetricsInputError} As {@link htmlTable}, naming `textTable`.
 *
 * @example
 * ```ts
 * import { textTable } from 'customer-success-metrics/display';
 * textTable([
 *   { month: '2024-01', endingMrr: 1200, logoChurn: { value: 0.05, lower: 0.01, upper: 0.2 } },
 *   { month: '2024-02', endingMrr: 15000, logoChurn: null },
 * ], { currency: 'USD' }).split('\n');
 * // => ['Month    Ending MRR  Logo churn', '-------  ----------  ----------', '2024-01      $1,200  5% (1–20%)', '2024-02     $15,000           –']
 * ```
 */
export function textTable(rows: TableInput, options?: TextTableOptions): string {
  const { columns, cells } = tableModel(rows, options, FN);
  if (columns.length === 0) return '';
  const labels = columns.map((column) => printable(column.label));
  const body = cells.map((row) => row.map(printable));
  const widths = labels.map((label, j) => Math.max(1, widthOf(label), ...body.map((row) => widthOf(row[j] ?? ''))));
  const line = (texts: readonly string[]): string =>
    texts
      .map((text, j) => pad(text, widths[j] as number, columns[j]?.numeric === true))
      .join(GAP)
      .trimEnd();
  return [line(labels), widths.map((width) => '-'.repeat(width)).join(GAP), ...body.map(line)].join('\n');
}
