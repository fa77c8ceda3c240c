import { readMilestones } from './internal/milestone-readers.js';
import type { Milestone } from './types.js';

/**
 * A milestone reached when the first of several milestones is: "invited a teammate or
 * shared a project".
 *
 * Definition: `min` of `m₁(journey), ..., mₖ(journey)` over the parts that are not `null`,
 * the instant the first of them was reached, or `null` when all are `null` (the OR of
 * behavioral cohort conditions in Amplitude and Mixpanel, timed). Each part is evaluated
 * on the same journey, in its own window; parts may be any milestones.
 *
 * Cost: building is O(k); evaluating costs the sum of the parts (all are evaluated: a
 * later part may have been reached earlier).
 *
 * Edge cases: one milestone gives that milestone's result.
 *
 * @param milestones One or more milestones.
 * @throws {MetricsInputError} `invalid-option` at `milestones` when there is none, at
 * `milestones[i]` for a part that is not a function (when the milestone is built).
 *
 * @example
 * ```ts
 * import { anyOf, eventCount, hasEvent } from 'customer-success-metrics/lifecycle';
 * const at = (name: string, iso: string) => ({ name, timestamp: Date.parse(iso), record: {} });
 * const journey = {
 *   id: 'ana',
 *   start: Date.parse('2024-05-01T09:00:00Z'),
 *   events: [at('project_shared', '2024-05-02T10:00:00Z'), at('teammate_invited', '2024-05-03T10:00:00Z')],
 * };
 * const collaborated = anyOf(hasEvent('teammate_invited'), hasEvent('project_shared'));
 * new Date(collaborated(journey) ?? 0).toISOString(); // => '2024-05-02T10:00:00.000Z'
 * anyOf(hasEvent('exported'), eventCount('project_shared', { atLeast: 2 }))(journey); // => null
 * ```
 */
export function anyOf<R = unknown>(...milestones: Milestone<R>[]): Milestone<R> {
  const parts = readMilestones<R>('anyOf', milestones);
  return (journey) => {
    let earliest = Number.POSITIVE_INFINITY;
    for (const part of parts) {
      const t = part(journey);
      if (t !== null && t < earliest) earliest = t;
    }
    return earliest === Number.POSITIVE_INFINITY ? null : earliest;
  };
}
