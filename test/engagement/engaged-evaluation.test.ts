import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { engagedEvaluation } from '../../src/engagement/engaged-evaluation.js';
import type { EngagedEvaluationSummary } from '../../src/engagement/types.js';
import { errorOf } from '../support/errors.js';
import { addDays, wallDate as localKey } from '../support/model.js';

type Trial = { accountId: string | number; trialStart: string | number; sourceCampaign?: string | number | null };
type Event = { accountId: string | number; timestamp: string | number };

/** Events of `accountId` at noon UTC of each given day. */
function noonEvents(accountId: string, days: string[]): Event[] {
  return days.map((day) => ({ accountId, timestamp: `${day}T12:00:00Z` }));
}

describe('engagedEvaluation', () => {
  it('runs the doc example', () => {
    // initech's trial now starts at noon on 05-02 (the doc example shows the day-0 rule): its
    // 09:00 event that day is before the start and does not count. acme: 05-01, 05-03, 05-09
    // (days 0, 2, 8 of 05-01..05-14): engaged on 05-09. Default asOf: umbrella's 05-25 12:00, so
    // acme and initech (05-02..05-15) are complete, umbrella (05-20..06-02) pending. Rate 1/2.
    const trials = [
      { accountId: 'acme', trialStart: '2024-05-01', sourceCampaign: 'webinar' },
      { accountId: 'initech', trialStart: '2024-05-02T12:00:00Z' },
      { accountId: 'umbrella', trialStart: '2024-05-20', sourceCampaign: 'webinar' },
    ];
    const events = [
      { accountId: 'acme', timestamp: '2024-05-01T10:00:00Z' },
      { accountId: 'acme', timestamp: '2024-05-03T10:00:00Z' },
      { accountId: 'acme', timestamp: '2024-05-09T16:00:00Z' },
      { accountId: 'initech', timestamp: '2024-05-02T09:00:00Z' },
      { accountId: 'umbrella', timestamp: '2024-05-25T12:00:00Z' },
    ];
    const result = engagedEvaluation(events, { trials });
    expect([result.asOf, result.asOfDate]).toEqual(['2024-05-25T12:00:00.000Z', '2024-05-25']);
    expect(result.trials[1]).toEqual({ accountId: 'initech', trialStart: '2024-05-02', sourceCampaign: null, activeDays: 0, engaged: false, pending: false, engagedOn: null });
    expect(result.trials[0]).toEqual({
      accountId: 'acme',
      trialStart: '2024-05-01',
      sourceCampaign: 'webinar',
      activeDays: 3,
      engaged: true,
      pending: false,
      engagedOn: '2024-05-09',
    });
    expect(result.overall.completed).toBe(2);
    expect(result.overall.engaged).toBe(1);
    expect(result.overall.pending).toBe(1);
    expect(result.overall.rate?.value).toBe(0.5);
    expect(result.overall.band).toBe('ideal');
    expect(result.byCampaign.map((c) => [c.sourceCampaign, c.trialCount, c.completed])).toEqual([
      ['webinar', 2, 1],
      [null, 1, 1],
    ]);
  });

  it('counts a third active day on day 13 and not on day 14', () => {
    // Trials start 2024-01-01 (UTC): the window is days 0..13 = 2024-01-01 .. 2024-01-14.
    // on-13: active on days 0, 5 and 13 (the last second of 01-14): 3 days, engaged on 01-14.
    // on-14: active on days 0, 5 and 14 (the first instant of 01-15): 2 days in the window.
    // asOf 2024-02-01: both complete. Rate 1/2 = 0.5 with the Wilson 95% interval of R's
    // prop.test(1, 2, correct = FALSE): 0.09453121 .. 0.90546879. 0.5 >= 0.5: ideal.
    const trials: Trial[] = [
      { accountId: 'on-13', trialStart: '2024-01-01' },
      { accountId: 'on-14', trialStart: '2024-01-01' },
    ];
    const events: Event[] = [
      { accountId: 'on-13', timestamp: '2024-01-01T08:00:00Z' },
      { accountId: 'on-13', timestamp: '2024-01-06T08:00:00Z' },
      { accountId: 'on-13', timestamp: '2024-01-14T23:59:59.999Z' },
      { accountId: 'on-14', timestamp: '2024-01-01T08:00:00Z' },
      { accountId: 'on-14', timestamp: '2024-01-06T08:00:00Z' },
      { accountId: 'on-14', timestamp: '2024-01-15T00:00:00Z' },
    ];
    const result = engagedEvaluation(events, { trials, asOf: '2024-02-01' });
    expect(result.trials).toEqual([
      { accountId: 'on-13', trialStart: '2024-01-01', sourceCampaign: null, activeDays: 3, engaged: true, pending: false, engagedOn: '2024-01-14' },
      { accountId: 'on-14', trialStart: '2024-01-01', sourceCampaign: null, activeDays: 2, engaged: false, pending: false, engagedOn: null },
    ]);
    const { rate, ...counts } = result.overall;
    expect(counts).toEqual({ trialCount: 2, completed: 2, engaged: 1, pending: 0, pendingEngaged: 0, band: 'ideal' });
    expect(rate?.value).toBe(0.5);
    expect(rate?.lower).toBeCloseTo(0.09453121, 7);
    expect(rate?.upper).toBeCloseTo(0.90546879, 7);
  });

  it('buckets days in the time zone across the 23-hour day of America/New_York 2024-03-10', () => {
    // Trial starts on 2024-03-09 in New York (day 0). Local days of the events:
    //   2024-03-10T04:30Z = 03-09 23:30 EST: day 0
    //   2024-03-10T06:30Z = 03-10 01:30 EST: day 1 (clocks jump 02:00 EST -> 03:00 EDT)
    //   2024-03-11T03:30Z = 03-10 23:30 EDT: day 1
    //   2024-03-11T04:30Z = 03-11 00:30 EDT: day 2 (a fixed -05:00 would say 03-10 23:30)
    // 3 active days: engaged on 2024-03-11. In UTC the same events fall on 03-10 and 03-11
    // only: 2 days, not engaged.
    const trials = [{ accountId: 'ny', trialStart: '2024-03-09' }];
    const events = ['2024-03-10T04:30:00Z', '2024-03-10T06:30:00Z', '2024-03-11T03:30:00Z', '2024-03-11T04:30:00Z'].map((timestamp) => ({
      accountId: 'ny',
      timestamp,
    }));
    const ny = engagedEvaluation(events, { trials, timeZone: 'America/New_York', asOf: '2024-04-01' });
    expect(ny.trials).toEqual([
      { accountId: 'ny', trialStart: '2024-03-09', sourceCampaign: null, activeDays: 3, engaged: true, pending: false, engagedOn: '2024-03-11' },
    ]);
    expect(ny.timeZone).toBe('America/New_York');
    // asOf '2024-04-01' is the end of that local day, EDT (UTC-4): 2024-04-02T03:59:59.999Z.
    expect([ny.asOf, ny.asOfDate]).toEqual(['2024-04-02T03:59:59.999Z', '2024-04-01']);
    const utc = engagedEvaluation(events, { trials, asOf: '2024-04-01' });
    expect(utc.trials[0]).toMatchObject({ activeDays: 2, engaged: false, engagedOn: null });
  });

  it('groups by the local trial-start month', () => {
    // 2024-03-31T23:30-04:00 is 2024-04-01T03:30Z: March in New York, April in UTC.
    const trials = [{ accountId: 'a', trialStart: '2024-03-31T23:30:00-04:00' }];
    const ny = engagedEvaluation([], { trials, timeZone: 'America/New_York', asOf: '2024-06-01' });
    expect(ny.byMonth.map((m) => m.month)).toEqual(['2024-03']);
    expect(ny.trials[0]?.trialStart).toBe('2024-03-31');
    const utc = engagedEvaluation([], { trials, asOf: '2024-06-01' });
    expect(utc.byMonth.map((m) => m.month)).toEqual(['2024-04']);
  });

  it('leaves pending trials out of the rate, reporting those already engaged', () => {
    // Trial 2024-05-01 09:00 (UTC), window 05-01 .. 05-14, complete once asOf reaches the last
    // millisecond of 05-14. (The start was 15:00 in 0.1, after the noon event on day 0, which
    // counted then; under the day-0 rule it would not, so the start is now before it: the
    // day-0 rule has its own test below.)
    // Active on 05-01, 05-02, 05-03 (engaged on 05-03); 05-02T18:00 is a second event that day.
    const trials = [{ accountId: 'p', trialStart: '2024-05-01T09:00:00Z' }];
    const events = [...noonEvents('p', ['2024-05-01', '2024-05-02', '2024-05-03']), { accountId: 'p', timestamp: '2024-05-02T18:00:00Z' }];
    // 1 ms before the end of day 13: pending, engaged already; no completed trial.
    const before = engagedEvaluation(events, { trials, asOf: '2024-05-14T23:59:59.998Z' });
    expect(before.overall).toEqual({ trialCount: 1, completed: 0, engaged: 0, pending: 1, pendingEngaged: 1, rate: null, band: null });
    expect(before.trials[0]).toMatchObject({ pending: true, engaged: true, activeDays: 3, engagedOn: '2024-05-03' });
    // At its last millisecond, or with the date-only asOf '2024-05-14' (the same instant), day 13
    // has ended: complete (0.1 read '2024-05-14' as 05-14 00:00 and called the trial pending).
    expect(engagedEvaluation(events, { trials, asOf: '2024-05-14T23:59:59.999Z' }).trials[0]?.pending).toBe(false);
    expect(engagedEvaluation(events, { trials, asOf: '2024-05-14' }).trials[0]?.pending).toBe(false);
    // Later: complete, engaged, rate 1/1 = 1 (Wilson: lower 0.2065493 for n = 1).
    const after = engagedEvaluation(events, { trials, asOf: '2024-05-15' });
    expect(after.overall).toMatchObject({ trialCount: 1, completed: 1, engaged: 1, pending: 0, pendingEngaged: 0, band: 'ideal' });
    expect(after.overall.rate?.upper).toBe(1);
    expect(after.overall.rate?.lower).toBeCloseTo(0.2065493, 7);
    // Events after asOf do not count: at 05-02T13:00Z only 05-01 and 05-02 (noon) are seen.
    const early = engagedEvaluation(events, { trials, asOf: '2024-05-02T13:00:00Z' });
    expect(early.trials[0]).toMatchObject({ pending: true, engaged: false, activeDays: 2, engagedOn: null });
    expect(early.overall).toMatchObject({ pending: 1, pendingEngaged: 0 });
    // The default asOf is the latest event, 05-03T12:00Z: still pending.
    expect(engagedEvaluation(events, { trials }).asOf).toBe('2024-05-03T12:00:00.000Z');
    expect(engagedEvaluation(events, { trials }).overall.pending).toBe(1);
  });

  it('reports months and campaigns with bands, a missing campaign under null, last', () => {
    // January: 5 completed trials, 1 engaged: 1/5 = 0.2, not below 0.2: healthy.
    // February: 6 completed trials, 1 engaged: 1/6 = 0.1667 < 0.2: below benchmark.
    // Campaigns: 'ads' = j0 (engaged), j1, f0 (engaged) = 2/3, ideal; 7 = j2: 0/1, below;
    // null (missing, null or undefined) = j3, j4, f1..f5 = 0/7, below benchmark.
    const trials: Trial[] = [
      { accountId: 'j0', trialStart: '2024-01-03', sourceCampaign: 'ads' },
      { accountId: 'j1', trialStart: '2024-01-04', sourceCampaign: 'ads' },
      { accountId: 'j2', trialStart: '2024-01-05', sourceCampaign: 7 },
      { accountId: 'j3', trialStart: '2024-01-06', sourceCampaign: null },
      { accountId: 'j4', trialStart: '2024-01-07' },
      { accountId: 'f0', trialStart: '2024-02-01', sourceCampaign: 'ads' },
      ...[1, 2, 3, 4, 5].map((k) => ({ accountId: `f${k}`, trialStart: '2024-02-02', sourceCampaign: undefined })),
    ];
    const events = [...noonEvents('j0', ['2024-01-03', '2024-01-04', '2024-01-05']), ...noonEvents('f0', ['2024-02-01', '2024-02-10', '2024-02-14'])];
    const result = engagedEvaluation(events, { trials, asOf: '2024-04-01' });
    const short = (s: EngagedEvaluationSummary) => [s.trialCount, s.completed, s.engaged, s.rate?.value ?? null, s.band];
    expect(result.byMonth.map((m) => [m.month, ...short(m)])).toEqual([
      ['2024-01', 5, 5, 1, 0.2, 'healthy'],
      ['2024-02', 6, 6, 1, 1 / 6, 'below-benchmark'],
    ]);
    expect(result.byCampaign.map((c) => [c.sourceCampaign, ...short(c)])).toEqual([
      [7, 1, 1, 0, 0, 'below-benchmark'],
      ['ads', 3, 3, 2, 2 / 3, 'ideal'],
      [null, 7, 7, 0, 0, 'below-benchmark'],
    ]);
    expect(short(result.overall)).toEqual([11, 11, 2, 2 / 11, 'below-benchmark']);
    // Custom benchmarks move the bands: 2/11 = 0.18 >= 0.1 is healthy; 2/3 < 0.7 too.
    const custom = engagedEvaluation(events, { trials, asOf: '2024-04-01', benchmarks: { expected: 0.1, ideal: 0.7 } });
    expect(custom.benchmarks).toEqual({ expected: 0.1, ideal: 0.7 });
    expect(custom.overall.band).toBe('healthy');
    expect(custom.byCampaign[1]?.band).toBe('healthy');
  });

  it('evaluates every trial of an account on its own window', () => {
    // acme trials on 01-01 and 01-10; activity on 01-10, 01-11, 01-12: days 9-11 of the
    // first window and days 0-2 of the second. Both engaged, on 01-12.
    const trials = [
      { accountId: 'acme', trialStart: '2024-01-10' },
      { accountId: 'acme', trialStart: '2024-01-01' },
    ];
    const result = engagedEvaluation(noonEvents('acme', ['2024-01-10', '2024-01-11', '2024-01-12']), { trials, asOf: '2024-03-01' });
    expect(result.trials.map((t) => [t.trialStart, t.activeDays, t.engagedOn])).toEqual([
      ['2024-01-01', 3, '2024-01-12'],
      ['2024-01-10', 3, '2024-01-12'],
    ]);
  });

  it('takes minActiveDays, windowDays and confidence, and echoes them', () => {
    // minActiveDays 2 in 7 days: active on days 0 and 6 -> engaged on day 6.
    const trials = [{ accountId: 'a', trialStart: '2024-01-01' }];
    const result = engagedEvaluation(noonEvents('a', ['2024-01-01', '2024-01-07']), {
      trials,
      minActiveDays: 2,
      windowDays: 7,
      confidence: 0.9,
      asOf: '2024-01-08',
    });
    expect(result).toMatchObject({ minActiveDays: 2, windowDays: 7, confidence: 0.9, benchmarks: { expected: 0.2, ideal: 0.5 } });
    expect(result.trials[0]).toMatchObject({ engaged: true, pending: false, engagedOn: '2024-01-07' });
    // A 40-day window spans two 32-bit words of the bit set: days 0, 31, 32 and 39.
    const long = engagedEvaluation(noonEvents('a', ['2024-01-01', '2024-02-01', '2024-02-02', '2024-02-09', '2024-02-10']), {
      trials,
      minActiveDays: 4,
      windowDays: 40,
    });
    expect(long.trials[0]).toMatchObject({ activeDays: 4, engaged: true, pending: false, engagedOn: '2024-02-09' });
  });

  it('gives empty results for empty input', () => {
    const zero = { trialCount: 0, completed: 0, engaged: 0, pending: 0, pendingEngaged: 0, rate: null, band: null };
    expect(engagedEvaluation([], { trials: [] })).toEqual({
      timeZone: 'UTC',
      asOf: null,
      asOfDate: null,
      minActiveDays: 3,
      windowDays: 14,
      confidence: 0.95,
      benchmarks: { expected: 0.2, ideal: 0.5 },
      overall: zero,
      byMonth: [],
      byCampaign: [],
      trials: [],
    });
    // Events but no trials: asOf is still echoed.
    expect(engagedEvaluation([{ accountId: 'x', timestamp: 0 }], { trials: [] })).toMatchObject({ asOf: '1970-01-01T00:00:00.000Z', overall: zero });
    // A single trial and no events: asOf is its start, so it is pending with no active day.
    const lone = engagedEvaluation([], { trials: [{ accountId: 'a', trialStart: '2024-07-01T09:00:00Z', sourceCampaign: 'x' }] });
    expect(lone.asOf).toBe('2024-07-01T09:00:00.000Z');
    expect(lone.trials).toEqual([
      { accountId: 'a', trialStart: '2024-07-01', sourceCampaign: 'x', activeDays: 0, engaged: false, pending: true, engagedOn: null },
    ]);
    // A single event: one active day.
    const single = engagedEvaluation([{ accountId: 'a', timestamp: '2024-07-02T00:00:00Z' }], { trials: [{ accountId: 'a', trialStart: '2024-07-01' }] });
    expect(single.trials[0]).toMatchObject({ activeDays: 1, engaged: false, pending: true });
  });

  it('reads columns and accessors', () => {
    const trials = [{ org: 10, started: Date.UTC(2024, 0, 1, 9), utm: 'mail' }];
    const columns = {
      accountId: new Int32Array([10, 10, 10, 11]),
      timestamp: new Float64Array([Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 2), Date.UTC(2024, 0, 4), Date.UTC(2024, 1, 1)]),
    };
    const result = engagedEvaluation(columns, {
      trials,
      trialFields: { accountId: (t) => t.org, trialStart: (t) => t.started, sourceCampaign: (t) => t.utm },
    });
    expect(result.asOf).toBe('2024-02-01T00:00:00.000Z');
    // The trial starts at 09:00 on 01-01: the 00:00 event that day is before it and does not
    // count (0.1 counted it: 3 days, engaged on 01-04). Active: 01-02 and 01-04, 2 < 3.
    expect(result.trials).toEqual([
      { accountId: 10, trialStart: '2024-01-01', sourceCampaign: 'mail', activeDays: 2, engaged: false, pending: false, engagedOn: null },
    ]);
    const rows = [
      { org: 10, at: '2024-01-01T01:00:00Z' },
      { org: 10, at: '2024-01-03T01:00:00Z' },
    ];
    const byAccessor = engagedEvaluation(rows, {
      trials,
      trialFields: { accountId: (t) => t.org, trialStart: (t) => t.started },
      accountId: (e) => e.org,
      timestamp: (e) => e.at,
      minActiveDays: 2,
    });
    // 01-01 01:00 is before the 09:00 start (0.1 counted it: 2 days, engaged); only 01-03 counts.
    expect(byAccessor.trials[0]).toMatchObject({ sourceCampaign: null, activeDays: 1, engaged: false, pending: true, engagedOn: null });
  });

  it('does not mutate its inputs', () => {
    const trials = Object.freeze([Object.freeze({ accountId: 'a', trialStart: '2024-01-01', sourceCampaign: 'c' })]);
    const events = Object.freeze(noonEvents('a', ['2024-01-05', '2024-01-01', '2024-01-03']).map((e) => Object.freeze(e)));
    const options = Object.freeze({ asOf: '2024-02-01', benchmarks: Object.freeze({ ideal: 0.9 }) });
    const first = engagedEvaluation(events, { trials, ...options });
    expect(first.trials[0]).toMatchObject({ engaged: true, engagedOn: '2024-01-05' });
    expect(first.overall.band).toBe('ideal');
    expect(engagedEvaluation(events, { trials, ...options })).toEqual(first);
  });

  it('rejects bad input with the field named', () => {
    const trials = [{ accountId: 'a', trialStart: '2024-01-01' }];
    const events = [{ accountId: 'a', timestamp: '2024-01-01T00:00:00Z' }];

    const start = errorOf(() => engagedEvaluation(events, { trials: [...trials, { accountId: 'b', trialStart: 'last week' }] }));
    expect(start.code).toBe('invalid-timestamp');
    expect(start.path).toBe('trials[1].trialStart');
    expect(start.message).toBe('engagedEvaluation: trials[1] (accountId "b").trialStart is not a valid timestamp ("last week")');
    const account = errorOf(() => engagedEvaluation(events, { trials: [{ trialStart: '2024-01-01' }] }));
    expect(account.code).toBe('invalid-id');
    expect(account.path).toBe('trials[0].accountId');
    const campaign = errorOf(() => engagedEvaluation(events, { trials: [{ accountId: 'a', trialStart: '2024-01-01', sourceCampaign: {} }] }));
    expect(campaign.path).toBe('trials[0].sourceCampaign');
    expect(campaign.message).toBe(
      'engagedEvaluation: trials[0] (accountId "a").sourceCampaign must be a non-empty string, a finite number, or null or undefined when there is none ({})',
    );
    expect(errorOf(() => engagedEvaluation(events, { trials: [null] })).path).toBe('trials[0]');
    expect(errorOf(() => engagedEvaluation(events, { trials: undefined as unknown as Trial[] })).path).toBe('options.trials');
    expect(errorOf(() => engagedEvaluation(events, {} as never)).message).toBe(
      'engagedEvaluation: options.trials is required: the trials table, an array or another iterable of { accountId, trialStart } rows (undefined)',
    );
    expect(errorOf(() => engagedEvaluation(events, { trials: 7 as unknown as Trial[] })).path).toBe('options.trials');
    // The 0.x order (trials first, events second) says where the options go.
    expect(errorOf(() => engagedEvaluation(trials as never, events as never))).toMatchObject({ code: 'invalid-option', path: 'options' });

    const time = errorOf(() => engagedEvaluation([...events, { accountId: 'a', timestamp: '2024-01-02T10:00' }], { trials }));
    expect(time.code).toBe('ambiguous-timestamp');
    expect(time.path).toBe('events[1].timestamp');
    expect(time.message.startsWith('engagedEvaluation: events[1] (accountId "a").timestamp has no time-zone offset')).toBe(true);
    const eventAccount = errorOf(() => engagedEvaluation([{ accountId: null, timestamp: 0 }], { trials }));
    expect(eventAccount.path).toBe('events[0].accountId');
    expect(eventAccount.message).toBe('engagedEvaluation: events[0].accountId must be a non-empty string or a finite number (null)');
    expect(errorOf(() => engagedEvaluation([7], { trials })).path).toBe('events[0]');
    expect(errorOf(() => engagedEvaluation(7 as unknown as Event[], { trials })).message).toBe(
      'engagedEvaluation: events must be an iterable of event records or an object of columns { accountId, timestamp } (7)',
    );
    expect(errorOf(() => engagedEvaluation({ accountId: ['a'], timestamp: [] }, { trials })).path).toBe('events.timestamp');
    expect(errorOf(() => engagedEvaluation({ accountId: ['a'], timestamp: ['x'] }, { trials })).path).toBe('events.timestamp[0]');

    const minDays = errorOf(() => engagedEvaluation(events, { trials, minActiveDays: 15 }));
    expect(minDays.code).toBe('invalid-option');
    expect(minDays.path).toBe('options.minActiveDays');
    expect(minDays.message).toBe('engagedEvaluation: options.minActiveDays must not exceed options.windowDays, which is 14 (15)');
    expect(errorOf(() => engagedEvaluation(events, { trials, minActiveDays: 0 })).message).toBe(
      'engagedEvaluation: options.minActiveDays must be an integer >= 1 (0)',
    );
    expect(errorOf(() => engagedEvaluation(events, { trials, windowDays: 2.5 })).path).toBe('options.windowDays');
    expect(errorOf(() => engagedEvaluation(events, { trials, confidence: 1 })).path).toBe('options.confidence');
    const bench = errorOf(() => engagedEvaluation(events, { trials, benchmarks: { expected: 0.6 } }));
    expect(bench.path).toBe('options.benchmarks.expected');
    expect(bench.message).toBe('engagedEvaluation: options.benchmarks.expected must not exceed options.benchmarks.ideal, which is 0.5 by default (0.6)');
    expect(errorOf(() => engagedEvaluation(events, { trials, benchmarks: { ideal: 50 } })).message).toBe(
      'engagedEvaluation: options.benchmarks.ideal must be a number from 0 to 1 (50)',
    );
    expect(errorOf(() => engagedEvaluation(events, { trials, trialFields: { trialStart: 'start' as unknown as () => unknown } })).path).toBe(
      'options.trialFields.trialStart',
    );
    expect(errorOf(() => engagedEvaluation(events, { trials, accountId: 'org' as unknown as () => unknown })).path).toBe('options.accountId');
    expect(errorOf(() => engagedEvaluation(events, { trials, timeZone: 'Europe/Atlantis' })).code).toBe('invalid-time-zone');
    expect(errorOf(() => engagedEvaluation(events, { trials, asOf: '2024-13-01' })).path).toBe('options.asOf');
  });

  it('rejects unknown and null options, in trialFields and benchmarks too', () => {
    const trials = [{ accountId: 'a', trialStart: '2024-01-01' }];
    const typo = errorOf(() => engagedEvaluation([], { trials, minActivedays: 2 } as never));
    expect([typo.code, typo.path, typo.message]).toEqual([
      'unknown-option',
      'options.minActivedays',
      'engagedEvaluation: options.minActivedays is not an option; did you mean minActiveDays? (2)',
    ]);
    // windowDays (calendar days) is this function's window; withinDays is another unit.
    expect(errorOf(() => engagedEvaluation([], { trials, withinDays: 7 } as never)).message).toBe(
      'engagedEvaluation: options.withinDays is not an option; did you mean windowDays? (7)',
    );
    expect(errorOf(() => engagedEvaluation([], { trials, trialFields: { start: (t: { s: string }) => t.s } } as never))).toMatchObject({
      code: 'unknown-option',
      path: 'options.trialFields.start',
    });
    expect(errorOf(() => engagedEvaluation([], { trials, benchmarks: { idael: 0.6 } } as never)).message).toBe(
      'engagedEvaluation: options.benchmarks.idael is not an option; did you mean ideal? (0.6)',
    );
    expect(errorOf(() => engagedEvaluation([], { trials, benchmarks: { ideal: null } } as never))).toMatchObject({ code: 'invalid-option', path: 'options.benchmarks.ideal' });
    expect(errorOf(() => engagedEvaluation([], { trials, windowDays: null } as never))).toMatchObject({ code: 'invalid-option', path: 'options.windowDays' });
  });

  it('counts on day 0 only the events at or after the start instant (the day-0 rule)', () => {
    // Trial starts 2024-03-04 14:00 UTC; window days 0..13 = 03-04 .. 03-17.
    //   03-04 09:00: day 0, before the start: not counted.
    //   03-04 14:00: exactly the start: counted (day 0).
    //   03-05 08:00, 03-06 08:00: days 1 and 2.
    // Active days {0, 1, 2} = 3: engaged on 03-06. Without the 14:00 event day 0 is not active.
    const trials = [{ accountId: 'a', trialStart: '2024-03-04T14:00:00Z' }];
    const events = ['2024-03-04T09:00:00Z', '2024-03-04T14:00:00Z', '2024-03-05T08:00:00Z', '2024-03-06T08:00:00Z'].map((timestamp) => ({ accountId: 'a', timestamp }));
    const result = engagedEvaluation(events, { trials, asOf: '2024-03-31' });
    expect(result.trials[0]).toEqual({ accountId: 'a', trialStart: '2024-03-04', sourceCampaign: null, activeDays: 3, engaged: true, pending: false, engagedOn: '2024-03-06' });
    const withoutStartEvent = engagedEvaluation(events.filter((_, i) => i !== 1), { trials, asOf: '2024-03-31' });
    expect(withoutStartEvent.trials[0]).toMatchObject({ activeDays: 2, engaged: false, engagedOn: null });
  });

  it("counts a 23:30 event on a date-only asOf's day in Europe/Berlin and completes the window ending then", () => {
    // Trial 2024-06-17 (Berlin): window 06-17 .. 06-30. Active on 06-17 and 06-20 (noon UTC), and
    // at 2024-06-30T21:30Z = 23:30 CEST on 06-30, day 13. asOf '2024-06-30' is the end of that
    // Berlin day (21:59:59.999Z): the late event counts (3 days: engaged on 06-30) and the window is complete.
    const trials = [{ accountId: 'a', trialStart: '2024-06-17' }];
    const events = [...noonEvents('a', ['2024-06-17', '2024-06-20']), { accountId: 'a', timestamp: '2024-06-30T21:30:00Z' }];
    const result = engagedEvaluation(events, { trials, timeZone: 'Europe/Berlin', asOf: '2024-06-30' });
    expect([result.asOf, result.asOfDate]).toEqual(['2024-06-30T21:59:59.999Z', '2024-06-30']);
    expect(result.trials[0]).toMatchObject({ activeDays: 3, engaged: true, pending: false, engagedOn: '2024-06-30' });
    expect(result.overall).toMatchObject({ completed: 1, engaged: 1 });
    // 1 ms before the late event: it does not count, and day 13 is not over.
    const before = engagedEvaluation(events, { trials, timeZone: 'Europe/Berlin', asOf: '2024-06-30T21:29:59.999Z' });
    expect(before.trials[0]).toMatchObject({ activeDays: 2, engaged: false, pending: true });
  });

  // --- properties ---

  // No zone whose clocks fall back across midnight (America/Santiago, Asia/Beirut): there the
  // library keeps the repeated hour in the day already begun, while Intl shows the previous date.
  const zones = ['UTC', 'America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'Asia/Kathmandu', 'Pacific/Kiritimati', 'Etc/GMT+12'];
  const START = Date.UTC(2024, 1, 20);
  const SPAN = 60 * 86_400_000;
  const accounts = ['a', 'b', 'c', 'd'];
  const trialArb = fc.record(
    {
      accountId: fc.constantFrom(...accounts),
      trialStart: fc.integer({ min: START, max: START + SPAN }),
      sourceCampaign: fc.constantFrom('ads', 'mail', 3, null, undefined),
    },
    { requiredKeys: ['accountId', 'trialStart'] },
  );
  const eventArb = fc.record({ accountId: fc.constantFrom(...accounts, 'e'), timestamp: fc.integer({ min: START, max: START + SPAN + 20 * 86_400_000 }) });
  const optionsArb = fc
    .record(
      {
        timeZone: fc.constantFrom(...zones),
        windowDays: fc.integer({ min: 1, max: 20 }),
        minActiveDays: fc.integer({ min: 1, max: 20 }),
        asOf: fc.integer({ min: START, max: START + SPAN + 20 * 86_400_000 }),
      },
      { requiredKeys: ['timeZone', 'windowDays', 'minActiveDays'] },
    )
    .map((o) => ({ ...o, minActiveDays: Math.min(o.minActiveDays, o.windowDays) }));


  it('property: agrees with a slow model built on Intl day keys', () => {
    fc.assert(
      fc.property(fc.array(trialArb, { maxLength: 8 }), fc.array(eventArb, { maxLength: 40 }), optionsArb, (trials, events, options) => {
        const { timeZone, windowDays, minActiveDays } = options;
        const result = engagedEvaluation(events, { trials, ...options });
        const asOf =
          options.asOf ??
          (events.length > 0 ? Math.max(...events.map((e) => e.timestamp)) : trials.length > 0 ? Math.max(...trials.map((t) => t.trialStart)) : null);
        expect(result.asOf).toBe(asOf === null ? null : new Date(asOf).toISOString());
        const rows = trials.map((trial) => {
          const day0 = localKey(trial.trialStart, timeZone);
          // Events of the account at or after the trial's start instant and at or before asOf.
          const active = new Set(
            events
              .filter((e) => e.accountId === trial.accountId && e.timestamp >= trial.trialStart && e.timestamp <= (asOf as number))
              .map((e) => localKey(e.timestamp, timeZone)),
          );
          const hits = [];
          for (let k = 0; k < windowDays; k++) if (active.has(addDays(day0, k))) hits.push(addDays(day0, k));
          return {
            accountId: trial.accountId,
            trialStart: day0,
            sourceCampaign: trial.sourceCampaign ?? null,
            activeDays: hits.length,
            engaged: hits.length >= minActiveDays,
            // Complete once the day of asOf + 1 ms is after the window's last day (asOf reached its end).
            pending: localKey((asOf as number) + 1, timeZone) <= addDays(day0, windowDays - 1),
            engagedOn: hits[minActiveDays - 1] ?? null,
            instant: trial.trialStart,
          };
        });
        rows.sort((x, y) => x.instant - y.instant || (x.accountId < y.accountId ? -1 : x.accountId > y.accountId ? 1 : 0));
        // Rows equal in instant and account may differ only in campaign; compare as multisets there.
        const strip = (r: object) => JSON.stringify(r);
        const model = rows.map(({ instant: _instant, ...row }) => row);
        expect(result.trials.map(strip).sort()).toEqual(model.map(strip).sort());
        expect(result.trials.map((t) => [t.trialStart, t.accountId])).toEqual(model.map((t) => [t.trialStart, t.accountId]));
        const completed = model.filter((r) => !r.pending);
        expect(result.overall).toMatchObject({
          trialCount: model.length,
          completed: completed.length,
          engaged: completed.filter((r) => r.engaged).length,
          pending: model.length - completed.length,
          pendingEngaged: model.filter((r) => r.pending && r.engaged).length,
        });
        expect(result.byMonth.map((m) => [m.month, m.trialCount])).toEqual(
          [...new Set(model.map((r) => r.trialStart.slice(0, 7)))].sort().map((month) => [month, model.filter((r) => r.trialStart.startsWith(month)).length]),
        );
      }),
    );
  });

  it('property: counts are consistent and rates lie in [0, 1]', () => {
    fc.assert(
      fc.property(fc.array(trialArb, { maxLength: 12 }), fc.array(eventArb, { maxLength: 40 }), optionsArb, (trials, events, options) => {
        const result = engagedEvaluation(events, { trials, ...options });
        const summaries = [result.overall, ...result.byMonth, ...result.byCampaign];
        for (const s of summaries) {
          expect(s.engaged).toBeLessThanOrEqual(s.completed);
          expect(s.completed).toBeLessThanOrEqual(s.trialCount);
          expect(s.pendingEngaged).toBeLessThanOrEqual(s.pending);
          expect(s.completed + s.pending).toBe(s.trialCount);
          if (s.completed === 0) {
            expect(s.rate).toBe(null);
            expect(s.band).toBe(null);
          } else {
            const rate = s.rate as { value: number; lower: number; upper: number };
            expect(rate.value).toBe(s.engaged / s.completed);
            expect(0 <= rate.lower && rate.lower <= rate.value && rate.value <= rate.upper && rate.upper <= 1).toBe(true);
            expect(s.band).toBe(rate.value >= 0.5 ? 'ideal' : rate.value < 0.2 ? 'below-benchmark' : 'healthy');
          }
        }
        for (const part of [result.byMonth, result.byCampaign]) {
          for (const key of ['trialCount', 'completed', 'engaged', 'pending', 'pendingEngaged'] as const) {
            expect(part.reduce((sum, s) => sum + s[key], 0)).toBe(result.overall[key]);
          }
        }
        const campaigns = result.byCampaign.map((c) => c.sourceCampaign);
        expect(campaigns.indexOf(null)).toBe(campaigns.includes(null) ? campaigns.length - 1 : -1);
        for (const t of result.trials) {
          expect(t.activeDays).toBeLessThanOrEqual(options.windowDays);
          expect(t.engagedOn !== null).toBe(t.engaged);
        }
        expect(JSON.parse(JSON.stringify(result))).toEqual(result);
      }),
    );
  });

  it('property: shuffling trials and events, or duplicating events, changes nothing', () => {
    fc.assert(
      fc.property(fc.array(trialArb, { maxLength: 10 }), fc.array(eventArb, { maxLength: 40 }), optionsArb, fc.integer(), (trials, events, options, seed) => {
        const base = engagedEvaluation(events, { trials, ...options });
        const shuffledEvents = shuffle(events, seed);
        expect(engagedEvaluation(shuffledEvents, { trials: shuffle(trials, seed + 1), ...options })).toEqual(base);
        expect(engagedEvaluation([...shuffledEvents, ...events], { trials, ...options })).toEqual(base);
      }),
    );
  });
});

/** A deterministic Fisher-Yates shuffle (a copy). */
function shuffle<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed >>> 0 || 1;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (Math.imul(state, 1_103_515_245) + 12_345) >>> 0;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
