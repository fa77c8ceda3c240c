import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { timeToValue, type TimeToValueResult } from '../../src/lifecycle/time-to-value.js';
import type { Journey, Milestone } from '../../src/lifecycle/types.js';
import { curvePoint, kaplanMeierEngine, survivalQuantile } from '../../src/stats/kaplan-meier-engine.js';
import { errorOf } from '../support/errors.js';
import { shuffled } from '../support/model.js';

// Reference numbers: R 4.2.2, survival 3.5-3, printed with sprintf('%.15g', x); compared with
// a relative tolerance of 1e-12 (the function works in milliseconds, R in days).
const RELATIVE = 1e-12;
const HOUR = 3_600_000;
const DAY = 86_400_000;

function close(actual: number | null | undefined, expected: number | null, what = ''): void {
  if (expected === null) {
    expect(actual, what).toBeNull();
    return;
  }
  expect(typeof actual, what).toBe('number');
  expect(Math.abs((actual as number) - expected), `${what}: ${actual} vs ${expected}`).toBeLessThanOrEqual(RELATIVE * Math.abs(expected));
}

/** [value, lower, upper] of a quantile (a `SurvivalQuantile`: never null itself, R's `NA` parts null). */
function expectQuantile(actual: TimeToValueResult['median'], expected: readonly [number | null, number | null, number | null], what: string): void {
  close(actual.value, expected[0], `${what}.value`);
  close(actual.lower, expected[1], `${what}.lower`);
  close(actual.upper, expected[2], `${what}.upper`);
}

/** Shares of reachedWithin as [value, lower, upper] (or null), in order. */
function expectShares(actual: TimeToValueResult['reachedWithin'], expected: readonly ([number, number | null, number | null] | null)[]): void {
  expect(actual.length).toBe(expected.length);
  expected.forEach((share, i) => {
    const got = actual[i]?.share;
    if (share === null) {
      expect(got, `reachedWithin[${i}]`).toBeNull();
      return;
    }
    close(got?.value, share[0], `reachedWithin[${i}].value`);
    close(got?.lower, share[1], `reachedWithin[${i}].lower`);
    close(got?.upper, share[2], `reachedWithin[${i}].upper`);
  });
}

/** The milestone of every test: the first 'aha' event. */
const aha: Milestone = (journey) => {
  for (const event of journey.events) if (event.name === 'aha') return event.timestamp;
  return null;
};

/** A journey starting at `start` with an 'aha' event at `ahaAt` (none when null) and other events. */
function journey(id: string | number, start: number, ahaAt: number | null, others: readonly number[] = []): Journey {
  const events = others.map((timestamp) => ({ name: 'login', timestamp, record: {} }));
  if (ahaAt !== null) events.push({ name: 'aha', timestamp: ahaAt, record: {} });
  events.sort((a, b) => a.timestamp - b.timestamp);
  return { id, start, events };
}

const at = (iso: string): number => Date.parse(iso);

