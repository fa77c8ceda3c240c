/**
 * Distinct active days per unit (a user, or a user within a group), built from
 * `(unit, day)` pairs in any order.
 *
 * Adding a pair is O(1) amortized and skips a repeat of the unit's previous day, so
 * time-ordered event logs store each user-day once. Out-of-order input is compacted
 * whenever the pair buffer fills (sorted by unit and day, repeats dropped), so memory stays
 * proportional to user-days, not events, for any input order. Compacting is a counting
 * sort by unit (O(pairs + units)) plus a sort within each unit whose days arrived out of
 * order: linear for time-ordered input, O(p log p) within units otherwise.
 * @internal
 */

/** Sorted distinct days per unit, in compressed-row form. */
export interface UnitDays {
  /** Number of units. */
  readonly units: number;
  /** Days of unit `u` are `days[offsets[u]]` to `days[offsets[u + 1] - 1]`, ascending and distinct. */
  readonly offsets: Int32Array;
  readonly days: Int32Array;
  /** Smallest and largest day present; `null` when there are none. */
  readonly firstDay: number | null;
  readonly lastDay: number | null;
}

const NO_DAY = -2_147_483_648;

/**
 * Sorts `(units[i], days[i])` for `i < n` by unit then day and drops repeats, in place.
 * Returns the new length and fills `offsets` (length `unitCount + 1`) when given.
 */
function sortPairs(units: Int32Array, days: Int32Array, n: number, unitCount: number, offsets: Int32Array | null): number {
  const counts = new Int32Array(unitCount + 1);
  for (let i = 0; i < n; i++) {
    const slot = (units[i] as number) + 1;
    counts[slot] = (counts[slot] as number) + 1;
  }
  for (let u = 0; u < unitCount; u++) counts[u + 1] = (counts[u + 1] as number) + (counts[u] as number);
  const cursor = counts.slice(0, unitCount);
  const sorted = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const u = units[i] as number;
    const at = cursor[u] as number;
    sorted[at] = days[i] as number;
    cursor[u] = at + 1;
  }
  let write = 0;
  for (let u = 0; u < unitCount; u++) {
    const start = counts[u] as number;
    const end = counts[u + 1] as number;
    if (offsets !== null) offsets[u] = write;
    let ordered = true;
    for (let i = start + 1; i < end; i++) {
      if ((sorted[i] as number) < (sorted[i - 1] as number)) {
        ordered = false;
        break;
      }
    }
    if (!ordered) {
      if (end - start <= 24) {
        // Insertion sort: most units have few days, and a typed-array view per unit costs more.
        for (let i = start + 1; i < end; i++) {
          const day = sorted[i] as number;
          let j = i - 1;
          while (j >= start && (sorted[j] as number) > day) {
            sorted[j + 1] = sorted[j] as number;
            j--;
          }
          sorted[j + 1] = day;
        }
      } else {
        sorted.subarray(start, end).sort();
      }
    }
    const first = write;
    for (let i = start; i < end; i++) {
      const day = sorted[i] as number;
      if (write > first && days[write - 1] === day) continue;
      units[write] = u;
      days[write] = day;
      write++;
    }
  }
  if (offsets !== null) offsets[unitCount] = write;
  return write;
}

/** Collects `(unit, day)` pairs; see the file comment. */
export class UnitDaysBuilder {
  private pairUnits = new Int32Array(1024);
  private pairDays = new Int32Array(1024);
  private length = 0;
  private lastDays = new Int32Array(1024).fill(NO_DAY);
  private unitCount = 0;

  /** Records that `unit` was active on `day`. */
  add(unit: number, day: number): void {
    if (unit >= this.unitCount) {
      this.unitCount = unit + 1;
      if (unit >= this.lastDays.length) this.growUnits(unit + 1);
    }
    if (this.lastDays[unit] === day) return;
    this.lastDays[unit] = day;
    if (this.length === this.pairUnits.length) this.makeRoom();
    this.pairUnits[this.length] = unit;
    this.pairDays[this.length] = day;
    this.length++;
  }

  /**
   * Makes room for `extra` more pairs at once, so adding a known number of distinct pairs
   * (a bulk source such as typed columns) neither compacts nor regrows on the way.
   */
  reserve(extra: number): void {
    const needed = this.length + extra;
    if (needed <= this.pairUnits.length) return;
    const units = new Int32Array(needed);
    units.set(this.pairUnits.subarray(0, this.length));
    this.pairUnits = units;
    const days = new Int32Array(needed);
    days.set(this.pairDays.subarray(0, this.length));
    this.pairDays = days;
  }

  /**
   * Appends a pair after {@link reserve} made room: no repeat check and no compaction, for
   * bulk sources whose pairs are distinct among themselves. A pair that an earlier batch
   * already added is still fine: compaction and {@link build} drop repeats, and the repeat
   * check of {@link add} is only a shortcut.
   */
  addDistinct(unit: number, day: number): void {
    if (unit >= this.unitCount) {
      this.unitCount = unit + 1;
      if (unit >= this.lastDays.length) this.growUnits(unit + 1);
    }
    this.pairUnits[this.length] = unit;
    this.pairDays[this.length] = day;
    this.length++;
  }

  private growUnits(needed: number): void {
    let size = this.lastDays.length * 2;
    while (size < needed) size *= 2;
    const next = new Int32Array(size).fill(NO_DAY);
    next.set(this.lastDays);
    this.lastDays = next;
  }

  /** Compacts the buffer, and doubles it when compacting freed less than half. */
  private makeRoom(): void {
    if (this.length >= 65_536) {
      this.length = sortPairs(this.pairUnits, this.pairDays, this.length, this.unitCount, null);
      if (this.length <= this.pairUnits.length / 2) return;
    }
    const units = new Int32Array(this.pairUnits.length * 2);
    units.set(this.pairUnits);
    this.pairUnits = units;
    const days = new Int32Array(this.pairDays.length * 2);
    days.set(this.pairDays);
    this.pairDays = days;
  }

  /**
   * The sorted distinct days of each of `units` units (at least every unit added). The
   * builder stays usable: later `add` calls extend what was built.
   */
  build(units: number): UnitDays {
    const unitCount = Math.max(units, this.unitCount);
    const offsets = new Int32Array(unitCount + 1);
    const n = sortPairs(this.pairUnits, this.pairDays, this.length, unitCount, offsets);
    this.length = n;
    const days = this.pairDays.slice(0, n);
    let firstDay = Number.POSITIVE_INFINITY;
    let lastDay = Number.NEGATIVE_INFINITY;
    for (let u = 0; u < unitCount; u++) {
      const start = offsets[u] as number;
      const end = offsets[u + 1] as number;
      if (start === end) continue;
      if ((days[start] as number) < firstDay) firstDay = days[start] as number;
      if ((days[end - 1] as number) > lastDay) lastDay = days[end - 1] as number;
    }
    return { units: unitCount, offsets, days, firstDay: n === 0 ? null : firstDay, lastDay: n === 0 ? null : lastDay };
  }
}
