/**
 * Runs every `@example` in the doc comments of src/ (and the ```ts blocks of the README and the guides) and
 * checks their marked lines EXACTLY: `expression; // => value` (or `// => value` on the line
 * after a statement) requires deep equality with numbers exactly equal; a rounded value is
 * written `// ~> 0.328` and matches the numbers equal to it at the decimals shown. The
 * checker lives in test/support/check-example.ts, with its own test in
 * test/check-example.test.ts. Imports of `customer-success-metrics[/module]` are pointed at
 * the sources.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compileExample, examplesOf, markdownExamples } from './support/check-example.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outDir = join(root, 'test', '.examples');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

const files = sourceFiles(join(root, 'src'));

/** Whether a file's opening doc comment marks the whole file `@internal`. */
function isInternalFile(text: string): boolean {
  return text.startsWith('/**') && text.slice(0, text.indexOf('*/')).includes('@internal');
}
/** The README and every guide in docs/: their ```ts blocks run as written. */
const markdown = [join(root, 'README.md'), ...readdirSync(join(root, 'docs')).filter((name) => name.endsWith('.md')).map((name) => join(root, 'docs', name))];
const examples = [...files.flatMap(examplesOf), ...markdown.flatMap(markdownExamples)];

describe('doc examples', () => {
  it('exist for every public function', () => {
    const missing = files
      .filter((file) => !/[\\/](core|internal)[\\/]/.test(relative(root, file)) && !file.endsWith('index.ts'))
      .filter((file) => /^export function /m.test(readFileSync(file, 'utf8')))
      // A kernel shared by modules but not exported from an entry says so in its file comment.
      .filter((file) => !isInternalFile(readFileSync(file, 'utf8')))
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
      writeFileSync(path, compileExample(example.code, root));
      await import(pathToFileURL(path).href);
    });
  });
});
