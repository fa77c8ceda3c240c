/**
 * What net and gross revenue retention share: reading the options, the cohort window and
 * the trailing windows. The two public functions differ only in the ratio they report.
 * @internal
 */

import { asOfEcho, readAsOf } from '../../core/as-of.js';
import { monthKey } from '../../core/calendar.js';
import { fail } from '../../core/errors.js';
import { optionsOf } from '../../core/options.js';
import { readBoolean, readInteger } from '../../core/read.js';
import { zoneCalendar, type ZoneCalendar } from '../../core/time-zone.js';
import type { Timestamp } from '../../core/types.js';
import { MAX_MONTH, MIN_MONTH, endOfMonth, lastCompleteMonth, monthOfAsOf, readMonthOrDate } from './revenue-months.js';
import { cohortWindows, readSnapshots, type CohortWindow, type SnapshotAccessors, type SnapshotTable } from './revenue-rates-snapshots.js';

export type { SnapshotAccessors } from './revenue-rates-snapshots.js';

/** Options of `netRevenueRetention` and `grossRevenueRetention`. */
export interface RevenueRetentionOptions<R> extends SnapshotAccessors<R> {
  /**
   * The cohort's starting month `YYYY-MM` (a date `YYYY-MM-DD` stands for its month): its
   * customers are those with MRR > 0 then (default: the last complete month minus
   * `months`, the latest window the data completes).
   */
  readonly cohortMonth?: string;
  /** Length of the window in months, an integer >= 1 (default 12). */
  readonly months?: number;
  /**
   * When the snapshots are complete: a month `YYYY-MM` (through its end), a date
   * `YYYY-MM-DD` (through the end of that local day) or an instant (default: the end of the
   * latest snapshot month). A month is complete when its last local day ends by `asOf`; a
   * window whose end month is not complete is pending.
   */
  readonly asOf?: Timestamp;
  /** IANA time zone of the local days `asOf` is read in (default `'UTC'`). */
  readonly timeZone?: string;
  /** Also report the window ending in every month (default `false`). */
  readonly trailing?: boolean;
}

/** Every key of {@link RevenueRetentionOptions}. */
export const REVENUE_RETENTION_OPTION_KEYS: readonly string[] = ['customerId', 'month', 'mrr', 'currency', 'cohortMonth', 'months', 'asOf', 'timeZone', 'trailing'];

/** The cohort's MRR over a window; the end figures are `null` while the window is pending. */
export interface RevenueRetentionFigures {
  /** Customers with MRR > 0 in the cohort month. */
  readonly customers: number;
  /** Of those, the customers with MRR > 0 in the end month; `null` while pending. */
  readonly retainedCustomers: number | null;
  /** The cohort's MRR in the cohort month. */
  readonly startingMrr: number;
  /** `Σ max(0, end - start)` over the cohort's customers; `null` while pending. */
  readonly expansionMrr: number | null;
  /** `Σ (start - end)` over the customers whose MRR fell but stayed above 0; `null` while pending. */
  readonly contractionMrr: number | null;
  /** `Σ start` over the customers at 0 in the end month; `null` while pending. */
  readonly churnedMrr: number | null;
  /** The cohort's MRR in the end month: `startingMrr + expansionMrr - contractionMrr - churnedMrr`; `null` while pending. */
  readonly endingMrr: number | null;
}

