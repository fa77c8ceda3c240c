import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { churnRates } from '../../src/revenue/churn-rates.js';
import type { ChurnRatesMonth, MrrMonth } from '../../src/revenue/types.js';
import { errorOf } from '../support/errors.js';
import { shuffled } from '../support/model.js';

/** Asserts |actual - expected| <= 1e-15 (rates of small integers). */
function expectNear(actual: number | null | undefined, expected: number): void {
  expect(actual).not.toBe(null);
  expect(Math.abs((actual as number) - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(1e-15);
}

type Counts = MrrMonth['customers'];

function row(month: string, money: [start: number, nw: number, exp: number, con: number, churn: number, react: number, end: number], c: Partial<Counts> = {}): MrrMonth {
  const [startingMrr, newMrr, expansionMrr, contractionMrr, churnedMrr, reactivationMrr, endingMrr] = money;
  return {
    month,
    complete: true,
    startingMrr,
    newMrr,
    expansionMrr,
    contractionMrr,
    churnedMrr,
    reactivationMrr,
    endingMrr,
    customers: { start: 0, new: 0, expanded: 0, contracted: 0, churned: 0, reactivated: 0, end: 0, ...c },
  };
}

// A hand-made history (customer MRR at the end of each month):
//          Dec  Jan  Feb  Mar
//   A      100  150  150  100    Jan expansion +50, Mar contraction -50
//   B      200  200    0  180    Feb churn 200, Mar reactivation 180
//   C      300  250  250  250    Jan contraction -50
//   D        -  100  120  170    Jan new 100, Feb expansion +20, Mar expansion +50
//   E        -    -    -   60    Mar new 60
//   total  600  700  520  760
// Bridges: Jan 600 + 100 + 50 - 50 = 700; Feb 700 + 20 - 200 = 520; Mar 520 + 60 + 50 + 180 - 50 = 760.
const TABLE: MrrMonth[] = [
  row('2024-01', [600, 100, 50, 50, 0, 0, 700], { start: 3, new: 1, expanded: 1, contracted: 1, end: 4 }),
  row('2024-02', [700, 0, 20, 0, 200, 0, 520], { start: 4, expanded: 1, churned: 1, end: 3 }),
  row('2024-03', [520, 60, 50, 50, 0, 180, 760], { start: 3, new: 1, expanded: 1, contracted: 1, reactivated: 1, end: 5 }),
];

describe('churnRates', () => {
  it('runs the doc example', () => {
    const months = [
      row('2024-01', [1000, 100, 50, 20, 30, 0, 1100], { start: 10, new: 1, expanded: 1, contracted: 1, churned: 1, end: 10 }),
      row('2024-02', [1100, 0, 99, 0, 22, 11, 1188], { start: 10, expanded: 2, churned: 1, reactivated: 1, end: 10 }),
    ];
    const [jan, feb] = churnRates({ months }).byMonth;
    // Jan: (30 + 20) / 1000 = 0.05. Feb: 22 / 1100 = 0.02, change 0.02 - 0.05 = -0.03.
    expect(jan?.grossMrrChurn).toEqual({ value: 0.05, lower: null, upper: null, change: null, direction: null });
    expectNear(feb?.grossMrrChurn.value, 0.02);
    expectNear(feb?.grossMrrChurn.change, -0.03);
    expect(feb?.grossMrrChurn.direction).toBe('lower');
    // (22 - 99 - 11) / 1100 = -88 / 1100 = -0.08; without reactivation -77 / 1100 = -0.07.
    expectNear(feb?.netMrrChurn.value, -0.08);
    expectNear(churnRates({ months }, { includeReactivation: false }).byMonth[1]?.netMrrChurn.value, -0.07);
    // 1 of 10 both months. Python statsmodels proportion_confint(1, 10, method='wilson')
    //   -> (0.017876213095072924, 0.40415002679523854).
    expect(feb?.logoChurn.direction).toBe('same');
    expect(feb?.logoChurn.change).toBe(0);
    expect(feb?.logoChurn.lower).toBeCloseTo(0.017876213095072924, 14);
    expect(feb?.logoChurn.upper).toBeCloseTo(0.40415002679523854, 14);
  });

  it('computes a three-month table by hand', () => {
    const result = churnRates({ months: TABLE });
    expect(result.includeReactivation).toBe(true);
    expect(result.confidence).toBe(0.95);
    const [jan, feb, mar] = result.byMonth as [ReturnType<typeof churnRates>['byMonth'][number], ReturnType<typeof churnRates>['byMonth'][number], ReturnType<typeof churnRates>['byMonth'][number]];
    expect([jan.month, feb.month, mar.month]).toEqual(['2024-01', '2024-02', '2024-03']);
    expect([jan.customersAtStart, jan.churnedCustomers, jan.startingMrr]).toEqual([3, 0, 600]);

    // Logo churn: Jan 0/3, Feb 1/4, Mar 0/3.
    expect([jan.logoChurn.value, feb.logoChurn.value, mar.logoChurn.value]).toEqual([0, 0.25, 0]);
    expect([jan.logoChurn.change, feb.logoChurn.change, mar.logoChurn.change]).toEqual([null, 0.25, -0.25]);
    expect([jan.logoChurn.direction, feb.logoChurn.direction, mar.logoChurn.direction]).toEqual([null, 'higher', 'lower']);
    // Wilson, Python statsmodels proportion_confint(0, 3, method='wilson') -> (0.0, 0.5614970317550455),
    // proportion_confint(1, 4, method='wilson') -> (0.0455872608097006, 0.6993581574175982)
    // (R: prop.test(1, 4, correct = FALSE)$conf.int -> 0.045587260809700589 0.699358157417597992).
    expect(jan.logoChurn.lower).toBe(0);
    expect(jan.logoChurn.upper).toBeCloseTo(0.5614970317550455, 14);
    expect(feb.logoChurn.lower).toBeCloseTo(0.0455872608097006, 14);
    expect(feb.logoChurn.upper).toBeCloseTo(0.6993581574175982, 14);

    // Gross MRR churn: Jan (0 + 50)/600 = 1/12; Feb (200 + 0)/700 = 2/7; Mar (0 + 50)/520 = 5/52.
    expectNear(jan.grossMrrChurn.value, 1 / 12);
    expectNear(feb.grossMrrChurn.value, 2 / 7);
    expectNear(mar.grossMrrChurn.value, 5 / 52);
    // Changes: 2/7 - 1/12 = 17/84; 5/52 - 2/7 = -69/364.
    expectNear(feb.grossMrrChurn.change, 17 / 84);
    expectNear(mar.grossMrrChurn.change, -69 / 364);
    expect([feb.grossMrrChurn.direction, mar.grossMrrChurn.direction]).toEqual(['higher', 'lower']);

    // Net MRR churn: Jan (0 + 50 - 50 - 0)/600 = 0; Feb (200 - 20)/700 = 9/35; Mar (50 - 50 - 180)/520 = -9/26.
    expect(jan.netMrrChurn.value).toBe(0);
    expectNear(feb.netMrrChurn.value, 9 / 35);
    expectNear(mar.netMrrChurn.value, -9 / 26);
    // Changes: 9/35 - 0 = 9/35; -9/26 - 9/35 = -549/910.
    expectNear(feb.netMrrChurn.change, 9 / 35);
    expectNear(mar.netMrrChurn.change, -549 / 910);

    // Expansion rate: Jan 50/600 = 1/12; Feb 20/700 = 1/35; Mar 50/520 = 5/52;
    // changes 1/35 - 1/12 = -23/420, 5/52 - 1/35 = 123/1820.
    expectNear(jan.expansionRate.value, 1 / 12);
    expectNear(feb.expansionRate.value, 1 / 35);
    expectNear(mar.expansionRate.value, 5 / 52);
    expectNear(feb.expansionRate.change, -23 / 420);
    expectNear(mar.expansionRate.change, 123 / 1820);
    expect([feb.expansionRate.direction, mar.expansionRate.direction]).toEqual(['lower', 'higher']);
  });

  it('leaves reactivation out of net MRR churn on request (Baremetrics)', () => {
    const result = churnRates({ months: TABLE }, { includeReactivation: false });
    expect(result.includeReactivation).toBe(false);
    // Jan (50 - 50)/600 = 0; Feb (200 - 20)/700 = 9/35; Mar (50 - 50)/520 = 0, change -9/35.
    const net = result.byMonth.map((m) => m.netMrrChurn);
    expect(net[0]?.value).toBe(0);
    expectNear(net[1]?.value, 9 / 35);
    expect(net[2]?.value).toBe(0);
    expectNear(net[2]?.change, -9 / 35);
    expect(net[2]?.direction).toBe('lower');
    // Gross churn does not depend on the option.
    expect(result.byMonth.map((m) => m.grossMrrChurn)).toEqual(churnRates({ months: TABLE }).byMonth.map((m) => m.grossMrrChurn));
  });

  it('gives null rates for zero denominators, and null changes next to them', () => {
    const months = [
      row('2024-01', [0, 100, 0, 0, 0, 0, 100], { new: 2, end: 2 }), // nothing at the start
      row('2024-02', [100, 0, 0, 10, 0, 0, 90], { start: 2, contracted: 1, end: 2 }),
      row('2024-03', [90, 0, 0, 0, 0, 0, 90], { start: 2, end: 2 }),
    ];
    const [jan, feb, mar] = churnRates({ months }).byMonth;
    expect(jan).toEqual({
      month: '2024-01',
      complete: true,
      customersAtStart: 0,
      churnedCustomers: 0,
      startingMrr: 0,
      logoChurn: { value: null, change: null, direction: null, lower: null, upper: null },
      grossMrrChurn: { value: null, lower: null, upper: null, change: null, direction: null },
      netMrrChurn: { value: null, lower: null, upper: null, change: null, direction: null },
      expansionRate: { value: null, lower: null, upper: null, change: null, direction: null },
    });
    // Feb: 10/100 = 0.1 gross and net; the change from a null January is null.
    expect(feb?.grossMrrChurn).toEqual({ value: 0.1, lower: null, upper: null, change: null, direction: null });
    expect(feb?.logoChurn.value).toBe(0);
    expect(feb?.logoChurn.change).toBe(null);
    // Mar: 0 gross, change 0 - 0.1.
    expect(mar?.grossMrrChurn).toEqual({ value: 0, lower: null, upper: null, change: -0.1, direction: 'lower' });
    expect(mar?.logoChurn).toMatchObject({ value: 0, change: 0, direction: 'same' });
  });

  it('carries each month\'s complete flag from its input row (from mrrMovements with an asOf)', () => {
    // TABLE's March in progress: its rates are reported, flagged; January and February keep the default.
    const months = [TABLE[0], TABLE[1], { ...TABLE[2], complete: false }] as MrrMonth[];
    expect(churnRates({ months }).byMonth.map((m) => [m.month, m.complete])).toEqual([
      ['2024-01', true],
      ['2024-02', true],
      ['2024-03', false],
    ]);
    // A row without the flag (a bridge exported from another tool) is a finished month.
    const { complete: _none, ...unflagged } = TABLE[2] as MrrMonth;
    expect(churnRates({ months: [unflagged] }).byMonth[0]?.complete).toBe(true);
    // The figures do not change with the flag.
    const { complete: _flagged, ...flagged } = churnRates({ months }).byMonth[2] as ChurnRatesMonth;
    const { complete: _plain, ...plain } = churnRates({ months: TABLE }).byMonth[2] as ChurnRatesMonth;
    expect(flagged).toEqual(plain);
  });

  it('compares with the calendar month before only: a gap gives a null change', () => {
    const result = churnRates({ months: [TABLE[0] as MrrMonth, TABLE[2] as MrrMonth] });
    expect(result.byMonth.map((m) => m.month)).toEqual(['2024-01', '2024-03']);
    expect(result.byMonth[1]?.grossMrrChurn).toEqual({ value: 5 / 52, lower: null, upper: null, change: null, direction: null });
    // December to January crosses a year.
    const turn = churnRates({ months: [
      row('2024-01', [100, 0, 0, 0, 10, 0, 90], { start: 1, end: 1 }),
      row('2023-12', [100, 0, 0, 0, 0, 0, 100], { start: 1, end: 1 }),
    ] });
    expect(turn.byMonth.map((m) => [m.month, m.grossMrrChurn.change])).toEqual([
      ['2023-12', null],
      ['2024-01', 0.1],
    ]);
  });

  it('gives an empty series for no months, from any iterable', () => {
    expect(churnRates({ months: [] })).toEqual({ includeReactivation: true, confidence: 0.95, byMonth: [] });
    expect(churnRates({ months: new Set(TABLE) })).toEqual(churnRates({ months: TABLE }));
    function* months(): Generator<MrrMonth> {
      yield* TABLE;
    }
    expect(churnRates({ months: months() })).toEqual(churnRates({ months: TABLE }));
  });

  it('uses the confidence level for the logo churn interval', () => {
    // Python statsmodels proportion_confint(1, 4, alpha=0.1, method='wilson') -> (0.0579073211998587, 0.6438319914014938).
    const feb = churnRates({ months: TABLE }, { confidence: 0.9 }).byMonth[1];
    expect(feb?.logoChurn.lower).toBeCloseTo(0.0579073211998587, 14);
    expect(feb?.logoChurn.upper).toBeCloseTo(0.6438319914014938, 14);
  });

  it('reads only the fields it needs, and returns plain JSON', () => {
    const slim = TABLE.map(({ month, startingMrr, expansionMrr, contractionMrr, churnedMrr, reactivationMrr, customers }) => ({
      month,
      startingMrr,
      expansionMrr,
      contractionMrr,
      churnedMrr,
      reactivationMrr,
      customers: { start: customers.start, churned: customers.churned },
    }));
    const result = churnRates({ months: slim });
    expect(result).toEqual(churnRates({ months: TABLE }));
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });

  it('does not mutate its input', () => {
    const frozen = Object.freeze(TABLE.map((m) => Object.freeze({ ...m, customers: Object.freeze({ ...m.customers }) })));
    const reversed = Object.freeze([...frozen].reverse());
    const first = churnRates({ months: reversed });
    expect(churnRates({ months: reversed })).toEqual(first);
    expect(first).toEqual(churnRates({ months: TABLE }));
    expect(reversed.map((m) => m.month)).toEqual(['2024-03', '2024-02', '2024-01']);
  });

  it('rejects bad months, amounts and counts, naming the record', () => {
    const cases: [unknown, string, string, string][] = [
      [{ ...TABLE[1], month: '2024-2' }, 'invalid-month', 'movements.months[1].month', 'churnRates: movements.months[1].month must be a month YYYY-MM such as "2024-03" ("2024-2")'],
      [{ ...TABLE[1], month: '2024-13' }, 'invalid-month', 'movements.months[1].month', 'churnRates: movements.months[1].month must be a month YYYY-MM such as "2024-03" ("2024-13")'],
      [{ ...TABLE[1], month: 'Feb 2024' }, 'invalid-month', 'movements.months[1].month', 'churnRates: movements.months[1].month must be a month YYYY-MM such as "2024-03" ("Feb 2024")'],
      [{ ...TABLE[1], month: 202402 }, 'invalid-month', 'movements.months[1].month', 'churnRates: movements.months[1].month must be a month YYYY-MM such as "2024-03" (202402)'],
      [{ ...TABLE[1], churnedMrr: -5 }, 'invalid-number', 'movements.months[1].churnedMrr', 'churnRates: movements.months[1] (month \"2024-02\").churnedMrr must be a finite number >= 0 (-5)'],
      [{ ...TABLE[1], startingMrr: '700' }, 'invalid-number', 'movements.months[1].startingMrr', 'churnRates: movements.months[1] (month \"2024-02\").startingMrr must be a finite number >= 0 ("700")'],
      [{ ...TABLE[1], expansionMrr: Number.NaN }, 'invalid-number', 'movements.months[1].expansionMrr', 'churnRates: movements.months[1] (month \"2024-02\").expansionMrr must be a finite number >= 0 (NaN)'],
      [{ ...TABLE[1], reactivationMrr: undefined }, 'invalid-number', 'movements.months[1].reactivationMrr', 'churnRates: movements.months[1] (month \"2024-02\").reactivationMrr must be a finite number >= 0 (undefined)'],
      [{ ...TABLE[1], customers: { start: 4, churned: 1.5 } }, 'invalid-number', 'movements.months[1].customers.churned', 'churnRates: movements.months[1] (month \"2024-02\").customers.churned must be an integer >= 0 (1.5)'],
      [{ ...TABLE[1], customers: null }, 'invalid-record', 'movements.months[1].customers', 'churnRates: movements.months[1] (month \"2024-02\").customers must be an object of customer counts (null)'],
      [
        { ...TABLE[1], customers: { start: 1, churned: 2 } },
        'inconsistent-movements',
        'movements.months[1].customers.churned',
        'churnRates: movements.months[1] (month \"2024-02\").customers.churned must not exceed customers.start, which is 1 (2)',
      ],
      [
        { ...TABLE[1], churnedMrr: 690, contractionMrr: 20 },
        'inconsistent-movements',
        'movements.months[1].churnedMrr',
        'churnRates: movements.months[1] (month \"2024-02\").churnedMrr plus contractionMrr (20) must not exceed startingMrr, which is 700 (690)',
      ],
      [null, 'invalid-record', 'movements.months[1]', 'churnRates: movements.months[1] must be an object (null)'],
      [{ ...TABLE[0] }, 'duplicate-month', 'movements.months[1].month', 'churnRates: movements.months[1].month repeats the month of movements.months[0] ("2024-01")'],
      [{ ...TABLE[1], complete: 'yes' }, 'invalid-boolean', 'movements.months[1].complete', 'churnRates: movements.months[1] (month "2024-02").complete must be true or false (leave it out for a finished month) ("yes")'],
      [{ ...TABLE[1], complete: null }, 'invalid-boolean', 'movements.months[1].complete', 'churnRates: movements.months[1] (month "2024-02").complete must be true or false (leave it out for a finished month) (null)'],
    ];
    for (const [bad, code, path, message] of cases) {
      const error = errorOf(() => churnRates({ months: [TABLE[0], bad, TABLE[2]] as MrrMonth[] }));
      expect([error.code, error.path, error.message]).toEqual([code, path, message]);
    }
    // A duplicate is named at its later index, whatever the order.
    expect(errorOf(() => churnRates({ months: [TABLE[2], TABLE[0], TABLE[1], { ...TABLE[0] }] as MrrMonth[] })).message).toBe(
      'churnRates: movements.months[3].month repeats the month of movements.months[1] ("2024-01")',
    );
  });

  it('rejects input that is not iterable and bad options', () => {
    const error = errorOf(() => churnRates({ months: null as unknown as MrrMonth[] }));
    expect([error.code, error.path, error.message]).toEqual([
      'invalid-input',
      'movements.months',
      'churnRates: movements.months must be an array or another iterable of records (null)',
    ]);
    // The rows themselves (0.1 took them) are not the bridge: the error says what to pass.
    const rows = errorOf(() => churnRates(TABLE as unknown as { months: MrrMonth[] }));
    expect([rows.code, rows.path, rows.message]).toEqual([
      'invalid-input',
      'movements',
      'churnRates: movements must be the result of mrrMovements (an object with a months list), passed as it is; rows of months from elsewhere go in as { months: rows } (an array of 3)',
    ]);
    expect(errorOf(() => churnRates(null as unknown as { months: MrrMonth[] })).path).toBe('movements');
    const options: [unknown, string, string, string][] = [
      [{ includeReactivation: 'yes' }, 'invalid-boolean', 'options.includeReactivation', 'churnRates: options.includeReactivation must be true or false ("yes")'],
      [{ confidence: 1.5 }, 'invalid-option', 'options.confidence', 'churnRates: options.confidence must be a number strictly between 0 and 1 (1.5)'],
      [42, 'invalid-option', 'options', 'churnRates: options must be an object (42)'],
      // Strict options: an unknown key names the closest valid one; null is not the default.
      [{ includeReactivations: false }, 'unknown-option', 'options.includeReactivations', 'churnRates: options.includeReactivations is not an option; did you mean includeReactivation? (false)'],
      [{ level: 0.9 }, 'unknown-option', 'options.level', 'churnRates: options.level is not an option; did you mean confidence? (0.9)'],
      [{ asOf: '2024-03-31' }, 'unknown-option', 'options.asOf', 'churnRates: options.asOf is not an option; the options are confidence, includeReactivation ("2024-03-31")'],
      [{ confidence: null }, 'invalid-option', 'options.confidence', 'churnRates: options.confidence must not be null; leave it out (or pass undefined) for the default (null)'],
    ];
    for (const [opts, code, path, message] of options) {
      const e = errorOf(() => churnRates({ months: TABLE }, opts as object));
      expect([e.code, e.path, e.message]).toEqual([code, path, message]);
    }
  });

  // Consistent months: counts with churned <= start, amounts with churned + contraction <= start.
  const month = fc
    .record({
      start: fc.nat({ max: 30 }),
      churnedShare: fc.double({ min: 0, max: 1, noNaN: true }),
      startingMrr: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1_000_000 })),
      lostShare: fc.double({ min: 0, max: 1, noNaN: true }),
      churnPart: fc.double({ min: 0, max: 1, noNaN: true }),
      expansionMrr: fc.nat({ max: 500_000 }),
      reactivationMrr: fc.nat({ max: 500_000 }),
    })
    .map(({ start, churnedShare, startingMrr, lostShare, churnPart, expansionMrr, reactivationMrr }) => {
      const lost = Math.floor(startingMrr * lostShare);
      const churnedMrr = Math.floor(lost * churnPart);
      return { start, churned: Math.floor(start * churnedShare), startingMrr, churnedMrr, contractionMrr: lost - churnedMrr, expansionMrr, reactivationMrr };
    });
  const history = fc.array(month, { maxLength: 14 }).map((ms) =>
    ms.map((m, i) => row(`20${String(20 + Math.floor(i / 12))}-${String((i % 12) + 1).padStart(2, '0')}`, [m.startingMrr, 0, m.expansionMrr, m.contractionMrr, m.churnedMrr, m.reactivationMrr, 0], { start: m.start, churned: m.churned })),
  );

  it('property: rates are null exactly when their denominator is 0, otherwise finite and in range', () => {
    fc.assert(
      fc.property(history, fc.boolean(), (months, includeReactivation) => {
        const result = churnRates({ months }, { includeReactivation });
        result.byMonth.forEach((r, i) => {
          const m = months[i] as MrrMonth;
          expect(r.logoChurn.value === null).toBe(m.customers.start === 0);
          for (const rate of [r.grossMrrChurn, r.netMrrChurn, r.expansionRate]) {
            expect(rate.value === null).toBe(m.startingMrr === 0);
            expect([rate.lower, rate.upper]).toEqual([null, null]); // the MRR rates have no interval
          }
          if (r.logoChurn.value === null) expect([r.logoChurn.lower, r.logoChurn.upper]).toEqual([null, null]);
          if (r.logoChurn.value !== null) {
            expect(r.logoChurn.value).toBe(m.customers.churned / m.customers.start);
            expect(r.logoChurn.lower as number).toBeLessThanOrEqual(r.logoChurn.value);
            expect(r.logoChurn.upper as number).toBeGreaterThanOrEqual(r.logoChurn.value);
            expect(r.logoChurn.lower as number).toBeGreaterThanOrEqual(0);
            expect(r.logoChurn.upper as number).toBeLessThanOrEqual(1);
          }
          if (r.grossMrrChurn.value !== null) {
            const gross = r.grossMrrChurn.value;
            const net = r.netMrrChurn.value as number;
            expect(gross).toBeGreaterThanOrEqual(0);
            expect(gross).toBeLessThanOrEqual(1);
            expect(Number.isFinite(net) && Number.isFinite(r.expansionRate.value as number)).toBe(true);
            expect(net).toBeLessThanOrEqual(gross);
            // Slow obvious model.
            const gains = m.expansionMrr + (includeReactivation ? m.reactivationMrr : 0);
            expect(net).toBeCloseTo((m.churnedMrr + m.contractionMrr - gains) / m.startingMrr, 12);
          }
          const previous = result.byMonth[i - 1];
          for (const key of ['logoChurn', 'grossMrrChurn', 'netMrrChurn', 'expansionRate'] as const) {
            const now = r[key];
            const before = previous?.[key].value ?? null;
            if (now.value === null || before === null) expect([now.change, now.direction]).toEqual([null, null]);
            else {
              expect(now.change).toBe(now.value - before);
              expect(now.direction).toBe(now.value > before ? 'higher' : now.value < before ? 'lower' : 'same');
            }
          }
        });
        expect(JSON.parse(JSON.stringify(result))).toEqual(result);
      }),
    );
  });

  it('property: input order does not matter', () => {
    fc.assert(
      fc.property(history, fc.array(fc.nat(), { minLength: 1, maxLength: 20 }), (months, picks) => {
        expect(churnRates({ months: shuffled(months, picks) })).toEqual(churnRates({ months }));
      }),
    );
  });

  it('property: counting reactivation never raises net MRR churn', () => {
    fc.assert(
      fc.property(history, (months) => {
        const withReactivation = churnRates({ months }).byMonth;
        const without = churnRates({ months }, { includeReactivation: false }).byMonth;
        withReactivation.forEach((r, i) => {
          if (r.netMrrChurn.value !== null) expect(r.netMrrChurn.value).toBeLessThanOrEqual(without[i]?.netMrrChurn.value as number);
        });
      }),
    );
  });
});
