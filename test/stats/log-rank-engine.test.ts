import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logRankEngine, type LogRankGroup } from '../../src/stats/log-rank-engine.js';
import { shuffled } from '../support/model.js';
import { expectClose, expectInputError } from './helpers.js';

// Reference numbers: R 4.2.2, survival 3.5-3, printed with sprintf('%.15g', x), so 15
// significant digits: compared with a relative tolerance of 1e-13.
const RELATIVE = 1e-13;

function expectAllClose(actual: readonly number[], expected: readonly number[], what: string): void {
  expect(actual.length, what).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expectClose(actual[i] as number, expected[i] as number, RELATIVE, 1e-14);
}

// aml: Maintained has an event and a censoring tied at 13; Nonmaintained ties at 5 and 8.
const MAINTAINED: LogRankGroup = {
  durations: [9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161],
  observed: [true, true, false, true, true, false, true, true, false, true, false],
};
const NONMAINTAINED: LogRankGroup = {
  durations: [5, 5, 8, 8, 12, 16, 23, 27, 30, 33, 43, 45],
  observed: [true, true, true, true, true, false, true, true, true, true, true, true],
};

// Three groups with ties within and across groups, and censorings at event times:
// t <- c(1,1,2,2,2,3,4,4,5,6,6,7, 1,2,3,3,4,5,5,6,8, 2,2,3,4,4,6,7,7,9,9)
// s <- c(1,0,1,1,0,1,0,1,1,0,1,0, 1,1,0,1,1,1,0,1,0, 0,1,1,1,0,1,1,0,1,0)
// g <- c(rep('a',12), rep('b',9), rep('c',10))
const T = [1, 1, 2, 2, 2, 3, 4, 4, 5, 6, 6, 7, 1, 2, 3, 3, 4, 5, 5, 6, 8, 2, 2, 3, 4, 4, 6, 7, 7, 9, 9];
const S = [1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 1, 1, 0, 1, 0, 0, 1, 1, 1, 0, 1, 1, 0, 1, 0];
function slice(from: number, to: number): LogRankGroup {
  return { durations: T.slice(from, to), observed: S.slice(from, to).map((s) => s === 1) };
}
const THREE = [slice(0, 12), slice(12, 21), slice(21, 31)];

describe('logRankEngine against R survdiff', () => {
  it('matches two groups (aml)', () => {
    // R: f <- survdiff(Surv(time, status) ~ x, data = aml); f$chisq, f$obs, f$exp, f$var, f$pvalue
    const result = logRankEngine([MAINTAINED, NONMAINTAINED]);
    expectClose(result.chiSquare, 3.3963886989776, RELATIVE);
    expect(result.degreesOfFreedom).toBe(1);
    expectClose(result.pValue as number, 0.0653393220405051, 1e-12);
    expect(result.n).toEqual([11, 12]);
    expect(result.observed).toEqual([7, 11]);
    expectAllClose(result.expected, [10.6893359923007, 7.31066400769928], 'expected');
    expectAllClose(result.variance.flat(), [4.00755074593873, -4.00755074593873, -4.00755074593873, 4.00755074593873], 'variance');
  });

  it('matches three groups with ties and censorings at event times', () => {
    // R: f3 <- survdiff(Surv(t, s) ~ g) with t, s, g above; f3$chisq, f3$obs, f3$exp, f3$var, f3$pvalue
    const result = logRankEngine(THREE);
    expectClose(result.chiSquare, 1.37822135661452, RELATIVE);
    expect(result.degreesOfFreedom).toBe(2);
    expectClose(result.pValue as number, 0.502022329950166, 1e-12);
    expect(result.n).toEqual([12, 9, 10]);
    expect(result.observed).toEqual([7, 6, 6]);
    expectAllClose(result.expected, [5.83936171355526, 4.89343237407754, 8.2672059123672], 'expected');
    expectAllClose(
      result.variance.flat(),
      [
        3.47151509896892, -1.44132468978733, -2.03019040918159, -1.44132468978733, 3.14660214384584, -1.70527745405851, -2.03019040918159,
        -1.70527745405851, 3.7354678632401,
      ],
      'variance',
    );
  });
});

