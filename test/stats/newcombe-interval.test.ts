import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { newcombeInterval } from '../../src/stats/newcombe-interval.js';
import { wilsonInterval } from '../../src/stats/wilson-interval.js';
import { expectClose, expectInputError } from './helpers.js';

const RELATIVE = 1e-13;

// The outside reference: Newcombe's method 10 by hand in Python 3 with SciPy 1.17, from the
// formula of Newcombe (1998), Statistics in Medicine 17:873-890:
//   z = scipy.stats.norm.ppf(1 - (1 - conf)/2)
//   wilson(x, n): p = x/n; c = p + z*z/(2n); h = z*sqrt(p(1-p)/n + z*z/(4n²)); ((c-h)/d, (c+h)/d), d = 1 + z*z/n
//   newcombe(x1, n1, x2, n2): d = p1 - p2; (d - sqrt((p1-l1)² + (u2-p2)²), d + sqrt((u1-p1)² + (p2-l2)²))
// printed with repr(float(...)). Its 4-decimal values agree with Table II of the paper (method 10).
interface Reference {
  a: [number, number];
  b: [number, number];
  confidence: number;
  value: number;
  lower: number;
  upper: number;
  /** Table II of Newcombe (1998), method 10, where the example is one of the paper's. */
  paper?: [number, number];
}

const references: Reference[] = [
  // newcombe(56, 70, 48, 80) -> 0.20000000000000007 0.05243147240236498 0.333872654036906; paper (a): 0.0524, 0.3339
  { a: [56, 70], b: [48, 80], confidence: 0.95, value: 0.2, lower: 0.05243147240236498, upper: 0.333872654036906, paper: [0.0524, 0.3339] },
  // newcombe(9, 10, 3, 10) -> 0.6000000000000001 0.17052272393450307 0.8090179735354881; paper (b): 0.1705, 0.8090
  { a: [9, 10], b: [3, 10], confidence: 0.95, value: 0.6, lower: 0.17052272393450307, upper: 0.8090179735354881, paper: [0.1705, 0.809] },
  // newcombe(6, 7, 2, 7) -> 0.5714285714285714 0.05822792748231209 0.8062496375242277; paper (c): 0.0582, 0.8062
  { a: [6, 7], b: [2, 7], confidence: 0.95, value: 4 / 7, lower: 0.05822792748231209, upper: 0.8062496375242277, paper: [0.0582, 0.8062] },
  // newcombe(5, 56, 0, 29) -> 0.08928571428571429 -0.03813714790353688 0.19256001385511162; paper (d): -0.0381, 0.1926
  { a: [5, 56], b: [0, 29], confidence: 0.95, value: 5 / 56, lower: -0.03813714790353688, upper: 0.19256001385511162, paper: [-0.0381, 0.1926] },
  // newcombe(0, 10, 0, 20) -> 0.0 -0.16112515805281938 0.2775327998628892; paper (e): -0.1611, 0.2775
  { a: [0, 10], b: [0, 20], confidence: 0.95, value: 0, lower: -0.16112515805281938, upper: 0.2775327998628892, paper: [-0.1611, 0.2775] },
  // newcombe(10, 10, 0, 20) -> 1.0 0.6790860371419145 1.0; paper (g): 0.6791, 1.0000
  { a: [10, 10], b: [0, 20], confidence: 0.95, value: 1, lower: 0.6790860371419145, upper: 1, paper: [0.6791, 1] },
  // newcombe(10, 10, 20, 20) -> 0.0 -0.27753279986288937 0.16112515805281935
  { a: [10, 10], b: [20, 20], confidence: 0.95, value: 0, lower: -0.27753279986288937, upper: 0.16112515805281935 },
  // newcombe(7, 20, 12, 25, 0.9) -> -0.13 -0.34637681236034656 0.10966570952103283
  { a: [7, 20], b: [12, 25], confidence: 0.9, value: -0.13, lower: -0.34637681236034656, upper: 0.10966570952103283 },
  // newcombe(7, 20, 12, 25, 0.99) -> -0.13 -0.43945128683329443 0.2276828236185009
  { a: [7, 20], b: [12, 25], confidence: 0.99, value: -0.13, lower: -0.43945128683329443, upper: 0.2276828236185009 },
  // newcombe(1, 3, 2, 5) -> -0.06666666666666671 -0.5252103363450595 0.4722447487427825
  { a: [1, 3], b: [2, 5], confidence: 0.95, value: 1 / 3 - 2 / 5, lower: -0.5252103363450595, upper: 0.4722447487427825 },
  // newcombe(12, 40, 5, 40) -> 0.175 -0.005969368347724213 0.3446036902442705
  { a: [12, 40], b: [5, 40], confidence: 0.95, value: 0.175, lower: -0.005969368347724213, upper: 0.3446036902442705 },
];

