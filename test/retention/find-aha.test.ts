import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Journey } from '../../src/lifecycle/types.js';
import { findAha } from '../../src/retention/find-aha.js';
import type { FindAhaOptions } from '../../src/retention/types.js';
import { errorOf } from '../support/errors.js';
import { shuffled } from '../support/model.js';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);
const ASOF = T0 + 60 * DAY;

/** A journey from `events`: `[name, day after start]` pairs. */
function journey(id: string | number, events: [string, number][], start = T0): Journey {
  return {
    id,
    start,
    events: events.map(([name, d]) => ({ name, timestamp: start + d * DAY, record: {} })).sort((a, b) => a.timestamp - b.timestamp),
  };
}

/** `n` copies of a journey shape: `reports` on day 1, a login on day 10 when `retained`. */
function copies(prefix: string, n: number, reports: number, retained: boolean): Journey[] {
  return Array.from({ length: n }, (_, i) =>
    journey(`${prefix}${i}`, [...Array.from({ length: reports }, (): [string, number] => ['report_created', 1]), ...(retained ? ([['login', 10]] as [string, number][]) : [])]),
  );
}

/** A seeded generator (mulberry32), so the synthetic population is the same on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * 800 users. Each creates 0 to 6 reports in the first week; those with 3 or more come back
 * in week 2 with probability 0.8, the others 0.15. Logins in the first week follow reports
 * (reports + 0 to 3), so they correlate with retention too, but less; dashboard views are
 * independent of everything.
 */
function population(seed: number): Journey[] {
  const next = random(seed);
  const int = (max: number) => Math.floor(next() * (max + 1));
  return Array.from({ length: 800 }, (_, i) => {
    const reports = int(6);
    const logins = reports + int(3);
    const views = int(6);
    const events: [string, number][] = [];
    for (let k = 0; k < reports; k++) events.push(['report_created', 1 + (k % 6)]);
    for (let k = 0; k < logins; k++) events.push(['login', k % 7]);
    for (let k = 0; k < views; k++) events.push(['dashboard_viewed', 2 + (k % 5)]);
    if (next() < (reports >= 3 ? 0.8 : 0.15)) events.push(['login', 9 + int(5)]);
    return journey(i, events);
  });
}

const OPTIONS: FindAhaOptions = { candidates: ['report_created'], landmarkDays: 7, target: { retainedOn: [8, 14] }, minUsers: 1, asOf: ASOF };

