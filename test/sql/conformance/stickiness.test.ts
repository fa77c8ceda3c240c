import fc from 'fast-check';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { dayKey, monthKey, monthOfDay } from '../../../src/core/calendar.js';
import { zoneCalendar } from '../../../src/core/time-zone.js';
import { stickiness } from '../../../src/engagement/index.js';
import { stickinessSql } from '../../../src/sql/stickiness-sql.js';
import { assertConformance, type ConformanceCase } from '../support/conformance.js';
import { openEngines, type Engine } from '../support/engines.js';
import { asOfArbitrary, eventLogArbitrary, eventsTable, timestampSourceArbitrary, type EventLog } from '../support/event-logs.js';

let engines: Engine[] = [];
beforeAll(async () => {
  engines = await openEngines();
}, 120_000);
afterAll(async () => {
  for (const engine of engines) await engine.close();
});

/**
 * `from` and `to` near the log's days (a few days either side of an event's local day, as a
 * date or as its month), each given or not; `to` mostly on or after `from` (a day before
 * it now and then, an error both sides must report).
 */
function boundsArbitrary(log: EventLog): fc.Arbitrary<{ from: string | undefined; to: string | undefined }> {
  const calendar = zoneCalendar(log.timeZone, 'test');
  const days = log.events.map((e) => calendar.dayOf(e.timestamp));
  const near = fc.tuple(days.length === 0 ? fc.constant(19_800) : fc.constantFrom(...days), fc.integer({ min: -3, max: 3 })).map(([day, shift]) => day + shift);
  const key = (day: number | null, month: boolean) => (day === null ? undefined : month ? monthKey(monthOfDay(day)) : dayKey(day));
  return fc
    .record({ from: fc.option(near), to: fc.option(near), length: fc.integer({ min: -1, max: 45 }), fromMonth: fc.boolean(), toMonth: fc.boolean() })
    .map(({ from, to, length, fromMonth, toMonth }) => ({
      from: key(from, fromMonth && from !== null && to === null),
      to: key(from !== null && to !== null ? from + length : to, toMonth),
    }));
}

/** The options without their `undefined` keys (left out, as a caller would; the options types are exact). */
function defined<T extends object>(options: T): { [K in keyof T]?: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as { [K in keyof T]?: Exclude<T[K], undefined> };
}

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
      bounds: boundsArbitrary(log),
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
