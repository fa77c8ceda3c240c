import { asOfEcho, readAsOf, type AsOfEcho } from '../core/as-of.js';
import { dayKey, firstDayOfMonth, monthKey, monthOfDay, startOfWeek } from '../core/calendar.js';
import { readDayBounds } from '../core/day-range.js';
import type { EventAccessors, Events } from '../core/events.js';
import { optionsOf } from '../core/options.js';
import { readChoice, readConfidence, readWeekStart } from '../core/read.js';
import { zoneCalendar } from '../core/time-zone.js';
import type { Accessor, Estimate, Period, Timestamp, Weekday } from '../core/types.js';
import { wilsonInterval } from '../stats/wilson-interval.js';
import { asOfRange, completeThrough } from './internal/as-of-range.js';
import { collectFeaturePairs, featureTest, type FeaturePairs } from './internal/feature-pairs.js';

/** Tells whether an event record is a use of the feature. */
export type FeaturePredicate<R> = (record: R, index: number) => boolean;

/** Options of {@link featureAdoption}. */
export interface FeatureAdoptionOptions<R> extends EventAccessors<R> {
  /**
   * The feature: an event name, compared with each event's name (`===`), or, for row input
   * only, a predicate `(record, index) => boolean` that returns `true` for a use of it.
   */
  readonly feature: string | FeaturePredicate<R>;
  /** Reads an event's name from a row (default: `record.name`); columns use their `name` column. */
  readonly name?: Accessor<R, unknown>;
  /** Calendar periods to report (`'day'`, `'week'`, `'month'`); omitted: one row for the whole range. */
  readonly period?: Period;
  /** IANA time zone of the days (default `'UTC'`). */
  readonly timeZone?: string;
  /** First day counted, whole days (`YYYY-MM-DD`, a month `YYYY-MM`, or any timestamp's local day; default: the first event's day). */
  readonly from?: Timestamp;
  /** Last day counted, inclusive, whole days (a month `YYYY-MM` means its last day; default: the day of `asOf`, and never after it). */
  readonly to?: Timestamp;
  /** First day of the week, 0 = Sunday ... 6 = Saturday (default 1, Monday). */
  readonly weekStartsOn?: Weekday;
  /** Confidence level of the intervals (default 0.95). */
  readonly confidence?: number;
  /**
   * "Now": events after it are left out and periods after its local day are not reported;
   * a period is complete once `asOf` reaches the end of its last day. A date `YYYY-MM-DD`
   * is the end of that local day, a month `YYYY-MM` the end of the month, any other
   * timestamp the instant it names (inclusive). Default: the latest event.
   */
  readonly asOf?: Timestamp;
}

/** The option keys of {@link featureAdoption}. */
export const FEATURE_ADOPTION_OPTION_KEYS = ['userId', 'timestamp', 'feature', 'name', 'period', 'timeZone', 'from', 'to', 'weekStartsOn', 'confidence', 'asOf'] as const;

/** Feature adoption in one period. */
export interface FeatureAdoptionRow {
  /**
   * The period's key: `YYYY-MM-DD` for a day or a week (its first day), `YYYY-MM` for a
   * month; without `period`, the range as an ISO 8601 interval `YYYY-MM-DD/YYYY-MM-DD`.
   */
  readonly period: string;
  /** First day of the period that lies in the range, `YYYY-MM-DD` (edge periods may be cut). */
  readonly start: string;
  /** Last day of the period that lies in the range, `YYYY-MM-DD` (edge periods may be cut). */
  readonly end: string;
  /**
   * Whether the counts are final: the whole calendar period lies in the range (not cut
   * by `from` or `to`) and its last day had ended by `asOf`.
   */
  readonly complete: boolean;
  /** Users with at least one event in the period. */
  readonly activeUsers: number;
  /** Active users with at least one use of the feature in the period. */
  readonly adopters: number;
  /** `adopters / activeUsers` with its Wilson interval; `null` when nobody was active. */
  readonly rate: Estimate | null;
}

