import { optionsOf } from '../core/options.js';
import { readChoice, readConfidence, type Id } from '../core/read.js';
import { normalQuantile } from '../stats/normal-quantile.js';
import { NPS_METHODS, npsSpread, plainScore, type NpsCounts, type NpsMethod } from './internal/nps-counts.js';
import { tallyAnswers } from './internal/answer-tally.js';
import type { ResponseAccessors, Responses, SegmentBy } from './internal/responses.js';

export type { NpsMethod } from './internal/nps-counts.js';

export type { SegmentBy } from './internal/responses.js';

/** Options of {@link nps}. */
export interface NpsOptions<R> extends ResponseAccessors<R> {
  /** Confidence level of the interval, strictly between 0 and 1 (default 0.95). */
  readonly confidence?: number;
  /** `'wald'` (default) or `'adjusted-wald'` (better coverage for small samples). */
  readonly method?: NpsMethod;
  /** Also report each segment, e.g. `'plan'` or `(r) => r.region`. */
  readonly segmentBy?: SegmentBy<R>;
}

/** The keys of {@link NpsOptions}: any other key is an `unknown-option` error. */
const NPS_OPTION_KEYS = ['confidence', 'method', 'segmentBy', 'score'] as const;

/** The figures of one sample of answers. Ratios and interval are `null` when `n` is 0. */
export interface NpsFigures {
  /** `100 × (promoterShare - detractorShare)`, in [-100, 100]. */
  readonly score: number | null;
  /** Number of answers. */
  readonly n: number;
  /** Answers 9 and 10. */
  readonly promoters: number;
  /** Answers 7 and 8. */
  readonly passives: number;
  /** Answers 0 to 6. */
  readonly detractors: number;
  /** `promoters / n`. */
  readonly promoterShare: number | null;
  /** `passives / n`. */
  readonly passiveShare: number | null;
  /** `detractors / n`. */
  readonly detractorShare: number | null;
  /** Standard error of the score, in NPS points (with adjusted-Wald: of the adjusted score). */
  readonly standardError: number | null;
  /** `z × standardError`: half the width of the interval before clamping. */
  readonly marginOfError: number | null;
  /** Lower bound of the interval, >= -100. */
  readonly lower: number | null;
  /** Upper bound of the interval, <= 100. */
  readonly upper: number | null;
}

/** Result of {@link nps}. */
export interface NpsResult extends NpsFigures {
  /** The confidence level of the interval. */
  readonly confidence: number;
  /** The interval method used. */
  readonly method: NpsMethod;
}

/** The figures of one segment. */
export interface NpsSegment extends NpsFigures {
  /** The segment's value (a non-empty string or a finite number). */
  readonly segment: Id;
}

/** Result of {@link nps} with `segmentBy`: the overall figures and one entry per segment. */
export interface SegmentedNpsResult extends NpsResult {
  /** Segments sorted by value: numbers in numeric order, then strings by code units. */
  readonly segments: NpsSegment[];
}

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
 * Segments: with `segmentBy` (a field name such as `'plan'`, or an accessor) the result
 * also lists each segment's figures, sorted by segment (numbers first, then strings in
 * code-unit order); the top-level figures are those of all answers. Every response must
 * have a segment (a non-empty string or a finite number; `1` and `'1'` are different
 * segments): none is dropped.
 *
 * Cost: O(n) time, one pass, O(1) memory, no allocation per answer; with `segmentBy`, one
 * `Map` lookup per answer, O(s) memory and O(s log s) to sort the s segments.
 *
 * Edge cases: no answers gives `n: 0`, zero counts and `null` score, shares, standard error,
 * margin and bounds. When every answer falls in one group (all promoters, all passives, all
 * detractors, or a single answer), the Wald standard error is 0 and the interval is the
 * point `[score, score]`: that is what the Wald formula gives, and why adjusted-Wald is the
 * better choice for small samples (it always gives a non-zero margin).
 *
 * @param responses Answers (numbers), or records read through `options.score` (default:
 * each record's `score` property). An array or any iterable.
 * @param options `{ confidence?, method?, segmentBy?, score? }`.
 * @returns `{ score, n, promoters, passives, detractors, promoterShare, passiveShare,
 * detractorShare, standardError, marginOfError, lower, upper, confidence, method }`, and
 * `segments` with `segmentBy`. Plain JSON, never `NaN`.
 * @throws {MetricsInputError} code `'invalid-score'`, path `responses[i]` (or
 * `responses[i].score`), for an answer that is not an integer from 0 to 10 (`11`, `4.5`,
 * `"9"`, `NaN`, `-1`); code `'invalid-id'`, path `responses[i].<field>` (or
 * `responses[i].segmentBy` for an accessor), for a segment that is not a non-empty string or a
 * finite number; code `'invalid-input'` when `responses` is not iterable; code
 * `'invalid-option'` for a bad `confidence`, `method`, `segmentBy` or `score` option (`null`
 * included: leave an option out for its default); code `'unknown-option'` for any other key
 * of `options` (`nps: options.segment is not an option; did you mean segmentBy?`).
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
 * const byPlan = nps(survey, { segmentBy: 'plan' });
 * byPlan.score; // => 0
 * byPlan.segments.map((s) => [s.segment, s.score]); // ~> [['free', -25], ['pro', 33.33]]
 * ```
 */
export function nps<R>(responses: Responses<R>, options: NpsOptions<R> & { readonly segmentBy: SegmentBy<R> }): SegmentedNpsResult;
export function nps<R>(responses: Responses<R>, options?: NpsOptions<R>): NpsResult;
export function nps<R>(responses: Responses<R>, options?: NpsOptions<R>): NpsResult | SegmentedNpsResult {
  const fn = 'nps';
  const opts = optionsOf(options, fn, NPS_OPTION_KEYS);
  const confidence = readConfidence(opts.confidence, fn);
  const method = readChoice(opts.method, NPS_METHODS, 'wald', fn, 'options.method');
  // (1 - confidence) is exact for confidence >= 0.5, so a high confidence keeps its digits.
  const z = -normalQuantile((1 - confidence) / 2);
  const tally = tallyAnswers(fn, responses, opts, 10, 0);
  const overall = { ...npsFigures(npsCountsOf(tally.counts), z, method), confidence, method };
  if (tally.segments === null) return overall;
  const segments = tally.segments.map(({ segment, counts }) => ({ segment, ...npsFigures(npsCountsOf(counts), z, method) }));
  return { ...overall, segments };
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
