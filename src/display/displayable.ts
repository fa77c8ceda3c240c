import { fail } from '../core/errors.js';
import type { DisplayBundle, Displayable } from './types.js';

/**
 * Wraps HTML or SVG markup (from {@link htmlTable}, {@link retentionChart},
 * {@link lineChart}) in an object that a Deno Jupyter notebook displays as a table or chart.
 *
 * Protocol: Deno's kernel calls an object's `[Symbol.for('Jupyter.display')]()` method when
 * the object is a cell's last expression or is passed to `Deno.jupyter.display`, and shows
 * the MIME bundle it returns. The bundle is `{ 'image/svg+xml': markup }` when the markup,
 * leading white space aside, starts with `<svg` (or an `<?xml` declaration), and
 * `{ 'text/html': markup }` otherwise. The markup is not changed or checked further: the
 * functions of this module escape their own content.
 *
 * Source: Deno's Jupyter kernel (`Symbol.for("Jupyter.display")`, Deno 1.37+).
 *
 * Cost: O(1) (one look at the start of the string).
 *
 * Edge cases: an empty string displays as empty HTML.
 *
 * @param markup An HTML fragment or an SVG document.
 * @returns `{ markup, [Symbol.for('Jupyter.display')]() }`.
 * @throws {MetricsInputError} `invalid-input` at `markup` when it is not a string.
 *
 * @example
 * ```ts
 * import { displayable, htmlTable } from 'customer-success-metrics/display';
 * const shown = displayable(htmlTable([{ a: 1 }]));
 * Object.keys(shown[Symbol.for('Jupyter.display')]()); // => ['text/html']
 * Object.keys(displayable('<svg xmlns="http://www.w3.org/2000/svg"/>')[Symbol.for('Jupyter.display')]()); // => ['image/svg+xml']
 * ```
 */
export function displayable(markup: string): Displayable {
  if (typeof markup !== 'string') return fail('displayable', 'markup', 'invalid-input', 'must be a string of HTML or SVG', markup);
  const head = markup.trimStart();
  const bundle: DisplayBundle = /^<(svg[\s>/]|\?xml)/.test(head) ? { 'image/svg+xml': markup } : { 'text/html': markup };
  return {
    markup,
    [Symbol.for('Jupyter.display')]: () => bundle,
  };
}
