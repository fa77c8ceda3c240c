/**
 * The query of `cohortRetentionSql`: the event scan (`event-scan.ts`), then as common table
 * expressions
 *
 * - `act`: the valid events at or before `asOf` as `uid` (as text with signups, so the
 *   signups' ids meet the events' whatever their column types), `ms`, `day`;
 * - with signups: `sraw` (the signups as `uid`, `ms`), `schecks` (NULL ids or instants,
 *   repeated ids, the id column's type);
 * - `st`: the start candidates: every event (`'first-activity'`), the events of the start
 *   name, or the signups at or before `asOf` (the given one, else the latest event);
 * - `mb`: the memberships `(uid, cp, sday, sms)`: a user's first start (with `recurring`,
 *   the first in each cohort period `cp`), its local day and instant;
 * - `ud` (calendar, distinct user-days) or `act` (rolling, events) joined to the
 *   memberships: `mk`, the distinct (membership, interval index `k`) pairs with
 *   `k <= lastPeriod` (n-day and bracket), or `ul`, each user's last activity (unbounded);
 * - `wu` / `ws`: the users with events, and those of them with a start.
 *
 * The result is a union of rows by `part`: `'checks'` (one), `'size'` (per cohort
 * period: memberships) and `'cell'` (per cohort period and interval or bracket: the count;
 * unbounded: memberships by their last interval, capped at `lastPeriod`). Periods are
 * numbered as `core/periods.ts` numbers them (weeks from the week of day 0).
 * @internal
 */

import { startOfWeek } from '../../core/calendar.js';
import type { Period } from '../../core/types.js';
import type { CohortSettings } from '../../retention/internal/cohort-options.js';
import type { Dialect } from './dialect.js';
import { checkColumns, eventScan, localDay } from './event-scan.js';
import { QueryValues, unionParts, type UnionColumn } from './query-text.js';
import type { SqlSource } from './source.js';

/** Days in a rolling window, by interval (as `cohortRetention`'s). */
const ROLLING_DAYS: Record<Period, number> = { day: 1, week: 7, month: 30 };

/** The signups source, resolved: its `FROM` item, quoted columns and timestamp type. */
export interface CohortSignupSource {
  readonly from: string;
  readonly id: string;
  readonly at: string;
  readonly timestampType: 'timestamp' | 'epoch-ms';
}

/** What the query reads: the events' source and quoted columns, the signups, the settings. */
export interface CohortQueryPlan {
  readonly source: SqlSource;
  readonly user: string;
  readonly time: string;
  /** The quoted name column, with an event `start`; else `null`. */
  readonly name: string | null;
  readonly signups: CohortSignupSource | null;
  readonly settings: CohortSettings;
}

