import { optionsOf } from '../core/options.js';
import { readChoice } from '../core/read.js';
import { fail } from '../core/errors.js';
import { mrrBridge, readBridgeOptions } from '../revenue/internal/mrr-bridge.js';
import { DUPLICATE_ADVICE, SnapshotLog, sortSnapshots } from '../revenue/internal/mrr-snapshots.js';
import { CurrencyCheck } from '../revenue/internal/revenue-currency.js';
import { monthOfAsOf, MONTH_PROBLEM } from '../revenue/internal/revenue-months.js';
import { monthKey } from '../core/calendar.js';
import type { DetailedMrrMovementsResult, MrrMovementsResult } from '../revenue/types.js';
import { idReader, numberOf, rowsOf, textOrNull } from './internal/decode.js';
import { unionParts, type UnionColumn } from './internal/query-text.js';
import { monthOfTextSql } from './internal/revenue-calendar.js';
import { failOnProblems, finiteNonNegative, readRevenueSource, rowsText, type ProblemCount } from './internal/revenue-source.js';
import { readColumn } from './internal/source.js';
import { SQL_SOURCE_OPTION_KEYS, type MrrMovementsSqlOptions, type SqlQuery } from './types.js';

const KEYS = [...SQL_SOURCE_OPTION_KEYS, 'accountId', 'month', 'mrr', 'currency', 'monthType', 'from', 'to', 'asOf', 'timeZone', 'perCustomer'] as const;

const COLUMNS: readonly UnionColumn[] = [
  ['part', 'text'],
  ['uid', 'text'],
  ['mon', 'integer'],
  ['mrr', 'double'],
  ['bad_uid', 'integer'],
  ['bad_month', 'integer'],
  ['bad_mrr', 'integer'],
  ['bad_cur', 'integer'],
  ['cur_count', 'integer'],
  ['cur_min', 'text'],
  ['cur_max', 'text'],
  ['uid_type', 'text'],
  ['dup_groups', 'integer'],
  ['dup_first', 'text'],
];

/**
 * `mrrMovements` as one SQL query for DuckDB, PostgreSQL or ClickHouse, over a table of
 * monthly snapshots (one row per account and month), with a decoder that turns the
 * engine's rows into exactly the result `mrrMovements` returns for the same snapshots and
 * options (proven by executing it in tests on all three engines). `churnRates`,
 * `expansionMrr`, `quickRatio` and `lifetimeValueInputs` take the decoded result as they
 * take `mrrMovements`'.
 *
 * Definition: that of `mrrMovements` (new, expansion, contraction, churned and
 * reactivation MRR per month, the baseline month, `asOf` and `complete`).
 *
 * Engine vs decoder: the engine reads and checks the snapshots (NULL or empty account ids,
 * months that are not `YYYY-MM`, MRR that is not a finite number >= 0, blank or mixed
 * currencies, a repeated account and month: counted, and the decoder throws
 * `mrrMovements`' error for them), turns months into month numbers, and returns the
 * snapshots, one row each (with `asOf` given, only those up to the last month that can be
 * reported: `to`, or the month of `asOf`). The decoder runs `mrrMovements`' own bridge on
 * them. Why not sum in the engine: `mrrMovements` adds amounts as compensated
 * sums, customer by customer in id order, with expansion and contraction as two terms each,
 * so its figures are exact for amounts in cents and identical to the last bit for any
 * amounts; an engine's `sum` of doubles rounds differently (0.1 + 0.2 + 0.3 is
 * 0.6000000000000001 there). Exactness needs the terms, and the terms are the snapshots.
 *
 * Cost: one scan of the table; the result is one row per snapshot (with `asOf`, up to the
 * last month that can be reported: later ones are checked, not returned) plus a row of
 * checks, and the decoder is O(n + C log C + M) like `mrrMovements`.
 *
 * Months: `monthType: 'text'` (default) reads `YYYY-MM` text, as `mrrMovements` does;
 * `'date'` reads a `DATE` as the month containing it. `asOf`, `from`, `to` and `timeZone`
 * are read in JavaScript exactly as `mrrMovements` reads them. Composition: `subquery` may
 * be `toMonthlySnapshotsSql(...)` itself (same dialect): its rows are snapshots with these
 * default column names, and its bound values come first in `params`.
 *
 * Edge cases: no snapshots gives `months: []` and a `null` `asOf`, as in-process. The
 * currency column is read only when named. Account ids come back as numbers when the
 * column is numeric, else as text.
 *
 * @param options The source (`dialect`, `table` or `subquery`), the columns (`accountId`,
 * `month`, `mrr`, `currency`), `monthType`, and the options of `mrrMovements` (`from`,
 * `to`, `asOf`, `timeZone`, `perCustomer`). `timestampType` does not apply.
 * @returns The query text, its parameters and `decode(rows)`.
 * @throws {MetricsInputError} for the option errors of `mrrMovements`, an unknown dialect,
 * a missing source, an empty column name or a bad `monthType`; `decode` throws
 * `mrrMovements`' errors for bad snapshots (`invalid-id`, `invalid-month`,
 * `invalid-number`, `invalid-currency`, `mixed-currency`, `duplicate-snapshot`), naming
 * the column and the number of rows rather than a snapshot's index.
 *
 * @example
 * ```ts
 * import { mrrMovementsSql } from 'customer-success-metrics/sql';
 * const query = mrrMovementsSql({ dialect: 'duckdb', table: 'mrr_snapshots', accountId: 'account_id', asOf: '2024-02-29' });
 * query.sql.includes('FROM "mrr_snapshots"'); // => true
 * // Run it (e.g. (await connection.runAndReadAll(query.sql, query.params)).getRowObjectsJS()), then:
 * const result = query.decode([
 *   { part: 'checks', bad_uid: 0, bad_month: 0, bad_mrr: 0, bad_cur: 0, cur_count: 0, uid_type: 'VARCHAR', dup_groups: 0 },
 *   { part: 'snap', uid: 'acme', mon: 24288, mrr: 100 },
 *   { part: 'snap', uid: 'acme', mon: 24289, mrr: 150 },
 *   { part: 'snap', uid: 'bolt', mon: 24289, mrr: 50 },
 * ]);
 * result.months.map((m) => [m.month, m.startingMrr, m.expansionMrr, m.newMrr, m.endingMrr]);
 * // => [['2024-01', 100, 0, 0, 100], ['2024-02', 100, 50, 50, 200]]
 * ```
 */