/** Result of `netRevenueRetention` and `grossRevenueRetention`. */
export interface RevenueRetentionResult {
  /** The cohort month `YYYY-MM`; `null` when there are no snapshots and no `cohortMonth` or `asOf`. */
  readonly cohortMonth: string | null;
  /** `cohortMonth` plus `months`, `YYYY-MM`; `null` with `cohortMonth`. */
  readonly endMonth: string | null;
  /** The window length in months. */
  readonly months: number;
  /** IANA time zone of the local days. */
  readonly timeZone: string;
  /** The `asOf` in force, an ISO-8601 instant in UTC; `null` when there are no snapshots and no `asOf`. */
  readonly asOf: string | null;
  /** The local day of `asOf`, `YYYY-MM-DD`; `null` with it. */
  readonly asOfDate: string | null;
  /** The currency of the snapshots; `null` when none carries one. */
  readonly currency: string | null;
  /** Whether `endMonth` is not complete at `asOf`: then only `customers` and `startingMrr` are known. */
  readonly pending: boolean;
  /** The ratio; `null` while pending, when the cohort has no MRR, or without snapshots (`reason` says which). */
  readonly value: number | null;
  /** Why `value` is `null`, in words (what to pass to get a value, where there is something); `null` when there is a value. */
  readonly reason: string | null;
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
  /**
   * Whether the end month is complete at `asOf` (its last local day ends by `asOf`); only
   * the window ending in the month of `asOf` can be incomplete, and it is pending then.
   */
  readonly complete: boolean;
  /** The ratio; `null` while incomplete or when the cohort has no MRR. */
  readonly value: number | null;
}

/** Result with `trailing: true`. */
export interface TrailingRevenueRetentionResult extends RevenueRetentionResult {
  /**
   * One window per end month, from the first month with a snapshot plus `months` to the
   * month of `asOf`, ascending (empty when the data spans less than `months`).
   */
  readonly trailing: RevenueRetentionWindow[];
}

/** Which ratio to report. */
export type RetentionKind = 'nrr' | 'grr';

/** The options read, and the months of `asOf`. */
interface RetentionSetup {
  readonly months: number;
  readonly trailing: boolean;
  readonly zone: ZoneCalendar;
  /** The given cohort month, or `null`. */
  readonly cohort: number | null;
  /** The `asOf` in force (epoch ms), `null` without snapshots and without `asOf`. */
  readonly asOf: number | null;
  /** The month of `asOf` (later snapshots are left out) and the last complete month. */
  readonly asOfMonth: number;
  readonly lastComplete: number;
}

/** The shared body of the two public functions. */
export function revenueRetention<R>(
  fn: string,
  kind: RetentionKind,
  snapshots: Iterable<R>,
  options: RevenueRetentionOptions<R> | undefined,
): RevenueRetentionResult | TrailingRevenueRetentionResult {
  const opts = optionsOf(options, fn, REVENUE_RETENTION_OPTION_KEYS);
  const months = opts.months === undefined ? 12 : readInteger(opts.months, fn, 'options.months', 1);
  const trailing = opts.trailing === undefined ? false : readBoolean(opts.trailing, fn, 'options.trailing');
  const cohort = readMonthOrDate(opts.cohortMonth, fn, 'options.cohortMonth');
  const zone = zoneCalendar(opts.timeZone ?? 'UTC', fn);
  const givenAsOf = readAsOf(opts.asOf, zone, fn);
  if (cohort !== null && cohort + months > MAX_MONTH) {
    fail(fn, 'options.months', 'invalid-option', `reaches past 9999-12 from options.cohortMonth ${monthKey(cohort)}`, months);
  }
  const table = readSnapshots(fn, snapshots, opts);
  const asOf = givenAsOf ?? (table.lastMonth === -1 ? null : endOfMonth(table.lastMonth, zone));
  const asOfMonth = asOf === null ? Number.NaN : monthOfAsOf(asOf, zone);
  const setup: RetentionSetup = { months, trailing, zone, cohort, asOf, asOfMonth, lastComplete: asOf === null ? Number.NaN : lastCompleteMonth(asOf, zone) };
  const head = headResult(fn, kind, table, setup);
  return trailing ? { ...head, trailing: trailingWindows(fn, kind, table, setup) } : head;
}

/** The ratio of the kind asked for. */
function ratioOf(kind: RetentionKind, w: CohortWindow): number | null {
  return kind === 'nrr' ? w.nrr : w.grr;
}

