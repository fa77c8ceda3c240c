/**
 * The colours of every chart, SVG and Vega-Lite alike, chosen to read on a light and on a
 * dark notebook theme.
 *
 * Ink rules: text, axes and grid take no colour of their own in SVG: they are
 * `currentColor`, so they follow the page's text colour (dark on a light theme, light on a
 * dark one); grid lines are `currentColor` at low opacity; no opaque background. Series
 * colours are mid-tones with a contrast of at least 3:1 (WCAG's figure for graphics)
 * against white and against a dark theme's `#1e1e1e`. Vega-Lite cannot say
 * `currentColor`, so its text and axes use {@link NEUTRAL_INK}, a grey that reads on both.
 * Text inside a filled cell (a heatmap) uses {@link inkOn}, which depends on the fill only.
 * @internal
 */

/** Series colours, used in order and then cyclically: blue, orange, green, vermillion, purple, teal, olive, grey. */
export const PALETTE: readonly string[] = ['#0072B2', '#C97800', '#1A9E77', '#D95F3B', '#B65FCF', '#2A93AD', '#9A8A1F', '#808080'];

/** The colour of series `i`. */
export function colorOf(i: number): string {
  return PALETTE[((i % PALETTE.length) + PALETTE.length) % PALETTE.length] as string;
}

/** Colours with a meaning: gains and losses, the three health bands, and "other". */
export const SEMANTIC = {
  /** Gains (new, expansion MRR; promoters; a green band). */
  good: '#1A9E77',
  /** Losses (churn, contraction; detractors; a red band). */
  bad: '#D64545',
  /** A watch state (a yellow band; passives). */
  warn: '#B39200',
  /** Neither (a net line, an unnamed band). */
  neutral: '#808080',
  /** The headline series when there is one (same as `colorOf(0)`). */
  primary: '#0072B2',
} as const;

/** Vega-Lite's ink (title, labels, axes): a grey with at least 3.9:1 contrast on white and on `#1e1e1e`. */
export const NEUTRAL_INK = '#808080';

/** Ink attributes for SVG: text and strokes follow the page's text colour. */
export const INK = {
  /** Text and tick marks. */
  text: 'currentColor',
  /** Axis lines: `stroke="currentColor" stroke-opacity="0.55"`. */
  axisOpacity: 0.55,
  /** Grid lines: `stroke="currentColor" stroke-opacity="0.14"`. */
  gridOpacity: 0.14,
  /** A secondary text (subtitle, note): `fill-opacity`. */
  mutedOpacity: 0.72,
  /** Confidence bands: series colour at this `fill-opacity`. */
  bandOpacity: 0.2,
} as const;

function channels(hex: string): [number, number, number] {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
}

function hex(rgb: readonly number[]): string {
  return `#${rgb.map((c) => Math.round(Math.min(255, Math.max(0, c))).toString(16).padStart(2, '0')).join('')}`.toUpperCase();
}

/** Relative luminance (WCAG 2) of `#RRGGBB`. */
export function luminance(color: string): number {
  const [r, g, b] = channels(color).map((c) => {
    const v = c / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two `#RRGGBB` colours (1 to 21). */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Stops of the sequential scale, light to dark blue (opaque cells read on both themes). */
const SEQUENTIAL: readonly string[] = ['#EEF4FB', '#C6DBEF', '#9ECAE1', '#6BAED6', '#4292C6', '#2171B5', '#08519C', '#08306B'];

/** A colour for `t` in [0, 1] (clamped) on the light-to-dark blue sequential scale (heatmaps). */
export function sequentialColor(t: number): string {
  const v = Number.isFinite(t) ? Math.min(1, Math.max(0, t)) : 0;
  const at = v * (SEQUENTIAL.length - 1);
  const k = Math.min(SEQUENTIAL.length - 2, Math.floor(at));
  const a = channels(SEQUENTIAL[k] as string);
  const b = channels(SEQUENTIAL[k + 1] as string);
  const f = at - k;
  return hex(a.map((c, i) => c + (b[i] as number - c) * f));
}

/** The stops of {@link sequentialColor}, for a Vega-Lite `scale.range`. */
export const SEQUENTIAL_RANGE: readonly string[] = SEQUENTIAL;

/** Text colour for a label drawn on `fill`: near-black or white, whichever contrasts more. */
export function inkOn(fill: string): string {
  return contrast(fill, '#111111') >= contrast(fill, '#FFFFFF') ? '#111111' : '#FFFFFF';
}
