import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MetricsInputError } from '../../src/core/errors.js';
import { compareIds } from '../../src/core/id-order.js';
import type { Id } from '../../src/core/read.js';
import { cohortRetention } from '../../src/retention/cohort-retention.js';
import { cohortRetentionAccumulator } from '../../src/retention/cohort-retention-accumulator.js';
import type { CohortRetentionOptions, CohortRetentionState } from '../../src/retention/types.js';
import { errorOf } from '../support/errors.js';
import { TEST_ZONES, shuffled, wallDate } from '../support/model.js';

type Event = { userId: Id; timestamp: number | string; name?: string };
type Signup = { userId: Id; signedUpAt: number | string };

const FN = 'cohortRetentionAccumulator';
const H = 3_600_000;
const DAY = 24 * H;
/** Day numbers (days since 1970-01-01), checked with Python: (date(2024, 1, 1) - date(1970, 1, 1)).days == 19723. */
const JAN_1 = 19_723;
/** Epoch ms, checked with Python: int(datetime(2024, 1, 1, 10, tzinfo=timezone.utc).timestamp() * 1000) == 1704103200000. */
const JAN_1_10H = 1_704_103_200_000;

const roundTrip = (state: CohortRetentionState): CohortRetentionState => JSON.parse(JSON.stringify(state)) as CohortRetentionState;

/** The same events as columns. */
function columnsOf(events: readonly Event[]): { userId: Id[]; timestamp: (number | string)[]; name: string[] } {
  return { userId: events.map((e) => e.userId), timestamp: events.map((e) => e.timestamp), name: events.map((e) => e.name ?? 'visit') };
}

