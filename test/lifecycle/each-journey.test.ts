import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eachJourney } from '../../src/lifecycle/each-journey.js';
import { hasEvent } from '../../src/lifecycle/has-event.js';
import { journeys } from '../../src/lifecycle/journeys.js';
import { lifecycleFunnel } from '../../src/lifecycle/lifecycle-funnel.js';
import type { Journey } from '../../src/lifecycle/types.js';
import { errorOf } from '../support/errors.js';
import { TEST_ZONES } from '../support/model.js';

type Row = { userId: number | string; accountId: string; timestamp: number | string; name: string; seq: number };

describe('eachJourney', () => {
  it('runs the doc example: journeys in id order, one at a time, into a funnel', () => {
    const events = [
      { userId: 'ben', name: 'signed_up', timestamp: '2024-05-02T09:00:00Z' },
      { userId: 'ana', name: 'report_created', timestamp: '2024-05-01T12:00:00Z' },
      { userId: 'ana', name: 'signed_up', timestamp: '2024-05-01T10:00:00Z' },
    ];
    const all = eachJourney(events);
    // Ids in order: 'ana' < 'ben'. ana's events re-ordered by time: signed_up 10:00, then
    // report_created 12:00; no signups, so each start is the first event.
    expect([...all]).toEqual([
      {
        id: 'ana',
        start: Date.parse('2024-05-01T10:00:00Z'),
        events: [
          { name: 'signed_up', timestamp: Date.parse('2024-05-01T10:00:00Z'), record: events[2] },
          { name: 'report_created', timestamp: Date.parse('2024-05-01T12:00:00Z'), record: events[1] },
        ],
        timeZone: 'UTC',
      },
      { id: 'ben', start: Date.parse('2024-05-02T09:00:00Z'), events: [{ name: 'signed_up', timestamp: Date.parse('2024-05-02T09:00:00Z'), record: events[0] }], timeZone: 'UTC' },
    ]);
    // Funnel: both journeys reach signed-up (their start); only ana has report_created.
    const funnel = lifecycleFunnel(all, { aha: hasEvent('report_created') });
    expect(funnel.stages.map((s) => [s.name, s.reached])).toEqual([
      ['signed-up', 2],
      ['aha', 1],
    ]);
    expect(funnel.journeys).toBe(2);
  });

  it('gives an empty sequence for no events and no signups, and event-less journeys for signups', () => {
    expect([...eachJourney([])]).toEqual([]);
    expect([...eachJourney({ userId: [], timestamp: [], name: [] })]).toEqual([]);
    expect([...eachJourney([], { signups: [{ userId: 7, signedUpAt: 5 }] })]).toEqual([{ id: 7, start: 5, events: [], timeZone: 'UTC' }]);
  });

  it('is re-iterable: each pass gives equal journeys as fresh objects, passes are independent', () => {
    const rows = [
      { userId: 2, name: 'b', timestamp: 9 },
      { userId: 1, name: 'a', timestamp: 4 },
      { userId: 2, name: 'a', timestamp: 3 },
    ];
    const all = eachJourney(rows);
    const first = [...all];
    const second = [...all];
    expect(second).toEqual(first);
    expect(second).toEqual(journeys(rows));
    expect(second[0]).not.toBe(first[0]);
    expect(second[1]?.events).not.toBe(first[1]?.events);
    // Two iterators at once, one left unfinished: neither disturbs the other.
    const a = all[Symbol.iterator]();
    const b = all[Symbol.iterator]();
    expect(a.next().value?.id).toBe(1);
    expect(b.next().value?.id).toBe(1);
    expect(b.next().value?.id).toBe(2);
    expect(b.next().done).toBe(true);
    expect(a.next().value?.events.map((e: { name: string }) => e.name)).toEqual(['a', 'b']);
    expect([...all]).toEqual(first);
  });

  it('reads every event in the call: errors throw there, not while iterating', () => {
    // A bad record after good ones: the call throws before any journey is asked for.
    let read = 0;
    function* rows() {
      yield { userId: 'a', name: 'x', timestamp: 1 };
      read++;
      yield { userId: 'b', name: 'x', timestamp: 'yesterday' };
      read++;
    }
    const error = errorOf(() => eachJourney(rows()));
    expect([error.code, error.path, error.message]).toEqual([
      'invalid-timestamp',
      'events[1].timestamp',
      'eachJourney: events[1] (userId "b").timestamp is not a valid timestamp ("yesterday")',
    ]);
    expect(read).toBe(1);
    // Good input is read in full at the call: a generator is spent by then, and the
    // journeys come from what was read.
    const once = (function* () {
      yield { userId: 'a', name: 'x', timestamp: 1 };
    })();
    const all = eachJourney(once);
    expect([...once]).toEqual([]);
    expect([...all].map((j) => j.id)).toEqual(['a']);
    expect([...all].map((j) => j.id)).toEqual(['a']);
  });

  it('rejects what journeys rejects, with the same code and path, naming eachJourney', () => {
    const ok = { userId: 'a', name: 'x', timestamp: 1 };
    const cases: [unknown, unknown][] = [
      [[ok, { name: 'x', timestamp: 2 }], undefined],
      [[{ userId: 'a', name: 'x', timestamp: '2024-01-01T10:00:00' }], undefined],
      [[{ userId: 'a', name: '', timestamp: 1 }], undefined],
      [[null], undefined],
      [[ok], { groupBy: 'accountId' }],
      [[ok], { groupBy: () => null }],
      [[ok], { groupBy: 4 }],
      [[ok], { by: 'accountId' }],
      [[ok], { name: 'name' }],
      [[ok], { timeZone: 'Mars/Base' }],
      [[ok], { signups: 5 }],
      [[ok], { signups: [{ userId: 'a' }] }],
      [[ok], { signups: [{ userId: 'a', signedUpAt: 1 }, { userId: 'a', signedUpAt: 2 }] }],
      [[ok], { signups: [], signupFields: 3 }],
      [[ok], 'utc'],
      [{ userId: ['a'], timestamp: [1, 2], name: ['x', 'y'] }, undefined],
      [{ userId: ['a'], timestamp: [1] }, undefined],
      [{ userId: ['a', 2.5, NaN], timestamp: [1, 2, 3], name: ['x', 'y', 'z'] }, undefined],
      [{ userId: ['a'], timestamp: ['nope'], name: ['x'] }, undefined],
      ['events', undefined],
      [42, undefined],
    ];
    for (const [events, options] of cases) {
      const expected = errorOf(() => journeys(events as Row[], options as undefined));
      const error = errorOf(() => eachJourney(events as Row[], options as undefined));
      expect([error.code, error.path, error.value]).toEqual([expected.code, expected.path, expected.value]);
      expect(error.message).toBe(expected.message.replace(/^journeys: /, 'eachJourney: '));
    }
    // Spot checks of the full message.
    expect(errorOf(() => eachJourney([ok], { groupBy: 4 } as never)).message).toBe(
      'eachJourney: options.groupBy must be a field name such as "accountId" or a function that reads the journey id from a record (4)',
    );
    expect(errorOf(() => eachJourney({ userId: ['a'], timestamp: ['nope'], name: ['x'] })).message).toBe(
      'eachJourney: events.timestamp[0] (userId "a") is not a valid timestamp ("nope")',
    );
  });

  it('does not mutate its input', () => {
    const rows = Object.freeze([
      Object.freeze({ userId: 'a', name: 'x', timestamp: 2 }),
      Object.freeze({ userId: 'a', name: 'y', timestamp: 1 }),
    ]);
    const signups = Object.freeze([Object.freeze({ userId: 'a', signedUpAt: 0 })]);
    const columns = Object.freeze({ userId: Object.freeze(['a', 'a']), timestamp: Object.freeze([2, 1]), name: Object.freeze(['x', 'y']) });
    const first = [...eachJourney(rows, { signups })];
    expect([...eachJourney(rows, { signups })]).toEqual(first);
    expect(first).toEqual(journeys(rows, { signups }));
    expect(rows.map((r) => r.timestamp)).toEqual([2, 1]);
    expect([...eachJourney(columns)][0]?.events.map((e) => e.record)).toEqual([1, 0]);
    expect(columns.timestamp).toEqual([2, 1]);
  });

  // Random logs: a few users (numbers and strings) on two accounts, few distinct instants
  // (ties occur), some as date-only strings read in the zone; `seq` = input position.
  const logArb = fc
    .array(
      fc.record({
        userId: fc.constantFrom<number | string>(1, 2, 30, 'a', 'b'),
        accountId: fc.constantFrom('acme', 'globex'),
        timestamp: fc.oneof(
          fc.integer({ min: 0, max: 12 }).map((k) => Date.UTC(2024, 0, 1) + k * 3_600_000),
          fc.constantFrom('2024-01-01', '2024-01-02'),
        ),
        name: fc.constantFrom('open', 'save', 'share'),
      }),
      { maxLength: 60 },
    )
    .map((rows) => rows.map((r, seq): Row => ({ ...r, seq })));
  const signupsArb = fc.uniqueArray(
    fc.record({ userId: fc.constantFrom<number | string>(1, 30, 'b', 'z'), signedUpAt: fc.integer({ min: Date.UTC(2023, 11, 31), max: Date.UTC(2024, 0, 2) }) }),
    { selector: (s) => s.userId, maxLength: 4 },
  );
  const zoneArb = fc.constantFrom(...TEST_ZONES);

  it('equals journeys(...) for rows, with signups, zones and groupBy (property)', () => {
    fc.assert(
      fc.property(logArb, signupsArb, zoneArb, fc.boolean(), (rows, signups, timeZone, byAccount) => {
        const options = byAccount ? { timeZone, groupBy: 'accountId' } : { timeZone, signups };
        const all = eachJourney(rows, options);
        const expected = journeys(rows, options);
        expect([...all]).toEqual(expected);
        // Records are the input rows themselves.
        [...all].forEach((j, k) => j.events.forEach((e, m) => expect(e.record).toBe(expected[k]?.events[m]?.record)));
      }),
      { numRuns: 300 },
    );
  });

  it('equals journeys(...) for columns, grouped by column or accessor (property)', () => {
    fc.assert(
      fc.property(logArb, signupsArb, zoneArb, fc.constantFrom('userId', 'accountId', 'accessor'), (rows, signups, timeZone, key) => {
        const columns = {
          userId: rows.map((r) => r.userId),
          accountId: rows.map((r) => r.accountId),
          timestamp: rows.map((r) => r.timestamp),
          name: rows.map((r) => r.name),
        };
        const options =
          key === 'userId'
            ? { timeZone, signups }
            : key === 'accountId'
              ? { timeZone, groupBy: key }
              : { timeZone, groupBy: (i: number) => `${columns.accountId[i] as string}/${String(columns.userId[i])}` };
        const expected: Journey<number>[] = journeys(columns, options);
        expect([...eachJourney(columns, options)]).toEqual(expected);
        // A Float64Array of epoch ms reads the same as the mixed column when all are numbers.
        if (rows.every((r) => typeof r.timestamp === 'number')) {
          const typed = { ...columns, timestamp: Float64Array.from(rows.map((r) => r.timestamp as number)) };
          expect([...eachJourney(typed, options)]).toEqual(expected);
        }
      }),
    );
  });

  it('matches journeys on a large log with out-of-order users (both sort paths)', () => {
    // 20,000 events in reverse time order (ties in threes): users 0..499 have 20 events,
    // users 500..519 have 500.
    const rows: { userId: number; timestamp: number; name: string }[] = [];
    for (let k = 0; k < 20_000; k++) {
      rows.push({ userId: k < 10_000 ? k % 500 : 500 + (k % 20), timestamp: 1_000_000 - Math.floor(k / 3), name: k % 7 === 0 ? 'save' : 'open' });
    }
    const list = [...eachJourney(rows)];
    expect(list).toHaveLength(520);
    expect(list).toEqual(journeys(rows));
  });
});
