/**
 * The frame shared by the charts: fixed viewBox, axes with ticks and labels, title,
 * legend, and the reading of chart options.
 * @internal
 */

import { fail } from '../../core/errors.js';
import { optionsOf } from '../../core/options.js';
import { escapeText, truncate } from './escape.js';
import { coord } from './path.js';
import type { ChartOptions } from '../types.js';
import type { Scale } from './scale.js';

/** The keys of {@link ChartOptions}: any other key is an `unknown-option` error. */
const CHART_OPTION_KEYS = ['title', 'xLabel', 'yLabel'] as const satisfies readonly (keyof ChartOptions)[];

/** The viewBox width and height. */
export const WIDTH = 640;
export const HEIGHT = 400;
/** The plot area inside the viewBox. */
export const PLOT = { left: 64, right: 464, top: 36, bottom: 344 } as const;

/** Series colours (colour-blind-safe Okabe–Ito palette), reused cyclically. */
export const PALETTE: readonly string[] = ['#0072B2', '#E69F00', '#009E73', '#D55E00', '#CC79A7', '#56B4E9', '#F0E442', '#000000'];

/** The colour of series `i`. */
export function colorOf(i: number): string {
  return PALETTE[i % PALETTE.length] as string;
}

/**
 * Reads `{ title?, xLabel?, yLabel? }`, each a string when given: another key throws
 * `unknown-option` (naming the closest one), `null` throws `invalid-option`.
 */
export function readChartOptions(options: unknown, fn: string): { title: string; xLabel: string; yLabel: string } {
  const o = optionsOf(options as ChartOptions | undefined, fn, CHART_OPTION_KEYS) as Record<string, unknown>;
  const text = (key: string): string => {
    const value = o[key];
    if (value === undefined) return '';
    if (typeof value === 'string') return value;
    return fail(fn, `options.${key}`, 'invalid-option', 'must be a string', value);
  };
  return { title: text('title'), xLabel: text('xLabel'), yLabel: text('yLabel') };
}

/** The SVG document around already-drawn series. */
export function frame(parts: {
  readonly x: Scale;
  readonly y: Scale;
  readonly xTick: (value: number) => string;
  readonly yTick: (value: number) => string;
  readonly names: readonly string[];
  readonly body: string;
  readonly labels: { readonly title: string; readonly xLabel: string; readonly yLabel: string };
  readonly ariaLabel: string;
}): string {
  const { x, y, names, body, labels } = parts;
  const out: string[] = [];
  const title = labels.title === '' ? parts.ariaLabel : labels.title;
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" role="img" aria-label="${escapeText(title)}" font-family="system-ui, sans-serif" font-size="12">`,
    `<rect class="background" x="0" y="0" width="${WIDTH}" height="${HEIGHT}" fill="#ffffff"/>`,
  );
  if (labels.title !== '') out.push(`<text class="title" x="${PLOT.left}" y="22" font-size="15" font-weight="600">${escapeText(labels.title)}</text>`);
  // Grid lines and ticks.
  out.push('<g class="y-axis" text-anchor="end">');
  for (const t of y.ticks) {
    const py = coord(y(t));
    out.push(`<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${py}" y2="${py}" stroke="#e5e5e5"/>`);
    out.push(`<text class="tick" x="${PLOT.left - 6}" y="${coord(y(t) + 4)}">${escapeText(parts.yTick(t))}</text>`);
  }
  out.push(`<line x1="${PLOT.left}" x2="${PLOT.left}" y1="${PLOT.top}" y2="${PLOT.bottom}" stroke="#333333"/>`, '</g>');
  out.push('<g class="x-axis" text-anchor="middle">');
  for (const t of x.ticks) {
    const px = coord(x(t));
    out.push(`<line x1="${px}" x2="${px}" y1="${PLOT.bottom}" y2="${PLOT.bottom + 5}" stroke="#333333"/>`);
    out.push(`<text class="tick" x="${px}" y="${PLOT.bottom + 18}">${escapeText(parts.xTick(t))}</text>`);
  }
  out.push(`<line x1="${PLOT.left}" x2="${PLOT.right}" y1="${PLOT.bottom}" y2="${PLOT.bottom}" stroke="#333333"/>`, '</g>');
  if (labels.xLabel !== '') {
    out.push(`<text class="x-label" x="${(PLOT.left + PLOT.right) / 2}" y="${HEIGHT - 14}" text-anchor="middle">${escapeText(labels.xLabel)}</text>`);
  }
  if (labels.yLabel !== '') {
    const cy = (PLOT.top + PLOT.bottom) / 2;
    out.push(`<text class="y-label" x="16" y="${cy}" text-anchor="middle" transform="rotate(-90 16 ${cy})">${escapeText(labels.yLabel)}</text>`);
  }
  out.push(`<g class="series-group" fill="none" stroke-width="2" stroke-linejoin="round">`, body, '</g>');
  // Legend: one row per series at the right of the plot.
  out.push('<g class="legend">');
  names.forEach((name, i) => {
    const ly = PLOT.top + 8 + i * 20;
    out.push(`<line x1="${PLOT.right + 16}" x2="${PLOT.right + 36}" y1="${ly}" y2="${ly}" stroke="${colorOf(i)}" stroke-width="3"/>`);
    out.push(`<text x="${PLOT.right + 42}" y="${ly + 4}">${escapeText(truncate(name, 20))}</text>`);
  });
  out.push('</g>', '</svg>');
  return out.join('');
}
