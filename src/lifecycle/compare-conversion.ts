import { asOfEcho } from '../core/as-of.js';
import { describeValue, fail } from '../core/errors.js';
import { journeyPlace } from '../core/journey.js';
import { isSupportedInstant } from '../core/time-zone.js';
import { newcombeInterval } from '../stats/newcombe-interval.js';
import { normalCdf } from '../stats/normal-cdf.js';
import {
  CONVERSION_WINDOW_OPTION_KEYS,
  ConversionTally,
  conversionOptions,
  readConversionSettings,
  readConversionTimes,
  type ConversionTimes,
} from './internal/conversion-outcome.js';
import type { CompareConversionOptions, CompareConversionResult, ConversionSummary, Journey } from './types.js';

export type { CompareConversionOptions, CompareConversionResult, ConversionSegment } from './types.js';

/** The keys of {@link CompareConversionOptions}. */
const COMPARE_CONVERSION_OPTION_KEYS = ['segment', ...CONVERSION_WINDOW_OPTION_KEYS] as const satisfies readonly (keyof CompareConversionOptions)[];

/** Membership encoded as a time: -Infinity = always (a predicate's true), NaN = never. */
function segmentReader(fn: string, segment: unknown): (journey: Journey, index: number) => number {
  if (typeof segment !== 'function') {
    return fail(fn, 'options.segment', 'invalid-option', 'must be a predicate (journey) => boolean or a milestone (journey) => number | null', segment);
  }
  const read = segment as (journey: Journey) => unknown;
  return (journey, index) => {
    const value = read(journey);
    if (value === true) return Number.NEGATIVE_INFINITY;
    if (value === false || value === null) return Number.NaN;
    if (typeof value === 'number' && isSupportedInstant(value)) return value;
    const whose = `${journeyPlace(index)} (id ${describeValue(journey.id)})`;
    return fail(fn, 'options.segment', 'invalid-milestone', `returned a value that is not true, false, epoch milliseconds or null for ${whose}`, value);
  };
}

/**
 * Compares a conversion between a segment of the journeys and the control (every other
 * journey): both rates, their difference with Newcombe's interval, the relative lift and a
 * two-proportion z-test.
 *
 * Definition: each group's conversion is computed as by `conversion` (same `entry`, `goal`,
 * `withinDays` (24-hour days), `asOf` (inclusive; a date-only `asOf` is the end of that
 * local day) and time zone; pending journeys are left out of both rates). A journey is in
 * the segment when `segment` returns `true`, or, for a milestone, when it returns an
 * instant at or before the journey's `entry` time (and `asOf`): membership is settled when
 * the window opens, so the segment is not credited with what it did during the window
 * (a journey that has not reached `entry` by `asOf` is placed by whether it reached the
 * segment milestone by `asOf`, and only counts in its group's `notReachedEntry`). With
 * `x₁/n₁` and `x₂/n₂` the converted and eligible journeys of the segment and the control:
 * `difference = x₁/n₁ − x₂/n₂` with Newcombe's hybrid score interval (method 10) at
 * `confidence`; `relativeLift = (x₁/n₁) / (x₂/n₂) − 1`; with the pooled rate
 * `p = (x₁ + x₂) / (n₁ + n₂)`, `z = (x₁/n₁ − x₂/n₂) / √(p (1 − p) (1/n₁ + 1/n₂))` and
 * `pValue = 2 Φ(−|z|)`, the p-value of R's `prop.test(c(x₁, x₂), c(n₁, n₂), correct =
 * FALSE)` (its chi-square is z²).
 *
 * Source: R. G. Newcombe, Statistics in Medicine 17 (1998) 873–890, method 10, for the
 * interval; the pooled two-proportion z-test (Pearson's chi-square test of a 2×2 table
 * without continuity correction) for the p-value.
 *
 * Cost: O(n) milestone and segment calls for n journeys, O(n) memory, read once.
 *
 * Edge cases: `difference`, `z` and `pValue` are `null` when a group has no eligible
 * journey; `z` and `pValue` are also `null` when every eligible journey converted or none
 * did (p = 0 or 1: no variation to test; R gives NaN); `relativeLift` is `null` when the
 * control's rate is 0 or either rate is `null`.
 *
 * @param journeys The journeys (an array or any iterable, read once).
 * @param options `{ segment, entry?, goal, withinDays, asOf?, timeZone?, confidence? }`.
 * @returns `{ asOf, asOfDate, timeZone, withinDays, confidence, segment, control,
 * difference, relativeLift, z, pValue }`, `segment` and `control` shaped as
 * `conversion`'s counts.
 * @throws {MetricsInputError} as `conversion` (an unknown option is `unknown-option`, a
 * `null` option `invalid-option`), and `invalid-option` for a `segment` that is not a
 * function, `invalid-milestone` (path `options.segment`) when it returns anything but
 * `true`, `false`, `null` or epoch milliseconds.
 *
 * @example
 * ```ts
 * import { compareConversion, type Journey } from 'customer-success-metrics/lifecycle';
 * const day = 86_400_000;
 * const start = Date.UTC(2024, 0, 1);
 * // 40 journeys from a webinar, 12 of which paid within 14 days; 40 others, 5 of which did.
 * const journeys = Array.from({ length: 80 }, (_, i) => ({
 *   id: i,
 *   start,
 *   events: [
 *     ...(i < 40 ? [{ name: 'webinar', timestamp: start, record: {} }] : []),
 *     ...(i < 12 || (i >= 40 && i < 45) ? [{ name: 'paid', timestamp: start + 3 * day, record: {} }] : []),
 *   ],
 * }));
 * const hasEvent = (name: string) => (j: Journey) => j.events.find((e) => e.name === name)?.timestamp ?? null;
 * const result = compareConversion(journeys, { segment: hasEvent('webinar'), goal: hasEvent('paid'), withinDays: 14, asOf: '2024-02-01' });
 * [result.segment.rate?.value, result.control.rate?.value]; // => [0.3, 0.125]
 * [result.asOf, result.asOfDate]; // => ['2024-02-01T23:59:59.999Z', '2024-02-01']
 * result.difference; // ~> { value: 0.175, lower: -0.006, upper: 0.3446 }
 * result.relativeLift; // ~> 1.4
 * result.pValue; // ~> 0.0557
 * ```
 */
