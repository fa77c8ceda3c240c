import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { IdCodes } from '../../src/core/read.js';
import { UnitDaysBuilder } from '../../src/core/unit-days.js';

/** The obvious model: a sorted set of days per unit. */
function model(pairs: [number, number][], units: number): number[][] {
  const sets = Array.from({ length: units }, () => new Set<number>());
  for (const [u, d] of pairs) sets[u]?.add(d);
  return sets.map((s) => [...s].sort((a, b) => a - b));
}

function built(pairs: [number, number][], units: number): number[][] {
  const builder = new UnitDaysBuilder();
  for (const [u, d] of pairs) builder.add(u, d);
  const result = builder.build(units);
  return Array.from({ length: result.units }, (_, u) => [...result.days.subarray(result.offsets[u], result.offsets[u + 1])]);
}

describe('UnitDaysBuilder', () => {
  it('gives sorted distinct days per unit for any order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 9 }), fc.integer({ min: -5, max: 40 })), { maxLength: 200 }), (pairs) => {
        expect(built(pairs, 10)).toEqual(model(pairs, 10));
      }),
    );
  });

  it('compacts a long shuffled stream into user-days, matching the model', () => {
    // 300,000 pairs over 2,000 units x 50 days: the buffer fills and compacts several times.
    let seed = 12345;
    const next = (): number => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    const pairs: [number, number][] = [];
    for (let i = 0; i < 300_000; i++) pairs.push([Math.floor(next() * 2000), Math.floor(next() * 50)]);
    const result = new UnitDaysBuilder();
    for (const [u, d] of pairs) result.add(u, d);
    const unitDays = result.build(2000);
    const expected = model(pairs, 2000);
    expect(unitDays.days.length).toBe(expected.reduce((sum, days) => sum + days.length, 0));
    expect(built(pairs, 2000)).toEqual(expected);
    expect(unitDays.firstDay).toBe(0);
    expect(unitDays.lastDay).toBe(49);
  });

  it('reports no days for no pairs', () => {
    const result = new UnitDaysBuilder().build(3);
    expect(result.firstDay).toBeNull();
    expect([...result.offsets]).toEqual([0, 0, 0, 0]);
  });
});

describe('IdCodes', () => {
  it('codes any mix of ids like a Map would, small integers included (property)', () => {
    const idArb = fc.oneof(
      fc.integer({ min: 0, max: 3000 }),
      fc.integer({ min: 0, max: 2 ** 31 + 10 }),
      fc.double({ min: -10, max: 10, noNaN: true }),
      fc.constantFrom(0, -0),
      fc.string({ minLength: 1, maxLength: 3 }),
    );
    fc.assert(
      fc.property(fc.array(idArb, { maxLength: 300 }), (ids) => {
        const codes = new IdCodes();
        const reference = new Map<string | number, number>();
        for (const id of ids) {
          if (!reference.has(id)) reference.set(id, reference.size);
          expect(codes.code(id)).toBe(reference.get(id));
        }
        expect(codes.ids).toEqual([...reference.keys()]);
        for (const id of ids) expect(codes.find(id)).toBe(reference.get(id));
        expect(codes.find('never seen')).toBe(-1);
      }),
    );
  });

  it('codes thousands of string ids through table growth like a Map would (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ minLength: 0, maxLength: 6 }), { minLength: 1000, maxLength: 4000 }), (ids) => {
        const codes = new IdCodes();
        const reference = new Map<string, number>();
        for (const id of ids) {
          if (!reference.has(id)) reference.set(id, reference.size);
          expect(codes.code(id)).toBe(reference.get(id));
        }
        expect(codes.ids).toEqual([...reference.keys()]);
        for (const [id, code] of reference) expect(codes.find(id)).toBe(code);
        expect(codes.find('\u0000never')).toBe(-1);
      }),
      { numRuns: 30 },
    );
  });

  it('keeps a large id seen before the table grew past it', () => {
    const codes = new IdCodes();
    expect(codes.code(5_000_000)).toBe(0); // beyond the direct table: map
    for (let i = 0; i < 700_000; i++) codes.code(i); // the table grows past 5,000,000 (8 x ids)
    expect(codes.code(5_000_000)).toBe(0);
    expect(codes.find(5_000_000)).toBe(0);
    expect(codes.size).toBe(700_001);
  });
});
