import { readHeatmap } from './internal/cohort-grid.js';
import { SEQUENTIAL_RANGE, inkOn, sequentialColor } from './internal/palette.js';
import { formatNumber, formatPercent } from './internal/scale.js';
import { jsonNumber, vegaSpec } from './internal/vega-lite.js';
import type { CohortHeatmapInput, CohortHeatmapOptions, JsonValue, VegaLiteSpec } from './types.js';

const FN = 'cohortHeatmapSpec';

/**
 * The cohort retention heatmap of {@link cohortHeatmap} as a Vega-Lite v5 specification,
 * for notebooks that render `application/vnd.vegalite.v5+json` (JupyterLab, VS Code,
 * Deno's kernel) or for `vegaEmbed`.
 *
 * Drawing: the same picture as the SVG: a row per cohort (then the `mean` row unless
 * `mean: false`), a `users` column with the cohort sizes, then a cell per observable rate
 * coloured pale to dark blue from 0% to 100% (a gradient legend), the rate printed in it in
 * black or white, whichever reads on the fill; `null` cells are blank; tooltips on the
 * cells. `data.values` holds one row per cell `{ kind: 'cell', cohort, column, rate,
 * retained, size, label, ink }` and one per cohort size `{ kind: 'size', cohort, column:
 * 'users', size, label }`. Plain JSON, transparent background, neutral grey ink.
 *
 * Source: Vega-Lite v5 (rect and text layers); the heatmap as Amplitude and Mixpanel show it.
 *
 * Cost: O(cohorts × columns).
 *
 * Edge cases: as {@link cohortHeatmap}: no cohorts give empty axes; cell text is drawn
 * whatever the size (Vega-Lite scales the view to `width` × `height`).
 *
 * @param result A `cohortRetention` result as it is, or `{ cohorts }`.
 * @param options `{ title?, subtitle?, xLabel?, yLabel?, width?, height?, mean? }`.
 * @returns A Vega-Lite v5 spec (plain JSON).
 * @throws {MetricsInputError} as {@link cohortHeatmap}, naming `cohortHeatmapSpec`.
 *
 * @example
 * ```ts
 * import { cohortHeatmapSpec } from 'customer-success-metrics/display';
 * import { cohortRetention } from 'customer-success-metrics/retention';
 * const events = [
 *   { userId: 'a', timestamp: '2026-01-05T10:00:00Z' },
 *   { userId: 'b', timestamp: '2026-01-20T10:00:00Z' },
 *   { userId: 'a', timestamp: '2026-02-03T10:00:00Z' },
 * ];
 * const cohorts = cohortRetention(events, { cohort: 'month', interval: 'month', lastPeriod: 1, asOf: '2026-02-28' });
 * const spec = cohortHeatmapSpec(cohorts, { mean: false });
 * const values = (spec.data as { values: { kind: string; label: string }[] }).values;
 * values.filter((v) => v.kind === 'cell').map((v) => v.label); // => ['100%', '50%']
 * ```
 */
export function cohortHeatmapSpec(result: CohortHeatmapInput, options?: CohortHeatmapOptions): VegaLiteSpec {
  const { grid, labels } = readHeatmap(result, options, FN);
  const values: JsonValue[] = [];
  for (const row of grid.rows) {
    if (row.size !== null) {
      values.push({ kind: 'size', cohort: row.key, column: 'users', size: jsonNumber(row.size), label: formatNumber(row.size, Number.isInteger(row.size) ? 0 : 2), complete: row.complete });
    }
    row.rates.forEach((rate, k) => {
      if (rate === null) return;
      values.push({
        kind: 'cell',
        cohort: row.key,
        column: grid.columns[k] ?? String(k),
        rate: jsonNumber(rate),
        retained: jsonNumber(row.counts[k]),
        size: jsonNumber(row.size),
        label: formatPercent(rate),
        ink: inkOn(sequentialColor(rate)),
      });
    });
  }
  const x = {
    field: 'column',
    type: 'ordinal',
    scale: { domain: ['users', ...grid.columns], paddingInner: 0.06 },
    axis: { title: labels.xLabel === '' ? null : labels.xLabel, labelAngle: 0, ticks: false, domain: false },
  };
  const y = {
    field: 'cohort',
    type: 'ordinal',
    scale: { domain: grid.rows.map((r) => r.key), paddingInner: 0.08 },
    axis: { title: labels.yLabel === '' ? null : labels.yLabel, ticks: false, domain: false },
  };
  const cells = { filter: "datum.kind === 'cell'" };
  return vegaSpec(
    labels,
    {
      data: { values },
      encoding: { x, y },
      layer: [
        {
          transform: [cells],
          mark: { type: 'rect' },
          encoding: {
            color: { field: 'rate', type: 'quantitative', scale: { domain: [0, 1], range: [...SEQUENTIAL_RANGE] }, legend: { title: 'retained', format: '.0%' } },
            tooltip: [
              { field: 'cohort', type: 'ordinal' },
              { field: 'column', type: 'ordinal', title: 'period' },
              { field: 'rate', type: 'quantitative', format: '.1%', title: 'retained' },
              { field: 'retained', type: 'quantitative', format: ',.0f', title: 'users retained' },
              { field: 'size', type: 'quantitative', format: ',', title: 'cohort size' },
            ],
          },
        },
        { transform: [cells], mark: { type: 'text', fontSize: 11 }, encoding: { text: { field: 'label', type: 'nominal' }, color: { condition: { test: "datum.ink === '#FFFFFF'", value: '#FFFFFF' }, value: '#111111' } } },
        { transform: [{ filter: "datum.kind === 'size'" }], mark: { type: 'text', fontSize: 11 }, encoding: { text: { field: 'label', type: 'nominal' } } },
      ],
    },
    { legend: true },
  );
}
