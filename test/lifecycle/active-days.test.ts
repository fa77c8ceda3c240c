import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activeDays } from '../../src/lifecycle/active-days.js';
import type { Journey } from '../../src/lifecycle/types.js';
import { errorOf } from '../support/errors.js';
import { TEST_ZONES, addDays, wallDate } from '../support/model.js';

const DAY = 86_400_000;
const journeyOf = (start: string, times: readonly string[]): Journey => ({
  id: 'u',
  start: Date.parse(start),
  events: times.map((t) => ({ name: 'login', timestamp: Date.parse(t), record: {} })),
});

const journeyArb = fc
  .record({
    start: fc.integer({ min: Date.UTC(2024, 2, 1), max: Date.UTC(2024, 2, 20) }),
    events: fc.array(fc.integer({ min: Date.UTC(2024, 1, 25), max: Date.UTC(2024, 3, 30) }), { maxLength: 40 }),
  })
  .map(({ start, events }): Journey => ({ id: 'u', start, events: events.sort((a, b) => a - b).map((t) => ({ name: 'x', timestamp: t, record: {} })) }));

describe('activeDays', () => {
  it("reaches Totango's engaged trial on the first event of the 3rd active day of 14", () => {
    // UTC days: 05-01 (day 0, twice), 05-03 (day 2), 05-14 (day 13) -> 3rd active day at 05-14T22:00Z.
    const journey = journeyOf('2024-05-01T10:00:00Z', ['2024-05-01T10:00:00Z', '2024-05-01T18:00:00Z', '2024-05-03T09:00:00Z', '2024-05-14T22:00:00Z', '2024-05-15T08:00:00Z']);
    expect(activeDays({ atLeast: 3, windowDays: 14 })(journey)).toBe(Date.parse('2024-05-14T22:00:00Z'));
    expect(activeDays({ atLeast: 4, windowDays: 14 })(journey)).toBeNull();
    // Without a window the 4th active day is 05-15.
    expect(activeDays({ atLeast: 4 })(journey)).toBe(Date.parse('2024-05-15T08:00:00Z'));
    // Berlin (UTC+2): 05-14T22:00Z is 05-15 00:00, day 14, outside days 0..13.
    expect(activeDays({ atLeast: 3, windowDays: 14, timeZone: 'Europe/Berlin' })(journey)).toBeNull();
    expect(activeDays({ atLeast: 3, windowDays: 15, timeZone: 'Europe/Berlin' })(journey)).toBe(Date.parse('2024-05-14T22:00:00Z'));
  });

  it('counts local calendar days: day 0 is the start day, earlier events that day do not count', () => {
    // Start 2024-03-10 15:00Z = 11:00 EDT in New York (spring-forward day, 23 hours).
    // 13:00Z is 09:00 EDT the same day but before the start: skipped in the window.
    const journey = journeyOf('2024-03-10T15:00:00Z', ['2024-03-10T13:00:00Z', '2024-03-11T03:59:59Z', '2024-03-11T04:00:00Z']);
    const zone = { timeZone: 'America/New_York' };
    // 03-11T03:59:59Z is 03-10 23:59:59 EDT (day 0); 04:00Z is 03-11 00:00 EDT (day 1).
    expect(activeDays({ atLeast: 1, windowDays: 1, ...zone })(journey)).toBe(Date.parse('2024-03-11T03:59:59Z'));
    expect(activeDays({ atLeast: 2, windowDays: 1, ...zone })(journey)).toBeNull();
    expect(activeDays({ atLeast: 2, windowDays: 2, ...zone })(journey)).toBe(Date.parse('2024-03-11T04:00:00Z'));
    // Without a window the pre-start event counts, and is on day 0 too.
    expect(activeDays({ atLeast: 2, ...zone })(journey)).toBe(Date.parse('2024-03-11T04:00:00Z'));
    expect(activeDays({ atLeast: 1, ...zone })(journey)).toBe(Date.parse('2024-03-10T13:00:00Z'));
    expect(activeDays({ atLeast: 1 })({ id: 'e', start: 0, events: [] })).toBeNull();
  });

  it('rejects bad options when built', () => {
    const cases: [unknown, string, string, string][] = [
      [{ atLeast: 0 }, 'options.atLeast', 'invalid-number', 'activeDays: options.atLeast must be an integer >= 1 (0)'],
      [{ atLeast: 1, windowDays: -1 }, 'options.windowDays', 'invalid-number', 'activeDays: options.windowDays must be an integer >= 1 (whole calendar days) (-1)'],
      [{ atLeast: 1, windowDays: 1.5 }, 'options.windowDays', 'invalid-number', 'activeDays: options.windowDays must be an integer >= 1 (whole calendar days) (1.5)'],
      [{ atLeast: 1, timeZone: 'Mars/Base' }, 'options.timeZone', 'invalid-time-zone', 'activeDays: options.timeZone is not a known IANA time zone ("Mars/Base")'],
      [null, 'options', 'invalid-option', 'activeDays: options must be an object (null)'],
    ];
    for (const [options, path, code, message] of cases) {
      const error = errorOf(() => activeDays(options as { atLeast: number }));
      expect([error.path, error.code, error.message]).toEqual([path, code, message]);
    }
  });

  it('agrees with a slow Intl model of local days, in random zones (property)', () => {
    fc.assert(
      fc.property(journeyArb, fc.constantFrom(...TEST_ZONES), fc.integer({ min: 1, max: 5 }), fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }), (journey, timeZone, atLeast, windowDays) => {
        const t = activeDays(windowDays === undefined ? { atLeast, timeZone } : { atLeast, windowDays, timeZone })(journey);
        const first = wallDate(journey.start, timeZone);
        const last = windowDays === undefined ? '9999-12-31' : addDays(first, windowDays - 1);
        const firstOfDay = new Map<string, number>();
        for (const e of journey.events) {
          if (windowDays !== undefined && e.timestamp < journey.start) continue;
          const key = wallDate(e.timestamp, timeZone);
          if (key <= last && !firstOfDay.has(key)) firstOfDay.set(key, e.timestamp);
        }
        expect(t).toBe([...firstOfDay.values()][atLeast - 1] ?? null);
        if (t !== null && windowDays !== undefined) expect(t).toBeGreaterThanOrEqual(journey.start);
      }),
      { numRuns: 300 },
    );
  });

  it('stays reached at the same time when events are appended after it (property)', () => {
    fc.assert(
      fc.property(journeyArb, fc.integer({ min: 1, max: 3 }), fc.array(fc.integer({ min: 1, max: 5 * DAY }), { minLength: 1, maxLength: 6 }), (journey, atLeast, gaps) => {
        const m = activeDays({ atLeast, windowDays: 10, timeZone: 'Europe/Berlin' });
        const t = m(journey);
        fc.pre(t !== null);
        let last = Math.max(t as number, ...journey.events.map((e) => e.timestamp));
        const extra = gaps.map((g) => ({ name: 'x', timestamp: (last += g), record: {} }));
        expect(m({ ...journey, events: [...journey.events, ...extra] })).toBe(t);
      }),
    );
  });
});
