import { feedBatches } from '../core/batches.js';
import { isEventColumns, type Events } from '../core/events.js';
import { optionsOf } from '../core/options.js';
import { accessorFor } from '../core/read.js';
import { readSignups, type SignupRows } from '../core/signups.js';
import { COHORT_RETENTION_OPTION_KEYS } from './cohort-retention.js';
import { readCohortSettings, type CohortSettings } from './internal/cohort-options.js';
import { CohortScanner } from './internal/cohort-scan.js';
import { mergeScanner, mergeState, readState, requireSettings, writeState } from './internal/cohort-state.js';
import { cohortTableOf } from './internal/cohort-table.js';
import type {
  CohortRetentionAccumulator,
  CohortRetentionAccumulatorOptions,
  CohortRetentionOptions,
  CohortRetentionResult,
  CohortRetentionState,
} from './types.js';

export type { CohortRetentionAccumulator, CohortRetentionAccumulatorOptions, CohortRetentionState } from './types.js';

const FN = 'cohortRetentionAccumulator';

class Accumulator<R> implements CohortRetentionAccumulator<R> {
  readonly scanner: CohortScanner<R>;
  readonly settings: CohortSettings;
  private readonly signups: SignupRows | null;

  constructor(options: CohortRetentionOptions<R, unknown> | undefined, state: unknown) {
    const opts = optionsOf(options, FN, COHORT_RETENTION_OPTION_KEYS);
    this.settings = readCohortSettings(FN, opts);
    accessorFor(opts.userId, 'userId', FN);
    accessorFor(opts.timestamp, 'timestamp', FN);
    if (this.settings.startEvent !== null) accessorFor(opts.name, 'name', FN);
    this.signups = this.settings.start === 'signup' ? readSignups(FN, opts.signups, opts.signupFields, this.settings.zone) : null;
    this.scanner = new CohortScanner<R>(FN, this.settings, opts);
    if (state !== undefined) this.merge(state as CohortRetentionState);
  }

  add(events: Events<R>): this {
    this.scanner.scan(events, 0);
    return this;
  }

  async addAsync(source: AsyncIterable<unknown> | Iterable<unknown>): Promise<this> {
    await feedBatches<Events<R>>(FN, 'events', source, isEventColumns, (batch, indexBase) => this.scanner.scan(batch, indexBase));
    return this;
  }

  merge(other: CohortRetentionState | CohortRetentionAccumulator<R>): this {
    if (other instanceof Accumulator) {
      const theirs = (other as Accumulator<unknown>).settings;
      requireSettings(FN, { timeZone: theirs.zone.timeZone, rolling: theirs.rolling, start: theirs.start, asOf: theirs.asOf }, this.settings);
      mergeScanner(this.scanner, (other as Accumulator<unknown>).scanner);
      return this;
    }
    // An accumulator of another copy of the library (an ESM and a CJS build, say) merges through its state.
    const given: unknown = other;
    const state = given !== null && typeof given === 'object' && !('kind' in given) && typeof (given as { state?: unknown }).state === 'function' ? (given as { state(): unknown }).state() : given;
    mergeState(this.scanner, readState(FN, state, this.settings));
    return this;
  }

  state(): CohortRetentionState {
    return writeState(this.scanner, this.settings);
  }

  result(): CohortRetentionResult {
    return cohortTableOf(this.settings, this.scanner, this.signups);
  }
}

