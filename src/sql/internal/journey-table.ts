/**
 * The per-journey table the journey builders (`compareRetentionSql`, `timeToValueSql`,
 * `findAhaSql`) start from, as common table expressions, and the decoder side that reads
 * its rows back. The engine scans the events once; what leaves it is one row per journey.
 *
 * Journeys as `journeys()` builds them: one per id (the `groupBy` column, else the user id
 * column); `start` is the id's signup instant from the signups source when it has a row
 * there, else its first event; an id with a signup and no events is a journey without
 * events. Every event counts (none is cut at `asOf`: the in-process functions see whole
 * journeys and cut activity themselves).
 *
 * CTEs (joined by commas, without the `WITH`):
 * - `raw`, `ev`: the source's rows as `uid`, `nm`, `ms`; the valid ones;
 * - `sraw` (with signups): the signups as `uid`, `ms`;
 * - `ids`, `jr`: the journeys, `uid`, `start` and `latest` (the latest start or event);
 * - `checks`: the counts of bad rows and the id type (see {@link readJourneyChecks});
 * - `jl`: `jr` with the landmark `l = start + landmarkMs` (0 when there is none);
 * - `jx`: every journey's start row (`isev = 0`) and events (`isev = 1`), each with the
 *   journey's `start` and `l`, whether it is activity (`act`: the start, and the events of
 *   the activity name at or before the given `asOf`), and for the milestone whether it
 *   counts (`mt`) and its ordinal among those that do (`mr`: the row number by time, or
 *   the rank of its local day for `activeDays`);
 * - `asof`: one row, `at`, the `asOf` in force (given, else the latest start or event).
 * @internal
 */

import { AsOfOption } from '../../core/journey-zone.js';
import { compareIds } from '../../core/id-order.js';
import { fail } from '../../core/errors.js';
import { optionsOf } from '../../core/options.js';
import { SIGNUP_FIELD_KEYS } from '../../core/signups.js';
import { readChoice, type Id } from '../../core/read.js';
import { zoneCalendar, type ZoneCalendar } from '../../core/time-zone.js';
import { readCount, readWindowDays } from '../../lifecycle/internal/milestone-readers.js';
import type { SqlJourneyOptions, SqlRow, SqlTimestampType } from '../types.js';
import type { Dialect } from './dialect.js';
import { localDay } from './event-scan.js';
import { QueryValues } from './query-text.js';
import { idReader, numberOf, numberOrNull, textOrNull } from './decode.js';
import { readColumn, readSource, type SqlSource } from './source.js';
import { readSignupTable } from './table-source.js';

const MS_PER_DAY = 86_400_000;

/** The option keys every journey builder shares (the source, the columns, the journeys' options). */
export const JOURNEY_SQL_KEYS = ['dialect', 'table', 'subquery', 'timestampType', 'userId', 'timestamp', 'name', 'groupBy', 'signups', 'signupFields', 'timeZone'] as const;


/** The signups source, resolved. */
interface SignupSource {
  readonly from: string;
  readonly timestampType: SqlTimestampType;
  readonly id: string;
  readonly at: string;
}

/** The journeys' source and columns, read. */
export interface JourneySource {
  readonly source: SqlSource;
  readonly dialect: Dialect;
  /** The call's zone (`timeZone`, default UTC): the journeys' zone and the zone of a date `asOf`. */
  readonly zone: ZoneCalendar;
  readonly key: string;
  readonly time: string;
  readonly name: string;
  readonly signups: SignupSource | null;
  /** For messages: the option and the column behind `uid`, `ms`, `nm`. */
  readonly names: Readonly<Record<'uid' | 'ms' | 'nm', readonly [string, string]>>;
}

