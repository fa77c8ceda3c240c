import { dayKey, monthKey, parseDayKey, parseMonthKey } from '../core/calendar.js';
import { fail } from '../core/errors.js';
import { escapeText } from './internal/escape.js';
import { colorOf, frame, PLOT, readChartOptions } from './internal/chart.js';
import { linePath, runs } from './internal/path.js';
import { niceScale } from './internal/scale.js';
import { readNullableNumber, readSeries, requireAscending } from './internal/series.js';
import type { ChartOptions, LineSeries } from './types.js';

const FN = 'lineChart';

type XKind = 'number' | 'day' | 'month';

/**
 * SVG line chart of one or more series over numbers, days or months, such as DAU, MAU or
 * DAU/MAU per day from `activeUsers`.
 *
 * Drawing: straight segments between consecutive points of a series; a `null` y leaves a
 * gap. The x values of all series are of one kind, set by the first point: finite numbers,
 * days `YYYY-MM-DD` (placed by calendar day) or months `YYYY-MM`. A date x axis spans the
 * data exactly, with at most 5 ticks on whole days or months labelled `YYYY-MM-DD` /
 * `YYYY-MM`; a numeric one is widened to round ticks; y runs from `min(0, lowest)` to the
 * highest value, widened to round ticks. Fixed
 * `viewBox="0 0 640 400"`; one `<path class="series">` per series; a legend at the right.
 * From `activeUsers`: `lineChart([{ name: 'DAU/MAU', points: result.days.map((d) => ({ x: d.date, y: d.dauMau })) }])`.
 *
 * Source: ordinary line chart; ticks at 1, 2 or 5 times a power of ten (d3-scale's `nice`).
 *
 * Cost: O(total points). Pure string building: no DOM, every name and label HTML-escaped.
 *
 * Edge cases: no series or no points give empty axes (0 to 1); a lone point between gaps is
 * drawn as a dot. Legend names are cut to 20 characters.
 *
 * @param series `{ name, points: { x, y }[] }[]` (arrays or iterables).
 * @param options `{ title?, xLabel?, yLabel? }`.
 * @returns An SVG document as a string; wrap it in {@link displayable} for a notebook.
 * @throws {MetricsInputError} `invalid-input` when `series` or a series' `points` is not
 * iterable; `invalid-record` for a series or point that is not an object; `invalid-id` at
 * `series[i].name`; `invalid-x` at `series[i].points[j].x` for a value that is not of the
 * first point's kind (or no valid kind); `invalid-number` at `.y` (finite number or null);
 * `invalid-order` at `.x` when x goes backwards; `invalid-option` for a label that is not a
 * string (`null` included: leave it out for none); `unknown-option` for any other key of
 * `options` (`options.xlabel is not an option; did you mean xLabel?`).
 *
 * @example
 * ```ts
 * import { lineChart } from 'customer-success-metrics/display';
 * const svg = lineChart([
 *   { name: 'DAU/MAU', points: [{ x: '2026-03-01', y: 0.21 }, { x: '2026-03-02', y: 0.25 }] },
 * ]);
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
  if (xMin === Infinity) [xMin, xMax] = [0, 1];
  if (yMax === -Infinity) yMax = yMin + 1;
  const xKind: XKind = (kind as XKind | null) ?? 'number';
  // At most 5 date labels (about 65 px each) or 7 numbers across the 400 px axis.
  const x = niceScale(xMin, xMax, [PLOT.left, PLOT.right], xKind === 'number' ? { count: 5, maxTicks: 7 } : { count: 5, integer: true, maxTicks: 5, widen: false });
  const y = niceScale(yMin, yMax, [PLOT.bottom, PLOT.top], { count: 5 });
  const body = lines.map((line, i) => {
    const parts = runs(line.points, (p) => p.y !== null).map((run) => run.map((p) => [x(p.x), y(p.y as number)] as const));
    return `<path class="series" data-series="${i}" d="${linePath(parts)}" stroke="${colorOf(i)}" stroke-linecap="round"><title>${escapeText(line.name)}</title></path>`;
  });
  return frame({
    x,
    y,
    xTick: (t) => (xKind === 'day' ? dayKey(t) : xKind === 'month' ? monthKey(t) : t.toFixed(x.decimals)),
    yTick: (t) => t.toFixed(y.decimals),
    names: lines.map((line) => line.name),
    body: body.join(''),
    labels,
    ariaLabel: 'Line chart',
  });
}
