import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ces } from '../../src/scores/ces.js';
import { errorOf } from '../support/errors.js';

/** Against R: the t quantile and the Wilson bounds agree to a few ulps. */
const RELATIVE = 1e-13;

function expectClose(actual: number | null | undefined, expected: number, relative = RELATIVE): void {
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

/** The slow obvious model: mean and n - 1 standard deviation, two passes over the answers. */
function naive(answers: readonly number[]): { mean: number; sd: number } {
  const mean = answers.reduce((s, a) => s + a, 0) / answers.length;
  const squares = answers.reduce((s, a) => s + (a - mean) ** 2, 0);
  return { mean, sd: Math.sqrt(squares / (answers.length - 1)) };
}

describe('ces', () => {
  it('runs the doc example', () => {
    // 7 6 5 6 3 7 4 6: sum 44, mean 5.5; squared deviations 2.25 + 0.25 + 0.25 + 0.25 + 6.25
    // + 2.25 + 2.25 + 0.25 = 14, variance 14/7 = 2, sd √2.
    const result = ces([7, 6, 5, 6, 3, 7, 4, 6]);
    expect(result.mean).toBe(5.5);
    expectClose(result.standardDeviation, Math.SQRT2, 1e-15);
    // R: t.test(c(7,6,5,6,3,7,4,6))$conf.int -> 4.3176878742036076 6.6823121257963924
    // (half-width qt(0.975, 7) · √2/√8 = 2.3646242515927844 / 2)
    expect(result.interval?.value).toBe(5.5);
    expectClose(result.interval?.lower, 4.3176878742036076);
    expectClose(result.interval?.upper, 6.6823121257963924);
    // 5, 6, 6, 7, 7, 6 agree: 6 of 8.
    expect(result.agreeShare?.value).toBe(0.75);
    expect(ces([7]).interval).toBeNull();
  });

  it('reports the mean with a t interval and the agreeing share with a Wilson interval', () => {
    const result = ces([7, 6, 5, 6, 3, 7, 4, 6]);
    expect(result).toMatchObject({ n: 8, agreeing: 6, scale: 7, agreeAtLeast: 5, confidence: 0.95 });
    // R: prop.test(6, 8, correct = FALSE)$conf.int -> 0.409275430310169 0.92852078724789089
    expectClose(result.agreeShare?.lower, 0.409275430310169);
    expectClose(result.agreeShare?.upper, 0.92852078724789089);
    expect(result.distribution.map((row) => row.count)).toEqual([0, 0, 1, 1, 1, 3, 2]);
    expect(result.distribution[0]).toEqual({ answer: 1, count: 0 });
    expect(Object.keys(result)).toEqual([
      'n',
      'mean',
      'standardDeviation',
      'interval',
      'agreeing',
      'agreeShare',
      'distribution',
      'scale',
      'agreeAtLeast',
      'confidence',
    ]);
  });

  it('matches R for forty answers at 90% and 95%', () => {
    // 9 sevens, 12 sixes, 8 fives, 5 fours, 3 threes, 2 twos, 1 one: sum 209, mean 5.225; 29 agree.
    const answers = [...Array(9).fill(7), ...Array(12).fill(6), ...Array(8).fill(5), ...Array(5).fill(4), 3, 3, 3, 2, 2, 1] as number[];
    const ninety = ces(answers, { confidence: 0.9 });
    expect(ninety).toMatchObject({ n: 40, agreeing: 29, confidence: 0.9 });
    // R: mean(y2) -> 5.2249999999999996; sd(y2) -> 1.5768761719102935
    expectClose(ninety.mean, 5.2249999999999996, 1e-15);
    expectClose(ninety.standardDeviation, 1.5768761719102935, 1e-15);
    // R: t.test(y2, conf.level = 0.9)$conf.int -> 4.8049168008653886 5.6450831991346107
    expectClose(ninety.interval?.lower, 4.8049168008653886);
    expectClose(ninety.interval?.upper, 5.6450831991346107);
    // R: prop.test(29, 40, conf.level = 0.9, correct = FALSE)$conf.int -> 0.5974569691939019 0.82403397891564201
    expectClose(ninety.agreeShare?.lower, 0.5974569691939019);
    expectClose(ninety.agreeShare?.upper, 0.82403397891564201);
    const ninetyFive = ces(answers);
    // R: t.test(y2)$conf.int -> 4.7206905342120642 5.7293094657879351
    expectClose(ninetyFive.interval?.lower, 4.7206905342120642);
    expectClose(ninetyFive.interval?.upper, 5.7293094657879351);
    // R: prop.test(29, 40, correct = FALSE)$conf.int -> 0.57165044193789427 0.83891983752332666
    expectClose(ninetyFive.agreeShare?.lower, 0.57165044193789427);
    expectClose(ninetyFive.agreeShare?.upper, 0.83891983752332666);
  });

  it('works on a 1–5 scale, where agreeing defaults to 4 and 5', () => {
    // 5 4 2 4 3 5 1 4 4: sum 32, mean 32/9; six answers of 4 or 5.
    const result = ces([5, 4, 2, 4, 3, 5, 1, 4, 4], { scale: 5 });
    expect(result).toMatchObject({ n: 9, agreeing: 6, agreeAtLeast: 4, scale: 5 });
    // R: mean(y4) -> 3.5555555555555554; sd(y4) -> 1.3333333333333333 (Σ(x - m)² = 128/9, /8 = 16/9)
    expectClose(result.mean, 32 / 9, 1e-15);
    expectClose(result.standardDeviation, 4 / 3, 1e-15);
    // R: t.test(y4)$conf.int -> 2.5306648287981486 4.5804462823129626
    expectClose(result.interval?.lower, 2.5306648287981486);
    expectClose(result.interval?.upper, 4.5804462823129626);
    // R: prop.test(6, 9, correct = FALSE)$conf.int -> 0.35420213558039632 0.87941618161308888
    expectClose(result.agreeShare?.lower, 0.35420213558039632);
    expectClose(result.agreeShare?.upper, 0.87941618161308888);
    expect(ces([5, 4, 3], { scale: 5, agreeAtLeast: 5 }).agreeing).toBe(1);
  });

  it('cuts the interval to the scale where the t interval reaches past it', () => {
    // R: t.test(c(6, 7))$conf.int -> 0.14689763191265293 12.853102368087347 (sd 0.70710678118654757):
    // 6.5 ± 12.706 · 0.7071/√2 runs past both ends of 1–7.
    const result = ces([6, 7]);
    expect(result.mean).toBe(6.5);
    expectClose(result.standardDeviation, Math.SQRT1_2, 1e-15);
    expect(result.interval).toEqual({ value: 6.5, lower: 1, upper: 7 });
    // One side only: 7 7 7 7 6, mean 6.8, sd √0.2.
    // R: t.test(c(7, 7, 7, 7, 6))$conf.int -> 6.2447109789604411 7.3552890210395594
    const high = ces([7, 7, 7, 7, 6]);
    expectClose(high.interval?.lower, 6.2447109789604411);
    expect(high.interval?.upper).toBe(7);
  });

  it('handles a single response: a mean, but no spread and no interval', () => {
    const result = ces([6]);
    expect(result).toMatchObject({ n: 1, mean: 6, standardDeviation: null, interval: null, agreeing: 1 });
    // R: prop.test(1, 1, correct = FALSE)$conf.int -> 0.2065493143772375 1
    expectClose(result.agreeShare?.lower, 0.2065493143772375, 1e-14);
    expect(result.agreeShare?.upper).toBe(1);
  });

  it('handles all agreeing, none agreeing and identical answers', () => {
    // Identical answers: sd 0 and an interval of zero width; the share keeps its Wilson width.
    const same = ces([6, 6, 6, 6]);
    expect(same).toMatchObject({ n: 4, mean: 6, standardDeviation: 0, interval: { value: 6, lower: 6, upper: 6 }, agreeing: 4 });
    expect(same.agreeShare?.upper).toBe(1);
    expect(same.agreeShare?.lower).toBeLessThan(0.6);
    const none = ces([1, 2, 4, 3, 1]);
    expect(none).toMatchObject({ n: 5, agreeing: 0, mean: 2.2 });
    expect(none.agreeShare).toMatchObject({ value: 0, lower: 0 });
  });

  it('gives n = 0 with null figures for no responses, and survives JSON', () => {
    const empty = ces([]);
    expect(empty).toEqual({
      n: 0,
      mean: null,
      standardDeviation: null,
      interval: null,
      agreeing: 0,
      agreeShare: null,
      distribution: [1, 2, 3, 4, 5, 6, 7].map((answer) => ({ answer, count: 0 })),
      scale: 7,
      agreeAtLeast: 5,
      confidence: 0.95,
    });
    expect(JSON.parse(JSON.stringify(empty))).toEqual(empty);
    const grouped = ces([7, 1, 6, 6], { groupBy: (_, i) => (i < 1 ? 'solo' : 'rest') });
    expect(JSON.parse(JSON.stringify(grouped))).toEqual(grouped);
  });

  it('keeps the variance accurate for a million answers', () => {
    // N sevens and one 1: Σ(x - m)² = N · 1 · 6² / (N + 1), so variance = 36 / (N + 1) and
    // mean = 7 - 6/(N + 1).
    const N = 1_000_000;
    const answers = new Array<number>(N).fill(7);
    answers.push(1);
    const result = ces(answers);
    expectClose(result.mean, 7 - 6 / (N + 1), 1e-15);
    expectClose(result.standardDeviation, 6 / Math.sqrt(N + 1), 1e-13);
  });

  it('reads records, accessors and any iterable', () => {
    expect(ces([{ score: 7 }, { score: 4 }])).toMatchObject({ n: 2, mean: 5.5, agreeing: 1 });
    // CES 1.0 (1–5, lower is better) reversed into agreement order by the accessor.
    const effort = [{ effort: 1 }, { effort: 2 }, { effort: 5 }];
    // Effort 1, 2, 5 becomes 5, 4, 1: mean 10/3, two agreeing (4 or 5).
    expect(ces(effort, { scale: 5, score: (r) => 6 - r.effort })).toMatchObject({ n: 3, mean: 10 / 3, agreeing: 2 });
    function* answers(): Generator<number> {
      yield 7;
      yield 5;
    }
    expect(ces(answers())).toMatchObject({ n: 2, mean: 6 });
  });

  it('splits by group, in order of first appearance', () => {
    const rows = [
      { score: 7, channel: 'chat' },
      { score: 2, channel: 'email' },
      { score: 5, channel: 'chat' },
      { score: 6, channel: 'phone' },
      { score: 4, channel: 3 },
    ];
    const result = ces(rows, { groupBy: 'channel' });
    expect(result.groups.map((g) => [g.group, g.n, g.mean, g.agreeing])).toEqual([
      ['chat', 2, 6, 2],
      ['email', 1, 2, 0],
      ['phone', 1, 6, 1],
      [3, 1, 4, 0],
    ]);
    // chat: 7 and 5, sd √2; R: t.test(c(7, 5))$conf.int -> -6.7062047361746941 18.706204736174694, cut to 1–7.
    const chat = result.groups[0];
    expectClose(chat?.standardDeviation, Math.SQRT2, 1e-15);
    expect(chat?.interval).toEqual({ value: 6, lower: 1, upper: 7 });
    expect(Object.keys(chat ?? {})).toEqual(['group', 'n', 'mean', 'standardDeviation', 'interval', 'agreeing', 'agreeShare', 'distribution']);
    expect(result).toMatchObject({ n: 5, mean: 24 / 5, agreeing: 3 });
    const missing = errorOf(() => ces([{ score: 7, channel: 'chat' }, { score: 6 }], { groupBy: 'channel' }));
    expect({ code: missing.code, path: missing.path, message: missing.message }).toEqual({
      code: 'invalid-id',
      path: 'responses[1].channel',
      message: 'ces: responses[1].channel must be a non-empty string or a finite number (undefined)',
    });
  });

  it('does not mutate its input, and gives the same result twice', () => {
    const answers = Object.freeze([7, 3, 6, 5]);
    const options = Object.freeze({ confidence: 0.8, agreeAtLeast: 6 });
    const first = ces(answers, options);
    expect(first).toMatchObject({ n: 4, mean: 5.25, agreeing: 2 });
    expect(ces(answers, options)).toEqual(first);
    expect(answers).toEqual([7, 3, 6, 5]);
  });

  it('rejects answers that are not integers on the scale, naming the index', () => {
    for (const [answer, shown] of [
      [8, '8'],
      [0, '0'],
      [4.5, '4.5'],
      ['4', '"4"'],
      [Number.NaN, 'NaN'],
      [Number.POSITIVE_INFINITY, 'Infinity'],
    ] as const) {
      const error = errorOf(() => ces([5, 4, answer as number]));
      expect({ code: error.code, path: error.path, message: error.message }).toEqual({
        code: 'invalid-score',
        path: 'responses[2]',
        message: `ces: responses[2] must be an integer from 1 to 7 (${shown})`,
      });
    }
    expect(errorOf(() => ces([5, 6], { scale: 5 })).message).toBe('ces: responses[1] must be an integer from 1 to 5 (6)');
    const record = errorOf(() => ces([{ score: 7 }, { score: null }]));
    expect({ code: record.code, path: record.path, message: record.message }).toEqual({
      code: 'invalid-score',
      path: 'responses[1].score',
      message: 'ces: responses[1].score must be an integer from 1 to 7 (null)',
    });
  });

  it('rejects bad options, naming the option', () => {
    const cases: [options: object, path: string, message: string][] = [
      [{ scale: 1 }, 'options.scale', 'ces: options.scale must be an integer from 2 to 100 (1)'],
      [{ scale: Number.NaN }, 'options.scale', 'ces: options.scale must be an integer from 2 to 100 (NaN)'],
      [{ agreeAtLeast: 8 }, 'options.agreeAtLeast', 'ces: options.agreeAtLeast must be an integer from 1 to 7 (8)'],
      [{ agreeAtLeast: 4.5 }, 'options.agreeAtLeast', 'ces: options.agreeAtLeast must be an integer from 1 to 7 (4.5)'],
      [{ scale: 5, agreeAtLeast: 6 }, 'options.agreeAtLeast', 'ces: options.agreeAtLeast must be an integer from 1 to 5 (6)'],
      [{ confidence: 0 }, 'options.confidence', 'ces: options.confidence must be a number strictly between 0 and 1 (0)'],
      [{ confidence: '0.95' }, 'options.confidence', 'ces: options.confidence must be a number strictly between 0 and 1 ("0.95")'],
      [{ score: 1 }, 'options.score', 'ces: options.score must be a function that reads the field from a record (1)'],
      // 1.0: null is never an option value (it was rejected by the grouping reader before; now by the one null rule).
      [{ groupBy: null }, 'options.groupBy', 'ces: options.groupBy must not be null; leave it out (or pass undefined) for the default (null)'],
    ];
    for (const [options, path, message] of cases) {
      const error = errorOf(() => ces([], options as never));
      expect({ code: error.code, path: error.path, message: error.message }).toEqual({ code: 'invalid-option', path, message });
    }
    expect(errorOf(() => ces(undefined as never)).message).toBe('ces: responses must be an array or another iterable of records (undefined)');
  });

  it('property: the mean lies in [1, scale] and inside its interval, which lies in [1, scale]', () => {
    fc.assert(
      fc.property(answersOnScale, fc.double({ min: 0.5, max: 0.999, noNaN: true }), ([scale, answers], confidence) => {
        const result = ces(answers, { scale, confidence });
        expect(result.n).toBe(answers.length);
        if (answers.length === 0) {
          expect(result).toMatchObject({ mean: null, standardDeviation: null, interval: null, agreeShare: null });
          return;
        }
        const mean = result.mean as number;
        expect(mean).toBeGreaterThanOrEqual(1);
        expect(mean).toBeLessThanOrEqual(scale);
        const share = result.agreeShare as NonNullable<typeof result.agreeShare>;
        expect(0 <= share.lower && share.lower <= share.value && share.value <= share.upper && share.upper <= 1).toBe(true);
        if (answers.length === 1) {
          expect(result.interval).toBeNull();
          expect(result.standardDeviation).toBeNull();
          return;
        }
        const { value, lower, upper } = result.interval as NonNullable<typeof result.interval>;
        expect(value).toBe(mean);
        expect(1 <= lower && lower <= value && value <= upper && upper <= scale).toBe(true);
        // Against the slow model.
        const model = naive(answers);
        expect(Math.abs(mean - model.mean)).toBeLessThanOrEqual(1e-14 * model.mean);
        expect(Math.abs((result.standardDeviation as number) - model.sd)).toBeLessThanOrEqual(1e-12 * Math.max(1, model.sd));
      }),
    );
  });

  it('property: shuffling the answers changes nothing', () => {
    fc.assert(
      fc.property(answersOnScale, fc.infiniteStream(fc.nat()), ([scale, answers], stream) => {
        const draws = stream[Symbol.iterator]();
        const shuffledAnswers = shuffled(answers, (max) => (draws.next().value as number) % (max + 1));
        expect(ces(shuffledAnswers, { scale })).toEqual(ces(answers, { scale }));
      }),
    );
  });

  it('property: raising one answer never lowers the mean or the agreeing share', () => {
    fc.assert(
      fc.property(answersOnScale, fc.nat(), fc.nat(), ([scale, answers], at, by) => {
        fc.pre(answers.length > 0);
        const i = at % answers.length;
        const raised = [...answers];
        raised[i] = Math.min(scale, (raised[i] as number) + 1 + (by % scale));
        const before = ces(answers, { scale });
        const after = ces(raised, { scale });
        expect(after.mean as number).toBeGreaterThanOrEqual(before.mean as number);
        expect(after.agreeing).toBeGreaterThanOrEqual(before.agreeing);
      }),
    );
  });

  it('property: groups add up to the totals, in order of first appearance', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ score: fc.integer({ min: 1, max: 7 }), channel: fc.constantFrom('chat', 'email', 7, 1) }), { maxLength: 60 }),
        (rows) => {
          const result = ces(rows, { groupBy: (row) => row.channel });
          const groups = result.groups;
          expect(groups.map((g) => g.group)).toEqual([...new Set(rows.map((r) => r.channel))]);
          expect(groups.reduce((sum, s) => sum + s.n, 0)).toBe(result.n);
          expect(groups.reduce((sum, s) => sum + s.agreeing, 0)).toBe(result.agreeing);
          for (let answer = 1; answer <= 7; answer++) {
            expect(groups.reduce((sum, s) => sum + (s.distribution[answer - 1]?.count ?? 0), 0)).toBe(result.distribution[answer - 1]?.count);
          }
          for (const s of groups) {
            const { group, ...figures } = s;
            const own = ces(rows.filter((r) => r.channel === group));
            expect(figures).toEqual({
              n: own.n,
              mean: own.mean,
              standardDeviation: own.standardDeviation,
              interval: own.interval,
              agreeing: own.agreeing,
              agreeShare: own.agreeShare,
              distribution: own.distribution,
            });
          }
          if (result.n > 0) {
            const weighted = groups.reduce((sum, s) => sum + s.n * (s.mean as number), 0) / result.n;
            expect(Math.abs(weighted - (result.mean as number))).toBeLessThanOrEqual(1e-12);
          }
        },
      ),
    );
  });
});
