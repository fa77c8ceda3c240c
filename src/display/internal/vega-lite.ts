/**
 * The shared parts of every Vega-Lite v5 spec: schema, transparent background, title and
 * subtitle, size, and a config whose ink reads on light and dark themes (a neutral grey,
 * never black) and whose category colours are the SVG palette. Specs are plain JSON.
 * @internal
 */

import type { JsonValue, VegaLiteSpec } from '../types.js';
import type { ChartLabels } from './chart.js';
import { NEUTRAL_INK, PALETTE } from './palette.js';

/** The Vega-Lite v5 schema URL every spec names. */
export const VEGA_LITE_SCHEMA = 'https://vega.github.io/schema/vega-lite/v5.json';

/** The config: neutral ink for text and axes, faint grid, no view border, the palette. */
export function vegaConfig(): { [key: string]: JsonValue } {
  return {
    font: 'system-ui, -apple-system, Segoe UI, Roboto, sans-serif',
    view: { stroke: null },
    title: { color: NEUTRAL_INK, subtitleColor: NEUTRAL_INK, anchor: 'start', fontSize: 15, fontWeight: 600 },
    axis: {
      labelColor: NEUTRAL_INK,
      titleColor: NEUTRAL_INK,
      domainColor: NEUTRAL_INK,
      tickColor: NEUTRAL_INK,
      gridColor: NEUTRAL_INK,
      gridOpacity: 0.25,
      titleFontWeight: 'normal',
    },
    legend: { labelColor: NEUTRAL_INK, titleColor: NEUTRAL_INK },
    header: { labelColor: NEUTRAL_INK, titleColor: NEUTRAL_INK },
    text: { color: NEUTRAL_INK },
    range: { category: [...PALETTE] },
  };
}

/** The `title` of a spec: `{ text, subtitle? }`, or nothing when there is no title. */
export function vegaTitle(labels: ChartLabels): { [key: string]: JsonValue } {
  if (labels.title === '' && labels.subtitle === '') return {};
  const title: { [key: string]: JsonValue } = { text: labels.title };
  if (labels.subtitle !== '') title['subtitle'] = labels.subtitle;
  return { title };
}

/**
 * The top of a spec: `$schema`, `background: 'transparent'`, title, and `width`/`height`
 * of the plot area (the chart's size less room for axes and legend, so the whole picture
 * is about `labels.width × labels.height`), `config`; then the chart's own keys in `body`.
 */
export function vegaSpec(labels: ChartLabels, body: { [key: string]: JsonValue }, plan: { legend?: boolean; height?: number; size?: boolean } = {}): VegaLiteSpec {
  const { width, height } = vegaSize(labels, plan);
  return {
    $schema: VEGA_LITE_SCHEMA,
    background: 'transparent',
    ...vegaTitle(labels),
    ...(plan.size === false ? {} : { width, height }),
    ...body,
    config: vegaConfig(),
  };
}

/**
 * The plot area of a view for a chart of `labels.width × labels.height`: less about 110 px
 * for axes and title, 130 more across for a legend; `height` overrides. For `vconcat` /
 * `layer` specs, pass `size: false` to {@link vegaSpec} and put these on the sub-views.
 */
export function vegaSize(labels: ChartLabels, plan: { legend?: boolean; height?: number } = {}): { width: number; height: number } {
  const width = Math.max(120, Math.round(labels.width - 110 - (plan.legend ? 130 : 0)));
  const height = Math.max(80, Math.round(plan.height ?? labels.height - 110 - (labels.subtitle !== '' ? 18 : 0)));
  return { width, height };
}

/** A finite number, or `null` (JSON has no NaN or Infinity). */
export function jsonNumber(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