describe('cohortRetentionAccumulator', () => {
  it('runs the documented example: two batches, a state through JSON, a merge', () => {
    // The end of 03-06 (0.1 wrote '2024-03-07', then the start of 03-07, for this table).
    const options = { cohort: 'day', interval: 'day', lastPeriod: 2, asOf: '2024-03-06' } as const;
    const shard1 = cohortRetentionAccumulator(options)
      .add([
        { userId: 'ana', timestamp: '2024-03-04T09:00:00Z' },
        { userId: 'ana', timestamp: '2024-03-05T09:00:00Z' },
      ])
      .add({ userId: ['ben', 'ben'], timestamp: [Date.UTC(2024, 2, 4, 18), Date.UTC(2024, 2, 6, 10)] });
    // 03-04 is day 19786 (Python: (date(2024, 3, 4) - date(1970, 1, 1)).days); ana 03-04, 03-05;
    // ben 03-04, 03-06. asOf = the last ms of 03-06 = 19789 × 86400000 − 1 ms; latest = ben's
    // 03-06T10:00Z = 19788 × 86400000 + 10 × 3600000 = 1709719200000.
    expect(roundTrip(shard1.state())).toEqual({
      kind: 'customer-success-metrics/cohort-retention',
      version: 1,
      timeZone: 'UTC',
      rolling: false,
      start: 'first-activity',
      asOf: 1_709_769_599_999,
      latest: 1_709_719_200_000,
      users: ['ana', 'ben'],
      dayCounts: [2, 2],
      days: [19_786, 19_787, 19_786, 19_788],
      first: null,
      last: null,
      startCounts: null,
      startDays: null,
      startFirst: null,
    });
    const shard2 = cohortRetentionAccumulator(options).add([{ userId: 'cy', timestamp: '2024-03-05T12:00:00Z' }]);
    const table = shard2.merge(roundTrip(shard1.state())).result();
    // By hand (as cohortRetention's example): cohort 03-04 {ana, ben}: day 0 both, day 1 ana,
    // day 2 ben. Cohort 03-05 {cy}: day 0 cy, day 1 nobody, day 2 (03-07) not over at asOf.
    // Both cohort days have ended by the end of 03-06: complete.
    expect(table.cohorts.map((c) => [c.cohort, c.complete, c.size, c.counts])).toEqual([
      ['2024-03-04', true, 2, [2, 1, 1]],
      ['2024-03-05', true, 1, [1, 0, null]],
    ]);
    // Mean over observed cells: (2+1)/3, (1+0)/3, 1/2.
    expect(table.mean).toEqual({ counts: [3, 1, 1], sizes: [3, 3, 2], rates: [1, 1 / 3, 0.5] });
    expect([table.asOf, table.asOfDate]).toEqual(['2024-03-06T23:59:59.999Z', '2024-03-06']);
  });

  it('keeps half-days with instants for rolling windows, and the start event per user', () => {
    const events: Event[] = [
      { userId: 'a', timestamp: '2024-01-01T10:00:00Z', name: 'visit' },
      { userId: 'a', timestamp: '2024-01-02T09:00:00Z', name: 'created' },
      { userId: 'a', timestamp: '2024-01-01T15:00:00Z', name: 'visit' },
      { userId: 7, timestamp: '2024-01-01T23:00:00Z', name: 'visit' },
      { userId: 'a', timestamp: '2024-01-01T11:30:00Z', name: 'created' },
    ];
    const options = { cohort: 'day', interval: 'day', lastPeriod: 1, rolling: true, start: 'created', asOf: '2024-01-10' } as const;
    const acc = cohortRetentionAccumulator<Event>(options).add(events);
    // Half-days: 2 × 19723 = 39446 is 01-01 before noon, 39447 after, 39448 01-02 morning.
    // a: 39446 [10:00, 11:30], 39447 [15:00], 39448 [09:00]; 7: 39447 [23:00]. Users: 7 before 'a'.
    // Start events of a: 39446 (first 11:30), 39448 (09:00); 7 has none.
    const t = (hours: number): number => JAN_1_10H + (hours - 10) * H;
    expect(roundTrip(acc.state())).toEqual({
      kind: 'customer-success-metrics/cohort-retention',
      version: 1,
      timeZone: 'UTC',
      rolling: true,
      start: 'created',
      asOf: (JAN_1 + 10) * DAY - 1, // the last ms of 01-10
      latest: t(24 + 9),
      users: [7, 'a'],
      dayCounts: [1, 3],
      days: [2 * JAN_1 + 1, 2 * JAN_1, 2 * JAN_1 + 1, 2 * JAN_1 + 2],
      first: [t(23), t(10), t(15), t(24 + 9)],
      last: [t(23), t(11.5), t(15), t(24 + 9)],
      startCounts: [0, 2],
      startDays: [2 * JAN_1, 2 * JAN_1 + 2],
      startFirst: [t(11.5), t(24 + 9)],
    });
    // a starts 01-01 11:30; window 0 [11:30, 01-02 11:30) holds 15:00 and 09:00; window 1
    // nothing. 7 never creates: withoutStart 1.
    const expected = {
      cohort: 'day',
      interval: 'day',
      mode: 'n-day',
      lastPeriod: 1,
      brackets: null,
      start: 'created',
      recurring: false,
      rolling: true,
      timeZone: 'UTC',
      weekStartsOn: 1,
      asOf: '2024-01-10T23:59:59.999Z',
      asOfDate: '2024-01-10',
      cohorts: [{ cohort: '2024-01-01', complete: true, size: 1, counts: [1, 0], rates: [1, 0] }],
      mean: { counts: [1, 0], sizes: [1, 1], rates: [1, 0] },
      withoutStart: 1,
    };
    expect(acc.result()).toEqual(expected);
    expect(cohortRetention(events, options)).toEqual(expected);
    // Restored from JSON into a fresh accumulator: the same result and state.
    const restored = cohortRetentionAccumulator(options, roundTrip(acc.state()));
    expect(restored.result()).toEqual(expected);
    expect(restored.state()).toEqual(acc.state());
  });

  it('reads signups from the options at result(): users who only signed up count, shards pass signups: []', () => {
    const events: Event[] = [
      { userId: 'a', timestamp: '2024-01-01T10:00:00Z' },
      { userId: 'a', timestamp: '2024-01-03T10:00:00Z' },
      { userId: 'a', timestamp: '2024-01-04T10:00:00Z' },
      { userId: 'b', timestamp: '2024-01-02T10:00:00Z' },
    ];
    const signups: Signup[] = [
      { userId: 'a', signedUpAt: '2024-01-02T09:00:00Z' },
      { userId: 'c', signedUpAt: '2024-01-02T12:00:00Z' }, // never active
    ];
    const options = { cohort: 'day', interval: 'day', lastPeriod: 2, asOf: '2024-02-01' } as const;
    const shard = cohortRetentionAccumulator<Event, Signup>({ ...options, signups: [] }).add(events.slice(0, 2));
    expect(shard.state().start).toBe('signup');
    const acc = cohortRetentionAccumulator<Event, Signup>({ ...options, signups }).add(events.slice(2)).merge(roundTrip(shard.state()));
    // As in cohortRetention's test: cohort 01-02 = {a, c}: day 0 nobody (a's 01-01 is before
    // signup), day 1 a, day 2 a; b has events and no signup.
    const result = acc.result();
    expect(result.cohorts).toEqual([{ cohort: '2024-01-02', complete: true, size: 2, counts: [0, 1, 1], rates: [0, 0.5, 0.5] }]);
    expect(result.withoutStart).toBe(1);
    expect(result).toEqual(cohortRetention(events, { ...options, signups }));
    // c is not in the state: it holds events only.
    expect(acc.state().users).toEqual(['a', 'b']);
    // A signups generator is read once, at creation.
    function* generated(): Generator<Signup> {
      yield* signups;
    }
    const once = cohortRetentionAccumulator<Event, Signup>({ ...options, signups: generated() }).add(events);
    expect(once.result()).toEqual(result);
    expect(once.result()).toEqual(result);
  });

  it('lets shards differ in result-only options; the accumulator that computes decides', () => {
    const events: Event[] = [
      { userId: 1, timestamp: '2024-01-01T10:00:00Z' },
      { userId: 1, timestamp: '2024-01-09T10:00:00Z' },
      { userId: 2, timestamp: '2024-01-10T10:00:00Z' },
      { userId: 2, timestamp: '2024-01-17T10:00:00Z' },
    ];
    const shard = cohortRetentionAccumulator<Event>({ cohort: 'month', interval: 'day', lastPeriod: 0 }).add(events.slice(0, 2));
    const options = { cohort: 'week', interval: 'week', lastPeriod: 1, recurring: true, mode: 'unbounded', weekStartsOn: 0 } as const;
    const acc = cohortRetentionAccumulator<Event>(options).add(events.slice(2)).merge(shard);
    expect(acc.result()).toEqual(cohortRetention(events, options));
  });

  it('continues after result(), hands out fresh arrays and does not mutate its input', () => {
    const events = Object.freeze([
      Object.freeze({ userId: 'a', timestamp: '2024-01-01T10:00:00Z' }),
      Object.freeze({ userId: 'b', timestamp: '2024-01-02T10:00:00Z' }),
    ]);
    const options = { cohort: 'day', interval: 'day', lastPeriod: 1 } as const;
    const acc = cohortRetentionAccumulator(options).add(events);
    const first = acc.result();
    expect(acc.result()).toEqual(first);
    const state = acc.state();
    state.users.push('z');
    state.days[0] = 0;
    expect(acc.state()).toEqual(cohortRetentionAccumulator(options).add(events).state());
    const more = [{ userId: 'a', timestamp: '2024-01-03T10:00:00Z' }];
    acc.add(more);
    expect(acc.result()).toEqual(cohortRetention([...events, ...more], options));
    // Merging an accumulator into itself changes nothing (a union).
    expect(acc.merge(acc).state()).toEqual(cohortRetentionAccumulator(options).add([...events, ...more]).state());
    // An empty accumulator gives the empty table.
    expect(cohortRetentionAccumulator(options).result()).toEqual(cohortRetention([], options));
  });

  it('streams from an async generator of records, arrays and column batches, naming the stream position', async () => {
    const options = { cohort: 'day', interval: 'day', lastPeriod: 3, start: 'created' } as const;
    const events: Event[] = Array.from({ length: 9 }, (_, i) => ({
      userId: i % 3,
      timestamp: Date.UTC(2024, 0, 1 + (i % 4), i),
      name: i % 2 === 0 ? 'created' : 'visit',
    }));
    async function* source(): AsyncGenerator<unknown> {
      yield events[0];
      yield events[1];
      yield events.slice(2, 4);
      yield columnsOf(events.slice(4, 7));
      yield events[7];
      yield events[8];
    }
    const acc = await cohortRetentionAccumulator<Event>(options).addAsync(source());
    expect(acc.result()).toEqual(cohortRetention(events, options));
    expect(acc.state()).toEqual(cohortRetentionAccumulator<Event>(options).add(events).state());

    // Records 0-1, the array 2-3, the columns 4-6, then record 7 is bad.
    async function* badRecord(): AsyncGenerator<unknown> {
      yield* source();
      yield { userId: 'x', timestamp: 'yesterday', name: 'visit' };
    }
    let error = await cohortRetentionAccumulator<Event>(options).addAsync(badRecord()).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MetricsInputError);
    expect(error).toMatchObject({ code: 'invalid-timestamp', path: 'events[9].timestamp' });
    expect((error as Error).message).toBe(`${FN}: events[9] (userId "x").timestamp is not a valid timestamp ("yesterday")`);
    // A bad value in a column batch at stream positions 4..6.
    async function* badColumn(): AsyncGenerator<unknown> {
      yield events.slice(0, 4);
      yield { userId: [1, 2, 3], timestamp: [0, 1, Number.NaN], name: ['a', 'b', 'c'] };
    }
    error = await cohortRetentionAccumulator<Event>(options).addAsync(badColumn()).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'invalid-timestamp', path: 'events.timestamp[6]' });
    // A missing event name in a record, where the start is an event.
    error = await cohortRetentionAccumulator<Event>(options).addAsync([events[0], { userId: 1, timestamp: 0 }]).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'invalid-id', path: 'events[1].name' });
    error = await cohortRetentionAccumulator<Event>(options).addAsync(42 as never).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'invalid-input', path: 'events' });
  });

  it('validates options and signups at creation, with its own name', () => {
    let error = errorOf(() => cohortRetentionAccumulator({ cohort: 'day', interval: 'day' } as never));
    expect(error).toMatchObject({ code: 'invalid-number', path: 'options.lastPeriod' });
    expect(error.message).toBe(`${FN}: options.lastPeriod must be an integer >= 0 (undefined)`);
    error = errorOf(() => cohortRetentionAccumulator({ cohort: 'day', interval: 'day', lastPeriod: 1, timestamp: 'ts' } as never));
    expect(error).toMatchObject({ code: 'invalid-option', path: 'options.timestamp' });
    error = errorOf(() => cohortRetentionAccumulator({ cohort: 'day', interval: 'day', lastPeriod: 1, start: 'x', name: 3 } as never));
    expect(error).toMatchObject({ code: 'invalid-option', path: 'options.name' });
    const twice = [
      { userId: 'a', signedUpAt: '2024-01-01' },
      { userId: 'a', signedUpAt: '2024-01-02' },
    ];
    error = errorOf(() => cohortRetentionAccumulator({ cohort: 'day', interval: 'day', lastPeriod: 1, signups: twice }));
    expect(error).toMatchObject({ code: 'duplicate-id', path: 'signups[1].userId' });
    expect(error.message).toBe(`${FN}: signups[1].userId repeats the id of signups[0]; give each user one signup ("a")`);
    error = errorOf(() => cohortRetentionAccumulator({ cohort: 'day', interval: 'day', lastPeriod: 1 }).add([{ userId: '', timestamp: 0 }]));
    expect(error).toMatchObject({ code: 'invalid-id', path: 'events[0].userId' });
    // Unknown keys and null values are refused at creation, nested signupFields included.
    error = errorOf(() => cohortRetentionAccumulator({ cohort: 'day', interval: 'day', lastPeriod: 1, asof: '2024-01-01' } as never));
    expect([error.code, error.path, error.message]).toEqual(['unknown-option', 'options.asof', `${FN}: options.asof is not an option; did you mean asOf? ("2024-01-01")`]);
    error = errorOf(() => cohortRetentionAccumulator({ cohort: 'day', interval: 'day', lastPeriod: 1, signups: [], signupFields: { signedUp: () => 0 } } as never));
    expect([error.code, error.path]).toEqual(['unknown-option', 'options.signupFields.signedUp']);
    expect(error.message).toContain('did you mean signedUpAt?');
    error = errorOf(() => cohortRetentionAccumulator({ cohort: 'day', interval: 'day', lastPeriod: 1, timeZone: null } as never));
    expect([error.code, error.path]).toEqual(['invalid-option', 'options.timeZone']);
  });

  it('rejects malformed states and states built with other settings', () => {
    const options = { cohort: 'day', interval: 'day', lastPeriod: 1, timeZone: 'Europe/Berlin' } as const;
    const events = [
      { userId: 'a', timestamp: '2024-01-01T10:00:00Z' },
      { userId: 'b', timestamp: '2024-01-02T10:00:00Z' },
    ];
    const good = roundTrip(cohortRetentionAccumulator(options).add(events).state());
    const merging = (state: unknown, opts: CohortRetentionOptions<unknown> = options) => errorOf(() => cohortRetentionAccumulator(opts).merge(state as CohortRetentionState));
    const check = (error: MetricsInputError, path: string, message: string): void => {
      expect(error).toMatchObject({ code: 'invalid-state', path });
      expect(error.message).toBe(`${FN}: ${path} ${message}`);
    };
    check(merging(null), 'state', 'must be a state object from cohortRetentionAccumulator().state() (null)');
    check(merging({ ...good, kind: 'customer-success-metrics/active-users' }), 'state.kind', `must be 'customer-success-metrics/cohort-retention' ("customer-success-metrics/active-users")`);
    check(merging({ ...good, version: 2 }), 'state.version', 'must be 1 (the only version this library reads) (2)');
    check(merging(good, { ...options, timeZone: 'UTC' }), 'state.timeZone', `must be the accumulator's time zone "UTC" ("Europe/Berlin")`);
    check(merging(good, { ...options, rolling: true }), 'state.rolling', "must be the accumulator's rolling option (true) (false)");
    check(merging(good, { ...options, start: 'created' }), 'state.start', `must be the accumulator's start "created" ("first-activity")`);
    check(
      merging(good, { ...options, asOf: '2024-02-01T00:00:00Z' }),
      'state.asOf',
      "must be the accumulator's asOf in epoch ms, 1706745600000 (2024-02-01T00:00:00.000Z) (null)",
    );
    // A 0.1 state made with asOf '2024-01-31' in Berlin held the start of that day (events of
    // 01-31 left out), 2024-01-30T23:00Z; the date now means the end of 01-31, 2024-01-31T22:59:59.999Z.
    const oldAsOf = Date.UTC(2024, 0, 30, 23);
    check(
      merging({ ...good, asOf: oldAsOf }, { ...options, asOf: '2024-01-31' }),
      'state.asOf',
      `must be the accumulator's asOf in epoch ms, ${Date.UTC(2024, 0, 31, 23) - 1} (2024-01-31T22:59:59.999Z) (${oldAsOf})`,
    );
    check(merging({ ...good, users: ['a', ''] }), 'state.users[1]', 'must be a non-empty string or a finite number ("")');
    check(merging({ ...good, latest: null }), 'state.latest', 'must be the latest event instant in epoch ms (the state has users) (null)');
    check(merging({ ...good, dayCounts: [1] }), 'state.dayCounts', 'must have one count per user (2) (an array of 1)');
    check(merging({ ...good, dayCounts: [2, 0] }), 'state.dayCounts[1]', 'must be an integer >= 1 (0)');
    check(merging({ ...good, days: [good.days[0], 1.5] }), 'state.days[1]', 'must be an integer day number from -719162 (0001-01-01) to 2932896 (9999-12-31) (1.5)');
    check(merging({ ...good, days: [good.days[0], 20_000] }), 'state.days[1]', 'must not be on a day after that of state.latest (19724) (20000)');
    check(merging({ ...good, first: [] }), 'state.first', 'must be null without rolling (an array of 0)');
    check(merging({ ...good, startCounts: [0, 0] }), 'state.startCounts', 'must be null unless start is an event name (an array of 2)');
    // Rolling: instants must lie in their half-day.
    const rolling = { ...options, rolling: true };
    const goodRolling = roundTrip(cohortRetentionAccumulator(rolling).add(events).state());
    const last = goodRolling.last as number[];
    check(
      merging({ ...goodRolling, last: [last[0], (last[1] as number) - 12 * H] }, rolling),
      'state.last[1]',
      `must lie in the half-day ${goodRolling.days[1] as number} of the same index (${(last[1] as number) - 12 * H})`,
    );
    check(merging({ ...goodRolling, first: [last[0], (last[1] as number) + 1] }, rolling), 'state.first[1]', 'must be an instant in epoch ms, not after state.latest (1704189600001)');
    // A state given at creation is validated the same way; so is another accumulator.
    check(errorOf(() => cohortRetentionAccumulator(options, { ...good, version: 0 } as never)), 'state.version', 'must be 1 (the only version this library reads) (0)');
    const other = cohortRetentionAccumulator({ ...options, timeZone: 'UTC' });
    check(
      errorOf(() => cohortRetentionAccumulator(options).merge(other)),
      'state.timeZone',
      `must be the accumulator's time zone "Europe/Berlin" ("UTC")`,
    );
  });

  it('recognizes the start event when its first occurrence is after asOf (regression, found by the split property)', () => {
    // The name 'created' is first seen on an event after asOf; user 1's second 'created' is
    // at asOf and starts them. Before the fix the first sighting was skipped with the event,
    // so the name was never recognized, in cohortRetention too.
    const asOf = Date.UTC(2024, 2, 1);
    const events: Event[] = [
      { userId: 1, timestamp: asOf + 1, name: 'created' },
      { userId: 'a', timestamp: asOf, name: 'visit' },
      { userId: 1, timestamp: asOf, name: 'created' },
    ];
    const options = { cohort: 'day', interval: 'day', lastPeriod: 0, start: 'created', asOf } as const;
    // Cohort 03-01 = {1}; 'a' never creates. Day 0 of 03-01 is not over at asOf 03-01T00:00.
    const expected = [{ cohort: '2024-03-01', complete: false, size: 1, counts: [null], rates: [null] }];
    expect(cohortRetention(events, options).cohorts).toEqual(expected);
    const acc = cohortRetentionAccumulator<Event>(options).add(events.slice(0, 1)).add(events.slice(1));
    expect(acc.result().cohorts).toEqual(expected);
    expect(acc.result().withoutStart).toBe(1);
  });

  it('reads a state listed in any order and with repeats as a union', () => {
    const options = { cohort: 'day', interval: 'day', lastPeriod: 2 } as const;
    const events = [
      { userId: 'a', timestamp: '2024-01-01T10:00:00Z' },
      { userId: 'a', timestamp: '2024-01-03T10:00:00Z' },
      { userId: 'b', timestamp: '2024-01-02T10:00:00Z' },
    ];
    const good = cohortRetentionAccumulator(options).add(events).state();
    const scrambled = { ...good, users: ['b', 'a', 'a'], dayCounts: [1, 1, 2], days: [JAN_1 + 1, JAN_1 + 2, JAN_1 + 2, JAN_1] };
    expect(cohortRetentionAccumulator(options, scrambled).state()).toEqual(good);
  });
});

