import { readChartOptions } from './internal/chart.js';
import { binLabel, healthDefaults, readHealth } from './internal/health-data.js';
import { vegaSize, vegaSpec } from './internal/vega-lite.js';
import type { HealthBandsChartInput, HealthBandsChartOptions, JsonValue, VegaLiteSpec } from './types.js';

const FN = 'healthBandsChartSpec';

/**
 * Vega-Lite v5 specification of a `healthScores` result: the picture of
 * {@link healthBandsChart}: above, accounts per band (bars labelled with count and share,
 * "no score" in grey when some have none); below, the score histogram over 0..100 in bins
 * of `binWidth` points, stacked by band. Band colours as in the SVG; tooltips on every bar.
 *
 * Drawing: a `vconcat` of a `bar` + `text` layer (x the band, in the result's order) and a
 * `bar` chart with `x`/`x2` the bin's bounds and `y`/`y2` the stack (computed here, so the
 * spec needs no aggregation).
 *
 * Source: customer-success platforms' health distribution views; Vega-Lite v5.
 *
 * Cost: O(accounts + bands × bins). Plain JSON.
 *
 * Edge cases: no accounts give empty views with a "No data" note.
 *
 * @param result A `healthScores` result.
 * @param options `{ title?, subtitle?, xLabel?, yLabel?, width?, height?, binWidth? }`.
 * @returns A Vega-Lite v5 spec (plain JSON).
 * @throws {MetricsInputError} As {@link healthBandsChart}.
 *
 * @example
 * ```ts
 * import { healthBandsChartSpec } from 'customer-success-metrics/display';
 * const spec = healthBandsChartSpec({
 *   bands: [{ name: 'red', from: 0, to: 50 }, { name: 'green', from: 51, to: 100 }],
 *   accounts: [{ score: 20, band: 'red' }, { score: 90, band: 'green' }],
 * });
 * (spec.vconcat as unknown[]).length; // => 2
 * ```
 */
export function healthBandsChartSpec(result: HealthBandsChartInput, options?: HealthBandsChartOptions): VegaLiteSpec {
  const raw = readChartOptions(options, FN, {}, ['binWidth']);
  const data = readHealth(result, FN, raw.extra.binWidth);
  const o = readChartOptions(options, FN, healthDefaults(data), ['binWidth']);
  const names = data.bands.map((b) => b.name);
  const colors = data.bands.map((b) => b.color);
  const color = { field: 'band', type: 'nominal', title: null, scale: { domain: names, range: colors }, sort: names };
  const size = vegaSize(o, { legend: true });
  const topHeight = Math.round((size.height - 40) * 0.43);
  const empty = data.total === 0;
  const y = (title: string): JsonValue => ({ type: 'quantitative', title: title === '' ? null : title, axis: { format: ',d', tickCount: 4 }, ...(empty ? { scale: { domain: [0, 1] } } : {}) });
  const note: JsonValue[] = empty ? [{ data: { values: [{ note: 'No data' }] }, mark: { type: 'text', fontSize: 13 }, encoding: { text: { field: 'note' }, x: { value: size.width / 2 }, y: { value: topHeight / 2 } } }] : [];
  const bandRows: JsonValue[] = data.bands.map((b) => ({
    band: b.name,
    range: b.range,
    accounts: b.accounts,
    share: data.total === 0 ? null : b.accounts / data.total,
  }));
  const perBand: { [key: string]: JsonValue } = {
    width: size.width,
    height: topHeight,
    data: { values: bandRows },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          x: { field: 'band', type: 'nominal', sort: names, title: null, axis: { labelAngle: 0 } },
          y: { ...(y(o.yLabel) as object), field: 'accounts' },
          color,
          tooltip: [
            { field: 'band', type: 'nominal' },
            { field: 'range', type: 'nominal', title: 'scores' },
            { field: 'accounts', type: 'quantitative', format: ',d' },
            { field: 'share', type: 'quantitative', format: '.0%' },
          ],
        },
      },
      {
        transform: [{ calculate: "format(datum.accounts, ',d') + (isValid(datum.share) ? ' (' + format(datum.share, '.0%') + ')' : '')", as: 'text' }],
        mark: { type: 'text', dy: -7, fontSize: 11 },
        encoding: { x: { field: 'band', type: 'nominal', sort: names }, y: { field: 'accounts', type: 'quantitative' }, text: { field: 'text', type: 'nominal' } },
      },
      ...note,
    ],
  };
  const gap = data.binWidth * 0.06;
  const binRows: JsonValue[] = data.segments.map((s) => ({ from: s.from + gap, to: s.to - gap, bins: binLabel(s.from, s.to), band: s.band, accounts: s.accounts, base: s.below, top: s.below + s.accounts }));
  const histogram: { [key: string]: JsonValue } = {
    width: size.width,
    height: size.height - 40 - topHeight,
    data: { values: binRows },
    mark: { type: 'bar' },
    encoding: {
      x: { field: 'from', type: 'quantitative', title: o.xLabel === '' ? null : o.xLabel, scale: { domain: [0, 100], nice: false }, axis: { values: [0, 20, 40, 60, 80, 100] } },
      x2: { field: 'to' },
      y: { ...(y(o.yLabel) as object), field: 'base' },
      y2: { field: 'top' },
      color,
      tooltip: [
        { field: 'bins', type: 'nominal', title: 'scores' },
        { field: 'band', type: 'nominal' },
        { field: 'accounts', type: 'quantitative', format: ',d' },
      ],
    },
  };
  return vegaSpec(o, { vconcat: [perBand, histogram], spacing: 16, resolve: { scale: { color: 'shared' } } }, { size: false });
}