// Fifteen journeys, asOf 2024-06-30T00:00Z. Durations worked by hand, in days:
//  j1  06-01T00 -> aha 06-01T12          event 0.5
//  j2  06-01T08 -> aha 06-03T08          event 2
//  j3  06-02T00 -> aha 06-04T18          event 2.75
//  j4  06-03T00, no aha                  censored 27 (06-03 to 06-30)
//  j5  06-05T00 -> aha 06-05T00          event 0 (at the start)
//  j6  06-05T12 -> aha 06-04T00          event 0 (before the start: counts as 0)
//  j7  06-10T00 -> aha 06-17T00          event 7
//  j8  06-12T00 -> aha 07-05T00          censored 18 (reached after asOf)
//  j9  06-20T00 -> aha 06-22T00          event 2
//  j10 06-25T00, no aha                  censored 5
//  j11 06-28T06 -> aha 06-29T06          event 1
//  j12 06-29T00, no aha                  censored 1 (tied with j11's event: still at risk at 1)
//  j13 07-02T00 -> aha 07-03T00          starts after asOf: not started
//  j14 06-15T00 -> aha 06-30T00          event 15 (exactly at asOf)
//  j15 06-08T00 -> aha 06-20T00          event 12
// R: d <- c(0.5, 2, 2.75, 27, 0, 0, 7, 18, 2, 5, 1, 1, 15, 12); e <- c(1,1,1,0,1,1,1,0,1,0,1,0,1,1)
const FIFTEEN = [
  journey('j1', at('2024-06-01T00:00Z'), at('2024-06-01T12:00Z')),
  journey('j2', at('2024-06-01T08:00Z'), at('2024-06-03T08:00Z')),
  journey('j3', at('2024-06-02T00:00Z'), at('2024-06-04T18:00Z')),
  journey('j4', at('2024-06-03T00:00Z'), null, [at('2024-06-04T00:00Z')]),
  journey('j5', at('2024-06-05T00:00Z'), at('2024-06-05T00:00Z')),
  journey('j6', at('2024-06-05T12:00Z'), at('2024-06-04T00:00Z')),
  journey('j7', at('2024-06-10T00:00Z'), at('2024-06-17T00:00Z')),
  journey('j8', at('2024-06-12T00:00Z'), at('2024-07-05T00:00Z')),
  journey('j9', at('2024-06-20T00:00Z'), at('2024-06-22T00:00Z')),
  journey('j10', at('2024-06-25T00:00Z'), null),
  journey('j11', at('2024-06-28T06:00Z'), at('2024-06-29T06:00Z')),
  journey('j12', at('2024-06-29T00:00Z'), null),
  journey('j13', at('2024-07-02T00:00Z'), at('2024-07-03T00:00Z')),
  journey('j14', at('2024-06-15T00:00Z'), at('2024-06-30T00:00Z')),
  journey('j15', at('2024-06-08T00:00Z'), at('2024-06-20T00:00Z')),
];
const FIFTEEN_AS_OF = '2024-06-30T00:00:00Z';

// Thirty journeys from a formula, i = 0..29: start = i × 7 hours; aha after
// ((37 i) mod 50) / 5 days unless i is a multiple of 5 (never); asOf = 12 days.
// R: i <- 0:29; st <- i*7/24; o <- ifelse(i %% 5 == 0, NA, ((i*37) %% 50)/5)
//    ev <- !is.na(o) & st + o <= 12; dur <- ifelse(ev, o, 12 - st)   (18 events)
const BASE = at('2024-01-01T00:00Z');
const THIRTY = Array.from({ length: 30 }, (_, i) => {
  const start = BASE + i * 7 * HOUR;
  return journey(i, start, i % 5 === 0 ? null : start + ((37 * i) % 50) * (DAY / 5));
});
const THIRTY_AS_OF = BASE + 12 * DAY;

