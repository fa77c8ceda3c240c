/**
 * The DAU/WAU/MAU series computed by DuckDB (in-memory, `@duckdb/node-api`), as the
 * baseline of the activeUsers benchmark. Load and query are timed separately.
 *
 * Load: an appender on `events(user_id INTEGER | VARCHAR, ts DOUBLE)`, fed either with
 * 2048-row data chunks (`appendDataChunk`, the fastest way in from JavaScript) or value
 * by value (`appendInteger` / `appendVarchar`, `appendDouble`, `endRow`).
 *
 * Query: the same difference-array method as ours, in SQL: distinct (user, UTC day)
 * pairs; per user the next active day (`LEAD`); +1 at `day` and -1 at
 * `least(day + w, next_day)` for w = 1, 7, 30; a running sum over every day from the
 * first to the last active day (`generate_series`).
 *
 * Days are UTC in the SQL as written; {@link inTimeZone} turns such SQL into the same query
 * on local calendar days of an IANA time zone (DuckDB's ICU extension).
 */
import { DuckDBDataChunk, DuckDBInstance, DOUBLE, INTEGER, VARCHAR, type DuckDBConnection } from '@duckdb/node-api';
import type { Columns, Row } from './generate.js';

/** Per-day counts from the first to the last active day (UTC day numbers; local ones for SQL from {@link inTimeZone}). */
export interface Series {
  readonly firstDay: number;
  readonly dau: number[];
  readonly wau: number[];
  readonly mau: number[];
}

/** The events to load: integer ids from columns, or string ids from rows. */
export type DuckDbEvents = { readonly ids: 'integer'; readonly columns: Columns } | { readonly ids: 'varchar'; readonly rows: readonly Row[] };

export type LoadMethod = 'chunks' | 'values';

export const ACTIVE_USERS_SQL = `
WITH user_days AS (
  SELECT DISTINCT user_id, CAST(floor(ts / 86400000) AS INTEGER) AS day FROM events
), spans AS (
  SELECT day, LEAD(day) OVER (PARTITION BY user_id ORDER BY day) AS next_day FROM user_days
), deltas AS (
  SELECT day AS d, 1 AS d1, 1 AS d7, 1 AS d30 FROM spans
  UNION ALL SELECT least(day + 1, next_day), -1, 0, 0 FROM spans
  UNION ALL SELECT least(day + 7, next_day), 0, -1, 0 FROM spans
  UNION ALL SELECT least(day + 30, next_day), 0, 0, -1 FROM spans
), per_day AS (
  SELECT d, sum(d1) AS s1, sum(d7) AS s7, sum(d30) AS s30 FROM deltas GROUP BY d
), bounds AS (
  SELECT min(day) AS lo, max(day) AS hi FROM user_days
), days AS (
  SELECT CAST(generate_series AS INTEGER) AS d FROM bounds, generate_series(lo, hi)
)
SELECT days.d AS day,
  CAST(sum(coalesce(s1, 0)) OVER w AS INTEGER) AS dau,
  CAST(sum(coalesce(s7, 0)) OVER w AS INTEGER) AS wau,
  CAST(sum(coalesce(s30, 0)) OVER w AS INTEGER) AS mau
FROM days LEFT JOIN per_day USING (d)
WINDOW w AS (ORDER BY days.d ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)
ORDER BY day`;

/** The UTC day number of an event (days since 1970-01-01), as written in {@link ACTIVE_USERS_SQL} and the cohort SQL. */
export const UTC_DAY_SQL = 'CAST(floor(ts / 86400000) AS INTEGER)';

/**
 * The local calendar day number (days since 1970-01-01) of an event in an IANA time zone,
 * through DuckDB's ICU extension (built into `@duckdb/node-api`). Independent of the
 * session's `TimeZone` setting: `make_timestamptz` reads the instant as microseconds since
 * the epoch. Timestamps must be whole milliseconds (the generated ones are).
 */
export function localDaySql(timeZone: string): string {
  if (!/^[A-Za-z0-9_+\-/]+$/.test(timeZone)) throw new Error(`localDaySql: not a time zone name: ${timeZone}`);
  return `CAST(CAST(timezone('${timeZone}', make_timestamptz(CAST(ts AS BIGINT) * 1000)) AS DATE) - DATE '1970-01-01' AS INTEGER)`;
}

