import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Estimate } from '../../src/core/types.js';
import { lifecycle } from '../../src/lifecycle/lifecycle.js';
import { lifecycleFunnel, type LifecycleFunnelResult } from '../../src/lifecycle/lifecycle-funnel.js';
import type { Journey, Milestone } from '../../src/lifecycle/types.js';
import { errorOf } from '../support/errors.js';
import { shuffled } from '../support/model.js';

const DAY = 86_400_000;
const at = (iso: string): number => Date.parse(iso);

function journey(id: string | number, start: string, events: [string, string][] = []): Journey {
  return {
    id,
    start: at(start),
    events: events.map(([name, time]) => ({ name, timestamp: at(time), record: {} })).sort((a, b) => a.timestamp - b.timestamp),
  };
}

const hasEvent =
  (name: string): Milestone =>
  (j) =>
    j.events.find((e) => e.name === name)?.timestamp ?? null;

const stages = { 'account-set-up': hasEvent('setup'), aha: hasEvent('aha'), habit: hasEvent('habit') };

// Seven hand-built journeys; asOf 2024-04-01.
//   j1 03-01, setup 03-02 (+1 d), aha 03-04 (+2 d), habit 03-11 (+7 d)   -> habit
//   j2 03-01, setup 03-04 (+3 d), aha 03-05 (+1 d)                      -> aha
//   j3 03-02, setup 03-03 12:00 (+1.5 d)                                -> account-set-up
//   j4 03-02, aha 03-02 06:00, no setup                                 -> signed-up (in order) / aha (not)
//   j5 03-03, nothing                                                   -> signed-up
//   j6 03-05, setup 03-06 (+1 d), aha 04-02 (after asOf)                -> account-set-up
//   j7 04-05, starts after asOf                                         -> no stage
const journeys: Journey[] = [
  journey('j1', '2024-03-01T00:00:00Z', [['setup', '2024-03-02T00:00:00Z'], ['aha', '2024-03-04T00:00:00Z'], ['habit', '2024-03-11T00:00:00Z']]),
  journey('j2', '2024-03-01T00:00:00Z', [['setup', '2024-03-04T00:00:00Z'], ['aha', '2024-03-05T00:00:00Z']]),
  journey('j3', '2024-03-02T00:00:00Z', [['setup', '2024-03-03T12:00:00Z']]),
  journey('j4', '2024-03-02T00:00:00Z', [['aha', '2024-03-02T06:00:00Z']]),
  journey('j5', '2024-03-03T00:00:00Z'),
  journey('j6', '2024-03-05T00:00:00Z', [['setup', '2024-03-06T00:00:00Z'], ['aha', '2024-04-02T00:00:00Z']]),
  journey('j7', '2024-04-05T00:00:00Z'),
];

/** Asserts an estimate's value exactly and bounds to 1e-9 against R. */
function expectEstimate(actual: Estimate | null, value: number, lower: number, upper: number): void {
  expect(actual).not.toBe(null);
  const e = actual as Estimate;
  expect(e.value).toBeCloseTo(value, 14);
  expect(e.lower).toBeCloseTo(lower, 9);
  expect(e.upper).toBeCloseTo(upper, 9);
}

function checkInvariants(result: LifecycleFunnelResult): void {
  const currents = result.stages.reduce((sum, s) => sum + s.current, 0);
  expect(currents + result.atNoStage).toBe(result.journeys);
  for (const s of result.stages) {
    for (const e of [s.conversionFromPrevious, s.conversionFromFirst]) {
      if (e === null) continue;
      expect(0 <= e.lower && e.lower <= e.value && e.value <= e.upper && e.upper <= 1).toBe(true);
    }
    expect(s.reached).toBeLessThanOrEqual(result.journeys);
    expect(s.current).toBeLessThanOrEqual(s.reached);
  }
}

