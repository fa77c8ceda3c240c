import { CHAR_WIDTH, layout, renderChart, type LegendEntry, type Tick } from './internal/chart.js';
import { readHeatmap } from './internal/cohort-grid.js';
import { escapeText } from './internal/escape.js';
import { bar, label } from './internal/marks.js';
import { INK, inkOn, sequentialColor } from './internal/palette.js';
import { bandScale, formatNumber, formatPercent } from './internal/scale.js';
import type { CohortHeatmapInput, CohortHeatmapOptions } from './types.js';

const FN = 'cohortHeatmap';

/**
 * SVG heatmap of a cohort retention table: one row per cohort, one column per period
 * since the start, each cell coloured by its retention rate with the rate printed in it.
 *
 * Drawing: rows are the cohorts of a `cohortRetention` result, first at the top, then
 * (unless `mean: false`) a `mean` row: the size-weighted mean of the cohorts drawn (the
 * sum of their retained users over the sum of their sizes, column by column, over the
 * cohorts observed there; it equals the result's own `mean` when every cohort is drawn,
 * and stays true to the picture when you pass a slice, `{ ...result, cohorts:
 * result.cohorts.slice(-6) }`). The first column, `users`, prints each cohort's size
 * (muted while its period is still running). Then one column per interval 0..lastPeriod
 * (bracket mode: per bracket, labelled `1–7`): a cell's fill runs from pale to dark blue
 * as its rate goes from 0% to 100%, its rate printed as a whole percentage in black or
 * white, whichever reads on the fill; a `null` cell (not observable yet) is left blank.
 * Axis labels are worded from the result (`months since first activity`, `cohort (month
 * of first activity)`); a legend shows five steps of the colour scale. One `rect.cell` per
 * rate (tooltip: cohort, period, rate, retained of size). The default height grows with
 * the rows (20 px each) beyond 400 px.
 *
 * Source: the retention heatmap ("cohort triangle") of Amplitude, Mixpanel and PostHog.
 *
 * Cost: O(cohorts × columns). Pure string building, every label escaped.
 *
 * Edge cases: no cohorts give empty axes with the note `No data`; an empty cohort (size 0)
 * has a row without cells; rates are printed only when a cell is at least 26 × 12 px
 * (their tooltips stay); a rate outside [0, 1] is clamped for its colour only.
 *
 * @param result A `cohortRetention` result as it is, or `{ cohorts }` with rows of its
 * shape (`cohort`, `size`, `rates`, optional `counts` and `complete`).
 * @param options `{ title?, subtitle?, xLabel?, yLabel?, width?, height?, mean? }`
 * (defaults: `Cohort retention`, what a cell is, worded axis labels, `mean: true`).
 * @returns An SVG document as a string; wrap it in {@link displayable} for a notebook.
 * @throws {MetricsInputError} `invalid-input` when `result` is not an object, its
 * `cohorts` (or a row's `rates` or `counts`) is not iterable, or a setting used for the
 * labels (`interval`, `cohort`, `start`, `mode`, `brackets`) is not of its type;
 * `invalid-record` for a row that is not an object; `invalid-id` at
 * `result.cohorts[i].cohort`; `invalid-number` at `.size` (finite, >= 0) and
 * `.rates[k]`, `.counts[k]` (finite or null); `invalid-boolean` at `.complete` and
 * `options.mean`; `invalid-option` / `unknown-option` for the options.
 *
 * @example
 * ```ts
 * import { cohortHeatmap } from 'customer-success-metrics/display';
 * import { cohortRetention } from 'customer-success-metrics/retention';
 * const events = [
 *   { userId: 'a', timestamp: '2026-01-05T10:00:00Z' },
 *   { userId: 'b', timestamp: '2026-01-20T10:00:00Z' },
 *   { userId: 'a', timestamp: '2026-02-03T10:00:00Z' },
 *   { userId: 'c', timestamp: '2026-02-10T10:00:00Z' },
 * ];
 * const cohorts = cohortRetention(events, { cohort: 'month', interval: 'month', lastPeriod: 1, asOf: '2026-02-28' });
 * cohorts.cohorts.map((row) => row.rates); // => [[1, 0.5], [1, null]]
 * const svg = cohortHeatmap(cohorts);
 * // Three rates, and the mean row's two: five cells; February's month 1 is blank.
 * svg.match(/class="cell"/g)?.length; // => 5
 * svg.includes('>50%</text>'); // => true
 * ```
 */
