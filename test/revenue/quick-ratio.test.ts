import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { quickRatio } from '../../src/revenue/quick-ratio.js';
import type { MrrMonth, QuickRatioInputMonth as QuickRatioInput } from '../../src/revenue/types.js';
import { errorOf } from '../support/errors.js';
import { shuffled } from '../support/model.js';

function row(month: string, [newMrr, expansionMrr, reactivationMrr, churnedMrr, contractionMrr]: number[]): QuickRatioInput {
  return { month, newMrr: newMrr ?? 0, expansionMrr: expansionMrr ?? 0, reactivationMrr: reactivationMrr ?? 0, churnedMrr: churnedMrr ?? 0, contractionMrr: contractionMrr ?? 0 };
}

// The three months of the churnRates table (new, expansion, reactivation | churned, contraction):
//   Jan  100 + 50 + 0   = 150  |  0 + 50   = 50   -> 3
//   Feb    0 + 20 + 0   =  20  |  200 + 0  = 200  -> 0.1
//   Mar   60 + 50 + 180 = 290  |  0 + 50   = 50   -> 5.8 (without reactivation 110/50 = 2.2)
//   all  460                   |  300             -> 23/15, net new 160 (MRR 600 -> 760)
const TABLE = [row('2024-01', [100, 50, 0, 0, 50]), row('2024-02', [0, 20, 0, 200, 0]), row('2024-03', [60, 50, 180, 0, 50])];

