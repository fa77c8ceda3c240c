/**
 * The log-rank test engine shared by the retention module (`logRank`, the aha-versus-
 * control comparison): the Mantel–Haenszel log-rank test of k groups of right-censored
 * durations, as R's `survival::survdiff(Surv(time, status) ~ group)` (rho = 0, package
 * 3.5) number for number.
 *
 * Definitions. At each distinct event time `t` (a time at which at least one subject of
 * any group has the event), `n` subjects are at risk in all (durations >= t, so those
 * censored at `t` are still at risk), `d` have the event; in group g, `n_g` are at risk and
 * `d_g` have the event.
 * - Observed `O_g = Σ_t d_g`; expected `E_g = Σ_t d n_g / n`.
 * - Variance–covariance of `O - E` (hypergeometric):
 *   `V_gh = Σ_t d (n - d) / (n - 1) · (n_g / n) (δ_gh - n_h / n)`, no term when `n = 1`.
 *   Rows and columns sum to 0, so `V` has rank at most k - 1.
 * - Statistic: as R, the groups with `E_g > 0` are kept and the first of those dropped,
 *   leaving `z = (O - E)` and `V` over the other k' - 1 groups; `χ² = zᵀ V⁻ z`. Where R
 *   calls `solve`, this engine takes a generalized inverse: a symmetric Gaussian
 *   elimination (LDLᵀ, diagonal pivots) that treats a pivot below `1e-9` of the largest
 *   diagonal entry as 0 and drops its row and column (as `survival`'s own `cholesky2`
 *   does). When `V` is regular (every case where R gives a number) this is `solve`;
 *   when it is singular (R stops with "system is exactly singular"), the Wald statistic of
 *   the identifiable part. `z` lies in the column space of `V` (at a time where `V`'s term
 *   is 0, because `d = n` or `n = 1`, so is `z`'s), so `zᵀ V⁻ z` is the same for every
 *   generalized inverse: the statistic does not depend on the order of the groups or on
 *   which one is dropped.
 * - Degrees of freedom: the rank of that `V`, which is R's `sum(E > 0) - 1` whenever R
 *   gives a number. p-value `P(χ²_df > χ²)`; `null` when df = 0 (fewer than two groups
 *   with expected events, no events at all, no subjects: no test; R prints p = 0 or
 *   stops).
 *
 * Departures from R: times are compared exactly, as `survdiff(..., timefix = FALSE)` (R's
 * default merges times within about 1.5e-8 of each other; see the Kaplan–Meier engine);
 * empty groups are allowed (R cannot have them: its groups are the levels present);
 * singular `V` as above.
 *
 * Algorithm: per group, its durations and its event durations are copied into two
 * `Float64Array`s and sorted (O(n) radix sort, see `sortNonNegative`); a sweep then walks
 * the distinct event times in ascending order with one cursor per group into each array:
 * O(N log N) at worst (O(N) with the radix sort), plus O(m k) to find the next time and
 * O(m k²) for the variance over the m distinct event times; 16N bytes of memory.
 * @internal
 */

import { fail } from '../core/errors.js';
import { chiSquareSurvival } from './chi-square-survival.js';
import { sortNonNegative } from './kaplan-meier-engine.js';

/** One group of subjects as columns. */
export interface LogRankGroup {
  /** Time to the event or to censoring: finite, >= 0. */
  readonly durations: ArrayLike<number>;
  /** `true` (or 1) for an event, `false` (or 0) for censoring. */
  readonly observed: ArrayLike<boolean | number>;
}

/** Options of {@link logRankEngine}. */
export interface LogRankEngineOptions {
  /** The public function's name, for error messages (default `'logRank'`). */
  readonly fn?: string;
  /** The name of the groups argument in error paths (default `'groups'`): `groups[1].durations[4]`. */
  readonly name?: string;
}

/** The log-rank test of k groups. Arrays are indexed by group. */
export interface LogRankEngineResult {
  /** `zᵀ V⁻ z`, >= 0 (0 when there is no test). */
  readonly chiSquare: number;
  /** Rank of the reduced variance matrix; k - 1 when every group has expected events. */
  readonly degreesOfFreedom: number;
  /** `P(χ²_df > chiSquare)`, in [0, 1]; `null` when df = 0. */
  readonly pValue: number | null;
  /** Subjects per group. */
  readonly n: number[];
  /** Observed events per group. */
  readonly observed: number[];
  /** Expected events per group; they sum to the observed total. */
  readonly expected: number[];
  /** The k × k variance–covariance matrix of `O - E` (R's `fit$var`), rows of numbers. */
  readonly variance: number[][];
}

