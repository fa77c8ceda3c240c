import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalQuantile } from '../../src/stats/normal-quantile.js';
import { wilsonInterval } from '../../src/stats/wilson-interval.js';
import { expectClose, expectInputError } from './helpers.js';
import { errorOf } from '../support/errors.js';

const RELATIVE = 1e-14;

interface Reference {
  successes: number;
  trials: number;
  confidence: number;
  lower: number;
  upper: number;
}

// R 4.2.2: prop.test(x, n, conf.level, correct = FALSE)$conf.int, sprintf('%.17g', ...).
const rReference: Reference[] = [
  // R: prop.test(42, 100, correct = FALSE)$conf.int -> 0.32798382674354731 0.51793513296957028
  { successes: 42, trials: 100, confidence: 0.95, lower: 0.32798382674354731, upper: 0.51793513296957028 },
  // R: prop.test(0, 10, correct = FALSE)$conf.int -> 0 0.27753279986288915
  { successes: 0, trials: 10, confidence: 0.95, lower: 0, upper: 0.27753279986288915 },
  // R: prop.test(10, 10, correct = FALSE)$conf.int -> 0.72246720013711085 1
  { successes: 10, trials: 10, confidence: 0.95, lower: 0.72246720013711085, upper: 1 },
  // R: prop.test(1, 3, correct = FALSE)$conf.int -> 0.061491944720396291 0.79234039919795229
  { successes: 1, trials: 3, confidence: 0.95, lower: 0.061491944720396291, upper: 0.79234039919795229 },
  // R: prop.test(7, 20, conf.level = 0.9, correct = FALSE)$conf.int -> 0.20226004005676107 0.53348731115152825
  { successes: 7, trials: 20, confidence: 0.9, lower: 0.20226004005676107, upper: 0.53348731115152825 },
  // R: prop.test(7, 20, conf.level = 0.99, correct = FALSE)$conf.int -> 0.14639344137693885 0.62833817895268707
  { successes: 7, trials: 20, confidence: 0.99, lower: 0.14639344137693885, upper: 0.62833817895268707 },
  // R: prop.test(0, 1e9, correct = FALSE)$conf.int -> 0 3.8414588059373173e-09
  { successes: 0, trials: 1e9, confidence: 0.95, lower: 0, upper: 3.8414588059373173e-9 },
  // R: prop.test(1, 1, conf.level = 0.5, correct = FALSE)$conf.int -> 0.68731525591741671 1
  { successes: 1, trials: 1, confidence: 0.5, lower: 0.68731525591741671, upper: 1 },
];

// SciPy 1.17.1: binomtest(k, n).proportion_ci(confidence_level, method='wilson').
const scipyReference: Reference[] = [
  // scipy: binomtest(42, 100).proportion_ci(confidence_level=0.95, method='wilson') -> 0.32798382674354737 0.5179351329695704
  { successes: 42, trials: 100, confidence: 0.95, lower: 0.32798382674354737, upper: 0.5179351329695704 },
  // scipy: binomtest(0, 10).proportion_ci(confidence_level=0.95, method='wilson') -> 0.0 0.27753279986288926
  { successes: 0, trials: 10, confidence: 0.95, lower: 0, upper: 0.27753279986288926 },
  // scipy: binomtest(10, 10).proportion_ci(confidence_level=0.95, method='wilson') -> 0.7224672001371109 1.0
  { successes: 10, trials: 10, confidence: 0.95, lower: 0.7224672001371109, upper: 1 },
  // scipy: binomtest(1, 3).proportion_ci(confidence_level=0.95, method='wilson') -> 0.06149194472039626 0.7923403991979523
  { successes: 1, trials: 3, confidence: 0.95, lower: 0.06149194472039626, upper: 0.7923403991979523 },
  // scipy: binomtest(7, 20).proportion_ci(confidence_level=0.9, method='wilson') -> 0.20226004005676104 0.5334873111515284
  { successes: 7, trials: 20, confidence: 0.9, lower: 0.20226004005676104, upper: 0.5334873111515284 },
  // scipy: binomtest(7, 20).proportion_ci(confidence_level=0.99, method='wilson') -> 0.14639344137693885 0.6283381789526872
  { successes: 7, trials: 20, confidence: 0.99, lower: 0.14639344137693885, upper: 0.6283381789526872 },
];

