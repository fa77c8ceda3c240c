/**
 * The decoder side of `engagedEvaluationSql`: the trials from the engine's rows (one per
 * distinct trial, with its multiplicity, and its active days and engaged day when it has
 * any), checked as `engagedEvaluation` checks its trials table, and the latest trial
 * start for the default `asOf`. The options and the tallying are `engagedEvaluation`'s own
 * (engagement/internal/engaged-evaluation-options.ts and engaged-evaluation-result.ts).
 * O(trials).
 * @internal
 */

import { fail } from '../../core/errors.js';
import type { ZoneCalendar } from '../../core/time-zone.js';
import type { EvaluatedTrial } from '../../engagement/internal/engaged-evaluation-result.js';
import type { SqlRow } from '../types.js';
import { idReader, numberOf, numberOrNull, textOrNull } from './decode.js';

/** The trials table's column names and start type, for the decoder's messages and reading. */
export interface TrialTable {
  readonly columns: { readonly accountId: string; readonly trialStart: string; readonly sourceCampaign: string };
  /** `'date'`: `tstart` is a day number; else epoch ms. */
  readonly startType: 'timestamp' | 'epoch-ms' | 'date';
}

/**
 * The trials of the rows: the `'tchecks'` row (NULL counts, id types), `'trial'` rows (one
 * per distinct trial: `tacc`, `tstart`, `camp` as text or number, `mult`) and `'active'`
 * rows (the same key, `n` active days, `engaged_day`). Throws as `engagedEvaluation`
 * does for a trial without an account id (`invalid-id`) or start (`invalid-timestamp`),
 * or a campaign that is empty text (`invalid-id`); by kind, as the rows have no order.
 * `eventAccountKind` is the type (`'number'` or `'string'`) of the events' account ids: a
 * trial whose account id is of the other type matches no event (the engine compared them
 * as text), as in-process, where `100` and `'100'` are different ids.
 */
export function readTrialRows(fn: string, rows: readonly SqlRow[], table: TrialTable, zone: ZoneCalendar, eventAccountKind: string): EvaluatedTrial[] {
  const checks = rows.find((r) => r['part'] === 'tchecks');
  if (checks === undefined) return fail(fn, 'rows', 'invalid-input', "has no 'tchecks' row; pass every row the query returned", rows.length);
  const badAccount = numberOf(fn, checks, 'bad_tacc');
  if (badAccount > 0) {
    fail(fn, `trials.${table.columns.accountId}`, 'invalid-id', `is NULL in ${badAccount} row${badAccount === 1 ? '' : 's'} of the trials table; every trial needs its account id`, null);
  }
  const badStart = numberOf(fn, checks, 'bad_tstart');
  if (badStart > 0) {
    fail(fn, `trials.${table.columns.trialStart}`, 'invalid-timestamp', `is NULL in ${badStart} row${badStart === 1 ? '' : 's'} of the trials table; every trial needs its start`, null);
  }
  const readAccount = idReader(textOrNull(checks, 'tacc_type'));
  const readCampaign = idReader(textOrNull(checks, 'camp_type'));
  const accountsMatch = typeof readAccount('0') === eventAccountKind;
  const activity = new Map<string, { n: number; engagedDay: number | null }>();
  for (const row of rows) {
    if (row['part'] !== 'active') continue;
    activity.set(keyOf(fn, row), { n: numberOf(fn, row, 'n'), engagedDay: numberOrNull(fn, row, 'engaged_day') });
  }
  const trials: EvaluatedTrial[] = [];
  for (const row of rows) {
    if (row['part'] !== 'trial') continue;
    const accountText = textOrNull(row, 'tacc') ?? '';
    const accountId = readAccount(accountText);
    if (accountId === '') fail(fn, `trials.${table.columns.accountId}`, 'invalid-id', 'must be a non-empty string or a finite number in every row of the trials table', accountId);
    const campaignText = textOrNull(row, 'camp');
    const campaign = campaignText === null ? null : readCampaign(campaignText);
    if (campaign === '') {
      fail(fn, `trials.${table.columns.sourceCampaign}`, 'invalid-id', 'must be a non-empty string, a finite number, or NULL when there is none', campaign);
    }
    const tstart = numberOf(fn, row, 'tstart');
    const start = table.startType === 'date' ? zone.startOfDay(tstart) : tstart;
    const day = table.startType === 'date' ? tstart : zone.dayOf(tstart);
    const seen = accountsMatch ? activity.get(keyOf(fn, row)) : undefined;
    const trial: EvaluatedTrial = { accountId, start, day, campaign, activeDays: seen?.n ?? 0, engagedDay: seen?.engagedDay ?? null };
    const count = numberOf(fn, row, 'mult');
    for (let i = 0; i < count; i++) trials.push(trial);
  }
  return trials;
}

/** The key of a distinct trial in the rows: account, start, campaign (as the engine wrote them). */
function keyOf(fn: string, row: SqlRow): string {
  return JSON.stringify([textOrNull(row, 'tacc'), numberOf(fn, row, 'tstart'), textOrNull(row, 'camp')]);
}

/** The latest trial start (for the default `asOf` without events); `null` without trials. */
export function latestStart(trials: readonly EvaluatedTrial[]): number | null {
  let latest: number | null = null;
  for (const trial of trials) if (latest === null || trial.start > latest) latest = trial.start;
  return latest;
}
