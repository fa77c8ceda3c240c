/**
 * Columns read exactly as rows. Every event-consuming function, given the same events as
 * rows and as columns `{ userId, timestamp, accountId?, name? }` (plain arrays, typed
 * arrays, bare array-like objects, `Date` values), returns a deep-equal result; columns are
 * read in place by index (the id and time columns once per value) and never written; and
 * the column-specific errors name the column (`events.timestamp`) or the value
 * (`events.timestamp[2]`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventColumns, Events } from '../src/core/events.js';
import { activeUsers } from '../src/engagement/active-users.js';
import { activeUsersByPeriod } from '../src/engagement/active-users-by-period.js';
import { engagedEvaluation } from '../src/engagement/engaged-evaluation.js';
import type { AccountEventColumns } from '../src/engagement/types.js';
import { featureAdoption } from '../src/engagement/feature-adoption.js';
import { licenseUtilizationByAccount } from '../src/engagement/license-utilization-by-account.js';
import { sessions } from '../src/engagement/sessions.js';
import { sessionsPerUserDay } from '../src/engagement/sessions-per-user-day.js';
import { stickiness } from '../src/engagement/stickiness.js';
import { eachJourney } from '../src/lifecycle/each-journey.js';
import { growthLifecycle } from '../src/lifecycle/growth-lifecycle.js';
import { journeys, type JourneyColumns } from '../src/lifecycle/journeys.js';
import type { Journey } from '../src/lifecycle/types.js';
import { cohortRetention } from '../src/retention/cohort-retention.js';
import type { Period, Weekday } from '../src/core/types.js';
import { errorOf } from './support/errors.js';
import { TEST_ZONES } from './support/model.js';

type Id = string | number;
/** `small`: ids 0..25 only, the shape of the typed-column fast paths; `integer` adds large and negative ids. */
type IdKind = 'small' | 'integer' | 'string' | 'mixed';

interface Row {
  readonly userId: Id;
  readonly timestamp: number;
  readonly accountId: Id;
  readonly name: string;
}
type Field = keyof Row;
/** Events as columns: any subset of the row fields, each an array-like. */
type Columns = { readonly [F in Field]?: ArrayLike<Row[F] | Date> };
type Input = readonly Row[] | Columns;

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);
/** 2024-01-01 to 2024-04-30: the spring DST changes of New York and Lord Howe, month and week edges. */
const END = Date.UTC(2024, 3, 30, 23, 59, 59, 999);
const ZONES = TEST_ZONES.filter((zone) => ['UTC', 'America/New_York', 'Asia/Kathmandu', 'Australia/Lord_Howe'].includes(zone));
const NAMES = ['login', 'export', 'invite', 'report'] as const;

const zone = fc.constantFrom(...ZONES);
const period = fc.constantFrom<Period>('day', 'week', 'month');
const weekStart = fc.integer({ min: 0, max: 6 }) as fc.Arbitrary<Weekday>;

/** Integer ids: mostly small (the direct table), some large or negative (the Map path), all int32. */
const integerId = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 0, max: 25 }) },
  { weight: 1, arbitrary: fc.constantFrom(-4, 1_500_000, 2_147_483_647) },
);
/** String ids, including `'7'`, distinct from the number 7. */
const stringId = fc.constantFrom('ana', 'ben', 'cy', 'dee', 'eve', '7', 'zoë');
const idOf = (kind: IdKind): fc.Arbitrary<Id> =>
  kind === 'small' ? fc.integer({ min: 0, max: 25 }) : kind === 'integer' ? integerId : kind === 'string' ? stringId : fc.oneof(integerId, stringId);
