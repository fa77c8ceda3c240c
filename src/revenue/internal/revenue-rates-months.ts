/**
 * Reading the monthly MRR bridge (the `mrrMovements` result, `{ months: MrrMonth[] }`) that
 * the revenue rates are built on, and the small ratio helpers they share. Each function
 * reads only the fields it needs, so rows from another source (a ChartMogul or Baremetrics
 * export mapped to these names, passed as `{ months }`) work as long as those fields are
 * there.
 * @internal
 */

import { parseMonthKey } from '../../core/calendar.js';
import { fail, failRecord } from '../../core/errors.js';
import { requireIterable, requireRecord } from '../../core/read.js';
import type { RateChange } from '../../core/types.js';
import { MONTH_PROBLEM } from './revenue-months.js';

/** The money fields of an `MrrMonth`. */
export type MoneyField = 'startingMrr' | 'newMrr' | 'expansionMrr' | 'contractionMrr' | 'churnedMrr' | 'reactivationMrr' | 'endingMrr';

/** The customer counts of an `MrrMonth` (`customers.<field>`). */
export type CountField = 'start' | 'new' | 'expanded' | 'contracted' | 'churned' | 'reactivated' | 'end';

/**
 * One validated month. Fields that were not asked for are `NaN`, so reading one by mistake
 * shows up in any test.
 */
export interface MonthRow {
  /** Index of the row in the input, for error paths. */
  readonly index: number;
  /** `year * 12 + month - 1`. */
  readonly monthNumber: number;
  /** `YYYY-MM`. */
  readonly month: string;
  /** The row's `complete` flag; `true` when the row does not carry one. */
  readonly complete: boolean;
  readonly money: Readonly<Record<MoneyField, number>>;
  readonly customers: Readonly<Record<CountField, number>>;
}


const MONEY_FIELDS: readonly MoneyField[] = ['startingMrr', 'newMrr', 'expansionMrr', 'contractionMrr', 'churnedMrr', 'reactivationMrr', 'endingMrr'];
const COUNT_FIELDS: readonly CountField[] = ['start', 'new', 'expanded', 'contracted', 'churned', 'reactivated', 'end'];

/**
 * Relative slack of the check `churnedMrr + contractionMrr <= startingMrr`: bridges built
 * with rounded sums may overshoot by a few units in the last place, never by a billionth.
 */
const BRIDGE_SLACK = 1e-9;

/** The path of the bridge's rows in error messages: `movements.months[3]`. */
const ROWS = 'movements.months';

/**
 * The rows of a bridge: the `months` of the `mrrMovements` result (or of any `{ months }`).
 * @throws {MetricsInputError} `invalid-input` at `movements` for anything else (an array of
 * rows says to pass the result itself, or `{ months: rows }`), at `movements.months` when
 * that is not iterable.
 */
function bridgeRows(fn: string, movements: unknown): Iterable<object> {
  if (movements === null || typeof movements !== 'object' || typeof (movements as Partial<Iterable<unknown>>)[Symbol.iterator] === 'function') {
    const problem = 'must be the result of mrrMovements (an object with a months list), passed as it is; rows of months from elsewhere go in as { months: rows }';
    fail(fn, 'movements', 'invalid-input', problem, movements);
  }
  return requireIterable<object>((movements as { months?: unknown }).months, fn, ROWS);
}

/**
 * Reads and validates the months of a bridge, sorted by month. Every month appears at most
 * once; `complete` is a boolean when present (a row without it is a finished month, as a
 * bridge exported from another tool usually is); amounts are finite numbers >= 0; counts
 * integers >= 0. When the fields are read, it also checks what any true bridge satisfies:
 * `customers.churned`, `customers.expanded` and `customers.contracted` do not exceed
 * `customers.start`, and `churnedMrr + contractionMrr` does not exceed `startingMrr`
 * (within a relative 1e-9 for rounding). O(n log n) for the sort (O(n) when already in
 * order), O(n) memory.
 *
 * @throws {MetricsInputError} `invalid-input` (`movements` not a bridge, `movements.months`
 * not iterable), `invalid-record`, `invalid-month` (`movements.months[i].month`),
 * `duplicate-month`, `invalid-boolean` (`movements.months[i].complete`), `invalid-number`
 * (`movements.months[i].<field>` or `movements.months[i].customers.<field>`),
 * `inconsistent-movements`; the messages name the month beside the index
 * (`movements.months[3] (month "2024-04").churnedMrr`).
 */
export function readMrrMonths(fn: string, movements: unknown, moneyFields: readonly MoneyField[], countFields: readonly CountField[]): MonthRow[] {
  const rows: MonthRow[] = [];
  let sorted = true;
  let index = 0;
  for (const record of bridgeRows(fn, movements)) {
    const row = readMonthRow(fn, record, index, moneyFields, countFields);
    const previous = rows[rows.length - 1];
    if (previous !== undefined && previous.monthNumber >= row.monthNumber) sorted = false;
    rows.push(row);
    index++;
  }
  if (!sorted) rows.sort((a, b) => a.monthNumber - b.monthNumber || a.index - b.index);
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1] as MonthRow;
    const b = rows[i] as MonthRow;
    if (a.monthNumber === b.monthNumber) {
      const [first, second] = a.index < b.index ? [a, b] : [b, a];
      fail(fn, `${ROWS}[${second.index}].month`, 'duplicate-month', `repeats the month of ${ROWS}[${first.index}]`, second.month);
    }
  }
  return rows;
}

