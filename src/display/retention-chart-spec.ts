import { readBoolean } from '../core/read.js';
import { colorOf, readChartOptions } from './internal/chart.js';
import { atRiskAt, extentOf, readRetention, retentionDefaults } from './internal/retention-curves.js';
import { niceTicks } from './internal/scale.js';
import { jsonNumber, vegaSize, vegaSpec } from './internal/vega-lite.js';
import type { JsonValue, RetentionChartInput, RetentionChartOptions, VegaLiteSpec } from './types.js';

const FN = 'retentionChartSpec';

/**
 * Vega-Lite v5 specification of retention or survival curves: the same picture as
 * {@link retentionChart}, for notebook front ends that render
 * `application/vnd.vegalite.v5+json` (JupyterLab, VS Code, Deno's kernel) with tooltips.
 *
 * Drawing: per curve a step line (`interpolate: 'step-after'`: a value holds from its time
 * to the next point's) over its shaded confidence band (`area` between `lower` and
 * `upper`), from 100% at time 0 for a result; x spans the data (0 to the last time, ticks
 * inside it), y from 0% to 100% (wider if the data are); colour by curve with a legend
 * when there are several; tooltips with curve, time, share, interval and number at risk.
 * Under it (a `vconcat` view sharing the x ticks) the number at risk at each tick, one row
 * per curve that carries counts (a result's `atRisk`, or `atRisk` on your points). Default
 * title, subtitle and labels as `retentionChart`'s. Data are inlined (`data.values`);
 * background transparent; ink a grey that reads on light and dark themes.
 *
 * Source: the step-function convention of R's `plot.survfit`; at-risk table as
 * survminer's `ggsurvplot(risk.table = TRUE)`; Vega-Lite v5 (`vconcat`, `layer`).
 *
 * Cost: O(total points + curves × ticks). Plain JSON, no runtime dependency.
 *
 * Edge cases: no curves (or no points) give the axes with a "No data" note. A `null`
 * value or bound is left out of the data (Vega-Lite draws the line across it).
 *
 * @param curves A `kaplanMeier`, `timeToValue` or `compareRetention` result, or curves
 * `{ name, points: { time, value, lower?, upper?, atRisk? }[] }[]`.
 * @param options `{ title?, subtitle?, xLabel?, yLabel?, width?, height?, atRisk? }`
 * (`atRisk: false` leaves the row out).
 * @returns A Vega-Lite v5 spec (plain JSON); wrap it in {@link displayable} as
 * `{ vegaLite }`.
 * @throws {MetricsInputError} As {@link retentionChart}: bad curves or result fields with
 * their path; `invalid-option` for a label that is not a string, a size out of range,
 * `invalid-boolean` for `atRisk`; `unknown-option` for any other key.
 *
 * @example
 * ```ts
 * import { retentionChartSpec } from 'customer-success-metrics/display';
 * import { kaplanMeier } from 'customer-success-metrics/retention';
 * const km = kaplanMeier([{ duration: 3, observed: true }, { duration: 5, observed: false }, { duration: 8, observed: true }]);
 * const spec = retentionChartSpec(km, { xLabel: 'months' });
 * spec.$schema; // => 'https://vega.github.io/schema/vega-lite/v5.json'
 * (spec.vconcat as unknown[]).length; // => 2
 * ```
 */
