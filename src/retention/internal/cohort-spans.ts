/**
 * Activity per unit for rolling (24-hour) retention windows: per unit and per block (a
 * local half-day), the earliest and the latest event instant in the block.
 *
 * Why that suffices: a block lasts at most 13 hours (the first half of a local day runs
 * from its first instant to local noon, the second half from local noon to the next day:
 * 12 hours each, 11 to 13 across a DST change), and rolling windows last 24 hours or a
 * multiple of it. So the
 * events of a block fall in at most two consecutive windows, and those are the windows
 * of the block's earliest and latest event: every window touched by an event of the block
 * is one of those two, and both are touched. Blocks never cross a local day, so the first
 * event of a local calendar period is the earliest instant of its first block.
 *
 * Adding an event is O(1) amortized; a repeat of the unit's previous block only updates
 * its instants, so time-ordered logs store each user-block once. Out-of-order input is
 * compacted whenever the buffer fills (counting sort by unit, sort by block within each
 * unit, equal blocks merged), so memory stays proportional to user-blocks, not events.
 * @internal
 */

/** Sorted distinct blocks per unit with their earliest and latest instants, in compressed-row form. */
export interface UnitSpans {
  readonly units: number;
  /** Blocks of unit `u` are at `offsets[u]` to `offsets[u + 1] - 1`, ascending and distinct. */
  readonly offsets: Int32Array;
  readonly blocks: Int32Array;
  readonly lo: Float64Array;
  readonly hi: Float64Array;
}

const NO_BLOCK = -2_147_483_648;

/** Collects `(unit, block, instant)` triples; see the file comment. */
export class UnitSpansBuilder {
  private units = new Int32Array(1024);
  private blocks = new Int32Array(1024);
  private lo = new Float64Array(1024);
  private hi = new Float64Array(1024);
  private length = 0;
  private lastBlock = new Int32Array(1024).fill(NO_BLOCK);
  private lastAt = new Int32Array(1024);
  private unitCount = 0;

  /** Records an event of `unit` at instant `t`, in `block`. */
  add(unit: number, block: number, t: number): void {
    if (unit >= this.unitCount) {
      this.unitCount = unit + 1;
      if (unit >= this.lastBlock.length) this.growUnits(unit + 1);
    }
    if (this.lastBlock[unit] === block) {
      const at = this.lastAt[unit] as number;
      if (t < (this.lo[at] as number)) this.lo[at] = t;
      if (t > (this.hi[at] as number)) this.hi[at] = t;
      return;
    }
    if (this.length === this.units.length) this.makeRoom();
    const at = this.length++;
    this.units[at] = unit;
    this.blocks[at] = block;
    this.lo[at] = t;
    this.hi[at] = t;
    this.lastBlock[unit] = block;
    this.lastAt[unit] = at;
  }

  private growUnits(needed: number): void {
    let size = this.lastBlock.length * 2;
    while (size < needed) size *= 2;
    const last = new Int32Array(size).fill(NO_BLOCK);
    last.set(this.lastBlock);
    this.lastBlock = last;
    const at = new Int32Array(size);
    at.set(this.lastAt);
    this.lastAt = at;
  }

  private makeRoom(): void {
    if (this.length >= 65_536) {
      this.length = this.compact(this.unitCount, null);
      if (this.length <= this.units.length / 2) return;
    }
    const size = this.units.length * 2;
    const units = new Int32Array(size);
    units.set(this.units);
    this.units = units;
    const blocks = new Int32Array(size);
    blocks.set(this.blocks);
    this.blocks = blocks;
    const lo = new Float64Array(size);
    lo.set(this.lo);
    this.lo = lo;
    const hi = new Float64Array(size);
    hi.set(this.hi);
    this.hi = hi;
  }

  /** Sorts the buffer by unit then block, merging equal blocks, in place; returns the new length. */
  private compact(unitCount: number, offsets: Int32Array | null): number {
    const n = this.length;
    const counts = new Int32Array(unitCount + 1);
    for (let i = 0; i < n; i++) {
      const slot = (this.units[i] as number) + 1;
      counts[slot] = (counts[slot] as number) + 1;
    }
    for (let u = 0; u < unitCount; u++) counts[u + 1] = (counts[u + 1] as number) + (counts[u] as number);
    const cursor = counts.slice(0, unitCount);
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const u = this.units[i] as number;
      const at = cursor[u] as number;
      order[at] = i;
      cursor[u] = at + 1;
    }
    const blocks = this.blocks;
    const sortedBlocks = new Int32Array(n);
    const sortedLo = new Float64Array(n);
    const sortedHi = new Float64Array(n);
    for (let u = 0; u < unitCount; u++) {
      const start = counts[u] as number;
      const end = counts[u + 1] as number;
      if (end - start > 24) {
        const sorted = Array.from(order.subarray(start, end)).sort((a, b) => (blocks[a] as number) - (blocks[b] as number));
        order.set(sorted, start);
        continue;
      }
      // Insertion sort: most units have few entries, mostly in order.
      for (let i = start + 1; i < end; i++) {
        const entry = order[i] as number;
        const block = blocks[entry] as number;
        let j = i - 1;
        while (j >= start && (blocks[order[j] as number] as number) > block) {
          order[j + 1] = order[j] as number;
          j--;
        }
        order[j + 1] = entry;
      }
    }
    const bounds = offsets ?? new Int32Array(unitCount + 1);
    let write = 0;
    for (let u = 0; u < unitCount; u++) {
      bounds[u] = write;
      const first = write;
      const end = counts[u + 1] as number;
      for (let i = counts[u] as number; i < end; i++) {
        const entry = order[i] as number;
        const block = blocks[entry] as number;
        const lo = this.lo[entry] as number;
        const hi = this.hi[entry] as number;
        if (write > first && sortedBlocks[write - 1] === block) {
          if (lo < (sortedLo[write - 1] as number)) sortedLo[write - 1] = lo;
          if (hi > (sortedHi[write - 1] as number)) sortedHi[write - 1] = hi;
          continue;
        }
        sortedBlocks[write] = block;
        sortedLo[write] = lo;
        sortedHi[write] = hi;
        write++;
      }
    }
    bounds[unitCount] = write;
    // Back into the buffer; a unit's last entry is its newest block, where a repeat merges.
    this.lastBlock.fill(NO_BLOCK);
    this.blocks.set(sortedBlocks.subarray(0, write));
    this.lo.set(sortedLo.subarray(0, write));
    this.hi.set(sortedHi.subarray(0, write));
    for (let u = 0; u < unitCount; u++) {
      const end = bounds[u + 1] as number;
      if (end === bounds[u]) continue;
      this.units.fill(u, bounds[u] as number, end);
      this.lastBlock[u] = sortedBlocks[end - 1] as number;
      this.lastAt[u] = end - 1;
    }
    return write;
  }

  /**
   * The blocks of each of `units` units (at least every unit added). The builder stays
   * usable: the buffer keeps the compacted blocks, and later `add` calls extend them.
   */
  build(units: number): UnitSpans {
    const unitCount = Math.max(units, this.unitCount);
    const offsets = new Int32Array(unitCount + 1);
    const n = this.compact(unitCount, offsets);
    this.length = n;
    return {
      units: unitCount,
      offsets,
      blocks: this.blocks.slice(0, n),
      lo: this.lo.slice(0, n),
      hi: this.hi.slice(0, n),
    };
  }
}