const counts = fc
  .integer({ min: 0, max: 500 })
  .chain((trials) => fc.record({ successes: fc.integer({ min: 0, max: trials }), trials: fc.constant(trials) }));

describe('newcombeInterval', () => {
  it('runs the doc example', () => {
    const result = newcombeInterval({ successes: 56, trials: 70 }, { successes: 48, trials: 80 });
    expect(result?.value).toBeCloseTo(0.2, 12);
    expect(result?.lower).toBeCloseTo(0.0524, 4);
    expect(result?.upper).toBeCloseTo(0.3339, 4);
    // Python 3, method 10 with z = statistics.NormalDist().inv_cdf(0.95) (90%):
    //   0.20000000000000007 0.07656419154407214 0.3136445835829438
    const ninety = newcombeInterval({ successes: 56, trials: 70 }, { successes: 48, trials: 80 }, { confidence: 0.9 });
    expectClose(ninety?.lower as number, 0.07656419154407214, RELATIVE, 1e-15);
    expectClose(ninety?.upper as number, 0.3136445835829438, RELATIVE, 1e-15);
    expect(newcombeInterval({ successes: 3, trials: 10 }, { successes: 0, trials: 0 })).toBe(null);
  });

  it('matches the Python computation of method 10 and the paper', () => {
    for (const r of references) {
      const result = newcombeInterval({ successes: r.a[0], trials: r.a[1] }, { successes: r.b[0], trials: r.b[1] }, { confidence: r.confidence });
      expect(result).not.toBe(null);
      const { value, lower, upper } = result as { value: number; lower: number; upper: number };
      expectClose(value, r.value, RELATIVE, 1e-15);
      expectClose(lower, r.lower, RELATIVE, 1e-15);
      expectClose(upper, r.upper, RELATIVE, 1e-15);
      if (r.paper !== undefined) {
        expect(lower).toBeCloseTo(r.paper[0], 4);
        expect(upper).toBeCloseTo(r.paper[1], 4);
      }
    }
  });

  it('is null when either sample has no trials', () => {
    expect(newcombeInterval({ successes: 0, trials: 0 }, { successes: 1, trials: 2 })).toBe(null);
    expect(newcombeInterval({ successes: 1, trials: 2 }, { successes: 0, trials: 0 })).toBe(null);
    expect(newcombeInterval({ successes: 0, trials: 0 }, { successes: 0, trials: 0 })).toBe(null);
  });

  it('always brackets the difference inside [-1, 1] (property)', () => {
    fc.assert(
      fc.property(counts, counts, fc.double({ min: 0.5, max: 0.999, noNaN: true }), (a, b, confidence) => {
        const result = newcombeInterval(a, b, { confidence });
        if (a.trials === 0 || b.trials === 0) {
          expect(result).toBe(null);
          return;
        }
        const { value, lower, upper } = result as { value: number; lower: number; upper: number };
        expect(value).toBe(a.successes / a.trials - b.successes / b.trials);
        expect(-1 <= lower && lower <= value && value <= upper && upper <= 1).toBe(true);
      }),
    );
  });

  it('is antisymmetric: swapping the samples negates the interval (property)', () => {
    fc.assert(
      fc.property(counts, counts, (a, b) => {
        fc.pre(a.trials > 0 && b.trials > 0);
        const ab = newcombeInterval(a, b) as { value: number; lower: number; upper: number };
        const ba = newcombeInterval(b, a) as { value: number; lower: number; upper: number };
        expect(ba.value).toBe(0 - ab.value); // 0 - x, not -x: a zero difference is +0 both ways
        expect(ba.lower).toBeCloseTo(-ab.upper, 15);
        expect(ba.upper).toBeCloseTo(-ab.lower, 15);
      }),
    );
  });

  it('agrees with the formula on the Wilson intervals (property, slow model)', () => {
    fc.assert(
      fc.property(counts, counts, (a, b) => {
        fc.pre(a.trials > 0 && b.trials > 0);
        const one = wilsonInterval(a.successes, a.trials) as { value: number; lower: number; upper: number };
        const two = wilsonInterval(b.successes, b.trials) as { value: number; lower: number; upper: number };
        const d = one.value - two.value;
        const lower = d - Math.sqrt((one.value - one.lower) ** 2 + (two.upper - two.value) ** 2);
        const upper = d + Math.sqrt((one.upper - one.value) ** 2 + (two.value - two.lower) ** 2);
        const result = newcombeInterval(a, b) as { lower: number; upper: number };
        expect(result.lower).toBeCloseTo(Math.max(-1, lower), 14);
        expect(result.upper).toBeCloseTo(Math.min(1, upper), 14);
      }),
    );
  });

  it('rejects bad counts and confidence, naming the field', () => {
    const ok = { successes: 1, trials: 2 };
    expectInputError(() => newcombeInterval({ successes: 1, trials: -1 }, ok), {
      code: 'invalid-number',
      path: 'a.trials',
      message: 'newcombeInterval: a.trials must be an integer >= 0 (-1)',
    });
    expectInputError(() => newcombeInterval(ok, { successes: 3, trials: 2 }), {
      code: 'invalid-number',
      path: 'b.successes',
      message: 'newcombeInterval: b.successes must be an integer from 0 to trials (3)',
    });
    expectInputError(() => newcombeInterval(ok, { successes: 0.5, trials: 2 }), {
      code: 'invalid-number',
      path: 'b.successes',
      message: 'newcombeInterval: b.successes must be an integer from 0 to trials (0.5)',
    });
    expectInputError(() => newcombeInterval({ successes: '1', trials: 2 } as never, ok), {
      code: 'invalid-number',
      path: 'a.successes',
      message: 'newcombeInterval: a.successes must be an integer from 0 to trials ("1")',
    });
    expectInputError(() => newcombeInterval(null as never, ok), {
      code: 'invalid-input',
      path: 'a',
      message: 'newcombeInterval: a must be an object { successes, trials } (null)',
    });
    expectInputError(() => newcombeInterval(ok, ok, { confidence: 1 }), {
      code: 'invalid-option',
      path: 'options.confidence',
      message: 'newcombeInterval: options.confidence must be a number strictly between 0 and 1 (1)',
    });
  });

  it('takes its confidence in an options object (1.0), checked as every options object is', () => {
    const ok = { successes: 1, trials: 2 };
    // The 0.x positional confidence says how to write it now.
    expectInputError(() => newcombeInterval(ok, ok, 0.9 as never), {
      code: 'invalid-option',
      path: 'options',
      message: 'newcombeInterval: options must be an object { confidence? }: the confidence is no longer positional, pass { confidence: 0.9 } (0.9)',
    });
    expectInputError(() => newcombeInterval(ok, ok, { confidence: null } as never), {
      code: 'invalid-option',
      path: 'options.confidence',
      message: 'newcombeInterval: options.confidence must not be null; leave it out (or pass undefined) for the default (null)',
    });
    expectInputError(() => newcombeInterval(ok, ok, { confidense: 0.9 } as never), {
      code: 'unknown-option',
      path: 'options.confidense',
      message: 'newcombeInterval: options.confidense is not an option; did you mean confidence? (0.9)',
    });
    // Omitted, empty or undefined: 0.95.
    expect(newcombeInterval(ok, { successes: 0, trials: 3 }, {})).toEqual(newcombeInterval(ok, { successes: 0, trials: 3 }, { confidence: 0.95 }));
    expect(newcombeInterval(ok, { successes: 0, trials: 3 }, { confidence: undefined } as never)).toEqual(newcombeInterval(ok, { successes: 0, trials: 3 }));
  });

  it('rejects an unknown key in a sample, naming the closest valid one (1.0: was ignored)', () => {
    const ok = { successes: 1, trials: 2 };
    expectInputError(() => newcombeInterval({ sucesses: 1, trials: 2 } as never, ok), {
      code: 'unknown-option',
      path: 'a.sucesses',
      message: 'newcombeInterval: a.sucesses is not an option; did you mean successes? (1)',
    });
    expectInputError(() => newcombeInterval(ok, { successes: 1, trials: 2, label: 'control' } as never), {
      code: 'unknown-option',
      path: 'b.label',
      message: 'newcombeInterval: b.label is not an option; the options are successes, trials ("control")',
    });
    // null is an error with the field's own rule; an array is not a sample.
    expectInputError(() => newcombeInterval({ successes: 1, trials: null } as never, ok), {
      code: 'invalid-number',
      path: 'a.trials',
      message: 'newcombeInterval: a.trials must be an integer >= 0 (null)',
    });
    expectInputError(() => newcombeInterval([1, 2] as never, ok), {
      code: 'invalid-input',
      path: 'a',
      message: 'newcombeInterval: a must be an object { successes, trials } (an array of 2)',
    });
  });

  it('does not mutate its arguments', () => {
    const a = Object.freeze({ successes: 56, trials: 70 });
    const b = Object.freeze({ successes: 48, trials: 80 });
    expect(newcombeInterval(a, b)).toEqual(newcombeInterval(a, b));
    expect(a).toEqual({ successes: 56, trials: 70 });
  });
});
