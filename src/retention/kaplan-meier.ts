import { fail } from '../core/errors.js';
import { optionsOf } from '../core/options.js';
import { readChoice, readConfidence } from '../core/read.js';
import {
  KAPLAN_MEIER_CONF_TYPES,
  kaplanMeierEngine,
  survivalAt,
  survivalQuantile,
  type KaplanMeierCurve,
} from '../stats/kaplan-meier-engine.js';
import { readSubjects } from './internal/survival-subjects.js';
import { survivalSteps } from './internal/survival-steps.js';
import type { KaplanMeierAt, KaplanMeierOptions, KaplanMeierResult, Subject } from './types.js';

export type { KaplanMeierAt, KaplanMeierConfType, KaplanMeierOptions, KaplanMeierQuantile, KaplanMeierResult, Subject, SubjectAccessors } from './types.js';

/** Every key of {@link KaplanMeierOptions}; others are `unknown-option`. */
export const KAPLAN_MEIER_OPTION_KEYS = ['confidence', 'confType', 'times', 'quantiles', 'duration', 'observed'] as const satisfies readonly (keyof KaplanMeierOptions<unknown>)[];

const DEFAULT_QUANTILES: readonly number[] = [0.25, 0.5, 0.75];

/**
 * Kaplan–Meier survival curve of subjects followed until an event (churn, cancellation) or
 * until censoring, with Greenwood confidence intervals, the median and other quantiles.
 *
 * Definition (Kaplan and Meier, "Nonparametric estimation from incomplete observations",
 * JASA 53, 1958): at each distinct duration `t`, `n` subjects are at risk (duration >= t:
 * those censored at `t` count as at risk, events come first) and `d` have the event;
 * `S(t) = Π_{t_i <= t} (n_i - d_i) / n_i`. Greenwood's variance of `log S` is
 * `σ² = Σ d_i / (n_i (n_i - d_i))`; `standardError = S σ`. Intervals at `confidence` with
 * `z = Φ⁻¹(1 - (1 - confidence)/2)`: `'log'` `S exp(±z σ)` (upper cut at 1), `'log-log'`
 * `exp(-exp(log(-log S) ∓ z σ / log S))`, `'plain'` `S ± z S σ` (cut to [0, 1]). The
 * quantile `p` is the first time with `S <= 1 - p`; when `S` equals `1 - p` on a flat
 * stretch, the midpoint of that stretch (its first time and the next event time, or the
 * last time when the curve ends on it); its interval is the same search on the bounds.
 *
 * Source: R's `survival::survfit(Surv(duration, observed) ~ 1, conf.type =)`, with
 * `summary(fit, times =)` for `at` and `quantile(fit, p)` for the quantiles (survival 3.5;
 * the tests reproduce it number for number). Times are compared exactly, as `timefix = FALSE`.
 *
 * Cost: O(n) to read the subjects and sort the durations (radix sort; O(n log n) below
 * 4096 subjects), O(m) for the m distinct durations, O(log m) per requested time and O(m)
 * per quantile. Memory O(n).
 *
 * Edge cases: no subjects give `n: 0`, an empty curve, a median (and quantiles) of
 * `{ value: null, lower: null, upper: null }` and `at` entries of `null`s. A median the
 * curve never reaches has the same shape (`value: null`): the median itself is never
 * `null`. Where the curve reaches 0 (everyone left at risk has the event) its standard
 * error and bounds are `null` (R: `NA`/`NaN`). Before the first duration the
 * survival is 1 with zero-width interval; after the last one it is `null` (R drops such
 * times) unless the curve has reached 0. Durations may be 0.
 *
 * @param subjects `{ duration, observed }` records (an array or any iterable, read once),
 * or other records read through `options.duration` and `options.observed`.
 * @param options `{ confidence?, confType?, times?, quantiles?, duration?, observed? }`.
 * @returns `{ n, events, censored, confidence, confType, curve, median, quantiles, at }`,
 * plain JSON: `null`, never `NaN` or `Infinity`. `curve` is `SurvivalStep[]` (`{ time,
 * atRisk, events, censored, survival, standardError, lower, upper }`) and `median` a
 * `SurvivalQuantile` (`{ value, lower, upper }`), the shapes `compareRetention` and
 * `timeToValue` share and `retentionChart` draws.
 * @throws {MetricsInputError} `invalid-number` at `subjects[i].duration` for a duration
 * that is not a finite number >= 0; `invalid-boolean` at `subjects[i].observed` for
 * anything but `true` or `false` (`1`, `"true"`); the message names the record's `id`,
 * `userId`, `accountId` or `customerId` when it has one (`subjects[3] (userId "u_7").duration`);
 * `invalid-record` at `subjects[i]` for a record that is not an object; `invalid-input` when
 * `subjects` is not iterable; `invalid-option` for a bad `confidence`, `confType`, `times`,
 * `quantiles` or accessor, or any option that is `null`; `unknown-option` for a key it does
 * not know (`options.confidenceLevel`).
 *
 * @example
 * ```ts
 * import { kaplanMeier } from 'customer-success-metrics/retention';
 * // Months until churn (observed: true) or until last seen, still a customer (false).
 * const customers = [
 *   { duration: 3, observed: true }, { duration: 5, observed: true }, { duration: 5, observed: false },
 *   { duration: 8, observed: true }, { duration: 10, observed: false }, { duration: 12, observed: true },
 *   { duration: 12, observed: true }, { duration: 15, observed: false },
 * ];
 * const fit = kaplanMeier(customers, { times: [6, 12] });
 * fit.curve.map((s) => s.survival); // ~> [0.875, 0.75, 0.6, 0.6, 0.2, 0.2]
 * fit.median; // => { value: 12, lower: 8, upper: null }
 * fit.quantiles[0]; // => { probability: 0.25, value: 6.5, lower: 3, upper: null }
 * fit.at.map((a) => [a.survival, a.lower]); // ~> [[0.75, 0.5027], [0.2, 0.0363]]
 * kaplanMeier([]).median; // => { value: null, lower: null, upper: null }
 * ```
 */