// ---------------------------------------------------------------------------------------
// Properties: split and merge equals the whole; merge commutes and associates.

const START = Date.UTC(2024, 2, 1);
type GenEvent = { userId: Id; timestamp: number; name: string };
const idArb = fc.oneof(fc.integer({ min: 1, max: 5 }), fc.constantFrom('a', 'b', 'Zed'));
const eventArb = fc.record({
  userId: idArb,
  timestamp: fc.integer({ min: START, max: START + 60 * DAY }),
  name: fc.constantFrom('visit', 'created'),
});
const signupsArb = fc.uniqueArray(fc.record({ userId: idArb, signedUpAt: fc.integer({ min: START - 5 * DAY, max: START + 60 * DAY }) }), {
  selector: (s) => s.userId,
  maxLength: 5,
});
const settingsArb = fc.record({
  cohort: fc.constantFrom('day' as const, 'week' as const, 'month' as const),
  interval: fc.constantFrom('day' as const, 'week' as const, 'month' as const),
  lastPeriod: fc.integer({ min: 0, max: 6 }),
  mode: fc.constantFrom('n-day' as const, 'unbounded' as const, 'bracket' as const),
  brackets: fc.array(fc.tuple(fc.integer({ min: 0, max: 3 }), fc.integer({ min: 0, max: 3 })).map(([a, b]) => [a, a + b] as [number, number]), { minLength: 1, maxLength: 3 }),
  recurring: fc.boolean(),
  rolling: fc.boolean(),
  timeZone: fc.constantFrom(...TEST_ZONES),
  weekStartsOn: fc.constantFrom(0 as const, 1 as const, 3 as const),
  // An instant, or a date (the end of that local day).
  asOf: fc.option(
    fc.oneof(
      fc.integer({ min: START, max: START + 70 * DAY }),
      fc.integer({ min: 0, max: 70 }).map((d) => new Date(START + d * DAY).toISOString().slice(0, 10)),
    ),
    { nil: undefined },
  ),
  start: fc.constantFrom('first-activity', 'created', 'signup'),
  signups: signupsArb,
});
type Settings = typeof settingsArb extends fc.Arbitrary<infer T> ? T : never;

