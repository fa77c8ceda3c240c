import { optionsOf } from '../core/options.js';
import { readConfidence } from '../core/read.js';
import { wilsonInterval } from '../stats/wilson-interval.js';
import {
  countAll,
  countAtLeast,
  distributionOf,
  meanAnswer,
  readCutoff,
  readScale,
  tallyAnswers,
} from './internal/answer-tally.js';
import type { CsatFigures, CsatOptions, CsatResult, GroupedCsatResult, Responses } from './types.js';

/** The keys of {@link CsatOptions}: any other key is an `unknown-option` error. */
const CSAT_OPTION_KEYS = ['scale', 'satisfiedAtLeast', 'confidence', 'groupBy', 'score'] as const satisfies readonly (keyof CsatOptions<unknown>)[];

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
 * Groups: with `groupBy` (a field name such as `'plan'`, or an accessor `(record, index) =>
 * group`) the overall figures stay at the top level and `groups` adds one row `{ group, n,
 * satisfied, rate, mean, distribution }` per group, in order of the group's first response.
 * Every response must have a group, a non-empty string or a finite number (`1` and `'1'`
 * are different groups), as with `nps`.
 *
 * Source: the top-two-box reading of the CSAT question used by survey platforms (Qualtrics,
 * SurveyMonkey); a good/bad rating such as Zendesk's is `scale: 2` (satisfied = 2); E. B.
 * Wilson (1927) for the interval.
 *
 * Cost: O(n) time in one pass over any iterable (plus one `Map` lookup per answer with
 * `groupBy`); O(scale × groups) memory, whatever n.
 *
 * Edge cases: no responses give `n: 0`, `rate: null`, `mean: null` and a distribution of
 * zeros (not an error); one response gives a rate of 0 or 1 with a wide interval; all
 * satisfied give `rate.upper = 1`, none give `rate.lower = 0`.
 *
 * @param responses - Answers: numbers, or records whose answer `options.score` reads
 * (default: the record's `score` field). An array or any iterable.
 * @param options - `{ scale?, satisfiedAtLeast?, confidence?, score?, groupBy? }`.
 * @returns `{ n, satisfied, rate, mean, distribution, scale, satisfiedAtLeast, confidence }`,
 * plus `groups` with `groupBy`.
 * @throws {MetricsInputError} code `'invalid-score'` for an answer that is not an integer
 * from 1 to scale (`csat: responses[2] must be an integer from 1 to 5 (6)`, path
 * `responses[2]`, or `responses[2].score` for records); `'invalid-option'` for a bad
 * `options.scale`, `options.satisfiedAtLeast`, `options.confidence`, `options.score` or
 * `options.groupBy` (`null` included: leave an option out for its default);
 * `'unknown-option'` for any other key of `options`, naming the closest valid one
 * (`options.segmentBy is not an option; did you mean groupBy?`); `'invalid-id'`, path
 * `responses[i].<field>` (or `responses[i].groupBy` for an accessor), for a group that
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
 * csat([{ score: 7, plan: 'pro' }, { score: 3, plan: 'free' }], { scale: 7, groupBy: 'plan' })
 *   .groups.map((g) => [g.group, g.satisfied, g.n]);
 * // => [['pro', 1, 1], ['free', 0, 1]]
 * csat([]).rate; // => null
 * ```
 */
export function csat<R>(responses: Responses<R>, options: CsatOptions<R> & { readonly groupBy: NonNullable<CsatOptions<R>['groupBy']> }): GroupedCsatResult;
export function csat<R>(responses: Responses<R>, options?: CsatOptions<R>): CsatResult;
export function csat<R>(responses: Responses<R>, options?: CsatOptions<R>): CsatResult | GroupedCsatResult {
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
      rate: wilsonInterval(satisfied, n, { confidence }),
      mean: meanAnswer(counts, n),
      distribution: distributionOf(counts),
    };
  };

  const result: CsatResult = { ...figures(tally.counts), scale, satisfiedAtLeast, confidence };
  if (tally.groups === null) return result;
  return { ...result, groups: tally.groups.map(({ group, counts }) => ({ group, ...figures(counts) })) };
}
