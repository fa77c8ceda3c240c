import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cohortRetention } from '../../src/retention/cohort-retention.js';
import type { CohortRetentionOptions, CohortRetentionResult } from '../../src/retention/types.js';
import { errorOf } from '../support/errors.js';
import { TEST_ZONES, shuffled, wallDate } from '../support/model.js';

type Event = { userId: string | number; timestamp: number | string; name?: string };
const H = 3_600_000;
const DAY = 24 * H;

describe('cohortRetention', () => {
  it('computes the documented example', () => {
    const events = [
      { userId: 'ana', timestamp: '2024-03-04T09:00:00Z' },
      { userId: 'ana', timestamp: '2024-03-05T09:00:00Z' },
      { userId: 'ben', timestamp: '2024-03-04T18:00:00Z' },
      { userId: 'ben', timestamp: '2024-03-06T10:00:00Z' },
      { userId: 'cy', timestamp: '2024-03-05T12:00:00Z' },
    ];
    // 0.1 wrote asOf '2024-03-07' (then the start of 03-07) for this table; a date now means
    // the end of that day, so the same table is asOf '2024-03-06' (complete through 03-06).
    const table = cohortRetention(events, { cohort: 'day', interval: 'day', lastPeriod: 2, asOf: '2024-03-06' });
    // By hand: cohort 03-04 = {ana, ben}: day 0 both, day 1 (03-05) ana, day 2 (03-06) ben.
    // Cohort 03-05 = {cy}: day 0 cy, day 1 (03-06) nobody, day 2 (03-07) not over at the end of 03-06.
    // Both cohort days have ended by asOf: complete.
    expect(table).toEqual({
      cohort: 'day',
      interval: 'day',
      mode: 'n-day',
      lastPeriod: 2,
      brackets: null,
      start: 'first-activity',
      recurring: false,
      rolling: false,
      timeZone: 'UTC',
      weekStartsOn: 1,
      asOf: '2024-03-06T23:59:59.999Z',
      asOfDate: '2024-03-06',
      cohorts: [
        { cohort: '2024-03-04', complete: true, size: 2, counts: [2, 1, 1], rates: [1, 0.5, 0.5] },
        { cohort: '2024-03-05', complete: true, size: 1, counts: [1, 0, null], rates: [1, 0, null] },
      ],
      // Weighted mean over observed cells: k0 (2+1)/(2+1); k1 (1+0)/(2+1); k2 1/2 (only 03-04 observed).
      mean: { counts: [3, 1, 1], sizes: [3, 3, 2], rates: [1, 1 / 3, 0.5] },
      withoutStart: 0,
    });
    // asOf '2024-03-07' now includes all of 03-07: cy's day 2 is observed, and cy was not
    // active on 03-07, so it is 0. Mean k2: (1 + 0) / (2 + 1).
    const next = cohortRetention(events, { cohort: 'day', interval: 'day', lastPeriod: 2, asOf: '2024-03-07' });
    expect(next.cohorts[1]?.counts).toEqual([1, 0, 0]);
    expect(next.mean).toEqual({ counts: [3, 1, 1], sizes: [3, 3, 3], rates: [1, 1 / 3, 1 / 3] });
    expect([next.asOf, next.asOfDate]).toEqual(['2024-03-07T23:59:59.999Z', '2024-03-07']);
  });

  it('counts an event late on the date-only asOf day and reports that day complete (UTC and Berlin)', () => {
    // One user whose only event is at 23:30 local on 2024-06-30.
    for (const [timeZone, late] of [
      ['UTC', Date.UTC(2024, 5, 30, 23, 30)],
      ['Europe/Berlin', Date.UTC(2024, 5, 30, 21, 30)], // CEST = UTC+2
    ] as const) {
      const events = [{ userId: 'u', timestamp: late }];
      const options = { cohort: 'day', interval: 'day', lastPeriod: 1, timeZone } as const;
      // The end of 06-30: the event counts, the cohort day 06-30 is complete, its day 0 observed
      // (it ends with the cohort day); day 1 (07-01) is pending.
      const byDate = cohortRetention(events, { ...options, asOf: '2024-06-30' });
      expect(byDate.cohorts).toEqual([{ cohort: '2024-06-30', complete: true, size: 1, counts: [1, null], rates: [1, null] }]);
      expect(byDate.asOfDate).toBe('2024-06-30');
      // The instant of the event: counted, but 06-30 is still in progress (29 minutes left).
      const atEvent = cohortRetention(events, { ...options, asOf: late });
      expect(atEvent.cohorts).toEqual([{ cohort: '2024-06-30', complete: false, size: 1, counts: [null, null], rates: [null, null] }]);
      expect(atEvent.asOf).toBe(new Date(late).toISOString());
      // Without asOf, the default is that same instant.
      expect(cohortRetention(events, options)).toEqual(atEvent);
      // One millisecond before it: the event is after asOf, left out.
      expect(cohortRetention(events, { ...options, asOf: late - 1 }).cohorts).toEqual([]);
    }
  });

  it('reports the newest month cohort when asOf is the last day of its month', () => {
    const events: Event[] = [
      { userId: 'a', timestamp: '2024-09-10T10:00:00Z' },
      { userId: 'a', timestamp: '2024-10-03T10:00:00Z' },
      { userId: 'b', timestamp: '2024-10-05T10:00:00Z' },
      { userId: 'c', timestamp: '2024-10-31T22:00:00Z' },
    ];
    const table = cohortRetention(events, { cohort: 'month', interval: 'month', lastPeriod: 1, asOf: '2024-10-31' });
    // By hand: 2024-09 {a}: month 0 a, month 1 (October) a. 2024-10 {b, c}: October has
    // ended by the end of 10-31, so the cohort is complete and its month 0 observed: 2 of 2;
    // month 1 (November) pending.
    expect(table.cohorts).toEqual([
      { cohort: '2024-09', complete: true, size: 1, counts: [1, 1], rates: [1, 1] },
      { cohort: '2024-10', complete: true, size: 2, counts: [2, null], rates: [1, null] },
    ]);
    // The 0.1 demo's asOf, 1 ms before the end of October: October is not complete.
    const short = cohortRetention(events, { cohort: 'month', interval: 'month', lastPeriod: 1, asOf: '2024-10-31T23:59:59.998Z' });
    expect(short.cohorts[1]).toEqual({ cohort: '2024-10', complete: false, size: 2, counts: [null, null], rates: [null, null] });
    // The month key means the end of that month too.
    expect(cohortRetention(events, { cohort: 'month', interval: 'month', lastPeriod: 1, asOf: '2024-10' })).toEqual(table);
  });

  // One weekly cohort, daily intervals, four users starting Mon 2024-01-01 or Wed 2024-01-03.
  const weekEvents: Event[] = [
    { userId: 'a', timestamp: '2024-01-01T10:00:00Z' }, // a: days 0, 1, 5
    { userId: 'a', timestamp: '2024-01-02T10:00:00Z' },
    { userId: 'a', timestamp: '2024-01-06T10:00:00Z' },
    { userId: 'b', timestamp: '2024-01-01T11:00:00Z' }, // b: days 0, 2
    { userId: 'b', timestamp: '2024-01-03T11:00:00Z' },
    { userId: 'c', timestamp: '2024-01-03T12:00:00Z' }, // c (starts Wed 01-03): days 0, 3
    { userId: 'c', timestamp: '2024-01-06T12:00:00Z' },
    { userId: 'd', timestamp: '2024-01-01T13:00:00Z' }, // d: day 0 only
    { userId: 'z', timestamp: '2024-02-01T00:00:00Z' }, // z: a later cohort; moves asOf
  ];
  const weekly = { cohort: 'week', interval: 'day', lastPeriod: 5, asOf: '2024-02-01' } as const;

  it('n-day mode: users active in exactly interval k', () => {
    const row = cohortRetention(weekEvents, { ...weekly, mode: 'n-day' }).cohorts[0];
    // k: 0 {a,b,c,d}=4; 1 {a}=1; 2 {b}=1; 3 {c}=1; 4 {}=0; 5 {a}=1.
    expect(row).toEqual({ cohort: '2024-01-01', complete: true, size: 4, counts: [4, 1, 1, 1, 0, 1], rates: [1, 0.25, 0.25, 0.25, 0, 0.25] });
  });

  it('unbounded mode: users active in interval k or later', () => {
    const row = cohortRetention(weekEvents, { ...weekly, mode: 'unbounded' }).cohorts[0];
    // Last interval per user: a 5, b 2, c 3, d 0 -> k0 4, k1 {a,b,c} 3, k2 3, k3 {a,c} 2, k4 {a} 1, k5 1.
    expect(row?.counts).toEqual([4, 3, 3, 2, 1, 1]);
  });

  it('bracket mode: users active in any interval of each bracket', () => {
    const result = cohortRetention(weekEvents, { ...weekly, mode: 'bracket', brackets: [[1, 2], [3, 5]] });
    // [1,2]: a (1), b (2) = 2; [3,5]: a (5), c (3) = 2.
    expect(result.lastPeriod).toBe(5);
    expect(result.brackets).toEqual([[1, 2], [3, 5]]);
    expect(result.cohorts[0]?.counts).toEqual([2, 2]);
    expect(result.cohorts[0]?.rates).toEqual([0.5, 0.5]);
  });

  it('weekly intervals count calendar weeks from the start week; months likewise', () => {
    const events: Event[] = [
      { userId: 'a', timestamp: '2024-01-07T10:00:00Z' }, // Sunday: week of Mon 01-01
      { userId: 'a', timestamp: '2024-01-08T10:00:00Z' }, // Monday: week 1, one day later
      { userId: 'a', timestamp: '2024-02-29T10:00:00Z' }, // week 8 (Mon 02-26 is 8 weeks after 01-01); month 1
    ];
    const weeks = cohortRetention(events, { cohort: 'week', interval: 'week', lastPeriod: 8, asOf: '2024-06-01' });
    expect(weeks.cohorts[0]?.counts).toEqual([1, 1, 0, 0, 0, 0, 0, 0, 1]);
    const sunday = cohortRetention(events, { cohort: 'week', interval: 'week', lastPeriod: 1, weekStartsOn: 0, asOf: '2024-06-01' });
    // Weeks from Sunday: 01-07 and 01-08 share week 0.
    expect(sunday.cohorts[0]).toMatchObject({ cohort: '2024-01-07', counts: [1, 0] });
    const months = cohortRetention(events, { cohort: 'month', interval: 'month', lastPeriod: 2, asOf: '2024-06-01' });
    expect(months.cohorts).toEqual([{ cohort: '2024-01', complete: true, size: 1, counts: [1, 1, 0], rates: [1, 1, 0] }]);
  });

  it('reports partial cells as null and weights the mean over observed cells only', () => {
    const events: Event[] = [
      { userId: 'a', timestamp: '2024-05-01T08:00:00Z' },
      { userId: 'a', timestamp: '2024-05-02T08:00:00Z' },
      { userId: 'b', timestamp: '2024-05-01T09:00:00Z' },
      { userId: 'c', timestamp: '2024-05-02T09:00:00Z' },
      { userId: 'd', timestamp: '2024-05-02T10:00:00Z' },
      { userId: 'e', timestamp: '2024-05-02T11:00:00Z' },
      { userId: 'c', timestamp: '2024-05-03T12:00:00Z' },
    ];
    const result = cohortRetention(events, { cohort: 'day', interval: 'day', lastPeriod: 2 });
    // asOf = latest event, 05-03T12:00: 05-03 is in progress, so only days up to 05-02 are complete.
    // 05-01 {a, b}: k0 2, k1 (05-02) 1, k2 (05-03) null. 05-02 {c, d, e}: k0 3, k1 (05-03) null.
    // 05-03: nobody starts there.
    expect(result.asOf).toBe('2024-05-03T12:00:00.000Z');
    expect(result.asOfDate).toBe('2024-05-03');
    expect(result.cohorts).toEqual([
      { cohort: '2024-05-01', complete: true, size: 2, counts: [2, 1, null], rates: [1, 0.5, null] },
      { cohort: '2024-05-02', complete: true, size: 3, counts: [3, null, null], rates: [1, null, null] },
    ]);
    // k1 mean: only 05-01 is observed -> 1 / 2, not (1 + 0) / 5.
    expect(result.mean).toEqual({ counts: [5, 1, 0], sizes: [5, 2, 0], rates: [1, 0.5, null] });
    // With asOf the date 05-03 (its end), 05-03 is complete: 05-02's k1 is c -> 1 of 3, and
    // 05-01's k2 (05-03) nobody of 2. (0.1 needed asOf '2024-05-04' for this.)
    const later = cohortRetention(events, { cohort: 'day', interval: 'day', lastPeriod: 2, asOf: '2024-05-03' });
    expect(later.cohorts[1]?.counts).toEqual([3, 1, null]);
    expect(later.mean.rates).toEqual([1, 2 / 5, 0]);
    // asOf '2024-05-04' also completes 05-02's k2 (05-04): nobody -> 0; k2 mean 0 / (2 + 3).
    const next = cohortRetention(events, { cohort: 'day', interval: 'day', lastPeriod: 2, asOf: '2024-05-04' });
    expect(next.cohorts[1]?.counts).toEqual([3, 1, 0]);
    expect(next.mean).toEqual({ counts: [5, 2, 0], sizes: [5, 5, 5], rates: [1, 2 / 5, 0] });
  });

  it('keeps a cohort period in progress incomplete, with every cell null', () => {
    const events: Event[] = [
      { userId: 'a', timestamp: '2024-01-01T10:00:00Z' }, // week of Mon 01-01
      { userId: 'b', timestamp: '2024-01-09T10:00:00Z' }, // week of Mon 01-08 (Tue)
    ];
    // asOf the end of Sun 01-07: week 01-01 is complete, and day 0 of a start on Sun 01-07
    // (the cohort's last day) is observed; its day 1 (Mon 01-08) is pending. b's event is
    // after asOf: left out.
    const first = cohortRetention(events, { cohort: 'week', interval: 'day', lastPeriod: 1, asOf: '2024-01-07' });
    expect(first.cohorts).toEqual([{ cohort: '2024-01-01', complete: true, size: 1, counts: [1, null], rates: [1, null] }]);
    // asOf the end of Wed 01-10: week 01-08 runs to Sun 01-14, so its row is incomplete and
    // all null (a user may still join on 01-14), never 0; week 01-01's day 1 (for a start on
    // Sun 01-07: Mon 01-08) is observed: a was not active -> 0.
    const second = cohortRetention(events, { cohort: 'week', interval: 'day', lastPeriod: 1, asOf: '2024-01-10' });
    expect(second.cohorts).toEqual([
      { cohort: '2024-01-01', complete: true, size: 1, counts: [1, 0], rates: [1, 0] },
      { cohort: '2024-01-08', complete: false, size: 1, counts: [null, null], rates: [null, null] },
    ]);
    expect(second.mean).toEqual({ counts: [1, 0], sizes: [1, 1], rates: [1, 0] });
  });

  it('buckets by local days across a DST change (America/New_York, 2024-03-10)', () => {
    // 2024-03-10 lasts 23 hours in New York: 05:00Z to 04:00Z next day.
    const events: Event[] = [
      { userId: 'a', timestamp: '2024-03-10T04:30:00Z' }, // 03-09 23:30 EST: start day 03-09
      { userId: 'a', timestamp: '2024-03-11T03:30:00Z' }, // 03-10 23:30 EDT: day 1
      { userId: 'a', timestamp: '2024-03-11T04:30:00Z' }, // 03-11 00:30 EDT: day 2
    ];
    const local = cohortRetention(events, { cohort: 'day', interval: 'day', lastPeriod: 2, timeZone: 'America/New_York', asOf: '2024-03-12' });
    expect(local.cohorts).toEqual([{ cohort: '2024-03-09', complete: true, size: 1, counts: [1, 1, 1], rates: [1, 1, 1] }]);
    // In UTC the same events fall on 03-10 (day 0) and 03-11 (day 1).
    const utc = cohortRetention(events, { cohort: 'day', interval: 'day', lastPeriod: 2, asOf: '2024-03-13' });
    expect(utc.cohorts).toEqual([{ cohort: '2024-03-10', complete: true, size: 1, counts: [1, 1, 0], rates: [1, 1, 0] }]);
    // Rolling: 04:30Z + 24 h = 03-11 04:30Z, so 03:30Z is window 0 and 04:30Z window 1, DST or not.
    const rolling = cohortRetention(events, { cohort: 'day', interval: 'day', lastPeriod: 2, timeZone: 'America/New_York', rolling: true, asOf: '2024-03-14' });
    expect(rolling.cohorts[0]?.counts).toEqual([1, 1, 0]);
  });

  it('rolling 24-hour windows versus calendar days', () => {
    const events: Event[] = [
      { userId: 'a', timestamp: '2024-06-01T23:00:00Z' },
      { userId: 'a', timestamp: '2024-06-02T01:00:00Z' },
    ];
    const calendar = cohortRetention(events, { cohort: 'day', interval: 'day', lastPeriod: 1, asOf: '2024-06-10' });
    const rolling = cohortRetention(events, { cohort: 'day', interval: 'day', lastPeriod: 1, asOf: '2024-06-10', rolling: true });
    // Calendar: 06-02 is day 1. Rolling: 01:00 is 2 hours after the start, window 0; nothing in [23:00+24h, +48h).
    expect(calendar.cohorts[0]?.counts).toEqual([1, 1]);
    expect(rolling.cohorts[0]?.counts).toEqual([1, 0]);
    // A rolling window is observed when its last millisecond is at or before asOf for a start at
    // the very end of the cohort day, 06-01T23:59:59.999Z: window 0 [that, +24 h) ends with
    // 06-02T23:59:59.998Z, window 1 with 06-03T23:59:59.998Z.
    const at = (asOf: string) => cohortRetention(events, { cohort: 'day', interval: 'day', lastPeriod: 1, asOf, rolling: true }).cohorts[0]?.counts;
    expect(at('2024-06-02T23:59:59.997Z')).toEqual([null, null]);
    expect(at('2024-06-02T23:59:59.998Z')).toEqual([1, null]);
    // The date 06-02 is its last millisecond, 23:59:59.999Z: window 0 is complete.
    expect(at('2024-06-02')).toEqual([1, null]);
    expect(at('2024-06-03T23:59:59.997Z')).toEqual([1, null]);
    expect(at('2024-06-03')).toEqual([1, 0]);
    // Rolling weeks are 7 × 24 hours: 06-08T22:59 is window 0, 06-08T23:00 window 1.
    const weekEvents: Event[] = [...events, { userId: 'b', timestamp: '2024-06-01T23:00:00Z' }, { userId: 'b', timestamp: '2024-06-08T23:00:00Z' }, { userId: 'a', timestamp: '2024-06-08T22:59:00Z' }];
    const weeks = cohortRetention(weekEvents, { cohort: 'day', interval: 'week', lastPeriod: 1, asOf: '2024-07-01', rolling: true });
    expect(weeks.cohorts[0]?.counts).toEqual([2, 1]);
  });

  it('recurring cohorts: a user joins the cohort of every period they are active in', () => {
    const events: Event[] = [
      { userId: 'a', timestamp: '2024-01-01T10:00:00Z' }, // week 01-01
      { userId: 'a', timestamp: '2024-01-09T10:00:00Z' }, // week 01-08
      { userId: 'b', timestamp: '2024-01-10T10:00:00Z' }, // week 01-08
      { userId: 'b', timestamp: '2024-01-17T10:00:00Z' }, // week 01-15
    ];
    const options = { cohort: 'week', interval: 'week', lastPeriod: 1, asOf: '2024-03-01' } as const;
    const firstTime = cohortRetention(events, options);
    // First-time: 01-01 {a} retained in week 1; 01-08 {b} retained in week 1.
    expect(firstTime.cohorts.map((c) => [c.cohort, c.size, c.counts])).toEqual([
      ['2024-01-01', 1, [1, 1]],
      ['2024-01-08', 1, [1, 1]],
    ]);
    const recurring = cohortRetention(events, { ...options, recurring: true });
    // Recurring: 01-01 {a}: week 1 yes. 01-08 {a, b}: week 1 (01-15) only b. 01-15 {b}: week 1 no.
    expect(recurring.cohorts.map((c) => [c.cohort, c.size, c.counts])).toEqual([
      ['2024-01-01', 1, [1, 1]],
      ['2024-01-08', 2, [2, 1]],
      ['2024-01-15', 1, [1, 0]],
    ]);
    // With daily intervals a recurring start is the first active day of the period.
    const daily = cohortRetention(events, { cohort: 'week', interval: 'day', lastPeriod: 7, recurring: true, asOf: '2024-03-01' });
    // Cohort 01-08: a from 01-09 (b's 01-17 is day 7 from 01-10); b from 01-10.
    expect(daily.cohorts[1]?.counts).toEqual([2, 0, 0, 0, 0, 0, 0, 1]);
  });

  it('starts at signup or at a named event', () => {
    const events: Event[] = [
      { userId: 'a', timestamp: '2024-01-01T10:00:00Z', name: 'visit' },
      { userId: 'a', timestamp: '2024-01-03T10:00:00Z', name: 'created-project' },
      { userId: 'a', timestamp: '2024-01-04T10:00:00Z', name: 'visit' },
      { userId: 'b', timestamp: '2024-01-02T10:00:00Z', name: 'visit' },
    ];
    const signups = [
      { userId: 'a', signedUpAt: '2024-01-02T09:00:00Z' },
      { userId: 'c', signedUpAt: '2024-01-02T12:00:00Z' }, // never active
    ];
    const bySignup = cohortRetention(events, { cohort: 'day', interval: 'day', lastPeriod: 2, signups, asOf: '2024-02-01' });
    // Cohort 01-02 = {a, c}: day 0 nobody (a's 01-01 visit is before signup), day 1 a, day 2 a.
    expect(bySignup.start).toBe('signup');
    expect(bySignup.cohorts).toEqual([{ cohort: '2024-01-02', complete: true, size: 2, counts: [0, 1, 1], rates: [0, 0.5, 0.5] }]);
    expect(bySignup.withoutStart).toBe(1); // b has events and no signup
    const byEvent = cohortRetention(events, { cohort: 'day', interval: 'day', lastPeriod: 1, start: 'created-project', asOf: '2024-02-01' });
    expect(byEvent.cohorts).toEqual([{ cohort: '2024-01-03', complete: true, size: 1, counts: [1, 1], rates: [1, 1] }]);
    expect(byEvent.withoutStart).toBe(1);
    const columns = { userId: events.map((e) => e.userId), timestamp: events.map((e) => e.timestamp), name: events.map((e) => e.name as string) };
    expect(cohortRetention(columns, { cohort: 'day', interval: 'day', lastPeriod: 1, start: 'created-project', asOf: '2024-02-01' })).toEqual(byEvent);
  });

  it('takes columns and accessors, and gives an empty table for empty input', () => {
    const rows = weekEvents.map((e) => ({ uid: e.userId, ts: e.timestamp }));
    const expected = cohortRetention(weekEvents, weekly);
    expect(cohortRetention(rows, { ...weekly, userId: (r) => r.uid, timestamp: (r) => r.ts })).toEqual(expected);
    expect(cohortRetention({ userId: weekEvents.map((e) => e.userId), timestamp: weekEvents.map((e) => e.timestamp) }, weekly)).toEqual(expected);
    const empty = cohortRetention([], { cohort: 'week', interval: 'day', lastPeriod: 1 });
    expect(empty).toMatchObject({ asOf: null, asOfDate: null, cohorts: [], mean: { counts: [0, 0], sizes: [0, 0], rates: [null, null] }, withoutStart: 0 });
  });

  it('gives the same rolling table for a large shuffled log as for the time-ordered one (buffer compaction)', () => {
    // 160,000 events of 200 users over 90 days: shuffled, the half-day buffer fills and is compacted.
    const userId = new Int32Array(160_000);
    const timestamp = new Float64Array(160_000);
    let seed = 12345;
    const random = (): number => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    for (let i = 0; i < userId.length; i++) {
      userId[i] = 1 + Math.floor(random() * 200);
      timestamp[i] = Date.UTC(2024, 2, 1) + Math.floor((i / userId.length) * 90 * DAY);
    }
    const options = { cohort: 'week', interval: 'day', lastPeriod: 30, rolling: true, recurring: true, timeZone: 'Europe/Berlin' } as const;
    const ordered = cohortRetention({ userId, timestamp }, options);
    const order = Array.from(userId.keys()).sort(() => random() - 0.5);
    const shuffledColumns = { userId: Int32Array.from(order, (i) => userId[i] as number), timestamp: Float64Array.from(order, (i) => timestamp[i] as number) };
    expect(cohortRetention(shuffledColumns, options)).toEqual(ordered);
    expect(cohortRetention(shuffledColumns, { ...options, mode: 'unbounded' })).toEqual(cohortRetention({ userId, timestamp }, { ...options, mode: 'unbounded' }));
  });

  it('does not mutate its input', () => {
    const events = Object.freeze(weekEvents.map((e) => Object.freeze({ ...e })));
    const first = cohortRetention(events, weekly);
    expect(cohortRetention(events, weekly)).toEqual(first);
  });

  it('rejects bad input with the path and the value', () => {
    const base = { cohort: 'day', interval: 'day', lastPeriod: 1 } as const;
    let error = errorOf(() => cohortRetention([{ userId: 'a', timestamp: 'yesterday' }], base));
    expect(error).toMatchObject({ code: 'invalid-timestamp', path: 'events[0].timestamp' });
    expect(error.message).toBe('cohortRetention: events[0] (userId "a").timestamp is not a valid timestamp ("yesterday")');
    error = errorOf(() => cohortRetention([], { ...base, lastPeriod: -1 }));
    expect(error).toMatchObject({ code: 'invalid-number', path: 'options.lastPeriod' });
    error = errorOf(() => cohortRetention([], { interval: 'day', lastPeriod: 1 } as unknown as CohortRetentionOptions<Event>));
    expect(error).toMatchObject({ code: 'invalid-option', path: 'options.cohort' });
    error = errorOf(() => cohortRetention([], { ...base, mode: 'bracket', brackets: [[3, 2]] }));
    expect(error).toMatchObject({ code: 'invalid-number', path: 'options.brackets[0][1]' });
    expect(error.message).toBe('cohortRetention: options.brackets[0][1] must be an integer >= 3 (2)');
    error = errorOf(() => cohortRetention([], { ...base, brackets: [[1, 2]] }));
    expect(error).toMatchObject({ code: 'invalid-option', path: 'options.brackets' });
    error = errorOf(() => cohortRetention([], { ...base, start: 'signup' }));
    expect(error).toMatchObject({ code: 'invalid-option', path: 'options.signups' });
    error = errorOf(() => cohortRetention([], { ...base, signups: [], recurring: true }));
    expect(error).toMatchObject({ code: 'invalid-option', path: 'options.recurring' });
    const twice = [{ userId: 'a', signedUpAt: '2024-01-01' }, { userId: 'a', signedUpAt: '2024-01-02' }];
    error = errorOf(() => cohortRetention([], { ...base, signups: twice }));
    expect(error).toMatchObject({ code: 'duplicate-id', path: 'signups[1].userId' });
    error = errorOf(() => cohortRetention([{ userId: 'a', timestamp: 0, name: '' }], { ...base, start: 'x' }));
    expect(error).toMatchObject({ code: 'invalid-id', path: 'events[0].name' });
    error = errorOf(() => cohortRetention([], { ...base, timeZone: 'Mars/Base' }));
    expect(error).toMatchObject({ code: 'invalid-time-zone', path: 'options.timeZone' });
    // A signup's bad instant names the signup's user id.
    const badSignup = [{ userId: 'a', signedUpAt: '2024-01-01' }, { userId: 'u_7', signedUpAt: '2024-01-02T10:00' }];
    error = errorOf(() => cohortRetention([], { ...base, signups: badSignup }));
    expect(error).toMatchObject({ code: 'ambiguous-timestamp', path: 'signups[1].signedUpAt' });
    expect(error.message).toBe(
      'cohortRetention: signups[1] (userId "u_7").signedUpAt has no time-zone offset; add Z or an offset such as +02:00, or pass epoch milliseconds ("2024-01-02T10:00")',
    );
  });

  it('rejects unknown options, nested ones included, and null values', () => {
    const base = { cohort: 'day', interval: 'day', lastPeriod: 1 } as const;
    const unknown = (options: unknown) => errorOf(() => cohortRetention([], options as CohortRetentionOptions<Event>));
    let error = unknown({ ...base, timezone: 'Europe/Berlin' });
    expect([error.code, error.path, error.message]).toEqual([
      'unknown-option',
      'options.timezone',
      'cohortRetention: options.timezone is not an option; did you mean timeZone? ("Europe/Berlin")',
    ]);
    error = unknown({ ...base, period: 2 });
    expect([error.code, error.path]).toEqual(['unknown-option', 'options.period']);
    expect(error.message).toContain('did you mean lastPeriod?');
    // The 0.1 name of the option (renamed in 1.0: `periods` is always a list of rows).
    error = unknown({ cohort: 'day', interval: 'day', periods: 1 });
    expect([error.code, error.path, error.message]).toEqual([
      'unknown-option',
      'options.periods',
      'cohortRetention: options.periods is not an option; did you mean lastPeriod? (1)',
    ]);
    error = unknown({ ...base, signups: [], signupFields: { userId: (s: { uid: string }) => s.uid } });
    expect([error.code, error.path]).toEqual(['unknown-option', 'options.signupFields.userId']);
    // null is never "the default": leave the key out instead.
    for (const key of ['asOf', 'timeZone', 'mode', 'weekStartsOn', 'rolling', 'signups']) {
      error = unknown({ ...base, [key]: null });
      expect([error.code, error.path]).toEqual(['invalid-option', `options.${key}`]);
    }
    error = unknown({ ...base, signups: [], signupFields: { id: null } });
    expect([error.code, error.path]).toEqual(['invalid-option', 'options.signupFields.id']);
    // undefined is the default.
    // undefined is the default (a JavaScript caller may pass it; TypeScript's exact optional types refuse it).
    const withUndefined = { ...base, asOf: undefined, timeZone: undefined } as unknown as CohortRetentionOptions<Event>;
    expect(cohortRetention([], withUndefined)).toEqual(cohortRetention([], base));
  });

  it('counts a signup at the end of the date-only asOf day', () => {
    const signups = [
      { userId: 'a', signedUpAt: '2024-06-30T23:59:00Z' },
      { userId: 'b', signedUpAt: '2024-07-01T00:00:00Z' }, // after asOf
    ];
    const table = cohortRetention([], { cohort: 'day', interval: 'day', lastPeriod: 0, signups, asOf: '2024-06-30' });
    // a signed up on 06-30 without events: size 1, day 0 nobody active; b is left out.
    expect(table.cohorts).toEqual([{ cohort: '2024-06-30', complete: true, size: 1, counts: [0], rates: [0] }]);
  });
});

