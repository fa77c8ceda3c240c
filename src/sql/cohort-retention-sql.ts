import { optionsOf } from '../core/options.js';
import { SIGNUP_FIELD_KEYS } from '../core/signups.js';
import type { CohortRetentionResult } from '../retention/types.js';
import { readCohortSettings } from '../retention/internal/cohort-options.js';
import { cohortTableOfGrid } from '../retention/internal/cohort-table.js';
import { readCohortCounts, type CohortColumnNames } from './internal/cohort-grid.js';
import { cohortQuery, type CohortSignupSource } from './internal/cohort-query.js';
import { rowsOf } from './internal/decode.js';
import { readFieldNames, readSignupTable } from './internal/table-source.js';
import { QueryValues } from './internal/query-text.js';
import { readColumn, readSource } from './internal/source.js';
import { COHORT_RETENTION_OPTION_KEYS } from '../retention/cohort-retention.js';
import { SQL_SOURCE_OPTION_KEYS, type CohortRetentionSqlOptions, type SqlQuery } from './types.js';

/** The source keys and every option of `cohortRetention` (its accessors become column names). */
const KEYS = [...SQL_SOURCE_OPTION_KEYS, ...COHORT_RETENTION_OPTION_KEYS] as const;

/**
 * `cohortRetention` as one SQL query for DuckDB, PostgreSQL or ClickHouse, with a decoder
 * that turns the engine's rows into exactly the result `cohortRetention` returns for the
 * same events (and signups) and options (proven by executing it in tests on all three
 * engines).
 *
 * Definition: that of `cohortRetention` (cohorts by the calendar day, week or month of each
 * user's start; calendar or rolling intervals; `'n-day'`, `'unbounded'` or `'bracket'`
 * columns; first-time or `recurring` cohorts; `null` cells until their interval is complete
 * at `asOf`). Every option of `cohortRetention` is taken, with column names for the
 * accessors: `userId`, `timestamp` and `name` (the event name column, read only with an
 * event `start`; names are compared as text, and a numeric name column holds no start
 * event, as in-process, where `start` is a string). Signups are a second source,
 * `signups: { table }` or `{ subquery }` (and `timestampType`, default the events'), one row
 * per user, with the columns `signupFields: { id, signedUpAt }` (defaults `userId`,
 * `signedUpAt`): the SQL counterpart of `{ signups, signupFields }`. Signup ids meet the
 * events' user ids as text; a signups id column of the other kind (number or text) meets no
 * event, as in-process, where `100` is not `'100'`.
 *
 * The engine does the scan: the memberships (each user's first start, or with `recurring`
 * the first in each cohort period: the first event, the first event of the `start` name, or
 * the signup at or before `asOf`), and per cohort period their number and per interval (or
 * bracket) the memberships active in it (calendar: distinct user-days joined to the
 * memberships; rolling: events, windows of 24 hours × 1, 7 or 30 from the start instant);
 * unbounded, the memberships by the interval of their user's last activity. The decoder
 * builds the counted cells and hands them to the retention module's own table assembly,
 * which reports the cells complete at `asOf`, the rates and the mean row. The result rows
 * are one per cohort period and per (cohort period, column), whatever the number of events.
 *
 * Time: as in `cohortRetention`. `asOf` is read in JavaScript and bound; without it the
 * engine reports the latest event, and signups after it are left out. Local days come
 * from the engine's tz database (see docs/sql.md for where it can lag).
 *
 * Cost: one scan of the events, a distinct of user-days (calendar) and a join of the
 * memberships with each user's days (rolling: events) within `lastPeriod` intervals after
 * the start; recurring memberships revisit the days after them, as in-process.
 *
 * @param options The source (`dialect`, `table` or `subquery`, `timestampType`), the
 * columns (`userId`, `timestamp`, `name`, default those names), `signups` and
 * `signupFields`, and the options of `cohortRetention`.
 * @returns The query text, its parameters and `decode(rows)`.
 * @throws {MetricsInputError} for the option errors of `cohortRetention`, an unknown dialect,
 * a missing source or an empty column name; `decode` throws when the source had a row with
 * a NULL user id or timestamp (or name, with an event `start`), or the signups a NULL or
 * empty id, a NULL instant, or an id twice (`duplicate-id`).
 *
 * @example
 * ```ts
 * import { cohortRetentionSql } from 'customer-success-metrics/sql';
 * const query = cohortRetentionSql({ dialect: 'duckdb', table: 'events', cohort: 'week', interval: 'week', lastPeriod: 4, start: 'signup', signups: { table: 'signups' } });
 * query.sql.includes('FROM "signups"'); // => true
 * // Run it (e.g. (await connection.runAndReadAll(query.sql, query.params)).getRowObjectsJS()), then:
 * const checks = { part: 'checks', bad_uid: 0, bad_ms: 0, uid_type: 'VARCHAR', latest: Date.UTC(2024, 2, 20, 12), first_day: null, last_day: null, users: 3, started: 2, bad_suid: 0, bad_sms: 0, dup_sid: 0, sid_type: 'VARCHAR' };
 * const week = 2826; // the week of Monday 2024-02-26
 * const table = query.decode([checks, { part: 'size', cp: week, n: 4 }, { part: 'cell', cp: week, k: 0, n: 3 }, { part: 'cell', cp: week, k: 2, n: 1 }]);
 * table.cohorts; // => [{ cohort: '2024-02-26', complete: true, size: 4, counts: [3, 0, 1, null, null], rates: [0.75, 0, 0.25, null, null] }]
 * table.withoutStart; // => 1
 * ```
 */
