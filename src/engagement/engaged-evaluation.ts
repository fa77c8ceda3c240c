import { asOfEcho, isCompleteAt, readAsOf, type AsOfEcho } from '../core/as-of.js';
import { dayKey, monthKey, monthOfDay } from '../core/calendar.js';
import { fail } from '../core/errors.js';
import { compareIds, compareOptionalIds } from '../core/id-order.js';
import { optionsOf } from '../core/options.js';
import { readConfidence, readInteger, type Id } from '../core/read.js';
import { zoneCalendar, type ZoneCalendar } from '../core/time-zone.js';
import type { Accessor, Estimate, Timestamp } from '../core/types.js';
import { wilsonInterval } from '../stats/wilson-interval.js';
import { scanAccountEvents, type AccountEventAccessors, type AccountEvents } from './internal/account-events.js';
import { readTrials, type Trials } from './internal/trials.js';

export type { AccountEventColumns, AccountEvents } from './internal/account-events.js';

/** Accessors for the fields of a trial record (keys checked: no other key is taken). */
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

/** The keys of {@link EngagementBenchmarks}, checked at `options.benchmarks`. */
export const ENGAGEMENT_BENCHMARK_KEYS = ['expected', 'ideal'] as const;

/** Options of {@link engagedEvaluation}. */
export interface EngagedEvaluationOptions<T, R> extends AccountEventAccessors<R> {
  /** Accessors for the trials (defaults: `accountId`, `trialStart`, `sourceCampaign`). */
  readonly trialFields?: TrialFields<T>;
  /** Distinct active days a trial needs to count as engaged (default 3). */
  readonly minActiveDays?: number;
  /**
   * Local calendar days of the evaluation window, a whole number: days 0 to
   * `windowDays - 1`, day 0 being the local day of the trial's start (default 14).
   */
  readonly windowDays?: number;
  /**
   * "Now": events after it are left out, and a trial is pending until `asOf` reaches the
   * end of its window's last day. A date `YYYY-MM-DD` is the end of that local day (that
   * day counts in full), a month `YYYY-MM` the end of the month, any other timestamp the
   * instant it names (an event exactly at `asOf` counts). Default: the latest event, else
   * the latest trial start.
   */
  readonly asOf?: Timestamp;
  /** IANA time zone whose calendar days count (default `'UTC'`). */
  readonly timeZone?: string;
  /** Confidence level of the rate intervals (default 0.95). */
  readonly confidence?: number;
  /** Band thresholds (default `{ expected: 0.2, ideal: 0.5 }`). */
  readonly benchmarks?: EngagementBenchmarks;
}

/** The option keys of {@link engagedEvaluation}. */
export const ENGAGED_EVALUATION_OPTION_KEYS = ['accountId', 'timestamp', 'trialFields', 'minActiveDays', 'windowDays', 'asOf', 'timeZone', 'confidence', 'benchmarks'] as const;

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
  /** Distinct active days in the window, counting only events at or after the trial's start instant (so far, for a pending trial). */
  readonly activeDays: number;
  /** Whether `activeDays >= minActiveDays` (so far, for a pending trial). */
  readonly engaged: boolean;
  /** Whether the window is not complete at `asOf` (its last day has not ended by `asOf`). */
  readonly pending: boolean;
  /** The day of the `minActiveDays`-th active day, `YYYY-MM-DD`; `null` when not engaged. */
  readonly engagedOn: string | null;
}

