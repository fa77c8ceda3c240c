/**
 * Mark elements placed in pixels: bars, dots, error bars, value labels and series paths.
 * Each carries a `class` the tests count (`bar`, `point`, `error-bar`, `series`, `band`)
 * and a `<title>` tooltip where it stands for data.
 * @internal
 */

import { escapeText } from './escape.js';
import { INK } from './palette.js';
import { coord as n } from './path.js';

/** Options of {@link bar}. */
export interface BarStyle {
  readonly fill: string;
  /** The element's class (default `bar`). */
  readonly cls?: string | undefined;
  /** Tooltip text. */
  readonly title?: string | undefined;
  readonly opacity?: number | undefined;
  /** `data-*` attributes for tests and scripts (names without `data-`). */
  readonly data?: Readonly<Record<string, string | number>> | undefined;
}

function dataAttributes(data: Readonly<Record<string, string | number>> | undefined): string {
  if (data === undefined) return '';
  return Object.entries(data)
    .map(([k, v]) => ` data-${k}="${escapeText(String(v))}"`)
    .join('');
}

function tooltip(title: string | undefined): string {
  return title === undefined ? '' : `<title>${escapeText(title)}</title>`;
}

/** A rectangle between x0..x1 and y0..y1 (in any order): a bar, a stacked segment, a cell. */
export function bar(x0: number, x1: number, y0: number, y1: number, style: BarStyle): string {
  const x = Math.min(x0, x1);
  const y = Math.min(y0, y1);
  const w = Math.abs(x1 - x0);
  const h = Math.abs(y1 - y0);
  const opacity = style.opacity === undefined ? '' : ` fill-opacity="${style.opacity}"`;
  return `<rect class="${style.cls ?? 'bar'}"${dataAttributes(style.data)} x="${n(x)}" y="${n(y)}" width="${n(w)}" height="${n(h)}" fill="${escapeText(style.fill)}"${opacity}>${tooltip(style.title)}</rect>`;
}

/** A dot of radius `r` (class `point`). */
export function dot(x: number, y: number, r: number, fill: string, title?: string, cls = 'point'): string {
  return `<circle class="${cls}" cx="${n(x)}" cy="${n(y)}" r="${n(r)}" fill="${escapeText(fill)}">${tooltip(title)}</circle>`;
}

/** A vertical error bar from y0 to y1 at x, with caps `cap` pixels wide (class `error-bar`). */
export function errorBar(x: number, y0: number, y1: number, cap: number, stroke: string, title?: string): string {
  const h = cap / 2;
  const d = `M${n(x)} ${n(y0)}V${n(y1)}M${n(x - h)} ${n(y0)}H${n(x + h)}M${n(x - h)} ${n(y1)}H${n(x + h)}`;
  return `<path class="error-bar" d="${d}" fill="none" stroke="${escapeText(stroke)}" stroke-width="1.5">${tooltip(title)}</path>`;
}

/** A line or step path of one series (class `series`), `d` already built (path.ts); `style` true for dashed. */
export function seriesPath(d: string, stroke: string, name: string, index: number, style: boolean | { readonly dash?: boolean; readonly width?: number; readonly opacity?: number } = false): string {
  const s = typeof style === 'boolean' ? { dash: style } : style;
  const extra = `${s.dash === true ? ' stroke-dasharray="5 4"' : ''}${s.opacity !== undefined ? ` stroke-opacity="${s.opacity}"` : ''}`;
  return `<path class="series" data-series="${index}" d="${d}" fill="none" stroke="${escapeText(stroke)}" stroke-width="${s.width ?? 2}" stroke-linejoin="round" stroke-linecap="round"${extra}><title>${escapeText(name)}</title></path>`;
}

/** A shaded interval (class `band`), `d` a closed path. */
export function bandPath(d: string, fill: string, index: number): string {
  return `<path class="band" data-series="${index}" d="${d}" fill="${escapeText(fill)}" fill-opacity="${INK.bandOpacity}" stroke="none"/>`;
}

/** Text at (x, y): `anchor` start/middle/end; `fill` defaults to the page ink (currentColor). */
export function label(x: number, y: number, text: string, anchor: 'start' | 'middle' | 'end' = 'middle', extra: { cls?: string | undefined; fill?: string | undefined; size?: number | undefined; weight?: number | undefined; muted?: boolean | undefined } = {}): string {
  const attrs = [
    `class="${extra.cls ?? 'value'}"`,
    `x="${n(x)}"`,
    `y="${n(y)}"`,
    `text-anchor="${anchor}"`,
    extra.fill !== undefined ? `fill="${escapeText(extra.fill)}"` : '',
    extra.size !== undefined ? `font-size="${extra.size}"` : '',
    extra.weight !== undefined ? `font-weight="${extra.weight}"` : '',
    extra.muted ? `fill-opacity="${INK.mutedOpacity}"` : '',
  ].filter(Boolean);
  return `<text ${attrs.join(' ')}>${escapeText(text)}</text>`;
}
