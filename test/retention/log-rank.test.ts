import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logRank } from '../../src/retention/log-rank.js';
import type { LogRankResult } from '../../src/retention/types.js';
import { errorOf } from '../support/errors.js';
import { shuffled } from '../support/model.js';

// Reference numbers: R 4.2.2 with survival 3.5-3, printed with sprintf('%.15g', x) (15
// significant digits), compared with a relative tolerance of 1e-13 (1e-12 for p-values).

function expectClose(actual: number | null, expected: number, relative = 1e-13): void {
  expect(actual).not.toBeNull();
  expect(Math.abs((actual as number) - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(relative * Math.abs(expected));
}

const subjects = (time: readonly number[], status: readonly number[]) => time.map((duration, i) => ({ duration, observed: status[i] === 1 }));

// aml: Maintained has an event and a censoring tied at 13; Nonmaintained ties at 5 and 8.
const MAINTAINED = subjects([9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161], [1, 1, 0, 1, 1, 0, 1, 1, 0, 1, 0]);
const NONMAINTAINED = subjects([5, 5, 8, 8, 12, 16, 23, 27, 30, 33, 43, 45], [1, 1, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1]);

// Three groups, ties within and across groups, censorings at event times:
// t <- c(1,1,2,2,2,3,4,4,5,6,6,7, 1,2,3,3,4,5,5,6,8, 2,2,3,4,4,6,7,7,9,9)
// s <- c(1,0,1,1,0,1,0,1,1,0,1,0, 1,1,0,1,1,1,0,1,0, 0,1,1,1,0,1,1,0,1,0)
// g <- c(rep('a',12), rep('b',9), rep('c',10))
const A = subjects([1, 1, 2, 2, 2, 3, 4, 4, 5, 6, 6, 7], [1, 0, 1, 1, 0, 1, 0, 1, 1, 0, 1, 0]);
const B = subjects([1, 2, 3, 3, 4, 5, 5, 6, 8], [1, 1, 0, 1, 1, 1, 0, 1, 0]);
const C = subjects([2, 2, 3, 4, 4, 6, 7, 7, 9, 9], [0, 1, 1, 1, 0, 1, 1, 0, 1, 0]);

function expectGroups(result: LogRankResult, n: number[], observed: number[], expected: number[]): void {
  expect(result.groups.map((g) => g.n)).toEqual(n);
  expect(result.groups.map((g) => g.events)).toEqual(observed);
  result.groups.forEach((g, i) => expectClose(g.expectedEvents, expected[i] as number));
}

describe('logRank against R survdiff', () => {
  it('matches two groups (aml)', () => {
    // R: f <- survdiff(Surv(time, status) ~ x, data = aml); f$chisq, f$pvalue, f$obs, f$exp, f$var
    //    print(f): (O-E)^2/E 1.27, 1.86; (O-E)^2/V 3.4, 3.4
    const result = logRank(MAINTAINED, NONMAINTAINED);
    expectClose(result.chiSquare, 3.3963886989776);
    expect(result.degreesOfFreedom).toBe(1);
    expectClose(result.pValue, 0.0653393220405051, 1e-12);
    expectGroups(result, [11, 12], [7, 11], [10.6893359923007, 7.31066400769928]);
    expectClose(result.variance[0]?.[0] ?? null, 4.00755074593873);
    expectClose(result.variance[0]?.[1] ?? null, -4.00755074593873);
    // (O-E)²/E from R's O and E: (7 - 10.6893359923007)² / 10.6893359923007, (11 - 7.31066400769928)² / 7.31066400769928
    expectClose(result.groups[0]?.squaredDeviationOverExpected ?? null, (7 - 10.6893359923007) ** 2 / 10.6893359923007, 1e-12);
    expectClose(result.groups[1]?.squaredDeviationOverExpected ?? null, (11 - 7.31066400769928) ** 2 / 7.31066400769928, 1e-12);
    expect(result.groups[0]?.squaredDeviationOverExpected).toBeCloseTo(1.27, 2);
    expect(result.groups[1]?.squaredDeviationOverExpected).toBeCloseTo(1.86, 2);
    // With two groups, (O-E)²/V is the statistic itself.
    expectClose(result.groups[0]?.squaredDeviationOverVariance ?? null, 3.3963886989776, 1e-12);
    expectClose(result.groups[1]?.squaredDeviationOverVariance ?? null, 3.3963886989776, 1e-12);
  });

  it('matches two groups with ties and censorings at event times', () => {
    // R: k <- g != 'c'; f <- survdiff(Surv(t[k], s[k]) ~ g[k]): chisq 0.00358284976961004,
    //    pvalue 0.9522695985314, exp 7.1004329004329, 5.8995670995671, var 2.81529177553624 (diagonal)
    const result = logRank(A, B);
    expectClose(result.chiSquare, 0.00358284976961004);
    expectClose(result.pValue, 0.9522695985314, 1e-12);
    expectGroups(result, [12, 9], [7, 6], [7.1004329004329, 5.8995670995671]);
    expectClose(result.variance[1]?.[1] ?? null, 2.81529177553624);
  });

  it('matches three groups', () => {
    // R: f3 <- survdiff(Surv(t, s) ~ g); f3$chisq, f3$pvalue, f3$obs, f3$exp, f3$var
    //    print(f3): (O-E)^2/V 0.388, 0.389, 1.376
    const result = logRank([A, B, C]);
    expectClose(result.chiSquare, 1.37822135661452);
    expect(result.degreesOfFreedom).toBe(2);
    expectClose(result.pValue, 0.502022329950166, 1e-12);
    expectGroups(result, [12, 9, 10], [7, 6, 6], [5.83936171355526, 4.89343237407754, 8.2672059123672]);
    const variance = [
      3.47151509896892, -1.44132468978733, -2.03019040918159, -1.44132468978733, 3.14660214384584, -1.70527745405851, -2.03019040918159,
      -1.70527745405851, 3.7354678632401,
    ];
    result.variance.flat().forEach((v, i) => expectClose(v, variance[i] as number));
    expect(result.groups.map((g) => g.squaredDeviationOverVariance)).toEqual([expect.closeTo(0.388, 3), expect.closeTo(0.389, 3), expect.closeTo(1.376, 3)]);
    // R: survdiff(Surv(t, s) ~ factor(g, levels = c('c', 'a', 'b')))$chisq: 1.37822135661452
    expectClose(logRank([C, A, B]).chiSquare, 1.37822135661452, 1e-12);
  });

  it('leaves a group without expected events out of the test, as R', () => {
    // R: d <- rbind(aml, data.frame(time = 1, status = 0, x = 'Late'))
    //    survdiff(Surv(time, status) ~ x, data = d): chisq 3.3963886989776 on 1 df; Late: N 1,
    //    observed 0, expected 0, (O-E)^2/E NaN
    const result = logRank([MAINTAINED, NONMAINTAINED, [{ duration: 1, observed: false }]]);
    expectClose(result.chiSquare, 3.3963886989776, 1e-12);
    expect(result.degreesOfFreedom).toBe(1);
    expect(result.groups[2]).toEqual({ group: 2, n: 1, events: 0, expectedEvents: 0, squaredDeviationOverExpected: null, squaredDeviationOverVariance: null });
  });
});

describe('logRank shapes', () => {
  it('gives no test for empty input or no events', () => {
    const none = { chiSquare: 0, degreesOfFreedom: 0, pValue: null };
    expect(logRank([], [])).toEqual({
      ...none,
      groups: [
        { group: 0, n: 0, events: 0, expectedEvents: 0, squaredDeviationOverExpected: null, squaredDeviationOverVariance: null },
        { group: 1, n: 0, events: 0, expectedEvents: 0, squaredDeviationOverExpected: null, squaredDeviationOverVariance: null },
      ],
      variance: [
        [0, 0],
        [0, 0],
      ],
    });
    expect(logRank([])).toEqual({ ...none, groups: [], variance: [] });
    expect(logRank([A])).toMatchObject(none);
    expect(logRank([{ duration: 3, observed: false }], [{ duration: 4, observed: false }])).toMatchObject(none);
  });

  it('reads other records through accessors, and any iterable', () => {
    const rows = (list: typeof A) => new Set(list.map((s) => ({ days: s.duration, churned: s.observed })));
    const accessors = { duration: (r: { days: number }) => r.days, observed: (r: { churned: boolean }) => r.churned };
    expect(logRank(rows(A), rows(B), accessors)).toEqual(logRank(A, B));
    expect(logRank([rows(A), rows(B), rows(C)], accessors)).toEqual(logRank([A, B, C]));
  });

  it('does not mutate its input', () => {
    const freeze = (list: typeof A) => Object.freeze(list.map((s) => Object.freeze({ ...s })));
    const groups = Object.freeze([freeze(A), freeze(B), freeze(C)]);
    const first = logRank(groups);
    expect(logRank(groups)).toEqual(first);
    expect(logRank(groups[0] as typeof A, groups[1] as typeof A)).toEqual(logRank(A, B));
  });
});

describe('logRank bad input', () => {
  const cases: [string, () => unknown, { code: string; path: string; message: string }][] = [
    [
      'a negative duration in the first group',
      () => logRank([{ duration: -3, observed: true }], B),
      { code: 'invalid-number', path: 'a[0].duration', message: 'logRank: a[0].duration must be a finite number >= 0 (-3)' },
    ],
    [
      'a non-boolean observed in the second group',
      () => logRank(A, [{ duration: 3, observed: true }, { duration: 4, observed: 0 }] as never),
      { code: 'invalid-boolean', path: 'b[1].observed', message: 'logRank: b[1].observed must be true or false (0)' },
    ],
    [
      'observed "true" in the k-group form',
      () => logRank([A, B, [{ duration: 3, observed: 'true' }]] as never),
      { code: 'invalid-boolean', path: 'groups[2][0].observed', message: 'logRank: groups[2][0].observed must be true or false ("true")' },
    ],
    [
      'a NaN duration in the k-group form',
      () => logRank([A, [{ duration: Number.NaN, observed: true }]]),
      { code: 'invalid-number', path: 'groups[1][0].duration', message: 'logRank: groups[1][0].duration must be a finite number >= 0 (NaN)' },
    ],
    [
      'a group that is a record, not a collection (one group passed as the list of groups)',
      () => logRank(A as never),
      {
        code: 'invalid-input',
        path: 'groups[0]',
        message: 'logRank: groups[0] must be an array or another iterable of records ({"duration":1,"observed":true})',
      },
    ],
    [
      'groups that are not an array',
      () => logRank(5 as never),
      { code: 'invalid-input', path: 'groups', message: 'logRank: groups must be an array of groups (or give two groups) (5)' },
    ],
    [
      'options that are not an object',
      () => logRank(A, B, 'fast' as never),
      { code: 'invalid-option', path: 'options', message: 'logRank: options must be an object ("fast")' },
    ],
    [
      'a bad duration of a record with an id: the message names it',
      () => logRank(A, [{ id: 'acme', duration: 'soon', observed: true }] as never),
      { code: 'invalid-number', path: 'b[0].duration', message: 'logRank: b[0] (id "acme").duration must be a finite number >= 0 ("soon")' },
    ],
    [
      'an unknown option (two-group form)',
      () => logRank(A, B, { durations: (r: { duration: number }) => r.duration } as never),
      { code: 'unknown-option', path: 'options.durations', message: 'logRank: options.durations is not an option; did you mean duration? (a function)' },
    ],
    [
      'an unknown option (k-group form)',
      () => logRank([A, B], { confidence: 0.9 } as never),
      { code: 'unknown-option', path: 'options.confidence', message: 'logRank: options.confidence is not an option; the options are duration, observed (0.9)' },
    ],
    [
      'a null option',
      () => logRank(A, B, { observed: null } as never),
      { code: 'invalid-option', path: 'options.observed', message: 'logRank: options.observed must not be null; leave it out (or pass undefined) for the default (null)' },
    ],
  ];
  it.each(cases)('rejects %s', (_, run, expected) => {
    const error = errorOf(run);
    expect({ code: error.code, path: error.path, message: error.message }).toEqual(expected);
  });
});

const subjectArb = fc.record({ duration: fc.integer({ min: 0, max: 15 }), observed: fc.boolean() });
const groupArb = fc.array(subjectArb, { maxLength: 20 });

describe('logRank properties', () => {
  it('is symmetric: swapping the two groups gives the same test', () => {
    fc.assert(
      fc.property(groupArb, groupArb, (a, b) => {
        const ab = logRank(a, b);
        const ba = logRank(b, a);
        expect(ba.degreesOfFreedom).toBe(ab.degreesOfFreedom);
        expect(ba.chiSquare).toBeCloseTo(ab.chiSquare, 9);
        // The same figures in swapped positions (`group` is the position in the input).
        expect(ba.groups).toEqual([{ ...ab.groups[1], group: 0 }, { ...ab.groups[0], group: 1 }]);
      }),
    );
  });

  it('is symmetric in k groups', () => {
    fc.assert(
      fc.property(fc.array(groupArb, { minLength: 2, maxLength: 4 }), fc.array(fc.nat(), { minLength: 4, maxLength: 4 }), (groups, picks) => {
        const result = logRank(groups);
        const permuted = logRank(shuffled(groups, picks));
        expect(permuted.degreesOfFreedom).toBe(result.degreesOfFreedom);
        expect(permuted.chiSquare).toBeCloseTo(result.chiSquare, 8);
      }),
    );
  });

  it('gives 0 for identical groups', () => {
    fc.assert(
      fc.property(groupArb, (group) => {
        const result = logRank(group, group);
        expect(result.chiSquare).toBeLessThan(1e-20);
        if (result.pValue !== null) expect(result.pValue).toBeCloseTo(1, 10);
      }),
    );
  });

  it('keeps p in [0, 1] and balances observed and expected events', () => {
    fc.assert(
      fc.property(fc.array(groupArb, { minLength: 1, maxLength: 4 }), (groups) => {
        const result = logRank(groups);
        expect(result.chiSquare).toBeGreaterThanOrEqual(0);
        if (result.pValue === null) expect(result.degreesOfFreedom).toBe(0);
        else {
          expect(result.pValue).toBeGreaterThanOrEqual(0);
          expect(result.pValue).toBeLessThanOrEqual(1);
          expect(result.degreesOfFreedom).toBeLessThanOrEqual(groups.length - 1);
        }
        const observed = result.groups.reduce((s, g) => s + g.events, 0);
        const expected = result.groups.reduce((s, g) => s + g.expectedEvents, 0);
        expect(expected).toBeCloseTo(observed, 10);
        expect(JSON.parse(JSON.stringify(result))).toEqual(result);
      }),
    );
  });

  it('gives the two-argument form and the k-group form of two groups the same result', () => {
    fc.assert(
      fc.property(groupArb, groupArb, (a, b) => {
        expect(logRank([a, b])).toEqual(logRank(a, b));
      }),
    );
  });
});
