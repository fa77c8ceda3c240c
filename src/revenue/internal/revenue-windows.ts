/**
 * The cohort windows of net and gross revenue retention, from snapshots in canonical order
 * (`mrr-snapshots.ts`): for each cohort month, the MRR of its customers then and
 * `length` months later.
 * @internal
 */

import { fail } from '../../core/errors.js';
import { CompensatedSummer } from '../../stats/compensated-sum.js';
import type { RevenueRetentionFigures } from '../types.js';
import type { SortedSnapshots } from './mrr-snapshots.js';

/** Figures of one window with both ratios. */
export interface CohortWindow extends RevenueRetentionFigures {
  /** Month number of the cohort month. */
  readonly cohortMonth: number;
  /** `endingMrr / startingMrr`; `null` when pending or `startingMrr` is 0. */
  readonly nrr: number | null;
  /** `(startingMrr - contractionMrr - churnedMrr) / startingMrr`, at most 1 and at most `nrr`. */
  readonly grr: number | null;
}

/** The running sums of one window. */
interface WindowSums {
  customers: number;
  retained: number;
  readonly start: CompensatedSummer;
  readonly end: CompensatedSummer;
  /** `Σ min(start, end)`: the GRR numerator. */
  readonly capped: CompensatedSummer;
  readonly expansion: CompensatedSummer;
  readonly contraction: CompensatedSummer;
  readonly churned: CompensatedSummer;
}

/**
 * The windows of the cohorts of months `from` to `to` (month numbers), each ending
 * `length` months after its cohort month; windows ending after `lastComplete` (the last
 * complete month; `null`: none) are pending. O(n + windows) time, O(windows) memory
 * besides the snapshots.
 *
 * @throws {MetricsInputError} code `'overflow'`, path `'snapshots'`, when a cohort's MRR
 * adds up past the largest double or a ratio overflows.
 */
export function cohortWindows(fn: string, snapshots: SortedSnapshots, length: number, from: number, to: number, lastComplete: number | null): CohortWindow[] {
  const sums = tallyWindows(snapshots, length, from, to);
  return sums.map((s, w) => windowOf(fn, s, from + w, lastComplete !== null && from + w + length <= lastComplete));
}

/**
 * Scan: one walk over each account's snapshots (months ascending) with a second pointer
 * `length` months ahead, adding every snapshot of a cohort month with MRR > 0 to its
 * window. O(n + windows), no allocation per snapshot.
 */
function tallyWindows(snapshots: SortedSnapshots, length: number, from: number, to: number): WindowSums[] {
  const sums: WindowSums[] = [];
  for (let w = from; w <= to; w++) sums.push(emptySums());
  const { size: n, customer, month, mrr } = snapshots;
  let runEnd = 0;
  let ahead = 0;
  for (let k = 0; k < n; k++) {
    if (k === runEnd) {
      // A new account: its snapshots run to `runEnd`.
      while (runEnd < n && customer[runEnd] === customer[k]) runEnd++;
      ahead = k;
    }
    const m = month[k] as number;
    const start = mrr[k] as number;
    if (m < from || m > to || !(start > 0)) continue;
    const target = m + length;
    while (ahead < runEnd && (month[ahead] as number) < target) ahead++;
    const end = ahead < runEnd && month[ahead] === target ? (mrr[ahead] as number) : 0;
    addCustomer(sums[m - from] as WindowSums, start, end);
  }
  return sums;
}

function emptySums(): WindowSums {
  const sum = (): CompensatedSummer => new CompensatedSummer();
  return { customers: 0, retained: 0, start: sum(), end: sum(), capped: sum(), expansion: sum(), contraction: sum(), churned: sum() };
}

/** Adds one customer of the cohort, with MRR `start` in the cohort month and `end` at the end. */
function addCustomer(w: WindowSums, start: number, end: number): void {
  w.customers++;
  w.start.add(start);
  w.end.add(end);
  if (!(end > 0)) {
    w.churned.add(start);
    return;
  }
  w.retained++;
  if (end > start) {
    w.expansion.add(end - start);
    w.capped.add(start);
  } else {
    w.contraction.add(start - end);
    w.capped.add(end);
  }
}

/** Compute: the figures and ratios of one window; only the start is known while it is pending. */
function windowOf(fn: string, s: WindowSums, cohortMonth: number, complete: boolean): CohortWindow {
  const startingMrr = finiteSum(s.start.value, fn);
  if (!complete) {
    return {
      cohortMonth,
      customers: s.customers,
      retainedCustomers: null,
      startingMrr,
      expansionMrr: null,
      contractionMrr: null,
      churnedMrr: null,
      endingMrr: null,
      nrr: null,
      grr: null,
    };
  }
  const endingMrr = finiteSum(s.end.value, fn);
  const nrr = startingMrr === 0 ? null : endingMrr / startingMrr;
  if (nrr !== null && !Number.isFinite(nrr)) fail(fn, 'snapshots', 'overflow', 'hold MRR too small for the retention ratio', startingMrr);
  // Exact arithmetic gives capped <= start and capped <= end; the clamp keeps that true
  // after rounding.
  const grr = nrr === null ? null : Math.min(1, nrr, finiteSum(s.capped.value, fn) / startingMrr);
  return {
    cohortMonth,
    customers: s.customers,
    retainedCustomers: s.retained,
    startingMrr,
    expansionMrr: finiteSum(s.expansion.value, fn),
    contractionMrr: finiteSum(s.contraction.value, fn),
    churnedMrr: finiteSum(s.churned.value, fn),
    endingMrr,
    nrr,
    grr,
  };
}

function finiteSum(value: number, fn: string): number {
  if (Number.isFinite(value)) return value;
  return fail(fn, 'snapshots', 'overflow', 'hold MRR that adds up past the largest finite number', value);
}