const accountOf = (kind: IdKind): fc.Arbitrary<Id> => {
  const integer = fc.constantFrom(100, 101, 102);
  const string = fc.constantFrom('acme', 'initech', 'umbrella');
  return kind === 'small' || kind === 'integer' ? integer : kind === 'string' ? string : fc.oneof(integer, string, fc.constant(7));
};
/** Any millisecond of the span, or quarter hours (so that instants and days collide). */
const instant = fc.oneof(
  fc.integer({ min: START, max: END }),
  fc.integer({ min: 0, max: Math.floor((END - START) / 900_000) }).map((k) => START + k * 900_000),
);

interface Dataset {
  readonly kind: IdKind;
  readonly rows: readonly Row[];
}

/** Up to 60 events, in random order or sorted by time (the time-ordered fast paths). */
const dataset: fc.Arbitrary<Dataset> = fc
  .record({ kind: fc.constantFrom<IdKind>('small', 'integer', 'string', 'mixed'), sorted: fc.boolean() })
  .chain(({ kind, sorted }) =>
    fc
      .array(fc.record({ userId: idOf(kind), timestamp: instant, accountId: accountOf(kind), name: fc.constantFrom(...NAMES) }), { maxLength: 60 })
      .map((drawn) => {
        const rows = drawn.map((row) => ({ ...row })); // distinct objects, so a record maps back to its index
        if (sorted) rows.sort((a, b) => a.timestamp - b.timestamp);
        return { kind, rows };
      }),
  );

const isInt32 = (values: readonly unknown[]): values is number[] => values.every((v) => typeof v === 'number' && (v | 0) === v);
/** A frozen object with `length` and indices: array-like, not an array, not iterable. */
const arrayLike = <T>(values: readonly T[]): ArrayLike<T> => Object.freeze(Object.assign({ length: values.length }, values)) as ArrayLike<T>;

/** The same events as columns `fields`, in every shape a caller may hand over. */
function columnShapes(rows: readonly Row[], fields: readonly Field[]): { shape: string; columns: Columns }[] {
  const plain = (field: Field): unknown[] => rows.map((row) => row[field]);
  const build = (column: (field: Field, values: unknown[]) => ArrayLike<unknown>): Columns =>
    Object.freeze(Object.fromEntries(fields.map((field) => [field, column(field, plain(field))]))) as Columns;
  return [
    { shape: 'plain arrays', columns: build((_, values) => Object.freeze(values)) },
    {
      shape: 'typed arrays',
      columns: build((field, values) =>
        field === 'timestamp' ? Float64Array.from(values as number[]) : field !== 'name' && isInt32(values) ? Int32Array.from(values) : values,
      ),
    },
    { shape: 'array-like objects', columns: build((_, values) => arrayLike(values)) },
    { shape: 'Date timestamps', columns: build((field, values) => (field === 'timestamp' ? values.map((t) => new Date(t as number)) : values)) },
  ];
}

const isRows = (events: Input): events is readonly Row[] => Array.isArray(events);
const asEvents = (events: Input): Events<Row> => events as Events<Row>;

/** Distinct values of `field` in order of first appearance. */
function distinct(rows: readonly Row[], field: 'userId' | 'accountId'): Id[] {
  return [...new Set(rows.map((row) => row[field]))];
}

/** Signups of every other distinct id of `field`, at fixed instants unrelated to the events. */
function signupsOf(rows: readonly Row[], field: 'userId' | 'accountId'): Record<string, Id | number>[] {
  return distinct(rows, field)
    .filter((_, k) => k % 2 === 0)
    .map((id, k) => ({ [field]: id, signedUpAt: START + k * 5 * DAY + 3 * 3_600_000 }));
}

/** Journeys of row input with each record replaced by its index, as column input gives. */
function recordsAsIndices(list: readonly Journey<Row>[], rows: readonly Row[]): Journey<number>[] {
  const index = new Map(rows.map((row, i) => [row, i]));
  return list.map((journey) => ({ ...journey, events: journey.events.map((event) => ({ ...event, record: index.get(event.record) as number })) }));
}

