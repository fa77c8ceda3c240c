import { asOfEcho } from '../core/as-of.js';
import { dayKey } from '../core/calendar.js';
import { AsOfOption, inZone, journeyCalendar } from '../core/journey-zone.js';
import { checkJourney } from '../core/journey.js';
import { optionsOf } from '../core/options.js';
import { readBoolean } from '../core/read.js';
import { zoneCalendar } from '../core/time-zone.js';
import { CLASSIFIER_SETTINGS, type ClassifierSettings } from './internal/classifier-settings.js';
import { readStages, stageTimes } from './internal/stage-plan.js';
import type { Journey, JourneyStage, Lifecycle, LifecycleOptions, LifecycleStages } from './types.js';

export type { JourneyStage, Lifecycle, LifecycleOptions, LifecycleStage, LifecycleStageInput, LifecycleStages } from './types.js';

/** The keys of {@link LifecycleOptions}. */
const LIFECYCLE_OPTION_KEYS = ['asOf', 'inOrder', 'timeZone'] as const satisfies readonly (keyof LifecycleOptions)[];

/**
 * Composes ordered, named milestones into a lifecycle classifier:
 * `journey → { id, stage, reached, at }`.
 *
 * Stages: an array `[{ name, milestone }, ...]` or an object `{ [name]: milestone }` in
 * property order. The usual names follow the user journey: `signed-up` (reached at
 * `journey.start`; prepended when not listed, and its milestone may be left out),
 * `account-set-up`, `aha`, `eureka`, `habit`, and then `expansion` and `advocacy` if
 * wanted. The caller supplies every milestone but `signed-up`'s; a typical set, with the
 * module's combinators: account set up = `allOf(hasEvent('email_confirmed'),
 * hasEvent('billing_added'), hasEvent('onboarding_completed'))`; aha = `eventCount(
 * 'report_shared', { atLeast: 1, withinDays: 7 })`; eureka = `eventCount('invite_sent',
 * { atLeast: 7, withinDays: 10 })`; habit = `recurring('report_viewed', { period: 'week',
 * times: 4 })`.
 *
 * Definition: let `tᵢ` be the time milestone i returns (`null`: not reached). With
 * `inOrder: true` (default) stage i counts when stages 0..i are all reached, from
 * `max(t₀, …, tᵢ)`: a stage reached before an earlier one counts from the moment the
 * earlier one is reached (aha before account set-up counts when set-up is done). With
 * `inOrder: false` each stage counts on its own, from `tᵢ`. A stage counts only when
 * its time is at or before `asOf` (inclusive; a date-only `asOf` is the end of that local
 * day, so a stage reached at 23:30 on the `asOf` day counts). `stage` is the last counted
 * stage in the list (with `inOrder: false`, the highest one, whatever is missing below
 * it); `at` holds the instants and `reached` the local calendar dates of the counted
 * stages, `null` for the others.
 *
 * Time zone: with `timeZone`, the `reached` dates, a date-only `asOf` and the calendar
 * days of the milestones without a zone of their own (`activeDays`, `recurring`) are those
 * of that zone: each journey is handed to the milestones in it. Without, each journey is
 * read in its own zone (the `timeZone` of `journeys()`, UTC for a journey without one).
 *
 * Source: the setup, aha and habit moments of product-led-growth activation frameworks
 * (the user journey from signup to habit), each stage defined by an explicit milestone
 * rather than a fixed rule.
 *
 * Cost: O(k) to build; each call makes at most k milestone calls (after a missing stage
 * in order the rest are skipped) plus O(k) to build the answer.
 *
 * Edge cases: a journey that starts after `asOf` has reached nothing (`stage: null`); a
 * milestone may return an instant before the journey's start (it counts from there, or
 * from the start with `inOrder`).
 *
 * @param stages The ordered stages (at least one).
 * @param options `{ asOf?, inOrder?, timeZone? }`.
 * @returns The classifier, a function with the settings it was made with: `stages`,
 * `asOf` (ISO instant) and `asOfDate` (its local day), `inOrder` and `timeZone` (`null`:
 * each journey's own; then `asOf` is `null` for a date-only cut-off and `asOfDate` for an
 * instant, since they depend on the journey's zone).
 * @throws {MetricsInputError} when building: `invalid-option` for no stages, an entry that
 * is not `{ name, milestone }` (`stages[1]`), an empty name (`stages[1].name`), a milestone
 * that is not a function (`stages[1].milestone`, or `stages.aha` in the object form), a
 * bad `inOrder`, an option that is `null`; `unknown-option` for a key it does not know
 * (`options.timezone`: did you mean timeZone?); `invalid-timestamp` for a bad `asOf`;
 * `invalid-time-zone` for an unknown zone; `duplicate-name` for a repeated name. When
 * classifying: `invalid-record`, `invalid-id` or `invalid-timestamp` for a journey that is
 * not `{ id, start, events }` (`journey.start`), `invalid-time-zone` for a journey whose
 * `timeZone` is not an IANA name; `invalid-milestone` when a milestone returns anything
 * but `null` or epoch milliseconds, naming the stage (`lifecycle: stages[2].milestone
 * returned a value that is not epoch milliseconds or null for stage "aha" of journey "u1"
 * ("soon")`).
 *
 * @example
 * ```ts
 * import { activeDays, lifecycle, type Journey } from 'customer-success-metrics/lifecycle';
 * const day = 86_400_000;
 * const signup = Date.UTC(2024, 2, 1, 9);
 * const journey = {
 *   id: 'ana',
 *   start: signup,
 *   events: [
 *     { name: 'report_shared', timestamp: signup + 1 * day, record: {} },
 *     { name: 'onboarding_completed', timestamp: signup + 2 * day, record: {} },
 *     { name: 'login', timestamp: Date.UTC(2024, 2, 3, 23, 30), record: {} },
 *   ],
 * };
 * const hasEvent = (name: string) => (j: Journey) => j.events.find((e) => e.name === name)?.timestamp ?? null;
 * const stages = { 'account-set-up': hasEvent('onboarding_completed'), aha: hasEvent('report_shared'), habit: hasEvent('weekly_review') };
 * const classify = lifecycle(stages);
 * classify(journey).stage; // => 'aha'
 * classify(journey).reached; // => { 'signed-up': '2024-03-01', 'account-set-up': '2024-03-03', aha: '2024-03-03', habit: null }
 * lifecycle(stages, { inOrder: false })(journey).reached.aha; // => '2024-03-02'
 * // asOf '2024-03-02' is the end of that day: the report shared on 03-02 counts, not the setup of 03-03.
 * lifecycle(stages, { asOf: '2024-03-02' })(journey).stage; // => 'signed-up'
 * lifecycle(stages, { asOf: '2024-03-02', inOrder: false })(journey).stage; // => 'aha'
 * lifecycle(stages, { asOf: '2024-03-02', timeZone: 'Europe/Berlin' }).asOf; // => '2024-03-02T22:59:59.999Z'
 * // Days with events: 03-02 and 03-03 in UTC; in Berlin 23:30Z on 03-03 is 00:30 on 03-04, a third.
 * const engaged = { engaged: activeDays({ atLeast: 3 }) };
 * lifecycle(engaged)(journey).stage; // => 'signed-up'
 * lifecycle(engaged, { timeZone: 'Europe/Berlin' })(journey).stage; // => 'engaged'
 * ```
 */
