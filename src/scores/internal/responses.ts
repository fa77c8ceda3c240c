/**
 * Reading survey answers: an iterable of numbers, or of records read through an accessor
 * (default: the record's `score` property). Every answer must be an integer on the scale;
 * `"9"`, `4.5`, `NaN` and out-of-range values throw, naming the index.
 * @internal
 */

import { fail } from '../../core/errors.js';
import { accessorFor, requireIterable } from '../../core/read.js';
import type { ResponseAccessors, Responses } from '../types.js';

/**
 * Calls `visit(answer, record, index)` for every answer, after checking it is an integer
 * from `min` to `max`. O(n), no allocation per answer.
 *
 * @throws {MetricsInputError} `collection[i]` (or `collection[i].score` for records) with
 * code `invalid-score` for an answer that is not such an integer.
 */
export function forEachAnswer<R>(
  fn: string,
  responses: Responses<R>,
  accessors: ResponseAccessors<R>,
  min: number,
  max: number,
  visit: (answer: number, record: R | number, index: number) => void,
  collection = 'responses',
): void {
  const iterable = requireIterable<R | number>(responses, fn, collection);
  // Without an accessor a number is the answer itself and a record's `score` field is read.
  const read = accessors.score === undefined ? undefined : accessorFor<R>(accessors.score, 'score', fn);
  let index = 0;
  for (const record of iterable) {
    const isRecord = read !== undefined || (record !== null && typeof record === 'object');
    const answer: unknown =
      read !== undefined ? read(record as R, index) : isRecord ? (record as { score?: unknown }).score : record;
    if (typeof answer !== 'number' || !Number.isInteger(answer) || answer < min || answer > max) {
      // The path is built only here, on the cold path.
      fail(fn, isRecord ? `${collection}[${index}].score` : `${collection}[${index}]`, 'invalid-score', `must be an integer from ${min} to ${max}`, answer);
    }
    visit(answer, record, index);
    index++;
  }
}