interface Case<O> {
  readonly fn: string;
  /** The columns the function reads with these options (and nothing else is given). */
  readonly fields: (options: O) => readonly Field[];
  readonly options: fc.Arbitrary<O>;
  /** Runs the function on rows or columns; `rows` are the same events as rows, for tables built from them. */
  readonly run: (events: Input, options: O, rows: readonly Row[]) => unknown;
}

const testCase = <O>(c: Case<O>): Case<unknown> => c as Case<unknown>;

interface GroupOptions {
  readonly timeZone: string;
  readonly groupBy?: 'accountId';
}
/** Journeys follow users, or with `groupBy: 'accountId'` accounts: then no userId column is given. */
const journeyFields = (options: { readonly groupBy?: 'accountId' }): readonly Field[] =>
  options.groupBy === undefined ? ['userId', 'timestamp', 'name'] : ['accountId', 'timestamp', 'name'];
const grouped = (options: GroupOptions): readonly Field[] => (options.groupBy === undefined ? ['userId', 'timestamp'] : ['userId', 'timestamp', 'accountId']);

const cases: Case<unknown>[] = [
  testCase({
    fn: 'activeUsers',
    fields: grouped,
    options: fc.record(
      { timeZone: zone, groupBy: fc.constant('accountId' as const), windows: fc.constantFrom({ wau: 7, mau: 28 }, { wau: 1, mau: 3 }), asOf: instant },
      { requiredKeys: ['timeZone'] },
    ),
    run: (events, options) => activeUsers(asEvents(events), options),
  }),
  testCase({
    fn: 'activeUsersByPeriod',
    fields: grouped,
    options: fc.record(
      { timeZone: zone, groupBy: fc.constant('accountId' as const), period, weekStartsOn: weekStart, asOf: instant },
      { requiredKeys: ['timeZone', 'period', 'weekStartsOn'] },
    ),
    run: (events, options) => activeUsersByPeriod(asEvents(events), options),
  }),
  testCase({
    fn: 'stickiness',
    fields: grouped,
    options: fc.record({ timeZone: zone, groupBy: fc.constant('accountId' as const), windows: fc.constant({ mau: 28 }), asOf: instant }, { requiredKeys: ['timeZone'] }),
    run: (events, options) => stickiness(asEvents(events), options),
  }),
  testCase({
    fn: 'licenseUtilizationByAccount',
    fields: () => ['userId', 'timestamp', 'accountId'],
    options: fc.record({ timeZone: zone, windowDays: fc.integer({ min: 1, max: 40 }), asOf: instant }, { requiredKeys: ['timeZone', 'windowDays'] }),
    run: (events, options, rows) => {
      // Every account but the last has a row (0 licenses included), plus one without events.
      const accounts = distinct(rows, 'accountId');
      const licenses = [...accounts.slice(0, -1).map((accountId, k) => ({ accountId, licenses: k % 4 })), { accountId: 'no-events', licenses: 3 }];
      return licenseUtilizationByAccount(asEvents(events), { licenses, ...options });
    },
  }),
  testCase({
    fn: 'engagedEvaluation',
    // Account events: no user id needed, none given.
    fields: () => ['accountId', 'timestamp'],
    options: fc
      .record(
        { timeZone: zone, windowDays: fc.integer({ min: 1, max: 14 }), minActiveDays: fc.integer({ min: 1, max: 3 }), asOf: instant },
        { requiredKeys: ['timeZone', 'windowDays', 'minActiveDays'] },
      )
      .map((o) => ({ ...o, minActiveDays: Math.min(o.minActiveDays, o.windowDays) })),
    run: (events, options, rows) => {
      const campaigns = [null, 'webinar', 7] as const;
      const trials = [...distinct(rows, 'accountId'), 'no-events'].map((accountId, k) => ({
        accountId,
        trialStart: START + k * 11 * DAY + 5 * 3_600_000,
        sourceCampaign: campaigns[k % 3],
      }));
      return engagedEvaluation(events as Iterable<Row> | AccountEventColumns, { trials, ...options });
    },
  }),
  testCase({
    fn: 'sessions',
    fields: () => ['userId', 'timestamp'],
    options: fc.record({ timeZone: zone, inactivityMinutes: fc.constantFrom(1, 30, 600) }),
    run: (events, options) => sessions(asEvents(events), options),
  }),
  testCase({
    fn: 'sessionsPerUserDay',
    fields: () => ['userId', 'timestamp'],
    options: fc.record(
      { timeZone: zone, inactivityMinutes: fc.constantFrom(1, 30, 600), target: fc.integer({ min: 1, max: 3 }), asOf: instant },
      { requiredKeys: ['timeZone', 'inactivityMinutes', 'target'] },
    ),
    run: (events, options) => sessionsPerUserDay(asEvents(events), options),
  }),
  testCase({
    fn: 'featureAdoption',
    fields: () => ['userId', 'timestamp', 'name'],
    options: fc.record(
      { timeZone: zone, feature: fc.constantFrom(...NAMES, 'never-used'), period, weekStartsOn: weekStart, asOf: instant },
      { requiredKeys: ['timeZone', 'feature', 'weekStartsOn'] },
    ),
    run: (events, options) => featureAdoption(asEvents(events), options),
  }),
  testCase({
    fn: 'journeys',
    // With `groupBy: 'accountId'` the journeys follow accounts: no userId column.
    fields: journeyFields,
    options: fc.record({ timeZone: zone, groupBy: fc.constant('accountId' as const), withSignups: fc.boolean() }, { requiredKeys: ['timeZone', 'withSignups'] }),
    run: (events, { withSignups, ...options }, rows) => {
      const all = withSignups ? { ...options, signups: signupsOf(rows, options.groupBy ?? 'userId') } : options;
      return isRows(events) ? recordsAsIndices(journeys(events, all), events) : journeys(events as JourneyColumns, all);
    },
  }),
  testCase({
    fn: 'eachJourney',
    fields: journeyFields,
    options: fc.record({ timeZone: zone, groupBy: fc.constant('accountId' as const) }, { requiredKeys: ['timeZone'] }),
    run: (events, options) =>
      isRows(events) ? recordsAsIndices([...eachJourney(events, options)], events) : [...eachJourney(events as JourneyColumns, options)],
  }),
  testCase({
    fn: 'growthLifecycle',
    fields: () => ['userId', 'timestamp'],
    options: fc.record({ timeZone: zone, period, weekStartsOn: weekStart, withSignups: fc.boolean() }),
    run: (events, { withSignups, ...options }, rows) =>
      growthLifecycle(asEvents(events), withSignups ? { ...options, newBy: 'signup', signups: signupsOf(rows, 'userId') } : options),
  }),
  testCase({
    fn: 'cohortRetention',
    // An event start reads the name column; the other starts do not.
    fields: (o: { start: string }) => (o.start === 'first-activity' || o.start === 'signup' ? ['userId', 'timestamp'] : ['userId', 'timestamp', 'name']),
    options: fc
      .record(
        {
          timeZone: zone,
          cohort: period,
          interval: fc.constantFrom<Period>('day', 'week'),
          lastPeriod: fc.integer({ min: 0, max: 5 }),
          mode: fc.constantFrom('n-day', 'unbounded') as fc.Arbitrary<'n-day' | 'unbounded'>,
          start: fc.constantFrom('first-activity', 'signup', 'login', 'export'),
          rolling: fc.boolean(),
          recurring: fc.boolean(),
          weekStartsOn: weekStart,
          asOf: instant,
        },
        { requiredKeys: ['timeZone', 'cohort', 'interval', 'lastPeriod', 'mode', 'start', 'rolling', 'recurring', 'weekStartsOn'] },
      )
      .map((o) => (o.start === 'signup' ? { ...o, recurring: false } : o)),
    run: (events, options, rows) =>
      cohortRetention(asEvents(events), options.start === 'signup' ? { ...options, signups: signupsOf(rows, 'userId') } : options),
  }),
];

