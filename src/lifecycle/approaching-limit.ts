import { fail } from '../core/errors.js';
import { matcherOf } from '../core/journey.js';
import { CompensatedSummer } from '../stats/compensated-sum.js';
import { readWindowDays, requireOptions, windowEnd } from './internal/milestone-readers.js';
import type { ApproachingLimitOptions, EventMatcher, JourneyEvent, Milestone } from './types.js';

export type { ApproachingLimitOptions } from './types.js';

/** The keys of {@link ApproachingLimitOptions}. */
const APPROACHING_LIMIT_OPTION_KEYS = ['limit', 'share', 'withinDays', 'value'] as const satisfies readonly (keyof ApproachingLimitOptions)[];

/**
 * A plan-limit trigger: reached when usage reaches a share of a plan's limit, e.g. the
 * 1,600th subscriber of a free plan capped at 2,000 (80%), the moment to offer an upgrade.
 *
 * Definition: with `threshold = share × limit` (a product within 10⁻⁹ of a whole number is
 * taken as that number, so `0.55 × 100` is 55, not 55.00000000000001), the milestone is
 * reached at the first matching event after which the running total reaches the
 * threshold: the count of matching events, or the sum of `value(event)` over them
 * (compensated summation). With counts this is the `⌈share × limit⌉`-th matching event.
 * With `withinDays` only events in `[start, start + withinDays × 24 h]` count. Source: the
 * usage-based upgrade trigger of product-led growth (a product-qualified lead when a free
 * account nears its plan's limit; 80% is the common alerting share).
 *
 * Cost: building is O(1); evaluating is one pass that stops at the milestone, O(n) for a
 * journey of n events, no allocation besides one running sum.
 *
 * Edge cases: a journey without events gives `null`; with `value`, a total that reaches the
 * threshold and falls back stays reached (the first crossing counts). The result is one of
 * the journey's event instants.
 *
 * @param event An event name, or a predicate `(event) => boolean` on the journey's events.
 * @param options `{ limit, share?, withinDays?, value? }`.
 * @throws {MetricsInputError} when built: `invalid-option` at `event` for an empty name or
 * a value that is neither a string nor a function, at `options.value` when not a function,
 * at `options` for options that are not an object, at any option that is `null` (`share:
 * null` is not the default 0.8: leave the key out); `unknown-option` for a key it does not
 * know (`options.threshold`); `invalid-number` at `options.limit` unless a finite number
 * > 0, at `options.share` unless in (0, 1], at `options.withinDays` unless a finite number
 * > 0. When evaluated:
 * `invalid-number` at `events[i].value` when `value` returns anything but a finite number.
 *
 * @example
 * ```ts
 * import { approachingLimit } from 'customer-success-metrics/lifecycle';
 * const minute = 60_000;
 * const events = Array.from({ length: 1700 }, (_, i) => ({ name: 'subscriber_added', timestamp: i * minute, record: {} }));
 * const nearFreeLimit = approachingLimit('subscriber_added', { limit: 2000 });
 * // The 1,600th subscriber (index 1599) arrived 1599 minutes after the start.
 * nearFreeLimit({ id: 'acme', start: 0, events }); // => 95940000
 * approachingLimit('subscriber_added', { limit: 2000, share: 0.9 })({ id: 'acme', start: 0, events }); // => null
 * ```
 */
export function approachingLimit<R = unknown>(event: EventMatcher<R>, options: ApproachingLimitOptions<R>): Milestone<R> {
  const fn = 'approachingLimit';
  const matches = matcherOf<R>(fn, event, 'event');
  const opts = requireOptions(fn, options, APPROACHING_LIMIT_OPTION_KEYS);
  const limit = opts.limit;
  if (typeof limit !== 'number' || !Number.isFinite(limit) || limit <= 0) fail(fn, 'options.limit', 'invalid-number', 'must be a finite number > 0', limit);
  const share = opts.share === undefined ? 0.8 : opts.share;
  if (typeof share !== 'number' || !(share > 0 && share <= 1)) fail(fn, 'options.share', 'invalid-number', 'must be a number in (0, 1]', share);
  const withinDays = readWindowDays(fn, opts.withinDays, 'options.withinDays', false);
  const value = opts.value;
  if (value !== undefined && typeof value !== 'function') fail(fn, 'options.value', 'invalid-option', 'must be a function (event) => number', value);
  const threshold = snapToWhole(share * limit);
  const windowDays = withinDays ?? Number.POSITIVE_INFINITY;
  const windowed = withinDays !== undefined;
  if (value === undefined) {
    const needed = Math.ceil(threshold);
    return (journey) => {
      const start = journey.start;
      const end = windowEnd(start, windowDays);
      let count = 0;
      for (const e of journey.events) {
        const t = e.timestamp;
        if (windowed && t < start) continue;
        if (t > end) break;
        if (matches(e) && ++count === needed) return t;
      }
      return null;
    };
  }
  return (journey) => {
    const start = journey.start;
    const end = windowEnd(start, windowDays);
    const total = new CompensatedSummer();
    const events = journey.events;
    for (let i = 0; i < events.length; i++) {
      const e = events[i] as JourneyEvent<R>;
      const t = e.timestamp;
      if (windowed && t < start) continue;
      if (t > end) break;
      if (!matches(e)) continue;
      const amount = value(e);
      if (typeof amount !== 'number' || !Number.isFinite(amount)) fail(fn, `events[${i}].value`, 'invalid-number', 'must be a finite number', amount);
      total.add(amount);
      if (total.value >= threshold) return t;
    }
    return null;
  };
}

/** `x`, or the whole number within 10⁻⁹ (relative) of it: 0.55 × 100 gives 55. */
function snapToWhole(x: number): number {
  const whole = Math.round(x);
  return Math.abs(x - whole) <= 1e-9 * Math.max(1, Math.abs(x)) ? whole : x;
}
