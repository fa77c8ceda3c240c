/**
 * Rolling distinct counts (DAU, WAU, MAU, any window lengths) from the engine: the query
 * part gives, per (group,) day and capped gap to the user's next active day, the number
 * of user-days; the decoder turns them into the `activeUsers` counts. A user active on
 * day `d` whose next active day is `gap` days later is counted in a window of `w` days on
 * days `d .. d + min(w, gap) - 1`, so +n at `d` and -n at `d + min(w, gap)` of a
 * difference array whose running sum is the count. One window-function pass in the
 * engine; result rows at most days × (longest window + 1) per group.
 * @internal
 */

import { compareIds } from '../../core/id-order.js';
import type { Id } from '../../core/read.js';
import type { ZoneCalendar } from '../../core/time-zone.js';
import type { ActivitySource } from '../../engagement/internal/active-users-series.js';
import type { SqlRow } from '../types.js';
import type { ScanFacts } from './checks.js';
import { numberOf, textOrNull } from './decode.js';
import type { Dialect } from './dialect.js';
import type { QueryValues, UnionColumn } from './query-text.js';

/** The result columns the gap parts fill. */
export const ROLLING_COLUMNS: readonly UnionColumn[] = [
  ['part', 'text'],
  ['grp', 'text'],
  ['d', 'integer'],
  ['gap', 'integer'],
  ['n', 'integer'],
];

/** The union part counting user-days by (group,) day and gap, gaps capped at the longest window + 1. */
export function rollingDeltas(
  d: Dialect,
  values: QueryValues,
  spec: { readonly partition: readonly string[]; readonly lengths: readonly number[]; readonly lowest: number | null; readonly part: string },
): { select: Record<string, string>; from: string }[] {
  const cap = values.bind(Math.max(...spec.lengths) + 1, 'integer');
  const keys = spec.partition.map((c) => `${c}, `).join('');
  const where = spec.lowest === null ? '' : ` WHERE day >= ${values.bind(spec.lowest, 'integer')}`;
  const units = `SELECT DISTINCT ${keys}uid, day FROM ev${where}`;
  const next = d.next('day', [...spec.partition, 'uid'].join(', '), 'day');
  const spans = `SELECT ${keys}day, ${next} AS nxt FROM (${units}) AS units`;
  const gaps = `SELECT ${keys}day AS d, CASE WHEN nxt IS NULL OR nxt - day >= ${cap} THEN ${cap} ELSE nxt - day END AS gap FROM (${spans}) AS spans`;
  const select: Record<string, string> = { part: `'${spec.part}'`, d: 'd', gap: 'gap', n: 'count(*)' };
  if (spec.partition.length > 0) select['grp'] = 'grp';
  return [{ select, from: `FROM (${gaps}) AS gaps GROUP BY ${keys}d, gap` }];
}

/** The {@link ActivitySource} of the decoded rows (parts `'all'`, and `'group'` and `'first'` when grouped). */
export function activitySource(fn: string, rows: readonly SqlRow[], facts: ScanFacts, zone: ZoneCalendar, grouped: boolean): ActivitySource {
  const groupIds = grouped ? groupOrder(fn, rows, facts.extraId('grp')) : null;
  const codes = new Map<string, number>((groupIds ?? []).map((id, i) => [String(id), i]));
  const all = rows.filter((r) => r['part'] === 'all');
  const byGroup = rows.filter((r) => r['part'] === 'group');
  return {
    zone,
    firstDay: facts.firstDay,
    lastDay: facts.lastDay,
    latest: facts.latest,
    groupIds,
    groupCount: groupIds === null ? 1 : groupIds.length,
    counts: (from, to, windows) => (grouped ? counts(fn, byGroup, codes, from, to, windows) : counts(fn, all, null, from, to, windows)),
    overallCounts: (from, to, windows) => counts(fn, all, null, from, to, windows),
  };
}

/** Groups in order of first event, ties by id. */
function groupOrder(fn: string, rows: readonly SqlRow[], readId: (text: string) => Id): Id[] {
  const firsts = rows
    .filter((r) => r['part'] === 'first')
    .map((r) => ({ id: readId(textOrNull(r, 'grp') ?? ''), first: numberOf(fn, r, 'first_ms') }));
  firsts.sort((a, b) => a.first - b.first || compareIds(a.id, b.id));
  return firsts.map((f) => f.id);
}

/** Rolling counts over `[from, to]` for each window, group-major (as `rollingCounts` lays them out). */
function counts(fn: string, rows: readonly SqlRow[], codes: Map<string, number> | null, from: number, to: number, windows: readonly number[]): Int32Array[] {
  const groups = codes === null ? 1 : codes.size;
  const length = to - from + 1;
  let first = from;
  for (const row of rows) first = Math.min(first, numberOf(fn, row, 'd'));
  const span = to - first + 2;
  const deltas = windows.map(() => new Float64Array(groups * span));
  for (const row of rows) {
    const group = codes === null ? 0 : (codes.get(textOrNull(row, 'grp') ?? '') ?? 0);
    const day = numberOf(fn, row, 'd');
    if (day > to) continue;
    const gap = numberOf(fn, row, 'gap');
    const n = numberOf(fn, row, 'n');
    const base = group * span - first;
    windows.forEach((w, k) => {
      const delta = deltas[k] as Float64Array;
      delta[base + day] = (delta[base + day] as number) + n;
      const end = day + Math.min(w, gap);
      if (end <= to) delta[base + end] = (delta[base + end] as number) - n;
    });
  }
  return deltas.map((delta) => {
    const out = new Int32Array(groups * length);
    for (let g = 0; g < groups; g++) {
      let running = 0;
      for (let day = first; day <= to; day++) {
        running += delta[g * span + day - first] as number;
        if (day >= from) out[g * length + day - from] = running;
      }
    }
    return out;
  });
}
