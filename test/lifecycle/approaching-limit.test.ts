import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { approachingLimit } from '../../src/lifecycle/approaching-limit.js';
import type { Journey, JourneyEvent } from '../../src/lifecycle/types.js';
import { errorOf } from '../support/errors.js';

const MIN = 60_000;
/** One `subscriber_added` event per minute from 0, `n` of them. */
const subscribers = (n: number, name = 'subscriber_added'): Journey => ({
  id: 'acme',
  start: 0,
  events: Array.from({ length: n }, (_, i) => ({ name, timestamp: i * MIN, record: {} })),
});

describe('approachingLimit', () => {
  it('triggers at 80% of a free plan: the 1,600th of 2,000 subscribers', () => {
    // ceil(0.8 × 2000) = 1600: the 1,600th event, index 1599, at minute 1599.
    expect(approachingLimit('subscriber_added', { limit: 2000 })(subscribers(1700))).toBe(1599 * MIN);
    expect(approachingLimit('subscriber_added', { limit: 2000 })(subscribers(1599))).toBeNull();
    // share 1: the limit itself; share 0.9: 1,800 > 1,700 events.
    expect(approachingLimit('subscriber_added', { limit: 1000, share: 1 })(subscribers(1700))).toBe(999 * MIN);
    expect(approachingLimit('subscriber_added', { limit: 2000, share: 0.9 })(subscribers(1700))).toBeNull();
    // A non-whole threshold rounds up: 0.8 × 5 = 4 but 0.75 × 5 = 3.75 -> the 4th event.
    expect(approachingLimit('subscriber_added', { limit: 5, share: 0.75 })(subscribers(10))).toBe(3 * MIN);
    expect(approachingLimit('subscriber_added', { limit: 2000 })({ id: 'e', start: 0, events: [] })).toBeNull();
  });

  it('does not let floating point move the threshold: 0.55 × 100 is the 55th event', () => {
    // In doubles 0.55 * 100 = 55.00000000000001, whose ceiling would be 56.
    expect(0.55 * 100).toBeGreaterThan(55);
    expect(approachingLimit('subscriber_added', { limit: 100, share: 0.55 })(subscribers(100))).toBe(54 * MIN);
    expect(approachingLimit('subscriber_added', { limit: 100, share: 0.07 })(subscribers(100))).toBe(6 * MIN);
  });

  it('sums a value, with removals and compensated sums', () => {
    type Change = { delta: number };
    const journey: Journey<Change> = {
      id: 'acme',
      start: 0,
      events: [5, 3, -4, 4, 1, 2].map((delta, i) => ({ name: delta > 0 ? 'subscriber_added' : 'subscriber_removed', timestamp: i * MIN, record: { delta } })),
    };
    const net = (e: JourneyEvent<Change>) => e.record.delta;
    // Running net: 5, 8, 4, 8, 9, 11; threshold 0.8 × 10 = 8 is first reached at index 1.
    expect(approachingLimit(() => true, { limit: 10, value: net })(journey)).toBe(1 * MIN);
    // 0.9 × 10 = 9: first reached at index 4 (the fall back to 4 did not count).
    expect(approachingLimit(() => true, { limit: 10, share: 0.9, value: net })(journey)).toBe(4 * MIN);
    // Ten uploads of 0.1 GB against a 1.25 GB limit (threshold 1 GB): a naive sum gives
    // 0.9999999999999999 after ten; the compensated sum reaches 1 exactly at the 10th.
    const uploads: Journey<Change> = { id: 'u', start: 0, events: Array.from({ length: 10 }, (_, i) => ({ name: 'upload', timestamp: i * MIN, record: { delta: 0.1 } })) };
    expect(approachingLimit<Change>('upload', { limit: 1.25, value: net })(uploads)).toBe(9 * MIN);
  });

  it('counts only the window when withinDays is given', () => {
    const day = 86_400_000;
    const journey: Journey = { id: 'a', start: day, events: [0, day, 2 * day, 3 * day].map((t) => ({ name: 'x', timestamp: t, record: {} })) };
    // The event at 0 is before the start: within 2 days only day, 2·day and 3·day count.
    expect(approachingLimit('x', { limit: 4, share: 0.75, withinDays: 2 })(journey)).toBe(3 * day);
    expect(approachingLimit('x', { limit: 4, share: 1, withinDays: 2 })(journey)).toBeNull();
    expect(approachingLimit('x', { limit: 4, share: 1 })(journey)).toBe(3 * day);
  });

  it('rejects bad arguments when built, and a bad value when evaluated', () => {
    const cases: [() => unknown, string, string, string][] = [
      [() => approachingLimit('', { limit: 1 }), 'event', 'invalid-option', 'approachingLimit: event must be a non-empty event name or a predicate (event) => boolean ("")'],
      [() => approachingLimit('x', { limit: 0 }), 'options.limit', 'invalid-number', 'approachingLimit: options.limit must be a finite number > 0 (0)'],
      [() => approachingLimit('x', {} as { limit: number }), 'options.limit', 'invalid-number', 'approachingLimit: options.limit must be a finite number > 0 (undefined)'],
      [() => approachingLimit('x', { limit: 10, share: 0 }), 'options.share', 'invalid-number', 'approachingLimit: options.share must be a number in (0, 1] (0)'],
      [() => approachingLimit('x', { limit: 10, share: 1.2 }), 'options.share', 'invalid-number', 'approachingLimit: options.share must be a number in (0, 1] (1.2)'],
      [() => approachingLimit('x', { limit: 10, withinDays: -1 }), 'options.withinDays', 'invalid-number', 'approachingLimit: options.withinDays must be a finite number of days > 0 (-1)'],
      [() => approachingLimit('x', { limit: 10, value: 'delta' as unknown as () => number }), 'options.value', 'invalid-option', 'approachingLimit: options.value must be a function (event) => number ("delta")'],
      [() => approachingLimit('x', { limit: 10, value: () => Number.NaN })(subscribers(2, 'x')), 'events[0].value', 'invalid-number', 'approachingLimit: events[0].value must be a finite number (NaN)'],
    ];
    for (const [run, path, code, message] of cases) {
      const error = errorOf(run);
      expect([error.path, error.code, error.message]).toEqual([path, code, message]);
    }
  });

  it('is the ceil(share × limit)-th matching event, and stays when events are appended (property)', () => {
    const journeyArb = fc
      .array(fc.record({ name: fc.constantFrom('a', 'b'), t: fc.integer({ min: 0, max: 500 }) }), { maxLength: 40 })
      .map((events): Journey => ({ id: 'u', start: 0, events: events.map((e) => ({ name: e.name, timestamp: e.t, record: {} })).sort((x, y) => x.timestamp - y.timestamp) }));
    fc.assert(
      fc.property(journeyArb, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 5 }), (journey, limit, percent, extra) => {
        const m = approachingLimit('a', { limit, share: percent / 100 });
        const t = m(journey);
        // Exact rational threshold: count >= limit × percent / 100 <=> count >= ceil(limit × percent / 100).
        const needed = Math.ceil((limit * percent) / 100);
        const matching = journey.events.filter((e) => e.name === 'a');
        expect(t).toBe(matching[needed - 1]?.timestamp ?? null);
        if (t === null) return;
        const appended = { ...journey, events: [...journey.events, ...Array.from({ length: extra }, (_, i) => ({ name: 'a', timestamp: 1000 + i, record: {} }))] };
        expect(m(appended)).toBe(t);
      }),
      { numRuns: 300 },
    );
  });
});
