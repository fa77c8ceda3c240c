import { readAsOf } from '../core/as-of.js';
import { readDayBounds } from '../core/day-range.js';
import { optionsOf } from '../core/options.js';
import { periodScale } from '../core/periods.js';
import { zoneCalendar } from '../core/time-zone.js';
import type { GrowthLifecycleResult } from '../lifecycle/types.js';
import { checkBoundsAsOf, readGrowthPeriods } from '../lifecycle/internal/growth-periods.js';
import { growthResult } from '../lifecycle/internal/growth-transitions.js';
import { checkColumns, eventScan } from './internal/event-scan.js';
import { growthTransitions, readGrowthSignups, readSignupChecks, transitionCounts } from './internal/growth-transitions.js';
import { eventQuery } from './internal/event-query.js';
import { QueryValues, unionParts } from './internal/query-text.js';
import { readColumn, readSource } from './internal/source.js';
import { SQL_SOURCE_OPTION_KEYS, type GrowthLifecycleSqlOptions, type SqlQuery } from './types.js';

const KEYS = [...SQL_SOURCE_OPTION_KEYS, 'userId', 'timestamp', 'period', 'timeZone', 'weekStartsOn', 'from', 'to', 'asOf', 'newBy', 'signups', 'signupFields'] as const;

/**
 * `growthLifecycle` as one SQL query for DuckDB, PostgreSQL or ClickHouse, with a decoder
 * that turns the engine's rows into exactly the result `growthLifecycle` returns for the
 * same events (and signups) and options (proven by executing it in tests on all three
 * engines).
 *
 * Definition: that of `growthLifecycle` (PostHog's lifecycle: per calendar day, week or
 * month of `timeZone`, the users active in it are new, returning or resurrecting, and those
 * active in the period before and not in it are dormant, a negative count; with
 * `newBy: 'signup'` a user is created in the period of their signup when it comes before
 * their first active day). Signups are a second source, `signups: { table }` or
 * `{ subquery }`, one row per user id, with the columns `signupFields: { id, signedUpAt }`
 * (defaults `userId`, `signedUpAt`) mirroring the in-process accessors; their instants are
 * stored as `signups.timestampType` says (default: the events' `timestampType`). As
 * in-process, the signups are read only with `newBy: 'signup'` (the default when they are
 * given).
 *
 * The engine does the scan and the counting: each user's distinct active periods (every
 * event at or before `asOf`: activity before `from` is history), the previous and next
 * active period of each (`lead` both ways), and the number of transitions per period and
 * kind (first active period, returning, after a gap, dormant after, and with signups the
 * first periods that an earlier signup makes resurrecting, through an inner join of the
 * users' first active period with their signup day). The decoder computes the reported
 * range as the in-process function does and lays out every period of it (zeros where the
 * engine returned no row), with `active`, `quickRatio` and `complete`.
 *
 * Cost: in the engine, one scan of the events (and of the signups), an aggregation to
 * user-periods, two window passes over them (sorted per user) and a join of one row per
 * user with its signup: O(n + u log u) for u user-periods; the result rows are at most five per
 * period, whatever the number of events or users; the decoder is O(periods).
 *
 * Time: as in `growthLifecycle`. `period`, `weekStartsOn`, `asOf`, `from` and `to` are read
 * in JavaScript and bound as instants or period numbers; without `asOf` the engine reports
 * the latest event. A `from` or `to` after the day of a given `asOf` throws when the query
 * is built; after the day of the latest event (no `asOf`), when it is decoded. Local days
 * come from the engine's tz database.
 *
 * Edge cases: as `growthLifecycle`: no events gives `periods: []` (or zero counts over a
 * given `from`/`to`); every period of the range is present. Signups of users without
 * events are checked and otherwise ignored. The signup id column must compare with the
 * events' user id column (both integer or both text): the ids are matched in the engine.
 *
 * @param options The source (`dialect`, `table` or `subquery`, `timestampType`), the
 * columns (`userId`, `timestamp`, default those names), the signups and the options of
 * `growthLifecycle`.
 * @returns The query text, its parameters and `decode(rows)`.
 * @throws {MetricsInputError} for the option errors of `growthLifecycle` (`period`
 * required, `newBy: 'signup'` without `signups`), an unknown dialect, a missing or double
 * source or an empty column name; `decode` throws when the source had a row with a NULL
 * user id or timestamp, or the signups a NULL id or instant or an id twice.
 *
 * @example
 * ```ts
 * import { growthLifecycleSql } from 'customer-success-metrics/sql';
 * const query = growthLifecycleSql({ dialect: 'duckdb', table: 'events', period: 'month', signups: { table: 'signups' }, asOf: '2024-02-29' });
 * query.sql.includes('INNER JOIN sd AS s'); // => true
 * // The asOf instant and the last reported month (its number) are bound, never spliced:
 * query.params; // => [1709251199999, 24289]
 * // Run it (e.g. @duckdb/node-api: (await connection.runAndReadAll(query.sql, query.params)).getRowObjects()), then:
 * const result = query.decode([
 *   { part: 'checks', bad_uid: 0, bad_ms: 0, uid_type: 'VARCHAR', latest: 1708419600000, first_day: 19732, last_day: 19773, bad_suid: 0, bad_sms: 0, dup_sid: 0 },
 *   { part: 'count', p: 24288, k: 0, n: 2 },
 *   { part: 'count', p: 24288, k: 4, n: 1 },
 *   { part: 'count', p: 24289, k: 1, n: 1 },
 *   { part: 'count', p: 24289, k: 3, n: 1 },
 * ]);
 * result.periods.map((p) => [p.period, p.new, p.returning, p.resurrecting, p.dormant, p.complete]);
 * // => [['2024-01', 1, 0, 1, 0, true], ['2024-02', 0, 1, 0, -1, true]]
 * ```
 */
