import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addColumnDays } from '../../src/core/column-days.js';
import { IdCodes } from '../../src/core/read.js';
import { UnitDaysBuilder } from '../../src/core/unit-days.js';
import { zoneCalendar } from '../../src/core/time-zone.js';
import { TEST_ZONES, wallDate } from '../support/model.js';

/** The obvious model: per user id, the sorted set of local days (`YYYY-MM-DD` straight from Intl). */
function model(ids: readonly number[], times: readonly number[], units: number, timeZone: string): string[][] {
  const sets = Array.from({ length: units }, () => new Set<string>());
  ids.forEach((id, i) => sets[id]?.add(wallDate(times[i] as number, timeZone)));
  return sets.map((s) => [...s].sort());
}

/** The fast path's days per user id (`null` when it declines), through a days builder. */
function columnUnitDays(userId: unknown, timestamp: unknown, zone: ReturnType<typeof zoneCalendar>) {
  const users = new IdCodes();
  const builder = new UnitDaysBuilder();
  const last = addColumnDays(userId, timestamp, zone, users, builder);
  if (last === null) return null;
  const built = builder.build(users.size);
  // Re-index by user id: units = largest id + 1, ids without events have no days.
  const units = users.ids.reduce<number>((max, id) => Math.max(max, (id as number) + 1), 0);
  const offsets = new Int32Array(units + 1);
  const lists: number[][] = Array.from({ length: units }, () => []);
  users.ids.forEach((id, code) => lists[id as number]?.push(...built.days.subarray(built.offsets[code], built.offsets[code + 1])));
  const days = Int32Array.from(lists.flat());
  lists.reduce((at, list, u) => ((offsets[u + 1] = at + list.length), at + list.length), 0);
  return { units, offsets, days, firstDay: built.firstDay, lastDay: built.lastDay, lastInstant: last };
}

function dayKey(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

const START = Date.UTC(2024, 2, 1); // spans the March and April DST changes of the test zones

describe('addColumnDays (typed-column fast path)', () => {
  it('lists every user id its distinct local days in order, as Intl dates them, in any input order (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 70 }), fc.integer({ min: 0, max: 60 * 86_400_000 })), { minLength: 1, maxLength: 150 }),
        fc.constantFrom(...TEST_ZONES),
        (events, timeZone) => {
          const userId = Int32Array.from(events, ([u]) => u);
          const timestamp = Float64Array.from(events, ([, t]) => START + t);
          const result = columnUnitDays(userId, timestamp, zoneCalendar(timeZone, 'test'));
          expect(result).not.toBeNull();
          if (result === null) return;
          const units = Math.max(...userId) + 1;
          expect(result.units).toBe(units);
          const lists = Array.from({ length: units }, (_, u) => [...result.days.subarray(result.offsets[u], result.offsets[u + 1])].map(dayKey));
          expect(lists).toEqual(model([...userId], [...timestamp], units, timeZone));
          const all = lists.flat().sort();
          expect(dayKey(result.firstDay as number)).toBe(all[0]);
          expect(dayKey(result.lastDay as number)).toBe(all[all.length - 1]);
        },
      ),
    );
  });

  it('works for every integer typed array of ids', () => {
    // Users 0 and 2 on 2024-03-01, user 2 again on 2024-03-03 (worked by hand).
    const timestamp = Float64Array.of(START, START + 3_600_000, START + 2 * 86_400_000);
    for (const userId of [Int8Array.of(0, 2, 2), Uint8Array.of(0, 2, 2), Int16Array.of(0, 2, 2), Uint16Array.of(0, 2, 2), Int32Array.of(0, 2, 2), Uint32Array.of(0, 2, 2)]) {
      const result = columnUnitDays(userId, timestamp, zoneCalendar('UTC', 'test'));
      expect(result && [...result.offsets]).toEqual([0, 1, 1, 3]);
      expect(result && [...result.days].map(dayKey)).toEqual(['2024-03-01', '2024-03-01', '2024-03-03']);
    }
  });

  it('declines (null) whatever the general path must handle or reject', () => {
    const utc = zoneCalendar('UTC', 'test');
    const t = Float64Array.of(START, START);
    expect(columnUnitDays([0, 1], t, utc)).toBeNull(); // not a typed id column
    expect(columnUnitDays(Int32Array.of(0, 1), [START, START], utc)).toBeNull(); // not a Float64Array
    expect(columnUnitDays(Float64Array.of(0, 1), t, utc)).toBeNull(); // ids may be fractional
    expect(columnUnitDays(Int32Array.of(0, -1), t, utc)).toBeNull(); // negative id
    expect(columnUnitDays(Int32Array.of(0, 1), Float64Array.of(START, Number.NaN), utc)).toBeNull();
    expect(columnUnitDays(Int32Array.of(0, 1), Float64Array.of(Number.NaN, START), utc)).toBeNull();
    expect(columnUnitDays(Int32Array.of(0, 1), Float64Array.of(START, Number.POSITIVE_INFINITY), utc)).toBeNull();
    expect(columnUnitDays(Int32Array.of(0, 1), Float64Array.of(START, 1e300), utc)).toBeNull(); // outside years 1..9999
    expect(columnUnitDays(Int32Array.of(0), t, utc)).toBeNull(); // lengths differ
    expect(columnUnitDays(new Int32Array(0), new Float64Array(0), utc)).toBeNull(); // empty: the general path's result
    // Over the bit budget: 2^31 - 1 user ids over two days.
    expect(columnUnitDays(Int32Array.of(0, 2_147_483_647), Float64Array.of(START, START + 86_400_000), utc)).toBeNull();
  });
});
