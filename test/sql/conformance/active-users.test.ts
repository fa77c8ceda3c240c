import fc from 'fast-check';
import { describe, it } from 'vitest';
import { activeUsers } from '../../../src/engagement/index.js';
import { activeUsersSql } from '../../../src/sql/index.js';
import { assertConformance, type ConformanceCase, useEngines } from '../support/conformance.js';
import { asOfArbitrary, defined, eventLogArbitrary, eventsTable, timestampSourceArbitrary } from '../support/event-logs.js';

const engines = useEngines();

/** activeUsers and activeUsersSql over the same log and options: windows, groupBy, from/to, asOf, both timestamp types. */
const cases: fc.Arbitrary<ConformanceCase<unknown>> = eventLogArbitrary().chain((log) =>
  fc
    .record({
      source: timestampSourceArbitrary,
      windows: fc.option(fc.integer({ min: 1, max: 10 }).chain((wau) => fc.record({ wau: fc.constant(wau), mau: fc.integer({ min: wau, max: 40 }) })), { nil: undefined }),
      groupBy: fc.option(fc.constant('accountId'), { nil: undefined }),
      asOf: asOfArbitrary(log),
      from: fc.option(fc.constantFrom('2024-03-09', '2024-03-31', '2024-11-01'), { nil: undefined }),
      to: fc.option(fc.constantFrom('2024-03-31', '2024-04-15', '2024-12-31'), { nil: undefined }),
    })
    .map(({ source, windows, groupBy, asOf, from, to }) => {
      const shared = defined({ timeZone: log.timeZone, windows, groupBy, asOf, from, to });
      return {
        tables: [eventsTable(log)],
        expected: () => activeUsers(log.events, shared),
        build: (dialect) => activeUsersSql({ dialect, table: 'events', userId: 'userId', ...source, ...shared }),
      } satisfies ConformanceCase<unknown>;
    }),
);

describe('activeUsersSql: conformance with activeUsers', () => {
  it('decodes to the in-process result on every engine', async () => {
    await assertConformance(engines, cases);
  }, 300_000);
});
