/**
 * Counting answers on a survey scale, overall and per group, and the figures that come from
 * those counts (distribution, mean, sample variance). Shared by `nps`, `csat` and `ces`.
 * Memory is O(scale × groups), whatever the number of responses.
 * @internal
 */

import { fail, recordPath } from '../../core/errors.js';
import { accessorFor, isId, type Id } from '../../core/read.js';
import { CompensatedSummer } from '../../stats/compensated-sum.js';
import type { AnswerCount, ResponseAccessors, ResponseGrouping, Responses } from '../types.js';
import { forEachAnswer } from './responses.js';

/** The longest scale accepted: the distribution has one row per answer. */
export const MAX_SCALE = 100;

/** Answer counts of one group: `counts[a]` responses answered a (index 0 unused on a 1..scale scale). */
export interface GroupCounts {
  readonly group: Id;
  readonly counts: Float64Array;
}

/** The counts of all responses, and per group when grouping (in order of each group's first response). */
export interface Tally {
  readonly counts: Float64Array;
  readonly groups: GroupCounts[] | null;
}

/** A scale length: an integer from 2 to {@link MAX_SCALE}; `undefined` gives `fallback`. */
export function readScale(value: unknown, fn: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && Number.isInteger(value) && value >= 2 && value <= MAX_SCALE) return value;
  return fail(fn, 'options.scale', 'invalid-option', `must be an integer from 2 to ${MAX_SCALE}`, value);
}

/**
 * The first answer on the positive side of a 1..scale scale, above its midpoint:
 * `⌊(scale + 1)/2⌋ + 1` (4 of 1–5, 5 of 1–7, 3 of 1–4, 2 of 1–2, 6 of 1–10).
 */
export function firstPositiveAnswer(scale: number): number {
  return Math.floor((scale + 1) / 2) + 1;
}

/** A cut-off answer: an integer from 1 to `scale`; `undefined` gives {@link firstPositiveAnswer}. */
export function readCutoff(value: unknown, fn: string, path: string, scale: number): number {
  if (value === undefined) return firstPositiveAnswer(scale);
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= scale) return value;
  return fail(fn, path, 'invalid-option', `must be an integer from 1 to ${scale}`, value);
}

/**
 * The reader of `options.groupBy` (a field name or an accessor, read through the one field
 * accessor of core): every response must have a group, a non-empty string or a finite
 * number. `undefined` when not grouping.
 */
function groupReaderOf<R>(groupBy: unknown, fn: string): ((record: R | number, index: number) => Id) | undefined {
  if (groupBy === undefined) return undefined;
  const isField = typeof groupBy === 'string' && groupBy.length > 0;
  if (!isField && typeof groupBy !== 'function') {
    return fail(fn, 'options.groupBy', 'invalid-option', 'must be a field name or a function that reads the group from a record', groupBy);
  }
  const field = isField ? (groupBy as string) : 'groupBy';
  const read = accessorFor<R | number>(isField ? undefined : groupBy, field, fn, 'options.groupBy');
  return (record, index) => {
    // A bare number has no fields: its group is missing.
    const group = isField && (record === null || typeof record !== 'object') ? undefined : read(record, index);
    if (isId(group)) return group;
    return fail(fn, recordPath('responses', index, field), 'invalid-id', 'must be a non-empty string or a finite number', group);
  };
}

/**
 * Counts the answers `lowest`..scale (1..scale by default; NPS counts 0..10) of all
 * responses and, with `groupBy`, of each group, in order of the group's first response.
 * Validates `options.groupBy` before reading any response. O(n) time; this code allocates
 * nothing per response beyond a new group's counts.
 *
 * @throws {MetricsInputError} for a bad answer (`responses[i]`, `responses[i].score`), a
 * bad `options.score` or `options.groupBy`, or a group that is not an id
 * (`responses[i].<field>`, or `responses[i].groupBy` for an accessor).
 */
export function tallyAnswers<R>(
  fn: string,
  responses: Responses<R>,
  options: ResponseAccessors<R> & ResponseGrouping<R>,
  scale: number,
  lowest = 1,
): Tally {
  const readGroup = groupReaderOf<R>(options.groupBy, fn);
  const counts = new Float64Array(scale + 1);
  if (readGroup === undefined) {
    forEachAnswer(fn, responses, options, lowest, scale, (answer) => {
      counts[answer] = (counts[answer] as number) + 1;
    });
    return { counts, groups: null };
  }
  // A Map keeps its keys in insertion order: the order of each group's first response.
  const byGroup = new Map<Id, Float64Array>();
  forEachAnswer(fn, responses, options, lowest, scale, (answer, record, index) => {
    const group = readGroup(record, index);
    let groupCounts = byGroup.get(group);
    if (groupCounts === undefined) {
      groupCounts = new Float64Array(scale + 1);
      byGroup.set(group, groupCounts);
    }
    counts[answer] = (counts[answer] as number) + 1;
    groupCounts[answer] = (groupCounts[answer] as number) + 1;
  });
  return { counts, groups: [...byGroup].map(([group, groupCounts]) => ({ group, counts: groupCounts })) };
}

/** The number of responses counted. O(scale). */
export function countAll(counts: Float64Array): number {
  let n = 0;
  for (let answer = 1; answer < counts.length; answer++) n += counts[answer] as number;
  return n;
}

/** The number of responses with an answer >= `cutoff`. O(scale). */
export function countAtLeast(counts: Float64Array, cutoff: number): number {
  let n = 0;
  for (let answer = cutoff; answer < counts.length; answer++) n += counts[answer] as number;
  return n;
}

/** `[{ answer, count }]` for every answer 1..scale, zeros included. O(scale). */
export function distributionOf(counts: Float64Array): AnswerCount[] {
  const rows: AnswerCount[] = [];
  for (let answer = 1; answer < counts.length; answer++) rows.push({ answer, count: counts[answer] as number });
  return rows;
}

/**
 * The mean answer `Σ a · count_a / n`, the sum compensated (exact for any realistic n, since
 * every product is an integer). `null` when n is 0. O(scale).
 */
export function meanAnswer(counts: Float64Array, n: number): number | null {
  if (n === 0) return null;
  const sum = new CompensatedSummer();
  for (let answer = 1; answer < counts.length; answer++) sum.add(answer * (counts[answer] as number));
  return sum.value / n;
}

/**
 * The sample variance `Σ count_a (a - m)² / (n - 1)` around the mean m, by the corrected
 * two-pass algorithm over the distribution (Chan, Golub & LeVeque, "Algorithms for computing
 * the sample variance", Am. Stat. 37 (1983) 242–247): the squares are summed with
 * compensation and `(Σ count_a (a - m))² / n` is subtracted to cancel the rounding of m.
 * Never negative. `null` when n < 2. O(scale).
 */
export function sampleVariance(counts: Float64Array, n: number, mean: number): number | null {
  if (n < 2) return null;
  const squares = new CompensatedSummer();
  const deviations = new CompensatedSummer();
  for (let answer = 1; answer < counts.length; answer++) {
    const count = counts[answer] as number;
    if (count === 0) continue;
    const deviation = answer - mean;
    squares.add(count * deviation * deviation);
    deviations.add(count * deviation);
  }
  const correction = (deviations.value * deviations.value) / n;
  return Math.max(0, (squares.value - correction) / (n - 1));
}