describe('quickRatio', () => {
  it('runs the doc example', () => {
    const months = [row('2024-01', [300, 80, 20, 60, 40]), row('2024-02', [100, 0, 0, 0, 0])];
    // (300 + 80 + 20) / (60 + 40) = 4; nothing lost in February: null; overall 500/100 = 5.
    const result = quickRatio({ months });
    expect(result.byMonth.map((m) => m.value)).toEqual([4, null]);
    expect(result.overall).toEqual({ complete: true, gainedMrr: 500, lostMrr: 100, netNewMrr: 400, value: 5 });
    // (300 + 80) / 100 = 3.8.
    expect(quickRatio({ months }, { includeReactivation: false }).byMonth[0]?.value).toBe(3.8);
  });

  it('computes a three-month table by hand', () => {
    expect(quickRatio({ months: TABLE })).toEqual({
      includeReactivation: true,
      // Rows without a `complete` flag are finished months.
      overall: { complete: true, gainedMrr: 460, lostMrr: 300, netNewMrr: 160, value: 460 / 300 },
      byMonth: [
        { month: '2024-01', complete: true, gainedMrr: 150, lostMrr: 50, netNewMrr: 100, value: 3 },
        { month: '2024-02', complete: true, gainedMrr: 20, lostMrr: 200, netNewMrr: -180, value: 0.1 },
        { month: '2024-03', complete: true, gainedMrr: 290, lostMrr: 50, netNewMrr: 240, value: 5.8 },
      ],
    });
    const without = quickRatio({ months: TABLE }, { includeReactivation: false });
    expect(without.includeReactivation).toBe(false);
    expect(without.byMonth[2]).toEqual({ month: '2024-03', complete: true, gainedMrr: 110, lostMrr: 50, netNewMrr: 60, value: 2.2 });
    // 280 / 300.
    expect(without.overall.value).toBe(280 / 300);
  });

  it('is null when nothing was lost, whatever was gained, and for empty input', () => {
    const result = quickRatio({ months: [row('2024-05', [0, 0, 0, 0, 0]), row('2024-06', [500, 10, 0, 0, 0]), row('2024-07', [0, 0, 0, 1, 0])] });
    expect(result.byMonth.map((m) => m.value)).toEqual([null, null, 0]);
    expect(quickRatio({ months: [] })).toEqual({ includeReactivation: true, overall: { complete: true, gainedMrr: 0, lostMrr: 0, netNewMrr: 0, value: null }, byMonth: [] });
  });

  it('carries each month\'s complete flag; overall is complete only when every month is', () => {
    const months = [TABLE[0] as QuickRatioInput, TABLE[1] as QuickRatioInput, { ...(TABLE[2] as QuickRatioInput), complete: false }];
    const result = quickRatio({ months });
    expect(result.byMonth.map((m) => m.complete)).toEqual([true, true, false]);
    expect(result.overall.complete).toBe(false);
    // The figures are the same: the flag only says March is still in progress.
    expect(result.overall.value).toBe(460 / 300);
    expect(quickRatio({ months: months.slice(0, 2) }).overall.complete).toBe(true);
  });

  it('takes full MrrMonth rows, in any order, without reading reactivation when excluded', () => {
    const full: MrrMonth = {
      month: '2024-01',
      complete: true,
      startingMrr: 600,
      newMrr: 100,
      expansionMrr: 50,
      contractionMrr: 50,
      churnedMrr: 0,
      reactivationMrr: 0,
      endingMrr: 700,
      customers: { start: 3, new: 1, expanded: 1, contracted: 1, churned: 0, reactivated: 0, end: 4 },
    };
    expect(quickRatio({ months: [TABLE[2] as QuickRatioInput, full, TABLE[1] as QuickRatioInput] })).toEqual(quickRatio({ months: TABLE }));
    const { reactivationMrr: _, ...noReactivation } = TABLE[0] as QuickRatioInput;
    // (100 + 50) / 50.
    expect(quickRatio({ months: [noReactivation as QuickRatioInput] }, { includeReactivation: false }).byMonth[0]?.value).toBe(3);
  });

  it('does not mutate its input', () => {
    const frozen = Object.freeze(TABLE.map((m) => Object.freeze({ ...m })));
    const first = quickRatio({ months: frozen });
    expect(quickRatio({ months: frozen })).toEqual(first);
    expect(frozen).toEqual(TABLE);
  });

  it('rejects bad months, amounts and options', () => {
    const cases: [unknown, string, string, string][] = [
      [{ ...TABLE[1], newMrr: -20 }, 'invalid-number', 'movements.months[1].newMrr', 'quickRatio: movements.months[1] (month \"2024-02\").newMrr must be a finite number >= 0 (-20)'],
      [{ ...TABLE[1], contractionMrr: Number.POSITIVE_INFINITY }, 'invalid-number', 'movements.months[1].contractionMrr', 'quickRatio: movements.months[1] (month \"2024-02\").contractionMrr must be a finite number >= 0 (Infinity)'],
      [{ ...TABLE[1], month: '2024/02' }, 'invalid-month', 'movements.months[1].month', 'quickRatio: movements.months[1].month must be a month YYYY-MM such as "2024-03" ("2024/02")'],
      [{ ...TABLE[1], month: '2024-03' }, 'duplicate-month', 'movements.months[2].month', 'quickRatio: movements.months[2].month repeats the month of movements.months[1] ("2024-03")'],
    ];
    for (const [bad, code, path, message] of cases) {
      const error = errorOf(() => quickRatio({ months: [TABLE[0], bad, TABLE[2]] as QuickRatioInput[] }));
      expect([error.code, error.path, error.message]).toEqual([code, path, message]);
    }
    const option = errorOf(() => quickRatio({ months: TABLE }, { includeReactivation: 0 as unknown as boolean }));
    expect([option.code, option.path, option.message]).toEqual(['invalid-boolean', 'options.includeReactivation', 'quickRatio: options.includeReactivation must be true or false (0)']);
    const typo = errorOf(() => quickRatio({ months: TABLE }, { includeReactivaton: false } as object));
    expect([typo.code, typo.path, typo.message]).toEqual(['unknown-option', 'options.includeReactivaton', 'quickRatio: options.includeReactivaton is not an option; did you mean includeReactivation? (false)']);
    const nulled = errorOf(() => quickRatio({ months: TABLE }, { includeReactivation: null } as unknown as object));
    expect([nulled.code, nulled.path]).toEqual(['invalid-option', 'options.includeReactivation']);
    expect(errorOf(() => quickRatio({ months: 7 as unknown as QuickRatioInput[] })).path).toBe('movements.months');
    expect(errorOf(() => quickRatio(TABLE as unknown as { months: QuickRatioInput[] })).path).toBe('movements');
    // A loss of a denormal against real gains overflows: an error, not Infinity.
    const tiny = errorOf(() => quickRatio({ months: [row('2024-01', [1e300, 0, 0, 5e-324, 0])] }));
    expect([tiny.code, tiny.path]).toEqual(['overflow', 'movements.months[0].churnedMrr']);
  });

  const amount = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1_000_000 }), fc.double({ min: 0.01, max: 1e7, noNaN: true }));
  const months = fc
    .array(fc.tuple(amount, amount, amount, amount, amount), { maxLength: 15 })
    .map((rows) => rows.map((r, i) => row(`2023-${String((i % 12) + 1).padStart(2, '0')}`.replace('2023', String(2023 + Math.floor(i / 12))), r)));

  it('property: null exactly when churned + contraction is 0, otherwise finite and >= 0', () => {
    fc.assert(
      fc.property(months, fc.boolean(), (rows, includeReactivation) => {
        const result = quickRatio({ months: rows }, { includeReactivation });
        result.byMonth.forEach((m, i) => {
          const r = rows[i] as QuickRatioInput;
          expect(m.value === null).toBe(r.churnedMrr + r.contractionMrr === 0);
          if (m.value !== null) {
            expect(Number.isFinite(m.value)).toBe(true);
            expect(m.value).toBeGreaterThanOrEqual(0);
            const gained = r.newMrr + r.expansionMrr + (includeReactivation ? r.reactivationMrr : 0);
            const expected = gained / (r.churnedMrr + r.contractionMrr);
            expect(Math.abs(m.value - expected)).toBeLessThanOrEqual(1e-12 * expected);
          }
        });
        expect(result.overall.value === null).toBe(rows.every((r) => r.churnedMrr + r.contractionMrr === 0));
        expect(JSON.parse(JSON.stringify(result))).toEqual(result);
      }),
    );
  });

  it('property: input order does not matter', () => {
    fc.assert(
      fc.property(months, fc.array(fc.nat(), { minLength: 1, maxLength: 15 }), (rows, picks) => {
        expect(quickRatio({ months: shuffled(rows, picks) })).toEqual(quickRatio({ months: rows }));
      }),
    );
  });
});
