import { dayKey, monthKey, monthOfDay } from '../core/calendar.js';
import { fail, recordPath } from '../core/errors.js';
import { IdCodes, isId, optionsOf, readConfidence, readId, readInteger, requireIterable, requireRecord, type Id } from '../core/read.js';
import { readInstant } from '../core/timestamp.js';
import { zoneCalendar } from '../core/time-zone.js';
import type { Accessor, Estimate, Timestamp } from '../core/types.js';
import { wilsonInterval } from '../stats/wilson-interval.js';
import { scanAccountEvents, type AccountEventAccessors, type AccountEvents } from './internal/account-events.js';
import { compareIds, compareOptionalIds } from '../core/id-order.js';

export type { AccountEventColumns, AccountEvents } from './internal/account-events.js';

/** Accessors for the fields of a trial record. */
export interface TrialFields<T> {
  /** Reads the account id (default: `trial.accountId`). */
  readonly accountId?: Accessor<T, unknown>;
  /** Reads the trial's start (default: `trial.trialStart`). */
  readonly trialStart?: Accessor<T, unknown>;
  /** Reads the source campaign, `null` or `undefined` when none (default: `trial.sourceCampaign`). */
  readonly sourceCampaign?: Accessor<T, unknown>;
}

/** The engagement rates that separate the bands. */
export interface EngagementBenchmarks {
  /** Below this rate the band is `'below-benchmark'` (default 0.2). */
  readonly expected?: number;
  /** From this rate on the band is `'ideal'` (default 0.5). */
  readonly ideal?: number;
}

/** Options of {@link engagedEvaluation}. */
export interface EngagedEvaluationOptions<T, R> extends AccountEventAccessors<R> {
  /** Accessors for the trials (defaults: `accountId`, `trialStart`, `sourceCampaign`). */
  readonly trialFields?: TrialFields<T>;
  /** Distinct active days a trial needs to count as engaged (default 3). */
  readonly minActiveDays?: number;
  /** Days of the evaluation window, day 0 being the trial-start day (default 14). */
  readonly windowDays?: number;
  /** The moment of the evaluation (default: the latest event, else the latest trial start). */
  readonly asOf?: Timestamp;
  /** IANA time zone whose calendar days count (default `'UTC'`). */
  readonly timeZone?: string;
  /** Confidence level of the rate intervals (default 0.95). */
  readonly confidence?: number;
  /** Band thresholds (default `{ expected: 0.2, ideal: 0.5 }`). */
  readonly benchmarks?: EngagementBenchmarks;
}

/** How an engagement rate compares with the benchmarks. */
export type EngagementBand = 'below-benchmark' | 'healthy' | 'ideal';

/** Counts and rate of a set of trials. */
export interface EngagedEvaluationSummary {
  /** All trials: `completed + pending`. */
  readonly trials: number;
  /** Trials whose evaluation window is complete at `asOf`. */
  readonly completed: number;
  /** Completed trials that were engaged. */
  readonly engaged: number;
  /** Trials whose window is not complete at `asOf`; not in the rate. */
  readonly pending: number;
  /** Pending trials already engaged. */
  readonly pendingEngaged: number;
  /** `engaged / completed` with its Wilson interval; `null` with no completed trial. */
  readonly rate: Estimate | null;
  /** The band of `rate.value`; `null` when `rate` is. */
  readonly band: EngagementBand | null;
}

/** The trials that started in one local calendar month. */
export interface EngagedEvaluationMonth extends EngagedEvaluationSummary {
  /** `YYYY-MM`. */
  readonly month: string;
}

/** The trials of one source campaign. */
export interface EngagedEvaluationCampaign extends EngagedEvaluationSummary {
  /** The campaign; `null` for trials without one. */
  readonly sourceCampaign: Id | null;
}

