/**
 * A Kaplan–Meier curve of the engine as the one public step shape, `SurvivalStep[]`, which
 * `kaplanMeier` and `compareRetention` return and `retentionChart` draws.
 * @internal
 */

import type { SurvivalStep } from '../../core/types.js';
import { curvePoint, type KaplanMeierCurve } from '../../stats/kaplan-meier-engine.js';

/** The curve as plain JSON steps, one per distinct time, ascending. O(m). */
export function survivalSteps(curve: KaplanMeierCurve): SurvivalStep[] {
  const steps: SurvivalStep[] = [];
  for (let k = 0; k < curve.length; k++) {
    const point = curvePoint(curve, k);
    steps.push({
      time: point.time,
      atRisk: point.nRisk,
      events: point.nEvent,
      censored: point.nCensor,
      survival: point.survival,
      standardError: point.standardError,
      lower: point.lower,
      upper: point.upper,
    });
  }
  return steps;
}
