/**
 * Signups tables for the SQL conformance property of cohortRetentionSql, drawn from an event
 * log: some of the log's users and some without any event, each once; signup instants near
 * the log's dates in the log's zone: exactly an event's instant (a tie with it) or 1 ms
 * either side, a local midnight a few days before or after an event's day (a tie at local
 * midnight) or 1 ms either side, or an hour or 13 hours in; more often near the user's own
 * first event, and now and then at the latest event (the default `asOf`: the signup counts)
 * or 1 ms after it (it does not). The id column is of the log's id type or (rarely) of the
 * other one (so `'10'` meets the events' `10` as text, and in-process they are different
 * users); now and then one defect (a NULL id or instant, an id twice), to compare the error
 * codes. Column names are the defaults or hostile ones.
 */
import fc from 'fast-check';
import { zoneCalendar } from '../../../src/core/time-zone.js';
import type { TableSpec } from './engines.js';
import type { EventLog } from './event-logs.js';

/** A signups table to load, and the same rows as the in-process function reads them. */
export interface SignupsCase {
  readonly table: {
    readonly spec: TableSpec;
    readonly rows: Record<string, unknown>[];
  };
  /** The rows for the in-process function (keys = the column names). */
  readonly records: Record<string, unknown>[];
  /** Column names: the id, the instant as a timestamp, the instant as epoch ms (a double). */
  readonly columns: {
    readonly id: string;
    readonly at: string;
    readonly ms: string;
  };
  /** The signup instants (for an `asOf` at one of them). */
  readonly instants: number[];
}

const HOSTILE = {
  id: ['userId', 'user "id"', 'who`; --'],
  at: ['signedUpAt', 'signed up/*at*/', "s'at"],
  ms: ['signed_ms', 'ms; --', 'm"s'],
} as const;

const EXTRA_TEXT_IDS = ['dee', 'zoë', '7', "o'neil"] as const;
const EXTRA_INT_IDS = [7, 8, 103] as const;

/** Signups for the log's users and a few more, instants near the log's dates. */
export function signupsArbitrary(log: EventLog, name = 'signups'): fc.Arbitrary<SignupsCase> {
  const calendar = zoneCalendar(log.timeZone, 'test');
  const seen = [...new Set(log.events.map((e) => e.userId))];
  const pool = [...new Set<string | number>([...seen, ...(log.idKind === 'integer' ? EXTRA_INT_IDS : EXTRA_TEXT_IDS)])];
  const instants = log.events.map((e) => e.timestamp);
  const base = instants.length > 0 ? fc.constantFrom(...instants) : fc.constant(calendar.startOfDay(19_800));
  // Near any event of the log, or (more often) near the user's own first event, so that activity follows.
  const near = (first: fc.Arbitrary<number>): fc.Arbitrary<number> =>
    fc.oneof(
      fc.record({ at: first, within: fc.constantFrom(0, -1, 1) }).map(({ at, within }) => at + within),
      fc
        .record({
          at: first,
          days: fc.integer({ min: -3, max: 3 }),
          within: fc.constantFrom(0, 0, -1, 1, 3_600_000, 13 * 3_600_000),
        })
        .map(({ at, days, within }) => calendar.startOfDay(calendar.dayOf(at) + days) + within),
    );
  // Also at the latest event (the default asOf: a signup then counts) or 1 ms after it (it does not).
  const latest = instants.length > 0 ? [fc.constantFrom(Math.max(...instants), Math.max(...instants) + 1)] : [];
  const instantOf = (user: string | number): fc.Arbitrary<number> => {
    const own = log.events.find((e) => e.userId === user);
    return fc.oneof(near(base), ...latest, ...(own === undefined ? [] : [near(fc.constant(own.timestamp)), near(fc.constant(own.timestamp))]));
  };
  return fc
    .record({
      ids: fc.subarray(pool),
      otherIdType: fc.integer({ min: 0, max: 7 }).map((n) => n === 0),
      defect: fc.oneof(
        { weight: 15, arbitrary: fc.constant('none' as const) },
        {
          weight: 1,
          arbitrary: fc.constantFrom('null-id' as const, 'null-at' as const, 'duplicate' as const),
        },
      ),
      id: fc.constantFrom(...HOSTILE.id),
      at: fc.constantFrom(...HOSTILE.at),
      ms: fc.constantFrom(...HOSTILE.ms),
    })
    .chain(({ ids, otherIdType, defect, id, at, ms }) =>
      fc.tuple(...ids.map((user) => instantOf(user))).map((times) => {
        const intIds = (log.idKind === 'integer') !== otherIdType;
        const asType = (value: string | number): string | number =>
          intIds ? (typeof value === 'number' ? value : /^\d+$/.test(value) ? Number(value) : 200 + pool.indexOf(value)) : String(value);
        const rows: Record<string, unknown>[] = ids.map((user, i) => ({
          [id]: asType(user),
          [at]: times[i] as number,
          [ms]: times[i] as number,
        }));
        if (rows.length > 0 && defect !== 'none') {
          const row = rows[rows.length - 1] as Record<string, unknown>;
          if (defect === 'null-id') row[id] = null;
          else if (defect === 'null-at') {
            row[at] = null;
            row[ms] = null;
          } else rows.push({ ...(rows[0] as Record<string, unknown>) });
        }
        return {
          table: {
            spec: {
              name,
              columns: [
                {
                  name: id,
                  type: intIds ? ('integer' as const) : ('text' as const),
                },
                { name: at, type: 'timestamp' as const },
                { name: ms, type: 'double' as const },
              ],
            },
            rows,
          },
          records: rows.map((row) => ({ ...row })),
          columns: { id, at, ms },
          instants: rows.flatMap((row) => (typeof row[at] === 'number' ? [row[at] as number] : [])),
        };
      }),
    );
}