describe('timeToValue', () => {
  it('runs the doc example', () => {
    // R: fit <- survfit(Surv(c(1,2,2,4,10,6), c(1,1,1,1,0,1)) ~ 1)
    //    quantile(fit, c(.5, .75, .9)) -> quantile 3 6 NA, lower 2 2 6, upper NA NA NA
    //    1 - summary(fit, times = c(1, 7))$surv -> 0.166666666666667 0.833333333333333 (30: after the last time)
    const ahaEvent = (j: Journey) => j.events.find((e) => e.name === 'aha')?.timestamp ?? null;
    const start = Date.parse('2024-05-01T00:00:00Z');
    const make = (id: string, ahaAfterDays: number | null) => ({
      id,
      start,
      events: ahaAfterDays === null ? [] : [{ name: 'aha', timestamp: start + ahaAfterDays * 86_400_000, record: {} }],
    });
    const list = [make('a', 1), make('b', 2), make('c', 2), make('d', 4), make('e', null), make('f', 6)];
    const result = timeToValue(list, ahaEvent, { asOf: '2024-05-11T00:00:00Z' });
    expect([result.n, result.reached, result.censored]).toEqual([6, 5, 1]);
    // S = 5/6, 1/2 (2 to 4: flat at exactly 0.5), 1/3, 1/6: the median is the midpoint of 2 and 4.
    expect(result.median).toEqual({ value: 3, lower: 2, upper: null });
    expect(result.p75.value).toBe(6);
    // R: p90 NA, its lower bound 6, upper NA.
    expect(result.p90).toEqual({ value: null, lower: 6, upper: null });
    // The curve, worked by hand: durations 1, 2, 2, 4, 6 (events) and 10 (censored at asOf).
    // S = 5/6, 5/6 × 3/5 = 1/2, 1/2 × 2/3 = 1/3, 1/3 × 1/2 = 1/6, then flat at the censoring.
    expect(result.curve.map((step) => [step.time, step.atRisk, step.events, step.censored])).toEqual([
      [1, 6, 1, 0],
      [2, 5, 2, 0],
      [4, 3, 1, 0],
      [6, 2, 1, 0],
      [10, 1, 0, 1],
    ]);
    result.curve.forEach((step, k) => close(step.survival, [5 / 6, 1 / 2, 1 / 3, 1 / 6, 1 / 6][k] as number, `curve[${k}].survival`));
    close(result.reachedWithin[0]?.share?.value, 0.166666666666667);
    close(result.reachedWithin[1]?.share?.value, 0.833333333333333);
    expect(result.reachedWithin[2]).toEqual({ horizon: 30, share: null });
  });

  it('matches R on journeys that reach it early, late, after asOf, or start after asOf', () => {
    // R: fit <- survfit(Surv(d, e) ~ 1) with d, e above
    //    quantile(fit, c(.5, .75, .9)) -> quantile 2.75 15 NA; lower 2 7 15; upper NA NA NA
    //    s <- summary(fit, times = c(0, 1, 2.5, 7, 27, 30))   (30 is after the last time: dropped)
    //    1 - s$surv  -> 0.142857142857143 0.285714285714286 0.444444444444445 0.619047619047619 0.80952380952381
    //    1 - s$upper -> 0 0.00516447449919433 0.100959405525528 0.21907518842075 0.358202224360353
    //    1 - s$lower -> 0.307883013937947 0.487147303695439 0.656698510383665 0.814163009803972 0.943469453283532
    const result = timeToValue(FIFTEEN, aha, { asOf: FIFTEEN_AS_OF, horizons: [0, 1, 2.5, 7, 27, 30] });
    expect(result).toMatchObject({
      asOf: '2024-06-30T00:00:00.000Z',
      timeZone: 'UTC',
      unit: 'days',
      confidence: 0.95,
      n: 14,
      reached: 10,
      censored: 4,
      notStarted: 1,
    });
    expectQuantile(result.median, [2.75, 2, null], 'median');
    expectQuantile(result.p75, [15, 7, null], 'p75');
    expectQuantile(result.p90, [null, 15, null], 'p90');
    expect(result.reachedWithin.map((r) => r.horizon)).toEqual([0, 1, 2.5, 7, 27, 30]);
    expectShares(result.reachedWithin, [
      [0.142857142857143, 0, 0.307883013937947],
      [0.285714285714286, 0.00516447449919433, 0.487147303695439],
      [0.444444444444445, 0.100959405525528, 0.656698510383665],
      [0.619047619047619, 0.21907518842075, 0.814163009803972],
      [0.80952380952381, 0.358202224360353, 0.943469453283532],
      null,
    ]);
  });

  it('uses the confidence level for every interval', () => {
    // R: fit <- survfit(Surv(d, e) ~ 1, conf.int = 0.9) with d, e of the fifteen journeys
    //    quantile(fit, c(.5, .75, .9)) -> same as at 0.95: 2.75 15 NA; lower 2 7 15; upper NA NA NA
    //    s <- summary(fit, times = c(1, 7)); 1 - s$upper -> 0.0567663258549261 0.304191206365378
    //    1 - s$lower -> 0.459090471833408 0.791430177541713
    const result = timeToValue(FIFTEEN, aha, { asOf: FIFTEEN_AS_OF, horizons: [1, 7], confidence: 0.9 });
    expect(result.confidence).toBe(0.9);
    expectQuantile(result.median, [2.75, 2, null], 'median');
    expectShares(result.reachedWithin, [
      [0.285714285714286, 0.0567663258549261, 0.459090471833408],
      [0.619047619047619, 0.304191206365378, 0.791430177541713],
    ]);
  });

  it('matches R on thirty journeys, in days and in hours', () => {
    // R (see THIRTY): fit <- survfit(Surv(dur, ev) ~ 1)
    //    quantile(fit, c(.5, .75, .9)) -> quantile 6.2 9.6 NA; lower 4.8 7.4 9.6; upper NA NA NA
    //    s <- summary(fit, times = c(0.5, 1, 7, 30))  (30 dropped: the longest duration is 12)
    //    1 - s$surv  -> 0.0333333333333333 0.0666666666666667 0.566326530612245
    //    1 - s$upper -> 0 0 0.316019009320589
    //    1 - s$lower -> 0.0954797207427297 0.151791941484741 0.725032302631692
    const days = timeToValue(THIRTY, aha, { asOf: THIRTY_AS_OF, horizons: [0.5, 1, 7, 30] });
    expect([days.n, days.reached, days.censored, days.notStarted]).toEqual([30, 18, 12, 0]);
    expectQuantile(days.median, [6.2, 4.8, null], 'median');
    expectQuantile(days.p75, [9.6, 7.4, null], 'p75');
    expectQuantile(days.p90, [null, 9.6, null], 'p90');
    expectShares(days.reachedWithin, [
      [0.0333333333333333, 0, 0.0954797207427297],
      [0.0666666666666667, 0, 0.151791941484741],
      [0.566326530612245, 0.316019009320589, 0.725032302631692],
      null,
    ]);
    // The same in hours: times × 24, shares unchanged (withinDays stays in days).
    const hours = timeToValue(THIRTY, aha, { asOf: THIRTY_AS_OF, horizons: [0.5, 1, 7, 30], unit: 'hours' });
    expect(hours.unit).toBe('hours');
    expectQuantile(hours.median, [6.2 * 24, 4.8 * 24, null], 'median');
    expectQuantile(hours.p75, [9.6 * 24, 7.4 * 24, null], 'p75');
    expect(hours.reachedWithin).toEqual(days.reachedWithin);
  });

  it('bounds the median on both sides at a lower confidence', () => {
    // R: fit <- survfit(Surv(dur, ev) ~ 1, conf.int = 0.8) (THIRTY)
    //    quantile(fit, c(.5, .75, .9)) -> quantile 6.2 9.6 NA; lower 5.4 9.2 9.6; upper 9.2 NA NA
    //    s <- summary(fit, times = c(0.5, 1, 7)); 1 - s$upper -> 0 0.00643874007530365 0.415814999695255
    //    1 - s$lower -> 0.0744343537499105 0.123243682853401 0.67805972773573
    const result = timeToValue(THIRTY, aha, { asOf: THIRTY_AS_OF, horizons: [0.5, 1, 7], confidence: 0.8 });
    expectQuantile(result.median, [6.2, 5.4, 9.2], 'median');
    expectQuantile(result.p75, [9.6, 9.2, null], 'p75');
    expectShares(result.reachedWithin, [
      [0.0333333333333333, 0, 0.0744343537499105],
      [0.0666666666666667, 0.00643874007530365, 0.123243682853401],
      [0.566326530612245, 0.415814999695255, 0.67805972773573],
    ]);
  });

  it('gives a share of 1 without bounds once every journey has reached it', () => {
    // Three journeys reach it after 0.5, 1 and 3 days (asOf 5 days after the start).
    // R: fit <- survfit(Surv(c(0.5, 1, 3), c(1, 1, 1)) ~ 1)
    //    quantile(fit, c(.5, .75, .9)) -> quantile 1 3 3; lower 0.5 1 1; upper NA NA NA
    //    s <- summary(fit, times = c(1, 3), extend = TRUE): 1 - s$surv 0.666666666666667 1;
    //    1 - s$upper 0 NA; 1 - s$lower 0.932721609148078 NA (S = 0: R's bounds are NA)
    const start = at('2024-03-01T00:00Z');
    const list = [journey('a', start, start + DAY / 2), journey('b', start, start + DAY), journey('c', start, start + 3 * DAY)];
    const result = timeToValue(list, aha, { asOf: start + 5 * DAY, horizons: [1, 3, 30] });
    expectQuantile(result.median, [1, 0.5, null], 'median');
    expectQuantile(result.p75, [3, 1, null], 'p75');
    expectQuantile(result.p90, [3, 1, null], 'p90');
    expectShares(result.reachedWithin, [[0.666666666666667, 0, 0.932721609148078], [1, null, null], [1, null, null]]);
  });

  it('gives shares of 0 and no quantiles when nobody has reached it', () => {
    const start = at('2024-03-01T00:00Z');
    const list = [journey('a', start, null), journey('b', start + DAY, null, [start + 2 * DAY])];
    const result = timeToValue(list, aha, { horizons: [1, 7] });
    // Default asOf: the latest instant, b's login on day 2. a is censored at 2 days, b at 1.
    expect(result).toEqual({
      asOf: '2024-03-03T00:00:00.000Z',
      asOfDate: '2024-03-03',
      timeZone: 'UTC',
      unit: 'days',
      confidence: 0.95,
      n: 2,
      reached: 0,
      censored: 2,
      notStarted: 0,
      median: { value: null, lower: null, upper: null },
      p75: { value: null, lower: null, upper: null },
      p90: { value: null, lower: null, upper: null },
      // No event: S stays 1 with no variance (Greenwood sum 0), so the bounds are 1 too.
      curve: [
        { time: 1, atRisk: 2, events: 0, censored: 1, survival: 1, standardError: 0, lower: 1, upper: 1 },
        { time: 2, atRisk: 1, events: 0, censored: 1, survival: 1, standardError: 0, lower: 1, upper: 1 },
      ],
      reachedWithin: [
        { horizon: 1, share: { value: 0, lower: 0, upper: 0 } },
        { horizon: 7, share: null },
      ],
    });
  });

  it('defaults asOf to the latest start or event, and reads a date-only asOf in the time zone', () => {
    // The latest instant in the journeys: j8's aha on 2024-07-05 (later than j13's start on 07-02).
    expect(timeToValue(FIFTEEN, aha).asOf).toBe('2024-07-05T00:00:00.000Z');
    // 1.0: a date-only asOf is the END of that local day: 2024-06-30 23:59:59.999 EDT = 07-01T03:59:59.999Z
    // (it was the start of the day, 06-30T04:00Z, in 0.1).
    const zoned = timeToValue(FIFTEEN, aha, { asOf: '2024-06-30', timeZone: 'America/New_York' });
    expect([zoned.asOf, zoned.asOfDate]).toEqual(['2024-07-01T03:59:59.999Z', '2024-06-30']);
    expect(zoned.timeZone).toBe('America/New_York');
    // j14's aha (06-30T00Z) is reached; j8's (07-05) is not and j13 (starts 07-02) has not started.
    expect([zoned.reached, zoned.notStarted]).toEqual([10, 1]);
  });

  it('gives no journeys null figures', () => {
    expect(timeToValue([], aha)).toEqual({
      asOf: null,
      asOfDate: null,
      timeZone: 'UTC',
      unit: 'days',
      confidence: 0.95,
      n: 0,
      reached: 0,
      censored: 0,
      notStarted: 0,
      median: { value: null, lower: null, upper: null },
      p75: { value: null, lower: null, upper: null },
      p90: { value: null, lower: null, upper: null },
      curve: [],
      reachedWithin: [
        { horizon: 1, share: null },
        { horizon: 7, share: null },
        { horizon: 30, share: null },
      ],
    });
    expect(timeToValue([], aha, { asOf: '2024-01-01T00:00:00Z', horizons: [] })).toMatchObject({ asOf: '2024-01-01T00:00:00.000Z', n: 0, reachedWithin: [] });
  });

  it('reads any iterable once and does not mutate the journeys', () => {
    const frozen = FIFTEEN.map((j) => Object.freeze({ ...j, events: Object.freeze(j.events.map((e) => Object.freeze({ ...e }))) }));
    Object.freeze(frozen);
    const first = timeToValue(frozen, aha, { asOf: FIFTEEN_AS_OF });
    expect(timeToValue(frozen, aha, { asOf: FIFTEEN_AS_OF })).toEqual(first);
    function* generate(): Generator<Journey> {
      yield* FIFTEEN;
    }
    expect(timeToValue(generate(), aha, { asOf: FIFTEEN_AS_OF })).toEqual(first);
  });
});

