/**
 * Random event logs for the SQL conformance properties: string or integer ids, instants
 * that tie at local midnight (and 1 ms either side), DST days in America/New_York,
 * Europe/Berlin and Asia/Kolkata (no DST: a check that nothing assumes it), empty logs and
 * single events. One log is loaded into every engine as the table `events` and given to
 * the in-process function as rows, sorted by (timestamp, accountId, userId) so that ties
 * between groups keep the order the SQL decoders use (first event, then id).
 */
import fc from 'fast-check';
import { dayKey, monthKey, monthOfDay } from '../../../src/core/calendar.js';
import { compareIds } from '../../../src/core/id-order.js';
import { zoneCalendar } from '../../../src/core/time-zone.js';
import type { TableSpec } from './engines.js';

export const ZONES = ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata'] as const;
export type Zone = (typeof ZONES)[number];

/** One event: the in-process row (epoch ms timestamp) with the fields builders may read. */
export interface LogEvent {
  readonly userId: string | number;
  readonly accountId: string | number;
  readonly name: string;
  readonly timestamp: number;
}

export interface EventLog {
  readonly timeZone: Zone;
  readonly idKind: 'integer' | 'text';
  /** Sorted by (timestamp, accountId, userId). */
  readonly events: readonly LogEvent[];
}

/** Local day numbers around both DST changes of 2024 (2024-03-10 US, 2024-03-31 EU; 2024-11-03 US, 2024-10-27 EU). */
const ANCHOR_DAYS = [19_790, 19_812, 20_025, 20_032] as const; // 2024-03-07, 2024-03-29, 2024-10-28, 2024-11-04 (minus a few days)

export const EVENT_NAMES = ['open', 'export', 'aha', "we'ird; --name"] as const;
const TEXT_IDS = ['ana', 'ben', 'cy', "o'brien", 'zoë', 'ünï', '10', '2'] as const;

/** An instant near a local midnight of a day `offset` days after an anchor, in `zone`. */
function instantArbitrary(zone: Zone, spanDays: number): fc.Arbitrary<number> {
  const calendar = zoneCalendar(zone, 'test');
  return fc
    .record({
      anchor: fc.constantFrom(...ANCHOR_DAYS),
      offset: fc.integer({ min: 0, max: spanDays }),
      within: fc.oneof(
        fc.constant(0),
        fc.constant(-1),
        fc.constant(1),
        fc.integer({ min: 0, max: 86_399_999 }),
        fc.constantFrom(3_600_000, 2 * 3_600_000, 3 * 3_600_000, 23 * 3_600_000 + 59 * 60_000),
      ),
    })
    .map(({ anchor, offset, within }) => calendar.startOfDay(anchor + offset) + within);
}

/** Options of {@link eventLogArbitrary}. */
export interface EventLogOptions {
  /** Most events in a log (default 30). */
  readonly maxEvents?: number;
  /** Days the events spread over after an anchor (default 70). */
  readonly spanDays?: number;
  /** Most distinct users (default 6). */
  readonly maxUsers?: number;
}

/** A random event log in a random zone. */
export function eventLogArbitrary(options: EventLogOptions = {}): fc.Arbitrary<EventLog> {
  const { maxEvents = 30, spanDays = 70, maxUsers = 6 } = options;
  return fc
    .record({ timeZone: fc.constantFrom(...ZONES), idKind: fc.constantFrom('integer' as const, 'text' as const) })
    .chain(({ timeZone, idKind }) => {
      const user = idKind === 'integer' ? fc.integer({ min: 1, max: maxUsers }) : fc.constantFrom(...TEXT_IDS.slice(0, maxUsers));
      const account = idKind === 'integer' ? fc.integer({ min: 100, max: 102 }) : fc.constantFrom('acme', 'initech', "o'hare");
      const event = fc.record({ userId: user, accountId: account, name: fc.constantFrom(...EVENT_NAMES), timestamp: instantArbitrary(timeZone, spanDays) });
      return fc.array(event, { maxLength: maxEvents }).map((events) => ({ timeZone, idKind, events: sortEvents(events) }));
    });
}

