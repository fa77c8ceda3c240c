/**
 * Benchmark: the warehouse query `activeUsersSql` writes for DuckDB, against the hand-tuned
 * DuckDB query of the activeUsers benchmark (bench/duckdb.ts's ACTIVE_USERS_SQL, through
 * `inTimeZone` for local days) and the in-process `activeUsers`, on the same seeded events.
 * Target (issue 16): the generated query within 1.5× the hand-tuned one's time.
 *
 * Data: bench/generate.ts's events (10M by default, users = events / 20), loaded once into
 * an in-memory DuckDB (2 threads) as `events(user_id INTEGER, ts DOUBLE)`, so the builder
 * reads `userId: 'user_id'`, `timestamp: 'ts'`, `timestampType: 'epoch-ms'`.
 *
 * Timed (query time only, the data already loaded): the hand-tuned query and the generated
 * query, each run and read into JS (`runAndReadAll` and the rows), alternated, a cold run
 * each, then the median of {@link RUNS}; the decoder (`query.decode(rows)`) apart; and the
 * in-process `activeUsers` on the same events as typed columns (median after a cold call).
 * In UTC and in America/New_York. Every day's dau, wau and mau of the decoded result must
 * equal the hand-tuned query's, and the whole decoded result must deep-equal the in-process
 * result, or this throws.
 *
 * The built package (dist/, as `npm run bench` builds it) is measured, as elsewhere.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import { isDeepStrictEqual } from 'node:util';
import { cpus, loadavg } from 'node:os';
import type * as SqlLibrary from '../src/sql/index.js';
import type { ActiveUsersResult } from '../src/engagement/types.js';
import { ACTIVE_USERS_SQL, closeDuckDb, inTimeZone, loadEvents, openDuckDb, queryActiveUsers, type Series } from './duckdb.js';
import { generateColumns } from './generate.js';
import { activeUsers } from './lib.js';
import { collectGarbage, median } from './measure.js';

const RUNS = 5;
const MS_PER_DAY = 86_400_000;
export const SQL_ZONES = ['UTC', 'America/New_York'] as const;
type Zone = (typeof SQL_ZONES)[number];
const WINDOWS = { wau: 7, mau: 30 } as const;

/** The built sql entry (dist/sql/index.js). */
export async function sqlModule(): Promise<typeof SqlLibrary> {
  const path = '../dist/sql/index.js';
  return (await import(path)) as typeof SqlLibrary;
}

/** The generated DuckDB query of the benchmark for `zone`, over the loaded `events` table. */
export function benchQuery(sql: typeof SqlLibrary, zone: Zone): SqlLibrary.SqlQuery<ActiveUsersResult> {
  return sql.activeUsersSql({ dialect: 'duckdb', table: 'events', userId: 'user_id', timestamp: 'ts', timestampType: 'epoch-ms', timeZone: zone, windows: WINDOWS });
}

/** The hand-tuned query for `zone` (UTC days as written, or local days through `inTimeZone`). */
export function handTuned(zone: Zone): string {
  return zone === 'UTC' ? ACTIVE_USERS_SQL : inTimeZone(ACTIVE_USERS_SQL, zone);
}

/** Why a decoded result differs from the hand-tuned series, or null when every day's counts agree. */
export function seriesDifference(result: ActiveUsersResult, series: Series): string | null {
  if (result.days.length !== series.dau.length) return `${result.days.length} days, the hand-tuned query has ${series.dau.length}`;
  for (let d = 0; d < series.dau.length; d++) {
    const day = result.days[d] as ActiveUsersResult['days'][number];
    const date = new Date((series.firstDay + d) * MS_PER_DAY).toISOString().slice(0, 10);
    if (day.date !== date) return `day ${d} is ${day.date}, the hand-tuned query says ${date}`;
    for (const key of ['dau', 'wau', 'mau'] as const) {
      if (day[key] !== series[key][d]) return `${key} on ${date} is ${day[key]}, the hand-tuned query says ${series[key][d]}`;
    }
  }
  return null;
}

export const SQL_HEADER = ['case', 'zone', 'events', 'ms (median)', '÷ hand-tuned query'];

interface ZoneTimes {
  readonly hand: number;
  readonly generated: number;
  readonly decode: number;
  readonly ours: number;
  readonly resultRows: number;
}

