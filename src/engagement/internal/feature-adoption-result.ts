/**
 * The result assembly of `featureAdoption` (and of the `featureAdoptionSql` decoder): the
 * reported range, the active users and adopters per period of it, then one row per period
 * with its frame (`period`, `start`, `end`, `complete`) and its Wilson `rate`, and the
 * settings echoed. O(periods) after the counting.
 * @internal
 */

import { asOfEcho } from '../../core/as-of.js';
import { dayKey } from '../../core/calendar.js';
import { wilsonInterval } from '../../stats/wilson-interval.js';
import type { FeatureAdoptionResult, FeatureAdoptionRow } from '../types.js';
import { asOfRange, completeThrough } from './as-of-range.js';
import type { AdoptionSettings } from './feature-adoption-options.js';

/** The counts per period of the range: slot i is period number `firstPeriod + i` (without a period, one slot, period 0). */
export interface AdoptionCounts {
  readonly firstPeriod: number;
  /** Active users per slot. */
  readonly active: Int32Array;
  /** Adopters per slot. */
  readonly adopters: Int32Array;
}

/**
 * The result at `asOf` (the given one, else the latest event): the range of `asOfRange`
 * from the first and last day of the events counted (`null` without any), whose periods
 * `tally` counts into zeroed `AdoptionCounts` (not called when there is no range).
 * `feature` is echoed: the event name, or `'predicate'`.
 */
export function adoptionResult(
  settings: AdoptionSettings,
  feature: string,
  asOf: number | null,
  firstDay: number | null,
  lastDay: number | null,
  tally: (counts: AdoptionCounts) => void,
): FeatureAdoptionResult {
  const { zone, period, weekStartsOn, confidence } = settings;
  const range = asOfRange(settings.bounds, firstDay, lastDay, asOf, zone);
  return {
    timeZone: zone.timeZone,
    ...asOfEcho(asOf, zone),
    feature,
    period,
    weekStartsOn,
    confidence,
    from: range === null ? null : dayKey(range.from),
    to: range === null ? null : dayKey(range.to),
    periods: range === null ? [] : adoptionRows(settings, range, completeThrough(asOf, zone), tally),
  };
}

/**
 * One row per period of `range`; without a period scale, one row for the whole range
 * (`period` is `from/to`). A period is complete when it lies whole inside the range and
 * its last day is at most `completeDay`.
 */
function adoptionRows(
  settings: AdoptionSettings,
  range: { readonly from: number; readonly to: number },
  completeDay: number,
  tally: (counts: AdoptionCounts) => void,
): FeatureAdoptionRow[] {
  const { from, to } = range;
  const { scale, confidence } = settings;
  const firstPeriod = scale === null ? 0 : scale.of(from);
  const count = scale === null ? 1 : scale.of(to) - firstPeriod + 1;
  const active = new Int32Array(count);
  const adopters = new Int32Array(count);
  tally({ firstPeriod, active, adopters });
  const rows: FeatureAdoptionRow[] = [];
  for (let i = 0; i < count; i++) {
    const p = firstPeriod + i;
    const first = scale === null ? from : scale.firstDay(p);
    const last = scale === null ? to : scale.lastDay(p);
    const start = dayKey(Math.max(first, from));
    const end = dayKey(Math.min(last, to));
    const a = active[i] as number;
    const m = adopters[i] as number;
    rows.push({
      period: scale === null ? `${start}/${end}` : scale.key(p),
      start,
      end,
      complete: first >= from && last <= to && last <= completeDay,
      activeUsers: a,
      adopters: m,
      rate: wilsonInterval(m, a, { confidence }),
    });
  }
  return rows;
}
