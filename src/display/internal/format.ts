/**
 * The one value formatter of the tables (`htmlTable`, `textTable`): reads the rows (or the
 * one list of rows of a result) and the options, picks the columns (nested objects
 * flattened into one column per leaf), labels them, picks each column's format (declared,
 * or by the field's name and values) and writes every cell for people: rates as
 * percentages, money with its currency, an estimate with its interval, a rate change with
 * its change in points, `null` as `–`. Both tables lay out the same strings; only the
 * escaping (HTML) or the cleaning of control characters (terminal) differs.
 * @internal
 */

import { fail } from '../../core/errors.js';
import { optionsOf } from '../../core/options.js';
import { requireIterable, requireRecord } from '../../core/read.js';
import { TABLE_COLUMN_KEYS, TABLE_FORMATS, TABLE_OPTION_KEYS, type TableColumn, type TableFormat, type TableOptions } from '../types.js';

/** What a `null` (or a value that is not a finite number where one is needed) is written as. */
export const MISSING = '–';

/** A table ready to lay out: the column headers and the cells, row by row, as plain text. */
export interface TableModel {
  /** One per column, in order: its label and whether it holds numbers (aligned right). */
  readonly columns: readonly { readonly label: string; readonly numeric: boolean }[];
  /** `cells[i][j]`: row `i`, column `j`, unescaped. */
  readonly cells: readonly (readonly string[])[];
}

/** How a cell's numbers are written: the scale (× 100 for a percentage), unit and decimals. */
export interface NumberStyle {
  /** `'percent'` (× 100, `%`), `'money'` (a currency), or a plain `'number'`. */
  readonly kind: 'percent' | 'money' | 'number';
  /** Decimals after the point. */
  readonly decimals: number;
  /** The currency of money (a code such as `'USD'`); `null` for none. */
  readonly currency?: string | null;
}

/** The currencies written with a symbol before the amount; any other is written after it (`1,234 CHF`). */
const SYMBOLS: Readonly<Record<string, string>> = { USD: '$', EUR: '€', GBP: '£', JPY: '¥' };

/** Words (the last one of a key) that make a number a rate, shown as a percentage. */
const PERCENT_WORDS = new Set([
  'rate',
  'share',
  'churn',
  'retention',
  'conversion',
  'survival',
  'lift',
  'probability',
  'precision',
  'recall',
  'margin',
  'confidence',
  'discount',
  'utilization',
  'stickiness',
]);

/** Words (any of a key) that make a number an amount of money. */
const MONEY_WORDS = new Set(['mrr', 'arr', 'arpa', 'arpu', 'revenue', 'amount', 'ltv', 'price']);

/** Words written in capitals in a label. */
const ACRONYMS = new Set(['mrr', 'arr', 'arpa', 'arpu', 'ltv', 'dau', 'wau', 'mau', 'nps', 'csat', 'ces', 'nrr', 'grr', 'id', 'utc', 'url', 'iso']);

/** An object this many keys down (`a.b.c.d`) is written `{…}` rather than flattened further. */
const MAX_DEPTH = 4;

// ---------------------------------------------------------------------------------------
// Numbers

/** `|x|` (finite) with `decimals` decimals and thousands separators. */
function digitsOf(x: number, decimals: number): string {
  const fixed = Math.abs(x).toFixed(decimals);
  if (fixed.includes('e')) return fixed; // >= 1e21: toFixed gives exponent notation
  const [whole, fraction] = fixed.split('.') as [string, string | undefined];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return fraction === undefined ? grouped : `${grouped}.${fraction}`;
}

/** The sign a rounded number shows: `-` below zero, `''` otherwise (`-0.001` rounds to `0`). */
function minus(x: number, digits: string): string {
  return x < 0 && /[1-9]/.test(digits) ? '-' : '';
}