/** One trial's evaluation. */
export interface EngagedEvaluationTrial {
  /** The trial's account id. */
  readonly accountId: Id;
  /** The local trial-start day (day 0), `YYYY-MM-DD`. */
  readonly trialStart: string;
  /** The trial's source campaign; `null` when none. */
  readonly sourceCampaign: Id | null;
  /** Distinct active days in the window (so far, for a pending trial). */
  readonly activeDays: number;
  /** Whether `activeDays >= minActiveDays` (so far, for a pending trial). */
  readonly engaged: boolean;
  /** Whether the window is not complete at `asOf`. */
  readonly pending: boolean;
  /** The day of the `minActiveDays`-th active day, `YYYY-MM-DD`; `null` when not engaged. */
  readonly engagedOn: string | null;
}

/** Result of {@link engagedEvaluation}. */
export interface EngagedEvaluationResult {
  /** IANA time zone whose calendar days count. */
  readonly timeZone: string;
  /** The `asOf` used, as an ISO string; `null` when there are neither events nor trials. */
  readonly asOf: string | null;
  /** Distinct active days a trial needs to count as engaged. */
  readonly minActiveDays: number;
  /** Days of the evaluation window, day 0 being the trial-start day. */
  readonly windowDays: number;
  /** Confidence level of the rate intervals. */
  readonly confidence: number;
  /** Band thresholds used, defaults filled in. */
  readonly benchmarks: {
    /** Rates below this are `'below-benchmark'`. */
    readonly expected: number;
    /** Rates at or above this are `'ideal'`. */
    readonly ideal: number;
  };
  /** All trials together. */
  readonly overall: EngagedEvaluationSummary;
  /** Per local trial-start month, ascending. */
  readonly byMonth: EngagedEvaluationMonth[];
  /** Per source campaign: numbers, then strings in code-unit order, `null` last. */
  readonly byCampaign: EngagedEvaluationCampaign[];
  /** Every trial, by trial start, then account id. */
  readonly trials: EngagedEvaluationTrial[];
}

interface Counts {
  trials: number;
  completed: number;
  engaged: number;
  pending: number;
  pendingEngaged: number;
}

