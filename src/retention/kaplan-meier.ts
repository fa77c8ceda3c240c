import { fail } from '../core/errors.js';
import { optionsOf } from '../core/options.js';
import { readChoice, readConfidence } from '../core/read.js';
import {
  curvePoint,
  KAPLAN_MEIER_CONF_TYPES,
  kaplanMeierEngine,
  survivalAt,
  survivalQuantile,
  type KaplanMeierConfType,
  type KaplanMeierCurve,
} from '../stats/internal/kaplan-meier.js';
import { readSubjects, type Subject, type SubjectAccessors } from './internal/survival-subjects.js';

export type { KaplanMeierConfType } from '../stats/internal/kaplan-meier.js';
export type { Subject, SubjectAccessors } from './internal/survival-subjects.js';

/** Options of {@link kaplanMeier}. */
export interface KaplanMeierOptions<R> extends SubjectAccessors<R> {
  /** Confidence level of the intervals, strictly between 0 and 1 (default 0.95). */
  readonly confidence?: number;
  /** Interval transform, as R's `conf.type`: `'log'` (default, R's), `'log-log'` or `'plain'`. */
  readonly confType?: KaplanMeierConfType;
  /** Times at which to read the survival into `at` (finite, >= 0; default none). */
  readonly times?: readonly number[];
  /** Shares of subjects with the event whose times go into `quantiles` (each from 0 to 1; default `[0.25, 0.5, 0.75]`). */
  readonly quantiles?: readonly number[];
}

/** Every key of {@link KaplanMeierOptions}; others are `unknown-option`. */
export const KAPLAN_MEIER_OPTION_KEYS = ['confidence', 'confType', 'times', 'quantiles', 'duration', 'observed'] as const;

/** One step of the curve: a distinct duration (event or censoring). */
export interface KaplanMeierStep {
  /** The distinct duration. */
  readonly time: number;
  /** Subjects with duration >= time (those censored at `time` included). */
  readonly atRisk: number;
  /** Events at `time`. */
  readonly events: number;
  /** Censorings at `time`. */
  readonly censored: number;
  /** S(time), the estimated share without the event after `time`. */
  readonly survival: number;
  /** Greenwood standard error of `survival`; `null` once the curve has reached 0. */
  readonly standardError: number | null;
  /** Lower interval bound, within [0, 1]; `null` once the curve has reached 0 (R: `NA`). */
  readonly lower: number | null;
  /** Upper interval bound, within [0, 1]; `null` once the curve has reached 0 (R: `NA`). */
  readonly upper: number | null;
}

/** The median time to the event with its interval. */
export interface KaplanMeierMedian {
  /** The time by which half have had the event. */
  readonly value: number;
  /** From the lower survival curve; `null` when it never falls to 0.5. */
  readonly lower: number | null;
  /** From the upper survival curve; `null` when it never falls to 0.5 (common). */
  readonly upper: number | null;
}

/** The time by which a share `probability` of the subjects has had the event (R's `quantile(fit, probability)`). */
export interface KaplanMeierQuantile {
  /** The requested share of subjects with the event. */
  readonly probability: number;
  /** `null` when the curve never falls to `1 - probability`. */
  readonly value: number | null;
  /** The same search on the lower curve; `null` when that curve never gets that low. */
  readonly lower: number | null;
  /** The same search on the upper curve; `null` when that curve never gets that low. */
  readonly upper: number | null;
}

/** The survival at a requested time. */
export interface KaplanMeierAt {
  /** The requested time. */
  readonly time: number;
  /** S(time); `null` after the last duration (not observed that long) unless the curve has reached 0. */
  readonly survival: number | null;
  /** Standard error of `survival`; `null` with `survival`, and where the curve is 0. */
  readonly standardError: number | null;
  /** Lower interval bound; `null` with `survival`, and where the curve is 0. */
  readonly lower: number | null;
  /** Upper interval bound; `null` with `survival`, and where the curve is 0. */
  readonly upper: number | null;
}

/** Result of {@link kaplanMeier}. */
export interface KaplanMeierResult {
  /** Number of subjects. */
  readonly n: number;
  /** Subjects with the event observed. */
  readonly events: number;
  /** Censored subjects. */
  readonly censored: number;
  /** Confidence level of the intervals. */
  readonly confidence: number;
  /** Interval transform, as R's `conf.type`. */
  readonly confType: KaplanMeierConfType;
  /** One step per distinct duration, ascending. */
  readonly curve: KaplanMeierStep[];
  /** The time by which half have had the event; `null` when the curve never falls to 0.5 (or no subjects). */
  readonly median: KaplanMeierMedian | null;
  /** One entry per requested share, in the order given. */
  readonly quantiles: KaplanMeierQuantile[];
  /** One entry per requested time, in the order given. */
  readonly at: KaplanMeierAt[];
}

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
 * Edge cases: no subjects give `n: 0`, an empty curve, `median: null`, quantiles and `at`
 * entries of `null`s. Where the curve reaches 0 (everyone left at risk has the event) its
 * standard error and bounds are `null` (R: `NA`/`NaN`). Before the first duration the
 * survival is 1 with zero-width interval; after the last one it is `null` (R drops such
 * times) unless the curve has reached 0. Durations may be 0.
 *
 * @param subjects `{ duration, observed }` records (an array or any iterable, read once),
 * or other records read through `options.duration` and `options.observed`.
 * @param options `{ confidence?, confType?, times?, quantiles?, duration?, observed? }`.
 * @returns `{ n, events, censored, confidence, confType, curve, median, quantiles, at }`,
 * plain JSON: `null`, never `NaN` or `Infinity`.
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
 * kaplanMeier([]).median; // => null
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
    curve: stepsOf(curve),
    median: medianOf(curve),
    quantiles: probabilities.map((probability) => ({ probability, ...survivalQuantile(curve, probability) })),
    at: times.map((time) => atTime(curve, time)),
  };
}

/** The curve as plain JSON steps. O(m). */
function stepsOf(curve: KaplanMeierCurve): KaplanMeierStep[] {
  const steps: KaplanMeierStep[] = [];
  for (let k = 0; k < curve.length; k++) {
    const point = curvePoint(curve, k);
    steps.push({
      time: point.time,
      atRisk: point.nRisk,
      events: point.nEvent,
      censored: point.nCensor,
      survival: point.survival,
      standardError: point.standardError,
      lower: point.lower,
      upper: point.upper,
    });
  }
  return steps;
}

/** The median, `null` when the curve never falls to 0.5. O(m). */
function medianOf(curve: KaplanMeierCurve): KaplanMeierMedian | null {
  const { value, lower, upper } = survivalQuantile(curve, 0.5);
  return value === null ? null : { value, lower, upper };
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
