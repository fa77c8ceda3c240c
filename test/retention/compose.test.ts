/**
 * Results that compose: each test passes one function's output (or input) straight into the
 * next, as docs/retention.md shows them, with no mapping in between.
 * - the same subjects into `kaplanMeier` (one per group) and `logRank` (the groups);
 * - `journeys(events)` into `compareRetention` with an `eventCount` segment, whose curves are
 *   `kaplanMeier`'s steps of the hand-derived durations;
 * - `findAha`'s winner into `compareRetention` as `eventCount(label, { atLeast: count,
 *   withinDays: landmarkDays })`.
 * Expected numbers are hand-worked (said in each comment) or the outputs of the function
 * under comparison, never printed by the code under test.
 */
import { describe, expect, it } from 'vitest';
import { eventCount } from '../../src/lifecycle/event-count.js';
import { journeys } from '../../src/lifecycle/journeys.js';
import { compareRetention } from '../../src/retention/compare-retention.js';
import { findAha } from '../../src/retention/find-aha.js';
import { kaplanMeier } from '../../src/retention/kaplan-meier.js';
import { logRank } from '../../src/retention/log-rank.js';
import type { SurvivalStep } from '../../src/core/types.js';
import type { Subject } from '../../src/retention/types.js';

const DAY = 86_400_000;
const subject = (duration: number, observed: boolean): Subject => ({ duration, observed });

describe('kaplanMeier and logRank take the same subjects', () => {
  // The groups of the logRank guide example: months to churn (observed) or to the last renewal seen.
  const activated = [subject(3, true), subject(5, true), subject(7, false), subject(9, true), subject(12, false)];
  const others = [subject(1, true), subject(2, true), subject(2, true), subject(4, true), subject(6, false)];

  it('logRank over the groups kaplanMeier fitted: the same subjects, events and censorings', () => {
    const groups = [activated, others];
    const fits = groups.map((group) => kaplanMeier(group));
    const test = logRank(groups);
    // Counted by hand: activated 5 subjects, 3 churns (3, 5, 9); others 5 subjects, 4 churns (1, 2, 2, 4).
    expect(fits.map((fit) => [fit.n, fit.events, fit.censored])).toEqual([
      [5, 3, 2],
      [5, 4, 1],
    ]);
    expect(test.groups.map((g) => [g.n, g.events])).toEqual(fits.map((fit) => [fit.n, fit.events]));
    // The two-group form is the same test.
    expect(logRank(activated, others)).toEqual(test);
  });
});

