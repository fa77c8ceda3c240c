import { escapeText } from './internal/escape.js';
import { colorOf, frame, PLOT, readChartOptions } from './internal/chart.js';
import { stepBandPath, stepPath, runs } from './internal/path.js';
import { readRetentionCurves, type StepSeries } from './internal/retention-curves.js';
import { niceScale, type Scale } from './internal/scale.js';
import type { ChartOptions, RetentionChartInput } from './types.js';

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
 *
 * Results compose: a `kaplanMeier`, `timeToValue` or `compareRetention` result is drawn as
 * it is, `retentionChart(kaplanMeier(subjects))`: its `curve` of survival steps (`{ time,
 * survival, lower, upper, ... }`, the `SurvivalStep` shape) becomes one curve named `'all'`;
 * a comparison's `segment.curve` and `control.curve` become two, `'segment'` and
 * `'control'`. Such a curve starts at 100% at time 0, before its first step, as R's
 * `plot(survfit)` draws it. Only those fields are read. For other names, or to draw several
 * results together, pass curves `{ name, points }` instead.
 *
 * Source: the step-function convention of R's `plot.survfit` (survival package).
 *
 * Cost: O(total points). Pure string building: no DOM, every name and label HTML-escaped.
 *
 * Edge cases: no curves, or curves without points, give the empty axes (x 0 to 1, y 0% to
 * 100%); a `null` value leaves a gap from its time to the next point; a lone point is a dot.
 * Legend names are cut to 20 characters.
 *
 * @param curves `{ name, points: { time, value, lower?, upper? }[] }[]` (arrays or
 * iterables), or a `kaplanMeier`, `timeToValue` or `compareRetention` result.
 * @param options `{ title?, xLabel?, yLabel? }`.
 * @returns An SVG document as a string; wrap it in {@link displayable} for a notebook.
 * @throws {MetricsInputError} `invalid-input` when `curves` is neither curves nor such a
 * result, or a curve's `points` (a result's `curve`) is not iterable; `invalid-record` for a
 * curve or point (step) that is not an object; `invalid-id` at `curves[i].name`;
 * `invalid-number` at `curves[i].points[j].time` (finite number), `.value` (finite number or
 * null), `.lower`/`.upper` (finite number, null or absent), and at `result.curve[j].time`,
 * `.survival` (finite numbers), `.lower`/`.upper` (`result.segment.curve[j]...` for a
 * comparison); `invalid-order` at `curves[i].points[j].time` (`result.curve[j].time`) when
 * times go backwards; `invalid-option`
 * for a title or label that is not a string (`null` included: leave it out for none);
 * `unknown-option` for any other key of `options` (`options.xlabel is not an option; did
 * you mean xLabel?`).
 *
 * @example
 * ```ts
 * import { retentionChart } from 'customer-success-metrics/display';
 * import { kaplanMeier } from 'customer-success-metrics/retention';
 * const svg = retentionChart([
 *   { name: 'Aha users', points: [{ time: 0, value: 1 }, { time: 7, value: 0.8, lower: 0.7, upper: 0.9 }] },
 * ], { xLabel: 'days since signup' });
 * svg.startsWith('<svg'); // => true
 * svg.match(/class="series"/g)?.length; // => 1
 * svg.includes('>100%</text>'); // => true
 * // A kaplanMeier result, as it is:
 * const km = kaplanMeier([{ duration: 3, observed: true }, { duration: 5, observed: false }, { duration: 8, observed: true }]);
 * retentionChart(km, { xLabel: 'days' }).match(/class="series"/g)?.length; // => 1
 * ```
 */
export function retentionChart(curves: RetentionChartInput, options?: ChartOptions): string {
  const labels = readChartOptions(options, FN);
  const series = readRetentionCurves(curves, FN);
  const { x, y } = scalesOf(series);
  return frame({
    x,
    y,
    xTick: (t) => t.toFixed(x.decimals),
    yTick: (t) => `${(t * 100).toFixed(Math.max(0, y.decimals - 2))}%`,
    names: series.map((s) => s.name),
    body: series.map((s, i) => drawCurve(s, i, x, y)).join(''),
    labels,
    ariaLabel: 'Retention curves',
  });
}

/** The axes: x from `min(0, first time)` to the last time, y from `min(0, lowest)` to `max(1, highest)`. */
function scalesOf(series: readonly StepSeries[]): { x: Scale; y: Scale } {
  let xMin = 0;
  let xMax = 0;
  let yMin = 0;
  let yMax = 1;
  let any = false;
  for (const s of series) {
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
  }
  if (!any || xMax <= xMin) xMax = xMin + 1;
  return {
    x: niceScale(xMin, xMax, [PLOT.left, PLOT.right], { count: 6, maxTicks: 7 }),
    y: niceScale(yMin, yMax, [PLOT.bottom, PLOT.top], { count: 5 }),
  };
}

/** The band (where both bounds are numbers) and the step line of curve `i`. */
function drawCurve(s: StepSeries, i: number, x: Scale, y: Scale): string {
  const color = colorOf(i);
  const out: string[] = [];
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
    out.push(`<path class="band" data-series="${i}" d="${d}" fill="${color}" fill-opacity="0.18" stroke="none"/>`);
  }
  const lineRuns = runs(indexed, ({ p }) => p.value !== null);
  const d = stepPath(
    lineRuns.map((run) => run.map(({ p }) => [x(p.time), y(p.value as number)] as const)),
    (k) => endOf(lineRuns[k] as { j: number }[]),
  );
  out.push(`<path class="series" data-series="${i}" d="${d}" stroke="${color}" stroke-linecap="round"><title>${escapeText(s.name)}</title></path>`);
  return out.join('');
}
