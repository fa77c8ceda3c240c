/**
 * `npm run bench:smoke`: the quick benchmark smoke that CI runs (issue 8). It fails only
 * when a result disagrees with DuckDB, never on timing; timings are printed for information.
 *
 * Data: the benchmarks' seeded generator (bench/generate.ts), 1,000,000 events of 50,000
 * users over 2024, as four inputs holding the same events: rows with string ids
 * (`'u' + id`) time-ordered and shuffled, and columns (Int32Array ids, Float64Array epoch
 * ms) time-ordered and shuffled. DuckDB (in-memory, 2 threads) loads the time-ordered
 * columns once (INTEGER ids; the counts do not depend on how ids are spelled).
 *
 * For UTC and America/New_York, on each input, the built package (dist/) computes:
 * - `activeUsers(input, { timeZone })` (windows 7 and 30), against bench/duckdb.ts's
 *   ACTIVE_USERS_SQL (for New York through `inTimeZone`, DuckDB's ICU time zones): the
 *   range, and every day's date, dau, wau and mau, and dauMau / wauMau as dau / mau;
 * - `cohortRetention(input, weekly cohorts × 13 weekly intervals, n-day)`, against the
 *   benchmark's COHORT_RETENTION_SQL (bench/cohort-retention.ts): asOf (the latest event,
 *   inclusive) and its local day asOfDate, the cohort weeks, every cohort size, every
 *   observed cell and its rate, null cells exactly where the week has not ended by asOf
 *   (its last local day is after the last day complete at asOf), each row's `complete`
 *   (its cohort week has ended by asOf), and the mean row (sums over the observed cohorts).
 * - `activeUsersSql` (customer-success-metrics/sql, from dist/sql): its generated DuckDB query
 *   on the same loaded table (`timestampType: 'epoch-ms'`), decoded: every number against
 *   ACTIVE_USERS_SQL as above, and the whole result deep-equal to `activeUsers` on the columns.
 * When dist exports `activeUsersAccumulator` / `cohortRetentionAccumulator` /
 * `mrrMovementsAccumulator`, the events (rows shuffled in UTC, columns time-ordered in New
 * York) are cut into 3 uneven parts, each fed to its own accumulator, the states
 * round-tripped through JSON and merged (in another order, once as a state and once as an
 * accumulator); the merged result must deep-equal the one-shot result and agree with DuckDB.
 * MRR movements have no DuckDB baseline: the merged result of 3 parts of seeded monthly
 * snapshots must deep-equal `mrrMovements` on all of them.
 *
 * Output: a timing table, then `bench smoke: N checks agree with DuckDB` (exit 0), or the
 * first disagreements (exit 1). Any error also exits 1.
 */
import type { DuckDBValue } from '@duckdb/node-api';
import { isDeepStrictEqual } from 'node:util';
import type { ActiveUsersResult } from '../src/engagement/types.js';
import type { CohortRetentionResult } from '../src/retention/cohort-retention.js';
import { COHORT_RETENTION_SQL } from './cohort-retention.js';
import { ACTIVE_USERS_SQL, UTC_DAY_SQL, closeDuckDb, inTimeZone, loadEvents, localDaySql, openDuckDb, queryActiveUsers, type Series } from './duckdb.js';
import { generateColumns, rowsFromColumns, shuffleColumns, type Columns, type Row } from './generate.js';
import { activeUsers, cohortRetention, mrrMovements } from './lib.js';
import { seededRandom } from './random.js';
import { benchQuery, sqlModule } from './sql.js';
import { markdownTable } from './table.js';

const EVENTS = 1_000_000;
const USERS = 50_000;
const ZONES = ['UTC', 'America/New_York'] as const;
type Zone = (typeof ZONES)[number];
const WINDOWS = { wau: 7, mau: 30 } as const;
/** The cohort table of bench/cohort-retention.ts: COHORT_RETENTION_SQL keeps k <= 12 weeks. */
const PERIODS = 12;
const COHORT_OPTIONS = { cohort: 'week', interval: 'week', lastPeriod: PERIODS, mode: 'n-day' } as const;
const MS_PER_DAY = 86_400_000;
const MAX_REPORTED = 10;

