import { optionsOf } from '../core/options.js';
import { readChoice } from '../core/read.js';
import { readEvaluationSettings } from '../engagement/internal/engaged-evaluation-options.js';
import { evaluationResult } from '../engagement/internal/engaged-evaluation-result.js';
import { TRIAL_FIELD_KEYS, type EngagedEvaluationResult } from '../engagement/types.js';
import { readChecks } from './internal/checks.js';
import { idReader, rowsOf, textOrNull } from './internal/decode.js';
import { latestStart, readTrialRows, type TrialTable } from './internal/evaluation-trials.js';
import { checksPart, checkUnionColumns, eventScan, localDay } from './internal/event-scan.js';
import { QueryValues, unionParts } from './internal/query-text.js';
import { readColumn, readSource } from './internal/source.js';
import { readFieldNames, readTableSource } from './internal/table-source.js';
import { SQL_SOURCE_OPTION_KEYS, type EngagedEvaluationSqlOptions, type SqlQuery } from './types.js';

const KEYS = [
  ...SQL_SOURCE_OPTION_KEYS,
  'accountId',
  'timestamp',
  'trials',
  'trialFields',
  'minActiveDays',
  'windowDays',
  'asOf',
  'timeZone',
  'confidence',
  'benchmarks',
] as const;

/**
 * `engagedEvaluation` as one SQL query for DuckDB, PostgreSQL or ClickHouse, with a
 * decoder that turns the engine's rows into exactly the result `engagedEvaluation` returns
 * for the same events, trials table and options (proven by executing it in tests on all
 * three engines).
 *
 * Definition: that of `engagedEvaluation` (a trial's window is the `windowDays` local days
 * from the day of its start; a day is active when the trial's account has an event on it
 * at or after the start instant and at or before `asOf`; a trial is engaged with
 * `minActiveDays` active days, pending while its window is incomplete at `asOf`; the rate
 * is engaged / completed with a Wilson interval, banded by `benchmarks`). The trials table
 * is a second source, `trials: { table }` or `{ subquery }`, its columns named in
 * `trialFields` (`accountId`, `trialStart`, `sourceCampaign`, default those names), as the
 * in-process `trials` rows and `trialFields` accessors. `trials.timestampType` says how
 * the start column stores starts: `'timestamp'` (default), `'epoch-ms'`, or `'date'` (a
 * `DATE`: the start of that local day, as a date-only `trialStart` in-process).
 *
 * The engine does the join: for each distinct trial (account, start, campaign; identical
 * rows are counted, not repeated), the distinct local days of its account's events in its
 * window at or after its start, numbered in order, giving the number of active days and
 * the day of the `minActiveDays`-th. Account ids are compared as text; the decoder then
 * drops the matches between a numeric and a text column (in-process `100` and `'100'` are
 * different accounts). Give the two account columns the same type: an integer and a
 * floating-point column may write the same number differently. The decoder tallies the trials overall, per start month and per
 * campaign, as `engagedEvaluation` does. The result rows are about two per distinct
 * trial, whatever the number of events.
 *
 * Time: as in `engagedEvaluation`; `asOf` is read in JavaScript and bound as an instant;
 * the default `asOf` (the latest event, else the latest trial start) is found by the
 * decoder. Local days come from the engine's tz database.
 *
 * Errors: a trial with a NULL account id or start, or an empty text account id or
 * campaign, throws as in-process (`invalid-id`, `invalid-timestamp`), naming the column;
 * with several bad rows the kind reported is the first of that list (in-process names the
 * first bad row; the engine's rows have no order). A NULL campaign is "no campaign".
 *
 * @param options The source (`dialect`, `table` or `subquery`, `timestampType`), the
 * event columns (`accountId`, `timestamp`, default those names), `trials` and
 * `trialFields` (see above), and the options of `engagedEvaluation`.
 * @returns The query text, its parameters and `decode(rows)`.
 * @throws {MetricsInputError} for the option errors of `engagedEvaluation`, an unknown
 * dialect, a missing source or trials table, or an empty column name; `decode` throws for
 * a bad trials table (see above) and when the events had a row with a NULL account id or
 * timestamp.
 *
 * @example
 * ```ts
 * import { engagedEvaluationSql } from 'customer-success-metrics/sql';
 * const query = engagedEvaluationSql({
 *   dialect: 'clickhouse',
 *   table: 'events',
 *   accountId: 'account_id',
 *   timestamp: 'ts',
 *   trials: { table: 'crm.trials', timestampType: 'date' },
 *   trialFields: { accountId: 'account_id', trialStart: 'started_on', sourceCampaign: 'campaign' },
 *   asOf: '2024-05-25',
 * });
 * query.sql.includes('FROM `crm`.`trials`'); // => true
 * // Run it (e.g. @clickhouse/client with query_params: query.params), then:
 * const result = query.decode([
 *   { part: 'checks', bad_uid: 0, bad_ms: 0, uid_type: 'Nullable(String)', latest: 1716638400000, first_day: 19844, last_day: 19868 },
 *   { part: 'tchecks', bad_tacc: 0, bad_tstart: 0, tacc_type: 'Nullable(String)', camp_type: 'Nullable(String)' },
 *   { part: 'trial', tacc: 'acme', tstart: 19844, camp: 'webinar', mult: 1 },
 *   { part: 'active', tacc: 'acme', tstart: 19844, camp: 'webinar', n: 3, engaged_day: 19852 },
 *   { part: 'trial', tacc: 'umbrella', tstart: 19863, camp: null, mult: 1 },
 * ]);
 * result.trials.map((t) => [t.accountId, t.trialStart, t.activeDays, t.engagedOn, t.pending]);
 * // => [['acme', '2024-05-01', 3, '2024-05-09', false], ['umbrella', '2024-05-20', 0, null, true]]
 * [result.overall.completed, result.overall.engaged, result.overall.band]; // => [1, 1, 'ideal']
 * ```
 */
