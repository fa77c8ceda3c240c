import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasEvent } from '../../src/lifecycle/has-event.js';
import type { Journey } from '../../src/lifecycle/types.js';
import { compareRetention } from '../../src/retention/compare-retention.js';
import { errorOf } from '../support/errors.js';
import { shuffled } from '../support/model.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
const ASOF = T0 + 100 * DAY;
const aha = hasEvent('aha');

/** A journey starting at `start` with logins on `days` (days after the start) and an `aha` event on `ahaDay`. */
function user(id: string, days: number[], ahaDay: number | null = null, start = T0): Journey {
  const events = days.map((d) => ({ name: 'login', timestamp: start + d * DAY, record: {} }));
  if (ahaDay !== null) events.push({ name: 'aha', timestamp: start + ahaDay * DAY, record: {} });
  return { id, start, events: events.sort((a, b) => a.timestamp - b.timestamp) };
}

/**
 * Landmark day 14, horizon day 74 (follow-up 60 days), inactivity 14 days, asOf day 100.
 * Each line: activity, where the landmark finds it, its churn c, and its duration after
 * the landmark (e = churn observed, c = censored).
 */
const HAND = [
  // Segment (aha by day 14).
  user('s1', [10, 17], 2), // aha 2; last before L: 10; 10→17, then nothing: churns at 17 → 3 e
  user('s2', [12, 24], 5), // aha 5; 12→24 (12 < 14), nothing after: 24 → 10 e
  user('s3', [12, 24], 3, ASOF - 30 * DAY), // as s2 but started 30 days before asOf: churn at 24 is 6 days before asOf, unknown: censored at 10
  user('s4', [8, 26, 39], 14), // aha exactly at the landmark: segment; 14→26→39: 25 e
  user('s5', [4, 15, 28, 41, 54, 67, 80, 93], 0), // gaps of 11-13 days to day 93 (7 before asOf): beyond the horizon, censored at 60
  user('s6', [16, 29, 42, 55, 68, 81, 94], 3), // 3→16 (13) ... 94: censored at 60
  // Control.
  user('c1', [3, 10]), // last seen day 10 (4 days before L): active at L; churns at 10, before L → 0 e
  user('c2', [6, 13], 15), // aha after the landmark: control; 13→15, then nothing: 15 → 1 e
  user('c3', []), // signup only, 14 days before L (>= 14): churned before the landmark, left out
  user('c4', [1, 30]), // day 1 is 13 days before L: active; 1→30 is a 29-day gap: churns at 1 → 0 e
  user('c5', [5, 16, 19]), // 5→16 (11)→19: 19 → 5 e
  user('c6', [12, 19], null, ASOF - 22 * DAY), // churn at 19 is 3 days before asOf, unknown: censored at 5
  user('c7', [10, 20, 26]), // 26 → 12 e
  user('c8', [10, 22, 35, 44], null, ASOF - 50 * DAY), // 44 is 6 days before asOf: censored at 30
  user('c9', [10, 22, 34, 46, 58, 70, 82, 94]), // 94 unknown, beyond the horizon: censored at 60
  user('c10', [1], null, ASOF - 10 * DAY), // landmark 4 days after asOf: left out
  user('c11', [], null, ASOF + DAY), // starts after asOf: left out
];

const HAND_OPTIONS = { segment: aha, landmarkDays: 14, horizonDays: 74, asOf: ASOF, retentionDays: [7, 30, 60] };

