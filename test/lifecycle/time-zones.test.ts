/**
 * Milestones inherit the time zone of the journeys or the call they run in (1.0): a
 * calendar milestone without a zone of its own counts the local days of the journey's
 * `timeZone` (set by `journeys({ timeZone })`), and a classifier or function given a
 * `timeZone` hands the journeys to its milestones in that zone.
 */
import { describe, expect, it } from 'vitest';
import {
  activeDays,
  compareConversion,
  conversion,
  journeys,
  lifecycle,
  lifecycleFunnel,
  recurring,
  timeToValue,
  where,
  type Journey,
} from '../../src/lifecycle/index.js';
import { errorOf } from '../support/errors.js';

const at = (iso: string): number => Date.parse(iso);
const BERLIN = 'Europe/Berlin';

// One user's logins. Berlin is UTC+2 in May (CEST).
//   e1 05-01T10:00Z = 05-01 12:00 Berlin
//   e2 05-01T22:30Z = 05-02 00:30 Berlin
//   e3 05-02T23:30Z = 05-03 01:30 Berlin
// Local days with a login: UTC 05-01, 05-02 (two); Berlin 05-01, 05-02, 05-03 (three).
const EVENTS = [
  { userId: 'u', name: 'login', timestamp: '2024-05-01T10:00:00Z' },
  { userId: 'u', name: 'login', timestamp: '2024-05-01T22:30:00Z' },
  { userId: 'u', name: 'login', timestamp: '2024-05-02T23:30:00Z' },
];
const E2 = at('2024-05-01T22:30:00Z');
const E3 = at('2024-05-02T23:30:00Z');
const inUtc = journeys(EVENTS);
const inBerlin = journeys(EVENTS, { timeZone: BERLIN });
const utcJourney = inUtc[0] as Journey;
const berlinJourney = inBerlin[0] as Journey;
const threeDays = activeDays({ atLeast: 3 });
const stages = { engaged: threeDays };

