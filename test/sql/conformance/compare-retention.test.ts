import fc from 'fast-check';
import { describe, it } from 'vitest';
import { compareRetention } from '../../../src/retention/index.js';
import { compareRetentionSql } from '../../../src/sql/compare-retention-sql.js';
import { assertConformance, type ConformanceCase, useEngines } from '../support/conformance.js';
import { defined, EVENT_NAMES, eventLogArbitrary } from '../support/event-logs.js';
import { DAY, journeyCaseArbitrary, journeySourceOptions, journeysOf, milestoneOf, sqlMilestoneArbitrary } from '../support/journey-tables.js';

const engines = useEngines();

/**
 * compareRetention on journeys(events, { signups, groupBy, timeZone }) with the equivalent
 * milestone, and compareRetentionSql on the same tables: every milestone kind, signups or
 * first events, per user or per account, both timestamp types, asOf none / date / instant,
 * activity, every confType.
 */
const cases: fc.Arbitrary<ConformanceCase<unknown>> = eventLogArbitrary({ maxEvents: 40 }).chain((base) =>
  journeyCaseArbitrary(
    base,
    {
      segment: sqlMilestoneArbitrary,
      landmarkDays: fc.constantFrom(0, 1, 3, 7, 10.5, 14),
      follow: fc.constantFrom(1, 5, 10, 30, 45.5),
      inactivityDays: fc.option(fc.constantFrom(0.5, 1, 3, 7, 14, 20), { nil: undefined }),
      retention: fc.boolean(),
      activity: fc.option(fc.constantFrom(...EVENT_NAMES), { nil: undefined }),
      confidence: fc.option(fc.constantFrom(0.8, 0.99), { nil: undefined }),
      confType: fc.option(fc.constantFrom('log' as const, 'log-log' as const, 'plain' as const), { nil: undefined }),
    },
    (o) => [o.landmarkDays * DAY, (o.inactivityDays ?? 14) * DAY, (o.landmarkDays + o.follow) * DAY],
  ).map(({ log, key, signups, signupTime, source, tables, segment, landmarkDays, follow, inactivityDays, retention, activity, confidence, confType, asOf }) => {
    const horizonDays = landmarkDays + follow;
    const shared = defined({
      landmarkDays,
      horizonDays,
      inactivityDays,
      retentionDays: retention ? [0, follow / 2, follow] : undefined,
      confidence,
      confType,
      asOf,
      activity,
    });
    return {
      tables,
      expected: () => compareRetention(journeysOf(log, key, signups), { ...shared, timeZone: log.timeZone, segment: milestoneOf(segment) }),
      build: (dialect) =>
        compareRetentionSql({ dialect, table: 'events', ...source, ...journeySourceOptions(key, signups, signupTime), timeZone: log.timeZone, ...shared, segment }),
    } satisfies ConformanceCase<unknown>;
  }),
);

describe('compareRetentionSql: conformance with compareRetention', () => {
  it('decodes to the in-process result on every engine', async () => {
    await assertConformance(engines, cases);
  }, 600_000);
});
