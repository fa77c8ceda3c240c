/**
 * Results compose: the result of one function goes as it is into the next.
 * - `npsChange(nps(a), nps(b))`, and the rows of a grouped `nps` result;
 * - `customerLifetimeValue(lifetimeValueInputs(mrrMovements(snapshots)), { grossMargin })`.
 * Every expected number is worked by hand from the definitions, in the comments.
 */
import { describe, expect, it } from 'vitest';
import { lifetimeValueInputs } from '../../src/revenue/lifetime-value-inputs.js';
import { mrrMovements } from '../../src/revenue/mrr-movements.js';
import { customerLifetimeValue } from '../../src/scores/customer-lifetime-value.js';
import { nps } from '../../src/scores/nps.js';
import { npsChange } from '../../src/scores/nps-change.js';

describe('npsChange(nps(a), nps(b))', () => {
  // March: 6 promoters (10, 9, 10, 9, 9, 10), 3 passives (8, 7, 8), 7 detractors (6, 3, 2, 5, 4, 6, 3)
  // of 16: 100 × (6 − 7) / 16 = −6.25. April: 11 promoters, 3 passives (8, 7, 8), 2 detractors
  // (6, 5) of 16: 100 × 9 / 16 = 56.25. The difference: 56.25 − (−6.25) = 62.5.
  const march = [10, 9, 8, 6, 3, 2, 10, 7, 5, 9, 4, 8, 9, 6, 10, 3];
  const april = [10, 10, 9, 9, 8, 7, 10, 9, 6, 9, 10, 8, 9, 10, 5, 9];

  it('takes two nps() results as they are', () => {
    const change = npsChange(nps(march), nps(april));
    expect([change.before, change.after, change.difference]).toEqual([-6.25, 56.25, 62.5]);
    expect(change).toEqual(npsChange(march, april));
  });

  it('takes two rows of a grouped nps() result as they are', () => {
    const survey = [...march.map((score) => ({ score, month: 'march' })), ...april.map((score) => ({ score, month: 'april' }))];
    const byMonth = nps(survey, { groupBy: 'month' });
    // Groups in order of first appearance: march, then april.
    expect(byMonth.groups.map((g) => g.group)).toEqual(['march', 'april']);
    const [before, after] = byMonth.groups;
    expect(npsChange(before!, after!)).toEqual(npsChange(march, april));
  });
});

describe('customerLifetimeValue(lifetimeValueInputs(mrrMovements(snapshots)), { grossMargin })', () => {
  // acme 100 every month; bolt 50 in January and February (churns in March); cove 80 from
  // February; dune 70 in January only (churns in February).
  const snapshots = [
    { accountId: 'acme', month: '2024-01', mrr: 100 },
    { accountId: 'acme', month: '2024-02', mrr: 100 },
    { accountId: 'acme', month: '2024-03', mrr: 100 },
    { accountId: 'bolt', month: '2024-01', mrr: 50 },
    { accountId: 'bolt', month: '2024-02', mrr: 50 },
    { accountId: 'cove', month: '2024-02', mrr: 80 },
    { accountId: 'cove', month: '2024-03', mrr: 80 },
    { accountId: 'dune', month: '2024-01', mrr: 70 },
  ];

  it('passes each result straight into the next', () => {
    // Months: January starts and ends with 3 accounts (220); February starts with 3, loses
    // dune, gains cove, ends with 3 (230); March starts with 3, loses bolt, ends with 2 (180).
    // ARPA = Σ ending MRR / Σ ending accounts = (220 + 230 + 180) / (3 + 3 + 2) = 630 / 8 = 78.75.
    // Logo churn = Σ churned / Σ at start = (0 + 1 + 1) / (3 + 3 + 3) = 2/9.
    const inputs = lifetimeValueInputs(mrrMovements(snapshots));
    const ltv = customerLifetimeValue(inputs, { grossMargin: 0.8 });
    // Value = 78.75 × 0.8 / (2/9) = 63 × 4.5 = 283.5; lifetime 1 / (2/9) = 4.5 months.
    expect(ltv).toMatchObject({ arpa: 78.75, grossMargin: 0.8, churnFloor: null, reason: null });
    expect(ltv.churnRate).toBeCloseTo(2 / 9, 15);
    expect(ltv.value).toBeCloseTo(283.5, 9);
    expect(ltv.expectedLifetime).toBeCloseTo(4.5, 12);
  });

  it('gives null with a reason, never NaN, when there is nothing to measure', () => {
    // No snapshots: no month, so no ARPA and no churn rate.
    const ltv = customerLifetimeValue(lifetimeValueInputs(mrrMovements([])), { grossMargin: 0.8, churnFloor: 0.01 });
    expect(ltv).toMatchObject({ value: null, arpa: null, churnRate: null, effectiveChurnRate: null, expectedLifetime: null });
    expect(typeof ltv.reason).toBe('string');
  });
});
