/**
 * The Kaplan–Meier engine shared by the lifecycle module (time to value) and the retention
 * module (survival curves, comparisons): the product-limit estimate, its Greenwood
 * standard error, pointwise confidence intervals, quantiles with their intervals, and the
 * survival at chosen times. It follows R's `survival::survfit` (package 3.5) number for
 * number.
 *
 * Definitions. At each distinct time `t` (event or censoring) `n` subjects are at risk
 * (durations >= t, so those censored at `t` are still at risk: events come before
 * censorings at the same time), `d` have the event and `c` are censored.
 * - Survival: `S(t) = Π_{t_i <= t} (n_i - d_i) / n_i`.
 * - Greenwood: `σ²(t) = Σ_{t_i <= t} d_i / (n_i (n_i - d_i))`, the variance of `log S(t)`
 *   (equally of the cumulative hazard `-log S`). `logStandardError = σ` is R's
 *   `fit$std.err`; `standardError = S σ` is the standard error of `S` itself (R's
 *   `summary(fit)$std.err`).
 * - Intervals at `confidence` with `z = Φ⁻¹(1 - (1 - confidence)/2)`, as R's
 *   `survfit(conf.type =)`: `'log'` (R's default) `exp(log S ± z σ)`, the upper bound cut
 *   at 1; `'log-log'` `exp(-exp(log(-log S) ∓ z σ / log S))`; `'plain'` `S ± z S σ`, cut to
 *   [0, 1].
 * - Quantile `p` (of the time distribution, `1 - S`): R's `quantile.survfit`: the first
 *   time where `1 - S >= p`; when `1 - S` equals `p` (within `√ε ≈ 1.5e-8`) on a flat
 *   stretch, the midpoint of that stretch's first time and the next event time (times 1,
 *   2, 3, 4, all events: median 2.5); when the curve ends on that flat stretch, the
 *   midpoint of its first time and the last time. The interval of a quantile is the same
 *   search on the lower and on the upper curve. Those need not be monotone (the `'log'`
 *   upper bound rises where S halves and σ doubles; `'log-log'` bounds wiggle): R then
 *   takes the point with the smallest `1 - bound >= p`, not the first, and so does this
 *   engine. So under `'log-log'` a bound can fall on the wrong side of the quantile.
 *
 * Departures from R, all where R has no number:
 * - When the curve reaches 0 (everyone still at risk has the event, which can only happen
 *   at the last time) `σ` is infinite and R reports `Inf`, `NaN` or `NA` for the standard
 *   errors and bounds of that point. Here that point has no standard error and no bounds:
 *   `withBounds` is `length - 1`, and {@link curvePoint} and {@link survivalAt} give
 *   `null`. Quantile searches skip the point, as R's do.
 * - `'log-log'` bounds where `S = 1` (before the first event) are `[1, 1]`; R reports `NA`
 *   (0/0). Quantiles are unaffected; the search reproduces R's treatment of those `NA`s.
 * - Times are compared exactly, as `survfit(..., timefix = FALSE)`. R's default
 *   `timefix = TRUE` first merges times closer than about 1.5e-8 (absolute, or relative
 *   to the mean of the distinct times); it matters only for durations that differ by
 *   round-off or by less than 1.5e-8 of the mean (13 ms when durations are around 10
 *   days).
 * - A quantile is searched one probability at a time (R's `quantile(fit, p)` with a single
 *   `p`; with several, R gives up on all of them when the curve never reaches the
 *   smallest, which changes nothing except within 1.5e-8 of the curve's end).
 * - `print(fit)` computes the median its own way; it differs from `quantile(fit, 0.5)`
 *   only when the curve ends exactly at 0.5 (times 1 (event) and 2 (censored): `print`
 *   says 1, `quantile` 1.5). This engine follows `quantile`.
 *
 * Algorithm: one pass validates the input and checks whether it is already sorted by
 * duration; if it is, one more pass tabulates it (O(n)); otherwise the event and censoring
 * durations are copied into two `Float64Array`s, each sorted by an O(n) radix sort on the
 * bits of the doubles (the native typed-array sort, O(n log n), below 4096 values), and
 * merged. The curve is then one pass over the m distinct times. Memory:
 * 16n bytes for the sort, 11 typed arrays of length m for the curve. Quantiles are O(m),
 * survival at a time O(log m).
 * @internal
 */

