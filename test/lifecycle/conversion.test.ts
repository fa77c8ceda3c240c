import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conversion, type ConversionResult } from '../../src/lifecycle/conversion.js';
import type { Journey, Milestone } from '../../src/lifecycle/types.js';
import { errorOf } from '../support/errors.js';
import { shuffled } from '../support/model.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const at = (iso: string): number => Date.parse(iso);

/** A journey from its start and events [name, epoch ms]. */
function journey(id: string | number, start: number, events: [string, number][] = []): Journey {
  return { id, start, events: events.map(([name, timestamp]) => ({ name, timestamp, record: {} })).sort((a, b) => a.timestamp - b.timestamp) };
}

const hasEvent =
  (name: string): Milestone =>
  (j) =>
    j.events.find((e) => e.name === name)?.timestamp ?? null;
const paid = hasEvent('paid');
const T0 = at('2024-01-01T00:00:00Z');

function checkInvariants(result: ConversionResult): void {
  expect(result.notReachedEntry + result.pending + result.eligible).toBe(result.journeys);
  expect(result.converted).toBeLessThanOrEqual(result.eligible);
  expect(result.pendingConverted).toBeLessThanOrEqual(result.pending);
  if (result.eligible === 0) expect(result.rate).toBe(null);
  else {
    const r = result.rate as { value: number; lower: number; upper: number };
    expect(r.value).toBe(result.converted / result.eligible);
    expect(0 <= r.lower && r.lower <= r.value && r.value <= r.upper && r.upper <= 1).toBe(true);
  }
  if (result.converted === 0) expect(result.medianDaysToConvert).toBe(null);
  else expect(result.medianDaysToConvert).toBeGreaterThanOrEqual(0);
}

