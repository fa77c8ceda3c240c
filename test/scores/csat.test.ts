import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csat } from '../../src/scores/csat.js';
import { errorOf } from '../support/errors.js';

/** Wilson bounds against R agree to a few ulps; 1e-14 leaves room for the z quantile. */
const RELATIVE = 1e-14;

function expectClose(actual: number | undefined, expected: number, relative = RELATIVE): void {
  expect(actual).toBeTypeOf('number');
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(relative * Math.abs(expected));
}

/** Answers 1..scale with the scale, for properties. */
const answersOnScale = fc
  .integer({ min: 2, max: 10 })
  .chain((scale) => fc.tuple(fc.constant(scale), fc.array(fc.integer({ min: 1, max: scale }), { maxLength: 60 })));

/** Fisher–Yates with fast-check's random source. */
function shuffled<T>(values: readonly T[], random: (max: number) => number): T[] {
  const copy = [...values];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random(i);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

describe('csat', () => {
  it('runs the doc example', () => {
    const result = csat([5, 4, 4, 3, 5, 2, 4, 5, 1, 4]);
    expect(result.satisfied).toBe(7);
    // R: prop.test(7, 10, correct = FALSE)$conf.int -> 0.39677814746114537 0.89220873259369904
    expect(result.rate?.value).toBe(0.7);
    expectClose(result.rate?.lower, 0.39677814746114537);
    expectClose(result.rate?.upper, 0.89220873259369904);
    expect(result.mean).toBe(3.7);
    const groups = csat([{ score: 7, plan: 'pro' }, { score: 3, plan: 'free' }], { scale: 7, groupBy: 'plan' }).groups;
    expect(groups.map((g) => [g.group, g.satisfied, g.n])).toEqual([
      ['pro', 1, 1],
      ['free', 0, 1],
    ]);
    expect(csat([]).rate).toBeNull();
  });

  it('counts the top two boxes of a 1–5 scale, with a Wilson interval, the mean and the distribution', () => {
    // Answers 5 4 4 3 5 2 4 5 1 4: the 4s and 5s are 4 + 3 = 7 of 10; sum 37, mean 3.7.
    const result = csat([5, 4, 4, 3, 5, 2, 4, 5, 1, 4]);
    expect(result).toMatchObject({ n: 10, satisfied: 7, mean: 3.7, scale: 5, satisfiedAtLeast: 4, confidence: 0.95 });
    expect(result.distribution).toEqual([
      { answer: 1, count: 1 },
      { answer: 2, count: 1 },
      { answer: 3, count: 1 },
      { answer: 4, count: 4 },
      { answer: 5, count: 3 },
    ]);
    expect(Object.keys(result)).toEqual(['n', 'satisfied', 'rate', 'mean', 'distribution', 'scale', 'satisfiedAtLeast', 'confidence']);
  });

  it('takes a scale, a cut-off and a confidence level', () => {
    // 1–7 scale, satisfied from 6: 7 6 6 5 7 2 6 4 7 3 6 5 has 7 answers of 6 or 7; sum 64, mean 64/12.
    const result = csat([7, 6, 6, 5, 7, 2, 6, 4, 7, 3, 6, 5], { scale: 7, satisfiedAtLeast: 6 });
    expect(result).toMatchObject({ n: 12, satisfied: 7, mean: 64 / 12, scale: 7, satisfiedAtLeast: 6 });
    expect(result.distribution.map((row) => row.count)).toEqual([0, 1, 1, 1, 2, 4, 3]);
    // R: prop.test(7, 12, correct = FALSE)$conf.int -> 0.31951131254954984 0.80673968634124349
    expectClose(result.rate?.lower, 0.31951131254954984);
    expectClose(result.rate?.upper, 0.80673968634124349);
    // R: prop.test(7, 10, conf.level = 0.9, correct = FALSE)$conf.int -> 0.44169979586983515 0.87312341609680189
    const ninety = csat([5, 4, 4, 3, 5, 2, 4, 5, 1, 4], { confidence: 0.9 });
    expect(ninety.confidence).toBe(0.9);
    expectClose(ninety.rate?.lower, 0.44169979586983515);
    expectClose(ninety.rate?.upper, 0.87312341609680189);
  });

  it('defaults the cut-off to the answers above the midpoint of the scale', () => {
    // ⌊(scale + 1)/2⌋ + 1: 2 of 1–2, 3 of 1–3, 3 of 1–4, 4 of 1–5, 5 of 1–7, 6 of 1–10.
    for (const [scale, cutoff] of [
      [2, 2],
      [3, 3],
      [4, 3],
      [5, 4],
      [7, 5],
      [10, 6],
      [100, 51],
    ] as const) {
      expect(csat([], { scale }).satisfiedAtLeast).toBe(cutoff);
    }
    // Thumbs up (2) or down (1): 2 of 3 are up.
    expect(csat([2, 1, 2], { scale: 2 })).toMatchObject({ satisfied: 2, mean: 5 / 3 });
  });

  it('handles a single response', () => {
    // R: prop.test(1, 1, correct = FALSE)$conf.int -> 0.2065493143772375 1
    const happy = csat([5]);
    expect(happy).toMatchObject({ n: 1, satisfied: 1, mean: 5 });
    expect(happy.rate?.value).toBe(1);
    expectClose(happy.rate?.lower, 0.2065493143772375);
    expect(happy.rate?.upper).toBe(1);
    // R: prop.test(0, 1, correct = FALSE)$conf.int -> 0 0.79345068562276255
    const unhappy = csat([2]);
    expect(unhappy).toMatchObject({ n: 1, satisfied: 0, mean: 2 });
    expect(unhappy.rate?.lower).toBe(0);
    expectClose(unhappy.rate?.upper, 0.79345068562276255);
  });

  it('handles all satisfied and none satisfied', () => {
    // R: prop.test(5, 5, correct = FALSE)$conf.int -> 0.56551753521682535 1
    const all = csat([4, 5, 5, 4, 5]);
    expect(all).toMatchObject({ n: 5, satisfied: 5, mean: 4.6 });
    expect(all.rate?.value).toBe(1);
    expectClose(all.rate?.lower, 0.56551753521682535);
    expect(all.rate?.upper).toBe(1);
    // R: prop.test(0, 6, correct = FALSE)$conf.int -> 0 0.39033428790216523
    const none = csat([1, 2, 3, 3, 2, 1]);
    expect(none).toMatchObject({ n: 6, satisfied: 0, mean: 2 });
    expect(none.rate?.value).toBe(0);
    expect(none.rate?.lower).toBe(0);
    expectClose(none.rate?.upper, 0.39033428790216523);
  });

  it('gives n = 0 with null rate and mean for no responses, and survives JSON', () => {
    const empty = csat([]);
    expect(empty).toEqual({
      n: 0,
      satisfied: 0,
      rate: null,
      mean: null,
      distribution: [1, 2, 3, 4, 5].map((answer) => ({ answer, count: 0 })),
      scale: 5,
      satisfiedAtLeast: 4,
      confidence: 0.95,
    });
    expect(JSON.parse(JSON.stringify(empty))).toEqual(empty);
    expect(csat(new Set<number>()).n).toBe(0);
    const withGroups = csat([], { groupBy: 'plan' });
    expect(withGroups.groups).toEqual([]);
    const full = csat([1, 5, 3], { groupBy: (_, i) => i % 2 });
    expect(JSON.parse(JSON.stringify(full))).toEqual(full);
  });

  it('reads records, accessors and any iterable', () => {
    // Default field `score`; the accessor reads another column.
    expect(csat([{ score: 5 }, { score: 3 }]).satisfied).toBe(1);
    const rows = [{ rating: 4 }, { rating: 1 }, { rating: 5 }];
    const result = csat(rows, { score: (row) => row.rating });
    expect(result).toMatchObject({ n: 3, satisfied: 2, mean: 10 / 3 });
    function* answers(): Generator<number> {
      yield 5;
      yield 4;
      yield 1;
    }
    expect(csat(answers())).toMatchObject({ n: 3, satisfied: 2 });
    expect(csat(new Set([1, 2, 5]))).toMatchObject({ n: 3, satisfied: 1 });
  });

  it('splits by group, in order of first appearance', () => {
    const rows = [
      { score: 5, plan: 'pro' },
      { score: 2, plan: 'Pro' },
      { score: 4, plan: 10 },
      { score: 1, plan: 'free' },
      { score: 5, plan: 2 },
      { score: 3, plan: 'free' },
      { score: 4, plan: 'pro' },
      { score: 3, plan: '10' },
    ];
    const result = csat(rows, { groupBy: 'plan' });
    // 10 and '10' are different groups; each is listed where it first appears.
    expect(result.groups.map((g) => g.group)).toEqual(['pro', 'Pro', 10, 'free', 2, '10']);
    const pro = result.groups.find((g) => g.group === 'pro');
    // 'pro': 5 and 4, both satisfied; mean 4.5.
    expect(pro).toMatchObject({ n: 2, satisfied: 2, mean: 4.5 });
    expect(pro?.rate?.value).toBe(1);
    // 'free': 1 and 3, none satisfied; mean 2.
    expect(result.groups.find((g) => g.group === 'free')).toMatchObject({ n: 2, satisfied: 0, mean: 2 });
    expect(Object.keys(pro ?? {})).toEqual(['group', 'n', 'satisfied', 'rate', 'mean', 'distribution']);
    // The overall figures are those of all responses: 5 2 4 1 5 3 4 3, four of 4 or 5, sum 27.
    expect(result).toMatchObject({ n: 8, satisfied: 4, mean: 27 / 8 });
    // An accessor works on bare numbers too.
    const byParity = csat([5, 1, 4, 2], { groupBy: (answer) => (answer % 2 === 0 ? 'even' : 'odd') });
    // 5 (odd) comes first.
    expect(byParity.groups.map((g) => [g.group, g.n, g.satisfied])).toEqual([
      ['odd', 2, 1],
      ['even', 2, 1],
    ]);
    // Without groupBy there is no groups field.
    expect('groups' in csat([5])).toBe(false);
  });

  it('does not mutate its input, and gives the same result twice', () => {
    const rows = Object.freeze([Object.freeze({ score: 5, plan: 'a' }), Object.freeze({ score: 2, plan: 'b' }), Object.freeze({ score: 4, plan: 'a' })]);
    const options = Object.freeze({ groupBy: 'plan', confidence: 0.9 });
    const first = csat(rows, options);
    expect(first).toMatchObject({ n: 3, satisfied: 2 });
    expect(csat(rows, options)).toEqual(first);
    expect(rows).toEqual([
      { score: 5, plan: 'a' },
      { score: 2, plan: 'b' },
      { score: 4, plan: 'a' },
    ]);
  });

  it('rejects answers that are not integers on the scale, naming the index', () => {
    for (const [answer, shown] of [
      [6, '6'],
      [0, '0'],
      [4.5, '4.5'],
      ['4', '"4"'],
      [Number.NaN, 'NaN'],
      [null, 'null'],
      [undefined, 'undefined'],
    ] as const) {
      const error = errorOf(() => csat([5, 4, answer as number, 3]));
      expect({ code: error.code, path: error.path, message: error.message }).toEqual({
        code: 'invalid-score',
        path: 'responses[2]',
        message: `csat: responses[2] must be an integer from 1 to 5 (${shown})`,
      });
    }
    // 6 is fine on a 1–7 scale, 8 is not.
    expect(csat([6], { scale: 7 }).n).toBe(1);
    expect(errorOf(() => csat([6, 8], { scale: 7 })).message).toBe('csat: responses[1] must be an integer from 1 to 7 (8)');
    const record = errorOf(() => csat([{ score: 5 }, { score: 9 }]));
    expect({ code: record.code, path: record.path, value: record.value }).toEqual({ code: 'invalid-score', path: 'responses[1].score', value: 9 });
    expect(record.message).toBe('csat: responses[1].score must be an integer from 1 to 5 (9)');
    expect(errorOf(() => csat([{ rating: '5' }], { score: (r) => r.rating })).message).toBe(
      'csat: responses[0].score must be an integer from 1 to 5 ("5")',
    );
  });

  it('rejects input that is not iterable', () => {
    for (const [input, shown] of [
      [null, 'null'],
      [5, '5'],
      ['45', '"45"'],
      [{ score: 5 }, '{"score":5}'],
    ] as const) {
      const error = errorOf(() => csat(input as unknown as number[]));
      expect({ code: error.code, path: error.path, message: error.message }).toEqual({
        code: 'invalid-input',
        path: 'responses',
        message: `csat: responses must be an array or another iterable of records (${shown})`,
      });
    }
  });

  it('rejects bad options, naming the option', () => {
    const cases: [options: object, path: string, message: string][] = [
      [{ scale: 1 }, 'options.scale', 'csat: options.scale must be an integer from 2 to 100 (1)'],
      [{ scale: 5.5 }, 'options.scale', 'csat: options.scale must be an integer from 2 to 100 (5.5)'],
      [{ scale: 101 }, 'options.scale', 'csat: options.scale must be an integer from 2 to 100 (101)'],
      [{ scale: '5' }, 'options.scale', 'csat: options.scale must be an integer from 2 to 100 ("5")'],
      [{ satisfiedAtLeast: 6 }, 'options.satisfiedAtLeast', 'csat: options.satisfiedAtLeast must be an integer from 1 to 5 (6)'],
      [{ satisfiedAtLeast: 0 }, 'options.satisfiedAtLeast', 'csat: options.satisfiedAtLeast must be an integer from 1 to 5 (0)'],
      [{ satisfiedAtLeast: 3.5 }, 'options.satisfiedAtLeast', 'csat: options.satisfiedAtLeast must be an integer from 1 to 5 (3.5)'],
      [{ scale: 3, satisfiedAtLeast: 4 }, 'options.satisfiedAtLeast', 'csat: options.satisfiedAtLeast must be an integer from 1 to 3 (4)'],
      [{ confidence: 1 }, 'options.confidence', 'csat: options.confidence must be a number strictly between 0 and 1 (1)'],
      [{ confidence: 95 }, 'options.confidence', 'csat: options.confidence must be a number strictly between 0 and 1 (95)'],
      [{ score: 'rating' }, 'options.score', 'csat: options.score must be a function that reads the field from a record ("rating")'],
      [{ groupBy: 3 }, 'options.groupBy', 'csat: options.groupBy must be a field name or a function that reads the group from a record (3)'],
      [{ groupBy: '' }, 'options.groupBy', 'csat: options.groupBy must be a field name or a function that reads the group from a record ("")'],
    ];
    for (const [options, path, message] of cases) {
      // Options are checked even without responses.
      const error = errorOf(() => csat([], options as never));
      expect({ code: error.code, path: error.path, message: error.message }).toEqual({ code: 'invalid-option', path, message });
    }
    const notObject = errorOf(() => csat([5], 5 as never));
    expect({ code: notObject.code, path: notObject.path, message: notObject.message }).toEqual({
      code: 'invalid-option',
      path: 'options',
      message: 'csat: options must be an object (5)',
    });
  });

  it('rejects a missing group or one that is not an id, naming the response', () => {
    const bad = errorOf(() => csat([{ score: 5, plan: 'a' }, { score: 4, plan: { id: 1 } }], { groupBy: 'plan' }));
    expect({ code: bad.code, path: bad.path, message: bad.message }).toEqual({
      code: 'invalid-id',
      path: 'responses[1].plan',
      message: 'csat: responses[1].plan must be a non-empty string or a finite number ({"id":1})',
    });
    for (const [plan, shown] of [
      ['', '""'],
      [Number.NaN, 'NaN'],
      [null, 'null'],
      [undefined, 'undefined'],
    ] as const) {
      expect(errorOf(() => csat([{ score: 5, plan }], { groupBy: 'plan' })).message).toBe(
        `csat: responses[0].plan must be a non-empty string or a finite number (${shown})`,
      );
    }
    const fromAccessor = errorOf(() => csat([5, 4], { groupBy: (_, i) => (i === 1 ? true : 'a') }));
    expect({ code: fromAccessor.code, path: fromAccessor.path, message: fromAccessor.message }).toEqual({
      code: 'invalid-id',
      path: 'responses[1].groupBy',
      message: 'csat: responses[1].groupBy must be a non-empty string or a finite number (true)',
    });
    // A bare number has no field to read.
    const bare = errorOf(() => csat([5, 4], { groupBy: 'plan' }));
    expect({ code: bare.code, path: bare.path }).toEqual({ code: 'invalid-id', path: 'responses[0].plan' });
  });

  it('property: rate and mean stay in range, with lower <= value <= upper, and match a direct count', () => {
    fc.assert(
      fc.property(answersOnScale, fc.integer({ min: 1, max: 10 }), ([scale, answers], cut) => {
        const satisfiedAtLeast = Math.min(cut, scale);
        const result = csat(answers, { scale, satisfiedAtLeast });
        const satisfied = answers.filter((a) => a >= satisfiedAtLeast).length;
        expect(result.n).toBe(answers.length);
        expect(result.satisfied).toBe(satisfied);
        expect(result.distribution.reduce((sum, row) => sum + row.count, 0)).toBe(answers.length);
        if (answers.length === 0) {
          expect(result.rate).toBeNull();
          expect(result.mean).toBeNull();
          return;
        }
        const { value, lower, upper } = result.rate as NonNullable<typeof result.rate>;
        expect(value).toBe(satisfied / answers.length);
        expect(0 <= lower && lower <= value && value <= upper && upper <= 1).toBe(true);
        const mean = result.mean as number;
        expect(mean).toBeGreaterThanOrEqual(1);
        expect(mean).toBeLessThanOrEqual(scale);
        // Integer sums are exact, so the mean is the correctly rounded quotient.
        expect(mean).toBe(answers.reduce((sum, a) => sum + a, 0) / answers.length);
      }),
    );
  });

  it('property: shuffling the answers changes nothing', () => {
    fc.assert(
      fc.property(answersOnScale, fc.infiniteStream(fc.nat()), ([scale, answers], stream) => {
        const draws = stream[Symbol.iterator]();
        const shuffledAnswers = shuffled(answers, (max) => (draws.next().value as number) % (max + 1));
        expect(csat(shuffledAnswers, { scale })).toEqual(csat(answers, { scale }));
      }),
    );
  });

  it('property: raising one answer never lowers the rate or the mean', () => {
    fc.assert(
      fc.property(answersOnScale, fc.nat(), fc.nat(), ([scale, answers], at, by) => {
        fc.pre(answers.length > 0);
        const i = at % answers.length;
        const raised = [...answers];
        raised[i] = Math.min(scale, (raised[i] as number) + 1 + (by % scale));
        const before = csat(answers, { scale });
        const after = csat(raised, { scale });
        expect(after.satisfied).toBeGreaterThanOrEqual(before.satisfied);
        expect(after.rate?.value as number).toBeGreaterThanOrEqual(before.rate?.value as number);
        expect(after.mean as number).toBeGreaterThanOrEqual(before.mean as number);
      }),
    );
  });

  it('property: groups add up to the totals', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ score: fc.integer({ min: 1, max: 5 }), plan: fc.constantFrom('a', 'b', 'c', 1, 2, '1') }), { maxLength: 60 }),
        (rows) => {
          const result = csat(rows, { groupBy: 'plan' });
          const groups = result.groups;
          expect(groups.map((g) => g.group)).toEqual([...new Set(rows.map((r) => r.plan))]);
          expect(groups.reduce((sum, s) => sum + s.n, 0)).toBe(result.n);
          expect(groups.reduce((sum, s) => sum + s.satisfied, 0)).toBe(result.satisfied);
          for (let answer = 1; answer <= 5; answer++) {
            const total = groups.reduce((sum, s) => sum + (s.distribution[answer - 1]?.count ?? 0), 0);
            expect(total).toBe(result.distribution[answer - 1]?.count);
          }
          // Each group is the csat of its own responses.
          for (const s of groups) {
            const own = csat(rows.filter((r) => r.plan === s.group));
            expect({ n: s.n, satisfied: s.satisfied, rate: s.rate, mean: s.mean, distribution: s.distribution }).toEqual({
              n: own.n,
              satisfied: own.satisfied,
              rate: own.rate,
              mean: own.mean,
              distribution: own.distribution,
            });
          }
          // The n-weighted group means give back the overall mean.
          if (result.n > 0) {
            const weighted = groups.reduce((sum, s) => sum + s.n * (s.mean as number), 0) / result.n;
            expect(Math.abs(weighted - (result.mean as number))).toBeLessThanOrEqual(1e-12);
          }
        },
      ),
    );
  });
});