/** Reads the source, the columns, the signups and the zone of a journey builder. */
export function readJourneySource(fn: string, opts: Partial<SqlJourneyOptions>): JourneySource {
  const source = readSource(fn, opts);
  const d = source.dialect;
  const zone = zoneCalendar(opts.timeZone ?? 'UTC', fn);
  const keyOption = opts.groupBy === undefined ? 'userId' : 'groupBy';
  const keyColumn = opts.groupBy ?? opts.userId ?? 'userId';
  const key = opts.groupBy === undefined ? readColumn(fn, d, opts.userId, 'userId', 'userId') : readColumn(fn, d, opts.groupBy, 'groupBy', '');
  const time = readColumn(fn, d, opts.timestamp, 'timestamp', 'timestamp');
  const name = readColumn(fn, d, opts.name, 'name', 'name');
  let signups: SignupSource | null = null;
  if (opts.signups !== undefined) {
    const { from, timestampType } = readSignupTable(fn, d, opts.signups, source.timestampType);
    const fields = optionsOf(opts.signupFields, fn, SIGNUP_FIELD_KEYS, 'options.signupFields');
    const defaultId = typeof opts.groupBy === 'string' ? opts.groupBy : 'userId';
    signups = {
      from,
      timestampType,
      id: readColumn(fn, d, fields.id, 'signupFields.id', defaultId),
      at: readColumn(fn, d, fields.signedUpAt, 'signupFields.signedUpAt', 'signedUpAt'),
    };
  } else if (opts.signupFields !== undefined) {
    optionsOf(opts.signupFields, fn, SIGNUP_FIELD_KEYS, 'options.signupFields');
  }
  return {
    source,
    dialect: d,
    zone,
    key,
    time,
    name,
    signups,
    names: { uid: [keyOption, keyColumn], ms: ['timestamp', opts.timestamp ?? 'timestamp'], nm: ['name', opts.name ?? 'name'] },
  };
}

/** A milestone read: which events count, and the ordinal that reaches it. */
export type MilestoneSpec =
  | { readonly kind: 'event'; readonly event: string; readonly atLeast: number; readonly windowMs: number | null }
  | { readonly kind: 'activeDays'; readonly atLeast: number; readonly windowDays: number | null; readonly zone: ZoneCalendar };

const MILESTONE_KEYS = ['kind', 'event', 'atLeast', 'withinDays', 'windowDays', 'timeZone'] as const;
const MILESTONE_KINDS = ['hasEvent', 'eventCount', 'activeDays'] as const;

/**
 * Reads a data-driven milestone: an event name (`hasEvent(name)`), `{ kind: 'hasEvent',
 * event }`, `{ kind: 'eventCount', event, atLeast, withinDays? }` or `{ kind: 'activeDays',
 * atLeast, windowDays?, timeZone? }`, with the in-process builders' own readers.
 */
export function readSqlMilestone(fn: string, value: unknown, path: string, zone: ZoneCalendar): MilestoneSpec {
  if (typeof value === 'string') return { kind: 'event', event: readEventName(fn, value, path), atLeast: 1, windowMs: null };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fail(fn, path, 'invalid-option', "must be an event name or { kind: 'hasEvent' | 'eventCount' | 'activeDays', ... } (predicates cannot run in SQL)", value);
  }
  const m = optionsOf(value as Record<string, unknown>, fn, MILESTONE_KEYS, path);
  if (m.kind === undefined) fail(fn, `${path}.kind`, 'invalid-option', "must be one of 'hasEvent', 'eventCount', 'activeDays'", m.kind);
  const kind = readChoice(m.kind, MILESTONE_KINDS, 'hasEvent', fn, `${path}.kind`);
  const allowed: Record<(typeof MILESTONE_KINDS)[number], readonly string[]> = {
    hasEvent: ['kind', 'event'],
    eventCount: ['kind', 'event', 'atLeast', 'withinDays'],
    activeDays: ['kind', 'atLeast', 'windowDays', 'timeZone'],
  };
  optionsOf(value as Record<string, unknown>, fn, allowed[kind], path);
  if (kind === 'hasEvent') return { kind: 'event', event: readEventName(fn, m.event, `${path}.event`), atLeast: 1, windowMs: null };
  if (kind === 'eventCount') {
    const event = readEventName(fn, m.event, `${path}.event`);
    const atLeast = readCount(fn, m.atLeast, `${path}.atLeast`);
    const withinDays = readWindowDays(fn, m.withinDays, `${path}.withinDays`, false);
    return { kind: 'event', event, atLeast, windowMs: withinDays === undefined ? null : withinDays * MS_PER_DAY };
  }
  const atLeast = readCount(fn, m.atLeast, `${path}.atLeast`);
  const windowDays = readWindowDays(fn, m.windowDays, `${path}.windowDays`, true);
  const own = m.timeZone === undefined ? zone : zoneCalendar(m.timeZone, fn, `${path}.timeZone`);
  return { kind: 'activeDays', atLeast, windowDays: windowDays ?? null, zone: own };
}

