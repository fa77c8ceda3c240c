import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Id } from '../../src/core/read.js';
import { compareIds } from '../../src/core/id-order.js';
import { activeUsers } from '../../src/engagement/active-users.js';
import { activeUsersAccumulator } from '../../src/engagement/active-users-accumulator.js';
import type { ActiveUsersOptions, ActiveUsersResult, ActiveUsersState, GroupedActiveUsersResult } from '../../src/engagement/types.js';
import { errorOf } from '../support/errors.js';
import { TEST_ZONES, shuffled } from '../support/model.js';

type Event = { userId: Id; timestamp: number; accountId: Id };

const FN = 'activeUsersAccumulator';

/** Day numbers (days since 1970-01-01), checked with Python: (date(2024, 3, 1) - date(1970, 1, 1)).days == 19783. */
const MAR_1 = 19_783;

/** A result with its groups in id order: the accumulator lists groups by id, activeUsers by first event. */
function byGroup<T extends ActiveUsersResult | GroupedActiveUsersResult>(result: T): T {
  if (!('groups' in result)) return result;
  return { ...result, groups: [...result.groups].sort((a, b) => compareIds(a.group, b.group)) };
}

/** The same events as columns. */
function columnsOf(events: readonly Event[]): { userId: Id[]; timestamp: Float64Array; accountId: Id[] } {
  return { userId: events.map((e) => e.userId), timestamp: Float64Array.from(events.map((e) => e.timestamp)), accountId: events.map((e) => e.accountId) };
}

const roundTrip = (state: ActiveUsersState): ActiveUsersState => JSON.parse(JSON.stringify(state)) as ActiveUsersState;

