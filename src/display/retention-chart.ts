import { readBoolean } from '../core/read.js';
import { CHAR_WIDTH, colorOf, layout, readChartOptions, renderChart, ticksOf, type LegendEntry, type Rect } from './internal/chart.js';
import { truncate } from './internal/escape.js';
import { bandPath, label, seriesPath } from './internal/marks.js';
import { coord, runs, stepBandPath, stepPath } from './internal/path.js';
import { atRiskAt, extentOf, readRetention, retentionDefaults, type StepSeries } from './internal/retention-curves.js';
import { formatNumber, linearScale, niceScale, niceTicks, numberTick, percentTick, type Scale } from './internal/scale.js';
import type { RetentionChartInput, RetentionChartOptions } from './types.js';

const FN = 'retentionChart';

/**
 * SVG chart of retention or survival curves drawn as right-continuous steps, each with its
 * confidence band, and under the x axis the number at risk at each tick, as a Kaplan–Meier
 * plot shows them.
 *
 * Drawing: the value of a point holds from its `time` until the next point's time, then the
 * curve drops (or rises) vertically; the curve ends at its last point, as R draws it. The
 * band of a curve is the area between `lower` and `upper`, stepped the same way, drawn only
 * over steps where both bounds are numbers. Censorings (a result's `censored`, or
 * `censored` on your points) are small vertical ticks on the curve (R's `mark.time`).
 * Axes: x from `min(0, first time)` to the last time, ticks on round values inside (the
 * axis ends with the data); y from `min(0, lowest)` to `max(1, highest)`, widened to round
 * ticks labelled as percentages. The at-risk row ("Number at risk") gives, under each x
 * tick, the subjects still followed at that time (the `atRisk` of the first step at or
 * after it, 0 past the last), one row per curve with counts, named when there are several.
 * A legend when there are several curves. Defaults by input: a `kaplanMeier` result is
 * titled "Retention (Kaplan–Meier)" with "time since start" and "still retained (%)"; a
 * `timeToValue` result "Time to value", x in its unit, y "not reached yet (%)"; a
 * `compareRetention` result "Retention: segment vs control", x "days after the landmark",
 * with the log-rank p-value in the subtitle; curves "Retention". The subtitle names the
 * interval's level. `viewBox="0 0 width height"` (default 640×400); one `<path
 * class="series">` per curve, one `<path class="band">` per curve with an interval; text,
 * axes and grid in `currentColor`, so it reads on a light or dark page.
 *
 * Results compose: a `kaplanMeier`, `timeToValue` or `compareRetention` result is drawn as
 * it is, `retentionChart(kaplanMeier(subjects))`: its `curve` of survival steps (`{ time,
 * survival, lower, upper, atRisk, censored, ... }`, the `SurvivalStep` shape) becomes one
 * curve named `'all'`; a comparison's `segment.curve` and `control.curve` become two,
 * `'segment'` and `'control'`. Such a curve starts at 100% at time 0, before its first
 * step, as R's `plot(survfit)` draws it. For other names, or to draw several results
 * together, pass curves `{ name, points }` instead (with `atRisk` on the points for the
 * at-risk row). For notebooks, {@link retentionChartSpec} draws the same as Vega-Lite.
 *
 * Source: the step-function convention of R's `plot.survfit` (survival package); the
 * at-risk table of survminer's `ggsurvplot(risk.table = TRUE)`.
 *
 * Cost: O(total points + curves × ticks). Pure string building: no DOM, every name and
 * label escaped.
 *
 * Edge cases: no curves, or curves without points, give the empty axes (x 0 to 1, y 0% to
 * 100%) with a "No data" note; a `null` value leaves a gap from its time to the next point;
 * a lone point is a dot. Legend names are cut to 22 characters, at-risk row names to 8.
 *
 * @param curves A `kaplanMeier`, `timeToValue` or `compareRetention` result, or curves
 * `{ name, points: { time, value, lower?, upper?, atRisk?, censored? }[] }[]` (arrays or
 * iterables).
 * @param options `{ title?, subtitle?, xLabel?, yLabel?, width?, height?, atRisk? }`
 * (`''` shows no title or label; `atRisk: false` leaves the row out).
 * @returns An SVG document as a string; wrap it in {@link displayable} for a notebook.
 * @throws {MetricsInputError} `invalid-input` when `curves` is neither curves nor such a
 * result, or a curve's `points` (a result's `curve`) is not iterable; `invalid-record` for a
 * curve or point (step) that is not an object; `invalid-id` at `curves[i].name`;
 * `invalid-number` at `curves[i].points[j].time` (finite number), `.value` (finite number or
 * null), `.lower`/`.upper` (finite number, null or absent), and at `result.curve[j].time`,
 * `.survival` (finite numbers), `.lower`/`.upper` (`result.segment.curve[j]...` for a
 * comparison); `invalid-order` at `curves[i].points[j].time` (`result.curve[j].time`) when
 * times go backwards; `invalid-option` for a title or label that is not a string (`null`
 * included: leave it out for the default), a `width` outside 240..4096 or `height` outside
 * 180..4096; `invalid-boolean` at `options.atRisk`; `unknown-option` for any other key of
 * `options` (`options.xlabel is not an option; did you mean xLabel?`).
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
 * // A kaplanMeier result, as it is: 4 subjects at risk at time 0.
 * const km = kaplanMeier([{ duration: 3, observed: true }, { duration: 5, observed: false }, { duration: 8, observed: true }, { duration: 9, observed: false }]);
 * const chart = retentionChart(km, { xLabel: 'months' });
 * chart.match(/class="series"/g)?.length; // => 1
 * chart.includes('>Number at risk</text>'); // => true
 * // At risk at the ticks 0, 2, 4, 6, 8: durations >= t.
 * [...chart.matchAll(/class="at-risk-count"[^>]*>(\d+)</g)].map((m) => m[1]); // => ['4', '4', '3', '2', '2']
 * ```
 */
