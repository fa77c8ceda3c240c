/**
 * Reading an `nps` result (grouped or not) for `npsChart` and its spec.
 * @internal
 */

import { fail } from '../../core/errors.js';
import { isId, readChoice, requireIterable, requireRecord } from '../../core/read.js';
import { readNullableNumber } from './series.js';
import { formatNumber } from './scale.js';

/** One point: a group's NPS with its interval. */
export interface NpsPoint {
  readonly group: string;
  readonly score: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  readonly n: number;
  readonly promoterShare: number | null;
  readonly passiveShare: number | null;
  readonly detractorShare: number | null;
}

/** The points to draw, the overall figures, and the interval's level and method. */
export interface NpsData {
  readonly points: NpsPoint[];
  readonly overall: NpsPoint;
  readonly grouped: boolean;
  readonly confidence: number | null;
  readonly method: string | null;
}

function readFigures(value: Record<string, unknown>, group: string, fn: string, at: string): NpsPoint {
  const n = value['n'];
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) fail(fn, `${at}.n`, 'invalid-number', 'must be a whole number >= 0', n);
  const read = (key: string): number | null => readNullableNumber(value[key], fn, `${at}.${key}`, true);
  return {
    group,
    score: read('score'),
    lower: read('lower'),
    upper: read('upper'),
    n,
    promoterShare: read('promoterShare'),
    passiveShare: read('passiveShare'),
    detractorShare: read('detractorShare'),
  };
}

/** Numbers first (ascending), then strings by UTF-16 code units: periods `YYYY-MM` in time order. */
function compareGroups(a: string | number, b: string | number): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'number') return -1;
  if (typeof b === 'number') return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The groups of a grouped result (in `order`), or the overall figures as one point `all`. */
export function readNps(result: unknown, fn: string, order: unknown): NpsData {
  if (result === null || typeof result !== 'object' || !('n' in result)) {
    return fail(fn, 'result', 'invalid-input', 'must be an nps result { score, lower, upper, n, groups? }', result);
  }
  const sort = readChoice(order, ['group', 'given'] as const, 'group', fn, 'options.order');
  const r = result as Record<string, unknown>;
  const overall = readFigures(r, 'all', fn, 'result');
  const level = r['confidence'];
  const confidence = typeof level === 'number' && level > 0 && level < 1 ? level : null;
  const method = typeof r['method'] === 'string' ? r['method'] : null;
  if (r['groups'] === undefined) return { points: [overall], overall, grouped: false, confidence, method };
  const rows: { id: string | number; point: NpsPoint }[] = [];
  let j = 0;
  for (const entry of requireIterable<unknown>(r['groups'], fn, 'result.groups')) {
    requireRecord(entry, fn, 'result.groups', j);
    const g = entry as Record<string, unknown>;
    const id = g['group'];
    if (!isId(id)) fail(fn, `result.groups[${j}].group`, 'invalid-id', 'must be a non-empty string or a finite number', id);
    rows.push({ id, point: readFigures(g, String(id), fn, `result.groups[${j}]`) });
    j++;
  }
  if (sort === 'group') rows.sort((a, b) => compareGroups(a.id, b.id));
  return { points: rows.map((row) => row.point), overall, grouped: true, confidence, method };
}

/** The default title, subtitle and labels. */
export function npsDefaults(data: NpsData): { title: string; subtitle: string; xLabel: string; yLabel: string } {
  const level = data.confidence === null ? 'interval' : `${Number((data.confidence * 100).toFixed(2))}% interval`;
  const method = data.method === null ? '' : ` (${data.method})`;
  const overall = data.overall.score === null ? '' : `; overall ${formatNumber(data.overall.score, 0)} (n = ${formatNumber(data.overall.n, 0)})`;
  return {
    title: data.grouped ? 'NPS by group' : 'NPS',
    subtitle: `Bars: ${level}${method}${overall}`,
    xLabel: data.grouped ? 'group' : '',
    yLabel: 'NPS (−100 to 100)',
  };
}

/** A tooltip line for a point. */
export function npsTooltip(p: NpsPoint): string {
  const pct = (v: number | null): string => (v === null ? '–' : `${formatNumber(v * 100, 0)}%`);
  const score = p.score === null ? 'no answers' : `NPS ${formatNumber(p.score, 1)}`;
  const interval = p.lower !== null && p.upper !== null ? ` (${formatNumber(p.lower, 1)} to ${formatNumber(p.upper, 1)})` : '';
  return `${p.group}: ${score}${interval}; n = ${formatNumber(p.n, 0)}; promoters ${pct(p.promoterShare)}, passives ${pct(p.passiveShare)}, detractors ${pct(p.detractorShare)}`;
}
