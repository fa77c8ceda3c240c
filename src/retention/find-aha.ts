import { asOfEcho, type AsOfEcho } from '../core/as-of.js';
import { optionsOf } from '../core/options.js';
import { readConfidence, readInteger, requireIterable } from '../core/read.js';
import type { Estimate, Timestamp } from '../core/types.js';
import type { EventMatcher } from '../lifecycle/internal/milestone-readers.js';
import { checkJourney } from '../lifecycle/internal/stage-journey.js';
import type { Journey, JourneyEvent } from '../lifecycle/types.js';
import { wilsonInterval } from '../stats/wilson-interval.js';
import { readCandidates, readTarget, type AhaCandidate, type AhaTarget, type CandidateSpec } from './internal/aha-options.js';
import { ahaFigures, type AhaFigures } from './internal/aha-table.js';
import { ActivityBuffer, daysToMs, grownBytes, grownFloat, JourneyClock, readActivity, readDays, readInactivityDays } from './internal/landmark-activity.js';

export type { AhaCandidate, AhaTarget } from './internal/aha-options.js';
export type { AhaBand, AhaFigures, AhaTable } from './internal/aha-table.js';

/** Options of {@link findAha}. */
export interface FindAhaOptions<R = unknown> {
  /** The behaviours to try: event names (counts 1 to 5) or `{ event, counts?, name? }`. */
  readonly candidates: readonly (string | AhaCandidate<R>)[];
  /** The first days of 24 hours after the start in which the behaviour must happen: a finite number > 0. */
  readonly landmarkDays: number;
  /** What counts as retained; it must lie after the landmark. */
  readonly target: AhaTarget;
  /**
   * The moment of the evaluation (default: the latest journey start or event timestamp),
   * inclusive: activity at or before it counts. A date `YYYY-MM-DD` is the end of that
   * local day in the call's zone (its events count; a target window ending with it is complete).
   */
  readonly asOf?: Timestamp;
  /** Days without activity that make a churn (default 14), for "active at the landmark" and `activeAtDay`. */
  readonly inactivityDays?: number;
  /** Which events count as activity (default: every event). The start always counts. */
  readonly activity?: EventMatcher<R>;
  /** A milestone is ranked in `best` only when at least this many users did it and as many did not (default 10). */
  readonly minUsers?: number;
  /** Confidence level of the intervals (default 0.95). */
  readonly confidence?: number;
  /**
   * IANA time zone of the call: of a date-only `asOf` and of the `asOfDate` echo (default:
   * the zone the journeys carry, one zone for all; UTC without journeys).
   */
  readonly timeZone?: string;
}

/** Every key of {@link FindAhaOptions}; others are `unknown-option`. */
export const FIND_AHA_OPTION_KEYS = [
  'candidates',
  'landmarkDays',
  'target',
  'asOf',
  'inactivityDays',
  'activity',
  'minUsers',
  'confidence',
  'timeZone',
] as const;

/** One candidate milestone: an event done at least `count` times within the landmark. */
export interface AhaMilestone extends AhaFigures {
  /** The candidate's label (its event name, or its `name`). */
  readonly event: string;
  /** The minimum count. */
  readonly count: number;
  /** Whether at least `minUsers` did it and at least `minUsers` did not. */
  readonly enoughUsers: boolean;
}

/**
 * Result of {@link findAha}. `asOf` is the instant in force (ISO, UTC) and `asOfDate` its
 * local day in `timeZone`; both `null` when there are no journeys and none was given.
 */
export interface FindAhaResult extends AsOfEcho {
  /** IANA time zone of the call (given, else the journeys'): of a date-only `asOf` and of `asOfDate`. */
  readonly timeZone: string;
  /** The first days of 24 hours after the start in which the behaviour must happen. */
  readonly landmarkDays: number;
  /** What counts as retained. */
  readonly target: AhaTarget;
  /** Days without activity that make a churn. */
  readonly inactivityDays: number;
  /** Users needed on each side for a milestone to be ranked in `best`. */
  readonly minUsers: number;
  /** Confidence level of the intervals. */
  readonly confidence: number;
  /** All journeys: `users + leftOut.notObservable + leftOut.churnedBeforeLandmark`. */
  readonly journeys: number;
  /** Users analysed: target observable by `asOf` and active at the landmark. */
  readonly users: number;
  /** Users analysed who were retained. */
  readonly retained: number;
  /** `retained / users` with its Wilson interval: the baseline; `null` without users. */
  readonly retention: Estimate | null;
  /** Journeys left out of the analysis, by reason. */
  readonly leftOut: {
    /** The target window is not complete at `asOf` (it ends after it): pending, not counted as churned. */
    readonly notObservable: number;
    /** No activity in the `inactivityDays` before the landmark. */
    readonly churnedBeforeLandmark: number;
  };
  /** Every candidate × count, by phi descending (`null` phi last), then candidate order, then count. */
  readonly milestones: AhaMilestone[];
  /**
   * Per candidate, its milestone with the highest phi among those with enough users (ties:
   * the smallest count), by phi descending; a candidate without one is absent.
   */
  readonly best: AhaMilestone[];
}

