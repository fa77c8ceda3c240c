import fc from 'fast-check';
import { describe, it } from 'vitest';
import { featureAdoption } from '../../../src/engagement/index.js';
import { featureAdoptionSql } from '../../../src/sql/feature-adoption-sql.js';
import { assertConformance, type ConformanceCase, useEngines } from '../support/conformance.js';
import { asOfArbitrary, dayBoundsArbitrary, defined, EVENT_NAMES, type EventLog, eventLogArbitrary, eventsTable, type LogEvent, sortEvents, timestampSourceArbitrary } from '../support/event-logs.js';
import { withEchoes } from '../support/journey-tables.js';

const engines = useEngines();

const DAY_MS = 86_400_000;

/**
 * Logs over the default 70 days, or dense ones (many users active on neighbouring days),
 * with echoes: copies of events (under any name) the same day, a day, a week or a month
 * later, so that users use the feature more than once in a period and again in the next.
 */
const logs = fc
  .oneof(eventLogArbitrary(), eventLogArbitrary({ spanDays: 12, maxEvents: 40 }))
  .chain((log) => withEchoes(log, [0, 3_600_000, DAY_MS, 7 * DAY_MS, 31 * DAY_MS]))
  .chain(withRepeats);

/** The log with a few events repeated under their own name an hour or a day later: a user using a feature twice in a period. */
function withRepeats(log: EventLog): fc.Arbitrary<EventLog> {
  if (log.events.length === 0) return fc.constant(log);
  const repeat = fc.record({ index: fc.nat({ max: log.events.length - 1 }), offset: fc.constantFrom(3_600_000, DAY_MS) });
  return fc.array(repeat, { maxLength: 6 }).map((repeats) => {
    const added = repeats.map(({ index, offset }) => {
      const source = log.events[index] as LogEvent;
      return { ...source, timestamp: source.timestamp + offset };
    });
    return { ...log, events: sortEvents([...log.events, ...added]) };
  });
}

/** The feature: mostly a name the log has (so that it is used, often more than once), else any name or one never used. */
function featureArbitrary(log: EventLog): fc.Arbitrary<string> {
  const names = [...new Set(log.events.map((e) => e.name))];
  const any = fc.constantFrom(...EVENT_NAMES, 'never-used');
  return names.length === 0 ? any : fc.oneof({ arbitrary: fc.constantFrom(...names), weight: 3 }, { arbitrary: any, weight: 1 });
}

/** Who the users are: the user id column, or the account id read as the user (the in-process accessor reads the same field). */
const userColumns = fc.constantFrom('userId' as const, 'accountId' as const);

/**
 * featureAdoption and featureAdoptionSql over the same log and options: every feature
 * name (a hostile one included), no period (one row over the range) or every period and
 * week start, from/to (dates and months, cutting periods), asOf (none, a date, an
 * instant), confidence, both timestamp types, the user id column or another one read as
 * the user, a table or a subquery as the source.
 */
const cases: fc.Arbitrary<ConformanceCase<unknown>> = logs.chain((log) =>
  fc
    .record({
      source: timestampSourceArbitrary,
      subquery: fc.boolean(),
      user: userColumns,
      feature: featureArbitrary(log),
      period: fc.option(fc.constantFrom('day' as const, 'week' as const, 'month' as const), { nil: undefined }),
      weekStartsOn: fc.option(fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const, 4 as const, 5 as const, 6 as const), { nil: undefined }),
      confidence: fc.option(fc.constantFrom(0.8, 0.9, 0.99), { nil: undefined }),
      asOf: asOfArbitrary(log),
      bounds: dayBoundsArbitrary(log),
    })
    .map(({ source, subquery, user, feature, period, weekStartsOn, confidence, asOf, bounds }) => {
      const shared = defined({ timeZone: log.timeZone, feature, period, weekStartsOn, confidence, asOf, ...bounds });
      const from = subquery ? { subquery: 'SELECT * FROM events' } : { table: 'events' };
      return {
        tables: [eventsTable(log)],
        expected: () => featureAdoption(log.events, { ...shared, userId: (e: LogEvent) => e[user] }),
        build: (dialect) => featureAdoptionSql({ dialect, ...from, userId: user, name: 'name', ...source, ...shared }),
      } satisfies ConformanceCase<unknown>;
    }),
);

describe('featureAdoptionSql: conformance with featureAdoption', () => {
  it('decodes to the in-process result on every engine', async () => {
    await assertConformance(engines, cases);
  }, 300_000);
});
