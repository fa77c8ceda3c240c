import { fail } from '../core/errors.js';
import { compareIds } from '../core/id-order.js';
import { optionsOf } from '../core/options.js';
import { readChoice, type Id } from '../core/read.js';
import { zoneCalendar } from '../core/time-zone.js';
import { readMonthOption } from '../revenue/internal/revenue-months.js';
import type { MonthlyMrrRule, MrrSnapshot } from '../revenue/types.js';
import { numberOf, numberOrNull, rowsOf, textOrNull } from './internal/decode.js';
import type { Dialect } from './internal/dialect.js';
import { firstDayOfMonthSql, monthTextSql, sqlZone, type SqlZone } from './internal/revenue-calendar.js';
import { failOnProblems, finite, finiteNonNegative, readRevenueSource, rowsText, type ProblemCount } from './internal/revenue-source.js';
import { readColumn } from './internal/source.js';
import { SQL_SOURCE_OPTION_KEYS, type SqlQuery, type SqlRow, type ToMonthlySnapshotsSqlOptions } from './types.js';

const KEYS = [...SQL_SOURCE_OPTION_KEYS, 'accountId', 'start', 'end', 'amount', 'interval', 'quantity', 'discount', 'currency', 'rule', 'through', 'timeZone'] as const;
const RULES: readonly MonthlyMrrRule[] = ['month-end', 'month-start', 'prorated'];

/** The problem columns of the result, in the order `toMonthlySnapshots` checks a record's fields. */
const PROBLEM_COLUMNS = ['bad_uid', 'bad_start', 'bad_period', 'bad_amount', 'bad_interval', 'bad_quantity', 'bad_discount', 'bad_currency', 'currencies', 'bad_overflow'] as const;