/** An event name: a non-empty string (the SQL counterpart of an event matcher). */
export function readEventName(fn: string, value: unknown, path: string): string {
  if (typeof value === 'string' && value.length > 0) return value;
  return fail(fn, path, 'invalid-option', 'must be an event name (a non-empty string; predicates cannot run in SQL)', value);
}

/** What the journey CTEs need beyond the source. */
export interface JourneyScanPlan {
  /** The landmark offset in ms (`landmarkDays × 24 h`); `null` when the builder has none. */
  readonly landmarkMs: number | null;
  /** The activity event name (`null`: every event). */
  readonly activity: string | null;
  /** The given `asOf` (epoch ms), `null` when not given. */
  readonly asOf: number | null;
  /** The milestone, `null` when the builder has none. */
  readonly milestone: MilestoneSpec | null;
}

/** The journey CTEs (see the file comment), without the `WITH`. */
export function journeyScan(js: JourneySource, values: QueryValues, plan: JourneyScanPlan): string {
  const d = js.dialect;
  const s = js.signups;
  const ctes = [
    `raw AS (SELECT ${js.key} AS uid, ${js.name} AS nm, ${d.epochMs(js.time, js.source.timestampType)} AS ms FROM ${js.source.from})`,
    `ev AS (SELECT uid, nm, ms FROM raw WHERE uid IS NOT NULL AND ms IS NOT NULL AND nm IS NOT NULL)`,
  ];
  if (s !== null) ctes.push(`sraw AS (SELECT ${s.id} AS uid, ${d.epochMs(s.at, s.timestampType)} AS ms FROM ${s.from})`);
  const idParts = ['SELECT uid, ms, 0 AS s FROM ev'];
  if (s !== null) idParts.push('SELECT uid, ms, 1 AS s FROM sraw WHERE uid IS NOT NULL AND ms IS NOT NULL');
  ctes.push(`ids AS (${idParts.join(' UNION ALL ')})`);
  ctes.push(
    `jr AS (SELECT uid, coalesce(${d.extreme('min', 'CASE WHEN s = 1 THEN ms END')}, ${d.extreme('min', 'ms')}) AS start, ${d.extreme('max', 'ms')} AS latest FROM ids GROUP BY uid)`,
  );
  const checks = [
    `${d.countWhere('uid IS NULL')} AS bad_uid`,
    `${d.countWhere('ms IS NULL')} AS bad_ms`,
    `${d.countWhere(`nm IS NULL OR nm = ${values.bind('', 'text')}`)} AS bad_nm`,
  ];
  ctes.push(`checks AS (SELECT ${checks.join(', ')} FROM raw)`);
  ctes.push(`idtype AS (SELECT ${d.typeName('uid')} AS uid_type FROM ids)`);
  if (s !== null) {
    ctes.push(
      `schecks AS (SELECT ${d.countWhere('uid IS NULL')} AS bad_suid, ${d.countWhere('ms IS NULL')} AS bad_sms, ${d.cast('count(uid) - count(DISTINCT uid)', 'integer')} AS dup_sid FROM sraw)`,
    );
  }
  const landmark = plan.landmarkMs === null ? d.cast('0', 'double') : `start + ${values.bind(plan.landmarkMs, 'double')}`;
  ctes.push(`jl AS (SELECT uid, start, ${landmark} AS l FROM jr)`);
  const actEvent: string[] = [];
  if (plan.activity !== null) actEvent.push(`nm = ${values.bind(plan.activity, 'text')}`);
  if (plan.asOf !== null) actEvent.push(`ms <= ${values.bind(plan.asOf, 'double')}`);
  const actExpr = actEvent.length === 0 ? '1' : `CASE WHEN ${actEvent.join(' AND ')} THEN 1 ELSE 0 END`;
  ctes.push(`pts AS (SELECT uid, start AS ms, ${d.nullOf('text')} AS nm, 0 AS isev, 1 AS act FROM jr UNION ALL SELECT uid, ms, nm, 1 AS isev, ${actExpr} AS act FROM ev)`);
  const { match, day } = milestoneMatch(d, values, plan.milestone);
  ctes.push(
    `jy AS (SELECT j.uid AS uid, j.start AS start, j.l AS l, p.ms AS ms, p.nm AS nm, p.isev AS isev, p.act AS act, ${match} AS mt, ${day} AS dy FROM jl AS j INNER JOIN pts AS p ON j.uid = p.uid)`,
  );
  const ordinal = plan.milestone?.kind === 'activeDays' ? 'dense_rank() OVER (PARTITION BY uid, mt ORDER BY dy)' : 'row_number() OVER (PARTITION BY uid, mt ORDER BY ms)';
  ctes.push(`jx AS (SELECT uid, start, l, ms, nm, isev, act, mt, ${ordinal} AS mr FROM jy)`);
  ctes.push(plan.asOf === null ? `nowrow AS (SELECT ${d.extreme('max', 'latest')} AS now_ms FROM jr)` : `nowrow AS (SELECT ${values.bind(plan.asOf, 'double')} AS now_ms)`);
  return ctes.join(',\n');
}

