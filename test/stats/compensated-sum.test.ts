import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CompensatedSummer, compensatedSum } from '../../src/stats/compensated-sum.js';
import { expectInputError } from './helpers.js';

/** The plain left-to-right loop that compensated summation improves on. */
function naiveSum(values: readonly number[]): number {
  let sum = 0;
  for (const x of values) sum += x;
  return sum;
}

/** Unit in the last place of |x|: the gap to the next larger double (0 gives the smallest subnormal). */
function ulp(x: number): number {
  const a = Math.abs(x);
  if (a === Number.MAX_VALUE) return 2 ** 971;
  const buffer = new Float64Array([a]);
  const bits = new BigUint64Array(buffer.buffer);
  bits[0] = (bits[0] as bigint) + 1n;
  return (buffer[0] as number) - a;
}

// Reference sums are Python's math.fsum, which returns the correctly rounded exact sum.
const cases: { name: string; values: number[]; expected: number; naive: number }[] = [
  // Python: math.fsum([1e100, 1, -1e100]) -> 1.0   (naive loop: 0.0)
  { name: 'a small term between two huge ones that cancel', values: [1e100, 1, -1e100], expected: 1, naive: 0 },
  // Python: math.fsum([0.1] * 10) -> 1.0   (naive loop: 0.9999999999999999)
  { name: 'ten times 0.1', values: Array<number>(10).fill(0.1), expected: 1, naive: 0.9999999999999999 },
  // Python: math.fsum([1.0] + [1e-16] * 10) -> 1.000000000000001   (naive loop: 1.0)
  { name: 'many terms each below half an ulp of the running sum', values: [1, ...Array<number>(10).fill(1e-16)], expected: 1.000000000000001, naive: 1 },
  // Python: math.fsum([1e16, 1.0, -1e16, 1.0]) -> 2.0   (naive loop: 1.0)
  { name: 'an integer lost past 2^53', values: [1e16, 1, -1e16, 1], expected: 2, naive: 1 },
  // Python: math.fsum([0.1, 0.2, 0.3, -0.6]) -> 2.7755575615628914e-17   (naive loop: 1.1102230246251565e-16)
  { name: 'decimal fractions that should almost cancel', values: [0.1, 0.2, 0.3, -0.6], expected: 2.7755575615628914e-17, naive: 1.1102230246251565e-16 },
  // Python: math.fsum([2.0**53, 1.0, 1.0]) -> 9007199254740994.0   (naive loop: 9007199254740992.0)
  { name: 'ones added to 2^53', values: [2 ** 53, 1, 1], expected: 9007199254740994, naive: 9007199254740992 },
];