describe('activeUsersAccumulator', () => {
  it('runs the documented example: two batches, a state through JSON, a merge', () => {
    const options = { windows: { wau: 7, mau: 28 } };
    const shard1 = activeUsersAccumulator(options)
      .add([{ userId: 'ana', timestamp: '2024-03-01T09:00:00Z' }])
      .add({ userId: ['ben'], timestamp: [Date.UTC(2024, 2, 1, 17, 30)] });
    // Both users active on 2024-03-01 only: day 19783 each; users in id order. The latest event
    // is ben's, Date.UTC(2024, 2, 1, 17, 30) = 1709314200000 (Python: datetime(2024, 3, 1, 17, 30,
    // tzinfo=timezone.utc).timestamp() * 1000).
    expect(JSON.parse(JSON.stringify(shard1.state()))).toEqual({
      kind: 'customer-success-metrics/active-users',
      version: 2,
      timeZone: 'UTC',
      groupBy: false,
      asOf: null,
      latestEvent: 1_709_314_200_000,
      users: ['ana', 'ben'],
      groups: null,
      groupUnits: null,
      dayCounts: [1, 1],
      days: [MAR_1, MAR_1],
    });
    const shard2 = activeUsersAccumulator(options).add([{ userId: 'ana', timestamp: '2024-03-03T08:00:00Z' }]);
    const merged = shard2.merge(roundTrip(shard1.state()));
    // Worked by hand (as in activeUsers' example): 03-01 {ana, ben}; 03-02 nobody; 03-03 {ana};
    // WAU and MAU on 03-03 hold both. The merged latest event, 03-03 08:00, is the asOf: 03-03 is in progress.
    expect(merged.result()).toEqual({
      timeZone: 'UTC',
      asOf: '2024-03-03T08:00:00.000Z',
      asOfDate: '2024-03-03',
      windows: { wau: 7, mau: 28 },
      from: '2024-03-01',
      to: '2024-03-03',
      days: [
        { date: '2024-03-01', complete: true, dau: 2, wau: 2, mau: 2, dauMau: 1, wauMau: 1 },
        { date: '2024-03-02', complete: true, dau: 0, wau: 2, mau: 2, dauMau: 0, wauMau: 1 },
        { date: '2024-03-03', complete: false, dau: 1, wau: 2, mau: 2, dauMau: 0.5, wauMau: 1 },
      ],
    });
    // ana's days merge into one unit: 03-01 and 03-03 (19783 + 2).
    expect(merged.state().dayCounts).toEqual([2, 1]);
    expect(merged.state().days).toEqual([MAR_1, MAR_1 + 2, MAR_1]);
  });

  it('writes grouped states in (group, user) id order, numbers before strings, and lists groups by id', () => {
    const events = [
      { userId: 'zoe', accountId: 'globex', timestamp: '2024-03-02T10:00:00Z' },
      { userId: 10, accountId: 'acme', timestamp: '2024-03-01T10:00:00Z' },
      { userId: 9, accountId: 'globex', timestamp: '2024-03-01T10:00:00Z' },
      { userId: 'zoe', accountId: 7, timestamp: '2024-03-03T10:00:00Z' },
      { userId: 9, accountId: 'globex', timestamp: '2024-03-02T11:00:00Z' },
    ];
    const acc = activeUsersAccumulator({ groupBy: 'accountId' }).add(events);
    // Groups 7 < 'acme' < 'globex'; in globex, users 9 < 'zoe'. 9 was active 03-01 and 03-02.
    // The latest event is zoe's on 03-03 10:00Z = 1709460000000.
    expect(acc.state()).toEqual({
      kind: 'customer-success-metrics/active-users',
      version: 2,
      timeZone: 'UTC',
      groupBy: 'accountId',
      asOf: null,
      latestEvent: 1_709_460_000_000,
      users: ['zoe', 10, 9, 'zoe'],
      groups: [7, 'acme', 'globex'],
      groupUnits: [1, 1, 2],
      dayCounts: [1, 1, 2, 1],
      days: [MAR_1 + 2, MAR_1, MAR_1, MAR_1 + 1, MAR_1 + 1],
    });
    const result = acc.result();
    expect(result.groups.map((g) => g.group)).toEqual([7, 'acme', 'globex']);
    // activeUsers lists groups by first event (globex, acme, 7); the series are the same.
    const oneShot = activeUsers(events, { groupBy: 'accountId' });
    expect(oneShot.groups.map((g) => g.group)).toEqual(['globex', 'acme', 7]);
    expect(result).toEqual(byGroup(oneShot));
    // globex on 03-02: DAU {9, zoe} = 2; 03-02 ended before asOf (03-03 10:00).
    expect(result.groups[2]?.days[1]).toEqual({ date: '2024-03-02', complete: true, dau: 2, wau: 2, mau: 2, dauMau: 1, wauMau: 1 });
    // Overall, every user once (by hand): 03-01 {10, 9}, 03-02 {zoe, 9}, 03-03 {zoe}: DAU 2, 2, 1;
    // MAU 2, 3, 3 (zoe is one user in globex and 7).
    expect(result.days.map((d) => [d.dau, d.mau])).toEqual([
      [2, 2],
      [2, 3],
      [1, 3],
    ]);
    // An accessor groupBy is recorded as `true`.
    const byFunction = activeUsersAccumulator({ groupBy: (e: (typeof events)[number]) => e.accountId }).add(events);
    expect(byFunction.state()).toEqual({ ...acc.state(), groupBy: true });
  });

  it('stores local days of its time zone', () => {
    // 2024-03-01T20:00Z is 2024-03-02 01:30 in Kolkata (UTC+5:30): day 19784.
    const acc = activeUsersAccumulator({ timeZone: 'Asia/Kolkata' }).add([{ userId: 'a', timestamp: '2024-03-01T20:00:00Z' }]);
    expect(acc.state()).toMatchObject({ timeZone: 'Asia/Kolkata', days: [MAR_1 + 1] });
    expect(acc.result().days.map((d) => d.date)).toEqual(['2024-03-02']);
    // Days before 1970 are negative: 1969-12-31 is -1.
    expect(activeUsersAccumulator().add([{ userId: 'a', timestamp: '1969-12-31T12:00:00Z' }]).state().days).toEqual([-1]);
  });

  it('gives the empty result and state for no events, zeros over a given range', () => {
    const empty = activeUsersAccumulator();
    expect(empty.result()).toEqual(activeUsers([]));
    expect(empty.state()).toEqual({
      kind: 'customer-success-metrics/active-users',
      version: 2,
      timeZone: 'UTC',
      groupBy: false,
      asOf: null,
      latestEvent: null,
      users: [],
      groups: null,
      groupUnits: null,
      dayCounts: [],
      days: [],
    });
    expect(activeUsersAccumulator({ groupBy: 'accountId' }).state()).toMatchObject({ groups: [], groupUnits: [] });
    const ranged = { from: '2024-01-01', to: '2024-01-02' };
    expect(activeUsersAccumulator(ranged).add([]).result()).toEqual(activeUsers([], ranged));
  });

  it('returns fresh state arrays, repeatable results, and keeps accepting events', () => {
    const acc = activeUsersAccumulator().add([{ userId: 'a', timestamp: Date.UTC(2024, 0, 1) }]);
    const state = acc.state();
    state.users.push('intruder');
    state.days[0] = 0;
    expect(acc.state()).toMatchObject({ users: ['a'], days: [19_723] });
    const first = acc.result();
    expect(acc.result()).toEqual(first);
    acc.add([{ userId: 'b', timestamp: Date.UTC(2024, 0, 2) }]);
    expect(acc.result().days.map((d) => d.dau)).toEqual([1, 1]);
    // Merging itself changes nothing: merging is a union.
    expect(acc.merge(acc).state()).toEqual(activeUsersAccumulator().add([{ userId: 'a', timestamp: Date.UTC(2024, 0, 1) }, { userId: 'b', timestamp: Date.UTC(2024, 0, 2) }]).state());
  });

  it('does not mutate its input, its options or a merged state', () => {
    const events = Object.freeze([Object.freeze({ userId: 'a', timestamp: '2024-01-01T00:00:00Z' })]);
    const options = Object.freeze({ windows: Object.freeze({ wau: 7, mau: 28 }) });
    const state = Object.freeze(activeUsersAccumulator(options).add(events).state());
    const frozen = JSON.parse(JSON.stringify(state)) as ActiveUsersState;
    for (const value of Object.values(frozen)) if (Array.isArray(value)) Object.freeze(value);
    const acc = activeUsersAccumulator(options, Object.freeze(frozen)).add(events);
    expect(acc.result()).toEqual(activeUsers(events, options));
    expect(frozen).toEqual(state);
  });

  it('leaves out events after its asOf as they are added, from rows and typed columns, and records the asOf', () => {
    // asOf 2024-03-02T12:00Z. Kept: a (03-01 09:00), b (03-02 11:00); left out: c (03-02 13:00), d (03-03).
    const rows = [
      { userId: 1, timestamp: Date.UTC(2024, 2, 1, 9) },
      { userId: 2, timestamp: Date.UTC(2024, 2, 2, 11) },
      { userId: 3, timestamp: Date.UTC(2024, 2, 2, 13) },
      { userId: 4, timestamp: Date.UTC(2024, 2, 3, 9) },
    ];
    const options = { asOf: '2024-03-02T12:00:00Z' };
    const fromRows = activeUsersAccumulator(options).add(rows);
    // Date.UTC(2024, 2, 2, 11) = 1709377200000.
    expect(fromRows.state()).toMatchObject({ asOf: '2024-03-02T12:00:00.000Z', latestEvent: 1_709_377_200_000, users: [1, 2], days: [MAR_1, MAR_1 + 1] });
    const fromColumns = activeUsersAccumulator(options).add({ userId: Int32Array.from(rows, (r) => r.userId), timestamp: Float64Array.from(rows, (r) => r.timestamp) });
    expect(fromColumns.state()).toEqual(fromRows.state());
    expect(fromRows.result().days.map((d) => [d.date, d.complete, d.dau])).toEqual([
      ['2024-03-01', true, 1],
      ['2024-03-02', false, 1],
    ]);
    expect(fromRows.result()).toEqual(activeUsers(rows, options));
    // States of the same asOf merge.
    expect(activeUsersAccumulator(options).merge(roundTrip(fromColumns.state())).state()).toEqual(fromRows.state());
  });

  it('restores a state given at creation', () => {
    const events: Event[] = [
      { userId: 1, accountId: 'x', timestamp: Date.UTC(2024, 0, 1) },
      { userId: 2, accountId: 'y', timestamp: Date.UTC(2024, 0, 3) },
    ];
    const options = { groupBy: 'accountId', timeZone: 'Europe/Berlin' } as const;
    const saved = roundTrip(activeUsersAccumulator(options).add(events).state());
    expect(activeUsersAccumulator(options, saved).result()).toEqual(byGroup(activeUsers(events, options)));
  });

  it('rejects bad options at creation and bad events in add, naming itself', () => {
    const options: [unknown, string, string][] = [
      [{ timeZone: 'Mars/Base' }, 'options.timeZone', 'invalid-time-zone'],
      [{ windows: { wau: 8, mau: 7 } }, 'options.windows.wau', 'invalid-option'],
      [{ from: '2024-02-01', to: '2024-01-01' }, 'options.to', 'invalid-option'],
      [{ from: 'soon' }, 'options.from', 'invalid-timestamp'],
      [{ groupBy: 3 }, 'options.groupBy', 'invalid-option'],
      [{ userId: 'uid' }, 'options.userId', 'invalid-option'],
      [[], 'options', 'invalid-option'],
      [{ timezone: 'UTC' }, 'options.timezone', 'unknown-option'],
      [{ windows: { wau: 7, mau: 28, dau: 1 } }, 'options.windows.dau', 'unknown-option'],
      [{ groupBy: null }, 'options.groupBy', 'invalid-option'],
      [{ asOf: 'soon' }, 'options.asOf', 'invalid-timestamp'],
    ];
    for (const [given, path, code] of options) {
      const error = errorOf(() => activeUsersAccumulator(given as ActiveUsersOptions<unknown>));
      expect([error.path, error.code]).toEqual([path, code]);
      expect(error.message.startsWith(`${FN}: ${path} `)).toBe(true);
    }
    const acc = activeUsersAccumulator();
    const error = errorOf(() => acc.add([{ userId: 'a', timestamp: 1 }, { userId: 'b', timestamp: 'yesterday' }]));
    expect(error.message).toBe(`${FN}: events[1] (userId "b").timestamp is not a valid timestamp ("yesterday")`);
    expect(errorOf(() => acc.add({ userId: ['a', ''], timestamp: [1, 2] })).path).toBe('events.userId[1]');
    expect(errorOf(() => activeUsersAccumulator({ groupBy: 'accountId' }).add([{ userId: 'a', timestamp: 1 }])).path).toBe('events[0].accountId');
    expect(errorOf(() => acc.add('events' as never)).code).toBe('invalid-input');
  });

  it('rejects malformed states and states of other settings with invalid-state', () => {
    const good = activeUsersAccumulator().add([{ userId: 'a', timestamp: Date.UTC(2024, 0, 1) }]).state();
    const grouped = activeUsersAccumulator({ groupBy: 'accountId' }).add([{ userId: 'a', accountId: 'x', timestamp: 0 }]).state();
    const cases: [unknown, string, string][] = [
      [null, 'state', `${FN}: state must be a state object from activeUsersAccumulator().state() (null)`],
      [[], 'state', `${FN}: state must be a state object from activeUsersAccumulator().state() (an array of 0)`],
      [{ ...good, kind: 'customer-success-metrics/cohort-retention' }, 'state.kind', `${FN}: state.kind must be 'customer-success-metrics/active-users' ("customer-success-metrics/cohort-retention")`],
      [{ ...good, version: 3 }, 'state.version', `${FN}: state.version must be 2 (the only version this library reads) (3)`],
      [
        { ...good, version: 1 },
        'state.version',
        `${FN}: state.version must be 2 (the only version this library reads; a version-1 state (0.x) has no latest event instant: rebuild it from the events) (1)`,
      ],
      [{ ...good, asOf: '2024-01-31T23:59:59.999Z' }, 'state.asOf', `${FN}: state.asOf must be null (the accumulator has no asOf) ("2024-01-31T23:59:59.999Z")`],
      [{ ...good, latestEvent: null }, 'state.latestEvent', `${FN}: state.latestEvent must be the epoch ms of the latest event, an instant of the state's last day (19723) (null)`],
      // 2024-01-02T00:00Z is on day 19724, not the state's last day 19723 (2024-01-01).
      [{ ...good, latestEvent: Date.UTC(2024, 0, 2) }, 'state.latestEvent', `${FN}: state.latestEvent must be the epoch ms of the latest event, an instant of the state's last day (19723) (1704153600000)`],
      [{ ...good, timeZone: 'Europe/Berlin' }, 'state.timeZone', `${FN}: state.timeZone must be the accumulator's time zone "UTC" ("Europe/Berlin")`],
      [grouped, 'state.groupBy', `${FN}: state.groupBy must be false (the accumulator does not group) ("accountId")`],
      [{ ...good, users: 'a' }, 'state.users', `${FN}: state.users must be an array ("a")`],
      [{ ...good, users: [''] }, 'state.users[0]', `${FN}: state.users[0] must be a non-empty string or a finite number ("")`],
      [{ ...good, groups: [] }, 'state.groups', `${FN}: state.groups must be null without groupBy (an array of 0)`],
      [{ ...good, dayCounts: [0] }, 'state.dayCounts[0]', `${FN}: state.dayCounts[0] must be an integer >= 1 (0)`],
      [{ ...good, dayCounts: [1, 1] }, 'state.dayCounts', `${FN}: state.dayCounts must have one count per unit (1) (an array of 2)`],
      [{ ...good, days: [] }, 'state.days', `${FN}: state.days must hold as many days as state.dayCounts adds up to (1) (an array of 0)`],
      [{ ...good, days: [1.5] }, 'state.days[0]', `${FN}: state.days[0] must be an integer day number from -719162 (0001-01-01) to 2932896 (9999-12-31) (1.5)`],
      [{ ...good, days: ['19723'] }, 'state.days[0]', `${FN}: state.days[0] must be an integer day number from -719162 (0001-01-01) to 2932896 (9999-12-31) ("19723")`],
      [{ ...good, users: [], dayCounts: [], days: [] }, 'state.latestEvent', `${FN}: state.latestEvent must be null when the state has no days (1704067200000)`],
    ];
    for (const [state, path, message] of cases) {
      for (const run of [() => activeUsersAccumulator({}, state as ActiveUsersState), () => activeUsersAccumulator().merge(state as ActiveUsersState)]) {
        const error = errorOf(run);
        expect([error.code, error.path, error.message]).toEqual(['invalid-state', path, message]);
      }
    }
    const groupedCases: [unknown, string, string][] = [
      [good, 'state.groupBy', `${FN}: state.groupBy must be "accountId" (the accumulator groups by that field) (false)`],
      [{ ...grouped, groupBy: true }, 'state.groupBy', `${FN}: state.groupBy must be "accountId" (the accumulator groups by that field) (true)`],
      [{ ...grouped, groups: null }, 'state.groups', `${FN}: state.groups must be an array (null)`],
      [{ ...grouped, groups: [NaN] }, 'state.groups[0]', `${FN}: state.groups[0] must be a non-empty string or a finite number (NaN)`],
      [{ ...grouped, groupUnits: [1, 1] }, 'state.groupUnits', `${FN}: state.groupUnits must have one count per group (1) (an array of 2)`],
      [{ ...grouped, groupUnits: [2] }, 'state.groupUnits', `${FN}: state.groupUnits must add up to the number of units (1) (an array of 1)`],
    ];
    for (const [state, path, message] of groupedCases) {
      const error = errorOf(() => activeUsersAccumulator({ groupBy: 'accountId' }).merge(state as ActiveUsersState));
      expect([error.code, error.path, error.message]).toEqual(['invalid-state', path, message]);
    }
    expect(errorOf(() => activeUsersAccumulator({ groupBy: () => 'x' }).merge(grouped)).message).toBe(
      `${FN}: state.groupBy must be true (the accumulator groups by a function) ("accountId")`,
    );
    // Accumulators of other settings are refused the same way.
    const berlin = activeUsersAccumulator({ timeZone: 'Europe/Berlin' });
    expect(errorOf(() => activeUsersAccumulator().merge(berlin)).path).toBe('state.timeZone');
    // An accumulator (or state) of another asOf left out other events: refused.
    const june = activeUsersAccumulator({ asOf: '2024-06-30' });
    expect(errorOf(() => activeUsersAccumulator().merge(june)).message).toBe(
      `${FN}: state.asOf must be null (the accumulator has no asOf) ("2024-06-30T23:59:59.999Z")`,
    );
    expect(errorOf(() => activeUsersAccumulator({ asOf: '2024-07-01' }).merge(june.state())).message).toBe(
      `${FN}: state.asOf must be the accumulator's asOf "2024-07-01T23:59:59.999Z" ("2024-06-30T23:59:59.999Z")`,
    );
    // A state whose latest event is after the accumulator's asOf cannot come from it.
    // (Day 19904 is 2024-06-30: 19783 + 121, March 1 + 31 + 30 + 31 + 29 days.)
    const noon = { asOf: '2024-06-30T12:00:00Z' };
    const forged = { ...activeUsersAccumulator(noon).state(), users: ['a'], dayCounts: [1], days: [19_904], latestEvent: Date.UTC(2024, 5, 30, 13) };
    expect(errorOf(() => activeUsersAccumulator(noon).merge(forged)).message).toBe(
      `${FN}: state.latestEvent must not be after the accumulator's asOf (2024-06-30T12:00:00.000Z) (${Date.UTC(2024, 5, 30, 13)})`,
    );
    expect(errorOf(() => activeUsersAccumulator().merge(activeUsersAccumulator({ groupBy: 'accountId' }))).path).toBe('state.groupBy');
    // A failed merge leaves nothing behind when the state is rejected before any unit is read.
    const target = activeUsersAccumulator();
    errorOf(() => target.merge({ ...good, days: [1.5] }));
    expect(target.state().users).toEqual([]);
  });

  describe('addAsync', () => {
    async function* stream(): AsyncGenerator<unknown> {
      yield { userId: 'a', timestamp: '2024-03-01T10:00:00Z' }; // 0
      yield { userId: 'b', timestamp: '2024-03-02T10:00:00Z' }; // 1
      yield [
        { userId: 'c', timestamp: '2024-03-02T11:00:00Z' }, // 2
        { userId: 'a', timestamp: '2024-03-03T11:00:00Z' }, // 3
      ];
      yield { userId: Int32Array.of(1, 2), timestamp: Float64Array.of(Date.UTC(2024, 2, 3), Date.UTC(2024, 2, 4)) }; // 4, 5
      yield { userId: 'd', timestamp: '2024-03-04T10:00:00Z' }; // 6
    }

    it('reads records, arrays of records and column batches', async () => {
      const acc = await activeUsersAccumulator().addAsync(stream());
      const all = [];
      for await (const item of stream()) {
        if (Array.isArray(item)) all.push(...item);
        else if ('userId' in (item as object) && ArrayBuffer.isView((item as { userId: unknown }).userId)) {
          const { userId, timestamp } = item as { userId: Int32Array; timestamp: Float64Array };
          userId.forEach((id, i) => all.push({ userId: id, timestamp: timestamp[i] as number }));
        } else all.push(item);
      }
      expect(acc.result()).toEqual(activeUsers(all as { userId: Id; timestamp: string | number }[]));
      // By hand: 03-01 {a}, 03-02 {b, c}, 03-03 {a, 1}, 03-04 {2, d}.
      expect(acc.result().days.map((d) => d.dau)).toEqual([1, 2, 2, 2]);
      // A plain iterable works too, and the source's batches merge with add()ed ones.
      const again = await activeUsersAccumulator().add([{ userId: 'a', timestamp: '2024-03-01T10:00:00Z' }]).addAsync(all);
      expect(again.state()).toEqual(acc.state());
    });

    it('names the position of a bad record in the whole stream', async () => {
      async function* bad(which: 'record' | 'array' | 'columns'): AsyncGenerator<unknown> {
        yield* stream();
        if (which === 'record') yield { userId: 'e', timestamp: 'soon' }; // 7
        if (which === 'array') yield [{ userId: 'e', timestamp: 1 }, { userId: null, timestamp: 1 }]; // 7, 8
        if (which === 'columns') yield { userId: ['e', 'f', 'g'], timestamp: [1, 2, 'later'] }; // 7, 8, 9
      }
      const cases = [
        ['record', 'events[7].timestamp', `${FN}: events[7] (userId "e").timestamp is not a valid timestamp ("soon")`],
        ['array', 'events[8].userId', `${FN}: events[8].userId must be a non-empty string or a finite number (null)`],
        ['columns', 'events.timestamp[9]', `${FN}: events.timestamp[9] (userId "g") is not a valid timestamp ("later")`],
      ] as const;
      for (const [which, path, message] of cases) {
        const error = await activeUsersAccumulator()
          .addAsync(bad(which))
          .then(
            () => null,
            (e: unknown) => e as { code: string; path: string; message: string },
          );
        expect(error === null ? null : [error.path, error.message]).toEqual([path, message]);
      }
      const notIterable = await activeUsersAccumulator()
        .addAsync(42 as never)
        .then(
          () => null,
          (e: unknown) => e as { code: string; path: string },
        );
      expect(notIterable === null ? null : [notIterable.code, notIterable.path]).toEqual(['invalid-input', 'events']);
    });
  });

  // Small random event logs: mixed numeric and string ids, a few accounts, a few weeks.
  // Large and fractional ids take the comparison sort; small integers the presence table.
  const idArb = fc.oneof(fc.integer({ min: 0, max: 5 }), fc.constantFrom('a', 'b', 'B', '1'), fc.constantFrom(1e12, -2.5, 7.25));
  const eventArb = fc.record({
    userId: idArb,
    accountId: fc.oneof(fc.constantFrom('acme', 'globex'), fc.integer({ min: 1, max: 2 })),
    timestamp: fc.integer({ min: Date.UTC(2024, 2, 1), max: Date.UTC(2024, 3, 10) }),
  });
  const logArb = fc.array(eventArb, { maxLength: 40 });
  const zoneArb = fc.constantFrom(...TEST_ZONES);
  const groupArb = fc.constantFrom<'none' | 'field' | 'accessor'>('none', 'field', 'accessor');
  const groupOption = (group: 'none' | 'field' | 'accessor'): Pick<ActiveUsersOptions<Event>, 'groupBy'> =>
    group === 'none' ? {} : group === 'field' ? { groupBy: 'accountId' } : { groupBy: (e: Event) => e.accountId };
  /** Cut points and an order of the parts. */
  const splitArb = fc.record({ cuts: fc.array(fc.nat(), { maxLength: 4 }), picks: fc.array(fc.nat(), { minLength: 1, maxLength: 6 }) });

  function parts(events: readonly Event[], cuts: readonly number[], picks: readonly number[]): Event[][] {
    const points = [...new Set(cuts.map((c) => c % (events.length + 1)))].sort((a, b) => a - b);
    const pieces: Event[][] = [];
    let start = 0;
    for (const point of [...points, events.length]) {
      pieces.push(events.slice(start, point));
      start = point;
    }
    return shuffled(pieces, picks);
  }

  it('merging the states of any split gives the whole result and state (property)', () => {
    fc.assert(
      fc.property(logArb, zoneArb, groupArb, splitArb, fc.boolean(), (events, timeZone, group, { cuts, picks }, viaColumns) => {
        const options = { timeZone, ...groupOption(group) };
        const whole = activeUsersAccumulator(options).add(events);
        const merged = activeUsersAccumulator(options);
        for (const part of parts(events, cuts, picks)) {
          // Columns carry the group as a field, so an accessor groupBy reads rows only (as in activeUsers).
          const shard = activeUsersAccumulator(options).add(viaColumns && group !== 'accessor' ? columnsOf(part) : part);
          merged.merge(picks[0] === undefined || picks[0] % 2 === 0 ? roundTrip(shard.state()) : shard);
        }
        expect(merged.state()).toEqual(whole.state());
        expect(merged.result()).toEqual(byGroup(activeUsers(events, options)));
        // Grouped or not, the merged overall series is that of every user once.
        expect(merged.result().days).toEqual(activeUsers(events, { timeZone }).days);
      }),
      { numRuns: 100 },
    );
  });

  it('merges commutatively and associatively (property)', () => {
    fc.assert(
      fc.property(logArb, logArb, logArb, zoneArb, groupArb, (a, b, c, timeZone, group) => {
        const options = { timeZone, ...groupOption(group) };
        const [sa, sb, sc] = [a, b, c].map((events) => roundTrip(activeUsersAccumulator(options).add(events).state())) as [ActiveUsersState, ActiveUsersState, ActiveUsersState];
        const merge = (...states: ActiveUsersState[]): ActiveUsersState => {
          const acc = activeUsersAccumulator(options);
          for (const s of states) acc.merge(s);
          return acc.state();
        };
        expect(merge(sa, sb)).toEqual(merge(sb, sa));
        expect(merge(merge(sa, sb), sc)).toEqual(merge(sa, merge(sb, sc)));
        expect(merge(merge(sa, sb), sc)).toEqual(activeUsersAccumulator(options).add([...a, ...b, ...c]).state());
        // Idempotent: a state merged twice counts once.
        expect(merge(sa, sa)).toEqual(sa);
      }),
      { numRuns: 100 },
    );
  });

  it('agrees with activeUsers for every option combination (property)', () => {
    const windowsArb = fc.integer({ min: 1, max: 10 }).chain((wau) => fc.record({ wau: fc.constant(wau), mau: fc.integer({ min: wau, max: 35 }) }));
    const boundArb = fc.option(fc.integer({ min: Date.UTC(2024, 1, 20), max: Date.UTC(2024, 3, 20) }).map((t) => new Date(t).toISOString().slice(0, 10)), { nil: undefined });
    // asOf: none, a date, or any instant of the span (cutting a day of events in two).
    const asOfArb = fc.option(fc.oneof(boundArb, fc.integer({ min: Date.UTC(2024, 2, 1), max: Date.UTC(2024, 3, 10) })), { nil: undefined });
    fc.assert(
      fc.property(logArb, zoneArb, groupArb, windowsArb, boundArb, boundArb, asOfArb, fc.nat(), (events, timeZone, group, windows, from, to, asOf, batch) => {
        fc.pre(from === undefined || to === undefined || from <= to);
        const options: ActiveUsersOptions<Event> = {
          timeZone,
          windows,
          ...groupOption(group),
          ...(from === undefined ? {} : { from }),
          ...(to === undefined ? {} : { to }),
          ...(asOf === undefined ? {} : { asOf }),
        };
        const acc = activeUsersAccumulator(options);
        const size = 1 + (batch % 7);
        for (let i = 0; i < events.length; i += size) acc.add(events.slice(i, i + size));
        expect(acc.result()).toEqual(byGroup(activeUsers(events, options)));
      }),
      { numRuns: 100 },
    );
  });

  it('gives the same state for any order and repetition of the events (property)', () => {
    fc.assert(
      fc.property(logArb, fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), zoneArb, groupArb, (events, picks, timeZone, group) => {
        const options = { timeZone, ...groupOption(group) };
        const base = activeUsersAccumulator(options).add(events).state();
        expect(activeUsersAccumulator(options).add(shuffled(events, picks)).add(events.slice(0, picks.length)).state()).toEqual(base);
        expect(roundTrip(base)).toEqual(base);
        // Canonical order: groups, and users within a group, strictly ascending by compareIds.
        const ascending = (ids: readonly Id[]): boolean => ids.every((id, i) => i === 0 || compareIds(ids[i - 1] as Id, id) < 0);
        let start = 0;
        for (const count of base.groupUnits ?? [base.users.length]) {
          expect(ascending(base.users.slice(start, start + count))).toBe(true);
          start += count;
        }
        expect(ascending(base.groups ?? [])).toBe(true);
      }),
      { numRuns: 100 },
    );
  });
});
