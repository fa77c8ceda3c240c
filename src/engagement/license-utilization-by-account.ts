import { fail, failRecord, recordPath } from '../core/errors.js';
import { scanEvents, type AccountEventAccessors, type EventAccessors, type Events } from '../core/events.js';
import { optionsOf } from '../core/options.js';
import { accessorFor, readId, requireIterable, requireRecord, type Id, type IdCodes } from '../core/read.js';
import type { ZoneCalendar } from '../core/time-zone.js';
import { TOO_FEW_LICENSES } from './internal/license-bands.js';
import { licenseWindow, readLicenseSettings } from './internal/license-utilization-by-account-options.js';
import { licenseUtilizationResult } from './internal/license-utilization-by-account-result.js';
import {
  LICENSE_FIELD_KEYS,
  LICENSE_UTILIZATION_BY_ACCOUNT_OPTION_KEYS,
  type LicenseUtilizationByAccountOptions,
  type LicenseUtilizationByAccountResult,
} from './types.js';

/**
 * License utilization of many accounts at once: each account's monthly active users
 * (from events) over its licenses (from a table), with its band, riskiest first.
 *
 * Definition: an account's active users are the distinct users with at least one event
 * of that account, at or before `asOf`, on one of the `windowDays` (default 30) local
 * calendar days, in `timeZone`, ending on and including the day of `asOf`. `ratio =
 * activeUsers / licenses` and the band follow {@link licenseUtilization}: `'expand'` above
 * `expandAbove` (default 1, grow the account), `'adoption-risk'` below `riskBelow`
 * (default 0.5), else `'healthy'`. A user active in two accounts counts in each.
 *
 * Time: `asOf` is "now" (default: the latest event); events after it are left out. A
 * date-only `asOf` is the end of that local day: `asOf: '2026-10-31'` with the default 30
 * days reads 2026-10-02 to 2026-10-31, every event of October 31 included, in any zone.
 * `complete` says whether the window's last day had ended by `asOf`.
 *
 * Algorithm: one pass over the events keeps, per (account, user) pair, the latest local
 * day at or before `asOf` (in typed arrays by user code; a `Map` only for users seen in
 * more than one account), so the default `asOf`, the latest event, needs no second pass;
 * the pairs whose day falls in the window are counted at the end. O(n + r log r) time for
 * n events and r table rows, no allocation per event, memory O(account-users + table
 * rows), not O(n).
 *
 * Edge cases: accounts of the table without events have 0 active users (ratio 0, or
 * `null` with 0 licenses); accounts with events (in the window or not) but no table row
 * are listed in `unlicensedAccounts`. Rows are sorted by ratio ascending, `null` ratios last, ties by
 * account id (numbers before strings). No events and no `asOf` give `asOf`, `asOfDate`,
 * `from` and `to` of `null` and 0 active users everywhere; empty inputs give empty lists.
 *
 * @param events Rows (`{ userId, accountId, timestamp }` by default, or accessors in
 * `options`) or columns `{ userId, accountId, timestamp }`.
 * @param options `licenses`, the licenses table (required), one row per account:
 * `{ accountId, licenses }` by default, or accessors in `licenseFields`; and the options
 * below.
 * @throws {MetricsInputError} for a missing `options.licenses`, an event without a valid user id, account id or
 * timestamp (`events[i].accountId`), a table row without a valid account id or a licenses
 * count >= 0 (`licenses[3] (accountId "acme").licenses`), an account listed twice in the
 * table (`duplicate-id`), an unknown option key or a `null` option (in `licenseFields` and
 * `thresholds` too), an unknown time zone, an invalid `asOf`, `windowDays` or thresholds.
 *
 * @example
 * ```ts
 * import { licenseUtilizationByAccount } from 'customer-success-metrics/engagement';
 * const events = [
 *   { userId: 'ana', accountId: 'acme', timestamp: '2024-03-30T09:00:00Z' },
 *   { userId: 'ben', accountId: 'acme', timestamp: '2024-03-31T10:00:00Z' },
 *   { userId: 'cy', accountId: 'initech', timestamp: '2024-03-02T08:00:00Z' },
 *   { userId: 'dee', accountId: 'umbrella', timestamp: '2024-03-31T12:00:00Z' },
 * ];
 * const licenses = [
 *   { accountId: 'acme', licenses: 2 },
 *   { accountId: 'initech', licenses: 4 },
 * ];
 * const result = licenseUtilizationByAccount(events, { licenses, asOf: '2024-03-31' });
 * [result.from, result.to, result.complete]; // => ['2024-03-02', '2024-03-31', true]
 * result.accounts.map((a) => [a.accountId, a.ratio, a.band]); // => [['initech', 0.25, 'adoption-risk'], ['acme', 1, 'healthy']]
 * result.unlicensedAccounts; // => ['umbrella']
 * ```
 */
