/**
 * Reading the rows of a result that a chart takes as it is (`months` of an `mrrMovements`
 * result, `periods` of a `growthLifecycle` result, `stages` of a funnel...): the result must
 * be an object, the list iterable, each row an object; fields are read with paths such as
 * `result.months[3].newMrr`.
 * @internal
 */

import { fail } from '../../core/errors.js';
import { requireIterable, requireRecord } from '../../core/read.js';

/** A non-iterable object: a result, not a list. */
export function isResult(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function';
}

/**
 * The rows of `result[key]`, each an object, with their 0-based index. Throws
 * `invalid-input` at `result` when `result` is not an object (`what` says what it must
 * be), `invalid-input` at `result.<key>` when the list is not iterable, `invalid-record` at
 * `result.<key>[i]` for a row that is not an object.
 */
export function resultRows(result: unknown, key: string, fn: string, what: string, path = 'result'): Record<string, unknown>[] {
  if (!isResult(result)) return fail(fn, path, 'invalid-input', what, result);
  const out: Record<string, unknown>[] = [];
  let i = 0;
  for (const row of requireIterable<unknown>(result[key], fn, `${path}.${key}`)) {
    requireRecord(row, fn, `${path}.${key}`, i);
    out.push(row as Record<string, unknown>);
    i++;
  }
  return out;
}

/** A row's `complete` flag: `true` when absent (a finished period, as an export usually is). */
export function readComplete(value: unknown, fn: string, path: string): boolean {
  if (value === undefined) return true;
  if (typeof value === 'boolean') return value;
  return fail(fn, path, 'invalid-boolean', 'must be true or false when present', value);
}

/** A finite number >= 0 (an amount, a count). */
export function readAmount(value: unknown, fn: string, path: string): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  return fail(fn, path, 'invalid-number', 'must be a finite number >= 0', value);
}

/** A finite number or `null`. */
export function readNullable(value: unknown, fn: string, path: string): number | null {
  if (value === null) return null;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return fail(fn, path, 'invalid-number', 'must be a finite number or null', value);
}

/** An optional string setting of a result (for a label's words): `null` when absent or `null`. */
export function readSetting(value: unknown, fn: string, path: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value;
  return fail(fn, path, 'invalid-input', 'must be a string when present', value);
}

/**
 * Sorts rows by a calendar key (`YYYY-MM` or `YYYY-MM-DD`: text order is time order) and
 * throws `code` at `<collection>[i].<field>` for a key that repeats an earlier row's.
 * O(n log n); rows already in order stay in place.
 */
export function sortByKey<T extends { readonly key: string; readonly index: number }>(rows: T[], fn: string, collection: string, field: string, code: string): T[] {
  rows.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index));
  for (let i = 1; i < rows.length; i++) {
    const a = rows[i - 1] as T;
    const b = rows[i] as T;
    if (a.key === b.key) {
      const [first, second] = a.index < b.index ? [a, b] : [b, a];
      fail(fn, `${collection}[${second.index}].${field}`, code, `repeats the ${field} of ${collection}[${first.index}]`, second.key);
    }
  }
  return rows;
}
