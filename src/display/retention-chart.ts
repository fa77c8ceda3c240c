import { readFinite } from '../core/read.js';
import { escapeText } from './internal/escape.js';
import { colorOf, frame, PLOT, readChartOptions, type ChartOptions } from './internal/chart.js';
import { stepBandPath, stepPath, runs } from './internal/path.js';
import { niceScale } from './internal/scale.js';
import { readNullableNumber, readSeries, requireAscending } from './internal/series.js';

export type { ChartOptions } from './internal/chart.js';

/** One point of a retention (survival) curve: the share still retained from `time` on. */
export interface RetentionPoint {
  /** When the curve steps to `value` (days, weeks... in the caller's unit). */
  readonly time: number;
  /** The share retained, usually in [0, 1]; `null` breaks the curve. */
  readonly value: number | null;
  /** Lower bound of the interval; `null` or absent draws no band at this step. */
  readonly lower?: number | null;
  /** Upper bound of the interval; `null` or absent draws no band at this step. */
  readonly upper?: number | null;
}

/** A named retention curve. */
export interface RetentionCurve {
  /** The legend entry (a non-empty string or a finite number). */
  readonly name: string | number;
  /** Steps in time order. */
  readonly points: Iterable<RetentionPoint>;
}

const FN = 'retentionChart';

/**
 * SVG chart of retention or survival curves drawn as right-continuous steps, each with its
 * confidence band, as a Kaplan–Meier plot shows them.
 *
 * Drawing: the value of a point holds from its `time` until the next point's time, then the
 * curve drops (or rises) vertically; the curve ends at its last point, as R draws it. The
 * band of a curve is the area between `lower` and `upper`, stepped the same way, drawn only
 * over steps where both bounds are numbers. Axes: x from `min(0, first time)` to the last
 * time, y from `min(0, lowest)` to `max(1, highest)`, widened to round ticks; y ticks are
 * labelled as percentages. Fixed `viewBox="0 0 640 400"`; one `<path class="series">` per
 * curve, one `<path class="band">` per curve with an interval, a legend at the right.
 * A `kaplanMeier` result maps onto a curve with
 * `km.curve.map((s) => ({ time: s.time, value: s.survival, lower: s.lower, upper: s.upper }))`;
 * prepend `{ time: 0, value: 1 }` to start the plot at 100% as R's `plot(survfit)` does.
 *
 * Source: the step-function convention of R's `plot.survfit` (survival package).
 *
 * Cost: O(total points). Pure string building: no DOM, every name and label HTML-escaped.
 *
 * Edge cases: no curves, or curves without points, give the empty axes (x 0 to 1, y 0% to
 * 100%); a `null` value leaves a gap from its time to the next point; a lone point is a dot.
 * Legend names are cut to 20 characters.
 *
 * @param curves `{ name, points: { time, value, lower?, upper? }[] }[]` (arrays or iterables).
 * @param options `{ title?, xLabel?, yLabel? }`.
 * @returns An SVG document as a string; wrap it in {@link displayable} for a notebook.
 * @throws {MetricsInputError} `invalid-input` when `curves` or a curve's `points` is not
 * iterable; `invalid-record` for a curve or point that is not an object; `invalid-id` at
 * `curves[i].name`; `invalid-number` at `curves[i].points[j].time` (finite number),
 * `.value` (finite number or null), `.lower`/`.upper` (finite number, null or absent);
 * `invalid-order` at `curves[i].points[j].time` when times go backwards; `invalid-option`
 * for a title or label that is not a string (`null` included: leave it out for none);
 * `unknown-option` for any other key of `options` (`options.xlabel is not an option; did
 * you mean xLabel?`).
 *
 * @example
 * ```ts
 * import { retentionChart } from 'customer-success-metrics/display';
 * const svg = retentionChart([
 *   { name: 'Aha users', points: [{ time: 0, value: 1 }, { time: 7, value: 0.8, lower: 0.7, upper: 0.9 }] },
 * ], { xLabel: 'days since signup' });
 * svg.startsWith('<svg'); // => true
 * svg.match(/class="series"/g)?.length; // => 1
 * svg.includes('>100%</text>'); // => true
 * ```
 */
export function retentionChart(curves: Iterable<RetentionCurve>, options?: ChartOptions): string {
  const labels = readChartOptions(options, FN);
  const series = readSeries(curves, FN, 'curves', (p, path) => ({
    time: readFinite(p['time'], FN, `${path}.time`),
    value: readNullableNumber(p['value'], FN, `${path}.value`, false),
    lower: readNullableNumber(p['lower'], FN, `${path}.lower`, true),
    upper: readNullableNumber(p['upper'], FN, `${path}.upper`, true),
  }));
  let xMin = 0;
  let xMax = 0;
  let yMin = 0;
  let yMax = 1;
  let any = false;
  series.forEach((s, i) => {
    requireAscending(s.points, (p) => p.time, FN, (j) => `curves[${i}].points[${j}].time`, (p) => p.time);
    for (const p of s.points) {
      if (!any) xMax = p.time;
      any = true;
      xMin = Math.min(xMin, p.time);
      xMax = Math.max(xMax, p.time);
      for (const v of [p.value, p.lower, p.upper]) {
        if (v !== null) {
          yMin = Math.min(yMin, v);
          yMax = Math.max(yMax, v);
        }
      }
    }
  });
  if (!any || xMax <= xMin) xMax = xMin + 1;
  const x = niceScale(xMin, xMax, [PLOT.left, PLOT.right], { count: 6, maxTicks: 7 });
  const y = niceScale(yMin, yMax, [PLOT.bottom, PLOT.top], { count: 5 });
  const body: string[] = [];
  series.forEach((s, i) => {
    const color = colorOf(i);
    const indexed = s.points.map((p, j) => ({ p, j }));
    // A run ends where the next point starts (a gap or the end of the band), or at its own last time.
    const endOf = (run: readonly { j: number }[]): number => {
      const last = run[run.length - 1] as { j: number };
      return x((s.points[last.j + 1] ?? (s.points[last.j] as { time: number })).time);
    };
    const bandRuns = runs(indexed, ({ p }) => p.lower !== null && p.upper !== null);
    if (bandRuns.length > 0) {
      const d = stepBandPath(
        bandRuns.map((run) => run.map(({ p }) => [x(p.time), y(p.lower as number), y(p.upper as number)] as const)),
        (k) => endOf(bandRuns[k] as { j: number }[]),
      );
      body.push(`<path class="band" data-series="${i}" d="${d}" fill="${color}" fill-opacity="0.18" stroke="none"/>`);
    }
    const lineRuns = runs(indexed, ({ p }) => p.value !== null);
    const d = stepPath(
      lineRuns.map((run) => run.map(({ p }) => [x(p.time), y(p.value as number)] as const)),
      (k) => endOf(lineRuns[k] as { j: number }[]),
    );
    body.push(`<path class="series" data-series="${i}" d="${d}" stroke="${color}" stroke-linecap="round"><title>${escapeText(s.name)}</title></path>`);
  });
  return frame({
    x,
    y,
    xTick: (t) => t.toFixed(x.decimals),
    yTick: (t) => `${(t * 100).toFixed(Math.max(0, y.decimals - 2))}%`,
    names: series.map((s) => s.name),
    body: body.join(''),
    labels,
    ariaLabel: 'Retention curves',
  });
}