/**
 * `toMonthlySnapshots` as one SQL query for DuckDB, PostgreSQL or ClickHouse: the monthly
 * MRR of each account from a table of subscription periods. Its rows ARE the snapshots
 * (`accountId`, `month` as `YYYY-MM` text, `mrr`), so the query serves both ways: decoded,
 * it gives exactly the array `toMonthlySnapshots` returns for the same subscriptions and
 * options (proven by executing it in tests on all three engines); passed as the `subquery`
 * of `mrrMovementsSql` (the query object itself, so its parameters come along), the
 * warehouse goes from subscriptions to the MRR bridge in one query.
 *
 * Definition: that of `toMonthlySnapshots` (MRR `amount × quantity × (1 − discount) /
 * months of the interval`; months by `rule`: `'month-end'`, `'month-start'` or `'prorated'`
 * by local days; open subscriptions run through `through`; months with MRR 0 left out).
 *
 * Engine vs decoder: the engine does it all. It checks the subscriptions, computes each
 * one's MRR with the same floating-point operations in the same order as JavaScript,
 * its first and last month (and for `'prorated'` its share of the first and last month,
 * from the engine's local days, with the same operations as `toMonthlySnapshots`), expands
 * it into its months, and adds each account's months as `toMonthlySnapshots` does: a
 * compensated (Kahan–Babuška–Neumaier) sum, run by a recursive query over the terms of the
 * account-months that have several, so the MRR is the same double as in-process, not an
 * engine `sum` (which would give 0.6000000000000001 for 0.1 + 0.2 + 0.3). The terms of an
 * account-month are added in order of size, where `toMonthlySnapshots` adds them in input
 * order: a compensated sum of a few terms practically never depends on the order (no
 * difference in 2,000,000 random trials of 3 to 6 amounts in cents), but it is not a
 * theorem beyond two terms. The decoder reads the rows back and orders them as
 * `toMonthlySnapshots` does (by month, then account id: numbers first, strings by code
 * units). The account id keeps its column's type (so `mrrMovementsSql` reads it back as
 * such).
 *
 * Problems: when a subscription is bad (a NULL or empty account id, a NULL start, an end
 * before the start, an amount or quantity that is not a finite number >= 0, a discount
 * outside [0, 1], an interval other than `'month'`, `'quarter'` or `'year'`, a blank or
 * second currency, an MRR beyond the largest double), the query adds one row with NULL
 * `accountId`, `month` and `mrr` and the counts, and `decode` throws `toMonthlySnapshots`'
 * error for the first kind in field order (naming the column and the number of rows,
 * not an index). Composed into `mrrMovementsSql`, that row makes its decoder throw
 * `invalid-id` (a NULL account id): decode this query alone to see which problem it is.
 * PostgreSQL stops the query itself on an MRR beyond the largest double.
 *
 * Cost: one scan of the subscriptions, plus one row per subscription and month it counts
 * in; the recursion runs as many rounds as the most subscriptions of one account in one
 * month. The result is one row per snapshot.
 *
 * Time: `through` and `timeZone` are read in JavaScript as `toMonthlySnapshots` reads them;
 * the start and end columns are instants as `timestampType` says. Local days come from the
 * engine's tz database (a zone whose clocks skip midnight may place a prorated day's start
 * differently).
 *
 * @param options The source (`dialect`, `table` or `subquery`, `timestampType`), the
 * columns (`accountId`, `start`, `end`, `amount`, `interval`; `quantity`, `discount` and
 * `currency` only when named) and the options of `toMonthlySnapshots` (`rule`, `through`,
 * `timeZone`).
 * @returns The query text, its parameters and `decode(rows)`.
 * @throws {MetricsInputError} for the option errors of `toMonthlySnapshots`, an unknown
 * dialect, a missing source or an empty column name; `decode` throws
 * `toMonthlySnapshots`' errors (`invalid-id`, `invalid-timestamp`, `invalid-period`,
 * `invalid-number`, `invalid-interval`, `invalid-currency`, `mixed-currency`, `overflow`).
 *
 * @example
 * ```ts
 * import { mrrMovementsSql, toMonthlySnapshotsSql } from 'customer-success-metrics/sql';
 * const snapshots = toMonthlySnapshotsSql({ dialect: 'postgres', table: 'subscriptions', rule: 'prorated', timeZone: 'Europe/Berlin' });
 * snapshots.params; // => ['Europe/Berlin']
 * snapshots.decode([
 *   { accountId: 'bolt', month: '2024-02', mrr: 27 },
 *   { accountId: 'acme', month: '2024-02', mrr: 160 },
 *   { accountId: 'acme', month: '2024-01', mrr: 100 },
 * ]).map((s) => `${s.month} ${s.accountId} ${s.mrr}`);
 * // => ['2024-01 acme 100', '2024-02 acme 160', '2024-02 bolt 27']
 * // The query as the source of the MRR bridge: its parameters come first.
 * const bridge = mrrMovementsSql({ dialect: 'postgres', subquery: snapshots, asOf: '2024-06-30' });
 * bridge.params.length > snapshots.params.length; // => true
 * ```
 */
