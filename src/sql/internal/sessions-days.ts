/**
 * The decoder side of `sessionsPerUserDaySql`: the engine's histogram rows (per local day
 * and number of sessions `k`, the user-days with exactly `k` sessions starting that day)
 * counted into `sessionsPerUserDay`'s own tally (engagement/internal/
 * sessions-per-user-day-result.ts), which makes its day rows and totals. O(rows).
 * @internal
 */

import type { SessionDayCounts } from '../../engagement/internal/sessions-per-user-day-result.js';
import type { SqlRow } from '../types.js';
import { numberOf } from './decode.js';

/** Counts the `'hist'` rows (`d`, `k`, `n`) of the days in the range of `counts`; the other days are left out. */
export function tallyHistogram(fn: string, rows: readonly SqlRow[], counts: SessionDayCounts): void {
  for (const row of rows) {
    if (row['part'] !== 'hist') continue;
    const day = numberOf(fn, row, 'd');
    if (day < counts.from || day > counts.to) continue;
    counts.add(day, numberOf(fn, row, 'k'), numberOf(fn, row, 'n'));
  }
}
