import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareConversion } from '../../src/lifecycle/compare-conversion.js';
import { conversion } from '../../src/lifecycle/conversion.js';
import type { Journey, Milestone } from '../../src/lifecycle/types.js';
import { errorOf } from '../support/errors.js';
import { shuffled } from '../support/model.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
const ASOF = T0 + 60 * DAY;

function journey(id: string | number, start: number, events: [string, number][] = []): Journey {
  return { id, start, events: events.map(([name, timestamp]) => ({ name, timestamp, record: {} })).sort((a, b) => a.timestamp - b.timestamp) };
}

const hasEvent =
  (name: string): Milestone =>
  (j) =>
    j.events.find((e) => e.name === name)?.timestamp ?? null;
const paid = hasEvent('paid');
const webinar = hasEvent('webinar');

/**
 * Journeys starting at T0 that make a 2×2 table: `n1` in the segment (a webinar at signup),
 * `x1` of them paid on day 3; `n2` others, `x2` of them paid on day 3.
 */
function table(x1: number, n1: number, x2: number, n2: number): Journey[] {
  const list: Journey[] = [];
  for (let i = 0; i < n1; i++) list.push(journey(`s${i}`, T0, [['webinar', T0], ...(i < x1 ? ([['paid', T0 + 3 * DAY]] as [string, number][]) : [])]));
  for (let i = 0; i < n2; i++) list.push(journey(`r${i}`, T0, i < x2 ? [['paid', T0 + 3 * DAY]] : []));
  return list;
}

// R 4.x: prop.test(c(x1, x2), c(n1, n2), correct = FALSE), sprintf('%.17g', c(p.value, statistic)).
const rReference = [
  // prop.test(c(12, 5), c(40, 40), correct = FALSE) -> p 0.055729260529334156, X-squared 3.6601307189542482
  { x1: 12, n1: 40, x2: 5, n2: 40, pValue: 0.055729260529334156, chiSquare: 3.6601307189542482 },
  // prop.test(c(30, 18), c(100, 100), correct = FALSE) -> p 0.046944726978481718, X-squared 3.9473684210526314
  { x1: 30, n1: 100, x2: 18, n2: 100, pValue: 0.046944726978481718, chiSquare: 3.9473684210526314 },
  // prop.test(c(9, 3), c(10, 10), correct = FALSE) -> p 0.0061698993205441532, X-squared 7.5
  { x1: 9, n1: 10, x2: 3, n2: 10, pValue: 0.0061698993205441532, chiSquare: 7.5 },
  // prop.test(c(3, 1), c(4, 5), correct = FALSE) -> p 0.098942936067296525, X-squared 2.7225
  { x1: 3, n1: 4, x2: 1, n2: 5, pValue: 0.098942936067296525, chiSquare: 2.7225 },
  // prop.test(c(56, 48), c(70, 80), correct = FALSE) -> p 0.0080450813681965643
  { x1: 56, n1: 70, x2: 48, n2: 80, pValue: 0.0080450813681965643, chiSquare: null },
];

// Newcombe method 10 by hand in Python/SciPy (see test/stats/newcombe-interval.test.ts for the code).
const newcombeReference = [
  // newcombe(12, 40, 5, 40) -> 0.175 -0.005969368347724213 0.3446036902442705
  { x1: 12, n1: 40, x2: 5, n2: 40, value: 0.175, lower: -0.005969368347724213, upper: 0.3446036902442705 },
  // newcombe(30, 100, 18, 100) -> 0.12 0.0013340883914530338 0.2346981242682341
  { x1: 30, n1: 100, x2: 18, n2: 100, value: 0.12, lower: 0.0013340883914530338, upper: 0.2346981242682341 },
  // newcombe(3, 4, 1, 5) -> 0.55 -0.06813720497036524 0.811929590799748
  { x1: 3, n1: 4, x2: 1, n2: 5, value: 0.55, lower: -0.06813720497036524, upper: 0.811929590799748 },
];