export function toMonthlySnapshotsSql(options: ToMonthlySnapshotsSqlOptions): SqlQuery<MrrSnapshot[]> {
  const fn = 'toMonthlySnapshotsSql';
  const opts = optionsOf(options, fn, KEYS);
  const { source, values } = readRevenueSource(fn, opts);
  const d = source.dialect;
  const zone = zoneCalendar(opts.timeZone ?? 'UTC', fn);
  const rule = readChoice(opts.rule, RULES, 'month-end', fn, 'options.rule');
  const through = readMonthOption(opts.through, fn, 'options.through', zone);
  const col = {
    uid: readColumn(fn, d, opts.accountId, 'accountId', 'accountId'),
    start: readColumn(fn, d, opts.start, 'start', 'start'),
    end: readColumn(fn, d, opts.end, 'end', 'end'),
    amount: readColumn(fn, d, opts.amount, 'amount', 'amount'),
    interval: readColumn(fn, d, opts.interval, 'interval', 'interval'),
    quantity: opts.quantity === undefined ? null : readColumn(fn, d, opts.quantity, 'quantity', ''),
    discount: opts.discount === undefined ? null : readColumn(fn, d, opts.discount, 'discount', ''),
    currency: opts.currency === undefined ? null : readColumn(fn, d, opts.currency, 'currency', ''),
  };
  const cal = sqlZone(d, values, zone.timeZone);
  const one = d.cast('1', 'double');
  const zero = d.cast('0', 'double');

  const rawList = [
    `${col.uid} AS uid`,
    `${d.epochMs(col.start, source.timestampType)} AS s_ms`,
    `${d.epochMs(col.end, source.timestampType)} AS e_ms`,
    `${d.cast(col.amount, 'double')} AS amt`,
    `${d.cast(col.interval, 'text')} AS intv`,
    ...(col.quantity === null ? [] : [`${d.cast(col.quantity, 'double')} AS qty`]),
    ...(col.discount === null ? [] : [`${d.cast(col.discount, 'double')} AS disc`]),
    ...(col.currency === null ? [] : [`${d.cast(col.currency, 'text')} AS cur`]),
  ];
  const valid = {
    uid: `coalesce(uid IS NOT NULL AND ${d.cast('uid', 'text')} <> '', FALSE)`,
    start: 's_ms IS NOT NULL',
    period: 'NOT coalesce(e_ms < s_ms, FALSE)',
    amount: finiteNonNegative('amt'),
    interval: `coalesce(intv IN ('month', 'quarter', 'year'), FALSE)`,
    quantity: col.quantity === null ? 'TRUE' : `(qty IS NULL OR ${finiteNonNegative('qty')})`,
    discount: col.discount === null ? 'TRUE' : '(disc IS NULL OR coalesce(disc >= 0 AND disc <= 1, FALSE))',
  };
  // amount × quantity × (1 − discount) / months, left to right as in JavaScript.
  const quantity = col.quantity === null ? one : `coalesce(qty, ${one})`;
  const discount = col.discount === null ? zero : `coalesce(disc, ${zero})`;
  const months = d.cast("CASE intv WHEN 'month' THEN 1 WHEN 'quarter' THEN 3 ELSE 12 END", 'double');
  const mrr = `((amt * ${quantity}) * (${one} - ${discount})) / ${months}`;
  const T = through === null ? 'latest' : values.bind(through, 'integer');
  const limJoin = through === null ? ' CROSS JOIN lim' : '';
  const lastOf = (afterLast: string): string => `CASE WHEN e_ms IS NULL THEN ${T} ELSE least(${T}, ${afterLast} - 1) END`;

  const ctes = [
    `raw AS (SELECT ${rawList.join(', ')} FROM ${source.from})`,
    `checks AS (SELECT ${[
      `${d.countWhere(`NOT ${valid.uid}`)} AS bad_uid`,
      `${d.countWhere(`NOT ${valid.start}`)} AS bad_start`,
      `${d.countWhere(`NOT ${valid.period}`)} AS bad_period`,
      `${d.countWhere(`NOT ${valid.amount}`)} AS bad_amount`,
      `${d.countWhere(`NOT ${valid.interval}`)} AS bad_interval`,
      `${d.countWhere(`NOT ${valid.quantity}`)} AS bad_quantity`,
      `${d.countWhere(`NOT ${valid.discount}`)} AS bad_discount`,
      col.currency === null ? '0 AS bad_currency' : `${d.countWhere("trim(cur) = ''")} AS bad_currency`,
      col.currency === null ? '0 AS currencies' : `${d.cast('count(DISTINCT cur)', 'integer')} AS currencies`,
      `${col.currency === null ? d.nullOf('text') : d.extreme('min', 'cur')} AS cur_min`,
      `${col.currency === null ? d.nullOf('text') : d.extreme('max', 'cur')} AS cur_max`,
    ].join(', ')} FROM raw)`,
    `sub AS (SELECT uid, s_ms, e_ms, ${mrr} AS mrr FROM raw WHERE ${Object.values(valid).join(' AND ')})`,
    `days AS (SELECT uid, s_ms, e_ms, mrr, ${cal.day('s_ms')} AS sd, ${cal.day('s_ms - 1')} AS sd1, ${cal.day('e_ms')} AS ed, ${cal.day('e_ms - 1')} AS ed1 FROM sub)`,
    // sm, em: months of the start and end; cs, ce: the first months starting at or after them (the month of the instant 1 ms before, plus one).
    `mon AS (SELECT uid, s_ms, e_ms, mrr, sd, ed, ${d.monthOfDay('sd')} AS sm, ${d.monthOfDay('sd1')} + 1 AS cs, ${d.monthOfDay('ed')} AS em, ${d.monthOfDay('ed1')} + 1 AS ce FROM days)`,
    `subfacts AS (SELECT ${d.countWhere(`NOT ${finite('mrr')}`)} AS bad_overflow, ${d.extreme('max', 'greatest(sm, coalesce(ce - 1, sm))')} AS latest FROM mon)`,
    ...(through === null ? ['lim AS (SELECT latest FROM subfacts)'] : []),
    ...spanCtes(d, cal, rule, lastOf, limJoin),
    `cells AS (SELECT uid, lo, hi, mrr, head, tail, ${d.series('lo', 'hi')} AS m FROM spans WHERE mrr > 0 AND hi >= lo)`,
    `terms AS (SELECT uid, m, CASE WHEN m = lo THEN head WHEN m = hi THEN tail ELSE mrr END AS x FROM cells)`,
    `numbered AS (SELECT uid, m, x, ${d.cast('row_number() OVER (PARTITION BY uid, m ORDER BY x)', 'integer')} AS k, ${d.cast('count(*) OVER (PARTITION BY uid, m)', 'integer')} AS n FROM terms WHERE x > 0)`,
    `multi AS (SELECT uid, m, x, k FROM numbered WHERE n > 1)`,
    // The compensated sum of toMonthlySnapshots, term by term: s the running sum, c the compensation.
    `acc AS (SELECT uid, m, k, n, ${d.cast('x', 'double')} AS s, ${zero} AS c FROM numbered WHERE k = 1 UNION ALL SELECT a.uid, a.m, t.k, a.n, ${d.cast('a.s + t.x', 'double')}, ${d.cast(
      'CASE WHEN abs(a.s) >= abs(t.x) THEN a.c + ((a.s - (a.s + t.x)) + t.x) ELSE a.c + ((t.x - (a.s + t.x)) + a.s) END',
      'double',
    )} FROM acc AS a JOIN multi AS t ON t.uid = a.uid AND t.m = a.m AND t.k = a.k + 1)`,
  ];
  const ident = (name: string): string => d.ident(name);
  const snapshotPart = [
    `uid AS ${ident('accountId')}`,
    `${monthTextSql(d, 'm')} AS ${ident('month')}`,
    `${d.cast('s + c', 'double')} AS ${ident('mrr')}`,
    ...PROBLEM_COLUMNS.map((c) => `${d.nullOf('integer')} AS ${c}`),
    `${d.nullOf('text')} AS cur_min`,
    `${d.nullOf('text')} AS cur_max`,
  ];
  const problemPart = ['NULL', 'NULL', 'NULL', ...PROBLEM_COLUMNS.map((c) => d.cast(c, 'integer')), d.cast('cur_min', 'text'), d.cast('cur_max', 'text')];
  const anyProblem = [...PROBLEM_COLUMNS.filter((c) => c !== 'currencies'), 'currencies - 1'].map((c) => `${c} > 0`).join(' OR ');
  const sql = [
    `WITH RECURSIVE ${ctes.join(',\n')}`,
    `SELECT ${snapshotPart.join(', ')} FROM acc WHERE k = n`,
    'UNION ALL',
    `SELECT ${problemPart.join(', ')} FROM checks CROSS JOIN subfacts WHERE ${anyProblem}`,
  ].join('\n');

  const problems: ProblemCount[] = [
    problem('bad_uid', opts.accountId ?? 'accountId', 'invalid-id', (n) => `is NULL or empty in ${rowsText(n)} of the source; every subscription needs its account id`),
    problem('bad_start', opts.start ?? 'start', 'invalid-timestamp', (n) => `is NULL in ${rowsText(n)} of the source; every subscription needs its start`),
    problem('bad_period', opts.end ?? 'end', 'invalid-period', (n) => `must not be before start, but is in ${rowsText(n)} of the source`),
    problem('bad_amount', opts.amount ?? 'amount', 'invalid-number', (n) => `must be a finite number >= 0, but is not in ${rowsText(n)} of the source`),
    problem('bad_interval', opts.interval ?? 'interval', 'invalid-interval', (n) => `must be 'month', 'quarter' or 'year', but is not in ${rowsText(n)} of the source`),
    problem('bad_quantity', opts.quantity ?? 'quantity', 'invalid-number', (n) => `must be a finite number >= 0 or NULL, but is not in ${rowsText(n)} of the source`),
    problem('bad_discount', opts.discount ?? 'discount', 'invalid-number', (n) => `must be a fraction from 0 to 1 or NULL, but is not in ${rowsText(n)} of the source`),
    problem('bad_currency', opts.currency ?? 'currency', 'invalid-currency', (n) => `is blank in ${rowsText(n)} of the source; use NULL when the currency is not stated`),
  ];
  return {
    dialect: d.name,
    sql,
    params: values.params(),
    decode(rows) {
      const list = rowsOf(fn, rows);
      const bad = list.find((row) => numberOrNull(fn, row, 'bad_uid') !== null);
      if (bad !== undefined) failOnRow(fn, bad, problems, opts.currency ?? 'currency', opts.amount ?? 'amount');
      const snapshots = list.map((row): MrrSnapshot => ({ accountId: idOf(fn, row), month: textOrNull(row, 'month') ?? '', mrr: numberOf(fn, row, 'mrr') }));
      for (const s of snapshots) {
        if (!Number.isFinite(s.mrr)) fail(fn, 'subscriptions', 'overflow', 'sum to a monthly MRR above the largest finite number', s.mrr);
      }
      return snapshots.sort((a, b) => (a.month < b.month ? -1 : a.month > b.month ? 1 : compareIds(a.accountId, b.accountId)));
    },
  };
}