/** `prefix`/`suffix` of a unit: `$` before, `%` or ` CHF` after. */
function unitOf(style: NumberStyle): { readonly prefix: string; readonly suffix: string; readonly scale: number } {
  if (style.kind === 'percent') return { prefix: '', suffix: '%', scale: 100 };
  if (style.kind === 'money' && style.currency) {
    const symbol = SYMBOLS[style.currency.toUpperCase()];
    return symbol !== undefined ? { prefix: symbol, suffix: '', scale: 1 } : { prefix: '', suffix: ` ${style.currency}`, scale: 1 };
  }
  return { prefix: '', suffix: '', scale: 1 };
}

/** One number in a style: `54%`, `-$1,234`, `1,234.50 CHF`, `12`; `–` when not finite. */
export function formatNumber(x: number, style: NumberStyle, withSuffix = true): string {
  if (!Number.isFinite(x)) return MISSING;
  const unit = unitOf(style);
  const scaled = x * unit.scale;
  if (!Number.isFinite(scaled)) return MISSING;
  const digits = digitsOf(scaled, style.decimals);
  return `${minus(x, digits)}${unit.prefix}${digits}${withSuffix ? unit.suffix : ''}`;
}

/** A change: `+0.4 pts` for a rate (percentage points, at least one decimal), `+$20` for money, `-3` otherwise. */
function formatChange(x: number, style: NumberStyle): string {
  if (style.kind === 'percent') {
    if (!Number.isFinite(x * 100)) return MISSING;
    const digits = digitsOf(x * 100, Math.max(1, style.decimals));
    return `${x > 0 && /[1-9]/.test(digits) ? '+' : minus(x, digits)}${digits} pts`;
  }
  const text = formatNumber(x, style);
  return text.startsWith('-') || !/[1-9]/.test(text) ? text : `+${text}`;
}

// ---------------------------------------------------------------------------------------
// Figures: an estimate with its interval, a rate with its change

/** The numbers of an estimate-like object; `null` for a missing or non-finite one. */
export interface Figure {
  readonly value: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly change: number | null;
}

// `standardError` rides along on survival estimates (compareRetention's retention rows): the cell shows the interval.
const FIGURE_KEYS = new Set(['value', 'lower', 'upper', 'change', 'direction', 'standardError']);

const finiteOrNull = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);

/**
 * An `Estimate`, `SurvivalQuantile` or `RateChange` read as a figure: an object with
 * `value`, `lower` and `upper` (each a number or `null`) and no key but those and `change`,
 * `direction`, `standardError`. With `loose` (a column declared `'interval'`), any object
 * with a `value` is one, whatever else it holds. Otherwise `null`.
 */
export function figureOf(value: unknown, loose = false): Figure | null {
  if (!isPlainObject(value)) return null;
  const o = value as Record<string, unknown>;
  if (loose) {
    if (!('value' in o)) return null;
  } else {
    if (!('value' in o && 'lower' in o && 'upper' in o)) return null;
    for (const key of Object.keys(o)) if (!FIGURE_KEYS.has(key)) return null;
    for (const key of ['value', 'lower', 'upper', 'change'] as const) {
      if (o[key] !== undefined && o[key] !== null && typeof o[key] !== 'number') return null;
    }
  }
  return { value: finiteOrNull(o['value']), lower: finiteOrNull(o['lower']), upper: finiteOrNull(o['upper']), change: finiteOrNull(o['change']) };
}

/**
 * A figure in a style: `54% (49–59%)`, `3.2% (+0.4 pts)`, `50% (9–91%; +50.0 pts)`,
 * `-4 (-12 to 4)` (bounds joined by `to` when one is negative), `12 (≥ 8)` when only one
 * bound is known; `–` without a value.
 */
export function formatFigure(figure: Figure, style: NumberStyle): string {
  if (figure.value === null) return MISSING;
  const parts: string[] = [];
  const { lower, upper } = figure;
  if (lower !== null && upper !== null) {
    const separator = lower < 0 || upper < 0 ? ' to ' : '–';
    parts.push(`${formatNumber(lower, style, false)}${separator}${formatNumber(upper, style)}`);
  } else if (lower !== null) parts.push(`≥ ${formatNumber(lower, style)}`);
  else if (upper !== null) parts.push(`≤ ${formatNumber(upper, style)}`);
  if (figure.change !== null) parts.push(formatChange(figure.change, style));
  const text = formatNumber(figure.value, style);
  return parts.length === 0 ? text : `${text} (${parts.join('; ')})`;
}