/**
 * Engaged evaluation (Totango): the share of trials whose account was active on enough
 * distinct days of its first two weeks, per trial-start month and per source campaign.
 *
 * Definition: day 0 of a trial is the local calendar day (in `timeZone`) of its
 * `trialStart`; its window is days 0 to `windowDays - 1` (default 14 days: 0..13). A day
 * is active when the account has at least one event on it (any time of that day, before
 * the trial-start instant included). A trial is engaged when its window holds at least
 * `minActiveDays` (default 3) active days; `engagedOn` is the day the `minActiveDays`-th
 * one happened. A trial is pending while its window is incomplete at `asOf` (`asOf`
 * before the start of local day `windowDays`); events after `asOf` are ignored. Pending
 * trials stay out of the rate, even when already engaged (counting only early successes
 * would inflate it): they are reported as `pending` and `pendingEngaged`. The rate is
 * `engaged / completed` with a Wilson interval at `confidence`; its band is
 * `'below-benchmark'` under `expected` (default 0.2), `'ideal'` from `ideal` (default 0.5)
 * on, else `'healthy'`: Totango's engaged-evaluation benchmarks of 3 active days in the
 * first two weeks, 20% expected and 50% ideal. Every trial is evaluated on its own, so an
 * account with two trials has two rows.
 *
 * Algorithm: trials are read first and indexed by account; one pass over the events
 * marks, for each trial of the event's account, the event's day in a bit set of
 * `windowDays` bits per trial. O(n × k + t × (log t + windowDays)) time for n events,
 * t trials and k trials per account (usually 1), no allocation per event; memory
 * O(t × windowDays / 32) words plus the account index, not O(n).
 *
 * Edge cases: no trials give zero counts, `rate: null`, `band: null` and empty lists
 * (`asOf` is `null` when there are no events either); a trial without a campaign
 * (`null` or `undefined`) is grouped under `sourceCampaign: null`; a trial starting after
 * `asOf` is pending. Events of accounts without a trial are validated and otherwise
 * only move the default `asOf`.
 *
 * @param trials Rows `{ accountId, trialStart, sourceCampaign? }` by default, or
 * accessors in `options.trialFields`.
 * @param events Rows `{ accountId, timestamp }` by default (accessors `accountId` and
 * `timestamp` in `options`), or columns `{ accountId, timestamp }`; no user id needed.
 * @throws {MetricsInputError} for a trial without a valid account id or start
 * (`trials[i].trialStart`), a campaign that is not an id, `null` or `undefined`, an event
 * without a valid account id or timestamp (`events[i].timestamp`), an unknown time zone,
 * `minActiveDays` or `windowDays` that are not integers >= 1 or with `minActiveDays >
 * windowDays`, a confidence outside (0, 1), or benchmarks outside [0, 1] or with
 * `expected > ideal`.
 *
 * @example
 * ```ts
 * import { engagedEvaluation } from 'customer-success-metrics/engagement';
 * const trials = [
 *   { accountId: 'acme', trialStart: '2024-05-01', sourceCampaign: 'webinar' },
 *   { accountId: 'initech', trialStart: '2024-05-02' },
 *   { accountId: 'umbrella', trialStart: '2024-05-20', sourceCampaign: 'webinar' },
 * ];
 * const events = [
 *   { accountId: 'acme', timestamp: '2024-05-01T10:00:00Z' },
 *   { accountId: 'acme', timestamp: '2024-05-03T10:00:00Z' },
 *   { accountId: 'acme', timestamp: '2024-05-09T16:00:00Z' },
 *   { accountId: 'initech', timestamp: '2024-05-02T09:00:00Z' },
 *   { accountId: 'umbrella', timestamp: '2024-05-25T12:00:00Z' },
 * ];
 * const result = engagedEvaluation(trials, events);
 * result.asOf; // => '2024-05-25T12:00:00.000Z'
 * result.trials[0]; // => { accountId: 'acme', trialStart: '2024-05-01', sourceCampaign: 'webinar', activeDays: 3, engaged: true, pending: false, engagedOn: '2024-05-09' }
 * result.overall.completed; // => 2
 * result.overall.engaged; // => 1
 * result.overall.pending; // => 1
 * result.overall.rate?.value; // => 0.5
 * result.overall.band; // => 'ideal'
 * result.byCampaign.map((c) => [c.sourceCampaign, c.trials, c.completed]); // => [['webinar', 2, 1], [null, 1, 1]]
 * ```
 */