/** The query text (the values bound into `values`). */
export function cohortQuery(plan: CohortQueryPlan, values: QueryValues): string {
  const { source, settings, signups } = plan;
  const d = source.dialect;
  const timeZone = settings.zone.timeZone;
  const extra = plan.name === null ? {} : { nm: plan.name };
  const ctes = [eventScan(source, values, { user: plan.user, time: plan.time, extra }, timeZone, settings.asOf)];
  const period = periodNumbering(d, values, settings);
  const last = values.bind(settings.lastPeriod, 'integer');

  ctes.push(`act AS (SELECT ${signups === null ? 'uid' : d.cast('uid', 'text')} AS uid, ms, day FROM ev)`);
  ctes.push(...startCandidates(d, values, plan));
  ctes.push(memberships(settings, period.cohort));
  ctes.push(`wu AS (SELECT count(DISTINCT uid) AS users FROM ev)`);
  if (settings.startEvent !== null) ctes.push('ws AS (SELECT count(DISTINCT uid) AS started FROM st)');
  if (signups !== null) ctes.push('ws AS (SELECT count(DISTINCT a.uid) AS started FROM act AS a INNER JOIN mb AS m ON m.uid = a.uid)');

  const windowMs = settings.rolling ? values.bind(ROLLING_DAYS[settings.interval] * 86_400_000, 'double') : '';
  const cells = { select: { part: "'cell'", cp: 'cp', k: 'k', n: 'count(*)' }, from: '' };
  if (settings.mode === 'unbounded') {
    // Each membership counts in intervals 0 to that of the user's last activity (from the start on).
    const lastIndex = settings.rolling ? d.floorDiv('l.lms - m.sms', windowMs) : `${period.interval('l.lday')} - ${period.interval('m.sday')}`;
    const after = settings.rolling ? 'l.lms >= m.sms' : 'l.lday >= m.sday';
    ctes.push(`ul AS (SELECT uid, ${d.extreme('max', 'ms')} AS lms, ${d.extreme('max', 'day')} AS lday FROM act GROUP BY uid)`);
    cells.from = `FROM (SELECT m.cp AS cp, least(${lastIndex}, ${last}) AS k FROM mb AS m INNER JOIN ul AS l ON l.uid = m.uid WHERE ${after}) AS j GROUP BY cp, k`;
  } else {
    // Distinct (membership, interval) pairs from the start on: rolling, of the events; calendar, of the user-days.
    const pairs = settings.rolling
      ? `SELECT m.cp AS cp, m.uid AS uid, ${d.floorDiv('e.ms - m.sms', windowMs)} AS k FROM mb AS m INNER JOIN act AS e ON e.uid = m.uid WHERE e.ms >= m.sms`
      : `SELECT m.cp AS cp, m.uid AS uid, ${period.interval('u.day')} - ${period.interval('m.sday')} AS k FROM mb AS m INNER JOIN ud AS u ON u.uid = m.uid WHERE u.day >= m.sday`;
    if (!settings.rolling) ctes.push('ud AS (SELECT DISTINCT uid, day FROM act)');
    ctes.push(`mk AS (SELECT DISTINCT cp, uid, k FROM (${pairs}) AS j WHERE k <= ${last})`);
    if (settings.brackets === null) {
      cells.from = 'FROM mk GROUP BY cp, k';
    } else {
      const rows = settings.brackets.map(([a, b], i) => `SELECT ${values.bind(i, 'integer')} AS bi, ${values.bind(a, 'integer')} AS lo, ${values.bind(b, 'integer')} AS hi`);
      ctes.push(`br AS (${rows.join(' UNION ALL ')})`);
      Object.assign(cells.select, { cp: 'x.cp', k: 'b.bi', n: 'count(DISTINCT x.uid)' });
      cells.from = 'FROM mk AS x CROSS JOIN br AS b WHERE x.k >= b.lo AND x.k <= b.hi GROUP BY x.cp, b.bi';
    }
  }

  const checks: Record<string, string> = { part: "'checks'" };
  for (const column of checkColumns(plan.name === null ? [] : ['nm'])) checks[column.name] = column.name;
  checks['users'] = 'users';
  let checksFrom = 'FROM checks CROSS JOIN span CROSS JOIN wu';
  if (settings.startEvent !== null || signups !== null) {
    checks['started'] = 'started';
    checksFrom += ' CROSS JOIN ws';
  }
  if (signups !== null) {
    Object.assign(checks, { bad_suid: 'bad_suid', bad_sms: 'bad_sms', dup_sid: 'dup_sid', sid_type: 'sid_type' });
    checksFrom += ' CROSS JOIN schecks';
  }
  const columns: UnionColumn[] = [
    ['part', 'text'],
    ['cp', 'integer'],
    ['k', 'integer'],
    ['n', 'integer'],
    ...checkColumns(plan.name === null ? [] : ['nm']).map((c) => [c.name, c.type] as const),
    ['users', 'integer'],
    ['started', 'integer'],
    ['bad_suid', 'integer'],
    ['bad_sms', 'integer'],
    ['dup_sid', 'integer'],
    ['sid_type', 'text'],
  ];
  const union = unionParts(d, columns, [
    { select: checks, from: checksFrom },
    {
      select: { part: "'size'", cp: 'cp', n: 'count(*)' },
      from: 'FROM mb GROUP BY cp',
    },
    cells,
  ]);
  return `WITH ${ctes.join(',\n')}\n${union}`;
}