/** Pivots below this share of the largest diagonal entry count as 0 (survival's `cholesky2` tolerance). */
const PIVOT_TOLERANCE = 1e-9;

/**
 * The log-rank test of k groups (see the file comment for definitions and the match with
 * R's `survdiff`).
 *
 * Edge cases: no groups, empty groups, no events: chi-square 0, df 0, p-value `null`.
 *
 * @throws {MetricsInputError} `invalid-input` at `groups` when it is not an array-like of
 * groups or at `groups[g]` when a group is not `{ durations, observed }` of equal lengths;
 * `invalid-number` at `groups[g].durations[i]`; `invalid-boolean` at
 * `groups[g].observed[i]`. Messages start with `options.fn`.
 */
export function logRankEngine(groups: ArrayLike<LogRankGroup>, options: LogRankEngineOptions = {}): LogRankEngineResult {
  const read = readGroups(groups, options.fn ?? 'logRank', options.name ?? 'groups');
  const k = read.n.length;
  const { expected, variance } = sweepEventTimes(read.eventTimes, read.allTimes);
  const { chiSquare, rank } = waldStatistic(read.observed, expected, variance, k);
  const rows: number[][] = [];
  for (let g = 0; g < k; g++) rows.push(Array.from(variance.subarray(g * k, g * k + k)));
  return {
    chiSquare,
    degreesOfFreedom: rank,
    pValue: rank === 0 ? null : chiSquareSurvival(chiSquare, rank),
    n: read.n,
    observed: read.observed,
    expected: Array.from(expected),
    variance: rows,
  };
}

/** The groups, checked: per group its sorted durations, its sorted event durations and its counts. */
interface ReadGroups {
  readonly allTimes: Float64Array[];
  readonly eventTimes: Float64Array[];
  /** Subjects per group. */
  readonly n: number[];
  /** Events per group. */
  readonly observed: number[];
}

/** Read step: checks every group and copies its durations into sorted typed arrays. O(N). */
function readGroups(groups: ArrayLike<LogRankGroup>, fn: string, name: string): ReadGroups {
  if (groups === null || typeof groups !== 'object' || typeof groups.length !== 'number') {
    fail(fn, name, 'invalid-input', 'must be an array of groups', groups);
  }
  const read: ReadGroups = { allTimes: [], eventTimes: [], n: [], observed: [] };
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g];
    if (group === null || typeof group !== 'object' || group.durations === undefined || group.observed === undefined) {
      fail(fn, `${name}[${g}]`, 'invalid-input', 'must be { durations, observed }', group);
    }
    const { durations, observed: flags } = group;
    const size = durations.length;
    if (flags.length !== size) {
      fail(fn, `${name}[${g}].observed`, 'invalid-input', `must have as many entries as durations, ${size}`, flags.length);
    }
    let events = 0;
    for (let i = 0; i < size; i++) {
      const t: unknown = durations[i];
      if (typeof t !== 'number' || !(t >= 0 && t < Number.POSITIVE_INFINITY)) {
        fail(fn, `${name}[${g}].durations[${i}]`, 'invalid-number', 'must be a finite number >= 0', t);
      }
      const o: unknown = flags[i];
      if (o === true || o === 1) events++;
      else if (o !== false && o !== 0) fail(fn, `${name}[${g}].observed[${i}]`, 'invalid-boolean', 'must be true or false (or 1 or 0)', o);
    }
    const all = new Float64Array(size);
    const evented = new Float64Array(events);
    let e = 0;
    for (let i = 0; i < size; i++) {
      // + 0 turns -0 into 0, which the radix sort needs.
      const t = (durations[i] as number) + 0;
      all[i] = t;
      const o = flags[i];
      if (o === true || o === 1) evented[e++] = t;
    }
    read.allTimes.push(sortNonNegative(all));
    read.eventTimes.push(sortNonNegative(evented));
    read.n.push(size);
    read.observed.push(events);
  }
  return read;
}

/**
 * Scan step: walks the distinct event times in ascending order, one cursor per group into
 * its durations and its event durations, and sums the expected events `E_g` and the
 * variance–covariance `V` (k × k, row-major). O(m k²) over m distinct event times.
 */