/** Events by (timestamp, accountId, userId). */
export function sortEvents<E extends LogEvent>(events: readonly E[]): E[] {
  return [...events].sort((a, b) => a.timestamp - b.timestamp || compareIds(a.accountId, b.accountId) || compareIds(a.userId, b.userId));
}

/** The `events` table of a log: `userId`, `accountId` (integer or text), `name`, `timestamp` (timestamptz) and `ts_ms` (epoch ms, double). */
export function eventsTable(log: EventLog, name = 'events'): { spec: TableSpec; rows: Record<string, unknown>[] } {
  const id = log.idKind === 'integer' ? ('integer' as const) : ('text' as const);
  return {
    spec: {
      name,
      columns: [
        { name: 'userId', type: id },
        { name: 'accountId', type: id },
        { name: 'name', type: 'text' },
        { name: 'timestamp', type: 'timestamp' },
        { name: 'ts_ms', type: 'double' },
      ],
    },
    rows: log.events.map((e) => ({ userId: e.userId, accountId: e.accountId, name: e.name, timestamp: e.timestamp, ts_ms: e.timestamp })),
  };
}

/** Where a builder reads the timestamp: the `timestamp` column, or epoch ms in `ts_ms`. */
export const timestampSourceArbitrary = fc.constantFrom(
  { timestamp: 'timestamp', timestampType: 'timestamp' as const },
  { timestamp: 'ts_ms', timestampType: 'epoch-ms' as const },
);

/** An `asOf` for a log: none, a date (end of that local day), or an instant at / 1 ms before an event. */
export function asOfArbitrary(log: EventLog): fc.Arbitrary<string | number | undefined> {
  const calendar = zoneCalendar(log.timeZone, 'test');
  const instants = log.events.map((e) => e.timestamp);
  const choices: fc.Arbitrary<string | number | undefined>[] = [fc.constant(undefined)];
  if (instants.length > 0) {
    const pick = fc.constantFrom(...instants);
    choices.push(pick, pick.map((t) => t - 1), pick.map((t) => dayKey(calendar.dayOf(t))));
  }
  return fc.oneof(...choices);
}


/** `options` without its `undefined` values (options are exact: a key given as `undefined` is not the same type as one left out). */
export function defined<T extends object>(options: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}

/**
 * `from` and `to` on or near the log's days (an event's local day, often exactly, else a
 * few days either side; as a date or as its month), each given or not; `to` an event's day
 * or `from` plus a length (a day before `from` now and then, an error both sides must
 * report). Bounds on event days are where `<` for `<=` would show.
 */
export function dayBoundsArbitrary(log: EventLog): fc.Arbitrary<{ from: string | undefined; to: string | undefined }> {
  const calendar = zoneCalendar(log.timeZone, 'test');
  const days = log.events.map((e) => calendar.dayOf(e.timestamp));
  const shift = fc.oneof({ arbitrary: fc.constant(0), weight: 2 }, { arbitrary: fc.integer({ min: -3, max: 3 }), weight: 1 });
  const near = fc.tuple(days.length === 0 ? fc.constant(19_800) : fc.constantFrom(...days), shift).map(([day, by]) => day + by);
  const monthly = fc.constantFrom(false, false, false, true);
  const key = (day: number | null, month: boolean) => (day === null ? undefined : month ? monthKey(monthOfDay(day)) : dayKey(day));
  return fc
    .record({ from: fc.option(near), to: fc.option(near), length: fc.option(fc.integer({ min: -1, max: 45 })), fromMonth: monthly, toMonth: monthly })
    .map(({ from, to, length, fromMonth, toMonth }) => ({
      from: key(from, fromMonth && from !== null && to === null),
      to: key(from !== null && to !== null && length !== null ? from + length : to, toMonth && (length !== null || from === null)),
    }));
}
