/**
 * Reading survival subjects `{ duration, observed }` (or records read through accessors)
 * into columns for the Kaplan–Meier and log-rank engines. Durations must be finite
 * numbers >= 0; `observed` must be a boolean (`1`, `0`, `"true"` throw: no coercion).
 * A subject has no id of its own; when a bad record carries one of the usual id fields
 * (`id`, `userId`, `accountId`, `customerId`), the error names it beside the index.
 * @internal
 */

import { fail, failRecord } from '../../core/errors.js';
import { accessorFor, isId, requireIterable } from '../../core/read.js';
import type { SubjectAccessors } from '../types.js';

/** The id fields a subject record may carry, looked for (in this order) only to name it in an error. */
const ID_FIELDS = ['id', 'userId', 'accountId', 'customerId'] as const;

/**
 * Throws for a bad field of a subject: `subjects[3] (userId "u_7").duration ...` when the
 * record has an id field, else `subjects[3].duration ...`. The path is `subjects[3].duration`
 * either way. A cold path.
 */
function failSubject(fn: string, collection: string, index: number, record: unknown, field: string, code: string, problem: string, value: unknown): never {
  if (record !== null && typeof record === 'object') {
    for (const idField of ID_FIELDS) {
      const id = (record as Record<string, unknown>)[idField];
      if (isId(id)) return failRecord(fn, { collection, index, idField, id }, field, code, problem, value);
    }
  }
  return fail(fn, `${collection}[${index}].${field}`, code, problem, value);
}

/** Subjects as columns: durations and event flags (1 = event, 0 = censored). */
export interface SubjectColumns {
  readonly durations: Float64Array;
  readonly observed: Uint8Array;
}

/**
 * Reads subjects into columns, checking each: `collection[i].duration` (code
 * `invalid-number`) and `collection[i].observed` (code `invalid-boolean`), the message
 * naming the record's id field when it has one; a record that is not an object (with a
 * default accessor) is `invalid-record` at `collection[i]`. O(n), no allocation per
 * subject (the columns double as they fill).
 *
 * @throws {MetricsInputError} as above, `invalid-input` at `collection` when it is not
 * iterable, `invalid-option` at `options.duration` / `options.observed` for an accessor
 * that is not a function.
 */
export function readSubjects<R>(fn: string, subjects: Iterable<R>, accessors: SubjectAccessors<R>, collection: string): SubjectColumns {
  const iterable = requireIterable<R>(subjects, fn, collection);
  const readDuration = accessorFor<R>(accessors.duration, 'duration', fn);
  const readObserved = accessorFor<R>(accessors.observed, 'observed', fn);
  const defaults = accessors.duration === undefined || accessors.observed === undefined;
  let durations = new Float64Array(16);
  let observed = new Uint8Array(16);
  let n = 0;
  for (const record of iterable) {
    if (defaults && (record === null || typeof record !== 'object')) {
      fail(fn, `${collection}[${n}]`, 'invalid-record', 'must be an object', record);
    }
    const duration: unknown = readDuration(record, n);
    if (typeof duration !== 'number' || !(duration >= 0 && duration < Number.POSITIVE_INFINITY)) {
      failSubject(fn, collection, n, record, 'duration', 'invalid-number', 'must be a finite number >= 0', duration);
    }
    const event: unknown = readObserved(record, n);
    if (typeof event !== 'boolean') failSubject(fn, collection, n, record, 'observed', 'invalid-boolean', 'must be true or false', event);
    if (n === durations.length) {
      const moreDurations = new Float64Array(2 * n);
      moreDurations.set(durations);
      durations = moreDurations;
      const moreObserved = new Uint8Array(2 * n);
      moreObserved.set(observed);
      observed = moreObserved;
    }
    durations[n] = duration + 0; // -0 is 0
    observed[n] = event ? 1 : 0;
    n++;
  }
  return { durations: durations.subarray(0, n), observed: observed.subarray(0, n) };
}
