import { monthOfDay, startOfWeek } from '../core/calendar.js';
import { fail } from '../core/errors.js';
import { readBoolean, readChoice, readWeekStart } from '../core/read.js';
import { zoneCalendar } from '../core/time-zone.js';
import type { Weekday } from '../core/types.js';
import { matcherOf, readCount, requireOptions, type EventMatcher } from './internal/milestone-readers.js';
import type { Milestone } from './types.js';

/** The calendar periods of {@link recurring}. */
export type RecurringPeriod = 'day' | 'week' | 'month';

/** Options of {@link recurring}. */
export interface RecurringOptions {
  /** The calendar period: `'week'` or `'month'` (or `'day'`). */
  readonly every: RecurringPeriod;
  /** In how many distinct periods the event must occur: an integer >= 1. */
  readonly times: number;
  /** Whether the periods must follow each other without a gap (default `false`). */
  readonly consecutive?: boolean;
  /** IANA time zone of the calendar (default `'UTC'`). */
  readonly timeZone?: string;
  /** First day of the week, 0 = Sunday ... 6 = Saturday (default 1, Monday). */
  readonly weekStartsOn?: Weekday;
}

const PERIODS: readonly RecurringPeriod[] = ['day', 'week', 'month'];

/**
 * A habit milestone: an event that recurs in `times` distinct calendar weeks (or months),
 * optionally consecutive ones, e.g. "ran a report in 3 consecutive weeks".
 *
 * Definition: the calendar periods of the journey are the local weeks (starting on
 * `weekStartsOn`, Monday by default), months or days in `timeZone` in which at least one
 * event is named `event` (or accepted by the predicate). The milestone is reached at the
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
 * per matching event, no allocation.
 *
 * Edge cases: `times: 1` is the first matching event (as `hasEvent`). A journey without
 * matching events, or with too few periods, gives `null`. The result is one of the
 * journey's event instants.
 *
 * @param event An event name, or a predicate `(event) => boolean` on the journey's events.
 * @param options `{ every, times, consecutive?, timeZone?, weekStartsOn? }`.
 * @throws {MetricsInputError} `invalid-option` at `event` for an empty name or a value that
 * is not a string or a function, at `options.every` unless `'day'`, `'week'` or `'month'`,
 * at `options.weekStartsOn` unless an integer 0 to 6; `invalid-number` at `options.times`
 * unless an integer >= 1; `invalid-boolean` at `options.consecutive`;
 * `invalid-time-zone` for an unknown zone (all when the milestone is built).
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
 * const habit = recurring('report_run', { every: 'week', times: 3 });
 * new Date(habit(journey) ?? 0).toISOString(); // => '2024-05-28T10:00:00.000Z'
 * recurring('report_run', { every: 'week', times: 3, consecutive: true })(journey); // => null
 * recurring('report_run', { every: 'month', times: 2 })(journey); // => null
 * ```
 */
export function recurring<R = unknown>(event: EventMatcher<R>, options: RecurringOptions): Milestone<R> {
  const fn = 'recurring';
  const matches = matcherOf<R>(fn, event, 'event');
  const opts = requireOptions(fn, options);
  if (opts.every === undefined) fail(fn, 'options.every', 'invalid-option', "must be one of 'day', 'week', 'month'", opts.every);
  const every = readChoice(opts.every, PERIODS, 'week', fn, 'options.every');
  const times = readCount(fn, opts.times, 'options.times');
  const consecutive = opts.consecutive === undefined ? false : readBoolean(opts.consecutive, fn, 'options.consecutive');
  const weekStartsOn = readWeekStart(opts.weekStartsOn, fn);
  const zone = zoneCalendar(opts.timeZone ?? 'UTC', fn);
  // Period numbers: consecutive periods differ by exactly 1 (week starts are 7 days apart
  // and share one remainder mod 7, so their quotients by 7 are consecutive integers).
  const periodOf =
    every === 'day'
      ? (t: number) => zone.dayOf(t)
      : every === 'week'
        ? (t: number) => Math.floor(startOfWeek(zone.dayOf(t), weekStartsOn) / 7)
        : (t: number) => monthOfDay(zone.dayOf(t));
  return (journey) => {
    let count = 0;
    let previous = Number.NEGATIVE_INFINITY;
    for (const e of journey.events) {
      if (!matches(e)) continue;
      const period = periodOf(e.timestamp);
      if (period === previous) continue;
      count = consecutive && period !== previous + 1 ? 1 : count + 1;
      previous = period;
      if (count === times) return e.timestamp;
    }
    return null;
  };
}
