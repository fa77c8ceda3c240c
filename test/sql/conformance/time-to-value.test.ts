import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { timeToValue } from '../../../src/lifecycle/index.js';
import { timeToValueSql } from '../../../src/sql/time-to-value-sql.js';
import { assertConformance, type ConformanceCase } from '../support/conformance.js';
import { openEngines, type Engine } from '../support/engines.js';
import { asOfArbitrary, eventLogArbitrary, eventsTable, timestampSourceArbitrary } from '../support/event-logs.js';
import { defined, journeySourceOptions, withEchoes, journeysOf, milestoneOf, signupsArbitrary, signupsTable, sqlMilestoneArbitrary } from '../support/journey-tables.js';

const DAY = 86_400_000;

let engines: Engine[] = [];
beforeAll(async () => {
  engines = await openEngines();
}, 120_000);
afterAll(async () => {
  for (const engine of engines) await engine.close();
});

/**
 * timeToValue on journeys(events, { signups, groupBy, timeZone }) with the equivalent
 * milestone, and timeToValueSql on the same tables: every milestone kind, signups or first
 * events, per user or per account, both timestamp types, asOf none / date / instant, both
 * units, horizons and confidence.
 */
const cases: fc.Arbitrary<ConformanceCase<unknown>> = eventLogArbitrary({ maxEvents: 40 }).chain((base) =>
  fc
    .record({
      key: fc.constantFrom('userId' as const, 'accountId' as const),
      withSignups: fc.boolean(),
      signupTime: fc.constantFrom('timestamp' as const, 'epoch-ms' as const),
      source: timestampSourceArbitrary,
      milestone: sqlMilestoneArbitrary,
      horizons: fc.option(fc.constantFrom([0, 0.5, 2], [1, 7, 30, 100]), { nil: undefined }),
      unit: fc.option(fc.constantFrom('days' as const, 'hours' as const), { nil: undefined }),
      confidence: fc.option(fc.constantFrom(0.8, 0.99), { nil: undefined }),
    })
    .chain((o) =>
      withEchoes(base, typeof o.milestone === 'object' && o.milestone.kind === 'eventCount' && o.milestone.withinDays !== undefined ? [o.milestone.withinDays * DAY] : [DAY]).chain((log) =>
        fc
          .record({ asOf: asOfArbitrary(log), signups: o.withSignups ? signupsArbitrary(log, o.key) : fc.constant(null) })
          .map(({ asOf, signups }) => ({ ...o, log, asOf, signups })),
      ),
    )
    .map(({ log, key, signups, signupTime, source, milestone, horizons, unit, confidence, asOf }) => {
      const shared = defined({ horizons, unit, confidence, asOf, timeZone: log.timeZone });
      const tables = [eventsTable(log), ...(signups === null ? [] : [signupsTable(log, key, signups)])];
      return {
        tables,
        expected: () => timeToValue(journeysOf(log, key, signups), milestoneOf(milestone), shared),
        build: (dialect) => timeToValueSql({ dialect, table: 'events', ...source, ...journeySourceOptions(key, signups, signupTime), ...shared, milestone }),
      } satisfies ConformanceCase<unknown>;
    }),
);

describe('timeToValueSql: conformance with timeToValue', () => {
  it('decodes to the in-process result on every engine', async () => {
    await assertConformance(engines, cases);
  }, 600_000);
});
