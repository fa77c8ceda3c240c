import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareIds } from '../../src/core/id-order.js';
import { activeDays } from '../../src/lifecycle/active-days.js';
import { allOf } from '../../src/lifecycle/all-of.js';
import { anyOf } from '../../src/lifecycle/any-of.js';
import { approachingLimit } from '../../src/lifecycle/approaching-limit.js';
import { eventCount } from '../../src/lifecycle/event-count.js';
import { hasEvent } from '../../src/lifecycle/has-event.js';
import { journeys } from '../../src/lifecycle/journeys.js';
import { not } from '../../src/lifecycle/not.js';
import { recurring } from '../../src/lifecycle/recurring.js';
import { where } from '../../src/lifecycle/where.js';
import type { Journey } from '../../src/lifecycle/types.js';
import { errorOf } from '../support/errors.js';
import { shuffled } from '../support/model.js';

type Row = { userId: number | string; timestamp: number; name: string; seq: number };

const iso = (t: number | undefined): string => new Date(t ?? Number.NaN).toISOString();

/** The slow, obvious model: group with a Map, stable sort by time, order ids by compareIds. */
function modelJourneys(rows: readonly Row[], signups: readonly { userId: number | string; signedUpAt: number }[] = []): Journey<Row>[] {
  const byId = new Map<number | string, Row[]>();
  for (const s of signups) byId.set(s.userId, []);
  for (const r of rows) byId.set(r.userId, [...(byId.get(r.userId) ?? []), r]);
  const signedUp = new Map(signups.map((s) => [s.userId, s.signedUpAt]));
  return [...byId.keys()].sort(compareIds).map((id) => {
    const events = [...(byId.get(id) ?? [])].sort((a, b) => a.timestamp - b.timestamp).map((r) => ({ name: r.name, timestamp: r.timestamp, record: r }));
    return { id, start: signedUp.get(id) ?? (events[0]?.timestamp as number), events, timeZone: 'UTC' };
  });
}