export function kaplanMeier<R = Subject>(subjects: Iterable<R>, options?: KaplanMeierOptions<R>): KaplanMeierResult {
  const fn = 'kaplanMeier';
  const opts = optionsOf(options, fn, KAPLAN_MEIER_OPTION_KEYS);
  const confidence = readConfidence(opts.confidence, fn);
  const confType = readChoice(opts.confType, KAPLAN_MEIER_CONF_TYPES, 'log', fn, 'options.confType');
  const times = readNumbers(fn, opts.times, [], 'options.times', Number.POSITIVE_INFINITY);
  const probabilities = readNumbers(fn, opts.quantiles, DEFAULT_QUANTILES, 'options.quantiles', 1);
  const { durations, observed } = readSubjects(fn, subjects, opts, 'subjects');
  const curve = kaplanMeierEngine(durations, observed, { fn, confidence, confType });
  return {
    n: curve.subjects,
    events: curve.events,
    censored: curve.subjects - curve.events,
    confidence: curve.confidence,
    confType: curve.confType,
    curve: survivalSteps(curve),
    median: survivalQuantile(curve, 0.5),
    quantiles: probabilities.map((probability) => ({ probability, ...survivalQuantile(curve, probability) })),
    at: times.map((time) => atTime(curve, time)),
  };
}

/** The survival at `time`. O(log m). */
function atTime(curve: KaplanMeierCurve, time: number): KaplanMeierAt {
  const estimate = survivalAt(curve, time);
  if (estimate === null) return { time, survival: null, standardError: null, lower: null, upper: null };
  return { time, survival: estimate.value, standardError: estimate.standardError, lower: estimate.lower, upper: estimate.upper };
}

/** An option that is an array of numbers from 0 to `max`; `undefined` gives `fallback`. */
function readNumbers(fn: string, value: unknown, fallback: readonly number[], path: string, max: number): number[] {
  if (value === undefined) return fallback.slice();
  if (!Array.isArray(value)) return fail(fn, path, 'invalid-option', 'must be an array of numbers', value);
  const numbers: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const x: unknown = value[i];
    if (typeof x !== 'number' || !(x >= 0 && x <= max) || !Number.isFinite(x)) {
      fail(fn, `${path}[${i}]`, 'invalid-number', max === 1 ? 'must be a number from 0 to 1' : 'must be a finite number >= 0', x);
    }
    numbers.push(x + 0);
  }
  return numbers;
}
