/**
 * The calendar-period side of `activeUsersByPeriodSql`: the period number of a local day
 * in SQL (the numbering of `core/periods.ts`), and, in the decoder, the engine's
 * distinct-user counts per (group,) period read into the counts that
 * `engagement/internal/period-frames.ts` (the assembly `activeUsersByPeriod` uses) turns
 * into the series of periods over the reported range. O(periods × groups + rows).
 * @internal
 */

import { startOfWeek } from '../../core/calendar.js';
import type { PeriodScale } from '../../core/periods.js';
import type { Weekday } from '../../core/types.js';
import { periodSeries, periodSpan } from '../../engagement/internal/period-frames.js';
import type { PeriodActiveUsers } from '../../engagement/types.js';
import type { SqlRow } from '../types.js';
import { numberOf, textOrNull } from './decode.js';
import type { Dialect } from './dialect.js';
import type { QueryValues } from './query-text.js';

/** The period number (as `PeriodScale.of`) of the local day number `day`, in SQL; numbers derived in JS are bound. */
export function periodOfDay(d: Dialect, values: QueryValues, period: 'day' | 'week' | 'month', weekStartsOn: Weekday, day: string): string {
  if (period === 'day') return day;
  if (period === 'month') return d.monthOfDay(day);
  // Weeks counted from the week of day 0: floor((day - origin) / 7), origin its first day.
  return d.floorDiv(`${day} - ${values.bind(startOfWeek(0, weekStartsOn), 'integer')}`, '7');
}

/**
 * One series of periods per group over `range` (both ends included), by `periodSeries`,
 * from the counts in the rows of `part` (`p`, `n`, and `grp` when `codes` is given: group
 * text to group index). A period is complete when it lies whole in the range and its last
 * day is at most `completeDay`. O(periods × groups + rows).
 */
export function periodSeriesOf(
  fn: string,
  rows: readonly SqlRow[],
  part: string,
  codes: ReadonlyMap<string, number> | null,
  scale: PeriodScale,
  range: { readonly from: number; readonly to: number },
  completeDay: number,
): PeriodActiveUsers[][] {
  const { first, count } = periodSpan(scale, range);
  const groups = codes === null ? 1 : codes.size;
  const counts = new Int32Array(groups * count);
  for (const row of rows) {
    if (row['part'] !== part) continue;
    const index = numberOf(fn, row, 'p') - first;
    const group = codes === null ? 0 : codes.get(textOrNull(row, 'grp') ?? '');
    if (index < 0 || index >= count || group === undefined) continue;
    counts[group * count + index] = numberOf(fn, row, 'n');
  }
  return periodSeries(counts, groups, scale, range, completeDay);
}
