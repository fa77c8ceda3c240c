/**
 * Benchmark: kaplanMeier over 1M subjects (seeded exponential durations, 30% censored),
 * from records and, as the floor, the time to sort the durations alone.
 */
import { kaplanMeier } from './lib.js';
import { seededRandom } from './random.js';
import { median } from './measure.js';

export const KAPLAN_MEIER_HEADER = ['case', 'subjects', 'ms (median of 3)', 'M subjects/s', 'check'];


export function benchKaplanMeier(n = 1_000_000): string[][] {
  const random = seededRandom(1234);
  const subjects: { duration: number; observed: boolean }[] = [];
  for (let i = 0; i < n; i++) {
    // Whole days, as churn data usually is: many ties.
    subjects.push({ duration: Math.floor(-Math.log(1 - random()) * 120), observed: random() < 0.7 });
  }
  const rows: string[][] = [];
  const time = (name: string, run: () => string): void => {
    run(); // warm-up
    const times: number[] = [];
    let check = '';
    for (let r = 0; r < 3; r++) {
      const start = performance.now();
      check = run();
      times.push(performance.now() - start);
    }
    const ms = median(times);
    rows.push([name, n.toLocaleString('en-US'), ms.toFixed(1), (n / ms / 1000).toFixed(2), check]);
  };
  time('kaplanMeier(records), log intervals', () => {
    const fit = kaplanMeier(subjects);
    return `median ${fit.median?.value}, ${fit.curve.length} distinct times`;
  });
  const durations = Float64Array.from(subjects, (s) => s.duration);
  time('floor: Float64Array#sort of the durations', () => {
    const sorted = durations.slice().sort();
    return `max ${sorted[sorted.length - 1]}`;
  });
  return rows;
}
