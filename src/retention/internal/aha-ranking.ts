/**
 * The result assembly of `findAha` (and of the `findAhaSql` decoder): the 2×2 tables of
 * every candidate milestone (candidate × count) tallied over the analysed users, the
 * figures of each, their ranking by phi with each candidate's best milestone, and the
 * result. O(K) a user to tally for K candidate milestones, O(K log K) to rank.
 * @internal
 */

import { asOfEcho } from '../../core/as-of.js';
import type { ZoneCalendar } from '../../core/time-zone.js';
import { wilsonInterval } from '../../stats/wilson-interval.js';
import type { AhaCandidateResult, FindAhaResult } from '../types.js';
import type { CandidateSpec, TargetSpec } from './aha-options.js';
import { ahaFigures } from './aha-table.js';

/** The read options that shape `findAha`'s result (echoed, or setting the tables and the ranking). */
export interface AhaResultSettings {
  readonly candidates: CandidateSpec[];
  readonly landmarkDays: number;
  readonly target: TargetSpec;
  readonly inactivityDays: number;
  readonly minUsers: number;
  readonly confidence: number;
}

/** The 2×2 tables of every candidate × count over the analysed users, filled one user at a time. */
export class AhaTally {
  /** Cells of milestone m at `4 m + (did ? 0 : 2) + (retained ? 0 : 1)`. */
  readonly cells: Float64Array;
  /** Index of each candidate's first milestone in `cells`. */
  readonly offsets: number[];
  /** Analysed users tallied. */
  users = 0;
  /** Of them, those retained. */
  retained = 0;
  private readonly candidates: readonly CandidateSpec[];

  constructor(candidates: readonly CandidateSpec[]) {
    this.candidates = candidates;
    this.offsets = [];
    let milestoneCount = 0;
    for (const spec of candidates) {
      this.offsets.push(milestoneCount);
      milestoneCount += spec.counts.length;
    }
    this.cells = new Float64Array(4 * milestoneCount);
  }

  /** Tallies an analysed user: retained or not, with its count of candidate k at `counts[base + k]`. O(K). */
  add(retained: boolean, counts: ArrayLike<number>, base: number): void {
    const { cells, candidates, offsets } = this;
    this.users++;
    if (retained) this.retained++;
    for (let k = 0; k < candidates.length; k++) {
      const spec = candidates[k] as CandidateSpec;
      const done = counts[base + k] as number;
      let m = offsets[k] as number;
      for (const atLeast of spec.counts) {
        const cell = 4 * m + (done >= atLeast ? 0 : 2) + (retained ? 0 : 1);
        cells[cell] = (cells[cell] as number) + 1;
        m++;
      }
    }
  }
}

/**
 * `findAha`'s result from the tallied tables: `asOf` in force in `zone`, `journeys` read,
 * and the journeys left out by reason. O(K log K).
 */
export function ahaResult(
  settings: AhaResultSettings,
  zone: ZoneCalendar,
  asOf: number | null,
  journeys: number,
  tally: AhaTally,
  leftOut: { readonly notObservable: number; readonly churnedBeforeLandmark: number },
): FindAhaResult {
  const { milestones, best } = rankCandidates(tally, settings);
  return {
    ...asOfEcho(asOf, zone),
    timeZone: zone.timeZone,
    landmarkDays: settings.landmarkDays,
    target: settings.target.echo,
    inactivityDays: settings.inactivityDays,
    minUsers: settings.minUsers,
    confidence: settings.confidence,
    journeys,
    users: tally.users,
    retained: tally.retained,
    retention: wilsonInterval(tally.retained, tally.users, { confidence: settings.confidence }),
    leftOut: { notObservable: leftOut.notObservable, churnedBeforeLandmark: leftOut.churnedBeforeLandmark },
    milestones,
    best,
  };
}

/**
 * The figures of every candidate milestone, ranked by phi descending (`null` last; ties
 * keep candidate order, then count), and `best`, each candidate's top milestone with
 * enough users. O(K log K).
 */
function rankCandidates(tally: AhaTally, settings: AhaResultSettings): { milestones: AhaCandidateResult[]; best: AhaCandidateResult[] } {
  const { cells, users } = tally;
  const { minUsers, confidence } = settings;
  const milestones: AhaCandidateResult[] = [];
  const order: number[] = [];
  settings.candidates.forEach((spec, k) => {
    let m = tally.offsets[k] as number;
    for (const count of spec.counts) {
      const table = {
        didRetained: cells[4 * m] as number,
        didChurned: cells[4 * m + 1] as number,
        didNotRetained: cells[4 * m + 2] as number,
        didNotChurned: cells[4 * m + 3] as number,
      };
      const figures = ahaFigures(table, confidence);
      const enoughUsers = figures.users >= minUsers && users - figures.users >= minUsers;
      milestones.push({ label: spec.name, count, enoughUsers, ...figures });
      order.push(k);
      m++;
    }
  });
  const ranked = milestones.map((milestone, index) => ({ milestone, index }));
  ranked.sort((x, y) => comparePhi(x.milestone.phi, y.milestone.phi) || x.index - y.index);
  const best: AhaCandidateResult[] = [];
  const taken = new Set<number>();
  for (const { milestone, index } of ranked) {
    const k = order[index] as number;
    if (taken.has(k) || !milestone.enoughUsers || milestone.phi === null) continue;
    taken.add(k);
    best.push(milestone);
  }
  return { milestones: ranked.map((r) => r.milestone), best };
}

/** Orders phi descending, `null` last. */
function comparePhi(x: number | null, y: number | null): number {
  if (x === null) return y === null ? 0 : 1;
  if (y === null) return -1;
  return y - x;
}
