/**
 * Per-month compensated sums: `categories` running Kahan–Babuška–Neumaier sums for each
 * month of a range, in two flat Float64Arrays (sum and compensation), so adding an amount
 * to a month allocates nothing. The same algorithm as `CompensatedSummer` in stats.
 * @internal
 */
export class MonthlySums {
  private readonly categories: number;
  private readonly sums: Float64Array;
  private readonly compensations: Float64Array;

  constructor(months: number, categories: number) {
    this.categories = categories;
    this.sums = new Float64Array(months * categories);
    this.compensations = new Float64Array(months * categories);
  }

  /** Adds a finite `x` to the sum of `category` in month index `month`. O(1). */
  add(month: number, category: number, x: number): void {
    const i = month * this.categories + category;
    const sum = this.sums[i] as number;
    const t = sum + x;
    if (Math.abs(sum) >= Math.abs(x)) this.compensations[i] = (this.compensations[i] as number) + (sum - t + x);
    else this.compensations[i] = (this.compensations[i] as number) + (x - t + sum);
    this.sums[i] = t;
  }

  /** The sum of `category` in month index `month`, with the rounding errors added back. */
  value(month: number, category: number): number {
    const i = month * this.categories + category;
    return (this.sums[i] as number) + (this.compensations[i] as number);
  }
}
