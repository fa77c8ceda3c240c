import { asOfEcho } from '../core/as-of.js';
import { fail } from '../core/errors.js';
import { AsOfOption, CallZone } from '../core/journey-zone.js';
import { checkJourney, latestInstantOf } from '../core/journey.js';
import { optionsOf } from '../core/options.js';
import { readBoolean, readConfidence, requireIterable } from '../core/read.js';
import { zoneCalendar, type ZoneCalendar } from '../core/time-zone.js';
import { wilsonInterval } from '../stats/wilson-interval.js';
import { classifierSettingsOf } from './internal/classifier-settings.js';
import { Durations } from './internal/stage-durations.js';
import { readStages, stageTimes, type StagePlan } from './internal/stage-plan.js';
import type { Journey, Lifecycle, LifecycleFunnelOptions, LifecycleFunnelResult, LifecycleFunnelStage, LifecycleStages } from './types.js';

export type { LifecycleFunnelOptions, LifecycleFunnelResult, LifecycleFunnelStage } from './types.js';

/** The keys of {@link LifecycleFunnelOptions}. */
const LIFECYCLE_FUNNEL_OPTION_KEYS = ['asOf', 'inOrder', 'timeZone', 'confidence'] as const satisfies readonly (keyof LifecycleFunnelOptions)[];

/** The stages, `inOrder`, zone and `asOf` of a funnel, from its options and classifier. */
interface FunnelSetup<R> {
  readonly plan: StagePlan<R>;
  readonly inOrder: boolean;
  /** The zone given (to the funnel or the classifier); `null`: the journeys'. */
  readonly zone: ZoneCalendar | null;
  /** Whether an `asOf` was given (to the funnel or the classifier). */
  readonly givenAsOf: boolean;
  /** The given `asOf` in a zone, `null` when none was given. */
  readonly asOfIn: (zone: ZoneCalendar) => number | null;
}

/**
 * Reads the stages (or the classifier) and the options that shape the count; with a
 * classifier, an option that contradicts its settings throws.
 */
function funnelSetup<R>(fn: string, stages: unknown, opts: Partial<LifecycleFunnelOptions>): FunnelSetup<R> {
  const classifier = classifierSettingsOf<R>(stages);
  if (classifier === null && typeof stages === 'function') {
    fail(fn, 'stages', 'invalid-option', 'must be a classifier made by lifecycle(), an array of stages { name, milestone } or an object { [name]: milestone }', stages);
  }
  const zone = opts.timeZone === undefined ? null : zoneCalendar(opts.timeZone, fn);
  const inOrder = opts.inOrder === undefined ? undefined : readBoolean(opts.inOrder, fn, 'options.inOrder');
  const asOf = new AsOfOption(opts.asOf, fn);
  if (classifier === null) {
    return { plan: readStages<R>(fn, stages), inOrder: inOrder ?? true, zone, givenAsOf: asOf.given, asOfIn: (z) => asOf.at(z) };
  }
  const own = classifier.zone;
  if (zone !== null && own !== null && zone.timeZone !== own.timeZone) {
    fail(fn, 'options.timeZone', 'invalid-option', `must match the classifier's timeZone, ${JSON.stringify(own.timeZone)}, or be left out`, opts.timeZone);
  }
  if (inOrder !== undefined && inOrder !== classifier.inOrder) {
    fail(fn, 'options.inOrder', 'invalid-option', `must match the classifier's inOrder, ${classifier.inOrder}, or be left out`, opts.inOrder);
  }
  const asOfIn = (z: ZoneCalendar): number | null => {
    const mine = asOf.at(z);
    const theirs = classifier.asOf.at(z);
    if (mine !== null && theirs !== null && mine !== theirs) {
      fail(fn, 'options.asOf', 'invalid-option', `must match the classifier's asOf, ${new Date(theirs).toISOString()}, or be left out`, opts.asOf);
    }
    return mine ?? theirs;
  };
  return { plan: classifier.plan, inOrder: classifier.inOrder, zone: zone ?? own, givenAsOf: asOf.given || classifier.asOf.given, asOfIn };
}

/** Counts per stage, accumulated journey by journey. */
class FunnelTally {
  readonly current: Float64Array;
  readonly reached: Float64Array;
  readonly withPrevious: Float64Array;
  readonly withFirst: Float64Array;
  readonly durations: Durations[];
  atNoStage = 0;

  constructor(k: number) {
    this.current = new Float64Array(k);
    this.reached = new Float64Array(k);
    this.withPrevious = new Float64Array(k);
    this.withFirst = new Float64Array(k);
    this.durations = Array.from({ length: k }, () => new Durations());
  }