/** One row of the bridge, validated: the fields asked for, and what a true bridge satisfies. */
function readMonthRow(fn: string, record: unknown, index: number, moneyFields: readonly MoneyField[], countFields: readonly CountField[]): MonthRow {
  requireRecord(record, fn, ROWS, index);
  const fields = record as Record<string, unknown>;
  const monthValue = fields['month'];
  const monthNumber = typeof monthValue === 'string' ? parseMonthKey(monthValue) : null;
  if (monthNumber === null) fail(fn, `${ROWS}[${index}].month`, 'invalid-month', MONTH_PROBLEM, monthValue);
  const month = monthValue as string;
  const complete = readComplete(fields['complete'], fn, index, month);
  const money = {} as Record<MoneyField, number>;
  for (const field of MONEY_FIELDS) money[field] = Number.NaN;
  for (const field of moneyFields) money[field] = readAmount(fields[field], fn, index, month, field);
  const customers = {} as Record<CountField, number>;
  for (const field of COUNT_FIELDS) customers[field] = Number.NaN;
  if (countFields.length > 0) {
    const counts = fields['customers'];
    if (counts === null || typeof counts !== 'object') failMonth(fn, index, month, 'customers', 'invalid-record', 'must be an object of customer counts', counts);
    for (const field of countFields) customers[field] = readCount((counts as Record<string, unknown>)[field], fn, index, month, field);
    checkCounts(fn, index, month, customers, countFields);
  }
  if (moneyFields.includes('startingMrr') && moneyFields.includes('churnedMrr') && moneyFields.includes('contractionMrr')) {
    const lost = money.churnedMrr + money.contractionMrr;
    if (lost > money.startingMrr * (1 + BRIDGE_SLACK)) {
      const problem = `plus contractionMrr (${money.contractionMrr}) must not exceed startingMrr, which is ${money.startingMrr}`;
      failMonth(fn, index, month, 'churnedMrr', 'inconsistent-movements', problem, money.churnedMrr);
    }
  }
  return { index, monthNumber, month, complete, money, customers };
}

/** Throws for a field of month row `index`, naming its month beside the index (a cold path). */
function failMonth(fn: string, index: number, month: string, field: string, code: string, problem: string, value: unknown): never {
  return failRecord(fn, { collection: ROWS, index, idField: 'month', id: month }, field, code, problem, value);
}

function readComplete(value: unknown, fn: string, index: number, month: string): boolean {
  if (value === undefined) return true;
  if (typeof value === 'boolean') return value;
  return failMonth(fn, index, month, 'complete', 'invalid-boolean', 'must be true or false (leave it out for a finished month)', value);
}

function readAmount(value: unknown, fn: string, index: number, month: string, field: string): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  return failMonth(fn, index, month, field, 'invalid-number', 'must be a finite number >= 0', value);
}

function readCount(value: unknown, fn: string, index: number, month: string, field: string): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return value;
  return failMonth(fn, index, month, `customers.${field}`, 'invalid-number', 'must be an integer >= 0', value);
}

/** Customers who churned, expanded or contracted are customers at the start. */
function checkCounts(fn: string, index: number, month: string, customers: Record<CountField, number>, fields: readonly CountField[]): void {
  if (!fields.includes('start')) return;
  for (const field of ['churned', 'expanded', 'contracted'] as const) {
    if (fields.includes(field) && customers[field] > customers.start) {
      failMonth(fn, index, month, `customers.${field}`, 'inconsistent-movements', `must not exceed customers.start, which is ${customers.start}`, customers[field]);
    }
  }
}

/**
 * `numerator / denominator`, or `null` when the denominator is 0.
 * @throws {MetricsInputError} code `'overflow'` at `path` when the quotient of finite
 * numbers overflows (a denominator below about 1e-300 against a large numerator).
 */
export function ratioOrNull(numerator: number, denominator: number, fn: string, path: string, value: unknown): number | null {
  if (denominator === 0) return null;
  const ratio = numerator / denominator;
  if (!Number.isFinite(ratio)) fail(fn, path, 'overflow', 'is too small: the ratio overflows', value);
  return ratio;
}

/**
 * A rate with its change from the previous value, as core's `RateChange`: `previous` is
 * `undefined` when the calendar month before is not in the input; `interval` gives the
 * bounds (`null` for a rate without an interval, or without a value).
 */
export function withChange(
  value: number | null,
  previous: number | null | undefined,
  interval: { readonly lower: number; readonly upper: number } | null = null,
): RateChange {
  const lower = value === null || interval === null ? null : interval.lower;
  const upper = value === null || interval === null ? null : interval.upper;
  if (value === null || previous === null || previous === undefined) return { value, lower, upper, change: null, direction: null };
  // For doubles, value - previous is 0 exactly when they are equal (gradual underflow).
  return { value, lower, upper, change: value - previous, direction: value > previous ? 'higher' : value < previous ? 'lower' : 'same' };
}

/**
 * The rate of a row given the one of the row before: `undefined` unless that row is the
 * calendar month before (a month missing from the input breaks the chain).
 */
export function previousOf<T>(row: MonthRow, previousRow: MonthRow | undefined, previousValue: T | undefined): T | undefined {
  return previousRow !== undefined && row.monthNumber === previousRow.monthNumber + 1 ? previousValue : undefined;
}
