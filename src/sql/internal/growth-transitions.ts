/**
 * The parts of `growthLifecycleSql`: the signups source, the transition CTEs the engine
 * counts, and the decoder side that turns the counts per (period, kind) into the
 * transition counts of `growthLifecycle`.
 *
 * The engine turns the events into each user's distinct active periods (`gu`), with the
 * previous and next active period of the same user (`gl`, by `lead` both ways), and emits
 * one transition row per user and period (`tr`): kind 0 for a first active period (new),
 * 1 when the previous period was active (returning), 2 after a gap (resurrecting), 3 in the
 * period after an active one that is not followed by activity (dormant), and with signups 4
 * for a first active period whose user signed up on an earlier day in an earlier period
 * (a new that becomes resurrecting). These are the transitions `countTransitions` of
 * lifecycle/internal/growth-transitions.ts counts in one pass per user; the decoder turns
 * them into its counts, from which `growthResult` there builds the result. O(periods +
 * rows) in the decoder.
 * @internal
 */

import { fail } from '../../core/errors.js';
import { SIGNUP_FIELD_KEYS } from '../../core/signups.js';
import type { Weekday } from '../../core/types.js';
import type { TransitionCounts } from '../../lifecycle/internal/growth-transitions.js';
import type { SqlRow, SqlTimestampType } from '../types.js';
import { numberOf } from './decode.js';
import type { Dialect } from './dialect.js';
import { localDay } from './event-scan.js';
import { periodOfDay } from './period-series.js';
import type { QueryValues } from './query-text.js';
import { readColumn } from './source.js';
import { readFieldNames, readSignupTable } from './table-source.js';

/** The signups source, resolved: the `FROM` item, how instants are stored, the quoted columns. */
export interface GrowthSignups {
  readonly from: string;
  readonly timestampType: SqlTimestampType;
  readonly id: string;
  readonly at: string;
}

/**
 * Reads `signupFields` (always, as `growthLifecycle` checks it) and, when `read`, the
 * `signups` source; `null` when the signups are not read (`newBy: 'first-activity'`).
 */
export function readGrowthSignups(fn: string, d: Dialect, eventsTimestampType: SqlTimestampType, signups: unknown, signupFields: unknown, read: boolean): GrowthSignups | null {
  const fields = readFieldNames(fn, signupFields, 'signupFields', SIGNUP_FIELD_KEYS);
  const id = readColumn(fn, d, fields.id, 'signupFields.id', 'userId');
  const at = readColumn(fn, d, fields.signedUpAt, 'signupFields.signedUpAt', 'signedUpAt');
  if (signups === undefined) return null;
  const { from, timestampType } = readSignupTable(fn, d, signups, eventsTimestampType);
  return read ? { from, timestampType, id, at } : null;
}

/** How the transitions are counted: the period numbering, the zone of signup days, the reported period numbers (`null`: unbounded). */
export interface GrowthPlan {
  readonly period: 'day' | 'week' | 'month';
  readonly weekStartsOn: Weekday;
  readonly timeZone: string;
  readonly signups: GrowthSignups | null;
  readonly lowPeriod: number | null;
  readonly highPeriod: number | null;
}

/**
 * The CTEs after the event scan (`sraw`, `schecks`, `sd` with signups; `gu`, `gl`, `tr`),
 * joined by commas (without the `WITH`, to follow the event scan), and the final part's
 * `FROM ... GROUP BY` text (counts per transition period `tp` and kind `k`).
 */