describe('columns read exactly as rows', () => {
  it('covers every function this file names', () => {
    expect(cases.map((c) => c.fn)).toEqual([
      'activeUsers',
      'activeUsersByPeriod',
      'stickiness',
      'licenseUtilizationByAccount',
      'engagedEvaluation',
      'sessions',
      'sessionsPerUserDay',
      'featureAdoption',
      'journeys',
      'eachJourney',
      'growthLifecycle',
      'cohortRetention',
    ]);
  });

  it.each(cases.map((c) => [c.fn, c] as const))('%s: rows and columns give deep-equal results (property)', (_, c) => {
    fc.assert(
      fc.property(dataset, c.options, ({ rows }, options) => {
        const expected = c.run(rows, options, rows);
        for (const { shape, columns } of columnShapes(rows, c.fields(options))) {
          expect(c.run(columns, options, rows), shape).toEqual(expected);
        }
      }),
      { numRuns: 100 },
    );
  });
});

/** Wraps each column in a Proxy that counts reads by index and refuses writes. */
function countingColumns(columns: Columns): { columns: Columns; reads: Map<string, number[]>; iterated: string[] } {
  const reads = new Map<string, number[]>();
  const iterated: string[] = [];
  const wrapped: Record<string, ArrayLike<unknown>> = {};
  for (const [field, column] of Object.entries(columns) as [string, ArrayLike<unknown>][]) {
    const counts = new Array<number>(column.length).fill(0);
    reads.set(field, counts);
    wrapped[field] = new Proxy(column, {
      get(target, key) {
        if (key === Symbol.iterator) iterated.push(field);
        if (typeof key === 'string' && /^\d+$/.test(key)) counts[Number(key)] = (counts[Number(key)] as number) + 1;
        const value: unknown = Reflect.get(target, key, target);
        return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
      },
      set() {
        throw new Error(`wrote to events.${field}`);
      },
    });
  }
  return { columns: wrapped as Columns, reads, iterated };
}