/**
 * The CTEs from `mon` to `spans` (uid, mrr, lo, hi, head, tail): each subscription's first
 * and last month, and its MRR in them (the full MRR but for `'prorated'`).
 */
function spanCtes(d: Dialect, cal: SqlZone, rule: MonthlyMrrRule, lastOf: (afterLast: string) => string, limJoin: string): string[] {
  if (rule === 'month-end') return [`spans AS (SELECT uid, mrr, sm AS lo, ${lastOf('em')} AS hi, mrr AS head, mrr AS tail FROM mon${limJoin})`];
  if (rule === 'month-start') return [`spans AS (SELECT uid, mrr, cs AS lo, ${lastOf('ce')} AS hi, mrr AS head, mrr AS tail FROM mon${limJoin})`];
  const S = (day: string): string => cal.start(day);
  // Local days from instant a (day da) to instant b (day db), as ZoneMonths.daysBetween counts them.
  const daysBetween = (a: string, da: string, b: string, db: string): string =>
    `CASE WHEN ${da} = ${db} THEN (${b} - ${a}) / (${S(`${da} + 1`)} - ${S(da)}) ELSE ${d.cast(`${db} - ${da} - 1`, 'double')} + (${S(`${da} + 1`)} - ${a}) / (${S(`${da} + 1`)} - ${S(da)}) + CASE WHEN ${b} = ${S(db)} THEN 0 ELSE (${b} - ${S(db)}) / (${S(`${db} + 1`)} - ${S(db)}) END END`;
  // MRR × the share of a month (days in it: dim) active (act), as proratedMrr computes it.
  const prorated = (act: string, dim: string): string => `CASE WHEN ${act} = ${dim} THEN mrr WHEN ${act} > 0 THEN (mrr * ${act}) / ${dim} ELSE 0 END`;
  const closedInStartMonth = 'e_ms IS NOT NULL AND sm = em';
  return [
    `span0 AS (SELECT uid, mrr, s_ms, e_ms, sd, ed, sm, em, sm AS lo, ${lastOf('ce')} AS hi, ${firstDayOfMonthSql(d, 'sm')} AS f0, ${firstDayOfMonthSql(d, 'sm + 1')} AS f1, ${firstDayOfMonthSql(d, 'em')} AS fe, ${firstDayOfMonthSql(d, 'em + 1')} AS fe1 FROM mon${limJoin})`,
    // The head runs from the start to the end (both in the start's month) or to the next month; the tail from the end's month start to the end.
    `span1 AS (SELECT uid, mrr, lo, hi, em, s_ms, e_ms, sd, ed, fe, ${d.cast('f1 - f0', 'double')} AS hdim, ${d.cast('fe1 - fe', 'double')} AS tdim, CASE WHEN ${closedInStartMonth} THEN e_ms ELSE ${S('f1')} END AS hb, CASE WHEN ${closedInStartMonth} THEN ed ELSE f1 END AS hbd, ${S('fe')} AS ta FROM span0)`,
    `span2 AS (SELECT uid, mrr, lo, hi, em, e_ms, hdim, tdim, ${daysBetween('s_ms', 'sd', 'hb', 'hbd')} AS hact, CASE WHEN e_ms IS NOT NULL AND hi = em AND hi > lo THEN ${daysBetween('ta', 'fe', 'e_ms', 'ed')} END AS tact FROM span1)`,
    `spans AS (SELECT uid, mrr, lo, hi, ${d.cast(prorated('hact', 'hdim'), 'double')} AS head, ${d.cast(`CASE WHEN tact IS NULL THEN mrr ELSE ${prorated('tact', 'tdim')} END`, 'double')} AS tail FROM span2)`,
  ];
}