describe('lifecycleFunnel', () => {
  it('runs the doc example', () => {
    const docJourneys = [
      journey(1, '2024-03-01T00:00:00Z', [['setup', '2024-03-02T00:00:00Z'], ['aha', '2024-03-05T00:00:00Z']]),
      journey(2, '2024-03-01T00:00:00Z', [['setup', '2024-03-04T00:00:00Z']]),
      journey(3, '2024-03-02T00:00:00Z'),
      journey(4, '2024-03-03T00:00:00Z', [['aha', '2024-03-04T00:00:00Z']]),
    ];
    const funnel = lifecycleFunnel(docJourneys, { 'account-set-up': hasEvent('setup'), aha: hasEvent('aha') });
    expect(funnel.asOf).toBe('2024-03-05T00:00:00.000Z');
    expect(funnel.stages.map((s) => [s.name, s.current, s.reached])).toEqual([
      ['signed-up', 2, 4],
      ['account-set-up', 1, 2],
      ['aha', 1, 1],
    ]);
    expect(funnel.stages[1]?.conversionFromPrevious?.value).toBe(0.5);
    expect(funnel.stages[1]?.medianDaysFromPrevious).toBe(2);
    expect(funnel.stages[2]?.conversionFromFirst?.value).toBe(0.25);
  });

  it('counts the hand-built journeys in order', () => {
    const result = lifecycleFunnel(journeys, stages, { asOf: '2024-04-01' });
    // 1.0: the date-only asOf is the end of 04-01 (no journey has anything later that day, so the counts are as in 0.1).
    expect(result).toMatchObject({ asOf: '2024-04-01T23:59:59.999Z', asOfDate: '2024-04-01', timeZone: 'UTC', inOrder: true, confidence: 0.95, journeys: 7, atNoStage: 1 });
    // current: signed-up {j4, j5}, set-up {j3, j6}, aha {j2}, habit {j1}; reached 6, 4, 2, 1.
    expect(result.stages.map((s) => [s.name, s.current, s.reached, s.reachedFromPrevious])).toEqual([
      ['signed-up', 2, 6, null],
      ['account-set-up', 2, 4, 4],
      ['aha', 1, 2, 2],
      ['habit', 1, 1, 1],
    ]);
    const [signedUp, setUp, aha, habit] = result.stages;
    expect(signedUp?.conversionFromPrevious).toBe(null);
    // R: prop.test(6, 6, correct = FALSE)$conf.int -> 0.6096657121 1
    expectEstimate(signedUp?.conversionFromFirst ?? null, 1, 0.6096657121, 1);
    // R: prop.test(4, 6, correct = FALSE)$conf.int -> 0.2999933151 0.9032285889 (from previous = from first)
    expectEstimate(setUp?.conversionFromPrevious ?? null, 4 / 6, 0.2999933151, 0.9032285889);
    expectEstimate(setUp?.conversionFromFirst ?? null, 4 / 6, 0.2999933151, 0.9032285889);
    // R: prop.test(2, 4, correct = FALSE)$conf.int -> 0.1500389892 0.8499610108
    expectEstimate(aha?.conversionFromPrevious ?? null, 0.5, 0.1500389892, 0.8499610108);
    // R: prop.test(2, 6, correct = FALSE)$conf.int -> 0.0967714111 0.7000066849
    expectEstimate(aha?.conversionFromFirst ?? null, 2 / 6, 0.0967714111, 0.7000066849);
    // R: prop.test(1, 2, correct = FALSE)$conf.int -> 0.0945312057 0.9054687943
    expectEstimate(habit?.conversionFromPrevious ?? null, 0.5, 0.0945312057, 0.9054687943);
    // R: prop.test(1, 6, correct = FALSE)$conf.int -> 0.0300533697 0.5635028222
    expectEstimate(habit?.conversionFromFirst ?? null, 1 / 6, 0.0300533697, 0.5635028222);
    // Days from previous: set-up {1, 3, 1.5, 1} -> median (1 + 1.5)/2 = 1.25; aha {2, 1} -> 1.5; habit {7}.
    expect(result.stages.map((s) => s.medianDaysFromPrevious)).toEqual([null, 1.25, 1.5, 7]);
    checkInvariants(result);
  });

  it('counts the hand-built journeys with inOrder: false', () => {
    const result = lifecycleFunnel(journeys, stages, { asOf: '2024-04-01', inOrder: false });
    // j4 now sits at aha (its own time 03-02 06:00), without set-up.
    expect(result.stages.map((s) => [s.name, s.current, s.reached, s.reachedFromPrevious])).toEqual([
      ['signed-up', 1, 6, null],
      ['account-set-up', 2, 4, 4],
      ['aha', 2, 3, 2],
      ['habit', 1, 1, 1],
    ]);
    // aha from previous: reached set-up and aha {j1, j2} over set-up 4 = 2/4; habit: {j1} over aha 3.
    expect(result.stages[2]?.conversionFromPrevious?.value).toBe(0.5);
    // R: prop.test(1, 3, correct = FALSE)$conf.int -> 0.0614919447 0.7923403992
    expectEstimate(result.stages[3]?.conversionFromPrevious ?? null, 1 / 3, 0.0614919447, 0.7923403992);
    // R: prop.test(3, 6, correct = FALSE)$conf.int -> 0.1876163065 0.8123836935
    expectEstimate(result.stages[2]?.conversionFromFirst ?? null, 0.5, 0.1876163065, 0.8123836935);
    // aha from set-up among j1 (2 d) and j2 (1 d): 1.5; j4 has no set-up.
    expect(result.stages[2]?.medianDaysFromPrevious).toBe(1.5);
    expect(result.inOrder).toBe(false);
    checkInvariants(result);
  });

  it('defaults asOf to the latest instant in the journeys', () => {
    // The latest: j7's start, 04-05; so j6's aha (04-02) now counts and j7 is signed up.
    const result = lifecycleFunnel(journeys, stages);
    expect(result.asOf).toBe('2024-04-05T00:00:00.000Z');
    expect(result.atNoStage).toBe(0);
    expect(result.stages.map((s) => s.reached)).toEqual([7, 4, 3, 1]);
    // The same as giving that asOf.
    expect(lifecycleFunnel(journeys, stages, { asOf: at('2024-04-05T00:00:00Z') })).toEqual(result);
  });

  it('takes a classifier and uses its settings', () => {
    const classify = lifecycle(stages, { asOf: '2024-04-01', inOrder: false });
    const viaClassifier = lifecycleFunnel(journeys, classify);
    expect(viaClassifier).toEqual(lifecycleFunnel(journeys, stages, { asOf: '2024-04-01', inOrder: false }));
    // The same settings given again are accepted; contradicting ones are not.
    expect(lifecycleFunnel(journeys, classify, { asOf: '2024-04-01', inOrder: false, timeZone: 'UTC' })).toEqual(viaClassifier);
    let error = errorOf(() => lifecycleFunnel(journeys, classify, { inOrder: true }));
    expect([error.code, error.path, error.message]).toEqual([
      'invalid-option',
      'options.inOrder',
      "lifecycleFunnel: options.inOrder must match the classifier's inOrder, false, or be left out (true)",
    ]);
    error = errorOf(() => lifecycleFunnel(journeys, classify, { asOf: '2024-04-02' }));
    expect([error.code, error.path]).toEqual(['invalid-option', 'options.asOf']);
    // A classifier with its own zone: a different funnel zone contradicts it. Without one
    // (classify), the classifier reads the journeys' zone and the funnel may name another.
    const utc = lifecycle(stages, { asOf: '2024-04-01', inOrder: false, timeZone: 'UTC' });
    expect(lifecycleFunnel(journeys, utc)).toEqual(viaClassifier);
    error = errorOf(() => lifecycleFunnel(journeys, utc, { timeZone: 'Europe/Paris' }));
    expect([error.code, error.path, error.message]).toEqual([
      'invalid-option',
      'options.timeZone',
      'lifecycleFunnel: options.timeZone must match the classifier\'s timeZone, "UTC", or be left out ("Europe/Paris")',
    ]);
    // In Paris the classifier's date-only asOf is the end of 04-01 in Paris (CEST, UTC+2).
    const paris = lifecycleFunnel(journeys, classify, { timeZone: 'Europe/Paris' });
    expect([paris.asOf, paris.asOfDate, paris.timeZone]).toEqual(['2024-04-01T21:59:59.999Z', '2024-04-01', 'Europe/Paris']);
    // A classifier without asOf takes the funnel's.
    const open = lifecycle(stages);
    expect(lifecycleFunnel(journeys, open, { asOf: '2024-04-01' })).toEqual(lifecycleFunnel(journeys, stages, { asOf: '2024-04-01' }));
    expect(lifecycleFunnel(journeys, open).asOf).toBe('2024-04-05T00:00:00.000Z');
  });

  it('gives zeros and nulls for no journeys', () => {
    const result = lifecycleFunnel([], stages);
    expect(result).toEqual({
      asOf: null,
      asOfDate: null,
      timeZone: 'UTC',
      inOrder: true,
      confidence: 0.95,
      journeys: 0,
      atNoStage: 0,
      stages: ['signed-up', 'account-set-up', 'aha', 'habit'].map((name, i) => ({
        name,
        current: 0,
        reached: 0,
        reachedFromPrevious: i === 0 ? null : 0,
        conversionFromPrevious: null,
        conversionFromFirst: null,
        medianDaysFromPrevious: null,
      })),
    });
    // A given asOf is echoed without journeys too (1.0: a date-only asOf is the end of the day).
    const given = lifecycleFunnel([], stages, { asOf: '2024-01-01' });
    expect([given.asOf, given.asOfDate]).toEqual(['2024-01-01T23:59:59.999Z', '2024-01-01']);
  });

  it('reads a generator once', () => {
    function* generate(): Generator<Journey> {
      yield* journeys;
    }
    expect(lifecycleFunnel(generate(), stages)).toEqual(lifecycleFunnel(journeys, stages));
    expect(lifecycleFunnel(generate(), stages, { asOf: '2024-04-01' })).toEqual(lifecycleFunnel(journeys, stages, { asOf: '2024-04-01' }));
  });

  it('does not mutate its input', () => {
    const frozen = Object.freeze(journeys.map((j) => Object.freeze({ ...j, events: Object.freeze(j.events.map((e) => Object.freeze({ ...e }))) })));
    const first = lifecycleFunnel(frozen, Object.freeze({ ...stages }), { asOf: '2024-04-01' });
    expect(lifecycleFunnel(frozen, stages, { asOf: '2024-04-01' })).toEqual(first);
  });

  it('rejects bad journeys, naming the index', () => {
    let error = errorOf(() => lifecycleFunnel([journeys[0] as Journey, { id: 'x', start: Number.NaN, events: [] }], stages));
    expect([error.code, error.path, error.message]).toEqual(['invalid-timestamp', 'journeys[1].start', 'lifecycleFunnel: journeys[1] (id "x").start is not a valid timestamp (NaN)']);
    error = errorOf(() => lifecycleFunnel([{ id: 'x', start: 0, events: [{ name: 'a', timestamp: 'yesterday' as never, record: {} }] }], stages));
    expect([error.code, error.path, error.message]).toEqual([
      'invalid-timestamp',
      'journeys[0].events[0].timestamp',
      'lifecycleFunnel: journeys[0] (id "x").events[0].timestamp is not a valid timestamp ("yesterday")',
    ]);
    error = errorOf(() => lifecycleFunnel([journeys[0] as Journey, 'j2' as never], stages));
    expect([error.code, error.path]).toEqual(['invalid-record', 'journeys[1]']);
    error = errorOf(() => lifecycleFunnel(42 as never, stages));
    expect([error.code, error.path]).toEqual(['invalid-input', 'journeys']);
    error = errorOf(() => lifecycleFunnel(journeys, { aha: () => 'now' } as never, { asOf: '2024-04-01' }));
    expect([error.code, error.path, error.message]).toEqual([
      'invalid-milestone',
      'stages.aha',
      'lifecycleFunnel: stages.aha returned a value that is not epoch milliseconds or null for stage "aha" of journeys[0] (id "j1") ("now")',
    ]);
    error = errorOf(() => lifecycleFunnel(journeys, (() => null) as never));
    expect([error.code, error.path]).toEqual(['invalid-option', 'stages']);
    error = errorOf(() => lifecycleFunnel(journeys, stages, { confidence: 95 }));
    expect([error.code, error.path]).toEqual(['invalid-option', 'options.confidence']);
  });

  describe('properties', () => {
    const names = ['setup', 'aha', 'eureka'];
    const milestoneStages = names.map((name) => ({ name, milestone: hasEvent(name) }));
    const base = Date.UTC(2024, 0, 1);
    const arbJourneys = fc.array(
      fc.record({
        start: fc.integer({ min: 0, max: 20 * DAY }),
        events: fc.array(fc.record({ name: fc.constantFrom(...names), offset: fc.integer({ min: -DAY, max: 40 * DAY }) }), { maxLength: 6 }),
      }),
      { maxLength: 30 },
    );
    const build = (gs: { start: number; events: { name: string; offset: number }[] }[]): Journey[] =>
      gs.map((g, i) => ({
        id: i,
        start: base + g.start,
        events: g.events.map((e) => ({ name: e.name, timestamp: base + g.start + e.offset, record: null })).sort((a, b) => a.timestamp - b.timestamp),
      }));
    const arbAsOf = fc.option(fc.integer({ min: 0, max: 70 * DAY }).map((d) => base + d), { nil: undefined });

    it('adds the stage counts up to the journeys and keeps rates in [0, 1]', () => {
      fc.assert(
        fc.property(arbJourneys, fc.boolean(), arbAsOf, (gs, inOrder, asOf) => {
          const result = lifecycleFunnel(build(gs), milestoneStages, asOf === undefined ? { inOrder } : { inOrder, asOf });
          expect(result.journeys).toBe(gs.length);
          checkInvariants(result);
          if (inOrder) {
            // In order, reaching a stage implies reaching every earlier one.
            for (let i = 1; i < result.stages.length; i++) {
              const s = result.stages[i];
              expect(s?.reached).toBeLessThanOrEqual(result.stages[i - 1]?.reached as number);
              expect(s?.reachedFromPrevious).toBe(s?.reached);
              if (s?.medianDaysFromPrevious != null) expect(s.medianDaysFromPrevious).toBeGreaterThanOrEqual(0);
            }
          }
        }),
      );
    });

    it('does not depend on the order of the journeys', () => {
      fc.assert(
        fc.property(arbJourneys, fc.array(fc.nat(), { minLength: 1 }), fc.boolean(), arbAsOf, (gs, picks, inOrder, asOf) => {
          const list = build(gs);
          const options = asOf === undefined ? { inOrder } : { inOrder, asOf };
          expect(lifecycleFunnel(shuffled(list, picks), milestoneStages, options)).toEqual(lifecycleFunnel(list, milestoneStages, options));
        }),
      );
    });

    it('agrees with classifying each journey (slow model)', () => {
      fc.assert(
        fc.property(arbJourneys, fc.boolean(), arbAsOf, (gs, inOrder, asOf) => {
          const list = build(gs);
          const result = lifecycleFunnel(list, milestoneStages, asOf === undefined ? { inOrder } : { inOrder, asOf });
          if (result.asOf === null) return;
          const classify = lifecycle(milestoneStages, { inOrder, asOf: result.asOf });
          const classified = list.map(classify);
          const all = ['signed-up', ...names];
          all.forEach((name, i) => {
            const row = result.stages[i];
            expect(row?.current).toBe(classified.filter((c) => c.stage === name).length);
            expect(row?.reached).toBe(classified.filter((c) => c.at[name] !== null).length);
            if (i > 0) {
              const previous = all[i - 1] as string;
              const both = classified.filter((c) => c.at[name] !== null && c.at[previous] !== null);
              expect(row?.reachedFromPrevious).toBe(both.length);
              const days = both.map((c) => ((c.at[name] as number) - (c.at[previous] as number)) / DAY).sort((a, b) => a - b);
              const m = days.length;
              const median = m === 0 ? null : m % 2 === 1 ? days[(m - 1) / 2] : ((days[m / 2 - 1] as number) + (days[m / 2] as number)) / 2;
              if (median === null || median === undefined) expect(row?.medianDaysFromPrevious).toBe(null);
              else expect(row?.medianDaysFromPrevious).toBeCloseTo(median, 9);
            }
          });
          expect(result.atNoStage).toBe(classified.filter((c) => c.stage === null).length);
        }),
      );
    });
  });
});
