/**
 * The glossary of docs/architecture.md, checked against the code where it can be:
 * - every result field named in the results table has its type there wherever it appears
 *   in the result of any exported function (run through the valid calls of
 *   test/support/valid-calls/*.ts): lists are arrays, counts are integers, booleans are
 *   booleans, dates and months have their formats, `groups` rows carry `group`;
 * - no result has a field named after a retired word;
 * - every retired option word is `unknown-option` for every function that takes options;
 * - no exported result type in src/ declares `days`, `months` or `periods` as a number.
 */
/// <reference types="vite/client" />
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MetricsInputError } from '../src/core/errors.js';
import type { ValidCall } from './support/valid-call.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const architecture = readFileSync(join(root, 'docs', 'architecture.md'), 'utf8');

/** The rows `| word | type | meaning |` of the table under the line that starts with `heading`. */
function table(heading: string): { word: string; type: string }[] {
  const start = architecture.indexOf(heading);
  if (start === -1) throw new Error(`docs/architecture.md has no "${heading}"`);
  const rows: { word: string; type: string }[] = [];
  const lines = architecture.slice(start).split('\n').slice(1);
  let inTable = false;
  for (const line of lines) {
    if (!line.startsWith('|')) {
      if (inTable) break;
      continue;
    }
    inTable = true;
    const cells = line.split('|').map((cell) => cell.trim());
    const words = [...(cells[1] ?? '').matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1] as string);
    for (const word of words) rows.push({ word, type: cells[2] ?? '' });
  }
  return rows;
}

const resultWords = new Map(table('Words in results').map((row) => [row.word, row.type]));
const retired = table('Retired words').map((row) => ({ word: row.word, instead: row.type.replace(/`/g, '') }));

const callFiles = import.meta.glob<{ validCalls: Record<string, ValidCall> }>('./support/valid-calls/*.ts', { eager: true });
const validCalls = Object.entries(Object.assign({}, ...Object.values(callFiles).map((file) => file.validCalls)) as Record<string, ValidCall>);

const isInteger = (value: unknown): boolean => typeof value === 'number' && Number.isInteger(value);
const checks: Record<string, (value: unknown) => boolean> = {
  list: Array.isArray,
  count: isInteger,
  boolean: (value) => typeof value === 'boolean',
  date: (value) => value === null || (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)),
  month: (value) => value === null || (typeof value === 'string' && /^\d{4}-\d{2}$/.test(value)),
  instant: (value) => value === null || (typeof value === 'string' && !Number.isNaN(Date.parse(value)) && value.endsWith('Z')),
  id: (value) => (typeof value === 'string' && value.length > 0) || typeof value === 'number',
  ratio: (value) => value === null || typeof value === 'number',
  quantile: (value) => value !== null && typeof value === 'object' && 'value' in value && 'lower' in value && 'upper' in value,
  object: (value) => value === null || typeof value === 'object',
};

/** Every (path, key, value) of a JSON-like result, arrays sampled at their first 3 items. */
function* fields(value: unknown, path: string, depth = 0): Generator<[string, string, unknown]> {
  if (depth > 8 || value === null || typeof value !== 'object') return;
  if (Array.isArray(value)) {
    for (let i = 0; i < Math.min(3, value.length); i++) yield* fields(value[i], `${path}[${i}]`, depth + 1);
    return;
  }
  for (const [key, inner] of Object.entries(value)) {
    yield [`${path}.${key}`, key, inner];
    yield* fields(inner, `${path}.${key}`, depth + 1);
  }
}

describe('glossary: the words of docs/architecture.md mean one thing', () => {
  it('reads the tables', () => {
    expect(resultWords.get('days')).toBe('list');
    expect(resultWords.get('dayCount')).toBe('count');
    expect(retired.map((r) => r.word)).toEqual(expect.arrayContaining(['by', 'segmentBy', 'every']));
    for (const type of resultWords.values()) expect(Object.keys(checks), type).toContain(type);
  });

  it('results use every glossary word with its type, and no retired word', () => {
    let seen = 0;
    for (const [name, entry] of validCalls) {
      // sampleCompany returns input data, not a result: its `asOf` is the option value to pass.
      if (entry.call === undefined || name === 'sampleCompany') continue;
      const result = entry.call({});
      for (const [path, key, value] of fields(result, name)) {
        const type = resultWords.get(key);
        if (type !== undefined) {
          seen++;
          expect((checks[type] as (v: unknown) => boolean)(value), `${path} should be a ${type} (${JSON.stringify(value)?.slice(0, 60)})`).toBe(true);
        }
        expect(retired.map((r) => r.word), `${path} uses a retired word`).not.toContain(key);
        if (key === 'groups' && Array.isArray(value)) for (const row of value) expect(row, `${path} rows carry group`).toHaveProperty('group');
      }
    }
    expect(seen).toBeGreaterThan(50);
  });

  it('retired option words are unknown options in every function', () => {
    for (const [name, entry] of validCalls) {
      if (entry.call === undefined) continue;
      const call = entry.call;
      for (const { word } of retired) {
        let error: unknown;
        try {
          call({ [word]: 'x' });
        } catch (caught) {
          error = caught;
        }
        expect(error, `${name}({ ${word} })`).toBeInstanceOf(MetricsInputError);
        expect((error as MetricsInputError).code, `${name}({ ${word} })`).toBe('unknown-option');
      }
    }
  });

  it('no exported type in src/ declares days, months or periods as a number', () => {
    const sources = (dir: string): string[] =>
      readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []));
    const offenders = sources(join(root, 'src')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/readonly (days|months|periods)\??: number(?![\w[])/g)].map((m) => `${file.slice(root.length + 1)}: ${m[0]}`),
    );
    expect(offenders).toEqual([]);
  });
});