/** The milestone's row test (`mt`, 1 or 0) and the local day column (`dy`) of `jy`. */
function milestoneMatch(d: Dialect, values: QueryValues, m: MilestoneSpec | null): { match: string; day: string } {
  if (m === null) return { match: '0', day: '0' };
  if (m.kind === 'event') {
    const parts = ['p.isev = 1', `p.nm = ${values.bind(m.event, 'text')}`];
    if (m.windowMs !== null) parts.push('p.ms >= j.start', `p.ms <= j.start + ${values.bind(m.windowMs, 'double')}`);
    return { match: `CASE WHEN ${parts.join(' AND ')} THEN 1 ELSE 0 END`, day: '0' };
  }
  const dayOf = (ms: string): string => localDay(d, values, m.zone.timeZone, ms);
  const day = dayOf('p.ms');
  const parts = ['p.isev = 1'];
  if (m.windowDays !== null) parts.push('p.ms >= j.start', `${dayOf('p.ms')} <= ${dayOf('j.start')} + ${values.bind(m.windowDays - 1, 'integer')}`);
  return { match: `CASE WHEN ${parts.join(' AND ')} THEN 1 ELSE 0 END`, day };
}

/** The aggregate (over `jx` grouped by `uid`) of when the milestone was reached; NULL when not. */
export function reachedAggregate(d: Dialect, values: QueryValues, m: MilestoneSpec): string {
  return d.extreme('min', `CASE WHEN mt = 1 AND mr = ${values.bind(m.atLeast, 'integer')} THEN ms END`);
}