export function retentionChartSpec(curves: RetentionChartInput, options?: RetentionChartOptions): VegaLiteSpec {
  const read = readRetention(curves, FN);
  const o = readChartOptions(options, FN, retentionDefaults(read), ['atRisk']);
  const showAtRisk = o.extra.atRisk === undefined ? true : readBoolean(o.extra.atRisk, FN, 'options.atRisk');
  const { series } = read;
  const { xMin, xMax, yMin, yMax, empty } = extentOf(series);
  const xTicks = niceTicks(xMin, xMax, { count: 6, maxTicks: 8, widen: false });
  const yTicks = niceTicks(yMin, yMax, { count: 5 });
  const names = series.map((s) => s.name);
  const several = series.length > 1;
  const counted = showAtRisk ? series.filter((s) => atRiskAt(s.points, xMin) !== null) : [];
  const rows: JsonValue[] = [];
  for (const s of series) {
    for (const p of s.points) {
      if (p.value === null) continue;
      rows.push({ series: s.name, time: p.time, retained: p.value, lower: jsonNumber(p.lower), upper: jsonNumber(p.upper), atRisk: atRiskAt(s.points, p.time) });
    }
  }
  const size = vegaSize(o, { legend: several, height: o.height - 110 - (o.subtitle !== '' ? 18 : 0) - (counted.length > 0 ? 30 + 16 * counted.length : 0) });
  const x: { [key: string]: JsonValue } = {
    field: 'time',
    type: 'quantitative',
    title: o.xLabel === '' ? null : o.xLabel,
    scale: { domain: [xMin, xMax], nice: false, zero: false },
    axis: { values: [...xTicks.ticks] },
  };
  const color: { [key: string]: JsonValue } = {
    field: 'series',
    type: 'nominal',
    title: null,
    scale: { domain: names, range: names.map((_, i) => colorOf(i)) },
    ...(several ? {} : { legend: null }),
  };
  const y = { type: 'quantitative', scale: { domain: [...yTicks.domain], nice: false }, axis: { format: '.0%', values: [...yTicks.ticks] } };
  const tooltip: JsonValue = [
    { field: 'series', type: 'nominal', title: 'curve' },
    { field: 'time', type: 'quantitative', title: o.xLabel === '' ? 'time' : o.xLabel },
    { field: 'retained', type: 'quantitative', title: 'share', format: '.1%' },
    { field: 'lower', type: 'quantitative', title: 'lower', format: '.1%' },
    { field: 'upper', type: 'quantitative', title: 'upper', format: '.1%' },
    { field: 'atRisk', type: 'quantitative', title: 'at risk' },
  ];
  const layers: JsonValue[] = [
    {
      mark: { type: 'area', interpolate: 'step-after', opacity: 0.2 },
      transform: [{ filter: 'isValid(datum.lower) && isValid(datum.upper)' }],
      encoding: { x, y: { ...y, field: 'lower', title: o.yLabel === '' ? null : o.yLabel }, y2: { field: 'upper' }, color },
    },
    { mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2 }, encoding: { x, y: { ...y, field: 'retained' }, color } },
    { mark: { type: 'point', filled: true, size: 40, opacity: 0 }, encoding: { x, y: { ...y, field: 'retained' }, color, tooltip } },
  ];
  if (empty) layers.push({ data: { values: [{ note: 'No data' }] }, mark: { type: 'text', fontSize: 13 }, encoding: { text: { field: 'note' }, x: { value: size.width / 2 }, y: { value: size.height / 2 } } });
  const main: { [key: string]: JsonValue } = { ...size, data: { values: rows }, layer: layers };
  if (counted.length === 0) return vegaSpec(o, main, { size: false });
  const risk: JsonValue[] = [];
  for (const s of counted) for (const t of xTicks.ticks) risk.push({ series: s.name, time: t, atRisk: atRiskAt(s.points, t) ?? 0 });
  const table: { [key: string]: JsonValue } = {
    width: size.width,
    height: 16 * counted.length,
    title: { text: 'Number at risk', fontSize: 11, fontWeight: 'normal', anchor: 'start' },
    data: { values: risk },
    mark: { type: 'text', fontSize: 11 },
    encoding: {
      x: { field: 'time', type: 'quantitative', scale: { domain: [xMin, xMax], nice: false, zero: false }, axis: null },
      y: { field: 'series', type: 'nominal', sort: counted.map((s) => s.name), axis: several ? { title: null, domain: false, ticks: false, labelPadding: 18 } : null },
      text: { field: 'atRisk', type: 'quantitative', format: ',d' },
      tooltip: [
        { field: 'series', type: 'nominal', title: 'curve' },
        { field: 'time', type: 'quantitative' },
        { field: 'atRisk', type: 'quantitative', title: 'at risk' },
      ],
    },
  };
  return vegaSpec(o, { vconcat: [main, table], spacing: 8 }, { size: false });
}
