import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlTable } from '../../src/display/html-table.js';
import { tableModel } from '../../src/display/internal/format.js';
import { churnRates } from '../../src/revenue/churn-rates.js';
import { mrrMovements } from '../../src/revenue/mrr-movements.js';
import { errorOf } from '../support/errors.js';
import { findAll, parseXml } from './support/xml.js';

/** The style of a number column's header and cells. */
const TH = '<th style="text-align:right">';
const TD = '<td style="text-align:right;white-space:nowrap">';

/**
 * A tiny bridge, by hand: in January a (100) and b (50) are there (the baseline month), so
 * starting MRR is 150; in February a expands to 120 (+20), b churns (-50), c is new (30):
 * ending MRR 150 + 30 + 20 - 50 = 150, customers 2 at the start and 2 at the end.
 */
const bridge = mrrMovements([
  { accountId: 'a', month: '2024-01', mrr: 100, currency: 'USD' },
  { accountId: 'b', month: '2024-01', mrr: 50, currency: 'USD' },
  { accountId: 'a', month: '2024-02', mrr: 120, currency: 'USD' },
  { accountId: 'c', month: '2024-02', mrr: 30, currency: 'USD' },
]);

describe('htmlTable', () => {
  it('shows an MRR bridge as it is: its months, in dollars, nested counts as columns', () => {
    const html = htmlTable(bridge, { columns: ['month', 'startingMrr', 'newMrr', 'expansionMrr', 'churnedMrr', 'endingMrr', 'customers.start', 'customers.end'] });
    expect(html).toBe(
      '<table><thead><tr><th>Month</th>' +
        `${TH}Starting MRR</th>${TH}New MRR</th>${TH}Expansion MRR</th>${TH}Churned MRR</th>${TH}Ending MRR</th>${TH}Customers start</th>${TH}Customers end</th>` +
        '</tr></thead><tbody>' +
        `<tr><td>2024-01</td>${TD}$150</td>${TD}$0</td>${TD}$0</td>${TD}$0</td>${TD}$150</td>${TD}2</td>${TD}2</td></tr>` +
        `<tr><td>2024-02</td>${TD}$150</td>${TD}$30</td>${TD}$20</td>${TD}$50</td>${TD}$150</td>${TD}2</td>${TD}2</td></tr>` +
        '</tbody></table>',
    );
    // Without columns: every field, `complete` as yes/no, `customers` as seven columns.
    const all = parseXml(htmlTable(bridge));
    expect(findAll(all, (e) => e.name === 'th').map((e) => e.text)).toEqual([
      'Month',
      'Complete',
      'Starting MRR',
      'New MRR',
      'Expansion MRR',
      'Contraction MRR',
      'Churned MRR',
      'Reactivation MRR',
      'Ending MRR',
      'Customers start',
      'Customers new',
      'Customers expanded',
      'Customers contracted',
      'Customers churned',
      'Customers reactivated',
      'Customers end',
    ]);
    const secondRow = findAll(all, (e) => e.name === 'tr')[2] as ReturnType<typeof parseXml>;
    expect(secondRow.children.map((e) => e.text)).toEqual(['2024-02', 'yes', '$150', '$30', '$20', '$0', '$50', '$0', '$150', '2', '1', '1', '0', '1', '0', '2']);
  });

  it('shows churn rates as percentages with intervals and changes in points', () => {
    // February: 1 of 2 customers churned, Wilson 95% (0.0945, 0.9055), up 50 points from 0;
    // gross MRR churn 50/150, net (50 - 20)/150 = 20%, expansion 20/150.
    const html = htmlTable(churnRates(bridge), { columns: ['month', 'logoChurn', 'grossMrrChurn', 'netMrrChurn', 'expansionRate'] });
    expect(html).toContain(`<tr><td>2024-01</td>${TD}0% (0–66%)</td>${TD}0%</td>${TD}0%</td>${TD}0%</td></tr>`);
    expect(html).toContain(`<tr><td>2024-02</td>${TD}50% (9–91%; +50.0 pts)</td>${TD}33% (+33.3 pts)</td>${TD}20% (+20.0 pts)</td>${TD}13% (+13.3 pts)</td></tr>`);
    const precise = htmlTable(churnRates(bridge), { columns: ['month', 'logoChurn'], digits: 1 });
    expect(precise).toContain(`${TD}50.0% (9.5–90.5%; +50.0 pts)</td>`);
  });

  it('takes money’s currency from the option, else the row, else the result', () => {
    const rows = [{ mrr: 1200, currency: 'EUR' }, { mrr: 1200 }];
    expect(htmlTable(rows, { columns: ['mrr'] })).toContain(`${TD}€1,200</td></tr><tr>${TD}1,200</td>`);
    expect(htmlTable(rows, { columns: ['mrr'], currency: 'CHF' })).toContain(`${TD}1,200 CHF</td></tr><tr>${TD}1,200 CHF</td>`);
    expect(htmlTable({ currency: 'GBP', months: rows }, { columns: ['mrr'] })).toContain(`${TD}€1,200</td></tr><tr>${TD}£1,200</td>`);
    // Amounts with cents keep two decimals, for the whole column.
    expect(htmlTable([{ arpa: 49.5 }, { arpa: 50 }], { currency: 'USD' })).toContain(`${TD}$49.50</td></tr><tr>${TD}$50.00</td>`);
  });

  it('follows the columns asked for: labels, formats, digits, objects as columns', () => {
    const rows = [
      { account: 7, value: 0.8123, since: Date.UTC(2024, 5, 1), customers: { start: 1200, end: 1300 }, stats: { value: 12.345, lower: 10, upper: 14, n: 9 } },
    ];
    const html = htmlTable(rows, {
      columns: [
        { key: 'account', label: 'Account', format: 'text' },
        { key: 'value', label: 'NRR', format: 'percent', digits: 1 },
        { key: 'since', format: 'date' },
        { key: 'customers', label: 'Accounts' },
        { key: 'stats', format: 'interval', digits: 1 },
        { key: 'customers.end', label: 'End', format: 'integer' },
      ],
    });
    expect(html).toBe(
      '<table><thead><tr><th>Account</th>' +
        `${TH}NRR</th><th>Since</th>${TH}Accounts start</th>${TH}Accounts end</th>${TH}Stats</th>${TH}End</th>` +
        '</tr></thead><tbody><tr><td>7</td>' +
        `${TD}81.2%</td><td>2024-06-01</td>${TD}1,200</td>${TD}1,300</td>${TD}12.3 (10.0–14.0)</td>${TD}1,300</td>` +
        '</tr></tbody></table>',
    );
  });

  it('writes null as –, a missing field empty, strings as they are, and escapes every header and cell', () => {
    expect(htmlTable([{ a: 1, b: 'x' }, { b: 'y', c: true }])).toBe(
      `<table><thead><tr>${TH}A</th><th>B</th><th>C</th></tr></thead><tbody>` + `<tr>${TD}1</td><td>x</td><td></td></tr><tr>${TD}</td><td>y</td><td>yes</td></tr></tbody></table>`,
    );
    expect(htmlTable([{ n: null }])).toBe('<table><thead><tr><th>N</th></tr></thead><tbody><tr><td>–</td></tr></tbody></table>');
    expect(htmlTable([{ '<k>': `<&">'` }])).toBe('<table><thead><tr><th>&lt;k&gt;</th></tr></thead><tbody><tr><td>&lt;&amp;&quot;&gt;&#39;</td></tr></tbody></table>');
    expect(htmlTable([{ x: 1 }], { columns: [{ key: 'x', label: '<b>' }] })).toContain(`${TH}&lt;b&gt;</th>`);
    expect(htmlTable([{ x: 1 }], { currency: '<i>' })).not.toContain('<i>');
    expect(htmlTable([{ mrr: 1 }], { currency: '<i>' })).toContain(`${TD}1 &lt;i&gt;</td>`);
  });

  it('gives the header only for no rows', () => {
    expect(htmlTable([], { columns: ['a'] })).toBe('<table><thead><tr><th>A</th></tr></thead><tbody></tbody></table>');
    expect(htmlTable(new Set<object>())).toBe('<table><thead><tr></tr></thead><tbody></tbody></table>');
    expect(htmlTable({ currency: 'USD', months: [] })).toBe('<table><thead><tr></tr></thead><tbody></tbody></table>');
  });

  it('takes a result’s first list of rows, or a result without a list as one row', () => {
    expect(htmlTable(bridge)).toBe(htmlTable(bridge.months, { currency: 'USD' }));
    const detailed = mrrMovements([{ accountId: 'a', month: '2024-01', mrr: 100 }], { perCustomer: true });
    expect(htmlTable(detailed)).toBe(htmlTable(detailed.months));
    expect(htmlTable({ arpa: 120, logoChurn: { value: 0.05, lower: 0.02, upper: 0.1 }, reason: null })).toBe(
      `<table><thead><tr>${TH}ARPA</th>${TH}Logo churn</th><th>Reason</th></tr></thead><tbody><tr>${TD}120</td>${TD}5% (2–10%)</td><td>–</td></tr></tbody></table>`,
    );
  });

  it('is well-formed, shows the cells of the one formatter, and never writes NaN or Infinity (property)', () => {
    const key = fc.string({ minLength: 1, maxLength: 5 });
    const value = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.record({ value: fc.double(), lower: fc.double(), upper: fc.double() }));
    fc.assert(
      fc.property(fc.array(fc.dictionary(key, value), { maxLength: 5 }), (rows) => {
        const html = htmlTable(rows);
        const root = parseXml(html);
        const model = tableModel(rows, undefined, 'htmlTable');
        expect(findAll(root, (e) => e.name === 'th').map((e) => e.text)).toEqual(model.columns.map((c) => c.label));
        expect(findAll(root, (e) => e.name === 'td').map((e) => e.text)).toEqual(model.cells.flat());
        // No number writes NaN or Infinity (the data's own strings may say anything).
        const numbers = findAll(root, (e) => e.name === 'td' && e.attributes['style'] !== undefined).map((e) => e.text);
        for (const text of numbers) expect(text).not.toMatch(/NaN|Infinity/);
      }),
      { numRuns: 200 },
    );
  });

  it('does not mutate its input', () => {
    const rows = Object.freeze([Object.freeze({ a: 1, b: Object.freeze({ c: 2 }) })]);
    expect(htmlTable(rows)).toBe(htmlTable(rows));
  });

  it('rejects bad input with the path', () => {
    let e = errorOf(() => htmlTable([{ a: 1 }, 3 as unknown as object]));
    expect([e.code, e.path, e.message]).toEqual(['invalid-record', 'rows[1]', 'htmlTable: rows[1] must be an object (3)']);
    e = errorOf(() => htmlTable(undefined as unknown as object[]));
    expect([e.code, e.path]).toEqual(['invalid-input', 'rows']);
    e = errorOf(() => htmlTable('ab' as unknown as object[]));
    expect([e.code, e.path]).toEqual(['invalid-input', 'rows']);
  });

  it('checks its options strictly', () => {
    // The 0.x positional array of columns says how to write it now.
    let e = errorOf(() => htmlTable([{ a: 1 }], ['a'] as never));
    expect([e.code, e.path, e.message]).toEqual([
      'invalid-option',
      'options',
      'htmlTable: options must be an object { columns?, currency?, digits? }: the columns are no longer positional, pass { columns: [...] } (an array of 1)',
    ]);
    e = errorOf(() => htmlTable([{ a: 1 }], { column: ['a'] } as never));
    expect([e.code, e.path, e.message]).toEqual(['unknown-option', 'options.column', 'htmlTable: options.column is not an option; did you mean columns? (an array of 1)']);
    e = errorOf(() => htmlTable([{ a: 1 }], { columns: null } as never));
    expect([e.code, e.path]).toEqual(['invalid-option', 'options.columns']);
    e = errorOf(() => htmlTable([], { columns: 'a' as unknown as string[] }));
    expect([e.code, e.path]).toEqual(['invalid-option', 'options.columns']);
    e = errorOf(() => htmlTable([], { columns: ['a', 2 as unknown as string] }));
    expect([e.code, e.path]).toEqual(['invalid-option', 'options.columns[1]']);
    e = errorOf(() => htmlTable([], { columns: [{ key: 'a', lable: 'A' } as never] }));
    expect([e.code, e.path, e.message]).toEqual(['unknown-option', 'options.columns[0].lable', 'htmlTable: options.columns[0].lable is not an option; did you mean label? ("A")']);
    e = errorOf(() => htmlTable([], { columns: [{ label: 'A' } as never] }));
    expect([e.code, e.path]).toEqual(['invalid-option', 'options.columns[0].key']);
    e = errorOf(() => htmlTable([], { columns: [{ key: 'a', label: null } as never] }));
    expect([e.code, e.path]).toEqual(['invalid-option', 'options.columns[0].label']);
    e = errorOf(() => htmlTable([], { columns: [{ key: 'a', format: 'percentage' } as never] }));
    expect([e.code, e.path, e.message]).toEqual([
      'invalid-option',
      'options.columns[0].format',
      "htmlTable: options.columns[0].format must be one of 'percent', 'money', 'number', 'integer', 'interval', 'date', 'text' (\"percentage\")",
    ]);
    e = errorOf(() => htmlTable([], { columns: [{ key: 'a', digits: 1.5 }] }));
    expect([e.code, e.path]).toEqual(['invalid-option', 'options.columns[0].digits']);
    e = errorOf(() => htmlTable([], { digits: 11 }));
    expect([e.code, e.path, e.message]).toEqual(['invalid-option', 'options.digits', 'htmlTable: options.digits must be an integer from 0 to 10 (decimals) (11)']);
    e = errorOf(() => htmlTable([], { currency: '' }));
    expect([e.code, e.path]).toEqual(['invalid-option', 'options.currency']);
    e = errorOf(() => htmlTable([], { currency: null } as never));
    expect([e.code, e.path]).toEqual(['invalid-option', 'options.currency']);
    e = errorOf(() => htmlTable([], { decimals: 1 } as never));
    expect([e.code, e.path]).toEqual(['unknown-option', 'options.decimals']);
    // Omitted, empty or undefined: the defaults.
    expect(htmlTable([{ a: 1 }], {})).toBe(htmlTable([{ a: 1 }]));
    expect(htmlTable([{ a: 1 }], { columns: undefined, currency: undefined, digits: undefined } as never)).toBe(htmlTable([{ a: 1 }]));
  });
});