export function compareConversion<R = unknown>(journeys: Iterable<Journey<R>>, options: CompareConversionOptions<R>): CompareConversionResult {
  const fn = 'compareConversion';
  const opts = conversionOptions(fn, options as CompareConversionOptions, COMPARE_CONVERSION_OPTION_KEYS);
  const readSegment = segmentReader(fn, opts.segment);
  const settings = readConversionSettings(fn, opts);
  const times = readConversionTimes(fn, journeys, settings, readSegment);
  const { segment, control } = tallyGroups(times, settings.windowMs, settings.confidence);
  return {
    ...asOfEcho(times.asOf, times.zone),
    timeZone: times.zone.timeZone,
    withinDays: settings.withinDays,
    confidence: settings.confidence,
    segment,
    control,
    ...compareRates(segment, control, settings.confidence),
  };
}

/**
 * Each journey's outcome in its group: the segment when it joined by its window's opening
 * (or by `asOf`, for one that has not reached `entry`), else the control. O(n).
 */
function tallyGroups(times: ConversionTimes, windowMs: number, confidence: number): { segment: ConversionSummary; control: ConversionSummary } {
  const inside = new ConversionTally();
  const outside = new ConversionTally();
  const asOf = times.asOf;
  if (asOf !== null) {
    for (let j = 0; j < times.n; j++) {
      const f = times.entry[j] as number;
      const s = times.extra[j] as number;
      const tally = s <= (f <= asOf ? f : asOf) ? inside : outside;
      tally.add(f, times.goal[j] as number, asOf, windowMs);
    }
  }
  return { segment: inside.summary(confidence), control: outside.summary(confidence) };
}

/** The difference of the two rates with Newcombe's interval, the relative lift and the z-test. */
function compareRates(
  segment: ConversionSummary,
  control: ConversionSummary,
  confidence: number,
): Pick<CompareConversionResult, 'difference' | 'relativeLift' | 'z' | 'pValue'> {
  const difference = newcombeInterval(
    { successes: segment.converted, trials: segment.eligible },
    { successes: control.converted, trials: control.eligible },
    { confidence },
  );
  const relativeLift = segment.rate === null || control.rate === null || control.rate.value === 0 ? null : segment.rate.value / control.rate.value - 1;
  const z = pooledZ(segment.converted, segment.eligible, control.converted, control.eligible);
  return { difference, relativeLift, z, pValue: z === null ? null : Math.min(1, 2 * normalCdf(-Math.abs(z))) };
}

/** The pooled two-proportion z statistic, or `null` when a sample is empty or p is 0 or 1. */
function pooledZ(x1: number, n1: number, x2: number, n2: number): number | null {
  if (n1 === 0 || n2 === 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  const variance = pooled * (1 - pooled) * (1 / n1 + 1 / n2);
  if (!(variance > 0)) return null;
  return (x1 / n1 - x2 / n2) / Math.sqrt(variance);
}
