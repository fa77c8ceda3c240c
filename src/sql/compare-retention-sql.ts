import { readChoice, readConfidence } from '../core/read.js';
import { COMPARE_RETENTION_OPTION_KEYS } from '../retention/compare-retention.js';
import { readHorizonDays, readRetentionDays } from '../retention/internal/comparison-options.js';
import { comparisonOf } from '../retention/internal/comparison-result.js';
import { daysToMs, readDays, readInactivityDays } from '../retention/internal/landmark-activity.js';
import type { CompareRetentionResult } from '../retention/types.js';
import { KAPLAN_MEIER_CONF_TYPES } from '../stats/kaplan-meier-engine.js';
import { numberOf } from './internal/decode.js';
import { journeyQuery, readJourneyCall, readSqlActivity } from './internal/journey-query.js';
import { asOfInForce, JOURNEY_SQL_KEYS, journeyScan, reachedAggregate, readGivenAsOf, readSqlMilestone } from './internal/journey-table.js';
import { QueryValues } from './internal/query-text.js';
import type { CompareRetentionSqlOptions, SqlQuery } from './types.js';

const KEYS = [...JOURNEY_SQL_KEYS, ...COMPARE_RETENTION_OPTION_KEYS.filter((key) => key !== 'timeZone')] as const;

/**
 * `compareRetention` as one SQL query for DuckDB, PostgreSQL or ClickHouse, with a decoder
 * that turns the engine's rows into exactly the result `compareRetention` returns for the
 * journeys of the same events (`journeys(events, { signups, timeZone })`) and the
 * equivalent milestone (proven by executing it in tests on all three engines).
 *
 * Definition: that of `compareRetention` (the landmark design: classified by the milestone
 * reached at or before `L = start + landmarkDays`, followed from `L` until the first
 * activity that no other follows within `inactivityDays`, observed or censored at `asOf` or
 * at the horizon). The engine builds the journeys (start at the signup, else the first
 * event) and returns the per-journey table: one row per journey with its start, whether
 * it is left out (landmark after `asOf`, or churned before it), its group at the landmark,
 * its duration after the landmark in days and whether its churn was observed. The decoder
 * runs `compareRetention`'s own Kaplan–Meier, retention-at-day and log-rank steps on
 * those rows. The result rows are one per journey, whatever the number of events.
 *
 * Data-driven options: `segment` is a {@link SqlMilestone} (an event name for `hasEvent`,
 * or `{ kind: 'eventCount', event, atLeast, withinDays? }`, `{ kind: 'activeDays',
 * atLeast, windowDays?, timeZone? }`), `activity` an event name; predicates cannot run in
 * the engine. `timeZone` is both `journeys({ timeZone })` and the call's zone.
 *
 * Time: as in `compareRetention`; `asOf` is read in JavaScript and bound; without it the
 * engine reports the latest journey start or event. Local days (for `activeDays`) come
 * from the engine's tz database.
 *
 * Cost: one scan of the events, window functions (row number, next activity) partitioned
 * by journey, a few aggregates grouped by journey; O(journeys) rows out, then O(n log n)
 * in JavaScript (ordering the journeys as `journeys()` does).
 *
 * Edge cases: as `compareRetention` (no journeys: empty groups, `asOf: null` unless given).
 * Ids with a signup and no events are journeys without events. Ids must have the same
 * type in the events and the signups.
 *
 * @param options The source (`dialect`, `table` or `subquery`, `timestampType`), the
 * columns (`userId`, `timestamp`, `name`, `groupBy`), `signups` and `signupFields`, and the
 * options of `compareRetention`.
 * @returns The query text, its parameters and `decode(rows)`.
 * @throws {MetricsInputError} for the option errors of `compareRetention`, a milestone or
 * `activity` that is not data-driven, an unknown dialect, a missing source or an empty
 * column name; `decode` throws for a source row with a NULL id, timestamp or name, and for
 * a signup id given twice (`duplicate-id`).
 *
 * @example
 * ```ts
 * import { compareRetentionSql } from 'customer-success-metrics/sql';
 * const query = compareRetentionSql({ dialect: 'duckdb', table: 'events', segment: 'aha', landmarkDays: 14, horizonDays: 74 });
 * query.sql.includes('FROM "events"'); // => true
 * // Run it (e.g. (await connection.runAndReadAll(query.sql, query.params)).getRowObjects()), then:
 * const checks = { part: 'checks', bad_uid: 0, bad_ms: 0, bad_nm: 0, uid_type: 'VARCHAR' };
 * const row = (uid: string, grp: number, duration: number, observed: number) => ({ part: 'journey', uid, now_ms: Date.UTC(2024, 2, 21), status: 0, grp, duration, observed });
 * const result = query.decode([checks, row('a', 1, 26, 1), row('b', 1, 60, 0), row('d', 0, 0, 1), row('e', 0, 4, 1)]);
 * [result.segment.users, result.control.users, result.segment.churned]; // => [2, 2, 1]
 * result.asOf; // => '2024-03-21T00:00:00.000Z'
 * ```
 */