export function engagedEvaluation<T, R>(
  trials: Iterable<T>,
  events: AccountEvents<R>,
  options?: EngagedEvaluationOptions<T, R>,
): EngagedEvaluationResult {
  const fn = 'engagedEvaluation';
  const opts = optionsOf(options, fn);
  const zone = zoneCalendar(opts.timeZone ?? 'UTC', fn);
  const windowDays = opts.windowDays === undefined ? 14 : readInteger(opts.windowDays, fn, 'options.windowDays', 1);
  const minActiveDays = opts.minActiveDays === undefined ? 3 : readInteger(opts.minActiveDays, fn, 'options.minActiveDays', 1);
  if (minActiveDays > windowDays) {
    fail(fn, 'options.minActiveDays', 'invalid-option', `must not exceed options.windowDays, which is ${windowDays}`, minActiveDays);
  }
  const confidence = readConfidence(opts.confidence, fn);
  const benchmarks = readBenchmarks(opts.benchmarks, fn);
  const givenAsOf = opts.asOf === undefined ? null : readInstant(opts.asOf, zone, fn, 'options.asOf');

  // Trials, indexed by account: a linked list of trial indices per account code.
  const fields = opts.trialFields;
  if (fields !== undefined && (fields === null || typeof fields !== 'object')) {
    fail(fn, 'options.trialFields', 'invalid-option', 'must be an object { accountId?, trialStart?, sourceCampaign? } of accessors', fields);
  }
  const readAccount = fieldAccessor<T>(fields?.accountId, 'accountId', fn);
  const readStart = fieldAccessor<T>(fields?.trialStart, 'trialStart', fn);
  const readCampaign = fieldAccessor<T>(fields?.sourceCampaign, 'sourceCampaign', fn);
  const accounts = new IdCodes();
  const trialAccount: number[] = [];
  const trialInstant: number[] = [];
  const trialDay: number[] = [];
  const trialCampaign: (Id | null)[] = [];
  const firstTrial: number[] = [];
  const nextTrial: number[] = [];
  let latestStart = Number.NEGATIVE_INFINITY;
  let i = 0;
  for (const trial of requireIterable<T>(trials, fn, 'trials')) {
    requireRecord(trial, fn, 'trials', i);
    const accountId = readId(readAccount(trial, i), fn, 'trials', i, 'accountId');
    const start = readInstant(readStart(trial, i), zone, fn, recordPath('trials', i, 'trialStart'));
    const campaign = readCampaign(trial, i);
    if (campaign !== undefined && campaign !== null && !isId(campaign)) {
      fail(fn, recordPath('trials', i, 'sourceCampaign'), 'invalid-id', 'must be a non-empty string, a finite number, or null or undefined when there is none', campaign);
    }
    const account = accounts.code(accountId);
    if (account === firstTrial.length) firstTrial.push(-1);
    nextTrial.push(firstTrial[account] as number);
    firstTrial[account] = i;
    trialAccount.push(account);
    trialInstant.push(start);
    trialDay.push(zone.dayOf(start));
    trialCampaign.push(campaign === undefined || campaign === null ? null : campaign);
    if (start > latestStart) latestStart = start;
    i++;
  }
  const trialCount = i;

  // One pass over the events: a bit per (trial, window day).
  const words = Math.ceil(windowDays / 32);
  const marks = new Int32Array(trialCount * words);
  const limit = givenAsOf ?? Number.POSITIVE_INFINITY;
  let latestEvent = Number.NEGATIVE_INFINITY;
  scanAccountEvents(events, fn, 'events', opts, zone, (accountId, instant) => {
    if (instant > latestEvent) latestEvent = instant;
    if (instant > limit) return;
    const account = accounts.find(accountId);
    if (account < 0) return;
    const day = zone.dayOf(instant);
    for (let k = firstTrial[account] as number; k >= 0; k = nextTrial[k] as number) {
      const offset = day - (trialDay[k] as number);
      if (offset >= 0 && offset < windowDays) {
        const w = k * words + (offset >>> 5);
        marks[w] = (marks[w] as number) | (1 << (offset & 31));
      }
    }
  });

  const asOf =
    givenAsOf ??
    (latestEvent !== Number.NEGATIVE_INFINITY ? latestEvent : latestStart !== Number.NEGATIVE_INFINITY ? latestStart : null);
  const asOfDay = asOf === null ? 0 : zone.dayOf(asOf);

  const overall = newCounts();
  const months = new Map<number, Counts>();
  const campaigns = new Map<Id | null, Counts>();
  const rows: EngagedEvaluationTrial[] = [];
  for (let k = 0; k < trialCount; k++) {
    const day0 = trialDay[k] as number;
    let activeDays = 0;
    let engagedOn: number | null = null;
    for (let offset = 0; offset < windowDays; offset++) {
      if (((marks[k * words + (offset >>> 5)] as number) & (1 << (offset & 31))) !== 0) {
        activeDays++;
        if (activeDays === minActiveDays) engagedOn = day0 + offset;
      }
    }
    const engaged = activeDays >= minActiveDays;
    const pending = asOfDay < day0 + windowDays;
    const campaign = trialCampaign[k] as Id | null;
    const month = monthOfDay(day0);
    let byMonth = months.get(month);
    if (byMonth === undefined) months.set(month, (byMonth = newCounts()));
    let byCampaign = campaigns.get(campaign);
    if (byCampaign === undefined) campaigns.set(campaign, (byCampaign = newCounts()));
    tally(overall, pending, engaged);
    tally(byMonth, pending, engaged);
    tally(byCampaign, pending, engaged);
    rows.push({
      accountId: accounts.ids[trialAccount[k] as number] as Id,
      trialStart: dayKey(day0),
      sourceCampaign: campaign,
      activeDays,
      engaged,
      pending,
      engagedOn: engagedOn === null ? null : dayKey(engagedOn),
    });
  }

  const order = rows.map((_, k) => k);
  order.sort(
    (a, b) =>
      (trialInstant[a] as number) - (trialInstant[b] as number) ||
      compareIds((rows[a] as EngagedEvaluationTrial).accountId, (rows[b] as EngagedEvaluationTrial).accountId) ||
      compareOptionalIds(trialCampaign[a] as Id | null, trialCampaign[b] as Id | null),
  );
  const summarize = (counts: Counts): EngagedEvaluationSummary => {
    const rate = counts.completed === 0 ? null : wilsonInterval(counts.engaged, counts.completed, confidence);
    return { ...counts, rate, band: rate === null ? null : bandOf(rate.value, benchmarks) };
  };
  return {
    timeZone: zone.timeZone,
    asOf: asOf === null ? null : new Date(asOf).toISOString(),
    minActiveDays,
    windowDays,
    confidence,
    benchmarks,
    overall: summarize(overall),
    byMonth: [...months.keys()].sort((a, b) => a - b).map((month) => ({ month: monthKey(month), ...summarize(months.get(month) as Counts) })),
    byCampaign: [...campaigns.keys()]
      .sort(compareOptionalIds)
      .map((sourceCampaign) => ({ sourceCampaign, ...summarize(campaigns.get(sourceCampaign) as Counts) })),
    trials: order.map((k) => rows[k] as EngagedEvaluationTrial),
  };
}

