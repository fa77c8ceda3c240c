import { readAsOf } from '../core/as-of.js';
import { feedBatches } from '../core/batches.js';
import { readDayBounds } from '../core/day-range.js';
import { isEventColumns, type Events } from '../core/events.js';
import { compareIds } from '../core/id-order.js';
import { optionsOf } from '../core/options.js';
import { accessorFor } from '../core/read.js';
import { zoneCalendar } from '../core/time-zone.js';
import { ActiveDaysCollector, readGroupBy, readWindows } from './internal/active-days.js';
import { activeUsersSeries, daysSource, type ResolvedWindows } from './internal/active-users-series.js';
import { groupingOf, isoOf, mergeCollected, mergeState, readState, requireSettings, writeState, type Settings } from './internal/active-users-state.js';
import {
  ACTIVE_USERS_OPTION_KEYS,
  type ActiveUsersAccumulator,
  type ActiveUsersAccumulatorOptions,
  type ActiveUsersOptions,
  type ActiveUsersResult,
  type ActiveUsersState,
  type GroupedActiveUsersResult,
} from './types.js';

const FN = 'activeUsersAccumulator';

class Accumulator<R> implements ActiveUsersAccumulator<R, ActiveUsersResult> {
  readonly collector: ActiveDaysCollector<R>;
  readonly settings: Settings;
  private readonly windows: ResolvedWindows;
  private readonly bounds: { from: number | null; to: number | null };

  constructor(options: ActiveUsersOptions<R> | undefined, state: unknown) {
    const opts = optionsOf(options, FN, ACTIVE_USERS_OPTION_KEYS);
    this.windows = readWindows(FN, opts.windows);
    const zone = zoneCalendar(opts.timeZone ?? 'UTC', FN);
    const group = readGroupBy<R>(FN, opts.groupBy);
    accessorFor(opts.userId, 'userId', FN);
    accessorFor(opts.timestamp, 'timestamp', FN);
    this.bounds = readDayBounds(FN, opts, zone);
    const asOf = readAsOf(opts.asOf, zone, FN);
    this.collector = new ActiveDaysCollector<R>(FN, zone, group, opts, asOf);
    this.settings = { zone, grouping: groupingOf(group), asOf };
    if (state !== undefined) this.merge(state as ActiveUsersState);
  }

  add(events: Events<R>): this {
    this.collector.addEvents(events);
    return this;
  }

  async addAsync(source: AsyncIterable<unknown> | Iterable<unknown>): Promise<this> {
    await feedBatches<Events<R>>(FN, 'events', source, isEventColumns, (batch, indexBase) => this.collector.addEvents(batch, indexBase));
    return this;
  }

  merge(other: ActiveUsersState | ActiveUsersAccumulator<unknown, ActiveUsersResult>): this {
    const target = this.collector as unknown as ActiveDaysCollector<unknown>;
    if (other instanceof Accumulator) {
      const theirs = other.settings;
      requireSettings(FN, { timeZone: theirs.zone.timeZone, groupBy: theirs.grouping, asOf: isoOf(theirs.asOf) }, this.settings);
      mergeCollected(target, (other.collector as ActiveDaysCollector<unknown>).build());
      return this;
    }
    // An accumulator of another copy of the library (an ESM and a CJS build, say) merges through its state.
    const given: unknown = other;
    const state = given !== null && typeof given === 'object' && !('kind' in given) && typeof (given as { state?: unknown }).state === 'function' ? (given as { state(): unknown }).state() : given;
    mergeState(target, readState(FN, state, this.settings));
    return this;
  }

  state(): ActiveUsersState {
    const collector = this.collector as unknown as ActiveDaysCollector<unknown>;
    return writeState(collector, collector.build(), isoOf(this.settings.asOf));
  }

  result(): ActiveUsersResult | GroupedActiveUsersResult {
    const result = activeUsersSeries(daysSource(this.collector.build()), this.windows, this.bounds, this.settings.asOf);
    if ('groups' in result) result.groups.sort((a, b) => compareIds(a.group, b.group));
    return result;
  }
}

