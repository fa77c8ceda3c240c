import type { Journey, JourneyEvent, JourneyEventPredicate } from '../core/journey.js';
import { optionsOf } from '../core/options.js';
import { readConfidence, readInteger } from '../core/read.js';
import { readCandidates, readTarget, type CandidateSpec, type TargetSpec } from './internal/aha-options.js';
import { ahaResult, AhaTally } from './internal/aha-ranking.js';
import {
  daysToMs,
  grownBytes,
  grownFloat,
  JourneyClock,
  readActivity,
  readDays,
  readInactivityDays,
  scanJourneys,
  type ActivityBuffer,
} from './internal/landmark-activity.js';
import type { FindAhaOptions, FindAhaResult } from './types.js';

export type { AhaBand, AhaCandidate, AhaCandidateResult, AhaFigures, AhaTable, AhaTarget, FindAhaOptions, FindAhaResult } from './types.js';

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
] as const satisfies readonly (keyof FindAhaOptions)[];

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
 * difference with Newcombe's interval, `relativeLift = retainedIfDid / retainedIfNot − 1`, `phi = (a d − b c) / √((a +
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
 * Steps: `readAha` (options), `scanAha` (one pass over the journeys: activity at the
 * landmark, retention, candidate counts), `tallyTables` (the 2×2 tables of the analysed
 * users), `rankCandidates` (figures, order, `best`).
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
 * confidence, journeys, users, retained, retention, leftOut, milestones, best }`; each
 * candidate milestone is `{ label, count, enoughUsers, users, share, retainedIfDid,
 * retainedIfNot, difference, relativeLift, phi, band, precision, recall, table: {
 * didRetained, didChurned, didNotRetained, didNotChurned } }`.
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
 * [top?.label, top?.count, top?.phi, top?.band]; // ~> ['report_created', 3, 0.9027, 'highly-predictive']
 * [top?.precision, top?.recall]; // ~> [1, 0.8889]
 * result.milestones.find((m) => m.label === 'invite_sent')?.phi; // => null
 * ```
 */
export function findAha<R = unknown>(journeys: Iterable<Journey<R>>, options: FindAhaOptions<R>): FindAhaResult {
  const fn = 'findAha';
  const settings = readAha(fn, options as FindAhaOptions);
  const scan = scanAha(fn, journeys, settings);
  const tables = tallyTables(scan, settings);
  return ahaResult(settings, settings.clock.zone, scan.asOf, scan.count, tables.tally, tables);
}

/** The options of `findAha`, read and checked. */
interface AhaSettings {
  readonly candidates: CandidateSpec[];
  readonly landmarkDays: number;
  readonly target: TargetSpec;
  readonly inactivityDays: number;
  readonly activity: JourneyEventPredicate | null;
  readonly minUsers: number;
  readonly clock: JourneyClock;
  readonly confidence: number;
}

/** Read step: every option, checked (`unknown-option`, `invalid-option`, `invalid-number`). */
function readAha(fn: string, options: FindAhaOptions): AhaSettings {
  const opts = optionsOf(options, fn, FIND_AHA_OPTION_KEYS);
  const candidates = readCandidates(fn, opts.candidates);
  const landmarkDays = readDays(fn, opts.landmarkDays, 'options.landmarkDays', 0, true, null);
  const target = readTarget(fn, opts.target, landmarkDays);
  const inactivityDays = readInactivityDays(fn, opts.inactivityDays);
  const activity = readActivity(fn, opts.activity);
  const minUsers = opts.minUsers === undefined ? 10 : readInteger(opts.minUsers, fn, 'options.minUsers', 1);
  const clock = new JourneyClock(fn, opts.timeZone, opts.asOf);
  const confidence = readConfidence(opts.confidence, fn);
  return { candidates, landmarkDays, target, inactivityDays, activity, minUsers, clock, confidence };
}

/** Flag bits of a journey. */
const ACTIVE = 1;
const RETAINED = 2;

/** Per journey: its start, its flags, and its count of each candidate's events in the landmark. */
interface AhaScan {
  /** Journeys read. */
  readonly count: number;
  /** The `asOf` in force: given, else the latest journey start or event; `null` without either. */
  readonly asOf: number | null;
  readonly starts: Float64Array;
  /** `ACTIVE` (at the landmark), `RETAINED` (activity in the target). */
  readonly flags: Uint8Array;
  /** Journey j's count of candidate k at `j * candidates + k`, capped at the candidate's largest count. */
  readonly counts: Int32Array;
}

/**
 * Scan step, one pass: per journey its start, whether it was active at the landmark and
 * retained, and its count of each candidate's events in `[start, L]` (capped at the
 * largest count). O(E × C) matcher calls for E events in the landmarks and C candidates.
 */
function scanAha<R>(fn: string, journeys: Iterable<Journey<R>>, settings: AhaSettings): AhaScan {
  const { candidates, target } = settings;
  const c = candidates.length;
  const landmarkMs = daysToMs(settings.landmarkDays);
  const gapMs = daysToMs(settings.inactivityDays);
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
  const { count, asOf } = scanJourneys(fn, journeys, settings.clock, settings.activity, {
    begin(journey: Journey, n: number): void {
      if (n === starts.length) {
        starts = grownFloat(starts);
        flags = grownBytes(flags);
        const more = new Int32Array(counts.length * 2);
        more.set(counts);
        counts = more;
      }
      row = n * c;
      windowStart = journey.start;
      windowEnd = journey.start + landmarkMs;
    },
    event: c === 0 ? null : visit,
    end(journey: Journey, activity: ActivityBuffer, n: number): void {
      const start = journey.start;
      const l = start + landmarkMs;
      starts[n] = start;
      let flag = 0;
      const i = activity.lastAtOrBefore(l);
      if (i >= 0 && l - activity.at(i) < gapMs) flag |= ACTIVE;
      const end = start + target.endMs;
      const retained = target.kind === 'window' ? activity.anyFrom(start + target.fromMs, end) : activity.anyIn(Math.max(l, end - gapMs), end);
      if (retained) flag |= RETAINED;
      flags[n] = flag;
    },
  });
  return { count, asOf, starts, flags, counts };
}

/** The 2×2 tables of every candidate × count over the analysed users, and the journeys left out by reason. */
interface AhaTables {
  readonly tally: AhaTally;
  readonly notObservable: number;
  readonly churnedBeforeLandmark: number;
}

/**
 * Compute step: leaves out the journeys whose target is not observable at `asOf` or that
 * were not active at the landmark, and tallies the 2×2 table of every candidate milestone
 * over the others. O(n K) for K candidate milestones.
 */
function tallyTables(scan: AhaScan, settings: AhaSettings): AhaTables {
  const c = settings.candidates.length;
  const { target } = settings;
  const tally = new AhaTally(settings.candidates);
  const { asOf } = scan;
  let notObservable = 0;
  let churnedBeforeLandmark = 0;
  for (let j = 0; j < scan.count; j++) {
    if (asOf === null || !((scan.starts[j] as number) + target.observedMs <= asOf)) {
      notObservable++;
      continue;
    }
    const flag = scan.flags[j] as number;
    if ((flag & ACTIVE) === 0) {
      churnedBeforeLandmark++;
      continue;
    }
    tally.add((flag & RETAINED) !== 0, scan.counts, j * c);
  }
  return { tally, notObservable, churnedBeforeLandmark };
}