export function growthTransitions(d: Dialect, values: QueryValues, plan: GrowthPlan): { ctes: string; countFrom: string } {
  const s = plan.signups;
  const periodOf = (day: string): string => periodOfDay(d, values, plan.period, plan.weekStartsOn, day);
  const int = (expr: string): string => d.cast(expr, 'integer');
  const ctes: string[] = [];
  if (s !== null) {
    ctes.push(`sraw AS (SELECT ${s.id} AS uid, ${d.epochMs(s.at, s.timestampType)} AS ms FROM ${s.from})`);
    ctes.push(
      `schecks AS (SELECT ${d.countWhere('uid IS NULL')} AS bad_suid, ${d.countWhere('ms IS NULL')} AS bad_sms, ${int('count(uid) - count(DISTINCT uid)')} AS dup_sid FROM sraw)`,
    );
    ctes.push(`sd AS (SELECT uid, ${localDay(d, values, plan.timeZone, 'ms')} AS sday FROM sraw WHERE uid IS NOT NULL AND ms IS NOT NULL)`);
  }
  ctes.push(`gu AS (SELECT uid, p, min(day) AS pday FROM (SELECT uid, day, ${periodOf('day')} AS p FROM ev) AS units GROUP BY uid, p)`);
  ctes.push(`gl AS (SELECT uid, p, pday, ${d.next('p', 'uid', 'p DESC')} AS prv, ${d.next('p', 'uid', 'p')} AS nxt FROM gu)`);
  const kinds = [
    `SELECT ${int('p')} AS tp, ${int('CASE WHEN prv IS NULL THEN 0 WHEN prv = p - 1 THEN 1 ELSE 2 END')} AS k FROM gl`,
    `SELECT ${int('p + 1')} AS tp, ${int('3')} AS k FROM gl WHERE nxt IS NULL OR nxt > p + 1`,
  ];
  if (s !== null) {
    kinds.push(
      `SELECT ${int('g.p')} AS tp, ${int('4')} AS k FROM gl AS g INNER JOIN sd AS s ON g.uid = s.uid WHERE g.prv IS NULL AND s.sday < g.pday AND ${periodOf('s.sday')} < g.p`,
    );
  }
  ctes.push(`tr AS (${kinds.join(' UNION ALL ')})`);
  const within = [
    ...(plan.lowPeriod === null ? [] : [`tp >= ${values.bind(plan.lowPeriod, 'integer')}`]),
    ...(plan.highPeriod === null ? [] : [`tp <= ${values.bind(plan.highPeriod, 'integer')}`]),
  ];
  return { ctes: ctes.join(',\n'), countFrom: `FROM tr${within.length === 0 ? '' : ` WHERE ${within.join(' AND ')}`} GROUP BY tp, k` };
}

/**
 * Throws for the signups `growthLifecycle` would refuse: a NULL id or instant, an id with
 * two signups (the counts of the checks row).
 */
export function readSignupChecks(fn: string, rows: readonly SqlRow[], columns: { readonly id: string; readonly signedUpAt: string }): void {
  const row = rows.find((r) => r['part'] === 'checks');
  if (row === undefined) return;
  const problems: [string, string, string, string][] = [
    ['bad_suid', columns.id, 'invalid-id', 'is NULL in {n} of the signups; every signup needs its user id'],
    ['bad_sms', columns.signedUpAt, 'invalid-timestamp', 'is NULL in {n} of the signups; every signup needs its instant'],
    ['dup_sid', columns.id, 'duplicate-id', 'repeats in {n} of the signups; give each user one signup'],
  ];
  for (const [column, where, code, message] of problems) {
    const bad = numberOf(fn, row, column);
    if (bad > 0) fail(fn, `signups.${where}`, code, message.replace('{n}', `${bad} row${bad === 1 ? '' : 's'}`), null);
  }
}

/**
 * The transition counts of the `count` periods from the period numbered `first`, from the
 * rows whose `part` is `'count'` (`p`, kind `k`, `n`); kind 4 moves a first active period
 * from new to resurrecting.
 */
export function transitionCounts(fn: string, rows: readonly SqlRow[], first: number, count: number): TransitionCounts {
  const byKind = [new Int32Array(count), new Int32Array(count), new Int32Array(count), new Int32Array(count), new Int32Array(count)];
  for (const row of rows) {
    if (row['part'] !== 'count') continue;
    const slot = numberOf(fn, row, 'p') - first;
    const kind = byKind[numberOf(fn, row, 'k')];
    if (slot < 0 || slot >= count || kind === undefined) continue;
    kind[slot] = numberOf(fn, row, 'n');
  }
  const [firsts, returning, gaps, dormant, shifted] = byKind as [Int32Array, Int32Array, Int32Array, Int32Array, Int32Array];
  const fresh = new Int32Array(count);
  const resurrecting = new Int32Array(count);
  for (let k = 0; k < count; k++) {
    fresh[k] = (firsts[k] as number) - (shifted[k] as number);
    resurrecting[k] = (gaps[k] as number) + (shifted[k] as number);
  }
  return { fresh, returning, resurrecting, dormant };
}
