import fc from 'fast-check';
import { describe, it } from 'vitest';
import { timeToValue } from '../../../src/lifecycle/index.js';
import { timeToValueSql } from '../../../src/sql/time-to-value-sql.js';
import { assertConformance, type ConformanceCase, useEngines } from '../support/conformance.js';
import { defined, eventLogArbitrary } from '../support/event-logs.js';
import { DAY, journeyCaseArbitrary, journeySourceOptions, journeysOf, milestoneOf, sqlMilestoneArbitrary } from '../support/journey-tables.js';

const engines = useEngines();

/**
 * timeToValue on journeys(events, { signups, groupBy, timeZone }) with the equivalent
 * milestone, and timeToValueSql on the same tables: every milestone kind, signups or first
 * events, per user or per account, both timestamp types, asOf none / date / instant, both
 * units, horizons and confidence.
 */
const cases: fc.Arbitrary<ConformanceCase<unknown>> = eventLogArbitrary({ maxEvents: 40 }).chain((base) =>
  journeyCaseArbitrary(
    base,
    {
      milestone: sqlMilestoneArbitrary,
      horizons: fc.option(fc.constantFrom([0, 0.5, 2], [1, 7, 30, 100]), { nil: undefined }),
      unit: fc.option(fc.constantFrom('days' as const, 'hours' as const), { nil: undefined }),
      confidence: fc.option(fc.constantFrom(0.8, 0.99), { nil: undefined }),
    },
    (o) => (typeof o.milestone === 'object' && o.milestone.kind === 'eventCount' && o.milestone.withinDays !== undefined ? [o.milestone.withinDays * DAY] : [DAY]),
  ).map(({ log, key, signups, signupTime, source, tables, milestone, horizons, unit, confidence, asOf }) => {
    const shared = defined({ horizons, unit, confidence, asOf, timeZone: log.timeZone });
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