/** Valid options of cohortRetention for generated settings. */
function optionsFor(s: Settings): CohortRetentionOptions<GenEvent, Signup> {
  return {
    cohort: s.cohort,
    interval: s.interval,
    mode: s.mode,
    ...(s.mode === 'bracket' ? { brackets: s.brackets, lastPeriod: Math.max(...s.brackets.map((b) => b[1])) } : { lastPeriod: s.lastPeriod }),
    recurring: s.start === 'signup' ? false : s.recurring,
    rolling: s.rolling,
    timeZone: s.timeZone,
    weekStartsOn: s.weekStartsOn,
    ...(s.asOf === undefined ? {} : { asOf: s.asOf }),
    ...(s.start === 'signup' ? { signups: s.signups } : s.start === 'created' ? { start: 'created' } : {}),
  };
}

/** A shard's options: the same state settings, other result-only options, no signups. */
function shardOptionsFor(s: Settings): CohortRetentionOptions<GenEvent, Signup> {
  return {
    cohort: 'month',
    interval: 'day',
    lastPeriod: 1,
    rolling: s.rolling,
    timeZone: s.timeZone,
    ...(s.asOf === undefined ? {} : { asOf: s.asOf }),
    ...(s.start === 'signup' ? { signups: [] } : s.start === 'created' ? { start: 'created' } : {}),
  };
}

