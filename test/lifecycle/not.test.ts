import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventCount } from '../../src/lifecycle/event-count.js';
import { hasEvent } from '../../src/lifecycle/has-event.js';
import { not } from '../../src/lifecycle/not.js';
import type { Journey, Milestone } from '../../src/lifecycle/types.js';
import { errorOf } from '../support/errors.js';

const DAY = 86_400_000;
const start = Date.parse('2024-05-01T09:00:00Z');
const invitedAt = (offset: number): Journey => ({ id: 'u', start, events: [{ name: 'teammate_invited', timestamp: start + offset, record: {} }] });

describe('not', () => {
  const noInviteInWeek = not(hasEvent('teammate_invited'), { withinDays: 7 });

  it('is reached at the deadline when the milestone was missed by then', () => {
    // Invited on day 9: missed the 7-day deadline, known at start + 7 × 24 h = 05-08 09:00Z.
    expect(noInviteInWeek(invitedAt(9 * DAY))).toBe(Date.parse('2024-05-08T09:00:00Z'));
    // Never invited (no events at all): the deadline too.
    expect(noInviteInWeek({ id: 'e', start, events: [] })).toBe(start + 7 * DAY);
    // Invited within the window, or exactly at the deadline: not reached.
    expect(noInviteInWeek(invitedAt(2 * DAY))).toBeNull();
    expect(noInviteInWeek(invitedAt(7 * DAY))).toBeNull();
    expect(noInviteInWeek(invitedAt(7 * DAY + 1))).toBe(start + 7 * DAY);
    // Reached before the start (an event before signup) counts as reached.
    expect(noInviteInWeek(invitedAt(-DAY))).toBeNull();
    // Fractional days: 1.5 days = 36 hours.
    expect(not(hasEvent('teammate_invited'), { withinDays: 1.5 })(invitedAt(DAY))).toBeNull();
    expect(not(eventCount('teammate_invited', { atLeast: 2 }), { withinDays: 1.5 })(invitedAt(DAY))).toBe(start + 36 * 3_600_000);
  });

  it('requires a deadline, and rejects other bad arguments', () => {
    const cases: [() => unknown, string, string, string][] = [
      [() => not(hasEvent('x'), {} as { withinDays: number }), 'options.withinDays', 'invalid-number', 'not: options.withinDays must be given: a milestone is only known to be missed at a deadline (undefined)'],
      [() => (not as (m: Milestone) => Milestone)(hasEvent('x')), 'options', 'invalid-option', 'not: options must give withinDays: a milestone is only known to be missed at a deadline (undefined)'],
      [() => not(hasEvent('x'), { withinDays: -7 }), 'options.withinDays', 'invalid-number', 'not: options.withinDays must be a finite number of days > 0 (-7)'],
      [() => not(hasEvent('x'), { withinDays: Number.NaN }), 'options.withinDays', 'invalid-number', 'not: options.withinDays must be a finite number of days > 0 (NaN)'],
      [() => not('x' as unknown as Milestone, { withinDays: 1 }), 'milestone', 'invalid-option', 'not: milestone must be a milestone, a function (journey) => number | null ("x")'],
    ];
    for (const [run, path, code, message] of cases) {
      const error = errorOf(run);
      expect([error.path, error.code, error.message]).toEqual([path, code, message]);
    }
  });

  it('is the deadline exactly when the milestone is null or later, else null (property)', () => {
    const journeyArb = fc
      .array(fc.record({ name: fc.constantFrom('a', 'b'), t: fc.integer({ min: -2 * DAY, max: 20 * DAY }) }), { maxLength: 20 })
      .map((events): Journey => ({ id: 'u', start: 0, events: events.map((e) => ({ name: e.name, timestamp: e.t, record: {} })).sort((x, y) => x.timestamp - y.timestamp) }));
    fc.assert(
      fc.property(journeyArb, fc.integer({ min: 1, max: 3 }), fc.double({ min: 0.01, max: 15, noNaN: true }), (journey, atLeast, withinDays) => {
        const inner = eventCount('a', { atLeast });
        const t = not(inner, { withinDays })(journey);
        const reached = inner(journey);
        const deadline = journey.start + withinDays * DAY;
        expect(t).toBe(reached !== null && reached <= deadline ? null : deadline);
      }),
      { numRuns: 300 },
    );
  });
});
