import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sessionsPerUserDay } from '../../src/engagement/sessions-per-user-day.js';
import { wilsonInterval } from '../../src/stats/wilson-interval.js';
import { errorOf } from '../support/errors.js';
import { wallDate as intlDay } from '../support/model.js';

const MIN = 60_000;
const at = (iso: string): number => Date.parse(iso);


type Row = { userId: string | number; timestamp: number };


function nextKey(key: string): string {
  return new Date(Date.parse(`${key}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** The slow, obvious model: sessions by sorting per user, then counts per (user, day). */
function slowModel(rows: Row[], minutes: number, target: number, timeZone: string) {
  const byUser = new Map<string | number, number[]>();
  for (const r of rows) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r.timestamp]);
  const perUserDay = new Map<string, number>(); // JSON([userId, day]) -> sessions
  for (const [userId, times] of byUser) {
    times.sort((a, b) => a - b);
    let lastEnd = Number.NEGATIVE_INFINITY;
    for (const t of times) {
      if (t - lastEnd > minutes * MIN) {
        const key = JSON.stringify([userId, intlDay(t, timeZone)]);
        perUserDay.set(key, (perUserDay.get(key) ?? 0) + 1);
      }
      lastEnd = t;
    }
  }
  const byDay = new Map<string, number[]>();
  for (const [key, k] of perUserDay) {
    const day = (JSON.parse(key) as [unknown, string])[1];
    byDay.set(day, [...(byDay.get(day) ?? []), k]);
  }
  const keys = [...byDay.keys()].sort();
  const days = [];
  if (keys.length > 0) {
    // The range ends on the day of asOf, the latest event (a session may run past its start day).
    const last = intlDay(Math.max(...rows.map((r) => r.timestamp)), timeZone);
    for (let d = keys[0] as string; d <= last; d = nextKey(d)) {
      const counts = byDay.get(d) ?? [];
      const sessions = counts.reduce((a, b) => a + b, 0);
      days.push({ date: d, activeUsers: counts.length, sessionCount: sessions, usersMeetingTarget: counts.filter((k) => k >= target).length });
    }
  }
  const all = [...perUserDay.values()];
  const max = Math.max(0, ...all);
  const distribution = [];
  for (let k = 1; k <= max; k++) distribution.push({ sessionCount: k, userDays: all.filter((x) => x === k).length });
  return { days, userDays: all.length, met: all.filter((k) => k >= target).length, sessions: all.reduce((a, b) => a + b, 0), distribution };
}

const zones = ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns'];
const BASE = at('2024-11-02T00:00:00Z');
const rowArb = fc.record({
  userId: fc.constantFrom<string | number>('ana', 'ben', 'cy', 1, 2),
  timestamp: fc.tuple(fc.integer({ min: 0, max: 4 * 24 * 60 }), fc.constantFrom(0, 0, 0, 1, -1)).map(([m, ms]) => BASE + m * MIN + ms),
});
const rowsArb = fc.array(rowArb, { maxLength: 60 });

describe('sessionsPerUserDay: examples', () => {
  it('runs the doc example', () => {
    const events = [
      { userId: 'ana', timestamp: '2024-03-01T09:00:00Z' },
      { userId: 'ana', timestamp: '2024-03-01T14:00:00Z' },
      { userId: 'ben', timestamp: '2024-03-01T09:05:00Z' },
      { userId: 'ben', timestamp: '2024-03-02T09:05:00Z' },
    ];
    const result = sessionsPerUserDay(events, { target: 2 });
    expect(result.days.map((d) => [d.date, d.activeUsers, d.sessionCount, d.usersMeetingTarget])).toEqual([
      ['2024-03-01', 2, 3, 1],
      ['2024-03-02', 1, 1, 0],
    ]);
    expect(result.overall.distribution).toEqual([
      { sessionCount: 1, userDays: 2 },
      { sessionCount: 2, userDays: 1 },
    ]);
  });

  it('counts sessions per user-day by hand', () => {
    // ana: 09:00, 09:30 (gap 30 min: same), 10:00:00.001 (gap 30 min + 1 ms: new) -> 2 sessions on 03-01.
    // ben: 09:00 -> 1 session on 03-01. No sessions on 03-02. cy: 23:50 -> 00:10 is one session on 03-03.
    const result = sessionsPerUserDay([
      { userId: 'ana', timestamp: '2024-03-01T09:00:00Z' },
      { userId: 'ana', timestamp: '2024-03-01T09:30:00Z' },
      { userId: 'ana', timestamp: '2024-03-01T10:00:00.001Z' },
      { userId: 'ben', timestamp: '2024-03-01T09:00:00Z' },
      { userId: 'cy', timestamp: '2024-03-03T23:50:00Z' },
      { userId: 'cy', timestamp: '2024-03-04T00:10:00Z' },
    ]);
    // The default asOf is the latest event, cy's 03-04 00:10: the range runs to 03-04 (no session
    // starts that day: cy's began on 03-03), and 03-04 is in progress.
    expect(result).toMatchObject({
      timeZone: 'UTC',
      asOf: '2024-03-04T00:10:00.000Z',
      asOfDate: '2024-03-04',
      inactivityMinutes: 30,
      target: 2,
      confidence: 0.95,
      from: '2024-03-01',
      to: '2024-03-04',
    });
    const [d1, d2, d3, d4] = result.days;
    // 03-01: 2 active users, 3 sessions -> 1.5 per user; 1 of 2 meets the target.
    expect(d1).toMatchObject({ date: '2024-03-01', activeUsers: 2, sessionCount: 3, sessionsPerUser: 1.5, usersMeetingTarget: 1 });
    // Wilson 95% for 1 of 2 (R: prop.test(1, 2, correct = FALSE)$conf.int = 0.0945312, 0.9054688):
    // z² = 3.841459; center = 0.5 + z²/4 = 1.460365; spread = z √(0.125 + z²/16) = 1.184265;
    // (center ∓ spread) / (1 + z²/2 = 2.920729) = 0.094531, 0.905469.
    expect(d1?.shareMeetingTarget?.value).toBe(0.5);
    expect(d1?.shareMeetingTarget?.lower).toBeCloseTo(0.0945312, 6);
    expect(d1?.shareMeetingTarget?.upper).toBeCloseTo(0.9054688, 6);
    expect(d2).toEqual({ date: '2024-03-02', complete: true, activeUsers: 0, sessionCount: 0, sessionsPerUser: null, usersMeetingTarget: 0, shareMeetingTarget: null });
    expect(d3).toMatchObject({ date: '2024-03-03', complete: true, activeUsers: 1, sessionCount: 1, sessionsPerUser: 1, usersMeetingTarget: 0 });
    expect(d4).toEqual({ date: '2024-03-04', complete: false, activeUsers: 0, sessionCount: 0, sessionsPerUser: null, usersMeetingTarget: 0, shareMeetingTarget: null });
    // Overall: user-days (ana, 1), (ben, 1), (cy, 3) with 2, 1, 1 sessions: 4 / 3 per user-day; 1 of 3 meets.
    expect(result.overall).toMatchObject({ userDays: 3, userDaysMeetingTarget: 1, meanSessionsPerUserDay: 4 / 3 });
    expect(result.overall.share?.value).toBe(1 / 3);
    expect(result.overall.distribution).toEqual([
      { sessionCount: 1, userDays: 2 },
      { sessionCount: 2, userDays: 1 },
    ]);
  });

  it('uses the 25-hour New York day of 2024-11-03', () => {
    // 04:30Z = 00:30 EDT on 11-03; 2024-11-04T04:50Z = 23:50 EST, still 11-03: two sessions
    // on one local day (24h20m apart), so the user meets target 2. In UTC they fall on 11-03 and 11-04.
    const events = [
      { userId: 'u', timestamp: '2024-11-03T04:30:00Z' },
      { userId: 'u', timestamp: '2024-11-04T04:50:00Z' },
    ];
    const ny = sessionsPerUserDay(events, { timeZone: 'America/New_York' });
    expect(ny.days.map((d) => [d.date, d.sessionCount, d.usersMeetingTarget])).toEqual([['2024-11-03', 2, 1]]);
    const utc = sessionsPerUserDay(events);
    expect(utc.days.map((d) => [d.date, d.sessionCount, d.usersMeetingTarget])).toEqual([
      ['2024-11-03', 1, 0],
      ['2024-11-04', 1, 0],
    ]);
  });

  it('reports from..to inclusive, with empty days, and counts a session on the day it starts', () => {
    // The session starting 03-01 23:50 runs into 03-02 but counts on 03-01, outside the range.
    const result = sessionsPerUserDay(
      [
        { userId: 'u', timestamp: '2024-03-01T23:50:00Z' },
        { userId: 'u', timestamp: '2024-03-02T00:10:00Z' },
        { userId: 'u', timestamp: '2024-03-02T12:00:00Z' },
      ],
      // asOf: the data is complete through 03-04 (else the range would stop at the last event's day, 03-02).
      { from: '2024-03-02', to: at('2024-03-04T18:00:00Z'), target: 1, asOf: '2024-03-04' },
    );
    expect(result.from).toBe('2024-03-02');
    expect(result.to).toBe('2024-03-04');
    expect(result.days.map((d) => [d.date, d.sessionCount])).toEqual([
      ['2024-03-02', 1],
      ['2024-03-03', 0],
      ['2024-03-04', 0],
    ]);
    expect(result.overall.userDays).toBe(1);
    expect(result.overall.share?.value).toBe(1);
  });

  it('gives zero counts and nulls for empty input', () => {
    expect(sessionsPerUserDay([])).toEqual({
      timeZone: 'UTC',
      asOf: null,
      asOfDate: null,
      inactivityMinutes: 30,
      target: 2,
      confidence: 0.95,
      from: null,
      to: null,
      days: [],
      overall: { userDays: 0, userDaysMeetingTarget: 0, share: null, meanSessionsPerUserDay: null, distribution: [] },
    });
    const ranged = sessionsPerUserDay([], { from: '2024-03-01', to: '2024-03-02' });
    expect(ranged.days.map((d) => [d.date, d.activeUsers, d.sessionsPerUser, d.shareMeetingTarget])).toEqual([
      ['2024-03-01', 0, null, null],
      ['2024-03-02', 0, null, null],
    ]);
    expect(sessionsPerUserDay([], { from: '2024-03-01' }).days.map((d) => d.date)).toEqual(['2024-03-01']);
  });

  it('handles a single event', () => {
    const result = sessionsPerUserDay([{ userId: 1, timestamp: '2024-03-01T12:00:00+02:00' }], { target: 1, confidence: 0.9 });
    expect(result.days).toHaveLength(1);
    expect(result.days[0]).toMatchObject({ date: '2024-03-01', activeUsers: 1, sessionCount: 1, sessionsPerUser: 1, usersMeetingTarget: 1 });
    expect(result.days[0]?.shareMeetingTarget).toEqual(wilsonInterval(1, 1, { confidence: 0.9 }));
    expect(result.overall.distribution).toEqual([{ sessionCount: 1, userDays: 1 }]);
  });

  it('does not mutate its input', () => {
    const events = Object.freeze([
      Object.freeze({ userId: 'b', timestamp: '2024-03-01T12:00:00Z' }),
      Object.freeze({ userId: 'a', timestamp: '2024-03-01T09:00:00Z' }),
    ]);
    const first = sessionsPerUserDay(events);
    expect(sessionsPerUserDay(events)).toEqual(first);
    expect(events[0]?.userId).toBe('b');
  });
});

describe('sessionsPerUserDay: asOf', () => {
  it("counts a session starting 23:30 on a date-only asOf's day in Europe/Berlin, and flags the last day", () => {
    // 2024-06-30T21:30Z is 23:30 CEST on 06-30. asOf '2024-06-30' ends that Berlin day
    // (21:59:59.999Z): the session counts on 06-30, which is complete. The event on 07-01 is left out.
    const events = [
      { userId: 'a', timestamp: '2024-06-30T08:00:00Z' },
      { userId: 'a', timestamp: '2024-06-30T21:30:00Z' },
      { userId: 'b', timestamp: '2024-07-01T08:00:00Z' },
    ];
    const result = sessionsPerUserDay(events, { timeZone: 'Europe/Berlin', asOf: '2024-06-30' });
    expect([result.asOf, result.asOfDate, result.from, result.to]).toEqual(['2024-06-30T21:59:59.999Z', '2024-06-30', '2024-06-30', '2024-06-30']);
    // a: 10:00 and 23:30 local, 13.5 hours apart: two sessions, meeting the target of 2.
    expect(result.days).toEqual([
      { date: '2024-06-30', complete: true, activeUsers: 1, sessionCount: 2, sessionsPerUser: 2, usersMeetingTarget: 1, shareMeetingTarget: wilsonInterval(1, 1) },
    ]);
    // At the late event's instant: counted, the day not over; 1 ms before: one session only.
    const atEvent = sessionsPerUserDay(events, { timeZone: 'Europe/Berlin', asOf: '2024-06-30T21:30:00Z' });
    expect(atEvent.days.map((d) => [d.date, d.complete, d.sessionCount])).toEqual([['2024-06-30', false, 2]]);
    const before = sessionsPerUserDay(events, { timeZone: 'Europe/Berlin', asOf: '2024-06-30T21:29:59.999Z' });
    expect(before.days.map((d) => [d.date, d.complete, d.sessionCount])).toEqual([['2024-06-30', false, 1]]);
    // The default asOf, b's event (07-01 10:00 local): 06-30 complete, 07-01 in progress.
    expect(sessionsPerUserDay(events, { timeZone: 'Europe/Berlin' }).days.map((d) => [d.date, d.complete, d.sessionCount])).toEqual([
      ['2024-06-30', true, 2],
      ['2024-07-01', false, 1],
    ]);
  });
});

describe('sessionsPerUserDay: bad input', () => {
  it('rejects bad options and records', () => {
    expect(errorOf(() => sessionsPerUserDay([], { target: 0 }))).toMatchObject({ code: 'invalid-number', path: 'options.target' });
    expect(errorOf(() => sessionsPerUserDay([], { target: 1.5 })).message).toBe('sessionsPerUserDay: options.target must be an integer >= 1 (1.5)');
    expect(errorOf(() => sessionsPerUserDay([], { inactivityMinutes: -1 }))).toMatchObject({ code: 'invalid-number', path: 'options.inactivityMinutes' });
    expect(errorOf(() => sessionsPerUserDay([], { timeZone: 'Nowhere/City' }))).toMatchObject({ code: 'invalid-time-zone', path: 'options.timeZone' });
    expect(errorOf(() => sessionsPerUserDay([], { confidence: 95 }))).toMatchObject({ code: 'invalid-option', path: 'options.confidence' });
    expect(errorOf(() => sessionsPerUserDay([], { from: 'soon' }))).toMatchObject({ code: 'invalid-timestamp', path: 'options.from' });
    const order = errorOf(() => sessionsPerUserDay([], { from: '2024-03-02', to: '2024-03-01' }));
    expect(order.message).toBe('sessionsPerUserDay: options.to must not be before options.from ("2024-03-01")');
    expect(errorOf(() => sessionsPerUserDay([{ user: 'a', timestamp: 0 }] as never))).toMatchObject({ code: 'invalid-id', path: 'events[0].userId' });
    expect(errorOf(() => sessionsPerUserDay([{ userId: 'a', timestamp: 'noon' }]))).toMatchObject({ code: 'invalid-timestamp', path: 'events[0].timestamp' });
    expect(errorOf(() => sessionsPerUserDay([], { targt: 3 } as object)).message).toBe('sessionsPerUserDay: options.targt is not an option; did you mean target? (3)');
    expect(errorOf(() => sessionsPerUserDay([], { inactivityMinutes: null } as object))).toMatchObject({ code: 'invalid-option', path: 'options.inactivityMinutes' });
    expect(errorOf(() => sessionsPerUserDay([], { asOf: 'noon' }))).toMatchObject({ code: 'invalid-timestamp', path: 'options.asOf' });
  });
});

describe('sessionsPerUserDay: properties', () => {
  it('agrees with a slow obvious model in random zones (property)', () => {
    fc.assert(
      fc.property(rowsArb, fc.constantFrom(0, 5, 30, 30, 120), fc.integer({ min: 1, max: 4 }), fc.constantFrom(...zones), (rows, minutes, target, timeZone) => {
        const result = sessionsPerUserDay(rows, { inactivityMinutes: minutes, target, timeZone });
        const model = slowModel(rows, minutes, target, timeZone);
        expect(result.days.map((d) => ({ date: d.date, activeUsers: d.activeUsers, sessionCount: d.sessionCount, usersMeetingTarget: d.usersMeetingTarget }))).toEqual(
          model.days,
        );
        for (const d of result.days) {
          expect(d.sessionsPerUser).toBe(d.activeUsers === 0 ? null : d.sessionCount / d.activeUsers);
          expect(d.shareMeetingTarget).toEqual(wilsonInterval(d.usersMeetingTarget, d.activeUsers));
        }
        expect(result.overall.userDays).toBe(model.userDays);
        expect(result.overall.userDaysMeetingTarget).toBe(model.met);
        expect(result.overall.meanSessionsPerUserDay).toBe(model.userDays === 0 ? null : model.sessions / model.userDays);
        expect(result.overall.distribution).toEqual(model.distribution);
      }),
      { numRuns: 300 },
    );
  });

  it('is unchanged by shuffling or duplicating events (property)', () => {
    fc.assert(
      fc.property(
        rowsArb.chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }))),
        ([rows, shuffled]) => {
          const result = sessionsPerUserDay(rows);
          expect(sessionsPerUserDay(shuffled)).toEqual(result);
          expect(sessionsPerUserDay([...rows, ...shuffled])).toEqual(result);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps counts consistent and shares in [0, 1] (property)', () => {
    fc.assert(
      fc.property(rowsArb, fc.integer({ min: 1, max: 3 }), (rows, target) => {
        const result = sessionsPerUserDay(rows, { target });
        let userDays = 0;
        for (const d of result.days) {
          expect(d.usersMeetingTarget).toBeLessThanOrEqual(d.activeUsers);
          expect(d.sessionCount).toBeGreaterThanOrEqual(d.activeUsers);
          if (d.shareMeetingTarget !== null) {
            expect(d.shareMeetingTarget.lower).toBeGreaterThanOrEqual(0);
            expect(d.shareMeetingTarget.upper).toBeLessThanOrEqual(1);
          }
          userDays += d.activeUsers;
        }
        expect(result.overall.userDays).toBe(userDays);
        expect(result.overall.distribution.reduce((a, b) => a + b.userDays, 0)).toBe(userDays);
        expect(JSON.parse(JSON.stringify(result))).toEqual(result);
      }),
      { numRuns: 200 },
    );
  });

  it('adds up over a split of the users (property)', () => {
    fc.assert(
      fc.property(rowsArb, fc.func(fc.boolean()), (rows, side) => {
        const range = { from: BASE, to: BASE + 5 * 86_400_000 };
        const whole = sessionsPerUserDay(rows, range);
        const a = sessionsPerUserDay(rows.filter((r) => side(r.userId)), range);
        const b = sessionsPerUserDay(rows.filter((r) => !side(r.userId)), range);
        whole.days.forEach((d, i) => {
          expect(d.activeUsers).toBe((a.days[i]?.activeUsers ?? 0) + (b.days[i]?.activeUsers ?? 0));
          expect(d.sessionCount).toBe((a.days[i]?.sessionCount ?? 0) + (b.days[i]?.sessionCount ?? 0));
          expect(d.usersMeetingTarget).toBe((a.days[i]?.usersMeetingTarget ?? 0) + (b.days[i]?.usersMeetingTarget ?? 0));
        });
        expect(whole.overall.userDaysMeetingTarget).toBe(a.overall.userDaysMeetingTarget + b.overall.userDaysMeetingTarget);
      }),
      { numRuns: 200 },
    );
  });
});