function newCounts(): Counts {
  return { trials: 0, completed: 0, engaged: 0, pending: 0, pendingEngaged: 0 };
}

function tally(counts: Counts, pending: boolean, engaged: boolean): void {
  counts.trials++;
  if (pending) {
    counts.pending++;
    if (engaged) counts.pendingEngaged++;
  } else {
    counts.completed++;
    if (engaged) counts.engaged++;
  }
}

function bandOf(rate: number, benchmarks: { expected: number; ideal: number }): EngagementBand {
  if (rate >= benchmarks.ideal) return 'ideal';
  if (rate < benchmarks.expected) return 'below-benchmark';
  return 'healthy';
}

function readBenchmarks(value: unknown, fn: string): { expected: number; ideal: number } {
  if (value === undefined) return { expected: 0.2, ideal: 0.5 };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fail(fn, 'options.benchmarks', 'invalid-option', 'must be an object { expected?, ideal? }', value);
  }
  const given = value as EngagementBenchmarks;
  const expected = given.expected === undefined ? 0.2 : readFraction(given.expected, fn, 'options.benchmarks.expected');
  const ideal = given.ideal === undefined ? 0.5 : readFraction(given.ideal, fn, 'options.benchmarks.ideal');
  if (expected > ideal) {
    fail(fn, 'options.benchmarks.expected', 'invalid-option', `must not exceed options.benchmarks.ideal, which is ${ideal}`, expected);
  }
  return { expected, ideal };
}

function readFraction(value: unknown, fn: string, path: string): number {
  if (typeof value === 'number' && value >= 0 && value <= 1) return value;
  return fail(fn, path, 'invalid-option', 'must be a number from 0 to 1', value);
}

function fieldAccessor<T>(given: unknown, field: string, fn: string): Accessor<T, unknown> {
  if (given === undefined) return (trial: T) => (trial as Record<string, unknown>)[field];
  if (typeof given !== 'function') {
    return fail(fn, `options.trialFields.${field}`, 'invalid-option', 'must be a function that reads the field from a trial', given);
  }
  return given as Accessor<T, unknown>;
}
