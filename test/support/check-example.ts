/**
 * The doc-example checker: turns the `@example` blocks of doc comments (and the ```ts blocks
 * of Markdown files) into modules whose marked lines are checks, and the two checks.
 *
 * Markers:
 * - `expression; // => value` (or `// => value` on the line after a statement): the value of
 *   the expression deep-equals `value` EXACTLY: numbers are equal as `Object.is` compares
 *   them (60.4 is not 60, -0 is not 0), strings and booleans are equal, arrays have the same
 *   length and equal elements, objects have the same own keys and equal values.
 * - `expression; // ~> value`: the same, except that every number of `value` stands for the
 *   numbers that round to it at the decimals it shows: `// ~> 0.328` matches 0.32798 (and
 *   anything in [0.3275, 0.3285]), `// ~> 60` matches 59.5 to 60.5, `// ~> 1.69e-75` matches
 *   1.685e-75 to 1.695e-75. The decimals are those of the number's shortest form, so a
 *   trailing zero does not count (`// ~> 0.50` is read as 0.5). Use it for rounded values
 *   only: an exact value is written with `// =>`.
 *
 * Imports of `customer-success-metrics[/module]` are pointed at the sources.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** One example: the file, the 1-based line of its `@example` (or ```ts fence), and its code. */
export interface Example {
  readonly file: string;
  readonly line: number;
  readonly code: string;
}

/**
 * The scale of the last decimal a number literal shows in its shortest form:
 * 0.328 → 1e-3, 60 → 1, 1.69e-75 → 1e-77, 1.5e21 → 1e20.
 */
export function lastDecimalOf(value: number): number {
  const text = String(Math.abs(value));
  const [mantissa = text, exponent = '0'] = text.split('e');
  const dot = mantissa.indexOf('.');
  const decimals = dot === -1 ? 0 : mantissa.length - dot - 1;
  return 10 ** (Number(exponent) - decimals);
}

/** Whether `actual` deep-equals `expected`; with `rounded`, numbers match to the decimals shown. */
export function matches(actual: unknown, expected: unknown, rounded: boolean): boolean {
  if (typeof expected === 'number') {
    if (typeof actual !== 'number') return false;
    if (!rounded || !Number.isFinite(expected)) return Object.is(actual, expected);
    // Half a unit of the last decimal shown, with a hair of slack for the binary rounding of both values.
    return Math.abs(actual - expected) <= 0.5 * lastDecimalOf(expected) * (1 + 1e-9);
  }
  if (Array.isArray(expected)) {
    return Array.isArray(actual) && actual.length === expected.length && expected.every((e, i) => matches(actual[i], e, rounded));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual)) return false;
    const keys = Object.keys(expected);
    const actualKeys = Object.keys(actual);
    if (actualKeys.length !== keys.length || !keys.every((k) => Object.hasOwn(actual, k))) return false;
    return keys.every((k) => matches((actual as Record<string, unknown>)[k], (expected as Record<string, unknown>)[k], rounded));
  }
  return Object.is(actual, expected);
}

/** JSON for the failure message, keeping `undefined`, `-0` and non-finite numbers visible. */
function show(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v === undefined ? '<undefined>' : typeof v === 'number' && (!Number.isFinite(v) || Object.is(v, -0)) ? `<${Object.is(v, -0) ? '-0' : String(v)}>` : v,
  );
}

/** Checks one `// =>` line: exact deep equality. */
export function __check(actual: unknown, expected: unknown, source: string): void {
  if (!matches(actual, expected, false)) {
    throw new Error(`doc example: ${source}\n  expected exactly ${show(expected)} (mark a rounded value with // ~>)\n  received ${show(actual)}`);
  }
}

/** Checks one `// ~>` line: deep equality with numbers equal to the decimals shown. */
export function __checkRounded(actual: unknown, expected: unknown, source: string): void {
  if (!matches(actual, expected, true)) {
    throw new Error(`doc example: ${source}\n  expected ${show(expected)} to the decimals shown\n  received ${show(actual)}`);
  }
}

/** The `@example` blocks (```ts fenced) of the doc comments of a source file. */
export function examplesOf(file: string): Example[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const examples: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (!/^\s*\*\s*@example/.test(lines[i] as string)) continue;
    let j = i + 1;
    while (j < lines.length && !/^\s*\*\s*```ts/.test(lines[j] as string)) j++;
    const body: string[] = [];
    for (j++; j < lines.length && !/^\s*\*\s*```/.test(lines[j] as string); j++) body.push((lines[j] as string).replace(/^\s*\* ?/, ''));
    examples.push({ file, line: i + 1, code: body.join('\n') });
  }
  return examples;
}

/** The ```ts blocks of a Markdown file (the README's quick start must run as written). */
export function markdownExamples(file: string): Example[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const examples: Example[] = [];
  for (let i = 0; i < lines.length; i++) {
    if ((lines[i] as string).trim() !== '```ts') continue;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && (lines[j] as string).trim() !== '```'; j++) body.push(lines[j] as string);
    examples.push({ file, line: i + 1, code: body.join('\n') });
    i = j;
  }
  return examples;
}

/** The marker of a line (`// =>` or `// ~>`) and where it starts, or `null`. */
function markerOf(line: string): { at: number; check: '__check' | '__checkRounded' } | null {
  const match = /\/\/ ([=~])>/.exec(line);
  if (match === null) return null;
  return { at: match.index, check: match[1] === '=' ? '__check' : '__checkRounded' };
}

/**
 * Turns an example into a module that checks its `// =>` and `// ~>` lines. `root` is the
 * repository root, for the imports of the sources and of this checker.
 */
export function compileExample(code: string, root: string): string {
  const entryPath = (specifier: string): string => {
    const sub = specifier.replace(/^customer-success-metrics\/?/, '');
    return pathToFileURL(join(root, 'src', sub === '' ? '' : sub, 'index.ts')).href;
  };
  const out: string[] = [];
  let statementStart = 0;
  let inStatement = false;
  for (const raw of code.split('\n')) {
    const line = raw.replace(/from '(customer-success-metrics(?:\/[a-z]+)?)'/g, (_, spec: string) => `from '${entryPath(spec)}'`);
    const marker = markerOf(line);
    if (marker === null) {
      if (!inStatement) statementStart = out.length;
      inStatement = true;
      out.push(line);
      if (/;\s*$/.test(line) || line.trim() === '' || /^\s*\/\//.test(line) || /[{}]\s*$/.test(line)) inStatement = false;
      continue;
    }
    const expected = line.slice(marker.at + 5).trim();
    const codePart = line.slice(0, marker.at).trim();
    if (codePart !== '') {
      const indent = line.slice(0, line.length - line.trimStart().length);
      out.push(`${indent}${marker.check}((${codePart.replace(/;\s*$/, '')}), (${expected}), ${JSON.stringify(codePart)});`);
    } else {
      // The value of the statement just before.
      const text = out.slice(statementStart).join('\n').replace(/;\s*$/, '');
      out.splice(statementStart, out.length - statementStart, `${marker.check}((${text}), (${expected}), ${JSON.stringify(text)});`);
    }
    inStatement = false;
  }
  const checker = pathToFileURL(join(root, 'test', 'support', 'check-example.ts')).href;
  return `import { __check, __checkRounded } from '${checker}';\n${out.join('\n')}\n`;
}