type Input = Row[] | Columns;
const INPUT_NAMES = ['rows', 'rows, shuffled', 'columns', 'columns, shuffled'] as const;
type InputName = (typeof INPUT_NAMES)[number];

// ---------------------------------------------------------------------------------------
// Checking.

/** Counts compared values and keeps the first disagreements. */
class Checker {
  checks = 0;
  disagreements = 0;
  readonly first: string[] = [];

  /** One compared value: `actual` (ours) must be `expected` (from DuckDB). */
  equal(label: string, actual: unknown, expected: unknown): void {
    this.checks++;
    if (actual !== expected) this.disagree(`${label} is ${show(actual)}, DuckDB says ${show(expected)}`);
  }

  disagree(message: string): void {
    this.disagreements++;
    if (this.first.length < MAX_REPORTED) this.first.push(message);
  }
}

function show(value: unknown): string {
  return typeof value === 'string' ? `'${value}'` : String(value);
}

function dayKey(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

function ratio(a: number, b: number): number | null {
  return b === 0 ? null : a / b;
}

/** Every number of an activeUsers result against DuckDB's series. */
function checkActiveUsers(check: Checker, label: string, result: ActiveUsersResult, expected: Series, zone: Zone): void {
  const length = expected.dau.length;
  check.equal(`${label}: timeZone`, result.timeZone, zone);
  check.equal(`${label}: windows.wau`, result.windows.wau, WINDOWS.wau);
  check.equal(`${label}: windows.mau`, result.windows.mau, WINDOWS.mau);
  check.equal(`${label}: from`, result.from, dayKey(expected.firstDay));
  check.equal(`${label}: to`, result.to, dayKey(expected.firstDay + length - 1));
  check.equal(`${label}: number of days`, result.days.length, length);
  const count = Math.min(length, result.days.length);
  for (let d = 0; d < count; d++) {
    const day = result.days[d] as ActiveUsersResult['days'][number];
    const date = dayKey(expected.firstDay + d);
    const dau = expected.dau[d] as number;
    const wau = expected.wau[d] as number;
    const mau = expected.mau[d] as number;
    check.equal(`${label}: date of day ${d}`, day.date, date);
    check.equal(`${label}: dau on ${date}`, day.dau, dau);
    check.equal(`${label}: wau on ${date}`, day.wau, wau);
    check.equal(`${label}: mau on ${date}`, day.mau, mau);
    check.equal(`${label}: dauMau on ${date}`, day.dauMau, ratio(dau, mau));
    check.equal(`${label}: wauMau on ${date}`, day.wauMau, ratio(wau, mau));
  }
}

/** DuckDB's cohort table: cells by cohort week (its Monday's day number), k = 0 the size. */
interface CohortTable {
  readonly cells: Map<number, number[]>;
  /** The latest event (epoch ms) and its local day number: asOf. */
  readonly asOfMs: number;
  readonly asOfDay: number;
  /** The last local day that has ended by asOf: the day of asOf + 1 ms, minus 1. */
  readonly lastCompleteDay: number;
}

/** Every number of a cohortRetention result against DuckDB's table. */
function checkCohorts(check: Checker, label: string, result: CohortRetentionResult, expected: CohortTable, zone: Zone): void {
  check.equal(`${label}: timeZone`, result.timeZone, zone);
  check.equal(`${label}: lastPeriod`, result.lastPeriod, PERIODS);
  check.equal(`${label}: asOf (epoch ms)`, result.asOf === null ? null : Date.parse(result.asOf), expected.asOfMs);
  check.equal(`${label}: asOfDate`, result.asOfDate, dayKey(expected.asOfDay));
  check.equal(`${label}: withoutStart`, result.withoutStart, 0);
  const weeks = [...expected.cells.keys()].sort((a, b) => a - b);
  const firstWeek = weeks[0] as number;
  const lastWeek = weeks[weeks.length - 1] as number;
  // Every week from the first to the last cohort with a member, empty ones included.
  check.equal(`${label}: number of cohorts`, result.cohorts.length, (lastWeek - firstWeek) / 7 + 1);
  const meanCounts = new Array<number>(PERIODS + 1).fill(0);
  const meanSizes = new Array<number>(PERIODS + 1).fill(0);
  result.cohorts.forEach((row, i) => {
    const week = firstWeek + 7 * i;
    const cohort = dayKey(week);
    check.equal(`${label}: cohort ${i}`, row.cohort, cohort);
    const cells = expected.cells.get(week) ?? new Array<number>(PERIODS + 1).fill(0);
    const size = cells[0] as number;
    check.equal(`${label}: size of cohort ${cohort}`, row.size, size);
    check.equal(`${label}: number of cells of cohort ${cohort}`, row.counts.length, PERIODS + 1);
    check.equal(`${label}: complete of cohort ${cohort}`, row.complete, week + 6 <= expected.lastCompleteDay);
    for (let k = 0; k <= PERIODS; k++) {
      // Observed when week k of a user starting on the cohort's last day has ended by asOf.
      const observed = week + 7 * k + 6 <= expected.lastCompleteDay;
      const count = observed ? (cells[k] as number) : null;
      check.equal(`${label}: cohort ${cohort} week ${k}`, row.counts[k], count);
      check.equal(`${label}: rate of cohort ${cohort} week ${k}`, row.rates[k], count === null ? null : ratio(count, size));
      if (count !== null) {
        meanCounts[k] = (meanCounts[k] as number) + count;
        meanSizes[k] = (meanSizes[k] as number) + size;
      }
    }
  });
  for (let k = 0; k <= PERIODS; k++) {
    check.equal(`${label}: mean count of week ${k}`, result.mean.counts[k], meanCounts[k]);
    check.equal(`${label}: mean size of week ${k}`, result.mean.sizes[k], meanSizes[k]);
    check.equal(`${label}: mean rate of week ${k}`, result.mean.rates[k], ratio(meanCounts[k] as number, meanSizes[k] as number));
  }
}

/** The path and values of the first difference between two JSON-like values, or null. */
function firstDifference(actual: unknown, expected: unknown, path = 'result'): string | null {
  if (actual === expected) return null;
  if (typeof actual !== 'object' || typeof expected !== 'object' || actual === null || expected === null) {
    return `${path} is ${show(actual)}, expected ${show(expected)}`;
  }
  if (Array.isArray(actual) !== Array.isArray(expected)) return `${path}: array vs object`;
  const a = actual as Record<string, unknown>;
  const e = expected as Record<string, unknown>;
  if (Array.isArray(actual) && actual.length !== (expected as unknown[]).length) {
    return `${path}.length is ${actual.length}, expected ${(expected as unknown[]).length}`;
  }
  for (const key of new Set([...Object.keys(e), ...Object.keys(a)])) {
    const found = firstDifference(a[key], e[key], Array.isArray(actual) ? `${path}[${key}]` : `${path}.${key}`);
    if (found !== null) return found;
  }
  return null;
}

/** Number of leaf values in a JSON-like value (what a deep comparison compared). */
function leaves(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 1;
  let n = 0;
  for (const item of Object.values(value)) n += leaves(item);
  return n;
}

// ---------------------------------------------------------------------------------------
// DuckDB.

function daySql(zone: Zone): string {
  return zone === 'UTC' ? UTC_DAY_SQL : localDaySql(zone);
}

function zoned(sql: string, zone: Zone): string {
  return zone === 'UTC' ? sql : inTimeZone(sql, zone);
}

async function queryCohorts(connection: Awaited<ReturnType<typeof openDuckDb>>['connection'], zone: Zone): Promise<CohortTable> {
  const reader = await connection.runAndReadAll(zoned(COHORT_RETENTION_SQL, zone));
  const columns = reader.getColumnsObjectJS();
  const cohort = (columns['cohort'] ?? []) as unknown[];
  const k = (columns['k'] ?? []) as unknown[];
  const n = (columns['n'] ?? []) as unknown[];
  const cells = new Map<number, number[]>();
  for (let i = 0; i < cohort.length; i++) {
    const week = Number(cohort[i]);
    let row = cells.get(week);
    if (row === undefined) {
      row = new Array<number>(PERIODS + 1).fill(0);
      cells.set(week, row);
    }
    row[Number(k[i])] = Number(n[i]);
  }
  const last = (await connection.runAndReadAll(`SELECT max(ts) AS t, max(${daySql(zone)}) AS d FROM events`)).getRowObjectsJS()[0] ?? {};
  // The day of asOf + 1 ms, minus 1: asOf's own day only when asOf is that day's last ms.
  const next = (await connection.runAndReadAll(`SELECT ${daySql(zone)} - 1 AS d FROM (SELECT max(ts) + 1 AS ts FROM events)`)).getRowObjectsJS()[0] ?? {};
  return { cells, asOfMs: Number(last['t']), asOfDay: Number(last['d']), lastCompleteDay: Number(next['d']) };
}

// ---------------------------------------------------------------------------------------
// Accumulators (when dist exports them).

interface Accumulator {
  add(batch: unknown): Accumulator;
  merge(other: unknown): Accumulator;
  state(): unknown;
  result(): unknown;
}
type AccumulatorFactory = (options?: unknown, state?: unknown) => Accumulator;

const distPath = '../dist/index.js';
const dist = (await import(distPath)) as Record<string, unknown>;

function accumulatorFactory(name: string): AccumulatorFactory | null {
  const factory = dist[name];
  return typeof factory === 'function' ? (factory as AccumulatorFactory) : null;
}

/** Three uneven parts (20%, 35%, 45%) of rows or columns. */
function threeParts(input: Input | readonly unknown[]): unknown[] {
  const n = Array.isArray(input) ? input.length : (input as Columns).userId.length;
  const cuts = [0, Math.floor(n * 0.2), Math.floor(n * 0.55), n];
  const parts: unknown[] = [];
  for (let p = 0; p < 3; p++) {
    const start = cuts[p] as number;
    const end = cuts[p + 1] as number;
    if (Array.isArray(input)) parts.push(input.slice(start, end));
    else {
      const columns = input as Columns;
      parts.push({ userId: columns.userId.subarray(start, end), timestamp: columns.timestamp.subarray(start, end) });
    }
  }
  return parts;
}

/** Each part in its own accumulator, states through JSON, merged in another order. */
function accumulateInParts(factory: AccumulatorFactory, options: unknown, input: Input | readonly unknown[]): unknown {
  const states = threeParts(input).map((part) => JSON.parse(JSON.stringify(factory(options).add(part).state())) as unknown);
  return factory(options, states[2]).merge(states[0]).merge(factory(options, states[1])).result();
}

// ---------------------------------------------------------------------------------------
// MRR snapshots for mrrMovementsAccumulator (integer MRR, so every sum is exact).

interface Snapshot {
  readonly accountId: string;
  readonly month: string;
  readonly mrr: number;
}

function mrrSnapshots(customers: number, months: number): Snapshot[] {
  const random = seededRandom(20240602);
  const keys = Array.from({ length: months }, (_, m) => `${2022 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`);
  const snapshots: Snapshot[] = [];
  for (let c = 0; c < customers; c++) {
    const signup = Math.floor(random() * months);
    let mrr = [29, 99, 299, 999][Math.floor(random() * 4)] as number;
    let paying = true;
    for (let m = signup; m < months; m++) {
      if (m > signup) {
        const r = random();
        if (paying) {
          if (r < 0.04) paying = false;
          else if (r < 0.07) mrr = Math.round(mrr * 1.5);
          else if (r < 0.09) mrr = Math.max(1, Math.round(mrr * 0.7));
        } else if (r < 0.05) paying = true;
      }
      if (paying) snapshots.push({ accountId: `c${c}`, month: keys[m] as string, mrr });
    }
  }
  for (let i = snapshots.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [snapshots[i], snapshots[j]] = [snapshots[j] as Snapshot, snapshots[i] as Snapshot];
  }
  return snapshots;
}

// ---------------------------------------------------------------------------------------
// Main.

function timed<T>(run: () => T): { value: T; ms: number } {
  const start = performance.now();
  const value = run();
  return { value, ms: performance.now() - start };
}

const fmtMs = (ms: number): string => (ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
const fmt = new Intl.NumberFormat('en-US');

async function main(): Promise<number> {
  const check = new Checker();
  const notes: string[] = [];

  const generated = timed(() => {
    const columns = generateColumns({ events: EVENTS, users: USERS });
    const shuffled = shuffleColumns(columns);
    const inputs: Record<InputName, Input> = {
      rows: rowsFromColumns(columns),
      'rows, shuffled': rowsFromColumns(shuffled),
      columns,
      'columns, shuffled': shuffled,
    };
    return inputs;
  });
  const inputs = generated.value;

  // DuckDB: one load, then each query.
  const duck = { loadMs: 0, series: {} as Record<Zone, Series>, cohorts: {} as Record<Zone, CohortTable>, activeMs: {} as Record<Zone, number>, cohortMs: {} as Record<Zone, number> };
  // The generated warehouse query (activeUsersSql) on the same table, decoded.
  const sqlLib = await sqlModule();
  const warehouse = { results: {} as Record<Zone, ActiveUsersResult>, ms: {} as Record<Zone, number> };
  const db = await openDuckDb('integer');
  try {
    let start = performance.now();
    await loadEvents(db.connection, { ids: 'integer', columns: inputs.columns as Columns }, 'chunks');
    duck.loadMs = performance.now() - start;
    for (const zone of ZONES) {
      start = performance.now();
      duck.series[zone] = await queryActiveUsers(db.connection, zoned(ACTIVE_USERS_SQL, zone));
      duck.activeMs[zone] = performance.now() - start;
      start = performance.now();
      duck.cohorts[zone] = await queryCohorts(db.connection, zone);
      duck.cohortMs[zone] = performance.now() - start;
      const query = benchQuery(sqlLib, zone);
      start = performance.now();
      const rows = (await db.connection.runAndReadAll(query.sql, query.params as DuckDBValue[])).getRowObjectsJS();
      warehouse.results[zone] = query.decode(rows);
      warehouse.ms[zone] = performance.now() - start;
    }
  } finally {
    closeDuckDb(db);
  }

  // The library, on every input, in every zone.
  const table: string[][] = [];
  const oneShot = new Map<string, unknown>();
  for (const zone of ZONES) {
    const activeRow = [`activeUsers, ${zone}`];
    const cohortRow = [`cohortRetention, ${zone}`];
    for (const name of INPUT_NAMES) {
      const input = inputs[name];
      const active = timed(() => activeUsers(input, { timeZone: zone, windows: WINDOWS }));
      checkActiveUsers(check, `activeUsers, ${name}, ${zone}`, active.value, duck.series[zone], zone);
      oneShot.set(`activeUsers|${name}|${zone}`, active.value);
      activeRow.push(fmtMs(active.ms));
      const cohorts = timed(() => cohortRetention(input, { ...COHORT_OPTIONS, timeZone: zone }));
      checkCohorts(check, `cohortRetention, ${name}, ${zone}`, cohorts.value, duck.cohorts[zone], zone);
      oneShot.set(`cohortRetention|${name}|${zone}`, cohorts.value);
      cohortRow.push(fmtMs(cohorts.ms));
    }
    activeRow.push(fmtMs(duck.activeMs[zone]));
    cohortRow.push(fmtMs(duck.cohortMs[zone]));
    table.push(activeRow, cohortRow);
  }
  table.push(['DuckDB load (INTEGER ids, appender with data chunks)', '—', '—', '—', '—', fmtMs(duck.loadMs)]);

  // Accumulators: 3 parts, JSON states, merge; the same result as the one-shot call and DuckDB.
  let oneShotValues = 0;
  const compareOneShot = (label: string, merged: unknown, expected: unknown): void => {
    oneShotValues += leaves(expected);
    if (!isDeepStrictEqual(merged, expected)) check.disagree(`${label}: ${firstDifference(merged, expected) ?? 'differs from the one-shot result'}`);
  };
  for (const zone of ZONES) {
    const label = `activeUsersSql (generated DuckDB query), ${zone}`;
    checkActiveUsers(check, label, warehouse.results[zone], duck.series[zone], zone);
    compareOneShot(`${label} vs activeUsers on the columns`, warehouse.results[zone], oneShot.get(`activeUsers|columns|${zone}`));
    table.push([label, '—', '—', '—', '—', fmtMs(warehouse.ms[zone])]);
  }
  const cases: readonly [InputName, Zone][] = [
    ['rows, shuffled', 'UTC'],
    ['columns', 'America/New_York'],
  ];
  const activeFactory = accumulatorFactory('activeUsersAccumulator');
  const cohortFactory = accumulatorFactory('cohortRetentionAccumulator');
  const mrrFactory = accumulatorFactory('mrrMovementsAccumulator');
  for (const [factory, metric] of [
    [activeFactory, 'activeUsers'],
    [cohortFactory, 'cohortRetention'],
  ] as const) {
    if (factory === null) {
      notes.push(`${metric}Accumulator: not exported by dist, skipped.`);
      continue;
    }
    const row = [`${metric}Accumulator: 3 parts, JSON states, merge`, '—', '—', '—', '—', '—'];
    for (const [name, zone] of cases) {
      const label = `${metric}Accumulator, ${name} in 3 parts, ${zone}`;
      const options = metric === 'activeUsers' ? { timeZone: zone, windows: WINDOWS } : { ...COHORT_OPTIONS, timeZone: zone };
      const merged = timed(() => accumulateInParts(factory, options, inputs[name]));
      if (metric === 'activeUsers') checkActiveUsers(check, label, merged.value as ActiveUsersResult, duck.series[zone], zone);
      else checkCohorts(check, label, merged.value as CohortRetentionResult, duck.cohorts[zone], zone);
      compareOneShot(`${label} vs the one-shot ${metric}`, merged.value, oneShot.get(`${metric}|${name}|${zone}`));
      row[INPUT_NAMES.indexOf(name) + 1] = `${fmtMs(merged.ms)} (${zone === 'UTC' ? 'UTC' : 'NY'})`;
    }
    table.push(row);
  }
  if (mrrFactory === null) notes.push('mrrMovementsAccumulator: not exported by dist, skipped.');
  else {
    const snapshots = mrrSnapshots(20_000, 36);
    const options = { perCustomer: true };
    const whole = timed(() => mrrMovements(snapshots, options));
    const merged = timed(() => accumulateInParts(mrrFactory, options, snapshots));
    compareOneShot('mrrMovementsAccumulator, 3 parts vs the one-shot mrrMovements', merged.value, whole.value);
    notes.push(
      `mrrMovements (perCustomer) on ${fmt.format(snapshots.length)} shuffled snapshots: ${fmtMs(whole.ms)} ms one-shot, ` +
        `${fmtMs(merged.ms)} ms in 3 accumulators with JSON states and merge (no DuckDB baseline; compared with the one-shot result).`,
    );
  }

  console.log(`bench smoke: ${fmt.format(EVENTS)} seeded events of ${fmt.format(USERS)} users (generated in ${fmtMs(generated.ms)} ms), built package in dist/, DuckDB in-memory with 2 threads\n`);
  console.log(markdownTable(['ms (one cold call; information only)', 'rows', 'rows, shuffled', 'columns', 'columns, shuffled', 'DuckDB query'], table));
  console.log();
  for (const note of notes) console.log(note);
  if (oneShotValues > 0) console.log(`Accumulators: merged results compared with the one-shot results (${fmt.format(oneShotValues)} values).`);
  console.log(`Whole run: ${(performance.now() / 1000).toFixed(1)} s.`);
  if (check.disagreements > 0) {
    const plural = check.disagreements === 1 ? '' : 's';
    console.log(`\nbench smoke: ${fmt.format(check.disagreements)} disagreement${plural} (${fmt.format(check.checks)} values compared with DuckDB); the first ${check.first.length}:`);
    for (const message of check.first) console.log(`  ${message}`);
    return 1;
  }
  console.log(`bench smoke: ${fmt.format(check.checks)} checks agree with DuckDB`);
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  console.error(`bench smoke failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
}