// ---------------------------------------------------------------------------------------
// A slow, obvious model: Intl local dates, a Set of retained memberships per cell.

const dayNumber = (key: string): number => Date.parse(`${key}T00:00:00Z`) / DAY;
const keyOf = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);
const localDay = (t: number, zone: string): number => dayNumber(wallDate(t, zone));
const weekStart = (day: number, wso: number): number => day - ((((day + 4 - wso) % 7) + 7) % 7);
const monthNumber = (day: number): number => {
  const d = new Date(day * DAY);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
};
const monthStart = (month: number): number => Date.UTC(Math.floor(month / 12), month % 12, 1) / DAY;

function startOfLocalDay(day: number, zone: string): number {
  let lo = day * DAY - 20 * H;
  let hi = day * DAY + 20 * H;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (localDay(mid, zone) >= day) hi = mid;
    else lo = mid;
  }
  return hi;
}

interface ModelOptions {
  cohort: 'day' | 'week' | 'month';
  interval: 'day' | 'week' | 'month';
  lastPeriod: number;
  mode: 'n-day' | 'unbounded' | 'bracket';
  brackets?: [number, number][];
  recurring: boolean;
  rolling: boolean;
  timeZone: string;
  weekStartsOn: 0 | 1 | 2 | 3 | 4 | 5 | 6;
  /** Epoch ms, or a date `YYYY-MM-DD`: the last millisecond of that local day. */
  asOf?: number | string | undefined;
}

