import { MIN_DAY, dayKey, firstDayOfMonth, monthKey, monthOfDay, startOfWeek } from '../core/calendar.js';
import { fail, recordPath } from '../core/errors.js';
import { isEventColumns, scanEvents, type EventAccessors, type Events } from '../core/events.js';
import { accessorFor, optionsOf, readChoice, readConfidence, readWeekStart } from '../core/read.js';
import { zoneCalendar } from '../core/time-zone.js';
import type { Accessor, Estimate, Period, Timestamp, Weekday } from '../core/types.js';
import { wilsonInterval } from '../stats/wilson-interval.js';
import { readDayBounds, reportRange } from '../core/day-range.js';

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
  /** First day counted (`YYYY-MM-DD` or any timestamp; default: the first event's day). */
  readonly from?: Timestamp;
  /** Last day counted, inclusive (default: the last event's day). */
  readonly to?: Timestamp;
  /** First day of the week, 0 = Sunday ... 6 = Saturday (default 1, Monday). */
  readonly weekStartsOn?: Weekday;
  /** Confidence level of the intervals (default 0.95). */
  readonly confidence?: number;
}

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
  /** Whether the whole calendar period lies in the range. */
  readonly complete: boolean;
  /** Users with at least one event in the period. */
  readonly activeUsers: number;
  /** Active users with at least one use of the feature in the period. */
  readonly adopters: number;
  /** `adopters / activeUsers` with its Wilson interval; `null` when nobody was active. */
  readonly rate: Estimate | null;
}