/** The period numbers of local day expressions: of the cohort periods and of the calendar intervals. */
interface PeriodNumbering {
  cohort(day: string): string;
  interval(day: string): string;
}

function periodNumbering(d: Dialect, values: QueryValues, settings: CohortSettings): PeriodNumbering {
  let origin: string | null = null;
  const of = (period: Period, day: string): string => {
    if (period === 'day') return day;
    if (period === 'month') return d.monthOfDay(day);
    origin ??= values.bind(startOfWeek(0, settings.weekStartsOn), 'integer');
    return d.floorDiv(`${day} - ${origin}`, '7');
  };
  return { cohort: (day) => of(settings.cohort, day), interval: (day) => of(settings.interval, day) };
}

/** `st` (uid, ms, day) and, with signups, `sraw` and `schecks` before it. */
function startCandidates(d: Dialect, values: QueryValues, plan: CohortQueryPlan): string[] {
  const { settings, signups } = plan;
  if (settings.startEvent !== null) {
    // The name compared as text; the decoder drops the matches of a numeric name column (in-process, `start` is a string).
    return [`st AS (SELECT uid, ms, day FROM ev WHERE ${d.cast('nm', 'text')} = ${values.bind(settings.startEvent, 'text')})`];
  }
  if (signups === null) return ['st AS (SELECT uid, ms, day FROM act)'];
  const sid = d.cast('uid', 'text');
  const schecks = [
    `${d.countWhere(`uid IS NULL OR ${sid} = ${values.bind('', 'text')}`)} AS bad_suid`,
    `${d.countWhere('ms IS NULL')} AS bad_sms`,
    `${d.cast('count(uid) - count(DISTINCT uid)', 'integer')} AS dup_sid`,
    `${d.typeName('uid')} AS sid_type`,
  ];
  // Signups at or before asOf: the given one, else the latest event (all of them without events).
  const inTime = settings.asOf === null ? '(p.latest IS NULL OR s.ms <= p.latest)' : `s.ms <= ${values.bind(settings.asOf, 'double')}`;
  const day = localDay(d, values, settings.zone.timeZone, 's.ms');
  return [
    `sraw AS (SELECT ${signups.id} AS uid, ${d.epochMs(signups.at, signups.timestampType)} AS ms FROM ${signups.from})`,
    `schecks AS (SELECT ${schecks.join(', ')} FROM sraw)`,
    `st AS (SELECT ${d.cast('s.uid', 'text')} AS uid, s.ms AS ms, ${day} AS day FROM sraw AS s CROSS JOIN span AS p WHERE s.uid IS NOT NULL AND s.ms IS NOT NULL AND ${inTime})`,
  ];
}

/**
 * `mb`: the memberships, as `cohortRetention` joins them: per user and cohort period the
 * first start in it (its instant and day); with `recurring` every such period, else the
 * first period only (its first day, and the first instant of that period, as the
 * in-process scan reads them).
 */
function memberships(settings: CohortSettings, cohortOf: (day: string) => string): string {
  if (settings.start === 'signup') return `mb AS (SELECT uid, ms AS sms, day AS sday, ${cohortOf('day')} AS cp FROM st)`;
  const byPeriod = `SELECT uid, cp, min(ms) AS sms, min(day) AS sday FROM (SELECT uid, ms, day, ${cohortOf('day')} AS cp FROM st) AS f GROUP BY uid, cp`;
  if (settings.recurring) return `mb AS (${byPeriod})`;
  return `mb AS (SELECT uid, cp, sms, sday FROM (SELECT uid, cp, sms, sday, min(cp) OVER (PARTITION BY uid) AS fcp FROM (${byPeriod}) AS g) AS h WHERE cp = fcp)`;
}