function model(events: { userId: number; timestamp: number }[], o: ModelOptions): Pick<CohortRetentionResult, 'cohorts' | 'mean'> {
  const columnCount = o.mode === 'bracket' ? (o.brackets ?? []).length : o.lastPeriod + 1;
  if (events.length === 0 && o.asOf === undefined) {
    return { cohorts: [], mean: { counts: new Array<number>(columnCount).fill(0), sizes: new Array<number>(columnCount).fill(0), rates: new Array<null>(columnCount).fill(null) } };
  }
  const asOf = typeof o.asOf === 'string' ? startOfLocalDay(dayNumber(o.asOf) + 1, o.timeZone) - 1 : (o.asOf ?? Math.max(...events.map((e) => e.timestamp)));
  const byUser = new Map<number, number[]>();
  for (const e of events) {
    if (e.timestamp > asOf) continue;
    byUser.set(e.userId, [...(byUser.get(e.userId) ?? []), e.timestamp]);
  }
  const periodOf = (p: 'day' | 'week' | 'month', day: number): number => (p === 'day' ? day : p === 'week' ? weekStart(day, o.weekStartsOn) : monthNumber(day));
  const W = (o.interval === 'day' ? 1 : o.interval === 'week' ? 7 : 30) * DAY;
  const index = (t: number, s: number): number => {
    if (o.rolling) return Math.floor((t - s) / W);
    const d = localDay(t, o.timeZone);
    const sd = localDay(s, o.timeZone);
    if (o.interval === 'day') return d - sd;
    if (o.interval === 'week') return (weekStart(d, o.weekStartsOn) - weekStart(sd, o.weekStartsOn)) / 7;
    return monthNumber(d) - monthNumber(sd);
  };
  const columns = o.mode === 'bracket' ? (o.brackets as [number, number][]) : Array.from({ length: o.lastPeriod + 1 }, (_, k) => [k, k] as [number, number]);
  const cells = new Map<number, { size: number; sets: Set<string>[] }>();
  for (const [user, times] of byUser) {
    times.sort((a, b) => a - b);
    const starts: number[] = [];
    const seen = new Set<number>();
    for (const t of times) {
      const p = periodOf(o.cohort, localDay(t, o.timeZone));
      if (seen.has(p)) continue;
      seen.add(p);
      starts.push(t);
      if (!o.recurring) break;
    }
    for (const s of starts) {
      const p = periodOf(o.cohort, localDay(s, o.timeZone));
      const entry = cells.get(p) ?? { size: 0, sets: columns.map(() => new Set<string>()) };
      cells.set(p, entry);
      entry.size++;
      const ks = times.filter((t) => t >= s).map((t) => index(t, s));
      const maxK = Math.max(...ks);
      columns.forEach(([a, b], j) => {
        const hit = o.mode === 'unbounded' ? maxK >= a : ks.some((k) => k >= a && k <= b);
        if (hit) entry.sets[j]?.add(`${user}@${s}`);
      });
    }
  }
  // The last local day that has ended by asOf (asOf's own day when asOf is its last ms).
  const lastCompleteDay = localDay(asOf + 1, o.timeZone) - 1;
  const keys = [...cells.keys()].sort((a, b) => a - b);
  const cohorts: CohortRetentionResult['cohorts'] = [];
  const meanCounts = columns.map(() => 0);
  const meanSizes = columns.map(() => 0);
  if (keys.length > 0) {
    const first = keys[0] as number;
    const last = keys[keys.length - 1] as number;
    for (let p = first; p <= last; p += o.cohort === 'week' ? 7 : 1) {
      const entry = cells.get(p) ?? { size: 0, sets: columns.map(() => new Set<string>()) };
      const lastStart = o.cohort === 'day' ? p : o.cohort === 'week' ? p + 6 : monthStart(p + 1) - 1;
      const counts: (number | null)[] = [];
      const rates: (number | null)[] = [];
      columns.forEach(([, b], j) => {
        const end = o.interval === 'day' ? lastStart + b : o.interval === 'week' ? weekStart(lastStart, o.weekStartsOn) + 7 * b + 6 : monthStart(monthNumber(lastStart) + b + 1) - 1;
        // Rolling: the window of a start at the period's last ms ends (exclusive) (b + 1)·W later.
        const observed = o.rolling ? startOfLocalDay(lastStart + 1, o.timeZone) - 1 + (b + 1) * W - 1 <= asOf : end <= lastCompleteDay;
        if (!observed) {
          counts.push(null);
          rates.push(null);
          return;
        }
        const count = entry.sets[j]?.size ?? 0;
        counts.push(count);
        rates.push(entry.size === 0 ? null : count / entry.size);
        meanCounts[j] = (meanCounts[j] as number) + count;
        meanSizes[j] = (meanSizes[j] as number) + entry.size;
      });
      const complete = lastStart <= lastCompleteDay;
      cohorts.push({ cohort: o.cohort === 'month' ? keyOf(monthStart(p)).slice(0, 7) : keyOf(p), complete, size: entry.size, counts, rates });
    }
  }
  return { cohorts, mean: { counts: meanCounts, sizes: meanSizes, rates: meanCounts.map((c, j) => (meanSizes[j] === 0 ? null : c / (meanSizes[j] as number))) } };
}