export function cohortHeatmap(result: CohortHeatmapInput, options?: CohortHeatmapOptions): string {
  const { grid, labels } = readHeatmap(result, options, FN);
  const legend: LegendEntry[] = [0, 0.25, 0.5, 0.75, 1].map((t) => ({ name: formatPercent(t), color: sequentialColor(t), mark: 'swatch' }));
  const rowChars = Math.max(4, ...grid.rows.map((r) => r.key.length));
  const lay = layout(labels, { legend, yTickChars: rowChars, xTickChars: 5 });
  const plot = lay.plots[0] as (typeof lay.plots)[number];
  const y = bandScale(grid.rows.length, [plot.top, plot.bottom], 0.08);
  const fontSize = Math.min(11, Math.max(8, y.bandwidth * 0.6));
  // The users column, as wide as its longest size (at least the word), then one column per interval.
  const sizeChars = Math.max(5, ...grid.rows.map((row) => (row.size === null ? 0 : formatNumber(row.size, Number.isInteger(row.size) ? 0 : 2).length)));
  const usersRight = plot.left + Math.min((plot.right - plot.left) / 2, sizeChars * CHAR_WIDTH * (fontSize / 12) + 10);
  const usersCenter = (plot.left + usersRight) / 2;
  const x = bandScale(grid.columns.length, [usersRight, plot.right], 0.06);
  const body: string[] = [];
  const printRates = x.bandwidth >= 26 && y.bandwidth >= 12;
  grid.rows.forEach((row, r) => {
    const cy = y.center(r) + fontSize * 0.35;
    if (row.size !== null) {
      const size = formatNumber(row.size, Number.isInteger(row.size) ? 0 : 2);
      const tip = row.complete ? `${row.key}: ${size} users` : `${row.key}: ${size} users so far (cohort period in progress)`;
      body.push(`<text class="size" x="${usersCenter.toFixed(2)}" y="${cy.toFixed(2)}" text-anchor="middle" font-size="${fontSize.toFixed(1)}"${row.complete ? '' : ` fill-opacity="${INK.mutedOpacity}"`}><title>${escapeText(tip)}</title>${size}</text>`);
    }
    row.rates.forEach((rate, k) => {
      if (rate === null) return;
      const fill = sequentialColor(rate);
      const count = row.counts[k];
      const total = row.of[k];
      const of = count === null || count === undefined || total === null || total === undefined ? '' : ` (${formatNumber(count, Number.isInteger(count) ? 0 : 1)} of ${formatNumber(total, Number.isInteger(total) ? 0 : 1)})`;
      const title = `${row.key}, ${grid.columns[k] ?? k}: ${formatPercent(rate, 1)}${of}`;
      const x0 = x(k);
      const y0 = y(r);
      body.push(bar(x0, x0 + x.bandwidth, y0, y0 + y.bandwidth, { fill, cls: 'cell', title, data: { row: r, column: k } }));
      if (printRates) body.push(label(x.center(k), cy, formatPercent(rate), 'middle', { cls: 'cell-label', fill: inkOn(fill), size: Number(fontSize.toFixed(1)) }));
    });
  });
  const meanAt = grid.rows.findIndex((row) => row.mean);
  if (meanAt > 0) {
    // A rule between the cohorts and their mean.
    const ly = (y(meanAt - 1) + y.bandwidth + y(meanAt)) / 2;
    body.push(`<line class="separator" x1="${plot.left.toFixed(2)}" x2="${plot.right.toFixed(2)}" y1="${ly.toFixed(2)}" y2="${ly.toFixed(2)}" stroke="currentColor" stroke-opacity="${INK.axisOpacity}"/>`);
  }
  // Column labels thinned to every `every`-th (0, 4, 8... when crowded), none too close to `users`.
  const widest = Math.max(1, ...grid.columns.map((c) => c.length));
  const every = Math.max(1, Math.ceil((widest * CHAR_WIDTH + 6) / Math.max(1e-9, x.step)));
  const xTicks: Tick[] = [{ px: usersCenter, label: 'users' }];
  grid.columns.forEach((c, k) => {
    if (k % every === 0 && x.center(k) - usersCenter >= ((5 + c.length) * CHAR_WIDTH) / 2 + 4) xTicks.push({ px: x.center(k), label: c });
  });
  const yTicks: Tick[] = grid.rows.map((row, r) => ({ px: y.center(r), label: row.key }));
  return renderChart({
    layout: lay,
    labels,
    ariaLabel: 'Cohort retention heatmap',
    legend,
    panels: [{ plot, xTicks, yTicks, body: body.join(''), grid: 'none' }],
    ...(grid.rows.length === 0 ? { note: 'No data' } : {}),
  });
}