describe('compareRetention', () => {
  it('classifies at the landmark, follows from it and censors as worked by hand', () => {
    const result = compareRetention(HAND, HAND_OPTIONS);
    expect([result.journeys, result.segment.users, result.control.users]).toEqual([17, 6, 8]);
    expect(result.leftOut).toEqual({ notYetAtLandmark: 2, churnedBeforeLandmark: 1 });
    // Segment durations 3e, 10e, 10c, 25e, 60c, 60c; control 0e, 1e, 0e, 5e, 5c, 12e, 30c, 60c.
    const table = (g: typeof result.segment) => g.curve.map((p) => [p.time, p.atRisk, p.events, p.censored]);
    expect(table(result.segment)).toEqual([
      [3, 6, 1, 0],
      [10, 5, 1, 1],
      [25, 3, 1, 0],
      [60, 2, 0, 2],
    ]);
    expect(table(result.control)).toEqual([
      [0, 8, 2, 0],
      [1, 6, 1, 0],
      [5, 5, 1, 1],
      [12, 3, 1, 0],
      [30, 2, 0, 1],
      [60, 1, 0, 1],
    ]);
    expect([result.segment.churned, result.segment.censored, result.control.churned, result.control.censored]).toEqual([3, 3, 5, 3]);
    expect([result.asOf, result.asOfDate]).toEqual([new Date(ASOF).toISOString(), '2024-04-10']); // Jan 1 + 100 days (leap year: 31 + 29 + 31 = 91, + 9)
    expect([result.landmarkDays, result.horizonDays, result.followUpDays, result.inactivityDays, result.confidence, result.confType]).toEqual([
      14,
      74,
      60,
      14,
      0.95,
      'log',
    ]);
  });

  it("matches R's survfit and survdiff on the same durations", () => {
    // R 4.x, survival 3.5:
    //   t1 <- c(3, 10, 10, 25, 60, 60); s1 <- c(1, 1, 0, 1, 0, 0)
    //   t2 <- c(0, 1, 0, 5, 5, 12, 30, 60); s2 <- c(1, 1, 1, 1, 0, 1, 0, 0)
    //   s <- summary(survfit(Surv(t1, s1) ~ 1), times = c(7, 30, 60)); sprintf('%.17g', c(s$surv, s$std.err, s$lower, s$upper))
    const rSegment = {
      surv: [0.83333333333333337, 0.44444444444444448, 0.44444444444444448],
      se: [0.15214515486254615, 0.22222222222222224, 0.22222222222222224],
      lower: [0.58265479547713961, 0.16680793662807852, 0.16680793662807852],
      upper: [1, 1, 1],
    };
    //   the same for survfit(Surv(t2, s2) ~ 1)
    const rControl = {
      surv: [0.5, 0.33333333333333331, 0.33333333333333331],
      se: [0.17677669529663689, 0.18002057495577387, 0.18002057495577387],
      lower: [0.25004882186280469, 0.1156584510240405, 0.1156584510240405],
      upper: [0.9998047506785237, 0.96068302944862882, 0.96068302944862882],
    };
    const result = compareRetention(HAND, HAND_OPTIONS);
    result.retention.forEach((r, i) => {
      for (const [mine, theirs] of [
        [r.segment, rSegment],
        [r.control, rControl],
      ] as const) {
        expect(mine?.value).toBeCloseTo(theirs.surv[i] as number, 14);
        expect(mine?.standardError).toBeCloseTo(theirs.se[i] as number, 14);
        expect(mine?.lower).toBeCloseTo(theirs.lower[i] as number, 14);
        expect(mine?.upper).toBeCloseTo(theirs.upper[i] as number, 14);
      }
      // Difference: by hand from the R numbers, z = qnorm(0.975) = 1.959963984540054.
      const value = (rSegment.surv[i] as number) - (rControl.surv[i] as number);
      const spread = 1.959963984540054 * Math.hypot(rSegment.se[i] as number, rControl.se[i] as number);
      expect(r.difference?.value).toBeCloseTo(value, 14);
      expect(r.difference?.lower).toBeCloseTo(value - spread, 12);
      expect(r.difference?.upper).toBeCloseTo(Math.min(1, value + spread), 12);
      expect(r.relativeLift).toBeCloseTo((rSegment.surv[i] as number) / (rControl.surv[i] as number) - 1, 14);
    });
    // d <- survdiff(Surv(c(t1, t2), c(s1, s2)) ~ rep(1:2, c(6, 8)))
    // sprintf('%.17g', c(d$chisq, pchisq(d$chisq, 1, lower.tail = FALSE), d$exp))
    //   -> 0.66070321906504204 0.41631179025031623 4.1275974025974023 3.8724025974025973
    expect(result.logRank.chiSquare).toBeCloseTo(0.66070321906504204, 13);
    expect(result.logRank.pValue).toBeCloseTo(0.41631179025031623, 13);
    expect(result.logRank.degreesOfFreedom).toBe(1);
    expect([result.logRank.segment.events, result.logRank.control.events]).toEqual([3, 5]);
    expect(result.logRank.segment.expectedEvents).toBeCloseTo(4.1275974025974023, 13);
    expect(result.logRank.control.expectedEvents).toBeCloseTo(3.8724025974025973, 13);
    // quantile(survfit(Surv(t1, s1) ~ 1), 0.5): 25 (lower 10, upper NA); control: 8.5 (1, NA).
    expect(result.segment.median).toEqual({ value: 25, lower: 10, upper: null });
    expect(result.control.median).toEqual({ value: 8.5, lower: 1, upper: null });
  });

  it('runs the doc example', () => {
    const jan1 = Date.UTC(2024, 0, 1);
    const u = (id: string, days: number[], ahaDay: number | null, start = jan1) => user(id, days, ahaDay, start);
    const journeys = [
      u('a', [2, 10, 20, 30, 40], 3),
      u('b', [5, 15, 25, 35, 45, 55, 65, 75], 1),
      u('c', [6, 12, 20], 4),
      u('d', [3, 10], null),
      u('e', [6, 13, 18], 16),
      u('f', [8, 12, 22, 30, 50], null),
      u('g', [], null),
      u('h', [1], 0, Date.UTC(2024, 2, 10)),
    ];
    const result = compareRetention(journeys, { segment: aha, landmarkDays: 14, horizonDays: 74, asOf: '2024-03-21' });
    expect([result.segment.users, result.control.users, result.leftOut.churnedBeforeLandmark, result.leftOut.notYetAtLandmark]).toEqual([3, 3, 1, 1]);
    // Segment 6e, 26e, 60c: S(7) = 2/3, S(30) = S(60) = 1/3. Control 0e, 4e, 16e: 2/3 at 0, 1/3 at 4, 0 at 16.
    expect(result.retention.map((r) => [r.day, r.segment?.value, r.control?.value])).toEqual([
      [7, 2 / 3, 1 / 3],
      [30, 1 / 3, 0],
      [60, 1 / 3, 0],
    ]);
    expect(result.retention[0]?.relativeLift).toBeCloseTo(1, 14);
    // The control curve reached 0: no standard error, so no difference interval, no lift.
    expect(result.retention[1]?.difference).toBe(null);
    expect(result.retention[1]?.relativeLift).toBe(null);
    // R: d <- survdiff(Surv(c(6, 26, 60, 0, 4, 16), c(1, 1, 0, 1, 1, 1)) ~ rep(1:2, each = 3))
    //    -> chisq 2.556653288051868, p 0.10983086614128992
    expect(result.logRank.chiSquare).toBeCloseTo(2.556653288051868, 13);
    expect(result.logRank.pValue).toBeCloseTo(0.10983086614128992, 13);
  });

  it('takes an activity matcher: other events do not keep a user retained', () => {
    // Without the matcher 'email_opened' on day 20 keeps c1 going (10→20, nothing after: 6 after the landmark).
    const journeys = [
      { id: 'x', start: T0, events: [{ name: 'login', timestamp: T0 + 10 * DAY, record: {} }, { name: 'email_opened', timestamp: T0 + 20 * DAY, record: {} }] },
    ];
    const all = compareRetention(journeys, { ...HAND_OPTIONS, segment: aha });
    expect(all.control.curve.map((p) => [p.time, p.events])).toEqual([[6, 1]]);
    const logins = compareRetention(journeys, { ...HAND_OPTIONS, activity: 'login' });
    expect(logins.control.curve.map((p) => [p.time, p.events])).toEqual([[0, 1]]);
  });

  it('reads events out of time order and ignores events after asOf', () => {
    const sorted = user('s', [10, 17, 30], 2);
    const reversed = { ...sorted, events: sorted.events.slice().reverse() };
    const a = compareRetention([sorted], { ...HAND_OPTIONS, asOf: T0 + 100 * DAY });
    const b = compareRetention([reversed], { ...HAND_OPTIONS, asOf: T0 + 100 * DAY });
    expect(b).toEqual(a);
    // 10→17→30 at asOf day 100: churns at 30, 16 after. At asOf day 25 the login on day 30 is unseen:
    // last activity 17, 8 days before asOf, unknown: censored at 3.
    expect(a.segment.curve.map((p) => [p.time, p.events, p.censored])).toEqual([[16, 1, 0]]);
    const early = compareRetention([sorted], { ...HAND_OPTIONS, asOf: T0 + 25 * DAY });
    expect(early.segment.curve.map((p) => [p.time, p.events, p.censored])).toEqual([[3, 0, 1]]);
  });

  it('counts activity late on a date-only asOf day (UTC and Berlin); one ms before it, not', () => {
    for (const [timeZone, late] of [
      ['UTC', Date.UTC(2024, 5, 30, 23, 30)],
      ['Europe/Berlin', Date.UTC(2024, 5, 30, 21, 30)], // 23:30 CEST
    ] as const) {
      // Landmark (20 days after the start) at the late login; the start alone is 20 days
      // before it, more than the 14-day gap: only the login keeps the journey active there.
      const journey: Journey = { id: 'x', start: late - 20 * DAY, events: [{ name: 'login', timestamp: late, record: {} }] };
      const options = { segment: aha, landmarkDays: 20, horizonDays: 50, timeZone };
      const run = (asOf: string | number) => compareRetention([journey], { ...options, asOf });
      // The end of 06-30: the login counts; the journey is in the control, its churn (the login)
      // too recent to tell: censored at 0.
      const byDate = run('2024-06-30');
      expect([byDate.control.users, byDate.control.censored, byDate.asOfDate]).toEqual([1, 1, '2024-06-30']);
      expect(byDate.asOf).toBe(new Date((timeZone === 'UTC' ? Date.UTC(2024, 6, 1) : Date.UTC(2024, 5, 30, 22)) - 1).toISOString());
      expect(run(late).control.users).toBe(1);
      // 1 ms earlier the landmark has not been reached.
      expect(run(late - 1).leftOut).toEqual({ notYetAtLandmark: 1, churnedBeforeLandmark: 0 });
    }
  });

  it('observes a churn once the whole gap after it has been seen, a date-only asOf included', () => {
    // Start Jan 1 00:00Z, one login on day 10 (Jan 11 00:00Z), landmark day 14: active there
    // (4 days since the login), and the login is the churn candidate c (before L: duration 0).
    // The 14-day gap after c runs to Jan 25 00:00Z exclusive: its last ms is the end of Jan 24.
    const journeys = [user('x', [10])];
    const run = (asOf: string) => compareRetention(journeys, { segment: aha, landmarkDays: 14, horizonDays: 30, asOf });
    expect(run('2024-01-24').control.curve.map((p) => [p.time, p.events, p.censored])).toEqual([[0, 1, 0]]);
    expect(run('2024-01-24T23:59:59.999Z').control.churned).toBe(1);
    // One ms short: the gap is not over, censored at 0. (0.1's '2024-01-24' meant Jan 24 00:00.)
    expect(run('2024-01-24T23:59:59.998Z').control.curve.map((p) => [p.time, p.events, p.censored])).toEqual([[0, 0, 1]]);
  });

  it('works in the zone the journeys carry, or in its own timeZone, which the segment milestone then sees', () => {
    // One journey built in Berlin: start 06-01 00:00 CEST (05-31T22:00Z), a login 20 days
    // later at 06-21 00:00 CEST; landmark 20 days: the login is at the landmark.
    const start = Date.UTC(2024, 4, 31, 22);
    const berlin: Journey = { id: 'x', start, events: [{ name: 'login', timestamp: start + 20 * DAY, record: {} }], timeZone: 'Europe/Berlin' };
    const options = { segment: aha, landmarkDays: 20, horizonDays: 40 };
    // asOf '2024-06-20' in Berlin ends at 06-20T21:59:59.999Z, 2 hours before the landmark
    // (06-20T22:00Z): not yet at it. Read in UTC it would end at 06-20T23:59:59.999Z, after it.
    const inJourneyZone = compareRetention([berlin], { ...options, asOf: '2024-06-20' });
    expect([inJourneyZone.timeZone, inJourneyZone.asOf, inJourneyZone.leftOut.notYetAtLandmark]).toEqual(['Europe/Berlin', '2024-06-20T21:59:59.999Z', 1]);
    const inUtc = compareRetention([berlin], { ...options, asOf: '2024-06-20', timeZone: 'UTC' });
    expect([inUtc.timeZone, inUtc.asOf, inUtc.control.users]).toEqual(['UTC', '2024-06-20T23:59:59.999Z', 1]);
    // With its own timeZone the call hands the journeys to the segment in that zone.
    const seen: unknown[] = [];
    const spy = (journey: Journey): number | null => {
      seen.push(journey.timeZone);
      return null;
    };
    compareRetention([berlin], { ...options, segment: spy, timeZone: 'Asia/Tokyo' });
    compareRetention([berlin], { ...options, segment: spy });
    expect(seen).toEqual(['Asia/Tokyo', 'Europe/Berlin']);
    // Journeys in two zones and no timeZone: which zone a date means is unknowable.
    const error = errorOf(() => compareRetention([berlin, { ...berlin, id: 'y', timeZone: 'UTC' }], options));
    expect([error.code, error.path]).toEqual(['invalid-time-zone', 'journeys[1].timeZone']);
  });

  it('rejects unknown options and null values', () => {
    let error = errorOf(() => compareRetention(HAND, { ...HAND_OPTIONS, horizonDay: 74 } as unknown as typeof HAND_OPTIONS));
    expect([error.code, error.path, error.message]).toEqual(['unknown-option', 'options.horizonDay', 'compareRetention: options.horizonDay is not an option; did you mean horizonDays? (74)']);
    error = errorOf(() => compareRetention(HAND, { ...HAND_OPTIONS, timezone: 'UTC' } as unknown as typeof HAND_OPTIONS));
    expect([error.code, error.path]).toEqual(['unknown-option', 'options.timezone']);
    expect(error.message).toContain('did you mean timeZone?');
    for (const key of ['asOf', 'inactivityDays', 'retentionDays', 'activity', 'confidence', 'confType', 'timeZone']) {
      error = errorOf(() => compareRetention(HAND, { ...HAND_OPTIONS, [key]: null } as unknown as typeof HAND_OPTIONS));
      expect([error.code, error.path]).toEqual(['invalid-option', `options.${key}`]);
    }
  });

  it('defaults asOf to the latest instant, retention days to those that fit, and reports empty input', () => {
    const result = compareRetention(HAND.slice(0, 2), { segment: aha, landmarkDays: 14, horizonDays: 34 });
    expect(result.asOf).toBe(new Date(T0 + 24 * DAY).toISOString());
    expect(result.retentionDays).toEqual([7]);
    expect(compareRetention([], { segment: aha, landmarkDays: 7, horizonDays: 10 }).retentionDays).toEqual([3]);
    const empty = compareRetention([], HAND_OPTIONS);
    expect(empty.asOf).toBe(new Date(ASOF).toISOString());
    expect(empty.journeys).toBe(0);
    expect(empty.segment).toEqual({ users: 0, churned: 0, censored: 0, curve: [], median: { value: null, lower: null, upper: null } });
    expect(empty.retention.every((r) => r.segment === null && r.control === null && r.difference === null && r.relativeLift === null)).toBe(true);
    expect(empty.logRank.pValue).toBe(null);
    const none = compareRetention([], { segment: aha, landmarkDays: 7, horizonDays: 30 });
    expect([none.asOf, none.asOfDate]).toEqual([null, null]);
  });

  it('does not mutate its input', () => {
    const frozen = HAND.map((j) => Object.freeze({ ...j, events: Object.freeze(j.events.map((e) => Object.freeze({ ...e }))) }));
    Object.freeze(frozen);
    const first = compareRetention(frozen, HAND_OPTIONS);
    expect(compareRetention(frozen, HAND_OPTIONS)).toEqual(first);
    expect(first).toEqual(compareRetention(HAND, HAND_OPTIONS));
  });

  it('rejects bad options and journeys', () => {
    const cases: [unknown, string, string, string][] = [
      [{ ...HAND_OPTIONS, segment: 'aha' }, 'invalid-option', 'options.segment', 'compareRetention: options.segment must be a milestone, a function (journey) => number | null ("aha")'],
      [{ ...HAND_OPTIONS, landmarkDays: -1 }, 'invalid-number', 'options.landmarkDays', 'compareRetention: options.landmarkDays must be a finite number of days >= 0 (-1)'],
      [{ ...HAND_OPTIONS, horizonDays: 14 }, 'invalid-number', 'options.horizonDays', 'compareRetention: options.horizonDays must be a finite number of days greater than options.landmarkDays (14) (14)'],
      [{ ...HAND_OPTIONS, inactivityDays: 0 }, 'invalid-number', 'options.inactivityDays', 'compareRetention: options.inactivityDays must be a finite number of days > 0 (0)'],
      [{ ...HAND_OPTIONS, retentionDays: [7, 61] }, 'invalid-number', 'options.retentionDays[1]', 'compareRetention: options.retentionDays[1] must be a number of days from 0 to horizonDays − landmarkDays (60) (61)'],
      [{ ...HAND_OPTIONS, confidence: 95 }, 'invalid-option', 'options.confidence', 'compareRetention: options.confidence must be a number strictly between 0 and 1 (95)'],
      [{ ...HAND_OPTIONS, asOf: 'yesterday' }, 'invalid-timestamp', 'options.asOf', 'compareRetention: options.asOf is not a valid timestamp ("yesterday")'],
      [{ ...HAND_OPTIONS, activity: '' }, 'invalid-option', 'options.activity', 'compareRetention: options.activity must be a non-empty event name or a predicate (event) => boolean ("")'],
    ];
    for (const [options, code, path, message] of cases) {
      const error = errorOf(() => compareRetention(HAND, options as typeof HAND_OPTIONS));
      expect([error.code, error.path, error.message]).toEqual([code, path, message]);
    }
    const badEvent = [HAND[0], { id: 'z', start: T0, events: [{ name: 'login', timestamp: 'yesterday', record: {} }] }];
    const error = errorOf(() => compareRetention(badEvent as Journey[], HAND_OPTIONS));
    expect([error.code, error.path, error.message]).toEqual(['invalid-timestamp', 'journeys[1].events[0].timestamp', 'compareRetention: journeys[1] (id "z").events[0].timestamp is not a valid timestamp ("yesterday")']);
    const badStart = errorOf(() => compareRetention([{ id: 'z', start: 'x', events: [] }] as unknown as Journey[], HAND_OPTIONS));
    expect([badStart.code, badStart.path]).toEqual(['invalid-timestamp', 'journeys[0].start']);
    expect(badStart.message).toBe('compareRetention: journeys[0] (id "z").start is not a valid timestamp ("x")');
    const badMilestone = errorOf(() => compareRetention(HAND, { ...HAND_OPTIONS, segment: () => Number.NaN }));
    expect([badMilestone.code, badMilestone.path]).toEqual(['invalid-milestone', 'options.segment']);
  });

  const arbitraryJourneys = fc.array(
    fc.record({
      startDay: fc.integer({ min: 0, max: 60 }),
      days: fc.array(fc.integer({ min: -2, max: 90 }), { maxLength: 8 }),
      ahaDay: fc.option(fc.integer({ min: -1, max: 30 }), { nil: null }),
    }),
    { maxLength: 25 },
  );
  const build = (specs: { startDay: number; days: number[]; ahaDay: number | null }[]): Journey[] =>
    specs.map((s, i) => user(`u${i}`, s.days, s.ahaDay, T0 + s.startDay * DAY));

  it('property: the groups and the left-out journeys add up to all journeys; retention lies in [0, 1]', () => {
    fc.assert(
      fc.property(arbitraryJourneys, fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 21 }), (specs, landmarkDays, followUp, inactivityDays) => {
        const result = compareRetention(build(specs), { segment: aha, landmarkDays, horizonDays: landmarkDays + followUp, inactivityDays, asOf: T0 + 120 * DAY });
        expect(result.segment.users + result.control.users + result.leftOut.notYetAtLandmark + result.leftOut.churnedBeforeLandmark).toBe(specs.length);
        for (const r of result.retention) {
          for (const s of [r.segment, r.control]) {
            if (s === null) continue;
            expect(s.value).toBeGreaterThanOrEqual(0);
            expect(s.value).toBeLessThanOrEqual(1);
            if (s.lower !== null && s.upper !== null) {
              expect(s.lower).toBeLessThanOrEqual(s.value);
              expect(s.upper).toBeGreaterThanOrEqual(s.value);
            }
          }
          if (r.difference !== null) {
            expect(r.difference.lower).toBeGreaterThanOrEqual(-1);
            expect(r.difference.upper).toBeLessThanOrEqual(1);
          }
        }
        for (const p of [...result.segment.curve, ...result.control.curve]) {
          expect(p.time).toBeGreaterThanOrEqual(0);
          expect(p.time).toBeLessThanOrEqual(followUp);
        }
        if (result.logRank.pValue !== null) {
          expect(result.logRank.pValue).toBeGreaterThanOrEqual(0);
          expect(result.logRank.pValue).toBeLessThanOrEqual(1);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('property: shuffling the journeys changes nothing', () => {
    fc.assert(
      fc.property(arbitraryJourneys, fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), (specs, picks) => {
        const journeys = build(specs);
        const options = { segment: aha, landmarkDays: 7, horizonDays: 60 };
        expect(compareRetention(shuffled(journeys, picks), options)).toEqual(compareRetention(journeys, options));
      }),
      { numRuns: 100 },
    );
  });
});
