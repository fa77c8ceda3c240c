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
    });
    j++;
  }
  requireAscending(points, (p) => p.time, fn, (k) => `${path}[${k}].time`, (p) => p.time);
  const first = points[0];
  if (first !== undefined && first.time >= 0) points.unshift({ time: 0, value: 1, lower: 1, upper: 1 });
  return { name, points };
}
