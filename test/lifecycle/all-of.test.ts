import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allOf } from '../../src/lifecycle/all-of.js';
import { anyOf } from '../../src/lifecycle/any-of.js';
import { eventCount } from '../../src/lifecycle/event-count.js';
import { hasEvent } from '../../src/lifecycle/has-event.js';
import type { Journey, Milestone } from '../../src/lifecycle/types.js';
import { errorOf } from '../support/errors.js';

const at = (name: string, iso: string) => ({ name, timestamp: Date.parse(iso), record: {} });

const journeyArb = fc
  .array(fc.record({ name: fc.constantFrom('a', 'b', 'c', 'd'), t: fc.integer({ min: 0, max: 1000 }) }), { maxLength: 25 })
  .map((events): Journey => ({ id: 'u', start: 0, events: events.map((e) => ({ name: e.name, timestamp: e.t, record: {} })).sort((x, y) => x.timestamp - y.timestamp) }));
const milestoneArb: fc.Arbitrary<Milestone> = fc.oneof(
  fc.constantFrom('a', 'b', 'c', 'd').map((name) => hasEvent(name)),
  fc.record({ name: fc.constantFrom('a', 'b'), atLeast: fc.integer({ min: 1, max: 3 }) }).map(({ name, atLeast }) => eventCount(name, { atLeast, withinDays: 0.005 })),
);

describe('allOf', () => {
  const journey: Journey = {
    id: 'ana',
    start: Date.parse('2024-05-01T09:00:00Z'),
    events: [at('email_confirmed', '2024-05-01T09:05:00Z'), at('billing_added', '2024-05-04T16:00:00Z'), at('email_confirmed', '2024-05-05T10:00:00Z')],
  };

  it('is reached when the last part is: account set up = email confirmed and billing added', () => {
    // email_confirmed first at 05-01 09:05, billing_added at 05-04 16:00: max is 05-04 16:00.
    const setUp = allOf(hasEvent('email_confirmed'), hasEvent('billing_added'));
    expect(setUp(journey)).toBe(Date.parse('2024-05-04T16:00:00Z'));
    // Order of the parts does not matter; one part is that part.
    expect(allOf(hasEvent('billing_added'), hasEvent('email_confirmed'))(journey)).toBe(Date.parse('2024-05-04T16:00:00Z'));
    expect(allOf(hasEvent('email_confirmed'))(journey)).toBe(Date.parse('2024-05-01T09:05:00Z'));
    // Twice confirmed (05-05 10:00) comes after billing: it sets the time.
    expect(allOf(setUp, eventCount('email_confirmed', { atLeast: 2 }))(journey)).toBe(Date.parse('2024-05-05T10:00:00Z'));
    expect(allOf(setUp, hasEvent('project_created'))(journey)).toBeNull();
    expect(allOf(hasEvent('x'))({ id: 'e', start: 0, events: [] })).toBeNull();
  });

  it('rejects no parts and parts that are not functions', () => {
    const none = errorOf(() => allOf());
    expect([none.path, none.code, none.message]).toEqual(['milestones', 'invalid-option', 'allOf: milestones must hold at least one milestone (an array of 0)']);
    const bad = errorOf(() => allOf(hasEvent('a'), 'b' as unknown as Milestone));
    expect([bad.path, bad.code, bad.message]).toEqual(['milestones[1]', 'invalid-option', 'allOf: milestones[1] must be a milestone, a function (journey) => number | null ("b")']);
  });

  it('is the max of its parts, null when any part is null (property)', () => {
    fc.assert(
      fc.property(journeyArb, fc.array(milestoneArb, { minLength: 1, maxLength: 4 }), (journey, parts) => {
        const times = parts.map((m) => m(journey));
        const expected = times.includes(null) ? null : Math.max(...(times as number[]));
        expect(allOf(...parts)(journey)).toBe(expected);
        // anyOf of the same parts is reached no later than allOf.
        const any = anyOf(...parts)(journey);
        if (expected !== null) expect(any).not.toBeNull();
        if (expected !== null && any !== null) expect(any).toBeLessThanOrEqual(expected);
      }),
      { numRuns: 300 },
    );
  });
});
