/**
 * The user-retention functions of `customer-success-metrics/retention` that take `asOf`,
 * each run on data with an event late on 2024-06-30 (23:30 local) for the asOf runner.
 * (kaplanMeier and logRank take no `asOf`: durations are given.)
 */
import { hasEvent } from '../../../src/lifecycle/has-event.js';
import type { Journey } from '../../../src/lifecycle/types.js';
import { cohortRetention } from '../../../src/retention/cohort-retention.js';
import { cohortRetentionAccumulator } from '../../../src/retention/cohort-retention-accumulator.js';
import { compareRetention } from '../../../src/retention/compare-retention.js';
import { findAha } from '../../../src/retention/find-aha.js';
import type { CohortRetentionResult } from '../../../src/retention/types.js';
import type { AsOfCase } from '../valid-call.js';


const DAY = 86_400_000;

/** The UTC offset (ms) of `timeZone` at instant `t`, from Intl (whole seconds). */
function offsetAt(t: number, timeZone: string): number {
  const format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
  const part = (type: string): number => Number(format.formatToParts(t).find((p) => p.type === type)?.value);
  const wall = Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'), part('second'));
  return wall - Math.floor(t / 1000) * 1000;
}

/** The instant of a local wall time in `timeZone` (not in a DST gap). */
function localInstant(timeZone: string, month: number, day: number, hour: number, minute: number): number {
  const wall = Date.UTC(2024, month - 1, day, hour, minute);
  let t = wall;
  for (let i = 0; i < 3; i++) t = wall - offsetAt(t, timeZone);
  return t;
}

/** The late event (23:30 local on 2024-06-30) and the last millisecond of that local day. */
function lateOf(timeZone: string): { late: number; endOfDay: number } {
  return { late: localInstant(timeZone, 6, 30, 23, 30), endOfDay: localInstant(timeZone, 7, 1, 0, 0) - 1 };
}

/**
 * Cohort tables: one user whose only event is the late one; daily cohorts, interval 0 only.
 * Counted: the cohort 2024-06-30 has that user. Complete: that cohort's row is complete.
 */
function cohortOutcome(result: CohortRetentionResult): ReturnType<AsOfCase['run']> {
  const row = result.cohorts.find((c) => c.cohort === '2024-06-30');
  return { counted: row !== undefined && row.size === 1, complete: row?.complete ?? false, asOf: result.asOf, asOfDate: result.asOfDate };
}

const cohortOptions = { cohort: 'day', interval: 'day', lastPeriod: 0 } as const;

export const asOfCases: AsOfCase[] = [
  {
    name: 'cohortRetention',
    run: (asOf, timeZone) => {
      const { late } = lateOf(timeZone);
      return cohortOutcome(cohortRetention([{ userId: 'u', timestamp: late }], { ...cohortOptions, timeZone, asOf }));
    },
  },
  {
    name: 'cohortRetentionAccumulator',
    run: (asOf, timeZone) => {
      const { late } = lateOf(timeZone);
      const accumulator = cohortRetentionAccumulator({ ...cohortOptions, timeZone, asOf }).add([{ userId: 'u', timestamp: late }]);
      return cohortOutcome(JSON.parse(JSON.stringify(accumulator.result())) as CohortRetentionResult);
    },
  },
  {
    // compareRetention has no calendar periods. Counted: journey A, whose landmark is the late
    // login and whose start (20 days earlier, more than the 14-day gap) cannot keep it active,
    // enters a group only when the login counts. Complete: journey B's landmark window (its
    // first 20 × 24 hours) ends with the last millisecond of 2024-06-30; it is classified
    // (here: churned before its landmark) once that window is complete at asOf.
    name: 'compareRetention',
    run: (asOf, timeZone) => {
      const { late, endOfDay } = lateOf(timeZone);
      const journeys: Journey[] = [
        { id: 'A', start: late - 20 * DAY, events: [{ name: 'login', timestamp: late, record: {} }] },
        { id: 'B', start: endOfDay - 20 * DAY, events: [] },
      ];
      const result = compareRetention(journeys, { segment: hasEvent('aha'), landmarkDays: 20, horizonDays: 40, timeZone, asOf });
      return {
        counted: result.segment.users + result.control.users === 1,
        complete: result.leftOut.churnedBeforeLandmark === 1,
        asOf: result.asOf,
        asOfDate: result.asOfDate,
      };
    },
  },
  {
    // findAha: target days 22 to 29 (the window [start + 22 × 24 h, start + 30 × 24 h)).
    // Counted: journey A's window ends right after the late login (its last millisecond is the
    // login), so A is analysed and retained exactly when the login counts. Complete: journey
    // B's window ends with the last millisecond of 2024-06-30; B (no activity in it) is
    // analysed once that window is complete at asOf, else left out as not observable.
    name: 'findAha',
    run: (asOf, timeZone) => {
      const { late, endOfDay } = lateOf(timeZone);
      const startA = late + 1 - 30 * DAY;
      const journeys: Journey[] = [
        { id: 'A', start: startA, events: [{ name: 'login', timestamp: late, record: {} }] },
        { id: 'B', start: endOfDay + 1 - 30 * DAY, events: [] },
      ];
      const result = findAha(journeys, { candidates: ['login'], landmarkDays: 7, target: { retainedOn: [22, 29] }, minUsers: 1, timeZone, asOf });
      return { counted: result.retained === 1, complete: result.users === 2, asOf: result.asOf, asOfDate: result.asOfDate };
    },
  },
];