describe('conversion', () => {
  it('runs the doc example', () => {
    const onboarded = (id: string, start: string, done?: string): Journey =>
      journey(id, at(start), done === undefined ? [] : [['onboarding_completed', at(done)]]);
    const journeys = [
      onboarded('a', '2024-03-01T00:00Z', '2024-03-01T20:00Z'),
      onboarded('b', '2024-03-01T00:00Z', '2024-03-02T06:00Z'),
      onboarded('c', '2024-03-02T00:00Z', '2024-03-03T00:00Z'),
      onboarded('d', '2024-03-05T12:00Z'),
      onboarded('e', '2024-03-05T00:00Z', '2024-03-05T02:00Z'),
    ];
    const result = conversion(journeys, { goal: hasEvent('onboarding_completed'), withinDays: 1 });
    expect(result.asOf).toBe('2024-03-05T12:00:00.000Z');
    expect([result.eligible, result.converted, result.pending, result.pendingConverted]).toEqual([3, 2, 2, 1]);
    // R: prop.test(2, 3, correct = FALSE)$conf.int -> 0.2076596008 0.9385080553
    expect(result.rate?.value).toBeCloseTo(2 / 3, 14);
    expect(result.rate?.lower).toBeCloseTo(0.2076596008, 9);
    expect(result.rate?.upper).toBeCloseTo(0.9385080553, 9);
    // Converters a (20 h = 0.8333 d) and c (24 h = 1 d): median (20/24 + 1)/2 = 0.91666...
    expect(result.medianDaysToConvert).toBeCloseTo((20 / 24 + 1) / 2, 14);
  });

  it('counts a conversion at exactly withinDays and not a millisecond later', () => {
    // Free to paid within 14 days (14 × 24 h = 1 209 600 000 ms); asOf far later, all windows closed.
    const journeys = [
      journey('on-time', T0, [['paid', T0 + 14 * DAY]]),
      journey('late', T0, [['paid', T0 + 14 * DAY + 1]]),
      journey('never', T0),
    ];
    const result = conversion(journeys, { goal: paid, withinDays: 14, asOf: '2024-06-01' });
    expect(result).toEqual({
      // 1.0: a date-only asOf is the end of that day.
      asOf: '2024-06-01T23:59:59.999Z',
      asOfDate: '2024-06-01',
      timeZone: 'UTC',
      withinDays: 14,
      confidence: 0.95,
      journeys: 3,
      notReachedEntry: 0,
      pending: 0,
      pendingConverted: 0,
      eligible: 3,
      converted: 1,
      // R: prop.test(1, 3, correct = FALSE)$conf.int -> 0.0614919447 0.7923403992 (checked below)
      rate: expect.objectContaining({ value: 1 / 3 }),
      medianDaysToConvert: 14,
    });
    expect(result.rate?.lower).toBeCloseTo(0.0614919447, 9);
    expect(result.rate?.upper).toBeCloseTo(0.7923403992, 9);
  });

  it('keeps a journey pending until its window closes, converted or not', () => {
    const journeys = [journey('waiting', T0), journey('early', T0, [['paid', T0 + 2 * DAY]])];
    // asOf one millisecond before the window closes (T0 + 14 d): both pending, 'early' already converted.
    const open = conversion(journeys, { goal: paid, withinDays: 14, asOf: T0 + 14 * DAY - 1 });
    expect([open.pending, open.pendingConverted, open.eligible, open.converted, open.rate, open.medianDaysToConvert]).toEqual([2, 1, 0, 0, null, null]);
    // At the closing instant: both eligible, one converted after 2 days.
    const closed = conversion(journeys, { goal: paid, withinDays: 14, asOf: T0 + 14 * DAY });
    expect([closed.pending, closed.pendingConverted, closed.eligible, closed.converted, closed.medianDaysToConvert]).toEqual([0, 0, 2, 1, 2]);
    expect(closed.rate?.value).toBe(0.5);
    // A conversion after asOf does not count yet: pending, not converted.
    const before = conversion([journey('x', T0, [['paid', T0 + 3 * DAY]])], { goal: paid, withinDays: 14, asOf: T0 + 2 * DAY });
    expect([before.pending, before.pendingConverted]).toEqual([1, 0]);
  });

  it('opens the window at `entry`, and counts a `goal` reached before `entry` as converted at 0 days', () => {
    const trial = hasEvent('trial_started');
    const journeys = [
      // Trial on day 3, paid on day 5: 2 days.
      journey('a', T0, [['trial_started', T0 + 3 * DAY], ['paid', T0 + 5 * DAY]]),
      // Paid on day 1, before the trial on day 3: converted at the trial, 0 days.
      journey('b', T0, [['paid', T0 + DAY], ['trial_started', T0 + 3 * DAY]]),
      // Trial on day 3, paid on day 20: 17 days > 14, not converted.
      journey('c', T0, [['trial_started', T0 + 3 * DAY], ['paid', T0 + 20 * DAY]]),
      // No trial: not reached from, whatever it paid.
      journey('d', T0, [['paid', T0 + DAY]]),
      // Trial after asOf: not reached from either.
      journey('e', T0, [['trial_started', T0 + 100 * DAY]]),
    ];
    const result = conversion(journeys, { entry: trial, goal: paid, withinDays: 14, asOf: T0 + 60 * DAY });
    expect([result.journeys, result.notReachedEntry, result.pending, result.eligible, result.converted]).toEqual([5, 2, 0, 3, 2]);
    // Days to convert {2, 0}: median 1.
    expect(result.medianDaysToConvert).toBe(1);
    checkInvariants(result);
  });

  it('measures 24 hours with withinDays: 1 and fractions of days', () => {
    const journeys = [
      journey('a', T0, [['onboarded', T0 + 23 * HOUR]]),
      journey('b', T0, [['onboarded', T0 + 24 * HOUR]]),
      journey('c', T0, [['onboarded', T0 + 25 * HOUR]]),
    ];
    const onboarded = hasEvent('onboarded');
    expect(conversion(journeys, { goal: onboarded, withinDays: 1, asOf: T0 + 10 * DAY }).converted).toBe(2);
    // 12 hours: none of them.
    expect(conversion(journeys, { goal: onboarded, withinDays: 0.5, asOf: T0 + 10 * DAY }).converted).toBe(0);
    // 25 hours = 25/24 days: all three, the last at exactly the end.
    expect(conversion(journeys, { goal: onboarded, withinDays: 25 / 24, asOf: T0 + 10 * DAY }).converted).toBe(3);
  });

  it('defaults asOf to the latest start or event, and parses a date-only asOf in timeZone', () => {
    const journeys = [journey('a', T0, [['paid', T0 + 3 * DAY]]), journey('b', T0 + 20 * DAY, [['login', T0 + 21 * DAY]])];
    const result = conversion(journeys, { goal: paid, withinDays: 14 });
    // The latest instant: b's login, T0 + 21 d. a's window closed (T0 + 14 d), b's is open.
    expect(result.asOf).toBe(new Date(T0 + 21 * DAY).toISOString());
    expect([result.eligible, result.converted, result.pending]).toEqual([1, 1, 1]);
    // 1.0: 2024-01-15 in Tokyo (UTC+9) ends at 2024-01-15T14:59:59.999Z (0.1 read it as the
    // day's start, 01-14T15:00Z): a's window (closing 01-15 00:00Z) has closed, so a is
    // eligible and converted; b starts on 01-21, after asOf.
    const tokyo = conversion(journeys, { goal: paid, withinDays: 14, asOf: '2024-01-15', timeZone: 'Asia/Tokyo' });
    expect([tokyo.asOf, tokyo.asOfDate]).toEqual(['2024-01-15T14:59:59.999Z', '2024-01-15']);
    expect(tokyo.timeZone).toBe('Asia/Tokyo');
    expect([tokyo.eligible, tokyo.converted, tokyo.pending, tokyo.notReachedEntry]).toEqual([1, 1, 0, 1]);
    // An instant one millisecond before a's window closes keeps a pending, as 0.1's reading did.
    const before = conversion(journeys, { goal: paid, withinDays: 14, asOf: T0 + 14 * DAY - 1, timeZone: 'Asia/Tokyo' });
    expect([before.asOfDate, before.eligible, before.pending, before.notReachedEntry]).toEqual(['2024-01-15', 0, 1, 1]);
  });

  it('uses the confidence asked for', () => {
    const journeys = Array.from({ length: 20 }, (_, i) => journey(i, T0, i < 7 ? [['paid', T0 + DAY]] : []));
    const result = conversion(journeys, { goal: paid, withinDays: 14, asOf: T0 + 30 * DAY, confidence: 0.9 });
    // R: prop.test(7, 20, conf.level = 0.9, correct = FALSE)$conf.int -> 0.20226004005676107 0.53348731115152825
    expect(result.confidence).toBe(0.9);
    expect(result.rate?.lower).toBeCloseTo(0.20226004005676107, 14);
    expect(result.rate?.upper).toBeCloseTo(0.53348731115152825, 14);
  });

  it('gives zeros and nulls for no journeys', () => {
    expect(conversion([], { goal: paid, withinDays: 14 })).toEqual({
      asOf: null,
      asOfDate: null,
      timeZone: 'UTC',
      withinDays: 14,
      confidence: 0.95,
      journeys: 0,
      notReachedEntry: 0,
      pending: 0,
      pendingConverted: 0,
      eligible: 0,
      converted: 0,
      rate: null,
      medianDaysToConvert: null,
    });
  });

  it('reads a generator once and does not mutate its input', () => {
    const journeys = Object.freeze([
      Object.freeze(journey('a', T0, [['paid', T0 + 3 * DAY]])),
      Object.freeze(journey('b', T0 + DAY)),
    ]);
    function* generate(): Generator<Journey> {
      yield* journeys;
    }
    const expected = conversion(journeys, { goal: paid, withinDays: 14 });
    expect(conversion(generate(), { goal: paid, withinDays: 14 })).toEqual(expected);
    expect(conversion(journeys, Object.freeze({ goal: paid, withinDays: 14 }))).toEqual(expected);
  });

  it('rejects bad options and milestones', () => {
    const journeys = [journey('a', T0)];
    let error = errorOf(() => conversion(journeys, { withinDays: 14 } as never));
    expect([error.code, error.path, error.message]).toEqual([
      'invalid-option',
      'options.goal',
      'conversion: options.goal must be a milestone, a function (journey) => number | null (undefined)',
    ]);
    error = errorOf(() => conversion(journeys, undefined as never));
    expect([error.code, error.path]).toEqual(['invalid-option', 'options.goal']);
    error = errorOf(() => conversion(journeys, { goal: paid, entry: 'trial' as never, withinDays: 14 }));
    expect([error.code, error.path]).toEqual(['invalid-option', 'options.entry']);
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY, '14']) {
      error = errorOf(() => conversion(journeys, { goal: paid, withinDays: bad as never }));
      expect([error.code, error.path]).toEqual(['invalid-number', 'options.withinDays']);
    }
    expect(errorOf(() => conversion(journeys, { goal: paid, withinDays: 0 })).message).toBe(
      'conversion: options.withinDays must be a finite number of days > 0 (0)',
    );
    error = errorOf(() => conversion(journeys, { goal: paid, withinDays: 1, asOf: '2024-01-01T00:00' }));
    expect([error.code, error.path]).toEqual(['ambiguous-timestamp', 'options.asOf']);
    error = errorOf(() => conversion(journeys, { goal: paid, withinDays: 1, confidence: 0 }));
    expect([error.code, error.path]).toEqual(['invalid-option', 'options.confidence']);
    error = errorOf(() => conversion([journey('a', T0), journey('b', T0)], { goal: (j) => (j.id === 'b' ? ('soon' as never) : null), withinDays: 1 }));
    expect([error.code, error.path, error.message]).toEqual([
      'invalid-milestone',
      'options.goal',
      'conversion: options.goal returned a value that is not epoch milliseconds or null for journeys[1] (id "b") ("soon")',
    ]);
    error = errorOf(() => conversion(journeys, { entry: () => Number.NaN, goal: paid, withinDays: 1 }));
    expect([error.code, error.path]).toEqual(['invalid-milestone', 'options.entry']);
    error = errorOf(() => conversion([{ id: null, start: T0, events: [] } as never], { goal: paid, withinDays: 1 }));
    expect([error.code, error.path]).toEqual(['invalid-id', 'journeys[0].id']);
  });

  it('names entry and goal when given the 0.1 names from and to (dates everywhere else)', () => {
    const journeys = [journey('a', T0)];
    let error = errorOf(() => conversion(journeys, { to: paid, withinDays: 14 } as never));
    expect([error.code, error.path]).toEqual(['unknown-option', 'options.to']);
    expect(error.message.startsWith('conversion: options.to is not an option; did you mean goal?')).toBe(true);
    error = errorOf(() => conversion(journeys, { from: paid, goal: paid, withinDays: 14 } as never));
    expect([error.code, error.path]).toEqual(['unknown-option', 'options.from']);
    expect(error.message.startsWith('conversion: options.from is not an option; did you mean entry?')).toBe(true);
  });

  describe('properties', () => {
    const arbJourneys = fc.array(
      fc.record({
        start: fc.integer({ min: 0, max: 30 * DAY }),
        entry: fc.option(fc.integer({ min: -2 * DAY, max: 10 * DAY }), { nil: null }),
        goal: fc.option(fc.integer({ min: -2 * DAY, max: 40 * DAY }), { nil: null }),
      }),
      { maxLength: 40 },
    );
    type Gen = { start: number; entry: number | null; goal: number | null };
    const build = (gs: Gen[]): Journey[] =>
      gs.map((g, i) =>
        journey(i, T0 + g.start, [
          ...(g.entry === null ? [] : ([['entry', T0 + g.start + g.entry]] as [string, number][])),
          ...(g.goal === null ? [] : ([['goal', T0 + g.start + g.goal]] as [string, number][])),
        ]),
      );
    const options = fc.record({
      withinDays: fc.integer({ min: 1, max: 20 * 24 }).map((h) => h / 24),
      asOf: fc.option(fc.integer({ min: 0, max: 60 * DAY }).map((d) => T0 + d), { nil: undefined }),
      useEntry: fc.boolean(),
    });
    const optionsOf = (o: { withinDays: number; asOf: number | undefined; useEntry: boolean }) => ({
      goal: hasEvent('goal'),
      withinDays: o.withinDays,
      ...(o.useEntry ? { entry: hasEvent('entry') } : {}),
      ...(o.asOf === undefined ? {} : { asOf: o.asOf }),
    });

    it('adds up and keeps the rate and its interval in [0, 1]', () => {
      fc.assert(
        fc.property(arbJourneys, options, (gs, o) => {
          const result = conversion(build(gs), optionsOf(o));
          expect(result.journeys).toBe(gs.length);
          checkInvariants(result);
        }),
      );
    });

    it('does not depend on the order of the journeys', () => {
      fc.assert(
        fc.property(arbJourneys, options, fc.array(fc.nat(), { minLength: 1 }), (gs, o, picks) => {
          const list = build(gs);
          expect(conversion(shuffled(list, picks), optionsOf(o))).toEqual(conversion(list, optionsOf(o)));
        }),
      );
    });

    it('agrees with a slow model', () => {
      fc.assert(
        fc.property(arbJourneys, options, (gs, o) => {
          const list = build(gs);
          const result = conversion(list, optionsOf(o));
          if (list.length === 0) return;
          const asOf = o.asOf ?? Math.max(...list.flatMap((j) => [j.start, ...j.events.map((e) => e.timestamp)]));
          let eligible = 0;
          let converted = 0;
          let pending = 0;
          let pendingConverted = 0;
          let notReachedEntry = 0;
          const days: number[] = [];
          for (const j of list) {
            const f = o.useEntry ? (j.events.find((e) => e.name === 'entry')?.timestamp ?? null) : j.start;
            const t = j.events.find((e) => e.name === 'goal')?.timestamp ?? null;
            if (f === null || f > asOf) {
              notReachedEntry++;
              continue;
            }
            const end = f + o.withinDays * DAY;
            const done = t !== null && t <= end && t <= asOf;
            if (end <= asOf) {
              eligible++;
              if (done) {
                converted++;
                days.push(Math.max(0, (t as number) - f) / DAY);
              }
            } else {
              pending++;
              if (done) pendingConverted++;
            }
          }
          expect([result.eligible, result.converted, result.pending, result.pendingConverted, result.notReachedEntry]).toEqual([
            eligible,
            converted,
            pending,
            pendingConverted,
            notReachedEntry,
          ]);
          days.sort((a, b) => a - b);
          const m = days.length;
          if (m === 0) expect(result.medianDaysToConvert).toBe(null);
          else {
            const median = m % 2 === 1 ? (days[(m - 1) / 2] as number) : ((days[m / 2 - 1] as number) + (days[m / 2] as number)) / 2;
            expect(result.medianDaysToConvert).toBeCloseTo(median, 9);
          }
        }),
      );
    });
  });
});
