/**
 * Reading the options of `engagedEvaluation` besides its tables (and those of the
 * `engagedEvaluationSql` builder): the zone, the window, the engaged threshold, the
 * confidence, the benchmarks with their band scale, and `asOf`. O(1).
 * @internal
 */

import { readAsOf } from '../../core/as-of.js';
import { readThresholds, type BandScale } from '../../core/bands.js';
import { fail } from '../../core/errors.js';
import { readConfidence, readInteger } from '../../core/read.js';
import { zoneCalendar, type ZoneCalendar } from '../../core/time-zone.js';
import type { EngagementBand, ResolvedEngagementBenchmarks } from '../types.js';

/** The engagement bands: `'below-benchmark'`, `'healthy'` from 0.2 (`expected`), `'ideal'` from 0.5 (`ideal`); rates, so at most 1. */
export const ENGAGEMENT_SCALE: BandScale<EngagementBand, 'expected' | 'ideal'> = {
  lowest: 'below-benchmark',
  steps: [
    { band: 'healthy', threshold: 'expected', edge: 'from', default: 0.2 },
    { band: 'ideal', threshold: 'ideal', edge: 'from', default: 0.5 },
  ],
  max: 1,
};

/** What the evaluation reads from the options, checked. */
export interface EvaluationSettings {
  readonly zone: ZoneCalendar;
  readonly windowDays: number;
  readonly minActiveDays: number;
  readonly confidence: number;
  readonly benchmarks: ResolvedEngagementBenchmarks;
  /** The given `asOf`, epoch ms; `null` for the default. */
  readonly asOf: number | null;
}

/** The options the settings are read from, as given (the in-process options or the builder's). */
export interface EvaluationOptionValues {
  readonly timeZone?: unknown;
  readonly windowDays?: unknown;
  readonly minActiveDays?: unknown;
  readonly confidence?: unknown;
  readonly benchmarks?: unknown;
  readonly asOf?: unknown;
}

/**
 * The options besides the tables: zone (default UTC), `windowDays` (default 14) and
 * `minActiveDays` (default 3), integers >= 1 with `minActiveDays <= windowDays`,
 * `confidence`, `benchmarks` (`expected` 0.2, `ideal` 0.5 by default) and `asOf`, read in
 * that order.
 *
 * @throws {MetricsInputError} for an unknown time zone, bad `windowDays` or
 * `minActiveDays`, a confidence outside (0, 1), bad benchmarks or a bad `asOf`.
 */
export function readEvaluationSettings(fn: string, opts: EvaluationOptionValues): EvaluationSettings {
  const zone = zoneCalendar(opts.timeZone ?? 'UTC', fn);
  const windowDays = opts.windowDays === undefined ? 14 : readInteger(opts.windowDays, fn, 'options.windowDays', 1);
  const minActiveDays = opts.minActiveDays === undefined ? 3 : readInteger(opts.minActiveDays, fn, 'options.minActiveDays', 1);
  if (minActiveDays > windowDays) {
    fail(fn, 'options.minActiveDays', 'invalid-option', `must not exceed options.windowDays, which is ${windowDays}`, minActiveDays);
  }
  const confidence = readConfidence(opts.confidence, fn);
  const { expected, ideal } = readThresholds(ENGAGEMENT_SCALE, opts.benchmarks, fn, 'options.benchmarks');
  return { zone, windowDays, minActiveDays, confidence, benchmarks: { expected, ideal }, asOf: readAsOf(opts.asOf, zone, fn) };
}
