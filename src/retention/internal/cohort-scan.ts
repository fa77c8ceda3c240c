/**
 * The scan phase of cohort retention: events (in one call or in batches) to a compact
 * per-user summary, shared by `cohortRetention` and `cohortRetentionAccumulator`.
 *
 * The summary is what the table needs and nothing that depends on the table's shape:
 * per user the distinct local active days (with `rolling`: the local half-day blocks with
 * their earliest and latest instant), with an event `start` the same for the start events,
 * and the latest instant seen. Events after a given `asOf` are validated and left out.
 * So it depends on `timeZone`, `rolling`, `start` and `asOf` only; cohort, interval,
 * lastPeriod, mode, brackets, recurring and weekStartsOn are read by the compute phase.
 * @internal
 */

import { MS_PER_DAY } from '../../core/calendar.js';
import { addColumnDays } from '../../core/column-days.js';
import { scanEvents, isEventColumns, type EventAccessors, type Events } from '../../core/events.js';
import { IdCodes, accessorFor } from '../../core/read.js';
import type { Accessor } from '../../core/types.js';
import { UnitDaysBuilder, type UnitDays } from '../../core/unit-days.js';
import type { CohortSettings } from './cohort-options.js';
import { UnitSpansBuilder, type UnitSpans } from './cohort-spans.js';

const HALF_DAY = MS_PER_DAY / 2;

/** The scan phase's output: activity (and start events) per user code. */
export interface CohortSummary {
  /** Number of user codes covered (codes without data have empty lists). */
  readonly units: number;
  /** Distinct local active days per user (calendar intervals), else `null`. */
  readonly days: UnitDays | null;
  /** Half-day blocks per user with earliest and latest instants (rolling), else `null`. */
  readonly spans: UnitSpans | null;
  /** Days of the start event per user (event start, calendar), else `null`. */
  readonly startDays: UnitDays | null;
  /** Blocks of the start event per user (event start, rolling), else `null`. */
  readonly startSpans: UnitSpans | null;
}

/** The accessors the scan reads: user id, timestamp and, for an event start, the name. */
export interface CohortScanAccessors<R> extends EventAccessors<R> {
  readonly name?: Accessor<R, unknown>;
}