// ---------------------------------------------------------------------------------------
// Labels and default formats

/** A key's words: `startingMrr` → `starting`, `mrr`; `customers_at_start` → `customers`, `at`, `start`. */
export function wordsOf(key: string): string[] {
  return key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[\s_.-]+/)
    .filter((word) => word !== '')
    .map((word) => word.toLowerCase());
}

/** A key in camelCase or snake_case, which a label writes in words; any other key is shown as it is. */
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * A column label from its key path: the words of every key, acronyms in capitals (MRR,
 * DAU, NPS, ID...), `dau mau` as `DAU/MAU`, `p value` as `p-value`, the first letter
 * capitalized: `startingMrr` → `Starting MRR`, `['customers', 'start']` → `Customers
 * start`, `meanDauMau` → `Mean DAU/MAU`, `accountId` → `Account ID`. A key that is not an
 * identifier (`'2024-01'`, `'a b'`, `'%'`) is written as it is. With `prefix` (the label
 * given to a parent object), the words follow it.
 */
export function labelOf(path: readonly string[], prefix?: string): string {
  const out: string[] = [];
  let capitalize = prefix === undefined;
  path.forEach((key, k) => {
    if (!IDENTIFIER.test(key)) {
      if (k === 0) capitalize = false;
      out.push(key);
      return;
    }
    const words = wordsOf(key);
    if (words.length === 0) out.push(key); // `_`
    for (let i = 0; i < words.length; i++) {
      const word = words[i] as string;
      const next = words[i + 1];
      if ((word === 'dau' || word === 'wau') && next === 'mau') {
        out.push(`${word.toUpperCase()}/MAU`);
        i++;
      } else if (word === 'p' && next === 'value') {
        out.push('p-value');
        i++;
      } else out.push(ACRONYMS.has(word) ? word.toUpperCase() : word);
    }
  });
  const text = out.join(' ');
  if (prefix !== undefined) return text === '' ? prefix : `${prefix} ${text}`;
  return capitalize ? text.charAt(0).toUpperCase() + text.slice(1) : text;
}

/**
 * The format a field's name implies, or `null`: a rate (last word `Rate`, `Share`, `Churn`,
 * `Retention`, `Conversion`, `Survival`, `Lift`, `Probability`, `Precision`, `Recall`,
 * `Margin`, `Confidence`, `Discount`, `Utilization`, `Stickiness`; or `ratio`, `dauMau`,
 * `wauMau`) is `'percent'`; money (a word `Mrr`, `Arr`, `Arpa`, `Arpu`, `Revenue`,
 * `Amount`, `Ltv`, `Price`) is `'money'`; an id (`id`, `...Id`), `group`, `year` are
 * `'text'` (no thousands separators); a `timestamp` or `...At` is a `'date'`. A rate word
 * wins over a money word: `revenueChurnRate` is a rate.
 */
export function formatByName(key: string): TableFormat | null {
  const words = wordsOf(key);
  const last = words[words.length - 1];
  if (last === undefined) return null;
  if (PERCENT_WORDS.has(last) || key === 'ratio' || /[dw]au_?mau$/i.test(key)) return 'percent';
  if (words.some((word) => MONEY_WORDS.has(word))) return 'money';
  if (last === 'id' || key === 'group' || key === 'year') return 'text';
  if (last === 'timestamp' || (last === 'at' && words.length > 1)) return 'date';
  return null;
}

// ---------------------------------------------------------------------------------------
// Reading the input and the options

/** An object to flatten or read fields of: not an array, a date, a map or a set. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date) && !(value instanceof Map) && !(value instanceof Set);
}

const isIterable = (value: unknown): value is Iterable<unknown> =>
  value !== null && value !== undefined && typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] === 'function';

/**
 * The rows and the result's currency: rows as given (an iterable of objects); or, for a
 * result (an object that is not iterable), its first field that is a list of rows (an
 * array whose items are all objects: `months`, `byMonth`, `curve`...), with the result's
 * `currency`; or, for a result without such a list, the result itself as one row.
 */