export function licenseUtilizationByAccount<R, L>(events: Events<R>, options: LicenseUtilizationByAccountOptions<R, L>): LicenseUtilizationByAccountResult {
  const fn = 'licenseUtilizationByAccount';
  const opts = optionsOf(options, fn, LICENSE_UTILIZATION_BY_ACCOUNT_OPTION_KEYS);
  const settings = readLicenseSettings(fn, opts);
  const table = readLicenseTable(opts.licenses, opts.licenseFields, fn);
  const pairs = latestPairDays(fn, events, opts, settings.zone, settings.asOf);
  const asOf = settings.asOf ?? pairs.latest;
  const window = licenseWindow(settings, asOf);
  const { groups } = pairs;
  const active = window === null ? new Int32Array(groups.size) : pairs.activeSince(window.from);
  return licenseUtilizationResult(settings, asOf, {
    accountIds: table.accountIds,
    counts: table.counts,
    licensed: (accountId) => table.rows.has(accountId),
    seen: groups.ids,
    activeUsersOf: (accountId) => {
      const group = groups.find(accountId);
      return group < 0 ? 0 : (active[group] as number);
    },
    overflow: (r, count) => failRecord(fn, { collection: 'licenses', index: r, idField: 'accountId', id: table.accountIds[r] as Id }, 'licenses', 'invalid-number', TOO_FEW_LICENSES, count),
  });
}

/** No day yet: below every day number. */
const NO_DAY = -2_147_483_648;

/** Each (account, user) pair's latest active day, at or before `asOf`. */
interface PairDays {
  /** The account ids by group code. */
  readonly groups: IdCodes;
  /** The latest event instant at or before `asOf`; `null` without any. */
  readonly latest: number | null;
  /** Active users per account code: the pairs whose latest day is `from` or later. */
  activeSince(from: number): Int32Array;
}

/**
 * One pass over the events: the latest local day of each (account, user) pair, in typed
 * arrays indexed by user code for the first account a user is seen in (nearly every user
 * has one), in per-user Maps of account code -> day for the others. Events after `asOf`
 * are validated and left out (one comparison).
 */
