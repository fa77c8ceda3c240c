import { fail } from '../core/errors.js';
import { optionsOf } from '../core/options.js';
import type { Id } from '../core/read.js';
import { TOO_FEW_LICENSES } from '../engagement/internal/license-bands.js';
import { licenseWindow, readLicenseSettings } from '../engagement/internal/license-utilization-by-account-options.js';
import { licenseUtilizationResult } from '../engagement/internal/license-utilization-by-account-result.js';
import { LICENSE_FIELD_KEYS, type LicenseUtilizationByAccountResult } from '../engagement/types.js';
import { readChecks } from './internal/checks.js';
import { numberOf, rowsOf, textOrNull } from './internal/decode.js';
import { checksPart, checkUnionColumns, eventScan } from './internal/event-scan.js';
import { readLicenseRows } from './internal/license-accounts.js';
import { QueryValues, unionParts } from './internal/query-text.js';
import { readColumn, readSource } from './internal/source.js';
import { readFieldNames, readTableSource } from './internal/table-source.js';
import { SQL_SOURCE_OPTION_KEYS, type LicenseUtilizationByAccountSqlOptions, type SqlQuery } from './types.js';

const KEYS = [...SQL_SOURCE_OPTION_KEYS, 'userId', 'timestamp', 'accountId', 'licenses', 'licenseFields', 'timeZone', 'asOf', 'windowDays', 'thresholds'] as const;

/**
 * `licenseUtilizationByAccount` as one SQL query for DuckDB, PostgreSQL or ClickHouse,
 * with a decoder that turns the engine's rows into exactly the result
 * `licenseUtilizationByAccount` returns for the same events, licenses table and options
 * (proven by executing it in tests on all three engines).
 *
 * Definition: that of `licenseUtilizationByAccount` (an account's active users are the
 * distinct users with an event of that account on one of the `windowDays` local days
 * ending on the day of `asOf`; ratio = active users / licenses, banded by `thresholds`).
 * The licenses table is a second source, `licenses: { table }` or `{ subquery }`, its
 * columns named in `licenseFields` (`accountId`, `licenses`, default those names), as the
 * in-process `licenses` rows and `licenseFields` accessors.
 *
 * The engine does the scan: per account, the distinct users active in the window (the
 * window's first day is bound from `asOf` when it is given, else computed in the engine
 * from the latest event), the accounts with any event (an account whose events all come
 * after `asOf` is still listed as unlicensed, as in-process), and the licenses table's
 * rows as they are. The decoder checks the table (as `licenseUtilizationByAccount` checks
 * its rows), matches accounts by id (so the number `100` and the text `'100'` are two
 * accounts, as in-process, whatever the two columns' types), computes ratios and bands,
 * and sorts. The result rows are one per account with events and one per table row.
 *
 * Time: as in `licenseUtilizationByAccount`; `asOf` is read in JavaScript and bound as an
 * instant. Local days come from the engine's tz database.
 *
 * Errors: a table with a NULL (or empty text) account id, a NULL, negative or non-finite
 * count, or an account twice throws as in-process (`invalid-id`, `invalid-number`,
 * `duplicate-id`), naming the column; with several bad rows, the kind reported is the
 * first of that list (in-process names the first bad row, and the engine's rows have no
 * order).
 *
 * @param options The source (`dialect`, `table` or `subquery`, `timestampType`), the
 * event columns (`userId`, `timestamp`, `accountId`, default those names), `licenses` and
 * `licenseFields` (see above), and the options of `licenseUtilizationByAccount`.
 * @returns The query text, its parameters and `decode(rows)`.
 * @throws {MetricsInputError} for the option errors of `licenseUtilizationByAccount`, an
 * unknown dialect, a missing source or licenses table, or an empty column name; `decode`
 * throws for a bad licenses table (see above) and when the events had a row with a NULL
 * user id, account id or timestamp.
 *
 * @example
 * ```ts
 * import { licenseUtilizationByAccountSql } from 'customer-success-metrics/sql';
 * const query = licenseUtilizationByAccountSql({
 *   dialect: 'duckdb',
 *   table: 'events',
 *   licenses: { table: 'crm.seats' },
 *   licenseFields: { accountId: 'account_id', licenses: 'seats' },
 *   asOf: '2024-03-31',
 * });
 * query.sql.includes('FROM "crm"."seats"'); // => true
 * // Run it (e.g. DuckDB: (await connection.runAndReadAll(query.sql, query.params)).getRowObjectsJS()), then:
 * const result = query.decode([
 *   { part: 'checks', bad_uid: 0, bad_ms: 0, bad_acc: 0, uid_type: 'VARCHAR', acc_type: 'VARCHAR', latest: 1711843200000, first_day: 19813, last_day: 19813 },
 *   { part: 'lchecks', acc_type: 'VARCHAR' },
 *   { part: 'license', acc: 'acme', licenses: 4 },
 *   { part: 'seen', acc: 'acme' },
 *   { part: 'active', acc: 'acme', n: 3 },
 * ]);
 * result.accounts; // => [{ accountId: 'acme', activeUsers: 3, licenses: 4, ratio: 0.75, band: 'healthy' }]
 * [result.from, result.to, result.complete]; // => ['2024-03-02', '2024-03-31', true]
 * ```
 */