describe('logRankEngine edge cases', () => {
  it('leaves out a group without expected events, as R', () => {
    // R: d <- rbind(aml, data.frame(time = 1, status = 0, x = 'Late'))
    //    f <- survdiff(Surv(time, status) ~ x, data = d): chisq 3.3963886989776 on 1 df,
    //    exp 10.6893359923007, 7.31066400769928, 0; pvalue 0.0653393220405051
    const late: LogRankGroup = { durations: [1], observed: [false] };
    const result = logRankEngine([MAINTAINED, NONMAINTAINED, late]);
    expectClose(result.chiSquare, 3.3963886989776, RELATIVE);
    expect(result.degreesOfFreedom).toBe(1);
    expectClose(result.pValue as number, 0.0653393220405051, 1e-12);
    expect(result.expected[2]).toBe(0);
    // The same with the group without expected events first (R drops it before the first kept group).
    expectClose(logRankEngine([late, NONMAINTAINED, MAINTAINED]).chiSquare, 3.3963886989776, RELATIVE);
  });

  it('gives no test without two groups with expected events', () => {
    for (const groups of [[], [MAINTAINED], [{ durations: [], observed: [] }, MAINTAINED], [{ durations: [1, 2], observed: [false, false] }, { durations: [3], observed: [0] }]]) {
      const result = logRankEngine(groups);
      expect(result).toMatchObject({ chiSquare: 0, degreesOfFreedom: 0, pValue: null });
    }
    expect(logRankEngine([])).toEqual({ chiSquare: 0, degreesOfFreedom: 0, pValue: null, n: [], observed: [], expected: [], variance: [] });
  });

  it('takes a generalized inverse where R stops with a singular system', () => {
    // One event in each group at the same time, both at risk: d = n = 2, so V = 0 (R: "system is
    // exactly singular"). O = E = 1 in each group: nothing to test.
    const result = logRankEngine([
      { durations: [4], observed: [true] },
      { durations: [4], observed: [true] },
    ]);
    expect(result).toMatchObject({ chiSquare: 0, degreesOfFreedom: 0, pValue: null, observed: [1, 1], expected: [1, 1] });
    expect(result.variance.flat()).toEqual([0, 0, 0, 0]);
  });

  it('accepts 1/0 event flags and typed arrays, -0 as 0', () => {
    const typed = logRankEngine([
      { durations: Float64Array.from(MAINTAINED.durations as number[]), observed: Uint8Array.from(MAINTAINED.observed as boolean[], Number) },
      NONMAINTAINED,
    ]);
    expectClose(typed.chiSquare, 3.3963886989776, RELATIVE);
    const zero = logRankEngine([
      { durations: [-0, 1], observed: [1, 1] },
      { durations: [0, 2], observed: [1, 0] },
    ]);
    // Hand-worked: t = 0: n = 4 (2 and 2), d = 2 → E = 1, 1; V11 = 2·2/3·(1/2)(1/2) = 1/3.
    // t = 1: n = 2 (1 and 1), d = 1 → E += 1/2, 1/2; V11 += 1·1/1·(1/2)(1/2) = 1/4.
    // O = 2, 1; E = 1.5, 1.5; χ² = 0.25 / (7/12) = 3/7.
    expect(zero.observed).toEqual([2, 1]);
    expectAllClose(zero.expected, [1.5, 1.5], 'expected');
    expectClose(zero.chiSquare, 3 / 7, 1e-14);
  });
});

describe('logRankEngine bad input', () => {
  it('names the group and the index', () => {
    expectInputError(() => logRankEngine([MAINTAINED, { durations: [1, -2], observed: [true, true] }]), {
      code: 'invalid-number',
      path: 'groups[1].durations[1]',
      message: 'logRank: groups[1].durations[1] must be a finite number >= 0 (-2)',
    });
    expectInputError(() => logRankEngine([{ durations: [1, Number.NaN], observed: [true, true] }]), {
      code: 'invalid-number',
      path: 'groups[0].durations[1]',
      message: 'logRank: groups[0].durations[1] must be a finite number >= 0 (NaN)',
    });
    expectInputError(() => logRankEngine([{ durations: [1], observed: ['true' as unknown as boolean] }], { fn: 'compareRetention', name: 'arms' }), {
      code: 'invalid-boolean',
      path: 'arms[0].observed[0]',
      message: 'compareRetention: arms[0].observed[0] must be true or false (or 1 or 0) ("true")',
    });
    expectInputError(() => logRankEngine([{ durations: [1, 2], observed: [true] }]), {
      code: 'invalid-input',
      path: 'groups[0].observed',
      message: 'logRank: groups[0].observed must have as many entries as durations, 2 (1)',
    });
    expectInputError(() => logRankEngine([null as unknown as LogRankGroup]), {
      code: 'invalid-input',
      path: 'groups[0]',
      message: 'logRank: groups[0] must be { durations, observed } (null)',
    });
  });
});