describe('columns are read in place', () => {
  // 40 events of 6 users over 4 months, in no particular order.
  const rows: Row[] = Array.from({ length: 40 }, (_, i) => ({
    userId: (i * 7) % 6,
    timestamp: START + ((i * 37) % 40) * 3 * DAY + (i % 5) * 3_600_000,
    accountId: 100 + (i % 3),
    name: NAMES[i % NAMES.length] as string,
  }));
  const defaults: Record<string, unknown> = {
    activeUsers: { timeZone: 'UTC', groupBy: 'accountId' },
    activeUsersByPeriod: { timeZone: 'UTC', period: 'week', weekStartsOn: 1 },
    stickiness: { timeZone: 'UTC' },
    licenseUtilizationByAccount: { timeZone: 'UTC', windowDays: 30 },
    engagedEvaluation: { timeZone: 'UTC', windowDays: 14, minActiveDays: 3 },
    sessions: { timeZone: 'UTC', inactivityMinutes: 30 },
    sessionsPerUserDay: { timeZone: 'UTC', inactivityMinutes: 30, target: 2 },
    featureAdoption: { timeZone: 'UTC', feature: 'export', period: 'month', weekStartsOn: 1 },
    journeys: { timeZone: 'UTC', withSignups: false },
    eachJourney: { timeZone: 'UTC' },
    growthLifecycle: { timeZone: 'UTC', period: 'month', weekStartsOn: 1, withSignups: false },
    cohortRetention: {
      timeZone: 'UTC',
      cohort: 'month',
      interval: 'week',
      lastPeriod: 4,
      mode: 'n-day',
      start: 'export',
      rolling: false,
      recurring: false,
      weekStartsOn: 1,
    },
  };

  it.each(cases.map((c) => [c.fn, c] as const))('%s reads the id and time columns once, by index, and writes nothing', (_, c) => {
    const options = defaults[c.fn];
    const [plain] = columnShapes(rows, c.fields(options));
    const { columns, reads, iterated } = countingColumns((plain as { columns: Columns }).columns);
    const result = c.run(columns, options, rows);
    expect(result).toEqual(c.run(rows, options, rows));
    expect(iterated).toEqual([]);
    for (const [field, counts] of reads) {
      if (field === 'name') {
        // Once per event at most, plus once per distinct name (cohortRetention looks up each
        // new name again to compare it with the start event).
        expect(counts.reduce((a, b) => a + b, 0), 'events.name').toBeLessThanOrEqual(rows.length + NAMES.length);
      } else {
        expect(counts, `events.${field}`).toEqual(counts.map(() => 1));
      }
    }
  });
});

