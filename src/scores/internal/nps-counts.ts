/**
 * NPS arithmetic shared by `nps` and `npsChange`: counting answers into promoters,
 * passives and detractors, the score and its multinomial standard error (Wald or
 * adjusted-Wald).
 * @internal
 */

import type { NpsMethod, ResponseAccessors, Responses } from '../types.js';
import { forEachAnswer } from './responses.js';

/** The accepted methods, the default first. */
export const NPS_METHODS: readonly NpsMethod[] = ['wald', 'adjusted-wald'];

/** Promoters (9–10), passives (7–8) and detractors (0–6) of one sample. */
export interface NpsCounts {
  promoters: number;
  passives: number;
  detractors: number;
}

/**
 * Counts answers 0..10 into promoters, passives and detractors. O(n), no allocation per
 * answer; throws (through `forEachAnswer`) on the first answer that is not such an integer.
 */
export function countAnswers<R>(fn: string, responses: Responses<R>, accessors: ResponseAccessors<R>, collection = 'responses'): NpsCounts {
  const counts: NpsCounts = { promoters: 0, passives: 0, detractors: 0 };
  forEachAnswer(
    fn,
    responses,
    accessors,
    0,
    10,
    (answer) => {
      if (answer >= 9) counts.promoters++;
      else if (answer >= 7) counts.passives++;
      else counts.detractors++;
    },
    collection,
  );
  return counts;
}

/** The interval centre and the standard error of an NPS, both in NPS points. */
export interface NpsSpread {
  /** The plain score for Wald; `100 (P - D) / (n + 3)` for adjusted-Wald. */
  readonly centre: number;
  /** `100 √((p + d - (p - d)²) / n)` with the (adjusted) shares and n. */
  readonly standardError: number;
}

/**
 * The plain score `100 (P - D) / n`, computed from the counts so that whole-number scores
 * come out exact (3 promoters and 1 detractor of 10 give 20, not 19.999999999999996).
 * `n` must be > 0.
 */
export function plainScore(counts: NpsCounts, n: number): number {
  return (100 * (counts.promoters - counts.detractors)) / n;
}

/**
 * Centre and standard error of the score. With `p = P/n`, `d = D/n`:
 * `Var(p̂ - d̂) = (p + d - (p - d)²) / n`, evaluated as
 * `((P + D) n - (P - D)²) / n³`, whose numerator is an exact integer for n below 9.4e7 (no
 * cancellation; exactly 0 when every answer falls in one group). Adjusted-Wald first adds
 * 3/4 to P and to D and 3 to n. `n` must be > 0. O(1).
 */
export function npsSpread(counts: NpsCounts, n: number, method: NpsMethod): NpsSpread {
  const add = method === 'adjusted-wald' ? 0.75 : 0;
  const p = counts.promoters + add;
  const d = counts.detractors + add;
  const m = n + 4 * add;
  const net = p - d;
  const numerator = Math.max(0, (p + d) * m - net * net);
  const standardError = (100 * Math.sqrt(numerator)) / (m * Math.sqrt(m));
  const centre = method === 'adjusted-wald' ? (100 * net) / m : plainScore(counts, n);
  return { centre, standardError };
}

