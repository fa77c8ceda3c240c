/**
 * Reading the options of `featureAdoption` (and of the `featureAdoptionSql` builder)
 * besides the accessors and the feature: the period (and its scale), the week start, the
 * confidence, the zone, the `from`/`to` bounds and `asOf`. O(1).
 * @internal
 */

import { readAsOf } from '../../core/as-of.js';
import { readDayBounds } from '../../core/day-range.js';
import { periodScale, type PeriodScale } from '../../core/periods.js';
import { readChoice, readConfidence, readWeekStart } from '../../core/read.js';
import { zoneCalendar, type ZoneCalendar } from '../../core/time-zone.js';
import type { Weekday } from '../../core/types.js';

/** The options of `featureAdoption`, checked. */
export interface AdoptionSettings {
  /** The period; `null` for one row over the whole range. */
  readonly period: 'day' | 'week' | 'month' | null;
  readonly weekStartsOn: Weekday;
  /** The numbering of the periods; `null` without a period. */
  readonly scale: PeriodScale | null;
  readonly confidence: number;
  readonly zone: ZoneCalendar;
  /** The local days of `from` and `to`, `null` where not given. */
  readonly bounds: { readonly from: number | null; readonly to: number | null };
  /** The given `asOf`, epoch ms; `null` for the default. */
  readonly asOf: number | null;
}

/** The options the settings are read from, as given (the in-process options or the builder's). */
export interface AdoptionOptionValues {
  readonly period?: unknown;
  readonly weekStartsOn?: unknown;
  readonly confidence?: unknown;
  readonly timeZone?: unknown;
  readonly from?: unknown;
  readonly to?: unknown;
  readonly asOf?: unknown;
}

/**
 * The options in `featureAdoption`'s order: `period` (`'day'`, `'week'`, `'month'`, or
 * none), `weekStartsOn`, `confidence`, the zone, `from`/`to`, `asOf`.
 *
 * @throws {MetricsInputError} for an unknown period, week start or time zone, a bad
 * `confidence`, `from`, `to` or `asOf`, or `to` before `from`.
 */
export function readAdoptionSettings(fn: string, opts: AdoptionOptionValues): AdoptionSettings {
  const period = opts.period === undefined ? null : readChoice(opts.period, ['day', 'week', 'month'] as const, 'day', fn, 'options.period');
  const weekStartsOn = readWeekStart(opts.weekStartsOn, fn);
  const confidence = readConfidence(opts.confidence, fn);
  const zone = zoneCalendar(opts.timeZone ?? 'UTC', fn);
  const bounds = readDayBounds(fn, opts, zone);
  const asOf = readAsOf(opts.asOf, zone, fn);
  return { period, weekStartsOn, scale: period === null ? null : periodScale(period, weekStartsOn), confidence, zone, bounds, asOf };
}
