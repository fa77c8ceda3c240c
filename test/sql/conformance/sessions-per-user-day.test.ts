import fc from 'fast-check';
import { describe, it } from 'vitest';
import { sessionsPerUserDay } from '../../../src/engagement/index.js';
import { sessionsPerUserDaySql } from '../../../src/sql/sessions-per-user-day-sql.js';
import { assertConformance, type ConformanceCase, useEngines } from '../support/conformance.js';

import { asOfArbitrary, defined, type EventLog, eventLogArbitrary, eventsTable, sortEvents, timestampSourceArbitrary } from '../support/event-logs.js';

const engines = useEngines();

/** Logs sparse and dense (a few users over a few days each side of the anchors, so users have several sessions a day). */
const logs = fc.oneof(eventLogArbitrary({ maxUsers: 3, spanDays: 20 }), eventLogArbitrary({ maxUsers: 2, spanDays: 3, maxEvents: 40 }));

/**
 * The log with echoes of some of its events, by the same user: at the same instant (a
 * tie: one session), exactly the timeout later (the same session), or 1 ms more (a new
 * one), so every run has gaps on the boundary.
 */
function withEchoes(log: EventLog, timeoutMs: number): fc.Arbitrary<EventLog> {
  if (log.events.length === 0) return fc.constant(log);
  const echo = fc.record({ of: fc.integer({ min: 0, max: log.events.length - 1 }), kind: fc.constantFrom('tie', 'exact', 'over') });
  return fc.array(echo, { maxLength: 6 }).map((echoes) => {
    const extra = echoes.map(({ of, kind }) => {
      const event = log.events[of] as EventLog['events'][number];
      const shift = kind === 'tie' ? 0 : kind === 'exact' ? Math.round(timeoutMs) : Math.floor(timeoutMs) + 1;
      return { ...event, timestamp: event.timestamp + shift };
    });
    return { ...log, events: sortEvents([...log.events, ...extra]) };
  });
}

/**
 * sessionsPerUserDay and sessionsPerUserDaySql over the same log and options:
 * inactivityMinutes (0: every instant its own session but ties; 1 ms; whole hours, which
 * the log's whole-hour offsets hit exactly; fractions), target, confidence, from/to,
 * asOf (none, date, instant), both timestamp types. The log's events tie at local
 * midnights and 1 ms either side, so sessions cross midnight and DST days.
 */
const cases: fc.Arbitrary<ConformanceCase<unknown>> = fc
  .record({ log: logs, inactivityMinutes: fc.option(fc.constantFrom(0, 1 / 60_000, 0.5, 1, 60, 120, 180, 1440, 100_000), { nil: undefined }) })
  .chain(({ log, inactivityMinutes }) => withEchoes(log, (inactivityMinutes ?? 30) * 60_000).map((echoed) => ({ log: echoed, inactivityMinutes })))
  .chain(({ log, inactivityMinutes }) =>
    fc
      .record({
        source: timestampSourceArbitrary,
        target: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
        confidence: fc.option(fc.constantFrom(0.8, 0.95, 0.99), { nil: undefined }),
        asOf: asOfArbitrary(log),
        from: fc.option(fc.constantFrom('2024-03-09', '2024-03-31', '2024-11-01'), { nil: undefined }),
        to: fc.option(fc.constantFrom('2024-03-31', '2024-04-15', '2024-12-31'), { nil: undefined }),
      })
      .map(({ source, target, confidence, asOf, from, to }) => {
        const shared = defined({ timeZone: log.timeZone, inactivityMinutes, target, confidence, asOf, from, to });
        return {
          tables: [eventsTable(log)],
          expected: () => sessionsPerUserDay(log.events, shared),
          build: (dialect) => sessionsPerUserDaySql({ dialect, table: 'events', ...source, ...shared }),
        } satisfies ConformanceCase<unknown>;
      }),
  );

describe('sessionsPerUserDaySql: conformance with sessionsPerUserDay', () => {
  it('decodes to the in-process result on every engine', async () => {
    await assertConformance(engines, cases);
  }, 300_000);
});