/** Cuts `events` at the given points into parts (some possibly empty). */
function partsOf<T>(events: readonly T[], cuts: readonly number[]): T[][] {
  const points = [...new Set(cuts.map((c) => c % (events.length + 1)))].sort((a, b) => a - b);
  const parts: T[][] = [];
  let from = 0;
  for (const point of [...points, events.length]) {
    parts.push(events.slice(from, point));
    from = point;
  }
  return parts;
}

/** The slow, obvious state of calendar (not rolling) activity: local dates by Intl, users by compareIds. */
function modelState(events: readonly GenEvent[], s: Settings): Pick<CohortRetentionState, 'users' | 'dayCounts' | 'days'> {
  const byUser = new Map<Id, Set<number>>();
  for (const e of events) {
    const date = wallDate(e.timestamp, s.timeZone);
    // A date asOf keeps every event of that local date and before.
    if (typeof s.asOf === 'number' && e.timestamp > s.asOf) continue;
    if (typeof s.asOf === 'string' && date > s.asOf) continue;
    const day = Date.parse(`${date}T00:00:00Z`) / DAY;
    byUser.set(e.userId, (byUser.get(e.userId) ?? new Set()).add(day));
  }
  const users = [...byUser.keys()].sort(compareIds);
  const days = users.map((u) => [...(byUser.get(u) as Set<number>)].sort((a, b) => a - b));
  return { users, dayCounts: days.map((d) => d.length), days: days.flat() };
}

