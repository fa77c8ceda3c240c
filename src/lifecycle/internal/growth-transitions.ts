/**
 * The transitions of `growthLifecycle` and its result (the result also of the
 * `growthLifecycleSql` decoder, whose engine counts the same transitions): one pass per
 * user over their sorted active days, counting new, returning, resurrecting and dormant
 * per reported period; then the reported range and each period's frame (`period`,
 * `start`, `end`, `complete`) and figures (`active`, `quickRatio`, dormant as a negative
 * count). O(user-days) for the count, O(periods) for the result.
 * @internal
 */

import { asOfEcho, isCompleteAt } from '../../core/as-of.js';
import { dayKey } from '../../core/calendar.js';
import { periodScale, type PeriodScale } from '../../core/periods.js';
import type { ZoneCalendar } from '../../core/time-zone.js';
import type { Period, Weekday } from '../../core/types.js';
import type { GrowthLifecycleNewBy, GrowthLifecyclePeriod, GrowthLifecycleResult } from '../types.js';
import { checkBoundsAsOf, growthRange } from './growth-periods.js';
import { NO_SIGNUP } from './growth-signups.js';

/** The settings that shape the result. */
export interface GrowthSettings {
  readonly zone: ZoneCalendar;
  readonly period: Period;
  readonly weekStartsOn: Weekday;
  readonly newBy: GrowthLifecycleNewBy;
  /** The local days of `from` and `to`, `null` where not given. */
  readonly bounds: { readonly from: number | null; readonly to: number | null };
}

/**
 * The result at `asOf` (the given one, else the latest event; `null` without either):
 * `from`/`to` are checked against the day of `asOf` (`opts` gives them as passed, for the
 * message), the range is that of `growthRange` from the first active day, and `count`
 * gives the transition counts of the `count` reported periods from the period numbered
 * `first` (not called when there is no range).
 *
 * @throws {MetricsInputError} for a `from` or `to` after the day of `asOf`.
 */
export function growthResult(
  fn: string,
  opts: { readonly from?: unknown; readonly to?: unknown },
  settings: GrowthSettings,
  asOf: number | null,
  firstActiveDay: number | null,
  count: (scale: PeriodScale, first: number, count: number) => TransitionCounts,
): GrowthLifecycleResult {
  const { zone, period, weekStartsOn, newBy, bounds } = settings;
  const asOfDay = asOf === null ? null : zone.dayOf(asOf);
  if (asOfDay !== null) checkBoundsAsOf(fn, opts, bounds, asOfDay);
  const range = growthRange(bounds, firstActiveDay, asOfDay);
  const head = {
    timeZone: zone.timeZone,
    period,
    weekStartsOn,
    newBy,
    ...asOfEcho(asOf, zone),
    from: range === null ? null : dayKey(range.from),
    to: range === null ? null : dayKey(range.to),
  };
  if (range === null) return { ...head, periods: [] };
  const scale = periodScale(period, weekStartsOn);
  const first = scale.of(range.from);
  const counts = count(scale, first, scale.of(range.to) - first + 1);
  return { ...head, periods: periodRows(counts, scale, first, (lastDay) => isCompleteAt(lastDay, asOf, zone)) };
}

/** Per reported period (slot 0 = period `first`): the four lifecycle counts. */
export interface TransitionCounts {
  readonly fresh: Int32Array;
  readonly returning: Int32Array;
  readonly resurrecting: Int32Array;
  readonly dormant: Int32Array;
}

/**
 * One pass per user over their sorted active days: the period of each, and the
 * transition it makes (new, returning, resurrecting; dormant in the period after a gap or
 * after the last active period), counted in the `count` reported periods from `first`.
 */
export function countTransitions(
  activity: { offsets: Int32Array | ArrayLike<number>; days: Int32Array | ArrayLike<number> },
  signupDays: Int32Array | null,
  scale: PeriodScale,
  first: number,
  count: number,
): TransitionCounts {
  const { offsets, days } = activity;
  const fresh = new Int32Array(count);
  const returning = new Int32Array(count);
  const resurrecting = new Int32Array(count);
  const dormant = new Int32Array(count);
  const users = offsets.length - 1;
  for (let u = 0; u < users; u++) {
    const end = offsets[u + 1] as number;
    let previous = 0; // period of the previous active period
    let periodEnd = Number.NEGATIVE_INFINITY; // last day of the previous active period
    for (let i = offsets[u] as number; i < end; i++) {
      const day = days[i] as number;
      if (day <= periodEnd) continue; // same period as the day before
      const p = scale.of(day);
      periodEnd = scale.lastDay(p);
      const slot = p - first;
      if (i === (offsets[u] as number)) {
        // The first active period: new when created in it, else resurrecting.
        let created = p;
        if (signupDays !== null) {
          const signupDay = signupDays[u] as number;
          if (signupDay !== NO_SIGNUP && signupDay < day) {
            const signed = scale.of(signupDay);
            if (signed < created) created = signed;
          }
        }
        if (slot >= 0 && slot < count) {
          if (created === p) fresh[slot] = (fresh[slot] as number) + 1;
          else resurrecting[slot] = (resurrecting[slot] as number) + 1;
        }
      } else if (p === previous + 1) {
        if (slot >= 0 && slot < count) returning[slot] = (returning[slot] as number) + 1;
      } else {
        const gap = previous + 1 - first;
        if (gap >= 0 && gap < count) dormant[gap] = (dormant[gap] as number) + 1;
        if (slot >= 0 && slot < count) resurrecting[slot] = (resurrecting[slot] as number) + 1;
      }
      previous = p;
      if (slot >= count) break; // later periods are not reported
    }
    if (end > (offsets[u] as number)) {
      const gap = previous + 1 - first;
      if (gap >= 0 && gap < count) dormant[gap] = (dormant[gap] as number) + 1;
    }
  }
  return { fresh, returning, resurrecting, dormant };
}

/** The result rows of the reported periods; `complete` tells whether a period's last day has ended. */
function periodRows(counts: TransitionCounts, scale: PeriodScale, first: number, complete: (lastDay: number) => boolean): GrowthLifecyclePeriod[] {
  const count = counts.fresh.length;
  const periods: GrowthLifecyclePeriod[] = new Array<GrowthLifecyclePeriod>(count);
  for (let k = 0; k < count; k++) {
    const p = first + k;
    const start = scale.firstDay(p);
    const stop = scale.lastDay(p);
    const n = counts.fresh[k] as number;
    const ret = counts.returning[k] as number;
    const res = counts.resurrecting[k] as number;
    const gone = counts.dormant[k] as number;
    periods[k] = {
      period: scale.key(p),
      start: dayKey(start),
      end: dayKey(stop),
      complete: complete(stop),
      new: n,
      returning: ret,
      resurrecting: res,
      dormant: gone === 0 ? 0 : -gone,
      active: n + ret + res,
      quickRatio: gone === 0 ? null : (n + res) / gone,
    };
  }
  return periods;
}