const START = Date.UTC(2024, 2, 1);
const eventArb = fc.record({ userId: fc.integer({ min: 1, max: 6 }), timestamp: fc.integer({ min: START, max: START + 75 * DAY }) });
const optionsArb = fc.record({
  cohort: fc.constantFrom('day' as const, 'week' as const, 'month' as const),
  interval: fc.constantFrom('day' as const, 'week' as const, 'month' as const),
  lastPeriod: fc.integer({ min: 0, max: 8 }),
  mode: fc.constantFrom('n-day' as const, 'unbounded' as const, 'bracket' as const),
  brackets: fc.array(fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 4 })).map(([a, b]) => [a, a + b] as [number, number]), { minLength: 1, maxLength: 3 }),
  recurring: fc.boolean(),
  rolling: fc.boolean(),
  timeZone: fc.constantFrom(...TEST_ZONES),
  weekStartsOn: fc.constantFrom(0 as const, 1 as const, 3 as const),
  asOf: fc.option(
    fc.oneof(
      fc.integer({ min: START, max: START + 120 * DAY }),
      fc.integer({ min: 0, max: 120 }).map((d) => keyOf(START / DAY + d)),
    ),
    { nil: undefined },
  ),
});

function call(events: readonly { userId: number; timestamp: number }[], o: ModelOptions): CohortRetentionResult {
  const { brackets, asOf, ...rest } = o;
  return cohortRetention(events, {
    ...rest,
    ...(o.mode === 'bracket' ? { brackets, lastPeriod: Math.max(...(brackets ?? []).map((b) => b[1])) } : {}),
    ...(asOf === undefined ? {} : { asOf }),
  });
}

