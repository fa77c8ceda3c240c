/**
 * What net and gross revenue retention share: reading the options, the cohort window and
 * the trailing windows. The two public functions differ only in the ratio they report.
 * @internal
 */

import { monthKey } from '../../core/calendar.js';
import { fail } from '../../core/errors.js';
import { optionsOf, readBoolean, readInteger } from '../../core/read.js';
import { readMonthOption } from './revenue-rates-months.js';
import { cohortWindows, readSnapshots, type CohortWindow, type SnapshotAccessors } from './revenue-rates-snapshots.js';

export type { SnapshotAccessors } from './revenue-rates-snapshots.js';

/** First and last month numbers of four-digit years: 0001-01 and 9999-12. */
const MIN_MONTH = 12;
const MAX_MONTH = 9999 * 12 + 11;

/** Options of `netRevenueRetention` and `grossRevenueRetention`. */
export interface RevenueRetentionOptions<R> extends SnapshotAccessors<R> {
  /**
   * The cohort's starting month `YYYY-MM`: its customers are those with MRR > 0 then
   * (default: `asOf` minus `months`, the latest window the data completes).
   */
  readonly cohortMonth?: string;
  /** Length of the window in months, an integer >= 1 (default 12). */
  readonly months?: number;
  /**
   * The last month the snapshots are complete for, `YYYY-MM` (default: the latest month
   * of any snapshot). A window ending after it is pending.
   */
  readonly asOf?: string;
  /** Also report the window ending in every month (default `false`). */
  readonly trailing?: boolean;
}

/** The cohort's MRR over a complete window. */
export interface RevenueRetentionFigures {
  /** Customers with MRR > 0 in the cohort month. */
  readonly customers: number;
  /** Of those, the customers with MRR > 0 in the end month. */
  readonly retainedCustomers: number;
  /** The cohort's MRR in the cohort month. */
  readonly startingMrr: number;
  /** `Σ max(0, end - start)` over the cohort's customers. */
  readonly expansionMrr: number;
  /** `Σ (start - end)` over the customers whose MRR fell but stayed above 0. */
  readonly contractionMrr: number;
  /** `Σ start` over the customers at 0 in the end month. */
  readonly churnedMrr: number;
  /** The cohort's MRR in the end month: `startingMrr + expansionMrr - contractionMrr - churnedMrr`. */
  readonly endingMrr: number;
}

/** Result of `netRevenueRetention` and `grossRevenueRetention`. */
export interface RevenueRetentionResult {
  /** The cohort month `YYYY-MM`; `null` when there are no snapshots and no `cohortMonth` or `asOf`. */
  readonly cohortMonth: string | null;
  /** `cohortMonth` plus `months`, `YYYY-MM`; `null` with `cohortMonth`. */
  readonly endMonth: string | null;
  /** The window length in months. */
  readonly months: number;
  /** The `asOf` used, `YYYY-MM`; `null` when there are no snapshots and no `asOf`. */
  readonly asOf: string | null;
  /** The currency of the snapshots; `null` when none carries one. */
  readonly currency: string | null;
  /** Whether `endMonth` is after `asOf`: then only `customers` and `startingMrr` are known. */
  readonly pending: boolean;
  /** The ratio; `null` while pending or when the cohort has no MRR. */
  readonly value: number | null;
  /** Customers with MRR > 0 in the cohort month. */
  readonly customers: number;
  /** The cohort's MRR in the cohort month. */
  readonly startingMrr: number;
  /** Of `customers`, those with MRR > 0 in the end month; `null` while pending. */
  readonly retainedCustomers: number | null;
  /** `Σ max(0, end - start)` over the cohort's customers; `null` while pending. */
  readonly expansionMrr: number | null;
  /** `Σ (start - end)` over the customers whose MRR fell but stayed above 0; `null` while pending. */
  readonly contractionMrr: number | null;
  /** `Σ start` over the customers at 0 in the end month; `null` while pending. */
  readonly churnedMrr: number | null;
  /** The cohort's MRR in the end month; `null` while pending. */
  readonly endingMrr: number | null;
}

