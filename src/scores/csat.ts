import type { Id } from '../core/read.js';
import { optionsOf } from '../core/options.js';
import { readConfidence } from '../core/read.js';
import type { Estimate } from '../core/types.js';
import { wilsonInterval } from '../stats/wilson-interval.js';
import {
  countAll,
  countAtLeast,
  distributionOf,
  meanAnswer,
  readCutoff,
  readScale,
  tallyAnswers,
  type AnswerCount,
} from './internal/answer-tally.js';
import type { SegmentBy } from './internal/responses.js';
import type { ResponseAccessors, Responses } from './internal/responses.js';

export type { AnswerCount } from './internal/answer-tally.js';

/** Options of {@link csat}. */
export interface CsatOptions<R> extends ResponseAccessors<R> {
  /** The highest answer: answers run from 1 to `scale` (an integer from 2 to 100; default 5). */
  readonly scale?: number;
  /**
   * The lowest answer that counts as satisfied (an integer from 1 to `scale`). Default: the
   * answers above the scale's midpoint, `⌊(scale + 1)/2⌋ + 1`: 4 on 1–5, 5 on 1–7, 6 on 1–10.
   */
  readonly satisfiedAtLeast?: number;
  /** Confidence level of the interval, strictly between 0 and 1 (default 0.95). */
  readonly confidence?: number;
  /**
   * Also report each segment: the name of a record field (`'plan'`) or a function
   * `(record, index) => segment`. Every response must have one, a non-empty string or a
   * finite number (`1` and `'1'` are different segments), as with `nps`.
   */
  readonly segmentBy?: SegmentBy<R>;
}

/** The keys of {@link CsatOptions}: any other key is an `unknown-option` error. */
const CSAT_OPTION_KEYS = ['scale', 'satisfiedAtLeast', 'confidence', 'segmentBy', 'score'] as const;

/** The CSAT figures of a group of responses. */
export interface CsatFigures {
  /** Number of responses. */
  readonly n: number;
  /** Responses with an answer >= `satisfiedAtLeast`. */
  readonly satisfied: number;
  /** `satisfied / n` with its Wilson interval; `null` when n is 0. */
  readonly rate: Estimate | null;
  /** The mean answer, on the 1..scale scale; `null` when n is 0. */
  readonly mean: number | null;
  /** How many responses gave each answer, for every answer from 1 to `scale`. */
  readonly distribution: readonly AnswerCount[];
}

/** The CSAT figures of one segment. */
export interface CsatSegment extends CsatFigures {
  /** The segment's value (a non-empty string or a finite number). */
  readonly segment: Id;
}

/** Result of {@link csat}. */
export interface CsatResult extends CsatFigures {
  /** The highest answer: answers run from 1 to `scale`. */
  readonly scale: number;
  /** The lowest answer that counts as satisfied. */
  readonly satisfiedAtLeast: number;
  /** Confidence level of the interval. */
  readonly confidence: number;
}

/** Result of {@link csat} with `segmentBy`: the overall figures and one entry per segment. */
export interface SegmentedCsatResult extends CsatResult {
  /**
   * Segments sorted by value: numbers in numeric order, then strings by code units. Their
   * `n`, `satisfied` and distributions add up to the overall figures.
   */
  readonly segments: CsatSegment[];
}

