import fc from 'fast-check';
import { describe, it } from 'vitest';
import { findAha } from '../../../src/retention/index.js';
import { findAhaSql } from '../../../src/sql/find-aha-sql.js';
import { assertConformance, type ConformanceCase, useEngines } from '../support/conformance.js';
import { asOfArbitrary, defined, EVENT_NAMES, eventLogArbitrary, eventsTable, timestampSourceArbitrary } from '../support/event-logs.js';
import { journeySourceOptions, withEchoes, journeysOf, signupsArbitrary, signupsTable } from '../support/journey-tables.js';

const DAY = 86_400_000;

const engines = useEngines();

const candidate = fc.oneof(
  fc.constantFrom(...EVENT_NAMES),
  fc.record(
    { event: fc.constantFrom(...EVENT_NAMES), counts: fc.uniqueArray(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }), name: fc.constantFrom('first', 'second') },
    { requiredKeys: ['event'] },
  ),
);

const target = fc.oneof(
  fc.record({ from: fc.integer({ min: 0, max: 5 }), length: fc.integer({ min: 0, max: 20 }) }).map(({ from, length }) => ({ kind: 'window' as const, from, length })),
  fc.record({ after: fc.constantFrom(0.5, 1, 7, 20) }).map(({ after }) => ({ kind: 'active' as const, after })),
);

/**
 * findAha on journeys(events, { signups, groupBy, timeZone }) and findAhaSql on the same
 * tables: candidates as names or { event, counts, name }, both targets, activity, minUsers,
 * signups or first events, per user or per account, both timestamp types, asOf none / date /
 * instant.
 */
const cases: fc.Arbitrary<ConformanceCase<unknown>> = eventLogArbitrary({ maxEvents: 40, spanDays: 25 }).chain((base) =>
  fc
    .record({
      key: fc.constantFrom('userId' as const, 'accountId' as const),
      withSignups: fc.boolean(),
      signupTime: fc.constantFrom('timestamp' as const, 'epoch-ms' as const),
      source: timestampSourceArbitrary,
      candidates: fc.array(candidate, { maxLength: 3 }),
      landmarkDays: fc.constantFrom(0.5, 1, 3, 7, 10.5),
      target,
      inactivityDays: fc.option(fc.constantFrom(0.5, 1, 3, 7, 14, 20), { nil: undefined }),
      activity: fc.option(fc.constantFrom(...EVENT_NAMES), { nil: undefined }),
      minUsers: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
      confidence: fc.option(fc.constantFrom(0.8, 0.99), { nil: undefined }),
    })
    .chain((o) => {
      const from = Math.ceil(o.landmarkDays) + (o.target.kind === 'window' ? o.target.from : 0);
      const goal = o.target.kind === 'window' ? { retainedOn: [from, from + o.target.length] as [number, number] } : { activeAtDay: o.landmarkDays + o.target.after };
      const bounds = 'retainedOn' in goal ? [goal.retainedOn[0] * DAY, (goal.retainedOn[1] + 1) * DAY] : [goal.activeAtDay * DAY, (goal.activeAtDay - (o.inactivityDays ?? 14)) * DAY];
      return withEchoes(base, [o.landmarkDays * DAY, (o.inactivityDays ?? 14) * DAY, ...bounds]).chain((log) =>
        fc
          .record({ asOf: asOfArbitrary(log), signups: o.withSignups ? signupsArbitrary(log, o.key) : fc.constant(null) })
          .map(({ asOf, signups }) => ({ ...o, log, goal, asOf, signups })),
      );
    })
    .map(({ log, key, signups, signupTime, source, candidates, landmarkDays, goal, inactivityDays, activity, minUsers, confidence, asOf }) => {
      const shared = defined({ candidates, landmarkDays, target: goal, inactivityDays, activity, minUsers, confidence, asOf, timeZone: log.timeZone });
      const tables = [eventsTable(log), ...(signups === null ? [] : [signupsTable(log, key, signups)])];
      return {
        tables,
        expected: () => findAha(journeysOf(log, key, signups), shared),
        build: (dialect) => findAhaSql({ dialect, table: 'events', ...source, ...journeySourceOptions(key, signups, signupTime), ...shared }),
      } satisfies ConformanceCase<unknown>;
    }),
);

describe('findAhaSql: conformance with findAha', () => {
  it('decodes to the in-process result on every engine', async () => {
    await assertConformance(engines, cases);
  }, 600_000);
});
