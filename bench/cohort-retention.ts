/**
 * Benchmark: `cohortRetention` (weekly cohorts × weekly intervals, n-day mode, 12 weeks,
 * UTC, weeks from Monday, first-time cohorts by first activity) against DuckDB computing
 * the same table in SQL on the same events.
 *
 * - ours on rows (string ids) and on columns (Int32Array ids + Float64Array epoch ms),
 *   time-ordered, each in a fresh process (bench/memory.ts): a cold call, then the median
 *   of 3 timed calls after a full GC each, and the peak RSS growth of one more call;
 * - DuckDB (in-memory, 2 threads), INTEGER ids from the columns and VARCHAR ids from the
 *   rows, loaded with bench/duckdb.ts's appender (data chunks): a cold run, then the median
 *   of 3 runs, each in a fresh database, load and query timed separately.
 * Every observed cell (count) and every cohort size of every case must equal DuckDB's, and
 * the null cells must be exactly those whose week has not ended by asOf (inclusive)
 * (the latest event), or this throws.
 *
 * DuckDB runs in the calling process. `BENCH_SIZES=1e6` runs only the small size (default
 * `1e6,1e7`, users = events / 20).
 */
import type { CohortRetentionResult } from '../src/retention/cohort-retention.js';
import { cpus, loadavg } from 'node:os';
import { closeDuckDb, loadEvents, openDuckDb, type DuckDbEvents } from './duckdb.js';
import { generateColumns, rowsFromColumns } from './generate.js';
import { collectGarbage, median } from './measure.js';
import { formatMb, runInChild } from './memory.js';

const RUNS = 3;
const PERIODS = 12;
const MS_PER_DAY = 86_400_000;
export const OPTIONS = { cohort: 'week', interval: 'week', lastPeriod: PERIODS, mode: 'n-day' } as const;

/** Weekly cohorts by first active UTC week (Monday start), n-day counts per week index. */
export const COHORT_RETENTION_SQL = `
WITH user_weeks AS (
  SELECT DISTINCT user_id, day - (day + 3) % 7 AS week
  FROM (SELECT user_id, CAST(floor(ts / 86400000) AS INTEGER) AS day FROM events)
), firsts AS (
  SELECT user_id, min(week) AS cohort FROM user_weeks GROUP BY user_id
)
SELECT f.cohort AS cohort, (w.week - f.cohort) // 7 AS k, CAST(count(*) AS INTEGER) AS n
FROM user_weeks w JOIN firsts f USING (user_id)
WHERE w.week - f.cohort <= ${7 * PERIODS}
GROUP BY ALL
ORDER BY cohort, k`;

/** Cells by cohort week (first day number) and k; k = 0 is the cohort size. */
type Cells = Map<number, number[]>;



async function duckDbCohorts(data: DuckDbEvents): Promise<{ loadMs: number; queryMs: number; cells: Cells }> {
  const db = await openDuckDb(data.ids);
  try {
    const start = performance.now();
    await loadEvents(db.connection, data, 'chunks');
    const loaded = performance.now();
    const reader = await db.connection.runAndReadAll(COHORT_RETENTION_SQL);
    const columns = reader.getColumnsObjectJS();
    const done = performance.now();
    const cohort = (columns['cohort'] ?? []) as number[];
    const k = (columns['k'] ?? []) as number[];
    const n = (columns['n'] ?? []) as number[];
    const cells: Cells = new Map();
    for (let i = 0; i < cohort.length; i++) {
      const key = Number(cohort[i]);
      let row = cells.get(key);
      if (row === undefined) {
        row = new Array<number>(PERIODS + 1).fill(0);
        cells.set(key, row);
      }
      row[Number(k[i])] = Number(n[i]);
    }
    return { loadMs: loaded - start, queryMs: done - loaded, cells };
  } finally {
    closeDuckDb(db);
  }
}

function assertSameTable(label: string, ours: CohortRetentionResult, duck: Cells): void {
  // The last complete UTC day at asOf (inclusive): the day of asOf + 1 ms, minus one.
  const lastCompleteDay = Math.floor((Date.parse(ours.asOf as string) + 1) / MS_PER_DAY) - 1;
  const seen = new Set<number>();
  for (const row of ours.cohorts) {
    const week = Date.parse(`${row.cohort}T00:00:00Z`) / MS_PER_DAY;
    seen.add(week);
    const expected = duck.get(week) ?? new Array<number>(PERIODS + 1).fill(0);
    if (row.size !== expected[0]) throw new Error(`${label}: cohort ${row.cohort} has size ${row.size}, DuckDB says ${expected[0]}`);
    row.counts.forEach((count, k) => {
      const observed = week + 7 * k + 6 <= lastCompleteDay;
      if (!observed) {
        if (count !== null) throw new Error(`${label}: cohort ${row.cohort} week ${k} should be null at ${ours.asOf}, is ${count}`);
      } else if (count !== expected[k]) {
        throw new Error(`${label}: cohort ${row.cohort} week ${k} is ${count}, DuckDB says ${expected[k]}`);
      }
    });
  }
  for (const week of duck.keys()) if (!seen.has(week)) throw new Error(`${label}: DuckDB has a cohort on day ${week} that ours lacks`);
}

