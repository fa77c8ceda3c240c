import { asOfEcho } from '../core/as-of.js';
import { CONVERSION_WINDOW_OPTION_KEYS, ConversionTally, conversionOptions, readConversionSettings, readConversionTimes } from './internal/conversion-outcome.js';
import type { ConversionOptions, ConversionResult, ConversionWindowOptions, Journey } from './types.js';

export type { ConversionOptions, ConversionResult, ConversionSummary, ConversionWindowOptions } from './types.js';

/**
 * The share of journeys that reached the `goal` milestone within `withinDays` of reaching
 * the `entry` milestone: free to paid within 14 days of the trial, onboarding completed
 * within 24 hours of signup (`withinDays: 1`, no `entry`).
 *
 * Definition: a journey's window opens when it reaches `entry` (default: its start) and
 * lasts `withinDays × 24` hours (24-hour days from the start of the window, fractions
 * allowed), both ends included. It converted when `goal` was reached by the end of the
 * window and at or before `asOf` (inclusive; a date-only `asOf` is the end of that local
 * day, so a conversion at 23:30 that day counts); reaching `goal` before `entry` counts as
 * converting at `entry` (0 days), as a later lifecycle stage reached early counts once the
 * earlier one is. A journey that reached `entry` is eligible once its window has closed
 * (`entry + withinDays <= asOf`); before that it is pending and stays out of the rate,
 * even when it has already converted (counting only the early successes would inflate
 * the rate; Totango's pending trials), and is reported in `pending` and
 * `pendingConverted`. Journeys that had not reached `entry` by `asOf` are
 * `notReachedEntry`. `rate = converted / eligible` with a Wilson score interval at
 * `confidence`; `medianDaysToConvert` is the median of `goal - entry` (0 when `goal` came
 * first), in days, over the converted eligible journeys. (`from` and `to` are dates
 * everywhere in the library, so the milestones are named `entry` and `goal`.)
 *
 * Time zone: `timeZone` is the zone of a date-only `asOf` and of the calendar milestones
 * without a zone of their own (`activeDays`, `recurring`), which get each journey in it.
 * Without it, the journeys' zone (the `timeZone` of `journeys()`) is used, which must then
 * be the same for all of them (UTC for journeys without one).
 *
 * Source: the conversion-window metric of product analytics funnels (Amplitude's and
 * Mixpanel's "conversion window"), with Totango's handling of evaluations still in
 * progress; Wilson interval (E. B. Wilson, JASA 1927).
 *
 * Cost: O(n) milestone calls for n journeys, O(n) memory for their times (the journeys
 * are read once, so a generator works), O(c log c) for the median of c converters.
 *
 * Edge cases: no journeys give zero counts, `rate: null`, `medianDaysToConvert: null` and
 * `asOf: null` unless one was given; no eligible journey gives `rate: null`.
 *
 * @param journeys The journeys (an array or any iterable, read once).
 * @param options `{ entry?, goal, withinDays, asOf?, timeZone?, confidence? }`.
 * @returns `{ asOf, asOfDate, timeZone, withinDays, confidence, journeys, notReachedEntry,
 * pending, pendingConverted, eligible, converted, rate, medianDaysToConvert }`.
 * @throws {MetricsInputError} `invalid-option` for a missing or non-function `goal` or
 * `entry`, a bad `confidence`, an option that is `null`; `unknown-option` for a key it does
 * not know (`options.window`; `options.from`: did you mean entry?); `invalid-timestamp`
 * for a bad `asOf`; `invalid-time-zone` for an unknown zone, a journey whose `timeZone` is
 * not one or, without `options.timeZone`, differs from the first journey's; `invalid-number` for `withinDays`
 * that is not a finite number > 0; for a journey that is not `{ id, start, events }`
 * (`journeys[3] (id "u1").start`) or an event without a valid timestamp when `asOf` is
 * defaulted; `invalid-milestone` (path `options.goal` or `options.entry`) when a milestone
 * returns anything but `null` or epoch milliseconds.
 *
 * @example
 * ```ts
 * import { conversion, type Journey } from 'customer-success-metrics/lifecycle';
 * const hasEvent = (name: string) => (j: Journey) => j.events.find((e) => e.name === name)?.timestamp ?? null;
 * const at = (iso: string) => Date.parse(iso);
 * const onboarded = (id: string, start: string, done?: string) => ({
 *   id, start: at(start), events: done === undefined ? [] : [{ name: 'onboarding_completed', timestamp: at(done), record: {} }],
 * });
 * const journeys = [
 *   onboarded('a', '2024-03-01T00:00Z', '2024-03-01T20:00Z'), // 20 hours: converted
 *   onboarded('b', '2024-03-01T00:00Z', '2024-03-02T06:00Z'), // 30 hours: too late
 *   onboarded('c', '2024-03-02T00:00Z', '2024-03-03T00:00Z'), // exactly 24 hours: converted
 *   onboarded('d', '2024-03-05T12:00Z'), // window open at asOf: pending
 *   onboarded('e', '2024-03-05T00:00Z', '2024-03-05T02:00Z'), // converted, window open: pending
 * ];
 * const result = conversion(journeys, { goal: hasEvent('onboarding_completed'), withinDays: 1 });
 * [result.asOf, result.asOfDate]; // => ['2024-03-05T12:00:00.000Z', '2024-03-05']
 * [result.eligible, result.converted, result.pending, result.pendingConverted]; // => [3, 2, 2, 1]
 * result.rate; // ~> { value: 0.6667, lower: 0.2077, upper: 0.9385 }
 * result.medianDaysToConvert; // ~> 0.9167
 * // asOf '2024-03-05' is the end of that day: e's window closes at 03-06 00:00, still pending.
 * const march5 = conversion(journeys, { goal: hasEvent('onboarding_completed'), withinDays: 1, asOf: '2024-03-05' });
 * [march5.asOf, march5.eligible, march5.pending]; // => ['2024-03-05T23:59:59.999Z', 3, 2]
 * ```
 */
export function conversion<R = unknown>(journeys: Iterable<Journey<R>>, options: ConversionOptions<R>): ConversionResult {
  const fn = 'conversion';
  const settings = readConversionSettings(fn, conversionOptions(fn, options as ConversionWindowOptions, CONVERSION_WINDOW_OPTION_KEYS));
  const times = readConversionTimes(fn, journeys, settings, null);
  const tally = new ConversionTally();
  const asOf = times.asOf;
  if (asOf !== null) {
    for (let j = 0; j < times.n; j++) tally.add(times.entry[j] as number, times.goal[j] as number, asOf, settings.windowMs);
  }
  return {
    ...asOfEcho(asOf, times.zone),
    timeZone: times.zone.timeZone,
    withinDays: settings.withinDays,
    confidence: settings.confidence,
    ...tally.summary(settings.confidence),
  };
}
