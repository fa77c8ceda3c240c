/**
 * The stages of a lifecycle: reading them (an array of `{ name, milestone }` or an object
 * map in order, with `signed-up` prepended when absent) and computing a journey's stage
 * times.
 * @internal
 */

import { fail } from '../../core/errors.js';
import { milestoneTime, requireMilestone } from '../../core/journey.js';
import type { Journey, LifecycleStage, Milestone } from '../types.js';

/** The name of the stage every journey reaches at its start (signup). */
export const SIGNED_UP = 'signed-up';

/** Resolved stages, with the path of each milestone for error messages. */
export interface StagePlan<R = unknown> {
  readonly stages: readonly LifecycleStage<R>[];
  readonly names: readonly string[];
  readonly milestones: readonly Milestone<R>[];
  /** `stages[2].milestone` or `stages.aha`: where the caller gave each milestone. */
  readonly paths: readonly string[];
  /** `stage 'aha'`, for messages. */
  readonly labels: readonly string[];
}

/** The start of a journey: the default milestone of `signed-up`. */
function signedUpAt(journey: Journey): number {
  return journey.start;
}

/** `stages.aha`, or `stages["account-set-up"]` for a name that is not an identifier. */
function keyPath(root: string, name: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(name) ? `${root}.${name}` : `${root}[${JSON.stringify(name)}]`;
}

/**
 * Reads and validates the stages. `root` names the argument in paths (`stages`, or
 * `classifier.stages`). O(k) for k stages.
 * @throws {MetricsInputError} `invalid-option` for no stages, an entry that is not
 * `{ name, milestone }`, an empty name or a missing milestone; `duplicate-name` for a
 * name given twice.
 */
export function readStages<R>(fn: string, stages: unknown, root = 'stages'): StagePlan<R> {
  const names: string[] = [];
  const milestones: Milestone<R>[] = [];
  const paths: string[] = [];
  const firstIndex = new Map<string, number>();
  const add = (name: unknown, milestone: unknown, namePath: string, milestonePath: string, index: number): void => {
    if (typeof name !== 'string' || name.length === 0) fail(fn, namePath, 'invalid-option', 'must be a non-empty string', name);
    const earlier = firstIndex.get(name);
    if (earlier !== undefined) {
      fail(fn, namePath, 'duplicate-name', `repeats the name of ${root}[${earlier}]; give each stage its own name`, name);
    }
    firstIndex.set(name, index);
    const resolved = milestone === undefined && name === SIGNED_UP ? signedUpAt : requireMilestone(fn, milestone, milestonePath);
    names.push(name);
    milestones.push(resolved as Milestone<R>);
    paths.push(milestonePath);
  };
  if (Array.isArray(stages)) {
    stages.forEach((entry: unknown, i) => {
      if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
        fail(fn, `${root}[${i}]`, 'invalid-option', 'must be a stage { name, milestone }', entry);
      }
      const { name, milestone } = entry as Record<string, unknown>;
      add(name, milestone, `${root}[${i}].name`, `${root}[${i}].milestone`, i);
    });
  } else if (stages !== null && typeof stages === 'object') {
    let i = 0;
    for (const name of Object.keys(stages)) {
      const path = keyPath(root, name);
      add(name, (stages as Record<string, unknown>)[name], path, path, i++);
    }
  } else {
    fail(fn, root, 'invalid-option', 'must be an array of stages { name, milestone } or an object { [name]: milestone }', stages);
  }
  if (names.length === 0) {
    fail(fn, root, 'invalid-option', 'must list at least one stage', stages);
  }
  if (!firstIndex.has(SIGNED_UP)) {
    names.unshift(SIGNED_UP);
    milestones.unshift(signedUpAt as Milestone<R>);
    paths.unshift(`${root} (the default '${SIGNED_UP}' stage)`);
  }
  return {
    stages: names.map((name, k) => ({ name, milestone: milestones[k] as Milestone<R> })),
    names,
    milestones,
    paths,
    labels: names.map((name) => `stage ${JSON.stringify(name)}`),
  };
}

/**
 * A journey's stage times into `out[offset .. offset + k - 1]`, `NaN` where a stage does
 * not count. With `inOrder`, stage i counts when stages 0..i were all reached by `asOf`,
 * at the latest of their times (so the times never decrease and the counted stages are a
 * prefix; milestones after the first missing stage are not evaluated). Without it, each
 * stage counts on its own when reached by `asOf`. `asOf` may be `+Infinity` (no cut-off).
 * `index` is the journey's place in the input, -1 for a single journey. O(k) milestone
 * calls, no allocation.
 */
export function stageTimes<R>(
  plan: StagePlan<R>,
  journey: Journey<R>,
  inOrder: boolean,
  asOf: number,
  fn: string,
  index: number,
  out: Float64Array,
  offset: number,
): void {
  const k = plan.milestones.length;
  let latest = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < k; i++) {
    const t = milestoneTime(
      plan.milestones[i] as Milestone,
      journey as Journey,
      fn,
      plan.paths[i] as string,
      plan.labels[i] as string,
      index,
    );
    if (!inOrder) {
      out[offset + i] = t <= asOf ? t : Number.NaN;
      continue;
    }
    if (t > latest) latest = t;
    if (t !== t || latest > asOf) {
      out.fill(Number.NaN, offset + i, offset + k);
      return;
    }
    out[offset + i] = latest;
  }
}
