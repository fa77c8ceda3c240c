import { readChartOptions } from './internal/chart.js';
import { growthLabels, readGrowthBars } from './internal/growth-bars.js';
import { stackedBarsSpec } from './internal/stacked-bars.js';
import type { ChartOptions, GrowthLifecycleChartInput, VegaLiteSpec } from './types.js';

const FN = 'growthLifecycleChartSpec';

/**
 * The growth lifecycle of {@link growthLifecycleChart} as a Vega-Lite v5 specification,
 * for notebooks that render `application/vnd.vegalite.v5+json` (JupyterLab, VS Code,
 * Deno's kernel) or for `vegaEmbed`.
 *
 * Drawing: the same picture as the SVG: per period, new, returning and resurrecting users
 * stacked up from zero, dormant users down (a negative `amount`, `stack: 'zero'`), a
 * period in progress faded, a rule at zero; tooltips on the bars. `data.values` holds one
 * row per non-zero count `{ period, series, order, amount, value, complete }`. Plain JSON,
 * transparent background, neutral grey ink that reads on light and dark themes.
 *
 * Source: Vega-Lite v5 (diverging stacked bars); the chart as Mixpanel and PostHog draw it.
 *
 * Cost: O(periods) plus the sort of the periods.
 *
 * Edge cases: as {@link growthLifecycleChart}: no periods give empty axes; zero counts add
 * no row.
 *
 * @param result A `growthLifecycle` result as it is, or `{ periods, period? }`.
 * @param options `{ title?, subtitle?, xLabel?, yLabel?, width?, height? }`.
 * @returns A Vega-Lite v5 spec (plain JSON).
 * @throws {MetricsInputError} as {@link growthLifecycleChart}, naming `growthLifecycleChartSpec`.
 *
 * @example
 * ```ts
 * import { growthLifecycleChartSpec } from 'customer-success-metrics/display';
 * import { growthLifecycle } from 'customer-success-metrics/lifecycle';
 * const growth = growthLifecycle(
 *   [
 *     { userId: 'a', timestamp: '2026-01-05T10:00:00Z' },
 *     { userId: 'b', timestamp: '2026-01-06T10:00:00Z' },
 *     { userId: 'a', timestamp: '2026-02-03T10:00:00Z' },
 *   ],
 *   { period: 'month', asOf: '2026-02-28' },
 * );
 * const spec = growthLifecycleChartSpec(growth);
 * (spec.data as { values: { series: string; amount: number }[] }).values.map((v) => `${v.series} ${v.amount}`);
 * // => ['new 2', 'returning 1', 'dormant -1']
 * ```
 */
export function growthLifecycleChartSpec(result: GrowthLifecycleChartInput, options?: ChartOptions): VegaLiteSpec {
  const { bars, period } = readGrowthBars(result, FN);
  const labels = readChartOptions(options, FN, growthLabels(bars, period));
  return stackedBarsSpec(bars, labels);
}
