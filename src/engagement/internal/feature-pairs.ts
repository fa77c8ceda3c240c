/**
 * The scan of `featureAdoption`: events in, one entry per (user, period) out, saying
 * whether the user used the feature in that period. One pass, no allocation per event.
 * @internal
 */

import { MIN_DAY } from '../../core/calendar.js';
import { fail, failColumnValue, failRecord } from '../../core/errors.js';
import { isEventColumns, scanEvents, type EventAccessors, type Events } from '../../core/events.js';
import { accessorFor } from '../../core/read.js';
import type { ZoneCalendar } from '../../core/time-zone.js';
import type { Accessor } from '../../core/types.js';

/** How the scan tells a use of the feature: the accessors to scan with, and the test of the event just read. */
export interface FeatureTest<R> {
  readonly accessors: EventAccessors<R>;
  /** Whether event `index` (the one just read) is a use of the feature; validates its name. */
  readonly isFeature: (index: number) => boolean;
}

/** The options `featureTest` reads. */
interface FeatureOptions<R> extends EventAccessors<R> {
  readonly feature?: unknown;
  readonly name?: Accessor<R, unknown>;
}

/**
 * Reads `options.feature` (an event name, or a predicate on rows) and builds the test.
 * @throws {MetricsInputError} for a missing or bad feature, a predicate with column input,
 * or a missing or short `name` column.
 */
export function featureTest<R>(fn: string, events: Events<R>, opts: FeatureOptions<R>): FeatureTest<R> {
  const feature = opts.feature;
  if (!(typeof feature === 'string' && feature.length > 0) && typeof feature !== 'function') {
    fail(fn, 'options.feature', 'invalid-option', 'must be an event name or a predicate (record, index) => boolean', feature);
  }
  if (isEventColumns(events)) {
    if (typeof feature === 'function') {
      fail(fn, 'options.feature', 'invalid-option', 'must be an event name with column input: a predicate needs row records, so pass the event name and a name column', feature);
    }
    const names = (events as { readonly name?: unknown }).name as ArrayLike<unknown> | undefined;
    const userIds = events.userId;
    const length = userIds.length;
    if (names === null || typeof names !== 'object' || names.length !== length) {
      fail(fn, 'events.name', 'invalid-input', `must be a column of event names with as many values as events.userId (${length})`, names);
    }
    return {
      accessors: opts,
      isFeature: (i) => {
        const name = names[i];
        if (typeof name !== 'string') failColumnValue(fn, { collection: 'events', index: i, idField: 'userId', id: userIds[i] }, 'name', 'invalid-name', 'must be a string', name);
        return name === feature;
      },
    };
  }
  // scanEvents reads the user id of each record right before visiting it: wrapping that
  // accessor hands the record to the feature test without a second pass or a copy.
  let current: R | undefined;
  const readUser = accessorFor<R>(opts.userId, 'userId', fn);
  const accessors: EventAccessors<R> = {
    userId: (record: R, index: number) => {
      current = record;
      return readUser(record, index);
    },
    ...(opts.timestamp === undefined ? {} : { timestamp: opts.timestamp }),
  };
  if (typeof feature === 'function') {
    const predicate = feature as (record: R, index: number) => unknown;
    return {
      accessors,
      isFeature: (i) => {
        const used = predicate(current as R, i);
        if (typeof used !== 'boolean') fail(fn, 'options.feature', 'invalid-option', `must return true or false, but for events[${i}] returned`, used);
        return used;
      },
    };
  }
  const readName = accessorFor<R>(opts.name, 'name', fn);
  return {
    accessors,
    isFeature: (i) => {
      const name = readName(current as R, i);
      if (typeof name !== 'string') failRecord(fn, { collection: 'events', index: i, idField: 'userId', id: readUser(current as R, i) }, 'name', 'invalid-name', 'must be a string', name);
      return name === feature;
    },
  };
}

/** One entry per (user, period) with an event in the range, at or before `asOf`. */
export interface FeaturePairs {
  readonly count: number;
  /** The period number of each entry. */
  readonly period: Int32Array;
  /** 1 when the user used the feature in that period. */
  readonly used: Uint8Array;
  /** First and last local day of the events at or before `asOf` (in the range or not); `null` without any. */
  readonly firstDay: number | null;
  readonly lastDay: number | null;
  /** The latest event instant at or before `asOf`; `null` without any. */
  readonly latest: number | null;
}

