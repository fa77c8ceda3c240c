/**
 * What net and gross revenue retention share: reading the options and the snapshots, the
 * cohort window and the trailing windows. The two public functions differ only in the ratio
 * they report.
 * @internal
 */

import { asOfEcho, readAsOf } from '../../core/as-of.js';
import { monthKey } from '../../core/calendar.js';
import { fail } from '../../core/errors.js';
import { optionsOf } from '../../core/options.js';
import { readBoolean, readInteger } from '../../core/read.js';
import { zoneCalendar, type ZoneCalendar } from '../../core/time-zone.js';
import {
  REVENUE_RETENTION_OPTION_KEYS,
  type MrrSnapshotColumns,
  type RevenueRetentionOptions,
  type RevenueRetentionResult,
  type RevenueRetentionWindow,
  type TrailingRevenueRetentionResult,
} from '../types.js';
import { readSnapshotInput, snapshotReaders, sortSnapshots, type SortedSnapshots } from './mrr-snapshots.js';
import { MAX_MONTH, MIN_MONTH, endOfMonth, lastCompleteMonth, monthOfAsOf, readMonthOption } from './revenue-months.js';
import { cohortWindows, type CohortWindow } from './revenue-windows.js';

/** The snapshots in canonical order, with their first and last month (-1 without snapshots). */
interface SnapshotTable {
  readonly snapshots: SortedSnapshots;
  readonly firstMonth: number;
  readonly lastMonth: number;
}

/** Which ratio to report. */
export type RetentionKind = 'nrr' | 'grr';