/** The half-day block of an instant on local day `day`: 2 × day, plus 1 from local noon on. */
export function blockOf(instant: number, day: number, offset: number): number {
  return day * 2 + ((((instant + offset) % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY >= HALF_DAY ? 1 : 0);
}

/**
 * Collects the summary from batches of events. Codes, name codes and builders carry
 * over from one batch to the next, so scanning in batches equals scanning once.
 */
export class CohortScanner<R> {
  /** User ids by code. */
  readonly users = new IdCodes();
  /** Event-name codes (event start only), continued across batches. */
  private names: IdCodes | undefined;
  private readonly days: UnitDaysBuilder | null;
  private readonly spans: UnitSpansBuilder | null;
  private readonly startDays: UnitDaysBuilder | null;
  private readonly startSpans: UnitSpansBuilder | null;
  /** Latest instant kept; -Infinity when none. */
  private maxInstant = Number.NEGATIVE_INFINITY;
  /** Code of the start event's name once seen, else -1; name codes below `knownNames` were checked. */
  private startCode = -1;
  private knownNames = 0;
  private readonly fn: string;
  private readonly settings: CohortSettings;
  private readonly accessors: CohortScanAccessors<R>;

  constructor(fn: string, settings: CohortSettings, accessors: CohortScanAccessors<R>) {
    this.fn = fn;
    this.settings = settings;
    this.accessors = accessors;
    const { rolling, startEvent } = settings;
    this.days = rolling ? null : new UnitDaysBuilder();
    this.spans = rolling ? new UnitSpansBuilder() : null;
    this.startDays = startEvent !== null && !rolling ? new UnitDaysBuilder() : null;
    this.startSpans = startEvent !== null && rolling ? new UnitSpansBuilder() : null;
  }

  /**
   * Reads a batch of events; `indexBase` is the batch's position in a stream, for error
   * paths. O(events), no allocation per event.
   *
   * @throws {MetricsInputError} for a bad record, user id, timestamp or (event start) name.
   */
  scan(events: Events<R>, indexBase: number): void {
    const { fn, settings } = this;
    const { zone, startEvent } = settings;
    const limit = settings.asOf ?? Number.POSITIVE_INFINITY;
    const days = this.days;
    const spans = this.spans;
    const startDays = this.startDays;
    const startSpans = this.startSpans;
    let latest = this.maxInstant;
    let startCode = this.startCode;
    let knownNames = this.knownNames;
    let lastName: unknown;
    let group: { field: string; accessor: Accessor<R, unknown> | undefined } | undefined;
    let nameColumn: ArrayLike<unknown> | undefined;
    if (startEvent !== null) {
      if (isEventColumns(events)) {
        nameColumn = (events as { name?: ArrayLike<unknown> }).name;
        group = { field: 'name', accessor: undefined };
      } else {
        const readName = accessorFor<R>(this.accessors.name, 'name', fn);
        group = { field: 'name', accessor: (record, i) => (lastName = readName(record, i)) };
      }
      this.names ??= new IdCodes();
    }
    // Typed columns, calendar intervals, no start event, no asOf: distinct user-days from
    // a bitmap (core/column-days.ts), without a call per event.
    if (days !== null && startEvent === null && settings.asOf === null && isEventColumns(events)) {
      const last = addColumnDays(events.userId, events.timestamp, zone, this.users, days);
      if (last !== null) {
        if (last > this.maxInstant) this.maxInstant = last;
        return;
      }
    }
    const spec = { fn, collection: 'events', accessors: this.accessors, group, users: this.users, groups: this.names, indexBase };
    try {
      scanEvents(events, spec, zone, (user, instant, name, index) => {
        // Every new name code is checked once, at its first event, even one after asOf.
        if (startCode < 0 && startEvent !== null && name >= knownNames) {
          knownNames = name + 1;
          const given = nameColumn === undefined ? lastName : nameColumn[index];
          if (given === startEvent) startCode = name;
        }
        if (instant > limit) return;
        if (instant > latest) latest = instant;
        const day = zone.dayOf(instant);
        let block = 0;
        if (spans !== null) {
          block = blockOf(instant, day, zone.offsetAt(instant));
          spans.add(user, block, instant);
        } else {
          (days as UnitDaysBuilder).add(user, day);
        }
        if (startEvent === null || name !== startCode) return;
        if (startSpans !== null) startSpans.add(user, block, instant);
        else (startDays as UnitDaysBuilder).add(user, day);
      });
    } finally {
      // Events read before a bad record stay added, as in a batch that was split there.
      this.maxInstant = latest;
      this.startCode = startCode;
      this.knownNames = knownNames;
    }
  }

  /** Adds an active day (calendar) of user `user`, from a state. */
  addDay(user: number, day: number): void {
    (this.days as UnitDaysBuilder).add(user, day);
  }

  /** Adds an active block (rolling) of `user` with its earliest and latest instants, from a state. */
  addBlock(user: number, block: number, first: number, last: number): void {
    const spans = this.spans as UnitSpansBuilder;
    spans.add(user, block, first);
    spans.add(user, block, last);
  }

  /** Adds a start-event day (calendar) of `user`, from a state. */
  addStartDay(user: number, day: number): void {
    (this.startDays as UnitDaysBuilder).add(user, day);
  }

  /** Adds a start-event block (rolling) of `user` with its earliest instant, from a state. */
  addStartBlock(user: number, block: number, first: number): void {
    (this.startSpans as UnitSpansBuilder).add(user, block, first);
  }

  /** Raises the latest instant seen to `t`, from a state. */
  addLatest(t: number): void {
    if (t > this.maxInstant) this.maxInstant = t;
  }

  /** The latest event instant kept (at or before `asOf`); `null` when none. */
  get latest(): number | null {
    return this.maxInstant === Number.NEGATIVE_INFINITY ? null : this.maxInstant;
  }

  /**
   * The summary over `units` user codes (at least every code seen). The scanner stays
   * usable. O(user-days) after the builders' compaction.
   */
  summary(units: number): CohortSummary {
    const count = Math.max(units, this.users.size);
    const days = this.days === null ? null : this.days.build(count);
    const spans = this.spans === null ? null : this.spans.build(count);
    return {
      units: count,
      days,
      spans,
      startDays: this.startDays === null ? null : this.startDays.build(count),
      startSpans: this.startSpans === null ? null : this.startSpans.build(count),
    };
  }
}
