import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lifetimeValueInputs } from '../../src/revenue/lifetime-value-inputs.js';
import type { LifetimeValueInputsInputMonth as LifetimeValueInputsInput } from '../../src/revenue/types.js';
import { errorOf } from '../support/errors.js';
import { shuffled } from '../support/model.js';

function row(month: string, [startingMrr, contractionMrr, churnedMrr, endingMrr]: number[], [start, churned, end]: number[]): LifetimeValueInputsInput {
  return {
    month,
    startingMrr: startingMrr ?? 0,
    contractionMrr: contractionMrr ?? 0,
    churnedMrr: churnedMrr ?? 0,
    endingMrr: endingMrr ?? 0,
    customers: { start: start ?? 0, churned: churned ?? 0, end: end ?? 0 },
  };
}

const DOC = [
  row('2024-01', [1000, 10, 40, 1100], [20, 1, 22]),
  row('2024-02', [1100, 0, 50, 1100], [22, 1, 22]),
  row('2024-03', [1100, 20, 30, 1200], [22, 2, 24]),
];

describe('lifetimeValueInputs', () => {
  it('runs the doc example (hand-worked)', () => {
    // ARPA = (1100 + 1100 + 1200) / (22 + 22 + 24) = 3400 / 68 = 50.
    // Logo churn = (1 + 1 + 2) / (20 + 22 + 22) = 4 / 64 = 0.0625.
    // Revenue churn = (50 + 50 + 50) / (1000 + 1100 + 1100) = 150 / 3200 = 0.046875.
    const inputs = lifetimeValueInputs({ months: DOC }, { windowMonths: 3 });
    expect(inputs).toMatchObject({ windowMonths: 3, from: '2024-01', to: '2024-03', monthCount: 3, complete: true, reason: null, confidence: 0.95, arpa: 50, revenueChurnRate: 0.046875 });
    // Python statsmodels proportion_confint(4, 64, method='wilson') -> (0.024571201396618003, 0.14997485092208668).
    expect(inputs.logoChurn?.value).toBe(0.0625);
    expect(inputs.logoChurn?.lower).toBeCloseTo(0.024571201396618003, 14);
    expect(inputs.logoChurn?.upper).toBeCloseTo(0.14997485092208668, 14);
  });

  it('takes the last `windowMonths` months, or the window ending at `to`', () => {
    const months = [row('2023-11', [500, 0, 500, 1000], [5, 5, 10]), row('2023-12', [1000, 0, 0, 1000], [10, 0, 20]), ...DOC];
    // The default window of 12, 2023-04..2024-03, covers all five months: ARPA (1000 + 1000 + 3400) / (10 + 20 + 68) = 5400 / 98;
    // logo churn (5 + 0 + 4) / (5 + 10 + 64) = 9 / 79; revenue churn (500 + 0 + 150) / (500 + 1000 + 3200) = 650 / 4700.
    const all = lifetimeValueInputs({ months });
    expect(all).toMatchObject({ windowMonths: 12, from: '2023-04', to: '2024-03', monthCount: 5, arpa: 5400 / 98, logoChurn: { value: 9 / 79 }, revenueChurnRate: 650 / 4700 });
    // The last three months are the doc example.
    expect(lifetimeValueInputs({ months }, { windowMonths: 3 })).toMatchObject({ from: '2024-01', monthCount: 3, arpa: 50 });
    // Window of two ending 2023-12: ARPA 2000 / 30; churn 5 / 15; revenue 500 / 1500.
    expect(lifetimeValueInputs({ months }, { windowMonths: 2, to: '2023-12' })).toMatchObject({
      from: '2023-11',
      to: '2023-12',
      monthCount: 2,
      arpa: 2000 / 30,
      logoChurn: { value: 5 / 15 },
      revenueChurnRate: 500 / 1500,
    });
    // A window past the data counts the months that are there: none here, and the reason says so.
    expect(lifetimeValueInputs({ months }, { windowMonths: 3, to: '2024-06' })).toEqual({
      windowMonths: 3,
      from: '2024-04',
      to: '2024-06',
      monthCount: 0,
      complete: true,
      reason: 'no input month from 2024-04 to 2024-06: the months run from 2023-11 to 2024-03',
      confidence: 0.95,
      arpa: null,
      logoChurn: null,
      revenueChurnRate: null,
    });
    // `to` as a date (or an instant, read in UTC) stands for its month.
    expect(lifetimeValueInputs({ months }, { windowMonths: 2, to: '2023-12-15' })).toEqual(lifetimeValueInputs({ months }, { windowMonths: 2, to: '2023-12' }));
    expect(lifetimeValueInputs({ months }, { windowMonths: 2, to: Date.UTC(2023, 11, 31, 23, 59) })).toEqual(lifetimeValueInputs({ months }, { windowMonths: 2, to: '2023-12' }));
  });

  it('ends the default window at the latest complete month: a month in progress would bias churn low', () => {
    // March in progress (complete: false, as mrrMovements flags it with an asOf inside March).
    const months = [DOC[0], DOC[1], { ...DOC[2], complete: false }] as LifetimeValueInputsInput[];
    const partial = lifetimeValueInputs({ months }, { windowMonths: 3 });
    // Window 2023-12..2024-02 holds January and February: ARPA (1100 + 1100) / (22 + 22) = 50;
    // logo churn (1 + 1) / (20 + 22) = 2 / 42; revenue churn (50 + 50) / (1000 + 1100) = 100 / 2100.
    expect(partial).toMatchObject({ from: '2023-12', to: '2024-02', monthCount: 2, complete: true, reason: null, arpa: 50, logoChurn: { value: 2 / 42 }, revenueChurnRate: 100 / 2100 });
    // An explicit `to` counts March anyway, and says the window is not complete.
    expect(lifetimeValueInputs({ months }, { windowMonths: 3, to: '2024-03' })).toMatchObject({ from: '2024-01', monthCount: 3, complete: false, arpa: 50, logoChurn: { value: 0.0625 } });
    // Every month in progress: nothing to default to, and the reason says what to pass.
    expect(lifetimeValueInputs({ months: [{ ...DOC[0], complete: false } as LifetimeValueInputsInput] })).toMatchObject({
      from: null,
      to: null,
      monthCount: 0,
      reason: 'no input month is complete (every one has complete: false); pass to',
    });
  });

  it('gives null for zero denominators and empty input', () => {
    expect(lifetimeValueInputs({ months: [] })).toEqual({
      windowMonths: 12,
      from: null,
      to: null,
      monthCount: 0,
      complete: true,
      reason: 'there are no months',
      confidence: 0.95,
      arpa: null,
      logoChurn: null,
      revenueChurnRate: null,
    });
    const startOnly = lifetimeValueInputs({ months: [row('2024-01', [0, 0, 0, 300], [0, 0, 3])] });
    // Nobody at the start: no churn rates; ARPA 300 / 3 = 100.
    expect(startOnly).toMatchObject({ monthCount: 1, arpa: 100, logoChurn: null, revenueChurnRate: null });
    const allGone = lifetimeValueInputs({ months: [row('2024-01', [300, 0, 300, 0], [3, 3, 0])] });
    expect(allGone).toMatchObject({ arpa: null, logoChurn: { value: 1, upper: 1 }, revenueChurnRate: 1 });
  });

  it('does not mutate its input', () => {
    const frozen = Object.freeze(DOC.map((m) => Object.freeze({ ...m, customers: Object.freeze({ ...m.customers }) })));
    const first = lifetimeValueInputs({ months: frozen });
    expect(lifetimeValueInputs({ months: frozen })).toEqual(first);
    expect(frozen).toEqual(DOC);
  });

  it('rejects bad months and options', () => {
    const cases: [unknown, string, string, string][] = [
      [row('2024-02', [1100, 0, -50, 1100], [22, 1, 22]), 'invalid-number', 'movements.months[1].churnedMrr', 'lifetimeValueInputs: movements.months[1] (month \"2024-02\").churnedMrr must be a finite number >= 0 (-50)'],
      [row('2024-02', [1100, 0, 50, 1100], [22, 1, 2.5]), 'invalid-number', 'movements.months[1].customers.end', 'lifetimeValueInputs: movements.months[1] (month \"2024-02\").customers.end must be an integer >= 0 (2.5)'],
      [
        row('2024-02', [1100, 0, 50, 1100], [1, 2, 22]),
        'inconsistent-movements',
        'movements.months[1].customers.churned',
        'lifetimeValueInputs: movements.months[1] (month \"2024-02\").customers.churned must not exceed customers.start, which is 1 (2)',
      ],
      [row('2024', [1100, 0, 50, 1100], [22, 1, 22]), 'invalid-month', 'movements.months[1].month', 'lifetimeValueInputs: movements.months[1].month must be a month YYYY-MM such as "2024-03" ("2024")'],
    ];
    for (const [bad, code, path, message] of cases) {
      const error = errorOf(() => lifetimeValueInputs({ months: [DOC[0], bad, DOC[2]] as LifetimeValueInputsInput[] }));
      expect([error.code, error.path, error.message]).toEqual([code, path, message]);
    }
    const options: [unknown, string, string, string][] = [
      [{ windowMonths: 0 }, 'invalid-number', 'options.windowMonths', 'lifetimeValueInputs: options.windowMonths must be an integer >= 1 (0)'],
      [{ windowMonths: 2.5 }, 'invalid-number', 'options.windowMonths', 'lifetimeValueInputs: options.windowMonths must be an integer >= 1 (2.5)'],
      [{ windowMonths: 30_000 }, 'invalid-option', 'options.windowMonths', 'lifetimeValueInputs: options.windowMonths reaches before 0001-01 from 2024-03 (30000)'],
      [{ to: '2024-3' }, 'invalid-timestamp', 'options.to', 'lifetimeValueInputs: options.to is not a valid timestamp ("2024-3")'],
      [{ confidence: 0 }, 'invalid-option', 'options.confidence', 'lifetimeValueInputs: options.confidence must be a number strictly between 0 and 1 (0)'],
      // 0.1's names point to the new ones.
      [{ window: 6 }, 'unknown-option', 'options.window', 'lifetimeValueInputs: options.window is not an option; did you mean windowMonths? (6)'],
      [{ months: 6 }, 'unknown-option', 'options.months', 'lifetimeValueInputs: options.months is not an option; did you mean windowMonths? (6)'],
      [{ through: '2024-03' }, 'unknown-option', 'options.through', 'lifetimeValueInputs: options.through is not an option; did you mean to? ("2024-03")'],
      [{ windowMonths: null }, 'invalid-option', 'options.windowMonths', 'lifetimeValueInputs: options.windowMonths must not be null; leave it out (or pass undefined) for the default (null)'],
    ];
    for (const [opts, code, path, message] of options) {
      const error = errorOf(() => lifetimeValueInputs({ months: DOC }, opts as object));
      expect([error.code, error.path, error.message]).toEqual([code, path, message]);
    }
  });

  const months = fc
    .array(
      fc.record({
        start: fc.nat({ max: 40 }),
        churnShare: fc.double({ min: 0, max: 1, noNaN: true }),
        end: fc.nat({ max: 40 }),
        startingMrr: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1e6 })),
        lostShare: fc.double({ min: 0, max: 1, noNaN: true }),
        endingMrr: fc.nat({ max: 1e6 }),
      }),
      { maxLength: 20 },
    )
    .map((rows) =>
      rows.map((r, i) => {
        const lost = Math.floor(r.startingMrr * r.lostShare);
        return row(`${2022 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`, [r.startingMrr, Math.floor(lost / 2), lost - Math.floor(lost / 2), r.endingMrr], [r.start, Math.floor(r.start * r.churnShare), r.end]);
      }),
    );

  it('property: agrees with sums by hand; rates in [0, 1] or null exactly for zero denominators; order does not matter', () => {
    fc.assert(
      fc.property(months, fc.integer({ min: 1, max: 24 }), fc.array(fc.nat(), { minLength: 1, maxLength: 20 }), (rows, windowMonths, picks) => {
        const result = lifetimeValueInputs({ months: rows }, { windowMonths });
        const inside = rows.slice(Math.max(0, rows.length - windowMonths));
        expect(result.monthCount).toBe(inside.length);
        const sum = (f: (r: LifetimeValueInputsInput) => number) => inside.reduce((s, r) => s + f(r), 0);
        const start = sum((r) => r.customers.start);
        const startingMrr = sum((r) => r.startingMrr);
        const end = sum((r) => r.customers.end);
        expect(result.logoChurn?.value ?? null).toBe(start === 0 ? null : sum((r) => r.customers.churned) / start);
        expect(result.revenueChurnRate).toBe(startingMrr === 0 ? null : sum((r) => r.churnedMrr + r.contractionMrr) / startingMrr);
        expect(result.arpa).toBe(end === 0 ? null : sum((r) => r.endingMrr) / end);
        for (const rate of [result.logoChurn?.value ?? null, result.revenueChurnRate]) {
          if (rate !== null) {
            expect(rate).toBeGreaterThanOrEqual(0);
            expect(rate).toBeLessThanOrEqual(1);
          }
        }
        expect(lifetimeValueInputs({ months: shuffled(rows, picks) }, { windowMonths })).toEqual(result);
      }),
    );
  });
});