export function growthLifecycleSql(options: GrowthLifecycleSqlOptions): SqlQuery<GrowthLifecycleResult> {
  const fn = 'growthLifecycleSql';
  const opts = optionsOf(options, fn, KEYS);
  const source = readSource(fn, opts);
  const d = source.dialect;
  const { period, weekStartsOn, newBy } = readGrowthPeriods(fn, opts);
  const signups = readGrowthSignups(fn, d, source.timestampType, opts.signups, opts.signupFields, newBy === 'signup');
  const zone = zoneCalendar(opts.timeZone ?? 'UTC', fn);
  const givenAsOf = readAsOf(opts.asOf, zone, fn);
  const bounds = readDayBounds(fn, opts, zone);
  if (givenAsOf !== null) checkBoundsAsOf(fn, opts, bounds, zone.dayOf(givenAsOf));
  const settings = { zone, period, weekStartsOn, newBy, bounds };
  const scale = periodScale(period, weekStartsOn);
  const columns = { user: readColumn(fn, d, opts.userId, 'userId', 'userId'), time: readColumn(fn, d, opts.timestamp, 'timestamp', 'timestamp') };
  const values = new QueryValues(d);
  const scan = eventScan(source, values, columns, zone.timeZone, givenAsOf);
  const lastDay = bounds.to ?? (givenAsOf === null ? null : zone.dayOf(givenAsOf));
  const { ctes, countFrom } = growthTransitions(d, values, {
    period,
    weekStartsOn,
    timeZone: zone.timeZone,
    signups,
    lowPeriod: bounds.from === null ? null : scale.of(bounds.from),
    highPeriod: lastDay === null ? null : scale.of(lastDay),
  });
  const checkList = [...checkColumns([]), ...(signups === null ? [] : (['bad_suid', 'bad_sms', 'dup_sid'] as const).map((name) => ({ name, type: 'integer' as const })))];
  const parts = [
    { select: { part: "'checks'", ...Object.fromEntries(checkList.map((c) => [c.name, c.name])) }, from: `FROM checks CROSS JOIN span${signups === null ? '' : ' CROSS JOIN schecks'}` },
    { select: { part: "'count'", p: 'tp', k: 'k', n: 'count(*)' }, from: countFrom },
  ];
  const union = unionParts(d, [['part', 'text'], ['p', 'integer'], ['k', 'integer'], ['n', 'integer'], ...checkList.map((c) => [c.name, c.type] as const)], parts);
  const names: Record<string, readonly [string, string]> = { uid: ['userId', opts.userId ?? 'userId'], ms: ['timestamp', opts.timestamp ?? 'timestamp'] };
  const signupNames = { id: opts.signupFields?.id ?? 'userId', signedUpAt: opts.signupFields?.signedUpAt ?? 'signedUpAt' };
  return eventQuery(fn, values, `WITH ${scan},\n${ctes}\n${union}`, names, (list, facts) => {
    if (signups !== null) readSignupChecks(fn, list, signupNames);
    return growthResult(fn, opts, settings, givenAsOf ?? facts.latest, facts.firstDay, (_, first, count) => transitionCounts(fn, list, first, count));
  });
}