/**
 * Customer Satisfaction score (CSAT): the share of survey answers that say "satisfied", with
 * its confidence interval, the mean answer and the distribution of answers.
 *
 * Definition: answers are integers on a 1..scale scale ("How satisfied were you with …?",
 * 1 = very dissatisfied, 5 = very satisfied). `rate = satisfied / n`, where `satisfied` counts
 * the answers >= `satisfiedAtLeast` (default: the top two boxes 4–5 of 1–5, in general the
 * answers above the midpoint). The interval is Wilson's score interval at `confidence`
 * ({@link wilsonInterval}), which stays inside [0, 1] and is sound for small n and for rates
 * of 0 or 1. `mean = Σ answer / n` (the "average satisfaction" some tools report instead),
 * summed exactly from the counts. Multiply `rate.value` by 100 for the percentage dashboards
 * show.
 *
 * Source: the top-two-box reading of the CSAT question used by survey platforms (Qualtrics,
 * SurveyMonkey); a good/bad rating such as Zendesk's is `scale: 2` (satisfied = 2); E. B.
 * Wilson (1927) for the interval.
 *
 * Cost: O(n) time in one pass over any iterable (plus one `Map` lookup per answer with
 * `segmentBy`); O(scale × segments) memory, whatever n; O(s log s) to sort s segments.
 *
 * Edge cases: no responses give `n: 0`, `rate: null`, `mean: null` and a distribution of
 * zeros (not an error); one response gives a rate of 0 or 1 with a wide interval; all
 * satisfied give `rate.upper = 1`, none give `rate.lower = 0`.
 *
 * @param responses - Answers: numbers, or records whose answer `options.score` reads
 * (default: the record's `score` field). An array or any iterable.
 * @param options - `{ scale?, satisfiedAtLeast?, confidence?, score?, segmentBy? }`.
 * @returns `{ n, satisfied, rate, mean, distribution, scale, satisfiedAtLeast, confidence }`,
 * plus `segments` with `segmentBy`.
 * @throws {MetricsInputError} code `'invalid-score'` for an answer that is not an integer
 * from 1 to scale (`csat: responses[2] must be an integer from 1 to 5 (6)`, path
 * `responses[2]`, or `responses[2].score` for records); `'invalid-option'` for a bad
 * `options.scale`, `options.satisfiedAtLeast`, `options.confidence`, `options.score` or
 * `options.segmentBy` (`null` included: leave an option out for its default);
 * `'unknown-option'` for any other key of `options`, naming the closest valid one
 * (`options.segment is not an option; did you mean segmentBy?`); `'invalid-id'`, path
 * `responses[i].<field>` (or `responses[i].segmentBy` for an accessor), for a segment that
 * is not a non-empty string or a finite number; `'invalid-input'` when responses are not
 * iterable.
 *
 * @example
 * ```ts
 * import { csat } from 'customer-success-metrics/scores';
 * const result = csat([5, 4, 4, 3, 5, 2, 4, 5, 1, 4]);
 * result.satisfied; // => 7
 * result.rate; // ~> { value: 0.7, lower: 0.3968, upper: 0.8922 }
 * result.mean; // => 3.7
 * csat([{ score: 7, plan: 'pro' }, { score: 3, plan: 'free' }], { scale: 7, segmentBy: 'plan' })
 *   .segments.map((s) => [s.segment, s.satisfied, s.n]);
 * // => [['free', 0, 1], ['pro', 1, 1]]
 * csat([]).rate; // => null
 * ```
 */
export function csat<R>(responses: Responses<R>, options: CsatOptions<R> & { readonly segmentBy: SegmentBy<R> }): SegmentedCsatResult;
export function csat<R>(responses: Responses<R>, options?: CsatOptions<R>): CsatResult;
export function csat<R>(responses: Responses<R>, options?: CsatOptions<R>): CsatResult | SegmentedCsatResult {
  const fn = 'csat';
  const opts = optionsOf(options, fn, CSAT_OPTION_KEYS);
  const scale = readScale(opts.scale, fn, 5);
  const satisfiedAtLeast = readCutoff(opts.satisfiedAtLeast, fn, 'options.satisfiedAtLeast', scale);
  const confidence = readConfidence(opts.confidence, fn);
  const tally = tallyAnswers(fn, responses, opts, scale);

  const figures = (counts: Float64Array): CsatFigures => {
    const n = countAll(counts);
    const satisfied = countAtLeast(counts, satisfiedAtLeast);
    return {
      n,
      satisfied,
      rate: wilsonInterval(satisfied, n, confidence),
      mean: meanAnswer(counts, n),
      distribution: distributionOf(counts),
    };
  };

  const result: CsatResult = { ...figures(tally.counts), scale, satisfiedAtLeast, confidence };
  if (tally.segments === null) return result;
  return { ...result, segments: tally.segments.map(({ segment, counts }) => ({ segment, ...figures(counts) })) };
}
