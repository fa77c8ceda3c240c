import { fail } from '../core/errors.js';
import { optionsOf } from '../core/options.js';
import { readChoice, readConfidence, readInteger } from '../core/read.js';
import { normalCdf } from '../stats/normal-cdf.js';
import { normalQuantile } from '../stats/normal-quantile.js';
import { countAnswers, NPS_METHODS, npsSpread, plainScore, type NpsCounts } from './internal/nps-counts.js';
import type { NpsChangeOptions, NpsChangeResult, NpsMethod, NpsSample, NpsSummary, ResponseAccessors, Responses } from './types.js';

/** The keys of {@link NpsChangeOptions}: any other key is an `unknown-option` error. */
const NPS_CHANGE_OPTION_KEYS = ['confidence', 'method', 'score'] as const satisfies readonly (keyof NpsChangeOptions<unknown>)[];

/**
 * The change of the Net Promoter Score between two independent samples, with its
 * confidence interval and a two-sided z-test.
 *
 * Formula: `difference = after.score - before.score` (NPS points);
 * `standardError = √(SE_before² + SE_after²)`, each sample's standard error being the
 * multinomial one of {@link nps}, `100 × √((p + d - (p - d)²) / n)`; with
 * `z = Φ⁻¹(1 - (1 - confidence)/2)`, the interval is `difference ± z × standardError`,
 * clamped to [-200, 200]; the p-value is `2 × (1 - Φ(|difference| / standardError))`
 * (computed as `2 Φ(-|…|)`, which keeps small p-values' digits), and the change is
 * `significant` when `pValue < 1 - confidence`, the same as 0 lying outside the interval.
 * With `method: 'adjusted-wald'` every sample gets 3/4 more promoters and detractors and 3
 * more answers before its standard error is computed, and the interval and the test are
 * centred on the difference of the adjusted scores `100 (P - D) / (n + 3)`, as in
 * MeasuringU's two-sample NPS test (J. Sauro and J. R. Lewis, "How to statistically compare
 * two Net Promoter Scores", 2021, after B. Rocks, The American Statistician 70, 2016); the
 * reported `difference` stays the plain one. The score itself is Bain's Net Promoter Score
 * (Reichheld, Harvard Business Review, 2003).
 *
 * Results compose: either argument may be answers (as `nps` takes them, read with
 * `options.score`) or an `nps()` result passed as it is, or one row of its `groups`
 * (`npsChange(nps(x, { groupBy }).groups[0], nps(x, { groupBy }).groups[1])`); a result is
 * recognised by a numeric `n` and a `promoterShare` field, and only its counts are used.
 * The samples must be independent (different respondents): the variance of a difference
 * of paired answers is not the sum of the variances.
 *
 * Cost: O(n) over the answers given; O(1) for two results.
 *
 * Edge cases: when either sample is empty, `before` or `after` is `null` as it is, and every
 * other figure is `null`. When both standard errors are 0 (Wald, each sample's answers all
 * in one group), the interval is the point `[difference, difference]` and the p-value is 1 if
 * the difference is 0, else 0 (no sampling variance is visible); adjusted-Wald never gives a
 * zero standard error.
 *
 * @param before The earlier sample: answers 0–10 (numbers or records) or an `nps()` result.
 * @param after The later sample, likewise.
 * @param options `{ confidence?, method?, score? }`.
 * @returns `{ before, after, difference, standardError, lower, upper, pValue, significant,
 * confidence, method }`. Plain JSON, never `NaN`.
 * @throws {MetricsInputError} code `'invalid-score'`, path `before[i]` / `after[i]` (or
 * `…[i].score`), for an answer that is not an integer from 0 to 10; code `'invalid-input'`
 * when an argument is neither iterable nor an `nps()` result; code `'invalid-number'` for a
 * result whose counts are not integers >= 0 (`before.promoters`), code `'invalid-input'` when
 * they do not add up to `n` (`before.n`) or when two results disagree on the method and
 * `options.method` does not settle it (`after.method`); code `'invalid-option'` for a bad
 * `confidence`, `method` or `score` option (`null` included: leave an option out for its
 * default); code `'unknown-option'` for any other key of `options`, naming the closest one.
 *
 * @example
 * ```ts
 * import { nps, npsChange } from 'customer-success-metrics/scores';
 * const march = [10, 9, 8, 6, 3, 2, 10, 7, 5, 9, 4, 8, 9, 6, 10, 3];
 * const april = [10, 10, 9, 9, 8, 7, 10, 9, 6, 9, 10, 8, 9, 10, 5, 9];
 * const change = npsChange(march, april);
 * [change.before, change.after, change.difference]; // => [-6.25, 56.25, 62.5]
 * [change.lower, change.upper]; // ~> [6.53, 118.47]
 * change.pValue; // ~> 0.0286
 * change.significant; // => true
 * npsChange(march, april, { method: 'adjusted-wald' }).pValue; // ~> 0.0441
 * npsChange(nps(march), nps(april)).difference; // => 62.5
 * const both = nps([...march.map((score) => ({ score, month: 'march' })), ...april.map((score) => ({ score, month: 'april' }))], { groupBy: 'month' });
 * npsChange(both.groups[0]!, both.groups[1]!).difference; // => 62.5
 * npsChange(march, []).difference; // => null
 * ```
 */
