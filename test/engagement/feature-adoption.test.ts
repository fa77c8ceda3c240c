import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Period } from '../../src/core/types.js';
import { featureAdoption } from '../../src/engagement/feature-adoption.js';
import { wilsonInterval } from '../../src/stats/wilson-interval.js';
import { errorOf } from '../support/errors.js';
import { addDays as shiftKey, wallDate as intlDay } from '../support/model.js';

const MIN = 60_000;
const DAY = 86_400_000;
const at = (iso: string): number => Date.parse(iso);


type Row = { userId: string | number; name: string; timestamp: number };



/**
 * The slow, obvious model: Sets of users per period key, periods enumerated day by day. asOf
 * is the latest event: the range never passes its day, and a day is complete when the day
 * of asOf + 1 ms is a later day (asOf is its last millisecond) or it is before asOf's day.
 */
function slowModel(rows: Row[], feature: string, period: Period | null, weekStartsOn: number, timeZone: string, range?: { from: string; to: string }) {
  const dayOf = rows.map((r) => intlDay(r.timestamp, timeZone));
  if (rows.length === 0 && range === undefined) return [];
  const sorted = [...dayOf].sort();
  const asOf = rows.length === 0 ? null : Math.max(...rows.map((r) => r.timestamp));
  const asOfDay = asOf === null ? null : intlDay(asOf, timeZone);
  const lastComplete = asOf === null ? '' : intlDay(asOf + 1, timeZone) !== asOfDay ? (asOfDay as string) : shiftKey(asOfDay as string, -1);
  const from = range?.from ?? (sorted[0] as string);
  const givenTo = range?.to ?? (asOfDay as string);
  const to = asOfDay !== null && givenTo > asOfDay ? asOfDay : givenTo;
  if (from > to) return [];
  const keyOf = (d: string): string => {
    if (period === 'day') return d;
    if (period === 'month') return d.slice(0, 7);
    if (period === 'week') return shiftKey(d, -((new Date(`${d}T00:00:00Z`).getUTCDay() - weekStartsOn + 7) % 7));
    return 'all';
  };
  const groups: { key: string; days: string[] }[] = [];
  for (let d = from; d <= to; d = shiftKey(d, 1)) {
    const key = keyOf(d);
    const last = groups[groups.length - 1];
    if (last !== undefined && last.key === key) last.days.push(d);
    else groups.push({ key, days: [d] });
  }
  return groups.map(({ key, days }) => {
    const active = new Set<string | number>();
    const adopters = new Set<string | number>();
    rows.forEach((r, i) => {
      if (!days.includes(dayOf[i] as string)) return;
      active.add(r.userId);
      if (r.name === feature) adopters.add(r.userId);
    });
    const start = days[0] as string;
    const end = days[days.length - 1] as string;
    const fullLength =
      period === 'day' ? 1 : period === 'week' ? 7 : period === 'month' ? new Date(Date.UTC(Number(start.slice(0, 4)), Number(start.slice(5, 7)), 0)).getUTCDate() : days.length;
    return {
      period: period === null ? `${start}/${end}` : key,
      start,
      end,
      complete: days.length === fullLength && end <= lastComplete,
      activeUsers: active.size,
      adopters: adopters.size,
    };
  });
}

const zones = ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns', 'Asia/Kathmandu'];
const BASE = at('2024-10-20T00:00:00Z');
const rowArb = fc.record({
  userId: fc.constantFrom<string | number>('ana', 'ben', 'cy', 1, 2),
  name: fc.constantFrom('login', 'export', 'view'),
  timestamp: fc.integer({ min: 0, max: 45 * 24 * 60 }).map((m) => BASE + m * MIN),
});
const rowsArb = fc.array(rowArb, { maxLength: 50 });
const periodArb = fc.constantFrom<Period | null>(null, 'day', 'week', 'month');

