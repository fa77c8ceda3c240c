import { optionsOf } from '../core/options.js';
import { readConfidence } from '../core/read.js';
import { studentTQuantile } from '../stats/student-t-quantile.js';
import { wilsonInterval } from '../stats/wilson-interval.js';
import {
  countAll,
  countAtLeast,
  distributionOf,
  meanAnswer,
  readCutoff,
  readScale,
  sampleVariance,
  tallyAnswers,
} from './internal/answer-tally.js';
import type { Estimate } from '../core/types.js';
import type { CesFigures, CesOptions, CesResult, GroupedCesResult, Responses } from './types.js';

/** The keys of {@link CesOptions}: any other key is an `unknown-option` error. */
const CES_OPTION_KEYS = ['scale', 'agreeAtLeast', 'confidence', 'groupBy', 'score'] as const satisfies readonly (keyof CesOptions<unknown>)[];

/**
 * Customer Effort Score (CES 2.0): the mean agreement with "The company made it easy for me to
 * handle my issue" on a 1–7 scale, with a Student t interval, and the share who agree, with a
 * Wilson interval.
 *
 * Definition: answers are integers from 1 (strongly disagree) to `scale` (strongly agree,
 * default 7); higher is easier. `mean = Σ answer / n`; the sample standard deviation
 * `s = √(Σ (answer - mean)² / (n - 1))`; the interval is `mean ± t_{1-α/2, n-1} · s/√n` with
 * α = 1 - confidence ({@link studentTQuantile}), the interval of R's `t.test(x)`, cut to
 * [1, scale] where it reaches past the ends of the scale (the true mean cannot lie outside,
 * so the coverage is unchanged). `agreeShare = agreeing / n`, `agreeing` counting answers
 * >= `agreeAtLeast` (default 5–7 of 1–7: somewhat agree, agree, strongly agree), with its
 * Wilson interval. Sums are exact from the counts; the variance is a corrected two-pass sum.
 * For the older CES 1.0 question ("How much effort did you personally have to put forth?",
 * 1–5, lower is better), reverse the answers first: `score: (r) => 6 - r.effort`.
 *
 * Groups: with `groupBy` (a field name such as `'channel'`, or an accessor `(record, index)
 * => group`) the overall figures stay at the top level and `groups` adds one row `{ group,
 * ...the same figures }` per group, in order of the group's first response. Every response
 * must have a group, a non-empty string or a finite number, as with `nps`.
 *
 * Source: M. Dixon, K. Freeman & N. Toman, "Stop Trying to Delight Your Customers", Harvard
 * Business Review (2010), for CES; M. Dixon, N. Toman & R. DeLisi, "The Effortless
 * Experience" (2013), for CES 2.0's statement and 1–7 agreement scale (CEB, now Gartner);
 * Student (1908) for the t interval; E. B. Wilson (1927) for the share.
 *
 * Cost: O(n) time in one pass over any iterable (plus one `Map` lookup per answer with
 * `groupBy`); O(scale × groups) memory, whatever n.
 *
 * Edge cases: no responses give `n: 0` and `null` for mean, standard deviation, interval and
 * share (not an error); one response gives its answer as the mean with `standardDeviation`
 * and `interval` `null` (no spread to estimate); identical answers give a standard deviation
 * of 0 and an interval of zero width (the agreement share's Wilson interval stays honest).
 *
 * @param responses - Answers: numbers, or records whose answer `options.score` reads
 * (default: the record's `score` field). An array or any iterable.
 * @param options - `{ scale?, agreeAtLeast?, confidence?, score?, groupBy? }`.
 * @returns `{ n, mean, standardDeviation, interval, agreeing, agreeShare, distribution,
 * scale, agreeAtLeast, confidence }`, plus `groups` with `groupBy`.
 * @throws {MetricsInputError} code `'invalid-score'` for an answer that is not an integer
 * from 1 to scale (`ces: responses[2] must be an integer from 1 to 7 (8)`, path
 * `responses[2]`, or `responses[2].score` for records); `'invalid-option'` for a bad
 * `options.scale`, `options.agreeAtLeast`, `options.confidence`, `options.score` or
 * `options.groupBy` (`null` included: leave an option out for its default);
 * `'unknown-option'` for any other key of `options`, naming the closest valid one
 * (`options.segmentBy is not an option; did you mean groupBy?`); `'invalid-id'`, path
 * `responses[i].<field>` (or `responses[i].groupBy` for an accessor), for a group that
 * is not a non-empty string or a finite number; `'invalid-input'` when responses are not
 * iterable.
 *
 * @example
 * ```ts
 * import { ces } from 'customer-success-metrics/scores';
 * const result = ces([7, 6, 5, 6, 3, 7, 4, 6]);
 * result.mean; // => 5.5
 * result.standardDeviation; // ~> 1.4142
 * result.interval; // ~> { value: 5.5, lower: 4.3177, upper: 6.6823 }
 * result.agreeShare?.value; // => 0.75
 * ces([7]).interval; // => null
 * const byChannel = ces([{ score: 7, channel: 'chat' }, { score: 3, channel: 'email' }, { score: 6, channel: 'chat' }], { groupBy: 'channel' });
 * byChannel.groups.map((g) => [g.group, g.n, g.mean]); // => [['chat', 2, 6.5], ['email', 1, 3]]
 * ```
 */
export function ces<R>(responses: Responses<R>, options: CesOptions<R> & { readonly groupBy: NonNullable<CesOptions<R>['groupBy']> }): GroupedCesResult;
export function ces<R>(responses: Responses<R>, options?: CesOptions<R>): CesResult;
export function ces<R>(responses: Responses<R>, options?: CesOptions<R>): CesResult | GroupedCesResult {
  const fn = 'ces';
  const opts = optionsOf(options, fn, CES_OPTION_KEYS);
  const scale = readScale(opts.scale, fn, 7);
  const agreeAtLeast = readCutoff(opts.agreeAtLeast, fn, 'options.agreeAtLeast', scale);
  const confidence = readConfidence(opts.confidence, fn);
  const tally = tallyAnswers(fn, responses, opts, scale);

  const figures = (counts: Float64Array): CesFigures => {
    const n = countAll(counts);
    const agreeing = countAtLeast(counts, agreeAtLeast);
    const mean = meanAnswer(counts, n);
    const variance = mean === null ? null : sampleVariance(counts, n, mean);
    let standardDeviation: number | null = null;
    let interval: Estimate | null = null;
    if (mean !== null && variance !== null) {
      standardDeviation = Math.sqrt(variance);
      // t_{1-α/2}; 1 - confidence is exact for confidence >= 0.5.
      const t = -studentTQuantile((1 - confidence) / 2, n - 1);
      const half = (t * standardDeviation) / Math.sqrt(n);
      interval = { value: mean, lower: Math.max(1, mean - half), upper: Math.min(scale, mean + half) };
    }
    return {
      n,
      mean,
      standardDeviation,
      interval,
      agreeing,
      agreeShare: wilsonInterval(agreeing, n, { confidence }),
      distribution: distributionOf(counts),
    };
  };

  const result: CesResult = { ...figures(tally.counts), scale, agreeAtLeast, confidence };
  if (tally.groups === null) return result;
  return { ...result, groups: tally.groups.map(({ group, counts }) => ({ group, ...figures(counts) })) };
}
