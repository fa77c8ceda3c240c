import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { churnRates } from '../../src/revenue/churn-rates.js';
import { expansionMrr } from '../../src/revenue/expansion-mrr.js';
import type { ExpansionMrrInputMonth as ExpansionMrrInput } from '../../src/revenue/types.js';
import { errorOf } from '../support/errors.js';
import { shuffled } from '../support/model.js';

function row(month: string, startingMrr: number, expansion: number, start: number, expanded: number): ExpansionMrrInput {
  return { month, startingMrr, expansionMrr: expansion, customers: { start, expanded } };
}

// The churnRates table: Jan A grew 100 -> 150; Feb D grew 100 -> 120; Mar D grew 120 -> 170.
//   Jan  50 of 600 = 1/12,  1 of 3 customers
//   Feb  20 of 700 = 1/35,  1 of 4
//   Mar  50 of 520 = 5/52,  1 of 3
const TABLE = [row('2024-01', 600, 50, 3, 1), row('2024-02', 700, 20, 4, 1), row('2024-03', 520, 50, 3, 1)];

describe('expansionMrr', () => {
  it('runs the doc example', () => {
    const months = [row('2024-01', 2000, 50, 20, 2), row('2024-02', 0, 0, 0, 0)];
    // 50 / 2000 = 0.025; 2 of 20 customers = 0.1; February starts from nothing: null, so no change.
    const none = { lower: null, upper: null, change: null, direction: null };
    expect(expansionMrr({ months }).byMonth).toEqual([
      // Rows without a `complete` flag are finished months.
      { month: '2024-01', complete: true, startingMrr: 2000, expansionMrr: 50, expansionRate: { value: 0.025, ...none }, customersAtStart: 20, expandedCustomers: 2, expandedShare: 0.1 },
      { month: '2024-02', complete: true, startingMrr: 0, expansionMrr: 0, expansionRate: { value: null, ...none }, customersAtStart: 0, expandedCustomers: 0, expandedShare: null },
    ]);
  });

  it('computes a three-month table by hand, in month order', () => {
    const result = expansionMrr({ months: [TABLE[2], TABLE[0], TABLE[1]] as ExpansionMrrInput[] });
    expect(result.byMonth.map((m) => [m.month, m.expansionMrr, m.expansionRate.value, m.expandedShare])).toEqual([
      ['2024-01', 50, 1 / 12, 1 / 3],
      ['2024-02', 20, 1 / 35, 0.25],
      ['2024-03', 50, 5 / 52, 1 / 3],
    ]);
    // Changes from the month before (by hand): 1/35 − 1/12 = −23/420, 5/52 − 1/35 = 123/1820.
    const [jan, feb, mar] = result.byMonth.map((m) => m.expansionRate);
    expect([jan?.change, jan?.direction]).toEqual([null, null]);
    expect(feb?.change).toBeCloseTo(-23 / 420, 15);
    expect(mar?.change).toBeCloseTo(123 / 1820, 15);
    expect([feb?.direction, mar?.direction]).toEqual(['lower', 'higher']);
    // A gap breaks the chain: March after January has no change.
    expect(expansionMrr({ months: [TABLE[0], TABLE[2]] as ExpansionMrrInput[] }).byMonth[1]?.expansionRate).toMatchObject({ change: null, direction: null });
    expect(expansionMrr({ months: [] })).toEqual({ byMonth: [] });
  });

  it('carries each month\'s complete flag from its input row', () => {
    const result = expansionMrr({ months: [TABLE[0] as ExpansionMrrInput, { ...(TABLE[1] as ExpansionMrrInput), complete: true }, { ...(TABLE[2] as ExpansionMrrInput), complete: false }] });
    expect(result.byMonth.map((m) => [m.month, m.complete])).toEqual([
      ['2024-01', true],
      ['2024-02', true],
      ['2024-03', false],
    ]);
    const bad = errorOf(() => expansionMrr({ months: [{ ...(TABLE[0] as ExpansionMrrInput), complete: 0 as unknown as boolean }] }));
    expect([bad.code, bad.path]).toEqual(['invalid-boolean', 'movements.months[0].complete']);
  });

  it('takes no options, so any key is an unknown option rather than ignored', () => {
    expect(expansionMrr({ months: TABLE }, {})).toEqual(expansionMrr({ months: TABLE }));
    const asOf = errorOf(() => expansionMrr({ months: TABLE }, { asOf: '2024-03-31' } as unknown as Record<string, never>));
    expect([asOf.code, asOf.path, asOf.message]).toEqual(['unknown-option', 'options.asOf', 'expansionMrr: options.asOf is not an option; this takes no options ("2024-03-31")']);
    const notObject = errorOf(() => expansionMrr({ months: TABLE }, 'x' as unknown as Record<string, never>));
    expect([notObject.code, notObject.path]).toEqual(['invalid-option', 'options']);
  });

  it('does not mutate its input', () => {
    const frozen = Object.freeze(TABLE.map((m) => Object.freeze({ ...m, customers: Object.freeze({ ...m.customers }) })));
    const first = expansionMrr({ months: frozen });
    expect(expansionMrr({ months: frozen })).toEqual(first);
    expect(frozen).toEqual(TABLE);
  });

  it('rejects bad input, naming the record', () => {
    const cases: [unknown, string, string, string][] = [
      [row('2024-02', -700, 20, 4, 1), 'invalid-number', 'movements.months[1].startingMrr', 'expansionMrr: movements.months[1] (month \"2024-02\").startingMrr must be a finite number >= 0 (-700)'],
      [row('2024-02', 700, 20, 4, 5), 'inconsistent-movements', 'movements.months[1].customers.expanded', 'expansionMrr: movements.months[1] (month \"2024-02\").customers.expanded must not exceed customers.start, which is 4 (5)'],
      [row('2024-02', 700, 20, -4, 1), 'invalid-number', 'movements.months[1].customers.start', 'expansionMrr: movements.months[1] (month \"2024-02\").customers.start must be an integer >= 0 (-4)'],
      [{ month: '2024-02', startingMrr: 700, expansionMrr: 20 }, 'invalid-record', 'movements.months[1].customers', 'expansionMrr: movements.months[1] (month \"2024-02\").customers must be an object of customer counts (undefined)'],
      [row('2024-00', 700, 20, 4, 1), 'invalid-month', 'movements.months[1].month', 'expansionMrr: movements.months[1].month must be a month YYYY-MM such as "2024-03" ("2024-00")'],
    ];
    for (const [bad, code, path, message] of cases) {
      const error = errorOf(() => expansionMrr({ months: [TABLE[0], bad, TABLE[2]] as ExpansionMrrInput[] }));
      expect([error.code, error.path, error.message]).toEqual([code, path, message]);
    }
    expect(errorOf(() => expansionMrr({ months: '2024-01' as unknown as ExpansionMrrInput[] })).code).toBe('invalid-input');
    expect(errorOf(() => expansionMrr(TABLE as unknown as { months: ExpansionMrrInput[] })).path).toBe('movements');
  });

  it("gives the same expansionRate as churnRates' (one RateChange)", () => {
    // churnRates reads the counts start and churned as well: churned 0 of each start here.
    const bridge = { months: TABLE.map((m) => ({ ...m, contractionMrr: 0, churnedMrr: 0, reactivationMrr: 0, customers: { ...m.customers, churned: 0 } })) };
    expect(expansionMrr(bridge).byMonth.map((m) => m.expansionRate)).toEqual(churnRates(bridge).byMonth.map((m) => m.expansionRate));
  });

  const months = fc
    .array(
      fc.record({ startingMrr: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1e7 })), expansion: fc.nat({ max: 1e6 }), start: fc.nat({ max: 50 }), share: fc.double({ min: 0, max: 1, noNaN: true }) }),
      { maxLength: 24 },
    )
    .map((rows) => rows.map((r, i) => row(`${2020 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`, r.startingMrr, r.expansion, r.start, Math.floor(r.start * r.share))));

  it('property: rates are null exactly when their denominator is 0, the share lies in [0, 1], order does not matter', () => {
    fc.assert(
      fc.property(months, fc.array(fc.nat(), { minLength: 1, maxLength: 24 }), (rows, picks) => {
        const result = expansionMrr({ months: rows });
        result.byMonth.forEach((m, i) => {
          const r = rows[i] as ExpansionMrrInput;
          expect(m.expansionRate.value === null).toBe(r.startingMrr === 0);
          expect([m.expansionRate.lower, m.expansionRate.upper]).toEqual([null, null]);
          expect(m.expandedShare === null).toBe(r.customers.start === 0);
          if (m.expansionRate.value !== null) expect(m.expansionRate.value).toBe(r.expansionMrr / r.startingMrr);
          if (m.expandedShare !== null) {
            expect(m.expandedShare).toBeGreaterThanOrEqual(0);
            expect(m.expandedShare).toBeLessThanOrEqual(1);
          }
        });
        expect(expansionMrr({ months: shuffled(rows, picks) })).toEqual(result);
      }),
    );
  });
});