  /** Adds the journey whose stage times are `times[offset .. offset + k - 1]`. O(k). */
  add(times: Float64Array, offset: number, k: number, asOf: number): void {
    const first = times[offset] as number;
    const firstCounted = first <= asOf;
    let last = -1;
    let previous = Number.NaN;
    let previousCounted = false;
    for (let i = 0; i < k; i++) {
      const t = times[offset + i] as number;
      const counted = t <= asOf;
      if (counted) {
        last = i;
        this.reached[i] = (this.reached[i] as number) + 1;
        if (firstCounted) this.withFirst[i] = (this.withFirst[i] as number) + 1;
        if (previousCounted) {
          this.withPrevious[i] = (this.withPrevious[i] as number) + 1;
          (this.durations[i] as Durations).push(t - previous);
        }
      }
      previous = t;
      previousCounted = counted;
    }
    if (last < 0) this.atNoStage++;
    else this.current[last] = (this.current[last] as number) + 1;
  }
}

/**
 * A lifecycle funnel over many journeys: how many sit at each stage, how many reached
 * it, and the conversion between consecutive stages.
 *
 * Definition: each journey is classified as by `lifecycle` (same stages, `inOrder` and
 * `asOf`). Per stage: `current` counts the journeys whose stage (the last one reached) it
 * is, so the `current` counts and `atNoStage` add up to the number of journeys; `reached`
 * counts the journeys that reached it at or before `asOf` (inclusive; a date-only `asOf`
 * is the end of that local day); `conversionFromPrevious` is the share of the journeys
 * that reached the previous stage which also reached this one, and `conversionFromFirst`
 * the same from the first stage (with `inOrder`, simply `reachedᵢ / reachedᵢ₋₁` and
 * `reachedᵢ / reached₀`), each with a Wilson score interval at `confidence`;
 * `medianDaysFromPrevious` is the median of the time between the two stages' instants
 * among the journeys that reached both (with `inOrder: false` it can be negative, when the
 * later stage came first).
 *
 * Time zone: `timeZone` (or the classifier's) is the zone of a date-only `asOf` and of the
 * calendar milestones without a zone of their own, which get each journey in it. Without
 * one, the funnel works in the zone the journeys carry (the `timeZone` of `journeys()`),
 * which must then be the same for all of them (UTC for journeys without one).
 *
 * Source: the stage-to-stage funnel of product analytics tools (Amplitude, Mixpanel
 * funnels), over the lifecycle stages of `lifecycle`, with Wilson intervals (E. B. Wilson,
 * JASA 1927) as the library uses for every rate.
 *
 * Cost: O(n × k) milestone calls for n journeys and k stages, plus O(m log m) to take
 * the median of m durations per stage; memory O(n × k) numbers (the stage times and
 * durations), or O(k + durations) when `asOf` is given (to the funnel or the classifier).
 * The default `asOf` reads every event timestamp once.
 *
 * Edge cases: no journeys give zero counts, `null` rates and `asOf: null` unless one was
 * given; a stage nobody reached before gives `null` conversion from it.
 *
 * @param journeys The journeys (an array or any iterable, read once).
 * @param stages A classifier made by `lifecycle` (its `asOf`, `inOrder` and `timeZone`
 * apply), or the stages as `lifecycle` takes them.
 * @param options `{ asOf?, inOrder?, timeZone?, confidence? }`.
 * @returns `{ asOf, asOfDate, timeZone, inOrder, confidence, journeys, atNoStage, stages:
 * [{ name, current, reached, reachedFromPrevious, conversionFromPrevious,
 * conversionFromFirst, medianDaysFromPrevious }] }`.
 * @throws {MetricsInputError} for bad stages (as `lifecycle`), a journey that is not
 * `{ id, start, events }` (`journeys[3] (id "u1").start`), an event without a valid
 * timestamp when `asOf` is defaulted (`journeys[3] (id "u1").events[0].timestamp`), a
 * journey whose `timeZone` is not an IANA name or, without `options.timeZone`, differs
 * from the first journey's (`invalid-time-zone`), a milestone returning anything but
 * `null` or epoch milliseconds (`invalid-milestone`, naming the stage and `journeys[3]`),
 * a bad option, an option that is `null`, an unknown option (`unknown-option`), or an
 * `asOf`, `inOrder` or `timeZone` that contradicts the classifier's.
 *
 * @example
 * ```ts
 * import { lifecycleFunnel, type Journey } from 'customer-success-metrics/lifecycle';
 * const hasEvent = (name: string) => (j: Journey) => j.events.find((e) => e.name === name)?.timestamp ?? null;
 * const at = (iso: string) => Date.parse(iso);
 * const journeys = [
 *   { id: 1, start: at('2024-03-01T00:00Z'), events: [{ name: 'setup', timestamp: at('2024-03-02T00:00Z'), record: {} }, { name: 'aha', timestamp: at('2024-03-05T00:00Z'), record: {} }] },
 *   { id: 2, start: at('2024-03-01T00:00Z'), events: [{ name: 'setup', timestamp: at('2024-03-04T00:00Z'), record: {} }] },
 *   { id: 3, start: at('2024-03-02T00:00Z'), events: [] },
 *   { id: 4, start: at('2024-03-03T00:00Z'), events: [{ name: 'aha', timestamp: at('2024-03-04T00:00Z'), record: {} }] },
 * ];
 * const stages = { 'account-set-up': hasEvent('setup'), aha: hasEvent('aha') };
 * const funnel = lifecycleFunnel(journeys, stages);
 * [funnel.asOf, funnel.asOfDate]; // => ['2024-03-05T00:00:00.000Z', '2024-03-05']
 * funnel.stages.map((s) => [s.name, s.current, s.reached]); // => [['signed-up', 2, 4], ['account-set-up', 1, 2], ['aha', 1, 1]]
 * funnel.stages[1]?.conversionFromPrevious?.value; // => 0.5
 * funnel.stages[1]?.medianDaysFromPrevious; // => 2
 * funnel.stages[2]?.conversionFromFirst?.value; // => 0.25
 * // asOf '2024-03-04' is the end of that day: the setup at 03-04T00:00Z counts, not the aha of 03-05.
 * lifecycleFunnel(journeys, stages, { asOf: '2024-03-04' }).stages.map((s) => s.reached); // => [4, 2, 0]
 * ```
 */