import { fail } from '../core/errors.js';
import { readChoice, readConfidence } from '../core/read.js';
import { normalQuantile } from './normal-quantile.js';

/** The transform of a confidence interval of the survival, as R's `conf.type`. */
export type KaplanMeierConfType = 'log' | 'log-log' | 'plain';

/** The accepted `confType` values. */
export const KAPLAN_MEIER_CONF_TYPES: readonly KaplanMeierConfType[] = ['log', 'log-log', 'plain'];

/** Options of {@link kaplanMeierEngine}. */
export interface KaplanMeierEngineOptions {
  /** Confidence level of the intervals, strictly between 0 and 1 (default 0.95). */
  readonly confidence?: number;
  /** Interval transform (default `'log'`, R's default). */
  readonly confType?: KaplanMeierConfType;
  /** The public function's name, for error messages (default `'kaplanMeier'`). */
  readonly fn?: string;
}

/**
 * A Kaplan–Meier curve: one entry per distinct time (events or censorings), ascending.
 * Entries from `withBounds` on (at most the last one, when the curve reaches 0) have no
 * standard error and no bounds: their slots hold 0 and mean nothing. Read points through
 * {@link curvePoint}, which turns them into `null`.
 */
export interface KaplanMeierCurve {
  /** Number of subjects. */
  readonly subjects: number;
  /** Number of events (observed subjects). */
  readonly events: number;
  readonly confidence: number;
  readonly confType: KaplanMeierConfType;
  /** Number of distinct times, the length of every array below. */
  readonly length: number;
  readonly time: Float64Array;
  /** Subjects with duration >= time (those censored at the time included). */
  readonly nRisk: Int32Array;
  readonly nEvent: Int32Array;
  readonly nCensor: Int32Array;
  /** S(t), non-increasing, in [0, 1]. */
  readonly survival: Float64Array;
  /** Standard error of S(t): `S √(Greenwood sum)`. */
  readonly standardError: Float64Array;
  /** Standard error of log S(t) (R's `fit$std.err`): `√(Σ d / (n (n - d)))`. */
  readonly logStandardError: Float64Array;
  readonly lower: Float64Array;
  readonly upper: Float64Array;
  /** Entries `0 .. withBounds - 1` have a standard error and bounds: `length`, or `length - 1` when the curve ends at 0. */
  readonly withBounds: number;
}

/** One entry of a curve as plain JSON. */
export interface KaplanMeierPoint {
  /** The distinct time. */
  readonly time: number;
  /** Subjects with duration >= time (those censored at the time included). */
  readonly nRisk: number;
  /** Events at the time. */
  readonly nEvent: number;
  /** Censorings at the time. */
  readonly nCensor: number;
  /** S(time), non-increasing, in [0, 1]. */
  readonly survival: number;
  /** Standard error of the survival; `null` where the curve has reached 0. */
  readonly standardError: number | null;
  /** Lower interval bound; `null` where the curve has reached 0 (R: `NA`). */
  readonly lower: number | null;
  /** Upper interval bound; `null` where the curve has reached 0 (R: `NA`). */
  readonly upper: number | null;
}

/** The survival at one time, with its standard error and interval. */
export interface SurvivalEstimate {
  /** The survival S(t). */
  readonly value: number;
  /** Standard error of `value`; `null` once the curve has reached 0. */
  readonly standardError: number | null;
  /** Lower interval bound; `null` once the curve has reached 0. */
  readonly lower: number | null;
  /** Upper interval bound; `null` once the curve has reached 0. */
  readonly upper: number | null;
}

/** A quantile of the time distribution with its interval; each part `null` when its curve never reaches the share. */
export interface QuantileEstimate {
  /** The quantile time; `null` when not reached. */
  readonly value: number | null;
  /** Lower interval bound; `null` when not reached. */
  readonly lower: number | null;
  /** Upper interval bound; `null` when not reached. */
  readonly upper: number | null;
}

/** R's `sqrt(.Machine$double.eps)` = 2^-26, the tolerance of `quantile.survfit`. */
const TOLERANCE = 1.4901161193847656e-8;