describe('featureAdoption: examples', () => {
  it('runs the doc example', () => {
    const events = [
      { userId: 'ana', name: 'login', timestamp: '2024-03-01T09:00:00Z' },
      { userId: 'ana', name: 'export', timestamp: '2024-03-01T09:05:00Z' },
      { userId: 'ben', name: 'login', timestamp: '2024-03-02T10:00:00Z' },
      { userId: 'ben', name: 'export', timestamp: '2024-04-03T10:00:00Z' },
    ];
    expect(featureAdoption(events, { feature: 'export', period: 'month' }).periods.map((p) => [p.period, p.activeUsers, p.adopters, p.rate?.value])).toEqual([
      ['2024-03', 2, 1, 0.5],
      ['2024-04', 1, 1, 1],
    ]);
    expect(featureAdoption(events, { feature: 'export' }).periods[0]?.rate?.value).toBe(1);
  });

  it('computes one row over the whole range by hand', () => {
    // Active: ana, ben, cy (3). Used 'export': ana (twice) and cy -> 2 adopters, rate 2/3.
    const result = featureAdoption(
      [
        { userId: 'ana', name: 'export', timestamp: '2024-03-01T09:00:00Z' },
        { userId: 'ana', name: 'export', timestamp: '2024-03-05T09:00:00Z' },
        { userId: 'ben', name: 'login', timestamp: '2024-03-02T09:00:00Z' },
        { userId: 'cy', name: 'export', timestamp: '2024-03-03T09:00:00Z' },
      ],
      { feature: 'export' },
    );
    expect(result).toMatchObject({
      timeZone: 'UTC',
      asOf: '2024-03-05T09:00:00.000Z',
      asOfDate: '2024-03-05',
      feature: 'export',
      period: null,
      weekStartsOn: 1,
      confidence: 0.95,
      from: '2024-03-01',
      to: '2024-03-05',
    });
    expect(result.periods).toHaveLength(1);
    // The range ends on the day of asOf (the latest event, 03-05 09:00), still in progress: not complete.
    expect(result.periods[0]).toMatchObject({ period: '2024-03-01/2024-03-05', start: '2024-03-01', end: '2024-03-05', complete: false, activeUsers: 3, adopters: 2 });
    // Wilson 95% for 2 of 3, z = 1.959964: p = 2/3, 1 + z²/3 = 2.280486, center = p + z²/6 = 1.306910,
    // spread = z √(p(1 - p)/3 + z²/36) = 0.833345; (center ∓ spread) / 2.280486 = 0.2076596, 0.9385081
    // (Python: statistics.NormalDist; R: prop.test(2, 3, correct = FALSE)$conf.int).
    expect(result.periods[0]?.rate?.value).toBe(2 / 3);
    expect(result.periods[0]?.rate?.lower).toBeCloseTo(0.2076596, 6);
    expect(result.periods[0]?.rate?.upper).toBeCloseTo(0.9385081, 6);
  });

  it('puts a user on a week boundary in the local week (Europe/Berlin, Monday start)', () => {
    // 2024-03-10T22:59:59.999Z is Sunday 23:59:59.999 CET (UTC+1): week of Monday 03-04.
    // 2024-03-10T23:00:00Z is Monday 00:00 CET: week of 03-11. In UTC both are Sunday: week 03-04.
    const events = [
      { userId: 'ana', name: 'export', timestamp: '2024-03-10T22:59:59.999Z' },
      { userId: 'ana', name: 'login', timestamp: '2024-03-10T23:00:00Z' },
    ];
    const berlin = featureAdoption(events, { feature: 'export', period: 'week', timeZone: 'Europe/Berlin' });
    expect(berlin.periods.map((p) => [p.period, p.start, p.end, p.complete, p.activeUsers, p.adopters])).toEqual([
      ['2024-03-04', '2024-03-10', '2024-03-10', false, 1, 1],
      ['2024-03-11', '2024-03-11', '2024-03-11', false, 1, 0],
    ]);
    expect(berlin.periods[1]?.rate).toEqual({ value: 0, lower: 0, upper: expect.any(Number) });
    const utc = featureAdoption(events, { feature: 'export', period: 'week' });
    expect(utc.periods.map((p) => [p.period, p.activeUsers, p.adopters])).toEqual([['2024-03-04', 1, 1]]);
    // Sunday-start weeks: both Berlin days (Sun 03-10, Mon 03-11) are in the week of Sunday 03-10.
    const sunday = featureAdoption(events, { feature: 'export', period: 'week', timeZone: 'Europe/Berlin', weekStartsOn: 0 });
    expect(sunday.periods.map((p) => [p.period, p.activeUsers, p.adopters])).toEqual([['2024-03-10', 1, 1]]);
    // from on the boundary day drops the Sunday event entirely: active but not an adopter. asOf
    // '2024-03-17': the data is complete through that Sunday, so the week is whole and complete.
    const cut = featureAdoption(events, { feature: 'export', period: 'week', timeZone: 'Europe/Berlin', from: '2024-03-11', to: '2024-03-17', asOf: '2024-03-17' });
    expect(cut.periods.map((p) => [p.period, p.start, p.end, p.complete, p.activeUsers, p.adopters])).toEqual([
      ['2024-03-11', '2024-03-11', '2024-03-17', true, 1, 0],
    ]);
  });

  it('uses local days on the 25-hour New York day and keeps empty periods', () => {
    // 2024-11-04T04:30Z is 23:30 EST on 11-03; 2024-11-06T15:00Z is 11-06. Days 11-04 and 11-05 are empty.
    const events = [
      { userId: 'u', name: 'export', timestamp: '2024-11-04T04:30:00Z' },
      { userId: 'v', name: 'login', timestamp: '2024-11-06T15:00:00Z' },
    ];
    const result = featureAdoption(events, { feature: 'export', period: 'day', timeZone: 'America/New_York' });
    expect(result.periods.map((p) => [p.period, p.activeUsers, p.adopters, p.rate?.value ?? null])).toEqual([
      ['2024-11-03', 1, 1, 1],
      ['2024-11-04', 0, 0, null],
      ['2024-11-05', 0, 0, null],
      ['2024-11-06', 1, 0, 0],
    ]);
  });

  it('cuts edge months to the range and marks them incomplete', () => {
    const result = featureAdoption([{ userId: 'u', name: 'x', timestamp: '2024-02-10T12:00:00Z' }], {
      feature: 'x',
      period: 'month',
      from: '2024-01-15',
      to: '2024-03-31',
      asOf: '2024-03-31',
    });
    expect(result.periods.map((p) => [p.period, p.start, p.end, p.complete, p.activeUsers])).toEqual([
      ['2024-01', '2024-01-15', '2024-01-31', false, 0],
      ['2024-02', '2024-02-01', '2024-02-29', true, 1],
      ['2024-03', '2024-03-01', '2024-03-31', true, 0],
    ]);
    // With the default asOf (the event, 02-10 12:00) nothing after 02-10 is reported; February is in progress.
    const current = featureAdoption([{ userId: 'u', name: 'x', timestamp: '2024-02-10T12:00:00Z' }], { feature: 'x', period: 'month', from: '2024-01-15', to: '2024-03-31' });
    expect(current.periods.map((p) => [p.period, p.start, p.end, p.complete, p.activeUsers])).toEqual([
      ['2024-01', '2024-01-15', '2024-01-31', false, 0],
      ['2024-02', '2024-02-01', '2024-02-10', false, 1],
    ]);
  });

  it("counts a 23:30 event on a date-only asOf's day in Europe/Berlin, and leaves out later events", () => {
    // 2024-06-30T21:30Z is 23:30 CEST on 06-30; asOf '2024-06-30' ends that Berlin day. June: active
    // {a, b}, adopters {b} (the late event): 1/2, complete. c's export on 07-01 is after asOf: left out,
    // and July is not reported.
    const events = [
      { userId: 'a', name: 'login', timestamp: '2024-06-10T08:00:00Z' },
      { userId: 'b', name: 'export', timestamp: '2024-06-30T21:30:00Z' },
      { userId: 'c', name: 'export', timestamp: '2024-07-01T08:00:00Z' },
    ];
    const options = { feature: 'export', period: 'month', timeZone: 'Europe/Berlin', from: '2024-06' } as const;
    const june = featureAdoption(events, { ...options, asOf: '2024-06-30' });
    expect([june.asOf, june.asOfDate, june.to]).toEqual(['2024-06-30T21:59:59.999Z', '2024-06-30', '2024-06-30']);
    expect(june.periods.map((p) => [p.period, p.complete, p.activeUsers, p.adopters])).toEqual([['2024-06', true, 2, 1]]);
    // 1 ms before the late event: b is not yet active, June not over.
    const before = featureAdoption(events, { ...options, asOf: '2024-06-30T21:29:59.999Z' });
    expect(before.periods.map((p) => [p.period, p.complete, p.activeUsers, p.adopters])).toEqual([['2024-06', false, 1, 0]]);
  });

  it('accepts a predicate on rows, accessors, and a name column on columns', () => {
    const rows = [
      { uid: 'a', ts: at('2024-03-01T09:00:00Z'), kind: 'report.export', props: { format: 'csv' } },
      { uid: 'b', ts: at('2024-03-01T10:00:00Z'), kind: 'report.export', props: { format: 'pdf' } },
      { uid: 'c', ts: at('2024-03-01T11:00:00Z'), kind: 'login', props: { format: '' } },
    ];
    const byPredicate = featureAdoption(rows, {
      feature: (r) => r.kind === 'report.export' && r.props.format === 'csv',
      userId: (r) => r.uid,
      timestamp: (r) => r.ts,
    });
    expect(byPredicate.feature).toBe('predicate');
    expect(byPredicate.periods[0]).toMatchObject({ activeUsers: 3, adopters: 1 });
    const byName = featureAdoption(rows, { feature: 'report.export', name: (r) => r.kind, userId: (r) => r.uid, timestamp: (r) => r.ts });
    expect(byName.periods[0]).toMatchObject({ activeUsers: 3, adopters: 2 });
    const indexSeen: number[] = [];
    featureAdoption(rows, { feature: (_r, i) => (indexSeen.push(i), false), userId: (r) => r.uid, timestamp: (r) => r.ts });
    expect(indexSeen).toEqual([0, 1, 2]);
    const columns = { userId: [1, 2, 2], timestamp: Float64Array.from(rows.map((r) => r.ts)), name: ['x', 'login', 'x'] };
    expect(featureAdoption(columns, { feature: 'x' }).periods[0]).toMatchObject({ activeUsers: 2, adopters: 2 });
  });

  it('gives empty results for empty input', () => {
    expect(featureAdoption([], { feature: 'x' })).toEqual({
      timeZone: 'UTC',
      asOf: null,
      asOfDate: null,
      feature: 'x',
      period: null,
      weekStartsOn: 1,
      confidence: 0.95,
      from: null,
      to: null,
      periods: [],
    });
    const ranged = featureAdoption([], { feature: 'x', period: 'week', from: '2024-03-04', to: '2024-03-17' });
    expect(ranged.periods.map((p) => [p.period, p.activeUsers, p.adopters, p.rate])).toEqual([
      ['2024-03-04', 0, 0, null],
      ['2024-03-11', 0, 0, null],
    ]);
  });

  it('handles a single event', () => {
    // The event is at the start of 03-01, and so is the default asOf: the day is in progress.
    const result = featureAdoption([{ userId: 'u', name: 'x', timestamp: '2024-03-01' }], { feature: 'x', period: 'day', confidence: 0.9 });
    expect(result.periods).toEqual([
      { period: '2024-03-01', start: '2024-03-01', end: '2024-03-01', complete: false, activeUsers: 1, adopters: 1, rate: wilsonInterval(1, 1, { confidence: 0.9 }) },
    ]);
  });

  it('does not mutate its input', () => {
    const events = Object.freeze([
      Object.freeze({ userId: 'b', name: 'x', timestamp: '2024-03-02T00:00:00Z' }),
      Object.freeze({ userId: 'a', name: 'y', timestamp: '2024-03-01T00:00:00Z' }),
    ]);
    const first = featureAdoption(events, { feature: 'x', period: 'day' });
    expect(featureAdoption(events, { feature: 'x', period: 'day' })).toEqual(first);
  });
});

