import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nps } from '../../src/scores/nps.js';
import { errorOf } from '../support/errors.js';

/** Asserts |actual - expected| <= relative · |expected| (an expected 0 demands exactly 0). */
function expectClose(actual: number | null, expected: number, relative = 1e-13): void {
  expect(actual).not.toBe(null);
  expect(Math.abs((actual as number) - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(relative * Math.abs(expected));
}

/** Answers with the given numbers of promoters (10), passives (8) and detractors (3). */
function sample(promoters: number, passives: number, detractors: number): number[] {
  return [...Array<number>(promoters).fill(10), ...Array<number>(passives).fill(8), ...Array<number>(detractors).fill(3)];
}

const answer = fc.integer({ min: 0, max: 10 });
const method = fc.constantFrom('wald' as const, 'adjusted-wald' as const);
const confidence = fc.double({ min: 0.01, max: 0.999, noNaN: true });

// The independent reference: Python 3 with NumPy and SciPy, where
//   ref(P, Pa, D, conf, adjusted): k = 0.75 if adjusted else 0; m = n + 4k;
//   p, d = (P + k)/m, (D + k)/m; se = 100*np.sqrt((p + d - (p - d)**2)/m);
//   z = scipy.stats.norm.ppf(1 - (1 - conf)/2); centre = 100*(p - d);
//   margin = z*se; lower, upper = max(-100, centre - margin), min(100, centre + margin)
// printed with repr(float(...)).

describe('nps', () => {
  it('runs the doc example', () => {
    const result = nps([10, 9, 9, 8, 7, 6, 3, 10, 9, 5]);
    expect([result.promoters, result.passives, result.detractors]).toEqual([5, 2, 3]);
    expect(result.score).toBe(20);
    expect(result.marginOfError).toBeCloseTo(54.03, 2);
    expect(result.lower).toBeCloseTo(-34.03, 2);
    expect(result.upper).toBeCloseTo(74.03, 2);
    expect(nps([10, 9, 10]).marginOfError).toBe(0);
    expect(nps([10, 9, 10], { method: 'adjusted-wald' }).marginOfError).toBeCloseTo(56.58, 2);
    expect(nps([]).score).toBe(null);
    const survey = [
      { score: 10, plan: 'pro' },
      { score: 9, plan: 'pro' },
      { score: 6, plan: 'pro' },
      { score: 3, plan: 'free' },
      { score: 8, plan: 'free' },
      { score: 9, plan: 'free' },
      { score: 2, plan: 'free' },
    ];
    const byPlan = nps(survey, { groupBy: 'plan' });
    expect(byPlan.score).toBe(0);
    // Groups in order of first appearance: 'pro' (row 0), then 'free' (row 3).
    expect(byPlan.groups.map((g) => g.group)).toEqual(['pro', 'free']);
    expect(byPlan.groups[0]?.score).toBeCloseTo(33.33, 2);
    expect(byPlan.groups[1]?.score).toBe(-25);
  });

  it('counts, scores and bounds a 10-answer sample (hand-worked)', () => {
    // Promoters 10, 9, 9, 10, 9 (5); passives 8, 7 (2); detractors 6, 3, 5 (3); n = 10.
    // score = 100 × (0.5 - 0.3) = 20.
    // SE = 100 × √((0.5 + 0.3 - 0.2²) / 10) = 100 × √0.076 = 27.568097504180443.
    // Python: ref(5, 2, 3, 0.95, False) -> se 27.568097504180443, margin 54.03247823048222,
    //   lower -34.03247823048222, upper 74.03247823048221.
    const result = nps([10, 9, 9, 8, 7, 6, 3, 10, 9, 5]);
    expect(result).toMatchObject({
      score: 20,
      n: 10,
      promoters: 5,
      passives: 2,
      detractors: 3,
      promoterShare: 0.5,
      passiveShare: 0.2,
      detractorShare: 0.3,
      confidence: 0.95,
      method: 'wald',
    });
    expectClose(result.standardError, 100 * Math.sqrt(0.076));
    expectClose(result.standardError, 27.568097504180443);
    expectClose(result.marginOfError, 54.03247823048222);
    expectClose(result.lower, -34.03247823048222);
    expectClose(result.upper, 74.03247823048221);
    expect(Object.keys(result)).toEqual([
      'score',
      'n',
      'promoters',
      'passives',
      'detractors',
      'promoterShare',
      'passiveShare',
      'detractorShare',
      'standardError',
      'marginOfError',
      'lower',
      'upper',
      'confidence',
      'method',
    ]);
  });

  it('matches the reference for a 20-answer sample at 90, 95 and 99 %', () => {
    const answers = [10, 10, 9, 9, 9, 9, 9, 9, 8, 8, 8, 7, 7, 6, 6, 5, 4, 3, 2, 0];
    // 8 promoters, 5 passives, 7 detractors: score = 100 × (8 - 7) / 20 = 5.
    // SE = 100 × √((0.4 + 0.35 - 0.05²) / 20) = 100 × √0.037375.
    // Python: ref(8, 5, 7, 0.95, False) -> se 19.332614929181204, margin 37.89122898817653,
    //   lower -32.89122898817652, upper 42.891228988176536;
    //   cross-check: x = np.where(a >= 9, 1, np.where(a <= 6, -1, 0)); 100*x.std()/np.sqrt(20) -> 19.3326149291812.
    const r95 = nps(answers);
    expect(r95).toMatchObject({ score: 5, n: 20, promoters: 8, passives: 5, detractors: 7 });
    expectClose(r95.standardError, 100 * Math.sqrt(0.037375));
    expectClose(r95.standardError, 19.332614929181204);
    expectClose(r95.marginOfError, 37.89122898817653);
    expectClose(r95.lower, -32.89122898817652);
    expectClose(r95.upper, 42.891228988176536);
    // Python: ref(8, 5, 7, 0.9, False) -> margin 31.799321784719883, lower -26.79932178471988, upper 36.799321784719886.
    const r90 = nps(answers, { confidence: 0.9 });
    expect(r90.confidence).toBe(0.9);
    expectClose(r90.marginOfError, 31.799321784719883);
    expectClose(r90.lower, -26.79932178471988);
    expectClose(r90.upper, 36.799321784719886);
    // Python: ref(8, 5, 7, 0.99, False) -> margin 49.79751604881189, lower -44.797516048811886, upper 54.7975160488119.
    const r99 = nps(answers, { confidence: 0.99 });
    expectClose(r99.marginOfError, 49.79751604881189);
    expectClose(r99.lower, -44.797516048811886);
    expectClose(r99.upper, 54.7975160488119);
  });

  it('computes the adjusted-Wald interval around the adjusted score, keeping the plain score', () => {
    // 8 promoters, 5 passives, 7 detractors, n = 20: adjusted P = 8.75, D = 7.75, n = 23;
    // centre = 100 × 1 / 23 = 4.3478...; the reported score stays 5.
    // Python: ref(8, 5, 7, 0.95, True) -> se 17.637668991944043, margin 34.569195995449206,
    //   lower -30.221369908492683, upper 38.91702208240573.
    const result = nps([10, 10, 9, 9, 9, 9, 9, 9, 8, 8, 8, 7, 7, 6, 6, 5, 4, 3, 2, 0], { method: 'adjusted-wald' });
    expect(result).toMatchObject({ score: 5, n: 20, promoters: 8, passives: 5, detractors: 7, method: 'adjusted-wald' });
    expectClose(result.standardError, 17.637668991944043);
    expectClose(result.marginOfError, 34.569195995449206);
    expectClose(result.lower, -30.221369908492683);
    expectClose(result.upper, 38.91702208240573);
    expectClose(((result.lower as number) + (result.upper as number)) / 2, 100 / 23);
  });

  it('gives all promoters a zero-width Wald interval and a real adjusted-Wald one', () => {
    // 12 promoters: p = 1, d = 0, so p + d - (p - d)² = 0 and SE = 0 exactly.
    const wald = nps(sample(12, 0, 0));
    expect(wald).toEqual({
      score: 100,
      n: 12,
      promoters: 12,
      passives: 0,
      detractors: 0,
      promoterShare: 1,
      passiveShare: 0,
      detractorShare: 0,
      standardError: 0,
      marginOfError: 0,
      lower: 100,
      upper: 100,
      confidence: 0.95,
      method: 'wald',
    });
    // Python: ref(12, 0, 0, 0.95, True) -> se 13.16561177208767, margin 25.804124907728394,
    //   lower 54.195875092271606, upper 100.0 (clamped).
    const adjusted = nps(sample(12, 0, 0), { method: 'adjusted-wald' });
    expect(adjusted.score).toBe(100);
    expectClose(adjusted.standardError, 13.16561177208767);
    expectClose(adjusted.marginOfError, 25.804124907728394);
    expectClose(adjusted.lower, 54.195875092271606);
    expect(adjusted.upper).toBe(100);
  });

  it('gives all detractors -100', () => {
    const wald = nps([0, 1, 6, 3, 5]);
    expect(wald).toMatchObject({ score: -100, detractors: 5, detractorShare: 1, standardError: 0, marginOfError: 0, lower: -100, upper: -100 });
    // Python: ref(0, 0, 5, 0.95, True) -> se 22.963966338592297, margin 45.00854696583103,
    //   lower -100.0 (clamped), upper -17.49145303416897.
    const adjusted = nps([0, 1, 6, 3, 5], { method: 'adjusted-wald' });
    expect(adjusted.score).toBe(-100);
    expectClose(adjusted.standardError, 22.963966338592297);
    expectClose(adjusted.marginOfError, 45.00854696583103);
    expect(adjusted.lower).toBe(-100);
    expectClose(adjusted.upper, -17.49145303416897);
  });

  it('handles a single response', () => {
    // One passive: score 0, every share but one is 0, Wald SE 0.
    expect(nps([7])).toMatchObject({ score: 0, n: 1, passives: 1, passiveShare: 1, standardError: 0, lower: 0, upper: 0 });
    // One promoter, adjusted: P = 1.75, D = 0.75, n = 4; centre = 100 × 1/4 = 25;
    // SE = 100 × √((0.4375 + 0.1875 - 0.25²) / 4) = 100 × √0.140625 = 37.5 exactly.
    // Python: ref(1, 0, 0, 0.95, True) -> margin 73.49864942025202, lower -48.49864942025202, upper 98.49864942025202.
    // The interval, pulled toward 0, does not contain the plain score 100 (documented).
    const adjusted = nps([10], { method: 'adjusted-wald' });
    expect(adjusted.score).toBe(100);
    expect(adjusted.standardError).toBe(37.5);
    expectClose(adjusted.marginOfError, 73.49864942025202);
    expectClose(adjusted.lower, -48.49864942025202);
    expectClose(adjusted.upper, 98.49864942025202);
  });

  it('gives null figures and zero counts for no answers', () => {
    const empty = {
      score: null,
      n: 0,
      promoters: 0,
      passives: 0,
      detractors: 0,
      promoterShare: null,
      passiveShare: null,
      detractorShare: null,
      standardError: null,
      marginOfError: null,
      lower: null,
      upper: null,
    };
    expect(nps([])).toEqual({ ...empty, confidence: 0.95, method: 'wald' });
    expect(nps(new Set<number>(), { method: 'adjusted-wald', confidence: 0.9 })).toEqual({ ...empty, confidence: 0.9, method: 'adjusted-wald' });
    expect(nps([], { groupBy: 'plan' })).toEqual({ ...empty, confidence: 0.95, method: 'wald', groups: [] });
  });

  it('matches the reference on a large sample', () => {
    // 450 promoters, 300 passives, 250 detractors: score 20.
    // Python: ref(450, 300, 250, 0.95, False) -> se 2.5690465157330253, lower 14.964761354555158, upper 25.035238645444842.
    const wald = nps(sample(450, 300, 250));
    expect(wald.score).toBe(20);
    expectClose(wald.standardError, 2.5690465157330253);
    expectClose(wald.lower, 14.964761354555158);
    expectClose(wald.upper, 25.035238645444842);
    // Python: ref(450, 300, 250, 0.95, True) -> se 2.564503296493673, lower 14.913845362253312, upper 24.966513560977.
    const adjusted = nps(sample(450, 300, 250), { method: 'adjusted-wald' });
    expectClose(adjusted.standardError, 2.564503296493673);
    expectClose(adjusted.lower, 14.913845362253312);
    expectClose(adjusted.upper, 24.966513560977);
  });

  it('reads records through score, or a custom accessor, from any iterable', () => {
    const records = [{ score: 10 }, { score: 4 }, { score: 9 }, { score: 8 }];
    // 2 promoters, 1 passive, 1 detractor: 100 × (2 - 1) / 4 = 25.
    expect(nps(records).score).toBe(25);
    const rows = [{ ltr: 10 }, { ltr: 4 }, { ltr: 9 }, { ltr: 8 }];
    expect(nps(rows, { score: (r) => r.ltr }).score).toBe(25);
    function* answers(): Generator<number> {
      yield 10;
      yield 4;
      yield 9;
      yield 8;
    }
    expect(nps(answers()).score).toBe(25);
  });

  it("breaks the score down by group, in order of each group's first answer", () => {
    const survey = [
      { score: 10, plan: 'pro' },
      { score: 2, plan: 'free' },
      { score: 9, plan: 2 },
      { score: 7, plan: 'Pro' },
      { score: 6, plan: 'pro' },
      { score: 10, plan: 10 },
      { score: 9, plan: 'free' },
      { score: 1, plan: 2 },
    ];
    const result = nps(survey, { groupBy: 'plan' });
    // Overall: promoters 10, 9, 10, 9 (4); passive 7 (1); detractors 2, 6, 1 (3); n = 8: 100 × 1/8 = 12.5.
    expect(result).toMatchObject({ score: 12.5, n: 8, promoters: 4, passives: 1, detractors: 3 });
    // First appearances: 'pro' (row 0), 'free' (1), 2 (2), 'Pro' (3), 10 (5); 2 and '2' would differ.
    expect(result.groups.map((g) => g.group)).toEqual(['pro', 'free', 2, 'Pro', 10]);
    expect(result.groups.map((g) => [g.n, g.score])).toEqual([
      [2, 0], // 10 and 6
      [2, 0], // 2 and 9
      [2, 0], // 9 and 1: (1 - 1) / 2
      [1, 0],
      [1, 100],
    ]);
    // A group's figures are those of nps() on its answers alone.
    const { group, ...pro } = result.groups[0] as (typeof result.groups)[number];
    expect(group).toBe('pro');
    const { confidence, method, ...alone } = nps([10, 6]);
    expect(pro).toEqual(alone);
    expect([confidence, method]).toEqual([0.95, 'wald']);
    // An accessor works on records and on bare numbers (here: by the index's parity).
    const byAccessor = nps([10, 3, 8, 9], { groupBy: (_r, i) => (i % 2 === 0 ? 'even' : 'odd') });
    expect(byAccessor.groups.map((g) => [g.group, g.score])).toEqual([
      ['even', 50], // 10 and 8: one promoter, one passive: 100 × 1/2
      ['odd', 0], // 3 and 9: one detractor, one promoter
    ]);
  });

  it('returns plain JSON without NaN or Infinity', () => {
    for (const result of [nps([]), nps([10]), nps(sample(3, 4, 5), { method: 'adjusted-wald' }), nps([{ score: 5, team: 'a' }], { groupBy: 'team' })]) {
      expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    }
  });

  it('does not mutate its input', () => {
    const survey = Object.freeze([Object.freeze({ score: 9, plan: 'a' }), Object.freeze({ score: 3, plan: 'b' }), Object.freeze({ score: 10, plan: 'a' })]);
    const options = Object.freeze({ groupBy: 'plan', confidence: 0.9 } as const);
    const first = nps(survey, options);
    // 2 promoters, 1 detractor: 100 × 1/3.
    expect(first.score).toBeCloseTo(100 / 3, 12);
    expect(nps(survey, options)).toEqual(first);
    expect(survey).toEqual([
      { score: 9, plan: 'a' },
      { score: 3, plan: 'b' },
      { score: 10, plan: 'a' },
    ]);
  });

  it('rejects answers that are not integers from 0 to 10, naming the index', () => {
    for (const bad of [11, 4.5, '9', Number.NaN, -1, null, undefined, Number.POSITIVE_INFINITY]) {
      const error = errorOf(() => nps([10, 9, 8, bad as number, 7]));
      expect(error.code).toBe('invalid-score');
      expect(error.path).toBe('responses[3]');
      expect(error.value).toBe(bad);
    }
    expect(errorOf(() => nps([10, 9, 8, 11])).message).toBe('nps: responses[3] must be an integer from 0 to 10 (11)');
    expect(errorOf(() => nps([10, 9, 8, 4.5])).message).toBe('nps: responses[3] must be an integer from 0 to 10 (4.5)');
    expect(errorOf(() => nps([10, 9, 8, '9' as unknown as number])).message).toBe('nps: responses[3] must be an integer from 0 to 10 ("9")');
    expect(errorOf(() => nps([10, 9, 8, Number.NaN])).message).toBe('nps: responses[3] must be an integer from 0 to 10 (NaN)');
    expect(errorOf(() => nps([10, 9, 8, -1])).message).toBe('nps: responses[3] must be an integer from 0 to 10 (-1)');
    const record = errorOf(() => nps([{ score: 9 }, { score: '7' }] as { score: number }[]));
    expect([record.code, record.path, record.message]).toEqual(['invalid-score', 'responses[1].score', 'nps: responses[1].score must be an integer from 0 to 10 ("7")']);
    const missing = errorOf(() => nps([{ rating: 9 }] as unknown as { score: number }[]));
    expect(missing.message).toBe('nps: responses[0].score must be an integer from 0 to 10 (undefined)');
  });

  it('rejects input that is not iterable', () => {
    for (const bad of [null, undefined, 42, '9 10 3', { score: 9 }]) {
      const error = errorOf(() => nps(bad as unknown as number[]));
      expect(error.code).toBe('invalid-input');
      expect(error.path).toBe('responses');
    }
    expect(errorOf(() => nps(null as unknown as number[])).message).toBe('nps: responses must be an array or another iterable of records (null)');
  });

  it('rejects bad groups', () => {
    const absent = errorOf(() => nps([{ score: 9, plan: 'a' }, { score: 3 }], { groupBy: 'plan' }));
    expect([absent.code, absent.path, absent.message]).toEqual(['invalid-id', 'responses[1].plan', 'nps: responses[1].plan must be a non-empty string or a finite number (undefined)']);
    expect(errorOf(() => nps([{ score: 9, plan: '' }], { groupBy: 'plan' })).message).toBe(
      'nps: responses[0].plan must be a non-empty string or a finite number ("")',
    );
    const accessor = errorOf(() => nps([9, 3], { groupBy: (r) => (r === 3 ? Number.NaN : 'x') }));
    expect([accessor.code, accessor.path, accessor.message]).toEqual([
      'invalid-id',
      'responses[1].groupBy',
      'nps: responses[1].groupBy must be a non-empty string or a finite number (NaN)',
    ]);
    // Bare numbers have no fields to group by.
    expect(errorOf(() => nps([9], { groupBy: 'plan' })).path).toBe('responses[0].plan');
  });

  it('rejects bad options', () => {
    const cases: [unknown, string, string][] = [
      [{ confidence: 1 }, 'options.confidence', 'nps: options.confidence must be a number strictly between 0 and 1 (1)'],
      [{ confidence: 0 }, 'options.confidence', 'nps: options.confidence must be a number strictly between 0 and 1 (0)'],
      [{ confidence: '0.95' }, 'options.confidence', 'nps: options.confidence must be a number strictly between 0 and 1 ("0.95")'],
      [{ confidence: Number.NaN }, 'options.confidence', 'nps: options.confidence must be a number strictly between 0 and 1 (NaN)'],
      [{ method: 'wilson' }, 'options.method', "nps: options.method must be one of 'wald', 'adjusted-wald' (\"wilson\")"],
      [{ groupBy: 5 }, 'options.groupBy', 'nps: options.groupBy must be a field name or a function that reads the group from a record (5)'],
      [{ score: 'ltr' }, 'options.score', 'nps: options.score must be a function that reads the field from a record ("ltr")'],
      [null, 'options', 'nps: options must be an object (null)'],
      [[0.9], 'options', 'nps: options must be an object (an array of 1)'],
    ];
    for (const [options, path, message] of cases) {
      const error = errorOf(() => nps([9, 10], options as object));
      expect([error.code, error.path, error.message]).toEqual(['invalid-option', path, message]);
    }
  });

  it('property: agrees with the formula, computed the slow obvious way', () => {
    fc.assert(
      fc.property(fc.array(answer, { minLength: 1, maxLength: 60 }), confidence, (answers, level) => {
        const result = nps(answers, { confidence: level });
        const n = answers.length;
        const p = answers.filter((a) => a >= 9).length / n;
        const d = answers.filter((a) => a <= 6).length / n;
        expect(result.score as number).toBeCloseTo(100 * (p - d), 10);
        expect(result.standardError as number).toBeCloseTo(100 * Math.sqrt(Math.max(0, p + d - (p - d) ** 2) / n), 10);
        expect((result.promoterShare as number) + (result.passiveShare as number) + (result.detractorShare as number)).toBeCloseTo(1, 12);
      }),
    );
  });

  it('property: the score, the bounds and the interval lie in [-100, 100]; Wald brackets the score', () => {
    fc.assert(
      fc.property(fc.array(answer, { minLength: 1, maxLength: 80 }), method, confidence, (answers, m, level) => {
        const result = nps(answers, { method: m, confidence: level });
        const score = result.score as number;
        const lower = result.lower as number;
        const upper = result.upper as number;
        expect(score).toBeGreaterThanOrEqual(-100);
        expect(score).toBeLessThanOrEqual(100);
        expect(lower).toBeGreaterThanOrEqual(-100);
        expect(upper).toBeLessThanOrEqual(100);
        expect(lower).toBeLessThanOrEqual(upper);
        expect(result.marginOfError as number).toBeGreaterThanOrEqual(0);
        if (m === 'wald') {
          expect(lower).toBeLessThanOrEqual(score);
          expect(score).toBeLessThanOrEqual(upper);
        } else {
          expect(result.standardError as number).toBeGreaterThan(0);
        }
      }),
    );
  });

  it('property: replacing a detractor by a promoter never lowers the score', () => {
    fc.assert(
      fc.property(fc.array(answer, { minLength: 1, maxLength: 50 }), fc.nat(), fc.integer({ min: 9, max: 10 }), (answers, pick, promoter) => {
        const detractors = answers.flatMap((a, i) => (a <= 6 ? [i] : []));
        fc.pre(detractors.length > 0);
        const changed = answers.slice();
        changed[detractors[pick % detractors.length] as number] = promoter;
        expect(nps(changed).score as number).toBeGreaterThan(nps(answers).score as number);
      }),
    );
  });

  it('property: shuffling the responses changes nothing', () => {
    const shuffled = fc
      .array(fc.record({ score: answer, team: fc.constantFrom('a', 'b', 3, 1) }), { maxLength: 40 })
      .chain((rows) => fc.tuple(fc.constant(rows), fc.shuffledSubarray(rows, { minLength: rows.length, maxLength: rows.length })));
    fc.assert(
      fc.property(shuffled, method, ([rows, permuted], m) => {
        expect(nps(permuted, { method: m })).toEqual(nps(rows, { method: m }));
        // The groups are listed in order of first appearance, so only their order may change.
        const { groups, ...overall } = nps(permuted, { method: m, groupBy: 'team' });
        const { groups: expected, ...expectedOverall } = nps(rows, { method: m, groupBy: 'team' });
        expect(overall).toEqual(expectedOverall);
        const key = (g: { group: string | number }) => `${typeof g.group}:${g.group}`;
        expect([...groups].sort((a, b) => (key(a) < key(b) ? -1 : 1))).toEqual([...expected].sort((a, b) => (key(a) < key(b) ? -1 : 1)));
      }),
    );
  });

  it("property: groups' counts add up to the total, the groups in order of first appearance", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ score: answer, team: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.string({ minLength: 1, maxLength: 2 })) }), { maxLength: 60 }), (rows) => {
        const result = nps(rows, { groupBy: 'team' });
        const sum = (key: 'n' | 'promoters' | 'passives' | 'detractors') => result.groups.reduce((s, seg) => s + seg[key], 0);
        expect(sum('n')).toBe(result.n);
        expect(sum('promoters')).toBe(result.promoters);
        expect(sum('passives')).toBe(result.passives);
        expect(sum('detractors')).toBe(result.detractors);
        expect(result.groups.map((g) => g.group)).toEqual([...new Set(rows.map((r) => r.team))]);
        for (const seg of result.groups) expect(seg.n).toBeGreaterThan(0);
      }),
    );
  });
});
