import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasEvent } from '../../src/lifecycle/has-event.js';
import type { Journey, JourneyEvent } from '../../src/lifecycle/types.js';
import { errorOf } from '../support/errors.js';

const ev = (name: string, iso: string, record: unknown = {}): JourneyEvent => ({ name, timestamp: Date.parse(iso), record });

/** A random journey: events at sorted minutes from a start, names from a small set. */
const journeyArb = fc
  .record({
    start: fc.integer({ min: 0, max: 100 }),
    events: fc.array(fc.record({ name: fc.constantFrom('a', 'b', 'c'), minute: fc.integer({ min: 0, max: 200 }) }), { maxLength: 30 }),
  })
  .map(({ start, events }): Journey => ({
    id: 'u',
    start: start * 60_000,
    events: events.map((e) => ({ name: e.name, timestamp: e.minute * 60_000, record: {} })).sort((x, y) => x.timestamp - y.timestamp),
  }));

describe('hasEvent', () => {
  const journey: Journey = {
    id: 'ana',
    start: Date.parse('2024-05-01T09:00:00Z'),
    events: [ev('page_view', '2024-05-01T08:00:00Z'), ev('login', '2024-05-01T09:00:00Z'), ev('email_confirmed', '2024-05-01T09:05:00Z'), ev('login', '2024-05-02T09:00:00Z', { plan: 'pro' })],
  };

  it('gives the first matching event, by name or predicate', () => {
    expect(hasEvent('email_confirmed')(journey)).toBe(Date.parse('2024-05-01T09:05:00Z'));
    expect(hasEvent('login')(journey)).toBe(Date.parse('2024-05-01T09:00:00Z'));
    expect(hasEvent('billing_added')(journey)).toBeNull();
    expect(hasEvent((e) => (e.record as { plan?: string }).plan === 'pro')(journey)).toBe(Date.parse('2024-05-02T09:00:00Z'));
    // Events before the start count: hasEvent has no window.
    expect(hasEvent('page_view')(journey)).toBe(Date.parse('2024-05-01T08:00:00Z'));
  });

  it('gives null for a journey without events', () => {
    expect(hasEvent('login')({ id: 'x', start: 0, events: [] })).toBeNull();
  });

  it('rejects a bad event when built', () => {
    for (const bad of ['', 3, null, undefined, {}]) {
      const error = errorOf(() => hasEvent(bad as string));
      expect([error.code, error.path]).toEqual(['invalid-option', 'event']);
      expect(error.message.startsWith('hasEvent: event must be a non-empty event name or a predicate (event) => boolean')).toBe(true);
    }
  });

  it('is the earliest matching instant, and stays when later events are appended (property)', () => {
    fc.assert(
      fc.property(journeyArb, fc.constantFrom('a', 'b', 'c'), fc.array(fc.constantFrom('a', 'b', 'c'), { maxLength: 5 }), (journey, name, extra) => {
        const t = hasEvent(name)(journey);
        const times = journey.events.filter((e) => e.name === name).map((e) => e.timestamp);
        expect(t).toBe(times.length === 0 ? null : Math.min(...times));
        if (t === null) return;
        const appended = { ...journey, events: [...journey.events, ...extra.map((n, i) => ({ name: n, timestamp: t + (i + 1) * 1000 + 300 * 60_000, record: {} }))] };
        expect(hasEvent(name)(appended)).toBe(t);
      }),
    );
  });
});
