import { readMilestones } from './internal/milestone-readers.js';
import type { Milestone } from './types.js';

/**
 * A milestone reached when every one of several milestones is: "set up" = email
 * confirmed and billing added.
 *
 * Definition: `max(m₁(journey), ..., mₖ(journey))`, the instant the last of them was
 * reached, or `null` when any of them is `null` (the AND of behavioral cohort conditions
 * in Amplitude and Mixpanel, timed). Each part is evaluated on the same journey, in its own
 * window; parts may be any milestones, `allOf` and `anyOf` included.
 *
 * Cost: building is O(k); evaluating costs the sum of the parts, stopping at the first
 * part that gives `null`.
 *
 * Edge cases: one milestone gives that milestone's result.
 *
 * @param milestones One or more milestones.
 * @throws {MetricsInputError} `invalid-option` at `milestones` when there is none, at
 * `milestones[i]` for a part that is not a function (when the milestone is built).
 *
 * @example
 * ```ts
 * import { allOf, hasEvent } from 'customer-success-metrics/lifecycle';
 * const at = (name: string, iso: string) => ({ name, timestamp: Date.parse(iso), record: {} });
 * const journey = {
 *   id: 'ana',
 *   start: Date.parse('2024-05-01T09:00:00Z'),
 *   events: [at('email_confirmed', '2024-05-01T09:05:00Z'), at('billing_added', '2024-05-04T16:00:00Z')],
 * };
 * const setUp = allOf(hasEvent('email_confirmed'), hasEvent('billing_added'));
 * new Date(setUp(journey) ?? 0).toISOString(); // => '2024-05-04T16:00:00.000Z'
 * allOf(setUp, hasEvent('project_created'))(journey); // => null
 * ```
 */
export function allOf<R = unknown>(...milestones: Milestone<R>[]): Milestone<R> {
  const parts = readMilestones<R>('allOf', milestones);
  return (journey) => {
    let latest = Number.NEGATIVE_INFINITY;
    for (const part of parts) {
      const t = part(journey);
      if (t === null) return null;
      if (t > latest) latest = t;
    }
    return latest;
  };
}