describe('compensatedSum', () => {
  it.each(cases)('sums $name exactly where the naive loop does not', ({ values, expected, naive }) => {
    expect(naiveSum(values)).toBe(naive);
    expect(naive).not.toBe(expected);
    expect(compensatedSum(values)).toBe(expected);
  });

  it('runs the documented examples', () => {
    expect(compensatedSum([1e100, 1, -1e100])).toBe(1);
    expect(compensatedSum(Array<number>(10).fill(0.1))).toBe(1);
    expect(compensatedSum([])).toBe(0);
  });

  it('gives 0 for empty input of any iterable kind', () => {
    expect(compensatedSum([])).toBe(0);
    expect(compensatedSum(new Set<number>())).toBe(0);
    expect(compensatedSum((function* () {})())).toBe(0);
  });

  it('reads any iterable in one pass: Set, generator, typed array', () => {
    // Python: math.fsum([0.1] * 10) -> 1.0
    expect(compensatedSum(new Float64Array(10).fill(0.1))).toBe(1);
    // Python: math.fsum([1e100, 1, -1e100]) -> 1.0
    expect(compensatedSum(new Set([1e100, 1, -1e100]))).toBe(1);
    let pulls = 0;
    function* values(): Generator<number> {
      for (let i = 0; i < 10; i++) {
        pulls++;
        yield 0.1;
      }
    }
    expect(compensatedSum(values())).toBe(1);
    expect(pulls).toBe(10);
  });

  it('does not mutate its input', () => {
    const values = Object.freeze([0.3, 0.1, 0.2]);
    const first = compensatedSum(values);
    expect(compensatedSum(values)).toBe(first);
    expect(values).toEqual([0.3, 0.1, 0.2]);
  });

  it('equals the exact BigInt sum of safe integers, correctly rounded', () => {
    fc.assert(
      fc.property(fc.array(fc.maxSafeInteger(), { maxLength: 200 }), (values) => {
        const exact = values.reduce((sum, x) => sum + BigInt(x), 0n);
        expect(compensatedSum(values)).toBe(Number(exact));
      }),
    );
  });

  it('stays within one rounding of the exact sum plus n²·2^-106·Σ|x| (exact sum from BigInt)', () => {
    // x = k · 2^-e with integer k and e <= 60, so Σx = K · 2^-60 exactly for a BigInt K, and
    // Number(K) · 2^-60 is the correctly rounded exact sum.
    const gridDouble = fc
      .tuple(fc.integer({ min: -(2 ** 30), max: 2 ** 30 }), fc.integer({ min: 0, max: 2 ** 22 }), fc.integer({ min: 0, max: 60 }))
      .map(([high, low, e]) => ({ k: BigInt(high) * 2n ** 22n + BigInt(low), e }));
    fc.assert(
      fc.property(fc.array(gridDouble, { maxLength: 100 }), (terms) => {
        const values = terms.map(({ k, e }) => Number(k) * 2 ** -e);
        const exactScaled = terms.reduce((sum, { k, e }) => sum + k * 2n ** BigInt(60 - e), 0n);
        const exact = Number(exactScaled) * 2 ** -60;
        const magnitude = values.reduce((sum, x) => sum + Math.abs(x), 0);
        const bound = ulp(exact) + values.length ** 2 * 2 ** -106 * magnitude;
        expect(Math.abs(compensatedSum(values) - exact)).toBeLessThanOrEqual(bound);
      }),
    );
  });

  it('is order-invariant up to about one ulp for shuffled doubles in a moderate range', () => {
    const doubles = fc.array(fc.double({ min: -1e6, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 100 });
    fc.assert(
      fc.property(
        doubles.chain((values) => fc.tuple(fc.constant(values), fc.shuffledSubarray(values, { minLength: values.length, maxLength: values.length }))),
        ([values, shuffled]) => {
          const a = compensatedSum(values);
          const b = compensatedSum(shuffled);
          const magnitude = values.reduce((sum, x) => sum + Math.abs(x), 0);
          expect(Math.abs(a - b)).toBeLessThanOrEqual(2 * ulp(a) + 2 * values.length ** 2 * 2 ** -106 * magnitude);
        },
      ),
    );
  });

  it('rejects a non-finite or non-number element, naming its index', () => {
    expectInputError(() => compensatedSum([1, 2, Number.NaN]), {
      code: 'invalid-number',
      path: 'values[2]',
      message: 'compensatedSum: values[2] must be a finite number (NaN)',
    });
    expectInputError(() => compensatedSum([Number.POSITIVE_INFINITY]), {
      code: 'invalid-number',
      path: 'values[0]',
      message: 'compensatedSum: values[0] must be a finite number (Infinity)',
    });
    expectInputError(() => compensatedSum([1, '20' as unknown as number]), {
      code: 'invalid-number',
      path: 'values[1]',
      message: 'compensatedSum: values[1] must be a finite number ("20")',
    });
    expectInputError(() => compensatedSum([null as unknown as number]), {
      code: 'invalid-number',
      path: 'values[0]',
      message: 'compensatedSum: values[0] must be a finite number (null)',
    });
  });

  it('rejects input that is not iterable', () => {
    expectInputError(() => compensatedSum(null as unknown as number[]), {
      code: 'invalid-input',
      path: 'values',
      message: 'compensatedSum: values must be an array or another iterable of numbers (null)',
    });
    expectInputError(() => compensatedSum(42 as unknown as number[]), {
      code: 'invalid-input',
      path: 'values',
      message: 'compensatedSum: values must be an array or another iterable of numbers (42)',
    });
    expectInputError(() => compensatedSum('123' as unknown as number[]), {
      code: 'invalid-input',
      path: 'values',
      message: 'compensatedSum: values must be an array or another iterable of numbers ("123")',
    });
  });

  it('throws instead of returning Infinity when the running sum overflows', () => {
    expectInputError(() => compensatedSum([1e308, 1e308]), {
      code: 'overflow',
      path: 'values[1]',
      message: 'compensatedSum: values[1] makes the running sum exceed the largest finite number (1e+308)',
    });
  });
});

describe('CompensatedSummer', () => {
  it.each(cases)('accumulates $name like compensatedSum', ({ values, expected }) => {
    const summer = new CompensatedSummer();
    for (const x of values) summer.add(x);
    expect(summer.value).toBe(expected);
  });

  it('starts at 0 and can be read between additions', () => {
    const summer = new CompensatedSummer();
    expect(summer.value).toBe(0);
    summer.add(1e100);
    summer.add(1);
    expect(summer.value).toBe(1e100);
    summer.add(-1e100);
    // Python: math.fsum([1e100, 1, -1e100]) -> 1.0
    expect(summer.value).toBe(1);
  });

  it('agrees with compensatedSum on arbitrary doubles', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e300, max: 1e300, noNaN: true })), (values) => {
        const summer = new CompensatedSummer();
        for (const x of values) summer.add(x);
        expect(summer.value).toBe(compensatedSum(values));
      }),
    );
  });
});