export function retentionChart(curves: RetentionChartInput, options?: RetentionChartOptions): string {
  const read = readRetention(curves, FN);
  const o = readChartOptions(options, FN, retentionDefaults(read), ['atRisk']);
  const showAtRisk = o.extra.atRisk === undefined ? true : readBoolean(o.extra.atRisk, FN, 'options.atRisk');
  const { series } = read;
  const { xMin, xMax, yMin, yMax, empty } = extentOf(series);
  const yTicks = niceTicks(yMin, yMax, { count: 5 });
  const yFormat = percentTick(yTicks);
  const legend: LegendEntry[] =
    series.length > 1 ? series.map((s, i) => ({ name: s.name, color: colorOf(i), mark: s.points.some((p) => p.lower !== null && p.upper !== null) ? 'band' : 'line' })) : [];
  // The at-risk rows: one per curve that carries counts.
  const counted = showAtRisk ? series.map((s, i) => ({ s, i })).filter(({ s }) => atRiskAt(s.points, xMin) !== null) : [];
  const lay = layout(o, {
    legend,
    yTickChars: Math.max(...yTicks.ticks.map((t) => yFormat(t).length)),
    below: counted.length === 0 ? 0 : 22 + 16 * counted.length,
    // Named at-risk rows: the names end 22 px left of the plot, where the first count starts.
    // Names are measured generously (a quarter wider than the tick digits): a cut name is worse than a wider margin.
    minLeft: series.length > 1 && counted.length > 0 ? 16 + Math.ceil(Math.max(...counted.map(({ s }) => Array.from(truncate(s.name, 8)).length)) * CHAR_WIDTH * 1.25) + 22 : 0,
  });
  const plot = lay.plots[0] as Rect;
  const x = niceScale(xMin, xMax, [plot.left, plot.right], { count: 6, maxTicks: 8, widen: false });
  const y = linearScale(yTicks, [plot.bottom, plot.top]);
  const xTicks = ticksOf(x, numberTick(x));
  return renderChart({
    layout: lay,
    labels: o,
    ariaLabel: 'Retention curves',
    legend,
    panels: [{ plot, xTicks, yTicks: ticksOf(y, yFormat), body: series.map((s, i) => drawCurve(s, i, x, y)).join('') }],
    below: atRiskRows(counted, x, plot, lay.below.top, series.length > 1),
    ...(empty ? { note: 'No data' } : {}),
  });
}

/** "Number at risk": a header, then one row per counted curve with the count under each x tick. */
function atRiskRows(counted: readonly { s: StepSeries; i: number }[], x: Scale, plot: Rect, top: number, named: boolean): string {
  if (counted.length === 0) return '';
  const out: string[] = [label(plot.left, top + 12, 'Number at risk', 'start', { cls: 'at-risk-title', muted: true })];
  counted.forEach(({ s, i }, row) => {
    const ry = top + 28 + row * 16;
    out.push(`<g class="at-risk" data-series="${i}" text-anchor="middle">`);
    if (named) out.push(label(plot.left - 22, ry, truncate(s.name, 8), 'end', { cls: 'at-risk-name', fill: colorOf(i) }));
    for (const t of x.ticks) out.push(label(x(t), ry, formatNumber(atRiskAt(s.points, t) ?? 0, 0), 'middle', { cls: 'at-risk-count' }));
    out.push('</g>');
  });
  return out.join('');
}

/** The band (where both bounds are numbers), the step line, and the censoring marks of curve `i`. */
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
    out.push(bandPath(d, color, i));
  }
  const lineRuns = runs(indexed, ({ p }) => p.value !== null);
  const d = stepPath(
    lineRuns.map((run) => run.map(({ p }) => [x(p.time), y(p.value as number)] as const)),
    (k) => endOf(lineRuns[k] as { j: number }[]),
  );
  out.push(seriesPath(d, color, s.name, i));
  // R's mark.time: a small vertical tick where subjects were censored, on the curve.
  const marks = s.points
    .filter((p) => p.censored > 0 && p.value !== null)
    .map((p) => `M${coord(x(p.time))} ${coord(y(p.value as number) - 4)}V${coord(y(p.value as number) + 4)}`)
    .join('');
  if (marks !== '') out.push(`<path class="censor" data-series="${i}" d="${marks}" stroke="${color}" stroke-width="1.5" fill="none"/>`);
  return out.join('');
}
