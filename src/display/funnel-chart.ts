import { CHAR_WIDTH, layout, readChartOptions, renderChart, ticksOf } from './internal/chart.js';
import { truncate } from './internal/escape.js';
import { readFunnel } from './internal/funnel-stages.js';
import { bar, label } from './internal/marks.js';
import { SEMANTIC, inkOn } from './internal/palette.js';
import { bandScale, formatNumber, linearScale, niceTicks, numberTick } from './internal/scale.js';
import type { ChartOptions, FunnelChartInput } from './types.js';

const FN = 'funnelChart';

/** Stage names on the y axis are cut to this many characters. */
const NAME_CHARS = 18;

/**
 * SVG chart of a lifecycle funnel: how many journeys reached each stage, and the
 * conversion from one stage to the next.
 *
 * Drawing: one horizontal bar per stage of a `lifecycleFunnel` result, top to bottom in
 * stage order, its length the journeys that `reached` the stage (count printed at its
 * end). Between a bar and the one above it, the conversion from the stage before:
 * `30% of previous (26–34%), median 2.4 days` (`conversionFromPrevious` with its interval,
 * and `medianDaysFromPrevious`). Axes: stage names (cut to 18 characters) on the left;
 * journeys with round ticks from 0. The subtitle says how many journeys were counted as of
 * when, and whether stages count in order (the result's `journeys`, `asOfDate`,
 * `inOrder`). One `rect.bar` per stage (tooltip: stage, reached, conversion), one
 * `text.conversion` per stage with a conversion.
 *
 * Source: the conversion funnel of product analytics (Amplitude, Mixpanel), laid out
 * horizontally so stage names read in full.
 *
 * Cost: O(stages). Pure string building, every name escaped.
 *
 * Edge cases: no stages give empty axes with the note `No data`; a stage reached by no
 * one has no bar (its count `0` is printed); a stage without a conversion (the first, or
 * after a stage nobody reached) has no conversion label.
 *
 * @param result A `lifecycleFunnel` result as it is, or `{ stages }` with rows of its shape
 * (`name`, `reached`, optional `conversionFromPrevious` and `medianDaysFromPrevious`).
 * @param options `{ title?, subtitle?, xLabel?, yLabel?, width?, height? }` (defaults:
 * `Lifecycle funnel`, the journeys and the in-order rule, `journeys that reached the
 * stage`, `stage`).
 * @returns An SVG document as a string; wrap it in {@link displayable} for a notebook.
 * @throws {MetricsInputError} `invalid-input` when `result` is not an object or its
 * `stages` is not iterable; `invalid-record` for a stage (or a conversion) that is not an
 * object; `invalid-name` at `result.stages[i].name` (a non-empty string); `duplicate-name`;
 * `invalid-number` at `.reached` (finite, >= 0), `.conversionFromPrevious.value` (finite),
 * `.lower`, `.upper` and `.medianDaysFromPrevious` (finite, null or absent);
 * `invalid-input` at `result.asOfDate` (not a string); `invalid-option` / `unknown-option`
 * for the options.
 *
 * @example
 * ```ts
 * import { funnelChart } from 'customer-success-metrics/display';
 * const svg = funnelChart({
 *   stages: [
 *     { name: 'signed-up', reached: 200, conversionFromPrevious: null },
 *     { name: 'activated', reached: 120, conversionFromPrevious: { value: 0.6, lower: 0.53, upper: 0.67 } },
 *     { name: 'paying', reached: 30, conversionFromPrevious: { value: 0.25, lower: 0.18, upper: 0.33 } },
 *   ],
 * });
 * svg.match(/class="bar"/g)?.length; // => 3
 * svg.includes('60% of previous (53–67%)'); // => true
 * ```
 */
export function funnelChart(result: FunnelChartInput, options?: ChartOptions): string {
  const { stages, subtitle } = readFunnel(result, FN);
  const labels = readChartOptions(options, FN, { title: 'Lifecycle funnel', subtitle, xLabel: 'journeys that reached the stage', yLabel: 'stage' });
  const top = Math.max(0, ...stages.map((s) => s.reached));
  const xt = niceTicks(0, top, { count: 5, integer: top >= 1 });
  const xFormat = numberTick(xt);
  const nameChars = Math.min(NAME_CHARS, Math.max(4, ...stages.map((s) => Array.from(s.name).length)));
  const lay = layout(labels, { yTickChars: nameChars, xTickChars: Math.max(...xt.ticks.map((t) => xFormat(t).length)) });
  const plot = lay.plots[0] as (typeof lay.plots)[number];
  // Room between bars for a conversion label: at least 16 px of the step when it can be had.
  const rough = (plot.bottom - plot.top) / Math.max(1, stages.length);
  const y = bandScale(stages.length, [plot.top, plot.bottom], Math.min(0.6, Math.max(0.3, 16 / Math.max(1, rough))));
  const x = linearScale(xt, [plot.left, plot.right]);
  const body: string[] = [];
  const fill = SEMANTIC.primary;
  stages.forEach((s, i) => {
    const y0 = y(i);
    const y1 = y0 + y.bandwidth;
    const end = x(s.reached);
    const tip = `${s.name}: ${formatNumber(s.reached, Number.isInteger(s.reached) ? 0 : 2)} reached${s.conversionLabel === '' ? '' : `; ${s.conversionLabel}`}`;
    if (s.reached > 0) body.push(bar(plot.left, end, y0, y1, { fill, title: tip, data: { stage: i } }));
    const count = formatNumber(s.reached, Number.isInteger(s.reached) ? 0 : 2);
    const inside = end + 6 + count.length * CHAR_WIDTH > plot.right;
    const mid = (y0 + y1) / 2 + 4;
    body.push(inside ? label(end - 6, mid, count, 'end', { cls: 'count', fill: inkOn(fill), weight: 600 }) : label(end + 6, mid, count, 'start', { cls: 'count', weight: 600 }));
    if (s.conversionLabel !== '') {
      const gap = y.step - y.bandwidth;
      body.push(label(plot.left + 4, y0 - Math.max(3, (gap - 11) / 2), `↓ ${s.conversionLabel}`, 'start', { cls: 'conversion', size: 11, muted: true }));
    }
  });
  const yTicks = stages.map((s, i) => ({ px: y.center(i), label: truncate(s.name, nameChars) }));
  return renderChart({
    layout: lay,
    labels,
    ariaLabel: 'Lifecycle funnel',
    panels: [{ plot, xTicks: ticksOf(x, xFormat), yTicks, body: body.join(''), grid: 'x' }],
    ...(stages.length === 0 ? { note: 'No data' } : {}),
  });
}
