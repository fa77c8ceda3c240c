/**
 * Results compose: the `mrrMovements` result goes AS IS into `churnRates`, `expansionMrr`,
 * `quickRatio` and `lifetimeValueInputs`, and the `lifetimeValueInputs` result as is into
 * `customerLifetimeValue` (scores). Every expected number below is worked by hand from the
 * snapshot table (the comments show the arithmetic).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { churnRates } from '../../src/revenue/churn-rates.js';
import { expansionMrr } from '../../src/revenue/expansion-mrr.js';
import { lifetimeValueInputs } from '../../src/revenue/lifetime-value-inputs.js';
import { mrrMovements } from '../../src/revenue/mrr-movements.js';
import { mrrMovementsAccumulator } from '../../src/revenue/mrr-movements-accumulator.js';
import { quickRatio } from '../../src/revenue/quick-ratio.js';
import { customerLifetimeValue } from '../../src/scores/customer-lifetime-value.js';

//            Jan   Feb   Mar   Apr
// acme       100   150   150   150    Feb: expansion 50
// bolt       100   100     —     —    Mar: churn 100
// cove       100    80    80    80    Feb: contraction 20
// dune         —    50    50    50    Feb: new 50
// Jan (the baseline): start 300 = end 300, 3 customers.
// Feb: 300 + 50 (new) + 50 (expansion) − 20 (contraction) = 380; customers 3 → 4.
// Mar: 380 − 100 (churn) = 280; customers 4 → 3.
// Apr: 280 = 280; customers 3.
const SNAPSHOTS = [
  ...['2024-01', '2024-02', '2024-03', '2024-04'].flatMap((month, i) => [
    { accountId: 'acme', month, mrr: i === 0 ? 100 : 150 },
    { accountId: 'cove', month, mrr: i === 0 ? 100 : 80 },
  ]),
  { accountId: 'bolt', month: '2024-01', mrr: 100 },
  { accountId: 'bolt', month: '2024-02', mrr: 100 },
  ...['2024-02', '2024-03', '2024-04'].map((month) => ({ accountId: 'dune', month, mrr: 50 })),
];

describe('revenue results compose', () => {
  const movements = mrrMovements(SNAPSHOTS);

  it('has the hand-worked bridge', () => {
    expect(movements.months.map((m) => [m.month, m.startingMrr, m.newMrr, m.expansionMrr, m.contractionMrr, m.churnedMrr, m.endingMrr])).toEqual([
      ['2024-01', 300, 0, 0, 0, 0, 300],
      ['2024-02', 300, 50, 50, 20, 0, 380],
      ['2024-03', 380, 0, 0, 0, 100, 280],
      ['2024-04', 280, 0, 0, 0, 0, 280],
    ]);
  });

  it('churnRates(mrrMovements(snapshots))', () => {
    const rates = churnRates(movements).byMonth;
    // Logo churn: 0/3, 0/3, 1/4, 0/3. Gross: 0/300, 20/300, 100/380, 0/280.
    // Net: 0, (20 − 50)/300 = −0.1, 100/380, 0. Expansion: 0, 50/300, 0, 0.
    expect(rates.map((m) => m.logoChurn.value)).toEqual([0, 0, 0.25, 0]);
    expect(rates.map((m) => [m.logoChurn.change, m.logoChurn.direction])).toEqual([
      [null, null],
      [0, 'same'],
      [0.25, 'higher'],
      [-0.25, 'lower'],
    ]);
    expect(rates.map((m) => m.grossMrrChurn.value)).toEqual([0, 20 / 300, 100 / 380, 0]);
    expect(rates.map((m) => m.netMrrChurn.value)).toEqual([0, -30 / 300, 100 / 380, 0]);
    expect(rates.map((m) => m.expansionRate.value)).toEqual([0, 50 / 300, 0, 0]);
    expect(rates.map((m) => m.complete)).toEqual([true, true, true, true]);
  });

  it('expansionMrr(mrrMovements(snapshots))', () => {
    // February: 50 / 300 of the MRR, 1 of 3 customers; the same RateChange as churnRates'.
    const months = expansionMrr(movements).byMonth;
    expect(months.map((m) => [m.month, m.expansionRate.value, m.expandedShare])).toEqual([
      ['2024-01', 0, 0],
      ['2024-02', 50 / 300, 1 / 3],
      ['2024-03', 0, 0],
      ['2024-04', 0, 0],
    ]);
    expect(months.map((m) => m.expansionRate)).toEqual(churnRates(movements).byMonth.map((m) => m.expansionRate));
  });

  it('quickRatio(mrrMovements(snapshots))', () => {
    // Feb: (50 + 50) / 20 = 5; Mar: 0 / 100 = 0; Jan, Apr: nothing lost, null.
    // Overall: 100 gained, 120 lost: 100 / 120, net new −20.
    const result = quickRatio(movements);
    expect(result.byMonth.map((m) => m.value)).toEqual([null, 5, 0, null]);
    expect(result.overall).toEqual({ complete: true, gainedMrr: 100, lostMrr: 120, netNewMrr: -20, value: 100 / 120 });
  });

  it('lifetimeValueInputs(mrrMovements(snapshots)), then customerLifetimeValue of that, { grossMargin }', () => {
    // Window: 12 months ending in April (the latest complete month), 4 of them in the data.
    // ARPA = (300 + 380 + 280 + 280) / (3 + 4 + 3 + 3) = 1240 / 13; logo churn = 1 / (3 + 3 + 4 + 3) = 1 / 13;
    // revenue churn = (20 + 100) / (300 + 300 + 380 + 280) = 120 / 1260.
    const inputs = lifetimeValueInputs(movements);
    expect(inputs).toMatchObject({ windowMonths: 12, from: '2023-05', to: '2024-04', monthCount: 4, complete: true, reason: null, arpa: 1240 / 13, revenueChurnRate: 120 / 1260 });
    expect(inputs.logoChurn?.value).toBe(1 / 13);
    // LTV = ARPA × margin / churn = (1240 / 13) × 0.8 × 13 = 992; lifetime 13 months.
    const clv = customerLifetimeValue(inputs, { grossMargin: 0.8 });
    expect(clv.value).toBeCloseTo(992, 9);
    expect(clv.expectedLifetime).toBeCloseTo(13, 12);
    expect([clv.arpa, clv.churnRate, clv.reason]).toEqual([1240 / 13, 1 / 13, null]);
    // With a floor above the churn: 1240 / 13 × 0.8 / 0.1.
    expect(customerLifetimeValue(lifetimeValueInputs(movements), { grossMargin: 0.8, churnFloor: 0.1 }).value).toBeCloseTo(992 / 1.3, 9);
  });

  it('composes from the accumulator result as well, and from a detailed (perCustomer) result', () => {
    const accumulated = mrrMovementsAccumulator({ perCustomer: true }).add(SNAPSHOTS.slice(0, 5)).add(SNAPSHOTS.slice(5)).result();
    expect(churnRates(accumulated)).toEqual(churnRates(movements));
    expect(expansionMrr(accumulated)).toEqual(expansionMrr(movements));
    expect(quickRatio(accumulated)).toEqual(quickRatio(movements));
    expect(lifetimeValueInputs(accumulated)).toEqual(lifetimeValueInputs(movements));
  });

  it('property: each function of the bridge gives, from the result as is, what it gives from { months }', () => {
    const snapshots = fc.uniqueArray(
      fc.record({ accountId: fc.constantFrom('a', 'b', 'c', 'd'), month: fc.constantFrom('2024-01', '2024-02', '2024-03', '2024-04'), mrr: fc.nat({ max: 1000 }) }),
      { selector: (s) => `${s.accountId} ${s.month}`, maxLength: 16 },
    );
    fc.assert(
      fc.property(snapshots, fc.constantFrom(undefined, '2024-03-15', '2024-05'), (rows, asOf) => {
        const result = mrrMovements(rows, asOf === undefined ? {} : { asOf });
        const months = { months: result.months };
        expect(churnRates(result)).toEqual(churnRates(months));
        expect(expansionMrr(result)).toEqual(expansionMrr(months));
        expect(quickRatio(result)).toEqual(quickRatio(months));
        expect(lifetimeValueInputs(result)).toEqual(lifetimeValueInputs(months));
        expect(customerLifetimeValue(lifetimeValueInputs(result), { grossMargin: 0.5, churnFloor: 0.01 }).value).not.toBeNaN();
      }),
    );
  });
});
