import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activeDays } from '../../src/lifecycle/active-days.js';
import { eventCount } from '../../src/lifecycle/event-count.js';
import { hasEvent } from '../../src/lifecycle/has-event.js';
import { journeys } from '../../src/lifecycle/journeys.js';
import type { Journey, JourneyEvent, Milestone } from '../../src/lifecycle/types.js';
import { where } from '../../src/lifecycle/where.js';
import { errorOf } from '../support/errors.js';

type Row = { accountId: string; name: string; timestamp: number; plan: string };

describe('where', () => {
  it('counts only the events whose record passes: 2,000 messages on the pro plan', () => {
    // acme sends 1,500 messages on free (minutes 0..1499), then 2,500 on pro (minutes
    // 1500..3999). The 2,000th pro message is number 1999 of the pro ones: minute 3499.
    const rows: Row[] = [];
    for (let k = 0; k < 4000; k++) rows.push({ accountId: 'acme', name: 'message_sent', timestamp: k * 60_000, plan: k < 1500 ? 'free' : 'pro' });
    const [acme] = journeys(rows, { groupBy: 'accountId' });
    const proMessages = where((e: JourneyEvent<Row>) => e.record.plan === 'pro', eventCount('message_sent', { atLeast: 2000 }));
    expect(proMessages(acme as Journey<Row>)).toBe(3499 * 60_000);
    // Without the filter, the 2,000th message is minute 1999.
    expect(eventCount('message_sent', { atLeast: 2000 })(acme as Journey<Row>)).toBe(1999 * 60_000);
  });

  it('keeps the start, so windows still count from signup', () => {
    const journey: Journey<{ ok: boolean }> = {
      id: 'u',
      start: 0,
      events: [
        { name: 'x', timestamp: 1000, record: { ok: false } },
        { name: 'x', timestamp: 86_400_000, record: { ok: true } },
        { name: 'x', timestamp: 3 * 86_400_000, record: { ok: true } },
      ],
    };
    const okOnly = (e: JourneyEvent<{ ok: boolean }>) => e.record.ok;
    // The first ok event is at day 1; within 2 days of the start (not of the first ok event) only it counts.
    expect(where(okOnly, eventCount('x', { atLeast: 1, withinDays: 2 }))(journey)).toBe(86_400_000);
    expect(where(okOnly, eventCount('x', { atLeast: 2, withinDays: 2 }))(journey)).toBeNull();
    expect(where(okOnly, activeDays({ atLeast: 2 }))(journey)).toBe(3 * 86_400_000);
    // Nothing passes: the milestone sees no events. Everything passes: the journey itself is handed on.
    expect(where(() => false, hasEvent('x'))(journey)).toBeNull();
    let seen: Journey<{ ok: boolean }> | null = null;
    where(() => true, (j: Journey<{ ok: boolean }>) => ((seen = j), null))(journey);
    expect(seen).toBe(journey);
    // The input journey is not changed.
    expect(journey.events).toHaveLength(3);
  });

  it('rejects a predicate or milestone that is not a function', () => {
    const a = errorOf(() => where('plan' as unknown as () => boolean, hasEvent('x')));
    expect([a.path, a.code, a.message]).toEqual(['predicate', 'invalid-option', 'where: predicate must be a predicate (event) => boolean ("plan")']);
    const b = errorOf(() => where(() => true, undefined as unknown as Milestone));
    expect([b.path, b.code, b.message]).toEqual(['milestone', 'invalid-option', 'where: milestone must be a milestone, a function (journey) => number | null (undefined)']);
  });

  it('equals the milestone on a hand-filtered journey (property)', () => {
    const journeyArb = fc
      .array(fc.record({ name: fc.constantFrom('a', 'b'), t: fc.integer({ min: 0, max: 100 }), tag: fc.integer({ min: 0, max: 3 }) }), { maxLength: 30 })
      .map((events): Journey<{ tag: number }> => ({ id: 'u', start: 0, events: events.map((e) => ({ name: e.name, timestamp: e.t, record: { tag: e.tag } })).sort((x, y) => x.timestamp - y.timestamp) }));
    fc.assert(
      fc.property(journeyArb, fc.integer({ min: 0, max: 3 }), fc.integer({ min: 1, max: 4 }), (journey, tag, atLeast) => {
        const keep = (e: JourneyEvent<{ tag: number }>) => e.record.tag <= tag;
        const inner = eventCount<{ tag: number }>('a', { atLeast });
        const filtered = { ...journey, events: journey.events.filter(keep) };
        const t = where(keep, inner)(journey);
        expect(t).toBe(inner(filtered));
        if (t !== null) expect(journey.events.map((e) => e.timestamp)).toContain(t);
      }),
      { numRuns: 300 },
    );
  });
});