function problem(column: string, name: string, code: string, text: (count: number) => string): ProblemCount {
  return { column, path: `source.${name}`, code, problem: text };
}

/** Throws for the problem row: the first problem in field order, then a second currency, then an overflow. */
function failOnRow(fn: string, row: SqlRow, problems: readonly ProblemCount[], currency: string, amount: string): never {
  failOnProblems(fn, row, problems);
  const currencies = numberOrNull(fn, row, 'currencies') ?? 0;
  if (currencies > 1) {
    const [low, high] = [textOrNull(row, 'cur_min'), textOrNull(row, 'cur_max')];
    fail(fn, `source.${currency}`, 'mixed-currency', `holds ${currencies} currencies (${JSON.stringify(low)} ... ${JSON.stringify(high)}); convert the amounts to one currency first`, high);
  }
  const overflows = numberOrNull(fn, row, 'bad_overflow') ?? 0;
  return fail(fn, `source.${amount}`, 'overflow', `times the quantity exceeds the largest finite number in ${rowsText(overflows)} of the source`, overflows);
}

/** The account id as the engine returned it: a number (or bigint) for a numeric column, else its text. */
function idOf(fn: string, row: SqlRow): Id {
  const value = row['accountId'];
  if (typeof value === 'number' || typeof value === 'bigint') return Number(value);
  if (typeof value === 'string') return value;
  return fail(fn, 'rows.accountId', 'invalid-record', 'is missing; pass the rows the query returned', value);
}
