/**
 * Reading the trials table of `engagedEvaluation`: one row per trial, indexed by account
 * so that one pass over the events finds each event's trials. O(trials).
 * @internal
 */

import { fail, failRecord } from '../../core/errors.js';
import { optionsOf } from '../../core/options.js';
import { IdCodes, accessorFor, isId, readId, requireIterable, requireRecord, type Id } from '../../core/read.js';
import { failRecordInstant, instantOf } from '../../core/timestamp.js';
import type { ZoneCalendar } from '../../core/time-zone.js';
import { TRIAL_FIELD_KEYS } from '../types.js';

/** The trials, as parallel columns, with a linked list of trial indices per account code. */
export interface Trials {
  readonly count: number;
  readonly accounts: IdCodes;
  /** Account code of each trial. */
  readonly account: Int32Array;
  /** Start instant (epoch ms) of each trial. */
  readonly start: Float64Array;
  /** Local day of each start: day 0 of the trial's window. */
  readonly day: Int32Array;
  /** Source campaign of each trial; `null` for none. */
  readonly campaign: (Id | null)[];
  /** First trial of each account code, then `next[trial]` until -1. */
  readonly first: Int32Array;
  readonly next: Int32Array;
  /** The latest start; `-Infinity` without trials. */
  readonly latestStart: number;
}

/**
 * Reads and validates the trials. Errors about a trial's other fields name its account id
 * beside its index: `trials[3] (accountId "acme").trialStart is not a valid timestamp`.
 *
 * @throws {MetricsInputError} for a non-record, a bad account id, start or campaign, and
 * for a bad `trialFields` (`unknown-option`, `invalid-option`).
 */
export function readTrials<T>(fn: string, trials: unknown, fields: unknown, zone: ZoneCalendar): Trials {
  if (fields !== undefined && (fields === null || typeof fields !== 'object' || Array.isArray(fields))) {
    fail(fn, 'options.trialFields', 'invalid-option', 'must be an object { accountId?, trialStart?, sourceCampaign? } of accessors', fields);
  }
  const given = optionsOf(fields as Partial<Record<(typeof TRIAL_FIELD_KEYS)[number], unknown>> | undefined, fn, TRIAL_FIELD_KEYS, 'options.trialFields');
  const readAccount = accessorFor<T>(given.accountId, 'accountId', fn, 'options.trialFields.accountId');
  const readStart = accessorFor<T>(given.trialStart, 'trialStart', fn, 'options.trialFields.trialStart');
  const readCampaign = accessorFor<T>(given.sourceCampaign, 'sourceCampaign', fn, 'options.trialFields.sourceCampaign');
  const accounts = new IdCodes();
  const account: number[] = [];
  const start: number[] = [];
  const campaign: (Id | null)[] = [];
  let latestStart = Number.NEGATIVE_INFINITY;
  let i = 0;
  for (const trial of requireIterable<T>(trials, fn, 'options.trials')) {
    requireRecord(trial, fn, 'trials', i);
    const accountId = readId(readAccount(trial, i), fn, 'trials', i, 'accountId');
    const at = { collection: 'trials', index: i, idField: 'accountId', id: accountId };
    const raw = readStart(trial, i);
    const instant = instantOf(raw, zone);
    if (instant !== instant) failRecordInstant(raw, fn, at, 'trialStart');
    const source = readCampaign(trial, i);
    if (source !== undefined && source !== null && !isId(source)) {
      failRecord(fn, at, 'sourceCampaign', 'invalid-id', 'must be a non-empty string, a finite number, or null or undefined when there is none', source);
    }
    account.push(accounts.code(accountId));
    start.push(instant);
    campaign.push(source === undefined || source === null ? null : source);
    if (instant > latestStart) latestStart = instant;
    i++;
  }
  const first = new Int32Array(accounts.size).fill(-1);
  const next = new Int32Array(i);
  const day = new Int32Array(i);
  // Each account's list in reverse input order (the order of the lists does not matter).
  for (let k = 0; k < i; k++) {
    const a = account[k] as number;
    next[k] = first[a] as number;
    first[a] = k;
    day[k] = zone.dayOf(start[k] as number);
  }
  return { count: i, accounts, account: Int32Array.from(account), start: Float64Array.from(start), day, campaign, first, next, latestStart };
}
