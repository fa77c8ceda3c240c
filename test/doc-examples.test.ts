/**
 * Runs every `@example` in the doc comments of src/ and checks each `// => value`.
 *
 * A line `expression; // => value`, or a line `// => value` right after a statement,
 * becomes a check that the expression deep-equals the value; numbers match to the
 * decimals the value shows (`0.328` matches 0.32798...). Imports of
 * `customer-success-metrics[/module]` are pointed at the sources.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'test', '.examples');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

interface Example {
  file: string;
  line: number;
  code: string;
}

function examplesOf(file: string): Example[] {
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

function entryPath(specifier: string): string {
  const sub = specifier.replace(/^customer-success-metrics\/?/, '');
  return pathToFileURL(join(root, 'src', sub === '' ? '' : sub, 'index.ts')).href;
}

/** Turns an example into a module that checks its `// =>` lines. */
function compile(code: string): string {
  const out: string[] = [];
  let statement: string[] = [];
  let statementStart = 0;
  for (const raw of code.split('\n')) {
    const line = raw.replace(/from '(customer-success-metrics(?:\/[a-z]+)?)'/g, (_, spec: string) => `from '${entryPath(spec)}'`);
    const arrow = line.indexOf('// =>');
    if (arrow === -1) {
      if (statement.length === 0) statementStart = out.length;
      statement.push(line);
      out.push(line);
      if (/;\s*$/.test(line) || line.trim() === '' || /^\s*\/\//.test(line) || /[{}]\s*$/.test(line)) statement = [];
      continue;
    }
    const expected = line.slice(arrow + 5).trim();
    const codePart = line.slice(0, arrow).trim();
    if (codePart !== '') {
      const indent = line.slice(0, line.length - line.trimStart().length);
      out.push(`${indent}__check((${codePart.replace(/;\s*$/, '')}), (${expected}), ${JSON.stringify(codePart)});`);
      statement = [];
    } else {
      // The value of the statement just before.
      const text = out.slice(statementStart).join('\n').replace(/;\s*$/, '');
      out.splice(statementStart, out.length - statementStart, `__check((${text}), (${expected}), ${JSON.stringify(text)});`);
      statement = [];
    }
  }
  return `import { __check } from '${pathToFileURL(join(root, 'test', 'support', 'check-example.ts')).href}';\n${out.join('\n')}\n`;
}

/** The ```ts blocks of a Markdown file (the README's quick start must run as written). */
function markdownExamples(file: string): Example[] {
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

const files = sourceFiles(join(root, 'src'));
const examples = [...files.flatMap(examplesOf), ...markdownExamples(join(root, 'README.md'))];

describe('doc examples', () => {
  it('exist for every public function', () => {
    const missing = files
      .filter((file) => !/[\\/](core|internal)[\\/]/.test(relative(root, file)) && !file.endsWith('index.ts'))
      .filter((file) => /^export function /m.test(readFileSync(file, 'utf8')))
      .filter((file) => examplesOf(file).length === 0)
      .map((file) => relative(root, file));
    expect(missing).toEqual([]);
  });

  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  examples.forEach((example, n) => {
    const name = `${relative(root, example.file)}:${example.line}`;
    it(name, async () => {
      const path = join(outDir, `example-${n}.ts`);
      writeFileSync(path, compile(example.code));
      await import(pathToFileURL(path).href);
    });
  });
});
