/**
 * A total, locale-independent order on ids for sorting output rows: numbers first, in
 * numeric order, then strings by UTF-16 code units (as `Array.prototype.sort` without a
 * comparator orders strings), so results do not depend on the runtime's locale.
 * @internal
 */

import type { Id } from './read.js';

/** Negative, zero or positive as `a` sorts before, with or after `b`. */
export function compareIds(a: Id, b: Id): number {
  if (typeof a === 'number') {
    if (typeof b === 'number') return a - b;
    return -1;
  }
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** {@link compareIds}, with `null` after every id. */
export function compareOptionalIds(a: Id | null, b: Id | null): number {
  if (a === null) return b === null ? 0 : 1;
  if (b === null) return -1;
  return compareIds(a, b);
}
