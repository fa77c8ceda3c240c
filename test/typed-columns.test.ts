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
/**
 * An engagement `asOf`: none, any instant of the span (cutting a day of events in two, so the
 * fast path rebuilds that day's bits), or one before every event (nothing counted).
 */
const asOfOption = fc.oneof(
  fc.constant({}),
  fc.integer({ min: -DAY, max: 76 * DAY }).map((t) => ({ asOf: START + t })),
  fc.integer({ min: 0, max: 75 }).map((d) => ({ asOf: new Date(START + d * DAY).toISOString().slice(0, 10) })),
);

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
        // No asOf (the bitmap route), or a date (the end of that local day: the general route on both).
        fc.option(fc.integer({ min: 0, max: 80 }).map((d) => new Date(START + d * DAY).toISOString().slice(0, 10)), { nil: undefined }),
        ({ columns, rows }, timeZone, cohort, interval, periods, mode, recurring, weekStartsOn, asOf) => {
          const options = {
            cohort,
            interval,
            lastPeriod: Math.max(periods, 2),
            mode,
            recurring,
            weekStartsOn,
            timeZone,
            ...(mode === 'bracket' ? { brackets: [[0, 0], [1, 2]] as [number, number][] } : {}),
            ...(asOf === undefined ? {} : { asOf }),
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
        asOfOption,
        ({ columns, rows }, timeZone, wau, extra, fromDay, asOf) => {
          const options = {
            timeZone,
            windows: { wau, mau: wau + extra },
            ...(fromDay === undefined ? {} : { from: START + fromDay * DAY, to: START + (fromDay + 20) * DAY }),
            ...asOf,
          };
          expect(activeUsers(columns, options)).toEqual(activeUsers(rows, options));
        },
      ),
    );
  });

  it('activeUsers, activeUsersAccumulator and stickiness with an asOf inside dense data: the day of asOf is cut at asOf (property)', () => {
    // 20 to 80 events of 40 users over 4 days: the day of asOf has events on both sides of it.
    const dense = fc
      .array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 4 * DAY })), { minLength: 20, maxLength: 80 })
      .map((pairs) => ({
        columns: { userId: Int32Array.from(pairs, ([u]) => u), timestamp: Float64Array.from(pairs, ([, t]) => START + t) },
        rows: pairs.map(([u, t]) => ({ userId: u, timestamp: START + t })),
      }));
    fc.assert(
      fc.property(dense, zone, fc.integer({ min: -DAY, max: 5 * DAY }), ({ columns, rows }, timeZone, at) => {
        const options = { timeZone, asOf: START + at };
        expect(activeUsers(columns, options)).toEqual(activeUsers(rows, options));
        expect(activeUsersAccumulator(options).add(columns).state()).toEqual(activeUsersAccumulator(options).add(rows).state());
        expect(stickiness(columns, options)).toEqual(stickiness(rows, options));
      }),
    );
  });

  it('activeUsersAccumulator fed typed-column batches, merged in any order, equals activeUsers on rows (property)', () => {
    fc.assert(
      fc.property(events, zone, fc.array(fc.nat(), { minLength: 2, maxLength: 2 }), fc.boolean(), asOfOption, ({ columns, rows }, timeZone, cuts, viaJson, asOf) => {
        const n = rows.length;
        const [a, b] = cuts.map((c) => (n === 0 ? 0 : c % (n + 1))).sort((x, y) => x - y) as [number, number];
        const slice = (from: number, to: number) => ({ userId: columns.userId.subarray(from, to), timestamp: columns.timestamp.subarray(from, to) });
        const options = { timeZone, ...asOf };
        const first = activeUsersAccumulator(options).add(slice(0, a)).add(slice(a, b));
        const second = activeUsersAccumulator(options).add(slice(b, n));
        const merged = activeUsersAccumulator(options).merge(viaJson ? JSON.parse(JSON.stringify(second.state())) : second).merge(first);
        expect(merged.result()).toEqual(activeUsers(rows, options));
        expect(merged.state()).toEqual(activeUsersAccumulator(options).add(rows).state());
      }),
    );
  });

  it('stickiness and activeUsersByPeriod on typed columns equal rows (property)', () => {
    fc.assert(
      fc.property(events, zone, period, asOfOption, ({ columns, rows }, timeZone, by, asOf) => {
        expect(stickiness(columns, { timeZone, ...asOf })).toEqual(stickiness(rows, { timeZone, ...asOf }));
        expect(activeUsersByPeriod(columns, { timeZone, period: by, ...asOf })).toEqual(activeUsersByPeriod(rows, { timeZone, period: by, ...asOf }));
      }),
    );
  });

  it('cohortRetentionAccumulator fed overlapping typed-column batches equals cohortRetention on rows (property)', () => {
    fc.assert(
      fc.property(events, zone, fc.array(fc.nat(), { minLength: 2, maxLength: 2 }), ({ columns, rows }, timeZone, cuts) => {
        const n = rows.length;
        const [a, b] = cuts.map((c) => (n === 0 ? 0 : c % (n + 1))).sort((x, y) => x - y) as [number, number];
        const slice = (from: number, to: number) => ({ userId: columns.userId.subarray(from, to), timestamp: columns.timestamp.subarray(from, to) });
        const options = { cohort: 'week', interval: 'day', lastPeriod: 6, timeZone } as const;
        // The middle slice is added twice: the same user-days arrive in two batches.
        const accumulator = cohortRetentionAccumulator(options).add(slice(0, b)).add(slice(a, n));
        expect(accumulator.result()).toEqual(cohortRetention(rows, options));
      }),
    );
  });
});
