import type { Events } from '../core/events.js';
import { optionsOf } from '../core/options.js';
import { readAdoptionSettings } from './internal/feature-adoption-options.js';
import { adoptionResult, type AdoptionCounts } from './internal/feature-adoption-result.js';
import { collectFeaturePairs, featureTest, type FeaturePairs } from './internal/feature-pairs.js';
import { FEATURE_ADOPTION_OPTION_KEYS, type FeatureAdoptionOptions, type FeatureAdoptionResult } from './types.js';

/**
 * The share of active users who used a feature, per calendar period or over a range,
 * each period flagged `complete` or partial.
 *
 * Definition: in each period, `activeUsers` are the users with at least one event (any
 * event) on its days, `adopters` those of them with at least one event of the feature,
 * and `rate = adopters / activeUsers`, with a Wilson score interval at `confidence`. This
 * is the feature adoption rate of Pendo's glossary (monthly rate = feature MAU / monthly
 * active users), generalized to any calendar period; "active" means any event, so pass
 * only the events that should count as activity. Days are local days of `timeZone`;
 * weeks start on `weekStartsOn`; months are calendar months. Events outside `from`..`to`
 * are not counted at all. Without `period`, one row covers the whole range (default:
 * first event day to the day of `asOf`).
 *
 * Time: `asOf` is "now" (default: the latest event): events after it are left out, the
 * range never extends past its local day, and a period is `complete` when it lies whole
 * inside the range and its last day had ended by `asOf`. With the default `asOf` the
 * newest period is usually partial (`complete: false`): its rate may still move.
 *
 * Cost: one pass, O(n) with one `Map` lookup per change of a user's period (once per
 * user-period for time-ordered events), then O(user-periods + periods); memory
 * O(user-periods + users + periods), independent of the number of events.
 *
 * Edge cases: empty input (and no `from`/`to`) gives `periods: []`; a period nobody was
 * active in has zero counts and `rate: null`; with only one of `from`/`to` and no event on
 * its side, the range is that single day; a `from` after the day of `asOf` gives
 * `periods: []`.
 *
 * @param events Rows (`{ userId, timestamp, name }` by default, or accessors in `options`)
 * or columns `{ userId, timestamp, name }`, read in place.
 * @throws {MetricsInputError} for a bad record, user id or timestamp; an event name that is
 * not a string (`events[i].name`) when `feature` is a name; a predicate that returns
 * something other than `true` or `false`; a missing or bad `feature`; a predicate with
 * column input (pass the event name and a `name` column instead); a missing or short `name`
 * column; an unknown option key or a `null` option; an unknown time zone, period or week
 * start; a bad `confidence`, `asOf`, `from` or `to`; or `to` before `from`.
 *
 * @example
 * ```ts
 * import { featureAdoption } from 'customer-success-metrics/engagement';
 * const events = [
 *   { userId: 'ana', name: 'login', timestamp: '2024-03-01T09:00:00Z' },
 *   { userId: 'ana', name: 'export', timestamp: '2024-03-01T09:05:00Z' },
 *   { userId: 'ben', name: 'login', timestamp: '2024-03-02T10:00:00Z' },
 *   { userId: 'ben', name: 'export', timestamp: '2024-04-03T10:00:00Z' },
 * ];
 * featureAdoption(events, { feature: 'export', period: 'month' }).periods.map((p) => [p.period, p.activeUsers, p.adopters, p.rate?.value, p.complete]);
 * // => [['2024-03', 2, 1, 0.5, true], ['2024-04', 1, 1, 1, false]]
 * // March is whole and over; April is in progress at the default asOf (the latest event, April 3).
 * // With the data complete through March only, April's events are left out and April is not reported:
 * featureAdoption(events, { feature: 'export', period: 'month', asOf: '2024-03-31' }).periods.map((p) => [p.period, p.adopters, p.complete]);
 * // => [['2024-03', 1, true]]
 * featureAdoption(events, { feature: 'export' }).periods[0]?.rate?.value;
 * // => 1
 * ```
 */
export function featureAdoption<R>(events: Events<R>, options: FeatureAdoptionOptions<R>): FeatureAdoptionResult {
  const fn = 'featureAdoption';
  const opts = optionsOf(options, fn, FEATURE_ADOPTION_OPTION_KEYS);
  const settings = readAdoptionSettings(fn, opts);
  const { scale } = settings;
  const test = featureTest(fn, events, opts);
  const pairs = collectFeaturePairs(fn, events, test, settings.zone, { bounds: settings.bounds, asOf: settings.asOf, periodOf: scale === null ? () => 0 : scale.of });
  const feature = typeof opts.feature === 'string' ? opts.feature : 'predicate';
  return adoptionResult(settings, feature, settings.asOf ?? pairs.latest, pairs.firstDay, pairs.lastDay, (counts) => tallyPairs(pairs, counts));
}

/** Counts the (user, period) pairs per period: every pair is an active user, an adopter when it used the feature. */
function tallyPairs(pairs: FeaturePairs, counts: AdoptionCounts): void {
  const { firstPeriod, active, adopters } = counts;
  for (let k = 0; k < pairs.count; k++) {
    const i = (pairs.period[k] as number) - firstPeriod;
    active[i] = (active[i] as number) + 1;
    if (pairs.used[k] === 1) adopters[i] = (adopters[i] as number) + 1;
  }
}
