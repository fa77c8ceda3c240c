/**
 * Reading a `cohortRetention` result (or rows of the same shape) into the grid that
 * `cohortHeatmap` and `cohortHeatmapSpec` draw: one row per cohort, one column per
 * interval (or bracket), the cohort sizes, an optional mean row over the cohorts drawn, and
 * axis labels in words worked out from the result's settings.
 * @internal
 */

import { fail } from '../../core/errors.js';
import { readBoolean, readNonNegative, requireIterable, requireRecord } from '../../core/read.js';
import { readChartOptions, type ChartLabels } from './chart.js';
import { isResult, readComplete, readSetting } from './result-rows.js';
import { readNullableNumber } from './series.js';

/** One row of the grid: a cohort, or the mean row. */
export interface GridRow {
  /** The cohort's key (`2026-03`), or `'mean'` for the mean row. */
  readonly key: string;
  /** Users in the cohort; `null` for the mean row. */
  readonly size: number | null;
  /** Whether the cohort's period is over (its size final); the mean row is. */
  readonly complete: boolean;
  /** Whether this is the mean row. */
  readonly mean: boolean;
  /** One entry per column: the rate, `null` where the cell is not observable yet (drawn blank). */
  readonly rates: (number | null)[];
  /** Retained users per column (`null` with the rate, or where the input has no counts). */
  readonly counts: (number | null)[];
  /** The users each rate is of, per column: the cohort's size, or the mean's summed sizes. */
  readonly of: (number | null)[];
}

/** The grid and what its axes say. */
export interface CohortGrid {
  /** The cohorts, first to last, then the mean row when asked for and there is a cohort. */
  readonly rows: GridRow[];
  /** The column labels: `0`, `1`, ... or brackets `1–7`. */
  readonly columns: string[];
  /** The default x label: `months since first activity`. */
  readonly xLabel: string;
  /** The default y label: `cohort (month of first activity)`. */
  readonly yLabel: string;
  /** The default subtitle: what a cell is. */
  readonly subtitle: string;
}

const WHAT = 'must be a cohortRetention result (an object with a cohorts list), passed as it is';

/** An optional string setting of the result (a label's words), checked when present. */
function setting(result: Record<string, unknown>, key: string, fn: string): string | null {
  return readSetting(result[key], fn, `result.${key}`);
}

/** A list of numbers and nulls (`rates`, `counts`) of one cohort row. */
function readCells(value: unknown, fn: string, path: string): (number | null)[] {
  const out: (number | null)[] = [];
  let k = 0;
  for (const cell of requireIterable<unknown>(value, fn, path)) {
    out.push(readNullableNumber(cell, fn, `${path}[${k}]`, false));
    k++;
  }
  return out;
}

/**
 * The grid of a `cohortRetention` result. Reads `cohorts` (each `cohort`, `size`, `rates`,
 * and `counts` and `complete` when present) and, for the labels, `interval`, `cohort`,
 * `start`, `mode`, `brackets` and `rolling` when present. The mean row is the size-weighted
 * mean over the rows drawn, column by column: the sum of counts (or of `rate × size` where
 * a row has no counts) over the sum of sizes of the cohorts with a rate there, as the
 * result's own `mean` is over all of its cohorts. O(cohorts × columns).
 */
export function readCohortGrid(input: unknown, fn: string, withMean: boolean): CohortGrid {
  if (!isResult(input)) return fail(fn, 'result', 'invalid-input', WHAT, input);
  const rows: GridRow[] = [];
  let width = 0;
  let i = 0;
  for (const record of requireIterable<unknown>(input['cohorts'], fn, 'result.cohorts')) {
    requireRecord(record, fn, 'result.cohorts', i);
    const r = record as Record<string, unknown>;
    const at = `result.cohorts[${i}]`;
    const key = r['cohort'];
    if (!(typeof key === 'string' && key.length > 0) && !(typeof key === 'number' && Number.isFinite(key))) {
      fail(fn, `${at}.cohort`, 'invalid-id', 'must be a non-empty string or a finite number', key);
    }
    const size = readNonNegative(r['size'], fn, `${at}.size`);
    const rates = readCells(r['rates'], fn, `${at}.rates`);
    const counts = r['counts'] === undefined ? rates.map(() => null) : readCells(r['counts'], fn, `${at}.counts`);
    const complete = readComplete(r['complete'], fn, `${at}.complete`);
    rows.push({ key: String(key), size, complete, mean: false, rates, counts: rates.map((rate, k) => (rate === null ? null : (counts[k] ?? null))), of: rates.map((rate) => (rate === null ? null : size)) });
    width = Math.max(width, rates.length);
    i++;
  }
  const brackets = readBrackets(input['brackets'], fn);
  const lastPeriod = input['lastPeriod'];
  if (brackets !== null) width = Math.max(width, brackets.length);
  else if (typeof lastPeriod === 'number' && Number.isInteger(lastPeriod) && lastPeriod >= 0 && lastPeriod < 10_000) width = Math.max(width, lastPeriod + 1);
  if (withMean && rows.length > 0) rows.push(meanRow(rows, width));
  const columns = Array.from({ length: width }, (_, k) => {
    const b = brackets?.[k];
    if (b === undefined) return String(k);
    return b[0] === b[1] ? String(b[0]) : `${b[0]}–${b[1]}`;
  });
  return { rows, columns, ...labelsOf(input, fn) };
}

