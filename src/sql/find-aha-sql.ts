import { optionsOf } from '../core/options.js';
import { readConfidence, readInteger } from '../core/read.js';
import { FIND_AHA_OPTION_KEYS } from '../retention/find-aha.js';
import { AHA_CANDIDATE_KEYS, readCandidates, readTarget } from '../retention/internal/aha-options.js';
import { ahaResult, AhaTally } from '../retention/internal/aha-ranking.js';
import { daysToMs, readDays, readInactivityDays } from '../retention/internal/landmark-activity.js';
import type { FindAhaResult } from '../retention/types.js';
import { numberOf } from './internal/decode.js';
import { journeyQuery, readJourneyCall, readSqlActivity, type JourneySelect } from './internal/journey-query.js';
import { asOfInForce, JOURNEY_SQL_KEYS, journeyScan, readEventName, readGivenAsOf } from './internal/journey-table.js';
import { QueryValues, type UnionColumn } from './internal/query-text.js';
import type { FindAhaSqlOptions, SqlQuery } from './types.js';

const KEYS = [...JOURNEY_SQL_KEYS, ...FIND_AHA_OPTION_KEYS.filter((key) => key !== 'timeZone')] as const;

/**
 * `findAha` as one SQL query for DuckDB, PostgreSQL or ClickHouse, with a decoder that
 * turns the engine's rows into exactly the result `findAha` returns for the journeys of
 * the same events (`journeys(events, { signups, timeZone })`) and the same candidates
 * (proven by executing it in tests on all three engines).
 *
 * Definition: that of `findAha` (journeys active at the landmark whose target is
 * observable by `asOf`; retained by the target; each candidate milestone "at least k events
 * e in `[start, L]`" tallied in a 2×2 table and ranked by phi). The engine builds the
 * journeys (start at the signup, else the first event) and returns one row per journey:
 * its start, whether it is analysed or left out (target not observable, or churned before
 * the landmark), whether it was retained, and its count of each candidate event in
 * `[start, L]`. The decoder tallies the tables and ranks the candidates with `findAha`'s
 * own steps on those rows.
 *
 * Data-driven options: each candidate's `event` and `activity` are event names
 * (predicates cannot run in the engine). `timeZone` is both `journeys({ timeZone })` and
 * the call's zone.
 *
 * Time: as in `findAha`; `asOf` is read in JavaScript and bound; without it the engine
 * reports the latest journey start or event.
 *
 * Cost: one scan of the events and an aggregate grouped by journey (one conditional count
 * per candidate); O(journeys) rows out, then O(n K) in JavaScript for K candidate
 * milestones.
 *
 * Edge cases: as `findAha` (no analysed users: `users: 0`, `retention: null`, every
 * milestone with `share: null`; no candidates: empty lists).
 *
 * @param options The source (`dialect`, `table` or `subquery`, `timestampType`), the
 * columns (`userId`, `timestamp`, `name`, `groupBy`), `signups` and `signupFields`, and the
 * options of `findAha`.
 * @returns The query text, its parameters and `decode(rows)`.
 * @throws {MetricsInputError} for the option errors of `findAha`, a candidate or
 * `activity` that is not an event name, an unknown dialect, a missing source or an empty
 * column name; `decode` throws for a source row with a NULL id, timestamp or name, and for
 * a signup id given twice (`duplicate-id`).
 *
 * @example
 * ```ts
 * import { findAhaSql } from 'customer-success-metrics/sql';
 * const query = findAhaSql({ dialect: 'postgres', table: 'events', candidates: [{ event: 'report', counts: [1, 3] }], landmarkDays: 7, target: { retainedOn: [8, 14] }, minUsers: 1 });
 * query.params.includes('report'); // => true
 * const checks = { part: 'checks', bad_uid: 0, bad_ms: 0, bad_nm: 0, uid_type: 'text' };
 * const row = (uid: string, retained: number, reports: number) => ({ part: 'journey', uid, now_ms: Date.UTC(2024, 1, 1), status: 0, retained, cnt_0: reports });
 * const result = query.decode([checks, row('a', 1, 3), row('b', 1, 4), row('c', 0, 1), row('d', 0, 0)]);
 * [result.users, result.retained]; // => [4, 2]
 * [result.best[0]?.count, result.best[0]?.phi]; // ~> [3, 1]
 * ```
 */
