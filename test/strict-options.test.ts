/// <reference types="vite/client" />
/**
 * Strict options, for every public export: walks the package's entries (read from
 * package.json's `exports`, not a hand-kept list), and for every exported function requires
 * a valid call in test/support/valid-calls/*.ts. Each call must succeed as given, must fail
 * with `unknown-option` naming any unknown key added to its options, and must suggest the
 * valid key for every near-miss typo of one (the key lower- or upper-cased, or any one of
 * its letters doubled).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MetricsInputError } from '../src/core/errors.js';
import type { ValidCall } from './support/valid-call.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const packageJson = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, unknown> };

/** The source entry of each package subpath: '.' → src/index.ts, './engagement' → src/engagement/index.ts. */
const entries = Object.keys(packageJson.exports)
  .filter((subpath) => subpath !== './package.json')
  .map((subpath) => ({ subpath, file: subpath === '.' ? '../src/index.ts' : `../src/${subpath.slice(2)}/index.ts` }));

const modules = import.meta.glob<Record<string, unknown>>('../src/**/index.ts');
const callFiles = import.meta.glob<{ validCalls: Record<string, ValidCall> }>('./support/valid-calls/*.ts', { eager: true });
const validCalls: Record<string, ValidCall> = Object.assign({}, ...Object.values(callFiles).map((file) => file.validCalls));

async function exportedFunctions(): Promise<Map<string, string>> {
  const found = new Map<string, string>();
  for (const { subpath, file } of entries) {
    const load = modules[file];
    if (load === undefined) throw new Error(`package entry ${subpath} has no source ${file}`);
    const module = await load();
    for (const [name, value] of Object.entries(module)) {
      if (typeof value !== 'function' || value === MetricsInputError) continue;
      if (!found.has(name)) found.set(name, subpath);
    }
  }
  return found;
}

function thrownBy(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  return undefined;
}

/** Near-miss typos of a key: its lower- and upper-cased forms and each letter doubled. */
function nearMisses(key: string): string[] {
  const typos = new Set<string>([key.toLowerCase(), key.toUpperCase()]);
  for (let i = 0; i < key.length; i++) typos.add(key.slice(0, i + 1) + key.slice(i));
  typos.delete(key);
  return [...typos];
}

const functions = await exportedFunctions();

describe('strict options: every exported function', () => {
  it('finds the package entries and their functions', () => {
    expect(entries.map((e) => e.subpath)).toContain('./engagement');
    expect(functions.size).toBeGreaterThan(50);
  });

  it('has a valid call (or a stated reason it takes no options) for every exported function', () => {
    const missing = [...functions.keys()].filter((name) => validCalls[name] === undefined);
    expect(missing).toEqual([]);
    for (const [name, entry] of Object.entries(validCalls)) {
      if (!functions.has(name)) throw new Error(`valid-calls names ${name}, which no entry exports`);
      if (entry.noOptions !== undefined) expect(entry.noOptions.length, name).toBeGreaterThan(0);
      else expect(typeof entry.call === 'function' && typeof entry.key === 'string', name).toBe(true);
    }
  });

  for (const name of [...functions.keys()].sort()) {
    const entry = validCalls[name];
    if (entry?.call === undefined || entry.key === undefined) continue;
    const { call, key } = entry;

    it(`${name}: valid options pass, unknown keys are unknown-option`, () => {
      expect(thrownBy(() => call({}))).toBeUndefined();
      fc.assert(
        fc.property(fc.stringMatching(/^zz[A-Za-z0-9_]{0,12}$/), fc.jsonValue(), (bogus, value) => {
          const error = thrownBy(() => call({ [bogus]: value }));
          expect(error).toBeInstanceOf(MetricsInputError);
          expect((error as MetricsInputError).code).toBe('unknown-option');
          expect((error as MetricsInputError).path).toBe(`options.${bogus}`);
          expect((error as MetricsInputError).message).toContain(`${name}: options.${bogus} is not an option`);
        }),
        { numRuns: 20 },
      );
    });

    it(`${name}: a near-miss of ${key} suggests ${key}`, () => {
      for (const typo of nearMisses(key)) {
        const error = thrownBy(() => call({ [typo]: 1 }));
        expect(error, typo).toBeInstanceOf(MetricsInputError);
        expect((error as MetricsInputError).code, typo).toBe('unknown-option');
        expect((error as MetricsInputError).message, typo).toContain(`options.${typo} is not an option; did you mean ${key}?`);
      }
    });
  }
});
