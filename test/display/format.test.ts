/**
 * The one value formatter of htmlTable and textTable (src/display/internal/format.ts): numbers
 * in their style, figures with their interval or change, labels, the formats fields get by
 * name and values, and single cells. Every expected string is worked by hand.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultFormat,
  formatByName,
  formatCell,
  formatFigure,
  formatNumber,
  labelOf,
  tableModel,
  type CellPlan,
  type NumberStyle,
} from '../../src/display/internal/format.js';

const percent = (decimals = 0): NumberStyle => ({ kind: 'percent', decimals });
const money = (currency: string | null, decimals = 0): NumberStyle => ({ kind: 'money', decimals, currency });
const number = (decimals = 0): NumberStyle => ({ kind: 'number', decimals });
const figure = (value: number | null, lower: number | null = null, upper: number | null = null, change: number | null = null) => ({ value, lower, upper, change });

describe('formatNumber', () => {
  it('writes rates as percentages with the decimals asked for', () => {
    expect(formatNumber(0.543, percent())).toBe('54%');
    expect(formatNumber(0.543, percent(1))).toBe('54.3%');
    expect(formatNumber(1.08, percent())).toBe('108%');
    expect(formatNumber(-0.05, percent())).toBe('-5%');
    expect(formatNumber(0, percent(1))).toBe('0.0%');
  });

  it('writes money with its currency: a symbol before USD, EUR, GBP, JPY, any other code after', () => {
    expect(formatNumber(1234, money('USD'))).toBe('$1,234');
    expect(formatNumber(1234, money('EUR'))).toBe('€1,234');
    expect(formatNumber(1234, money('gbp'))).toBe('£1,234');
    expect(formatNumber(1234, money('JPY'))).toBe('¥1,234');
    expect(formatNumber(1234, money('CHF'))).toBe('1,234 CHF');
    expect(formatNumber(1234, money(null))).toBe('1,234');
    expect(formatNumber(-1234.5, money('USD', 2))).toBe('-$1,234.50');
  });

  it('groups thousands, rounds to the decimals, and never writes -0, NaN or Infinity', () => {
    expect(formatNumber(1234567.891, number(2))).toBe('1,234,567.89');
    expect(formatNumber(999, number())).toBe('999');
    expect(formatNumber(1000, number())).toBe('1,000');
    expect(formatNumber(-0.001, number())).toBe('0');
    expect(formatNumber(-0.004, percent())).toBe('0%');
    expect(formatNumber(Number.NaN, number())).toBe('–');
    expect(formatNumber(Number.POSITIVE_INFINITY, percent())).toBe('–');
    expect(formatNumber(Number.NEGATIVE_INFINITY, money('USD'))).toBe('–');
  });

  it('never writes NaN or Infinity, for any double (property)', () => {
    fc.assert(
      fc.property(fc.double(), fc.constantFrom(percent(), percent(3), money('USD', 2), money('CHF'), number(2)), (x, style) => {
        expect(formatNumber(x, style)).not.toMatch(/NaN|Infinity/);
      }),
      { numRuns: 300 },
    );
  });
});

describe('formatFigure', () => {
  it('writes an estimate with its interval, the % once after the upper bound', () => {
    expect(formatFigure(figure(0.54, 0.49, 0.59), percent())).toBe('54% (49–59%)');
    expect(formatFigure(figure(0.543, 0.4912, 0.5921), percent(1))).toBe('54.3% (49.1–59.2%)');
  });

  it('writes a rate change with its change in percentage points (at least one decimal)', () => {
    expect(formatFigure(figure(0.032, null, null, 0.004), percent(1))).toBe('3.2% (+0.4 pts)');
    expect(formatFigure(figure(0.032, null, null, 0.004), percent())).toBe('3% (+0.4 pts)');
    expect(formatFigure(figure(0.032, null, null, -0.004), percent(1))).toBe('3.2% (-0.4 pts)');
    expect(formatFigure(figure(0.032, null, null, 0), percent(1))).toBe('3.2% (0.0 pts)');
    expect(formatFigure(figure(0.5, 0.0945, 0.9055, 0.5), percent())).toBe('50% (9–91%; +50.0 pts)');
    expect(formatFigure(figure(0.032, null, null, null), percent(1))).toBe('3.2%');
  });

  it('joins negative bounds with "to", shows a lone bound as ≥ or ≤, and a missing value as –', () => {
    expect(formatFigure(figure(-4, -12, 4), number())).toBe('-4 (-12 to 4)');
    expect(formatFigure(figure(-0.02, -0.05, 0.01), percent())).toBe('-2% (-5 to 1%)');
    expect(formatFigure(figure(12, 8, null), number())).toBe('12 (≥ 8)');
    expect(formatFigure(figure(12, null, 20), number())).toBe('12 (≤ 20)');
    expect(formatFigure(figure(null, 0.1, 0.2, 0.1), percent())).toBe('–');
  });

  it('writes money bounds with the symbol on both, or the code once at the end', () => {
    expect(formatFigure(figure(1234, 1000, 1500), money('USD'))).toBe('$1,234 ($1,000–$1,500)');
    expect(formatFigure(figure(1234, 1000, 1500), money('CHF'))).toBe('1,234 CHF (1,000–1,500 CHF)');
    expect(formatFigure(figure(1234, null, null, 20), money('EUR'))).toBe('€1,234 (+€20)');
    expect(formatFigure(figure(3, null, null, -2), number())).toBe('3 (-2)');
  });
});

describe('labelOf', () => {
  it('writes a key in words: camelCase split, acronyms in capitals, the first letter capital', () => {
    expect(labelOf(['startingMrr'])).toBe('Starting MRR');
    expect(labelOf(['customersAtStart'])).toBe('Customers at start');
    expect(labelOf(['customers_at_start'])).toBe('Customers at start');
    expect(labelOf(['meanDauMau'])).toBe('Mean DAU/MAU');
    expect(labelOf(['wauMau'])).toBe('WAU/MAU');
    expect(labelOf(['accountId'])).toBe('Account ID');
    expect(labelOf(['pValue'])).toBe('P-value');
    expect(labelOf(['arpa'])).toBe('ARPA');
    expect(labelOf(['URLPath'])).toBe('URL path');
    expect(labelOf(['p75'])).toBe('P75');
    expect(labelOf(['nps'])).toBe('NPS');
  });

  it('shows a key that is not an identifier as it is (a month of a pivot, a phrase, a sign)', () => {
    expect(labelOf(['2024-01'])).toBe('2024-01');
    expect(labelOf(['a b'])).toBe('a b');
    expect(labelOf(['%'])).toBe('%');
    expect(labelOf(['_'])).toBe('_');
    expect(labelOf(['cohorts', '2024-01'])).toBe('Cohorts 2024-01');
    expect(labelOf(['2024-01', 'retainedUsers'])).toBe('2024-01 retained users');
  });

  it('joins the keys of a nested field, or follows a given label', () => {
    expect(labelOf(['customers', 'start'])).toBe('Customers start');
    expect(labelOf(['segment', 'retainedIfDid'])).toBe('Segment retained if did');
    expect(labelOf(['new'], 'Accounts')).toBe('Accounts new');
    expect(labelOf(['startingMrr'], 'Cohort')).toBe('Cohort starting MRR');
  });
});

describe('formats by name and by values', () => {
  it('reads rates, money, ids and dates from field names', () => {
    const cases: [string, string | null][] = [
      ['churnRate', 'percent'],
      ['revenueChurnRate', 'percent'],
      ['promoterShare', 'percent'],
      ['atLeastShare', 'percent'],
      ['logoChurn', 'percent'],
      ['grossMrrChurn', 'percent'],
      ['retention', 'percent'],
      ['survival', 'percent'],
      ['relativeLift', 'percent'],
      ['dauMau', 'percent'],
      ['meanDauMau', 'percent'],
      ['ratio', 'percent'],
      ['grossMargin', 'percent'],
      ['confidence', 'percent'],
      ['startingMrr', 'money'],
      ['mrr', 'money'],
      ['mrrAtRisk', 'money'],
      ['arpa', 'money'],
      ['amount', 'money'],
      ['accountId', 'text'],
      ['id', 'text'],
      ['group', 'text'],
      ['createdAt', 'date'],
      ['timestamp', 'date'],
      // Counts, times and other numbers have no format by name.
      ['mau', null],
      ['quickRatio', null],
      ['churned', null],
      ['churnedCustomers', null],
      ['marginOfError', null],
      ['paid', null],
      ['at', null],
      ['value', null],
    ];
    for (const [key, format] of cases) expect(formatByName(key), key).toBe(format);
  });

  it('makes figures in [0, 1], rate changes and bounds in [0, 1] percentages; other numbers numbers', () => {
    expect(defaultFormat('retainedIfDid', [{ value: 0.4, lower: 0.3, upper: 0.5 }, null])).toBe('percent');
    expect(defaultFormat('difference', [{ value: -4, lower: -12, upper: 4 }])).toBe('number');
    expect(defaultFormat('median', [{ value: 12, lower: 8, upper: null }])).toBe('number');
    expect(defaultFormat('nrr', [{ value: 1.05, lower: null, upper: null, change: 0.01, direction: 'higher' }])).toBe('percent');
    expect(defaultFormat('lower', [0.3, null, 1])).toBe('percent');
    expect(defaultFormat('lower', [-12, 3])).toBe('number');
    expect(defaultFormat('value', [0.25])).toBe('percent');
    expect(defaultFormat('value', [1.08])).toBe('number');
    expect(defaultFormat('dueOn', [new Date(0)])).toBe('date');
    expect(defaultFormat('dau', [0, 1, 1])).toBe('number');
    expect(defaultFormat('score', [0.5])).toBe('number');
    // A name wins over the values: NPS points are not a rate, a rate above 1 still is.
    expect(defaultFormat('accountId', [1234])).toBe('text');
    expect(defaultFormat('expansionRate', [1.5])).toBe('percent');
  });
});

describe('formatCell', () => {
  const plan = (format: CellPlan['format'], style: NumberStyle = number(), loose = false): CellPlan => ({ format, style, loose });

  it('writes null as –, a missing field empty, strings as they are, booleans yes/no', () => {
    expect(formatCell(null, plan('number'))).toBe('–');
    expect(formatCell(undefined, plan('number'))).toBe('');
    expect(formatCell('2024-01', plan('percent', percent()))).toBe('2024-01');
    expect(formatCell(true, plan('number'))).toBe('yes');
    expect(formatCell(false, plan('number'))).toBe('no');
    expect(formatCell(true, plan('text'))).toBe('true');
    expect(formatCell(new Date(Date.UTC(2026, 0, 2)), plan('text'))).toBe('2026-01-02');
  });

  it('writes dates, epoch milliseconds in a date column, bigints and lists', () => {
    expect(formatCell(new Date(Date.UTC(2026, 0, 2)), plan('number'))).toBe('2026-01-02');
    expect(formatCell(new Date(Date.UTC(2026, 0, 2, 9, 30)), plan('number'))).toBe('2026-01-02T09:30:00.000Z');
    expect(formatCell(new Date(Number.NaN), plan('date'))).toBe('–');
    expect(formatCell(Date.UTC(2026, 0, 2), plan('date'))).toBe('2026-01-02');
    expect(formatCell(12345678901234567890n, plan('number'))).toBe('12,345,678,901,234,567,890');
    expect(formatCell(-1234n, plan('number'))).toBe('-1,234');
    expect(formatCell(['nps', 'logins'], plan('number'))).toBe('nps, logins');
    expect(formatCell([0.25, null], plan('percent', percent()))).toBe('25%, –');
    expect(formatCell([{ a: 1 }, { a: 2 }, { a: 3 }], plan('number'))).toBe('3 items');
    expect(formatCell([{ a: 1 }], plan('number'))).toBe('1 item');
    expect(formatCell([], plan('number'))).toBe('–');
    expect(formatCell(new Map([[1, 2]]), plan('number'))).toBe('1 item');
    expect(formatCell(new Set([1, 2]), plan('number'))).toBe('2 items');
  });

  it('writes numbers and figures in the style, objects as JSON in a text column, deeper ones as {…}', () => {
    expect(formatCell(0.5, plan('percent', percent()))).toBe('50%');
    expect(formatCell(Number.NaN, plan('text'))).toBe('–');
    expect(formatCell(Number.POSITIVE_INFINITY, plan('number'))).toBe('–');
    expect(formatCell({ value: 0.5, lower: 0.4, upper: 0.6 }, plan('percent', percent()))).toBe('50% (40–60%)');
    expect(formatCell({ value: 0.5, lower: 0.4, upper: 0.6 }, plan('text'))).toBe('{"value":0.5,"lower":0.4,"upper":0.6}');
    expect(formatCell({ value: 0.5, lower: 0.4, upper: 0.6, n: 10 }, plan('interval', percent(), true))).toBe('50% (40–60%)');
    expect(formatCell({ a: { b: 1 } }, plan('number'))).toBe('{…}');
    expect(formatCell({}, plan('number'))).toBe('{}');
  });
});

describe('tableModel', () => {
  it('takes rows, or a result: its first list of rows with its currency, else itself as one row', () => {
    const rows = tableModel([{ mrr: 10 }], undefined, 'htmlTable');
    expect(rows).toEqual({ columns: [{ label: 'MRR', numeric: true }], cells: [['10']] });
    const result = tableModel({ currency: 'EUR', months: [{ mrr: 10 }], movements: [{ amount: 1 }] }, undefined, 'htmlTable');
    expect(result.cells).toEqual([['€10']]);
    const single = tableModel({ value: 1200, arpa: 100.5, tags: ['a'] }, undefined, 'htmlTable');
    expect(single).toEqual({
      columns: [
        { label: 'Value', numeric: true },
        { label: 'ARPA', numeric: true },
        { label: 'Tags', numeric: false },
      ],
      cells: [['1,200', '100.50', 'a']],
    });
  });

  it('flattens nested objects into columns, first seen first, a key before its nested keys', () => {
    const model = tableModel(
      [
        { month: '2024-01', customers: { start: 2, end: 3 } },
        { month: '2024-02', customers: { start: 3, new: 1, end: 4 }, note: 'x' },
        { month: '2024-03', customers: null },
      ],
      undefined,
      'textTable',
    );
    expect(model.columns.map((c) => c.label)).toEqual(['Month', 'Customers start', 'Customers end', 'Customers new', 'Note']);
    expect(model.cells).toEqual([
      ['2024-01', '2', '3', '', ''],
      ['2024-02', '3', '4', '1', 'x'],
      ['2024-03', '–', '–', '–', ''],
    ]);
    // A key that is a number in one row and an object in another has both columns.
    const mixed = tableModel([{ x: 1 }, { x: { y: 2 } }], undefined, 'textTable');
    expect(mixed).toEqual({ columns: [{ label: 'X', numeric: true }, { label: 'X y', numeric: true }], cells: [['1', ''], ['', '2']] });
  });
});
