/**
 * The SVG frame every chart shares: reading the common options, the layout (title,
 * subtitle, plot panels, axis labels, legend, an optional area under the x axis), axes
 * with ticks and grid, the legend, the empty-data note, and the document itself. See
 * /docs and the note of the chart infrastructure for how a chart uses it:
 *
 *   const o = readChartOptions(options, FN, { title: 'Retention', xLabel: 'days', yLabel: 'retained (%)' }, ['extraKey']);
 *   const yTicks = niceTicks(0, 1, { count: 5 });
 *   const lay = layout(o, { legend, yTickChars: 4 });
 *   const plot = lay.plots[0];
 *   const x = niceScale(0, 30, [plot.left, plot.right], { count: 6, widen: false });
 *   const y = linearScale(yTicks, [plot.bottom, plot.top]);
 *   return renderChart({ layout: lay, labels: o, ariaLabel: 'Retention curves', legend,
 *     panels: [{ plot, xTicks: ticksOf(x, numberTick(x)), yTicks: ticksOf(y, percentTick(y)), body }] });
 *
 * Ink: text, axes and grid are `currentColor` (see palette.ts); there is no background.
 * @internal
 */

import { fail } from '../../core/errors.js';
import { optionsOf } from '../../core/options.js';
import { escapeText, truncate } from './escape.js';
import { INK } from './palette.js';
import { coord } from './path.js';
import type { Scale } from './scale.js';

export { colorOf, PALETTE } from './palette.js';

/** The option keys every chart takes. */
export const CHART_OPTION_KEYS = ['title', 'subtitle', 'xLabel', 'yLabel', 'width', 'height'] as const;

/** Default size of the SVG (and, less margins, of a Vega-Lite view). */
export const WIDTH = 640;
export const HEIGHT = 400;

/** The checked common options, defaults filled in (`''` means none). */
export interface ChartLabels {
  readonly title: string;
  readonly subtitle: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly width: number;
  readonly height: number;
}

/** The defaults of one chart (each `''` when absent). */
export interface LabelDefaults {
  readonly title?: string;
  readonly subtitle?: string;
  readonly xLabel?: string;
  readonly yLabel?: string;
  readonly width?: number;
  readonly height?: number;
}

/**
 * Reads `{ title?, subtitle?, xLabel?, yLabel?, width?, height? }` plus the chart's own
 * `extraKeys` (returned unread in `extra`, for the chart to check). Labels must be strings
 * (`''` shows none); `width` must be a number from 240 to 4096 and `height` from 180 to
 * 4096 (pixels). Another key throws `unknown-option` naming the closest one; `null`
 * throws `invalid-option`.
 */
export function readChartOptions<const K extends string = never>(
  options: unknown,
  fn: string,
  defaults: LabelDefaults = {},
  extraKeys: readonly K[] = [],
): ChartLabels & { readonly extra: Partial<Record<K, unknown>> } {
  const o = optionsOf(options as object | undefined, fn, [...CHART_OPTION_KEYS, ...extraKeys]) as Record<string, unknown>;
  const text = (key: 'title' | 'subtitle' | 'xLabel' | 'yLabel'): string => {
    const value = o[key];
    if (value === undefined) return defaults[key] ?? '';
    if (typeof value === 'string') return value;
    return fail(fn, `options.${key}`, 'invalid-option', 'must be a string', value);
  };
  const size = (key: 'width' | 'height', min: number, fallback: number): number => {
    const value = o[key];
    if (value === undefined) return defaults[key] ?? fallback;
    if (typeof value === 'number' && Number.isFinite(value) && value >= min && value <= 4096) return value;
    return fail(fn, `options.${key}`, 'invalid-option', `must be a number of pixels from ${min} to 4096`, value);
  };
  const extra: Partial<Record<K, unknown>> = {};
  for (const key of extraKeys) if (o[key] !== undefined) extra[key] = o[key];
  return {
    title: text('title'),
    subtitle: text('subtitle'),
    xLabel: text('xLabel'),
    yLabel: text('yLabel'),
    width: size('width', 240, WIDTH),
    height: size('height', 180, HEIGHT),
    extra,
  };
}

