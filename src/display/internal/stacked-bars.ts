/**
 * Diverging stacked bars over calendar periods, as SVG and as Vega-Lite: gains stacked up
 * from zero, losses stacked down, one bar group per period, an optional net line through
 * the middle of each group, faded bars for a period still in progress. The MRR bridge
 * (`mrrBridgeChart`) and the growth lifecycle (`growthLifecycleChart`) are drawn by it.
 * @internal
 */

import type { JsonValue, VegaLiteSpec } from '../types.js';
import { CHAR_WIDTH, layout, renderChart, ticksOf, type ChartLabels, type LegendEntry, type Tick } from './chart.js';
import { bar, dot, seriesPath } from './marks.js';
import { NEUTRAL_INK } from './palette.js';
import { linePath } from './path.js';
import { bandScale, linearScale, niceTicks, numberTick } from './scale.js';
import { jsonNumber, vegaSpec } from './vega-lite.js';

/** One stacked series: its magnitudes (>= 0) per period, drawn up or down from zero. */
export interface StackSeries {
  readonly name: string;
  readonly color: string;
  /** Drawn below zero (a loss). */
  readonly down: boolean;
  /** One magnitude >= 0 per period. */
  readonly values: readonly number[];
}

/** What the chart draws. */
export interface StackedBars {
  /** The period keys (`YYYY-MM`, `YYYY-MM-DD`), ascending. */
  readonly keys: readonly string[];
  /** Per period: whether it is over (a period in progress is faded). */
  readonly complete: readonly boolean[];
  /** The series, gains first (stacked from zero upward in this order), then losses. */
  readonly series: readonly StackSeries[];
  /** The net line (gains minus losses), or `null` for none. */
  readonly net: { readonly name: string; readonly values: readonly number[] } | null;
  /** What a period is called in tooltips and the Vega-Lite field: `month`, `period`. */
  readonly keyName: string;
  /** The unit of the values in tooltips: `USD`, `users` (`''` for none). */
  readonly unit: string;
  /** What a value is, for the Vega-Lite tooltip: `MRR`, `users`. */
  readonly valueName: string;
  /** Whether the values are counts (integer ticks). */
  readonly counts: boolean;
  /** A value for a tooltip: `1,919.50`. */
  readonly format: (value: number) => string;
}

/** The fill opacity of a period in progress. */
const IN_PROGRESS_OPACITY = 0.45;

/** Lowest and highest stacked totals (and net values), zero included. */
function extent(m: StackedBars): [number, number] {
  let lo = 0;
  let hi = 0;
  m.keys.forEach((_, i) => {
    let up = 0;
    let down = 0;
    for (const s of m.series) {
      const v = s.values[i] ?? 0;
      if (s.down) down += v;
      else up += v;
    }
    lo = Math.min(lo, -down);
    hi = Math.max(hi, up);
    const net = m.net?.values[i];
    if (net !== undefined) {
      lo = Math.min(lo, net);
      hi = Math.max(hi, net);
    }
  });
  return [lo, hi];
}

/** The legend: a swatch per series, then the net line. */
function legendOf(m: StackedBars): LegendEntry[] {
  const entries: LegendEntry[] = m.series.map((s) => ({ name: s.name, color: s.color, mark: 'swatch' }));
  if (m.net !== null) entries.push({ name: m.net.name, color: 'currentColor', mark: 'line' });
  return entries;
}

/**
 * The SVG chart: x a band per period (labels thinned so they do not overlap), y the values
 * with round ticks from the lowest stack to the highest (zero included, a solid zero
 * line), one `rect.bar` per non-zero segment (tooltip: period, series, value), the net line
 * (`path.series` with a `circle.point` per period), a legend. No periods: empty axes and
 * the note `No data`. O(periods × series).
 */
