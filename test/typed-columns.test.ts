/**
 * The typed-column fast path (core/column-days.ts): an integer typed array of user ids with
 * a Float64Array of epoch ms takes a bitmap route instead of id codes and a sort. Its
 * results must equal the general path's on the same events as rows, in any order, in any
 * zone, for every option the fast path serves.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Period } from '../src/core/types.js';
import { activeUsers } from '../src/engagement/active-users.js';
import { activeUsersAccumulator } from '../src/engagement/active-users-accumulator.js';
import { activeUsersByPeriod } from '../src/engagement/active-users-by-period.js';
import { stickiness } from '../src/engagement/stickiness.js';
import { cohortRetention } from '../src/retention/cohort-retention.js';
import { cohortRetentionAccumulator } from '../src/retention/cohort-retention-accumulator.js';
import { TEST_ZONES } from './support/model.js';

const DAY = 86_400_000;
const START = Date.UTC(2024, 1, 20); // spans month ends and the March/April DST changes

/** Events as typed columns and as rows with the same (numeric) ids; ids may be sparse. */
const events = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 90 }), fc.integer({ min: 0, max: 75 * DAY })), { maxLength: 160 })
  .map((pairs) => ({
    columns: { userId: Int32Array.from(pairs, ([u]) => u), timestamp: Float64Array.from(pairs, ([, t]) => START + t) },
    rows: pairs.map(([u, t]) => ({ userId: u, timestamp: START + t })),
  }));
const zone = fc.constantFrom(...TEST_ZONES);
const period = fc.constantFrom<Period>('day', 'week', 'month');

describe('typed columns (fast path) equal rows (general path)', () => {
  it('cohortRetention, cohorts by first activity, calendar intervals, every mode (property)', () => {
    fc.assert(
      fc.property(
        events,
        zone,
        period,
        period,
        fc.integer({ min: 0, max: 8 }),
        fc.constantFrom('n-day', 'unbounded', 'bracket') as fc.Arbitrary<'n-day' | 'unbounded' | 'bracket'>,
        fc.boolean(),
        fc.integer({ min: 0, max: 6 }) as fc.Arbitrary<0 | 1 | 2 | 3 | 4 | 5 | 6>,
        ({ columns, rows }, timeZone, cohort, interval, periods, mode, recurring, weekStartsOn) => {
          const options = {
            cohort,
            interval,
            periods: Math.max(periods, 2),
            mode,
            recurring,
            weekStartsOn,
            timeZone,
            ...(mode === 'bracket' ? { brackets: [[0, 0], [1, 2]] as [number, number][] } : {}),
          };
          expect(cohortRetention(columns, options)).toEqual(cohortRetention(rows, options));
        },
      ),
    );
  });

  it('activeUsers, any windows and range (property)', () => {
    fc.assert(
      fc.property(
        events,
        zone,
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 0, max: 25 }),
        fc.option(fc.integer({ min: -5, max: 80 }), { nil: undefined }),
        ({ columns, rows }, timeZone, wau, extra, fromDay) => {
          const options = {
            timeZone,
            windows: { wau, mau: wau + extra },
            ...(fromDay === undefined ? {} : { from: START + fromDay * DAY, to: START + (fromDay + 20) * DAY }),
          };
          expect(activeUsers(columns, options)).toEqual(activeUsers(rows, options));
        },
      ),
    );
  });

  it('activeUsersAccumulator fed typed-column batches, merged in any order, equals activeUsers on rows (property)', () => {
    fc.assert(
      fc.property(events, zone, fc.array(fc.nat(), { minLength: 2, maxLength: 2 }), fc.boolean(), ({ columns, rows }, timeZone, cuts, viaJson) => {
        const n = rows.length;
        const [a, b] = cuts.map((c) => (n === 0 ? 0 : c % (n + 1))).sort((x, y) => x - y) as [number, number];
        const slice = (from: number, to: number) => ({ userId: columns.userId.subarray(from, to), timestamp: columns.timestamp.subarray(from, to) });
        const first = activeUsersAccumulator({ timeZone }).add(slice(0, a)).add(slice(a, b));
        const second = activeUsersAccumulator({ timeZone }).add(slice(b, n));
        const merged = activeUsersAccumulator({ timeZone }).merge(viaJson ? JSON.parse(JSON.stringify(second.state())) : second).merge(first);
        expect(merged.result()).toEqual(activeUsers(rows, { timeZone }));
        expect(merged.state()).toEqual(activeUsersAccumulator({ timeZone }).add(rows).state());
      }),
    );
  });

  it('stickiness and activeUsersByPeriod on typed columns equal rows (property)', () => {
    fc.assert(
      fc.property(events, zone, period, ({ columns, rows }, timeZone, by) => {
        expect(stickiness(columns, { timeZone })).toEqual(stickiness(rows, { timeZone }));
        expect(activeUsersByPeriod(columns, { timeZone, period: by })).toEqual(activeUsersByPeriod(rows, { timeZone, period: by }));
      }),
    );
  });

  it('cohortRetentionAccumulator fed overlapping typed-column batches equals cohortRetention on rows (property)', () => {
    fc.assert(
      fc.property(events, zone, fc.array(fc.nat(), { minLength: 2, maxLength: 2 }), ({ columns, rows }, timeZone, cuts) => {
        const n = rows.length;
        const [a, b] = cuts.map((c) => (n === 0 ? 0 : c % (n + 1))).sort((x, y) => x - y) as [number, number];
        const slice = (from: number, to: number) => ({ userId: columns.userId.subarray(from, to), timestamp: columns.timestamp.subarray(from, to) });
        const options = { cohort: 'week', interval: 'day', periods: 6, timeZone } as const;
        // The middle slice is added twice: the same user-days arrive in two batches.
        const accumulator = cohortRetentionAccumulator(options).add(slice(0, b)).add(slice(a, n));
        expect(accumulator.result()).toEqual(cohortRetention(rows, options));
      }),
    );
  });
});