/** The textbook form, (p̂ + z²/2n ± z√(p̂(1-p̂)/n + z²/4n²)) / (1 + z²/n): the slow obvious model. */
function textbookWilson(successes: number, trials: number, confidence: number): { lower: number; upper: number } {
  const p = successes / trials;
  const z = normalQuantile(1 - (1 - confidence) / 2);
  const center = p + (z * z) / (2 * trials);
  const half = z * Math.sqrt((p * (1 - p)) / trials + (z * z) / (4 * trials * trials));
  const denominator = 1 + (z * z) / trials;
  return { lower: (center - half) / denominator, upper: (center + half) / denominator };
}

/** successes, trials with 0 <= successes <= trials, 1 <= trials <= maxTrials. */
function countsUpTo(maxTrials: number): fc.Arbitrary<[successes: number, trials: number]> {
  return fc.integer({ min: 1, max: maxTrials }).chain((trials) => fc.tuple(fc.integer({ min: 0, max: trials }), fc.constant(trials)));
}

const openUnit = fc.double({ min: Number.MIN_VALUE, max: 1 - 2 ** -53, noNaN: true });

// statsmodels 0.15.0: proportion_confint(count, nobs, alpha, method='wilson').
const statsmodelsReference: Reference[] = [
  // statsmodels: proportion_confint(42, 100, alpha=0.05, method='wilson') -> 0.3279838267435473 0.5179351329695703
  { successes: 42, trials: 100, confidence: 0.95, lower: 0.3279838267435473, upper: 0.5179351329695703 },
  // statsmodels: proportion_confint(0, 10, alpha=0.05, method='wilson') -> 0.0 0.27753279986288926
  { successes: 0, trials: 10, confidence: 0.95, lower: 0, upper: 0.27753279986288926 },
  // statsmodels: proportion_confint(10, 10, alpha=0.05, method='wilson') -> 0.7224672001371106 1.0
  { successes: 10, trials: 10, confidence: 0.95, lower: 0.7224672001371106, upper: 1 },
  // statsmodels: proportion_confint(1, 3, alpha=0.05, method='wilson') -> 0.06149194472039626 0.7923403991979523
  { successes: 1, trials: 3, confidence: 0.95, lower: 0.06149194472039626, upper: 0.7923403991979523 },
  // statsmodels: proportion_confint(7, 20, alpha=0.1, method='wilson') -> 0.202260040056761 0.5334873111515284
  { successes: 7, trials: 20, confidence: 0.9, lower: 0.202260040056761, upper: 0.5334873111515284 },
  // statsmodels: proportion_confint(7, 20, alpha=0.01, method='wilson') -> 0.14639344137693883 0.6283381789526872
  { successes: 7, trials: 20, confidence: 0.99, lower: 0.14639344137693883, upper: 0.6283381789526872 },
];