/**
 * Finds the "aha" milestone: which behaviour, done how many times in the first days,
 * best separates the users who are retained from those who are not ("7 friends in 10
 * days").
 *
 * Definition. Activity is the journey's start and its events (those `activity` accepts).
 * The landmark is `L = start + landmarkDays × 24 h`. A journey is analysed when its target
 * is observable by `asOf` and it is still active at the landmark (its last activity at or
 * before `L` lies less than `inactivityDays` before `L`); otherwise it is counted in
 * `leftOut` as `notObservable` or `churnedBeforeLandmark`. Retained means, for `retainedOn:
 * [f, t]`, some activity in `[start + f × 24 h, start + (t + 1) × 24 h)` (days f to t, day
 * 0 being the first 24 hours), observable once the window is complete (its last millisecond
 * is at or before `asOf`); for `activeAtDay: d`, some activity after `L` and less than
 * `inactivityDays` before `D = start + d × 24 h`, at or before `D` (still active at day d),
 * observable once `asOf >= D`. The target starts after the landmark, so a behaviour is
 * never credited with the activity that defines retention. A user did milestone (event e,
 * count k) when at least k events e fall in `[start, L]` (as `eventCount(e, { atLeast: k,
 * withinDays: landmarkDays })`). For each, with `a, b` the retained and not retained among
 * those who did and `c, d` among those who did not: `share = (a + b) / n`, `retainedIfDid =
 * a / (a + b)`, `retainedIfNot = c / (c + d)` (Wilson intervals), `difference` their
 * difference with Newcombe's interval, `ratio` their ratio, `phi = (a d − b c) / √((a +
 * b)(c + d)(a + c)(b + d))`, `precision = a / (a + b)`, `recall = a / (a + c)`. Phi rewards
 * a milestone that both holds for most retained users and rarely for churned ones, so it
 * does not favour a rare behaviour of the very engaged (high precision, low recall) or a
 * universal one (high recall, no lift). Bands of |phi| as Amplitude Compass names them: >=
 * 0.4 `'highly-predictive'`, >= 0.3 `'moderately-predictive'`, >= 0.2
 * `'slightly-predictive'`, else `'not-predictive'`. Correlation, not causation: confirm
 * with `compareRetention` and an experiment.
 *
 * Time: activity counts when at or before `asOf` (default: the latest journey start or
 * event); a date `asOf` is the end of that local day in the call's zone (`timeZone`, else
 * the zone the journeys carry, else UTC), so that day's events count and a target window
 * ending with that day is complete. The result echoes `asOf` (ISO instant), `asOfDate` (its
 * local day) and `timeZone`. A journey whose target is not yet complete is left out as
 * `notObservable`, never counted as not retained.
 *
 * Source: Amplitude Compass (the correlation of "did the event at least N times in the
 * first days" with "retained in the target window", its bands) and Mixpanel Signal;
 * Wilson (1927) and Newcombe (1998, method 10) intervals.
 *
 * Cost: one pass over each journey's events, O(E × C) matcher calls for E events in the
 * landmarks and C candidates (plus O(k log k) for a journey whose events are out of time
 * order), O(n C) memory for n journeys, O(n K) to tally for K candidate milestones, and
 * O(K log K) to rank.
 *
 * Edge cases: no journeys give `asOf: null` and `asOfDate: null` unless given. No journeys
 * (or no analysed users) give `users: 0`, `retention: null`, every milestone with `share:
 * null`, `phi: null` and an empty `best`. No candidates give empty lists. Phi is `null`
 * when nobody (or everybody) did the milestone or was retained.
 *
 * @param journeys The journeys `{ id, start, events }` (an array or any iterable, read once).
 * @param options `{ candidates, landmarkDays, target, asOf?, inactivityDays?, activity?,
 * minUsers?, confidence?, timeZone? }`.
 * @returns `{ asOf, asOfDate, timeZone, landmarkDays, target, inactivityDays, minUsers,
 * confidence, journeys, users, retained, retention, leftOut, milestones, best }`.
 * @throws {MetricsInputError} `invalid-option` for `candidates` that is not an array of
 * event names or `{ event, counts?, name? }` (`options.candidates[1].event`), a `target`
 * without exactly one of `retainedOn` and `activeAtDay`, a bad `activity`, `asOf`,
 * `timeZone` or `confidence`; `invalid-time-zone` at `journeys[i].timeZone` for journeys in
 * different zones without a `timeZone` option; `unknown-option` for a key it does not know
 * (in `options`, a candidate object or `options.target`), `invalid-option` for any option
 * that is `null`; `invalid-number` for `landmarkDays` <= 0, a count that is not an integer
 * >= 1, a target day before the landmark (`options.target.retainedOn[0]`),
 * `inactivityDays` <= 0, `minUsers` not an integer >= 1; for a journey that is not
 * `{ id, start, events }` or an event without a valid timestamp, naming the journey's id
 * (`journeys[3] (id "u1").events[0].timestamp`).
 *
 * @example
 * ```ts
 * import { findAha } from 'customer-success-metrics/retention';
 * const day = 86_400_000;
 * const start = Date.UTC(2024, 0, 1);
 * // 20 users: those with 3 or more reports in the first week come back in week 2, the others mostly not.
 * const journeys = Array.from({ length: 20 }, (_, i) => {
 *   const reports = i % 5; // 0 to 4 reports on day 1
 *   const back = reports >= 3 || i === 0; // returns on day 10
 *   return {
 *     id: i, start,
 *     events: [
 *       ...Array.from({ length: reports }, () => ({ name: 'report_created', timestamp: start + day, record: {} })),
 *       { name: 'invite_sent', timestamp: start + 2 * day, record: {} }, // everyone: no signal
 *       ...(back ? [{ name: 'login', timestamp: start + 10 * day, record: {} }] : []),
 *     ],
 *   };
 * });
 * const result = findAha(journeys, {
 *   candidates: ['report_created', { event: 'invite_sent', counts: [1] }],
 *   landmarkDays: 7, target: { retainedOn: [8, 14] }, minUsers: 2, asOf: '2024-02-01', // through the end of Feb 1
 * });
 * [result.users, result.retained]; // => [20, 9]
 * const top = result.best[0];
 * [top?.event, top?.count, top?.phi, top?.band]; // ~> ['report_created', 3, 0.9027, 'highly-predictive']
 * [top?.precision, top?.recall]; // ~> [1, 0.8889]
 * result.milestones.find((m) => m.event === 'invite_sent')?.phi; // => null
 * ```
 */
