/**
 * The (customer, month) keys of a snapshot log, for finding a repeated snapshot as it is
 * added rather than at the end.
 *
 * Two modes. While every customer's rows arrive in ascending month order (data exported
 * by month or by customer, shards split by time or by customer), a row repeats no key
 * exactly when its month is after its customer's latest, so one Int32 per customer
 * suffices. From the first row that breaks that order on, an open-addressing hash table
 * (linear probing, at most half full) holds every row number, compared through the log's
 * own columns. Neither allocates per row.
 * @internal
 */

import type { SnapshotLog } from './mrr-snapshots.js';

export class SnapshotKeys {
  private readonly log: SnapshotLog;
  /** Ordered mode: the latest month of each customer code (-1 for none). */
  private latest = new Int32Array(0);
  /** Hashed mode (`mask >= 0`): row number per slot, -1 when empty. */
  private slots = new Int32Array(0);
  private mask = -1;
  private count = 0;
  /** After `admit` found a repeat: the row that held its key first. */
  held = -1;

  constructor(log: SnapshotLog) {
    this.log = log;
  }

  /**
   * Admits the log's rows from `start` to its end. Returns -1 when no key repeats, or the
   * first row whose key an earlier row holds (`held` names that row); the rows from `start`
   * up to it are admitted then, and the caller drops them with `rollback(start)`. O(1)
   * expected per row.
   */
  admit(start: number): number {
    const { customer: customerOf, month: monthOf } = this.log;
    const end = this.log.size;
    let row = start;
    if (this.mask < 0) {
      const codes = this.log.codes.size;
      if (this.latest.length < codes) {
        const grown = new Int32Array(Math.max(codes, this.latest.length * 2)).fill(-1);
        grown.set(this.latest);
        this.latest = grown;
      }
      const latest = this.latest;
      for (; row < end; row++) {
        const code = customerOf[row] as number;
        const month = monthOf[row] as number;
        if (month <= (latest[code] as number)) break;
        latest[code] = month;
      }
      if (row === end) return -1;
      this.rebuild(row); // out of month order: hash the rows so far, then go on hashing
    }
    for (; row < end; row++) {
      const held = this.insert(row);
      if (held !== -1) {
        this.held = held;
        return row;
      }
    }
    return -1;
  }

  /** Forgets the rows from `start` on. O(start). */
  rollback(start: number): void {
    if (this.mask >= 0) {
      this.rebuild(start);
      return;
    }
    const latest = this.latest.fill(-1);
    const { customer, month } = this.log;
    for (let row = 0; row < start; row++) latest[customer[row] as number] = month[row] as number;
  }

  /** Hashed mode, holding exactly the keys of the first `rows` rows (which must all differ). O(rows). */
  private rebuild(rows: number): void {
    let size = 1024;
    while (size < rows * 2 + 2) size *= 2;
    if (size !== this.slots.length) this.slots = new Int32Array(size);
    this.slots.fill(-1);
    this.mask = size - 1;
    this.latest = new Int32Array(0);
    const { customer, month } = this.log;
    for (let row = 0; row < rows; row++) this.place(row, hashOf(customer[row] as number, month[row] as number));
    this.count = rows;
  }

  /** Adds the key of row `row` unless a row holds it: returns -1, or that row. */
  private insert(row: number): number {
    const { customer: customerOf, month: monthOf } = this.log;
    const customer = customerOf[row] as number;
    const month = monthOf[row] as number;
    const slots = this.slots;
    const mask = this.mask;
    let slot = hashOf(customer, month) & mask;
    for (;;) {
      const held = slots[slot] as number;
      if (held === -1) break;
      if (customerOf[held] === customer && monthOf[held] === month) return held;
      slot = (slot + 1) & mask;
    }
    slots[slot] = row;
    this.count++;
    if (this.count * 2 > mask) this.grow();
    return -1;
  }

  /** Doubles the table. */
  private grow(): void {
    const old = this.slots;
    this.slots = new Int32Array(old.length * 2).fill(-1);
    this.mask = this.slots.length - 1;
    const { customer, month } = this.log;
    for (let s = 0; s < old.length; s++) {
      const row = old[s] as number;
      if (row !== -1) this.place(row, hashOf(customer[row] as number, month[row] as number));
    }
  }

  /** Puts a row known to be absent into the first free slot of its probe sequence. */
  private place(row: number, hash: number): void {
    const slots = this.slots;
    const mask = this.mask;
    let slot = hash & mask;
    while (slots[slot] !== -1) slot = (slot + 1) & mask;
    slots[slot] = row;
  }
}

/** A 32-bit hash of (customer code, month number): murmur3's finalizer over a mix of both. */
function hashOf(customer: number, month: number): number {
  let h = Math.imul(customer, 0x9e3779b1) ^ month;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
