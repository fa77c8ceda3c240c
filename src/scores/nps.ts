import { optionsOf } from '../core/options.js';
import { readChoice, readConfidence } from '../core/read.js';
import { normalQuantile } from '../stats/normal-quantile.js';
import { tallyAnswers } from './internal/answer-tally.js';
import { NPS_METHODS, npsSpread, plainScore, type NpsCounts } from './internal/nps-counts.js';
import type { GroupedNpsResult, NpsFigures, NpsMethod, NpsOptions, NpsResult, Responses } from './types.js';

/** The keys of {@link NpsOptions}: any other key is an `unknown-option` error. */
const NPS_OPTION_KEYS = ['confidence', 'method', 'groupBy', 'score'] as const satisfies readonly (keyof NpsOptions<unknown>)[];

/**
 * Net Promoter Score of survey answers 0–10, with its standard error and confidence interval.
 *
 * Definition (Reichheld, "The One Number You Need to Grow", Harvard Business Review, 2003;
 * Bain & Company's Net Promoter System): answers 9–10 are promoters, 7–8 passives, 0–6
 * detractors; with `p = promoters / n` and `d = detractors / n`, `score = 100 × (p - d)`,
 * from -100 (all detractors) to 100 (all promoters).
 *
 * Interval: the counts are one multinomial sample, so `Var(p̂ - d̂) = (p + d - (p - d)²) / n`
 * and `standardError = 100 × √((p + d - (p - d)²) / n)`; `marginOfError = z × standardError`
 * with `z = Φ⁻¹(1 - (1 - confidence)/2)` (1.96 at 0.95); `[score - margin, score + margin]`,
 * clamped to [-100, 100]. With `method: 'adjusted-wald'` (B. Rocks, "Interval estimation for
 * the 'Net Promoter Score'", The American Statistician 70, 2016; J. Sauro and J. R. Lewis,
 * MeasuringU, "Confidence intervals for Net Promoter Scores", 2021), 3/4 is added to the
 * promoters and to the detractors and 3 to n (so the passives get 3/2) before the standard
 * error and the interval centre `100 (P - D) / (n + 3)` are computed; it has better coverage
 * for small samples. The reported `score` stays the plain score, so at very small n the
 * adjusted interval, pulled toward 0, need not contain it (one promoter: score 100,
 * interval about [-48.5, 98.5]).
 *
 * Groups: with `groupBy` (a field name such as `'plan'`, or an accessor) the result keeps
 * the figures of all answers at the top level and adds `groups`, one row `{ group, ...the
 * same figures }` per group in order of the group's first answer. Every response must have
 * a group (a non-empty string or a finite number; `1` and `'1'` are different groups):
 * none is dropped. A group row is itself an input of `npsChange`.
 *
 * Cost: O(n) time, one pass, O(1) memory, no allocation per answer; with `groupBy`, one
 * `Map` lookup per answer and O(g) memory for g groups.
 *
 * Edge cases: no answers gives `n: 0`, zero counts and `null` score, shares, standard error,
 * margin and bounds. When every answer falls in one group (all promoters, all passives, all
 * detractors, or a single answer), the Wald standard error is 0 and the interval is the
 * point `[score, score]`: that is what the Wald formula gives, and why adjusted-Wald is the
 * better choice for small samples (it always gives a non-zero margin).
 *
 * @param responses Answers (numbers), or records read through `options.score` (default:
 * each record's `score` property). An array or any iterable.
 * @param options `{ confidence?, method?, groupBy?, score? }`.
 * @returns `{ score, n, promoters, passives, detractors, promoterShare, passiveShare,
 * detractorShare, standardError, marginOfError, lower, upper, confidence, method }`, and
 * `groups` with `groupBy`. Plain JSON, never `NaN`.
 * @throws {MetricsInputError} code `'invalid-score'`, path `responses[i]` (or
 * `responses[i].score`), for an answer that is not an integer from 0 to 10 (`11`, `4.5`,
 * `"9"`, `NaN`, `-1`); code `'invalid-id'`, path `responses[i].<field>` (or
 * `responses[i].groupBy` for an accessor), for a group that is not a non-empty string or a
 * finite number; code `'invalid-input'` when `responses` is not iterable; code
 * `'invalid-option'` for a bad `confidence`, `method`, `groupBy` or `score` option (`null`
 * included: leave an option out for its default); code `'unknown-option'` for any other key
 * of `options` (`nps: options.segmentBy is not an option; did you mean groupBy?`).
 *
 * @example
 * ```ts
 * import { nps } from 'customer-success-metrics/scores';
 * const result = nps([10, 9, 9, 8, 7, 6, 3, 10, 9, 5]);
 * [result.promoters, result.passives, result.detractors]; // => [5, 2, 3]
 * result.score; // => 20
 * result.marginOfError; // ~> 54.03
 * [result.lower, result.upper]; // ~> [-34.03, 74.03]
 * nps([10, 9, 10]).marginOfError; // => 0
 * nps([10, 9, 10], { method: 'adjusted-wald' }).marginOfError; // ~> 56.58
 * nps([]).score; // => null
 * const survey = [
 *   { score: 10, plan: 'pro' }, { score: 9, plan: 'pro' }, { score: 6, plan: 'pro' },
 *   { score: 3, plan: 'free' }, { score: 8, plan: 'free' }, { score: 9, plan: 'free' }, { score: 2, plan: 'free' },
 * ];
 * const byPlan = nps(survey, { groupBy: 'plan' });
 * byPlan.score; // => 0
 * byPlan.groups.map((g) => [g.group, g.score]); // ~> [['pro', 33.33], ['free', -25]]
 * ```
 */
