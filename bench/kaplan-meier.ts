/**
 * Benchmark: kaplanMeier over 1M subjects (seeded exponential durations, 30% censored),
 * from records and, as the floor, the time to sort the durations alone.
 */
import { kaplanMeier } from './lib.js';
import { seededRandom } from './random.js';
import { median } from './measure.js';
import { formatMb, peakMemory } from './memory.js';

export const KAPLAN_MEIER_HEADER = ['case', 'subjects', 'ms (median of 3)', 'M subjects/s', 'peak RSS growth', 'check'];


/** The seeded subjects: exponential durations in whole days (mean 120), 30% censored. */
export function kaplanMeierSubjects(n: number): { duration: number; observed: boolean }[] {
  const random = seededRandom(1234);
  const subjects: { duration: number; observed: boolean }[] = [];
  for (let i = 0; i < n; i++) {
    // Whole days, as churn data usually is: many ties.
    subjects.push({ duration: Math.floor(-Math.log(1 - random()) * 120), observed: random() < 0.7 });
  }
  return subjects;
}

export async function benchKaplanMeier(n = 1_000_000): Promise<string[][]> {
  const subjects = kaplanMeierSubjects(n);
  const rows: string[][] = [];
  const time = (name: string, run: () => string, memory = '—'): void => {
    run(); // warm-up
    const times: number[] = [];
    let check = '';
    for (let r = 0; r < 3; r++) {
      const start = performance.now();
      check = run();
      times.push(performance.now() - start);
    }
    const ms = median(times);
    rows.push([name, n.toLocaleString('en-US'), ms.toFixed(1), (n / ms / 1000).toFixed(2), memory, check]);
  };
  const memory = formatMb(await peakMemory('kaplanMeier', n));
  time(
    'kaplanMeier(records), log intervals',
    () => {
      const fit = kaplanMeier(subjects);
      return `median ${fit.median?.value}, ${fit.curve.length} distinct times`;
    },
    memory,
  );
  const durations = Float64Array.from(subjects, (s) => s.duration);
  time('floor: Float64Array#sort of the durations', () => {
    const sorted = durations.slice().sort();
    return `max ${sorted[sorted.length - 1]}`;
  });
  return rows;
}