function readInput(input: unknown, fn: string): { rows: Record<string, unknown>[]; currency: string | null } {
  if (input !== null && typeof input === 'object' && !isIterable(input)) {
    const result = input as Record<string, unknown>;
    const key = Object.keys(result).find((k) => {
      const value = result[k];
      return Array.isArray(value) && value.every((item) => item !== null && typeof item === 'object' && !Array.isArray(item));
    });
    if (key === undefined) return { rows: [result], currency: null };
    const currency = typeof result['currency'] === 'string' && result['currency'] !== '' ? result['currency'] : null;
    return { rows: readRows(result[key], fn, `rows.${key}`), currency };
  }
  return { rows: readRows(input, fn, 'rows'), currency: null };
}

/** Rows: an iterable of objects, read once. */
function readRows(list: unknown, fn: string, path: string): Record<string, unknown>[] {
  const rows: Record<string, unknown>[] = [];
  let i = 0;
  for (const row of requireIterable<unknown>(list, fn, path)) {
    requireRecord(row, fn, path, i++);
    rows.push(row as Record<string, unknown>);
  }
  return rows;
}

/** A column as asked for, checked. */
interface ColumnSpec {
  readonly key: string;
  readonly label?: string;
  readonly format?: TableFormat;
  readonly digits?: number;
}

/** `digits` of the options or of a column: an integer from 0 to 10. */
function readDigits(value: unknown, fn: string, path: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 10) return value;
  return fail(fn, path, 'invalid-option', 'must be an integer from 0 to 10 (decimals)', value);
}

/** The options, checked: every key known, no `null`, each value of its type. */
function readOptions(
  options: unknown,
  fn: string,
): { columns: ColumnSpec[] | undefined; currency: string | undefined; digits: number | undefined } {
  if (Array.isArray(options)) {
    return fail(fn, 'options', 'invalid-option', 'must be an object { columns?, currency?, digits? }: the columns are no longer positional, pass { columns: [...] }', options);
  }
  const given = optionsOf(options as TableOptions | undefined, fn, TABLE_OPTION_KEYS);
  const { currency } = given;
  if (currency !== undefined && (typeof currency !== 'string' || currency.trim() === '')) {
    fail(fn, 'options.currency', 'invalid-option', "must be a currency code such as 'USD' or 'EUR'", currency);
  }
  const digits = readDigits(given.digits, fn, 'options.digits');
  if (given.columns === undefined) return { columns: undefined, currency, digits };
  if (!Array.isArray(given.columns)) {
    fail(fn, 'options.columns', 'invalid-option', 'must be an array of keys or columns { key, label?, format?, digits? }', given.columns);
  }
  const columns = (given.columns as readonly unknown[]).map((column, k): ColumnSpec => {
    const path = `options.columns[${k}]`;
    if (typeof column === 'string') return { key: column };
    if (column === null || typeof column !== 'object' || Array.isArray(column)) {
      return fail(fn, path, 'invalid-option', 'must be a key (a string) or a column { key, label?, format?, digits? }', column);
    }
    const c = optionsOf(column as TableColumn, fn, TABLE_COLUMN_KEYS, path);
    if (typeof c.key !== 'string') fail(fn, `${path}.key`, 'invalid-option', "must be a string: the field to show, e.g. 'startingMrr' or 'customers.start'", c.key);
    if (c.label !== undefined && typeof c.label !== 'string') fail(fn, `${path}.label`, 'invalid-option', 'must be a string', c.label);
    if (c.format !== undefined && !(TABLE_FORMATS as readonly unknown[]).includes(c.format)) {
      fail(fn, `${path}.format`, 'invalid-option', `must be one of ${TABLE_FORMATS.map((f) => `'${f}'`).join(', ')}`, c.format);
    }
    const columnDigits = readDigits(c.digits, fn, `${path}.digits`);
    return {
      key: c.key as string,
      ...(c.label !== undefined ? { label: c.label } : {}),
      ...(c.format !== undefined ? { format: c.format } : {}),
      ...(columnDigits !== undefined ? { digits: columnDigits } : {}),
    };
  });
  return { columns, currency, digits };
}