/** The distinct times and their counts. */
interface Table {
  readonly time: Float64Array;
  readonly nRisk: Int32Array;
  readonly nEvent: Int32Array;
  readonly nCensor: Int32Array;
}

function newTable(m: number): Table {
  return { time: new Float64Array(m), nRisk: new Int32Array(m), nEvent: new Int32Array(m), nCensor: new Int32Array(m) };
}

/**
 * Tabulates durations already in ascending order: counts the distinct times, and fills
 * `table` when given. `-0` and `0` are one time.
 */
function tabulateSorted(durations: ArrayLike<number>, observed: ArrayLike<boolean | number>, table: Table | null): number {
  const n = durations.length;
  let m = 0;
  let atRisk = n;
  let i = 0;
  while (i < n) {
    const t = durations[i] as number;
    let d = 0;
    let c = 0;
    while (i < n && durations[i] === t) {
      const o = observed[i];
      if (o === true || o === 1) d++;
      else c++;
      i++;
    }
    if (table !== null) writeRow(table, m, t, atRisk, d, c);
    atRisk -= d + c;
    m++;
  }
  return m;
}

/** Writes row `m` of the table: time `t` (+ 0 turns -0 into 0), at risk, events, censored. */
function writeRow(table: Table, m: number, t: number, atRisk: number, d: number, c: number): void {
  table.time[m] = t + 0;
  table.nRisk[m] = atRisk;
  table.nEvent[m] = d;
  table.nCensor[m] = c;
}

/** Tabulates sorted event and censoring durations by merging them; as {@link tabulateSorted}. */
function tabulateMerged(eventTimes: Float64Array, censorTimes: Float64Array, table: Table | null): number {
  const e = eventTimes.length;
  const k = censorTimes.length;
  let m = 0;
  let atRisk = e + k;
  let i = 0;
  let j = 0;
  while (i < e || j < k) {
    const te = i < e ? (eventTimes[i] as number) : Number.POSITIVE_INFINITY;
    const tc = j < k ? (censorTimes[j] as number) : Number.POSITIVE_INFINITY;
    const t = te < tc ? te : tc;
    let d = 0;
    while (i < e && eventTimes[i] === t) {
      d++;
      i++;
    }
    let c = 0;
    while (j < k && censorTimes[j] === t) {
      c++;
      j++;
    }
    if (table !== null) writeRow(table, m, t, atRisk, d, c);
    atRisk -= d + c;
    m++;
  }
  return m;
}

/** Below this length the native sort beats the radix sort's 65536-bucket passes. */
const RADIX_MIN_LENGTH = 4096;

/**
 * Sorts non-negative doubles (no `-0`, no `NaN`) ascending, in place or into a new array,
 * and returns the sorted array. For such numbers the order of the IEEE-754 bit patterns,
 * read as unsigned 64-bit integers, is the numeric order, so an LSD radix sort on the two
 * 32-bit words, 16 bits a pass, sorts them: one pass counts all four digits, then up to
 * four scatter passes, skipping a digit that all values share. O(n) time, n extra
 * doubles. Short arrays use the native typed-array sort (O(n log n)).
 */
export function sortNonNegative(values: Float64Array): Float64Array {
  const n = values.length;
  if (n < RADIX_MIN_LENGTH) return values.sort();
  const littleEndian = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
  const low = littleEndian ? 0 : 1;
  const high = 1 - low;
  const counts = new Int32Array(4 * 65_536);
  let source: Float64Array = values;
  let sourceWords: Uint32Array = new Uint32Array(source.buffer, source.byteOffset, 2 * n);
  for (let i = 0; i < n; i++) {
    const lo = sourceWords[2 * i + low] as number;
    const hi = sourceWords[2 * i + high] as number;
    const d0 = lo & 0xffff;
    const d1 = 65_536 + (lo >>> 16);
    const d2 = 131_072 + (hi & 0xffff);
    const d3 = 196_608 + (hi >>> 16);
    counts[d0] = (counts[d0] as number) + 1;
    counts[d1] = (counts[d1] as number) + 1;
    counts[d2] = (counts[d2] as number) + 1;
    counts[d3] = (counts[d3] as number) + 1;
  }
  let target: Float64Array = new Float64Array(n);
  let targetWords: Uint32Array = new Uint32Array(target.buffer, 0, 2 * n);
  for (let pass = 0; pass < 4; pass++) {
    const base = pass * 65_536;
    let shared = false;
    let sum = 0;
    for (let b = base; b < base + 65_536; b++) {
      const count = counts[b] as number;
      if (count === n) shared = true;
      counts[b] = sum;
      sum += count;
    }
    if (shared) continue;
    const word = pass < 2 ? low : high;
    const shift = (pass & 1) * 16;
    for (let i = 0; i < n; i++) {
      const slot = base + (((sourceWords[2 * i + word] as number) >>> shift) & 0xffff);
      const at = counts[slot] as number;
      target[at] = source[i] as number;
      counts[slot] = at + 1;
    }
    [source, target] = [target, source];
    [sourceWords, targetWords] = [targetWords, sourceWords];
  }
  return source;
}