export function stackedBarsSvg(m: StackedBars, labels: ChartLabels, ariaLabel: string): string {
  const [lo, hi] = extent(m);
  const yt = niceTicks(lo, hi, { count: 6, integer: m.counts && hi - lo >= 1 });
  const yFormat = numberTick(yt);
  const keyChars = Math.max(4, ...m.keys.map((k) => k.length));
  const legend = legendOf(m);
  const lay = layout(labels, { legend, yTickChars: Math.max(...yt.ticks.map((t) => yFormat(t).length)), xTickChars: keyChars });
  const plot = lay.plots[0] as (typeof lay.plots)[number];
  const x = bandScale(m.keys.length, [plot.left, plot.right], 0.2);
  const y = linearScale(yt, [plot.bottom, plot.top]);
  const body: string[] = [];
  const unit = m.unit === '' ? '' : ` ${m.unit}`;
  m.keys.forEach((key, i) => {
    let up = 0;
    let down = 0;
    const opacity = m.complete[i] === false ? IN_PROGRESS_OPACITY : undefined;
    m.series.forEach((s, k) => {
      const v = s.values[i] ?? 0;
      if (v === 0) return;
      const from = s.down ? down : up;
      const to = s.down ? down - v : up + v;
      if (s.down) down = to;
      else up = to;
      const title = `${key}${m.complete[i] === false ? ' (in progress)' : ''}, ${s.name}: ${s.down ? '-' : ''}${m.format(v)}${unit}`;
      body.push(bar(x(i), x(i) + x.bandwidth, y(from), y(to), { fill: s.color, title, opacity, data: { series: k, [m.keyName]: key } }));
    });
  });
  if (m.net !== null && m.keys.length > 0) {
    const net = m.net;
    const points = m.keys.map((_, i) => [x.center(i), y(net.values[i] ?? 0)] as const);
    body.push(seriesPath(linePath([points]), 'currentColor', net.name, m.series.length));
    m.keys.forEach((key, i) => {
      const [px, py] = points[i] as readonly [number, number];
      body.push(dot(px, py, 3, 'currentColor', `${key}, ${net.name}: ${m.format(net.values[i] ?? 0)}${unit}`));
    });
  }
  // One label every `every` periods, so that labels keep a gap of at least 8 px.
  const every = Math.max(1, Math.ceil((keyChars * CHAR_WIDTH + 8) / Math.max(1e-9, x.step)));
  const xTicks: Tick[] = [];
  for (let i = 0; i < m.keys.length; i += every) xTicks.push({ px: x.center(i), label: m.keys[i] as string });
  return renderChart({
    layout: lay,
    labels,
    ariaLabel,
    legend,
    panels: [{ plot, xTicks, yTicks: ticksOf(y, yFormat), body: body.join(''), baseline: y(0), grid: 'y' }],
    ...(m.keys.length === 0 ? { note: 'No data' } : {}),
  });
}

/**
 * The Vega-Lite spec: a layer of stacked bars (`stack: 'zero'`, losses as negative
 * amounts, one row of `data.values` per non-zero segment, so the rendered `rect` marks are
 * the SVG's bars), the net line with a point per period (its own `data.values`), and a
 * rule at zero. Colours: the series' own; the net line in the neutral ink. Tooltips on
 * bars and points.
 */
export function stackedBarsSpec(m: StackedBars, labels: ChartLabels): VegaLiteSpec {
  const key = m.keyName;
  const names = m.series.map((s) => s.name);
  const colors = m.series.map((s) => s.color);
  const segments: JsonValue[] = [];
  m.keys.forEach((k, i) => {
    m.series.forEach((s, order) => {
      const v = s.values[i] ?? 0;
      if (v === 0) return;
      segments.push({ [key]: k, series: s.name, order, amount: jsonNumber(s.down ? -v : v), value: jsonNumber(v), complete: m.complete[i] !== false });
    });
  });
  const x: { [k: string]: JsonValue } = {
    field: key,
    type: 'ordinal',
    scale: { domain: [...m.keys] },
    axis: { title: labels.xLabel === '' ? null : labels.xLabel, labelAngle: 0, labelOverlap: 'greedy' },
  };
  // No periods: a fixed domain, as the SVG's empty axes (Vega warns of an infinite extent otherwise).
  const emptyDomain: { [k: string]: JsonValue } = m.keys.length === 0 ? { scale: { domain: [0, 1] } } : {};
  const valueTitle = m.unit === '' || m.unit === m.valueName ? m.valueName : `${m.valueName} (${m.unit})`;
  const format = m.counts ? ',d' : ',.2~f';
  const layers: JsonValue[] = [
    {
      mark: { type: 'bar' },
      encoding: {
        x,
        y: { field: 'amount', type: 'quantitative', stack: 'zero', ...emptyDomain, axis: { title: labels.yLabel === '' ? null : labels.yLabel, format: ',~f' } },
        color: { field: 'series', type: 'nominal', scale: { domain: [...names, ...(m.net === null ? [] : [m.net.name])], range: [...colors, ...(m.net === null ? [] : [NEUTRAL_INK])] }, legend: { title: null } },
        order: { field: 'order', type: 'quantitative' },
        opacity: { condition: { test: '!datum.complete', value: IN_PROGRESS_OPACITY }, value: 1 },
        tooltip: [
          { field: key, type: 'ordinal', title: key },
          { field: 'series', type: 'nominal', title: 'movement' },
          { field: 'amount', type: 'quantitative', title: valueTitle, format },
          { field: 'complete', type: 'nominal', title: 'complete' },
        ],
      },
    },
    { mark: { type: 'rule', color: NEUTRAL_INK }, encoding: { y: { datum: 0 } } },
  ];
  if (m.net !== null) {
    const net = m.net;
    layers.push({
      data: { values: m.keys.map((k, i) => ({ [key]: k, net: jsonNumber(net.values[i] ?? 0), complete: m.complete[i] !== false })) },
      mark: { type: 'line', point: true, color: NEUTRAL_INK, strokeWidth: 2 },
      encoding: {
        x,
        y: { field: 'net', type: 'quantitative', ...emptyDomain },
        color: { datum: net.name },
        tooltip: [
          { field: key, type: 'ordinal', title: key },
          { field: 'net', type: 'quantitative', title: net.name, format },
        ],
      },
    });
  }
  return vegaSpec(labels, { data: { values: segments }, layer: layers }, { legend: true });
}