describe('timeToValue input errors', () => {
  const cases: [string, () => unknown, { code: string; path: string; message: string }][] = [
    [
      'a milestone that is not a function',
      () => timeToValue(FIFTEEN, 'aha' as unknown as Milestone),
      { code: 'invalid-option', path: 'milestone', message: 'timeToValue: milestone must be a milestone, a function (journey) => number | null ("aha")' },
    ],
    [
      'journeys that are not iterable',
      () => timeToValue(42 as unknown as Journey[], aha),
      { code: 'invalid-input', path: 'journeys', message: 'timeToValue: journeys must be an array or another iterable of records (42)' },
    ],
    [
      'a journey without a valid start',
      () => timeToValue([FIFTEEN[0] as Journey, { id: 'x', start: '2024-01-01', events: [] } as unknown as Journey], aha),
      { code: 'invalid-timestamp', path: 'journeys[1].start', message: 'timeToValue: journeys[1] (id "x").start is not a valid timestamp ("2024-01-01")' },
    ],
    [
      'a milestone that returns something else than epoch ms or null',
      () => timeToValue([FIFTEEN[0] as Journey, FIFTEEN[1] as Journey], (j) => (j.id === 'j2' ? ('soon' as unknown as number) : null)),
      { code: 'invalid-milestone', path: 'milestone', message: 'timeToValue: milestone returned a value that is not epoch milliseconds or null for journeys[1] (id "j2") ("soon")' },
    ],
    [
      'horizons that are not an array',
      () => timeToValue(FIFTEEN, aha, { horizons: 7 as unknown as number[] }),
      { code: 'invalid-option', path: 'options.horizons', message: 'timeToValue: options.horizons must be an array of day counts, such as [1, 7, 30] (7)' },
    ],
    [
      'the 0.1 name of the horizons, withinDays',
      () => timeToValue(FIFTEEN, aha, { withinDays: [1, 7] } as object),
      { code: 'unknown-option', path: 'options.withinDays', message: 'timeToValue: options.withinDays is not an option; did you mean horizons? (an array of 2)' },
    ],
    [
      'a negative horizon',
      () => timeToValue(FIFTEEN, aha, { horizons: [1, -7] }),
      { code: 'invalid-number', path: 'options.horizons[1]', message: 'timeToValue: options.horizons[1] must be a finite number of days >= 0 (-7)' },
    ],
    [
      'an unknown unit',
      () => timeToValue(FIFTEEN, aha, { unit: 'weeks' as 'days' }),
      { code: 'invalid-option', path: 'options.unit', message: `timeToValue: options.unit must be one of 'days', 'hours' ("weeks")` },
    ],
    [
      'an asOf without offset',
      () => timeToValue(FIFTEEN, aha, { asOf: '2024-06-30T00:00' }),
      {
        code: 'ambiguous-timestamp',
        path: 'options.asOf',
        message: 'timeToValue: options.asOf has no time-zone offset; add Z or an offset such as +02:00, or pass epoch milliseconds ("2024-06-30T00:00")',
      },
    ],
    [
      'a confidence of 1',
      () => timeToValue(FIFTEEN, aha, { confidence: 1 }),
      { code: 'invalid-option', path: 'options.confidence', message: 'timeToValue: options.confidence must be a number strictly between 0 and 1 (1)' },
    ],
    [
      'options that are not an object',
      () => timeToValue(FIFTEEN, aha, 'days' as unknown as object),
      { code: 'invalid-option', path: 'options', message: 'timeToValue: options must be an object ("days")' },
    ],
  ];
  it.each(cases)('rejects %s', (_, run, expected) => {
    const error = errorOf(run);
    expect({ code: error.code, path: error.path, message: error.message }).toEqual(expected);
  });
});