/** The options read, and the months of `asOf`. */
interface RetentionSetup {
  readonly windowMonths: number;
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

/** The shared body of the two public functions: read the options and the snapshots, then the window(s). */
export function revenueRetention<R>(
  fn: string,
  kind: RetentionKind,
  snapshots: Iterable<R> | MrrSnapshotColumns,
  options: RevenueRetentionOptions<R> | undefined,
): RevenueRetentionResult | TrailingRevenueRetentionResult {
  const opts = optionsOf(options, fn, REVENUE_RETENTION_OPTION_KEYS);
  const windowMonths = opts.windowMonths === undefined ? 12 : readInteger(opts.windowMonths, fn, 'options.windowMonths', 1);
  const trailing = opts.trailing === undefined ? false : readBoolean(opts.trailing, fn, 'options.trailing');
  const zone = zoneCalendar(opts.timeZone ?? 'UTC', fn);
  const cohort = readMonthOption(opts.cohortMonth, fn, 'options.cohortMonth', zone);
  const givenAsOf = readAsOf(opts.asOf, zone, fn);
  if (cohort !== null && cohort + windowMonths > MAX_MONTH) {
    fail(fn, 'options.windowMonths', 'invalid-option', `reaches past 9999-12 from options.cohortMonth ${monthKey(cohort)}`, windowMonths);
  }
  const table = readTable(fn, snapshots, opts);
  const asOf = givenAsOf ?? (table.lastMonth === -1 ? null : endOfMonth(table.lastMonth, zone));
  const asOfMonth = asOf === null ? Number.NaN : monthOfAsOf(asOf, zone);
  const lastComplete = asOf === null ? Number.NaN : lastCompleteMonth(asOf, zone);
  const setup: RetentionSetup = { windowMonths, trailing, zone, cohort, asOf, asOfMonth, lastComplete };
  const head = headResult(fn, kind, table, setup);
  return trailing ? { ...head, trailing: trailingWindows(fn, kind, table, setup) } : head;
}

/** Read: the snapshots (records or columns) validated and sorted, a repeated (account, month) thrown. O(n + C log C + M). */
function readTable<R>(fn: string, input: Iterable<R> | MrrSnapshotColumns, opts: Partial<RevenueRetentionOptions<R>>): SnapshotTable {
  const snapshots = sortSnapshots(readSnapshotInput(fn, input, snapshotReaders<R>(opts, fn)), fn);
  let firstMonth = -1;
  let lastMonth = -1;
  for (let k = 0; k < snapshots.size; k++) {
    const m = snapshots.month[k] as number;
    if (firstMonth === -1 || m < firstMonth) firstMonth = m;
    if (m > lastMonth) lastMonth = m;
  }
  return { snapshots, firstMonth, lastMonth };
}

/** The ratio of the kind asked for. */
function ratioOf(kind: RetentionKind, w: CohortWindow): number | null {
  return kind === 'nrr' ? w.nrr : w.grr;
}

/** The result without `trailing`: the given cohort's window, or the latest complete one. */
function headResult(fn: string, kind: RetentionKind, table: SnapshotTable, setup: RetentionSetup): RevenueRetentionResult {
  const { windowMonths, zone, asOf, asOfMonth, lastComplete } = setup;
  const echo = { windowMonths, timeZone: zone.timeZone, ...asOfEcho(asOf, zone), currency: table.snapshots.currency };
  let cohort = setup.cohort;
  if (cohort === null && asOf !== null) {
    cohort = lastComplete - windowMonths;
    if (cohort < MIN_MONTH) {
      fail(fn, 'options.windowMonths', 'invalid-option', `reaches before 0001-01 from the last complete month ${monthKey(lastComplete)}`, windowMonths);
    }
  }
  if (cohort === null) {
    const none = { retainedCustomers: 0, expansionMrr: 0, contractionMrr: 0, churnedMrr: 0, endingMrr: 0 };
    return { cohortMonth: null, endMonth: null, ...echo, pending: false, value: null, reason: 'there are no snapshots', customers: 0, startingMrr: 0, ...none };
  }
  const window = { cohortMonth: monthKey(cohort), endMonth: monthKey(cohort + windowMonths) };
  if (asOf !== null && cohort > asOfMonth) {
    // The cohort month is after asOf: its snapshots are left out, nothing is known yet.
    const reason = `pending: the cohort month ${window.cohortMonth} is after asOf (${echo.asOfDate})`;
    return { ...window, ...echo, pending: true, value: null, reason, customers: 0, startingMrr: 0, ...PENDING_FIGURES };
  }
  // Without snapshots and without asOf nothing can be pending: the cohort is empty.
  const w = cohortWindows(fn, table.snapshots, windowMonths, cohort, cohort, asOf === null ? cohort + windowMonths : lastComplete)[0] as CohortWindow;
  const pending = w.endingMrr === null;
  const value = ratioOf(kind, w);
  const reason = value !== null ? null : whyNull(table, setup, cohort, w);
  const { nrr: _nrr, grr: _grr, cohortMonth: _cohort, ...figures } = w;
  return { ...window, ...echo, pending, value, reason, ...figures };
}

const PENDING_FIGURES = { retainedCustomers: null, expansionMrr: null, contractionMrr: null, churnedMrr: null, endingMrr: null } as const;

/** Why a window has no value: pending, a default window the data cannot hold, or a cohort without MRR. */
function whyNull(table: SnapshotTable, setup: RetentionSetup, cohort: number, w: CohortWindow): string {
  const { windowMonths, lastComplete } = setup;
  const end = monthKey(cohort + windowMonths);
  if (w.endingMrr === null) {
    return `pending: the window ends in ${end}, which is not complete at asOf (the last complete month is ${monthKey(lastComplete)})`;
  }
  if (table.firstMonth === -1) return 'there are no snapshots';
  if (setup.cohort === null && cohort < table.firstMonth) {
    const longest = lastComplete - table.firstMonth;
    const fix = longest >= 1 ? `pass windowMonths: ${longest} (or fewer), or cohortMonth` : 'the data needs at least two complete months';
    return (
      `no complete ${windowMonths}-month window: the latest one ending by ${monthKey(lastComplete)} (the last complete month) starts in ` +
      `${monthKey(cohort)}, before the first snapshot month ${monthKey(table.firstMonth)}; ${fix}`
    );
  }
  return `no customer had MRR > 0 in the cohort month ${monthKey(cohort)}`;
}

/**
 * The window ending in every month from the first snapshot month plus `windowMonths` to the
 * month of `asOf`; a window whose end month is not complete is pending (only the last can be).
 */
function trailingWindows(fn: string, kind: RetentionKind, table: SnapshotTable, setup: RetentionSetup): RevenueRetentionWindow[] {
  const { windowMonths, asOf, asOfMonth, lastComplete } = setup;
  const series: RevenueRetentionWindow[] = [];
  if (asOf === null || table.firstMonth === -1 || asOfMonth - windowMonths < table.firstMonth) return series;
  for (const w of cohortWindows(fn, table.snapshots, windowMonths, table.firstMonth, asOfMonth - windowMonths, lastComplete)) {
    const { nrr: _nrr, grr: _grr, cohortMonth, ...figures } = w;
    series.push({ month: monthKey(cohortMonth + windowMonths), cohortMonth: monthKey(cohortMonth), complete: w.endingMrr !== null, value: ratioOf(kind, w), ...figures });
  }
  return series;
}
