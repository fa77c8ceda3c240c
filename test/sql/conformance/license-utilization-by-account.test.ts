import fc from 'fast-check';
import { describe, it } from 'vitest';
import { licenseUtilizationByAccount } from '../../../src/engagement/index.js';
import { licenseUtilizationByAccountSql } from '../../../src/sql/license-utilization-by-account-sql.js';
import { assertConformance, type ConformanceCase, useEngines } from '../support/conformance.js';
import { licensesArbitrary } from '../support/engagement-accounts-tables.js';
import { quoteIdentifier } from '../support/engines.js';
import { asOfArbitrary, defined, eventLogArbitrary, eventsTable, timestampSourceArbitrary } from '../support/event-logs.js';

const engines = useEngines();

/**
 * licenseUtilizationByAccount and licenseUtilizationByAccountSql over the same log and
 * licenses table: windowDays, thresholds, asOf (none, date, instant), both timestamp
 * types, the table given by name or as a subquery, default or hostile column names, and
 * now and then a bad table (the same error code).
 */
const cases: fc.Arbitrary<ConformanceCase<unknown>> = eventLogArbitrary().chain((log) =>
  fc
    .record({
      source: timestampSourceArbitrary,
      licenses: licensesArbitrary(log),
      viaSubquery: fc.boolean(),
      // Short windows often: a user whose only event in the window is on its first (or last) day.
      windowDays: fc.option(fc.oneof(fc.constant(1), fc.integer({ min: 2, max: 3 }), fc.integer({ min: 1, max: 40 })), { nil: undefined }),
      thresholds: fc.option(
        fc.oneof(
          fc.record({ riskBelow: fc.constantFrom(0, 0.25, 0.5), expandAbove: fc.constantFrom(0.5, 1, 2) }),
          fc.record({ riskBelow: fc.constantFrom(0.2, 1) }),
        ),
        { nil: undefined },
      ),
      asOf: asOfArbitrary(log),
    })
    .map(({ source, licenses, viaSubquery, windowDays, thresholds, asOf }) => {
      const { accountId, licenses: count } = licenses.columns;
      const shared = defined({ timeZone: log.timeZone, windowDays, thresholds, asOf });
      const defaultFields = accountId === 'accountId' && count === 'licenses';
      return {
        tables: [eventsTable(log), licenses.table],
        expected: () =>
          licenseUtilizationByAccount(log.events, {
            ...shared,
            licenses: licenses.table.records,
            licenseFields: { accountId: (r: Record<string, unknown>) => r[accountId], licenses: (r: Record<string, unknown>) => r[count] },
          }),
        build: (dialect) =>
          licenseUtilizationByAccountSql({
            dialect,
            table: 'events',
            ...source,
            ...shared,
            licenses: viaSubquery ? { subquery: `SELECT * FROM ${quoteIdentifier(dialect, licenses.table.spec.name)}` } : { table: licenses.table.spec.name },
            ...(defaultFields ? {} : { licenseFields: { accountId, licenses: count } }),
          }),
      } satisfies ConformanceCase<unknown>;
    }),
);

describe('licenseUtilizationByAccountSql: conformance with licenseUtilizationByAccount', () => {
  it('decodes to the in-process result on every engine', async () => {
    await assertConformance(engines, cases);
  }, 300_000);
});
