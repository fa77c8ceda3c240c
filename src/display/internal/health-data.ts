/**
 * Reading a `healthScores` result for `healthBandsChart` and its spec: the bands, the
 * accounts per band, and the score histogram stacked by band.
 * @internal
 */

import { fail } from '../../core/errors.js';
import { requireIterable, requireRecord } from '../../core/read.js';
import { colorOf, SEMANTIC } from './palette.js';
import { formatNumber } from './scale.js';
import { readNullableNumber } from './series.js';

/** One band with its accounts. */
export interface BandCount {
  readonly name: string;
  /** `from–to`, or `''` for the "no score" bar. */
  readonly range: string;
  readonly accounts: number;
  readonly color: string;
}

/** One histogram segment: the accounts of one band whose score falls in one bin. */
export interface BinSegment {
  readonly from: number;
  readonly to: number;
  readonly band: string;
  readonly accounts: number;
  /** Accounts of the bin in the bands before this one (the stack's base). */
  readonly below: number;
  readonly color: string;
}

export interface HealthData {
  readonly bands: BandCount[];
  readonly segments: BinSegment[];
  readonly total: number;
  readonly unscored: number;
  readonly binWidth: number;
  /** Accounts in the fullest bin. */
  readonly tallest: number;
}

/** The bin widths that divide 0..100 evenly. */
export const BIN_WIDTHS = [1, 2, 4, 5, 10, 20, 25] as const;

/** The colour of band `i` of `count`: red/yellow/green names keep their meaning, else worst (red) to best (green), or the palette. */
function bandColor(name: string, i: number, count: number): string {
  const key = name.toLowerCase();
  if (key === 'red' || key === 'at-risk' || key === 'at risk' || key === 'poor') return SEMANTIC.bad;
  if (key === 'yellow' || key === 'amber' || key === 'watch' || key === 'orange') return SEMANTIC.warn;
  if (key === 'green' || key === 'healthy' || key === 'good') return SEMANTIC.good;
  if (count <= 3) return [SEMANTIC.bad, SEMANTIC.warn, SEMANTIC.good][count === 2 ? i * 2 : i] as string;
  return colorOf(i);
}

/** Reads `{ bands: [{ name, from, to }], accounts: [{ score, band }] }`. */
export function readHealth(result: unknown, fn: string, binWidthOption: unknown): HealthData {
  if (result === null || typeof result !== 'object' || !('bands' in result) || !('accounts' in result)) {
    return fail(fn, 'result', 'invalid-input', 'must be a healthScores result { bands, accounts }', result);
  }
  let binWidth = 5;
  if (binWidthOption !== undefined) {
    if (!(BIN_WIDTHS as readonly unknown[]).includes(binWidthOption)) fail(fn, 'options.binWidth', 'invalid-option', `must be one of ${BIN_WIDTHS.join(', ')}`, binWidthOption);
    binWidth = binWidthOption as number;
  }
  const r = result as Record<string, unknown>;
  const ranges: { name: string; from: number; to: number }[] = [];
  let j = 0;
  for (const entry of requireIterable<unknown>(r['bands'], fn, 'result.bands')) {
    requireRecord(entry, fn, 'result.bands', j);
    const b = entry as Record<string, unknown>;
    const name = b['name'];
    if (typeof name !== 'string' || name === '') fail(fn, `result.bands[${j}].name`, 'invalid-name', 'must be a non-empty string', name);
    const from = readNullableNumber(b['from'], fn, `result.bands[${j}].from`, false) ?? 0;
    const to = readNullableNumber(b['to'], fn, `result.bands[${j}].to`, false) ?? 100;
    ranges.push({ name, from, to });
    j++;
  }
  const index = new Map(ranges.map((b, i) => [b.name, i]));
  const bins = Math.round(100 / binWidth);
  const counts = ranges.map(() => 0);
  const grid = ranges.map(() => new Array<number>(bins).fill(0));
  let unscored = 0;
  let total = 0;
  let k = 0;
  for (const entry of requireIterable<unknown>(r['accounts'], fn, 'result.accounts')) {
    requireRecord(entry, fn, 'result.accounts', k);
    const a = entry as Record<string, unknown>;
    const score = readNullableNumber(a['score'], fn, `result.accounts[${k}].score`, true);
    const band = a['band'];
    total++;
    if (score === null || band === null || band === undefined) unscored++;
    else {
      const b = typeof band === 'string' ? index.get(band) : undefined;
      if (b === undefined) fail(fn, `result.accounts[${k}].band`, 'invalid-name', 'must be the name of one of result.bands', band);
      counts[b] = (counts[b] as number) + 1;
      const bin = Math.min(bins - 1, Math.max(0, Math.floor(score / binWidth)));
      (grid[b] as number[])[bin] = ((grid[b] as number[])[bin] as number) + 1;
    }
    k++;
  }
  const bands: BandCount[] = ranges.map((b, i) => ({ name: b.name, range: `${formatNumber(b.from, 0)}–${formatNumber(b.to, 0)}`, accounts: counts[i] as number, color: bandColor(b.name, i, ranges.length) }));
  if (unscored > 0) bands.push({ name: 'no score', range: '', accounts: unscored, color: SEMANTIC.neutral });
  const segments: BinSegment[] = [];
  let tallest = 0;
  for (let bin = 0; bin < bins; bin++) {
    let below = 0;
    ranges.forEach((b, i) => {
      const accounts = (grid[i] as number[])[bin] as number;
      if (accounts > 0) segments.push({ from: bin * binWidth, to: (bin + 1) * binWidth, band: b.name, accounts, below, color: (bands[i] as BandCount).color });
      below += accounts;
    });
    tallest = Math.max(tallest, below);
  }
  return { bands, segments, total, unscored, binWidth, tallest };
}

/** The default title, subtitle and labels. */
export function healthDefaults(data: HealthData): { title: string; subtitle: string; xLabel: string; yLabel: string } {
  const parts = data.bands.filter((b) => b.range !== '').map((b) => `${b.name} ${formatNumber(b.accounts, 0)}`);
  const unscored = data.unscored > 0 ? `; ${formatNumber(data.unscored, 0)} without a score` : '';
  return {
    title: 'Account health',
    subtitle: `${formatNumber(data.total, 0)} accounts: ${parts.join(', ')}${unscored}`,
    xLabel: 'health score (0–100)',
    yLabel: 'accounts',
  };
}

/** A bin's score range: `50 to <55`, the last one `95–100`. */
export function binLabel(from: number, to: number): string {
  return to >= 100 ? `${from}–100` : `${from} to <${to}`;
}