export function lifecycleFunnel<R = unknown>(
  journeys: Iterable<Journey<R>>,
  stages: LifecycleStages<R> | Lifecycle<R>,
  options?: LifecycleFunnelOptions,
): LifecycleFunnelResult {
  const fn = 'lifecycleFunnel';
  const opts = optionsOf(options, fn, LIFECYCLE_FUNNEL_OPTION_KEYS);
  const setup = funnelSetup<R>(fn, stages, opts);
  const confidence = readConfidence(opts.confidence, fn);
  const { tally, n, asOf, zone } = tallyJourneys(fn, journeys, setup);
  const plan = setup.plan;
  const reachedFirst = tally.reached[0] as number;
  const rows: LifecycleFunnelStage[] = plan.names.map((name, i) => {
    const previousReached = i === 0 ? 0 : (tally.reached[i - 1] as number);
    const withPrevious = tally.withPrevious[i] as number;
    return {
      name,
      current: tally.current[i] as number,
      reached: tally.reached[i] as number,
      reachedFromPrevious: i === 0 ? null : withPrevious,
      conversionFromPrevious: i === 0 ? null : wilsonInterval(withPrevious, previousReached, { confidence }),
      conversionFromFirst: wilsonInterval(tally.withFirst[i] as number, reachedFirst, { confidence }),
      medianDaysFromPrevious: i === 0 ? null : (tally.durations[i] as Durations).medianDays(),
    };
  });
  return {
    ...asOfEcho(asOf, zone),
    timeZone: zone.timeZone,
    inOrder: setup.inOrder,
    confidence,
    journeys: n,
    atNoStage: n === 0 ? 0 : tally.atNoStage,
    stages: rows,
  };
}

/**
 * Classifies every journey into the tally. With `asOf` given, each journey is tallied at
 * once (its zone known from the first journey on); otherwise the stage times are kept
 * until the latest instant of the input is known.
 */
function tallyJourneys<R>(
  fn: string,
  journeys: Iterable<Journey<R>>,
  setup: FunnelSetup<R>,
): { tally: FunnelTally; n: number; asOf: number | null; zone: ZoneCalendar } {
  const { plan, inOrder } = setup;
  const zones = new CallZone(fn, setup.zone);
  const k = plan.names.length;
  const tally = new FunnelTally(k);
  let cutoff: number | null = null;
  let times = new Float64Array(setup.givenAsOf ? k : 64 * k);
  let latest = Number.NEGATIVE_INFINITY;
  let n = 0;
  for (const journey of requireIterable<Journey<R>>(journeys, fn, 'journeys')) {
    checkJourney(journey, fn, n);
    const seen = zones.enter(journey, n);
    if (setup.givenAsOf) {
      cutoff ??= setup.asOfIn(zones.calendar) as number;
      stageTimes(plan, seen, inOrder, cutoff, fn, n, times, 0);
      tally.add(times, 0, k, cutoff);
    } else {
      const last = latestInstantOf(journey as Journey, fn, n);
      if (last > latest) latest = last;
      if ((n + 1) * k > times.length) {
        const grown = new Float64Array(times.length * 2);
        grown.set(times);
        times = grown;
      }
      stageTimes(plan, seen, inOrder, Number.POSITIVE_INFINITY, fn, n, times, n * k);
    }
    n++;
  }
  const zone = zones.calendar;
  if (setup.givenAsOf) return { tally, n, asOf: cutoff ?? setup.asOfIn(zone), zone };
  const asOf = n === 0 ? null : latest;
  if (asOf !== null) for (let j = 0; j < n; j++) tally.add(times, j * k, k, asOf);
  return { tally, n, asOf, zone };
}