export function cohortRetentionSql(options: CohortRetentionSqlOptions): SqlQuery<CohortRetentionResult> {
  const fn = 'cohortRetentionSql';
  const opts = optionsOf(options, fn, KEYS);
  const settings = readCohortSettings(fn, opts);
  const source = readSource(fn, opts);
  const d = source.dialect;
  const eventStart = settings.startEvent !== null;
  const fields = readFieldNames(fn, opts.signupFields, 'signupFields', SIGNUP_FIELD_KEYS);
  let signups: CohortSignupSource | null = null;
  let signupNames: CohortColumnNames['signups'] = null;
  if (settings.start === 'signup') {
    const { from, timestampType } = readSignupTable(fn, d, opts.signups, source.timestampType);
    signups = {
      from,
      id: readColumn(fn, d, fields.id, 'signupFields.id', 'userId'),
      at: readColumn(fn, d, fields.signedUpAt, 'signupFields.signedUpAt', 'signedUpAt'),
      timestampType,
    };
    signupNames = { id: (fields.id as string | undefined) ?? 'userId', signedUpAt: (fields.signedUpAt as string | undefined) ?? 'signedUpAt' };
  }
  const plan = {
    source,
    user: readColumn(fn, d, opts.userId, 'userId', 'userId'),
    time: readColumn(fn, d, opts.timestamp, 'timestamp', 'timestamp'),
    name: eventStart ? readColumn(fn, d, opts.name, 'name', 'name') : null,
    signups,
    settings,
  };
  const values = new QueryValues(d);
  const sql = cohortQuery(plan, values);
  const events: Record<string, readonly [string, string]> = { uid: ['userId', opts.userId ?? 'userId'], ms: ['timestamp', opts.timestamp ?? 'timestamp'] };
  if (eventStart) events['nm'] = ['name', opts.name ?? 'name'];
  return {
    dialect: d.name,
    sql,
    params: values.params(),
    decode(rows) {
      const counts = readCohortCounts(fn, rowsOf(fn, rows), settings, { events, signups: signupNames });
      return cohortTableOfGrid(settings, counts.grid, settings.asOf ?? counts.latest, counts.withoutStart);
    },
  };
}