/** Runs the comparison on `events` seeded events; returns the table rows and notes. */
export async function benchSql(events = 10_000_000): Promise<{ rows: string[][]; notes: string[]; ratios: Record<Zone, number> }> {
  const startLoad = loadavg();
  const sql = await sqlModule();
  const users = Math.round(events / 20);
  const columns = generateColumns({ events, users });
  const db = await openDuckDb('integer');
  const times = {} as Record<Zone, ZoneTimes>;
  try {
    await loadEvents(db.connection, { ids: 'integer', columns }, 'chunks');
    for (const zone of SQL_ZONES) {
      const query = benchQuery(sql, zone);
      const handSql = handTuned(zone);
      const runGenerated = async (): Promise<{ rows: SqlLibrary.SqlRow[]; ms: number }> => {
        const start = performance.now();
        const reader = await db.connection.runAndReadAll(query.sql, query.params as DuckDBValue[]);
        const rows = reader.getRowObjectsJS() as SqlLibrary.SqlRow[];
        return { rows, ms: performance.now() - start };
      };
      const runHand = async (): Promise<{ series: Series; ms: number }> => {
        const start = performance.now();
        const series = await queryActiveUsers(db.connection, handSql);
        return { series, ms: performance.now() - start };
      };
      // Cold runs, then alternated timed runs (so a change of machine load hits both alike).
      let hand = await runHand();
      let generated = await runGenerated();
      const handMs: number[] = [];
      const generatedMs: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        collectGarbage();
        hand = await runHand();
        handMs.push(hand.ms);
        collectGarbage();
        generated = await runGenerated();
        generatedMs.push(generated.ms);
      }
      const decodeMs: number[] = [];
      let decoded = query.decode(generated.rows);
      for (let r = 0; r < RUNS; r++) {
        const start = performance.now();
        decoded = query.decode(generated.rows);
        decodeMs.push(performance.now() - start);
      }
      let ours = activeUsers(columns, { timeZone: zone, windows: WINDOWS });
      const oursMs: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        collectGarbage();
        const start = performance.now();
        ours = activeUsers(columns, { timeZone: zone, windows: WINDOWS });
        oursMs.push(performance.now() - start);
      }
      const vsHand = seriesDifference(decoded, hand.series);
      if (vsHand !== null) throw new Error(`activeUsersSql on DuckDB, ${zone}: ${vsHand}`);
      const vsOurs = seriesDifference(ours, hand.series);
      if (vsOurs !== null) throw new Error(`activeUsers in-process, ${zone}: ${vsOurs}`);
      if (!isDeepStrictEqual(decoded, ours)) throw new Error(`activeUsersSql on DuckDB, ${zone}: the decoded result differs from activeUsers'`);
      times[zone] = { hand: median(handMs), generated: median(generatedMs), decode: median(decodeMs), ours: median(oursMs), resultRows: generated.rows.length };
    }
  } finally {
    closeDuckDb(db);
  }
  const endLoad = loadavg();
  const fmtMs = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
  const count = events.toLocaleString('en-US');
  const rows: string[][] = [];
  const ratios = {} as Record<Zone, number>;
  for (const zone of SQL_ZONES) {
    const t = times[zone];
    ratios[zone] = t.generated / t.hand;
    rows.push(['hand-tuned DuckDB query (bench/duckdb.ts)', zone, count, fmtMs(t.hand), '1.00']);
    rows.push(['activeUsersSql: generated DuckDB query', zone, count, fmtMs(t.generated), (t.generated / t.hand).toFixed(2)]);
    rows.push([`activeUsersSql: decode (${t.resultRows.toLocaleString('en-US')} rows, JS)`, zone, count, fmtMs(t.decode), '—']);
    rows.push(['activeUsers in-process, columns (Int32 ids, Float64 ms)', zone, count, fmtMs(t.ours), (t.ours / t.hand).toFixed(2)]);
  }
  const fmtLoad = (l: number[]): string => l.map((x) => x.toFixed(2)).join(' / ');
  const notes = [
    `${count} seeded events, ${users.toLocaleString('en-US')} users, windows 7 and 30; DuckDB in-memory, 2 threads, \`events(user_id INTEGER, ts DOUBLE)\` loaded once. ` +
      `Query time: run and read into JS, a cold run each, then the median of ${RUNS} alternated runs; decode and in-process: median of ${RUNS} after a cold call. ` +
      `Every day's dau/wau/mau of the decoded result equals the hand-tuned query's, and the decoded result deep-equals activeUsers'.`,
    `${cpus().length} CPUs; load averages (1 / 5 / 15 min) ${fmtLoad(startLoad)} at start, ${fmtLoad(endLoad)} at end.`,
  ];
  return { rows, notes, ratios };
}
