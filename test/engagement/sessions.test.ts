import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sessions } from '../../src/engagement/sessions.js';
import { errorOf } from '../support/errors.js';
import { wallDate as intlDay } from '../support/model.js';

const MIN = 60_000;
const at = (iso: string): number => Date.parse(iso);


type Row = { userId: string | number; timestamp: number };

/** Local day key the obvious way, one Intl call per instant. */

function compareIds(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The slow, obvious model: group by user, sort, cut where the gap exceeds the timeout. */
function slowSessions(rows: Row[], minutes: number, timeZone: string) {
  const byUser = new Map<string | number, number[]>();
  for (const r of rows) byUser.set(r.userId, [...(byUser.get(r.userId) ?? []), r.timestamp]);
  const out: { userId: string | number; day: string; start: number; end: number; events: number; durationMs: number }[] = [];
  for (const [userId, times] of byUser) {
    times.sort((a, b) => a - b);
    let current: { start: number; end: number; events: number } | null = null;
    const close = () => {
      if (current) out.push({ userId, day: intlDay(current.start, timeZone), ...current, durationMs: current.end - current.start });
    };
    for (const t of times) {
      if (current !== null && t - current.end <= minutes * MIN) {
        current.end = t;
        current.events++;
      } else {
        close();
        current = { start: t, end: t, events: 1 };
      }
    }
    close();
  }
  return out.sort((a, b) => a.start - b.start || compareIds(a.userId, b.userId));
}

const zones = ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/St_Johns', 'Asia/Kathmandu'];
const BASE = at('2024-11-02T00:00:00Z'); // spans the New York fall-back of 2024-11-03
// Minutes on a grid with an occasional ±1 ms, so gaps of exactly the timeout and just over it are common.
const rowArb = fc.record({
  userId: fc.constantFrom<string | number>('ana', 'ben', 'cy', 1, 2),
  timestamp: fc.tuple(fc.integer({ min: 0, max: 4 * 24 * 60 }), fc.constantFrom(0, 0, 0, 1, -1)).map(([m, ms]) => BASE + m * MIN + ms),
});
const rowsArb = fc.array(rowArb, { maxLength: 60 });
const minutesArb = fc.constantFrom(0, 5, 30, 30, 90);

describe('sessions: examples', () => {
  it('runs the doc example', () => {
    const events = [
      { userId: 'ana', timestamp: '2024-03-01T09:00:00Z' },
      { userId: 'ana', timestamp: '2024-03-01T09:30:00Z' },
      { userId: 'ana', timestamp: '2024-03-01T10:00:00.001Z' },
      { userId: 'ben', timestamp: '2024-03-01T09:10:00Z' },
    ];
    const result = sessions(events);
    expect(result.sessions.map((s) => [s.userId, s.events, s.durationMs])).toEqual([
      ['ana', 2, 1800000],
      ['ben', 1, 0],
      ['ana', 1, 0],
    ]);
    expect(result.summary.meanDurationMs).toBe(600000);
  });

  it('continues a session after a gap of exactly 30 minutes and breaks it after 30 min + 1 ms', () => {
    // 09:00 -> 09:30 is 1,800,000 ms = the timeout: not greater, so the same session.
    // 09:30 -> 10:00:00.001 is 1,800,001 ms > 1,800,000: a new session.
    const result = sessions([
      { userId: 'u', timestamp: at('2024-03-01T09:00:00Z') },
      { userId: 'u', timestamp: at('2024-03-01T09:30:00Z') },
      { userId: 'u', timestamp: at('2024-03-01T10:00:00.001Z') },
    ]);
    expect(result.inactivityMinutes).toBe(30);
    expect(result.timeZone).toBe('UTC');
    expect(result.sessions).toEqual([
      { userId: 'u', day: '2024-03-01', start: at('2024-03-01T09:00:00Z'), end: at('2024-03-01T09:30:00Z'), events: 2, durationMs: 1_800_000 },
      { userId: 'u', day: '2024-03-01', start: at('2024-03-01T10:00:00.001Z'), end: at('2024-03-01T10:00:00.001Z'), events: 1, durationMs: 0 },
    ]);
    // Durations 1,800,000 and 0: mean = median = 900,000; 3 events / 2 sessions = 1.5.
    expect(result.summary).toEqual({ sessionCount: 2, userCount: 1, meanDurationMs: 900_000, medianDurationMs: 900_000, meanEventsPerSession: 1.5 });
  });

  it('honours a custom timeout', () => {
    // Gaps of 10 and 11 minutes with a 10-minute timeout: 10 continues, 11 breaks.
    const t0 = at('2024-03-01T09:00:00Z');
    const result = sessions(
      [
        { userId: 'u', timestamp: t0 },
        { userId: 'u', timestamp: t0 + 10 * MIN },
        { userId: 'u', timestamp: t0 + 21 * MIN },
      ],
      { inactivityMinutes: 10 },
    );
    expect(result.sessions.map((s) => s.events)).toEqual([2, 1]);
  });

  it('does not cut a session at midnight: it belongs to the day of its first event', () => {
    // 23:50 -> 00:10 is a 20-minute gap: one session of 20 min, on 2024-03-01.
    const result = sessions([
      { userId: 'u', timestamp: '2024-03-01T23:50:00Z' },
      { userId: 'u', timestamp: '2024-03-02T00:10:00Z' },
    ]);
    expect(result.sessions).toHaveLength(1);
    expect(result.sessions[0]).toMatchObject({ day: '2024-03-01', events: 2, durationMs: 20 * MIN });
  });

  it('measures real elapsed time across the New York fall-back (2024-11-03, 25 hours)', () => {
    // 05:40Z is 01:40 EDT; 06:05Z is 01:05 EST. The wall clock went back 35 minutes, but
    // only 25 minutes passed: one session of 25 min, on 2024-11-03.
    // 2024-11-04T04:50Z is 23:50 EST, still 2024-11-03 (the day has 25 hours); in UTC it is 11-04.
    const events = [
      { userId: 'u', timestamp: '2024-11-03T05:40:00Z' },
      { userId: 'u', timestamp: '2024-11-03T06:05:00Z' },
      { userId: 'u', timestamp: '2024-11-04T04:50:00Z' },
    ];
    const ny = sessions(events, { timeZone: 'America/New_York' });
    expect(ny.timeZone).toBe('America/New_York');
    expect(ny.sessions.map((s) => [s.day, s.events, s.durationMs])).toEqual([
      ['2024-11-03', 2, 25 * MIN],
      ['2024-11-03', 1, 0],
    ]);
    expect(sessions(events).sessions.map((s) => s.day)).toEqual(['2024-11-03', '2024-11-04']);
  });

  it('gives an empty result for empty input', () => {
    expect(sessions([])).toEqual({
      timeZone: 'UTC',
      inactivityMinutes: 30,
      sessions: [],
      summary: { sessionCount: 0, userCount: 0, meanDurationMs: null, medianDurationMs: null, meanEventsPerSession: null },
    });
    expect(sessions({ userId: [], timestamp: [] }).summary.sessionCount).toBe(0);
  });

  it('makes one zero-length session of a single event', () => {
    const result = sessions([{ userId: 7, timestamp: 1_700_000_000_000 }]);
    expect(result.sessions).toEqual([{ userId: 7, day: '2023-11-14', start: 1_700_000_000_000, end: 1_700_000_000_000, events: 1, durationMs: 0 }]);
    expect(result.summary).toEqual({ sessionCount: 1, userCount: 1, meanDurationMs: 0, medianDurationMs: 0, meanEventsPerSession: 1 });
  });

  it('orders sessions by start, then by user id (numbers first, then strings by code units)', () => {
    const t = at('2024-03-01T09:00:00Z');
    const result = sessions([
      { userId: 'b', timestamp: t },
      { userId: 10, timestamp: t },
      { userId: 'a', timestamp: t },
      { userId: 2, timestamp: t },
      { userId: 'B', timestamp: t },
      { userId: 'a', timestamp: t - 1 },
    ]);
    // 'a' at t - 1 continues to t (gap 1 ms) and starts first; the rest start at t.
    expect(result.sessions.map((s) => s.userId)).toEqual(['a', 2, 10, 'B', 'b']);
  });

  it('takes the median of an odd count as the middle duration', () => {
    // Durations 0, 10 min, 20 min (three users): median 10 min, mean 10 min.
    const t = at('2024-03-01T09:00:00Z');
    const result = sessions([
      { userId: 'a', timestamp: t },
      { userId: 'b', timestamp: t },
      { userId: 'b', timestamp: t + 10 * MIN },
      { userId: 'c', timestamp: t },
      { userId: 'c', timestamp: t + 20 * MIN },
    ]);
    expect(result.summary.medianDurationMs).toBe(10 * MIN);
    expect(result.summary.meanDurationMs).toBe(10 * MIN);
  });

  it('reads columns and accessors', () => {
    const columns = {
      userId: Int32Array.from([1, 2, 1]),
      timestamp: Float64Array.from([at('2024-03-01T09:00:00Z'), at('2024-03-01T09:05:00Z'), at('2024-03-01T09:20:00Z')]),
    };
    expect(sessions(columns).sessions.map((s) => [s.userId, s.events])).toEqual([
      [1, 2],
      [2, 1],
    ]);
    const rows = [
      { uid: 'x', ts: new Date('2024-03-01T09:00:00Z') },
      { uid: 'x', ts: new Date('2024-03-01T11:00:00Z') },
    ];
    expect(sessions(rows, { userId: (r) => r.uid, timestamp: (r) => r.ts }).summary.sessionCount).toBe(2);
  });

  it('does not mutate its input', () => {
    const events = Object.freeze([
      Object.freeze({ userId: 'b', timestamp: at('2024-03-01T10:00:00Z') }),
      Object.freeze({ userId: 'a', timestamp: at('2024-03-01T09:00:00Z') }),
      Object.freeze({ userId: 'b', timestamp: at('2024-03-01T09:00:00Z') }),
    ]);
    const copy = JSON.stringify(events);
    const first = sessions(events);
    expect(JSON.stringify(events)).toBe(copy);
    expect(sessions(events)).toEqual(first);
    const columns = Object.freeze({ userId: Object.freeze(['b', 'a']), timestamp: Object.freeze([2, 1]) });
    expect(sessions(columns).summary.sessionCount).toBe(2);
  });
});

describe('sessions: bad input', () => {
  it('rejects a missing user id', () => {
    const e = errorOf(() => sessions([{ userId: 'a', timestamp: 0 }, { timestamp: 0 }] as { userId?: string; timestamp: number }[]));
    expect(e.code).toBe('invalid-id');
    expect(e.path).toBe('events[1].userId');
    expect(e.message).toBe('sessions: events[1].userId must be a non-empty string or a finite number (undefined)');
  });

  it('rejects bad and ambiguous timestamps', () => {
    const e = errorOf(() => sessions([{ userId: 'a', timestamp: 'yesterday' }]));
    expect(e.code).toBe('invalid-timestamp');
    // The record's user id is named beside its index; the path is unchanged.
    expect([e.path, e.message]).toEqual(['events[0].timestamp', 'sessions: events[0] (userId "a").timestamp is not a valid timestamp ("yesterday")']);
    expect(errorOf(() => sessions([{ userId: 'a', timestamp: '2024-03-01T09:00:00' }])).code).toBe('ambiguous-timestamp');
    const c = errorOf(() => sessions({ userId: ['a', 'b'], timestamp: [0, Number.NaN] }));
    expect(c.path).toBe('events.timestamp[1]');
  });

  it('rejects an unknown zone and a negative or non-numeric timeout', () => {
    const z = errorOf(() => sessions([], { timeZone: 'Mars/Olympus_Mons' }));
    expect(z.code).toBe('invalid-time-zone');
    expect(z.path).toBe('options.timeZone');
    const m = errorOf(() => sessions([], { inactivityMinutes: -5 }));
    expect(m.code).toBe('invalid-number');
    expect(m.path).toBe('options.inactivityMinutes');
    expect(m.message).toBe('sessions: options.inactivityMinutes must be a finite number >= 0 (-5)');
    expect(errorOf(() => sessions([], { inactivityMinutes: '30' as unknown as number })).code).toBe('invalid-number');
    expect(errorOf(() => sessions([], { inactivityMinutes: Number.POSITIVE_INFINITY })).code).toBe('invalid-number');
  });

  it('rejects unknown and null options', () => {
    // A misspelled timeout would silently cut sessions at 30 minutes.
    const typo = errorOf(() => sessions([], { inactivityMinute: 10 } as object));
    expect([typo.code, typo.path, typo.message]).toEqual([
      'unknown-option',
      'options.inactivityMinute',
      'sessions: options.inactivityMinute is not an option; did you mean inactivityMinutes? (10)',
    ]);
    expect(errorOf(() => sessions([], { timeZone: null } as object))).toMatchObject({ code: 'invalid-option', path: 'options.timeZone' });
    // sessions has no asOf (it reports every session of the input).
    expect(errorOf(() => sessions([], { asOf: '2024-01-01' } as object))).toMatchObject({ code: 'unknown-option', path: 'options.asOf' });
  });

  it('rejects input that is neither rows nor columns', () => {
    expect(errorOf(() => sessions(42 as unknown as []))).toMatchObject({ code: 'invalid-input', path: 'events' });
    expect(errorOf(() => sessions([null] as unknown as []))).toMatchObject({ code: 'invalid-record', path: 'events[0]' });
  });
});

describe('sessions: properties', () => {
  it('agrees with a slow obvious model in random zones (property)', () => {
    fc.assert(
      fc.property(rowsArb, minutesArb, fc.constantFrom(...zones), (rows, minutes, timeZone) => {
        const result = sessions(rows, { inactivityMinutes: minutes, timeZone });
        expect(result.sessions).toEqual(slowSessions(rows, minutes, timeZone));
      }),
      { numRuns: 300 },
    );
  });

  it('is unchanged by shuffling the events (property)', () => {
    fc.assert(
      fc.property(
        rowsArb.chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length }))),
        minutesArb,
        ([rows, shuffled], minutes) => {
          expect(sessions(shuffled, { inactivityMinutes: minutes })).toEqual(sessions(rows, { inactivityMinutes: minutes }));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('is unchanged by sorting the events by time, which takes the one-pass path (property)', () => {
    fc.assert(
      fc.property(rowsArb, minutesArb, (rows, minutes) => {
        const sorted = [...rows].sort((a, b) => a.timestamp - b.timestamp);
        expect(sessions(sorted, { inactivityMinutes: minutes })).toEqual(sessions(rows, { inactivityMinutes: minutes }));
      }),
      { numRuns: 200 },
    );
  });

  it('only adds to events counts when events are duplicated (property)', () => {
    fc.assert(
      fc.property(rowsArb, minutesArb, (rows, minutes) => {
        const once = sessions(rows, { inactivityMinutes: minutes }).sessions;
        const twice = sessions([...rows, ...rows], { inactivityMinutes: minutes }).sessions;
        expect(twice).toEqual(once.map((s) => ({ ...s, events: 2 * s.events })));
      }),
      { numRuns: 200 },
    );
  });

  it("keeps a user's sessions apart by more than the timeout and counts every event once (property)", () => {
    fc.assert(
      fc.property(rowsArb, minutesArb, (rows, minutes) => {
        const result = sessions(rows, { inactivityMinutes: minutes });
        const last = new Map<string | number, number>();
        let total = 0;
        for (const s of result.sessions) {
          expect(s.end).toBeGreaterThanOrEqual(s.start);
          expect(s.durationMs).toBe(s.end - s.start);
          const previousEnd = last.get(s.userId);
          if (previousEnd !== undefined) expect(s.start - previousEnd).toBeGreaterThan(minutes * MIN);
          last.set(s.userId, s.end);
          total += s.events;
        }
        expect(total).toBe(rows.length);
        expect(result.summary.sessionCount).toBe(result.sessions.length);
        expect(result.summary.userCount).toBe(new Set(rows.map((r) => r.userId)).size);
        expect(JSON.parse(JSON.stringify(result))).toEqual(result); // plain JSON: no NaN, no undefined
      }),
      { numRuns: 300 },
    );
  });

  it('adds up over a split of the users (property)', () => {
    fc.assert(
      fc.property(rowsArb, fc.func(fc.boolean()), (rows, side) => {
        const a = rows.filter((r) => side(r.userId));
        const b = rows.filter((r) => !side(r.userId));
        const whole = sessions(rows).summary;
        const [x, y] = [sessions(a).summary, sessions(b).summary];
        expect(x.sessionCount + y.sessionCount).toBe(whole.sessionCount);
        expect(x.userCount + y.userCount).toBe(whole.userCount);
        expect(Math.round((x.meanEventsPerSession ?? 0) * x.sessionCount + (y.meanEventsPerSession ?? 0) * y.sessionCount)).toBe(rows.length);
      }),
      { numRuns: 200 },
    );
  });

  it('reads columns exactly as rows (property)', () => {
    fc.assert(
      fc.property(rowsArb, (rows) => {
        const columns = { userId: rows.map((r) => r.userId), timestamp: Float64Array.from(rows.map((r) => r.timestamp)) };
        expect(sessions(columns)).toEqual(sessions(rows));
      }),
      { numRuns: 100 },
    );
  });
});