/** Each function called on columns, with the column its lengths are measured against. */
const columnCalls: { fn: string; reference: Field; fields: readonly Field[]; call: (columns: Columns) => unknown }[] = [
  { fn: 'activeUsers', reference: 'userId', fields: ['userId', 'timestamp', 'accountId'], call: (c) => activeUsers(asEvents(c), { groupBy: 'accountId' }) },
  { fn: 'activeUsersByPeriod', reference: 'userId', fields: ['userId', 'timestamp'], call: (c) => activeUsersByPeriod(asEvents(c)) },
  { fn: 'stickiness', reference: 'userId', fields: ['userId', 'timestamp'], call: (c) => stickiness(asEvents(c)) },
  { fn: 'licenseUtilizationByAccount', reference: 'userId', fields: ['userId', 'timestamp', 'accountId'], call: (c) => licenseUtilizationByAccount(asEvents(c), { licenses: [] }) },
  { fn: 'engagedEvaluation', reference: 'accountId', fields: ['accountId', 'timestamp'], call: (c) => engagedEvaluation(c as AccountEventColumns, { trials: [] }) },
  { fn: 'sessions', reference: 'userId', fields: ['userId', 'timestamp'], call: (c) => sessions(asEvents(c)) },
  { fn: 'sessionsPerUserDay', reference: 'userId', fields: ['userId', 'timestamp'], call: (c) => sessionsPerUserDay(asEvents(c)) },
  { fn: 'featureAdoption', reference: 'userId', fields: ['userId', 'timestamp', 'name'], call: (c) => featureAdoption(asEvents(c), { feature: 'export' }) },
  { fn: 'journeys', reference: 'timestamp', fields: ['userId', 'timestamp', 'name'], call: (c) => journeys(c as JourneyColumns) },
  { fn: 'eachJourney', reference: 'timestamp', fields: ['userId', 'timestamp', 'name'], call: (c) => eachJourney(c as JourneyColumns) },
  { fn: 'growthLifecycle', reference: 'userId', fields: ['userId', 'timestamp'], call: (c) => growthLifecycle(asEvents(c), { period: 'month' }) },
  {
    fn: 'cohortRetention',
    reference: 'userId',
    fields: ['userId', 'timestamp', 'name'],
    call: (c) => cohortRetention(asEvents(c), { cohort: 'week', interval: 'week', lastPeriod: 2, start: 'export' }),
  },
];

/** Three valid events as columns `fields`. */
function validColumns(fields: readonly Field[]): Record<Field, unknown[]> {
  const all: Record<Field, unknown[]> = {
    userId: [1, 2, 1],
    accountId: ['acme', 'acme', 'initech'],
    timestamp: [Date.UTC(2024, 2, 1, 9), Date.UTC(2024, 2, 1, 17), Date.UTC(2024, 2, 3, 8)],
    name: ['login', 'export', 'login'],
  };
  return Object.fromEntries(fields.map((field) => [field, all[field]])) as Record<Field, unknown[]>;
}