/** Distance between user keys: one slot per possible period number (days 0001-01-01 to 9999-12-31). */
const USER_STRIDE = 3_652_059;
const NO_PERIOD = -2_147_483_648;

/**
 * Reads every event once (validating it and its feature test), leaves out those after
 * `asOf` (one comparison) and those outside `bounds`, and records each (user, period).
 */
export function collectFeaturePairs<R>(
  fn: string,
  events: Events<R>,
  test: FeatureTest<R>,
  zone: ZoneCalendar,
  scope: { readonly bounds: { from: number | null; to: number | null }; readonly asOf: number | null; readonly periodOf: (day: number) => number },
): FeaturePairs {
  const lowDay = scope.bounds.from ?? Number.NEGATIVE_INFINITY;
  const highDay = scope.bounds.to ?? Number.POSITIVE_INFINITY;
  const limit = scope.asOf ?? Number.POSITIVE_INFINITY;
  const { isFeature } = test;
  const table = new PairTable();
  let firstDay = Number.POSITIVE_INFINITY;
  let lastDay = Number.NEGATIVE_INFINITY;
  let latest = Number.NEGATIVE_INFINITY;
  let cachedDay = Number.NaN;
  let cachedPeriod = 0;
  scanEvents(events, { fn, collection: 'events', accessors: test.accessors }, zone, (user, instant, _group, index) => {
    const used = isFeature(index);
    if (instant > limit) return;
    if (instant > latest) latest = instant;
    const day = zone.dayOf(instant);
    if (day < firstDay) firstDay = day;
    if (day > lastDay) lastDay = day;
    if (day < lowDay || day > highDay) return;
    if (day !== cachedDay) {
      cachedDay = day;
      cachedPeriod = scope.periodOf(day);
    }
    table.add(user, cachedPeriod, used);
  });
  const any = firstDay <= lastDay;
  return {
    count: table.count,
    period: table.period,
    used: table.used,
    firstDay: any ? firstDay : null,
    lastDay: any ? lastDay : null,
    latest: any ? latest : null,
  };
}

/** The (user, period) entries, with each user's latest entry cached so the common case needs no Map lookup. */
class PairTable {
  period = new Int32Array(1024);
  used = new Uint8Array(1024);
  count = 0;
  private readonly pairOf = new Map<number, number>();
  private lastPeriod = new Int32Array(1024).fill(NO_PERIOD);
  private lastPair = new Int32Array(1024);

  add(user: number, p: number, used: boolean): void {
    if (user >= this.lastPeriod.length) this.growUsers(user + 1);
    let pair: number;
    if (this.lastPeriod[user] === p) {
      pair = this.lastPair[user] as number;
    } else {
      const key = user * USER_STRIDE + (p - MIN_DAY);
      const known = this.pairOf.get(key);
      if (known === undefined) {
        if (this.count === this.period.length) this.growPairs();
        pair = this.count++;
        this.period[pair] = p;
        this.pairOf.set(key, pair);
      } else {
        pair = known;
      }
      this.lastPeriod[user] = p;
      this.lastPair[user] = pair;
    }
    if (used) this.used[pair] = 1;
  }

  /** Room for `users` user codes (codes of users whose events are all after `asOf` are skipped, so codes may jump). */
  private growUsers(users: number): void {
    const size = Math.max(this.lastPeriod.length * 2, users);
    const grownPeriod = new Int32Array(size).fill(NO_PERIOD);
    grownPeriod.set(this.lastPeriod);
    this.lastPeriod = grownPeriod;
    const grownPair = new Int32Array(size);
    grownPair.set(this.lastPair);
    this.lastPair = grownPair;
  }

  private growPairs(): void {
    const size = this.count * 2;
    const period = new Int32Array(size);
    period.set(this.period);
    this.period = period;
    const used = new Uint8Array(size);
    used.set(this.used);
    this.used = used;
  }
}