export function licenseUtilizationByAccountSql(options: LicenseUtilizationByAccountSqlOptions): SqlQuery<LicenseUtilizationByAccountResult> {
  const fn = 'licenseUtilizationByAccountSql';
  const opts = optionsOf(options, fn, KEYS);
  const source = readSource(fn, opts);
  const d = source.dialect;
  const columns = {
    user: readColumn(fn, d, opts.userId, 'userId', 'userId'),
    time: readColumn(fn, d, opts.timestamp, 'timestamp', 'timestamp'),
    extra: { acc: readColumn(fn, d, opts.accountId, 'accountId', 'accountId') },
  };
  const settings = readLicenseSettings(fn, opts);
  const { zone, windowDays } = settings;
  const givenAsOf = settings.asOf;
  const licenses = readTableSource(fn, d, opts.licenses, 'licenses', 'the licenses table, one row per account');
  const fields = readFieldNames(fn, opts.licenseFields, 'licenseFields', LICENSE_FIELD_KEYS);
  const licenseColumns = {
    accountId: readColumn(fn, d, fields.accountId, 'licenseFields.accountId', 'accountId'),
    licenses: readColumn(fn, d, fields.licenses, 'licenseFields.licenses', 'licenses'),
  };

  const values = new QueryValues(d);
  const scan = eventScan(source, values, columns, zone.timeZone, givenAsOf);
  const lic = `lic AS (SELECT ${licenseColumns.accountId} AS lacc, ${licenseColumns.licenses} AS lcount FROM ${licenses.from})`;
  // The window's first day: bound from asOf, or from the latest event's day in the engine.
  // (Subqueries with their own names: ClickHouse resolves a name in WHERE to a select alias
  // of the same name first, and the union gives every part a NULL `last_day`, `acc`, ...)
  const givenWindow = licenseWindow(settings, givenAsOf);
  const window =
    givenWindow === null
      ? `SELECT acc AS w_acc, uid AS w_uid FROM ev CROSS JOIN span WHERE day >= last_day - ${values.bind(windowDays - 1, 'integer')}`
      : `SELECT acc AS w_acc, uid AS w_uid FROM ev WHERE day >= ${values.bind(givenWindow.from, 'integer')}`;
  const seen = 'SELECT DISTINCT acc AS s_acc FROM raw WHERE uid IS NOT NULL AND ms IS NOT NULL AND acc IS NOT NULL';
  const parts = [
    checksPart(['acc']),
    { select: { part: "'lchecks'", acc_type: d.typeName('lacc') }, from: 'FROM lic' },
    { select: { part: "'license'", acc: 'lacc', licenses: 'lcount' }, from: 'FROM lic' },
    { select: { part: "'seen'", acc: 's_acc' }, from: `FROM (${seen}) AS seen` },
    { select: { part: "'active'", acc: 'w_acc', n: 'count(DISTINCT w_uid)' }, from: `FROM (${window}) AS w GROUP BY w_acc` },
  ];
  const resultColumns = [
    ['part', 'text'],
    ['acc', 'text'],
    ['n', 'integer'],
    ['licenses', 'double'],
    ...checkUnionColumns(['acc']),
  ] as const;
  const union = unionParts(d, resultColumns, parts);
  const names = {
    uid: ['userId', opts.userId ?? 'userId'],
    ms: ['timestamp', opts.timestamp ?? 'timestamp'],
    acc: ['accountId', opts.accountId ?? 'accountId'],
  } as const;
  const tableNames = { accountId: fields.accountId === undefined ? 'accountId' : String(fields.accountId), licenses: fields.licenses === undefined ? 'licenses' : String(fields.licenses) };
  return {
    dialect: d.name,
    sql: `WITH ${scan},\n${lic}\n${union}`,
    params: values.params(),
    decode(rows) {
      const list = rowsOf(fn, rows);
      // The licenses table first, as licenseUtilizationByAccount reads it before the events.
      const table = readLicenseRows(fn, list, tableNames);
      const facts = readChecks(fn, list, names);
      const readAccount = facts.extraId('acc');
      const seen: Id[] = list.filter((r) => r['part'] === 'seen').map((r) => readAccount(textOrNull(r, 'acc') ?? ''));
      const active = new Map<Id, number>(list.filter((r) => r['part'] === 'active').map((r) => [readAccount(textOrNull(r, 'acc') ?? ''), numberOf(fn, r, 'n')]));
      return licenseUtilizationResult(settings, givenAsOf ?? facts.latest, {
        accountIds: table.accountIds,
        counts: table.counts,
        licensed: table.has,
        seen,
        activeUsersOf: (accountId) => active.get(accountId) ?? 0,
        overflow: (_, count) => fail(fn, `licenses.${tableNames.licenses}`, 'invalid-number', TOO_FEW_LICENSES, count),
      });
    },
  };
}
