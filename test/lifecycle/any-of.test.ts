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
  fc.record({ name: fc.constantFrom('a', 'b'), atLeast: fc.integer({ min: 1, max: 3 }) }).map(({ name, atLeast }) => eventCount(name, { atLeast })),
);

describe('anyOf', () => {
  const journey: Journey = {
    id: 'ana',
    start: Date.parse('2024-05-01T09:00:00Z'),
    events: [at('project_shared', '2024-05-02T10:00:00Z'), at('teammate_invited', '2024-05-03T10:00:00Z')],
  };

  it('is reached when the first part is: invited a teammate or shared a project', () => {
    // project_shared 05-02 10:00 comes before teammate_invited 05-03 10:00: min is 05-02.
    expect(anyOf(hasEvent('teammate_invited'), hasEvent('project_shared'))(journey)).toBe(Date.parse('2024-05-02T10:00:00Z'));
    // A part that is null does not hide the others.
    expect(anyOf(hasEvent('exported'), hasEvent('teammate_invited'))(journey)).toBe(Date.parse('2024-05-03T10:00:00Z'));
    expect(anyOf(hasEvent('exported'), eventCount('project_shared', { atLeast: 2 }))(journey)).toBeNull();
    // Nesting: (shared and invited) or exported.
    expect(anyOf(allOf(hasEvent('project_shared'), hasEvent('teammate_invited')), hasEvent('exported'))(journey)).toBe(Date.parse('2024-05-03T10:00:00Z'));
    expect(anyOf(hasEvent('x'))({ id: 'e', start: 0, events: [] })).toBeNull();
  });

  it('rejects no parts and parts that are not functions', () => {
    const none = errorOf(() => anyOf());
    expect([none.path, none.code, none.message]).toEqual(['milestones', 'invalid-option', 'anyOf: milestones must hold at least one milestone (an array of 0)']);
    const bad = errorOf(() => anyOf(null as unknown as Milestone));
    expect([bad.path, bad.code]).toEqual(['milestones[0]', 'invalid-option']);
  });

  it('is the min of its parts that are reached, null when none is (property)', () => {
    fc.assert(
      fc.property(journeyArb, fc.array(milestoneArb, { minLength: 1, maxLength: 4 }), (journey, parts) => {
        const times = parts.map((m) => m(journey)).filter((t): t is number => t !== null);
        expect(anyOf(...parts)(journey)).toBe(times.length === 0 ? null : Math.min(...times));
      }),
      { numRuns: 300 },
    );
  });
});