export function findAha<R = unknown>(journeys: Iterable<Journey<R>>, options: FindAhaOptions<R>): FindAhaResult {
  const fn = 'findAha';
  const opts = optionsOf(options as FindAhaOptions, fn, FIND_AHA_OPTION_KEYS);
  const candidates = readCandidates(fn, opts.candidates);
  const landmarkDays = readDays(fn, opts.landmarkDays, 'options.landmarkDays', 0, true, null);
  const target = readTarget(fn, opts.target, landmarkDays);
  const inactivityDays = readInactivityDays(fn, opts.inactivityDays);
  const activity = readActivity(fn, opts.activity);
  const minUsers = opts.minUsers === undefined ? 10 : readInteger(opts.minUsers, fn, 'options.minUsers', 1);
  const clock = new JourneyClock(fn, opts.timeZone, opts.asOf);
  const confidence = readConfidence(opts.confidence, fn);
  const landmarkMs = daysToMs(landmarkDays);
  const gapMs = daysToMs(inactivityDays);
  const c = candidates.length;

  // One pass: per journey its start, whether it was active at the landmark and retained,
  // and its count of each candidate's events in [start, L] (capped at the largest count).
  let starts = new Float64Array(64);
  let flags = new Uint8Array(64);
  let counts = new Int32Array(64 * c);
  let row = 0;
  let windowStart = 0;
  let windowEnd = 0;
  const visit = (event: JourneyEvent, t: number): void => {
    if (t < windowStart || t > windowEnd) return;
    for (let k = 0; k < c; k++) {
      const spec = candidates[k] as CandidateSpec;
      const slot = row + k;
      if ((counts[slot] as number) < spec.cap && spec.matches(event)) counts[slot] = (counts[slot] as number) + 1;
    }
  };
  const buffer = new ActivityBuffer();
  let latest = Number.NEGATIVE_INFINITY;
  let n = 0;
  for (const journey of requireIterable<Journey<R>>(journeys, fn, 'journeys')) {
    checkJourney(journey, fn, n);
    const plain = clock.enter(journey as Journey, n);
    if (n === starts.length) {
      starts = grownFloat(starts);
      flags = grownBytes(flags);
      const more = new Int32Array(counts.length * 2);
      more.set(counts);
      counts = more;
    }
    row = n * c;
    const start = plain.start;
    const l = start + landmarkMs;
    windowStart = start;
    windowEnd = l;
    buffer.load(plain, activity, clock.until, fn, n, c === 0 ? null : visit);
    if (buffer.latest > latest) latest = buffer.latest;
    starts[n] = start;
    let flag = 0;
    const i = buffer.lastAtOrBefore(l);
    if (i >= 0 && l - buffer.at(i) < gapMs) flag |= ACTIVE;
    const end = start + target.endMs;
    const retained = target.kind === 'window' ? buffer.anyFrom(start + target.fromMs, end) : buffer.anyIn(Math.max(l, end - gapMs), end);
    if (retained) flag |= RETAINED;
    flags[n] = flag;
    n++;
  }
  const zone = clock.zone;
  const asOf = clock.asOf ?? (n === 0 ? null : latest);

  // Tally the 2×2 tables: cell index (did ? 0 : 2) + (retained ? 0 : 1) per milestone.
  const offsets: number[] = [];
  let milestoneCount = 0;
  for (const spec of candidates) {
    offsets.push(milestoneCount);
    milestoneCount += spec.counts.length;
  }
  const cells = new Float64Array(4 * milestoneCount);
  let users = 0;
  let retainedUsers = 0;
  let notObservable = 0;
  let churnedBeforeLandmark = 0;
  for (let j = 0; j < n; j++) {
    if (asOf === null || !((starts[j] as number) + target.observedMs <= asOf)) {
      notObservable++;
      continue;
    }
    const flag = flags[j] as number;
    if ((flag & ACTIVE) === 0) {
      churnedBeforeLandmark++;
      continue;
    }
    users++;
    const retained = (flag & RETAINED) !== 0;
    if (retained) retainedUsers++;
    for (let k = 0; k < c; k++) {
      const spec = candidates[k] as CandidateSpec;
      const done = counts[j * c + k] as number;
      let m = offsets[k] as number;
      for (const atLeast of spec.counts) {
        const cell = 4 * m + (done >= atLeast ? 0 : 2) + (retained ? 0 : 1);
        cells[cell] = (cells[cell] as number) + 1;
        m++;
      }
    }
  }

  const milestones: AhaMilestone[] = [];
  const order: number[] = [];
  for (let k = 0; k < c; k++) {
    const spec = candidates[k] as CandidateSpec;
    let m = offsets[k] as number;
    for (const count of spec.counts) {
      const table = { didRetained: cells[4 * m] as number, didChurned: cells[4 * m + 1] as number, notRetained: cells[4 * m + 2] as number, notChurned: cells[4 * m + 3] as number };
      const figures = ahaFigures(table, confidence);
      const enoughUsers = figures.users >= minUsers && users - figures.users >= minUsers;
      milestones.push({ event: spec.name, count, enoughUsers, ...figures });
      order.push(k);
      m++;
    }
  }
  // Rank: phi descending, null last; ties keep candidate order, then count (the build order).
  const ranked = milestones.map((milestone, index) => ({ milestone, index }));
  ranked.sort((x, y) => comparePhi(x.milestone.phi, y.milestone.phi) || x.index - y.index);
  const best: AhaMilestone[] = [];
  const taken = new Set<number>();
  for (const { milestone, index } of ranked) {
    const k = order[index] as number;
    if (taken.has(k) || !milestone.enoughUsers || milestone.phi === null) continue;
    taken.add(k);
    best.push(milestone);
  }
  return {
    ...asOfEcho(asOf, zone),
    timeZone: zone.timeZone,
    landmarkDays,
    target: target.echo,
    inactivityDays,
    minUsers,
    confidence,
    journeys: n,
    users,
    retained: retainedUsers,
    retention: wilsonInterval(retainedUsers, users, confidence),
    leftOut: { notObservable, churnedBeforeLandmark },
    milestones: ranked.map((r) => r.milestone),
    best,
  };
}

/** Flag bits of a journey. */
const ACTIVE = 1;
const RETAINED = 2;

/** Orders phi descending, `null` last. */
function comparePhi(x: number | null, y: number | null): number {
  if (x === null) return y === null ? 0 : 1;
  if (y === null) return -1;
  return y - x;
}
