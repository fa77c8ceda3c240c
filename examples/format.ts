/**
 * The demo report's model (sections of notes and tables) and its terminal rendering, plus
 * the number formats of its prose. The tables are rows and columns as `textTable` and
 * `htmlTable` take them, so the terminal and the HTML report show the same cells.
 */
import { textTable, type TableColumn } from '../src/display/index.js';

/** A table of the report: rows and the columns to show, formatted by the display module. */
export interface ReportTable {
  /** A line above the table (optional). */
  readonly caption?: string;
  readonly rows: readonly object[];
  readonly columns: readonly (string | TableColumn)[];
  /** Decimals of percentages (default 0). */
  readonly digits?: number;
  readonly currency?: string;
}

/** A section: a title, paragraphs (notes a reader needs), tables, and the charts of the HTML report (by id). */
export interface ReportSection {
  /** A stable id: the HTML anchor, and the key of the section's charts in report-html.ts. */
  readonly id: string;
  readonly title: string;
  readonly notes: readonly string[];
  readonly tables: readonly ReportTable[];
}

/** The whole report. */
export interface Report {
  readonly title: string;
  /** Lines under the title: what the data is, as of when, in which time zone. */
  readonly intro: readonly string[];
  readonly sections: readonly ReportSection[];
}

/** The report as terminal text: `# title`, then per section `## title`, its notes and its tables. */
export function reportText(report: Report): string {
  const out: string[] = [`# ${report.title}`, '', ...report.intro];
  for (const section of report.sections) {
    out.push('', `## ${section.title}`, '');
    for (const note of section.notes) out.push(wrap(note, 100), '');
    for (const table of section.tables) {
      if (table.caption !== undefined) out.push(table.caption);
      out.push(tableText(table), '');
    }
  }
  return `${out.join('\n').replace(/\n{3,}/g, '\n\n').trimEnd()}\n`;
}

/** One table as monospace text (`textTable`). */
export function tableText(table: ReportTable): string {
  return textTable(table.rows, {
    columns: table.columns,
    ...(table.digits === undefined ? {} : { digits: table.digits }),
    ...(table.currency === undefined ? {} : { currency: table.currency }),
  });
}

/** A paragraph wrapped at `width` characters. */
function wrap(text: string, width: number): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

/** `12.3%` (or `–` for nothing). */
export function percent(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined || !Number.isFinite(value) ? '–' : `${(value * 100).toFixed(digits)}%`;
}

/** `$12,345` (whole dollars). */
export function usd(value: number): string {
  return `${value < 0 ? '-' : ''}$${Math.round(Math.abs(value)).toLocaleString('en-US')}`;
}

/** `1,234`. */
export function count(value: number): string {
  return value.toLocaleString('en-US');
}