function latestPairDays<R>(
  fn: string,
  events: Events<R>,
  opts: EventAccessors<R> & AccountEventAccessors<R>,
  zone: ZoneCalendar,
  asOf: number | null,
): PairDays {
  const limit = asOf ?? Number.POSITIVE_INFINITY;
  let pairGroup = new Int32Array(1024).fill(-1);
  let pairDay = new Int32Array(1024).fill(NO_DAY);
  const otherPairs = new Map<number, Map<number, number>>();
  let latest = Number.NEGATIVE_INFINITY;
  const group = { field: 'accountId', accessor: opts.accountId };
  const ids = scanEvents(events, { fn, collection: 'events', accessors: opts, group }, zone, (user, instant, account) => {
    if (instant > limit) return;
    if (instant > latest) latest = instant;
    if (user >= pairGroup.length) {
      const size = Math.max(pairGroup.length * 2, user + 1);
      const groups = new Int32Array(size).fill(-1);
      groups.set(pairGroup);
      pairGroup = groups;
      const days = new Int32Array(size).fill(NO_DAY);
      days.set(pairDay);
      pairDay = days;
    }
    const day = zone.dayOf(instant);
    const first = pairGroup[user] as number;
    if (first === -1 || first === account) {
      pairGroup[user] = account;
      if (day > (pairDay[user] as number)) pairDay[user] = day;
      return;
    }
    let others = otherPairs.get(user);
    if (others === undefined) {
      others = new Map();
      otherPairs.set(user, others);
    }
    const seen = others.get(account);
    if (seen === undefined || day > seen) others.set(account, day);
  });
  const groups = ids.groups as IdCodes;
  return {
    groups,
    latest: latest === Number.NEGATIVE_INFINITY ? null : latest,
    activeSince(from: number): Int32Array {
      const active = new Int32Array(groups.size);
      // Users whose every event is after asOf have a code but no slot (or an empty one).
      const users = Math.min(ids.users.size, pairDay.length);
      for (let user = 0; user < users; user++) {
        if ((pairDay[user] as number) < from) continue;
        const account = pairGroup[user] as number;
        active[account] = (active[account] as number) + 1;
      }
      for (const others of otherPairs.values()) {
        for (const [account, day] of others) if (day >= from) active[account] = (active[account] as number) + 1;
      }
      return active;
    },
  };
}

interface LicenseTable {
  readonly accountIds: Id[];
  readonly counts: number[];
  /** Row index of each account id. */
  readonly rows: Map<Id, number>;
}

/**
 * Reads the licenses table (`options.licenses`, required): one row per account, a valid
 * account id and a licenses count >= 0 each, no account twice (`duplicate-id`). Row errors
 * name the row as `licenses[3] (accountId "acme").licenses`.
 */
function readLicenseTable<L>(licenses: unknown, fields: unknown, fn: string): LicenseTable {
  if (licenses === undefined) {
    fail(fn, 'options.licenses', 'invalid-option', 'is required: the licenses table, an array or another iterable of { accountId, licenses } rows', licenses);
  }
  if (fields !== undefined && (fields === null || typeof fields !== 'object' || Array.isArray(fields))) {
    fail(fn, 'options.licenseFields', 'invalid-option', 'must be an object { accountId?, licenses? } of accessors', fields);
  }
  const given = optionsOf(fields as Partial<Record<(typeof LICENSE_FIELD_KEYS)[number], unknown>> | undefined, fn, LICENSE_FIELD_KEYS, 'options.licenseFields');
  const readAccount = accessorFor<L>(given.accountId, 'accountId', fn, 'options.licenseFields.accountId');
  const readCount = accessorFor<L>(given.licenses, 'licenses', fn, 'options.licenseFields.licenses');
  const rows = new Map<Id, number>();
  const accountIds: Id[] = [];
  const counts: number[] = [];
  let i = 0;
  for (const row of requireIterable<L>(licenses, fn, 'options.licenses')) {
    requireRecord(row, fn, 'licenses', i);
    const accountId = readId(readAccount(row, i), fn, 'licenses', i, 'accountId');
    const count = readCount(row, i);
    if (typeof count !== 'number' || !Number.isFinite(count) || count < 0) {
      failRecord(fn, { collection: 'licenses', index: i, idField: 'accountId', id: accountId }, 'licenses', 'invalid-number', 'must be a finite number >= 0', count);
    }
    const first = rows.get(accountId);
    if (first !== undefined) {
      fail(fn, recordPath('licenses', i, 'accountId'), 'duplicate-id', `repeats the account of licenses[${first}]; give each account one row`, accountId);
    }
    rows.set(accountId, i);
    accountIds.push(accountId);
    counts.push(count);
    i++;
  }
  return { accountIds, counts, rows };
}