// Random journeys: start within 0..500 hours of BASE; aha `null` or -50..600 hours after the
// start (before the start, at it, after asOf); asOf = BASE + 400 hours, so some start later.
const record = fc.record({
  startHour: fc.integer({ min: 0, max: 500 }),
  ahaHour: fc.option(fc.integer({ min: -50, max: 600 }), { nil: null }),
});
const records = fc.array(record, { maxLength: 40 });
const AS_OF = BASE + 400 * HOUR;

function journeysOf(list: readonly { startHour: number; ahaHour: number | null }[]): Journey[] {
  return list.map(({ startHour, ahaHour }, i) => {
    const start = BASE + startHour * HOUR;
    return journey(i, start, ahaHour === null ? null : start + ahaHour * HOUR);
  });
}

/** The obvious durations, in days, of the journeys started by asOf. */
function modelDurations(list: readonly { startHour: number; ahaHour: number | null }[]): { days: number[]; observed: boolean[] } {
  const days: number[] = [];
  const observed: boolean[] = [];
  for (const { startHour, ahaHour } of list) {
    if (startHour > 400) continue;
    const reached = ahaHour !== null && startHour + ahaHour <= 400;
    days.push(reached ? Math.max(0, ahaHour) / 24 : (400 - startHour) / 24);
    observed.push(reached);
  }
  return { days, observed };
}

