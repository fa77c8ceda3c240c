import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { grossRevenueRetention } from '../../src/revenue/gross-revenue-retention.js';
import { netRevenueRetention } from '../../src/revenue/net-revenue-retention.js';
import type { MrrSnapshot } from '../../src/revenue/types.js';
import { errorOf } from '../support/errors.js';

describe('grossRevenueRetention', () => {
  it('runs the doc example', () => {
    const snapshots = [
      { accountId: 'acme', month: '2023-01', mrr: 100 },
      { accountId: 'acme', month: '2024-01', mrr: 300 },
      { accountId: 'bolt', month: '2023-01', mrr: 200 },
      { accountId: 'bolt', month: '2024-01', mrr: 150 },
      { accountId: 'cask', month: '2023-01', mrr: 100 },
    ];
    // Capped at the start: min(300, 100) + min(150, 200) + 0 = 250 of 400 = 0.625;
    // (400 - 50 contraction - 100 churned) / 400 is the same.
    const grr = grossRevenueRetention(snapshots, { cohortMonth: '2023-01', windowMonths: 12 });
    expect(grr.value).toBe(0.625);
    expect([grr.startingMrr, grr.contractionMrr, grr.churnedMrr, grr.endingMrr]).toEqual([400, 50, 100, 450]);
    expect(grossRevenueRetention([]).value).toBe(null);
  });

  it('does not let one customer’s expansion hide another’s churn (hand-worked)', () => {
    // big: 100 -> 1000; small: 50 -> 0. NRR = 1000/150 = 6.67, GRR = (100 + 0)/150 = 2/3.
    const snapshots = [
      { accountId: 'big', month: '2024-01', mrr: 100 },
      { accountId: 'big', month: '2024-07', mrr: 1000 },
      { accountId: 'small', month: '2024-01', mrr: 50 },
    ];
    const options = { cohortMonth: '2024-01', windowMonths: 6 };
    expect(netRevenueRetention(snapshots, options).value).toBe(1000 / 150);
    expect(grossRevenueRetention(snapshots, options).value).toBe(100 / 150);
    // Everyone expanding: GRR 1 exactly.
    expect(grossRevenueRetention([...snapshots.slice(0, 2), { accountId: 'small', month: '2024-07', mrr: 60 }], options).value).toBe(1);
  });

  it('lists trailing windows (hand-worked)', () => {
    //        Jan  Feb  Mar
    //   p    100  100   80    contraction 20 by Mar
    //   q     50   70   70    expansion 20 by Mar
    //   r      -   40    0    new in Feb, churned in Mar
    // windowMonths = 1: end Feb (cohort Jan {p, q} = 150): min(100, 100) + min(70, 50) = 150 -> 1;
    //             end Mar (cohort Feb {p, q, r} = 210): 80 + 70 + 0 = 150 -> 150/210 = 5/7.
    const snapshots: MrrSnapshot[] = [
      { accountId: 'p', month: '2024-01', mrr: 100 },
      { accountId: 'p', month: '2024-02', mrr: 100 },
      { accountId: 'p', month: '2024-03', mrr: 80 },
      { accountId: 'q', month: '2024-01', mrr: 50 },
      { accountId: 'q', month: '2024-02', mrr: 70 },
      { accountId: 'q', month: '2024-03', mrr: 70 },
      { accountId: 'r', month: '2024-02', mrr: 40 },
      { accountId: 'r', month: '2024-03', mrr: 0 },
    ];
    const result = grossRevenueRetention(snapshots, { windowMonths: 1, trailing: true });
    expect(result.trailing.map((w) => [w.month, w.cohortMonth, w.customers, w.startingMrr, w.contractionMrr, w.churnedMrr, w.value])).toEqual([
      ['2024-02', '2024-01', 2, 150, 0, 0, 1],
      ['2024-03', '2024-02', 3, 210, 20, 40, 150 / 210],
    ]);
    expect(result).toMatchObject({ cohortMonth: '2024-02', endMonth: '2024-03', value: 150 / 210, pending: false });
  });

  it('is pending while the window is open', () => {
    const result = grossRevenueRetention([{ accountId: 1, month: '2024-01', mrr: 10 }], { cohortMonth: '2024-01', windowMonths: 12 });
    expect(result).toMatchObject({ pending: true, value: null, customers: 1, startingMrr: 10, endingMrr: null, asOf: '2024-01-31T23:59:59.999Z', asOfDate: '2024-01-31' });
    expect(result.reason).toBe('pending: the window ends in 2025-01, which is not complete at asOf (the last complete month is 2024-01)');
    // Complete through the end of January 2025 (a date): the customer churned, GRR 0.
    expect(grossRevenueRetention([{ accountId: 1, month: '2024-01', mrr: 10 }], { cohortMonth: '2024-01', windowMonths: 12, asOf: '2025-01-31' })).toMatchObject({
      pending: false,
      value: 0,
      churnedMrr: 10,
      reason: null,
    });
  });

  it('rejects bad input and options', () => {
    const month = errorOf(() => grossRevenueRetention([{ accountId: 1, month: '24-01', mrr: 1 }]));
    expect([month.code, month.path, month.message]).toEqual(['invalid-month', 'snapshots[0].month', 'grossRevenueRetention: snapshots[0] (accountId 1).month must be a month YYYY-MM such as "2024-03" ("24-01")']);
    const negative = errorOf(() => grossRevenueRetention([{ accountId: 1, month: '2024-01', mrr: -0.5 }]));
    expect([negative.code, negative.path, negative.message]).toEqual(['invalid-number', 'snapshots[0].mrr', 'grossRevenueRetention: snapshots[0] (accountId 1).mrr must be a finite number >= 0 (-0.5)']);
    const window = errorOf(() => grossRevenueRetention([], { windowMonths: -1 }));
    expect([window.code, window.path, window.message]).toEqual(['invalid-number', 'options.windowMonths', 'grossRevenueRetention: options.windowMonths must be an integer >= 1 (-1)']);
    const unknown = errorOf(() => grossRevenueRetention([], { trailling: true } as object));
    expect([unknown.code, unknown.path, unknown.message]).toEqual(['unknown-option', 'options.trailling', 'grossRevenueRetention: options.trailling is not an option; did you mean trailing? (true)']);
    const nulled = errorOf(() => grossRevenueRetention([], { cohortMonth: null } as unknown as object));
    expect([nulled.code, nulled.path]).toEqual(['invalid-option', 'options.cohortMonth']);
  });

  it('property: 0 <= GRR <= 1 and GRR <= NRR, for fractional amounts too', () => {
    const rows = fc.uniqueArray(
      fc.record({
        accountId: fc.constantFrom('a', 'b', 'c', 'd', 'e', 'f'),
        month: fc.constantFrom('2024-01', '2024-02'),
        mrr: fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 1e9, noNaN: true })),
      }),
      { maxLength: 12, selector: (r) => `${r.accountId}:${r.month}` },
    );
    fc.assert(
      fc.property(rows, (snapshots) => {
        const options = { cohortMonth: '2024-01', windowMonths: 1, asOf: '2024-02' };
        const nrr = netRevenueRetention(snapshots, options);
        const grr = grossRevenueRetention(snapshots, options);
        expect(grr.value === null).toBe(grr.startingMrr === 0);
        expect(nrr.value === null).toBe(grr.value === null);
        if (nrr.value !== null && grr.value !== null) {
          expect(Number.isFinite(nrr.value)).toBe(true);
          expect(grr.value).toBeGreaterThanOrEqual(0);
          expect(grr.value).toBeLessThanOrEqual(1);
          expect(grr.value).toBeLessThanOrEqual(nrr.value);
          expect(grr.value).toBeCloseTo((grr.startingMrr - (grr.contractionMrr as number) - (grr.churnedMrr as number)) / grr.startingMrr, 9);
        }
      }),
    );
  });
});
