/**
 * Reading chart series: `{ name, points }` records with validated fields.
 * @internal
 */

import { fail } from '../../core/errors.js';
import { readId, requireIterable, requireRecord } from '../../core/read.js';

/** A number or `null` (a gap); `undefined` counts as `null` when `optional`. */
export function readNullableNumber(value: unknown, fn: string, path: string, optional: boolean): number | null {
  if (value === null || (optional && value === undefined)) return null;
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  return fail(fn, path, 'invalid-number', optional ? 'must be a finite number, null or absent' : 'must be a finite number or null', value);
}

/** Each series' name (as text) and its points, each point read by `readPoint`. */
export function readSeries<P>(
  input: unknown,
  fn: string,
  collection: string,
  readPoint: (point: Record<string, unknown>, path: string) => P,
): { name: string; points: P[] }[] {
  const out: { name: string; points: P[] }[] = [];
  let i = 0;
  for (const series of requireIterable<unknown>(input, fn, collection)) {
    requireRecord(series, fn, collection, i);
    const s = series as Record<string, unknown>;
    const name = String(readId(s['name'], fn, collection, i, 'name'));
    const pointsPath = `${collection}[${i}].points`;
    const points: P[] = [];
    let j = 0;
    for (const point of requireIterable<unknown>(s['points'], fn, pointsPath)) {
      requireRecord(point, fn, pointsPath, j);
      points.push(readPoint(point as Record<string, unknown>, `${pointsPath}[${j}]`));
      j++;
    }
    out.push({ name, points });
    i++;
  }
  return out;
}

/** Throws unless each point's x is >= the previous one's. */
export function requireAscending<P>(points: readonly P[], x: (p: P) => number, fn: string, path: (j: number) => string, value: (p: P) => unknown): void {
  for (let j = 1; j < points.length; j++) {
    if (x(points[j] as P) < x(points[j - 1] as P)) {
      fail(fn, path(j), 'invalid-order', 'must not be earlier than the point before it', value(points[j] as P));
    }
  }
}
