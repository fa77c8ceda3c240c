import fc from 'fast-check';
import { describe, it } from 'vitest';
import { stickiness } from '../../../src/engagement/index.js';
import { stickinessSql } from '../../../src/sql/stickiness-sql.js';
import { assertConformance, type ConformanceCase, useEngines } from '../support/conformance.js';
import { asOfArbitrary, dayBoundsArbitrary, defined, eventLogArbitrary, eventsTable, timestampSourceArbitrary } from '../support/event-logs.js';

const engines = useEngines();

/** Logs over the default 70 days, or dense ones (many users active on neighbouring days). */
const logs = fc.oneof(eventLogArbitrary(), eventLogArbitrary({ spanDays: 12, maxEvents: 40 }));

/**
 * stickiness and stickinessSql over the same log and options: the MAU window, thresholds
 * (each band reachable), groupBy, from/to, asOf (none: the engine finds the last complete
 * day; a date; an instant), both timestamp types.
 */
const cases: fc.Arbitrary<ConformanceCase<unknown>> = logs.chain((log) =>
  fc
    .record({
      source: timestampSourceArbitrary,
      windows: fc.option(fc.oneof(fc.constant({}), fc.record({ mau: fc.integer({ min: 1, max: 40 }) })), { nil: undefined }),
      thresholds: fc.option(
        fc.oneof(
          fc.record({ regular: fc.constantFrom(0, 0.25, 0.5) }),
          fc.record({ regular: fc.constantFrom(0, 0.1, 0.3), dailyHabit: fc.constantFrom(0.3, 0.5, 1) }),
        ),
        { nil: undefined },
      ),
      groupBy: fc.option(fc.constant('accountId'), { nil: undefined }),
      asOf: asOfArbitrary(log),
      bounds: dayBoundsArbitrary(log),
    })
    .map(({ source, windows, thresholds, groupBy, asOf, bounds }) => {
      const shared = defined({ timeZone: log.timeZone, windows, thresholds, groupBy, asOf, ...bounds });
      return {
        tables: [eventsTable(log)],
        expected: () => stickiness(log.events, shared),
        build: (dialect) => stickinessSql({ dialect, table: 'events', userId: 'userId', ...source, ...shared }),
      } satisfies ConformanceCase<unknown>;
    }),
);

describe('stickinessSql: conformance with stickiness', () => {
  it('decodes to the in-process result on every engine', async () => {
    await assertConformance(engines, cases);
  }, 300_000);
});
