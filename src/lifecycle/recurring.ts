import { fail } from '../core/errors.js';
import { milestoneCalendar } from '../core/journey-zone.js';
import { matcherOf } from '../core/journey.js';
import { periodScale } from '../core/periods.js';
import { readBoolean, readChoice, readWeekStart } from '../core/read.js';
import { zoneCalendar } from '../core/time-zone.js';
import { readCount, requireOptions } from './internal/milestone-readers.js';
import { rejectRenamed } from './internal/option-renames.js';
import type { Period } from '../core/types.js';
import type { EventMatcher, Milestone, RecurringOptions } from './types.js';

export type { RecurringOptions } from './types.js';

/** The keys of {@link RecurringOptions}. */
const RECURRING_OPTION_KEYS = ['period', 'times', 'consecutive', 'timeZone', 'weekStartsOn'] as const satisfies readonly (keyof RecurringOptions)[];

const PERIODS: readonly Period[] = ['day', 'week', 'month'];

/**
 * A habit milestone: an event that recurs in `times` distinct calendar weeks (or months),
 * optionally consecutive ones, e.g. "ran a report in 3 consecutive weeks".
 *
 * Definition: the calendar periods of the journey are the local weeks (starting on
 * `weekStartsOn`, Monday by default), months or days in which at least one event is named
 * `event` (or accepted by the predicate). Local means in `timeZone` when given, else in the
 * journey's zone (the `timeZone` of `journeys()`, or of the `lifecycle` or other call that
 * evaluates the milestone), UTC by default. The milestone is reached at the
 * instant of the first such event of the `times`-th distinct period; with `consecutive:
 * true`, of the period that completes the first run of `times` periods without a gap. Every
 * event counts, those before the journey's start included. The argument is an event (name
 * or predicate), not a milestone: a milestone gives one instant, not the periods in which
 * something happened; restrict the events with a predicate on `record` instead. This is
 * the habit stage of the activation lifecycle, counted as product-analytics tools count
 * the distinct weeks or days of use in their stickiness reports (Amplitude Stickiness).
 *
 * Cost: building is O(1) (the options and zone are validated then); evaluating is one pass
 * that stops at the milestone, O(n) for a journey of n events, with one cached zone lookup
 * per matching event, no allocation. Periods are numbered by the library's one calendar
 * numbering (consecutive periods differ by 1), so "without a gap" is `p = previous + 1`.
 *
 * Edge cases: `times: 1` is the first matching event (as `hasEvent`). A journey without
 * matching events, or with too few periods, gives `null`. The result is one of the
 * journey's event instants.
 *
 * @param event An event name, or a predicate `(event) => boolean` on the journey's events.
 * @param options `{ period, times, consecutive?, timeZone?, weekStartsOn? }`.
 * @throws {MetricsInputError} `invalid-option` at `event` for an empty name or a value that
 * is not a string or a function, at `options.period` unless `'day'`, `'week'` or `'month'`,
 * at `options.weekStartsOn` unless an integer 0 to 6; `invalid-number` at `options.times`
 * unless an integer >= 1; `invalid-boolean` at `options.consecutive`;
 * `invalid-time-zone` for an unknown zone; `invalid-option` for options that are not an
 * object or hold a `null`; `unknown-option` for a key it does not know (`options.every`,
 * 0.1's name of `period`: did you mean period?), all when the milestone is built. When evaluated:
 * `invalid-time-zone` at `journey.timeZone` for a journey whose zone is not an IANA name.
 *
 * @example
 * ```ts
 * import { recurring } from 'customer-success-metrics/lifecycle';
 * const at = (iso: string) => ({ name: 'report_run', timestamp: Date.parse(iso), record: {} });
 * // Weeks (Monday start): 05-06..12, 05-13..19 (twice), then a gap, then 05-27..06-02.
 * const journey = {
 *   id: 'acme',
 *   start: Date.parse('2024-05-06T09:00:00Z'),
 *   events: [at('2024-05-07T10:00:00Z'), at('2024-05-13T10:00:00Z'), at('2024-05-19T10:00:00Z'), at('2024-05-28T10:00:00Z')],
 * };
 * const habit = recurring('report_run', { period: 'week', times: 3 });
 * new Date(habit(journey) ?? 0).toISOString(); // => '2024-05-28T10:00:00.000Z'
 * recurring('report_run', { period: 'week', times: 3, consecutive: true })(journey); // => null
 * recurring('report_run', { period: 'month', times: 2 })(journey); // => null
 * // Without a zone of its own it counts the journey's weeks: 05-19T23:30Z is Sunday 05-19
 * // in UTC (the week after 05-07's) but Monday 05-20 in Berlin (a week later: a gap).
 * const late = { ...journey, events: [at('2024-05-07T10:00:00Z'), at('2024-05-19T23:30:00Z')] };
 * const twoWeeksRunning = recurring('report_run', { period: 'week', times: 2, consecutive: true });
 * new Date(twoWeeksRunning(late) ?? 0).toISOString(); // => '2024-05-19T23:30:00.000Z'
 * twoWeeksRunning({ ...late, timeZone: 'Europe/Berlin' }); // => null
 * ```
 */
export function recurring<R = unknown>(event: EventMatcher<R>, options: RecurringOptions): Milestone<R> {
  const fn = 'recurring';
  const matches = matcherOf<R>(fn, event, 'event');
  rejectRenamed(options, fn, { every: 'period' });
  const opts = requireOptions(fn, options, RECURRING_OPTION_KEYS);
  if (opts.period === undefined) fail(fn, 'options.period', 'invalid-option', "must be one of 'day', 'week', 'month'", opts.period);
  const period = readChoice(opts.period, PERIODS, 'week', fn, 'options.period');
  const times = readCount(fn, opts.times, 'options.times');
  const consecutive = opts.consecutive === undefined ? false : readBoolean(opts.consecutive, fn, 'options.consecutive');
  const scale = periodScale(period, readWeekStart(opts.weekStartsOn, fn));
  const own = opts.timeZone === undefined ? null : zoneCalendar(opts.timeZone, fn);
  return (journey) => {
    const zone = milestoneCalendar(own, journey, fn);
    let count = 0;
    let previous = Number.NEGATIVE_INFINITY;
    for (const e of journey.events) {
      if (!matches(e)) continue;
      const p = scale.of(zone.dayOf(e.timestamp));
      if (p === previous) continue;
      count = consecutive && p !== previous + 1 ? 1 : count + 1;
      previous = p;
      if (count === times) return e.timestamp;
    }
    return null;
  };
}