describe('featureAdoption: bad input', () => {
  it('rejects a predicate with column input, explaining to pass the name', () => {
    const e = errorOf(() => featureAdoption({ userId: [1], timestamp: [0], name: ['x'] }, { feature: () => true }));
    expect(e.code).toBe('invalid-option');
    expect(e.path).toBe('options.feature');
    expect(e.message).toBe(
      'featureAdoption: options.feature must be an event name with column input: a predicate needs row records, so pass the event name and a name column (a function)',
    );
  });

  it('requires a name column, string names and a boolean predicate', () => {
    expect(errorOf(() => featureAdoption({ userId: [1], timestamp: [0] }, { feature: 'x' }))).toMatchObject({ code: 'invalid-input', path: 'events.name' });
    expect(errorOf(() => featureAdoption({ userId: [1, 2], timestamp: [0, 1], name: ['x'] }, { feature: 'x' }))).toMatchObject({ path: 'events.name' });
    expect(errorOf(() => featureAdoption({ userId: [1, 2], timestamp: [0, 1], name: ['x', 3 as unknown as string] }, { feature: 'x' }))).toMatchObject({
      code: 'invalid-name',
      path: 'events.name[1]',
    });
    const missing = errorOf(() => featureAdoption([{ userId: 'a', timestamp: 0 }], { feature: 'x' }));
    expect([missing.path, missing.message]).toEqual(['events[0].name', 'featureAdoption: events[0] (userId "a").name must be a string (undefined)']);
    const truthy = errorOf(() => featureAdoption([{ userId: 'a', timestamp: 0 }], { feature: () => 1 as unknown as boolean }));
    expect(truthy.path).toBe('options.feature');
    expect(truthy.message).toBe('featureAdoption: options.feature must return true or false, but for events[0] returned (1)');
  });

  it('rejects bad options', () => {
    expect(errorOf(() => featureAdoption([], undefined as never))).toMatchObject({ code: 'invalid-option', path: 'options.feature' });
    expect(errorOf(() => featureAdoption([], { feature: '' }))).toMatchObject({ path: 'options.feature' });
    expect(errorOf(() => featureAdoption([], { feature: 'x', period: 'year' as Period }))).toMatchObject({ code: 'invalid-option', path: 'options.period' });
    expect(errorOf(() => featureAdoption([], { feature: 'x', weekStartsOn: 7 as 0 }))).toMatchObject({ path: 'options.weekStartsOn' });
    expect(errorOf(() => featureAdoption([], { feature: 'x', timeZone: 'Mars/Base' }))).toMatchObject({ code: 'invalid-time-zone' });
    expect(errorOf(() => featureAdoption([], { feature: 'x', confidence: 1 }))).toMatchObject({ path: 'options.confidence' });
    expect(errorOf(() => featureAdoption([], { feature: 'x', from: '2024-03-02', to: '2024-03-01' }))).toMatchObject({ path: 'options.to' });
    expect(errorOf(() => featureAdoption([], { feature: 'x', name: 'kind' as never }))).toMatchObject({ path: 'options.name' });
    expect(errorOf(() => featureAdoption([], { feature: 'x', periods: 'month' } as never)).message).toBe(
      'featureAdoption: options.periods is not an option; did you mean period? ("month")',
    );
    expect(errorOf(() => featureAdoption([], { feature: 'x', period: null } as never))).toMatchObject({ code: 'invalid-option', path: 'options.period' });
    expect(errorOf(() => featureAdoption([], { feature: 'x', asOf: 'later' }))).toMatchObject({ code: 'invalid-timestamp', path: 'options.asOf' });
  });

  it('rejects bad records', () => {
    expect(errorOf(() => featureAdoption([{ name: 'x', timestamp: 0 }] as never, { feature: 'x' }))).toMatchObject({ code: 'invalid-id', path: 'events[0].userId' });
    const t = errorOf(() => featureAdoption([{ userId: 'a', name: 'x', timestamp: '2024-13-01' }], { feature: 'x' }));
    expect(t.message).toBe('featureAdoption: events[0] (userId "a").timestamp is not a valid timestamp ("2024-13-01")');
  });
});

