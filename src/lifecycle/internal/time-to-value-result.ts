/**
 * The result assembly of `timeToValue` (and of the `timeToValueSql` decoder): from the
 * Kaplan–Meier subjects (durations in milliseconds from the start to the milestone, or to
 * `asOf` when censored), the estimate with Greenwood's intervals, its quantiles, its curve
 * and the shares reached within each horizon, times in the unit. O(n) (radix sort) for n
 * subjects, then O(m + h log m) for m distinct times and h horizons.
 * @internal
 */

import { asOfEcho } from '../../core/as-of.js';
import { MS_PER_DAY } from '../../core/calendar.js';
import type { ZoneCalendar } from '../../core/time-zone.js';
import type { SurvivalQuantile, SurvivalStep } from '../../core/types.js';
import { curvePoint, kaplanMeierEngine, survivalAt, survivalQuantile, type KaplanMeierCurve } from '../../stats/kaplan-meier-engine.js';
import type { TimeToValueResult, TimeToValueShare, TimeToValueUnit } from '../types.js';

/** The read options that shape the result. */
export interface TimeToValueSettings {
  readonly unit: TimeToValueUnit;
  readonly unitMs: number;
  readonly confidence: number;
  readonly horizons: number[];
}

/**
 * `timeToValue`'s result: `subjects` are the journeys started by `asOf` (in force, in
 * `zone`), `journeys` all those read, `reached` the subjects that reached the milestone.
 */
export function timeToValueResult(
  settings: TimeToValueSettings,
  zone: ZoneCalendar,
  asOf: number | null,
  subjects: { readonly durations: Float64Array; readonly observed: Uint8Array },
  journeys: number,
  reached: number,
): TimeToValueResult {
  const { confidence, unitMs } = settings;
  const n = subjects.durations.length;
  const km = kaplanMeierEngine(subjects.durations, subjects.observed, { confidence, fn: 'timeToValue' });
  return {
    ...asOfEcho(asOf, zone),
    timeZone: zone.timeZone,
    unit: settings.unit,
    confidence,
    n,
    reached,
    censored: n - reached,
    notStarted: journeys - n,
    median: quantileOf(km, 0.5, unitMs),
    p75: quantileOf(km, 0.75, unitMs),
    p90: quantileOf(km, 0.9, unitMs),
    curve: stepsOf(km, unitMs),
    reachedWithin: settings.horizons.map((horizon) => ({ horizon, share: shareWithin(km, horizon * MS_PER_DAY) })),
  };
}

/** The `p` quantile of the time to value in the unit; each part `null` when its curve never gets that low. */
function quantileOf(curve: KaplanMeierCurve, p: number, unitMs: number): SurvivalQuantile {
  const q = survivalQuantile(curve, p);
  return {
    value: q.value === null ? null : q.value / unitMs,
    lower: q.lower === null ? null : q.lower / unitMs,
    upper: q.upper === null ? null : q.upper / unitMs,
  };
}

/** The curve as `SurvivalStep`s, times in the unit. O(m) for m distinct times. */
function stepsOf(curve: KaplanMeierCurve, unitMs: number): SurvivalStep[] {
  const steps: SurvivalStep[] = new Array<SurvivalStep>(curve.length);
  for (let k = 0; k < curve.length; k++) {
    const point = curvePoint(curve, k);
    steps[k] = {
      time: point.time / unitMs,
      atRisk: point.nRisk,
      events: point.nEvent,
      censored: point.nCensor,
      survival: point.survival,
      standardError: point.standardError,
      lower: point.lower,
      upper: point.upper,
    };
  }
  return steps;
}

/** `1 - S(t)` with the interval `[1 - upper, 1 - lower]`; `null` when S(t) is not observed. */
function shareWithin(curve: KaplanMeierCurve, t: number): TimeToValueShare | null {
  const s = survivalAt(curve, t);
  if (s === null) return null;
  return {
    value: 1 - s.value,
    lower: s.upper === null ? null : 1 - s.upper,
    upper: s.lower === null ? null : 1 - s.lower,
  };
}