/**
 * The Kaplan–Meier curve of subjects given as durations and event flags (see the file
 * comment for the definitions and how they match R's `survfit`).
 *
 * Edge cases: no subjects give a curve of length 0. Durations may be 0.
 *
 * @param durations - Time to the event or to censoring of each subject: finite, >= 0.
 * @param observed - Per subject: `true` or 1 for an event, `false` or 0 for censoring.
 * @throws {MetricsInputError} `invalid-number` at `durations[i]`, `invalid-boolean` at
 * `observed[i]`, `invalid-input` at `observed` when the lengths differ, `invalid-option`
 * for a bad `confidence` or `confType`. Messages start with `options.fn`.
 */
export function kaplanMeierEngine(
  durations: ArrayLike<number>,
  observed: ArrayLike<boolean | number>,
  options: KaplanMeierEngineOptions = {},
): KaplanMeierCurve {
  const fn = options.fn ?? 'kaplanMeier';
  const confidence = readConfidence(options.confidence, fn);
  const confType = readChoice(options.confType, KAPLAN_MEIER_CONF_TYPES, 'log', fn, 'options.confType');
  const n = durations.length;
  if (observed.length !== n) {
    fail(fn, 'observed', 'invalid-input', `must have as many entries as durations, ${n}`, observed.length);
  }
  let events = 0;
  let sorted = true;
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const t: unknown = durations[i];
    if (typeof t !== 'number' || !(t >= 0 && t < Number.POSITIVE_INFINITY)) {
      fail(fn, `durations[${i}]`, 'invalid-number', 'must be a finite number >= 0', t);
    }
    const o: unknown = observed[i];
    if (o === true || o === 1) events++;
    else if (o !== false && o !== 0) fail(fn, `observed[${i}]`, 'invalid-boolean', 'must be true or false (or 1 or 0)', o);
    if (t < previous) sorted = false;
    previous = t;
  }

  let table: Table;
  if (sorted) {
    table = newTable(tabulateSorted(durations, observed, null));
    tabulateSorted(durations, observed, table);
  } else {
    const eventTimes = new Float64Array(events);
    const censorTimes = new Float64Array(n - events);
    let e = 0;
    let c = 0;
    for (let i = 0; i < n; i++) {
      const o = observed[i];
      // + 0 turns -0 into 0, which the radix sort needs.
      if (o === true || o === 1) eventTimes[e++] = (durations[i] as number) + 0;
      else censorTimes[c++] = (durations[i] as number) + 0;
    }
    const sortedEvents = sortNonNegative(eventTimes);
    const sortedCensorings = sortNonNegative(censorTimes);
    table = newTable(tabulateMerged(sortedEvents, sortedCensorings, null));
    tabulateMerged(sortedEvents, sortedCensorings, table);
  }
  return curveOf(table, n, events, confidence, confType);
}