describe('column errors', () => {
  it.each(columnCalls.map((c) => [c.fn, c] as const))('%s accepts the valid columns these errors start from', (_, c) => {
    expect(() => c.call(validColumns(c.fields) as Columns)).not.toThrow();
  });

  it.each(columnCalls.flatMap((c) => c.fields.filter((f) => f !== c.reference).map((field) => [c.fn, field, c] as const)))(
    '%s: a short %s column is named, with the length it must have',
    (fn, field, c) => {
      const columns = validColumns(c.fields);
      columns[field] = columns[field].slice(0, 2);
      const error = errorOf(() => c.call(columns as Columns));
      expect([error.code, error.path]).toEqual(['invalid-input', `events.${field}`]);
      expect(error.message).toMatch(new RegExp(`^${fn}: events\\.${field} must .*as many values as events\\.${c.reference} \\(3\\)`));
    },
  );

  it.each(columnCalls.map((c) => [c.fn, c] as const))('%s: a bad timestamp is named events.timestamp[i], in any column type', (fn, c) => {
    // The message names the event's id beside its index (the path stays events.timestamp[i]):
    // the user id, or the account id for account events (validColumns: userId 1, 2, 1; accountId acme, acme, initech).
    const idOf = (i: number): string => (c.fields.includes('userId') ? `userId ${[1, 2, 1][i]}` : `accountId "${['acme', 'acme', 'initech'][i]}"`);
    const columns = validColumns(c.fields);
    columns.timestamp[2] = 'yesterday';
    const text = errorOf(() => c.call(columns as Columns));
    expect([text.code, text.path, text.value]).toEqual(['invalid-timestamp', 'events.timestamp[2]', 'yesterday']);
    expect(text.message).toBe(`${fn}: events.timestamp[2] (${idOf(2)}) is not a valid timestamp ("yesterday")`);

    const typed = Float64Array.from(validColumns(['timestamp']).timestamp as number[]);
    typed[1] = Number.NaN;
    const nan = errorOf(() => c.call({ ...validColumns(c.fields), timestamp: typed } as Columns));
    expect([nan.code, nan.path]).toEqual(['invalid-timestamp', 'events.timestamp[1]']);
    expect(nan.message).toBe(`${fn}: events.timestamp[1] (${idOf(1)}) is not a valid timestamp (NaN)`);

    const local = validColumns(c.fields);
    local.timestamp[0] = '2024-03-01T10:00';
    const ambiguous = errorOf(() => c.call(local as Columns));
    expect([ambiguous.code, ambiguous.path]).toEqual(['ambiguous-timestamp', 'events.timestamp[0]']);
  });

  it.each(columnCalls.map((c) => [c.fn, c] as const))('%s: a bad id is named by its column and index', (fn, c) => {
    const field = c.fields.includes('userId') ? 'userId' : 'accountId';
    const columns = validColumns(c.fields);
    columns[field][1] = '';
    const error = errorOf(() => c.call(columns as Columns));
    expect([error.code, error.path]).toEqual(['invalid-id', `events.${field}[1]`]);
    expect(error.message).toBe(`${fn}: events.${field}[1] must be a non-empty string or a finite number ("")`);
  });

  it('names a bad group, account or name value by its column and index', () => {
    const accounts = validColumns(['userId', 'timestamp', 'accountId']);
    accounts.accountId[2] = null;
    const grouped = errorOf(() => activeUsers(asEvents(accounts as Columns), { groupBy: 'accountId' }));
    expect([grouped.code, grouped.path]).toEqual(['invalid-id', 'events.accountId[2]']);
    const licensed = errorOf(() => licenseUtilizationByAccount(asEvents(accounts as Columns), { licenses: [] }));
    expect(licensed.message).toBe('licenseUtilizationByAccount: events.accountId[2] (userId 1) must be a non-empty string or a finite number (null)');

    const names = validColumns(['userId', 'timestamp', 'name']);
    names.name[1] = 5;
    const adoption = errorOf(() => featureAdoption(asEvents(names as Columns), { feature: 'export' }));
    expect([adoption.code, adoption.path, adoption.message]).toEqual(['invalid-name', 'events.name[1]', 'featureAdoption: events.name[1] (userId 2) must be a string (5)']);
    names.name[1] = '';
    const journey = errorOf(() => journeys(names as unknown as JourneyColumns));
    expect([journey.code, journey.path, journey.message]).toEqual(['invalid-name', 'events.name[1]', 'journeys: events.name[1] (userId 2) must be a non-empty string ("")']);
  });

  it('names a missing column', () => {
    const noName = errorOf(() => featureAdoption({ userId: [1], timestamp: [0] }, { feature: 'export' }));
    expect([noName.code, noName.path]).toEqual(['invalid-input', 'events.name']);
    const noAccount = errorOf(() => licenseUtilizationByAccount({ userId: [1], timestamp: [0] }, { licenses: [] }));
    expect([noAccount.code, noAccount.path]).toEqual(['invalid-input', 'events.accountId']);
    const noGroup = errorOf(() => stickiness({ userId: [1], timestamp: [0] }, { groupBy: 'plan' }));
    expect([noGroup.code, noGroup.path]).toEqual(['invalid-input', 'events.plan']);
    const noStartName = errorOf(() => cohortRetention({ userId: [1], timestamp: [0] }, { cohort: 'day', interval: 'day', lastPeriod: 1, start: 'export' }));
    expect([noStartName.code, noStartName.path]).toEqual(['invalid-input', 'events.name']);
    const noUser = errorOf(() => journeys({ timestamp: [0], name: ['login'] }));
    expect([noUser.code, noUser.path]).toEqual(['invalid-input', 'events.userId']);
    // Without a timestamp column the object is neither rows nor columns.
    const noTime = errorOf(() => activeUsers({ userId: [1] } as unknown as EventColumns));
    expect([noTime.code, noTime.path]).toEqual(['invalid-input', 'events']);
    const noAccountEvents = errorOf(() => engagedEvaluation({ userId: [1], timestamp: [0] } as unknown as AccountEventColumns, { trials: [] }));
    expect([noAccountEvents.code, noAccountEvents.path]).toEqual(['invalid-input', 'events']);
  });

  it('rejects 64-bit integer columns (BigInt64Array) rather than converting them', () => {
    // Arrow Int64 and Timestamp vectors and DuckDB BIGINT hand over bigints: cast them upstream.
    const time = errorOf(() => activeUsers({ userId: [1], timestamp: BigInt64Array.of(1_709_283_600_000n) } as unknown as EventColumns));
    expect([time.code, time.path]).toEqual(['invalid-timestamp', 'events.timestamp[0]']);
    expect(time.message).toContain('(1709283600000n)');
    const user = errorOf(() => activeUsers({ userId: BigInt64Array.of(1n), timestamp: [0] } as unknown as EventColumns));
    expect([user.code, user.path]).toEqual(['invalid-id', 'events.userId[0]']);
  });

  it('does not mutate frozen columns, and a second call gives the same result', () => {
    const columns = Object.freeze({
      userId: Object.freeze([2, 1, 2]),
      timestamp: Object.freeze([Date.UTC(2024, 2, 3), Date.UTC(2024, 2, 1), Date.UTC(2024, 2, 1)]),
      name: Object.freeze(['x', 'y', 'z']),
    });
    const first = { active: activeUsers(columns), sessions: sessions(columns), journeys: journeys(columns) };
    expect({ active: activeUsers(columns), sessions: sessions(columns), journeys: journeys(columns) }).toEqual(first);
    expect(columns.timestamp).toEqual([Date.UTC(2024, 2, 3), Date.UTC(2024, 2, 1), Date.UTC(2024, 2, 1)]);
  });
});
