/**
 * A growable list of durations (milliseconds) and its median in days, for the funnel's
 * time between stages and the conversions' time to convert.
 * @internal
 */

import { MS_PER_DAY } from '../../core/calendar.js';

/** Durations in a typed array that doubles when full: O(1) amortized per push. */
export class Durations {
  private values = new Float64Array(16);
  private length = 0;

  push(ms: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = ms;
  }

  get size(): number {
    return this.length;
  }

  /**
   * The median in days (of 24 hours): the middle value, or the mean of the two middle
   * values for an even count (as R's `median`); `null` when empty. O(m log m).
   */
  medianDays(): number | null {
    const m = this.length;
    if (m === 0) return null;
    const sorted = this.values.subarray(0, m).sort();
    const half = m >> 1;
    const middle = m % 2 === 1 ? (sorted[half] as number) : ((sorted[half - 1] as number) + (sorted[half] as number)) / 2;
    return middle / MS_PER_DAY;
  }
}
