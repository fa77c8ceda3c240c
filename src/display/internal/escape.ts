/**
 * Escaping text for HTML and SVG (XML) output.
 * @internal
 */

/**
 * Characters XML 1.0 does not allow anywhere, even escaped: C0 controls other than tab,
 * line feed and carriage return, U+FFFE/U+FFFF, and unpaired surrogates.
 */
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text safe inside an HTML or XML element or a quoted attribute: `& < > " '` become
 * entities, and characters XML cannot carry become U+FFFD. O(length).
 */
export function escapeText(text: string): string {
  return text.replace(NOT_XML, '\uFFFD').replace(/[&<>"']/g, (c) => ENTITIES[c] as string);
}

/** At most `max` characters (code points), with `…` when cut. */
export function truncate(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}
