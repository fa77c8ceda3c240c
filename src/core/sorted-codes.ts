/**
 * The codes of an {@link IdCodes} table in the library's one id order (`compareIds`):
 * the canonical order of the accumulators' states.
 * @internal
 */

import type { Id, IdCodes } from './read.js';

/**
 * The codes of `codes`' ids in `compareIds` order: numbers ascending (from a presence table
 * when they are integers in a compact range, else sorted as a `Float64Array`), then strings
 * by UTF-16 code units (the codes sorted by their strings, so no second lookup is needed).
 */
export function sortedCodes(codes: IdCodes): Int32Array<ArrayBuffer> {
  const ids = codes.ids;
  let numberCount = 0;
  for (let c = 0; c < ids.length; c++) if (typeof ids[c] === 'number') numberCount++;
  const numbers = new Float64Array(numberCount);
  const stringCodes = new Int32Array(ids.length - numberCount);
  let n = 0;
  let m = 0;
  for (let c = 0; c < ids.length; c++) {
    const id = ids[c] as Id;
    if (typeof id === 'number') numbers[n++] = id;
    else stringCodes[m++] = c;
  }
  stringCodes.sort((a, b) => {
    const x = ids[a] as string;
    const y = ids[b] as string;
    return x < y ? -1 : x > y ? 1 : 0;
  });
  const order = new Int32Array(ids.length);
  if (!sortIntegerRange(numbers, codes, order)) {
    numbers.sort();
    for (let i = 0; i < numberCount; i++) order[i] = codes.find(numbers[i] as number);
  }
  order.set(stringCodes, numberCount);
  return order;
}

/**
 * Distinct integer ids spanning a range at most 4 times their count (plus 1,024), the
 * usual shape of numeric user ids: their codes in ascending id order into `order`, from a
 * presence table in O(count + range) instead of a comparison sort. `false` (nothing
 * written) for other ids.
 */
function sortIntegerRange(numbers: Float64Array, codes: IdCodes, order: Int32Array): boolean {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < numbers.length; i++) {
    const id = numbers[i] as number;
    if (!Number.isInteger(id)) return false;
    if (id < min) min = id;
    if (id > max) max = id;
  }
  if (numbers.length === 0 || max - min > 4 * numbers.length + 1024) return numbers.length === 0;
  const seen = new Uint8Array(max - min + 1);
  for (let i = 0; i < numbers.length; i++) seen[(numbers[i] as number) - min] = 1;
  let n = 0;
  for (let k = 0; k < seen.length; k++) if (seen[k] === 1) order[n++] = codes.find(k + min);
  return true;
}