export function nps<R>(responses: Responses<R>, options: NpsOptions<R> & { readonly groupBy: NonNullable<NpsOptions<R>['groupBy']> }): GroupedNpsResult;
export function nps<R>(responses: Responses<R>, options?: NpsOptions<R>): NpsResult;
export function nps<R>(responses: Responses<R>, options?: NpsOptions<R>): NpsResult | GroupedNpsResult {
  const fn = 'nps';
  const opts = optionsOf(options, fn, NPS_OPTION_KEYS);
  const confidence = readConfidence(opts.confidence, fn);
  const method = readChoice(opts.method, NPS_METHODS, 'wald', fn, 'options.method');
  // (1 - confidence) is exact for confidence >= 0.5, so a high confidence keeps its digits.
  const z = -normalQuantile((1 - confidence) / 2);
  const tally = tallyAnswers(fn, responses, opts, 10, 0);
  const overall = { ...npsFigures(npsCountsOf(tally.counts), z, method), confidence, method };
  if (tally.groups === null) return overall;
  const groups = tally.groups.map(({ group, counts }) => ({ group, ...npsFigures(npsCountsOf(counts), z, method) }));
  return { ...overall, groups };
}

/** Promoters (9-10), passives (7-8) and detractors (0-6) from counts indexed by answer. */
function npsCountsOf(counts: Float64Array): NpsCounts {
  let detractors = 0;
  for (let answer = 0; answer <= 6; answer++) detractors += counts[answer] as number;
  return {
    promoters: (counts[9] as number) + (counts[10] as number),
    passives: (counts[7] as number) + (counts[8] as number),
    detractors,
  };
}

/** The figures of one sample from its counts. O(1). */
function npsFigures(counts: NpsCounts, z: number, method: NpsMethod): NpsFigures {
  const { promoters, passives, detractors } = counts;
  const n = promoters + passives + detractors;
  if (n === 0) {
    return {
      score: null,
      n: 0,
      promoters: 0,
      passives: 0,
      detractors: 0,
      promoterShare: null,
      passiveShare: null,
      detractorShare: null,
      standardError: null,
      marginOfError: null,
      lower: null,
      upper: null,
    };
  }
  const { centre, standardError } = npsSpread(counts, n, method);
  const marginOfError = z * standardError;
  return {
    score: plainScore(counts, n),
    n,
    promoters,
    passives,
    detractors,
    promoterShare: promoters / n,
    passiveShare: passives / n,
    detractorShare: detractors / n,
    standardError,
    marginOfError,
    lower: Math.max(-100, centre - marginOfError),
    upper: Math.min(100, centre + marginOfError),
  };
}