/** The checks row's select list (`part = 'checks'`) and its result columns. */
export function checkParts(js: JourneySource): { select: Record<string, string>; from: string; columns: [string, 'integer' | 'double' | 'text'][] } {
  const select: Record<string, string> = { part: "'checks'", bad_uid: 'c.bad_uid', bad_ms: 'c.bad_ms', bad_nm: 'c.bad_nm', uid_type: 't.uid_type' };
  let from = 'FROM checks AS c CROSS JOIN idtype AS t';
  if (js.signups !== null) {
    Object.assign(select, { bad_suid: 's.bad_suid', bad_sms: 's.bad_sms', dup_sid: 's.dup_sid' });
    from += ' CROSS JOIN schecks AS s';
  }
  return {
    select,
    from,
    columns: [
      ['bad_uid', 'integer'],
      ['bad_ms', 'integer'],
      ['bad_nm', 'integer'],
      ['uid_type', 'text'],
      ['bad_suid', 'integer'],
      ['bad_sms', 'integer'],
      ['dup_sid', 'integer'],
    ],
  };
}

/** What the checks row says: the id reader (ids of the journeys). */
export interface JourneyChecks {
  readonly id: (text: string) => Id;
}

/**
 * Reads the `checks` row: throws for the rows the in-process `journeys` would refuse (a
 * NULL id or timestamp, a NULL or empty name, a signup with a NULL id or instant, an id
 * with two signups); returns the id reader.
 */
export function readJourneyChecks(fn: string, rows: readonly SqlRow[], js: JourneySource): JourneyChecks {
  const row = rows.find((r) => r['part'] === 'checks');
  if (row === undefined) return fail(fn, 'rows', 'invalid-input', "has no 'checks' row; pass every row the query returned", rows.length);
  const problems: [string, string, string, string][] = [
    ['bad_uid', js.names.uid[1], 'invalid-id', `is NULL in {n} of the source; every event needs its ${js.names.uid[0]}`],
    ['bad_ms', js.names.ms[1], 'invalid-timestamp', 'is NULL in {n} of the source; every event needs its timestamp'],
    ['bad_nm', js.names.nm[1], 'invalid-name', 'is NULL or empty in {n} of the source; every event needs a name'],
  ];
  if (js.signups !== null) {
    problems.push(
      ['bad_suid', 'signups id', 'invalid-id', 'is NULL in {n} of the signups; every signup needs its id'],
      ['bad_sms', 'signups signedUpAt', 'invalid-timestamp', 'is NULL in {n} of the signups; every signup needs its instant'],
      ['dup_sid', 'signups id', 'duplicate-id', 'repeats in {n} of the signups; give each journey one signup'],
    );
  }
  for (const [column, where, code, message] of problems) {
    const bad = numberOf(fn, row, column);
    if (bad > 0) fail(fn, `source.${where}`, code, message.replace('{n}', `${bad} row${bad === 1 ? '' : 's'}`), null);
  }
  return { id: idReader(textOrNull(row, 'uid_type')) };
}

/** A journey row, read. */
export interface JourneyRow {
  readonly id: Id;
  readonly row: SqlRow;
}

/** The `part = 'journey'` rows, in the order of `journeys()` (ids: numbers first, then strings). */
export function journeyRows(fn: string, rows: readonly SqlRow[], checks: JourneyChecks): JourneyRow[] {
  const list: JourneyRow[] = [];
  for (const row of rows) {
    if (row['part'] !== 'journey') continue;
    const text = textOrNull(row, 'uid');
    if (text === null) fail(fn, 'rows.uid', 'invalid-record', 'is missing; pass the rows the query returned', row['uid']);
    list.push({ id: checks.id(text), row });
  }
  return list.sort((a, b) => compareIds(a.id, b.id));
}

/** The `asOf` in force, from the first journey row's `at` (`null` without journeys). */
export function asOfInForce(fn: string, journeys: readonly JourneyRow[]): number | null {
  const first = journeys[0];
  return first === undefined ? null : numberOrNull(fn, first.row, 'now_ms');
}

/** The given `asOf` read under the one rule in the call's zone (`null` when not given). */
export function readGivenAsOf(fn: string, value: unknown, zone: ZoneCalendar): number | null {
  return new AsOfOption(value, fn).at(zone);
}