/** `brackets` when it is a list of `[first, last]` pairs, else `null` (not bracket mode). */
function readBrackets(value: unknown, fn: string): [number, number][] | null {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value)) return fail(fn, 'result.brackets', 'invalid-input', 'must be a list of [first, last] pairs or null', value);
  return value.map((pair: unknown, b) => {
    const ok = Array.isArray(pair) && pair.length === 2 && pair.every((n) => Number.isInteger(n));
    if (!ok) fail(fn, `result.brackets[${b}]`, 'invalid-input', 'must be a pair [first, last] of integers', pair);
    return pair as [number, number];
  });
}

/** The size-weighted mean over the rows with a rate in each column. */
function meanRow(rows: readonly GridRow[], width: number): GridRow {
  const rates: (number | null)[] = [];
  const counts: (number | null)[] = [];
  const of: (number | null)[] = [];
  for (let k = 0; k < width; k++) {
    let retained = 0;
    let size = 0;
    for (const row of rows) {
      const rate = row.rates[k];
      if (rate === null || rate === undefined || row.size === null || row.size === 0) continue;
      retained += row.counts[k] ?? rate * row.size;
      size += row.size;
    }
    rates.push(size === 0 ? null : retained / size);
    counts.push(size === 0 ? null : retained);
    of.push(size === 0 ? null : size);
  }
  return { key: 'mean', size: null, complete: true, mean: true, rates, counts, of };
}

/** Plural nouns of the calendar periods. */
const UNITS: Readonly<Record<string, string>> = { day: 'days', week: 'weeks', month: 'months' };

/** The default axis labels and subtitle, in words, from the result's settings. */
function labelsOf(result: Record<string, unknown>, fn: string): Pick<CohortGrid, 'xLabel' | 'yLabel' | 'subtitle'> {
  const interval = setting(result, 'interval', fn);
  const cohort = setting(result, 'cohort', fn);
  const start = setting(result, 'start', fn);
  const mode = setting(result, 'mode', fn);
  const rolling = result['rolling'] === true;
  const startWords = start === null || start === 'first-activity' ? 'first activity' : start === 'signup' ? 'signup' : `first ${start}`;
  const unit = interval === null ? 'periods' : (UNITS[interval] ?? `${interval}s`);
  const rollingWords = rolling && interval !== null ? ` (rolling ${interval === 'day' ? '24 hours' : interval === 'week' ? '7 days' : '30 days'})` : '';
  const xLabel = `${unit}${rollingWords} since ${startWords}${mode === 'bracket' ? ', in brackets' : ''}`;
  const yLabel = cohort === null ? 'cohort' : `cohort (${cohort} of ${startWords})`;
  const single = interval ?? 'period';
  const subtitle =
    mode === 'unbounded'
      ? `Share of each cohort active in ${single} k or later; blank: not observable yet`
      : mode === 'bracket'
        ? `Share of each cohort active in any ${single} of the bracket; blank: not observable yet`
        : `Share of each cohort active in ${single} k; blank: not observable yet`;
  return { xLabel, yLabel, subtitle };
}

/** The keys of `CohortHeatmapOptions` beyond the common ones. */
export const HEATMAP_OPTION_KEYS = ['mean'] as const;

/**
 * The options and the grid of `cohortHeatmap` / `cohortHeatmapSpec`: the common options
 * plus `mean` (a boolean, default true), with the defaults worded from the result and a
 * default height that gives each row 20 px beyond 400.
 */
export function readHeatmap(result: unknown, options: unknown, fn: string): { grid: CohortGrid; labels: ChartLabels } {
  const probe = readChartOptions(options, fn, {}, HEATMAP_OPTION_KEYS);
  const withMean = probe.extra.mean === undefined ? true : readBoolean(probe.extra.mean, fn, 'options.mean');
  const grid = readCohortGrid(result, fn, withMean);
  const height = Math.min(4096, Math.max(400, 140 + 20 * grid.rows.length));
  const labels = readChartOptions(options, fn, { title: 'Cohort retention', subtitle: grid.subtitle, xLabel: grid.xLabel, yLabel: grid.yLabel, height }, HEATMAP_OPTION_KEYS);
  return { grid, labels };
}
