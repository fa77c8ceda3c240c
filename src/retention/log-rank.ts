import { fail } from '../core/errors.js';
import { optionsOf } from '../core/options.js';
import { requireIterable } from '../core/read.js';
import { logRankEngine, type LogRankGroup } from '../stats/log-rank-engine.js';
import { readSubjects } from './internal/survival-subjects.js';
import type { LogRankGroupResult, LogRankOptions, LogRankResult, Subject } from './types.js';

export type { LogRankGroupResult, LogRankOptions, LogRankResult } from './types.js';

/** Every key of {@link LogRankOptions}; others are `unknown-option`. */
export const LOG_RANK_OPTION_KEYS = ['duration', 'observed'] as const satisfies readonly (keyof LogRankOptions<unknown>)[];

/**
 * Log-rank test: do two or more groups of subjects (say, customers who reached the aha
 * moment and those who did not) have the same survival curve?
 *
 * Definition (Mantel, 1966; Peto and Peto, 1972): at each distinct event time `t`, with
 * `n` subjects at risk in all (durations >= t), `d` events in all, and `n_g` at risk in
 * group g, the group's expected events are `d n_g / n`; `O_g` and `E_g` sum them over the
 * event times. Their covariance is
 * `V_gh = Σ_t d (n - d) / (n - 1) · (n_g / n) (δ_gh - n_h / n)`. The statistic is
 * `χ² = zᵀ V⁻¹ z` over all groups but one (`z = O - E`; which one is left out does not
 * change it), with k - 1 degrees of freedom: for two groups `(O_1 - E_1)² / V_11`. The
 * k × k system is solved by Gaussian elimination; groups without expected events are
 * left out and, should the matrix still be singular, a generalized inverse drops the
 * dependent directions (and the degrees of freedom with them). The p-value is the
 * chi-square upper tail.
 *
 * Source: R's `survival::survdiff(Surv(time, status) ~ group)` (rho = 0; survival 3.5):
 * chi-square, observed, expected, variance and p-value number for number, with times
 * compared exactly (`timefix = FALSE`).
 *
 * Cost: O(N) to read N subjects and sort each group's durations (radix sort; O(N log N)
 * for small groups), O(m k²) over the m distinct event times, O(k³) for the statistic.
 * Memory O(N + k²).
 *
 * Edge cases: empty groups are allowed (no expected events: left out of the test); with
 * fewer than two groups with expected events (no groups, one group, no events at all)
 * `chiSquare` is 0, `degreesOfFreedom` 0 and `pValue` `null`. Identical groups give
 * `chiSquare` 0 (up to rounding) and `pValue` 1.
 *
 * @param a The first group: `{ duration, observed }` records (any iterable, read once),
 * or other records read through the accessors. Or, with no second group, an array of
 * groups `[g1, g2, ...]`.
 * @param b The second group, in the two-group form.
 * @param options `{ duration?, observed? }` accessors.
 * @returns `{ chiSquare, degreesOfFreedom, pValue, groups: [{ group, n, events, expectedEvents,
 * squaredDeviationOverExpected, squaredDeviationOverVariance }], variance }`.
 * @throws {MetricsInputError} `invalid-number` at `a[i].duration` (`b[i]`, or `groups[g][i]`
 * in the k-group form) for a duration that is not a finite number >= 0; `invalid-boolean`
 * at `a[i].observed` for anything but `true` or `false`; `invalid-record` for a record
 * that is not an object (messages name the record's `id`, `userId`, `accountId` or
 * `customerId` when it has one); `invalid-input` when a group is not iterable or `groups` not
 * an array; `invalid-option` for an accessor that is not a function or `null`;
 * `unknown-option` for a key other than `duration` and `observed`.
 *
 * @example
 * ```ts
 * import { logRank } from 'customer-success-metrics/retention';
 * const subject = (duration: number, observed: boolean) => ({ duration, observed });
 * // Months to churn (observed) or to the last renewal seen (censored).
 * const activated = [subject(3, true), subject(5, true), subject(7, false), subject(9, true), subject(12, false)];
 * const others = [subject(1, true), subject(2, true), subject(2, true), subject(4, true), subject(6, false)];
 * const test = logRank(activated, others);
 * test.chiSquare; // ~> 2.532
 * test.degreesOfFreedom; // => 1
 * test.pValue; // ~> 0.1116
 * test.groups.map((g) => [g.events, g.expectedEvents]); // ~> [[3, 4.792], [4, 2.208]]
 * logRank([activated, others, others]).degreesOfFreedom; // => 2
 * ```
 */
export function logRank<R = Subject>(a: Iterable<R>, b: Iterable<R>, options?: LogRankOptions<R>): LogRankResult;
export function logRank<R = Subject>(groups: readonly Iterable<R>[], options?: LogRankOptions<R>): LogRankResult;
export function logRank<R = Subject>(
  first: Iterable<R> | readonly Iterable<R>[],
  second?: Iterable<R> | LogRankOptions<R>,
  third?: LogRankOptions<R>,
): LogRankResult {
  const fn = 'logRank';
  const twoGroups = isIterable(second);
  const opts = optionsOf(twoGroups ? third : (second as LogRankOptions<R> | undefined), fn, LOG_RANK_OPTION_KEYS);
  const columns: LogRankGroup[] = [];
  if (twoGroups) {
    columns.push(readSubjects(fn, first as Iterable<R>, opts, 'a'));
    columns.push(readSubjects(fn, second, opts, 'b'));
  } else {
    if (!Array.isArray(first)) return fail(fn, 'groups', 'invalid-input', 'must be an array of groups (or give two groups)', first);
    const groups = first as readonly unknown[];
    for (let g = 0; g < groups.length; g++) {
      const path = `groups[${g}]`;
      columns.push(readSubjects(fn, requireIterable<R>(groups[g], fn, path), opts, path));
    }
  }
  const result = logRankEngine(columns, { fn });
  const groups: LogRankGroupResult[] = [];
  for (let g = 0; g < columns.length; g++) {
    const events = result.observed[g] as number;
    const expectedEvents = result.expected[g] as number;
    const variance = (result.variance[g] as number[])[g] as number;
    const squared = (events - expectedEvents) * (events - expectedEvents);
    groups.push({
      group: g,
      n: result.n[g] as number,
      events,
      expectedEvents,
      squaredDeviationOverExpected: expectedEvents > 0 ? squared / expectedEvents : null,
      squaredDeviationOverVariance: variance > 0 ? squared / variance : null,
    });
  }
  return { chiSquare: result.chiSquare, degreesOfFreedom: result.degreesOfFreedom, pValue: result.pValue, groups, variance: result.variance };
}

/** Whether a value is an iterable collection (not a string): a group rather than options. */
function isIterable(value: unknown): value is Iterable<never> {
  return value !== null && typeof value === 'object' && typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function';
}
