import { optionsOf } from '../core/options.js';
import { readSessionsSettings } from '../engagement/internal/sessions-per-user-day-options.js';
import { sessionsResult } from '../engagement/internal/sessions-per-user-day-result.js';
import type { SessionsPerUserDayResult } from '../engagement/types.js';
import { checksPart, checkUnionColumns, eventScan } from './internal/event-scan.js';
import { eventQuery } from './internal/event-query.js';
import { QueryValues, unionParts } from './internal/query-text.js';
import { tallyHistogram } from './internal/sessions-days.js';
import { readColumn, readSource } from './internal/source.js';
import { SQL_SOURCE_OPTION_KEYS, type SessionsPerUserDaySqlOptions, type SqlQuery } from './types.js';

const KEYS = [...SQL_SOURCE_OPTION_KEYS, 'userId', 'timestamp', 'inactivityMinutes', 'target', 'timeZone', 'from', 'to', 'confidence', 'asOf'] as const;

/**
 * `sessionsPerUserDay` as one SQL query for DuckDB, PostgreSQL or ClickHouse, with a
 * decoder that turns the engine's rows into exactly the result `sessionsPerUserDay`
 * returns for the same events and options (proven by executing it in tests on all three
 * engines).
 *
 * Definition: that of `sessionsPerUserDay` (a user's events are cut into sessions where
 * the gap since the user's previous event is more than `inactivityMinutes`; a session
 * counts on the local day of its first event; per day, the users with a session, the
 * sessions, and the users with at least `target` of them). The engine does the
 * sessionization and the counting: each event's previous event of the same user (`lead`
 * over the user's events in descending time), the events that start a session, the
 * sessions per (user, day), and per day and number of sessions `k` the user-days with
 * exactly `k`. The decoder sums those over the reported range into the day rows, ratios,
 * Wilson intervals and the distribution, as `sessionsPerUserDay` does. The result rows are
 * one per (day, distinct session count), whatever the number of events.
 *
 * Time: as in `sessionsPerUserDay`: sessions are built from all events at or before
 * `asOf`, before the range is applied; `asOf`, `from` and `to` are read in JavaScript,
 * `asOf` bound as an instant, and the range is applied by the decoder. Local days come
 * from the engine's tz database. Events at the same instant of one user are one session
 * (a gap of 0), as in-process.
 *
 * Cost: one sort of each user's events (the window function) and three aggregations; the
 * engine's work is O(n log n) for n events, its output O(days x distinct counts).
 *
 * @param options The source (`dialect`, `table` or `subquery`, `timestampType`), the
 * columns (`userId`, `timestamp`, default those names) and the options of
 * `sessionsPerUserDay`.
 * @returns The query text, its parameters and `decode(rows)`.
 * @throws {MetricsInputError} for the option errors of `sessionsPerUserDay`, an unknown
 * dialect, a missing source or an empty column name; `decode` throws when the source had
 * a row with a NULL user id or timestamp.
 *
 * @example
 * ```ts
 * import { sessionsPerUserDaySql } from 'customer-success-metrics/sql';
 * const query = sessionsPerUserDaySql({ dialect: 'postgres', table: 'events', userId: 'user_id', timestamp: 'ts', inactivityMinutes: 30, target: 2 });
 * query.sql.includes('lead('); // => true
 * query.params; // => [1800000]
 * // Run it (e.g. node-postgres: (await client.query(query.sql, query.params)).rows), then:
 * const result = query.decode([
 *   { part: 'checks', bad_uid: 0, bad_ms: 0, uid_type: 'text', latest: 1709370300000, first_day: 19783, last_day: 19784 },
 *   { part: 'hist', d: 19783, k: 1, n: 1 },
 *   { part: 'hist', d: 19783, k: 2, n: 1 },
 *   { part: 'hist', d: 19784, k: 1, n: 1 },
 * ]);
 * result.days.map((d) => [d.date, d.complete, d.activeUsers, d.sessionCount, d.usersMeetingTarget]);
 * // => [['2024-03-01', true, 2, 3, 1], ['2024-03-02', false, 1, 1, 0]]
 * result.overall.distribution;
 * // => [{ sessionCount: 1, userDays: 2 }, { sessionCount: 2, userDays: 1 }]
 * ```
 */
export function sessionsPerUserDaySql(options: SessionsPerUserDaySqlOptions): SqlQuery<SessionsPerUserDayResult> {
  const fn = 'sessionsPerUserDaySql';
  const opts = optionsOf(options, fn, KEYS);
  const source = readSource(fn, opts);
  const d = source.dialect;
  const columns = { user: readColumn(fn, d, opts.userId, 'userId', 'userId'), time: readColumn(fn, d, opts.timestamp, 'timestamp', 'timestamp') };
  const settings = readSessionsSettings(fn, opts);
  const { zone } = settings;

  const values = new QueryValues(d);
  const timeout = values.bind(settings.inactivityMinutes * 60_000, 'double');
  const scan = eventScan(source, values, columns, zone.timeZone, settings.asOf);
  // The previous event of the same user: the next one in descending time. Of events at the
  // same instant, at most one (whichever comes last in that order) starts a session.
  const previous = `previous AS (SELECT uid, ms, day, ${d.next('ms', 'uid', 'ms DESC')} AS pms FROM ev)`;
  const userDays = `user_days AS (SELECT uid, day, count(*) AS k FROM previous WHERE pms IS NULL OR ms - pms > ${timeout} GROUP BY uid, day)`;
  const parts = [
    checksPart([]),
    { select: { part: "'hist'", d: 'day', k: 'k', n: 'count(*)' }, from: 'FROM user_days GROUP BY day, k' },
  ];
  const resultColumns = [['part', 'text'], ['d', 'integer'], ['k', 'integer'], ['n', 'integer'], ...checkUnionColumns([])] as const;
  const union = unionParts(d, resultColumns, parts);
  const names = { uid: ['userId', opts.userId ?? 'userId'], ms: ['timestamp', opts.timestamp ?? 'timestamp'] } as const;
  return eventQuery(fn, values, `WITH ${scan},\n${previous},\n${userDays}\n${union}`, names, (list, facts) => {
    // The first session starts with the first event, so the first session day is the first event day;
    // the last data day matters only without asOf, i.e. without events.
    return sessionsResult(settings, settings.asOf ?? facts.latest, facts.firstDay, facts.lastDay, (counts) => tallyHistogram(fn, list, counts));
  });
}
