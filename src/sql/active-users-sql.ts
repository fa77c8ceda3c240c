import { readAsOf } from '../core/as-of.js';
import { readDayBounds } from '../core/day-range.js';
import { optionsOf } from '../core/options.js';
import { zoneCalendar } from '../core/time-zone.js';
import type { ActiveUsersResult, GroupedActiveUsersResult } from '../engagement/types.js';
import { readWindows } from '../engagement/internal/active-days.js';
import { activeUsersSeries } from '../engagement/internal/active-users-series.js';
import { activitySource, rollingDeltas, ROLLING_COLUMNS } from './internal/rolling-deltas.js';
import { activityColumns, firstEventPart } from './internal/activity-columns.js';
import { checksPart, checkUnionColumns, eventScan } from './internal/event-scan.js';
import { eventQuery } from './internal/event-query.js';
import { QueryValues, unionParts } from './internal/query-text.js';
import { readSource } from './internal/source.js';
import { SQL_SOURCE_OPTION_KEYS, type ActiveUsersSqlOptions, type SqlQuery } from './types.js';

const KEYS = [...SQL_SOURCE_OPTION_KEYS, 'userId', 'timestamp', 'timeZone', 'groupBy', 'from', 'to', 'windows', 'asOf'] as const;

/**
 * `activeUsers` as one SQL query for DuckDB, PostgreSQL or ClickHouse, with a decoder
 * that turns the engine's rows into exactly the result `activeUsers` returns for the same
 * events and options (proven by executing it in tests on all three engines).
 *
 * Definition: that of `activeUsers` (a user is active on a local calendar day with at
 * least one event; WAU and MAU count the distinct users active on a day of the rolling
 * window ending on the day). The engine does the scan: distinct (user, local day) pairs,
 * each user's next active day (`lead`), and per day the +1/-1 changes of the rolling
 * counts (+1 on an active day `d`, -1 on `min(d + w, next active day)` for each window
 * `w`); the decoder adds them up over the reported range. The result rows are a few per
 * day of data (per group and day with `groupBy`), whatever the number of events.
 *
 * Time: as in `activeUsers`. `asOf`, `from` and `to` are read in JavaScript and bound
 * as instants or day numbers; without `asOf` the engine reports the latest event. Local
 * days come from the engine's tz database (see docs/sql.md for where it can lag).
 *
 * Grouping: `groupBy` names a column; groups come in order of their first event, ties by
 * id (the in-process function keeps the input's order among ties). As in `activeUsers`, a
 * group whose events all come after `asOf` is listed, with zero counts.
 *
 * @param options The source (`dialect`, `table` or `subquery`, `timestampType`), the
 * columns (`userId`, `timestamp`, default those names) and the options of `activeUsers`.
 * @returns The query text, its parameters and `decode(rows)`.
 * @throws {MetricsInputError} for the option errors of `activeUsers`, an unknown dialect,
 * a missing source or an empty column name; `decode` throws when the source had a row
 * with a NULL user id, timestamp or group.
 *
 * @example
 * ```ts
 * import { activeUsersSql } from 'customer-success-metrics/sql';
 * const query = activeUsersSql({ dialect: 'postgres', table: 'analytics.events', userId: 'user_id', timestamp: 'ts', timeZone: 'Europe/Berlin' });
 * query.sql.includes('FROM "analytics"."events"'); // => true
 * // The zone and the gap cap (the MAU window + 1) are bound, never spliced:
 * query.params; // => ['Europe/Berlin', 31]
 * // Run it (e.g. node-postgres: (await client.query(query.sql, query.params)).rows), then:
 * const result = query.decode([{ part: 'checks', bad_uid: 0, bad_ms: 0, latest: null, first_day: null, last_day: null }]);
 * result.days; // => []
 * ```
 */
export function activeUsersSql(options: ActiveUsersSqlOptions & { readonly groupBy: string }): SqlQuery<GroupedActiveUsersResult>;
export function activeUsersSql(options: ActiveUsersSqlOptions): SqlQuery<ActiveUsersResult>;
export function activeUsersSql(options: ActiveUsersSqlOptions): SqlQuery<ActiveUsersResult | GroupedActiveUsersResult> {
  const fn = 'activeUsersSql';
  const opts = optionsOf(options, fn, KEYS);
  const source = readSource(fn, opts);
  const d = source.dialect;
  const windows = readWindows(fn, opts.windows);
  const zone = zoneCalendar(opts.timeZone ?? 'UTC', fn);
  const asOf = readAsOf(opts.asOf, zone, fn);
  const bounds = readDayBounds(fn, opts, zone);
  const { grouped, scan: columns, names } = activityColumns(fn, d, opts);
  const values = new QueryValues(d);
  const scan = eventScan(source, values, columns, zone.timeZone, asOf);
  const lengths = [1, windows.wau, windows.mau];
  const lowest = bounds.from === null ? null : bounds.from - windows.mau;
  const parts = [
    checksPart(grouped ? ['grp'] : []),
    ...rollingDeltas(d, values, { partition: [], lengths, lowest, part: 'all' }),
    ...(grouped ? rollingDeltas(d, values, { partition: ['grp'], lengths, lowest, part: 'group' }) : []),
    ...(grouped ? [firstEventPart(d)] : []),
  ];
  const union = unionParts(d, [...ROLLING_COLUMNS, ['first_ms', 'double'], ...checkUnionColumns(grouped ? ['grp'] : [])], parts);
  return eventQuery(fn, values, `WITH ${scan}\n${union}`, names, (list, facts) =>
    activeUsersSeries(activitySource(fn, list, facts, zone, grouped), windows, bounds, asOf),
  );
}