export function npsChange<R>(before: NpsSample<R>, after: NpsSample<R>, options?: NpsChangeOptions<R>): NpsChangeResult {
  const fn = 'npsChange';
  const opts = optionsOf(options, fn, NPS_CHANGE_OPTION_KEYS);
  const confidence = readConfidence(opts.confidence, fn);
  const chosen = opts.method === undefined ? undefined : readChoice(opts.method, NPS_METHODS, 'wald', fn, 'options.method');
  const first = readSample(fn, before, 'before', opts);
  const second = readSample(fn, after, 'after', opts);
  if (chosen === undefined && first.method !== undefined && second.method !== undefined && first.method !== second.method) {
    fail(fn, 'after.method', 'invalid-input', `must match before.method, which is '${first.method}', unless options.method is given`, second.method);
  }
  const method: NpsMethod = chosen ?? first.method ?? second.method ?? 'wald';

  const nBefore = first.counts.promoters + first.counts.passives + first.counts.detractors;
  const nAfter = second.counts.promoters + second.counts.passives + second.counts.detractors;
  const scoreBefore = nBefore === 0 ? null : plainScore(first.counts, nBefore);
  const scoreAfter = nAfter === 0 ? null : plainScore(second.counts, nAfter);
  if (scoreBefore === null || scoreAfter === null) {
    return {
      before: scoreBefore,
      after: scoreAfter,
      difference: null,
      standardError: null,
      lower: null,
      upper: null,
      pValue: null,
      significant: null,
      confidence,
      method,
    };
  }

  const spreadBefore = npsSpread(first.counts, nBefore, method);
  const spreadAfter = npsSpread(second.counts, nAfter, method);
  const difference = scoreAfter - scoreBefore;
  const centre = method === 'wald' ? difference : spreadAfter.centre - spreadBefore.centre;
  const standardError = Math.sqrt(spreadBefore.standardError ** 2 + spreadAfter.standardError ** 2);
  // (1 - confidence) is exact for confidence >= 0.5, so a high confidence keeps its digits.
  const margin = -normalQuantile((1 - confidence) / 2) * standardError;
  const pValue = standardError === 0 ? (centre === 0 ? 1 : 0) : Math.min(1, 2 * normalCdf(-Math.abs(centre) / standardError));
  return {
    before: scoreBefore,
    after: scoreAfter,
    difference,
    standardError,
    lower: Math.max(-200, centre - margin),
    upper: Math.min(200, centre + margin),
    pValue,
    significant: pValue < 1 - confidence,
    confidence,
    method,
  };
}

/** Whether an argument is an `nps()` result: a numeric `n` and a `promoterShare` field. */
function isSummary(value: unknown): value is NpsSummary {
  return value !== null && typeof value === 'object' && typeof (value as { n?: unknown }).n === 'number' && 'promoterShare' in value;
}

/** The counts of one side, and the method it was computed with when it is a result. */
function readSample<R>(fn: string, sample: unknown, name: string, accessors: ResponseAccessors<R>): { counts: NpsCounts; method: NpsMethod | undefined } {
  if (isSummary(sample)) {
    const promoters = readInteger(sample.promoters, fn, `${name}.promoters`, 0);
    const passives = readInteger(sample.passives, fn, `${name}.passives`, 0);
    const detractors = readInteger(sample.detractors, fn, `${name}.detractors`, 0);
    const sum = promoters + passives + detractors;
    if (sample.n !== sum) {
      fail(fn, `${name}.n`, 'invalid-input', `must equal promoters + passives + detractors, which is ${sum}`, sample.n);
    }
    const method = sample.method === undefined ? undefined : readChoice(sample.method, NPS_METHODS, 'wald', fn, `${name}.method`);
    return { counts: { promoters, passives, detractors }, method };
  }
  if (sample === null || typeof sample !== 'object' || typeof (sample as Iterable<unknown>)[Symbol.iterator] !== 'function') {
    return fail(fn, name, 'invalid-input', 'must be an array or another iterable of answers, or an nps() result', sample);
  }
  return { counts: countAnswers(fn, sample as Responses<R>, accessors, name), method: undefined };
}