/**
 * An accumulator of active users: {@link activeUsers} computed incrementally, from batches
 * or an async stream, with a state that serializes to JSON and merges with the states of
 * other shards (worker threads, serverless invocations, files read in parallel).
 *
 * Definition: the state holds the distinct local calendar days on which each user (with
 * `groupBy`, each user within each group) was active; `result()` is exactly
 * `activeUsers(allEvents, options)` (see there for DAU, WAU, MAU and the ratios, as
 * Amplitude's and Mixpanel's rolling active-user charts define them; with `groupBy`, the
 * overall series in `days` and one series per group in `groups`), except that groups
 * are listed in id order, since the order of first events is lost once shards merge.
 * Merging is a union of sets of active days, so for any split of the events into parts,
 * merging the parts' states gives the result of the whole, and merging is associative,
 * commutative and idempotent. `windows`, `from` and `to` shape only the result, not the
 * state; `timeZone`, `groupBy` and `asOf` shape the state and must match to merge (an
 * `asOf` leaves out every event after it as the events are added, so the state cannot
 * be re-cut later). Without `asOf`, the state keeps the latest event's instant, and
 * `result()` uses it as its `asOf` exactly as {@link activeUsers} does: the last day is
 * `complete: false` unless that event is the day's last millisecond.
 *
 * Cost: `add` is O(events) with no allocation per event (as {@link activeUsers});
 * `merge` O(units + user-days) of the other side; `state()` O(user-days + units + ids log
 * ids) (the id sort gives the canonical order); `result()` as {@link activeUsers} after
 * its scan. Memory O(users + groups + user-days), never per event.
 *
 * Edge cases: an accumulator with no events gives the empty result (`days: []`, or zeros
 * over a given `from`..`to`). A state may list units and days in any order and repeat
 * them; it is read as a union.
 *
 * @param options As for {@link activeUsers}, validated at creation.
 * @param state A state to start from (from `state()`, possibly through JSON).
 * @throws {MetricsInputError} as {@link activeUsers} for bad options (at creation:
 * `unknown-option` for a key {@link activeUsers} does not take) and bad events (in `add`,
 * `addAsync`); `invalid-state` (path `state` or `state.<field>`) for a malformed state,
 * one of another kind or version (version 1, of 0.x, included), or one built with another
 * `timeZone`, `groupBy` or `asOf` (a grouped state merged into an ungrouped accumulator,
 * say).
 *
 * @example
 * ```ts
 * import { activeUsersAccumulator } from 'customer-success-metrics/engagement';
 * const options = { windows: { wau: 7, mau: 28 } };
 * // Shard 1 gets two batches: rows, then columns.
 * const shard1 = activeUsersAccumulator(options)
 *   .add([{ userId: 'ana', timestamp: '2024-03-01T09:00:00Z' }])
 *   .add({ userId: ['ben'], timestamp: [Date.UTC(2024, 2, 1, 17, 30)] });
 * const saved = JSON.stringify(shard1.state());
 * // Both users active on 2024-03-01 (day 19783); the latest event is ben's, 17:30 UTC.
 * JSON.parse(saved); // => { kind: 'customer-success-metrics/active-users', version: 2, timeZone: 'UTC', groupBy: false, asOf: null, latestEvent: 1709314200000, users: ['ana', 'ben'], groups: null, groupUnits: null, dayCounts: [1, 1], days: [19783, 19783] }
 * // Shard 2, elsewhere; then the saved state merges in.
 * const shard2 = activeUsersAccumulator(options).add([{ userId: 'ana', timestamp: '2024-03-03T08:00:00Z' }]);
 * const result = shard2.merge(JSON.parse(saved)).result();
 * result.days.map((d) => d.dau); // => [2, 0, 1]
 * result.days[2]; // => { date: '2024-03-03', complete: false, dau: 1, wau: 2, mau: 2, dauMau: 0.5, wauMau: 1 }
 * result.asOf; // => '2024-03-03T08:00:00.000Z'
 * ```
 */
export function activeUsersAccumulator<R>(
  options: ActiveUsersAccumulatorOptions<R> & { readonly groupBy: NonNullable<ActiveUsersOptions<R>['groupBy']> },
  state?: ActiveUsersState,
): ActiveUsersAccumulator<R, GroupedActiveUsersResult>;
export function activeUsersAccumulator<R>(options?: ActiveUsersAccumulatorOptions<R>, state?: ActiveUsersState): ActiveUsersAccumulator<R>;
export function activeUsersAccumulator<R>(options?: ActiveUsersAccumulatorOptions<R>, state?: ActiveUsersState): ActiveUsersAccumulator<R, ActiveUsersResult> {
  return new Accumulator<R>(options, state);
}
