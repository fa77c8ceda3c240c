/**
 * The decoder side of `featureAdoptionSql`: the engine's per-period counts (`p`, active
 * users `a`, adopters `m`) put into `featureAdoption`'s own counts
 * (engagement/internal/feature-adoption-result.ts), which lays out its rows. O(rows).
 * @internal
 */

import type { AdoptionCounts } from '../../engagement/internal/feature-adoption-result.js';
import type { SqlRow } from '../types.js';
import { numberOf } from './decode.js';

/**
 * The counts of the rows whose `part` is `'period'` (one per period number with
 * activity); a period with no row keeps zero counts. Rows outside the range are ignored
 * (the engine reports none).
 */
export function tallyPeriodRows(fn: string, rows: readonly SqlRow[], counts: AdoptionCounts): void {
  const { firstPeriod, active, adopters } = counts;
  for (const row of rows) {
    if (row['part'] !== 'period') continue;
    const i = numberOf(fn, row, 'p') - firstPeriod;
    if (i < 0 || i >= active.length) continue;
    active[i] = numberOf(fn, row, 'a');
    adopters[i] = numberOf(fn, row, 'm');
  }
}
