/**
 * The result assembly of `compareRetention` (and of the `compareRetentionSql` decoder):
 * from each group's durations after the landmark, both Kaplan–Meier curves, retention at
 * each of the chosen days with the difference and the relative lift, and the log-rank
 * test. O(n) (radix sort) for n subjects and O(d log m) for d retention days.
 * @internal
 */

import { asOfEcho } from '../../core/as-of.js';
import type { ZoneCalendar } from '../../core/time-zone.js';
import type { Estimate } from '../../core/types.js';
import { kaplanMeierEngine, survivalAt, survivalQuantile, type KaplanMeierCurve } from '../../stats/kaplan-meier-engine.js';
import { logRankEngine } from '../../stats/log-rank-engine.js';
import { normalQuantile } from '../../stats/normal-quantile.js';
import type { CompareRetentionResult, RetentionAtDay, RetentionGroup } from '../types.js';
import { survivalSteps } from './survival-steps.js';
import type { SubjectColumns } from './survival-subjects.js';

/** The read options that shape a comparison's result: echoed in it, and setting the curves' intervals and the retention days. */
export type ComparisonSettings = Pick<CompareRetentionResult, 'landmarkDays' | 'horizonDays' | 'followUpDays' | 'inactivityDays' | 'retentionDays' | 'confidence' | 'confType'>;

/** Each group's durations after the landmark (in days), and the journeys left out by reason. */
export interface GroupDurations {
  readonly segment: SubjectColumns;
  readonly control: SubjectColumns;
  readonly notYetAtLandmark: number;
  readonly churnedBeforeLandmark: number;
}

/**
 * Both Kaplan–Meier curves, retention at each of `retentionDays` with the difference and
 * the relative lift, and the log-rank test, as `compareRetention`'s result (`asOf` in
 * force in `zone`, `journeys` read). O(n) (radix sort) and O(d log m) for d retention days.
 */
export function comparisonOf(settings: ComparisonSettings, zone: ZoneCalendar, asOf: number | null, journeys: number, groups: GroupDurations): CompareRetentionResult {
  const { confidence, confType } = settings;
  const engine = { confidence, confType, fn: 'compareRetention' };
  const segmentCurve = kaplanMeierEngine(groups.segment.durations, groups.segment.observed, engine);
  const controlCurve = kaplanMeierEngine(groups.control.durations, groups.control.observed, engine);
  const test = logRankEngine([groups.segment, groups.control], { fn: 'compareRetention' });
  const z = -normalQuantile((1 - confidence) / 2);
  return {
    ...asOfEcho(asOf, zone),
    timeZone: zone.timeZone,
    landmarkDays: settings.landmarkDays,
    horizonDays: settings.horizonDays,
    followUpDays: settings.followUpDays,
    inactivityDays: settings.inactivityDays,
    retentionDays: settings.retentionDays,
    confidence,
    confType,
    journeys,
    leftOut: { notYetAtLandmark: groups.notYetAtLandmark, churnedBeforeLandmark: groups.churnedBeforeLandmark },
    segment: groupOf(segmentCurve),
    control: groupOf(controlCurve),
    retention: settings.retentionDays.map((day) => retentionAt(segmentCurve, controlCurve, day, z)),
    logRank: {
      chiSquare: test.chiSquare,
      degreesOfFreedom: test.degreesOfFreedom,
      pValue: test.pValue,
      segment: { events: test.observed[0] as number, expectedEvents: test.expected[0] as number },
      control: { events: test.observed[1] as number, expectedEvents: test.expected[1] as number },
    },
  };
}

/** A group's counts, its curve as `SurvivalStep[]` and its median. O(m). */
function groupOf(curve: KaplanMeierCurve): RetentionGroup {
  return {
    users: curve.subjects,
    churned: curve.events,
    censored: curve.subjects - curve.events,
    curve: survivalSteps(curve),
    median: survivalQuantile(curve, 0.5),
  };
}

/** Both groups' retention at `day`, their difference (normal approximation) and the relative lift. O(log m). */
function retentionAt(segmentCurve: KaplanMeierCurve, controlCurve: KaplanMeierCurve, day: number, z: number): RetentionAtDay {
  const segment = survivalAt(segmentCurve, day);
  const control = survivalAt(controlCurve, day);
  let difference: Estimate | null = null;
  let relativeLift: number | null = null;
  if (segment !== null && control !== null) {
    if (segment.standardError !== null && control.standardError !== null) {
      const value = segment.value - control.value;
      const spread = z * Math.hypot(segment.standardError, control.standardError);
      difference = { value, lower: Math.max(-1, value - spread), upper: Math.min(1, value + spread) };
    }
    if (control.value > 0) relativeLift = segment.value / control.value - 1;
  }
  return { day, segment, control, difference, relativeLift };
}
