import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlTable } from '../../src/display/html-table.js';
import { errorOf } from '../support/errors.js';
import { findAll, parseXml } from './support/xml.js';

describe('htmlTable', () => {
  it('lays out header and cells in column order', () => {
    expect(htmlTable([{ a: 1, b: 'x' }, { b: 'y', c: true }])).toBe(
      '<table><thead><tr><th>a</th><th>b</th><th>c</th></tr></thead><tbody>' +
        '<tr><td>1</td><td>x</td><td></td></tr><tr><td></td><td>y</td><td>true</td></tr></tbody></table>',
    );
    expect(htmlTable([{ a: 1, b: 2, c: 3 }], { columns: ['c', 'a'] })).toBe(
      '<table><thead><tr><th>c</th><th>a</th></tr></thead><tbody><tr><td>3</td><td>1</td></tr></tbody></table>',
    );
  });

  it('writes null empty, objects as JSON and dates as ISO', () => {
    const html = htmlTable([{ n: null, rate: { value: 0.5, lower: 0.4, upper: 0.6 }, at: new Date(Date.UTC(2026, 0, 2)) }]);
    expect(html).toContain('<td></td><td>{&quot;value&quot;:0.5,&quot;lower&quot;:0.4,&quot;upper&quot;:0.6}</td><td>2026-01-02T00:00:00.000Z</td>');
  });

  it('escapes every header and cell', () => {
    const html = htmlTable([{ '<k>': `<&">'` }]);
    expect(html).toBe('<table><thead><tr><th>&lt;k&gt;</th></tr></thead><tbody><tr><td>&lt;&amp;&quot;&gt;&#39;</td></tr></tbody></table>');
  });

  it('gives the header only for no rows', () => {
    expect(htmlTable([], { columns: ['a'] })).toBe('<table><thead><tr><th>a</th></tr></thead><tbody></tbody></table>');
    expect(htmlTable(new Set<object>())).toBe('<table><thead><tr></tr></thead><tbody></tbody></table>');
  });

  it('is well-formed and round-trips any text (property)', () => {
    const key = fc.string({ minLength: 1, maxLength: 5 });
    fc.assert(
      fc.property(fc.array(fc.dictionary(key, fc.oneof(fc.string(), fc.integer(), fc.constant(null))), { maxLength: 5 }), (rows) => {
        const root = parseXml(htmlTable(rows));
        const cells = findAll(root, (e) => e.name === 'td').map((e) => e.text);
        const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
        expect(findAll(root, (e) => e.name === 'th').map((e) => e.text)).toEqual(keys);
        expect(cells).toEqual(rows.flatMap((r) => keys.map((k) => (Object.hasOwn(r, k) && r[k] !== null ? String(r[k]) : ''))));
      }),
      { numRuns: 200 },
    );
  });

  it('does not mutate its input', () => {
    const rows = Object.freeze([Object.freeze({ a: 1 })]);
    expect(htmlTable(rows)).toBe(htmlTable(rows));
  });

  it('rejects bad input with the path', () => {
    let e = errorOf(() => htmlTable([{ a: 1 }, 3 as unknown as object]));
    expect([e.code, e.path, e.message]).toEqual(['invalid-record', 'rows[1]', 'htmlTable: rows[1] must be an object (3)']);
    e = errorOf(() => htmlTable([], { columns: ['a', 2 as unknown as string] }));
    expect([e.code, e.path]).toEqual(['invalid-option', 'options.columns[1]']);
    e = errorOf(() => htmlTable([], { columns: 'a' as unknown as string[] }));
    expect([e.code, e.path]).toEqual(['invalid-option', 'options.columns']);
    e = errorOf(() => htmlTable(undefined as unknown as object[]));
    expect([e.code, e.path]).toEqual(['invalid-input', 'rows']);
  });

  it('takes its columns in an options object (1.0), checked as every options object is', () => {
    // The 0.x positional array of columns says how to write it now.
    let e = errorOf(() => htmlTable([{ a: 1 }], ['a'] as never));
    expect([e.code, e.path, e.message]).toEqual([
      'invalid-option',
      'options',
      'htmlTable: options must be an object { columns? }: the columns are no longer positional, pass { columns: [...] } (an array of 1)',
    ]);
    e = errorOf(() => htmlTable([{ a: 1 }], { column: ['a'] } as never));
    expect([e.code, e.path, e.message]).toEqual(['unknown-option', 'options.column', 'htmlTable: options.column is not an option; did you mean columns? (an array of 1)']);
    e = errorOf(() => htmlTable([{ a: 1 }], { columns: null } as never));
    expect([e.code, e.path]).toEqual(['invalid-option', 'options.columns']);
    // Omitted, empty or undefined: every key.
    expect(htmlTable([{ a: 1 }], {})).toBe(htmlTable([{ a: 1 }]));
    expect(htmlTable([{ a: 1 }], { columns: undefined } as never)).toBe(htmlTable([{ a: 1 }]));
  });
});
