/**
 * The doc-example checker itself (test/support/check-example.ts): `// =>` compares exactly,
 * `// ~>` compares numbers to the decimals shown, and examples compiled from doc comments
 * pass or fail accordingly.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { __check, __checkRounded, compileExample, lastDecimalOf, matches } from './support/check-example.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dir = mkdtempSync(join(tmpdir(), 'check-example-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let count = 0;
/** Compiles an example as the doc-example test does and runs it. */
async function run(code: string): Promise<void> {
  const path = join(dir, `example-${count++}.ts`);
  writeFileSync(path, compileExample(code, root));
  await import(pathToFileURL(path).href);
}

describe('// => (exact)', () => {
  it('does not let 60.4 pass for 60 (the old checker accepted any number within ±0.5 of a whole one)', () => {
    expect(matches(60.4, 60, false)).toBe(false);
    expect(matches(60, 60, false)).toBe(true);
    expect(() => __check(60.4, 60, 'x')).toThrow(/expected exactly 60/);
  });

  it('fails a rounded value: 0.32798 is not 0.328, nor 0.3279838267435473 in an object', () => {
    expect(matches(0.32798, 0.328, false)).toBe(false);
    expect(matches({ value: 0.42, lower: 0.3279838267435473 }, { value: 0.42, lower: 0.328 }, false)).toBe(false);
    expect(matches({ value: 0.42, lower: 0.3279838267435473 }, { value: 0.42, lower: 0.3279838267435473 }, false)).toBe(true);
  });

  it('compares deeply and strictly: keys, lengths, -0, undefined', () => {
    expect(matches([1, 2], [1, 2, 3], false)).toBe(false);
    expect(matches({ a: 1, b: 2 }, { a: 1 }, false)).toBe(false);
    expect(matches({ a: 1, b: undefined }, { a: 1, c: undefined }, false)).toBe(false);
    expect(matches(-0, 0, false)).toBe(false);
    expect(matches(null, 0, false)).toBe(false);
    expect(matches('1', 1, false)).toBe(false);
    expect(matches([{ a: [1, 'x', null] }], [{ a: [1, 'x', null] }], false)).toBe(true);
  });
});

describe('// ~> (to the decimals shown)', () => {
  it('reads the last decimal a number shows', () => {
    expect(lastDecimalOf(0.328)).toBeCloseTo(1e-3, 15);
    expect(lastDecimalOf(60)).toBe(1);
    expect(lastDecimalOf(-2.5)).toBeCloseTo(0.1, 15);
    expect(lastDecimalOf(1.69e-75) / 1e-77).toBeCloseTo(1, 12);
  });

  it('matches 0.32798 to 0.328 and 60.4 to 60, within half a unit of the last decimal', () => {
    expect(matches(0.32798, 0.328, true)).toBe(true);
    // 0.328 ± 0.0005: 0.3275 and 0.3285 are in, 0.3274 and 0.3286 out.
    expect(matches(0.3275, 0.328, true)).toBe(true);
    expect(matches(0.3285, 0.328, true)).toBe(true);
    expect(matches(0.3274, 0.328, true)).toBe(false);
    expect(matches(0.3286, 0.328, true)).toBe(false);
    expect(matches(60.4, 60, true)).toBe(true);
    expect(matches(60.6, 60, true)).toBe(false);
    expect(matches(1.6899100006960805e-75, 1.69e-75, true)).toBe(true);
    expect(matches(1.7e-75, 1.69e-75, true)).toBe(false);
    expect(() => __checkRounded(0.33, 0.328, 'x')).toThrow(/to the decimals shown/);
  });

  it('still compares strings, keys and lengths exactly', () => {
    expect(matches({ value: 0.7, lower: 0.39678 }, { value: 0.7, lower: 0.3968 }, true)).toBe(true);
    expect(matches({ value: 0.7, lower: 0.39678, upper: 1 }, { value: 0.7, lower: 0.3968 }, true)).toBe(false);
    expect(matches(['a', 0.1], ['b', 0.1], true)).toBe(false);
  });
});

describe('compiled examples', () => {
  it('pass with exact // => values and rounded // ~> values', async () => {
    await run(["const x = 0.1 + 0.2;", 'x; // => 0.30000000000000004', 'x; // ~> 0.3', '[x, 60]; // ~> [0.3, 60]', '({ n: 3, share: 2 / 3 });', '// ~> { n: 3, share: 0.667 }'].join('\n'));
  });

  it('fail on a rounded value written with // =>', async () => {
    await expect(run(['const x = 0.1 + 0.2;', 'x; // => 0.3'].join('\n'))).rejects.toThrow(/expected exactly 0.3/);
    await expect(run('const share = 2 / 3;\nshare; // => 0.667')).rejects.toThrow(/received 0.6666666666666666/);
  });

  it('fail when 60.4 is shown as 60 with // =>', async () => {
    await expect(run('const score = 60.4;\nscore; // => 60')).rejects.toThrow(/expected exactly 60/);
  });

  it('check the value of a multi-line statement against a // => line below it', async () => {
    await run(['[', '  1,', '  2,', '];', '// => [1, 2]'].join('\n'));
    await expect(run(['[', '  1.04,', '];', '// => [1]'].join('\n'))).rejects.toThrow(/expected exactly/);
    await run(['[', '  1.04,', '];', '// ~> [1]'].join('\n'));
  });

  it('point imports of the package at the sources', async () => {
    await run("import { nps } from 'customer-success-metrics/scores';\nnps([10, 9, 6]).score; // ~> 33.3");
  });
});