// ---------------------------------------------------------------------------------------
// Columns

/** A column of leaf values: where to read them, its label, and what was asked of it. */
interface Leaf {
  readonly path: readonly string[];
  readonly label: string;
  readonly format?: TableFormat;
  readonly digits?: number;
}

/**
 * A node of the key tree: a leaf (its value is shown), a group (its keys are), or both. A
 * key that is only ever `null` (or an object in other rows) is `nullOnly`: it has its own
 * column only when no row gives it keys.
 */
interface KeyNode {
  leaf: boolean;
  nullOnly: boolean;
  readonly children: Map<string, KeyNode>;
}

const newNode = (): KeyNode => ({ leaf: false, nullOnly: false, children: new Map() });

/** Whether a value is flattened into one column per key: a plain object that is not a figure. */
const isGroup = (value: unknown, depth: number): value is Record<string, unknown> => depth < MAX_DEPTH && isPlainObject(value) && figureOf(value) === null;

/** Adds the keys of `value` to `node`, first seen first. */
function addKeys(node: KeyNode, value: Record<string, unknown>, depth: number): void {
  for (const key of Object.keys(value)) {
    let child = node.children.get(key);
    if (child === undefined) {
      child = newNode();
      node.children.set(key, child);
    }
    const inner = value[key];
    if (isGroup(inner, depth + 1)) addKeys(child, inner, depth + 1);
    else if (inner === null || inner === undefined) child.nullOnly = true;
    else child.leaf = true;
  }
}

/** The leaf paths under `node`, in order: a key's own column before its nested ones. */
function leavesOf(node: KeyNode, path: readonly string[]): string[][] {
  const out: string[][] = [];
  for (const [key, child] of node.children) {
    const here = [...path, key];
    if (child.leaf || (child.nullOnly && child.children.size === 0)) out.push(here);
    out.push(...leavesOf(child, here));
  }
  return out;
}

/** The value at `path`: `undefined` when a key is missing, `null` when an object on the way is `null`. */
function valueAt(row: Record<string, unknown>, path: readonly string[]): unknown {
  let value: unknown = row;
  for (const key of path) {
    if (value === null) return null;
    if (!isPlainObject(value) || !Object.hasOwn(value, key)) return undefined;
    value = value[key];
  }
  return value;
}