describe('findAha', () => {
  it('runs the doc example, phi checked by hand', () => {
    const start = T0;
    const journeys = Array.from({ length: 20 }, (_, i) => {
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
    const result = findAha(journeys, {
      candidates: ['report_created', { event: 'invite_sent', counts: [1] }],
      landmarkDays: 7,
      target: { retainedOn: [8, 14] },
      minUsers: 2,
      asOf: '2024-02-01',
    });
    expect([result.users, result.retained]).toEqual([20, 9]);
    const top = result.best[0];
    // >= 3 reports: 8 users, all retained; the other 12: 1 retained (user 0).
    // phi = (8·11 − 0·1) / √(8·12·9·11) = 88 / √9504 = 0.902670933848440
    expect(top?.table).toEqual({ didRetained: 8, didChurned: 0, didNotRetained: 1, didNotChurned: 11 });
    expect([top?.label, top?.count, top?.band]).toEqual(['report_created', 3, 'highly-predictive']);
    expect(top?.phi).toBeCloseTo(88 / Math.sqrt(9504), 14);
    expect(top?.precision).toBe(1);
    expect(top?.recall).toBeCloseTo(8 / 9, 14);
    // relativeLift = retainedIfDid / retainedIfNot − 1 = 1 / (1/12) − 1 = 11.
    expect(top?.relativeLift).toBeCloseTo(1 / (1 / 12) - 1, 12);
    // Everyone sent an invite: no 2×2 table, no phi, not in `best`.
    expect(result.milestones.find((m) => m.label === 'invite_sent')?.phi).toBe(null);
    expect(result.best.map((m) => m.label)).toEqual(['report_created']);
  });

  it('computes the figures of a 2×2 table as worked by hand', () => {
    // did & retained 30, did & churned 10, not & retained 20, not & churned 40 (n = 100).
    const journeys = [...copies('a', 30, 2, true), ...copies('b', 10, 2, false), ...copies('c', 20, 0, true), ...copies('d', 40, 0, false)];
    const result = findAha(journeys, { ...OPTIONS, candidates: [{ event: 'report_created', counts: [2] }] });
    const m = result.milestones[0];
    expect(m?.table).toEqual({ didRetained: 30, didChurned: 10, didNotRetained: 20, didNotChurned: 40 });
    // phi = (30·40 − 10·20) / √(40·60·50·50) = 1000 / √6e6 = 0.408248290463863
    expect(m?.phi).toBeCloseTo(1000 / Math.sqrt(6e6), 14);
    expect(m?.band).toBe('highly-predictive');
    // precision 30/40, recall 30/50, share 40/100, relative lift 0.75 / (20/60) − 1 = 2.25 − 1 = 1.25.
    expect([m?.precision, m?.recall, m?.share?.value, m?.relativeLift]).toEqual([0.75, 0.6, 0.4, 1.25]);
    // R: print(prop.test(40, 100, correct = FALSE)$conf.int, digits = 15) -> 0.309401286432459 0.497997413208938 (Wilson)
    expect(m?.share?.lower).toBeCloseTo(0.309401286432459, 13);
    expect(m?.share?.upper).toBeCloseTo(0.497997413208938, 13);
    // Newcombe (method 10) for 30/40 − 20/60, statsmodels 0.14:
    // confint_proportions_2indep(30, 40, 20, 60, method='newcomb', compare='diff') -> (0.21921704648304202, 0.5681145924605182)
    expect(m?.difference?.value).toBeCloseTo(30 / 40 - 20 / 60, 14);
    expect(m?.difference?.lower).toBeCloseTo(0.21921704648304202, 13);
    expect(m?.difference?.upper).toBeCloseTo(0.5681145924605182, 13);
    expect(result.retention?.value).toBe(0.5);
  });

  it('bands phi as Amplitude Compass does', () => {
    // 2×2 tables with phi just on each side of 0.2, 0.3 and 0.4: (a d − b c) / √(...) by hand.
    const bandOfTable = (a: number, b: number, c: number, d: number) => {
      const journeys = [...copies('a', a, 1, true), ...copies('b', b, 1, false), ...copies('c', c, 0, true), ...copies('d', d, 0, false)];
      return findAha(journeys, { ...OPTIONS, candidates: [{ event: 'report_created', counts: [1] }] }).milestones[0];
    };
    // 60/40 vs 40/60 (n = 200): phi = (3600 − 1600) / √(100⁴) = 0.2 exactly: slightly predictive.
    expect(bandOfTable(60, 40, 40, 60)?.band).toBe('slightly-predictive');
    // 65/35 vs 35/65: phi = (4225 − 1225) / 1e4 = 0.3.
    expect(bandOfTable(65, 35, 35, 65)?.band).toBe('moderately-predictive');
    // 70/30 vs 30/70: phi = 0.4.
    expect(bandOfTable(70, 30, 30, 70)?.band).toBe('highly-predictive');
    // 59/41 vs 41/59: phi = 0.18.
    expect(bandOfTable(59, 41, 41, 59)?.band).toBe('not-predictive');
    // Reversed: did it → churned. phi = -0.4, |phi| banded, ranked last.
    const negative = bandOfTable(30, 70, 70, 30);
    expect(negative?.phi).toBeCloseTo(-0.4, 14);
    expect(negative?.band).toBe('highly-predictive');
  });

  it('ranks the behaviour that drives retention first, at its true count', () => {
    const result = findAha(population(20240501), {
      candidates: ['login', 'dashboard_viewed', { event: 'report_created', counts: [1, 2, 3, 4, 5, 6] }],
      landmarkDays: 7,
      target: { retainedOn: [8, 14] },
      asOf: ASOF,
    });
    expect(result.users).toBe(800);
    expect([result.best[0]?.label, result.best[0]?.count]).toEqual(['report_created', 3]);
    expect(result.milestones[0]).toEqual(result.best[0]);
    expect(result.best.map((m) => m.label)).toEqual(['report_created', 'login', 'dashboard_viewed']);
    expect(result.best[0]?.band).toBe('highly-predictive');
    expect(Math.abs(result.best[2]?.phi as number)).toBeLessThan(0.2);
    // The lift interval excludes 0 for the aha, and its retention with vs without is about 0.8 vs 0.15.
    expect(result.best[0]?.difference?.lower).toBeGreaterThan(0.5);
  });

  it('supports an activeAtDay target, leaves out users not observable or churned before the landmark', () => {
    const journeys = [
      journey('a', [['report_created', 1], ['login', 20]]), // active in (max(L, 30 − 14), 30] = (16, 30]: retained
      journey('b', [['report_created', 1], ['login', 12]]), // last activity day 12: not retained at day 30
      journey('c', [['login', 5], ['login', 30]]), // day 30 counts (end included): retained
      journey('d', [['login', 31]]), // after day 30: not retained
      journey('e', [['login', 20]], ASOF - 20 * DAY), // day 30 after asOf: not observable
      journey('f', [['login', 40]], T0 - 30 * DAY), // signup 7 days before its landmark: active there; nothing in days 16 to 30: not retained
    ];
    const result = findAha(journeys, { ...OPTIONS, landmarkDays: 7, target: { activeAtDay: 30 }, candidates: [{ event: 'report_created', counts: [1] }] });
    expect(result.leftOut).toEqual({ notObservable: 1, churnedBeforeLandmark: 0 });
    expect([result.users, result.retained]).toEqual([5, 2]);
    expect(result.milestones[0]?.table).toEqual({ didRetained: 1, didChurned: 1, didNotRetained: 1, didNotChurned: 2 });
    // With a 5-day inactivity window, last activity on day 0 or 1 is churned before the landmark (day 7):
    // a, b (report on day 1), d and f (signup only); c (login on day 5) stays.
    const strict = findAha(journeys, { ...OPTIONS, inactivityDays: 5, target: { activeAtDay: 30 } });
    expect(strict.leftOut).toEqual({ notObservable: 1, churnedBeforeLandmark: 4 });
    // c's login on day 30 is in (max(7, 30 − 5), 30]: retained.
    expect([strict.users, strict.retained]).toEqual([1, 1]);
    expect(strict.target).toEqual({ activeAtDay: 30 });
    expect(strict.inactivityDays).toBe(5);
  });

  it('counts only events within the landmark, with predicates and an activity filter', () => {
    const journeys = [
      journey('a', [['report_created', 1], ['report_created', 8], ['login', 9]]), // one report by day 7 (the other on day 8 is late)
      journey('b', [['report_created', 1], ['report_created', 7], ['email_opened', 9]]), // two, the second exactly at the landmark
    ];
    const result = findAha(journeys, { ...OPTIONS, candidates: [{ event: (e) => e.name === 'report_created', counts: [2], name: 'two reports' }], activity: 'login' });
    const m = result.milestones[0];
    expect(m?.label).toBe('two reports');
    // b did it (2 reports by the landmark) but its email is not activity: churned. a did not, and returned.
    expect(m?.table).toEqual({ didRetained: 0, didChurned: 1, didNotRetained: 1, didNotChurned: 0 });
    expect(m?.phi).toBe(-1);
  });

  it('completes a target window ending on a date-only asOf day and counts its late activity (UTC and Berlin)', () => {
    for (const [timeZone, start, late] of [
      ['UTC', Date.UTC(2024, 5, 1), Date.UTC(2024, 5, 30, 23, 30)],
      ['Europe/Berlin', Date.UTC(2024, 4, 31, 22), Date.UTC(2024, 5, 30, 21, 30)], // local midnight and 23:30 CEST
    ] as const) {
      // Start 06-01 00:00 local; target days 22 to 29: [06-23 00:00, 07-01 00:00) local (June
      // has no DST change: 24-hour days are local days), so its last ms is the end of 06-30.
      // A login on day 2 keeps the journey active at the day-7 landmark; one at 23:30 on 06-30.
      const j: Journey = {
        id: 'x',
        start,
        events: [
          { name: 'login', timestamp: start + 2 * DAY, record: {} },
          { name: 'login', timestamp: late, record: {} },
        ],
      };
      const run = (asOf: string | number) => findAha([j], { candidates: ['login'], landmarkDays: 7, target: { retainedOn: [22, 29] }, minUsers: 1, timeZone, asOf });
      const byDate = run('2024-06-30');
      expect([byDate.users, byDate.retained, byDate.leftOut.notObservable, byDate.asOfDate]).toEqual([1, 1, 0, '2024-06-30']);
      // At the login's instant the window is not over: pending, left out (not counted as churned).
      const atLate = run(late);
      expect([atLate.users, atLate.leftOut.notObservable]).toEqual([0, 1]);
      // One ms before the end of 06-30: still pending.
      expect(run((timeZone === 'UTC' ? Date.UTC(2024, 6, 1) : Date.UTC(2024, 5, 30, 22)) - 2).leftOut.notObservable).toBe(1);
    }
  });

  it('reads a date-only asOf in the zone the journeys carry unless given a timeZone', () => {
    // Start 06-01 00:00 CEST (05-31T22:00Z); target days 22 to 29 end (exclusive) at
    // 07-01T00:00 CEST = 06-30T22:00Z. asOf '2024-06-30' in Berlin ends exactly then (- 1 ms):
    // observable. In Asia/Tokyo (UTC+9) it ends at 06-30T14:59:59.999Z: not yet.
    const start = Date.UTC(2024, 4, 31, 22);
    const j: Journey = { id: 'x', start, events: [{ name: 'login', timestamp: start + 2 * DAY, record: {} }], timeZone: 'Europe/Berlin' };
    const options = { candidates: ['login'], landmarkDays: 7, target: { retainedOn: [22, 29] }, minUsers: 1, asOf: '2024-06-30' } as const;
    const own = findAha([j], options);
    expect([own.timeZone, own.asOf, own.users]).toEqual(['Europe/Berlin', '2024-06-30T21:59:59.999Z', 1]);
    const tokyo = findAha([j], { ...options, timeZone: 'Asia/Tokyo' });
    expect([tokyo.timeZone, tokyo.asOf, tokyo.leftOut.notObservable]).toEqual(['Asia/Tokyo', '2024-06-30T14:59:59.999Z', 1]);
  });

  it('rejects unknown options, in candidates and the target too, and null values', () => {
    const cases: [unknown, string, string][] = [
      [{ ...OPTIONS, minUser: 2 }, 'options.minUser', 'did you mean minUsers?'],
      [{ ...OPTIONS, candidates: [{ event: 'x', count: [1] }] }, 'options.candidates[0].count', 'did you mean counts?'],
      [{ ...OPTIONS, target: { retainedOn: [8, 14], activeAtDays: 30 } }, 'options.target.activeAtDays', 'did you mean activeAtDay?'],
    ];
    for (const [options, path, hint] of cases) {
      const error = errorOf(() => findAha([], options as FindAhaOptions));
      expect([error.code, error.path]).toEqual(['unknown-option', path]);
      expect(error.message).toContain(hint);
    }
    for (const [options, path] of [
      [{ ...OPTIONS, asOf: null }, 'options.asOf'],
      [{ ...OPTIONS, minUsers: null }, 'options.minUsers'],
      [{ ...OPTIONS, timeZone: null }, 'options.timeZone'],
      [{ ...OPTIONS, candidates: [{ event: 'x', name: null }] }, 'options.candidates[0].name'],
      [{ ...OPTIONS, target: { retainedOn: null } }, 'options.target.retainedOn'],
    ] as const) {
      const error = errorOf(() => findAha([], options as unknown as FindAhaOptions));
      expect([error.code, error.path]).toEqual(['invalid-option', path]);
    }
  });

  it('reports empty input and candidates', () => {
    const empty = findAha([], OPTIONS);
    expect([empty.journeys, empty.users, empty.retention, empty.best]).toEqual([0, 0, null, []]);
    expect(empty.milestones.map((m) => [m.count, m.share, m.phi])).toEqual([
      [1, null, null],
      [2, null, null],
      [3, null, null],
      [4, null, null],
      [5, null, null],
    ]);
    const noAsOf = findAha([], { ...OPTIONS, asOf: undefined } as unknown as FindAhaOptions);
    expect([noAsOf.asOf, noAsOf.asOfDate]).toEqual([null, null]);
    const none = findAha(copies('a', 3, 1, true), { ...OPTIONS, candidates: [] });
    expect([none.milestones, none.best, none.users]).toEqual([[], [], 3]);
  });

  it('does not mutate its input', () => {
    const journeys = population(7).slice(0, 50);
    const frozen = Object.freeze(journeys.map((j) => Object.freeze({ ...j, events: Object.freeze(j.events.map((e) => Object.freeze({ ...e }))) })));
    const first = findAha(frozen, OPTIONS);
    expect(findAha(frozen, OPTIONS)).toEqual(first);
    expect(first).toEqual(findAha(journeys, OPTIONS));
  });

  it('rejects bad options and journeys', () => {
    const cases: [unknown, string, string, string][] = [
      [{ ...OPTIONS, candidates: 'report_created' }, 'invalid-option', 'options.candidates', 'findAha: options.candidates must be an array of event names or { event, counts?, name? } ("report_created")'],
      [{ ...OPTIONS, candidates: [{ event: 3 }] }, 'invalid-option', 'options.candidates[0].event', 'findAha: options.candidates[0].event must be a non-empty event name or a predicate (event) => boolean (3)'],
      [{ ...OPTIONS, candidates: [{ event: 'x', counts: [1, 0] }] }, 'invalid-number', 'options.candidates[0].counts[1]', 'findAha: options.candidates[0].counts[1] must be an integer >= 1 (0)'],
      [{ ...OPTIONS, landmarkDays: 0 }, 'invalid-number', 'options.landmarkDays', 'findAha: options.landmarkDays must be a finite number of days > 0 (0)'],
      [{ ...OPTIONS, target: { retainedOn: [5, 14] } }, 'invalid-number', 'options.target.retainedOn[0]', 'findAha: options.target.retainedOn[0] must be an integer day >= options.landmarkDays (7): the target follows the landmark (5)'],
      [{ ...OPTIONS, target: { retainedOn: [8, 7] } }, 'invalid-number', 'options.target.retainedOn[1]', 'findAha: options.target.retainedOn[1] must be an integer day >= the first (8) (7)'],
      [{ ...OPTIONS, target: { activeAtDay: 7 } }, 'invalid-number', 'options.target.activeAtDay', 'findAha: options.target.activeAtDay must be a finite number of days > options.landmarkDays (7) (7)'],
      [{ ...OPTIONS, target: { activeAtDay: 30, retainedOn: [8, 14] } }, 'invalid-option', 'options.target', 'findAha: options.target must have exactly one of retainedOn and activeAtDay ({"activeAtDay":30,"retainedOn":[8,14]})'],
      [{ ...OPTIONS, minUsers: 0 }, 'invalid-number', 'options.minUsers', 'findAha: options.minUsers must be an integer >= 1 (0)'],
      [{ ...OPTIONS, inactivityDays: -3 }, 'invalid-number', 'options.inactivityDays', 'findAha: options.inactivityDays must be a finite number of days > 0 (-3)'],
    ];
    for (const [options, code, path, message] of cases) {
      const error = errorOf(() => findAha([], options as FindAhaOptions));
      expect([error.code, error.path, error.message]).toEqual([code, path, message]);
    }
    const bad = [journey('a', []), { id: 'b', start: T0, events: [null] }] as unknown as Journey[];
    const error = errorOf(() => findAha(bad, OPTIONS));
    expect([error.code, error.path, error.message]).toEqual(['invalid-record', 'journeys[1].events[0]', 'findAha: journeys[1] (id "b").events[0] must be an event { name, timestamp, record } (null)']);
    const badId = errorOf(() => findAha([{ id: '', start: T0, events: [] }], OPTIONS));
    expect([badId.code, badId.path]).toEqual(['invalid-id', 'journeys[0].id']);
  });

  const arbitraryJourneys = fc.array(
    fc.record({
      startDay: fc.integer({ min: 0, max: 50 }),
      events: fc.array(fc.tuple(fc.constantFrom('report_created', 'login', 'invite_sent'), fc.integer({ min: -1, max: 40 })), { maxLength: 12 }),
    }),
    { maxLength: 30 },
  );
  const build = (specs: { startDay: number; events: [string, number][] }[]): Journey[] => specs.map((s, i) => journey(`u${i}`, s.events, T0 + s.startDay * DAY));
  const options: FindAhaOptions = { candidates: ['report_created', 'login', 'invite_sent'], landmarkDays: 7, target: { retainedOn: [8, 14] }, minUsers: 1, asOf: ASOF };

  it('property: counts add up, figures lie in their ranges, phi in [-1, 1]', () => {
    fc.assert(
      fc.property(arbitraryJourneys, (specs) => {
        const result = findAha(build(specs), options);
        expect(result.users + result.leftOut.notObservable + result.leftOut.churnedBeforeLandmark).toBe(specs.length);
        for (const m of result.milestones) {
          const t = m.table;
          expect(t.didRetained + t.didChurned + t.didNotRetained + t.didNotChurned).toBe(result.users);
          expect(t.didRetained + t.didNotRetained).toBe(result.retained);
          if (m.phi !== null) {
            expect(m.phi).toBeGreaterThanOrEqual(-1);
            expect(m.phi).toBeLessThanOrEqual(1);
          }
          for (const v of [m.precision, m.recall, m.share?.value, m.retainedIfDid?.value, m.retainedIfNot?.value]) {
            if (v === null || v === undefined) continue;
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(1);
          }
        }
        // Did at least k+1 implies did at least k: the users who did it never grow with the count.
        for (const event of ['report_created', 'login', 'invite_sent']) {
          const users = result.milestones.filter((m) => m.label === event).sort((a, b) => a.count - b.count).map((m) => m.users);
          for (let i = 1; i < users.length; i++) expect(users[i]).toBeLessThanOrEqual(users[i - 1] as number);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('property: shuffling the journeys changes nothing', () => {
    fc.assert(
      fc.property(arbitraryJourneys, fc.array(fc.nat(), { minLength: 1, maxLength: 30 }), (specs, picks) => {
        const journeys = build(specs);
        expect(findAha(shuffled(journeys, picks), options)).toEqual(findAha(journeys, options));
      }),
      { numRuns: 100 },
    );
  });
});
