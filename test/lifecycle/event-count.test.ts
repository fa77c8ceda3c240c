import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventCount } from '../../src/lifecycle/event-count.js';
import { journeys } from '../../src/lifecycle/journeys.js';
import type { Journey } from '../../src/lifecycle/types.js';
import { errorOf } from '../support/errors.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;

/** A journey of `name` events at the given offsets (ms) from `start`. */
function journeyAt(start: number, offsets: readonly number[], name = 'friend_added'): Journey {
  return { id: 'u', start, events: offsets.map((o) => ({ name, timestamp: start + o, record: {} })).sort((a, b) => a.timestamp - b.timestamp) };
}

const journeyArb = fc
  .record({
    start: fc.integer({ min: 0, max: 10 * DAY }),
    events: fc.array(fc.record({ name: fc.constantFrom('a', 'b'), t: fc.integer({ min: 0, max: 30 * DAY }) }), { maxLength: 40 }),
  })
  .map(({ start, events }): Journey => ({
    id: 'u',
    start,
    events: events.map((e) => ({ name: e.name, timestamp: e.t, record: {} })).sort((x, y) => x.timestamp - y.timestamp),
  }));

describe('eventCount', () => {
  const start = Date.parse('2024-05-01T12:00:00Z');
  const sevenInTen = eventCount('friend_added', { atLeast: 7, withinDays: 10 });

  it('reaches "7 friends in 10 days" with the 7th friend exactly 10 × 24 h after signup', () => {
    // Friends on days 0, 1, 2, 3, 5, 8 and 10: the 7th is at start + 10 × 86,400,000 ms,
    // and t - start <= 10 days, so the window's end is included.
    const onDay10 = journeyAt(start, [0, 1, 2, 3, 5, 8, 10].map((d) => d * DAY));
    expect(sevenInTen(onDay10)).toBe(start + 10 * DAY);
    expect(sevenInTen(onDay10)).toBe(Date.parse('2024-05-11T12:00:00Z'));
  });

  it('misses "7 friends in 10 days" when the 7th friend comes on day 11, or 1 ms late', () => {
    expect(sevenInTen(journeyAt(start, [0, 1, 2, 3, 5, 8, 11].map((d) => d * DAY)))).toBeNull();
    expect(sevenInTen(journeyAt(start, [...[0, 1, 2, 3, 5, 8].map((d) => d * DAY), 10 * DAY + 1]))).toBeNull();
    // Without the window the 7th friend (day 11) reaches the plain count.
    expect(eventCount('friend_added', { atLeast: 7 })(journeyAt(start, [0, 1, 2, 3, 5, 8, 11].map((d) => d * DAY)))).toBe(start + 11 * DAY);
  });

  it("reaches Slack's 2,000 messages per team at the 2,000th message", () => {
    // Three teammates of acme send a message every minute in turn from 09:00 on; the
    // 2,000th message is number 1999 from 0, at 09:00 + 1999 min = 2024-03-02T18:19Z.
    const t0 = Date.parse('2024-03-01T09:00:00Z');
    const rows = Array.from({ length: 2100 }, (_, k) => ({ accountId: 'acme', userId: `u${k % 3}`, name: 'message_sent', timestamp: t0 + k * 60_000 }));
    rows.push({ accountId: 'initech', userId: 'v', name: 'message_sent', timestamp: t0 });
    const teams = journeys(rows.reverse(), { groupBy: 'accountId' });
    const twoThousand = eventCount('message_sent', { atLeast: 2000 });
    expect(teams.map((j) => [j.id, twoThousand(j)])).toEqual([
      ['acme', Date.parse('2024-03-02T18:19:00Z')],
      ['initech', null],
    ]);
    expect(eventCount('message_sent', { atLeast: 2101 })(teams[0] as Journey)).toBeNull();
  });

  it('counts 24-hour days from the start instant, not calendar days (DST)', () => {
    // New York springs forward on 2024-03-10. Start 2024-03-09 12:00 EST = 17:00Z; one
    // 24-hour day later is 2024-03-10T17:00Z = 13:00 EDT, not noon.
    const s = Date.parse('2024-03-09T17:00:00Z');
    const within1 = eventCount('x', { atLeast: 1, withinDays: 1 });
    expect(within1(journeyAt(s, [24 * HOUR], 'x'))).toBe(Date.parse('2024-03-10T17:00:00Z'));
    expect(within1(journeyAt(s, [24 * HOUR + 1], 'x'))).toBeNull();
    // Fractions of days: 0.5 is 12 hours.
    expect(eventCount('x', { atLeast: 1, withinDays: 0.5 })(journeyAt(s, [13 * HOUR], 'x'))).toBeNull();
  });

  it('ignores events before the start when windowed, counts them otherwise', () => {
    const j = journeyAt(start, [-HOUR, HOUR, 2 * HOUR], 'x');
    expect(eventCount('x', { atLeast: 3, withinDays: 1 })(j)).toBeNull();
    expect(eventCount('x', { atLeast: 2, withinDays: 1 })(j)).toBe(start + 2 * HOUR);
    expect(eventCount('x', { atLeast: 3 })(j)).toBe(start + 2 * HOUR);
    expect(eventCount((e) => e.timestamp > start, { atLeast: 1 })(j)).toBe(start + HOUR);
    expect(eventCount('x', { atLeast: 1 })({ id: 'e', start, events: [] })).toBeNull();
  });

  it('rejects bad arguments when built', () => {
    const cases: [() => unknown, string, string, string][] = [
      [() => eventCount('', { atLeast: 1 }), 'event', 'invalid-option', 'eventCount: event must be a non-empty event name or a predicate (event) => boolean ("")'],
      [() => eventCount('x', { atLeast: 0 }), 'options.atLeast', 'invalid-number', 'eventCount: options.atLeast must be an integer >= 1 (0)'],
      [() => eventCount('x', { atLeast: 2.5 }), 'options.atLeast', 'invalid-number', 'eventCount: options.atLeast must be an integer >= 1 (2.5)'],
      [() => eventCount('x', {} as { atLeast: number }), 'options.atLeast', 'invalid-number', 'eventCount: options.atLeast must be an integer >= 1 (undefined)'],
      [() => eventCount('x', { atLeast: 1, withinDays: -3 }), 'options.withinDays', 'invalid-number', 'eventCount: options.withinDays must be a finite number of days > 0 (-3)'],
      [() => eventCount('x', { atLeast: 1, withinDays: 0 }), 'options.withinDays', 'invalid-number', 'eventCount: options.withinDays must be a finite number of days > 0 (0)'],
      [() => eventCount('x', { atLeast: 1, withinDays: Number.POSITIVE_INFINITY }), 'options.withinDays', 'invalid-number', 'eventCount: options.withinDays must be a finite number of days > 0 (Infinity)'],
      [() => eventCount('x', undefined as unknown as { atLeast: number }), 'options', 'invalid-option', 'eventCount: options must be an object (undefined)'],
    ];
    for (const [run, path, code, message] of cases) {
      const error = errorOf(run);
      expect([error.path, error.code, error.message]).toEqual([path, code, message]);
    }
  });

  it('agrees with a slow model and lies in the window (property)', () => {
    fc.assert(
      fc.property(journeyArb, fc.integer({ min: 1, max: 6 }), fc.option(fc.integer({ min: 1, max: 20 }), { nil: undefined }), (journey, atLeast, withinDays) => {
        const options = withinDays === undefined ? { atLeast } : { atLeast, withinDays };
        const t = eventCount('a', options)(journey);
        const counted = journey.events.filter((e) => e.name === 'a' && (withinDays === undefined || (e.timestamp >= journey.start && e.timestamp - journey.start <= withinDays * DAY)));
        expect(t).toBe(counted[atLeast - 1]?.timestamp ?? null);
        if (t !== null && withinDays !== undefined) {
          expect(t).toBeGreaterThanOrEqual(journey.start);
          expect(t).toBeLessThanOrEqual(journey.start + withinDays * DAY);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('stays reached at the same time when events are appended after it (property)', () => {
    fc.assert(
      fc.property(journeyArb, fc.integer({ min: 1, max: 4 }), fc.array(fc.constantFrom('a', 'b'), { minLength: 1, maxLength: 8 }), (journey, atLeast, extra) => {
        const m = eventCount('a', { atLeast, withinDays: 7 });
        const t = m(journey);
        fc.pre(t !== null);
        const last = Math.max(t as number, ...journey.events.map((e) => e.timestamp));
        const appended = { ...journey, events: [...journey.events, ...extra.map((name, i) => ({ name, timestamp: last + i + 1, record: {} }))] };
        expect(m(appended)).toBe(t);
      }),
    );
  });
});
