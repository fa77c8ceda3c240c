import { readChartOptions } from './internal/chart.js';
import { bridgeLabels, readMrrBridge } from './internal/mrr-bridge-bars.js';
import { stackedBarsSpec } from './internal/stacked-bars.js';
import type { ChartOptions, MrrBridgeChartInput, VegaLiteSpec } from './types.js';

const FN = 'mrrBridgeChartSpec';

/**
 * The MRR bridge of {@link mrrBridgeChart} as a Vega-Lite v5 specification, for notebooks
 * that render `application/vnd.vegalite.v5+json` (JupyterLab, VS Code, Deno's kernel) or
 * for `vegaEmbed`.
 *
 * Drawing: the same picture as the SVG: per month, new, expansion and reactivation MRR
 * stacked up from zero, contraction and churned MRR stacked down (negative `amount`s,
 * `stack: 'zero'`), a month in progress faded, the net new MRR as a line with a point per
 * month, a rule at zero; tooltips on bars and points. `data.values` holds one row per
 * non-zero movement `{ month, series, order, amount, value, complete }`; the net line has
 * its own `data.values` `{ month, net, complete }`. Plain JSON, transparent background,
 * neutral grey ink that reads on light and dark themes.
 *
 * Source: Vega-Lite v5 (stacked bar with a layered line); the bridge as ChartMogul and
 * Baremetrics draw it.
 *
 * Cost: O(months × 5) plus the sort of the months.
 *
 * Edge cases: as {@link mrrBridgeChart}: no months give empty axes; zero movements add no
 * row.
 *
 * @param result An `mrrMovements` result as it is, or `{ months, currency? }`.
 * @param options `{ title?, subtitle?, xLabel?, yLabel?, width?, height? }`.
 * @returns A Vega-Lite v5 spec (plain JSON).
 * @throws {MetricsInputError} as {@link mrrBridgeChart}, naming `mrrBridgeChartSpec`.
 *
 * @example
 * ```ts
 * import { mrrBridgeChartSpec } from 'customer-success-metrics/display';
 * import { mrrMovements } from 'customer-success-metrics/revenue';
 * const bridge = mrrMovements([
 *   { accountId: 'a', month: '2026-01', mrr: 100 },
 *   { accountId: 'a', month: '2026-02', mrr: 150 },
 *   { accountId: 'b', month: '2026-02', mrr: 80 },
 * ]);
 * const spec = mrrBridgeChartSpec(bridge);
 * spec.$schema; // => 'https://vega.github.io/schema/vega-lite/v5.json'
 * // January is the baseline (its 100 is starting MRR); February: 80 new, 50 expansion.
 * (spec.data as { values: { month: string; series: string; amount: number }[] }).values.map((v) => `${v.month} ${v.series} ${v.amount}`);
 * // => ['2026-02 new 80', '2026-02 expansion 50']
 * ```
 */
export function mrrBridgeChartSpec(result: MrrBridgeChartInput, options?: ChartOptions): VegaLiteSpec {
  const { bars, currency } = readMrrBridge(result, FN);
  const labels = readChartOptions(options, FN, bridgeLabels(bars, currency));
  return stackedBarsSpec(bars, labels);
}