describe('journeys', () => {
  it('runs the doc example: signup start, first-event start, journey without events', () => {
    const events = [
      { userId: 'ben', name: 'login', timestamp: '2024-05-02T09:00:00Z' },
      { userId: 'ana', name: 'invite_sent', timestamp: '2024-05-01T12:00:00Z' },
      { userId: 'ana', name: 'login', timestamp: '2024-05-01T10:00:00Z' },
    ];
    const signups = [
      { userId: 'ana', signedUpAt: '2024-05-01T09:30:00Z' },
      { userId: 'cem', signedUpAt: '2024-05-03T08:00:00Z' },
    ];
    const list = journeys(events, { signups });
    // ana: signup row 09:30, events re-ordered by time (10:00 login before 12:00 invite).
    // ben: no signup row, so start = his first event. cem: a signup without events.
    // Every journey carries the zone of the call (1.0), UTC by default.
    expect(list).toEqual([
      {
        id: 'ana',
        start: Date.parse('2024-05-01T09:30:00Z'),
        events: [
          { name: 'login', timestamp: Date.parse('2024-05-01T10:00:00Z'), record: events[2] },
          { name: 'invite_sent', timestamp: Date.parse('2024-05-01T12:00:00Z'), record: events[1] },
        ],
        timeZone: 'UTC',
      },
      { id: 'ben', start: Date.parse('2024-05-02T09:00:00Z'), events: [{ name: 'login', timestamp: Date.parse('2024-05-02T09:00:00Z'), record: events[0] }], timeZone: 'UTC' },
      { id: 'cem', start: Date.parse('2024-05-03T08:00:00Z'), events: [], timeZone: 'UTC' },
    ]);
    // The records are the input rows themselves, not copies.
    expect(list[0]?.events[0]?.record).toBe(events[2]);
  });

  it('gives [] for no events and no signups', () => {
    expect(journeys([])).toEqual([]);
    expect(journeys({ userId: [], timestamp: [], name: [] })).toEqual([]);
    expect(journeys([], { signups: [] })).toEqual([]);
  });

  it('keeps simultaneous events in input order and orders ids numbers first', () => {
    const rows = [
      { userId: 'b', name: 'x', timestamp: 5 },
      { userId: 2, name: 'second', timestamp: 7 },
      { userId: 2, name: 'first', timestamp: 3 },
      { userId: 2, name: 'tie-1', timestamp: 7 },
      { userId: 10, name: 'x', timestamp: 1 },
      { userId: 'a', name: 'x', timestamp: 9 },
      { userId: 2, name: 'tie-2', timestamp: 7 },
    ];
    const list = journeys(rows);
    expect(list.map((j) => j.id)).toEqual([2, 10, 'a', 'b']);
    expect(list[0]?.events.map((e) => e.name)).toEqual(['first', 'second', 'tie-1', 'tie-2']);
    expect(list[0]?.start).toBe(3);
  });

  it('keeps events before the signup in the journey, start stays the signup', () => {
    const rows = [
      { userId: 'u', name: 'page_view', timestamp: Date.parse('2024-01-01T08:00:00Z') },
      { userId: 'u', name: 'login', timestamp: Date.parse('2024-01-02T08:00:00Z') },
    ];
    const [j] = journeys(rows, { signups: [{ userId: 'u', signedUpAt: '2024-01-01T12:00:00Z' }] });
    expect(iso(j?.start)).toBe('2024-01-01T12:00:00.000Z');
    expect(j?.events.map((e) => e.name)).toEqual(['page_view', 'login']);
  });

  it('builds account journeys with groupBy (field or accessor), without needing user ids', () => {
    const rows = [
      { accountId: 'acme', userId: 'u1', name: 'a', timestamp: 2 },
      { accountId: 'globex', name: 'b', timestamp: 1 },
      { accountId: 'acme', userId: 'u2', name: 'c', timestamp: 1 },
    ];
    const byField = journeys(rows, { groupBy: 'accountId', signups: [{ accountId: 'globex', signedUpAt: 0 }] });
    expect(byField.map((j) => [j.id, j.start, j.events.map((e) => e.name)])).toEqual([
      ['acme', 1, ['c', 'a']],
      ['globex', 0, ['b']],
    ]);
    const byAccessor = journeys(rows, { groupBy: (r) => r.accountId.toUpperCase(), signups: [{ userId: 'GLOBEX', signedUpAt: 0 }] });
    expect(byAccessor.map((j) => [j.id, j.start])).toEqual([
      ['ACME', 1],
      ['GLOBEX', 0],
    ]);
  });

  it('reads columns in place: the record is the event index', () => {
    const columns = {
      userId: Int32Array.from([7, 3, 7, 3]),
      timestamp: Float64Array.from([40, 10, 20, 30]),
      name: ['d', 'a', 'b', 'c'],
      accountId: ['x', 'y', 'y', 'x'],
    };
    expect(journeys(columns)).toEqual([
      { id: 3, start: 10, events: [{ name: 'a', timestamp: 10, record: 1 }, { name: 'c', timestamp: 30, record: 3 }], timeZone: 'UTC' },
      { id: 7, start: 20, events: [{ name: 'b', timestamp: 20, record: 2 }, { name: 'd', timestamp: 40, record: 0 }], timeZone: 'UTC' },
    ]);
    expect(journeys(columns, { groupBy: 'accountId' }).map((j) => [j.id, j.events.map((e) => e.record)])).toEqual([
      ['x', [3, 0]],
      ['y', [1, 2]],
    ]);
    const plan = ['free', 'pro', 'pro', 'free'];
    expect(journeys(columns, { groupBy: (i) => plan[i] }).map((j) => [j.id, j.events.map((e) => e.record)])).toEqual([
      ['free', [3, 0]],
      ['pro', [1, 2]],
    ]);
    // Without a userId column, `groupBy` alone identifies the journeys.
    expect(journeys({ accountId: ['x'], timestamp: [5], name: ['a'] }, { groupBy: 'accountId' })).toEqual([{ id: 'x', start: 5, events: [{ name: 'a', timestamp: 5, record: 0 }], timeZone: 'UTC' }]);
  });

  it('reads other field names through accessors, signups too', () => {
    const rows = [{ uid: 'u', at: '2024-02-01', what: 'open' }];
    const signups = [{ who: 'u', when: '2024-01-31' }];
    const [j] = journeys(rows, {
      userId: (r) => r.uid,
      timestamp: (r) => r.at,
      name: (r) => r.what,
      signups,
      signupFields: { id: (s) => s.who, signedUpAt: (s) => s.when },
      timeZone: 'Asia/Tokyo',
    });
    // Date-only strings are local days of the zone: Tokyo is UTC+9, so 2024-02-01 starts 2024-01-31T15:00Z.
    // The journey carries the zone, for the milestones and functions that read it.
    expect(j).toEqual({
      id: 'u',
      start: Date.parse('2024-01-30T15:00:00Z'),
      events: [{ name: 'open', timestamp: Date.parse('2024-01-31T15:00:00Z'), record: rows[0] }],
      timeZone: 'Asia/Tokyo',
    });
  });

  it('does not mutate its input', () => {
    const rows = Object.freeze([
      Object.freeze({ userId: 'a', name: 'x', timestamp: 2 }),
      Object.freeze({ userId: 'a', name: 'y', timestamp: 1 }),
    ]);
    const signups = Object.freeze([Object.freeze({ userId: 'a', signedUpAt: 0 })]);
    const columns = Object.freeze({ userId: Object.freeze(['a', 'a']), timestamp: Object.freeze([2, 1]), name: Object.freeze(['x', 'y']) });
    const first = journeys(rows, { signups });
    expect(journeys(rows, { signups })).toEqual(first);
    expect(rows.map((r) => r.timestamp)).toEqual([2, 1]);
    expect(journeys(columns)[0]?.events.map((e) => e.record)).toEqual([1, 0]);
    expect(columns.timestamp).toEqual([2, 1]);
  });

  it('rejects bad records and options with MetricsInputError', () => {
    const ok = { userId: 'a', name: 'x', timestamp: 1 };
    const cases: [unknown, unknown, string, string, string][] = [
      [[ok, { name: 'x', timestamp: 2 }], undefined, 'events[1].userId', 'invalid-id', 'journeys: events[1].userId must be a non-empty string or a finite number (undefined)'],
      [[ok, { userId: '', name: 'x', timestamp: 2 }], undefined, 'events[1].userId', 'invalid-id', 'journeys: events[1].userId must be a non-empty string or a finite number ("")'],
      [[{ userId: 'a', name: 'x', timestamp: 'yesterday' }], undefined, 'events[0].timestamp', 'invalid-timestamp', 'journeys: events[0] (userId "a").timestamp is not a valid timestamp ("yesterday")'],
      [[{ userId: 'a', name: 'x', timestamp: '2024-01-01T10:00:00' }], undefined, 'events[0].timestamp', 'ambiguous-timestamp', 'journeys: events[0] (userId "a").timestamp has no time-zone offset'],
      [[{ userId: 'a', name: '', timestamp: 1 }], undefined, 'events[0].name', 'invalid-name', 'journeys: events[0] (userId "a").name must be a non-empty string ("")'],
      [[{ userId: 'a', timestamp: 1 }], undefined, 'events[0].name', 'invalid-name', 'journeys: events[0] (userId "a").name must be a non-empty string (undefined)'],
      [[{ userId: 'a', name: 3, timestamp: 1 }], undefined, 'events[0].name', 'invalid-name', 'journeys: events[0] (userId "a").name must be a non-empty string (3)'],
      [[null], undefined, 'events[0]', 'invalid-record', 'journeys: events[0] must be an object (null)'],
      [[ok], { groupBy: 'accountId' }, 'events[0].accountId', 'invalid-id', 'journeys: events[0].accountId must be'],
      [[ok], { groupBy: () => null }, 'events[0].groupBy', 'invalid-id', 'journeys: events[0].groupBy must be'],
      [[ok], { groupBy: 4 }, 'options.groupBy', 'invalid-option', 'journeys: options.groupBy must be'],
      [[ok], { name: 'name' }, 'options.name', 'invalid-option', 'journeys: options.name must be a function'],
      [[ok], { timeZone: 'Mars/Base' }, 'options.timeZone', 'invalid-time-zone', 'journeys: options.timeZone is not a known IANA time zone'],
      [[ok], { signups: 5 }, 'options.signups', 'invalid-input', 'journeys: options.signups must be'],
      [[ok], { signups: [{ userId: 'a' }] }, 'signups[0].signedUpAt', 'invalid-timestamp', 'journeys: signups[0] (userId "a").signedUpAt is not a valid timestamp (undefined)'],
      [[ok], { signups: [{ signedUpAt: 1 }] }, 'signups[0].userId', 'invalid-id', 'journeys: signups[0].userId must be'],
      [[ok], { signups: [{ userId: 'a', signedUpAt: 1 }, { userId: 'b', signedUpAt: 1 }, { userId: 'a', signedUpAt: 2 }] }, 'signups[2].userId', 'duplicate-id', 'journeys: signups[2].userId repeats the id of signups[0]; give each journey one signup ("a")'],
      [[ok], { signups: [], signupFields: { id: 'uid' } }, 'options.signupFields.id', 'invalid-option', 'journeys: options.signupFields.id must be a function'],
      [[ok], { signups: [], signupFields: 3 }, 'options.signupFields', 'invalid-option', 'journeys: options.signupFields must be an object'],
      [[ok], 'utc', 'options', 'invalid-option', 'journeys: options must be an object'],
      // 1.0: strict options. An unknown key (nested ones too) is an error naming the closest key; null is not "default".
      [[ok], { timezone: 'UTC' }, 'options.timezone', 'unknown-option', 'journeys: options.timezone is not an option; did you mean timeZone? ("UTC")'],
      [[ok], { by: 'accountId' }, 'options.by', 'unknown-option', 'journeys: options.by is not an option; did you mean groupBy? ("accountId")'],
      [[ok], { signups: [], signupFields: { signedUp: () => 0 } }, 'options.signupFields.signedUp', 'unknown-option', 'journeys: options.signupFields.signedUp is not an option; did you mean signedUpAt?'],
      [[ok], { timeZone: null }, 'options.timeZone', 'invalid-option', 'journeys: options.timeZone must not be null'],
      [[ok], { signups: [], signupFields: null }, 'options.signupFields', 'invalid-option', 'journeys: options.signupFields must not be null'],
      [[ok], { signups: [], signupFields: { id: null } }, 'options.signupFields.id', 'invalid-option', 'journeys: options.signupFields.id must not be null'],
      [[{ accountId: 'acme', name: 'x', timestamp: 'soon' }], { groupBy: 'accountId' }, 'events[0].timestamp', 'invalid-timestamp', 'journeys: events[0] (accountId "acme").timestamp is not'],
      [[ok], { signups: [{ userId: 'u_1', signedUpAt: 1 }, { userId: 'u_2', signedUpAt: 'soon' }] }, 'signups[1].signedUpAt', 'invalid-timestamp', 'journeys: signups[1] (userId "u_2").signedUpAt is not'],
      [{ userId: ['a'], timestamp: [1, 2], name: ['x', 'y'] }, undefined, 'events.userId', 'invalid-input', 'journeys: events.userId must be a column with as many values as events.timestamp (2)'],
      [{ userId: ['a'], timestamp: [1] }, undefined, 'events.name', 'invalid-input', 'journeys: events.name must be a column of event names'],
      [{ userId: ['a', 2.5, NaN], timestamp: [1, 2, 3], name: ['x', 'y', 'z'] }, undefined, 'events.userId[2]', 'invalid-id', 'journeys: events.userId[2] must be a non-empty string or a finite number (NaN)'],
      [{ userId: ['a'], timestamp: ['nope'], name: ['x'] }, undefined, 'events.timestamp[0]', 'invalid-timestamp', 'journeys: events.timestamp[0] (userId "a") is not a valid timestamp ("nope")'],
      [{ userId: ['a'], timestamp: [1], name: [''] }, undefined, 'events.name[0]', 'invalid-name', 'journeys: events.name[0] (userId "a") must be a non-empty string ("")'],
      ['events', undefined, 'events', 'invalid-input', 'journeys: events must be an iterable'],
      [42, undefined, 'events', 'invalid-input', 'journeys: events must be an iterable'],
    ];
    for (const [events, options, path, code, message] of cases) {
      const error = errorOf(() => journeys(events as Row[], options as undefined));
      expect([error.path, error.code], message).toEqual([path, code]);
      expect(error.message.startsWith(message), error.message).toBe(true);
    }
  });

  // Random logs: a few users (numbers and strings), few distinct instants (so ties occur),
  // names from a small set, `seq` = input position.
  const logArb = fc
    .array(
      fc.record({
        userId: fc.constantFrom<number | string>(1, 2, 30, 'a', 'b'),
        timestamp: fc.integer({ min: 0, max: 12 }).map((k) => Date.UTC(2024, 0, 1) + k * 3_600_000),
        name: fc.constantFrom('open', 'save', 'share'),
      }),
      { maxLength: 50 },
    )
    .map((rows) => rows.map((r, seq): Row => ({ ...r, seq })));
  const signupsArb = fc.uniqueArray(
    fc.record({ userId: fc.constantFrom<number | string>(1, 30, 'b', 'z'), signedUpAt: fc.integer({ min: Date.UTC(2023, 11, 31), max: Date.UTC(2024, 0, 2) }) }),
    { selector: (s) => s.userId, maxLength: 4 },
  );

  it('agrees with a slow model (Map, stable sort, id order) (property)', () => {
    fc.assert(
      fc.property(logArb, signupsArb, (rows, signups) => {
        expect(journeys(rows, { signups })).toEqual(modelJourneys(rows, signups));
      }),
      { numRuns: 300 },
    );
  });

  it('reads columns exactly like rows, with the index as record (property)', () => {
    fc.assert(
      fc.property(logArb, (rows) => {
        const columns = { userId: rows.map((r) => r.userId), timestamp: Float64Array.from(rows.map((r) => r.timestamp)), name: rows.map((r) => r.name) };
        const fromRows = journeys(rows).map((j) => ({ ...j, events: j.events.map((e) => ({ ...e, record: e.record.seq })) }));
        expect(journeys(columns)).toEqual(fromRows);
      }),
    );
  });

  it('does not depend on the order of the input, simultaneous events aside (property)', () => {
    // Simultaneous events of one user keep input order, so compare them in `seq` order.
    const canonical = (list: Journey<Row>[]) =>
      list.map((j) => ({ ...j, events: [...j.events].sort((a, b) => a.timestamp - b.timestamp || a.record.seq - b.record.seq) }));
    fc.assert(
      fc.property(logArb, signupsArb, fc.array(fc.nat(), { minLength: 1, maxLength: 50 }), (rows, signups, picks) => {
        const base = journeys(rows, { signups });
        expect(canonical(journeys(shuffled(rows, picks), { signups: shuffled(signups, picks) }))).toEqual(canonical(base));
        // With distinct instants per user the result is identical, records included.
        const distinct = rows.map((r) => ({ ...r, timestamp: r.timestamp + r.seq }));
        expect(journeys(shuffled(distinct, picks), { signups })).toEqual(journeys(distinct, { signups }));
      }),
    );
  });

  it('gives milestones that ignore input order and are event instants, or start + window for not (property)', () => {
    const windowed = [
      eventCount<Row>('save', { atLeast: 2, withinDays: 0.3 }),
      activeDays<Row>({ atLeast: 1, windowDays: 1, timeZone: 'Asia/Kolkata' }),
      approachingLimit<Row>('open', { limit: 4, withinDays: 0.25 }),
      allOf(hasEvent<Row>('open'), eventCount<Row>('share', { atLeast: 1, withinDays: 0.2 })),
    ];
    const unwindowed = [
      hasEvent<Row>('share'),
      anyOf(eventCount<Row>('open', { atLeast: 3 }), recurring<Row>('save', { period: 'day', times: 1 })),
      where((e: { record: Row }) => typeof e.record.userId === 'number', activeDays<Row>({ atLeast: 1 })),
    ];
    const missed = not(hasEvent<Row>('share'), { withinDays: 0.1 });
    fc.assert(
      fc.property(logArb, signupsArb, fc.array(fc.nat(), { minLength: 1, maxLength: 50 }), (rows, signups, picks) => {
        const list = journeys(rows, { signups });
        const reshuffled = journeys(shuffled(rows, picks), { signups });
        list.forEach((journey, k) => {
          const other = reshuffled[k] as Journey<Row>;
          const times = new Set(journey.events.map((e) => e.timestamp));
          for (const m of [...windowed, ...unwindowed]) {
            const t = m(journey);
            expect(m(other)).toBe(t);
            if (t !== null) expect(times.has(t)).toBe(true);
            if (t !== null && windowed.includes(m)) expect(t).toBeGreaterThanOrEqual(journey.start);
          }
          const n = missed(journey);
          expect(missed(other)).toBe(n);
          if (n !== null) expect(n).toBe(journey.start + 0.1 * 86_400_000);
        });
      }),
    );
  });

  it('sorts a large shuffled log per user like the model', () => {
    // 20,000 events in reverse time order (ties in threes): every user is out of order.
    // Users 0..499 have 20 events each, users 500..519 have 500 each (both sort paths).
    const rows: Row[] = [];
    for (let k = 0; k < 20_000; k++) {
      rows.push({ userId: k < 10_000 ? k % 500 : 500 + (k % 20), timestamp: 1_000_000 - Math.floor(k / 3), name: k % 7 === 0 ? 'save' : 'open', seq: k });
    }
    const list = journeys(rows);
    expect(list).toEqual(modelJourneys(rows));
    expect(list).toHaveLength(520);
  });
});
