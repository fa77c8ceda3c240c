import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { htmlTable } from '../../src/display/html-table.js';
import { tableModel } from '../../src/display/internal/format.js';
import { textTable } from '../../src/display/text-table.js';
import { churnRates } from '../../src/revenue/churn-rates.js';
import { mrrMovements } from '../../src/revenue/mrr-movements.js';
import { errorOf } from '../support/errors.js';
import { findAll, parseXml } from './support/xml.js';

/**
 * The bridge of html-table.test.ts, by hand: January starts with a (100) and b (50), 150;
 * February: a +20, b churns (-50), c new (30); ending 150, 2 customers at each end.
 */
const bridge = mrrMovements([
  { accountId: 'a', month: '2024-01', mrr: 100, currency: 'USD' },
  { accountId: 'b', month: '2024-01', mrr: 50, currency: 'USD' },
  { accountId: 'a', month: '2024-02', mrr: 120, currency: 'USD' },
  { accountId: 'c', month: '2024-02', mrr: 30, currency: 'USD' },
]);

describe('textTable', () => {
  it('lays out an MRR bridge: headers, a rule, numbers aligned right, text left', () => {
    const text = textTable(bridge, { columns: ['month', 'startingMrr', 'newMrr', 'churnedMrr', 'endingMrr', 'customers.end'] });
    expect(text.split('\n')).toEqual([
      'Month    Starting MRR  New MRR  Churned MRR  Ending MRR  Customers end',
      '-------  ------------  -------  -----------  ----------  -------------',
      '2024-01          $150       $0           $0        $150              2',
      '2024-02          $150      $30          $50        $150              2',
    ]);
  });

  it('lays out churn rates: figures with intervals and changes, columns as wide as their widest cell', () => {
    const text = textTable(churnRates(bridge), { columns: ['month', 'logoChurn', 'grossMrrChurn', 'netMrrChurn', 'expansionRate'] });
    expect(text.split('\n')).toEqual([
      'Month                Logo churn  Gross MRR churn    Net MRR churn   Expansion rate',
      '-------  ----------------------  ---------------  ---------------  ---------------',
      '2024-01              0% (0–66%)               0%               0%               0%',
      '2024-02  50% (9–91%; +50.0 pts)  33% (+33.3 pts)  20% (+20.0 pts)  13% (+13.3 pts)',
    ]);
  });

  it('takes the whole bridge without columns: sixteen columns, the last text column trimmed', () => {
    const lines = textTable(bridge).split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[0]).toBe(
      'Month    Complete  Starting MRR  New MRR  Expansion MRR  Contraction MRR  Churned MRR  Reactivation MRR  Ending MRR  ' +
        'Customers start  Customers new  Customers expanded  Customers contracted  Customers churned  Customers reactivated  Customers end',
    );
    expect(lines[3]).toBe(
      '2024-02  yes               $150      $30            $20               $0          $50                $0        $150  ' +
        '              2              1                   1                     0                  1                      0              2',
    );
    // Lines end without spaces, even where the last column is text.
    expect(textTable([{ n: 1, note: 'a' }, { n: 22, note: '' }]).split('\n')).toEqual([' N  Note', '--  ----', ' 1  a', '22']);
  });

  it('writes the same cells as htmlTable', () => {
    const rows = [{ account: 'a<b>', mrrAtRisk: 1234.5, health: { score: 42, band: 'red' }, missing: ['nps', 'logins'], retention: { value: 0.54, lower: 0.49, upper: 0.59 } }];
    const root = parseXml(htmlTable(rows, { currency: 'EUR' }));
    const html = findAll(root, (e) => e.name === 'td').map((e) => e.text);
    expect(html).toEqual(['a<b>', '€1,234.50', '42', 'red', 'nps, logins', '54% (49–59%)']);
    expect(textTable(rows, { currency: 'EUR' }).split('\n')).toEqual([
      'Account  MRR at risk  Health score  Health band  Missing         Retention',
      '-------  -----------  ------------  -----------  -----------  ------------',
      'a<b>       €1,234.50            42  red          nps, logins  54% (49–59%)',
    ]);
  });

  it('prints no control character from the data: line breaks and tabs become spaces, others U+FFFD', () => {
    const text = textTable([{ 'a\tb': 'x\ny\r\u001b[31mred\u0007' }]);
    expect(text.split('\n')).toEqual(['a b', '-------------', 'x y \uFFFD[31mred\uFFFD']);
  });

  it('gives the header and its rule for no rows, and nothing without columns', () => {
    expect(textTable([], { columns: ['month', { key: 'mrr', label: 'MRR' }] })).toBe('Month  MRR\n-----  ---');
    expect(textTable([])).toBe('');
    expect(textTable({ months: [] })).toBe('');
  });

  it('puts every cell of the formatter in its column, under its rule (property)', () => {
    const key = fc.string({ minLength: 1, maxLength: 6 });
    const value = fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.double({ min: -1e6, max: 1e6 }), fc.constant(null), fc.record({ value: fc.double({ min: 0, max: 1 }), lower: fc.double({ min: 0, max: 1 }), upper: fc.double({ min: 0, max: 1 }) }));
    fc.assert(
      fc.property(fc.array(fc.dictionary(key, value, { minKeys: 1 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const model = tableModel(rows, undefined, 'textTable');
        const lines = textTable(rows).split('\n');
        expect(lines).toHaveLength(rows.length + 2);
        // The rule gives each column's start and width.
        const spans = [...(lines[1] as string).matchAll(/-+/g)].map((m) => [m.index, m[0].length] as const);
        expect(spans).toHaveLength(model.columns.length);
        const cellsOf = (line: string) => spans.map(([start, width]) => line.padEnd(start + width).slice(start, start + width));
        expect(cellsOf(lines[0] as string).map((c) => c.trim())).toEqual(model.columns.map((c) => c.label.trim()));
        model.cells.forEach((row, i) => {
          const cells = cellsOf(lines[i + 2] as string);
          cells.forEach((cell, j) => {
            // Numbers flush right, text flush left.
            const text = row[j] as string;
            expect(cell).toBe(model.columns[j]?.numeric ? text.padStart(cell.length) : text.padEnd(cell.length));
          });
        });
      }),
      { numRuns: 200 },
    );
  });

  it('checks its options and input as htmlTable does, naming textTable', () => {
    let e = errorOf(() => textTable([{ a: 1 }], { colums: ['a'] } as never));
    expect([e.code, e.path, e.message]).toEqual(['unknown-option', 'options.colums', 'textTable: options.colums is not an option; did you mean columns? (an array of 1)']);
    e = errorOf(() => textTable([1 as unknown as object]));
    expect([e.code, e.path, e.message]).toEqual(['invalid-record', 'rows[0]', 'textTable: rows[0] must be an object (1)']);
    e = errorOf(() => textTable([], { digits: -1 }));
    expect([e.code, e.path]).toEqual(['invalid-option', 'options.digits']);
  });
});

describe('textTable of a survival estimate with its standard error', () => {
  it('reads { value, standardError, lower, upper } as one interval cell, as compareRetention gives it', () => {
    // compareRetention().retention rows: segment and control are survival estimates that carry
    // a standard error; the cell is the estimate with its interval, 0.88 → 88%, 0.86–0.91 → 86–91%.
    const text = textTable([{ day: 7, segment: { value: 0.88, standardError: 0.012, lower: 0.86, upper: 0.91 } }]);
    expect(text).toContain('88% (86–91%)');
    expect(text).not.toContain('Standard');
  });
});
