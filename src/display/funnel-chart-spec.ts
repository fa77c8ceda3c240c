import { readChartOptions } from './internal/chart.js';
import { readFunnel } from './internal/funnel-stages.js';
import { SEMANTIC } from './internal/palette.js';
import { jsonNumber, vegaSpec } from './internal/vega-lite.js';
import type { ChartOptions, FunnelChartInput, JsonValue, VegaLiteSpec } from './types.js';

const FN = 'funnelChartSpec';

/**
 * The lifecycle funnel of {@link funnelChart} as a Vega-Lite v5 specification, for
 * notebooks that render `application/vnd.vegalite.v5+json` (JupyterLab, VS Code, Deno's
 * kernel) or for `vegaEmbed`.
 *
 * Drawing: the same picture as the SVG: a horizontal bar per stage (its `reached`
 * journeys), stages top to bottom in order, the count at the end of each bar, and in the
 * gap above each bar the conversion from the stage before (`30% of previous (26–34%),
 * median 2.4 days`); tooltips on the bars. `data.values` holds one row per stage
 * `{ stage, order, reached, conversion, lower, upper, medianDays, conversionLabel }`
 * (`null` where there is none). Plain JSON, transparent background, neutral grey ink that
 * reads on light and dark themes.
 *
 * Source: Vega-Lite v5 (bar with text layers); the funnel as Amplitude and Mixpanel show it.
 *
 * Cost: O(stages).
 *
 * Edge cases: as {@link funnelChart}: no stages give empty axes.
 *
 * @param result A `lifecycleFunnel` result as it is, or `{ stages }`.
 * @param options `{ title?, subtitle?, xLabel?, yLabel?, width?, height? }`.
 * @returns A Vega-Lite v5 spec (plain JSON).
 * @throws {MetricsInputError} as {@link funnelChart}, naming `funnelChartSpec`.
 *
 * @example
 * ```ts
 * import { funnelChartSpec } from 'customer-success-metrics/display';
 * const spec = funnelChartSpec({
 *   stages: [
 *     { name: 'signed-up', reached: 200, conversionFromPrevious: null },
 *     { name: 'activated', reached: 120, conversionFromPrevious: { value: 0.6, lower: 0.53, upper: 0.67 } },
 *   ],
 * });
 * (spec.data as { values: { stage: string; conversionLabel: string | null }[] }).values.map((v) => v.conversionLabel);
 * // => [null, '↓ 60% of previous (53–67%)']
 * ```
 */
export function funnelChartSpec(result: FunnelChartInput, options?: ChartOptions): VegaLiteSpec {
  const { stages, subtitle } = readFunnel(result, FN);
  const labels = readChartOptions(options, FN, { title: 'Lifecycle funnel', subtitle, xLabel: 'journeys that reached the stage', yLabel: 'stage' });
  const values: JsonValue[] = stages.map((s, order) => ({
    stage: s.name,
    order,
    reached: jsonNumber(s.reached),
    conversion: jsonNumber(s.conversion?.value),
    lower: jsonNumber(s.conversion?.lower),
    upper: jsonNumber(s.conversion?.upper),
    medianDays: jsonNumber(s.medianDays),
    conversionLabel: s.conversionLabel === '' ? null : `↓ ${s.conversionLabel}`,
  }));
  const names = stages.map((s) => s.name);
  const y: { [key: string]: JsonValue } = {
    field: 'stage',
    type: 'nominal',
    sort: names,
    scale: { paddingInner: 0.45, paddingOuter: 0.3 },
    axis: { title: labels.yLabel === '' ? null : labels.yLabel, labelLimit: 140 },
  };
  // No stages: a fixed domain, as the SVG's empty axes (Vega warns of an infinite extent otherwise).
  const x = {
    field: 'reached',
    type: 'quantitative',
    ...(stages.length === 0 ? { scale: { domain: [0, 1] } } : {}),
    axis: { title: labels.xLabel === '' ? null : labels.xLabel, format: ',~f', grid: true },
  };
  return vegaSpec(labels, {
    data: { values },
    encoding: { y },
    layer: [
      {
        mark: { type: 'bar', color: SEMANTIC.primary },
        encoding: {
          x,
          tooltip: [
            { field: 'stage', type: 'nominal' },
            { field: 'reached', type: 'quantitative', format: ',' },
            { field: 'conversion', type: 'quantitative', format: '.1%', title: 'of previous' },
            { field: 'lower', type: 'quantitative', format: '.1%', title: 'interval from' },
            { field: 'upper', type: 'quantitative', format: '.1%', title: 'interval to' },
            { field: 'medianDays', type: 'quantitative', format: '.1f', title: 'median days from previous' },
          ],
        },
      },
      { mark: { type: 'text', align: 'left', dx: 4, fontWeight: 600 }, encoding: { x, text: { field: 'reached', type: 'quantitative', format: ',' } } },
      {
        transform: [{ filter: 'datum.conversionLabel !== null' }],
        mark: { type: 'text', align: 'left', baseline: 'bottom', dx: 4, dy: -3, fontSize: 11 },
        encoding: { x: { datum: 0, type: 'quantitative' }, y: { ...y, bandPosition: 0 }, text: { field: 'conversionLabel', type: 'nominal' } },
      },
    ],
  });
}
