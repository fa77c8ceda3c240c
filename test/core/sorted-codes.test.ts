import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareIds } from '../../src/core/id-order.js';
import { IdCodes, type Id } from '../../src/core/read.js';
import { sortedCodes } from '../../src/core/sorted-codes.js';

describe('sortedCodes', () => {
  it('lists the codes in compareIds order of their ids, for compact integer ranges and any other ids (property)', () => {
    const id = fc.oneof(fc.integer({ min: -50, max: 200 }), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.string({ minLength: 1, maxLength: 4 }));
    fc.assert(
      fc.property(fc.array(id, { maxLength: 80 }), (given) => {
        const codes = new IdCodes();
        for (const value of given) codes.code(value);
        const expected = [...codes.ids].sort(compareIds);
        expect([...sortedCodes(codes)].map((code) => codes.ids[code] as Id)).toEqual(expected);
      }),
    );
  });

  it('orders numbers before strings, numbers numerically, strings by code units (worked by hand)', () => {
    const codes = new IdCodes();
    for (const value of ['b', 10, 'B', 2, 'a', -1.5]) codes.code(value);
    // codes: b 0, 10 1, B 2, 2 3, a 4, -1.5 5 -> -1.5, 2, 10, 'B' (66), 'a' (97), 'b' (98)
    expect([...sortedCodes(codes)]).toEqual([5, 3, 1, 2, 4, 0]);
  });
});
