import { readChartOptions } from './internal/chart.js';
import { npsDefaults, readNps } from './internal/nps-data.js';
import { SEMANTIC } from './internal/palette.js';
import { jsonNumber, vegaSize, vegaSpec } from './internal/vega-lite.js';
import type { JsonValue, NpsChartInput, NpsChartOptions, VegaLiteSpec } from './types.js';

const FN = 'npsChartSpec';

/**
 * Vega-Lite v5 specification of an `nps` result grouped with `groupBy`: the picture of
 * {@link npsChart} (each group's NPS as a point with its interval as an error bar, y fixed
 * at −100..100, the overall NPS as a dashed rule), with tooltips (n, shares of promoters,
 * passives and detractors).
 *
 * Drawing: layers `rule` (overall, when grouped), `errorbar`-like `rule` from `lower` to
 * `upper`, `point` at the score, `text` with the score; x the group as an ordinal in the
 * chart's order (sorted by group by default, `order: 'given'` for the result's order).
 * Groups without answers are left out of the marks but keep their place on x.
 *
 * Source: Net Promoter Score (Reichheld 2003) with `nps`'s interval; Vega-Lite v5.
 *
 * Cost: O(groups). Plain JSON.
 *
 * Edge cases: no groups or no answers give empty axes with a "No data" note.
 *
 * @param result An `nps` result, grouped or not.
 * @param options `{ title?, subtitle?, xLabel?, yLabel?, width?, height?, order? }`.
 * @returns A Vega-Lite v5 spec (plain JSON).
 * @throws {MetricsInputError} As {@link npsChart}.
 *
 * @example
 * ```ts
 * import { npsChartSpec } from 'customer-success-metrics/display';
 * import { nps } from 'customer-success-metrics/scores';
 * const spec = npsChartSpec(nps([{ m: '2026-01', score: 9 }, { m: '2026-02', score: 3 }], { groupBy: 'm' }));
 * (spec.data as { values: { group: string }[] }).values.map((v) => v.group); // => ['2026-01', '2026-02']
 * ```
 */
export function npsChartSpec(result: NpsChartInput, options?: NpsChartOptions): VegaLiteSpec {
  const raw = readChartOptions(options, FN, {}, ['order']);
  const data = readNps(result, FN, raw.extra.order);
  const o = readChartOptions(options, FN, npsDefaults(data), ['order']);
  const groups = data.points.map((p) => p.group);
  const values: JsonValue[] = data.points.map((p) => ({
    group: p.group,
    score: jsonNumber(p.score),
    lower: jsonNumber(p.lower),
    upper: jsonNumber(p.upper),
    n: p.n,
    promoters: jsonNumber(p.promoterShare),
    passives: jsonNumber(p.passiveShare),
    detractors: jsonNumber(p.detractorShare),
  }));
  const size = vegaSize(o);
  const x = { field: 'group', type: 'ordinal', sort: groups, scale: { domain: groups }, title: o.xLabel === '' ? null : o.xLabel, axis: { labelAngle: 0, labelLimit: 80, labelOverlap: 'parity' } };
  const y = { type: 'quantitative', scale: { domain: [-100, 100], nice: false }, axis: { values: [-100, -50, 0, 50, 100] }, title: o.yLabel === '' ? null : o.yLabel };
  const tooltip: JsonValue = [
    { field: 'group', type: 'ordinal' },
    { field: 'score', type: 'quantitative', title: 'NPS', format: '.1f' },
    { field: 'lower', type: 'quantitative', title: 'lower', format: '.1f' },
    { field: 'upper', type: 'quantitative', title: 'upper', format: '.1f' },
    { field: 'n', type: 'quantitative', title: 'answers', format: ',d' },
    { field: 'promoters', type: 'quantitative', format: '.0%' },
    { field: 'passives', type: 'quantitative', format: '.0%' },
    { field: 'detractors', type: 'quantitative', format: '.0%' },
  ];
  const valid = [{ filter: 'isValid(datum.score)' }];
  const layers: JsonValue[] = [
    { data: { values: [{ zero: 0 }] }, mark: { type: 'rule', color: SEMANTIC.neutral, opacity: 0.6 }, encoding: { y: { ...y, field: 'zero' } } },
    {
      transform: [{ filter: 'isValid(datum.lower) && isValid(datum.upper)' }],
      mark: { type: 'rule', color: SEMANTIC.primary, strokeWidth: 1.5 },
      encoding: { x, y: { ...y, field: 'lower' }, y2: { field: 'upper' }, tooltip },
    },
    { transform: valid, mark: { type: 'point', filled: true, size: 70, color: SEMANTIC.primary, opacity: 1 }, encoding: { x, y: { ...y, field: 'score' }, tooltip } },
    { transform: valid, mark: { type: 'text', dx: 8, dy: -8, align: 'left', fontSize: 11 }, encoding: { x, y: { ...y, field: 'score' }, text: { field: 'score', type: 'quantitative', format: '.0f' } } },
  ];
  if (data.grouped && data.overall.score !== null) {
    layers.splice(1, 0, {
      data: { values: [{ overall: data.overall.score, label: 'overall' }] },
      mark: { type: 'rule', color: SEMANTIC.neutral, strokeDash: [6, 4], strokeWidth: 1.5 },
      encoding: { y: { ...y, field: 'overall' }, tooltip: [{ field: 'label', type: 'nominal', title: ' ' }, { field: 'overall', type: 'quantitative', title: 'NPS', format: '.1f' }] },
    });
  }
  if (data.points.every((p) => p.score === null)) {
    layers.push({ data: { values: [{ note: 'No data' }] }, mark: { type: 'text', fontSize: 13 }, encoding: { text: { field: 'note' }, x: { value: size.width / 2 }, y: { value: size.height / 2 } } });
  }
  return vegaSpec(o, { data: { values }, layer: layers });
}
