import {
  HEALTH_SCORE_OPTION_KEYS,
  readHealthScoreOptions,
  readPreviousScore,
  scoreHealth,
  type AccountAt,
} from './internal/health-scorer.js';
import type { HealthBand, HealthScoreClassifier, HealthScoreOptions, PreviousHealthScore } from './types.js';

/**
 * A customer health score: weighted, normalized components combined into a 0..100 score
 * with a red/yellow/green band and a trend.
 *
 * Definition: each component reads a raw value from the account (usage, DAU/MAU, license
 * utilization, NPS, open tickets, ...) and maps it to 0..100 points with its normalizer:
 * `{ linear: [worst, best] }` gives `100 · (value − worst) / (best − worst)` clamped to
 * [0, 100] (`worst > best` for "lower is better"); `{ thresholds: [[atLeast, points], ...] }`,
 * entries in strictly ascending `atLeast`, gives the points of the last entry with
 * `value >= atLeast` and 0 below the first; a function `(value) => points` must return a
 * finite number from 0 to 100. With P the components whose value is present,
 * `score = Σ_{i∈P} wᵢ · normalizedᵢ / Σ_{i∈P} wᵢ`: a missing component's weight is spread
 * over the present ones in proportion to their weights. Each contribution reports its
 * effective weight share `wᵢ / Σ_{P} w` and `points = normalized × share`, so the points sum
 * to the score up to rounding (the score itself is the quotient above, divided once, so
 * components all at 100 give exactly 100). Bands are ordered inclusive integer ranges
 * `{ name, from, to }` tiling 0..100 (default red 0–50, yellow 51–75, green 76–100)
 * applied to the score rounded to the nearest integer, halves up: 50.4 is red, 50.5 and 50.6 are yellow (scores within
 * 1e-9 below a half count as the half). The trend compares with a previous score:
 * `'up'` when `score − previous > trendTolerance` (default 5 points), `'down'` when it is
 * below `−trendTolerance`, else `'flat'` (a change of exactly the tolerance is flat).
 *
 * Source: the weighted health scores of customer-success platforms (Gainsight scorecards,
 * Totango health profiles): measures mapped to a common 0–100 scale, combined by weight,
 * read in red/yellow/green bands; missing measures re-weighted rather than scored 0.
 *
 * Cost: the options are checked once, O(c + b + t) for c components, b bands and t
 * threshold entries; each call is O(c + b). Sums are compensated.
 *
 * Edge cases: a value of `null` or `undefined` is missing and listed in `missing`; when
 * every component with a weight > 0 is missing, `score`, `band` and `trend` are `null`.
 * A component with weight 0 is read and reported but adds no points. Without `previous`
 * (or with a previous score of `null`), `change` and `trend` are `null`. The options are
 * copied: changing them later does not change the classifier.
 *
 * @param options `{ components, bands?, trendTolerance? }`; each component is
 * `{ name, weight, value: (account) => number | null | undefined, normalize }`.
 * @returns A classifier `(account, previous?) => { score, band, contributions, missing,
 * previous, change, trend }`.
 * @throws {MetricsInputError} when building: an unknown key in the options, a component,
 * a band or a normalizer object (`unknown-option`, naming the closest valid key:
 * `options.components[0].wieght is not an option; did you mean weight?`); `null` for
 * `bands` or `trendTolerance` (`invalid-option`: leave it out for the default);
 * components not a non-empty array, a name
 * empty or repeated (`duplicate-name`, `options.components[i].name`), a weight not a
 * finite number >= 0 (`options.components[i].weight`), no weight > 0, an invalid
 * normalizer (`options.components[i].normalize.linear`, `.thresholds[j][0]`, ...), bands
 * that overlap, leave a gap or do not cover 0..100 (`options.bands[i].from`,
 * `options.bands[i].to`), a negative `options.trendTolerance`. When classifying: a value
 * that is neither a finite number nor `null`/`undefined` (`NaN`, `"5"`), path
 * `account.<name>`; a custom normalizer returning anything but a finite number from 0 to
 * 100 (`invalid-normalized`, `options.components[i].normalize`); a previous score outside
 * [0, 100] (`previous`).
 *
 * @example
 * ```ts
 * import { healthScore } from 'customer-success-metrics/scores';
 * interface Account { dauMau?: number | null; nps?: number | null; openTickets?: number | null }
 * const classify = healthScore({
 *   components: [
 *     { name: 'dauMau', weight: 40, value: (a: Account) => a.dauMau, normalize: { linear: [0, 0.5] } },
 *     { name: 'nps', weight: 30, value: (a: Account) => a.nps, normalize: { linear: [-100, 100] } },
 *     { name: 'openTickets', weight: 30, value: (a: Account) => a.openTickets, normalize: { thresholds: [[0, 100], [3, 50], [10, 0]] } },
 *   ],
 * });
 * const acme = { dauMau: 0.3, nps: 40, openTickets: 4 };
 * classify(acme).score; // => 60
 * classify(acme).band; // => 'yellow'
 * classify(acme).contributions.map((c) => [c.name, c.normalized, c.points]); // => [['dauMau', 60, 24], ['nps', 70, 21], ['openTickets', 50, 15]]
 * classify({ ...acme, nps: null }).missing; // => ['nps']
 * classify({ ...acme, nps: null }).score; // ~> 55.71
 * classify(acme, 52).trend; // => 'up'
 * classify(acme, 55).trend; // => 'flat'
 * classify({}).band; // => null
 * ```
 */
export function healthScore<A, B extends string = HealthBand>(options: HealthScoreOptions<A, B>): HealthScoreClassifier<A, B> {
  const fn = 'healthScore';
  const resolved = readHealthScoreOptions<A, B>(options, fn, HEALTH_SCORE_OPTION_KEYS);
  const at: AccountAt = { path: 'account', label: 'account' };
  return (account: A, previous?: PreviousHealthScore) => scoreHealth(resolved, account, readPreviousScore(previous, fn, 'previous'), fn, at);
}