export function lifecycle<R = unknown>(stages: LifecycleStages<R>, options?: LifecycleOptions): Lifecycle<R> {
  const fn = 'lifecycle';
  const plan = readStages<R>(fn, stages);
  const opts = optionsOf(options, fn, LIFECYCLE_OPTION_KEYS);
  const own = opts.timeZone === undefined ? null : zoneCalendar(opts.timeZone, fn);
  const inOrder = opts.inOrder === undefined ? true : readBoolean(opts.inOrder, fn, 'options.inOrder');
  const asOf = new AsOfOption(opts.asOf, fn);
  const names = plan.names;
  const k = names.length;

  const classify = (journey: Journey<R>): JourneyStage => {
    checkJourney(journey, fn, -1);
    const zone = own ?? journeyCalendar(journey as Journey, fn, 'journey.timeZone');
    const seen = own === null ? journey : inZone(journey, own.timeZone);
    const times = new Float64Array(k);
    stageTimes(plan, seen, inOrder, asOf.at(zone) ?? Number.POSITIVE_INFINITY, fn, -1, times, 0);
    const entries: [string, string | null][] = [];
    const instants: [string, number | null][] = [];
    let stage: string | null = null;
    for (let i = 0; i < k; i++) {
      const name = names[i] as string;
      const t = times[i] as number;
      if (t === t) {
        stage = name;
        entries.push([name, dayKey(zone.dayOf(t))]);
        instants.push([name, t]);
      } else {
        entries.push([name, null]);
        instants.push([name, null]);
      }
    }
    // Object.fromEntries defines own properties, so a stage named `__proto__` is safe.
    return { id: journey.id, stage, reached: Object.fromEntries(entries), at: Object.fromEntries(instants) };
  };
  const settings: ClassifierSettings<R> = { plan, inOrder, zone: own, asOf };
  Object.defineProperty(classify, CLASSIFIER_SETTINGS, { value: settings });
  return Object.assign(classify, {
    stages: plan.stages,
    ...(own === null ? asOf.zoneFreeEcho() : asOfEcho(asOf.at(own), own)),
    inOrder,
    timeZone: own === null ? null : own.timeZone,
  });
}
