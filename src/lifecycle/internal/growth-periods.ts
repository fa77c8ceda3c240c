/**
 * The periods of `growthLifecycle` (and of the `growthLifecycleSql` builder): reading the
 * period options, the reported range (the period numbering itself is the one of
 * `core/periods.ts`), and the check that its given bounds do not pass the day of `asOf`.
 * @internal
 */

import { dayKey } from '../../core/calendar.js';
import { fail } from '../../core/errors.js';
import { readChoice, readWeekStart } from '../../core/read.js';
import type { Period, Weekday } from '../../core/types.js';
import type { GrowthLifecycleNewBy } from '../types.js';

/**
 * `period` (required), `weekStartsOn` and `newBy` (default `'signup'` when `signups` are
 * given, else `'first-activity'`), in `growthLifecycle`'s order.
 *
 * @throws {MetricsInputError} `invalid-option` for a missing or unknown period, an unknown
 * week start or `newBy`, or `newBy: 'signup'` without `signups`.
 */
export function readGrowthPeriods(
  fn: string,
  opts: { readonly period?: unknown; readonly weekStartsOn?: unknown; readonly newBy?: unknown; readonly signups?: unknown },
): { period: Period; weekStartsOn: Weekday; newBy: GrowthLifecycleNewBy } {
  if (opts.period === undefined) fail(fn, 'options.period', 'invalid-option', "must be one of 'day', 'week', 'month'", undefined);
  const period = readChoice(opts.period, ['day', 'week', 'month'] as const, 'month', fn, 'options.period');
  const weekStartsOn = readWeekStart(opts.weekStartsOn, fn);
  const newBy = readChoice(opts.newBy, ['first-activity', 'signup'] as const, opts.signups === undefined ? 'first-activity' : 'signup', fn, 'options.newBy');
  if (newBy === 'signup' && opts.signups === undefined) {
    fail(fn, 'options.signups', 'invalid-option', "is required when options.newBy is 'signup'", undefined);
  }
  return { period, weekStartsOn, newBy };
}

/**
 * The reported days: `from` as given, else the first active day; `to` as given, else the
 * day of `asOf`. A given end with nothing on its other side makes a one-day range. `null`
 * when there is neither data nor a bound.
 */
export function growthRange(
  bounds: { from: number | null; to: number | null },
  firstActiveDay: number | null,
  asOfDay: number | null,
): { from: number; to: number } | null {
  let { from, to } = bounds;
  if (to === null) to = asOfDay !== null && (from === null || asOfDay >= from) ? asOfDay : from;
  if (from === null) from = firstActiveDay !== null && to !== null && firstActiveDay < to ? firstActiveDay : to;
  if (from === null || to === null) return null;
  return { from, to };
}

/**
 * `from` and `to` (day numbers, as read) must not be after the day of `asOf`; `opts` gives
 * the values as passed, for the message.
 *
 * @throws {MetricsInputError} `invalid-option` for `options.to`, then `options.from`.
 */
export function checkBoundsAsOf(fn: string, opts: { readonly from?: unknown; readonly to?: unknown }, bounds: { from: number | null; to: number | null }, asOfDay: number): void {
  if (bounds.to !== null && bounds.to > asOfDay) {
    fail(fn, 'options.to', 'invalid-option', `must not be after the day of asOf (${dayKey(asOfDay)}); pass a later options.asOf to report periods the data does not cover`, opts.to);
  }
  if (bounds.from !== null && bounds.from > asOfDay) {
    fail(fn, 'options.from', 'invalid-option', `must not be after the day of asOf (${dayKey(asOfDay)})`, opts.from);
  }
}
