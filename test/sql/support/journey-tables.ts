/**
 * Journeys for the SQL conformance properties of the journey builders: a signups table
 * beside the events (some ids with events, some without, instants before, between and after
 * the ids' events, at local midnight ±1 ms), data-driven milestones with their in-process
 * equivalent (`hasEvent`, `eventCount`, `activeDays` built from the same name and counts),
 * and the journeys the in-process functions read (`journeys(events, { signups, groupBy,
 * timeZone })`).
 */
import fc from 'fast-check';
import { activeDays, eventCount, hasEvent, journeys, type Journey, type Milestone } from '../../../src/lifecycle/index.js';
import { zoneCalendar } from '../../../src/core/time-zone.js';
import type { SqlMilestone } from '../../../src/sql/types.js';
import type { TableSpec } from './engines.js';
import { asOfArbitrary, EVENT_NAMES, eventsTable, sortEvents, timestampSourceArbitrary, type EventLog } from './event-logs.js';

/** One day in milliseconds. */
export const DAY = 86_400_000;

/** What every journey case draws besides the builder's own options: its log, key, signups and sources, and the tables to load. */
export interface JourneyCase {
  /** The log, with the echoes of the boundaries added. */
  readonly log: EventLog;
  readonly key: 'userId' | 'accountId';
  /** The signups (`null`: none, journeys start at their first event). */
  readonly signups: SignupRow[] | null;
  readonly signupTime: 'timestamp' | 'epoch-ms';
  /** Where the builder reads the events' timestamps. */
  readonly source: { readonly timestamp: string; readonly timestampType: 'timestamp' | 'epoch-ms' };
  readonly asOf: string | number | undefined;
  /** The events table, and the signups table when there are signups. */
  readonly tables: { spec: TableSpec; rows: Record<string, unknown>[] }[];
}

/**
 * A journey case on `base`: per user or per account, signups or first events (signups'
 * instants as timestamps or epoch ms), both event timestamp types, asOf none / date /
 * instant, and the builder's own options `own`; the log gets echoes of its events shifted
 * by `echoes(drawn options)` (see {@link withEchoes}).
 */
export function journeyCaseArbitrary<O extends object>(
  base: EventLog,
  own: { [K in keyof O]: fc.Arbitrary<O[K]> },
  echoes: (options: O) => readonly number[],
): fc.Arbitrary<O & JourneyCase> {
  const model = {
    key: fc.constantFrom('userId' as const, 'accountId' as const),
    withSignups: fc.boolean(),
    signupTime: fc.constantFrom('timestamp' as const, 'epoch-ms' as const),
    source: timestampSourceArbitrary,
    ...own,
  };
  const drawn = fc.record(model as Record<string, fc.Arbitrary<unknown>>) as unknown as fc.Arbitrary<
    O & { key: JourneyCase['key']; withSignups: boolean; signupTime: JourneyCase['signupTime']; source: JourneyCase['source'] }
  >;
  return drawn.chain((o) =>
    withEchoes(base, echoes(o)).chain((log) =>
      fc.record({ asOf: asOfArbitrary(log), signups: o.withSignups ? signupsArbitrary(log, o.key) : fc.constant(null) }).map(({ asOf, signups }) => ({
        ...o,
        log,
        asOf,
        signups,
        tables: [eventsTable(log), ...(signups === null ? [] : [signupsTable(log, o.key, signups)])],
      })),
    ),
  );
}

/** A signup row: the journey id under `userId` or `accountId`, the instant in epoch ms. */
export interface SignupRow {
  readonly id: string | number;
  readonly signedUpAt: number;
}

const EXTRA_TEXT_IDS = ['ana', 'dee', 'zoë', '7'] as const;
const EXTRA_INT_IDS = [1, 2, 7, 103] as const;

/** Signups for a log: a few of its ids and a few ids without events, each once. */
export function signupsArbitrary(log: EventLog, key: 'userId' | 'accountId'): fc.Arbitrary<SignupRow[]> {
  const calendar = zoneCalendar(log.timeZone, 'test');
  const seen = [...new Set(log.events.map((e) => e[key]))];
  const pool = [...new Set<string | number>([...seen, ...(log.idKind === 'integer' ? EXTRA_INT_IDS : EXTRA_TEXT_IDS)])];
  const instants = log.events.map((e) => e.timestamp);
  const base = instants.length > 0 ? fc.constantFrom(...instants) : fc.constant(calendar.startOfDay(19_800));
  const instant = fc
    .record({ at: base, days: fc.integer({ min: -5, max: 5 }), within: fc.constantFrom(0, -1, 1, 3_600_000) })
    .map(({ at, days, within }) => calendar.startOfDay(calendar.dayOf(at) + days) + within);
  return fc.subarray(pool).chain((ids) => fc.tuple(...ids.map(() => instant)).map((list) => ids.map((id, i) => ({ id, signedUpAt: list[i] as number }))));
}

