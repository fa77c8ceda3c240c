import { describeValue, fail } from '../core/errors.js';
import { accessorFor, readId, requireIterable, requireRecord, type Id } from '../core/read.js';
import {
  HEALTH_SCORE_OPTION_KEYS,
  readHealthScoreOptions,
  readPreviousScore,
  scoreHealth,
  type AccountAt,
} from './internal/health-scorer.js';
import type { AccountHealthScore, HealthBand, HealthScoresOptions, HealthScoresResult } from './types.js';

/** The keys of {@link HealthScoresOptions}: any other key is an `unknown-option` error. */
const HEALTH_SCORES_OPTION_KEYS = [...HEALTH_SCORE_OPTION_KEYS, 'accountId', 'previous'] as const satisfies readonly (keyof HealthScoresOptions<unknown>)[];

/**
 * Health scores of many accounts at once, worst first: the list a customer-success team
 * works down.
 *
 * Definition: each account is scored exactly as by `healthScore` with the same
 * `components`, `bands` and `trendTolerance` (weighted mean of the present components'
 * normalized values, missing weights spread over the present ones, bands on the score
 * rounded to an integer), its trend taken against `previous` (by account id from a `Map`,
 * or from an accessor). Rows are sorted by score ascending, `null` scores last, ties by
 * account id (numbers first in numeric order, then strings by code units), so the order of
 * the input does not matter.
 *
 * Source: the weighted, banded account health scores of customer-success platforms
 * (Gainsight scorecards, Totango health profiles), listed riskiest first.
 *
 * Cost: O(n · (c + b) + n log n) time for n accounts, c components and b bands; O(n · c)
 * memory for the rows.
 *
 * Edge cases: no accounts give an empty list; an account missing from the `previous` Map
 * has `previous`, `change` and `trend` of `null`; an account whose every weighted component
 * is missing has `score: null` and sorts last.
 *
 * @param accounts An array or other iterable of account records.
 * @param options `{ components, bands?, trendTolerance?, accountId?, previous? }`.
 * @throws {MetricsInputError} for invalid options (as `healthScore`, plus `options.accountId`
 * and `options.previous`; an unknown key, at any level, is `unknown-option`, and `null` for
 * an option is `invalid-option`); an account that is not an object (`accounts[i]`), without a
 * valid id (`accounts[i].accountId`) or with the id of an earlier one (`duplicate-id`); a
 * component value that is not a finite number, `null` or `undefined`, path
 * `accounts[i].<name>`, the message naming the account's id
 * (`healthScores: accounts[3] (accountId "acme").usage must be a finite number, null or undefined ("high")`);
 * a custom normalizer result outside [0, 100] (`options.components[j].normalize`); a
 * previous score outside [0, 100] (`options.previous.get(id)` or `options.previous(accounts[i])`,
 * the message naming the id).
 *
 * @example
 * ```ts
 * import { healthScores } from 'customer-success-metrics/scores';
 * const accounts = [
 *   { accountId: 'acme', dauMau: 0.3, openTickets: 4 },
 *   { accountId: 'globex', dauMau: 0.1, openTickets: 12 },
 *   { accountId: 'initech', dauMau: null, openTickets: null },
 *   { accountId: 'umbrella', dauMau: 0.5, openTickets: 0 },
 * ];
 * const result = healthScores(accounts, {
 *   components: [
 *     { name: 'dauMau', weight: 2, value: (a) => a.dauMau, normalize: { linear: [0, 0.5] } },
 *     { name: 'openTickets', weight: 1, value: (a) => a.openTickets, normalize: { linear: [10, 0] } },
 *   ],
 *   previous: new Map([['acme', 70], ['umbrella', 98]]),
 * });
 * result.accounts.map((row) => [row.accountId, row.score, row.band, row.trend]);
 * // ~> [['globex', 13.33, 'red', null], ['acme', 60, 'yellow', 'down'], ['umbrella', 100, 'green', 'flat'], ['initech', null, null, null]]
 * result.accounts.find((row) => row.accountId === 'umbrella')?.score; // => 100
 * ```
 */
export function healthScores<A, B extends string = HealthBand>(accounts: Iterable<A>, options: HealthScoresOptions<A, B>): HealthScoresResult<B> {
  const fn = 'healthScores';
  const resolved = readHealthScoreOptions<A, B>(options, fn, HEALTH_SCORES_OPTION_KEYS);
  const readAccountId = accessorFor<A>(options.accountId, 'accountId', fn);
  const previous = readPreviousOption<A>(options.previous, fn);
  const rows: AccountHealthScore<B>[] = [];
  const seen = new Set<Id>();
  let index = 0;
  for (const account of requireIterable<A>(accounts, fn, 'accounts')) {
    requireRecord(account, fn, 'accounts', index);
    const accountId = readId(readAccountId(account, index), fn, 'accounts', index, 'accountId');
    const at: AccountAt = { path: `accounts[${index}]`, label: `accounts[${index}] (accountId ${describeValue(accountId)})` };
    if (seen.has(accountId)) fail(fn, `accounts[${index}].accountId`, 'duplicate-id', 'repeats the id of an earlier account', accountId);
    seen.add(accountId);
    const before = previousScoreOf(previous, account, index, accountId, at, fn);
    rows.push({ accountId, ...scoreHealth(resolved, account, before, fn, at) });
    index++;
  }
  rows.sort(worstFirst);
  return { bands: resolved.bands, trendTolerance: resolved.trendTolerance, accounts: rows };
}

/** An account's previous score, from the `previous` Map (by id) or function; `null` without one. */
function previousScoreOf<A>(
  previous: ReadonlyMap<Id, unknown> | ((account: A, index: number) => unknown) | undefined,
  account: A,
  index: number,
  accountId: Id,
  at: AccountAt,
  fn: string,
): number | null {
  if (previous === undefined) return null;
  if (previous instanceof Map) return readPreviousScore(previous.get(accountId), fn, `options.previous.get(${JSON.stringify(accountId)})`);
  const value = (previous as (account: A, index: number) => unknown)(account, index);
  return readPreviousScore(value, fn, `options.previous(${at.path})`, `options.previous(${at.label})`);
}

/** `options.previous`: a Map, a function, or `undefined` (no trend). */
function readPreviousOption<A>(value: unknown, fn: string): ReadonlyMap<Id, unknown> | ((account: A, index: number) => unknown) | undefined {
  if (value === undefined || value instanceof Map || typeof value === 'function') {
    return value as ReadonlyMap<Id, unknown> | ((account: A, index: number) => unknown) | undefined;
  }
  return fail(fn, 'options.previous', 'invalid-option', 'must be a Map from account id to previous score, or a function (account, index) => previous score', value);
}

/** Lowest score first, `null` scores last, ties by account id (numbers first, then strings by code units). */
function worstFirst(a: AccountHealthScore<string>, b: AccountHealthScore<string>): number {
  if (a.score !== b.score) {
    if (a.score === null) return 1;
    if (b.score === null) return -1;
    return a.score - b.score;
  }
  const x = a.accountId;
  const y = b.accountId;
  if (typeof x === 'number') return typeof y === 'number' ? x - y : -1;
  if (typeof y === 'number') return 1;
  return x < y ? -1 : x > y ? 1 : 0;
}