describe('featureAdoption: properties', () => {
  it('agrees with a slow obvious model in random zones (property)', () => {
    const rangeArb = fc.option(
      fc.tuple(fc.integer({ min: -5, max: 30 }), fc.integer({ min: 0, max: 30 })).map(([start, length]) => ({
        from: shiftKey('2024-10-20', start),
        to: shiftKey('2024-10-20', start + length),
      })),
      { nil: undefined },
    );
    fc.assert(
      fc.property(rowsArb, periodArb, fc.integer({ min: 0, max: 6 }), fc.constantFrom(...zones), rangeArb, (rows, period, weekStartsOn, timeZone, range) => {
        const result = featureAdoption(rows, {
          feature: 'export',
          timeZone,
          weekStartsOn: weekStartsOn as 0,
          ...(period === null ? {} : { period }),
          ...(range ?? {}),
        });
        expect(result.periods.map(({ rate: _rate, ...rest }) => rest)).toEqual(slowModel(rows, 'export', period, weekStartsOn, timeZone, range));
        for (const p of result.periods) expect(p.rate).toEqual(wilsonInterval(p.adopters, p.activeUsers));
      }),
      { numRuns: 300 },
    );
  });

  it('is unchanged by shuffling or duplicating events (property)', () => {
    fc.assert(
      fc.property(
        rowsArb.chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }))),
        periodArb,
        ([rows, shuffled], period) => {
          const options = { feature: 'export', ...(period === null ? {} : { period }) };
          const result = featureAdoption(rows, options);
          expect(featureAdoption(shuffled, options)).toEqual(result);
          expect(featureAdoption([...rows, ...shuffled], options)).toEqual(result);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps adopters <= active users and rates in [0, 1] (property)', () => {
    fc.assert(
      fc.property(rowsArb, periodArb, fc.double({ min: 0.5, max: 0.999, noNaN: true }), (rows, period, confidence) => {
        const result = featureAdoption(rows, { feature: 'export', confidence, ...(period === null ? {} : { period }) });
        for (const p of result.periods) {
          expect(p.adopters).toBeLessThanOrEqual(p.activeUsers);
          if (p.rate === null) expect(p.activeUsers).toBe(0);
          else {
            expect(p.rate.lower).toBeGreaterThanOrEqual(0);
            expect(p.rate.upper).toBeLessThanOrEqual(1);
            expect(p.rate.lower).toBeLessThanOrEqual(p.rate.value);
            expect(p.rate.value).toBeLessThanOrEqual(p.rate.upper);
          }
        }
        expect(JSON.parse(JSON.stringify(result))).toEqual(result);
      }),
      { numRuns: 200 },
    );
  });

  it('adds up over a split of the users (property)', () => {
    fc.assert(
      fc.property(rowsArb, periodArb, fc.func(fc.boolean()), (rows, period, side) => {
        const options = { feature: 'export', from: BASE, to: BASE + 46 * DAY, ...(period === null ? {} : { period }) };
        const whole = featureAdoption(rows, options);
        const a = featureAdoption(rows.filter((r) => side(r.userId)), options);
        const b = featureAdoption(rows.filter((r) => !side(r.userId)), options);
        whole.periods.forEach((p, i) => {
          expect(p.activeUsers).toBe((a.periods[i]?.activeUsers ?? 0) + (b.periods[i]?.activeUsers ?? 0));
          expect(p.adopters).toBe((a.periods[i]?.adopters ?? 0) + (b.periods[i]?.adopters ?? 0));
        });
      }),
      { numRuns: 200 },
    );
  });

  it('reads columns exactly as rows (property)', () => {
    fc.assert(
      fc.property(rowsArb, periodArb, (rows, period) => {
        const columns = { userId: rows.map((r) => r.userId), timestamp: rows.map((r) => r.timestamp), name: rows.map((r) => r.name) };
        const options = { feature: 'export', ...(period === null ? {} : { period }) };
        expect(featureAdoption(columns, options)).toEqual(featureAdoption(rows, options));
      }),
      { numRuns: 100 },
    );
  });
});