/** Survival, Greenwood and bounds over a table. O(m). */
function curveOf(table: Table, subjects: number, events: number, confidence: number, confType: KaplanMeierConfType): KaplanMeierCurve {
  const m = table.time.length;
  const survival = new Float64Array(m);
  const standardError = new Float64Array(m);
  const logStandardError = new Float64Array(m);
  const lower = new Float64Array(m);
  const upper = new Float64Array(m);
  // (1 - confidence) is exact for confidence >= 0.5, so the z of a high confidence keeps its digits.
  const z = -normalQuantile((1 - confidence) / 2);
  let s = 1;
  let greenwood = 0;
  let withBounds = m;
  for (let k = 0; k < m; k++) {
    const r = table.nRisk[k] as number;
    const d = table.nEvent[k] as number;
    if (d > 0) {
      if (d === r) {
        // Everyone at risk has the event: S = 0, σ = ∞. Only possible at the last time.
        s = 0;
        survival[k] = 0;
        withBounds = k;
        continue;
      }
      s = (s * (r - d)) / r;
      greenwood += d / (r * (r - d));
    }
    const se = Math.sqrt(greenwood);
    survival[k] = s;
    logStandardError[k] = se;
    standardError[k] = s * se;
    if (confType === 'log') {
      lower[k] = Math.exp(Math.log(s) - z * se);
      upper[k] = Math.min(Math.exp(Math.log(s) + z * se), 1);
    } else if (confType === 'log-log') {
      if (s === 1) {
        lower[k] = 1;
        upper[k] = 1;
      } else {
        const spread = (z * se) / Math.log(s);
        const centre = Math.log(-Math.log(s));
        lower[k] = Math.exp(-Math.exp(centre - spread));
        upper[k] = Math.exp(-Math.exp(centre + spread));
      }
    } else {
      const spread = se * s * z;
      lower[k] = Math.max(s - spread, 0);
      upper[k] = Math.min(s + spread, 1);
    }
  }
  return {
    subjects,
    events,
    confidence,
    confType,
    length: m,
    time: table.time,
    nRisk: table.nRisk,
    nEvent: table.nEvent,
    nCensor: table.nCensor,
    survival,
    standardError,
    logStandardError,
    lower,
    upper,
    withBounds,
  };
}

/** Entry `k` of a curve as plain JSON, `null` where there is no standard error or bound. O(1). */
export function curvePoint(curve: KaplanMeierCurve, k: number): KaplanMeierPoint {
  const bounded = k < curve.withBounds;
  return {
    time: curve.time[k] as number,
    nRisk: curve.nRisk[k] as number,
    nEvent: curve.nEvent[k] as number,
    nCensor: curve.nCensor[k] as number,
    survival: curve.survival[k] as number,
    standardError: bounded ? (curve.standardError[k] as number) : null,
    lower: bounded ? (curve.lower[k] as number) : null,
    upper: bounded ? (curve.upper[k] as number) : null,
  };
}

/**
 * The index of the entry in force at time `t` (the last time <= t), -1 before the first
 * time. O(log m).
 */
