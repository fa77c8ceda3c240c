import { asOfEcho, readAsOf } from '../core/as-of.js';
import { readThresholds } from '../core/bands.js';
import { dayKey } from '../core/calendar.js';
import { readDayBounds } from '../core/day-range.js';
import { optionsOf } from '../core/options.js';
import { readInteger } from '../core/read.js';
import { zoneCalendar } from '../core/time-zone.js';
import type { GroupedStickinessResult, StickinessFigures, StickinessResult } from '../engagement/types.js';
import { asOfRange, completeThrough } from '../engagement/internal/as-of-range.js';
import { EMPTY_FIGURES, STICKINESS_SCALE, stickinessFigures } from '../engagement/internal/stickiness-figures.js';
import { activityColumns, firstEventPart } from './internal/activity-columns.js';
import { numberOf, textOrNull } from './internal/decode.js';
import type { Dialect } from './internal/dialect.js';
import { checkColumns, eventScan, localDay } from './internal/event-scan.js';
import { eventQuery } from './internal/event-query.js';
import { QueryValues, unionParts } from './internal/query-text.js';
import { activitySource, rollingDeltas, ROLLING_COLUMNS } from './internal/rolling-deltas.js';
import { readSource } from './internal/source.js';
import { SQL_SOURCE_OPTION_KEYS, type SqlQuery, type SqlRow, type StickinessSqlOptions } from './types.js';

const KEYS = [...SQL_SOURCE_OPTION_KEYS, 'userId', 'timestamp', 'timeZone', 'groupBy', 'from', 'to', 'windows', 'thresholds', 'asOf'] as const;

/**
 * `stickiness` as one SQL query for DuckDB, PostgreSQL or ClickHouse, with a decoder that
 * turns the engine's rows into exactly the result `stickiness` returns for the same events
 * and options (proven by executing it in tests on all three engines).
 *
 * Definition: that of `stickiness` (mean DAU/MAU over the complete days of the range, its
 * band, average DAU, and the histogram of users by number of active days in the range).
 * The engine does the scan and two aggregations: per day and capped gap to each user's
 * next active day, the user-days that give the rolling DAU and MAU (as `activeUsersSql`);
 * and per number of active days in the range, the users with that many (per group too
 * with `groupBy`). The range's last day is the last complete one, computed in JavaScript
 * from `asOf` when it is given and in the engine from the latest event otherwise. The
 * decoder adds up the daily counts over the range and hands them, with the tallies, to
 * `stickiness`'s own figures code (means and ratios with compensated sums, the band, the
 * cumulated histogram), so every digit agrees. The result rows
 * are a few per day of data plus one per active-day count (per group with `groupBy`),
 * whatever the number of events.
 *
 * Time: as in `stickiness`: complete days only. `asOf`, `from` and `to` are read in
 * JavaScript and bound as instants or day numbers. Local days come from the engine's tz
 * database.
 *
 * Grouping: `groupBy` names a column; groups come in order of their first event (a group
 * whose events all come after `asOf` is listed, with empty figures, as in-process), ties
 * by id (the in-process function keeps the input's order among ties).
 *
 * Edge cases: as `stickiness`: no events, or no complete day in the range, gives zeros,
 * `dayCount: 0`, `from`/`to` `null`, `meanDauMau: null` and an empty histogram.
 *
 * @param options The source (`dialect`, `table` or `subquery`, `timestampType`), the
 * columns (`userId`, `timestamp`, default those names) and the options of `stickiness`
 * (`groupBy` a column name).
 * @returns The query text, its parameters and `decode(rows)`.
 * @throws {MetricsInputError} for the option errors of `stickiness`, an unknown dialect, a
 * missing source or an empty column name; `decode` throws when the source had a row with
 * a NULL user id, timestamp or group.
 *
 * @example
 * ```ts
 * import { stickinessSql } from 'customer-success-metrics/sql';
 * const query = stickinessSql({ dialect: 'clickhouse', table: 'events', windows: { mau: 28 }, asOf: '2024-03-02' });
 * query.sql.includes('FROM `events`'); // => true
 * query.params; // => { p1: 1709423999999, p2: 19784, p3: 29 }
 * // Run it (e.g. @clickhouse/client: query({ query: query.sql, query_params: query.params })), then,
 * // for ana active on March 1 and 2 and ben on March 1:
 * const result = query.decode([
 *   { part: 'checks', bad_uid: 0, bad_ms: 0, uid_type: 'String', latest: 1709370000000, first_day: 19783, last_day: 19784 },
 *   { part: 'all', d: 19783, gap: 1, n: 1 },
 *   { part: 'all', d: 19783, gap: 29, n: 1 },
 *   { part: 'all', d: 19784, gap: 29, n: 1 },
 *   { part: 'tally', d: 1, n: 1 },
 *   { part: 'tally', d: 2, n: 1 },
 * ]);
 * [result.meanDauMau, result.band, result.dayCount]; // => [0.75, 'daily-habit', 2]
 * result.histogram.map((bar) => [bar.activeDays, bar.userCount, bar.atLeast]); // => [[1, 1, 2], [2, 1, 1]]
 * ```
 */
