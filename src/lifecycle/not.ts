import { fail } from '../core/errors.js';
import { requireMilestone } from '../core/journey.js';
import { readWindowDays, requireOptions, windowEnd } from './internal/milestone-readers.js';
import type { Milestone, NotOptions } from './types.js';

export type { NotOptions } from './types.js';

/** The keys of {@link NotOptions}. */
const NOT_OPTION_KEYS = ['withinDays'] as const satisfies readonly (keyof NotOptions)[];

/**
 * A milestone reached when another one was missed: "did not invite a teammate in the first
 * 7 days", the at-risk signal of onboarding.
 *
 * Definition: with `deadline = start + withinDays × 24 h`, the milestone is reached at
 * `deadline` when `milestone(journey)` is `null` or later than the deadline, the moment it
 * became known that it was missed; otherwise (reached by the deadline, the deadline itself
 * included) it is `null`. A deadline is required: without one a missed milestone could
 * still be reached tomorrow, so "not" would never be known. The deadline may lie after the
 * last event or after the time of the data: a caller with an `asOf` reads a milestone time
 * after `asOf` as not reached yet. This is the "did not perform" condition of Amplitude's
 * and Mixpanel's behavioral cohorts, bounded by a window.
 *
 * Cost: building is O(1); evaluating costs one evaluation of `milestone`.
 *
 * Edge cases: a journey without events gives the deadline (nothing was reached). A
 * milestone reached before the start (an event before signup) counts as reached by the
 * deadline.
 *
 * @param milestone The milestone that should have been reached.
 * @param options `{ withinDays }`.
 * @throws {MetricsInputError} when the milestone is built: `invalid-option` at `milestone`
 * when it is not a function, at `options` when the options are missing or not an object,
 * at `options.withinDays` when it is `null`; `unknown-option` for a key it does not know;
 * `invalid-number` at `options.withinDays` unless a finite number > 0.
 *
 * @example
 * ```ts
 * import { hasEvent, not } from 'customer-success-metrics/lifecycle';
 * const start = Date.parse('2024-05-01T09:00:00Z');
 * const journey = { id: 'ana', start, events: [{ name: 'teammate_invited', timestamp: Date.parse('2024-05-10T12:00:00Z'), record: {} }] };
 * const noInviteInWeek = not(hasEvent('teammate_invited'), { withinDays: 7 });
 * new Date(noInviteInWeek(journey) ?? 0).toISOString(); // => '2024-05-08T09:00:00.000Z'
 * not(hasEvent('teammate_invited'), { withinDays: 14 })(journey); // => null
 * ```
 */
export function not<R = unknown>(milestone: Milestone<R>, options: NotOptions): Milestone<R> {
  const fn = 'not';
  const part = requireMilestone<R>(fn, milestone, 'milestone');
  if (options === undefined) fail(fn, 'options', 'invalid-option', 'must give withinDays: a milestone is only known to be missed at a deadline', options);
  const opts = requireOptions(fn, options, NOT_OPTION_KEYS);
  if (opts.withinDays === undefined) {
    fail(fn, 'options.withinDays', 'invalid-number', 'must be given: a milestone is only known to be missed at a deadline', opts.withinDays);
  }
  const withinDays = readWindowDays(fn, opts.withinDays, 'options.withinDays', false) as number;
  return (journey) => {
    const deadline = windowEnd(journey.start, withinDays);
    const t = part(journey);
    return t === null || t > deadline ? deadline : null;
  };
}
