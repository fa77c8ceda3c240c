/**
 * The result assembly of `activeUsersByPeriod` (and of the `activeUsersByPeriodSql`
 * decoder): the calendar periods that a range of local days touches, and one series of
 * periods per group from distinct-user counts per period, each period with its `start`
 * and `end` cut to the range and its `complete` flag. O(periods × groups).
 * @internal
 */

import { dayKey } from '../../core/calendar.js';
import type { PeriodScale } from '../../core/periods.js';
import type { PeriodActiveUsers } from '../types.js';

/** The periods that `range` (local days, both included) touches: the number of the first, and how many. O(1). */
export function periodSpan(scale: PeriodScale, range: { readonly from: number; readonly to: number }): { first: number; count: number } {
  const first = scale.of(range.from);
  return { first, count: scale.of(range.to) - first + 1 };
}

/**
 * One series of periods per group over `range` from `counts[g * count + p]`, the distinct
 * units of group g in the p-th period of {@link periodSpan}. A period cut by the range
 * starts and ends with it; it is complete when it lies whole in the range and its last day
 * is at most `completeDay`. O(periods × groups).
 */
export function periodSeries(
  counts: Int32Array,
  groupCount: number,
  scale: PeriodScale,
  range: { readonly from: number; readonly to: number },
  completeDay: number,
): PeriodActiveUsers[][] {
  const { from, to } = range;
  const { first, count } = periodSpan(scale, range);
  const frames = [];
  for (let p = first; p < first + count; p++) {
    const firstDay = scale.firstDay(p);
    const lastDay = scale.lastDay(p);
    frames.push({
      period: scale.key(p),
      start: dayKey(Math.max(firstDay, from)),
      end: dayKey(Math.min(lastDay, to)),
      complete: firstDay >= from && lastDay <= to && lastDay <= completeDay,
    });
  }
  const series: PeriodActiveUsers[][] = [];
  for (let g = 0; g < groupCount; g++) {
    series.push(frames.map((frame, p) => ({ ...frame, activeUsers: counts[g * count + p] as number })));
  }
  return series;
}