/**
 * An accumulator of cohort retention: {@link cohortRetention} computed incrementally, from
 * batches or an async stream, with a state that serializes to JSON and merges with the
 * states of other shards (worker threads, serverless invocations, files read in parallel).
 *
 * Definition: the state holds, per user, the distinct local days with activity (with
 * `rolling`, the local half-days with their earliest and latest event instant, which fix
 * the 24-hour windows they touch) and, with an event `start`, the same for that event, and
 * the latest event instant (the default `asOf`); `result()` is exactly
 * `cohortRetention(allEvents, options)` (see there for cohorts, intervals, modes, `asOf`
 * (inclusive; a date is the end of that local day), completeness and the mean row, after
 * Amplitude's retention analysis). Merging is a
 * union of these sets and a maximum of the latest instants, so for any split of the events
 * into parts, merging the parts' states gives the result of the whole, and merging is
 * associative, commutative and idempotent. `timeZone`, `rolling`, `start` and `asOf` shape
 * the state (events after `asOf` are left out) and must match to merge; `cohort`,
 * `interval`, `lastPeriod`, `mode`, `brackets`, `recurring` and `weekStartsOn` shape only the
 * result, so shards may differ in them and the accumulator that calls `result()` decides.
 * Signups (`start: 'signup'`) are read once at creation and used by `result()`, never
 * stored in the state: give the full table to the accumulator that computes the result
 * (users who signed up without events count there); shards may pass `signups: []`.
 *
 * Cost: `add` is O(events) with no allocation per event (as {@link cohortRetention});
 * `merge` O(ids + user-days) of the other side, plus the sort within each user that
 * interleaved days need; `state()` O(user-days + ids log ids) (the id sort gives the
 * canonical order); `result()` as {@link cohortRetention} after its scan. Memory
 * O(users + user-days) (rolling: user half-days), never per event.
 *
 * Edge cases: an accumulator with no events gives the empty table (`cohorts: []`, `asOf:
 * null` and `asOfDate: null` unless given). A state may list users and days in any order
 * and repeat them; it is read as a union.
 *
 * @param options As for {@link cohortRetention}, validated at creation (signups included;
 * an unknown key is `unknown-option`, a `null` value `invalid-option`).
 * @param state A state to start from (from `state()`, possibly through JSON).
 * @throws {MetricsInputError} as {@link cohortRetention} for bad options or signups (at
 * creation) and bad events (in `add`, `addAsync`); `invalid-state` (path `state` or
 * `state.<field>`) for a malformed state, one of another kind or version, or one built with
 * another `timeZone`, `rolling`, `start` or `asOf`.
 *
 * @example
 * ```ts
 * import { cohortRetentionAccumulator } from 'customer-success-metrics/retention';
 * // Data complete through the end of March 6 (UTC).
 * const options = { cohort: 'day', interval: 'day', lastPeriod: 2, asOf: '2024-03-06' } as const;
 * // Shard 1 gets two batches: rows, then columns.
 * const shard1 = cohortRetentionAccumulator(options)
 *   .add([{ userId: 'ana', timestamp: '2024-03-04T09:00:00Z' }, { userId: 'ana', timestamp: '2024-03-05T09:00:00Z' }])
 *   .add({ userId: ['ben', 'ben'], timestamp: [Date.UTC(2024, 2, 4, 18), Date.UTC(2024, 2, 6, 10)] });
 * const saved = JSON.stringify(shard1.state());
 * JSON.parse(saved); // => { kind: 'customer-success-metrics/cohort-retention', version: 1, timeZone: 'UTC', rolling: false, start: 'first-activity', asOf: 1709769599999, latest: 1709719200000, users: ['ana', 'ben'], dayCounts: [2, 2], days: [19786, 19787, 19786, 19788], first: null, last: null, startCounts: null, startDays: null, startFirst: null }
 * // Shard 2, elsewhere; then the saved state merges in.
 * const shard2 = cohortRetentionAccumulator(options).add([{ userId: 'cy', timestamp: '2024-03-05T12:00:00Z' }]);
 * const table = shard2.merge(JSON.parse(saved)).result();
 * table.cohorts.map((c) => [c.cohort, c.complete, c.size, c.counts]);
 * // => [['2024-03-04', true, 2, [2, 1, 1]], ['2024-03-05', true, 1, [1, 0, null]]]
 * table.mean.rates; // ~> [1, 0.333, 0.5]
 * table.asOfDate; // => '2024-03-06'
 * ```
 */
export function cohortRetentionAccumulator<R, S = unknown>(options: CohortRetentionAccumulatorOptions<R, S>, state?: CohortRetentionState): CohortRetentionAccumulator<R> {
  return new Accumulator<R>(options as CohortRetentionOptions<R, unknown>, state);
}