describe('compareConversion', () => {
  it('runs the doc example', () => {
    const start = Date.UTC(2024, 0, 1);
    const journeys = Array.from({ length: 80 }, (_, i) => ({
      id: i,
      start,
      events: [
        ...(i < 40 ? [{ name: 'webinar', timestamp: start, record: {} }] : []),
        ...(i < 12 || (i >= 40 && i < 45) ? [{ name: 'paid', timestamp: start + 3 * DAY, record: {} }] : []),
      ],
    }));
    const result = compareConversion(journeys, { segment: webinar, goal: paid, withinDays: 14, asOf: '2024-02-01' });
    expect([result.segment.rate?.value, result.control.rate?.value]).toEqual([0.3, 0.125]);
    expect(result.difference?.value).toBeCloseTo(0.175, 14);
    expect(result.difference?.lower).toBeCloseTo(-0.006, 3);
    expect(result.difference?.upper).toBeCloseTo(0.3446, 4);
    expect(result.relativeLift).toBeCloseTo(1.4, 14);
    expect(result.pValue).toBeCloseTo(0.0557, 4);
  });

  it("matches R's prop.test p-value and chi-square (z²)", () => {
    for (const r of rReference) {
      const result = compareConversion(table(r.x1, r.n1, r.x2, r.n2), { segment: webinar, goal: paid, withinDays: 14, asOf: ASOF });
      expect([result.segment.converted, result.segment.eligible, result.control.converted, result.control.eligible]).toEqual([r.x1, r.n1, r.x2, r.n2]);
      expect(result.pValue).not.toBe(null);
      expect(Math.abs((result.pValue as number) - r.pValue)).toBeLessThanOrEqual(1e-13 * r.pValue);
      if (r.chiSquare !== null) expect((result.z as number) ** 2).toBeCloseTo(r.chiSquare, 12);
      expect(Math.sign(result.z as number)).toBe(Math.sign(r.x1 / r.n1 - r.x2 / r.n2));
    }
  });

  it("gives the difference with Newcombe's interval and the relative lift", () => {
    for (const r of newcombeReference) {
      const result = compareConversion(table(r.x1, r.n1, r.x2, r.n2), { segment: webinar, goal: paid, withinDays: 14, asOf: ASOF });
      expect(result.difference?.value).toBeCloseTo(r.value, 14);
      expect(result.difference?.lower).toBeCloseTo(r.lower, 14);
      expect(result.difference?.upper).toBeCloseTo(r.upper, 14);
      expect(result.relativeLift).toBeCloseTo(r.x1 / r.n1 / (r.x2 / r.n2) - 1, 14);
    }
    // 30/100 vs 18/100: lift 0.3 / 0.18 - 1 = 2/3.
    const lift = compareConversion(table(30, 100, 18, 100), { segment: webinar, goal: paid, withinDays: 14, asOf: ASOF }).relativeLift;
    expect(lift).toBeCloseTo(2 / 3, 14);
  });

  it('puts a journey in a milestone segment only when it reached it at or before `entry`', () => {
    const trial = hasEvent('trial');
    const journeys = [
      // Webinar on day 1, trial on day 2: in the segment; paid day 5.
      journey('before', T0, [['webinar', T0 + DAY], ['trial', T0 + 2 * DAY], ['paid', T0 + 5 * DAY]]),
      // Webinar at the trial's instant: in the segment; not paid.
      journey('same', T0, [['webinar', T0 + 2 * DAY], ['trial', T0 + 2 * DAY]]),
      // Webinar on day 4, after the trial: in the control; paid day 6.
      journey('after', T0, [['trial', T0 + 2 * DAY], ['webinar', T0 + 4 * DAY], ['paid', T0 + 6 * DAY]]),
      // No webinar: the control; not paid.
      journey('none', T0, [['trial', T0 + 2 * DAY]]),
      // No trial, webinar by asOf: the segment, has not reached the entry.
      journey('no-trial', T0, [['webinar', T0 + DAY]]),
      // No trial, webinar after asOf: the control, has not reached the entry.
      journey('late-webinar', T0, [['webinar', ASOF + DAY]]),
    ];
    const result = compareConversion(journeys, { segment: webinar, entry: trial, goal: paid, withinDays: 14, asOf: ASOF });
    expect([result.segment.journeys, result.segment.eligible, result.segment.converted, result.segment.notReachedEntry]).toEqual([3, 2, 1, 1]);
    expect([result.control.journeys, result.control.eligible, result.control.converted, result.control.notReachedEntry]).toEqual([3, 2, 1, 1]);
    expect(result.difference?.value).toBe(0);
    expect(result.relativeLift).toBe(0);
    expect(result.z).toBe(0);
    expect(result.pValue).toBe(1);
  });

  it('takes a predicate as the segment', () => {
    const journeys = table(12, 40, 5, 40).map((j, i) => ({ ...j, id: i }));
    const byId = compareConversion(journeys, { segment: (j) => (j.id as number) < 40, goal: paid, withinDays: 14, asOf: ASOF });
    const byMilestone = compareConversion(journeys, { segment: webinar, goal: paid, withinDays: 14, asOf: ASOF });
    expect(byId).toEqual(byMilestone);
  });

  it('leaves pending journeys out of both rates', () => {
    // Two segment journeys start 5 days before asOf: their 14-day windows are open.
    const journeys = [...table(3, 4, 1, 5), journey('p1', ASOF - 5 * DAY, [['webinar', ASOF - 5 * DAY], ['paid', ASOF - 4 * DAY]]), journey('p2', ASOF - 5 * DAY, [['webinar', ASOF - 5 * DAY]])];
    const result = compareConversion(journeys, { segment: webinar, goal: paid, withinDays: 14, asOf: ASOF });
    expect([result.segment.eligible, result.segment.converted, result.segment.pending, result.segment.pendingConverted]).toEqual([4, 3, 2, 1]);
    // R: prop.test(c(3, 1), c(4, 5), correct = FALSE)$p.value -> 0.098942936067296525
    expect(result.pValue).toBeCloseTo(0.098942936067296525, 14);
  });

  it('gives null statistics where they are undefined', () => {
    // The control never converts: lift undefined, difference and test fine.
    const zeroRest = compareConversion(table(3, 10, 0, 10), { segment: webinar, goal: paid, withinDays: 14, asOf: ASOF });
    expect(zeroRest.relativeLift).toBe(null);
    expect(zeroRest.difference?.value).toBeCloseTo(0.3, 14);
    expect(zeroRest.pValue).not.toBe(null);
    // Everyone converts: pooled p = 1, no variance; R gives NaN. Lift 0.
    const all = compareConversion(table(5, 5, 4, 4), { segment: webinar, goal: paid, withinDays: 14, asOf: ASOF });
    expect([all.z, all.pValue, all.relativeLift]).toEqual([null, null, 0]);
    expect(all.difference?.value).toBe(0);
    // Nobody converts: both rates 0, lift null, no test.
    const none = compareConversion(table(0, 5, 0, 4), { segment: webinar, goal: paid, withinDays: 14, asOf: ASOF });
    expect([none.z, none.pValue, none.relativeLift]).toEqual([null, null, null]);
    // No segment at all: difference and test null, the control's rate present.
    const empty = compareConversion(table(0, 0, 2, 4), { segment: webinar, goal: paid, withinDays: 14, asOf: ASOF });
    expect([empty.segment.rate, empty.difference, empty.relativeLift, empty.z, empty.pValue]).toEqual([null, null, null, null, null]);
    expect(empty.control.rate?.value).toBe(0.5);
    // No journeys.
    const nothing = compareConversion([], { segment: webinar, goal: paid, withinDays: 14 });
    expect(nothing.asOf).toBe(null);
    expect([nothing.segment.journeys, nothing.control.journeys, nothing.difference, nothing.pValue]).toEqual([0, 0, null, null]);
  });

  it('echoes its settings and does not mutate its input', () => {
    const journeys = Object.freeze(table(3, 4, 1, 5).map((j) => Object.freeze(j)));
    const options = Object.freeze({ segment: webinar, goal: paid, withinDays: 14, asOf: '2024-03-01', confidence: 0.9, timeZone: 'Europe/Berlin' });
    const result = compareConversion(journeys, options);
    // 1.0: the date-only asOf is the end of 2024-03-01 in Berlin (CET, UTC+1): 03-01T22:59:59.999Z.
    expect([result.asOf, result.asOfDate, result.timeZone, result.withinDays, result.confidence]).toEqual(['2024-03-01T22:59:59.999Z', '2024-03-01', 'Europe/Berlin', 14, 0.9]);
    expect(compareConversion(journeys, options)).toEqual(result);
  });

  it('rejects a bad segment', () => {
    const journeys = table(1, 2, 1, 2);
    let error = errorOf(() => compareConversion(journeys, { goal: paid, withinDays: 14 } as never));
    expect([error.code, error.path, error.message]).toEqual([
      'invalid-option',
      'options.segment',
      'compareConversion: options.segment must be a predicate (journey) => boolean or a milestone (journey) => number | null (undefined)',
    ]);
    error = errorOf(() => compareConversion(journeys, { segment: (j: Journey) => (j.id === 's1' ? 'yes' : true) as never, goal: paid, withinDays: 14 }));
    expect([error.code, error.path, error.message]).toEqual([
      'invalid-milestone',
      'options.segment',
      'compareConversion: options.segment returned a value that is not true, false, epoch milliseconds or null for journeys[1] (id "s1") ("yes")',
    ]);
    error = errorOf(() => compareConversion(journeys, { segment: webinar, goal: paid, withinDays: -3 }));
    expect([error.code, error.path]).toEqual(['invalid-number', 'options.withinDays']);
  });

  it('names goal and entry for the 0.1 names to and from; rest is no option', () => {
    const journeys = table(1, 2, 1, 2);
    let error = errorOf(() => compareConversion(journeys, { segment: webinar, to: paid, withinDays: 14 } as never));
    expect([error.code, error.path]).toEqual(['unknown-option', 'options.to']);
    expect(error.message.startsWith('compareConversion: options.to is not an option; did you mean goal?')).toBe(true);
    error = errorOf(() => compareConversion(journeys, { segment: webinar, from: webinar, goal: paid, withinDays: 14 } as never));
    expect(error.message.startsWith('compareConversion: options.from is not an option; did you mean entry?')).toBe(true);
    error = errorOf(() => compareConversion(journeys, { segment: webinar, rest: webinar, goal: paid, withinDays: 14 } as never));
    expect([error.code, error.path]).toEqual(['unknown-option', 'options.rest']);
  });

  describe('properties', () => {
    const arbJourneys = fc.array(
      fc.record({
        start: fc.integer({ min: 0, max: 40 * DAY }),
        inSegment: fc.boolean(),
        goal: fc.option(fc.integer({ min: -DAY, max: 30 * DAY }), { nil: null }),
      }),
      { maxLength: 60 },
    );
    const build = (gs: { start: number; inSegment: boolean; goal: number | null }[]): Journey[] =>
      gs.map((g, i) =>
        journey(i, T0 + g.start, [
          ...(g.inSegment ? ([['webinar', T0 + g.start]] as [string, number][]) : []),
          ...(g.goal === null ? [] : ([['paid', T0 + g.start + g.goal]] as [string, number][])),
        ]),
      );
    const options = { segment: webinar, goal: paid, withinDays: 7, asOf: T0 + 45 * DAY };

    it('keeps rates and intervals in range, the p-value in [0, 1], and splits conversion()', () => {
      fc.assert(
        fc.property(arbJourneys, (gs) => {
          const list = build(gs);
          const result = compareConversion(list, options);
          for (const rate of [result.segment.rate, result.control.rate]) {
            if (rate !== null) expect(0 <= rate.lower && rate.lower <= rate.value && rate.value <= rate.upper && rate.upper <= 1).toBe(true);
          }
          if (result.difference !== null) {
            const d = result.difference;
            expect(-1 <= d.lower && d.lower <= d.value && d.value <= d.upper && d.upper <= 1).toBe(true);
          }
          if (result.pValue !== null) expect(result.pValue >= 0 && result.pValue <= 1).toBe(true);
          const whole = conversion(list, { goal: paid, withinDays: 7, asOf: options.asOf });
          expect(result.segment.journeys + result.control.journeys).toBe(whole.journeys);
          expect(result.segment.eligible + result.control.eligible).toBe(whole.eligible);
          expect(result.segment.converted + result.control.converted).toBe(whole.converted);
          expect(result.segment.pending + result.control.pending).toBe(whole.pending);
          expect(result.segment.journeys).toBe(gs.filter((g) => g.inSegment).length);
        }),
      );
    });

    it('swapping the segment and the control negates the difference and z, and keeps the p-value', () => {
      fc.assert(
        fc.property(arbJourneys, (gs) => {
          const list = build(gs);
          const inside = compareConversion(list, options);
          const outside = compareConversion(list, { ...options, segment: (j: Journey) => webinar(j) === null });
          expect(outside.segment).toEqual(inside.control);
          expect(outside.control).toEqual(inside.segment);
          if (inside.difference === null) expect(outside.difference).toBe(null);
          else {
            expect(outside.difference?.value).toBeCloseTo(-inside.difference.value, 14);
            expect(outside.difference?.lower).toBeCloseTo(-inside.difference.upper, 14);
          }
          if (inside.z === null) expect(outside.z).toBe(null);
          else {
            expect(outside.z).toBeCloseTo(-inside.z, 12);
            expect(outside.pValue).toBeCloseTo(inside.pValue as number, 14);
          }
        }),
      );
    });

    it('does not depend on the order of the journeys', () => {
      fc.assert(
        fc.property(arbJourneys, fc.array(fc.nat(), { minLength: 1 }), (gs, picks) => {
          const list = build(gs);
          expect(compareConversion(shuffled(list, picks), options)).toEqual(compareConversion(list, options));
        }),
      );
    });
  });
});
