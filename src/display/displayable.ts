import { fail } from '../core/errors.js';
import { closestKey } from '../core/options.js';
import type { DisplayBundle, DisplayParts, Displayable, VegaLiteSpec } from './types.js';

const FN = 'displayable';

/** The parts a bundle may have. */
const PARTS = ['svg', 'vegaLite', 'html', 'text'] as const satisfies readonly (keyof DisplayParts)[];

/**
 * Wraps a chart or table for a Jupyter notebook: an object that Deno's kernel (and any
 * front end given its MIME bundle) shows as the best of what it holds.
 *
 * Protocol: Deno's kernel calls an object's `[Symbol.for('Jupyter.display')]()` method when
 * the object is a cell's last expression or is passed to `Deno.jupyter.display`, and sends
 * the MIME bundle it returns; the front end shows the richest type it can render.
 * - A string (0.x and 1.0 alike): `{ 'image/svg+xml': markup }` when the markup, leading
 *   white space aside, starts with `<svg` (or an `<?xml` declaration), `{ 'text/html':
 *   markup }` otherwise. The markup is not changed or checked further.
 * - A bundle `{ svg?, vegaLite?, html?, text? }` (at least one): `image/svg+xml`,
 *   `application/vnd.vegalite.v5+json`, `text/html` and `text/plain` for the parts given.
 *   With an `svg` or `vegaLite` and no `text`, the text is `[chart] <title>` (the spec's
 *   title, else the SVG's `aria-label`), so a terminal shows what the chart is. JupyterLab
 *   and VS Code show the Vega-Lite spec (interactive, with tooltips); a front end without
 *   Vega-Lite shows the SVG; a terminal the text.
 *
 * Source: Deno's Jupyter kernel (`Symbol.for("Jupyter.display")`, Deno 1.37+); Jupyter's
 * MIME bundles (`display_data`); the `application/vnd.vegalite.v5+json` type of
 * JupyterLab's Vega renderer.
 *
 * Cost: O(1) for a string (one look at its start); O(length of the SVG) for a bundle
 * without text (reading its title).
 *
 * Edge cases: an empty string displays as empty HTML. The parts are not copied: the spec
 * object is the one given.
 *
 * @param input An HTML fragment or SVG document, or a bundle `{ svg?, vegaLite?, html?, text? }`.
 * @returns `{ markup, bundle, [Symbol.for('Jupyter.display')]() }`.
 * @throws {MetricsInputError} `invalid-input` at `markup` when it is neither a string nor
 * an object; at `input.<part>` for a part of the wrong type (`svg`, `html`, `text`
 * strings; `vegaLite` an object with a `$schema` string) or an unknown part (naming the
 * closest one); at `input` for a bundle with no part.
 *
 * @example
 * ```ts
 * import { displayable, htmlTable, npsChart, npsChartSpec } from 'customer-success-metrics/display';
 * import { nps } from 'customer-success-metrics/scores';
 * const shown = displayable(htmlTable([{ a: 1 }]));
 * Object.keys(shown[Symbol.for('Jupyter.display')]()); // => ['text/html']
 * Object.keys(displayable('<svg xmlns="http://www.w3.org/2000/svg"/>')[Symbol.for('Jupyter.display')]()); // => ['image/svg+xml']
 * const result = nps([9, 10, 6, 8]);
 * const both = displayable({ svg: npsChart(result), vegaLite: npsChartSpec(result) });
 * Object.keys(both[Symbol.for('Jupyter.display')]()); // => ['image/svg+xml', 'application/vnd.vegalite.v5+json', 'text/plain']
 * both.bundle['text/plain']; // => '[chart] NPS'
 * ```
 */
export function displayable(input: string | DisplayParts): Displayable {
  if (typeof input === 'string') {
    const head = input.trimStart();
    const bundle: DisplayBundle = /^<(svg[\s>/]|\?xml)/.test(head) ? { 'image/svg+xml': input } : { 'text/html': input };
    return wrap(input, bundle);
  }
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    return fail(FN, 'markup', 'invalid-input', 'must be a string of HTML or SVG, or a bundle { svg?, vegaLite?, html?, text? }', input);
  }
  const parts = readParts(input);
  const bundle: { -readonly [K in keyof DisplayBundle]: DisplayBundle[K] } = {};
  if (parts.svg !== undefined) bundle['image/svg+xml'] = parts.svg;
  if (parts.vegaLite !== undefined) bundle['application/vnd.vegalite.v5+json'] = parts.vegaLite;
  if (parts.html !== undefined) bundle['text/html'] = parts.html;
  const text = parts.text ?? chartText(parts);
  if (text !== undefined) bundle['text/plain'] = text;
  return wrap(parts.svg ?? parts.html ?? '', bundle);
}

function wrap(markup: string, bundle: DisplayBundle): Displayable {
  return { markup, bundle, [Symbol.for('Jupyter.display')]: () => bundle };
}

/** The parts of a bundle, each checked. */
function readParts(input: object): DisplayParts {
  const o = input as Record<string, unknown>;
  const keys = Object.keys(o).filter((key) => o[key] !== undefined);
  for (const key of keys) {
    if (!(PARTS as readonly string[]).includes(key)) {
      const near = closestKey(key, PARTS);
      fail(FN, `input.${key}`, 'invalid-input', `is not a part of a display bundle; ${near !== null ? `did you mean ${near}?` : `the parts are ${PARTS.join(', ')}`}`, o[key]);
    }
  }
  if (keys.length === 0) fail(FN, 'input', 'invalid-input', 'must have at least one of svg, vegaLite, html, text', input);
  for (const key of ['svg', 'html', 'text'] as const) {
    if (o[key] !== undefined && typeof o[key] !== 'string') fail(FN, `input.${key}`, 'invalid-input', 'must be a string', o[key]);
  }
  const spec = o['vegaLite'];
  if (spec !== undefined && (spec === null || typeof spec !== 'object' || Array.isArray(spec) || typeof (spec as { $schema?: unknown }).$schema !== 'string')) {
    fail(FN, 'input.vegaLite', 'invalid-input', 'must be a Vega-Lite spec: an object with a $schema', spec);
  }
  return input as DisplayParts;
}

/** `[chart] <title>` for a chart without text: the spec's title, else the SVG's aria-label. */
function chartText(parts: DisplayParts): string | undefined {
  if (parts.svg === undefined && parts.vegaLite === undefined) return undefined;
  const title = specTitle(parts.vegaLite) ?? svgTitle(parts.svg);
  return title === undefined || title === '' ? '[chart]' : `[chart] ${title}`;
}

function specTitle(spec: VegaLiteSpec | undefined): string | undefined {
  const title = spec?.['title'];
  if (typeof title === 'string') return title;
  if (title !== null && typeof title === 'object' && !Array.isArray(title)) {
    const text = (title as { text?: unknown }).text;
    if (typeof text === 'string') return text;
  }
  return undefined;
}

const ENTITIES: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" };

function svgTitle(svg: string | undefined): string | undefined {
  const label = svg === undefined ? undefined : /^\s*(?:<\?xml[^>]*>\s*)?<svg\b[^>]*?\saria-label="([^"]*)"/.exec(svg)?.[1];
  return label?.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ENTITIES[e] as string);
}
