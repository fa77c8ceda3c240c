/**
 * A tiny strict XML 1.0 well-formedness checker for the display tests (no DOM offline):
 * one root element, balanced and properly nested tags, quoted and unique attributes,
 * valid entity and character references, no stray `<` or `&`, only XML characters.
 * Returns the element tree so tests can query it; throws on the first problem.
 */

export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: XmlElement[];
  /** Decoded text directly inside this element. */
  text: string;
}

const NAME = /[A-Za-z_:][A-Za-z0-9_:.-]*/y;

/** The XML name starting exactly at `at` (a sticky match: no copy of the rest of the text). */
function nameAt(text: string, at: number): string | undefined {
  NAME.lastIndex = at;
  return NAME.exec(text)?.[0];
}
const NAMED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const BAD_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function decode(raw: string, where: number): string {
  return raw.replace(/&([^;&<\s]*);?/g, (match, body: string) => {
    if (!match.endsWith(';')) throw new Error(`XML: unterminated entity reference at ${where}: ${JSON.stringify(match)}`);
    if (body in NAMED) return NAMED[body] as string;
    const code = /^#[0-9]+$/.test(body) ? Number(body.slice(1)) : /^#x[0-9A-Fa-f]+$/.test(body) ? parseInt(body.slice(2), 16) : NaN;
    if (!Number.isInteger(code) || code > 0x10ffff) throw new Error(`XML: invalid entity &${body}; at ${where}`);
    const ch = String.fromCodePoint(code);
    if (BAD_CHAR.test(ch) || (code >= 0xd800 && code <= 0xdfff)) throw new Error(`XML: reference to a non-XML character &${body}; at ${where}`);
    return ch;
  });
}

/** Parses `text` as an XML document; throws an Error naming the first problem. */
export function parseXml(text: string): XmlElement {
  const bad = BAD_CHAR.exec(text);
  if (bad) throw new Error(`XML: character U+${(bad[0].codePointAt(0) as number).toString(16)} not allowed at ${bad.index}`);
  let i = 0;
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  if (text.startsWith('<?xml')) {
    const end = text.indexOf('?>');
    if (end === -1) throw new Error('XML: unterminated declaration');
    i = end + 2;
  }
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    const chunk = text.slice(i, lt === -1 ? text.length : lt);
    if (chunk.includes(']]>')) throw new Error(`XML: "]]>" in text at ${i}`);
    const decoded = decode(chunk, i);
    const parent = stack[stack.length - 1];
    if (parent === undefined) {
      if (chunk.trim() !== '') throw new Error(`XML: text outside the root element at ${i}: ${JSON.stringify(chunk.slice(0, 20))}`);
    } else parent.text += decoded;
    if (lt === -1) break;
    i = lt;
    if (text.startsWith('<!--', i)) {
      const end = text.indexOf('-->', i + 4);
      if (end === -1 || text.slice(i + 4, end).includes('--')) throw new Error(`XML: bad comment at ${i}`);
      i = end + 3;
      continue;
    }
    if (text.startsWith('</', i)) {
      const name = nameAt(text, i + 2);
      if (name === undefined) throw new Error(`XML: bad end tag at ${i}`);
      let j = i + 2 + name.length;
      while (/\s/.test(text[j] ?? '')) j++;
      if (text[j] !== '>') throw new Error(`XML: bad end tag </${name} at ${i}`);
      const open = stack.pop();
      if (open === undefined || open.name !== name) throw new Error(`XML: </${name}> at ${i} does not close <${open?.name ?? '(none)'}>`);
      i = j + 1;
      continue;
    }
    const name = nameAt(text, i + 1);
    if (name === undefined) throw new Error(`XML: stray "<" at ${i}`);
    let j = i + 1 + name.length;
    const attributes: Record<string, string> = {};
    for (;;) {
      const before = j;
      while (/\s/.test(text[j] ?? '')) j++;
      if (text.startsWith('/>', j) || text[j] === '>') break;
      if (j === before) throw new Error(`XML: attributes of <${name}> must be separated by white space at ${j}`);
      const attr = nameAt(text, j);
      if (attr === undefined) throw new Error(`XML: bad attribute in <${name}> at ${j}`);
      j += attr.length;
      while (/\s/.test(text[j] ?? '')) j++;
      if (text[j] !== '=') throw new Error(`XML: attribute ${attr} of <${name}> has no value at ${j}`);
      j++;
      while (/\s/.test(text[j] ?? '')) j++;
      const quote = text[j];
      if (quote !== '"' && quote !== "'") throw new Error(`XML: attribute ${attr} of <${name}> is not quoted at ${j}`);
      const end = text.indexOf(quote, j + 1);
      if (end === -1) throw new Error(`XML: unterminated attribute ${attr} at ${j}`);
      const raw = text.slice(j + 1, end);
      if (raw.includes('<')) throw new Error(`XML: "<" in attribute ${attr} of <${name}>`);
      if (attr in attributes) throw new Error(`XML: duplicate attribute ${attr} in <${name}>`);
      attributes[attr] = decode(raw, j);
      j = end + 1;
    }
    const element: XmlElement = { name, attributes, children: [], text: '' };
    const parentElement = stack[stack.length - 1];
    if (parentElement === undefined) {
      if (root !== null) throw new Error(`XML: second root element <${name}> at ${i}`);
      root = element;
    } else parentElement.children.push(element);
    if (text[j] === '>') {
      stack.push(element);
      i = j + 1;
    } else i = j + 2;
  }
  if (stack.length > 0) throw new Error(`XML: <${(stack[stack.length - 1] as XmlElement).name}> is not closed`);
  if (root === null) throw new Error('XML: no root element');
  return root;
}

/** Every element of the tree, depth first, that satisfies `test`. */
export function findAll(root: XmlElement, test: (e: XmlElement) => boolean): XmlElement[] {
  const out: XmlElement[] = [];
  const walk = (e: XmlElement): void => {
    if (test(e)) out.push(e);
    e.children.forEach(walk);
  };
  walk(root);
  return out;
}

/** The numbers of an SVG path's `d` as [x, y] points (absolute M/L/H/V/Z commands only). */
export function pathPoints(d: string): [number, number][] {
  const out: [number, number][] = [];
  let x = 0;
  let y = 0;
  const re = /([MLHVZh])\s*([-0-9.e]*)(?:\s+([-0-9.e]+))?/g;
  let m: RegExpExecArray | null;
  let consumed = 0;
  while ((m = re.exec(d)) !== null) {
    if (m.index !== consumed) throw new Error(`path: unexpected text at ${consumed} in ${d}`);
    consumed = re.lastIndex;
    const [, cmd, a, b] = m;
    if (cmd === 'M' || cmd === 'L') [x, y] = [Number(a), Number(b)];
    else if (cmd === 'H') x = Number(a);
    else if (cmd === 'V') y = Number(a);
    else if (cmd === 'h') x += Number(a);
    else continue;
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new Error(`path: not a number in ${d}`);
    out.push([x, y]);
  }
  if (consumed !== d.length) throw new Error(`path: unexpected text at ${consumed} in ${d}`);
  return out;
}
