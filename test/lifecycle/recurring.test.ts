import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Period, Weekday } from '../../src/core/types.js';
import { recurring } from '../../src/lifecycle/recurring.js';
import type { Journey } from '../../src/lifecycle/types.js';
import { errorOf } from '../support/errors.js';
import { TEST_ZONES, addDays, wallDate } from '../support/model.js';

const journeyOf = (times: readonly string[], name = 'report_run'): Journey => ({
  id: 'u',
  start: Date.parse(times[0] ?? '2024-01-01T00:00:00Z'),
  events: times.map((t) => ({ name, timestamp: Date.parse(t), record: {} })),
});

/** The period key of a wall date: the day, the first day of its week, or `YYYY-MM`. */
function periodKey(date: string, every: Period, weekStartsOn: Weekday): string {
  if (every === 'day') return date;
  if (every === 'month') return date.slice(0, 7);
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return addDays(date, -((weekday - weekStartsOn + 7) % 7));
}

/** The key of the period after `key`. */
function nextKey(key: string, every: Period): string {
  if (every === 'day') return addDays(key, 1);
  if (every === 'week') return addDays(key, 7);
  const [y, m] = key.split('-').map(Number) as [number, number];
  return m === 12 ? `${String(y + 1).padStart(4, '0')}-01` : `${String(y).padStart(4, '0')}-${String(m + 1).padStart(2, '0')}`;
}