export function compareRetentionSql(options: CompareRetentionSqlOptions): SqlQuery<CompareRetentionResult> {
  const fn = 'compareRetentionSql';
  const { opts, js } = readJourneyCall(fn, options, KEYS);
  const d = js.dialect;
  const segment = readSqlMilestone(fn, opts.segment, 'options.segment', js.zone);
  const landmarkDays = readDays(fn, opts.landmarkDays, 'options.landmarkDays', 0, false, null);
  const horizonDays = readHorizonDays(fn, opts.horizonDays, landmarkDays);
  const followUpDays = horizonDays - landmarkDays;
  const inactivityDays = readInactivityDays(fn, opts.inactivityDays);
  const retentionDays = readRetentionDays(fn, opts.retentionDays, followUpDays);
  const activity = readSqlActivity(fn, opts.activity);
  const asOf = readGivenAsOf(fn, opts.asOf, js.zone);
  const confidence = readConfidence(opts.confidence, fn);
  const confType = readChoice(opts.confType, KAPLAN_MEIER_CONF_TYPES, 'log', fn, 'options.confType');

  const values = new QueryValues(d);
  const scan = journeyScan(js, values, { landmarkMs: daysToMs(landmarkDays), activity, asOf, milestone: segment });
  const gap = (): string => values.bind(daysToMs(inactivityDays), 'double');
  const reached = reachedAggregate(d, values, segment);
  const ctes = [
    `agg AS (SELECT uid, ${d.extreme('max', 'start')} AS st, ${d.extreme('max', 'l')} AS lm, ${d.extreme('max', 'CASE WHEN act = 1 AND ms <= l THEN ms END')} AS lb, ${d.extreme('max', 'CASE WHEN act = 1 THEN ms END')} AS la, ${reached} AS reached FROM jx GROUP BY uid)`,
    `actn AS (SELECT uid, ms AS x, ${d.next('ms', 'uid', 'ms')} AS nx FROM jx WHERE act = 1)`,
    `churn AS (SELECT n.uid AS uid, ${d.extreme('min', 'n.x')} AS c FROM actn AS n INNER JOIN agg AS b ON n.uid = b.uid WHERE n.x >= b.lb AND (n.nx IS NULL OR n.nx - n.x >= ${gap()}) GROUP BY n.uid)`,
    `jt AS (SELECT b.uid AS uid, b.st AS st, b.lm AS lm, b.lb AS lb, b.la AS la, b.reached AS reached, h.c AS c, q.now_ms AS now_ms, CASE WHEN h.c > b.lm THEN h.c - b.lm ELSE 0 END AS aft FROM agg AS b INNER JOIN churn AS h ON b.uid = h.uid CROSS JOIN nowrow AS q)`,
  ];
  const followUpMs = values.bind(daysToMs(followUpDays), 'double');
  const journey = {
    status: `CASE WHEN NOT (lm <= now_ms) THEN 1 WHEN NOT (lm - lb < ${gap()}) THEN 2 ELSE 0 END`,
    grp: 'CASE WHEN reached <= lm THEN 1 ELSE 0 END',
    duration: `CASE WHEN aft > ${followUpMs} THEN ${values.bind(followUpDays, 'double')} ELSE aft / ${values.bind(86_400_000, 'double')} END`,
    observed: `CASE WHEN aft > ${values.bind(daysToMs(followUpDays), 'double')} THEN 0 WHEN c < la OR c + ${gap()} - 1 <= now_ms THEN 1 ELSE 0 END`,
  };
  const columns = [['grp', 'integer'], ['duration', 'double'], ['observed', 'integer']] as const;
  return journeyQuery(fn, js, values, { scan, ctes, journey, columns }, (journeys) => {
    const n = journeys.length;
    const groups = [
      { durations: new Float64Array(n), observed: new Uint8Array(n), size: 0 },
      { durations: new Float64Array(n), observed: new Uint8Array(n), size: 0 },
    ];
    let notYetAtLandmark = 0;
    let churnedBeforeLandmark = 0;
    for (const { row } of journeys) {
      const status = numberOf(fn, row, 'status');
      if (status === 1) notYetAtLandmark++;
      else if (status === 2) churnedBeforeLandmark++;
      else {
        const group = groups[numberOf(fn, row, 'grp') === 1 ? 0 : 1] as (typeof groups)[number];
        group.durations[group.size] = numberOf(fn, row, 'duration') + 0;
        group.observed[group.size++] = numberOf(fn, row, 'observed') === 1 ? 1 : 0;
      }
    }
    const subjects = (g: (typeof groups)[number]) => ({ durations: g.durations.subarray(0, g.size), observed: g.observed.subarray(0, g.size) });
    return comparisonOf(
      { landmarkDays, horizonDays, followUpDays, inactivityDays, retentionDays, confidence, confType },
      js.zone,
      asOf ?? asOfInForce(fn, journeys),
      n,
      { segment: subjects(groups[0] as (typeof groups)[number]), control: subjects(groups[1] as (typeof groups)[number]), notYetAtLandmark, churnedBeforeLandmark },
    );
  });
}
