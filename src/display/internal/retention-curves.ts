/**
 * Reading what `retentionChart` draws: curves `{ name, points }`, or a survival result as
 * it is (one `curve` of `SurvivalStep`s, or a comparison's `segment.curve` and
 * `control.curve`), into checked step series. The results are recognised by their shape
 * (duck-typed), so the chart needs no code of the modules that compute them.
 * @internal
 */

import { fail } from '../../core/errors.js';
import { readFinite, requireIterable, requireRecord } from '../../core/read.js';
import { readNullableNumber, readSeries, requireAscending } from './series.js';

/** One checked step: `value` and the bounds are `null` where nothing is drawn. */
export interface StepPoint {
  readonly time: number;
  readonly value: number | null;
  readonly lower: number | null;
  readonly upper: number | null;
  /** Subjects at risk just before `time` (`null`: not known). */
  readonly atRisk: number | null;
  /** Censorings at `time` (0 when not known). */
  readonly censored: number;
}

/** One checked curve, with the error path of its points' times. */
export interface StepSeries {
  readonly name: string;
  readonly points: StepPoint[];
}

const WHAT = 'must be curves [{ name, points }], or a kaplanMeier, timeToValue or compareRetention result';

/** Whether `value` is a non-iterable object (a result, not a list of curves). */
function isResult(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && typeof (value as { [Symbol.iterator]?: unknown })[Symbol.iterator] !== 'function';
}

/** Whether `value` is an object with a `curve` field: one group of a comparison. */
function hasCurve(value: unknown): value is { curve: unknown } {
  return value !== null && typeof value === 'object' && 'curve' in value;
}

/** What kind of input the curves came from, with the figures a chart can print. */
export interface RetentionCurves {
  /** `'kaplanMeier'` (a result with one `curve`), `'timeToValue'` (one with `unit` and `reached`), `'compareRetention'`, or `'curves'`. */
  readonly kind: 'kaplanMeier' | 'timeToValue' | 'compareRetention' | 'curves';
  readonly series: StepSeries[];
  /** The result's confidence level, when it has one. */
  readonly confidence: number | null;
  /** A timeToValue result's unit (`'days'`, `'hours'`). */
  readonly unit: string | null;
  /** A compareRetention result's log-rank p-value. */
  readonly pValue: number | null;
}

/** Reads a result or curves, and tells which it was. */
export function readRetention(input: unknown, fn: string): RetentionCurves {
  const series = readRetentionCurves(input, fn);
  if (!isResult(input)) return { kind: 'curves', series, confidence: null, unit: null, pValue: null };
  const confidence = finiteOrNull(input['confidence']);
  if ('curve' in input) {
    const ttv = 'unit' in input && 'reached' in input;
    return { kind: ttv ? 'timeToValue' : 'kaplanMeier', series, confidence, unit: ttv && typeof input['unit'] === 'string' ? input['unit'] : null, pValue: null };
  }
  const logRank = input['logRank'];
  const pValue = logRank !== null && typeof logRank === 'object' ? finiteOrNull((logRank as Record<string, unknown>)['pValue']) : null;
  return { kind: 'compareRetention', series, confidence, unit: null, pValue };
}

function finiteOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A count read leniently: a finite number >= 0, else `null` (extra fields of curves are data, never errors). */
function countOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null;
}

/**
 * The curves to draw, each checked and in time order. A result with `curve` gives one
 * curve named `'all'`; one with `segment.curve` and `control.curve` gives `'segment'` and
 * `'control'`. A result's curve starts at 100% at time 0 (`{ time: 0, value: 1 }`, bounds
 * 1), before its first step, as R's `plot(survfit)` draws it.
 */
export function readRetentionCurves(input: unknown, fn: string): StepSeries[] {
  if (isResult(input)) {
    if ('curve' in input) return [resultCurve(input['curve'], 'all', 'result.curve', fn)];
    const { segment, control } = input as { segment?: unknown; control?: unknown };
    if (hasCurve(segment) && hasCurve(control)) {
      return [resultCurve(segment.curve, 'segment', 'result.segment.curve', fn), resultCurve(control.curve, 'control', 'result.control.curve', fn)];
    }
    return fail(fn, 'curves', 'invalid-input', WHAT, input);
  }
  if (input === null || input === undefined || typeof input === 'string') return fail(fn, 'curves', 'invalid-input', WHAT, input);
  const series = readSeries(input, fn, 'curves', (p, path) => ({
    time: readFinite(p['time'], fn, `${path}.time`),
    value: readNullableNumber(p['value'], fn, `${path}.value`, false),
    lower: readNullableNumber(p['lower'], fn, `${path}.lower`, true),
    upper: readNullableNumber(p['upper'], fn, `${path}.upper`, true),
    atRisk: countOrNull(p['atRisk']),
    censored: countOrNull(p['censored']) ?? 0,
  }));
  series.forEach((s, i) => requireAscending(s.points, (p) => p.time, fn, (j) => `curves[${i}].points[${j}].time`, (p) => p.time));
  return series;
}