describe('wilsonInterval', () => {
  it.each(rReference)('matches R prop.test($successes, $trials, conf.level = $confidence, correct = FALSE)', ({ successes, trials, confidence, lower, upper }) => {
    const interval = wilsonInterval(successes, trials, { confidence });
    expect(interval).not.toBeNull();
    expect(interval?.value).toBe(successes / trials);
    expectClose(interval?.lower ?? Number.NaN, lower, RELATIVE);
    expectClose(interval?.upper ?? Number.NaN, upper, RELATIVE);
  });

  it.each(scipyReference)('matches SciPy binomtest($successes, $trials).proportion_ci($confidence, wilson)', ({ successes, trials, confidence, lower, upper }) => {
    const interval = wilsonInterval(successes, trials, { confidence });
    expectClose(interval?.lower ?? Number.NaN, lower, RELATIVE);
    expectClose(interval?.upper ?? Number.NaN, upper, RELATIVE);
  });

  it.each(statsmodelsReference)('matches statsmodels proportion_confint($successes, $trials, confidence $confidence, wilson)', ({ successes, trials, confidence, lower, upper }) => {
    const interval = wilsonInterval(successes, trials, { confidence });
    expectClose(interval?.lower ?? Number.NaN, lower, RELATIVE);
    expectClose(interval?.upper ?? Number.NaN, upper, RELATIVE);
  });

  it('keeps the lower bound accurate for a rare event in many trials, where the textbook form cancels', () => {
    // mpmath (dps=50): (p + z²/2n - z·sqrt(p(1-p)/n + z²/4n²)) / (1 + z²/n), p = 1/10^6, z = sqrt(2)·erfinv(mpf(0.95))
    //   -> 1.7652457674537152e-07 (R's prop.test, which uses the textbook form, gives 1.7652457674537213e-07)
    const interval = wilsonInterval(1, 1_000_000);
    expectClose(interval?.lower ?? Number.NaN, 1.7652457674537152e-7, 1e-15);
    // mpmath (same call, + instead of -) -> 5.664911804311441e-06
    expectClose(interval?.upper ?? Number.NaN, 5.664911804311441e-6, 1e-15);
  });

  it('uses 0.95 when the options or the confidence are omitted or undefined', () => {
    expect(wilsonInterval(42, 100, {})).toEqual(wilsonInterval(42, 100, { confidence: 0.95 }));
    expect(wilsonInterval(42, 100, { confidence: undefined } as never)).toEqual(wilsonInterval(42, 100, { confidence: 0.95 }));
    expect(wilsonInterval(42, 100)).toEqual(wilsonInterval(42, 100, { confidence: 0.95 }));
    expect(wilsonInterval(42, 100, undefined)).toEqual(wilsonInterval(42, 100, { confidence: 0.95 }));
  });

  it('runs the documented examples', () => {
    // R: prop.test(42, 100, correct = FALSE)$conf.int -> 0.32798382674354731 0.51793513296957028
    const interval = wilsonInterval(42, 100);
    expect(interval?.value).toBe(0.42);
    expectClose(interval?.lower ?? Number.NaN, 0.3279838267435473, RELATIVE);
    expectClose(interval?.upper ?? Number.NaN, 0.5179351329695703, RELATIVE);
    // Python 3, the Wilson formula with z = statistics.NormalDist().inv_cdf(0.95) (90%): 0.3419729806708954 0.5022418546544125
    const ninety = wilsonInterval(42, 100, { confidence: 0.9 });
    expectClose(ninety?.lower ?? Number.NaN, 0.3419729806708954, RELATIVE);
    expectClose(ninety?.upper ?? Number.NaN, 0.5022418546544125, RELATIVE);
    expect(wilsonInterval(0, 10)?.lower).toBe(0);
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it('returns null for zero trials, after validating the other arguments', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(wilsonInterval(0, 0, { confidence: 0.5 })).toBeNull();
    expect(() => wilsonInterval(0, 0, { confidence: 2 })).toThrow('wilsonInterval: options.confidence must be a number strictly between 0 and 1 (2)');
  });

  it('puts the lower bound exactly at 0 with no successes and the upper exactly at 1 with all', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1e9 }), openUnit, (trials, confidence) => {
        expect(wilsonInterval(0, trials, { confidence })?.lower).toBe(0);
        expect(wilsonInterval(trials, trials, { confidence })?.upper).toBe(1);
      }),
    );
  });

  it('keeps 0 <= lower <= value <= upper <= 1, with value = successes / trials', () => {
    fc.assert(
      fc.property(countsUpTo(2 ** 40), openUnit, ([successes, trials], confidence) => {
        const interval = wilsonInterval(successes, trials, { confidence });
        expect(interval).not.toBeNull();
        const { value, lower, upper } = interval as NonNullable<typeof interval>;
        expect(value).toBe(successes / trials);
        expect(lower).toBeGreaterThanOrEqual(0);
        expect(lower).toBeLessThanOrEqual(value);
        expect(value).toBeLessThanOrEqual(upper);
        expect(upper).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('narrows as the confidence drops (up to one rounding)', () => {
    fc.assert(
      fc.property(countsUpTo(1e6), openUnit, openUnit, ([successes, trials], u, v) => {
        const [low, high] = u <= v ? [u, v] : [v, u];
        const narrow = wilsonInterval(successes, trials, { confidence: low });
        const wide = wilsonInterval(successes, trials, { confidence: high });
        expect(narrow?.lower ?? Number.NaN).toBeGreaterThanOrEqual((wide?.lower ?? Number.NaN) - 4 * Number.EPSILON);
        expect(narrow?.upper ?? Number.NaN).toBeLessThanOrEqual((wide?.upper ?? Number.NaN) + 4 * Number.EPSILON);
      }),
    );
  });

  it('strictly narrows between 0.9 and 0.99 when 0 < successes < trials', () => {
    fc.assert(
      fc.property(countsUpTo(1e6), ([successes, trials]) => {
        fc.pre(successes > 0 && successes < trials);
        const narrow = wilsonInterval(successes, trials, { confidence: 0.9 });
        const wide = wilsonInterval(successes, trials, { confidence: 0.99 });
        expect(narrow?.lower ?? Number.NaN).toBeGreaterThan(wide?.lower ?? Number.NaN);
        expect(narrow?.upper ?? Number.NaN).toBeLessThan(wide?.upper ?? Number.NaN);
      }),
    );
  });

  it('mirrors failures and successes: lower(s, n) = 1 - upper(n - s, n)', () => {
    fc.assert(
      fc.property(countsUpTo(1e6), openUnit, ([successes, trials], confidence) => {
        const interval = wilsonInterval(successes, trials, { confidence });
        const mirrored = wilsonInterval(trials - successes, trials, { confidence });
        expect(Math.abs((interval?.lower ?? Number.NaN) - (1 - (mirrored?.upper ?? Number.NaN)))).toBeLessThanOrEqual(4 * Number.EPSILON);
      }),
    );
  });

  it('agrees with the textbook formula for moderate counts', () => {
    fc.assert(
      fc.property(countsUpTo(10_000), fc.double({ min: 0.5, max: 0.999, noNaN: true }), ([successes, trials], confidence) => {
        const interval = wilsonInterval(successes, trials, { confidence });
        const model = textbookWilson(successes, trials, confidence);
        expectClose(interval?.lower ?? Number.NaN, model.lower, 0, 1e-12);
        expectClose(interval?.upper ?? Number.NaN, model.upper, 0, 1e-12);
      }),
    );
  });

  it('rejects successes that are not an integer from 0 to trials', () => {
    for (const [successes, shown] of [
      [11, '11'],
      [-1, '-1'],
      [2.5, '2.5'],
      [Number.NaN, 'NaN'],
      ['3', '"3"'],
    ] as const) {
      expectInputError(() => wilsonInterval(successes as number, 10), {
        code: 'invalid-number',
        path: 'successes',
        message: `wilsonInterval: successes must be an integer from 0 to trials (${shown})`,
      });
    }
    expectInputError(() => wilsonInterval(1, 0), {
      code: 'invalid-number',
      path: 'successes',
      message: 'wilsonInterval: successes must be an integer from 0 to trials (1)',
    });
  });

  it('rejects trials that are not an integer >= 0, before looking at successes', () => {
    for (const [trials, shown] of [
      [-1, '-1'],
      [2.5, '2.5'],
      [Number.NaN, 'NaN'],
      [Number.POSITIVE_INFINITY, 'Infinity'],
      ['10', '"10"'],
    ] as const) {
      expectInputError(() => wilsonInterval(5, trials as number), {
        code: 'invalid-number',
        path: 'trials',
        message: `wilsonInterval: trials must be an integer >= 0 (${shown})`,
      });
    }
  });

  it('rejects a confidence that is not strictly between 0 and 1', () => {
    for (const [confidence, shown] of [
      [0, '0'],
      [1, '1'],
      [95, '95'],
      [-0.5, '-0.5'],
      [Number.NaN, 'NaN'],
      ['0.9', '"0.9"'],
    ] as const) {
      expectInputError(() => wilsonInterval(5, 10, { confidence: confidence as number }), {
        code: 'invalid-option',
        path: 'options.confidence',
        message: `wilsonInterval: options.confidence must be a number strictly between 0 and 1 (${shown})`,
      });
    }
    // null is never an option value: leave it out for 0.95.
    expectInputError(() => wilsonInterval(5, 10, { confidence: null as unknown as number }), {
      code: 'invalid-option',
      path: 'options.confidence',
      message: 'wilsonInterval: options.confidence must not be null; leave it out (or pass undefined) for the default (null)',
    });
  });

  it('takes its confidence in an options object (1.0), checked as every options object is', () => {
    // The 0.x positional confidence says how to write it now.
    expectInputError(() => wilsonInterval(5, 10, 0.9 as never), {
      code: 'invalid-option',
      path: 'options',
      message: 'wilsonInterval: options must be an object { confidence? }: the confidence is no longer positional, pass { confidence: 0.9 } (0.9)',
    });
    expectInputError(() => wilsonInterval(5, 10, { confidense: 0.9 } as never), {
      code: 'unknown-option',
      path: 'options.confidense',
      message: 'wilsonInterval: options.confidense is not an option; did you mean confidence? (0.9)',
    });
    expectInputError(() => wilsonInterval(5, 10, { level: 0.9 } as never), {
      code: 'unknown-option',
      path: 'options.level',
      message: 'wilsonInterval: options.level is not an option; did you mean confidence? (0.9)',
    });
    // An unknown key is reported before the data is read.
    expect(errorOf(() => wilsonInterval(11, 10, { confidense: 0.9 } as never)).code).toBe('unknown-option');
  });
});
