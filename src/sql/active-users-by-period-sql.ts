import { asOfEcho, readAsOf } from '../core/as-of.js';
import { dayKey } from '../core/calendar.js';
import { readDayBounds } from '../core/day-range.js';
import { optionsOf } from '../core/options.js';
import { periodScale } from '../core/periods.js';
import { readChoice, readWeekStart } from '../core/read.js';
import { zoneCalendar } from '../core/time-zone.js';
import type { ActiveUsersByPeriodResult, GroupedActiveUsersByPeriodResult, PeriodActiveUsers } from '../engagement/types.js';
import { asOfRange, completeThrough } from '../engagement/internal/as-of-range.js';
import { activityColumns, firstEventPart } from './internal/activity-columns.js';
import { checksPart, checkUnionColumns, eventScan } from './internal/event-scan.js';
import { periodOfDay, periodSeriesOf } from './internal/period-series.js';
import { eventQuery } from './internal/event-query.js';
import { QueryValues, unionParts } from './internal/query-text.js';
import { activitySource } from './internal/rolling-deltas.js';
import { readSource } from './internal/source.js';
import { SQL_SOURCE_OPTION_KEYS, type ActiveUsersByPeriodSqlOptions, type SqlQuery } from './types.js';

const KEYS = [...SQL_SOURCE_OPTION_KEYS, 'userId', 'timestamp', 'timeZone', 'groupBy', 'from', 'to', 'period', 'weekStartsOn', 'asOf'] as const;

/**
 * `activeUsersByPeriod` as one SQL query for DuckDB, PostgreSQL or ClickHouse, with a
 * decoder that turns the engine's rows into exactly the result `activeUsersByPeriod`
 * returns for the same events and options (proven by executing it in tests on all three
 * engines).
 *
 * Definition: that of `activeUsersByPeriod` (the distinct users with at least one event in
 * each calendar day, week or month of `timeZone`; periods cut by `from` or `to` count only
 * their days inside the range; a period is `complete` when it lies whole in the range and
 * its last day had ended by `asOf`). The engine does the scan and the distinct counts:
 * per period number (a day number, weeks counted from the week of 1970-01-01, or
 * `year * 12 + month - 1`) the distinct users of the days inside `from`..`to`, and with
 * `groupBy` the same per (group, period) plus each group's first event. The decoder lays
 * out every period of the range (0 where the engine returned no row), with its keys, its
 * `start`/`end` inside the range and `complete`, with `activeUsersByPeriod`'s own period
 * layout, from the range it computes as the in-process function does. The result rows are one per period (per group and period
 * with `groupBy`), whatever the number of events.
 *
 * Time: as in `activeUsersByPeriod`. `period`, `weekStartsOn`, `asOf`, `from` and `to`
 * are read in JavaScript and bound as instants or day numbers; without `asOf` the engine
 * reports the latest event. Local days come from the engine's tz database.
 *
 * Grouping: `groupBy` names a column; groups come in order of their first event (a group
 * whose events all come after `asOf` is listed, with zeros, as in-process), ties by id
 * (the in-process function keeps the input's order among ties).
 *
 * Edge cases: as `activeUsersByPeriod`: no events gives `periods: []`; every period of
 * the range is present.
 *
 * @param options The source (`dialect`, `table` or `subquery`, `timestampType`), the
 * columns (`userId`, `timestamp`, default those names) and the options of
 * `activeUsersByPeriod` (`groupBy` a column name).
 * @returns The query text, its parameters and `decode(rows)`.
 * @throws {MetricsInputError} for the option errors of `activeUsersByPeriod`, an unknown
 * dialect, a missing source or an empty column name; `decode` throws when the source had
 * a row with a NULL user id, timestamp or group.
 *
 * @example
 * ```ts
 * import { activeUsersByPeriodSql } from 'customer-success-metrics/sql';
 * const query = activeUsersByPeriodSql({ dialect: 'duckdb', table: 'events', period: 'week', from: '2024-03-01', asOf: '2024-03-31' });
 * query.sql.includes('count(DISTINCT uid)'); // => true
 * query.params; // => [1711929599999, 19783, -3]
 * // Run it (e.g. @duckdb/node-api: (await connection.runAndReadAll(query.sql, query.params)).getRowObjects()), then,
 * // for ana active on March 5 and 12 and ben on March 12 (weeks numbered from 1969-12-29):
 * const result = query.decode([
 *   { part: 'checks', bad_uid: 0, bad_ms: 0, uid_type: 'VARCHAR', latest: 1710237600000, first_day: 19787, last_day: 19794 },
 *   { part: 'all', p: 2827, n: 1 },
 *   { part: 'all', p: 2828, n: 2 },
 * ]);
 * result.periods.map((p) => [p.period, p.start, p.activeUsers, p.complete]);
 * // => [['2024-02-26', '2024-03-01', 0, false], ['2024-03-04', '2024-03-04', 1, true], ['2024-03-11', '2024-03-11', 2, true], ['2024-03-18', '2024-03-18', 0, true], ['2024-03-25', '2024-03-25', 0, true]]
 * ```
 */