/** Result of {@link featureAdoption}. */
export interface FeatureAdoptionResult {
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

/** Distance between user keys: one slot per possible period number (days 0001-01-01 to 9999-12-31). */
const USER_STRIDE = 3_652_059;
const NO_PERIOD = -2_147_483_648;

/**
 * The share of active users who used a feature, per calendar period or over a range.
 *
 * Definition: in each period, `activeUsers` are the users with at least one event (any
 * event) on its days, `adopters` those of them with at least one event of the feature,
 * and `rate = adopters / activeUsers`, with a Wilson score interval at `confidence`. This
 * is the feature adoption rate of Pendo's glossary (monthly rate = feature MAU / monthly
 * active users), generalized to any calendar period; "active" means any event, so pass
 * only the events that should count as activity. Days are local days of `timeZone`;
 * weeks start on `weekStartsOn`; months are calendar months. Events outside `from`..`to`
 * are not counted at all, and edge periods cut by the range say `complete: false`. Without
 * `period`, one row covers the whole range (default: first to last event day).
 *
 * Cost: one pass, O(n) with one `Map` lookup per change of a user's period (once per
 * user-period for time-ordered events), then O(user-periods + periods); memory
 * O(user-periods + users + periods), independent of the number of events.
 *
 * Edge cases: empty input (and no `from`/`to`) gives `periods: []`; a period nobody was
 * active in has zero counts and `rate: null`; with only one of `from`/`to` and no event on
 * its side, the range is that single day.
 *
 * @param events Rows (`{ userId, timestamp, name }` by default, or accessors in `options`)
 * or columns `{ userId, timestamp, name }`, read in place.
 * @throws {MetricsInputError} for a bad record, user id or timestamp; an event name that is
 * not a string (`events[i].name`) when `feature` is a name; a predicate that returns
 * something other than `true` or `false`; a missing or bad `feature`; a predicate with
 * column input (pass the event name and a `name` column instead); a missing or short `name`
 * column; an unknown time zone, period or week start; a bad `confidence`, `from` or `to`;
 * or `to` before `from`.
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
 * featureAdoption(events, { feature: 'export', period: 'month' }).periods.map((p) => [p.period, p.activeUsers, p.adopters, p.rate?.value]);
 * // => [['2024-03', 2, 1, 0.5], ['2024-04', 1, 1, 1]]
 * featureAdoption(events, { feature: 'export' }).periods[0]?.rate?.value;
 * // => 1
 * ```
 */
export function featureAdoption<R>(events: Events<R>, options: FeatureAdoptionOptions<R>): FeatureAdoptionResult {
  const fn = 'featureAdoption';
  const opts = optionsOf(options, fn);
  const feature = opts.feature;
  if (!(typeof feature === 'string' && feature.length > 0) && typeof feature !== 'function') {
    fail(fn, 'options.feature', 'invalid-option', 'must be an event name or a predicate (record, index) => boolean', feature);
  }
  const period = opts.period === undefined ? null : readChoice(opts.period, ['day', 'week', 'month'] as const, 'day', fn, 'options.period');
  const weekStartsOn = readWeekStart(opts.weekStartsOn, fn);
  const confidence = readConfidence(opts.confidence, fn);
  const zone = zoneCalendar(opts.timeZone ?? 'UTC', fn);
  const bounds = readDayBounds(fn, opts, zone);
  const lowDay = bounds.from ?? Number.NEGATIVE_INFINITY;
  const highDay = bounds.to ?? Number.POSITIVE_INFINITY;

  // isFeature(index): whether the event just read is a use of the feature.
  let current: R | undefined;
  let accessors: EventAccessors<R> = opts;
  let isFeature: (index: number) => boolean;
  if (isEventColumns(events)) {
    if (typeof feature === 'function') {
      fail(
        fn,
        'options.feature',
        'invalid-option',
        'must be an event name with column input: a predicate needs row records, so pass the event name and a name column',
        feature,
      );
    }
    const names = (events as { readonly name?: unknown }).name as ArrayLike<unknown> | undefined;
    const length = events.userId.length;
    if (names === null || typeof names !== 'object' || names.length !== length) {
      fail(fn, 'events.name', 'invalid-input', `must be a column of event names with as many values as events.userId (${length})`, names);
    }
    isFeature = (i) => {
      const name = names[i];
      if (typeof name !== 'string') fail(fn, `events.name[${i}]`, 'invalid-name', 'must be a string', name);
      return name === feature;
    };
  } else {
    // scanEvents reads the user id of each record right before visiting it: wrapping that
    // accessor hands the record to the feature test without a second pass or a copy.
    const readUser = accessorFor<R>(opts.userId, 'userId', fn);
    accessors = {
      userId: (record: R, index: number) => {
        current = record;
        return readUser(record, index);
      },
      ...(opts.timestamp === undefined ? {} : { timestamp: opts.timestamp }),
    };
    if (typeof feature === 'function') {
      isFeature = (i) => {
        const used: unknown = feature(current as R, i);
        if (typeof used !== 'boolean') {
          fail(fn, 'options.feature', 'invalid-option', `must return true or false, but for events[${i}] returned`, used);
        }
        return used;
      };
    } else {
      const readName = accessorFor<R>(opts.name, 'name', fn);
      isFeature = (i) => {
        const name = readName(current as R, i);
        if (typeof name !== 'string') fail(fn, recordPath('events', i, 'name'), 'invalid-name', 'must be a string', name);
        return name === feature;
      };
    }
  }

  // Period number of a day: the day, the first day of its week, its month number, or 0.
  const periodOf =
    period === 'day'
      ? (day: number) => day
      : period === 'week'
        ? (day: number) => startOfWeek(day, weekStartsOn)
        : period === 'month'
          ? (day: number) => monthOfDay(day)
          : () => 0;

  // One entry per (user, period): its period, and whether the feature was used.
  let pairPeriod = new Int32Array(1024);
  let pairUsed = new Uint8Array(1024);
  let pairs = 0;
  const pairOf = new Map<number, number>();
  // The user's latest period and its entry: the common case needs no Map lookup.
  let lastPeriod = new Int32Array(1024).fill(NO_PERIOD);
  let lastPair = new Int32Array(1024);
  let firstDay = Number.POSITIVE_INFINITY;
  let lastDay = Number.NEGATIVE_INFINITY;
  let cachedDay = Number.NaN;
  let cachedPeriod = 0;

  scanEvents(events, { fn, collection: 'events', accessors }, zone, (user, instant, _group, index) => {
    const used = isFeature(index);
    const day = zone.dayOf(instant);
    if (day < firstDay) firstDay = day;
    if (day > lastDay) lastDay = day;
    if (day < lowDay || day > highDay) return;
    if (day !== cachedDay) {
      cachedDay = day;
      cachedPeriod = periodOf(day);
    }
    const p = cachedPeriod;
    if (user >= lastPeriod.length) {
      const grownPeriod = new Int32Array(lastPeriod.length * 2).fill(NO_PERIOD);
      grownPeriod.set(lastPeriod);
      lastPeriod = grownPeriod;
      const grownPair = new Int32Array(lastPair.length * 2);
      grownPair.set(lastPair);
      lastPair = grownPair;
    }
    let pair: number;
    if (lastPeriod[user] === p) {
      pair = lastPair[user] as number;
    } else {
      const key = user * USER_STRIDE + (p - MIN_DAY);
      const known = pairOf.get(key);
      if (known === undefined) {
        if (pairs === pairPeriod.length) {
          const size = pairs * 2;
          const q = new Int32Array(size);
          q.set(pairPeriod);
          pairPeriod = q;
          const f = new Uint8Array(size);
          f.set(pairUsed);
          pairUsed = f;
        }
        pair = pairs++;
        pairPeriod[pair] = p;
        pairOf.set(key, pair);
      } else {
        pair = known;
      }
      lastPeriod[user] = p;
      lastPair[user] = pair;
    }
    if (used) pairUsed[pair] = 1;
  });

  const range = reportRange(bounds, firstDay <= lastDay ? firstDay : null, firstDay <= lastDay ? lastDay : null);
  const rows: FeatureAdoptionRow[] = [];
  if (range !== null) {
    const { from, to } = range;
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
    for (let k = 0; k < pairs; k++) {
      const i = indexOf(pairPeriod[k] as number);
      active[i] = (active[i] as number) + 1;
      if (pairUsed[k] === 1) adopters[i] = (adopters[i] as number) + 1;
    }
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
        complete: first >= from && last <= to,
        activeUsers: a,
        adopters: m,
        rate: wilsonInterval(m, a, confidence),
      });
    }
  }
  return {
    timeZone: zone.timeZone,
    feature: typeof feature === 'string' ? feature : 'predicate',
    period,
    weekStartsOn,
    confidence,
    from: range === null ? null : dayKey(range.from),
    to: range === null ? null : dayKey(range.to),
    periods: rows,
  };
}
