/**
 * Reading the options of `findAha`: its candidates (event × minimum counts) and its target
 * (what "retained" means).
 * @internal
 */

import { fail } from '../../core/errors.js';
import { optionsOf } from '../../core/options.js';
import { matcherOf, type JourneyEventPredicate } from '../../core/journey.js';
import type { AhaCandidate, AhaTarget } from '../types.js';
import { daysToMs } from './landmark-activity.js';

/** Every key of {@link AhaCandidate}, checked in each candidate object. */
export const AHA_CANDIDATE_KEYS = ['event', 'counts', 'name'] as const satisfies readonly (keyof AhaCandidate)[];

/** Every key of an {@link AhaTarget}, checked at `options.target`. */
export const AHA_TARGET_KEYS = ['retainedOn', 'activeAtDay'] as const;

/** A read candidate. */
export interface CandidateSpec {
  readonly name: string;
  readonly matches: JourneyEventPredicate;
  /** Ascending, distinct. */
  readonly counts: number[];
  /** The largest count: counting can stop there. */
  readonly cap: number;
}

const DEFAULT_COUNTS = [1, 2, 3, 4, 5];

/** `options.candidates`: an array of event names or `{ event, counts?, name? }`. */
export function readCandidates(fn: string, value: unknown): CandidateSpec[] {
  if (!Array.isArray(value)) {
    return fail(fn, 'options.candidates', 'invalid-option', 'must be an array of event names or { event, counts?, name? }', value);
  }
  return value.map((candidate: unknown, i): CandidateSpec => {
    const path = `options.candidates[${i}]`;
    if (typeof candidate === 'string') {
      const matches = matcherOf(fn, candidate, path);
      return { name: candidate, matches, counts: DEFAULT_COUNTS.slice(), cap: 5 };
    }
    if (candidate === null || typeof candidate !== 'object' || Array.isArray(candidate)) {
      return fail(fn, path, 'invalid-option', 'must be an event name or { event, counts?, name? }', candidate);
    }
    const { event, counts, name } = optionsOf(candidate as Record<string, unknown>, fn, AHA_CANDIDATE_KEYS, path);
    const matches = matcherOf(fn, event, `${path}.event`);
    if (name !== undefined && (typeof name !== 'string' || name.length === 0)) {
      fail(fn, `${path}.name`, 'invalid-option', 'must be a non-empty string', name);
    }
    const label = typeof name === 'string' ? name : typeof event === 'string' ? event : path;
    let list = DEFAULT_COUNTS;
    if (counts !== undefined) {
      if (!Array.isArray(counts) || counts.length === 0) fail(fn, `${path}.counts`, 'invalid-option', 'must be a non-empty array of counts', counts);
      list = counts.map((count: unknown, k) => {
        if (typeof count === 'number' && Number.isInteger(count) && count >= 1) return count;
        return fail(fn, `${path}.counts[${k}]`, 'invalid-number', 'must be an integer >= 1', count);
      });
    }
    const sorted = [...new Set(list)].sort((x, y) => x - y);
    return { name: label, matches, counts: sorted, cap: sorted[sorted.length - 1] as number };
  });
}

/** A read target, as offsets from the start in milliseconds. */
export interface TargetSpec {
  /** The echo for the result. */
  readonly echo: AhaTarget;
  /** `'window'`: activity in `[from, end)`; `'active'`: activity in `(max(landmark, end − gap), end]`. */
  readonly kind: 'window' | 'active';
  readonly fromMs: number;
  readonly endMs: number;
  /**
   * The target is observable once `start + observedMs <= asOf`: its last instant (`end − 1`
   * for the half-open window, `end` for `activeAtDay`) is at or before `asOf`.
   */
  readonly observedMs: number;
}

/** `options.target`: `{ retainedOn: [fromDay, toDay] }` (integers, landmarkDays <= fromDay <= toDay) or `{ activeAtDay }` (> landmarkDays). */
export function readTarget(fn: string, value: unknown, landmarkDays: number): TargetSpec {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return fail(fn, 'options.target', 'invalid-option', 'must be { retainedOn: [fromDay, toDay] } or { activeAtDay }', value);
  }
  const { retainedOn, activeAtDay } = optionsOf(value as Record<string, unknown>, fn, AHA_TARGET_KEYS, 'options.target');
  if ((retainedOn === undefined) === (activeAtDay === undefined)) {
    return fail(fn, 'options.target', 'invalid-option', 'must have exactly one of retainedOn and activeAtDay', value);
  }
  if (retainedOn !== undefined) {
    if (!Array.isArray(retainedOn) || retainedOn.length !== 2) {
      return fail(fn, 'options.target.retainedOn', 'invalid-option', 'must be [fromDay, toDay]', retainedOn);
    }
    const [from, to] = retainedOn as unknown[];
    if (typeof from !== 'number' || !Number.isInteger(from) || from < landmarkDays) {
      return fail(fn, 'options.target.retainedOn[0]', 'invalid-number', `must be an integer day >= options.landmarkDays (${landmarkDays}): the target follows the landmark`, from);
    }
    if (typeof to !== 'number' || !Number.isInteger(to) || to < from) {
      return fail(fn, 'options.target.retainedOn[1]', 'invalid-number', `must be an integer day >= the first (${from})`, to);
    }
    const endMs = daysToMs(to + 1);
    return { echo: { retainedOn: [from, to] }, kind: 'window', fromMs: daysToMs(from), endMs, observedMs: endMs - 1 };
  }
  if (typeof activeAtDay !== 'number' || !Number.isFinite(activeAtDay) || !(activeAtDay > landmarkDays)) {
    return fail(fn, 'options.target.activeAtDay', 'invalid-number', `must be a finite number of days > options.landmarkDays (${landmarkDays})`, activeAtDay);
  }
  const endMs = daysToMs(activeAtDay);
  return { echo: { activeAtDay }, kind: 'active', fromMs: daysToMs(landmarkDays), endMs, observedMs: endMs };
}