/** A result's `SurvivalStep`s (`{ time, survival, lower, upper, ... }`) as one series from 100% at time 0. */
function resultCurve(curve: unknown, name: string, path: string, fn: string): StepSeries {
  const points: StepPoint[] = [];
  let j = 0;
  for (const step of requireIterable<unknown>(curve, fn, path)) {
    requireRecord(step, fn, path, j);
    const s = step as Record<string, unknown>;
    const at = `${path}[${j}]`;
    points.push({
      time: readFinite(s['time'], fn, `${at}.time`),
      value: readFinite(s['survival'], fn, `${at}.survival`),
      lower: readNullableNumber(s['lower'], fn, `${at}.lower`, true),
      upper: readNullableNumber(s['upper'], fn, `${at}.upper`, true),
      atRisk: countOrNull(s['atRisk']),
      censored: countOrNull(s['censored']) ?? 0,
    });
    j++;
  }
  requireAscending(points, (p) => p.time, fn, (k) => `${path}[${k}].time`, (p) => p.time);
  const first = points[0];
  if (first !== undefined && first.time >= 0) points.unshift({ time: 0, value: 1, lower: 1, upper: 1, atRisk: first.atRisk, censored: 0 });
  return { name, points };
}

/**
 * Subjects at risk at `t`: the `atRisk` of the first point at or after `t` that has one
 * (those still followed at `t`), 0 past the last such point; `null` when no point has a
 * count (curves given without `atRisk`).
 */
export function atRiskAt(points: readonly StepPoint[], t: number): number | null {
  let known = false;
  for (const p of points) {
    if (p.atRisk === null) continue;
    known = true;
    if (p.time >= t) return p.atRisk;
  }
  return known ? 0 : null;
}

/** The default title, subtitle and axis labels of a retention chart of `curves`. */
export function retentionDefaults(curves: RetentionCurves): { title: string; subtitle: string; xLabel: string; yLabel: string } {
  const band = curves.confidence !== null ? `shaded: ${formatLevel(curves.confidence)} confidence interval` : 'shaded: confidence interval';
  switch (curves.kind) {
    case 'kaplanMeier':
      return { title: 'Retention (Kaplan–Meier)', subtitle: `Share without the event; ${band}`, xLabel: 'time since start', yLabel: 'still retained (%)' };
    case 'timeToValue':
      return {
        title: 'Time to value',
        subtitle: `Share that has not reached the milestone yet; ${band}`,
        xLabel: `${curves.unit ?? 'time'} since start`,
        yLabel: 'not reached yet (%)',
      };
    case 'compareRetention': {
      const p = curves.pValue === null ? '' : `; log-rank p ${curves.pValue < 0.001 ? '< 0.001' : `= ${curves.pValue.toFixed(3)}`}`;
      return { title: 'Retention: segment vs control', subtitle: `Kaplan–Meier after the landmark; ${band}${p}`, xLabel: 'days after the landmark', yLabel: 'still active (%)' };
    }
    default:
      return { title: 'Retention', subtitle: '', xLabel: 'time', yLabel: 'retained (%)' };
  }
}

/** A confidence level as a percentage: 0.95 → `95%`, 0.975 → `97.5%`. */
function formatLevel(level: number): string {
  return `${Number((level * 100).toFixed(2))}%`;
}

/** The data's extent: x from `min(0, first time)` to the last time, y from `min(0, lowest)` to `max(1, highest)`. */
export function extentOf(series: readonly StepSeries[]): { xMin: number; xMax: number; yMin: number; yMax: number; empty: boolean } {
  let xMin = 0;
  let xMax = -Infinity;
  let yMin = 0;
  let yMax = 1;
  for (const s of series) {
    for (const p of s.points) {
      xMin = Math.min(xMin, p.time);
      xMax = Math.max(xMax, p.time);
      for (const v of [p.value, p.lower, p.upper]) {
        if (v !== null) {
          yMin = Math.min(yMin, v);
          yMax = Math.max(yMax, v);
        }
      }
    }
  }
  const empty = xMax === -Infinity;
  if (empty || xMax <= xMin) xMax = xMin + 1;
  return { xMin, xMax, yMin, yMax, empty };
}