/** The window of `months` months ending in one month. */
export interface RevenueRetentionWindow extends RevenueRetentionFigures {
  /** The window's end month `YYYY-MM`. */
  readonly month: string;
  /** `month` minus `months`. */
  readonly cohortMonth: string;
  /** The ratio; `null` when the cohort has no MRR. */
  readonly value: number | null;
}

/** Result with `trailing: true`. */
export interface TrailingRevenueRetentionResult extends RevenueRetentionResult {
  /**
   * One window per end month, from the first month with a snapshot plus `months` to
   * `asOf`, ascending (empty when the data spans less than `months`).
   */
  readonly trailing: RevenueRetentionWindow[];
}

/** Which ratio to report. */
export type RetentionKind = 'nrr' | 'grr';

/** The shared body of the two public functions. */
export function revenueRetention<R>(
  fn: string,
  kind: RetentionKind,
  snapshots: Iterable<R>,
  options: RevenueRetentionOptions<R> | undefined,
): RevenueRetentionResult | TrailingRevenueRetentionResult {
  const opts = optionsOf(options, fn);
  const months = opts.months === undefined ? 12 : readInteger(opts.months, fn, 'options.months', 1);
  const trailing = opts.trailing === undefined ? false : readBoolean(opts.trailing, fn, 'options.trailing');
  const givenCohort = readMonthOption(opts.cohortMonth, fn, 'options.cohortMonth', null);
  const givenAsOf = readMonthOption(opts.asOf, fn, 'options.asOf', null);
  if (givenCohort !== null && givenCohort + months > MAX_MONTH) {
    fail(fn, 'options.months', 'invalid-option', `reaches past 9999-12 from options.cohortMonth ${monthKey(givenCohort)}`, months);
  }
  const table = readSnapshots(fn, snapshots, opts);
  const asOf = givenAsOf ?? (table.lastMonth === -1 ? null : table.lastMonth);
  let cohort = givenCohort;
  if (cohort === null && asOf !== null) {
    cohort = asOf - months;
    if (cohort < MIN_MONTH) fail(fn, 'options.months', 'invalid-option', `reaches before 0001-01 from asOf ${monthKey(asOf)}`, months);
  }
  const ratioOf = (w: CohortWindow): number | null => (kind === 'nrr' ? w.nrr : w.grr);

  let head: RevenueRetentionResult;
  if (cohort === null) {
    head = {
      cohortMonth: null,
      endMonth: null,
      months,
      asOf: null,
      currency: table.currency,
      pending: false,
      value: null,
      customers: 0,
      startingMrr: 0,
      retainedCustomers: 0,
      expansionMrr: 0,
      contractionMrr: 0,
      churnedMrr: 0,
      endingMrr: 0,
    };
  } else {
    // Without snapshots and without asOf nothing can be pending: the cohort is empty.
    const window = cohortWindows(fn, table, months, cohort, cohort, asOf ?? cohort + months)[0] as CohortWindow;
    head = {
      cohortMonth: monthKey(cohort),
      endMonth: monthKey(cohort + months),
      months,
      asOf: asOf === null ? null : monthKey(asOf),
      currency: table.currency,
      pending: window.endingMrr === null,
      value: ratioOf(window),
      customers: window.customers,
      startingMrr: window.startingMrr,
      retainedCustomers: window.retainedCustomers,
      expansionMrr: window.expansionMrr,
      contractionMrr: window.contractionMrr,
      churnedMrr: window.churnedMrr,
      endingMrr: window.endingMrr,
    };
  }
  if (!trailing) return head;

  const series: RevenueRetentionWindow[] = [];
  if (asOf !== null && table.firstMonth !== -1 && asOf - months >= table.firstMonth) {
    for (const w of cohortWindows(fn, table, months, table.firstMonth, asOf - months, asOf)) {
      series.push({
        month: monthKey(w.cohortMonth + months),
        cohortMonth: monthKey(w.cohortMonth),
        value: ratioOf(w),
        customers: w.customers,
        retainedCustomers: w.retainedCustomers as number,
        startingMrr: w.startingMrr,
        expansionMrr: w.expansionMrr as number,
        contractionMrr: w.contractionMrr as number,
        churnedMrr: w.churnedMrr as number,
        endingMrr: w.endingMrr as number,
      });
    }
  }
  return { ...head, trailing: series };
}
