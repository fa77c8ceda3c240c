import { readChartOptions } from './internal/chart.js';
import { SEMANTIC } from './internal/palette.js';
import { niceTicks } from './internal/scale.js';
import { readShare, readStickiness, stickinessDefaults } from './internal/stickiness-data.js';
import { jsonNumber, vegaSize, vegaSpec } from './internal/vega-lite.js';
import type { JsonValue, StickinessHistogramInput, StickinessHistogramOptions, VegaLiteSpec } from './types.js';

const FN = 'stickinessHistogramSpec';

/**
 * Vega-Lite v5 specification of a `stickiness` result's histogram: the picture of
 * {@link stickinessHistogram} (users by number of active days, one bar per day count),
 * with a tooltip on each bar (days, users, share, active at least that many days).
 *
 * Drawing: a `bar` mark from `activeDays − 0.45` to `activeDays + 0.45` on a linear x axis
 * from 0.5 to the range's length + 0.5 (whole-day ticks), y the users (or, with
 * `share: true`, the share of active users as %). Same defaults as the SVG.
 *
 * Source: the "power user curve" (L30 histogram); Vega-Lite v5.
 *
 * Cost: O(bars). Plain JSON.
 *
 * Edge cases: an empty histogram gives empty axes with a "No data" note.
 *
 * @param result A `stickiness` result, or one of its `groups`.
 * @param options `{ title?, subtitle?, xLabel?, yLabel?, width?, height?, share? }`.
 * @returns A Vega-Lite v5 spec (plain JSON).
 * @throws {MetricsInputError} As {@link stickinessHistogram}.
 *
 * @example
 * ```ts
 * import { stickinessHistogramSpec } from 'customer-success-metrics/display';
 * const spec = stickinessHistogramSpec({ histogram: [{ activeDays: 1, userCount: 5 }, { activeDays: 2, userCount: 3 }] });
 * (spec.data as { values: unknown[] }).values.length; // => 2
 * (spec.mark as { type: string }).type; // => 'bar'
 * ```
 */
export function stickinessHistogramSpec(result: StickinessHistogramInput, options?: StickinessHistogramOptions): VegaLiteSpec {
  const data = readStickiness(result, FN);
  const share = readShare(options, FN);
  const o = readChartOptions(options, FN, stickinessDefaults(data, share), ['share']);
  const n = data.bars[data.bars.length - 1]?.activeDays ?? 1;
  const values: JsonValue[] = data.bars.map((b) => ({
    activeDays: b.activeDays,
    from: b.activeDays - 0.45,
    to: b.activeDays + 0.45,
    users: b.userCount,
    share: jsonNumber(b.share),
    atLeast: b.atLeast,
  }));
  const size = vegaSize(o);
  const xTicks = niceTicks(1, Math.max(2, n), { count: 6, integer: true, widen: false }).ticks.filter((t) => t <= n);
  const empty = data.bars.length === 0 || (share && data.activeUsers === 0);
  const body: { [key: string]: JsonValue } = {
    data: { values },
    mark: { type: 'bar', color: SEMANTIC.primary, tooltip: true },
    encoding: {
      x: { field: 'from', type: 'quantitative', title: o.xLabel === '' ? null : o.xLabel, scale: { domain: [0.5, n + 0.5], nice: false, zero: false }, axis: { values: xTicks, format: 'd' } },
      x2: { field: 'to' },
      y2: { datum: 0 },
      y: share
        ? { field: 'share', type: 'quantitative', title: o.yLabel === '' ? null : o.yLabel, axis: { format: '.0%' }, ...(empty ? { scale: { domain: [0, 0.1] } } : {}) }
        : { field: 'users', type: 'quantitative', title: o.yLabel === '' ? null : o.yLabel, axis: { format: ',d' }, ...(empty ? { scale: { domain: [0, 1] } } : {}) },
      tooltip: [
        { field: 'activeDays', type: 'quantitative', title: 'days active' },
        { field: 'users', type: 'quantitative', title: 'users', format: ',d' },
        { field: 'share', type: 'quantitative', title: 'share of active users', format: '.1%' },
        { field: 'atLeast', type: 'quantitative', title: 'active at least that many days', format: ',d' },
      ],
    },
  };
  if (!empty) return vegaSpec(o, body);
  const { mark, encoding, data: values0 } = body;
  return vegaSpec(o, {
    layer: [
      { data: values0 as JsonValue, mark: mark as JsonValue, encoding: encoding as JsonValue },
      { data: { values: [{ note: 'No data' }] }, mark: { type: 'text', fontSize: 13 }, encoding: { text: { field: 'note' }, x: { value: size.width / 2 }, y: { value: size.height / 2 } } },
    ],
  });
}
