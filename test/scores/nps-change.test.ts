import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { npsChange } from '../../src/scores/nps-change.js';
import { nps } from '../../src/scores/nps.js';
import { errorOf } from '../support/errors.js';

/** Asserts |actual - expected| <= relative · |expected| (an expected 0 demands exactly 0). */
function expectClose(actual: number | null, expected: number, relative = 1e-12): void {
  expect(actual).not.toBe(null);
  expect(Math.abs((actual as number) - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(relative * Math.abs(expected));
}

/** Answers with the given numbers of promoters (9), passives (7) and detractors (0). */
function sample(promoters: number, passives: number, detractors: number): number[] {
  return [...Array<number>(promoters).fill(9), ...Array<number>(passives).fill(7), ...Array<number>(detractors).fill(0)];
}

const answers = fc.array(fc.integer({ min: 0, max: 10 }), { minLength: 1, maxLength: 40 });
const method = fc.constantFrom('wald' as const, 'adjusted-wald' as const);

// The two samples of the doc example: 6 promoters, 3 passives, 7 detractors, then 11, 3, 2.
const march = [10, 9, 8, 6, 3, 2, 10, 7, 5, 9, 4, 8, 9, 6, 10, 3];
const april = [10, 10, 9, 9, 8, 7, 10, 9, 6, 9, 10, 8, 9, 10, 5, 9];

// The independent reference: Python 3 with NumPy and SciPy, where
//   sc(P, Pa, D, adj): k = 0.75 if adj else 0; m = n + 4k; p, d = (P + k)/m, (D + k)/m;
//     se = 100*np.sqrt((p + d - (p - d)**2)/m); centre = 100*(p - d)
//   ch(before, after, conf, adj): se = np.sqrt(se_b**2 + se_a**2); c = centre_a - centre_b;
//     z = norm.ppf(1 - (1 - conf)/2); lower, upper = c -/+ z*se (clamped to ±200);
//     p = 2*norm.sf(abs(c)/se)   (equal to 2*(1 - norm.cdf(abs(c)/se)) to 15 digits)
// printed with repr(float(...)).

describe('npsChange', () => {
  it('runs the doc example', () => {
    const change = npsChange(march, april);
    expect([change.before, change.after, change.difference]).toEqual([-6.25, 56.25, 62.5]);
    expect(change.lower).toBeCloseTo(6.53, 2);
    expect(change.upper).toBeCloseTo(118.47, 2);
    expect(change.pValue).toBeCloseTo(0.0286, 4);
    expect(change.significant).toBe(true);
    expect(npsChange(march, april, { method: 'adjusted-wald' }).pValue).toBeCloseTo(0.0441, 4);
    expect(npsChange(nps(march), nps(april)).difference).toBe(62.5);
    expect(npsChange(march, []).difference).toBe(null);
  });

  it('tests a change between two samples (hand-worked and Python)', () => {
    // Before: p = 6/16 = 0.375, d = 7/16 = 0.4375, score -6.25;
    //   SE = 100 × √((0.8125 - 0.0625²) / 16) = 100 × √(0.80859375 / 16) = 22.4805...
    // After: p = 11/16 = 0.6875, d = 2/16 = 0.125, score 56.25;
    //   SE = 100 × √((0.8125 - 0.5625²) / 16) = 100 × √(0.49609375 / 16) = 17.6086...
    // difference 62.5; SE = √(100² × (0.80859375 + 0.49609375) / 16) = 100 × √0.08154296875 = 28.5557...;
    // z = 62.5 / 28.5557 = 2.1887; p = 2 × (1 - Φ(2.1887)) ≈ 0.0286.
    // Python: ch((6,3,7), (11,3,2), 0.95, False) -> se 28.555729503901663, lower 6.531798620084913,
    //   upper 118.46820137991509, p 0.02861846138903418.
    const change = npsChange(march, april);
    expect(change).toMatchObject({ before: -6.25, after: 56.25, difference: 62.5, significant: true, confidence: 0.95, method: 'wald' });
    expectClose(change.standardError, 100 * Math.sqrt(0.08154296875));
    expectClose(change.standardError, 28.555729503901663);
    expectClose(change.lower, 6.531798620084913);
    expectClose(change.upper, 118.46820137991509);
    expectClose(change.pValue, 0.02861846138903418, 1e-10);
    expect(Object.keys(change)).toEqual(['before', 'after', 'difference', 'standardError', 'lower', 'upper', 'pValue', 'significant', 'confidence', 'method']);

    // At 99 % the same change is not significant (0.0286 >= 0.01) and the interval holds 0.
    // Python: ch((6,3,7), (11,3,2), 0.99, False) -> lower -11.054684840365809, upper 136.0546848403658.
    const strict = npsChange(march, april, { confidence: 0.99 });
    expect(strict.significant).toBe(false);
    expectClose(strict.pValue, 0.02861846138903418, 1e-10);
    expectClose(strict.lower, -11.054684840365809);
    expectClose(strict.upper, 136.0546848403658);
  });

  it('centres the adjusted-Wald test on the adjusted scores', () => {
    // Adjusted centres: 100 × (6 - 7) / 19 and 100 × (11 - 2) / 19; difference 1000/19 = 52.63...
    // Python: ch((6,3,7), (11,3,2), 0.95, True) -> se 26.149056288388124, lower 1.3803703924170776,
    //   upper 103.88278750231977, p 0.044140671126605094.
    const change = npsChange(march, april, { method: 'adjusted-wald' });
    expect(change).toMatchObject({ before: -6.25, after: 56.25, difference: 62.5, significant: true, method: 'adjusted-wald' });
    expectClose(change.standardError, 26.149056288388124);
    expectClose(change.lower, 1.3803703924170776);
    expectClose(change.upper, 103.88278750231977);
    expectClose(change.pValue, 0.044140671126605094, 1e-10);
    expectClose(((change.lower as number) + (change.upper as number)) / 2, 1000 / 19);
  });

  it('matches the reference on large samples', () => {
    // 450/300/250 (score 20) then 480/300/220 (score 26): difference 6.
    // Python: ch((450,300,250), (480,300,220), 0.95, False) -> se 3.594996522946858,
    //   lower -1.0460637095225636, upper 13.046063709522564, p 0.09512009191689923.
    const change = npsChange(sample(450, 300, 250), sample(480, 300, 220));
    expect(change).toMatchObject({ before: 20, after: 26, difference: 6, significant: false });
    expectClose(change.standardError, 3.594996522946858);
    expectClose(change.lower, -1.0460637095225636);
    expectClose(change.upper, 13.046063709522564);
    expectClose(change.pValue, 0.09512009191689923, 1e-10);
    // A drop: 5/2/3 (score 20) then 8/5/7 (score 5).
    // Python: ch((5,2,3), (8,5,7), 0.95, False) -> se 33.67120431466626, lower -80.99434777283555, p 0.6559696505213228.
    const drop = npsChange(sample(5, 2, 3), sample(8, 5, 7));
    expect(drop.difference).toBe(-15);
    expectClose(drop.standardError, 33.67120431466626);
    expectClose(drop.lower, -80.99434777283555);
    expectClose(drop.upper, 50.99434777283555);
    expectClose(drop.pValue, 0.6559696505213228, 1e-10);
  });

  it('handles zero standard errors: p-value 1 for no change, 0 for any change', () => {
    // All promoters twice: both Wald SEs are 0 and nothing changed.
    expect(npsChange([9, 10, 9], [10, 10])).toEqual({
      before: 100,
      after: 100,
      difference: 0,
      standardError: 0,
      lower: 0,
      upper: 0,
      pValue: 1,
      significant: false,
      confidence: 0.95,
      method: 'wald',
    });
    // All promoters, then all detractors: -200 with no visible sampling variance.
    expect(npsChange(sample(12, 0, 0), sample(0, 0, 5))).toMatchObject({
      difference: -200,
      standardError: 0,
      lower: -200,
      upper: -200,
      pValue: 0,
      significant: true,
    });
    // Adjusted-Wald sees the variance. Python: ch((12,0,0), (0,0,5), 0.95, True) -> se 26.470305690213205,
    //   lower -194.38084581258354, upper -90.61915418741646, p 7.309560148448705e-08.
    const adjusted = npsChange(sample(12, 0, 0), sample(0, 0, 5), { method: 'adjusted-wald' });
    expect(adjusted).toMatchObject({ difference: -200, significant: true });
    expectClose(adjusted.standardError, 26.470305690213205);
    expectClose(adjusted.lower, -194.38084581258354);
    expectClose(adjusted.upper, -90.61915418741646);
    expectClose(adjusted.pValue, 7.309560148448705e-8, 1e-9);
  });

  it('gives null figures when either sample is empty', () => {
    const nothing = { difference: null, standardError: null, lower: null, upper: null, pValue: null, significant: null };
    expect(npsChange(march, [])).toEqual({ before: -6.25, after: null, ...nothing, confidence: 0.95, method: 'wald' });
    expect(npsChange([], april, { method: 'adjusted-wald' })).toEqual({ before: null, after: 56.25, ...nothing, confidence: 0.95, method: 'adjusted-wald' });
    expect(npsChange(nps([]), nps([]))).toEqual({ before: null, after: null, ...nothing, confidence: 0.95, method: 'wald' });
    expect(JSON.parse(JSON.stringify(npsChange([], [])))).toEqual(npsChange([], []));
  });

  it('takes nps() results, their groups and records as well as answers', () => {
    const fromAnswers = npsChange(march, april);
    expect(npsChange(nps(march), nps(april))).toEqual(fromAnswers);
    expect(npsChange(march, nps(april))).toEqual(fromAnswers);
    // The result's own interval settings do not matter: only its counts are read.
    expect(npsChange(nps(march, { confidence: 0.5 }), april)).toEqual(fromAnswers);
    // A group of a grouped result.
    const rows = [...march.map((score) => ({ score, month: '2024-03' })), ...april.map((score) => ({ score, month: '2024-04' }))];
    const [m, a] = nps(rows, { groupBy: 'month' }).groups;
    expect(npsChange(m as NonNullable<typeof m>, a as NonNullable<typeof a>)).toEqual(fromAnswers);
    // Records through the score accessor.
    const ltr = (xs: number[]) => xs.map((x) => ({ ltr: x }));
    expect(npsChange(ltr(march), ltr(april), { score: (r) => r.ltr })).toEqual(fromAnswers);
  });

  it('inherits the method of nps() results unless options.method says otherwise', () => {
    const adjusted = npsChange(march, april, { method: 'adjusted-wald' });
    expect(npsChange(nps(march, { method: 'adjusted-wald' }), nps(april, { method: 'adjusted-wald' }))).toEqual(adjusted);
    expect(npsChange(nps(march, { method: 'adjusted-wald' }), april)).toEqual(adjusted);
    expect(npsChange(nps(march, { method: 'adjusted-wald' }), april, { method: 'wald' })).toEqual(npsChange(march, april));
    expect(npsChange(nps(march), nps(april, { method: 'adjusted-wald' }), { method: 'adjusted-wald' })).toEqual(adjusted);
    const clash = errorOf(() => npsChange(nps(march), nps(april, { method: 'adjusted-wald' })));
    expect([clash.code, clash.path, clash.message]).toEqual([
      'invalid-input',
      'after.method',
      "npsChange: after.method must match before.method, which is 'wald', unless options.method is given (\"adjusted-wald\")",
    ]);
  });

  it('does not mutate its inputs', () => {
    const before = Object.freeze(march.slice());
    const after = Object.freeze(nps(april));
    const first = npsChange(before, after);
    expect(first.difference).toBe(62.5);
    expect(npsChange(before, after)).toEqual(first);
    expect(before).toEqual(march);
    expect(after).toEqual(nps(april));
  });

  it('rejects bad answers, naming the side and the index', () => {
    const bad = errorOf(() => npsChange([9, 9, 9, 11], april));
    expect([bad.code, bad.path, bad.value, bad.message]).toEqual(['invalid-score', 'before[3]', 11, 'npsChange: before[3] must be an integer from 0 to 10 (11)']);
    const after = errorOf(() => npsChange(march, [10, 4.5]));
    expect([after.path, after.message]).toEqual(['after[1]', 'npsChange: after[1] must be an integer from 0 to 10 (4.5)']);
    const record = errorOf(() => npsChange([{ score: 9 }], [{ score: '9' }] as unknown as { score: number }[]));
    expect([record.path, record.message]).toEqual(['after[0].score', 'npsChange: after[0].score must be an integer from 0 to 10 ("9")']);
    for (const value of [Number.NaN, -1, '9']) {
      expect(errorOf(() => npsChange([value as number], april)).path).toBe('before[0]');
    }
  });

  it('rejects arguments that are neither answers nor nps() results', () => {
    for (const [value, shown] of [
      [null, 'null'],
      [42, '42'],
      ['9 10', '"9 10"'],
      [{ score: 9 }, '{"score":9}'],
    ] as const) {
      const error = errorOf(() => npsChange(value as unknown as number[], april));
      expect([error.code, error.path, error.message]).toEqual([
        'invalid-input',
        'before',
        `npsChange: before must be an array or another iterable of answers, or an nps() result (${shown})`,
      ]);
    }
    const summary = { n: 3, promoters: 1, passives: 1, detractors: 1, promoterShare: 1 / 3 };
    const fractional = errorOf(() => npsChange(march, { ...summary, promoters: 1.5 }));
    expect([fractional.code, fractional.path, fractional.message]).toEqual(['invalid-number', 'after.promoters', 'npsChange: after.promoters must be an integer >= 0 (1.5)']);
    expect(errorOf(() => npsChange({ ...summary, detractors: -1 }, april)).path).toBe('before.detractors');
    const sum = errorOf(() => npsChange({ ...summary, n: 4 }, april));
    expect([sum.code, sum.path, sum.message]).toEqual(['invalid-input', 'before.n', 'npsChange: before.n must equal promoters + passives + detractors, which is 3 (4)']);
    const badMethod = errorOf(() => npsChange({ ...summary, method: 'exact' as 'wald' }, april));
    expect([badMethod.code, badMethod.path]).toEqual(['invalid-option', 'before.method']);
  });

  it('rejects bad options', () => {
    const cases: [unknown, string, string][] = [
      [{ confidence: 1 }, 'options.confidence', 'npsChange: options.confidence must be a number strictly between 0 and 1 (1)'],
      [{ confidence: '0.9' }, 'options.confidence', 'npsChange: options.confidence must be a number strictly between 0 and 1 ("0.9")'],
      [{ method: 'bootstrap' }, 'options.method', "npsChange: options.method must be one of 'wald', 'adjusted-wald' (\"bootstrap\")"],
      [{ score: 3 }, 'options.score', 'npsChange: options.score must be a function that reads the field from a record (3)'],
      [7, 'options', 'npsChange: options must be an object (7)'],
    ];
    for (const [options, path, message] of cases) {
      const error = errorOf(() => npsChange(march, april, options as object));
      expect([error.code, error.path, error.message]).toEqual(['invalid-option', path, message]);
    }
  });

  it('property: a sample against itself has difference 0 and p-value 1', () => {
    fc.assert(
      fc.property(answers, method, (a, m) => {
        const change = npsChange(a, a, { method: m });
        expect(change.difference).toBe(0);
        expect(change.pValue).toBe(1);
        expect(change.significant).toBe(false);
        expect((change.lower as number) <= 0 && 0 <= (change.upper as number)).toBe(true);
      }),
    );
  });

  it('property: swapping the samples negates the change and keeps the test', () => {
    fc.assert(
      fc.property(answers, answers, method, (a, b, m) => {
        const forward = npsChange(a, b, { method: m });
        const backward = npsChange(b, a, { method: m });
        // 0 - x rather than -x, so that a zero stays +0.
        const negated = (x: number | null) => 0 - (x as number);
        expect(backward.difference).toBe(negated(forward.difference));
        expect(backward.before).toBe(forward.after);
        expect(backward.after).toBe(forward.before);
        expect(backward.standardError).toBe(forward.standardError);
        expect(backward.lower).toBe(negated(forward.upper));
        expect(backward.upper).toBe(negated(forward.lower));
        expect(backward.pValue).toBe(forward.pValue);
        expect(backward.significant).toBe(forward.significant);
      }),
    );
  });

  it('property: agrees with nps() and with its own interval', () => {
    fc.assert(
      fc.property(answers, answers, method, fc.double({ min: 0.5, max: 0.999, noNaN: true }), (a, b, m, level) => {
        const change = npsChange(a, b, { method: m, confidence: level });
        const before = nps(a, { method: m });
        const after = nps(b, { method: m });
        expect(change.difference).toBe((after.score as number) - (before.score as number));
        expect(change.standardError as number).toBeCloseTo(Math.hypot(before.standardError as number, after.standardError as number), 10);
        const p = change.pValue as number;
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
        expect(change.lower as number).toBeGreaterThanOrEqual(-200);
        expect(change.upper as number).toBeLessThanOrEqual(200);
        // Significant exactly when 0 lies outside the interval (away from the rounding edge).
        const alpha = 1 - level;
        fc.pre(Math.abs(p - alpha) > 1e-9);
        const outside = (change.lower as number) > 0 || (change.upper as number) < 0;
        expect(change.significant).toBe(outside);
      }),
    );
  });
});
