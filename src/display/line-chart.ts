import { dayKey, monthKey, parseDayKey, parseMonthKey } from '../core/calendar.js';
import { fail } from '../core/errors.js';
import { colorOf, layout, readChartOptions, renderChart, ticksOf, type LegendEntry, type Rect } from './internal/chart.js';
import { seriesPath } from './internal/marks.js';
import { linePath, runs } from './internal/path.js';
import { linearScale, niceScale, niceTicks, numberTick } from './internal/scale.js';
import { readNullableNumber, readSeries, requireAscending } from './internal/series.js';
import type { ChartOptions, LineSeries } from './types.js';

const FN = 'lineChart';

type XKind = 'number' | 'day' | 'month';

/**
 * SVG line chart of one or more series over numbers, days or months: a general-purpose
 * chart for figures without a chart of their own (for DAU/WAU/MAU, see
 * {@link activeUsersChart}).
 *
 * Drawing: straight segments between consecutive points of a series; a `null` y leaves a
 * gap. The x values of all series are of one kind, set by the first point: finite numbers,
 * days `YYYY-MM-DD` (placed by calendar day) or months `YYYY-MM`. The x axis spans the data
 * exactly, with round ticks inside it (at most 5 dates labelled `YYYY-MM-DD` / `YYYY-MM`, or
 * 7 numbers); y runs from `min(0, lowest)` to the highest value, widened to round ticks
 * (thousands grouped: `12,000`, `12k`). `viewBox="0 0 width height"` (default 640×400); one
 * `<path class="series">` per series; a legend when there are several series; ink in
 * `currentColor`. No default title or labels: name them with the options.
 *
 * Source: ordinary line chart; ticks at 1, 2 or 5 times a power of ten (d3-scale's `nice`).
 *
 * Cost: O(total points). Pure string building: no DOM, every name and label escaped.
 *
 * Edge cases: no series or no points give empty axes (0 to 1) with a "No data" note; a lone
 * point between gaps is drawn as a dot. Legend names are cut to 22 characters.
 *
 * @param series `{ name, points: { x, y }[] }[]` (arrays or iterables).
 * @param options `{ title?, subtitle?, xLabel?, yLabel?, width?, height? }`.
 * @returns An SVG document as a string; wrap it in {@link displayable} for a notebook.
 * @throws {MetricsInputError} `invalid-input` when `series` or a series' `points` is not
 * iterable; `invalid-record` for a series or point that is not an object; `invalid-id` at
 * `series[i].name`; `invalid-x` at `series[i].points[j].x` for a value that is not of the
 * first point's kind (or no valid kind); `invalid-number` at `.y` (finite number or null);
 * `invalid-order` at `.x` when x goes backwards; `invalid-option` for a label that is not a
 * string (`null` included: leave it out for none) or a size out of range; `unknown-option`
 * for any other key of `options` (`options.xlabel is not an option; did you mean xLabel?`).
 *
 * @example
 * ```ts
 * import { lineChart } from 'customer-success-metrics/display';
 * const svg = lineChart([
 *   { name: 'DAU/MAU', points: [{ x: '2026-03-01', y: 0.21 }, { x: '2026-03-02', y: 0.25 }] },
 * ], { title: 'Stickiness', yLabel: 'DAU/MAU' });
 * svg.match(/class="series"/g)?.length; // => 1
 * svg.includes('>2026-03-01</text>'); // => true
 * ```
 */
export function lineChart(series: Iterable<LineSeries>, options?: ChartOptions): string {
  const labels = readChartOptions(options, FN);
  let kind: XKind | null = null;
  const readX = (value: unknown, path: string): number => {
    if (kind === null) kind = typeof value === 'number' ? 'number' : typeof value === 'string' && value.length === 7 ? 'month' : 'day';
    const parsed =
      kind === 'number'
        ? typeof value === 'number' && Number.isFinite(value)
          ? value
          : null
        : typeof value !== 'string'
          ? null
          : kind === 'day'
            ? parseDayKey(value)
            : parseMonthKey(value);
    if (parsed !== null) return parsed;
    const expected = kind === 'number' ? 'a finite number' : kind === 'day' ? 'a day YYYY-MM-DD' : 'a month YYYY-MM';
    return fail(FN, `${path}.x`, 'invalid-x', `must be ${expected} like the first point's x`, value);
  };
  const lines = readSeries(series, FN, 'series', (p, path) => ({
    x: readX(p['x'], path),
    y: readNullableNumber(p['y'], FN, `${path}.y`, false),
  }));
  let xMin = Infinity;
  let xMax = -Infinity;
  let yMin = 0;
  let yMax = -Infinity;
  lines.forEach((line, i) => {
    requireAscending(line.points, (p) => p.x, FN, (j) => `series[${i}].points[${j}].x`, (p) => p.x);
    for (const p of line.points) {
      xMin = Math.min(xMin, p.x);
      xMax = Math.max(xMax, p.x);
      if (p.y !== null) {
        yMin = Math.min(yMin, p.y);
        yMax = Math.max(yMax, p.y);
      }
    }
  });
  const empty = xMin === Infinity;
  if (empty) [xMin, xMax] = [0, 1];
  if (yMax === -Infinity) yMax = yMin + 1;
  const xKind: XKind = (kind as XKind | null) ?? 'number';
  const yTicks = niceTicks(yMin, yMax, { count: 5 });
  const yFormat = numberTick(yTicks);
  const legend: LegendEntry[] = lines.length > 1 ? lines.map((line, i) => ({ name: line.name, color: colorOf(i), mark: 'line' })) : [];
  const lay = layout(labels, {
    legend,
    yTickChars: Math.max(...yTicks.ticks.map((t) => yFormat(t).length)),
    xTickChars: xKind === 'day' ? 10 : 7,
  });
  const plot = lay.plots[0] as Rect;
  // At most 5 date labels (about 65 px each) or 7 numbers; the x axis spans the data exactly.
  const x = niceScale(xMin, xMax, [plot.left, plot.right], xKind === 'number' ? { count: 5, maxTicks: 7, widen: false } : { count: 5, integer: true, maxTicks: 5, widen: false });
  const y = linearScale(yTicks, [plot.bottom, plot.top]);
  const body = lines.map((line, i) => {
    const parts = runs(line.points, (p) => p.y !== null).map((run) => run.map((p) => [x(p.x), y(p.y as number)] as const));
    return seriesPath(linePath(parts), colorOf(i), line.name, i);
  });
  const xFormat = xKind === 'day' ? dayKey : xKind === 'month' ? monthKey : numberTick(x);
  return renderChart({
    layout: lay,
    labels,
    ariaLabel: 'Line chart',
    legend,
    panels: [{ plot, xTicks: ticksOf(x, xFormat), yTicks: ticksOf(y, yFormat), body: body.join('') }],
    ...(empty ? { note: 'No data' } : {}),
  });
}