/** The result without `trailing`: the given cohort's window, or the latest complete one. */
function headResult(fn: string, kind: RetentionKind, table: SnapshotTable, setup: RetentionSetup): RevenueRetentionResult {
  const { months, zone, asOf, asOfMonth, lastComplete } = setup;
  const echo = { months, timeZone: zone.timeZone, ...asOfEcho(asOf, zone), currency: table.currency };
  let cohort = setup.cohort;
  if (cohort === null && asOf !== null) {
    cohort = lastComplete - months;
    if (cohort < MIN_MONTH) fail(fn, 'options.months', 'invalid-option', `reaches before 0001-01 from the last complete month ${monthKey(lastComplete)}`, months);
  }
  if (cohort === null) {
    const none = { retainedCustomers: 0, expansionMrr: 0, contractionMrr: 0, churnedMrr: 0, endingMrr: 0 };
    return { cohortMonth: null, endMonth: null, ...echo, pending: false, value: null, reason: 'there are no snapshots', customers: 0, startingMrr: 0, ...none };
  }
  const window = { cohortMonth: monthKey(cohort), endMonth: monthKey(cohort + months) };
  if (asOf !== null && cohort > asOfMonth) {
    // The cohort month is after asOf: its snapshots are left out, nothing is known yet.
    const reason = `pending: the cohort month ${window.cohortMonth} is after asOf (${echo.asOfDate})`;
    return { ...window, ...echo, pending: true, value: null, reason, customers: 0, startingMrr: 0, ...PENDING_FIGURES };
  }
  // Without snapshots and without asOf nothing can be pending: the cohort is empty.
  const w = cohortWindows(fn, table, months, cohort, cohort, asOf === null ? cohort + months : lastComplete)[0] as CohortWindow;
  const pending = w.endingMrr === null;
  const value = ratioOf(kind, w);
  const reason = value !== null ? null : whyNull(table, setup, cohort, w);
  const { nrr: _nrr, grr: _grr, cohortMonth: _cohort, ...figures } = w;
  return { ...window, ...echo, pending, value, reason, ...figures };
}

const PENDING_FIGURES = { retainedCustomers: null, expansionMrr: null, contractionMrr: null, churnedMrr: null, endingMrr: null } as const;

/** Why a window has no value: pending, a default window the data cannot hold, or a cohort without MRR. */
function whyNull(table: SnapshotTable, setup: RetentionSetup, cohort: number, w: CohortWindow): string {
  const { months, lastComplete } = setup;
  const end = monthKey(cohort + months);
  if (w.endingMrr === null) {
    return `pending: the window ends in ${end}, which is not complete at asOf (the last complete month is ${monthKey(lastComplete)})`;
  }
  if (table.firstMonth === -1) return 'there are no snapshots';
  if (setup.cohort === null && cohort < table.firstMonth) {
    const longest = lastComplete - table.firstMonth;
    const fix = longest >= 1 ? `pass months: ${longest} (or fewer), or cohortMonth` : 'the data needs at least two complete months';
    return (
      `no complete ${months}-month window: the latest one ending by ${monthKey(lastComplete)} (the last complete month) starts in ` +
      `${monthKey(cohort)}, before the first snapshot month ${monthKey(table.firstMonth)}; ${fix}`
    );
  }
  return `no customer had MRR > 0 in the cohort month ${monthKey(cohort)}`;
}

/**
 * The window ending in every month from the first snapshot month plus `months` to the month
 * of `asOf`; a window whose end month is not complete is pending (only the last can be).
 */
function trailingWindows(fn: string, kind: RetentionKind, table: SnapshotTable, setup: RetentionSetup): RevenueRetentionWindow[] {
  const { months, asOf, asOfMonth, lastComplete } = setup;
  const series: RevenueRetentionWindow[] = [];
  if (asOf === null || table.firstMonth === -1 || asOfMonth - months < table.firstMonth) return series;
  for (const w of cohortWindows(fn, table, months, table.firstMonth, asOfMonth - months, lastComplete)) {
    const { nrr: _nrr, grr: _grr, cohortMonth, ...figures } = w;
    series.push({ month: monthKey(cohortMonth + months), cohortMonth: monthKey(cohortMonth), complete: w.endingMrr !== null, value: ratioOf(kind, w), ...figures });
  }
  return series;
}