/** A rectangle in pixels. */
export interface Rect {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/** One legend row: a name and how its marker looks. */
export interface LegendEntry {
  readonly name: string;
  readonly color: string;
  /** `line` (a series), `band` (a line over a shaded interval), `swatch` (a bar), `point` (a dot with error bar). */
  readonly mark: 'line' | 'band' | 'swatch' | 'point' | 'dash';
}

/** What {@link layout} must make room for. */
export interface LayoutPlan {
  /** Legend rows, drawn at the right of the plots (none: the plots take the width). */
  readonly legend?: readonly LegendEntry[];
  /** The widest y tick label, in characters (default 5). */
  readonly yTickChars?: number;
  /** The widest x tick label, in characters (default 4): room at the right for the last one. */
  readonly xTickChars?: number;
  /** Pixels under the x label for a table under the axis (an at-risk row); default 0. */
  readonly below?: number;
  /** Relative heights of the panels, top to bottom, sharing the x axis (default `[1]`). */
  readonly panels?: readonly number[];
  /** Pixels between panels (default 30: room for the upper panel's tick labels). */
  readonly panelGap?: number;
  /** `'right'`, `'top'` (rows under the title), or by default right unless that takes over a quarter of the width. */
  readonly legendPosition?: 'right' | 'top';
  /** At least this many pixels left of the plots (e.g. for row names of a table under the axis). */
  readonly minLeft?: number;
}

/** Where everything goes. */
export interface Layout {
  readonly width: number;
  readonly height: number;
  /** The plot areas, top to bottom. */
  readonly plots: readonly Rect[];
  /** Where each legend entry goes (its marker's left, the row's top). */
  readonly legendAt: readonly { readonly x: number; readonly y: number }[];
  /** The band under the x label for {@link LayoutPlan.below}: `top` to `top + below`. */
  readonly below: { readonly top: number; readonly height: number };
  /** Legend names are cut to this many characters. */
  readonly legendChars: number;
}

/** Approximate width of one character at 12px (system-ui). */
export const CHAR_WIDTH = 7;
const LEGEND_CHARS = 22;

/** Lays out a chart of `labels.width × labels.height`. */
export function layout(labels: ChartLabels, plan: LayoutPlan = {}): Layout {
  const { width, height } = labels;
  const legend = plan.legend ?? [];
  const chars = (name: string): number => Math.min(LEGEND_CHARS, Array.from(name).length);
  const longest = Math.max(0, ...legend.map((e) => chars(e.name)));
  const sideWidth = legend.length === 0 ? 0 : 16 + 28 + longest * CHAR_WIDTH + 8;
  // A legend that would take more than a quarter of the width goes on top, in rows.
  const onTop = legend.length > 0 && (plan.legendPosition === 'top' || (plan.legendPosition !== 'right' && sideWidth > width * 0.25));
  const titleSpace = (labels.title !== '' ? 30 : 10) + (labels.subtitle !== '' ? 18 : 0);
  const positions: { x: number; y: number }[] = [];
  let top = titleSpace + 8;
  if (onTop) {
    let x = 16;
    let y = titleSpace + 4;
    for (const e of legend) {
      const w = 28 + chars(e.name) * CHAR_WIDTH + 18;
      if (x > 16 && x + w > width - 8) {
        x = 16;
        y += 20;
      }
      positions.push({ x, y });
      x += w;
    }
    top = y + 20 + 10;
  }
  const left = Math.max(plan.minLeft ?? 0, 10 + (labels.yLabel !== '' ? 20 : 0) + (plan.yTickChars ?? 5) * CHAR_WIDTH + 8);
  const legendWidth = onTop ? 0 : sideWidth;
  if (!onTop) legend.forEach((_, i) => positions.push({ x: width - sideWidth + 16, y: top + i * 20 }));
  const right = width - legendWidth - Math.max(16, ((plan.xTickChars ?? 4) * CHAR_WIDTH) / 2 + 6);
  const below = plan.below ?? 0;
  const bottom = height - 8 - below - (labels.xLabel !== '' ? 22 : 0) - 22;
  const weights = plan.panels ?? [1];
  const gap = plan.panelGap ?? 30;
  const total = weights.reduce((a, b) => a + b, 0);
  const free = Math.max(weights.length * 20, bottom - top - gap * (weights.length - 1));
  const plots: Rect[] = [];
  let y = top;
  for (const w of weights) {
    const h = (free * w) / total;
    plots.push({ left, top: y, right: Math.max(left + 40, right), bottom: y + h });
    y += h + gap;
  }
  return {
    width,
    height,
    plots,
    legendAt: positions,
    below: { top: height - 8 - below, height: below },
    legendChars: LEGEND_CHARS,
  };
}

/** A tick: where (pixels along its axis) and its label. */
export interface Tick {
  readonly px: number;
  readonly label: string;
}

/** The ticks of a linear scale, labelled by `format`. */
export function ticksOf(scale: Scale, format: (value: number) => string): Tick[] {
  return scale.ticks.map((t) => ({ px: scale(t), label: format(t) }));
}

/** One plot panel: its area, ticks and marks. */
export interface PanelDrawing {
  readonly plot: Rect;
  /** The x ticks (under the panel); grid lines only when `grid` includes x. */
  readonly xTicks: readonly Tick[];
  /** The y ticks (left of the panel). */
  readonly yTicks: readonly Tick[];
  /** The marks (paths, rects...), already placed. */
  readonly body: string;
  /** Print the x tick labels (default true; false for an upper panel sharing the x axis). */
  readonly xTickLabels?: boolean;
  /** Grid lines: `'y'` (default, horizontal), `'x'`, `'both'` or `'none'`. */
  readonly grid?: 'x' | 'y' | 'both' | 'none';
  /** The panel's y axis label (default: the chart's `yLabel` on the first panel only). */
  readonly yLabel?: string;
  /** A y value (pixels) to stress with a solid line, e.g. zero between gains and losses. */
  readonly baseline?: number;
}

/** A fixed-decimal number for an attribute. */
const n = coord;

/** `<g class="panel">`: y axis (grid, ticks), x axis (ticks, labels), then the marks. */
function panel(p: PanelDrawing, yLabel: string, first: boolean): string {
  const { plot } = p;
  const grid = p.grid ?? 'y';
  const out: string[] = [`<g class="panel" data-plot="${n(plot.left)} ${n(plot.top)} ${n(plot.right)} ${n(plot.bottom)}">`];
  out.push('<g class="y-axis" text-anchor="end">');
  for (const t of p.yTicks) {
    const py = n(t.px);
    if (grid === 'y' || grid === 'both') out.push(`<line x1="${n(plot.left)}" x2="${n(plot.right)}" y1="${py}" y2="${py}" stroke="currentColor" stroke-opacity="${INK.gridOpacity}"/>`);
    out.push(`<text class="tick" x="${n(plot.left - 6)}" y="${n(t.px + 4)}">${escapeText(t.label)}</text>`);
  }
  out.push(`<line x1="${n(plot.left)}" x2="${n(plot.left)}" y1="${n(plot.top)}" y2="${n(plot.bottom)}" stroke="currentColor" stroke-opacity="${INK.axisOpacity}"/>`, '</g>');
  out.push('<g class="x-axis" text-anchor="middle">');
  for (const t of p.xTicks) {
    const px = n(t.px);
    if (grid === 'x' || grid === 'both') out.push(`<line x1="${px}" x2="${px}" y1="${n(plot.top)}" y2="${n(plot.bottom)}" stroke="currentColor" stroke-opacity="${INK.gridOpacity}"/>`);
    out.push(`<line x1="${px}" x2="${px}" y1="${n(plot.bottom)}" y2="${n(plot.bottom + 5)}" stroke="currentColor" stroke-opacity="${INK.axisOpacity}"/>`);
    if (p.xTickLabels ?? true) out.push(`<text class="tick" x="${px}" y="${n(plot.bottom + 18)}">${escapeText(t.label)}</text>`);
  }
  out.push(`<line x1="${n(plot.left)}" x2="${n(plot.right)}" y1="${n(plot.bottom)}" y2="${n(plot.bottom)}" stroke="currentColor" stroke-opacity="${INK.axisOpacity}"/>`, '</g>');
  if (p.baseline !== undefined) {
    out.push(`<line class="baseline" x1="${n(plot.left)}" x2="${n(plot.right)}" y1="${n(p.baseline)}" y2="${n(p.baseline)}" stroke="currentColor" stroke-opacity="${INK.axisOpacity}"/>`);
  }
  const label = p.yLabel ?? (first ? yLabel : '');
  if (label !== '') {
    const cy = n((plot.top + plot.bottom) / 2);
    out.push(`<text class="y-label" x="16" y="${cy}" text-anchor="middle" transform="rotate(-90 16 ${cy})">${escapeText(label)}</text>`);
  }
  out.push('<g class="marks">', p.body, '</g>', '</g>');
  return out.join('');
}

/** The legend: each entry at its place (see {@link layout}), its marker then its name (cut to `max` characters). */
export function legend(entries: readonly LegendEntry[], at: readonly { x: number; y: number }[], max = LEGEND_CHARS): string {
  const out: string[] = ['<g class="legend">'];
  entries.forEach((e, i) => {
    const place = at[i] ?? { x: 0, y: 0 };
    const y = place.y + 8;
    const x = place.x;
    const c = escapeText(e.color);
    if (e.mark === 'swatch') out.push(`<rect x="${n(x + 4)}" y="${n(y - 6)}" width="12" height="12" rx="2" fill="${c}"/>`);
    else if (e.mark === 'point') out.push(`<line x1="${n(x + 10)}" x2="${n(x + 10)}" y1="${n(y - 7)}" y2="${n(y + 7)}" stroke="${c}" stroke-width="1.5"/><circle cx="${n(x + 10)}" cy="${n(y)}" r="4" fill="${c}"/>`);
    else {
      if (e.mark === 'band') out.push(`<rect x="${n(x)}" y="${n(y - 6)}" width="20" height="12" fill="${c}" fill-opacity="${INK.bandOpacity}"/>`);
      out.push(`<line x1="${n(x)}" x2="${n(x + 20)}" y1="${n(y)}" y2="${n(y)}" stroke="${c}" stroke-width="${e.mark === 'dash' ? 2 : 3}"${e.mark === 'dash' ? ' stroke-dasharray="4 3"' : ''}/>`);
    }
    out.push(`<text x="${n(x + 28)}" y="${n(y + 4)}">${escapeText(truncate(e.name, max))}</text>`);
  });
  out.push('</g>');
  return out.join('');
}

/** Everything a chart is made of. */
export interface ChartDrawing {
  readonly layout: Layout;
  readonly labels: ChartLabels;
  /** The accessible name when there is no title (and the `<title>` then). */
  readonly ariaLabel: string;
  readonly panels: readonly PanelDrawing[];
  /** Legend rows (none: no legend). */
  readonly legend?: readonly LegendEntry[];
  /** Markup for the area under the x label (an at-risk row), placed by the chart in `layout.below`. */
  readonly below?: string;
  /** A note in the middle of the first panel, e.g. `'No data'` for an empty result. */
  readonly note?: string;
}

/**
 * The SVG document: `currentColor` ink (a standalone file, where there is no page colour,
 * takes a dark or light ink by `prefers-color-scheme`), no background, fixed viewBox
 * `0 0 width height`, title and subtitle at the top left, the panels, the x label under
 * the last panel, the legend, the area below, the note.
 */
export function renderChart(d: ChartDrawing): string {
  const { layout: lay, labels } = d;
  const name = labels.title !== '' ? labels.title : d.ariaLabel;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" class="csm-chart" viewBox="0 0 ${n(lay.width)} ${n(lay.height)}" width="${n(lay.width)}" height="${n(lay.height)}" role="img" aria-label="${escapeText(name)}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif" font-size="12" fill="currentColor">`,
    '<style>svg.csm-chart:root{color:#1f2328}@media (prefers-color-scheme: dark){svg.csm-chart:root{color:#e6e6e6}}</style>',
    `<title>${escapeText(name)}</title>`,
  ];
  const plotLeft = lay.plots[0]?.left ?? 0;
  if (labels.title !== '') out.push(`<text class="title" x="${n(Math.min(plotLeft, 16))}" y="24" font-size="15" font-weight="600">${escapeText(labels.title)}</text>`);
  if (labels.subtitle !== '') {
    out.push(`<text class="subtitle" x="${n(Math.min(plotLeft, 16))}" y="${labels.title !== '' ? 42 : 24}" fill-opacity="${INK.mutedOpacity}">${escapeText(labels.subtitle)}</text>`);
  }
  d.panels.forEach((p, i) => out.push(panel(p, labels.yLabel, i === 0)));
  const last = d.panels[d.panels.length - 1]?.plot;
  if (labels.xLabel !== '' && last !== undefined) {
    out.push(`<text class="x-label" x="${n((last.left + last.right) / 2)}" y="${n(last.bottom + 40)}" text-anchor="middle">${escapeText(labels.xLabel)}</text>`);
  }
  if (d.legend !== undefined && d.legend.length > 0) out.push(legend(d.legend, lay.legendAt, lay.legendChars));
  if (d.below !== undefined && d.below !== '') out.push(`<g class="below">${d.below}</g>`);
  const first = d.panels[0]?.plot;
  if (d.note !== undefined && d.note !== '' && first !== undefined) {
    out.push(`<text class="note" x="${n((first.left + first.right) / 2)}" y="${n((first.top + first.bottom) / 2)}" text-anchor="middle" fill-opacity="${INK.mutedOpacity}">${escapeText(d.note)}</text>`);
  }
  out.push('</svg>');
  return out.join('');
}