/** The columns: as asked (objects among them flattened), or every leaf of every row. */
function leavesFor(rows: readonly Record<string, unknown>[], specs: readonly ColumnSpec[] | undefined): Leaf[] {
  if (specs === undefined) {
    const root = newNode();
    for (const row of rows) addKeys(root, row, 0);
    return leavesOf(root, []).map((path) => ({ path, label: labelOf(path) }));
  }
  const out: Leaf[] = [];
  for (const spec of specs) {
    // A key with a dot is a path (`customers.start`), unless a row has that very key.
    const path = spec.key.includes('.') && !rows.some((row) => Object.hasOwn(row, spec.key)) ? spec.key.split('.') : [spec.key];
    const values = rows.map((row) => valueAt(row, path));
    const expand = spec.format !== 'interval' && spec.format !== 'text' && values.some((value) => isGroup(value, path.length));
    if (!expand) {
      out.push({ path, label: spec.label ?? labelOf(path), ...(spec.format !== undefined ? { format: spec.format } : {}), ...(spec.digits !== undefined ? { digits: spec.digits } : {}) });
      continue;
    }
    const node = newNode();
    for (const value of values) {
      if (isGroup(value, path.length)) addKeys(node, value, path.length);
      else if (value !== undefined && value !== null) node.leaf = true;
    }
    const prefix = spec.label ?? labelOf(path);
    if (node.leaf) out.push({ path, label: prefix });
    for (const sub of leavesOf(node, [])) {
      out.push({
        path: [...path, ...sub],
        label: labelOf(sub, prefix),
        ...(spec.format !== undefined ? { format: spec.format } : {}),
        ...(spec.digits !== undefined ? { digits: spec.digits } : {}),
      });
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// Cells

/** The numbers a column's decimals are chosen from: plain numbers and the figures' value and bounds. */
function numbersIn(values: readonly unknown[], loose: boolean): number[] {
  const out: number[] = [];
  for (const value of values) {
    if (typeof value === 'number') out.push(value);
    const figure = figureOf(value, loose);
    if (figure !== null) for (const x of [figure.value, figure.lower, figure.upper]) if (x !== null) out.push(x);
  }
  return out.filter(Number.isFinite);
}

/** Fields of a figure spread over columns (a Kaplan-Meier step's `lower`, `upper`): rates when their numbers lie in [0, 1]. */
const BOUND_KEYS = new Set(['value', 'lower', 'upper']);

/**
 * The format of a column without one declared: by its name ({@link formatByName}); else a
 * `'date'` when it holds dates; else `'percent'` when it is a `value`, `lower` or `upper`
 * column whose numbers all lie in [0, 1], or when it holds rate changes (a figure with a
 * `change`), or figures whose numbers all lie in [0, 1]; else `'number'`. With `loose`
 * (a column declared `'interval'`), any object with a `value` is a figure.
 */
export function defaultFormat(key: string, values: readonly unknown[], loose = false): TableFormat {
  const byName = formatByName(key);
  if (byName !== null) return byName;
  if (values.some((value) => value instanceof Date)) return 'date';
  if (BOUND_KEYS.has(key)) {
    const numbers = numbersIn(values, loose);
    if (numbers.length > 0 && numbers.every((x) => x >= 0 && x <= 1)) return 'percent';
  }
  const figures = values.filter((value) => figureOf(value, loose) !== null);
  if (figures.length > 0) {
    if (figures.some((value) => 'change' in (value as object))) return 'percent';
    const numbers = numbersIn(figures, loose);
    if (numbers.length > 0 && numbers.every((x) => x >= 0 && x <= 1)) return 'percent';
  }
  return 'number';
}

/** A date: `YYYY-MM-DD` at midnight UTC, the ISO instant otherwise; `–` when invalid. */
function dateText(value: Date | number): string {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return MISSING;
  const iso = date.toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
}

/** JSON, or `String` when JSON fails (a cycle, a BigInt). */
function jsonText(value: unknown): string {
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** A list: its items joined by `, ` when they are all scalars, else how many items (`3 items`). */
function listText(items: readonly unknown[], write: (value: unknown) => string): string {
  if (items.length === 0) return MISSING;
  if (items.every((item) => item === null || typeof item !== 'object' || item instanceof Date)) return items.map(write).join(', ');
  return items.length === 1 ? '1 item' : `${items.length} items`;
}

/** How a column writes its cells: its format, the style of its numbers, the currency rule. */
export interface CellPlan {
  readonly format: TableFormat;
  /** The numbers' style (money's currency is set per row). */
  readonly style: NumberStyle;
  /** An object with a `value` is read as a figure (a column declared `'interval'`). */
  readonly loose: boolean;
}

/**
 * One cell. `null` is `–` and a missing field empty, whatever the format; strings are as
 * they are; booleans `yes`/`no` (`true`/`false` in a `'text'` column); numbers and figures
 * in the column's style; dates (a `Date`, or a number in a `'date'` column) as
 * `YYYY-MM-DD` or an ISO instant; lists as their items or their count; other objects as
 * JSON.
 */
export function formatCell(value: unknown, plan: CellPlan): string {
  if (value === undefined) return '';
  if (value === null) return MISSING;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' && !Number.isFinite(value)) return MISSING;
  if (value instanceof Date) return dateText(value);
  if (plan.format === 'text') return typeof value === 'object' ? jsonText(value) : String(value);
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'bigint') return `${value < 0n ? '-' : ''}${(value < 0n ? -value : value).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
  if (typeof value === 'number') {
    if (plan.format === 'date') return dateText(value);
    return formatNumber(value, plan.style);
  }
  const figure = figureOf(value, plan.loose);
  if (figure !== null) return formatFigure(figure, plan.style);
  if (Array.isArray(value)) return listText(value, (item) => formatCell(item, plan));
  if (value instanceof Map || value instanceof Set) return value.size === 1 ? '1 item' : `${value.size} items`;
  if (typeof value === 'object') return isPlainObject(value) && Object.keys(value).length > 0 ? '{…}' : jsonText(value);
  return String(value);
}

/** The plan of a column: its format (declared or by default) and its numbers' style. */
function planOf(leaf: Leaf, values: readonly unknown[], percentDigits: number): CellPlan {
  const key = leaf.path[leaf.path.length - 1] ?? '';
  const declared = leaf.format;
  const loose = declared === 'interval';
  // 'interval' writes the figure on the scale its name or numbers imply.
  const format = declared === 'interval' ? intervalScale(key, values) : declared ?? defaultFormat(key, values);
  const numbers = numbersIn(values, loose);
  const autoDecimals = numbers.every(Number.isInteger) ? 0 : 2;
  const style: NumberStyle =
    format === 'percent'
      ? { kind: 'percent', decimals: leaf.digits ?? percentDigits }
      : format === 'money'
        ? { kind: 'money', decimals: leaf.digits ?? autoDecimals, currency: null }
        : format === 'integer'
          ? { kind: 'number', decimals: 0 }
          : { kind: 'number', decimals: leaf.digits ?? autoDecimals };
  return { format: declared ?? format, style, loose };
}

/** The scale of a figure in a column declared `'interval'`: percent, money or number, as its name or numbers imply. */
function intervalScale(key: string, values: readonly unknown[]): TableFormat {
  const format = defaultFormat(key, values, true);
  return format === 'percent' || format === 'money' ? format : 'number';
}

/** Whether a column is aligned right: a numeric format, or (by default) every value a number or figure. */
function isNumeric(plan: CellPlan, declared: TableFormat | undefined, values: readonly unknown[], depth: number): boolean {
  if (declared !== undefined) return declared !== 'text' && declared !== 'date';
  if (plan.format === 'text' || plan.format === 'date') return false;
  // Objects whose fields have their own columns leave their cell here empty.
  const present = values.filter((value) => value !== undefined && value !== null && !isGroup(value, depth));
  return present.length > 0 && present.every((value) => typeof value === 'number' || typeof value === 'bigint' || figureOf(value) !== null);
}

/** A row's own currency: its `currency` field when it is a non-empty string. */
function rowCurrency(row: Record<string, unknown>): string | null {
  const currency = row['currency'];
  return typeof currency === 'string' && currency !== '' ? currency : null;
}

/**
 * The table of `input` with `options`, for `fn` (the calling function, named in errors):
 * columns, labels and every cell written for people. Money's currency: `options.currency`,
 * else the row's `currency` field, else the result's `currency`, else none.
 */
export function tableModel(input: unknown, options: unknown, fn: string): TableModel {
  const o = readOptions(options, fn);
  const { rows, currency: resultCurrency } = readInput(input, fn);
  const leaves = leavesFor(rows, o.columns);
  const columns: { label: string; numeric: boolean }[] = [];
  const cells: string[][] = rows.map(() => []);
  for (const leaf of leaves) {
    const values = rows.map((row) => valueAt(row, leaf.path));
    const plan = planOf(leaf, values, o.digits ?? 0);
    columns.push({ label: leaf.label, numeric: isNumeric(plan, leaf.format, values, leaf.path.length) });
    rows.forEach((row, i) => {
      const rowPlan =
        plan.style.kind === 'money' ? { ...plan, style: { ...plan.style, currency: o.currency ?? rowCurrency(row) ?? resultCurrency } } : plan;
      const value = values[i];
      // An object whose fields have their own columns (a key that is a number in other rows).
      const shownElsewhere = !plan.loose && plan.format !== 'text' && isGroup(value, leaf.path.length);
      (cells[i] as string[]).push(shownElsewhere ? '' : formatCell(value, rowPlan));
    });
  }
  return { columns, cells };
}
