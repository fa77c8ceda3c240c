import { layout, readChartOptions, renderChart, type LegendEntry, type Rect, type Tick } from './internal/chart.js';
import { truncate } from './internal/escape.js';
import { dot, errorBar, label } from './internal/marks.js';
import { npsDefaults, npsTooltip, readNps } from './internal/nps-data.js';
import { SEMANTIC } from './internal/palette.js';
import { coord } from './internal/path.js';
import { bandScale, formatNumber, linearScale } from './internal/scale.js';
import type { NpsChartInput, NpsChartOptions } from './types.js';

const FN = 'npsChart';

/** The NPS axis: always −100 to 100, ticks every 50. */
const NPS_TICKS = { domain: [-100, 100] as const, ticks: [-100, -50, 0, 50, 100], decimals: 0 };

/**
 * SVG chart of an `nps` result grouped by period (or plan...) with `groupBy`: each group's
 * NPS as a dot with its confidence interval as an error bar, on the full −100..100 scale,
 * the overall NPS as a dashed line across.
 *
 * Drawing: one band per group along x (by default sorted by group, so `YYYY-MM` periods
 * run in time order; `order: 'given'` keeps the result's order), a `<circle
 * class="point">` at the score with its value printed beside it, a `<path
 * class="error-bar">` from `lower` to `upper`; a group without answers (`score: null`)
 * has neither. The zero line is stressed. Legend: the groups' NPS and the overall line. A
 * result without `groups` is drawn as one point, "all". Tooltips give n and the promoter,
 * passive and detractor shares. Default title "NPS by group", subtitle with the interval's
 * level and method and the overall NPS.
 *
 * Source: Net Promoter Score (Reichheld 2003; Bain) with the Wald or adjusted-Wald interval
 * of `nps`; error bars as in any point-estimate chart.
 *
 * Cost: O(groups). Pure string building.
 *
 * Edge cases: no groups, or no answers at all, give the empty axes with a "No data" note.
 * Group labels are cut to 10 characters, and thinned when there are many groups.
 *
 * @param result An `nps` result, grouped (`groupBy`) or not.
 * @param options `{ title?, subtitle?, xLabel?, yLabel?, width?, height?, order? }`.
 * @returns An SVG document; wrap it in {@link displayable}.
 * @throws {MetricsInputError} `invalid-input` when `result` is not an nps result (no `n`);
 * `invalid-number` at `result.n` / `result.groups[j].n` (whole number >= 0) and `.score`,
 * `.lower`, `.upper` (finite or null); `invalid-id` at `result.groups[j].group`;
 * `invalid-option` for `order` other than `'group'` or `'given'`; `unknown-option` for an
 * unknown key.
 *
 * @example
 * ```ts
 * import { npsChart } from 'customer-success-metrics/display';
 * import { nps } from 'customer-success-metrics/scores';
 * const answers = [
 *   { month: '2026-02', score: 10 }, { month: '2026-02', score: 6 }, { month: '2026-02', score: 9 },
 *   { month: '2026-01', score: 8 }, { month: '2026-01', score: 10 },
 * ];
 * const svg = npsChart(nps(answers, { groupBy: 'month' }));
 * svg.match(/class="point"/g)?.length; // => 2
 * svg.indexOf('>2026-01</text>') < svg.indexOf('>2026-02</text>'); // => true
 * ```
 */
export function npsChart(result: NpsChartInput, options?: NpsChartOptions): string {
  const raw = readChartOptions(options, FN, {}, ['order']);
  const data = readNps(result, FN, raw.extra.order);
  const o = readChartOptions(options, FN, npsDefaults(data), ['order']);
  const { points } = data;
  const legend: LegendEntry[] = data.grouped && data.overall.score !== null ? [{ name: 'NPS (interval)', color: SEMANTIC.primary, mark: 'point' }, { name: 'overall', color: SEMANTIC.neutral, mark: 'dash' }] : [];
  const lay = layout(o, { legend, yTickChars: 4, xTickChars: Math.min(10, Math.max(4, ...points.map((p) => Array.from(p.group).length))) });
  const plot = lay.plots[0] as Rect;
  const x = bandScale(points.length, [plot.left, plot.right], 0.3);
  const y = linearScale(NPS_TICKS, [plot.bottom, plot.top]);
  // At most one label per ~70 px.
  const every = Math.max(1, Math.ceil((points.length * 70) / Math.max(1, plot.right - plot.left)));
  const xTicks: Tick[] = points.flatMap((p, i) => (i % every === 0 ? [{ px: x.center(i), label: truncate(p.group, 10) }] : []));
  const body: string[] = [];
  if (data.grouped && data.overall.score !== null) {
    const oy = coord(y(data.overall.score));
    body.push(`<line class="overall" x1="${coord(plot.left)}" x2="${coord(plot.right)}" y1="${oy}" y2="${oy}" stroke="${SEMANTIC.neutral}" stroke-width="1.5" stroke-dasharray="6 4"><title>overall NPS ${formatNumber(data.overall.score, 1)}</title></line>`);
  }
  const cap = Math.min(14, x.bandwidth * 0.5);
  const labelled = points.length <= 16;
  points.forEach((p, i) => {
    if (p.score === null) return;
    const cx = x.center(i);
    const tip = npsTooltip(p);
    if (p.lower !== null && p.upper !== null) body.push(errorBar(cx, y(p.lower), y(p.upper), cap, SEMANTIC.primary, tip));
    body.push(dot(cx, y(p.score), 4.5, SEMANTIC.primary, tip));
    if (labelled) body.push(label(cx + 8, y(p.score) - 6, formatNumber(p.score, 0), 'start', { size: 11 }));
  });
  const empty = points.every((p) => p.score === null);
  return renderChart({
    layout: lay,
    labels: o,
    ariaLabel: 'NPS chart',
    legend,
    panels: [{ plot, xTicks, yTicks: NPS_TICKS.ticks.map((t) => ({ px: y(t), label: formatNumber(t, 0) })), body: body.join(''), baseline: y(0) }],
    ...(empty ? { note: 'No data' } : {}),
  });
}