export function stickinessSql(options: StickinessSqlOptions & { readonly groupBy: string }): SqlQuery<GroupedStickinessResult>;
export function stickinessSql(options: StickinessSqlOptions): SqlQuery<StickinessResult>;
export function stickinessSql(options: StickinessSqlOptions): SqlQuery<StickinessResult | GroupedStickinessResult> {
  const fn = 'stickinessSql';
  const opts = optionsOf(options, fn, KEYS);
  const source = readSource(fn, opts);
  const d = source.dialect;
  const windows = optionsOf(opts.windows, fn, ['mau'], 'options.windows');
  const mau = windows.mau === undefined ? 30 : readInteger(windows.mau, fn, 'options.windows.mau', 1);
  const thresholds = readThresholds(STICKINESS_SCALE, opts.thresholds, fn, 'options.thresholds');
  const zone = zoneCalendar(opts.timeZone ?? 'UTC', fn);
  const givenAsOf = readAsOf(opts.asOf, zone, fn);
  const bounds = readDayBounds(fn, opts, zone);
  const { grouped, scan: columns, names } = activityColumns(fn, d, opts);
  const values = new QueryValues(d);
  const scan = eventScan(source, values, columns, zone.timeZone, givenAsOf);
  const lowest = bounds.from === null ? null : bounds.from - mau;
  const checkList = checkColumns(grouped ? ['grp'] : []);
  const tally = activeDayTallies(d, values, zone.timeZone, bounds, givenAsOf === null ? null : completeThrough(givenAsOf, zone));
  const parts = [
    { select: { part: "'checks'", ...Object.fromEntries(checkList.map((c) => [c.name, c.name])) }, from: 'FROM checks CROSS JOIN span' },
    ...rollingDeltas(d, values, { partition: [], lengths: [1, mau], lowest, part: 'all' }),
    tally.part('', 'tally'),
    ...(grouped
      ? [
          ...rollingDeltas(d, values, { partition: ['grp'], lengths: [1, mau], lowest, part: 'group' }),
          tally.part('grp', 'gtally'),
          // Every group of the source, events after asOf included (as in-process): its first instant orders it.
          firstEventPart(d),
        ]
      : []),
  ];
  const union = unionParts(d, [...ROLLING_COLUMNS, ['first_ms', 'double'], ...checkList.map((c) => [c.name, c.type] as const)], parts);
  return eventQuery(fn, values, `WITH ${scan}${tally.with}\n${union}`, names, (list, facts) => {
    const asOf = givenAsOf ?? facts.latest;
    const reported = asOfRange(bounds, facts.firstDay, facts.lastDay, asOf, zone);
    // Complete days only (see `stickiness`).
    const lastComplete = completeThrough(asOf, zone);
    const range = reported === null || lastComplete < reported.from ? null : { from: reported.from, to: Math.min(reported.to, lastComplete) };
    const length = range === null ? 0 : range.to - range.from + 1;
    const head = {
      timeZone: zone.timeZone,
      ...asOfEcho(asOf, zone),
      from: range === null ? null : dayKey(range.from),
      to: range === null ? null : dayKey(range.to),
      dayCount: length,
      mauWindow: mau,
      thresholds,
    };
    const activity = activitySource(fn, list, facts, zone, grouped);
    const overall = range === null ? EMPTY_FIGURES : (stickinessFigures(activity.overallCounts(range.from, range.to, [1, mau]), talliesOf(fn, list, 'tally', null, length), 1, length, thresholds)[0] as StickinessFigures);
    if (activity.groupIds === null) return { ...head, ...overall };
    const groupIds = activity.groupIds;
    const codes = new Map(groupIds.map((id, g) => [String(id), g]));
    const figures = range === null ? [] : stickinessFigures(activity.counts(range.from, range.to, [1, mau]), talliesOf(fn, list, 'gtally', codes, length), groupIds.length, length, thresholds);
    return { ...head, ...overall, groups: groupIds.map((group, g) => ({ group, ...(figures[g] ?? EMPTY_FIGURES) })) };
  });
}

