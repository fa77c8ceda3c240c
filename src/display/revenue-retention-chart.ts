import { monthKey } from '../core/calendar.js';
import { layout, readChartOptions, renderChart, ticksOf, type LegendEntry } from './internal/chart.js';
import { dot, seriesPath } from './internal/marks.js';
import { INK } from './internal/palette.js';
import { coord, linePath, runs } from './internal/path.js';
import { readRevenueRetention } from './internal/revenue-retention-lines.js';
import { formatPercent, linearScale, niceTicks, percentTick } from './internal/scale.js';
import type { ChartOptions, RevenueRetentionChartInput } from './types.js';

const FN = 'revenueRetentionChart';

/**
 * SVG chart of net and gross revenue retention over time: for each month, how much of the
 * MRR of the customers paying a window earlier is still there.
 *
 * Drawing: one line per result, NRR (blue) and GRR (orange), through the value of the
 * trailing window ending in each month (`trailing` of `netRevenueRetention` /
 * `grossRevenueRetention` with `trailing: true`), a dot per window with a value; a window
 * without one (pending, or a cohort without MRR) leaves a gap. A dashed line marks 100%
 * (all the MRR kept: NRR above it means expansion outgrew churn). Axes: months, spanning
 * the data exactly, at most 6 labels; retention in % with round ticks over the values and
 * 100%. A legend when both are drawn. One `path.series` per line, one `circle.point` per
 * value (tooltip: month, measure, value).
 *
 * Results compose, with a name: NRR and GRR results have the same shape, so they go in as
 * `{ nrr, grr }`, `{ nrr }` or `{ grr }`: `revenueRetentionChart({ nrr: netRevenueRetention(s,
 * { trailing: true }), grr: grossRevenueRetention(s, { trailing: true }) })`.
 *
 * Source: NRR/GRR trend lines as ChartMogul and the SaaS metrics reports (KeyBanc) show
 * them; the definitions are the revenue module's.
 *
 * Cost: O(windows) plus their sort. Pure string building.
 *
 * Edge cases: no windows (data shorter than the window) give empty axes with the note
 * `No 12-month window in the data yet`; a single window is a dot.
 *
 * @param result `{ nrr?, grr? }`, each a revenue retention result computed with
 * `trailing: true` (or `{ trailing: [{ month, value, complete? }], windowMonths? }`).
 * @param options `{ title?, subtitle?, xLabel?, yLabel?, width?, height? }` (defaults: `Net
 * and gross revenue retention`, what a value is, `month (end of the window)`, `MRR retained
 * (% of starting MRR)`).
 * @returns An SVG document as a string; wrap it in {@link displayable} for a notebook.
 * @throws {MetricsInputError} `invalid-input` at `result` when it is not an object with
 * `nrr` or `grr` (a bare result: name it), at `result.nrr.trailing` when the result was
 * computed without `trailing: true` or is not iterable; `invalid-record` for a window that
 * is not an object; `invalid-month` at `result.nrr.trailing[i].month`; `duplicate-month`;
 * `invalid-number` at `.value` (finite or null); `invalid-boolean` at `.complete`;
 * `invalid-option` / `unknown-option` for the options.
 *
 * @example
 * ```ts
 * import { revenueRetentionChart } from 'customer-success-metrics/display';
 * import { grossRevenueRetention, netRevenueRetention } from 'customer-success-metrics/revenue';
 * const snapshots = [
 *   { accountId: 'a', month: '2026-01', mrr: 100 },
 *   { accountId: 'a', month: '2026-02', mrr: 120 },
 *   { accountId: 'a', month: '2026-03', mrr: 90 },
 *   { accountId: 'b', month: '2026-01', mrr: 50 },
 *   { accountId: 'b', month: '2026-02', mrr: 50 },
 * ];
 * const nrr = netRevenueRetention(snapshots, { windowMonths: 1, trailing: true });
 * const grr = grossRevenueRetention(snapshots, { windowMonths: 1, trailing: true });
 * nrr.trailing.map((w) => w.value); // => [1.1333333333333333, 0.5294117647058824]
 * const svg = revenueRetentionChart({ nrr, grr });
 * svg.match(/class="series"/g)?.length; // => 2
 * svg.match(/class="point"/g)?.length; // => 4
 * ```
 */
export function revenueRetentionChart(result: RevenueRetentionChartInput, options?: ChartOptions): string {
  const { lines, empty, ...defaults } = readRevenueRetention(result, FN);
  const labels = readChartOptions(options, FN, defaults);
  let first = Infinity;
  let last = -Infinity;
  let lo = 1;
  let hi = 1;
  for (const line of lines) {
    for (const p of line.points) {
      first = Math.min(first, p.monthNumber);
      last = Math.max(last, p.monthNumber);
      if (p.value !== null) {
        lo = Math.min(lo, p.value);
        hi = Math.max(hi, p.value);
      }
    }
  }
  const none = first === Infinity;
  // Nothing to draw: 0% to 100%, the reference at the top.
  if (lo === 1 && hi === 1 && lines.every((l) => l.points.every((p) => p.value === null))) lo = 0;
  const xt = niceTicks(none ? 0 : first, none ? 1 : last, { count: 5, integer: true, maxTicks: 6, widen: false });
  const yt = niceTicks(lo, hi, { count: 5 });
  const yFormat = percentTick(yt);
  const legend: LegendEntry[] = lines.length > 1 ? lines.map((l) => ({ name: l.name, color: l.color, mark: 'line' })) : [];
  const lay = layout(labels, { legend, yTickChars: Math.max(...yt.ticks.map((t) => yFormat(t).length)), xTickChars: 7 });
  const plot = lay.plots[0] as (typeof lay.plots)[number];
  const x = linearScale(xt, [plot.left, plot.right]);
  const y = linearScale(yt, [plot.bottom, plot.top]);
  const body: string[] = [];
  const ref = coord(y(1));
  body.push(`<line class="reference" x1="${coord(plot.left)}" x2="${coord(plot.right)}" y1="${ref}" y2="${ref}" stroke="currentColor" stroke-opacity="${INK.axisOpacity}" stroke-dasharray="4 3"><title>100%: all the starting MRR kept</title></line>`);
  lines.forEach((line, i) => {
    const parts = runs(line.points, (p) => p.value !== null).map((run) => run.map((p) => [x(p.monthNumber), y(p.value as number)] as const));
    if (parts.length > 0) body.push(seriesPath(linePath(parts), line.color, line.name, i));
    for (const p of line.points) {
      if (p.value !== null) body.push(dot(x(p.monthNumber), y(p.value), 3, line.color, `${p.key}: ${line.name} ${formatPercent(p.value, 1)}`));
    }
  });
  const xTicks = none ? [] : ticksOf(x, (t) => monthKey(t));
  return renderChart({
    layout: lay,
    labels,
    ariaLabel: defaults.title,
    legend,
    panels: [{ plot, xTicks, yTicks: ticksOf(y, yFormat), body: body.join('') }],
    ...(none ? { note: empty } : {}),
  });
}
