import { fail } from '../core/errors.js';
import { optionsOf } from '../core/options.js';
import { readAdoptionSettings } from '../engagement/internal/feature-adoption-options.js';
import { adoptionResult } from '../engagement/internal/feature-adoption-result.js';
import type { FeatureAdoptionResult } from '../engagement/types.js';
import { checksPart, checkUnionColumns, eventScan } from './internal/event-scan.js';
import { tallyPeriodRows } from './internal/feature-adoption-rows.js';
import { periodOfDay } from './internal/period-series.js';
import { eventQuery } from './internal/event-query.js';
import { QueryValues, unionParts } from './internal/query-text.js';
import { readColumn, readSource } from './internal/source.js';
import { SQL_SOURCE_OPTION_KEYS, type FeatureAdoptionSqlOptions, type SqlQuery } from './types.js';

const KEYS = [...SQL_SOURCE_OPTION_KEYS, 'userId', 'timestamp', 'feature', 'name', 'period', 'timeZone', 'from', 'to', 'weekStartsOn', 'confidence', 'asOf'] as const;

/**
 * `featureAdoption` as one SQL query for DuckDB, PostgreSQL or ClickHouse, with a decoder
 * that turns the engine's rows into exactly the result `featureAdoption` returns for the
 * same events and options (proven by executing it in tests on all three engines).
 *
 * Definition: that of `featureAdoption` (per calendar day, week or month of `timeZone`, or
 * over the whole range without `period`: `activeUsers` are the users with any event in the
 * period's days inside `from`..`to`, `adopters` those of them with an event of the feature,
 * `rate = adopters / activeUsers` with its Wilson interval; a period is `complete` when it
 * lies whole in the range and its last day had ended by `asOf`). The feature is an event
 * name, matched against the `name` column: the in-process function also takes a predicate
 * on rows, which has no SQL form (pass the event name, or select a name column in a
 * `subquery` that spells the predicate in SQL).
 *
 * The engine does the scan and the distinct counts: per (user, period number) whether the
 * user used the feature, then per period the users and the adopters (a period number is a
 * day number, weeks counted from the week of 1970-01-01, or `year * 12 + month - 1`; 0 for
 * the whole range), with the latest event and the first and last day of the events at or
 * before `asOf`. The decoder computes the range as the in-process function does, lays out
 * every period of it (zero counts where the engine returned no row) and the rates.
 *
 * Cost: in the engine, one scan of the source and two hash aggregations (per user-period,
 * then per period), O(n + user-periods); the result rows are one per period, whatever the
 * number of events; the decoder is O(periods).
 *
 * Time: as in `featureAdoption`. `period`, `weekStartsOn`, `asOf`, `from` and `to` are
 * read in JavaScript and bound as instants, day numbers or period numbers; without `asOf`
 * the engine reports the latest event. Local days come from the engine's tz database.
 *
 * Edge cases: as `featureAdoption`: no events (and no `from`/`to`) gives `periods: []`; a
 * period nobody was active in has zero counts and `rate: null`. A NULL event name anywhere
 * in the source is bad input (the in-process function refuses a name that is not a
 * string); an empty name is just another name.
 *
 * @param options The source (`dialect`, `table` or `subquery`, `timestampType`), the
 * columns (`userId`, `timestamp`, `name`, default those names), `feature` (an event name)
 * and the options of `featureAdoption`.
 * @returns The query text, its parameters and `decode(rows)`.
 * @throws {MetricsInputError} for the option errors of `featureAdoption`, a `feature` that
 * is not a non-empty event name (a predicate included), an unknown dialect, a missing
 * source or an empty column name; `decode` throws when the source had a row with a NULL
 * user id, timestamp or event name.
 *
 * @example
 * ```ts
 * import { featureAdoptionSql } from 'customer-success-metrics/sql';
 * const query = featureAdoptionSql({ dialect: 'postgres', table: 'events', userId: 'user_id', name: 'event', feature: 'export', period: 'month' });
 * query.sql.includes('"event" AS nm'); // => true
 * // The feature is bound, never spliced:
 * query.params; // => ['export']
 * // Run it (e.g. node-postgres: (await client.query(query.sql, query.params)).rows), then:
 * const result = query.decode([
 *   { part: 'checks', bad_uid: 0, bad_ms: 0, bad_nm: 0, uid_type: 'text', nm_type: 'text', latest: 1712138400000, first_day: 19783, last_day: 19816 },
 *   { part: 'period', p: 24290, a: 2, m: 1 },
 *   { part: 'period', p: 24291, a: 1, m: 1 },
 * ]);
 * result.periods.map((p) => [p.period, p.activeUsers, p.adopters, p.rate?.value, p.complete]);
 * // => [['2024-03', 2, 1, 0.5, true], ['2024-04', 1, 1, 1, false]]
 * ```
 */
export function featureAdoptionSql(options: FeatureAdoptionSqlOptions): SqlQuery<FeatureAdoptionResult> {
  const fn = 'featureAdoptionSql';
  const opts = optionsOf(options, fn, KEYS);
  const source = readSource(fn, opts);
  const d = source.dialect;
  const settings = readAdoptionSettings(fn, opts);
  const { period, weekStartsOn, zone, bounds } = settings;
  const feature = opts.feature;
  if (typeof feature !== 'string' || feature.length === 0) {
    fail(fn, 'options.feature', 'invalid-option', 'must be an event name (a non-empty string); a predicate cannot run in SQL: pass the event name and its name column', feature);
  }
  const columns = {
    user: readColumn(fn, d, opts.userId, 'userId', 'userId'),
    time: readColumn(fn, d, opts.timestamp, 'timestamp', 'timestamp'),
    extra: { nm: readColumn(fn, d, opts.name, 'name', 'name') },
  };
  const values = new QueryValues(d);
  const scan = eventScan(source, values, columns, zone.timeZone, settings.asOf);
  const used = `max(CASE WHEN nm = ${values.bind(feature, 'text')} THEN 1 ELSE 0 END)`;
  // Only the days of the range count. Without `from`/`to` the range holds every day of the
  // events scanned (at or before `asOf`), so only the bounds given filter.
  const inRange = [...(bounds.from === null ? [] : [`day >= ${values.bind(bounds.from, 'integer')}`]), ...(bounds.to === null ? [] : [`day <= ${values.bind(bounds.to, 'integer')}`])];
  const periodOf = period === null ? '0' : periodOfDay(d, values, period, weekStartsOn, 'day');
  const units = `(SELECT uid, nm, ${periodOf} AS p FROM ev${inRange.length === 0 ? '' : ` WHERE ${inRange.join(' AND ')}`}) AS units`;
  const parts = [
    checksPart(['nm']),
    { select: { part: "'period'", p: 'p', a: 'count(*)', m: 'sum(used)' }, from: `FROM (SELECT uid, p, ${used} AS used FROM ${units} GROUP BY uid, p) AS pairs GROUP BY p` },
  ];
  const union = unionParts(d, [['part', 'text'], ['p', 'integer'], ['a', 'integer'], ['m', 'integer'], ...checkUnionColumns(['nm'])], parts);
  const names: Record<string, readonly [string, string]> = {
    uid: ['userId', opts.userId ?? 'userId'],
    ms: ['timestamp', opts.timestamp ?? 'timestamp'],
    nm: ['name', opts.name ?? 'name'],
  };
  return eventQuery(fn, values, `WITH ${scan}\n${union}`, names, (list, facts) =>
    adoptionResult(settings, feature, settings.asOf ?? facts.latest, facts.firstDay, facts.lastDay, (counts) => tallyPeriodRows(fn, list, counts)),
  );
}
