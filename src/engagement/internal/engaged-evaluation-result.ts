/**
 * The result assembly of `engagedEvaluation` (and of the `engagedEvaluationSql` decoder):
 * each evaluated trial's row (engaged, pending, engaged day), the tallies overall, per
 * start month and per campaign with their Wilson rates and bands, the trials in order,
 * and the settings echoed. O(t log t) for t trials.
 * @internal
 */

import { asOfEcho, isCompleteAt } from '../../core/as-of.js';
import { bandOf } from '../../core/bands.js';
import { dayKey, monthKey, monthOfDay } from '../../core/calendar.js';
import { compareIds, compareOptionalIds } from '../../core/id-order.js';
import type { Id } from '../../core/read.js';
import { wilsonInterval } from '../../stats/wilson-interval.js';
import type { EngagedEvaluationResult, EngagedEvaluationSummary, EngagedEvaluationTrial } from '../types.js';
import { ENGAGEMENT_SCALE, type EvaluationSettings } from './engaged-evaluation-options.js';

/** One trial with the activity of its window. */
export interface EvaluatedTrial {
  readonly accountId: Id;
  /** Start instant, epoch ms. */
  readonly start: number;
  /** Local day of the start: day 0 of the window. */
  readonly day: number;
  /** Source campaign; `null` for none. */
  readonly campaign: Id | null;
  /** Distinct active days in the window. */
  readonly activeDays: number;
  /** Day of the `minActiveDays`-th active day; `null` with fewer. */
  readonly engagedDay: number | null;
}

/** Counts of a set of trials, as they are tallied. */
interface Counts {
  trialCount: number;
  completed: number;
  engaged: number;
  pending: number;
  pendingEngaged: number;
}

/**
 * The result from the evaluated trials at `asOf` (the given one, else the default: the
 * latest event, else the latest trial start): a trial is engaged with at least
 * `minActiveDays` active days and pending while its window's last day has not ended by
 * `asOf`; pending trials stay out of the rate (`engaged / completed`, Wilson interval at
 * `confidence`, banded by `benchmarks`). The trials are ordered by start instant, then
 * account id, then campaign (a stable sort: equal trials keep their given order).
 */
export function evaluationResult(trials: readonly EvaluatedTrial[], settings: EvaluationSettings, asOf: number | null): EngagedEvaluationResult {
  const { windowDays, minActiveDays, zone, confidence, benchmarks } = settings;
  const overall = newCounts();
  const months = new Map<number, Counts>();
  const campaigns = new Map<Id | null, Counts>();
  const rows: { trial: EvaluatedTrial; row: EngagedEvaluationTrial }[] = [];
  for (const trial of trials) {
    const engaged = trial.activeDays >= minActiveDays;
    const pending = !isCompleteAt(trial.day + windowDays - 1, asOf, zone);
    tally(overall, pending, engaged);
    tally(countsOf(months, monthOfDay(trial.day)), pending, engaged);
    tally(countsOf(campaigns, trial.campaign), pending, engaged);
    rows.push({
      trial,
      row: {
        accountId: trial.accountId,
        trialStart: dayKey(trial.day),
        sourceCampaign: trial.campaign,
        activeDays: trial.activeDays,
        engaged,
        pending,
        engagedOn: engaged && trial.engagedDay !== null ? dayKey(trial.engagedDay) : null,
      },
    });
  }
  const summarize = (counts: Counts): EngagedEvaluationSummary => {
    const rate = counts.completed === 0 ? null : wilsonInterval(counts.engaged, counts.completed, { confidence });
    return { ...counts, rate, band: rate === null ? null : bandOf(ENGAGEMENT_SCALE, benchmarks, rate.value) };
  };
  rows.sort((a, b) => a.trial.start - b.trial.start || compareIds(a.trial.accountId, b.trial.accountId) || compareOptionalIds(a.trial.campaign, b.trial.campaign));
  return {
    timeZone: zone.timeZone,
    ...asOfEcho(asOf, zone),
    minActiveDays,
    windowDays,
    confidence,
    benchmarks,
    overall: summarize(overall),
    byMonth: [...months.keys()].sort((a, b) => a - b).map((month) => ({ month: monthKey(month), ...summarize(months.get(month) as Counts) })),
    byCampaign: [...campaigns.keys()].sort(compareOptionalIds).map((sourceCampaign) => ({ sourceCampaign, ...summarize(campaigns.get(sourceCampaign) as Counts) })),
    trials: rows.map((r) => r.row),
  };
}

function countsOf<K>(map: Map<K, Counts>, key: K): Counts {
  let counts = map.get(key);
  if (counts === undefined) map.set(key, (counts = newCounts()));
  return counts;
}

function newCounts(): Counts {
  return { trialCount: 0, completed: 0, engaged: 0, pending: 0, pendingEngaged: 0 };
}

function tally(counts: Counts, pending: boolean, engaged: boolean): void {
  counts.trialCount++;
  if (pending) {
    counts.pending++;
    if (engaged) counts.pendingEngaged++;
  } else {
    counts.completed++;
    if (engaged) counts.engaged++;
  }
}