describe('cohortRetentionAccumulator properties', () => {
  it('merging the parts of any split, in any order, gives the whole result and the whole state', () => {
    fc.assert(
      fc.property(
        fc.array(eventArb, { maxLength: 25 }),
        settingsArb,
        fc.array(fc.nat(), { maxLength: 4 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
        (events, s, cuts, picks, flags) => {
          const options = optionsFor(s);
          const parts = shuffled(partsOf(events, cuts), picks);
          const acc = cohortRetentionAccumulator(options);
          parts.forEach((part, i) => {
            const shard = cohortRetentionAccumulator(shardOptionsFor(s));
            // Rows, or columns; in one batch or two.
            const half = part.length >> 1;
            for (const batch of flags[i] === true ? [part] : [part.slice(0, half), part.slice(half)]) {
              shard.add(flags[i + 6] === true ? columnsOf(batch) : batch);
            }
            acc.merge(flags[(i + 3) % 12] === true ? roundTrip(shard.state()) : shard);
          });
          expect(acc.result()).toEqual(cohortRetention(events, options));
          const whole = cohortRetentionAccumulator(options).add(shuffled(events, picks)).state();
          expect(acc.state()).toEqual(whole);
          expect(roundTrip(whole)).toEqual(whole);
          if (!s.rolling) expect({ users: whole.users, dayCounts: whole.dayCounts, days: whole.days }).toEqual(modelState(events, s));
        },
      ),
      { numRuns: 100 },
    );
  });

  it('merge is commutative, associative and idempotent on states', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 24 }), settingsArb, fc.array(fc.nat(), { minLength: 2, maxLength: 2 }), (events, s, cuts) => {
        const options = optionsFor(s);
        const [a, b, c] = [0, 1, 2].map((i) => cohortRetentionAccumulator(options).add(partsOf(events, cuts)[i] ?? []).state()) as [CohortRetentionState, CohortRetentionState, CohortRetentionState];
        const merged = (x: CohortRetentionState, y: CohortRetentionState): CohortRetentionState => cohortRetentionAccumulator(options, x).merge(y).state();
        expect(merged(a, b)).toEqual(merged(b, a));
        expect(merged(merged(a, b), c)).toEqual(merged(a, merged(b, c)));
        expect(merged(a, a)).toEqual(a);
      }),
      { numRuns: 100 },
    );
  });

  it('addAsync over any mix of records, arrays and column batches equals cohortRetention on all events', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(eventArb, { maxLength: 25 }), settingsArb, fc.array(fc.nat(), { maxLength: 5 }), fc.array(fc.nat({ max: 2 }), { minLength: 6, maxLength: 6 }), async (events, s, cuts, kinds) => {
        const options = optionsFor(s);
        const parts = partsOf(events, cuts);
        async function* source(): AsyncGenerator<unknown> {
          for (const [i, part] of parts.entries()) {
            const kind = kinds[i % 6];
            if (kind === 0) yield* part;
            else if (kind === 1) yield part;
            else yield columnsOf(part);
          }
        }
        const acc = await cohortRetentionAccumulator(options).addAsync(source());
        expect(acc.result()).toEqual(cohortRetention(events, options));
      }),
      { numRuns: 100 },
    );
  });
});
