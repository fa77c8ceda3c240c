/**
 * Results compose (1.0): the output of one lifecycle function is the input of the next,
 * passed as it is. Every pair docs/lifecycle.md shows runs here: journeys (or eachJourney)
 * into the classifier, the funnel, time to value and conversion; a classifier into the
 * funnel; time to value into display's retentionChart, whose curve is the very shape of
 * retention's kaplanMeier.
 *
 * Every expected number is worked by hand from the definitions (see the comments).
 */
import { describe, expect, it } from 'vitest';
import { retentionChart } from '../../src/display/retention-chart.js';
import {
  compareConversion,
  conversion,
  eachJourney,
  eventCount,
  hasEvent,
  journeys,
  lifecycle,
  lifecycleFunnel,
  timeToValue,
} from '../../src/lifecycle/index.js';
import { kaplanMeier } from '../../src/retention/kaplan-meier.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 4, 1); // 2024-05-01T00:00Z
const at = (days: number): string => new Date(T0 + days * DAY).toISOString();

// Four users sign up on day 0; their events, in days after signup:
//   ana: report_created 1, invite_sent 3, paid 10
//   ben: report_created 2, paid 30
//   cem: report_created 6
//   dev: nothing
const SIGNUPS = ['ana', 'ben', 'cem', 'dev'].map((userId) => ({ userId, signedUpAt: at(0) }));
const EVENTS = [
  { userId: 'ben', name: 'paid', timestamp: at(30) },
  { userId: 'ana', name: 'report_created', timestamp: at(1) },
  { userId: 'cem', name: 'report_created', timestamp: at(6) },
  { userId: 'ana', name: 'invite_sent', timestamp: at(3) },
  { userId: 'ben', name: 'report_created', timestamp: at(2) },
  { userId: 'ana', name: 'paid', timestamp: at(10) },
];
const AS_OF = at(40);
const aha = hasEvent('report_created');
const STAGES = { aha, eureka: hasEvent('invite_sent') };

describe('lifecycle results compose', () => {
  it('lifecycleFunnel(journeys(events), lifecycle(stages)): the classifier made once, the funnel over the journeys', () => {
    const list = journeys(EVENTS, { signups: SIGNUPS });
    const classify = lifecycle(STAGES, { asOf: AS_OF });
    // Hand count: signed-up 4; aha ana, ben, cem = 3; eureka ana = 1 (after her aha, in order).
    // Current stage: dev signed-up, ben and cem aha, ana eureka.
    const funnel = lifecycleFunnel(list, classify);
    expect(funnel.stages.map((s) => [s.name, s.reached, s.current])).toEqual([
      ['signed-up', 4, 1],
      ['aha', 3, 2],
      ['eureka', 1, 1],
    ]);
    expect(funnel.journeys).toBe(4);
    expect(funnel.asOf).toBe(AS_OF);
    // The classifier applied journey by journey gives the same current stages.
    expect(list.map((j) => [j.id, classify(j).stage])).toEqual([
      ['ana', 'eureka'],
      ['ben', 'aha'],
      ['cem', 'aha'],
      ['dev', 'signed-up'],
    ]);
    // The same funnel from eachJourney (one journey at a time) and from the stages themselves.
    expect(lifecycleFunnel(eachJourney(EVENTS, { signups: SIGNUPS }), classify)).toEqual(funnel);
    expect(lifecycleFunnel(list, STAGES, { asOf: AS_OF })).toEqual(funnel);
  });

  it('timeToValue(journeys(events), milestone) into retentionChart, as it is', () => {
    const result = timeToValue(journeys(EVENTS, { signups: SIGNUPS }), aha, { asOf: AS_OF });
    // Durations to the aha: ana 1, ben 2, cem 6 (events), dev censored at 40.
    // S: 3/4 at 1, 1/2 at 2, 1/4 at 6; the median is the flat stretch at exactly 1/2 from 2
    // to 6: R's midpoint rule gives (2 + 6) / 2 = 4.
    expect([result.n, result.reached, result.censored]).toEqual([4, 3, 1]);
    // Lower bound: Greenwood's log band at day 1 is 0.75 × e^(−1.96 × √(1/(4 × 3))) ≈ 0.426,
    // below 1/2 already; the upper band is 1 (capped) throughout: no upper bound.
    expect(result.median).toEqual({ value: 4, lower: 1, upper: null });
    expect(result.curve.map((s) => [s.time, s.atRisk, s.events, s.censored, s.survival])).toEqual([
      [1, 4, 1, 0, 0.75],
      [2, 3, 1, 0, 0.5],
      [6, 2, 1, 0, 0.25],
      [40, 1, 0, 1, 0.25],
    ]);
    const svg = retentionChart(result, { xLabel: 'days since signup' });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg.match(/class="series"/g)?.length).toBe(1);
  });

  it("timeToValue's curve and median are kaplanMeier's on the same durations: one survival shape", () => {
    const result = timeToValue(journeys(EVENTS, { signups: SIGNUPS }), aha, { asOf: AS_OF });
    const km = kaplanMeier([
      { duration: 1, observed: true },
      { duration: 2, observed: true },
      { duration: 6, observed: true },
      { duration: 40, observed: false },
    ]);
    expect(result.curve).toEqual(km.curve);
    expect(result.median).toEqual(km.median);
  });

  it('conversion and compareConversion over journeys(events): entry and goal milestones', () => {
    const list = journeys(EVENTS, { signups: SIGNUPS });
    // Paid within 14 days of the aha: ana (aha 1, paid 10: 9 days) yes; ben (aha 2, paid 30:
    // 28 days) no; cem (aha 6) no; dev never reached the entry. Every window closed by day 40.
    const result = conversion(list, { entry: aha, goal: hasEvent('paid'), withinDays: 14, asOf: AS_OF });
    expect([result.journeys, result.notReachedEntry, result.eligible, result.converted]).toEqual([4, 1, 3, 1]);
    expect(result.medianDaysToConvert).toBe(9);
    const byAha = compareConversion(eachJourney(EVENTS, { signups: SIGNUPS }), {
      segment: eventCount('report_created', { atLeast: 1, withinDays: 3 }),
      goal: hasEvent('paid'),
      withinDays: 14,
      asOf: AS_OF,
      entry: aha,
    });
    // The segment is settled when the window opens (at the aha): a report within 3 days of
    // signup puts ana (1) and ben (2) in it; cem (6) and dev (none) are the control.
    // Paid within 14 days of the aha: ana only. Control: cem eligible, not converted; dev
    // never reached the entry.
    expect([byAha.segment.eligible, byAha.segment.converted, byAha.control.eligible, byAha.control.converted, byAha.control.notReachedEntry]).toEqual([2, 1, 1, 0, 1]);
    expect(byAha.segment.rate?.value).toBe(0.5);
    expect(byAha.control.rate?.value).toBe(0);
  });
});