/**
 * The tallies of users (per group with `keys`) by number of active days in the range:
 * days from `bounds.from` to the range's last day, the last complete one (`lastComplete`,
 * computed from the given `asOf`; without it the engine computes it from the latest event,
 * in the `WITH` item `cut`), and not after `bounds.to`.
 */
function activeDayTallies(
  d: Dialect,
  values: QueryValues,
  timeZone: string,
  bounds: { readonly from: number | null; readonly to: number | null },
  lastComplete: number | null,
): { with: string; part: (keys: string, part: string) => { select: Record<string, string>; from: string } } {
  const where: string[] = [];
  if (bounds.from !== null) where.push(`day >= ${values.bind(bounds.from, 'integer')}`);
  let cut = '';
  if (lastComplete === null) {
    // The last complete day at the latest event: the day before the one holding the next millisecond.
    cut = `,\ncut AS (SELECT ${localDay(d, values, timeZone, '(latest + 1)')} - 1 AS hi FROM span)`;
    where.push('day <= hi');
    if (bounds.to !== null) where.push(`day <= ${values.bind(bounds.to, 'integer')}`);
  } else {
    where.push(`day <= ${values.bind(Math.min(bounds.to ?? lastComplete, lastComplete), 'integer')}`);
  }
  const scanFrom = `FROM ev${lastComplete === null ? ' CROSS JOIN cut' : ''} WHERE ${where.join(' AND ')}`;
  return {
    with: cut,
    part: (keys, part) => {
      const by = keys === '' ? '' : `${keys}, `;
      const units = `SELECT ${by}uid, count(DISTINCT day) AS k ${scanFrom} GROUP BY ${by}uid`;
      const select: Record<string, string> = { part: `'${part}'`, d: 'k', n: 'count(*)' };
      if (keys !== '') select['grp'] = keys;
      return { select, from: `FROM (${units}) AS units GROUP BY ${by}k` };
    },
  };
}

/**
 * Per group, the users active on exactly k days of the range (k = 1..length):
 * `tallies[g * (length + 1) + k]`, from the rows of `part` (`d` = k, `n` = users, and
 * `grp` when `codes` is given: group text to group index). O(rows).
 */
function talliesOf(fn: string, rows: readonly SqlRow[], part: string, codes: ReadonlyMap<string, number> | null, length: number): Int32Array {
  const groups = codes === null ? 1 : codes.size;
  const tallies = new Int32Array(groups * (length + 1));
  for (const row of rows) {
    if (row['part'] !== part) continue;
    const k = numberOf(fn, row, 'd');
    const group = codes === null ? 0 : codes.get(textOrNull(row, 'grp') ?? '');
    if (k < 1 || k > length || group === undefined) continue;
    tallies[group * (length + 1) + k] = numberOf(fn, row, 'n');
  }
  return tallies;
}