export function engagedEvaluationSql(options: EngagedEvaluationSqlOptions): SqlQuery<EngagedEvaluationResult> {
  const fn = 'engagedEvaluationSql';
  const opts = optionsOf(options, fn, KEYS);
  const source = readSource(fn, opts);
  const d = source.dialect;
  const columns = { user: readColumn(fn, d, opts.accountId, 'accountId', 'accountId'), time: readColumn(fn, d, opts.timestamp, 'timestamp', 'timestamp') };
  const settings = readEvaluationSettings(fn, opts);
  const { zone, windowDays, minActiveDays } = settings;
  const trials = readTableSource(fn, d, opts.trials, 'trials', 'the trials table, one row per trial', ['timestampType']);
  const startType = readChoice(trials.options['timestampType'], ['timestamp', 'epoch-ms', 'date'] as const, 'timestamp', fn, 'options.trials.timestampType');
  const fields = readFieldNames(fn, opts.trialFields, 'trialFields', TRIAL_FIELD_KEYS);
  const trialColumns = {
    accountId: readColumn(fn, d, fields.accountId, 'trialFields.accountId', 'accountId'),
    trialStart: readColumn(fn, d, fields.trialStart, 'trialFields.trialStart', 'trialStart'),
    sourceCampaign: readColumn(fn, d, fields.sourceCampaign, 'trialFields.sourceCampaign', 'sourceCampaign'),
  };
  const table: TrialTable = {
    columns: {
      accountId: fields.accountId === undefined ? 'accountId' : String(fields.accountId),
      trialStart: fields.trialStart === undefined ? 'trialStart' : String(fields.trialStart),
      sourceCampaign: fields.sourceCampaign === undefined ? 'sourceCampaign' : String(fields.sourceCampaign),
    },
    startType,
  };

  const values = new QueryValues(d);
  const scan = eventScan(source, values, columns, zone.timeZone, settings.asOf);
  // t_start: epoch ms of the start instant, or (for a DATE column) its day number. The
  // internal names differ from the result columns': ClickHouse resolves a name to a select
  // alias of the same name first, and the union gives every part a NULL `tacc`, `camp`, ...
  const start =
    startType === 'date' ? d.floorDiv(d.epochMs(trialColumns.trialStart, 'timestamp'), '86400000') : d.epochMs(trialColumns.trialStart, startType);
  const day0 = startType === 'date' ? 't_start' : localDay(d, values, zone.timeZone, 't_start');
  // At or after the start instant (for a date: on day 0 or later), before day 0 + windowDays.
  const afterStart = startType === 'date' ? 'e.day >= k.t_day0' : 'e.ms >= k.t_start';
  const key = 't_acc, t_start, t_camp';
  const ctes = [
    `tr AS (SELECT ${trialColumns.accountId} AS t_acc, ${start} AS t_start, ${trialColumns.sourceCampaign} AS t_camp FROM ${trials.from})`,
    `tk AS (SELECT ${key}, t_day0, count(*) AS t_mult FROM (SELECT ${key}, ${day0} AS t_day0 FROM tr WHERE t_acc IS NOT NULL AND t_start IS NOT NULL) AS valid GROUP BY ${key}, t_day0)`,
    `td AS (SELECT DISTINCT k.t_acc AS t_acc, k.t_start AS t_start, k.t_camp AS t_camp, e.day AS a_day FROM tk AS k JOIN ev AS e ON ${d.cast('e.uid', 'text')} = ${d.cast('k.t_acc', 'text')}` +
      ` WHERE ${afterStart} AND e.day < k.t_day0 + ${values.bind(windowDays, 'integer')})`,
    `ranked AS (SELECT ${key}, a_day, row_number() OVER (PARTITION BY ${key} ORDER BY a_day) AS rn FROM td)`,
  ];
  const engagedDay = d.extreme('max', `CASE WHEN rn = ${values.bind(minActiveDays, 'integer')} THEN a_day END`);
  const parts = [
    checksPart([]),
    {
      select: {
        part: "'tchecks'",
        bad_tacc: d.countWhere('t_acc IS NULL'),
        bad_tstart: d.countWhere('t_start IS NULL'),
        tacc_type: d.typeName('t_acc'),
        camp_type: d.typeName('t_camp'),
      },
      from: 'FROM tr',
    },
    { select: { part: "'trial'", tacc: 't_acc', tstart: 't_start', camp: 't_camp', mult: 't_mult' }, from: 'FROM tk' },
    { select: { part: "'active'", tacc: 't_acc', tstart: 't_start', camp: 't_camp', n: 'count(*)', engaged_day: engagedDay }, from: `FROM ranked GROUP BY ${key}` },
  ];
  const resultColumns = [
    ['part', 'text'],
    ['tacc', 'text'],
    ['tstart', 'double'],
    ['camp', 'text'],
    ['mult', 'integer'],
    ['n', 'integer'],
    ['engaged_day', 'integer'],
    ['bad_tacc', 'integer'],
    ['bad_tstart', 'integer'],
    ['tacc_type', 'text'],
    ['camp_type', 'text'],
    ...checkUnionColumns([]),
  ] as const;
  const union = unionParts(d, resultColumns, parts);
  const names = { uid: ['accountId', opts.accountId ?? 'accountId'], ms: ['timestamp', opts.timestamp ?? 'timestamp'] } as const;
  return {
    dialect: d.name,
    sql: `WITH ${scan},\n${ctes.join(',\n')}\n${union}`,
    params: values.params(),
    decode(rows) {
      const list = rowsOf(fn, rows);
      // The trials first, as engagedEvaluation reads them before the events.
      const checks = list.find((r) => r['part'] === 'checks');
      const eventKind = typeof idReader(checks === undefined ? null : textOrNull(checks, 'uid_type'))('0');
      const trialRows = readTrialRows(fn, list, table, zone, eventKind);
      const facts = readChecks(fn, list, names);
      return evaluationResult(trialRows, settings, settings.asOf ?? facts.latest ?? latestStart(trialRows));
    },
  };
}