describe('timeToValue properties', () => {
  it('counts every journey once: n + notStarted = journeys, reached + censored = n', () => {
    fc.assert(
      fc.property(records, (list) => {
        const result = timeToValue(journeysOf(list), aha, { asOf: AS_OF });
        expect(result.n + result.notStarted).toBe(list.length);
        expect(result.reached + result.censored).toBe(result.n);
        expect(result.notStarted).toBe(list.filter((r) => r.startHour > 400).length);
        expect(result.reached).toBe(list.filter((r) => r.startHour <= 400 && r.ahaHour !== null && r.startHour + r.ahaHour <= 400).length);
      }),
    );
  });

  it('agrees with Kaplan–Meier on the obvious durations', () => {
    fc.assert(
      fc.property(records, (list) => {
        const result = timeToValue(journeysOf(list), aha, { asOf: AS_OF });
        const { days, observed } = modelDurations(list);
        const curve = kaplanMeierEngine(days, observed);
        for (const [p, got] of [
          [0.5, result.median],
          [0.75, result.p75],
          [0.9, result.p90],
        ] as const) {
          const q = survivalQuantile(curve, p);
          for (const part of ['value', 'lower', 'upper'] as const) {
            const expected = q[part];
            if (expected === null) expect(got[part]).toBeNull();
            else expect(Math.abs((got[part] as number) - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, expected));
          }
        }
        // The curve is the engine's, step for step, in SurvivalStep's names.
        expect(result.curve.length).toBe(curve.length);
        result.curve.forEach((step, k) => {
          const point = curvePoint(curve, k);
          expect([step.atRisk, step.events, step.censored, step.survival, step.standardError, step.lower, step.upper]).toEqual([
            point.nRisk,
            point.nEvent,
            point.nCensor,
            point.survival,
            point.standardError,
            point.lower,
            point.upper,
          ]);
          expect(Math.abs(step.time - point.time)).toBeLessThanOrEqual(1e-12 * Math.max(1, point.time));
        });
      }),
    );
  });

  it('keeps quantiles within the observed durations and shares in [0, 1], ordered', () => {
    fc.assert(
      fc.property(records, fc.constantFrom<'days' | 'hours'>('days', 'hours'), (list, unit) => {
        const result = timeToValue(journeysOf(list), aha, { asOf: AS_OF, unit, horizons: [0, 0.5, 1, 2, 7, 14, 30] });
        const { days } = modelDurations(list);
        const scale = unit === 'days' ? 1 : 24;
        const low = Math.min(...days) * scale;
        const high = Math.max(...days) * scale;
        for (const q of [result.median, result.p75, result.p90]) {
          for (const x of [q.value, q.lower, q.upper]) {
            if (x === null) continue;
            expect(x).toBeGreaterThanOrEqual(low - 1e-9);
            expect(x).toBeLessThanOrEqual(high + 1e-9);
          }
          if (q.value === null) continue;
          if (q.lower !== null) expect(q.lower).toBeLessThanOrEqual(q.value);
          if (q.upper !== null) expect(q.upper).toBeGreaterThanOrEqual(q.value);
        }
        const [median, p75, p90] = [result.median.value, result.p75.value, result.p90.value];
        if (median !== null && p75 !== null) expect(p75).toBeGreaterThanOrEqual(median);
        if (p75 !== null && p90 !== null) expect(p90).toBeGreaterThanOrEqual(p75);
        let previous = 0;
        for (const { horizon, share } of result.reachedWithin) {
          if (share === null) {
            // Not observed: beyond the longest duration.
            expect(horizon).toBeGreaterThan(days.length === 0 ? -1 : Math.max(...days));
            continue;
          }
          expect(share.value).toBeGreaterThanOrEqual(previous);
          previous = share.value;
          expect(share.value).toBeGreaterThanOrEqual(0);
          expect(share.value).toBeLessThanOrEqual(1);
          if (share.lower === null || share.upper === null) {
            expect(share.value).toBe(1);
            continue;
          }
          expect(share.lower).toBeGreaterThanOrEqual(0);
          expect(share.lower).toBeLessThanOrEqual(share.value + 1e-12);
          expect(share.upper).toBeGreaterThanOrEqual(share.value - 1e-12);
          expect(share.upper).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it('does not depend on the order of the journeys', () => {
    fc.assert(
      fc.property(records, fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), (list, picks) => {
        const journeys = journeysOf(list);
        expect(timeToValue(shuffled(journeys, picks), aha, { asOf: AS_OF })).toEqual(timeToValue(journeys, aha, { asOf: AS_OF }));
      }),
    );
  });
});
