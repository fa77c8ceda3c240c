import fc from 'fast-check';
import { describe, it } from 'vitest';
import { cohortRetention } from '../../../src/retention/index.js';
import { cohortRetentionSql } from '../../../src/sql/index.js';
import { assertConformance, type ConformanceCase, useEngines } from '../support/conformance.js';

import { quoteIdentifier } from '../support/engines.js';
import { asOfArbitrary, defined, EVENT_NAMES, type EventLog, eventLogArbitrary, eventsTable, type LogEvent, timestampSourceArbitrary } from '../support/event-logs.js';
import { signupsArbitrary, type SignupsCase } from '../support/signup-tables.js';

const engines = useEngines();

const PERIODS = ['day', 'week', 'month'] as const;

/** The mode and its columns: n-day or unbounded with `lastPeriod`, or brackets (with or without `lastPeriod`). */
const modeArbitrary = fc.oneof(
  fc.record({
    mode: fc.constantFrom(undefined, 'n-day' as const),
    lastPeriod: fc.integer({ min: 0, max: 8 }),
  }),
  fc.record({
    mode: fc.constant('unbounded' as const),
    lastPeriod: fc.integer({ min: 0, max: 8 }),
  }),
  fc
    .array(
      fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 3 })).map(([a, w]) => [a, a + w] as [number, number]),
      { minLength: 1, maxLength: 3 },
    )
    .chain((brackets) => {
      const widest = Math.max(...brackets.map((b) => b[1]));
      return fc.record({
        mode: fc.constant('bracket' as const),
        brackets: fc.constant(brackets),
        lastPeriod: fc.option(fc.integer({ min: widest, max: widest + 2 }), {
          nil: undefined,
        }),
      });
    }),
);

/** The starts: first activity (by default or named), an event name, or signups (by default or named). */
const STARTS = {
  'first activity': fc.record({
    start: fc.constantFrom(undefined, 'first-activity'),
    signups: fc.constant(false),
    recurring: fc.constantFrom(undefined, false, true),
    numericNames: fc.constant(false),
  }),
  // Now and then an integer name column (the names' indices): a start '1' matches no name 1 in-process.
  'an event name': fc.record({
    signups: fc.constant(false),
    recurring: fc.constantFrom(undefined, false, true),
    names: fc.oneof(
      { weight: 4, arbitrary: fc.record({ start: fc.constantFrom(...EVENT_NAMES, '1'), numericNames: fc.constant(false) }) },
      { weight: 1, arbitrary: fc.record({ start: fc.constantFrom('1', 'export'), numericNames: fc.constant(true) }) },
    ),
  }).map(({ names, ...rest }) => ({ ...rest, ...names })),
  signups: fc.record({
    start: fc.constantFrom(undefined, 'signup'),
    signups: fc.constant(true),
    recurring: fc.constant(undefined),
    numericNames: fc.constant(false),
  }),
};

function caseOf(log: EventLog, signups: SignupsCase, startArbitrary: (typeof STARTS)[keyof typeof STARTS]): fc.Arbitrary<ConformanceCase<unknown>> {
  return fc
    .record({
      source: timestampSourceArbitrary,
      cohort: fc.constantFrom(...PERIODS),
      interval: fc.constantFrom(...PERIODS),
      modes: modeArbitrary,
      starts: startArbitrary,
      rolling: fc.constantFrom(undefined, false, true),
      weekStartsOn: fc.option(fc.constantFrom(0, 1, 2, 3, 4, 5, 6), { nil: undefined }),
      // Also a signup's instant, and a date long after the log (every cell complete).
      asOf: fc.oneof(asOfArbitrary(log), fc.constant('2025-06-30'), ...(signups.instants.length > 0 ? [fc.constantFrom(...signups.instants)] : [])),
      signupTime: fc.constantFrom('timestamp' as const, 'epoch-ms' as const),
      viaSubquery: fc.boolean(),
    })
    .map(({ source, cohort, interval, modes, starts, rolling, weekStartsOn, asOf, signupTime, viaSubquery }) => {
      const shared = {
        cohort,
        interval,
        ...defined({
          ...modes,
          start: starts.start,
          recurring: starts.recurring,
          rolling,
          weekStartsOn,
          asOf,
          timeZone: log.timeZone,
        }),
      };
      const { id, at, ms } = signups.columns;
      const name = signups.table.spec.name;
      const events = eventsTable(log);
      let records: readonly (Omit<LogEvent, 'name'> & { readonly name: string | number })[] = log.events;
      if (starts.numericNames) {
        const code = (text: unknown): number => EVENT_NAMES.indexOf(text as (typeof EVENT_NAMES)[number]);
        events.spec = { ...events.spec, columns: events.spec.columns.map((c) => (c.name === 'name' ? { ...c, type: 'integer' as const } : c)) };
        events.rows = events.rows.map((row) => ({ ...row, name: code(row['name']) }));
        records = log.events.map((e) => ({ ...e, name: code(e.name) }));
      }
      return {
        tables: [events, signups.table],
        expected: () =>
          cohortRetention(records, {
            ...shared,
            ...(starts.signups
              ? {
                  signups: signups.records,
                  signupFields: { id: (r: Record<string, unknown>) => r[id], signedUpAt: (r: Record<string, unknown>) => r[at] },
                }
              : {}),
          }),
        build: (dialect) =>
          cohortRetentionSql({
            dialect,
            table: 'events',
            ...source,
            ...shared,
            ...(starts.signups
              ? {
                  signups: {
                    ...(viaSubquery
                      ? {
                          subquery: `SELECT * FROM ${quoteIdentifier(dialect, name)}`,
                        }
                      : { table: name }),
                    ...(signupTime === source.timestampType ? {} : { timestampType: signupTime }),
                  },
                  signupFields: {
                    id,
                    signedUpAt: signupTime === 'timestamp' ? at : ms,
                  },
                }
              : {}),
          }),
      } satisfies ConformanceCase<unknown>;
    });
}

/**
 * cohortRetention and cohortRetentionSql over the same log (and signups table): every mode
 * (n-day, unbounded, brackets with and without lastPeriod), cohort and interval periods,
 * calendar and rolling intervals, weekStartsOn, first-time and recurring cohorts, the start
 * by first activity, an event name or signups (by table or subquery, timestamp or epoch ms,
 * hostile column names, ids of the other type, a defect now and then), asOf (none, a date,
 * an event's or a signup's instant, 1 ms before an event, a date after the log), both
 * timestamp types of the events, now and then an integer name column. One property per kind of start, so each gets its runs.
 */
function casesOf(startArbitrary: (typeof STARTS)[keyof typeof STARTS]): fc.Arbitrary<ConformanceCase<unknown>> {
  return fc
    .oneof(
      { weight: 1, arbitrary: eventLogArbitrary() },
      {
        weight: 2,
        arbitrary: eventLogArbitrary({
          maxUsers: 3,
          spanDays: 20,
          maxEvents: 40,
        }),
      },
    )
    .chain((log) => signupsArbitrary(log).chain((signups) => caseOf(log, signups, startArbitrary)));
}

describe('cohortRetentionSql: conformance with cohortRetention', () => {
  for (const [label, startArbitrary] of Object.entries(STARTS)) {
    it(`decodes to the in-process result on every engine, starts by ${label}`, async () => {
      await assertConformance(engines, casesOf(startArbitrary));
    }, 600_000);
  }
});
