import fc from 'fast-check';
import { describe, it } from 'vitest';
import { dayKey, monthKey, monthOfDay } from '../../../src/core/calendar.js';
import { zoneCalendar } from '../../../src/core/time-zone.js';
import { growthLifecycle } from '../../../src/lifecycle/index.js';
import { growthLifecycleSql } from '../../../src/sql/growth-lifecycle-sql.js';
import { assertConformance, type ConformanceCase, useEngines } from '../support/conformance.js';
import { asOfArbitrary, defined, type EventLog, eventLogArbitrary, eventsTable, type LogEvent, timestampSourceArbitrary } from '../support/event-logs.js';
import { growthSignupsArbitrary } from '../support/growth-tables.js';
import { signupsArbitrary, signupsTable, withEchoes, type SignupRow } from '../support/journey-tables.js';

const engines = useEngines();

/**
 * `from` and `to` near the log's days (a few days either side of an event's local day, as a
 * date, as its month, or as the event's instant), each given or not; `to` mostly on or
 * after `from`. A `to` or `from` after the day of `asOf` is an error both sides must report.
 */
function boundsArbitrary(log: EventLog): fc.Arbitrary<{ from: string | number | undefined; to: string | number | undefined }> {
  const calendar = zoneCalendar(log.timeZone, 'test');
  const days = log.events.map((e) => calendar.dayOf(e.timestamp));
  const near = fc.tuple(days.length === 0 ? fc.constant(19_800) : fc.constantFrom(...days), fc.integer({ min: -40, max: 3 })).map(([day, shift]) => day + shift);
  const spell = (day: number | null, how: 'day' | 'month' | 'instant') =>
    day === null ? undefined : how === 'month' ? monthKey(monthOfDay(day)) : how === 'instant' ? calendar.startOfDay(day) + 3_600_000 : dayKey(day);
  const how = fc.constantFrom('day' as const, 'month' as const, 'instant' as const);
  return fc
    .record({
      from: fc.oneof({ arbitrary: fc.constant(null), weight: 1 }, { arbitrary: near, weight: 1 }),
      // Mostly no `to` (the day of asOf): a given one is often after asOf, an error that tells little twice.
      to: fc.oneof({ arbitrary: fc.constant(null), weight: 3 }, { arbitrary: near, weight: 1 }),
      length: fc.integer({ min: -1, max: 30 }),
      fromHow: how,
      toHow: how,
    })
    .map(({ from, to, length, fromHow, toHow }) => ({
      from: spell(from, fromHow),
      to: spell(from !== null && to !== null ? from + length : to, toHow),
    }));
}

const DAY_MS = 86_400_000;

/**
 * Logs over the default 70 days, or dense ones, or long ones (gaps of months), with echoes:
 * copies of events a day, two, a week, two weeks, a month or two later, so that users come
 * back in the next period or after a gap of exactly one (where an off-by-one would show).
 */
const logs = fc
  .oneof(eventLogArbitrary(), eventLogArbitrary({ spanDays: 12, maxEvents: 40 }), eventLogArbitrary({ spanDays: 200, maxEvents: 40 }))
  .chain((log) => withEchoes(log, [1, 2, 3, 7, 14, 21, 31, 62].map((days) => days * DAY_MS)));

/**
 * growthLifecycle and growthLifecycleSql over the same log, signups and options: every
 * period and week start, from/to (days, months, instants; after asOf: an error), asOf
 * (none, a date, an instant), newBy (default, first activity, signup; signup without
 * signups: an error), signups or none (placed around each user's first active day, or
 * around any event; a table or a subquery, both instant types), both
 * event timestamp types, the user id column or the account id read as the user.
 */
const cases: fc.Arbitrary<ConformanceCase<unknown>> = logs.chain((log) =>
  fc
    .record({
      source: timestampSourceArbitrary,
      user: fc.constantFrom('userId' as const, 'accountId' as const),
      period: fc.constantFrom('day' as const, 'week' as const, 'month' as const),
      weekStartsOn: fc.option(fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const, 4 as const, 5 as const, 6 as const), { nil: undefined }),
      newBy: fc.constantFrom(undefined, undefined, undefined, 'first-activity' as const, 'signup' as const),
      withSignups: fc.constantFrom(true, true, true, false),
      signupTime: fc.constantFrom('timestamp' as const, 'epoch-ms' as const),
      signupSubquery: fc.boolean(),
      asOf: asOfArbitrary(log),
      bounds: boundsArbitrary(log),
    })
    .chain((o) => (o.withSignups ? fc.oneof(growthSignupsArbitrary(log, o.user), growthSignupsArbitrary(log, o.user), signupsArbitrary(log, o.user)) : fc.constant(null)).map((signups) => ({ ...o, signups })))
    .map(({ source, user, period, weekStartsOn, newBy, signups, signupTime, signupSubquery, asOf, bounds }) => {
      const shared = defined({ timeZone: log.timeZone, period, weekStartsOn, newBy, asOf, ...bounds });
      const tables = [eventsTable(log), ...(signups === null ? [] : [signupsTable(log, user, signups)])];
      const inProcessSignups = signups === null ? {} : { signups: signups.map((s: SignupRow) => ({ userId: s.id, signedUpAt: s.signedUpAt })) };
      const sqlSignups =
        signups === null
          ? {}
          : {
              signups: { ...(signupSubquery ? { subquery: 'SELECT * FROM signups' } : { table: 'signups' }), timestampType: signupTime },
              // The id column's default is `userId`: named only when it is another.
              signupFields: { ...(user === 'userId' ? {} : { id: user }), signedUpAt: signupTime === 'timestamp' ? 'signedUpAt' : 'signed_ms' },
            };
      return {
        tables,
        expected: () => growthLifecycle(log.events, { ...shared, userId: (e: LogEvent) => e[user], ...inProcessSignups }),
        build: (dialect) => growthLifecycleSql({ dialect, table: 'events', userId: user, ...source, ...shared, ...sqlSignups }),
      } satisfies ConformanceCase<unknown>;
    }),
);

describe('growthLifecycleSql: conformance with growthLifecycle', () => {
  it('decodes to the in-process result on every engine', async () => {
    await assertConformance(engines, cases);
  }, 600_000);
});