function sweepEventTimes(eventTimes: readonly Float64Array[], allTimes: readonly Float64Array[]): { expected: Float64Array; variance: Float64Array } {
  const k = eventTimes.length;
  const expected = new Float64Array(k);
  const variance = new Float64Array(k * k);
  const eventCursor = new Int32Array(k);
  const leftCursor = new Int32Array(k); // durations < t: no longer at risk
  const atRisk = new Float64Array(k);
  for (;;) {
    let t = Number.POSITIVE_INFINITY;
    for (let g = 0; g < k; g++) {
      const times = eventTimes[g] as Float64Array;
      const c = eventCursor[g] as number;
      if (c < times.length && (times[c] as number) < t) t = times[c] as number;
    }
    if (t === Number.POSITIVE_INFINITY) break;
    let nt = 0;
    let dt = 0;
    for (let g = 0; g < k; g++) {
      const times = allTimes[g] as Float64Array;
      let left = leftCursor[g] as number;
      while (left < times.length && (times[left] as number) < t) left++;
      leftCursor[g] = left;
      const events = eventTimes[g] as Float64Array;
      let c = eventCursor[g] as number;
      const before = c;
      while (c < events.length && events[c] === t) c++;
      eventCursor[g] = c;
      const r = times.length - left;
      atRisk[g] = r;
      nt += r;
      dt += c - before;
    }
    for (let g = 0; g < k; g++) expected[g] = (expected[g] as number) + (dt * (atRisk[g] as number)) / nt;
    if (nt > 1) addVarianceTerm(variance, atRisk, nt, dt);
  }
  return { expected, variance };
}

/** Adds one event time's hypergeometric term `d (n − d) / (n − 1) · (n_g / n) (δ_gh − n_h / n)` to `V`. O(k²). */
function addVarianceTerm(variance: Float64Array, atRisk: Float64Array, nt: number, dt: number): void {
  const k = atRisk.length;
  const factor = (dt * (nt - dt)) / (nt - 1);
  for (let g = 0; g < k; g++) {
    const share = (atRisk[g] as number) / nt;
    if (share === 0) continue;
    for (let h = 0; h < k; h++) {
      const term = factor * share * ((g === h ? 1 : 0) - (atRisk[h] as number) / nt);
      variance[g * k + h] = (variance[g * k + h] as number) + term;
    }
  }
}

/**
 * `zᵀ V⁻ z` over the groups with expected events but the first of them, and the rank of
 * that V, by symmetric Gaussian elimination with a pivot tolerance. O(k³).
 */
function waldStatistic(observed: readonly number[], expected: Float64Array, variance: Float64Array, k: number): { chiSquare: number; rank: number } {
  const kept: number[] = [];
  for (let g = 0; g < k; g++) if ((expected[g] as number) > 0) kept.push(g);
  kept.shift();
  const p = kept.length;
  if (p === 0) return { chiSquare: 0, rank: 0 };
  const a = new Float64Array(p * p);
  const z = new Float64Array(p);
  let largest = 0;
  for (let i = 0; i < p; i++) {
    const gi = kept[i] as number;
    z[i] = (observed[gi] as number) - (expected[gi] as number);
    for (let j = 0; j < p; j++) a[i * p + j] = variance[gi * k + (kept[j] as number)] as number;
    largest = Math.max(largest, a[i * p + i] as number);
  }
  // LDLᵀ without pivoting across rows: eliminate column i below and right of the pivot;
  // z is reduced alongside, so χ² = Σ over kept pivots of (reduced z_i)² / pivot_i.
  const tolerance = largest * PIVOT_TOLERANCE;
  let chiSquare = 0;
  let rank = 0;
  for (let i = 0; i < p; i++) {
    const pivot = a[i * p + i] as number;
    if (!(pivot > tolerance)) continue; // dropped: a generalized inverse sets this component to 0
    rank++;
    const zi = z[i] as number;
    chiSquare += (zi * zi) / pivot;
    for (let r = i + 1; r < p; r++) {
      const factor = (a[r * p + i] as number) / pivot;
      if (factor === 0) continue;
      for (let c = i + 1; c < p; c++) a[r * p + c] = (a[r * p + c] as number) - factor * (a[i * p + c] as number);
      z[r] = (z[r] as number) - factor * zi;
    }
  }
  return { chiSquare: Math.max(chiSquare, 0), rank };
}