describe('cohortRetention properties', () => {
  it('agrees with a slow Set-based model in random zones', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 30 }), optionsArb, (events, options) => {
        const o: ModelOptions = options.mode === 'bracket' ? { ...options, lastPeriod: Math.max(...options.brackets.map((b) => b[1])) } : options;
        const result = call(events, o);
        expect({ cohorts: result.cohorts, mean: result.mean }).toEqual(model(events, o));
      }),
      { numRuns: 300 },
    );
  });

  it('counts never exceed sizes, unbounded never rises with k, n-day <= unbounded, shuffling changes nothing', () => {
    fc.assert(
      fc.property(fc.array(eventArb, { maxLength: 40 }), optionsArb, fc.array(fc.nat(), { maxLength: 40 }), (events, options, picks) => {
        const o: ModelOptions = { ...options, mode: 'n-day' };
        const nDay = call(events, o);
        const unbounded = call(events, { ...o, mode: 'unbounded' });
        nDay.cohorts.forEach((row, c) => {
          const other = unbounded.cohorts[c];
          row.counts.forEach((count, k) => {
            if (count !== null) expect(count).toBeLessThanOrEqual(row.size);
            const u = other?.counts[k];
            if (count !== null && u !== null && u !== undefined) expect(count).toBeLessThanOrEqual(u);
          });
          const observed = (other?.counts ?? []).filter((x): x is number => x !== null);
          for (let k = 1; k < observed.length; k++) expect(observed[k]).toBeLessThanOrEqual(observed[k - 1] as number);
        });
        expect(call(shuffled(events, picks), o)).toEqual(nDay);
      }),
      { numRuns: 200 },
    );
  });
});