describe('time zones of journeys and milestones', () => {
  it('journeys carry their zone, and the same events give different active days in UTC and Berlin', () => {
    expect([utcJourney.timeZone, berlinJourney.timeZone]).toEqual(['UTC', BERLIN]);
    // Two UTC days: no third; three Berlin days: the third is e3's.
    expect(threeDays(utcJourney)).toBe(null);
    expect(threeDays(berlinJourney)).toBe(E3);
    // The second active day: e3 in UTC (05-02), e2 in Berlin (already 05-02 there).
    expect(activeDays({ atLeast: 2 })(utcJourney)).toBe(E3);
    expect(activeDays({ atLeast: 2 })(berlinJourney)).toBe(E2);
    // Days 0..1 only: UTC 05-01 and 05-02 hold e1..e3, Berlin 05-01 and 05-02 hold e1, e2.
    expect(activeDays({ atLeast: 2, windowDays: 2 })(utcJourney)).toBe(E3);
    expect(activeDays({ atLeast: 2, windowDays: 2 })(berlinJourney)).toBe(E2);
    // A journey without a zone is in UTC.
    const { timeZone: _, ...bare } = berlinJourney;
    expect(threeDays(bare)).toBe(null);
  });

  it("uses a milestone's own zone over the journey's", () => {
    expect(activeDays({ atLeast: 3, timeZone: 'UTC' })(berlinJourney)).toBe(null);
    expect(activeDays({ atLeast: 3, timeZone: BERLIN })(utcJourney)).toBe(E3);
  });

  it('inherits in recurring and through where', () => {
    const daily = recurring('login', { period: 'day', times: 3 });
    expect([daily(utcJourney), daily(berlinJourney)]).toEqual([null, E3]);
    // where hands on a filtered journey that keeps the zone (an extra event forces the copy).
    const withOther = { ...berlinJourney, events: [...berlinJourney.events, { name: 'other', timestamp: E3 + 1, record: null }] };
    const logins = where((e) => e.name === 'login', threeDays);
    expect(logins(withOther)).toBe(E3);
    expect(logins({ ...withOther, timeZone: 'UTC' })).toBe(null);
  });

  it('lifecycle reads each journey in its own zone, or hands it its timeZone', () => {
    // No timeZone: the journey's. Berlin: engaged at e3, on 05-03 Berlin time (05-02 in UTC).
    expect(lifecycle(stages)(utcJourney).stage).toBe('signed-up');
    expect(lifecycle(stages)(berlinJourney).reached).toEqual({ 'signed-up': '2024-05-01', engaged: '2024-05-03' });
    // With timeZone, the classifier's zone: UTC journeys count Berlin days, and the reverse.
    const berlinClassifier = lifecycle(stages, { timeZone: BERLIN });
    expect(berlinClassifier(utcJourney).reached).toEqual({ 'signed-up': '2024-05-01', engaged: '2024-05-03' });
    expect(lifecycle(stages, { timeZone: 'UTC' })(berlinJourney).stage).toBe('signed-up');
    // A milestone with its own zone keeps it inside a classifier with another.
    expect(lifecycle({ engaged: activeDays({ atLeast: 3, timeZone: 'UTC' }) }, { timeZone: BERLIN })(utcJourney).stage).toBe('signed-up');
    // A date-only asOf without timeZone is the end of that day in each journey's zone:
    // 05-02 ends at 21:59:59.999Z in Berlin, before e3.
    const cut = lifecycle(stages, { asOf: '2024-05-03' });
    expect(cut(berlinJourney).stage).toBe('engaged');
    expect(lifecycle(stages, { asOf: '2024-05-02' })(berlinJourney).stage).toBe('signed-up');
  });

  it('lifecycleFunnel, timeToValue, conversion and compareConversion inherit the same way', () => {
    // The journeys' zone when no timeZone is given, echoed.
    const funnel = lifecycleFunnel(inBerlin, stages);
    expect([funnel.timeZone, funnel.stages[1]?.reached]).toEqual([BERLIN, 1]);
    expect(lifecycleFunnel(inUtc, stages).stages[1]?.reached).toBe(0);
    // A given timeZone is handed to the milestones.
    expect(lifecycleFunnel(inUtc, stages, { timeZone: BERLIN }).stages[1]?.reached).toBe(1);
    expect(lifecycleFunnel(inUtc, lifecycle(stages, { timeZone: BERLIN })).stages[1]?.reached).toBe(1);

    expect([timeToValue(inUtc, threeDays).reached, timeToValue(inBerlin, threeDays).reached]).toEqual([0, 1]);
    const ttv = timeToValue(inUtc, threeDays, { timeZone: BERLIN });
    expect([ttv.timeZone, ttv.reached]).toEqual([BERLIN, 1]);

    // asOf 2024-06-01: the 7-day window (from 05-01 10:00Z) has closed.
    const options = { goal: threeDays, withinDays: 7, asOf: '2024-06-01' };
    expect([conversion(inUtc, options).converted, conversion(inBerlin, options).converted]).toEqual([0, 1]);
    expect(conversion(inUtc, { ...options, timeZone: BERLIN }).converted).toBe(1);
    const all = { ...options, segment: () => true };
    expect([compareConversion(inUtc, all).segment.converted, compareConversion(inBerlin, all).segment.converted]).toEqual([0, 1]);
    expect(compareConversion(inUtc, { ...all, timeZone: BERLIN }).segment.converted).toBe(1);
  });

  it("reads a date-only asOf in the journeys' zone", () => {
    // The end of 2024-05-02 in Berlin is 05-02T21:59:59.999Z: e3 (23:30Z) is after it.
    const before = lifecycleFunnel(inBerlin, stages, { asOf: '2024-05-02' });
    expect([before.asOf, before.asOfDate, before.timeZone, before.stages[1]?.reached]).toEqual(['2024-05-02T21:59:59.999Z', '2024-05-02', BERLIN, 0]);
    // The end of 05-03 in Berlin (05-03T21:59:59.999Z) is after e3.
    const after = timeToValue(inBerlin, threeDays, { asOf: '2024-05-03' });
    expect([after.asOf, after.asOfDate, after.reached]).toEqual(['2024-05-03T21:59:59.999Z', '2024-05-03', 1]);
  });

  it('refuses journeys of different zones unless the call names one', () => {
    const mixed = [utcJourney, { ...berlinJourney, id: 'v' }];
    const error = errorOf(() => lifecycleFunnel(mixed, stages));
    expect([error.code, error.path, error.message]).toEqual([
      'invalid-time-zone',
      'journeys[1].timeZone',
      'lifecycleFunnel: journeys[1].timeZone differs from the zone of the first journey, "UTC"; build the journeys in one zone or pass options.timeZone ("Europe/Berlin")',
    ]);
    expect(errorOf(() => timeToValue(mixed, threeDays)).path).toBe('journeys[1].timeZone');
    expect(errorOf(() => conversion(mixed, { goal: threeDays, withinDays: 7 })).path).toBe('journeys[1].timeZone');
    // Named, the call's zone applies to both.
    expect(lifecycleFunnel(mixed, stages, { timeZone: BERLIN }).stages[1]?.reached).toBe(2);
  });

  it('rejects a journey whose zone is not an IANA name', () => {
    const mars = { ...utcJourney, timeZone: 'Mars/Olympus' };
    let error = errorOf(() => threeDays(mars));
    expect([error.code, error.path, error.message]).toEqual(['invalid-time-zone', 'journey.timeZone', 'activeDays: journey.timeZone is not a known IANA time zone ("Mars/Olympus")']);
    error = errorOf(() => lifecycle(stages)(mars));
    expect([error.code, error.path]).toEqual(['invalid-time-zone', 'journey.timeZone']);
    error = errorOf(() => lifecycleFunnel([utcJourney, mars], stages));
    expect([error.code, error.path]).toEqual(['invalid-time-zone', 'journeys[1].timeZone']);
  });
});