describe('recurring', () => {
  // Weeks (Monday start): 05-06..12 {05-07}, 05-13..19 {05-13, 05-19}, 05-20..26 {}, 05-27..06-02 {05-28}.
  const journey = journeyOf(['2024-05-07T10:00:00Z', '2024-05-13T10:00:00Z', '2024-05-19T10:00:00Z', '2024-05-28T10:00:00Z']);

  it('counts distinct calendar weeks with the event', () => {
    const habit = recurring('report_run', { period: 'week', times: 3 });
    expect(habit(journey)).toBe(Date.parse('2024-05-28T10:00:00Z'));
    expect(recurring('report_run', { period: 'week', times: 2 })(journey)).toBe(Date.parse('2024-05-13T10:00:00Z'));
    expect(recurring('report_run', { period: 'week', times: 4 })(journey)).toBeNull();
    expect(recurring('report_run', { period: 'week', times: 1 })(journey)).toBe(Date.parse('2024-05-07T10:00:00Z'));
    expect(recurring('other', { period: 'week', times: 1 })(journey)).toBeNull();
  });

  it('needs a run without gaps with consecutive: true', () => {
    expect(recurring('report_run', { period: 'week', times: 2, consecutive: true })(journey)).toBe(Date.parse('2024-05-13T10:00:00Z'));
    // The gap week 05-20..26 breaks the run: the third week is not consecutive.
    expect(recurring('report_run', { period: 'week', times: 3, consecutive: true })(journey)).toBeNull();
    // After a gap a new run starts: weeks 05-27 and 06-03 make a second run of 2.
    const more = journeyOf(['2024-05-07T10:00:00Z', '2024-05-28T10:00:00Z', '2024-06-04T10:00:00Z']);
    expect(recurring('report_run', { period: 'week', times: 2, consecutive: true })(more)).toBe(Date.parse('2024-06-04T10:00:00Z'));
  });

  it('follows weekStartsOn and the time zone', () => {
    // With Sunday-start weeks, Sunday 05-19 begins the week 05-19..25: 05-13 and 05-19 are
    // in different weeks, so three distinct weeks by 05-19.
    expect(recurring('report_run', { period: 'week', times: 3, weekStartsOn: 0 })(journey)).toBe(Date.parse('2024-05-19T10:00:00Z'));
    // Months: 2024-05-31T23:30Z is June 1 in Berlin (UTC+2) but May 31 in UTC.
    const edge = journeyOf(['2024-05-10T12:00:00Z', '2024-05-31T23:30:00Z']);
    expect(recurring('report_run', { period: 'month', times: 2 })(edge)).toBeNull();
    expect(recurring('report_run', { period: 'month', times: 2, timeZone: 'Europe/Berlin' })(edge)).toBe(Date.parse('2024-05-31T23:30:00Z'));
    // Consecutive months across a year end: 2023-12 and 2024-01.
    const yearEnd = journeyOf(['2023-12-20T12:00:00Z', '2024-01-03T12:00:00Z']);
    expect(recurring('report_run', { period: 'month', times: 2, consecutive: true })(yearEnd)).toBe(Date.parse('2024-01-03T12:00:00Z'));
    // Days: 3 consecutive days.
    const days = journeyOf(['2024-05-01T12:00:00Z', '2024-05-02T12:00:00Z', '2024-05-04T12:00:00Z', '2024-05-05T12:00:00Z', '2024-05-06T01:00:00Z']);
    expect(recurring('report_run', { period: 'day', times: 3, consecutive: true })(days)).toBe(Date.parse('2024-05-06T01:00:00Z'));
    // In Los Angeles (UTC-7) 05-06T01:00Z is still 05-05: no third consecutive day.
    expect(recurring('report_run', { period: 'day', times: 3, consecutive: true, timeZone: 'America/Los_Angeles' })(days)).toBeNull();
  });

  it('takes a predicate on the event', () => {
    const rows = journeyOf(['2024-05-07T10:00:00Z', '2024-05-14T10:00:00Z']);
    expect(recurring((e) => e.name.startsWith('report'), { period: 'week', times: 2 })(rows)).toBe(Date.parse('2024-05-14T10:00:00Z'));
  });

  it('rejects bad arguments when built', () => {
    const cases: [() => unknown, string, string, string][] = [
      [() => recurring('', { period: 'week', times: 2 }), 'event', 'invalid-option', 'recurring: event must be a non-empty event name or a predicate (event) => boolean ("")'],
      [() => recurring('x', { times: 2 } as { period: 'week'; times: number }), 'options.period', 'invalid-option', "recurring: options.period must be one of 'day', 'week', 'month' (undefined)"],
      [() => recurring('x', { period: 'year' as 'week', times: 2 }), 'options.period', 'invalid-option', "recurring: options.period must be one of 'day', 'week', 'month' (\"year\")"],
      [() => recurring('x', { period: 'week', times: 0 }), 'options.times', 'invalid-number', 'recurring: options.times must be an integer >= 1 (0)'],
      [() => recurring('x', { period: 'week', times: 2, consecutive: 1 as unknown as boolean }), 'options.consecutive', 'invalid-boolean', 'recurring: options.consecutive must be true or false (1)'],
      [() => recurring('x', { period: 'week', times: 2, weekStartsOn: 7 as Weekday }), 'options.weekStartsOn', 'invalid-option', 'recurring: options.weekStartsOn must be an integer from 0 (Sunday) to 6 (Saturday) (7)'],
      [() => recurring('x', { period: 'week', times: 2, timeZone: 'Nowhere' }), 'options.timeZone', 'invalid-time-zone', 'recurring: options.timeZone is not a known IANA time zone ("Nowhere")'],
      [() => recurring('x', { every: 'week', times: 2 } as never), 'options.every', 'unknown-option', 'recurring: options.every is not an option; did you mean period? ("week")'],
    ];
    for (const [run, path, code, message] of cases) {
      const error = errorOf(run);
      expect([error.path, error.code, error.message]).toEqual([path, code, message]);
    }
  });

  const journeyArb = fc
    .array(fc.record({ name: fc.constantFrom('a', 'b'), t: fc.integer({ min: Date.UTC(2023, 10, 1), max: Date.UTC(2024, 3, 30) }) }), { maxLength: 40 })
    .map((events): Journey => ({ id: 'u', start: Date.UTC(2023, 10, 1), events: events.map((e) => ({ name: e.name, timestamp: e.t, record: {} })).sort((x, y) => x.timestamp - y.timestamp) }));

  it('agrees with a slow Intl model of calendar periods (property)', () => {
    fc.assert(
      fc.property(
        journeyArb,
        fc.constantFrom<Period>('day', 'week', 'month'),
        fc.integer({ min: 1, max: 4 }),
        fc.boolean(),
        fc.constantFrom(...TEST_ZONES),
        fc.integer({ min: 0, max: 6 }).map((d) => d as Weekday),
        (journey, every, times, consecutive, timeZone, weekStartsOn) => {
          const t = recurring('a', { period: every, times, consecutive, timeZone, weekStartsOn })(journey);
          let expected: number | null = null;
          let count = 0;
          let previous: string | null = null;
          for (const e of journey.events) {
            if (e.name !== 'a') continue;
            const key = periodKey(wallDate(e.timestamp, timeZone), every, weekStartsOn);
            if (key === previous) continue;
            count = consecutive && (previous === null || nextKey(previous, every) !== key) ? 1 : count + 1;
            previous = key;
            if (count === times) {
              expected = e.timestamp;
              break;
            }
          }
          expect(t).toBe(expected);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('stays reached at the same time when events are appended after it (property)', () => {
    fc.assert(
      fc.property(journeyArb, fc.integer({ min: 1, max: 3 }), fc.array(fc.integer({ min: 1, max: 40 * 86_400_000 }), { minLength: 1, maxLength: 5 }), (journey, times, gaps) => {
        const m = recurring('a', { period: 'week', times, consecutive: true });
        const t = m(journey);
        fc.pre(t !== null);
        let last = Math.max(t as number, ...journey.events.map((e) => e.timestamp));
        const extra = gaps.map((g) => ({ name: 'a', timestamp: (last += g), record: {} }));
        expect(m({ ...journey, events: [...journey.events, ...extra] })).toBe(t);
      }),
    );
  });
});
