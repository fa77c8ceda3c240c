/**
 * Benchmark: instants to local day numbers in a non-UTC zone.
 * Target (foundation issue): at least 20 million timestamps per second in a DST zone.
 * Side by side in one run: the UTC floor (a division), our cached conversion in three
 * zones, and the obvious per-event `Intl.DateTimeFormat` call as the baseline.
 */
import { zoneCalendar } from '../src/core/time-zone.js';
import { seededRandom } from './random.js';

const N = 10_000_000;
const YEAR_START = Date.UTC(2024, 0, 1);
const YEAR_MS = 366 * 86_400_000;

function timed(run: () => number): { ms: number; check: number } {
  const start = performance.now();
  const check = run();
  return { ms: performance.now() - start, check };
}

function best(runs: number, run: () => number): { ms: number; check: number } {
  let result = timed(run);
  for (let i = 1; i < runs; i++) {
    const next = timed(run);
    if (next.ms < result.ms) result = next;
  }
  return result;
}

export function benchTimeZone(): string[][] {
  const random = seededRandom(20261122);
  const shuffled = new Float64Array(N);
  for (let i = 0; i < N; i++) shuffled[i] = YEAR_START + Math.floor(random() * YEAR_MS);
  const ordered = Float64Array.from(shuffled).sort();
  const rows: string[][] = [];
  const report = (name: string, count: number, ms: number): void => {
    rows.push([name, count.toLocaleString('en-US'), ms.toFixed(1), ((count / ms) * 1000 / 1e6).toFixed(1)]);
  };

  const floorUtc = best(3, () => {
    let sum = 0;
    for (let i = 0; i < N; i++) sum += Math.floor((shuffled[i] as number) / 86_400_000);
    return sum;
  });
  report('UTC floor division (lower bound)', N, floorUtc.ms);

  for (const zone of ['America/New_York', 'Europe/Berlin', 'Asia/Kolkata']) {
    for (const [label, data] of [['shuffled', shuffled], ['time-ordered', ordered]] as const) {
      const calendar = zoneCalendar(zone, 'bench');
      const result = best(3, () => {
        let sum = 0;
        for (let i = 0; i < N; i++) sum += calendar.dayOf(data[i] as number);
        return sum;
      });
      report(`zoneCalendar('${zone}').dayOf, ${label}`, N, result.ms);
    }
  }

  // Baseline: Intl once per event, on a sample (it is far too slow for 10M).
  const sample = 200_000;
  const format = new Intl.DateTimeFormat('en-CA', { timeZone: 'America/New_York', year: 'numeric', month: '2-digit', day: '2-digit' });
  const intl = best(1, () => {
    let length = 0;
    for (let i = 0; i < sample; i++) length += format.format(shuffled[i] as number).length;
    return length;
  });
  report("Intl.DateTimeFormat#format per event (baseline, 200k sample)", sample, intl.ms);

  // Agreement check on the sample: the cached conversion gives Intl's wall date.
  const calendar = zoneCalendar('America/New_York', 'bench');
  for (let i = 0; i < sample; i += 997) {
    const t = shuffled[i] as number;
    const expected = Date.parse(`${format.format(t)}T00:00:00Z`) / 86_400_000;
    if (calendar.dayOf(t) !== expected) throw new Error(`disagreement at ${new Date(t).toISOString()}`);
  }
  return rows;
}