export function entryAt(curve: KaplanMeierCurve, t: number): number {
  let low = 0;
  let high = curve.length;
  // Invariant: time[i] <= t for i < low, time[i] > t for i >= high.
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((curve.time[mid] as number) <= t) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

/**
 * S(t), the right-continuous step function, with its standard error and interval (R's
 * `summary(fit, times = t)`).
 *
 * Before the first time: `{ value: 1, standardError: 0, lower: 1, upper: 1 }`. After the
 * last time: `null` (not observed; R drops such times unless `extend = TRUE`), except
 * when the curve has reached 0, which it then stays at. Where the curve is 0 the standard
 * error and bounds are `null`. An empty curve gives `null`.
 */
export function survivalAt(curve: KaplanMeierCurve, t: number): SurvivalEstimate | null {
  const m = curve.length;
  if (m === 0) return null;
  const k = entryAt(curve, t);
  if (k < 0) return { value: 1, standardError: 0, lower: 1, upper: 1 };
  if (k === m - 1 && t > (curve.time[k] as number) && (curve.survival[k] as number) > 0) return null;
  if (k >= curve.withBounds) return { value: curve.survival[k] as number, standardError: null, lower: null, upper: null };
  return {
    value: curve.survival[k] as number,
    standardError: curve.standardError[k] as number,
    lower: curve.lower[k] as number,
    upper: curve.upper[k] as number,
  };
}

/**
 * The `p` quantile of the time distribution (`p = 0.5`: the median) and its interval, as
 * R's `quantile(fit, p)$quantile`, `$lower` and `$upper`. O(m).
 *
 * @param p - A probability from 0 to 1 (0 gives time 0, as in R).
 */
export function survivalQuantile(curve: KaplanMeierCurve, p: number): QuantileEstimate {
  return {
    value: findQuantile(curve, curve.survival, curve.length, p),
    lower: findQuantile(curve, curve.lower, curve.withBounds, p),
    upper: findQuantile(curve, curve.upper, curve.withBounds, p),
  };
}

/**
 * R's `findq(c(0, time), c(0, 1 - values), p, tol)` (survival 3.5), `NA` being the entries
 * from `defined` on and, for `'log-log'` bounds, those where S = 1.
 *
 * R drops repeated values of `y` (keeping the first; `NA` counts as a value), then takes
 * `approx(y ± tol, index, p, "constant", f = 1)`: the kept point with the smallest `y`
 * such that `y + tol >= p` (`indx1`), and with `y - tol >= p` (`indx2`); the quantile is
 * the mean of their times. When the last kept `y` is within `tol` of `p`, it is the mean of
 * `indx1`'s time and the last time. Dropping repeats keeps the earliest of equal values,
 * which the strict `<` below does without storing them.
 */
function findQuantile(curve: KaplanMeierCurve, values: Float64Array, defined: number, p: number): number | null {
  const m = curve.length;
  if (m === 0) return null;
  const time = curve.time;
  const logLogBound = curve.confType === 'log-log' && values !== curve.survival;
  const missing = (k: number): boolean => k >= defined || (logLogBound && curve.survival[k] === 1);
  // Point 0 is (0, 0); point k >= 1 is (time[k - 1], 1 - values[k - 1]).
  let maxY = 0;
  let index1 = 0;
  let y1 = 0 + TOLERANCE >= p ? 0 : Number.POSITIVE_INFINITY;
  let index2 = 0;
  let y2 = 0 - TOLERANCE >= p ? 0 : Number.POSITIVE_INFINITY;
  let near = Math.abs(p) < TOLERANCE;
  for (let k = 0; k < m; k++) {
    if (missing(k)) continue;
    const y = 1 - (values[k] as number);
    if (y > maxY) maxY = y;
    if (y + TOLERANCE >= p && y < y1) {
      y1 = y;
      index1 = k + 1;
    }
    if (y - TOLERANCE >= p && y < y2) {
      y2 = y;
      index2 = k + 1;
    }
    if (Math.abs(p - y) < TOLERANCE) near = true;
  }
  if (maxY < p) return null;
  // approx() is NA below its first knot, 0 + tol, and above its last.
  const found1 = p >= TOLERANCE && y1 !== Number.POSITIVE_INFINITY;
  const x1 = index1 === 0 ? 0 : (time[index1 - 1] as number);
  let quantile: number | null = null;
  if (found1 && y2 !== Number.POSITIVE_INFINITY) quantile = (x1 + (index2 === 0 ? 0 : (time[index2 - 1] as number))) / 2;
  if (p === 0) quantile = 0;
  if (near) {
    const last = lastKeptY(values, m, missing);
    if (last !== null && Math.abs(p - last) < TOLERANCE) quantile = found1 ? (x1 + (time[m - 1] as number)) / 2 : null;
  }
  return quantile;
}

/**
 * R's `y[n]` after `duplicated` removal: the `y` of the last point whose value (or `NA`)
 * did not occur at an earlier point; `null` for `NA`. O(m) for the non-increasing curves
 * met in practice; a value that differs from its predecessor is checked against all
 * earlier points.
 */
function lastKeptY(values: Float64Array, m: number, missing: (k: number) => boolean): number | null {
  let firstMissing = -1;
  for (let k = 0; k < m; k++) {
    if (missing(k)) {
      firstMissing = k;
      break;
    }
  }
  for (let k = m - 1; k >= 0; k--) {
    if (missing(k)) {
      if (firstMissing < k) continue;
      return null;
    }
    const y = 1 - (values[k] as number);
    if (k > 0 && !missing(k - 1) && 1 - (values[k - 1] as number) === y) continue;
    let repeated = y === 0; // point 0 has y = 0
    for (let j = 0; j < k && !repeated; j++) repeated = !missing(j) && 1 - (values[j] as number) === y;
    if (!repeated) return y;
  }
  return 0;
}
