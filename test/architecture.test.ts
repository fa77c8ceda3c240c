/**
 * The module map of docs/architecture.md, checked on the import graph of src/ (type-only
 * imports included):
 * - no import cycle between files;
 * - no module imports another module's `internal/`, except `sql`, which reuses the metric
 *   modules' option readers and result assembly so that a decoded query result is built by
 *   the same code as the in-process one;
 * - nothing inside src/ imports a barrel (`index.ts`), except the root entry re-exporting the
 *   module entries;
 * - `core` imports no module; `stats` imports only `core`; `display` imports other modules'
 *   public types only (`import type`), never their code; `sql` imports the metric modules
 *   (never `display` or `sample`), and no module imports `sql`.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const src = join(root, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

interface Edge {
  readonly from: string;
  readonly to: string;
  readonly typeOnly: boolean;
}

/** Every relative import or re-export of a file, resolved to a path under src/. */
function importsOf(file: string): Edge[] {
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  const edges: Edge[] = [];
  const pattern = /^\s*(import|export)\s+(type\s+)?([^;]*?)\s*from\s+'(\.[^']+)'|^\s*import\s+'(\.[^']+)'/gm;
  for (const match of text.matchAll(pattern)) {
    const specifier = match[4] ?? match[5];
    if (specifier === undefined) continue;
    const target = relative(src, resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
    const clause = match[3] ?? '';
    const typeOnly = match[2] !== undefined || /^\{\s*(type\s+[^,}]+,?\s*)+\}$/.test(clause);
    edges.push({ from: relative(src, file), to: target, typeOnly });
  }
  return edges;
}

const files = sourceFiles(src).map((file) => relative(src, file));
const edges = sourceFiles(src).flatMap(importsOf);
const moduleOf = (path: string): string => (path.includes('/') ? (path.split('/')[0] as string) : '(root)');

/** The cycles of the graph (Tarjan's strongly connected components larger than one file). */
function cycles(): string[][] {
  const next = new Map<string, string[]>();
  for (const edge of edges) next.set(edge.from, [...(next.get(edge.from) ?? []), edge.to]);
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter++;
    stack.push(node);
    onStack.add(node);
    for (const target of next.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node) as number, low.get(target) as number));
      } else if (onStack.has(target)) low.set(node, Math.min(low.get(node) as number, index.get(target) as number));
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== node);
      if (component.length > 1 || (next.get(node) ?? []).includes(node)) found.push(component.sort());
    }
  };
  for (const file of files) if (!index.has(file)) visit(file);
  return found;
}

describe('architecture: the import graph of src/', () => {
  it('reads the graph', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(edges.length).toBeGreaterThan(300);
    expect(edges.every((edge) => files.includes(edge.to))).toBe(true);
  });

  it('has no import cycle, type-only imports included', () => {
    expect(cycles()).toEqual([]);
  });

  it("has no import of another module's internal/", () => {
    const crossing = edges.filter((e) => e.to.includes('/internal/') && moduleOf(e.to) !== moduleOf(e.from) && moduleOf(e.from) !== 'sql');
    expect(crossing.map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });

  it('imports no barrel inside src/, except the root entry re-exporting the modules', () => {
    const barrels = edges.filter((e) => e.to.endsWith('index.ts') && e.from !== 'index.ts');
    expect(barrels.map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });

  it('keeps the layers: core knows no module, stats only core, display only types of modules, sql only metric modules', () => {
    const wrong = edges.filter((e) => {
      const from = moduleOf(e.from);
      const to = moduleOf(e.to);
      if (from === to || to === 'core') return false;
      if (from === 'core') return true;
      if (from === 'stats') return true;
      if (from === 'display') return !e.typeOnly;
      if (to === 'sql') return true;
      if (from === 'sql') return to === 'display' || to === 'sample';
      return false;
    });
    expect(wrong.map((e) => `${e.from} -> ${e.to}`)).toEqual([]);
  });

  it('the checks can fail: a made-up cycle and crossing are found', () => {
    // The same functions on a tiny graph, so a broken check cannot pass silently.
    const saved = edges.splice(0, edges.length, { from: 'a/x.ts', to: 'a/y.ts', typeOnly: true }, { from: 'a/y.ts', to: 'a/x.ts', typeOnly: false });
    const savedFiles = files.splice(0, files.length, 'a/x.ts', 'a/y.ts');
    try {
      expect(cycles()).toEqual([['a/x.ts', 'a/y.ts']]);
    } finally {
      edges.splice(0, edges.length, ...saved);
      files.splice(0, files.length, ...savedFiles);
    }
  });
});