/** Result of {@link featureAdoption}. */
export interface FeatureAdoptionResult extends AsOfEcho {
  /** IANA time zone of the days. */
  readonly timeZone: string;
  /** The feature's event name, or `'predicate'`. */
  readonly feature: string;
  /** The period, or `null` for one row over the whole range. */
  readonly period: Period | null;
  /** First day of the week used, 0 = Sunday ... 6 = Saturday. */
  readonly weekStartsOn: Weekday;
  /** Confidence level of the intervals. */
  readonly confidence: number;
  /** First day counted, `YYYY-MM-DD`; `null` when there is nothing to report. */
  readonly from: string | null;
  /** Last day counted, `YYYY-MM-DD`; `null` when there is nothing to report. */
  readonly to: string | null;
  /** One row per period from the first to the last, periods without activity included. */
  readonly periods: FeatureAdoptionRow[];
}

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
  const period = opts.period === undefined ? null : readChoice(opts.period, ['day', 'week', 'month'] as const, 'day', fn, 'options.period');
  const weekStartsOn = readWeekStart(opts.weekStartsOn, fn);
  const confidence = readConfidence(opts.confidence, fn);
  const zone = zoneCalendar(opts.timeZone ?? 'UTC', fn);
  const bounds = readDayBounds(fn, opts, zone);
  const givenAsOf = readAsOf(opts.asOf, zone, fn);
  const test = featureTest(fn, events, opts);
  const periodOf = periodNumber(period, weekStartsOn);
  const pairs = collectFeaturePairs(fn, events, test, zone, { bounds, asOf: givenAsOf, periodOf });
  const asOf = givenAsOf ?? pairs.latest;
  const range = asOfRange(bounds, pairs.firstDay, pairs.lastDay, asOf, zone);
  return {
    timeZone: zone.timeZone,
    ...asOfEcho(asOf, zone),
    feature: typeof opts.feature === 'string' ? opts.feature : 'predicate',
    period,
    weekStartsOn,
    confidence,
    from: range === null ? null : dayKey(range.from),
    to: range === null ? null : dayKey(range.to),
    periods: range === null ? [] : adoptionRows(pairs, range, { period, periodOf, confidence, completeDay: completeThrough(asOf, zone) }),
  };
}

/** Period number of a day: the day, the first day of its week, its month number, or 0 (no period). */
function periodNumber(period: Period | null, weekStartsOn: Weekday): (day: number) => number {
  if (period === 'day') return (day) => day;
  if (period === 'week') return (day) => startOfWeek(day, weekStartsOn);
  if (period === 'month') return (day) => monthOfDay(day);
  return () => 0;
}

/** One row per period of `range`, from the (user, period) pairs. */
function adoptionRows(
  pairs: FeaturePairs,
  range: { from: number; to: number },
  how: { period: Period | null; periodOf: (day: number) => number; confidence: number; completeDay: number },
): FeatureAdoptionRow[] {
  const { from, to } = range;
  const { period, periodOf } = how;
  const firstPeriod = periodOf(from);
  // Index of a period number, and the first day of the period at an index.
  const indexOf = period === 'week' ? (p: number) => (p - firstPeriod) / 7 : (p: number) => p - firstPeriod;
  const firstDayAt =
    period === 'day'
      ? (i: number) => from + i
      : period === 'week'
        ? (i: number) => firstPeriod + 7 * i
        : period === 'month'
          ? (i: number) => firstDayOfMonth(firstPeriod + i)
          : (i: number) => (i === 0 ? from : to + 1);
  const count = indexOf(periodOf(to)) + 1;
  const active = new Int32Array(count);
  const adopters = new Int32Array(count);
  for (let k = 0; k < pairs.count; k++) {
    const i = indexOf(pairs.period[k] as number);
    active[i] = (active[i] as number) + 1;
    if (pairs.used[k] === 1) adopters[i] = (adopters[i] as number) + 1;
  }
  const rows: FeatureAdoptionRow[] = [];
  for (let i = 0; i < count; i++) {
    const first = firstDayAt(i);
    const last = firstDayAt(i + 1) - 1;
    const start = dayKey(Math.max(first, from));
    const end = dayKey(Math.min(last, to));
    const a = active[i] as number;
    const m = adopters[i] as number;
    rows.push({
      period: period === null ? `${start}/${end}` : period === 'month' ? monthKey(firstPeriod + i) : dayKey(first),
      start,
      end,
      complete: first >= from && last <= to && last <= how.completeDay,
      activeUsers: a,
      adopters: m,
      rate: wilsonInterval(m, a, how.confidence),
    });
  }
  return rows;
}
