import fc from 'fast-check';
import { describe, it } from 'vitest';
import { activeUsersByPeriod } from '../../../src/engagement/index.js';
import { activeUsersByPeriodSql } from '../../../src/sql/active-users-by-period-sql.js';
import { assertConformance, type ConformanceCase, useEngines } from '../support/conformance.js';
import { asOfArbitrary, dayBoundsArbitrary, defined, eventLogArbitrary, eventsTable, timestampSourceArbitrary } from '../support/event-logs.js';

const engines = useEngines();

/** Logs over the default 70 days, or dense ones (many users active on neighbouring days). */
const logs = fc.oneof(eventLogArbitrary(), eventLogArbitrary({ spanDays: 12, maxEvents: 40 }));

/**
 * activeUsersByPeriod and activeUsersByPeriodSql over the same log and options: every
 * period, every week start, groupBy, from/to (dates and months, cutting periods), asOf
 * (none, a date, an instant), both timestamp types.
 */
const cases: fc.Arbitrary<ConformanceCase<unknown>> = logs.chain((log) =>
  fc
    .record({
      source: timestampSourceArbitrary,
      period: fc.option(fc.constantFrom('day' as const, 'week' as const, 'month' as const), { nil: undefined }),
      weekStartsOn: fc.option(fc.constantFrom(0 as const, 1 as const, 2 as const, 3 as const, 4 as const, 5 as const, 6 as const), { nil: undefined }),
      groupBy: fc.option(fc.constant('accountId'), { nil: undefined }),
      asOf: asOfArbitrary(log),
      bounds: dayBoundsArbitrary(log),
    })
    .map(({ source, period, weekStartsOn, groupBy, asOf, bounds }) => {
      const shared = defined({ timeZone: log.timeZone, period, weekStartsOn, groupBy, asOf, ...bounds });
      return {
        tables: [eventsTable(log)],
        expected: () => activeUsersByPeriod(log.events, shared),
        build: (dialect) => activeUsersByPeriodSql({ dialect, table: 'events', userId: 'userId', ...source, ...shared }),
      } satisfies ConformanceCase<unknown>;
    }),
);

describe('activeUsersByPeriodSql: conformance with activeUsersByPeriod', () => {
  it('decodes to the in-process result on every engine', async () => {
    await assertConformance(engines, cases);
  }, 300_000);
});
