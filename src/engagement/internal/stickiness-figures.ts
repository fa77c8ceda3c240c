/**
 * The result assembly of `stickiness` (and of the `stickinessSql` decoder): the band scale,
 * and each group's figures from its daily DAU and MAU counts and its tally of users by
 * number of active days in the range (mean DAU/MAU with compensated sums, its band, the
 * average DAU, and the histogram). O(groups × days).
 * @internal
 */

import { bandOf, type BandScale } from '../../core/bands.js';
import { compensatedSum } from '../../stats/compensated-sum.js';
import type { ResolvedStickinessThresholds, StickinessBand, StickinessBar, StickinessFigures } from '../types.js';
import { ratio } from './active-days.js';

/** The stickiness bands: `'occasional'`, `'regular'` from 0.2, `'daily-habit'` above 0.7; rates, so at most 1. */
export const STICKINESS_SCALE: BandScale<StickinessBand, 'regular' | 'dailyHabit'> = {
  lowest: 'occasional',
  steps: [
    { band: 'regular', threshold: 'regular', edge: 'from', default: 0.2 },
    { band: 'daily-habit', threshold: 'dailyHabit', edge: 'above', default: 0.7 },
  ],
  max: 1,
};

/** The figures of a range with no complete day. */
export const EMPTY_FIGURES: StickinessFigures = { meanDauMau: null, band: null, averageDau: 0, activeUsers: 0, averageDauPerActiveUser: null, histogram: [] };

/**
 * The figures of each of `groupCount` groups over a range of `length` days: `counts` are
 * the DAU and the rolling MAU per group and day (group-major, `counts[g * length + d]`, as
 * `rollingCounts` gives them for the windows `[1, mau]`), `tallies[g * (length + 1) + k]`
 * the units of group g active on exactly k days of the range. `meanDauMau` is the mean of
 * the daily ratios over the days with MAU above 0. O(groups × length).
 */
export function stickinessFigures(
  counts: readonly Int32Array[],
  tallies: Int32Array,
  groupCount: number,
  length: number,
  thresholds: ResolvedStickinessThresholds,
): StickinessFigures[] {
  const [dauCounts, mauCounts] = counts as [Int32Array, Int32Array];
  const figures: StickinessFigures[] = [];
  for (let g = 0; g < groupCount; g++) {
    const ratios: number[] = [];
    const dauValues: number[] = [];
    for (let d = 0; d < length; d++) {
      const dau = dauCounts[g * length + d] as number;
      const m = mauCounts[g * length + d] as number;
      dauValues.push(dau);
      if (m > 0) ratios.push(dau / m);
    }
    const meanDauMau = ratio(compensatedSum(ratios), ratios.length);
    const averageDau = compensatedSum(dauValues) / length;
    const { activeUsers, histogram } = histogramOf(tallies.subarray(g * (length + 1), (g + 1) * (length + 1)), length);
    figures.push({
      meanDauMau,
      band: meanDauMau === null ? null : bandOf(STICKINESS_SCALE, thresholds, meanDauMau),
      averageDau,
      activeUsers,
      averageDauPerActiveUser: ratio(averageDau, activeUsers),
      histogram,
    });
  }
  return figures;
}

/** The histogram of one group from `tally[k]`, the units active on exactly k days (k = 0..length). O(length). */
function histogramOf(tally: Int32Array, length: number): { activeUsers: number; histogram: StickinessBar[] } {
  let activeUsers = 0;
  for (let k = 1; k <= length; k++) activeUsers += tally[k] as number;
  const histogram: StickinessBar[] = [];
  let atLeast = activeUsers;
  for (let k = 1; k <= length; k++) {
    const userCount = tally[k] as number;
    histogram.push({ activeDays: k, userCount, share: ratio(userCount, activeUsers), atLeast, atLeastShare: ratio(atLeast, activeUsers) });
    atLeast -= userCount;
  }
  return { activeUsers, histogram };
}