/** Result of {@link engagedEvaluation}; `asOf` is `null` when there are neither events nor trials. */
export interface EngagedEvaluationResult extends AsOfEcho {
  /** IANA time zone whose calendar days count. */
  readonly timeZone: string;
  /** Distinct active days a trial needs to count as engaged. */
  readonly minActiveDays: number;
  /** Local calendar days of the evaluation window, day 0 being the trial-start day. */
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
 * `trialStart`; its window is the `windowDays` local calendar days 0 to `windowDays - 1`
 * (default 14: days 0..13). A day is active when the account has at least one event on
 * it at or after the trial-start instant: activity on day 0 before the start does not
 * count (it was not activity of the trial), the rule `activeDays` of the lifecycle module
 * follows too, for Totango's "active days in the first 14 days of the trial". A date-only
 * `trialStart` is the start of that day, so all of day 0 counts. A trial is engaged when
 * its window holds at least `minActiveDays` (default 3) active days; `engagedOn` is the
 * day the `minActiveDays`-th one happened. A trial is pending while its window is
 * incomplete at `asOf` (the window's last day has not ended by `asOf`). Pending trials
 * stay out of the rate, even when already engaged (counting only early successes would
 * inflate it): they are reported as `pending` and `pendingEngaged`. The rate is
 * `engaged / completed` with a Wilson interval at `confidence`; its band is
 * `'below-benchmark'` under `expected` (default 0.2), `'ideal'` from `ideal` (default 0.5)
 * on, else `'healthy'`: Totango's engaged-evaluation benchmarks of 3 active days in the
 * first two weeks, 20% expected and 50% ideal. Every trial is evaluated on its own, so an
 * account with two trials has two rows.
 *
 * Time: `asOf` is "now" (default: the latest event, else the latest trial start); events
 * after it are left out (an event exactly at `asOf` counts). A date-only `asOf` is the end
 * of that local day: with `asOf: '2024-05-14'` a trial started on May 1 has its 14 days
 * complete and is no longer pending.
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
 * (`trials[3] (accountId "acme").trialStart`), a campaign that is not an id, `null` or
 * `undefined`, an event without a valid account id or timestamp
 * (`events[5] (accountId "acme").timestamp`), an unknown option key or a `null` option
 * (in `trialFields` and `benchmarks` too), an unknown time zone, a bad `asOf`,
 * `minActiveDays` or `windowDays` that are not integers >= 1 or with `minActiveDays >
 * windowDays`, a confidence outside (0, 1), or benchmarks outside [0, 1] or with
 * `expected > ideal`.
 *
 * @example
 * ```ts
 * import { engagedEvaluation } from 'customer-success-metrics/engagement';
 * const trials = [
 *   { accountId: 'acme', trialStart: '2024-05-01', sourceCampaign: 'webinar' },
 *   { accountId: 'initech', trialStart: '2024-05-02T12:00:00Z' },
 *   { accountId: 'umbrella', trialStart: '2024-05-20', sourceCampaign: 'webinar' },
 * ];
 * const events = [
 *   { accountId: 'acme', timestamp: '2024-05-01T10:00:00Z' },
 *   { accountId: 'acme', timestamp: '2024-05-03T10:00:00Z' },
 *   { accountId: 'acme', timestamp: '2024-05-09T16:00:00Z' },
 *   { accountId: 'initech', timestamp: '2024-05-02T09:00:00Z' }, // before initech's trial started: not counted
 *   { accountId: 'umbrella', timestamp: '2024-05-25T12:00:00Z' },
 * ];
 * const result = engagedEvaluation(trials, events);
 * [result.asOf, result.asOfDate]; // => ['2024-05-25T12:00:00.000Z', '2024-05-25']
 * result.trials[0]; // => { accountId: 'acme', trialStart: '2024-05-01', sourceCampaign: 'webinar', activeDays: 3, engaged: true, pending: false, engagedOn: '2024-05-09' }
 * result.trials[1]?.activeDays; // => 0
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
  const opts = optionsOf(options, fn, ENGAGED_EVALUATION_OPTION_KEYS);
  const zone = zoneCalendar(opts.timeZone ?? 'UTC', fn);
  const windowDays = opts.windowDays === undefined ? 14 : readInteger(opts.windowDays, fn, 'options.windowDays', 1);
  const minActiveDays = opts.minActiveDays === undefined ? 3 : readInteger(opts.minActiveDays, fn, 'options.minActiveDays', 1);
  if (minActiveDays > windowDays) {
    fail(fn, 'options.minActiveDays', 'invalid-option', `must not exceed options.windowDays, which is ${windowDays}`, minActiveDays);
  }
  const confidence = readConfidence(opts.confidence, fn);
  const benchmarks = readBenchmarks(opts.benchmarks, fn);
  const givenAsOf = readAsOf(opts.asOf, zone, fn);
  const table = readTrials(fn, trials, opts.trialFields, zone);
  const { marks, latestEvent } = markActiveDays(fn, events, opts, zone, table, windowDays, givenAsOf);
  const latest = latestEvent ?? (table.latestStart === Number.NEGATIVE_INFINITY ? null : table.latestStart);
  const asOf = givenAsOf ?? latest;

  const overall = newCounts();
  const months = new Map<number, Counts>();
  const campaigns = new Map<Id | null, Counts>();
  const rows: EngagedEvaluationTrial[] = [];
  const words = Math.ceil(windowDays / 32);
  for (let k = 0; k < table.count; k++) {
    const day0 = table.day[k] as number;
    let activeDays = 0;
    let engagedOn: number | null = null;
    for (let offset = 0; offset < windowDays; offset++) {
      if (((marks[k * words + (offset >>> 5)] as number) & (1 << (offset & 31))) !== 0) {
        activeDays++;
        if (activeDays === minActiveDays) engagedOn = day0 + offset;
      }
    }
    const engaged = activeDays >= minActiveDays;
    const pending = !isCompleteAt(day0 + windowDays - 1, asOf, zone);
    const campaign = table.campaign[k] as Id | null;
    tally(overall, pending, engaged);
    tally(countsOf(months, monthOfDay(day0)), pending, engaged);
    tally(countsOf(campaigns, campaign), pending, engaged);
    rows.push({
      accountId: table.accounts.ids[table.account[k] as number] as Id,
      trialStart: dayKey(day0),
      sourceCampaign: campaign,
      activeDays,
      engaged,
      pending,
      engagedOn: engagedOn === null ? null : dayKey(engagedOn),
    });
  }

  const summarize = (counts: Counts): EngagedEvaluationSummary => {
    const rate = counts.completed === 0 ? null : wilsonInterval(counts.engaged, counts.completed, confidence);
    return { ...counts, rate, band: rate === null ? null : bandOf(rate.value, benchmarks) };
  };
  return {
    timeZone: zone.timeZone,
    ...asOfEcho(asOf, zone),
    minActiveDays,
    windowDays,
    confidence,
    benchmarks,
    overall: summarize(overall),
    byMonth: [...months.keys()].sort((a, b) => a - b).map((month) => ({ month: monthKey(month), ...summarize(months.get(month) as Counts) })),
    byCampaign: [...campaigns.keys()]
      .sort(compareOptionalIds)
      .map((sourceCampaign) => ({ sourceCampaign, ...summarize(campaigns.get(sourceCampaign) as Counts) })),
    trials: trialOrder(table, rows).map((k) => rows[k] as EngagedEvaluationTrial),
  };
}

/**
 * One pass over the events: a bit per (trial, window day) for each event at or after its
 * trial's start instant, in the window, at or before `asOf` (one comparison leaves out the
 * later ones). Also the latest event instant (at or before `asOf`), for the default `asOf`.
 */
function markActiveDays<R>(
  fn: string,
  events: AccountEvents<R>,
  accessors: AccountEventAccessors<R>,
  zone: ZoneCalendar,
  table: Trials,
  windowDays: number,
  asOf: number | null,
): { marks: Int32Array; latestEvent: number | null } {
  const words = Math.ceil(windowDays / 32);
  const marks = new Int32Array(table.count * words);
  const { accounts, first, next, start, day: trialDay } = table;
  const limit = asOf ?? Number.POSITIVE_INFINITY;
  let latest = Number.NEGATIVE_INFINITY;
  scanAccountEvents(events, fn, 'events', accessors, zone, (accountId, instant) => {
    if (instant > limit) return;
    if (instant > latest) latest = instant;
    const account = accounts.find(accountId);
    if (account < 0) return;
    const day = zone.dayOf(instant);
    for (let k = first[account] as number; k >= 0; k = next[k] as number) {
      // At or after the start instant (so on day 0 or later), and in the window.
      const offset = day - (trialDay[k] as number);
      if (instant >= (start[k] as number) && offset < windowDays) {
        const w = k * words + (offset >>> 5);
        marks[w] = (marks[w] as number) | (1 << (offset & 31));
      }
    }
  });
  return { marks, latestEvent: latest === Number.NEGATIVE_INFINITY ? null : latest };
}

/** Trial indices by start instant, then account id, then campaign. */
function trialOrder(table: Trials, rows: readonly EngagedEvaluationTrial[]): number[] {
  const order = rows.map((_, k) => k);
  order.sort(
    (a, b) =>
      (table.start[a] as number) - (table.start[b] as number) ||
      compareIds((rows[a] as EngagedEvaluationTrial).accountId, (rows[b] as EngagedEvaluationTrial).accountId) ||
      compareOptionalIds(table.campaign[a] as Id | null, table.campaign[b] as Id | null),
  );
  return order;
}

function countsOf<K>(map: Map<K, Counts>, key: K): Counts {
  let counts = map.get(key);
  if (counts === undefined) map.set(key, (counts = newCounts()));
  return counts;
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
  const given = optionsOf(value as EngagementBenchmarks, fn, ENGAGEMENT_BENCHMARK_KEYS, 'options.benchmarks');
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