/**
 * `sql` (such as {@link ACTIVE_USERS_SQL}) with every UTC day ({@link UTC_DAY_SQL}) replaced
 * by the local day in `timeZone`; throws when `sql` has no UTC day to replace.
 */
export function inTimeZone(sql: string, timeZone: string): string {
  if (!sql.includes(UTC_DAY_SQL)) throw new Error('inTimeZone: the SQL has no UTC day expression to replace');
  return sql.split(UTC_DAY_SQL).join(localDaySql(timeZone));
}

/** A fresh in-memory database with an empty `events` table. Close it with {@link closeDuckDb}. */
export async function openDuckDb(ids: 'integer' | 'varchar', threads = 2): Promise<{ instance: DuckDBInstance; connection: DuckDBConnection }> {
  const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
  const connection = await instance.connect();
  await connection.run(`CREATE TABLE events (user_id ${ids === 'integer' ? 'INTEGER' : 'VARCHAR'}, ts DOUBLE)`);
  return { instance, connection };
}

export function closeDuckDb(db: { instance: DuckDBInstance; connection: DuckDBConnection }): void {
  db.connection.closeSync();
  db.instance.closeSync();
}

const CHUNK = 2048;

/** Appends every event to `events`; returns when the appender is flushed and closed. */
export async function loadEvents(connection: DuckDBConnection, events: DuckDbEvents, method: LoadMethod): Promise<void> {
  const appender = await connection.createAppender('events');
  if (method === 'values') {
    if (events.ids === 'integer') {
      const { userId, timestamp } = events.columns;
      for (let i = 0; i < userId.length; i++) {
        appender.appendInteger(userId[i] as number);
        appender.appendDouble(timestamp[i] as number);
        appender.endRow();
      }
    } else {
      for (const row of events.rows) {
        appender.appendVarchar(row.userId);
        appender.appendDouble(row.timestamp);
        appender.endRow();
      }
    }
  } else {
    const chunk = DuckDBDataChunk.create([events.ids === 'integer' ? INTEGER : VARCHAR, DOUBLE], CHUNK);
    const n = events.ids === 'integer' ? events.columns.userId.length : events.rows.length;
    for (let start = 0; start < n; start += CHUNK) {
      const size = Math.min(CHUNK, n - start);
      chunk.reset();
      chunk.rowCount = size;
      const users = chunk.getColumnVector(0);
      const times = chunk.getColumnVector(1);
      if (events.ids === 'integer') {
        const { userId, timestamp } = events.columns;
        for (let k = 0; k < size; k++) {
          users.setItem(k, userId[start + k] as number);
          times.setItem(k, timestamp[start + k] as number);
        }
      } else {
        const rows = events.rows;
        for (let k = 0; k < size; k++) {
          const row = rows[start + k] as Row;
          users.setItem(k, row.userId);
          times.setItem(k, row.timestamp);
        }
      }
      users.flush();
      times.flush();
      appender.appendDataChunk(chunk);
    }
  }
  appender.flushSync();
  appender.closeSync();
}

/** Runs {@link ACTIVE_USERS_SQL} (or a variant, e.g. from {@link inTimeZone}) and reads the result into a {@link Series}. */
export async function queryActiveUsers(connection: DuckDBConnection, sql: string = ACTIVE_USERS_SQL): Promise<Series> {
  const reader = await connection.runAndReadAll(sql);
  const columns = reader.getColumnsObjectJS();
  const day = (columns['day'] ?? []) as number[];
  return {
    firstDay: day.length === 0 ? 0 : (day[0] as number),
    dau: (columns['dau'] ?? []) as number[],
    wau: (columns['wau'] ?? []) as number[],
    mau: (columns['mau'] ?? []) as number[],
  };
}

/** One end-to-end run in a fresh database: load, then query, timed separately. */
export async function duckDbActiveUsers(events: DuckDbEvents, method: LoadMethod, threads = 2): Promise<{ loadMs: number; queryMs: number; series: Series }> {
  const db = await openDuckDb(events.ids, threads);
  try {
    const start = performance.now();
    await loadEvents(db.connection, events, method);
    const loaded = performance.now();
    const series = await queryActiveUsers(db.connection);
    const done = performance.now();
    return { loadMs: loaded - start, queryMs: done - loaded, series };
  } finally {
    closeDuckDb(db);
  }
}
