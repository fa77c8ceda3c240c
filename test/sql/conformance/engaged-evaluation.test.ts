import fc from 'fast-check';
import { describe, it } from 'vitest';
import { engagedEvaluation } from '../../../src/engagement/index.js';
import { engagedEvaluationSql } from '../../../src/sql/engaged-evaluation-sql.js';
import { assertConformance, type ConformanceCase, useEngines } from '../support/conformance.js';
import { trialsArbitrary } from '../support/engagement-accounts-tables.js';
import { quoteIdentifier } from '../support/engines.js';
import { asOfArbitrary, defined, eventLogArbitrary, eventsTable, timestampSourceArbitrary } from '../support/event-logs.js';

const engines = useEngines();

/**
 * engagedEvaluation and engagedEvaluationSql over the same log and trials table:
 * windowDays, minActiveDays, confidence, benchmarks, asOf (none, a date, an event's
 * instant or 1 ms before it, a trial's start, a date after every window), both timestamp types of the events, the
 * three of the trial starts (timestamp, epoch ms, DATE), the table by name or as a
 * subquery, default or hostile column names, repeated trials, and now and then a bad table.
 */
const cases: fc.Arbitrary<ConformanceCase<unknown>> = fc
  .oneof(eventLogArbitrary(), eventLogArbitrary({ maxUsers: 2, spanDays: 10, maxEvents: 40 }))
  .chain((log) =>
    trialsArbitrary(log).chain((trials) =>
      fc
        .record({
          source: timestampSourceArbitrary,
          viaSubquery: fc.boolean(),
          // Short windows often (an event on the window's last day, or the day after, decides);
          // minActiveDays given when the default 3 would exceed the window.
          window: fc.option(
            fc.oneof(fc.constant(1), fc.integer({ min: 2, max: 3 }), fc.integer({ min: 1, max: 20 })).chain((windowDays) =>
              fc.record({
                windowDays: fc.constant(windowDays),
                minActiveDays: windowDays >= 3 ? fc.option(fc.integer({ min: 1, max: windowDays }), { nil: undefined }) : fc.integer({ min: 1, max: windowDays }),
              }),
            ),
            { nil: undefined },
          ),
          minActiveDays: fc.option(fc.integer({ min: 1, max: 3 }), { nil: undefined }),
          confidence: fc.option(fc.constantFrom(0.8, 0.99), { nil: undefined }),
          benchmarks: fc.option(fc.constantFrom({ expected: 0.1, ideal: 0.3 }, { ideal: 0.9 }, { expected: 0, ideal: 1 }), { nil: undefined }),
          // Also a trial's start, and a date after every window (so engaged trials complete).
          asOf: fc.oneof(asOfArbitrary(log), fc.constant('2025-06-30'), ...(trials.instants.length > 0 ? [fc.constantFrom(...trials.instants)] : [])),
        })
        .map(({ source, viaSubquery, window, minActiveDays, confidence, benchmarks, asOf }) => {
          const { accountId, trialStart, sourceCampaign } = trials.columns;
          const days = window ?? (minActiveDays === undefined ? {} : { minActiveDays });
          const shared = defined({ timeZone: log.timeZone, confidence, benchmarks, asOf, ...days });
          const defaultFields = accountId === 'accountId' && trialStart === 'trialStart' && sourceCampaign === 'sourceCampaign';
          const name = trials.table.spec.name;
          return {
            tables: [eventsTable(log), trials.table],
            expected: () =>
              engagedEvaluation(log.events, {
                ...shared,
                trials: trials.table.records,
                trialFields: {
                  accountId: (r: Record<string, unknown>) => r[accountId],
                  trialStart: (r: Record<string, unknown>) => r[trialStart],
                  sourceCampaign: (r: Record<string, unknown>) => r[sourceCampaign],
                },
              }),
            build: (dialect) =>
              engagedEvaluationSql({
                dialect,
                table: 'events',
                ...source,
                ...shared,
                trials: {
                  ...(viaSubquery ? { subquery: `SELECT * FROM ${quoteIdentifier(dialect, name)}` } : { table: name }),
                  ...(trials.startType === 'timestamp' ? {} : { timestampType: trials.startType }),
                },
                ...(defaultFields ? {} : { trialFields: { accountId, trialStart, sourceCampaign } }),
              }),
          } satisfies ConformanceCase<unknown>;
        }),
    ),
  );

describe('engagedEvaluationSql: conformance with engagedEvaluation', () => {
  it('decodes to the in-process result on every engine', async () => {
    await assertConformance(engines, cases);
  }, 300_000);
});
