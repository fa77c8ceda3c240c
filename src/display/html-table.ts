import { escapeText } from './internal/escape.js';
import { tableModel } from './internal/format.js';
import type { HtmlTableOptions, TableInput } from './types.js';

const FN = 'htmlTable';

/** Numbers line up on the right, and a figure such as `54% (49–59%)` stays on one line. */
const RIGHT_HEAD = ' style="text-align:right"';
const RIGHT_CELL = ' style="text-align:right;white-space:nowrap"';

/**
 * An HTML `<table>` of result rows for a notebook or a report, every value written for
 * people: `htmlTable(mrrMovements(snapshots))` shows the months of the MRR bridge in dollars,
 * `htmlTable(churnRates(bridge))` the monthly rates as `3% (+0.4 pts)`. {@link textTable}
 * writes the same cells for a terminal.
 *
 * Input: rows (an array or another iterable of objects, read once), or a result as it is.
 * A result's rows are its first field that is a list of objects: the `months` of
 * `mrrMovements`, the `byMonth` of `churnRates`, the `curve` of `kaplanMeier`, the `days` of
 * `activeUsers` (before its `groups`); the result's `currency` then applies to its money.
 * For another list pass it (`htmlTable(result.groups)`, `htmlTable(healthScores(a).accounts)`:
 * that result lists its `bands` first). A result without a list (`lifetimeValueInputs`,
 * `netRevenueRetention`) is one row.
 *
 * Columns: `options.columns` in order, each a key, a path (`'customers.start'`) or
 * `{ key, label?, format?, digits? }`; by default every field of every row, first seen
 * first. A nested object (an MRR month's `customers: { start, end, ... }`) becomes one
 * column per key (`Customers start`, `Customers end`), except figures (below). Headers are
 * the keys in words: camelCase split, acronyms in capitals, the first letter capital
 * (`startingMrr` → `Starting MRR`, `dauMau` → `DAU/MAU`, `accountId` → `Account ID`); a
 * `label` replaces it (for an object, it starts its columns' headers).
 *
 * Formats (declared with `format`, else by the field's name, else by its values):
 * - a rate, as a percentage with `options.digits` decimals (default 0): a name whose last
 *   word is Rate, Share, Churn, Retention, Conversion, Survival, Lift, Probability,
 *   Precision, Recall, Margin, Confidence, Discount, Utilization or Stickiness, or `ratio`,
 *   `dauMau`, `wauMau`; also a column of `RateChange`s, of estimates whose numbers all lie
 *   in [0, 1], or a `value`, `lower` or `upper` column whose numbers all do (a Kaplan-Meier
 *   step's bounds). `0.543` → `54%`;
 * - money, with its currency (`options.currency`, else the row's `currency`, else the
 *   result's; `$`, `€`, `£`, `¥` before USD, EUR, GBP, JPY amounts, any other code after:
 *   `1,234 CHF`; none: `1,234`): a name with the word MRR, ARR, ARPA, ARPU, Revenue,
 *   Amount, LTV or Price (`startingMrr`, `mrrAtRisk`), unless it is a rate
 *   (`revenueChurnRate`). No decimals when every amount of the column is whole, else 2;
 * - text (no thousands separators): ids (`id`, `accountId`), `group`, `year`;
 * - a date: a `Date`, or a number in a `timestamp` or `...At` field: `YYYY-MM-DD` at
 *   midnight UTC, else the ISO instant;
 * - any other number: grouped (`1,234`), no decimals when every number of the column is
 *   whole, else 2.
 * A figure (an `Estimate` or `SurvivalQuantile` `{ value, lower, upper }`, a `RateChange`
 * with `change`) is one cell: `54% (49–59%)`, `3.2% (+0.4 pts)` (the change in percentage
 * points), `50% (9–91%; +50.0 pts)`, `-4 (-12 to 4)` (bounds joined by "to" when one is
 * negative), `12 (≥ 8)` when only one bound is known. `null` is `–` and a missing field an
 * empty cell; strings are as they are, booleans `yes`/`no`, lists their items (`nps, logins`)
 * or their count (`3 items`); no `NaN` or `Infinity` is ever written (`–`).
 *
 * Markup: one `<th>` per column, one `<tr>` per row; number columns (a numeric format, or
 * every value a number or figure) are aligned right with an inline style; no other styling,
 * so the notebook's table style applies. Every header and cell is HTML-escaped.
 *
 * Source: plain HTML table markup (HTML Living Standard, "The table element"); formats as
 * subscription-analytics dashboards (ChartMogul, Baremetrics) show MRR and rates.
 *
 * Cost: O(rows × columns), plus one pass over the rows for the columns and one per column
 * for its format and decimals.
 *
 * Edge cases: no rows give a table with the header only (an empty header without
 * `columns`); a key no row has gives an empty column; an object four keys deep
 * (`a.b.c.d`) is written `{…}`, not flattened further.
 *
 * @param rows Rows, or a result (its first list of rows, or itself as one row).
 * @param options `{ columns?, currency?, digits? }`.
 * @returns The `<table>` element as a string; wrap it in {@link displayable} for a notebook.
 * @throws {MetricsInputError} `invalid-input` at `rows` when it is not an object (rows or
 * a result); `invalid-record` at `rows[i]` for a row that is
 * not an object; `invalid-option` at `options` when it is not an object
 * (an array of columns passed positionally, as in 0.x: write `htmlTable(rows, { columns })`),
 * at `options.columns` unless it is an array, at `options.columns[k]` unless each is a
 * string or a column, at `options.columns[k].key`/`.label` (a string), `.format` (one of
 * the formats) and `.digits`/`options.digits` (an integer from 0 to 10), at
 * `options.currency` (a non-empty string), and for `null` anywhere; `unknown-option` for
 * any other key, naming the closest valid one (`options.column is not an option; did you
 * mean columns?`).
 *
 * @example
 * ```ts
 * import { htmlTable } from 'customer-success-metrics/display';
 * import { mrrMovements } from 'customer-success-metrics/revenue';
 * htmlTable([{ month: '2024-02', churnRate: 0.0325 }], { digits: 1 }).includes('<td style="text-align:right;white-space:nowrap">3.3%</td>'); // => true
 * htmlTable([{ a: 1, b: '<x>' }], { columns: ['b', 'a'] }).includes('<tr><td>&lt;x&gt;</td>'); // => true
 * // A result as it is: its months, money in its currency, nested customer counts as columns.
 * const bridge = mrrMovements([
 *   { accountId: 'a', month: '2024-01', mrr: 1200, currency: 'EUR' },
 *   { accountId: 'a', month: '2024-02', mrr: 1500, currency: 'EUR' },
 * ]);
 * const html = htmlTable(bridge, { columns: ['month', 'endingMrr', 'customers.end'] });
 * html.includes('<th style="text-align:right">Ending MRR</th>'); // => true
 * html.includes('>€1,500</td>'); // => true
 * ```
 */
export function htmlTable(rows: TableInput, options?: HtmlTableOptions): string {
  const { columns, cells } = tableModel(rows, options, FN);
  const out: string[] = ['<table><thead><tr>'];
  for (const column of columns) out.push(`<th${column.numeric ? RIGHT_HEAD : ''}>${escapeText(column.label)}</th>`);
  out.push('</tr></thead><tbody>');
  for (const row of cells) {
    out.push('<tr>');
    row.forEach((cell, j) => out.push(`<td${columns[j]?.numeric === true ? RIGHT_CELL : ''}>${escapeText(cell)}</td>`));
    out.push('</tr>');
  }
  out.push('</tbody></table>');
  return out.join('');
}
