import { fail } from '../core/errors.js';
import { readConfidence } from '../core/read.js';
import { rejectRenamed } from '../lifecycle/internal/option-renames.js';
import { readHorizons, readTimeUnit } from '../lifecycle/internal/time-to-value-options.js';
import { timeToValueResult } from '../lifecycle/internal/time-to-value-result.js';
import type { TimeToValueResult } from '../lifecycle/types.js';
import { numberOf } from './internal/decode.js';
import { journeyQuery, readJourneyCall } from './internal/journey-query.js';
import { asOfInForce, JOURNEY_SQL_KEYS, journeyScan, reachedAggregate, readGivenAsOf, readSqlMilestone } from './internal/journey-table.js';
import { QueryValues } from './internal/query-text.js';
import type { SqlQuery, TimeToValueSqlOptions } from './types.js';

const KEYS = [...JOURNEY_SQL_KEYS, 'milestone', 'asOf', 'horizons', 'unit', 'confidence'] as const;

/**
 * `timeToValue` as one SQL query for DuckDB, PostgreSQL or ClickHouse, with a decoder that
 * turns the engine's rows into exactly the result `timeToValue` returns for the journeys
 * of the same events (`journeys(events, { signups, timeZone })`) and the equivalent
 * milestone (proven by executing it in tests on all three engines).
 *
 * Definition: that of `timeToValue` (each journey started by `asOf` is a Kaplan–Meier
 * subject: the event at `reached − start`, 0 when reached before the start, or censored
 * at `asOf − start`; journeys that start after `asOf` are `notStarted`). The engine builds
 * the journeys (start at the signup, else the first event), finds when each reached the
 * milestone (over all its events, as the in-process milestone sees the whole journey), and
 * returns one row per journey: its start, whether it started by `asOf`, its duration in
 * milliseconds and whether it was observed. The decoder runs `timeToValue`'s own
 * Kaplan–Meier, quantile and share steps on those rows (times in `unit`).
 *
 * Data-driven milestone: `milestone` is a {@link SqlMilestone} (an event name for
 * `hasEvent`, or `{ kind: 'eventCount', event, atLeast, withinDays? }`, `{ kind:
 * 'activeDays', atLeast, windowDays?, timeZone? }`); predicates and combinators cannot
 * run in the engine. `timeZone` is both `journeys({ timeZone })` and the call's zone.
 *
 * Time: as in `timeToValue`; `asOf` is read in JavaScript and bound; without it the engine
 * reports the latest journey start or event. Local days (for `activeDays`) come from the
 * engine's tz database.
 *
 * Cost: one scan of the events, a window function (row number or day rank) partitioned by
 * journey, an aggregate grouped by journey; O(journeys) rows out, then O(n log n) in
 * JavaScript.
 *
 * Edge cases: as `timeToValue` (no journeys: `n: 0`, null quantiles, an empty curve).
 *
 * @param options The source (`dialect`, `table` or `subquery`, `timestampType`), the
 * columns (`userId`, `timestamp`, `name`, `groupBy`), `signups` and `signupFields`, the
 * `milestone`, and the options of `timeToValue`.
 * @returns The query text, its parameters and `decode(rows)`.
 * @throws {MetricsInputError} for the option errors of `timeToValue`, a milestone that is
 * not data-driven, an unknown dialect, a missing source or an empty column name; `decode`
 * throws for a source row with a NULL id, timestamp or name, and for a signup id given
 * twice (`duplicate-id`).
 *
 * @example
 * ```ts
 * import { timeToValueSql } from 'customer-success-metrics/sql';
 * const query = timeToValueSql({ dialect: 'clickhouse', table: 'events', milestone: { kind: 'eventCount', event: 'report', atLeast: 3 }, horizons: [7] });
 * query.sql.includes('FROM `events`'); // => true
 * const day = 86_400_000;
 * const checks = { part: 'checks', bad_uid: 0, bad_ms: 0, bad_nm: 0, uid_type: 'String' };
 * const row = (uid: string, duration: number, observed: number) => ({ part: 'journey', uid, now_ms: Date.UTC(2024, 4, 11), status: 0, duration, observed });
 * const result = query.decode([checks, row('a', 1 * day, 1), row('b', 2 * day, 1), row('c', 10 * day, 0)]);
 * [result.n, result.reached, result.median.value]; // => [3, 2, 2]
 * ```
 */
export function timeToValueSql(options: TimeToValueSqlOptions): SqlQuery<TimeToValueResult> {
  const fn = 'timeToValueSql';
  rejectRenamed(options, fn, { withinDays: 'horizons' });
  const { opts, js } = readJourneyCall(fn, options, KEYS);
  const d = js.dialect;
  if (opts.milestone === undefined) fail(fn, 'options.milestone', 'invalid-option', 'must be an event name or a milestone object', opts.milestone);
  const milestone = readSqlMilestone(fn, opts.milestone, 'options.milestone', js.zone);
  const asOf = readGivenAsOf(fn, opts.asOf, js.zone);
  const horizons = readHorizons(fn, opts.horizons);
  const { unit, unitMs } = readTimeUnit(fn, opts.unit);
  const confidence = readConfidence(opts.confidence, fn);

  const values = new QueryValues(d);
  const scan = journeyScan(js, values, { landmarkMs: null, activity: null, asOf: null, milestone });
  const reached = reachedAggregate(d, values, milestone);
  const given = asOf === null ? null : values.bind(asOf, 'double');
  const ctes = [
    `agg AS (SELECT uid, ${d.extreme('max', 'start')} AS st, ${reached} AS reached FROM jx GROUP BY uid)`,
    `jt AS (SELECT b.uid AS uid, b.st AS st, b.reached AS reached, ${given ?? 'q.now_ms'} AS now_ms FROM agg AS b${given === null ? ' CROSS JOIN nowrow AS q' : ''})`,
  ];
  const journey = {
    status: 'CASE WHEN st > now_ms THEN 1 ELSE 0 END',
    duration: 'CASE WHEN reached <= now_ms THEN (CASE WHEN reached > st THEN reached - st ELSE 0 END) ELSE now_ms - st END',
    observed: 'CASE WHEN reached <= now_ms THEN 1 ELSE 0 END',
  };
  const columns = [['duration', 'double'], ['observed', 'integer']] as const;
  return journeyQuery(fn, js, values, { scan, ctes, journey, columns }, (journeys) => {
    const durations = new Float64Array(journeys.length);
    const observed = new Uint8Array(journeys.length);
    let n = 0;
    let reachedCount = 0;
    for (const { row } of journeys) {
      if (numberOf(fn, row, 'status') !== 0) continue;
      durations[n] = numberOf(fn, row, 'duration');
      const hit = numberOf(fn, row, 'observed') === 1;
      observed[n++] = hit ? 1 : 0;
      if (hit) reachedCount++;
    }
    const subjects = { durations: durations.subarray(0, n), observed: observed.subarray(0, n) };
    return timeToValueResult({ unit, unitMs, confidence, horizons }, js.zone, asOf ?? asOfInForce(fn, journeys), subjects, journeys.length, reachedCount);
  });
}
