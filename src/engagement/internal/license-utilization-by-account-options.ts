/**
 * Reading the options of `licenseUtilizationByAccount` (and of the
 * `licenseUtilizationByAccountSql` builder) besides the accessors and the licenses table:
 * the zone, the window, the thresholds and `asOf`; and the window's days at `asOf`. O(1).
 * @internal
 */

import { readAsOf } from '../../core/as-of.js';
import { readInteger } from '../../core/read.js';
import { zoneCalendar, type ZoneCalendar } from '../../core/time-zone.js';
import type { ResolvedLicenseThresholds } from '../types.js';
import { readLicenseThresholds } from './license-bands.js';

/** The options of `licenseUtilizationByAccount`, checked. */
export interface LicenseSettings {
  readonly zone: ZoneCalendar;
  /** Local days of the window, ending on the day of `asOf` (default 30). */
  readonly windowDays: number;
  readonly thresholds: ResolvedLicenseThresholds;
  /** The given `asOf`, epoch ms; `null` for the default. */
  readonly asOf: number | null;
}

/** The options the settings are read from, as given (the in-process options or the builder's). */
export interface LicenseOptionValues {
  readonly timeZone?: unknown;
  readonly windowDays?: unknown;
  readonly thresholds?: unknown;
  readonly asOf?: unknown;
}

/**
 * The options in `licenseUtilizationByAccount`'s order: the zone, `windowDays` (an
 * integer >= 1), `thresholds`, `asOf`.
 *
 * @throws {MetricsInputError} for an unknown time zone, a bad `windowDays`, bad
 * thresholds or a bad `asOf`.
 */
export function readLicenseSettings(fn: string, opts: LicenseOptionValues): LicenseSettings {
  const zone = zoneCalendar(opts.timeZone ?? 'UTC', fn);
  const windowDays = opts.windowDays === undefined ? 30 : readInteger(opts.windowDays, fn, 'options.windowDays', 1);
  const thresholds = readLicenseThresholds(opts.thresholds, fn, 'options.thresholds');
  return { zone, windowDays, thresholds, asOf: readAsOf(opts.asOf, zone, fn) };
}

/** The window's local days at `asOf`: the `windowDays` days ending on its day; `null` without `asOf`. */
export function licenseWindow(settings: LicenseSettings, asOf: number | null): { from: number; to: number } | null {
  if (asOf === null) return null;
  const to = settings.zone.dayOf(asOf);
  return { from: to - settings.windowDays + 1, to };
}