export function findAhaSql(options: FindAhaSqlOptions): SqlQuery<FindAhaResult> {
  const fn = 'findAhaSql';
  const { opts, js } = readJourneyCall(fn, options, KEYS);
  const d = js.dialect;
  const events = candidateEvents(fn, opts.candidates);
  const candidates = readCandidates(fn, opts.candidates);
  const landmarkDays = readDays(fn, opts.landmarkDays, 'options.landmarkDays', 0, true, null);
  const target = readTarget(fn, opts.target, landmarkDays);
  const inactivityDays = readInactivityDays(fn, opts.inactivityDays);
  const activity = readSqlActivity(fn, opts.activity);
  const minUsers = opts.minUsers === undefined ? 10 : readInteger(opts.minUsers, fn, 'options.minUsers', 1);
  const asOf = readGivenAsOf(fn, opts.asOf, js.zone);
  const confidence = readConfidence(opts.confidence, fn);

  const values = new QueryValues(d);
  const scan = journeyScan(js, values, { landmarkMs: daysToMs(landmarkDays), activity, asOf, milestone: null });
  const gap = (): string => values.bind(daysToMs(inactivityDays), 'double');
  const end = (): string => `start + ${values.bind(target.endMs, 'double')}`;
  const inTarget =
    target.kind === 'window'
      ? `ms >= start + ${values.bind(target.fromMs, 'double')} AND ms < ${end()}`
      : `ms <= ${end()} AND ms > l AND ms > ${end()} - ${gap()}`;
  const counts = events.map((event, k) => `${d.cast(`sum(CASE WHEN isev = 1 AND nm = ${values.bind(event, 'text')} AND ms >= start AND ms <= l THEN 1 ELSE 0 END)`, 'integer')} AS cnt_${k}`);
  const ctes = [
    `agg AS (SELECT uid, ${[
      `${d.extreme('max', 'start')} AS st`,
      `${d.extreme('max', 'l')} AS lm`,
      `${d.extreme('max', 'CASE WHEN act = 1 AND ms <= l THEN ms END')} AS lb`,
      `${d.extreme('max', `CASE WHEN act = 1 AND ${inTarget} THEN 1 ELSE 0 END`)} AS kept`,
      ...counts,
    ].join(', ')} FROM jx GROUP BY uid)`,
    `jt AS (SELECT b.*, q.now_ms AS now_ms FROM agg AS b CROSS JOIN nowrow AS q)`,
  ];
  const journey: Record<string, string> & JourneySelect = {
    status: `CASE WHEN NOT (st + ${values.bind(target.observedMs, 'double')} <= now_ms) THEN 1 WHEN NOT (lm - lb < ${gap()}) THEN 2 ELSE 0 END`,
    retained: 'kept',
  };
  const countColumns: UnionColumn[] = events.map((_, k) => [`cnt_${k}`, 'integer']);
  for (const [name] of countColumns) journey[name] = name;
  const columns: UnionColumn[] = [['retained', 'integer'], ...countColumns];
  return journeyQuery(fn, js, values, { scan, ctes, journey, columns }, (journeys) => {
    const tally = new AhaTally(candidates);
    let notObservable = 0;
    let churnedBeforeLandmark = 0;
    for (const { row } of journeys) {
      const status = numberOf(fn, row, 'status');
      if (status === 1) notObservable++;
      else if (status === 2) churnedBeforeLandmark++;
      else tally.add(numberOf(fn, row, 'retained') === 1, events.map((_, k) => numberOf(fn, row, `cnt_${k}`)), 0);
    }
    const settings = { candidates, landmarkDays, target, inactivityDays, minUsers, confidence };
    return ahaResult(settings, js.zone, asOf ?? asOfInForce(fn, journeys), journeys.length, tally, { notObservable, churnedBeforeLandmark });
  });
}

/** The event name of each candidate (a name, or `{ event: name, ... }`); predicates cannot run in SQL. */
function candidateEvents(fn: string, value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value.map((candidate: unknown, i) => {
    if (typeof candidate === 'string') return readEventName(fn, candidate, `options.candidates[${i}]`);
    if (candidate === null || typeof candidate !== 'object' || Array.isArray(candidate)) return '';
    const { event } = optionsOf(candidate as Record<string, unknown>, fn, AHA_CANDIDATE_KEYS, `options.candidates[${i}]`);
    return readEventName(fn, event, `options.candidates[${i}].event`);
  });
}