/** A slow, obvious model: loops over the distinct event times, counting with filters. */
function model(groups: readonly { t: number[]; e: boolean[] }[]): { observed: number[]; expected: number[]; variance: number[][] } {
  const k = groups.length;
  const times = [...new Set(groups.flatMap((g) => g.t.filter((_, i) => g.e[i])))].sort((x, y) => x - y);
  const observed = groups.map((g) => g.e.filter(Boolean).length);
  const expected = new Array<number>(k).fill(0);
  const variance = groups.map(() => new Array<number>(k).fill(0));
  for (const t of times) {
    const risk = groups.map((g) => g.t.filter((x) => x >= t).length);
    const deaths = groups.map((g) => g.t.filter((x, i) => x === t && g.e[i]).length);
    const n = risk.reduce((s, x) => s + x, 0);
    const d = deaths.reduce((s, x) => s + x, 0);
    for (let g = 0; g < k; g++) {
      expected[g] = (expected[g] as number) + (d * (risk[g] as number)) / n;
      if (n < 2) continue;
      for (let h = 0; h < k; h++) {
        const row = variance[g] as number[];
        row[h] = (row[h] as number) + ((d * (n - d)) / (n - 1)) * ((risk[g] as number) / n) * ((g === h ? 1 : 0) - (risk[h] as number) / n);
      }
    }
  }
  return { observed, expected, variance };
}

const subjectArb = fc.record({ t: fc.integer({ min: 0, max: 12 }), e: fc.boolean() });
const groupArb = fc.array(subjectArb, { maxLength: 15 }).map((list) => ({ t: list.map((s) => s.t), e: list.map((s) => s.e) }));
const asEngine = (g: { t: number[]; e: boolean[] }): LogRankGroup => ({ durations: g.t, observed: g.e });

describe('logRankEngine properties', () => {
  it('agrees with a slow model on small inputs', () => {
    fc.assert(
      fc.property(fc.array(groupArb, { minLength: 1, maxLength: 4 }), (groups) => {
        const result = logRankEngine(groups.map(asEngine));
        const reference = model(groups);
        expect(result.observed).toEqual(reference.observed);
        for (let g = 0; g < groups.length; g++) {
          expect(result.expected[g]).toBeCloseTo(reference.expected[g] as number, 10);
          for (let h = 0; h < groups.length; h++) expect((result.variance[g] as number[])[h]).toBeCloseTo((reference.variance[g] as number[])[h] as number, 10);
        }
      }),
    );
  });

  it('gives (O - E)² / V for two groups with a regular variance', () => {
    fc.assert(
      fc.property(groupArb, groupArb, (a, b) => {
        const result = logRankEngine([asEngine(a), asEngine(b)]);
        const v = (result.variance[0] as number[])[0] as number;
        fc.pre(v > 1e-6);
        const z = (result.observed[0] as number) - (result.expected[0] as number);
        expect(result.degreesOfFreedom).toBe(1);
        expectClose(result.chiSquare, (z * z) / v, 1e-9, 1e-12);
      }),
    );
  });

  it('is symmetric in its groups, balances O and E, keeps p in [0, 1]', () => {
    fc.assert(
      fc.property(fc.array(groupArb, { minLength: 2, maxLength: 4 }), fc.array(fc.nat(), { minLength: 4, maxLength: 4 }), (groups, picks) => {
        const result = logRankEngine(groups.map(asEngine));
        const permuted = logRankEngine(shuffled(groups, picks).map(asEngine));
        expect(permuted.degreesOfFreedom).toBe(result.degreesOfFreedom);
        expect(permuted.chiSquare).toBeCloseTo(result.chiSquare, 8);
        const o = result.observed.reduce((s, x) => s + x, 0);
        const e = result.expected.reduce((s, x) => s + x, 0);
        expect(e).toBeCloseTo(o, 10);
        expect(result.chiSquare).toBeGreaterThanOrEqual(0);
        if (result.pValue !== null) {
          expect(result.pValue).toBeGreaterThanOrEqual(0);
          expect(result.pValue).toBeLessThanOrEqual(1);
        } else expect(result.degreesOfFreedom).toBe(0);
        for (const row of result.variance) expect(Math.abs(row.reduce((s, x) => s + x, 0))).toBeLessThan(1e-9);
      }),
    );
  });

  it('gives 0 for identical groups', () => {
    fc.assert(
      fc.property(groupArb, fc.integer({ min: 2, max: 4 }), (group, k) => {
        const result = logRankEngine(Array.from({ length: k }, () => asEngine(group)));
        expect(result.chiSquare).toBeLessThan(1e-20);
        if (result.pValue !== null) expect(result.pValue).toBeCloseTo(1, 10);
      }),
    );
  });

  it('does not depend on the order of subjects within a group', () => {
    fc.assert(
      fc.property(groupArb, groupArb, fc.array(fc.nat(), { minLength: 1, maxLength: 20 }), (a, b, picks) => {
        const pairs = a.t.map((t, i) => [t, a.e[i] as boolean] as const);
        const mixed = shuffled(pairs, picks);
        const shuffledA = { t: mixed.map((p) => p[0]), e: mixed.map((p) => p[1]) };
        expect(logRankEngine([asEngine(shuffledA), asEngine(b)])).toEqual(logRankEngine([asEngine(a), asEngine(b)]));
      }),
    );
  });
});