export function mrrMovementsSql(options: MrrMovementsSqlOptions & { readonly perCustomer: true }): SqlQuery<DetailedMrrMovementsResult>;
export function mrrMovementsSql(options: MrrMovementsSqlOptions): SqlQuery<MrrMovementsResult>;
export function mrrMovementsSql(options: MrrMovementsSqlOptions): SqlQuery<MrrMovementsResult | DetailedMrrMovementsResult> {
  const fn = 'mrrMovementsSql';
  const opts = optionsOf(options, fn, KEYS);
  const { source, values } = readRevenueSource(fn, opts);
  const d = source.dialect;
  const bridge = readBridgeOptions(opts, fn);
  const monthType = readChoice(opts.monthType, ['text', 'date'] as const, 'text', fn, 'options.monthType');
  const withCurrency = opts.currency !== undefined;
  const col = {
    uid: readColumn(fn, d, opts.accountId, 'accountId', 'accountId'),
    month: readColumn(fn, d, opts.month, 'month', 'month'),
    mrr: readColumn(fn, d, opts.mrr, 'mrr', 'mrr'),
    cur: withCurrency ? readColumn(fn, d, opts.currency, 'currency', '') : null,
  };
  // With asOf given, the last month that can be reported (`to`, the month of asOf): later
  // snapshots are checked but never counted, so they are not returned. Without asOf every
  // snapshot is returned, as the latest month makes the default asOf.
  const cut = bridge.asOf === null ? null : Math.min(bridge.to ?? Number.POSITIVE_INFINITY, monthOfAsOf(bridge.asOf, bridge.zone));

  const parsed = monthType === 'date' ? { valid: 'mt IS NOT NULL', month: d.monthOfDay(d.dayOfDate('mt')) } : monthOfTextSql(d, 'mt');
  const uidText = d.cast('uid', 'text');
  const idOk = `uid IS NOT NULL AND ${uidText} <> ''`;
  const curRaw = col.cur === null ? '' : `, ${d.cast(col.cur, 'text')} AS cur`;
  const curCarry = col.cur === null ? '' : ', cur';
  const ctes = [
    `raw AS (SELECT ${col.uid} AS uid, ${monthType === 'date' ? col.month : d.cast(col.month, 'text')} AS mt, ${d.cast(col.mrr, 'double')} AS mrr${curRaw} FROM ${source.from})`,
    `parsed AS (SELECT uid, ${parsed.valid} AS mok, ${parsed.month} AS mon, mrr${curCarry} FROM raw)`,
    `ok AS (SELECT uid, mon, mrr FROM parsed WHERE ${idOk} AND mok AND ${finiteNonNegative('mrr')})`,
    `dups AS (SELECT uid, mon FROM ok GROUP BY uid, mon HAVING count(*) > 1)`,
    // The first repeat, as one text (the month, six digits, then the id), so that dups is read once.
    `dupfacts AS (SELECT ${d.cast('count(*)', 'integer')} AS dup_groups, ${d.extreme('min', `lpad(${d.cast('mon', 'text')}, 6, '0') || ':' || ${uidText}`)} AS dup_first FROM dups)`,
    `checks AS (SELECT ${[
      `${d.typeName('uid')} AS uid_type`,
      `${d.countWhere(`NOT coalesce(${idOk}, FALSE)`)} AS bad_uid`,
      `${d.countWhere('NOT mok')} AS bad_month`,
      `${d.countWhere(`NOT ${finiteNonNegative('mrr')}`)} AS bad_mrr`,
      col.cur === null ? '0 AS bad_cur' : `${d.countWhere("trim(cur) = ''")} AS bad_cur`,
      col.cur === null ? '0 AS cur_count' : `${d.cast('count(DISTINCT cur)', 'integer')} AS cur_count`,
      `${col.cur === null ? d.nullOf('text') : d.extreme('min', 'cur')} AS cur_min`,
      `${col.cur === null ? d.nullOf('text') : d.extreme('max', 'cur')} AS cur_max`,
    ].join(', ')} FROM parsed)`,
  ];
  const factColumns = ['bad_uid', 'bad_month', 'bad_mrr', 'bad_cur', 'cur_count', 'cur_min', 'cur_max', 'uid_type', 'dup_groups', 'dup_first'];
  const snapWhere = cut === null ? '' : ` WHERE mon <= ${values.bind(cut, 'integer')}`;
  const union = unionParts(d, COLUMNS, [
    { select: { part: "'checks'", ...Object.fromEntries(factColumns.map((c) => [c, c])) }, from: 'FROM checks CROSS JOIN dupfacts' },
    { select: { part: "'snap'", uid: uidText, mon: 'mon', mrr: 'mrr' }, from: `FROM ok${snapWhere}` },
  ]);
  const monthColumn = opts.month ?? 'month';
  const problems: ProblemCount[] = [
    { column: 'bad_uid', path: `source.${opts.accountId ?? 'accountId'}`, code: 'invalid-id', problem: (n) => `is NULL or empty in ${rowsText(n)} of the source; every snapshot needs its account id` },
    {
      column: 'bad_month',
      path: `source.${monthColumn}`,
      code: 'invalid-month',
      problem: (n) => (monthType === 'date' ? `is NULL in ${rowsText(n)} of the source; every snapshot needs its month` : `${MONTH_PROBLEM}, but is not in ${rowsText(n)} of the source`),
    },
    { column: 'bad_mrr', path: `source.${opts.mrr ?? 'mrr'}`, code: 'invalid-number', problem: (n) => `must be a finite number >= 0, but is not in ${rowsText(n)} of the source` },
    { column: 'bad_cur', path: `source.${opts.currency ?? 'currency'}`, code: 'invalid-currency', problem: (n) => `is blank in ${rowsText(n)} of the source; use NULL when the currency is not stated` },
  ];
  return {
    dialect: d.name,
    sql: `WITH ${ctes.join(',\n')}\n${union}`,
    params: values.params(),
    decode(rows) {
      const list = rowsOf(fn, rows);
      const checks = list.find((row) => row['part'] === 'checks');
      if (checks === undefined) return fail(fn, 'rows', 'invalid-input', "has no 'checks' row; pass every row the query returned", list.length);
      failOnProblems(fn, checks, problems);
      const currencies = numberOf(fn, checks, 'cur_count');
      if (currencies > 1) {
        const [low, high] = [textOrNull(checks, 'cur_min'), textOrNull(checks, 'cur_max')];
        fail(fn, `source.${opts.currency ?? 'currency'}`, 'mixed-currency', `holds ${currencies} currencies (${JSON.stringify(low)} ... ${JSON.stringify(high)}); convert the amounts to one currency first`, high);
      }
      const duplicates = numberOf(fn, checks, 'dup_groups');
      if (duplicates > 0) {
        const first = textOrNull(checks, 'dup_first') ?? '';
        const month = Number(first.slice(0, 6));
        const id = idReader(textOrNull(checks, 'uid_type'))(first.slice(7));
        fail(fn, 'source', 'duplicate-snapshot', `repeats account ${JSON.stringify(id)} in ${monthKey(month)} (and ${duplicates} account-month${duplicates === 1 ? '' : 's'} in all repeat); ${DUPLICATE_ADVICE}`, { accountId: id, month: monthKey(month) });
      }
      const idOf = idReader(textOrNull(checks, 'uid_type'));
      const log = new SnapshotLog(list.length);
      for (const row of list) {
        if (row['part'] !== 'snap') continue;
        log.push(log.codes.code(idOf(textOrNull(row, 'uid') ?? '')), numberOf(fn, row, 'mon'), numberOf(fn, row, 'mrr'));
      }
      log.currency = new CurrencyCheck(currencies === 1 ? textOrNull(checks, 'cur_min') : null);
      return mrrBridge(fn, sortSnapshots(log), bridge, rows);
    },
  };
}