describe('compareRetention over journeys(events) with an eventCount segment', () => {
  // The guide's example: "3 reports in the first week" as the aha moment, a 7-day landmark.
  const jan1 = Date.parse('2024-01-01T09:00:00Z');
  const on = (userId: string, name: string, d: number) => ({ userId, name, timestamp: jan1 + d * DAY });
  const events = [
    on('ana', 'login', 0), on('ana', 'report_created', 1), on('ana', 'report_created', 2), on('ana', 'report_created', 4), on('ana', 'login', 8),
    on('cy', 'login', 0), on('cy', 'report_created', 1), on('cy', 'report_created', 3), on('cy', 'report_created', 6),
    ...[13, 26, 39, 52, 65, 78, 91, 104].map((d) => on('cy', 'login', d)),
    on('ben', 'login', 0), on('ben', 'report_created', 2), on('ben', 'login', 5), on('ben', 'login', 15),
    on('dee', 'login', 0),
    { userId: 'eve', name: 'login', timestamp: '2024-06-28T10:00:00Z' },
  ];
  const result = compareRetention(journeys(events), {
    segment: eventCount('report_created', { atLeast: 3, withinDays: 7 }),
    landmarkDays: 7,
    horizonDays: 90,
    asOf: '2024-06-30',
  });
  // Hand-derived durations in days after the landmark (day 7), inactivity 14 days:
  // segment: ana last seen day 8, then silent: churn at 1; cy logs in every 13 days to day 104,
  // past the 83-day follow-up: censored at 83. Control: dee only on day 0 (within 14 days of the
  // landmark), never again: churn at 0; ben last seen day 15: churn at 8.
  const segment = [subject(1, true), subject(83, false)];
  const control = [subject(0, true), subject(8, true)];

  it('groups the journeys as worked by hand', () => {
    expect([result.segment.users, result.control.users, result.leftOut.notYetAtLandmark]).toEqual([2, 2, 1]);
    // S = 1/2 from day 1 (segment); 1/2 from day 0 and 0 from day 8 (control).
    expect(result.retention.map((r) => [r.day, r.segment?.value, r.control?.value])).toEqual([
      [7, 0.5, 0.5],
      [30, 0.5, 0],
      [60, 0.5, 0],
    ]);
  });

  it("gives each group kaplanMeier's curve and median of its durations, in the one SurvivalStep shape", () => {
    const rows = (curve: SurvivalStep[]) => curve.map((s) => [s.time, s.atRisk, s.events, s.censored, s.survival]);
    // By hand: segment 2 at risk at day 1, 1 churns (S 1/2); 1 at risk at 83, censored.
    expect(rows(result.segment.curve)).toEqual([
      [1, 2, 1, 0, 0.5],
      [83, 1, 0, 1, 0.5],
    ]);
    // Control: 2 at risk at day 0, 1 churns (S 1/2); 1 at risk at day 8, churns (S 0).
    expect(rows(result.control.curve)).toEqual([
      [0, 2, 1, 0, 0.5],
      [8, 1, 1, 0, 0],
    ]);
    const segmentFit = kaplanMeier(segment);
    const controlFit = kaplanMeier(control);
    expect(result.segment.curve).toEqual(segmentFit.curve);
    expect(result.control.curve).toEqual(controlFit.curve);
    expect(result.segment.median).toEqual(segmentFit.median);
    expect(result.control.median).toEqual(controlFit.median);
  });

  it("tests the curves as logRank tests the groups' subjects", () => {
    const test = logRank(segment, control);
    expect(result.logRank).toEqual({
      chiSquare: test.chiSquare,
      degreesOfFreedom: test.degreesOfFreedom,
      pValue: test.pValue,
      segment: { events: test.groups[0]?.events, expectedEvents: test.groups[0]?.expectedEvents },
      control: { events: test.groups[1]?.events, expectedEvents: test.groups[1]?.expectedEvents },
    });
  });
});

describe("findAha's winner confirmed with compareRetention", () => {
  // The findAha guide example: 20 users; those with 3 or more reports on day 1 come back on day 10.
  const start = Date.UTC(2024, 0, 1);
  const userJourneys = Array.from({ length: 20 }, (_, i) => {
    const reports = i % 5;
    const back = reports >= 3 || i === 0;
    return {
      id: i,
      start,
      events: [
        ...Array.from({ length: reports }, () => ({ name: 'report_created', timestamp: start + DAY, record: {} })),
        { name: 'invite_sent', timestamp: start + 2 * DAY, record: {} },
        ...(back ? [{ name: 'login', timestamp: start + 10 * DAY, record: {} }] : []),
      ],
    };
  });

  it("puts findAha's users who did the winner in compareRetention's segment", () => {
    const landmarkDays = 7;
    const aha = findAha(userJourneys, {
      candidates: ['report_created', { event: 'invite_sent', counts: [1] }],
      landmarkDays,
      target: { retainedOn: [8, 14] },
      minUsers: 2,
      asOf: '2024-02-01',
    });
    const top = aha.best[0];
    expect([top?.label, top?.count]).toEqual(['report_created', 3]);
    if (top === undefined) return;
    const result = compareRetention(userJourneys, {
      segment: eventCount(top.label, { atLeast: top.count, withinDays: landmarkDays }),
      landmarkDays,
      horizonDays: 30,
      asOf: '2024-02-01',
    });
    // By hand: i % 5 in {3, 4} is 8 of the 20 users (3 or more reports); every user is active at
    // the landmark (the invite on day 2 is within 14 days of day 7), so the segment is those 8.
    expect([top.users, result.segment.users, result.control.users]).toEqual([8, 8, 12]);
    // The 8 come back on day 10 and are silent after it: each churns 3 days after the landmark.
    expect(result.segment.curve.map((s) => [s.time, s.atRisk, s.events])).toEqual([[3, 8, 8]]);
  });
});
