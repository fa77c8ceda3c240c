import { fail } from '../core/errors.js';

/**
 * A running compensated sum (Kahan–Babuška–Neumaier) for modules that add numbers one at
 * a time. `add` does not validate: the caller checks that every addend is finite, and
 * checks `Number.isFinite(value)` if the sum could overflow.
 *
 * Usage: `const s = new CompensatedSummer(); for (const x of xs) s.add(x); s.value`.
 * @internal
 */
export class CompensatedSummer {
  private sum = 0;
  private compensation = 0;

  /** Adds one finite number. O(1), no allocation. */
  add(x: number): void {
    const t = this.sum + x;
    // Fast2Sum: the rounding error of `sum + x` is exact when taken from the larger operand.
    if (Math.abs(this.sum) >= Math.abs(x)) this.compensation += this.sum - t + x;
    else this.compensation += x - t + this.sum;
    this.sum = t;
  }

  /** The sum so far, with the accumulated rounding errors added back. */
  get value(): number {
    return this.sum + this.compensation;
  }
}

/**
 * The sum of numbers, with the rounding error of each addition carried along and added
 * back at the end.
 *
 * Formula: `s ← s + x` with `c ← c + ((s - t) + x)` or `c ← c + ((x - t) + s)` for
 * `t = fl(s + x)` (whichever of s, x is larger in magnitude goes first), result `s + c`.
 * The error is about one rounding of the exact sum plus a term of order `n · 2^-106 · Σ|x|`,
 * against `n · 2^-53 · Σ|x|` for the naive loop; for safe-integer inputs (up to 2^26 of
 * them) the result is the exact sum, correctly rounded.
 *
 * Source: A. Neumaier, "Rundungsfehleranalyse einiger Verfahren zur Summation endlicher
 * Summen", ZAMM 54 (1974) 39–51, improving W. Kahan (1965); the "Kahan–Babuška" sum of
 * simple-statistics.
 *
 * Cost: O(n) time, O(1) memory, one pass over any iterable.
 *
 * Edge cases: empty input gives 0; order matters only below the error bound above. A naive
 * loop gives 0 for `[1e100, 1, -1e100]` and 0.9999999999999999 for ten times 0.1.
 *
 * @param values - Finite numbers (an array or any iterable).
 * @returns The sum, a finite number.
 * @throws {MetricsInputError} code `'invalid-input'`, path `'values'`, when `values` is not
 * iterable; code `'invalid-number'`, path `values[i]`, when an element is not a finite
 * number; code `'overflow'` when a partial sum or the result exceeds the largest double.
 *
 * @example
 * ```ts
 * import { compensatedSum } from 'customer-success-metrics';
 * compensatedSum([1e100, 1, -1e100]); // => 1
 * compensatedSum(Array(10).fill(0.1)); // => 1
 * compensatedSum([]); // => 0
 * ```
 */
export function compensatedSum(values: Iterable<number>): number {
  if (values === null || typeof values !== 'object' || typeof (values as Iterable<number>)[Symbol.iterator] !== 'function') {
    return fail('compensatedSum', 'values', 'invalid-input', 'must be an array or another iterable of numbers', values);
  }
  let sum = 0;
  let compensation = 0;
  let i = 0;
  for (const x of values) {
    if (typeof x !== 'number' || !Number.isFinite(x)) {
      return fail('compensatedSum', `values[${i}]`, 'invalid-number', 'must be a finite number', x);
    }
    const t = sum + x;
    if (!Number.isFinite(t)) {
      return fail('compensatedSum', `values[${i}]`, 'overflow', 'makes the running sum exceed the largest finite number', x);
    }
    if (Math.abs(sum) >= Math.abs(x)) compensation += sum - t + x;
    else compensation += x - t + sum;
    sum = t;
    i++;
  }
  const result = sum + compensation;
  if (!Number.isFinite(result)) {
    return fail('compensatedSum', 'values', 'overflow', 'sum to more than the largest finite number', values);
  }
  return result;
}
