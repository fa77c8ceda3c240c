import { readChartOptions } from './internal/chart.js';
import { NEUTRAL_INK } from './internal/palette.js';
import { readRevenueRetention } from './internal/revenue-retention-lines.js';
import { jsonNumber, vegaSpec } from './internal/vega-lite.js';
import type { ChartOptions, JsonValue, RevenueRetentionChartInput, VegaLiteSpec } from './types.js';

const FN = 'revenueRetentionChartSpec';

/**
 * Net and gross revenue retention over time, as {@link revenueRetentionChart} draws them,
 * as a Vega-Lite v5 specification, for notebooks that render
 * `application/vnd.vegalite.v5+json` (JupyterLab, VS Code, Deno's kernel) or for
 * `vegaEmbed`.
 *
 * Drawing: the same picture as the SVG: a line with points per measure (NRR, GRR) over the
 * windows' end months (a UTC year-month axis, not widened past the data), a dashed rule at
 * 100%, the y axis in % (not forced to start at zero); tooltips on the points. `data.values`
 * holds one row per window with a value `{ month, measure, value, complete }`; windows
 * without a value are left out (the line joins its neighbours). Plain JSON, transparent
 * background, neutral grey ink that reads on light and dark themes.
 *
 * Source: Vega-Lite v5 (layered line and rule).
 *
 * Cost: O(windows) plus their sort.
 *
 * Edge cases: as {@link revenueRetentionChart}: no windows give empty axes.
 *
 * @param result `{ nrr?, grr? }`, each a revenue retention result computed with `trailing: true`.
 * @param options `{ title?, subtitle?, xLabel?, yLabel?, width?, height? }`.
 * @returns A Vega-Lite v5 spec (plain JSON).
 * @throws {MetricsInputError} as {@link revenueRetentionChart}, naming `revenueRetentionChartSpec`.
 *
 * @example
 * ```ts
 * import { revenueRetentionChartSpec } from 'customer-success-metrics/display';
 * import { netRevenueRetention } from 'customer-success-metrics/revenue';
 * const snapshots = [
 *   { accountId: 'a', month: '2026-01', mrr: 100 },
 *   { accountId: 'a', month: '2026-02', mrr: 120 },
 *   { accountId: 'a', month: '2026-03', mrr: 90 },
 * ];
 * const nrr = netRevenueRetention(snapshots, { windowMonths: 1, trailing: true });
 * const spec = revenueRetentionChartSpec({ nrr });
 * (spec.data as { values: { month: string; value: number }[] }).values.map((v) => `${v.month} ${v.value}`);
 * // => ['2026-02 1.2', '2026-03 0.75']
 * ```
 */
export function revenueRetentionChartSpec(result: RevenueRetentionChartInput, options?: ChartOptions): VegaLiteSpec {
  const { lines, empty: _empty, ...defaults } = readRevenueRetention(result, FN);
  const labels = readChartOptions(options, FN, defaults);
  const values: JsonValue[] = [];
  for (const line of lines) {
    for (const p of line.points) {
      if (p.value !== null) values.push({ month: p.key, measure: line.name, value: jsonNumber(p.value), complete: p.complete });
    }
  }
  // No windows: fixed domains, as the SVG's empty axes (Vega warns of an infinite extent otherwise).
  const empty = values.length === 0;
  const color = {
    field: 'measure',
    type: 'nominal',
    scale: { domain: lines.map((l) => l.name), range: lines.map((l) => l.color) },
    legend: lines.length > 1 ? { title: null } : null,
  };
  return vegaSpec(
    labels,
    {
      data: { values },
      layer: [
        // 100%, drawn once (its own one-row data, not once per window).
        { data: { values: [{}] }, mark: { type: 'rule', color: NEUTRAL_INK, strokeDash: [4, 3] }, encoding: { y: { datum: 1, type: 'quantitative' } } },
        {
          mark: { type: 'line', point: true, strokeWidth: 2 },
          encoding: {
            x: {
              field: 'month',
              type: 'temporal',
              timeUnit: 'utcyearmonth',
              scale: empty ? { nice: false, domain: [0, 1] } : { nice: false },
              axis: { title: labels.xLabel === '' ? null : labels.xLabel, format: '%Y-%m', tickCount: { interval: 'month', step: 1 }, labelOverlap: 'greedy', ...(empty ? { labels: false, ticks: false } : {}) },
            },
            y: { field: 'value', type: 'quantitative', scale: empty ? { domain: [0, 1] } : { zero: false }, axis: { title: labels.yLabel === '' ? null : labels.yLabel, format: '.0%' } },
            color,
            tooltip: [
              { field: 'month', type: 'temporal', timeUnit: 'utcyearmonth', format: '%Y-%m', title: 'month' },
              { field: 'measure', type: 'nominal' },
              { field: 'value', type: 'quantitative', format: '.1%', title: 'retained' },
            ],
          },
        },
      ],
    },
    { legend: lines.length > 1 },
  );
}
