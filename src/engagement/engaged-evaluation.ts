import { fail } from '../core/errors.js';
import { scanEvents, type AccountEvents } from '../core/events.js';
import { optionsOf } from '../core/options.js';
import type { Id } from '../core/read.js';
import { readEvaluationSettings, type EvaluationSettings } from './internal/engaged-evaluation-options.js';
import { evaluationResult, type EvaluatedTrial } from './internal/engaged-evaluation-result.js';
import { readTrials, type Trials } from './internal/trials.js';
import { ENGAGED_EVALUATION_OPTION_KEYS, type EngagedEvaluationOptions, type EngagedEvaluationResult } from './types.js';

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
 * @param events Rows `{ accountId, timestamp }` by default (accessors `accountId` and
 * `timestamp` in `options`), or columns `{ accountId, timestamp }`; no user id needed.
 * @param options `trials`, the trials table (required): rows
 * `{ accountId, trialStart, sourceCampaign? }` by default, or accessors in `trialFields`;
 * and the options below.
 * @throws {MetricsInputError} for a missing `options.trials`, a trial without a valid account id or start
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
 * const result = engagedEvaluation(events, { trials });
 * [result.asOf, result.asOfDate]; // => ['2024-05-25T12:00:00.000Z', '2024-05-25']
 * result.trials[0]; // => { accountId: 'acme', trialStart: '2024-05-01', sourceCampaign: 'webinar', activeDays: 3, engaged: true, pending: false, engagedOn: '2024-05-09' }
 * result.trials[1]?.activeDays; // => 0
 * result.overall.trialCount; // => 3
 * result.overall.completed; // => 2
 * result.overall.engaged; // => 1
 * result.overall.pending; // => 1
 * result.overall.rate?.value; // => 0.5
 * result.overall.band; // => 'ideal'
 * result.byCampaign.map((c) => [c.sourceCampaign, c.trialCount, c.completed]); // => [['webinar', 2, 1], [null, 1, 1]]
 * ```
 */
export function engagedEvaluation<T, R>(events: AccountEvents<R>, options: EngagedEvaluationOptions<T, R>): EngagedEvaluationResult {
  const fn = 'engagedEvaluation';
  const opts = optionsOf(options, fn, ENGAGED_EVALUATION_OPTION_KEYS);
  const settings = readEvaluationSettings(fn, opts);
  if (opts.trials === undefined) {
    fail(fn, 'options.trials', 'invalid-option', 'is required: the trials table, an array or another iterable of { accountId, trialStart } rows', opts.trials);
  }
  const table = readTrials(fn, opts.trials, opts.trialFields, settings.zone);
  const { marks, latestEvent } = markActiveDays(fn, events, opts, table, settings);
  const latest = latestEvent ?? (table.latestStart === Number.NEGATIVE_INFINITY ? null : table.latestStart);
  return evaluationResult(evaluatedTrials(table, marks, settings), settings, settings.asOf ?? latest);
}

/**
 * One pass over the events (core `scanEvents` with `key: 'accountId'`): a bit per (trial,
 * window day) for each event at or after its trial's start instant, in the window, at or
 * before `asOf` (one comparison leaves out the later ones). Also the latest event instant
 * (at or before `asOf`), for the default `asOf`. The scan continues the trials' account
 * codes, so an event's code is its trial account's, and a code past them is an account
 * without a trial.
 */
function markActiveDays<T, R>(
  fn: string,
  events: AccountEvents<R>,
  opts: Partial<EngagedEvaluationOptions<T, R>>,
  table: Trials,
  settings: EvaluationSettings,
): { marks: Int32Array; latestEvent: number | null } {
  const { zone, windowDays } = settings;
  const words = Math.ceil(windowDays / 32);
  const marks = new Int32Array(table.count * words);
  const { accounts, first, next, start, day: trialDay } = table;
  const trialAccounts = first.length;
  const limit = settings.asOf ?? Number.POSITIVE_INFINITY;
  let latest = Number.NEGATIVE_INFINITY;
  const accessors = { ...(opts.accountId === undefined ? {} : { accountId: opts.accountId }), ...(opts.timestamp === undefined ? {} : { timestamp: opts.timestamp }) };
  scanEvents(events, { fn, collection: 'events', accessors, key: 'accountId', users: accounts }, zone, (account, instant) => {
    if (instant > limit) return;
    if (instant > latest) latest = instant;
    if (account >= trialAccounts) return;
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

/** Each trial with its active days (the marked bits of its window) and the day of its `minActiveDays`-th. */
function evaluatedTrials(table: Trials, marks: Int32Array, settings: EvaluationSettings): EvaluatedTrial[] {
  const { windowDays, minActiveDays } = settings;
  const trials: EvaluatedTrial[] = [];
  const words = Math.ceil(windowDays / 32);
  for (let k = 0; k < table.count; k++) {
    const day0 = table.day[k] as number;
    let activeDays = 0;
    let engagedDay: number | null = null;
    for (let offset = 0; offset < windowDays; offset++) {
      if (((marks[k * words + (offset >>> 5)] as number) & (1 << (offset & 31))) !== 0) {
        activeDays++;
        if (activeDays === minActiveDays) engagedDay = day0 + offset;
      }
    }
    const accountId = table.accounts.ids[table.account[k] as number] as Id;
    trials.push({ accountId, start: table.start[k] as number, day: day0, campaign: table.campaign[k] as Id | null, activeDays, engagedDay });
  }
  return trials;
}