/** The signups table: the id column (named as the journey key), `signedUpAt` (timestamptz) and `signed_ms` (epoch ms). */
export function signupsTable(log: EventLog, key: 'userId' | 'accountId', rows: readonly SignupRow[], name = 'signups'): { spec: TableSpec; rows: Record<string, unknown>[] } {
  const id = log.idKind === 'integer' ? ('integer' as const) : ('text' as const);
  return {
    spec: {
      name,
      columns: [
        { name: key, type: id },
        { name: 'signedUpAt', type: 'timestamp' },
        { name: 'signed_ms', type: 'double' },
      ],
    },
    rows: rows.map((r) => ({ [key]: r.id, signedUpAt: r.signedUpAt, signed_ms: r.signedUpAt })),
  };
}

/** The journeys the in-process functions read, as `journeys()` builds them from the log (and signups). */
export function journeysOf(log: EventLog, key: 'userId' | 'accountId', signups: readonly SignupRow[] | null): Journey[] {
  return journeys(log.events, {
    timeZone: log.timeZone,
    ...(key === 'accountId' ? { groupBy: 'accountId' } : {}),
    ...(signups === null ? {} : { signups: signups.map((s) => ({ [key]: s.id, signedUpAt: s.signedUpAt })) }),
  }) as Journey[];
}

/** A data-driven milestone of every kind, with and without windows. */
export const sqlMilestoneArbitrary: fc.Arbitrary<SqlMilestone> = fc.oneof(
  fc.constantFrom(...EVENT_NAMES),
  fc.record({ kind: fc.constant('hasEvent' as const), event: fc.constantFrom(...EVENT_NAMES) }),
  fc.record(
    { kind: fc.constant('eventCount' as const), event: fc.constantFrom(...EVENT_NAMES), atLeast: fc.integer({ min: 1, max: 4 }), withinDays: fc.constantFrom(1, 3, 7.5, 20) },
    { requiredKeys: ['kind', 'event', 'atLeast'] },
  ),
  fc.record(
    { kind: fc.constant('activeDays' as const), atLeast: fc.integer({ min: 1, max: 4 }), windowDays: fc.integer({ min: 1, max: 20 }), timeZone: fc.constantFrom('UTC', 'Asia/Kolkata', 'America/New_York') },
    { requiredKeys: ['kind', 'atLeast'] },
  ),
);

/** The in-process milestone equivalent to a data-driven one: the factory of the same name with the same arguments. */
export function milestoneOf(m: SqlMilestone): Milestone {
  if (typeof m === 'string') return hasEvent(m);
  if (m.kind === 'hasEvent') return hasEvent(m.event);
  if (m.kind === 'eventCount') return eventCount(m.event, { atLeast: m.atLeast, ...(m.withinDays === undefined ? {} : { withinDays: m.withinDays }) });
  return activeDays({ atLeast: m.atLeast, ...(m.windowDays === undefined ? {} : { windowDays: m.windowDays }), ...(m.timeZone === undefined ? {} : { timeZone: m.timeZone }) });
}

/** The journey source options of a case: the key, and the signups table when there is one. */
export function journeySourceOptions(key: 'userId' | 'accountId', signups: readonly SignupRow[] | null, signupTime: 'timestamp' | 'epoch-ms'): Record<string, unknown> {
  return {
    ...(key === 'accountId' ? { groupBy: 'accountId' } : { userId: 'userId' }),
    ...(signups === null
      ? {}
      : { signups: { table: 'signups', timestampType: signupTime }, signupFields: { signedUpAt: signupTime === 'timestamp' ? 'signedUpAt' : 'signed_ms' } }),
  };
}

/**
 * The log with a few more events, each a copy of an event shifted by one of `offsetsMs`
 * (the landmark, a target bound, the inactivity gap, ±1 ms), under any name: so that
 * instants fall exactly on the boundaries the builders compare with `<` or `<=`.
 */
export function withEchoes(log: EventLog, offsetsMs: readonly number[]): fc.Arbitrary<EventLog> {
  if (log.events.length === 0 || offsetsMs.length === 0) return fc.constant(log);
  // Half the copies shift a journey's first event (its start, without a signup), by user and by account.
  const firsts = [...new Set([...firstIndexes(log, 'userId'), ...firstIndexes(log, 'accountId')])];
  const echo = fc.record({
    index: fc.oneof(fc.nat({ max: log.events.length - 1 }), fc.constantFrom(...firsts)),
    offset: fc.constantFrom(...offsetsMs),
    nudge: fc.constantFrom(0, 0, -1, 1),
    name: fc.constantFrom(...EVENT_NAMES),
  });
  return fc.array(echo, { maxLength: 8 }).map((echoes) => {
    const added = echoes.map(({ index, offset, nudge, name }) => {
      const source = log.events[index] as EventLog['events'][number];
      return { ...source, name, timestamp: source.timestamp + offset + nudge };
    });
    return { ...log, events: sortEvents([...log.events, ...added]) };
  });
}

function firstIndexes(log: EventLog, key: 'userId' | 'accountId'): number[] {
  const seen = new Map<string | number, number>();
  log.events.forEach((e, i) => {
    if (!seen.has(e[key])) seen.set(e[key], i);
  });
  return [...seen.values()];
}
