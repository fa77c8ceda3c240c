import { dayKey } from '../core/calendar.js';
import { optionsOf, readBoolean, type Id } from '../core/read.js';
import { readInstant } from '../core/timestamp.js';
import { zoneCalendar } from '../core/time-zone.js';
import type { Timestamp } from '../core/types.js';
import { checkJourney } from './internal/stage-journey.js';
import { readStages, stageTimes, type LifecycleStage, type LifecycleStages } from './internal/stage-plan.js';
import type { Journey } from './types.js';

export type { LifecycleStage, LifecycleStageInput, LifecycleStages } from './internal/stage-plan.js';

/** Options of {@link lifecycle}. */
export interface LifecycleOptions {
  /**
   * The moment of the classification: milestones reached after it do not count (default:
   * none, every milestone reached counts).
   */
  readonly asOf?: Timestamp;
  /**
   * Whether a stage counts only once every earlier stage is reached (default `true`).
   */
  readonly inOrder?: boolean;
  /** IANA time zone of the `reached` dates and of a date-only `asOf` (default `'UTC'`). */
  readonly timeZone?: string;
}

/** Where one journey stands: the classifier's answer. */
export interface JourneyStage {
  /** The journey's id. */
  readonly id: Id;
  /** The last stage reached; `null` when none is (a journey that starts after `asOf`). */
  readonly stage: string | null;
  /** Per stage, in stage order: the local date it counted from, `YYYY-MM-DD`, or `null`. */
  readonly reached: { readonly [stage: string]: string | null };
  /** Per stage, in stage order: the instant it counted from, epoch ms, or `null`. */
  readonly at: { readonly [stage: string]: number | null };
}

/**
 * A lifecycle classifier: call it with a journey to get its stage. Its properties echo
 * the settings it was made with.
 */
export interface Lifecycle<R = unknown> {
  (journey: Journey<R>): JourneyStage;
  /** The stages in order, `signed-up` included. */
  readonly stages: readonly LifecycleStage<R>[];
  /** The cut-off as an ISO string, or `null` for none. */
  readonly asOf: string | null;
  /** Whether a stage counts only once every earlier stage is reached. */
  readonly inOrder: boolean;
  /** IANA time zone of the `reached` dates and of a date-only `asOf`. */
  readonly timeZone: string;
}

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
 * { atLeast: 7, withinDays: 10 })`; habit = `recurring('report_viewed', { every: 'week',
 * times: 4 })`.
 *
 * Definition: let `tᵢ` be the time milestone i returns (`null`: not reached). With
 * `inOrder: true` (default) stage i counts when stages 0..i are all reached, from
 * `max(t₀, …, tᵢ)`: a stage reached before an earlier one counts from the moment the
 * earlier one is reached (aha before account set-up counts when set-up is done). With
 * `inOrder: false` each stage counts on its own, from `tᵢ`. A stage whose time is after
 * `asOf` does not count. `stage` is the last counted stage in the list (with `inOrder:
 * false`, the highest one, whatever is missing below it); `at` holds the instants and
 * `reached` the local calendar dates in `timeZone` of the counted stages, `null` for the
 * others.
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
 * @returns The classifier, a function with `stages`, `asOf`, `inOrder` and `timeZone`.
 * @throws {MetricsInputError} when building: `invalid-option` for no stages, an entry that
 * is not `{ name, milestone }` (`stages[1]`), an empty name (`stages[1].name`), a milestone
 * that is not a function (`stages[1].milestone`, or `stages.aha` in the object form), a
 * bad `asOf`, `inOrder` or `timeZone`; `duplicate-name` for a repeated name. When
 * classifying: `invalid-record`, `invalid-id` or `invalid-timestamp` for a journey that is
 * not `{ id, start, events }` (`journey.start`); `invalid-milestone` when a milestone
 * returns anything but `null` or epoch milliseconds, naming the stage
 * (`lifecycle: stages[2].milestone returned a value that is not epoch milliseconds or
 * null for stage "aha" of journey "u1" ("soon")`).
 *
 * @example
 * ```ts
 * import { lifecycle, type Journey } from 'customer-success-metrics/lifecycle';
 * const day = 86_400_000;
 * const signup = Date.UTC(2024, 2, 1, 9);
 * const journey = {
 *   id: 'ana',
 *   start: signup,
 *   events: [
 *     { name: 'report_shared', timestamp: signup + 1 * day, record: {} },
 *     { name: 'onboarding_completed', timestamp: signup + 2 * day, record: {} },
 *   ],
 * };
 * const hasEvent = (name: string) => (j: Journey) => j.events.find((e) => e.name === name)?.timestamp ?? null;
 * const stages = { 'account-set-up': hasEvent('onboarding_completed'), aha: hasEvent('report_shared'), habit: hasEvent('weekly_review') };
 * const classify = lifecycle(stages);
 * classify(journey).stage; // => 'aha'
 * classify(journey).reached; // => { 'signed-up': '2024-03-01', 'account-set-up': '2024-03-03', aha: '2024-03-03', habit: null }
 * lifecycle(stages, { inOrder: false })(journey).reached.aha; // => '2024-03-02'
 * lifecycle(stages, { asOf: '2024-03-02' })(journey).stage; // => 'signed-up'
 * ```
 */
export function lifecycle<R = unknown>(stages: LifecycleStages<R>, options?: LifecycleOptions): Lifecycle<R> {
  const fn = 'lifecycle';
  const plan = readStages<R>(fn, stages);
  const opts = optionsOf(options, fn);
  const zone = zoneCalendar(opts.timeZone ?? 'UTC', fn);
  const inOrder = opts.inOrder === undefined ? true : readBoolean(opts.inOrder, fn, 'options.inOrder');
  const asOf = opts.asOf === undefined ? null : readInstant(opts.asOf, zone, fn, 'options.asOf');
  const cutoff = asOf ?? Number.POSITIVE_INFINITY;
  const names = plan.names;
  const k = names.length;

  const classify = (journey: Journey<R>): JourneyStage => {
    checkJourney(journey, fn, -1);
    const times = new Float64Array(k);
    stageTimes(plan, journey, inOrder, cutoff, fn, -1, times, 0);
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
  return Object.assign(classify, {
    stages: plan.stages,
    asOf: asOf === null ? null : new Date(asOf).toISOString(),
    inOrder,
    timeZone: zone.timeZone,
  });
}
