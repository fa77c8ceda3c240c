/**
 * Reading the options of `sessionsPerUserDay` (and of the `sessionsPerUserDaySql`
 * builder) besides the event accessors: the inactivity gap, the target, the confidence,
 * the zone, the `from`/`to` bounds and `asOf`. O(1).
 * @internal
 */

import { readAsOf } from '../../core/as-of.js';
import { readDayBounds } from '../../core/day-range.js';
import { readConfidence, readInteger, readNonNegative } from '../../core/read.js';
import { zoneCalendar, type ZoneCalendar } from '../../core/time-zone.js';

/** The options of `sessionsPerUserDay`, checked. */
export interface SessionsSettings {
  /** Minutes of inactivity that end a session (default 30). */
  readonly inactivityMinutes: number;
  /** Sessions a user-day needs to meet the target (default 2). */
  readonly target: number;
  readonly confidence: number;
  readonly zone: ZoneCalendar;
  /** The local days of `from` and `to`, `null` where not given. */
  readonly bounds: { readonly from: number | null; readonly to: number | null };
  /** The given `asOf`, epoch ms; `null` for the default. */
  readonly asOf: number | null;
}

/** The options the settings are read from, as given (the in-process options or the builder's). */
export interface SessionsOptionValues {
  readonly inactivityMinutes?: unknown;
  readonly target?: unknown;
  readonly confidence?: unknown;
  readonly timeZone?: unknown;
  readonly from?: unknown;
  readonly to?: unknown;
  readonly asOf?: unknown;
}

/**
 * The options in `sessionsPerUserDay`'s order: `inactivityMinutes` (a number >= 0),
 * `target` (an integer >= 1), `confidence`, the zone, `from`/`to`, `asOf`.
 *
 * @throws {MetricsInputError} for a negative `inactivityMinutes`, a bad `target`,
 * `confidence`, time zone, `from`, `to` or `asOf`, or `to` before `from`.
 */
export function readSessionsSettings(fn: string, opts: SessionsOptionValues): SessionsSettings {
  const inactivityMinutes = opts.inactivityMinutes === undefined ? 30 : readNonNegative(opts.inactivityMinutes, fn, 'options.inactivityMinutes');
  const target = opts.target === undefined ? 2 : readInteger(opts.target, fn, 'options.target', 1);
  const confidence = readConfidence(opts.confidence, fn);
  const zone = zoneCalendar(opts.timeZone ?? 'UTC', fn);
  const bounds = readDayBounds(fn, opts, zone);
  return { inactivityMinutes, target, confidence, zone, bounds, asOf: readAsOf(opts.asOf, zone, fn) };
}
