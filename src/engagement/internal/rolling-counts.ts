/**
 * The one rolling-window count of the active-user functions, shared by the general route
 * (sorted day lists per unit, internal/active-days.ts) and the typed-column route (day
 * bits, internal/active-users-bitmap.ts): both hand it each unit's active days in
 * ascending order, with the unit's previous active day.
 *
 * Method: a unit active on days d1 < d2 < ... is counted by a window of `w` days on every
 * day of the union of `[di, di + w)`. That union is the disjoint union of
 * `[max(di, d(i-1) + w), di + w)`, so each active day adds +1 at the start and -1 at the
 * end of one span of a difference array (clipped to the reported range), and the running
 * sum is the number of distinct units whose window holds the day. O(1) per (active day,
 * window), then O(groups × days) for the sums.
 * @internal
 */

/** The previous active day of a unit that has none yet. */
export const NO_DAY = -2_147_483_648;

/** Rolling distinct counts per group and day of `[from, to]`, one difference array per window. */
export class RollingCounter {
  private readonly length: number;
  private readonly stride: number;
  private readonly diffs: Int32Array[];

  constructor(
    private readonly from: number,
    private readonly to: number,
    private readonly windows: readonly number[],
    private readonly groupCount: number,
  ) {
    this.length = to - from + 1;
    this.stride = this.length + 1;
    this.diffs = windows.map(() => new Int32Array(groupCount * this.stride));
  }

  /**
   * Counts a unit of `group` active on `day`, whose previous active day was `previous`
   * ({@link NO_DAY} for its first): a unit's days must come in ascending order.
   */
  add(group: number, day: number, previous: number): void {
    const { from, to, windows, diffs } = this;
    const base = group * this.stride - from;
    for (let k = 0; k < windows.length; k++) {
      const width = windows[k] as number;
      let start = previous === NO_DAY ? day : Math.max(day, previous + width);
      let stop = day + width;
      if (stop <= from || start > to || start >= stop) continue;
      if (start < from) start = from;
      if (stop > to + 1) stop = to + 1;
      const diff = diffs[k] as Int32Array;
      diff[base + start] = (diff[base + start] as number) + 1;
      diff[base + stop] = (diff[base + stop] as number) - 1;
    }
  }

  /** The counts: `counts[k][g * days + (day - from)]` for window `windows[k]`, group `g`. */
  counts(): Int32Array[] {
    const { length, stride, groupCount } = this;
    return this.diffs.map((diff) => {
      const counts = new Int32Array(groupCount * length);
      for (let g = 0; g < groupCount; g++) {
        let running = 0;
        for (let d = 0; d < length; d++) {
          running += diff[g * stride + d] as number;
          counts[g * length + d] = running;
        }
      }
      return counts;
    });
  }
}
