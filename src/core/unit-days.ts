/**
 * Distinct active days per unit (a user, or a user within a group), built from
 * `(unit, day)` pairs in any order.
 *
 * Adding a pair is O(1) and skips a repeat of the unit's previous day, so time-ordered
 * event logs store each user-day once and memory grows with user-days, not events.
 * Building is a counting sort by unit (O(pairs + units)), then a per-unit sort only where
 * a unit's days arrived out of order, then de-duplication: linear for time-ordered input,
 * O(p log p) within units otherwise.
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

/** Collects `(unit, day)` pairs; see the file comment. */
export class UnitDaysBuilder {
  private pairUnits = new Int32Array(1024);
  private pairDays = new Int32Array(1024);
  private length = 0;
  private lastDays = new Int32Array(1024).fill(-2_147_483_648);

  /** Records that `unit` was active on `day`. */
  add(unit: number, day: number): void {
    if (unit >= this.lastDays.length) this.growUnits(unit + 1);
    if (this.lastDays[unit] === day) return;
    this.lastDays[unit] = day;
    if (this.length === this.pairUnits.length) this.growPairs();
    this.pairUnits[this.length] = unit;
    this.pairDays[this.length] = day;
    this.length++;
  }

  private growUnits(needed: number): void {
    let size = this.lastDays.length * 2;
    while (size < needed) size *= 2;
    const next = new Int32Array(size).fill(-2_147_483_648);
    next.set(this.lastDays);
    this.lastDays = next;
  }

  private growPairs(): void {
    const units = new Int32Array(this.pairUnits.length * 2);
    units.set(this.pairUnits);
    this.pairUnits = units;
    const days = new Int32Array(this.pairDays.length * 2);
    days.set(this.pairDays);
    this.pairDays = days;
  }

  /** The sorted distinct days of each of `units` units. */
  build(units: number): UnitDays {
    const n = this.length;
    const counts = new Int32Array(units + 1);
    for (let i = 0; i < n; i++) {
      const slot = (this.pairUnits[i] as number) + 1;
      counts[slot] = (counts[slot] as number) + 1;
    }
    for (let u = 0; u < units; u++) counts[u + 1] = (counts[u + 1] as number) + (counts[u] as number);
    const cursor = counts.slice(0, units);
    const days = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const u = this.pairUnits[i] as number;
      days[cursor[u] as number] = this.pairDays[i] as number;
      cursor[u] = (cursor[u] as number) + 1;
    }
    // Sort where needed and drop repeats, compacting in place.
    const offsets = new Int32Array(units + 1);
    let write = 0;
    let firstDay = Number.POSITIVE_INFINITY;
    let lastDay = Number.NEGATIVE_INFINITY;
    for (let u = 0; u < units; u++) {
      const start = counts[u] as number;
      const end = counts[u + 1] as number;
      offsets[u] = write;
      let sorted = true;
      for (let i = start + 1; i < end; i++) {
        if ((days[i] as number) < (days[i - 1] as number)) {
          sorted = false;
          break;
        }
      }
      if (!sorted) days.subarray(start, end).sort();
      for (let i = start; i < end; i++) {
        const day = days[i] as number;
        if (write > (offsets[u] as number) && days[write - 1] === day) continue;
        days[write++] = day;
      }
      if (write > (offsets[u] as number)) {
        const first = days[offsets[u] as number] as number;
        const last = days[write - 1] as number;
        if (first < firstDay) firstDay = first;
        if (last > lastDay) lastDay = last;
      }
    }
    offsets[units] = write;
    return {
      units,
      offsets,
      days: days.slice(0, write),
      firstDay: write === 0 ? null : firstDay,
      lastDay: write === 0 ? null : lastDay,
    };
  }
}
