/**
 * Orders for the revenue functions: customers ranked by the library's id order, and a
 * stable counting sort that two passes turn into a linear (customer, month) sort.
 * @internal
 */

import { compareIds } from '../../core/id-order.js';
import type { Id } from '../../core/read.js';

/**
 * The rank of each customer code in id order (numbers first, then strings by code units):
 * `rank[code]`. Processing customers by rank makes every sum independent of input order.
 * O(C log C) for C customers.
 */
export function customerRanks(ids: readonly Id[]): Int32Array {
  const order = new Int32Array(ids.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => compareIds(ids[a] as Id, ids[b] as Id));
  const rank = new Int32Array(ids.length);
  for (let r = 0; r < order.length; r++) rank[order[r] as number] = r;
  return rank;
}

/**
 * A stable counting sort: the items (`items`, default 0 .. keys.length - 1) ordered by
 * `keys[item] - offset`, an integer from 0 to `keyCount - 1`; items with equal keys keep
 * their order in `items`. O(n + keyCount) time and memory.
 */
export function countingOrder(keys: ArrayLike<number>, keyCount: number, items?: Int32Array, offset = 0): Int32Array {
  const n = items === undefined ? keys.length : items.length;
  const next = new Int32Array(keyCount + 1);
  for (let i = 0; i < n; i++) {
    const slot = (keys[items === undefined ? i : (items[i] as number)] as number) - offset + 1;
    next[slot] = (next[slot] as number) + 1;
  }
  for (let k = 1; k <= keyCount; k++) next[k] = (next[k] as number) + (next[k - 1] as number);
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const item = items === undefined ? i : (items[i] as number);
    const key = (keys[item] as number) - offset;
    out[next[key] as number] = item;
    next[key] = (next[key] as number) + 1;
  }
  return out;
}