export const COHORT_RETENTION_HEADER = ['case', 'events', 'ms (median)', 'M events/s', 'peak RSS growth', 'ours ÷ DuckDB load+query', 'ours ÷ DuckDB query'];

function sizesFromEnv(): number[] {
  const given = process.env['BENCH_SIZES'];
  const sizes = (given === undefined || given.trim() === '' ? '1e6,1e7' : given).split(',').map((s) => Number(s.trim()));
  for (const size of sizes) if (!Number.isInteger(size) || size < 20) throw new Error(`BENCH_SIZES: not an event count: ${given}`);
  return sizes;
}

/** Runs every case for each size; returns the table rows and notes to print under it. */
export async function benchCohortRetention(): Promise<{ rows: string[][]; notes: string[] }> {
  const rows: string[][] = [];
  const notes: string[] = [];
  const fmtMs = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
  const fmtRate = (events: number, ms: number): string => (events / ms / 1000).toFixed(1);
  const fmtRatio = (a: number, b: number): string => (a / b).toFixed(2);
  const startLoad = loadavg()[0] ?? 0;
  for (const events of sizesFromEnv()) {
    const users = Math.floor(events / 20);
    const columns = generateColumns({ events, users });
    // Column cases first, before 10M row objects exist: a large live heap slows every
    // garbage collection, and the columns case should not pay for rows it never reads.
    const duck: Record<'integer' | 'varchar', { load: number; query: number; cells: Cells }> = {} as never;
    const measureDuck = async (data: DuckDbEvents): Promise<{ load: number; query: number; cells: Cells }> => {
      let run = await duckDbCohorts(data);
      const loads: number[] = [];
      const queries: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        collectGarbage();
        run = await duckDbCohorts(data);
        loads.push(run.loadMs);
        queries.push(run.queryMs);
      }
      return { load: median(loads), query: median(queries), cells: run.cells };
    };
    // Ours in fresh processes (bench/memory.ts), which generate the same seeded events.
    const columnsRun = await runInChild<CohortRetentionResult>('cohortRetention-columns', events, RUNS);
    const rowsRun = await runInChild<CohortRetentionResult>('cohortRetention-rows', events, RUNS);
    duck.integer = await measureDuck({ ids: 'integer', columns });
    assertSameTable('columns', columnsRun.value, duck.integer.cells);
    const rowInput = rowsFromColumns(columns);
    duck.varchar = await measureDuck({ ids: 'varchar', rows: rowInput });
    const fmt = new Intl.NumberFormat('en-US');
    assertSameTable('rows', rowsRun.value, duck.varchar.cells);
    assertSameTable('DuckDB INTEGER vs VARCHAR', columnsRun.value, duck.varchar.cells);
    const v = duck.varchar;
    const i = duck.integer;
    const rowsMemory = formatMb(rowsRun.bytes);
    const columnsMemory = formatMb(columnsRun.bytes);
    rows.push(
      ['cohortRetention, rows (string ids)', fmt.format(events), fmtMs(rowsRun.ms), fmtRate(events, rowsRun.ms), rowsMemory, fmtRatio(rowsRun.ms, v.load + v.query), fmtRatio(rowsRun.ms, v.query)],
      ['cohortRetention, columns (Int32 ids, Float64 ms)', fmt.format(events), fmtMs(columnsRun.ms), fmtRate(events, columnsRun.ms), columnsMemory, fmtRatio(columnsRun.ms, i.load + i.query), fmtRatio(columnsRun.ms, i.query)],
      ['DuckDB VARCHAR ids (rows): load, appender with data chunks', fmt.format(events), fmtMs(v.load), fmtRate(events, v.load), '—', '—', '—'],
      ['DuckDB VARCHAR ids (rows): query', fmt.format(events), fmtMs(v.query), fmtRate(events, v.query), '—', '—', '—'],
      ['DuckDB INTEGER ids (columns): load, appender with data chunks', fmt.format(events), fmtMs(i.load), fmtRate(events, i.load), '—', '—', '—'],
      ['DuckDB INTEGER ids (columns): query', fmt.format(events), fmtMs(i.query), fmtRate(events, i.query), '—', '—', '—'],
    );
    const result = columnsRun.value;
    notes.push(
      `${fmt.format(events)} events: ${fmt.format(users)} users, ${result.cohorts.length} weekly cohorts × ${PERIODS + 1} weekly intervals (asOf ${result.asOf}); ` +
        'every cohort size and observed cell of both cases equals DuckDB\'s (INTEGER and VARCHAR), and the null cells are exactly the weeks not over by asOf.',
    );
  }
  notes.push(
    `ours: median of ${RUNS} calls after a cold call, each case in a fresh process; DuckDB: median of ${RUNS} runs in fresh in-memory databases (threads=2) after a cold run. ` +
      'Ratios: rows against DuckDB VARCHAR ids, columns against DuckDB INTEGER ids; < 1 means ours is faster.',
  );
  notes.push('Peak RSS growth: one more call after a full GC, above the RSS before it (input in memory); a lower bound (bench/memory.ts).');
  notes.push(`${cpus().length} CPUs; 1-minute load average ${startLoad.toFixed(2)} at start, ${(loadavg()[0] ?? 0).toFixed(2)} at end.`);
  return { rows, notes };
}