export function activeUsersByPeriodSql(options: ActiveUsersByPeriodSqlOptions & { readonly groupBy: string }): SqlQuery<GroupedActiveUsersByPeriodResult>;
export function activeUsersByPeriodSql(options: ActiveUsersByPeriodSqlOptions): SqlQuery<ActiveUsersByPeriodResult>;
export function activeUsersByPeriodSql(options: ActiveUsersByPeriodSqlOptions): SqlQuery<ActiveUsersByPeriodResult | GroupedActiveUsersByPeriodResult> {
  const fn = 'activeUsersByPeriodSql';
  const opts = optionsOf(options, fn, KEYS);
  const source = readSource(fn, opts);
  const d = source.dialect;
  const period = readChoice(opts.period, ['day', 'week', 'month'] as const, 'month', fn, 'options.period');
  const weekStartsOn = readWeekStart(opts.weekStartsOn, fn);
  const zone = zoneCalendar(opts.timeZone ?? 'UTC', fn);
  const givenAsOf = readAsOf(opts.asOf, zone, fn);
  const bounds = readDayBounds(fn, opts, zone);
  const { grouped, scan: columns, names } = activityColumns(fn, d, opts);
  const values = new QueryValues(d);
  const scan = eventScan(source, values, columns, zone.timeZone, givenAsOf);
  // The days counted: those of the range. Without `from`/`to` the range holds every day of
  // the events scanned (at or before `asOf`), so only the bounds given filter.
  const inRange = [...(bounds.from === null ? [] : [`day >= ${values.bind(bounds.from, 'integer')}`]), ...(bounds.to === null ? [] : [`day <= ${values.bind(bounds.to, 'integer')}`])];
  const units = (keys: string) =>
    `(SELECT ${keys}uid, ${periodOfDay(d, values, period, weekStartsOn, 'day')} AS p FROM ev${inRange.length === 0 ? '' : ` WHERE ${inRange.join(' AND ')}`}) AS units`;
  const parts = [
    checksPart(grouped ? ['grp'] : []),
    { select: { part: "'all'", p: 'p', n: 'count(DISTINCT uid)' }, from: `FROM ${units('')} GROUP BY p` },
    ...(grouped
      ? [
          { select: { part: "'group'", grp: 'grp', p: 'p', n: 'count(DISTINCT uid)' }, from: `FROM ${units('grp, ')} GROUP BY grp, p` },
          // Every group of the source, events after asOf included (as in-process): its first instant orders it.
          firstEventPart(d),
        ]
      : []),
  ];
  const union = unionParts(d, [['part', 'text'], ['grp', 'text'], ['p', 'integer'], ['n', 'integer'], ['first_ms', 'double'], ...checkUnionColumns(grouped ? ['grp'] : [])], parts);
  return eventQuery(fn, values, `WITH ${scan}\n${union}`, names, (list, facts) => {
    const asOf = givenAsOf ?? facts.latest;
    const range = asOfRange(bounds, facts.firstDay, facts.lastDay, asOf, zone);
    const groupIds = grouped ? activitySource(fn, list, facts, zone, true).groupIds ?? [] : null;
    const head = { timeZone: zone.timeZone, ...asOfEcho(asOf, zone), period, weekStartsOn, from: range === null ? null : dayKey(range.from), to: range === null ? null : dayKey(range.to) };
    if (range === null) return groupIds === null ? { ...head, periods: [] } : { ...head, periods: [], groups: groupIds.map((group) => ({ group, periods: [] })) };
    const scale = periodScale(period, weekStartsOn);
    const completeDay = completeThrough(asOf, zone);
    const periods = periodSeriesOf(fn, list, 'all', null, scale, range, completeDay)[0] as PeriodActiveUsers[];
    if (groupIds === null) return { ...head, periods };
    const codes = new Map(groupIds.map((id, g) => [String(id), g]));
    const series = periodSeriesOf(fn, list, 'group', codes, scale, range, completeDay);
    return { ...head, periods, groups: groupIds.map((group, g) => ({ group, periods: series[g] as PeriodActiveUsers[] })) };
  });
}
