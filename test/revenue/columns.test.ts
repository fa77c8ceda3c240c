/**
 * Every function of the snapshot family takes what `mrrMovementsAccumulator().add` takes:
 * records (through accessors) or columns `{ accountId, month, mrr, currency? }` (plain
 * arrays, typed arrays, bare array-likes). Given the same snapshots both ways, `mrrMovements`,
 * the accumulator, `netRevenueRetention` and `grossRevenueRetention` return deep-equal
 * results, and the column errors name the column (`snapshots.mrr`) or the value
 * (`snapshots.mrr[2] (accountId "b")`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { grossRevenueRetention } from '../../src/revenue/gross-revenue-retention.js';
import { mrrMovements } from '../../src/revenue/mrr-movements.js';
import { mrrMovementsAccumulator } from '../../src/revenue/mrr-movements-accumulator.js';
import { netRevenueRetention } from '../../src/revenue/net-revenue-retention.js';
import type { MrrSnapshotColumns } from '../../src/revenue/types.js';
import { errorOf } from '../support/errors.js';

interface Snapshot {
  readonly accountId: string | number;
  readonly month: string;
  readonly mrr: number;
  readonly currency?: string | null;
}

/** How the columns are held: plain arrays, a Float64Array for MRR, or bare array-like objects. */
type Shape = 'arrays' | 'typed' | 'array-like';

function arrayLike<T>(values: readonly T[]): ArrayLike<T> {
  const out: { [index: number]: T; length: number } = { length: values.length };
  values.forEach((v, i) => {
    out[i] = v;
  });
  return out;
}

function columnsOf(snapshots: readonly Snapshot[], shape: Shape, withCurrency: boolean): MrrSnapshotColumns {
  const accountId = snapshots.map((s) => s.accountId);
  const month = snapshots.map((s) => s.month);
  const mrr = snapshots.map((s) => s.mrr);
  const currency = withCurrency ? { currency: shape === 'array-like' ? arrayLike(snapshots.map((s) => s.currency)) : snapshots.map((s) => s.currency) } : {};
  if (shape === 'array-like') return { accountId: arrayLike(accountId), month: arrayLike(month), mrr: arrayLike(mrr), ...currency };
  return { accountId, month, mrr: shape === 'typed' ? Float64Array.from(mrr) : mrr, ...currency };
}

const IDS: readonly (string | number)[] = [1, 2, 10, 'a', 'b', 'B'];
const MONTHS = ['2023-11', '2023-12', '2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06'];
const mrrArb = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 10_000_000 }).map((c) => c / 100));
/** One snapshot per (account, month), in random order; some state the one currency, some none. */
const snapshotsArb: fc.Arbitrary<Snapshot[]> = fc
  .uniqueArray(fc.tuple(fc.constantFrom(...IDS), fc.constantFrom(...MONTHS), mrrArb, fc.boolean()), {
    selector: ([id, month]) => `${typeof id} ${id} ${month}`,
    maxLength: 40,
  })
  .map((rows) => rows.map(([accountId, month, mrr, stated]) => (stated ? { accountId, month, mrr, currency: 'USD' } : { accountId, month, mrr })));
const shapeArb = fc.constantFrom<Shape>('arrays', 'typed', 'array-like');
const asOfArb = fc.constantFrom(undefined, '2024-06', '2024-05-15', '2024-08');

describe('revenue columns', () => {
  it('property: mrrMovements and its accumulator give the same result for rows and columns', () => {
    fc.assert(
      fc.property(snapshotsArb, shapeArb, asOfArb, fc.boolean(), (snapshots, shape, asOf, withCurrency) => {
        const rows = withCurrency ? snapshots : snapshots.map(({ currency: _currency, ...s }) => s);
        const options = { perCustomer: true, ...(asOf === undefined ? {} : { asOf }) } as const;
        const fromRows = mrrMovements(rows, options);
        expect(mrrMovements(columnsOf(snapshots, shape, withCurrency), options)).toEqual(fromRows);
        expect(mrrMovementsAccumulator(options).add(columnsOf(snapshots, shape, withCurrency)).result()).toEqual(fromRows);
      }),
      { numRuns: 200 },
    );
  });

  it('property: netRevenueRetention and grossRevenueRetention give the same result for rows and columns', () => {
    fc.assert(
      fc.property(snapshotsArb, shapeArb, asOfArb, fc.integer({ min: 1, max: 4 }), (snapshots, shape, asOf, windowMonths) => {
        const options = { windowMonths, trailing: true, ...(asOf === undefined ? {} : { asOf }) } as const;
        for (const fn of [netRevenueRetention, grossRevenueRetention]) {
          expect(fn(columnsOf(snapshots, shape, true), options)).toEqual(fn(snapshots, options));
        }
        expect(netRevenueRetention(columnsOf(snapshots, shape, true), { windowMonths, cohortMonth: '2024-01' })).toEqual(
          netRevenueRetention(snapshots, { windowMonths, cohortMonth: '2024-01' }),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('checks columns: their lengths, their values (named by account id) and the one currency', () => {
    const good = { accountId: ['a', 'b', 'c'], month: ['2024-01', '2024-01', '2024-02'], mrr: [10, 20, 30] };
    const cases: [object, string, string, string][] = [
      [{ ...good, mrr: [10, 20] }, 'invalid-input', 'snapshots.mrr', 'netRevenueRetention: snapshots.mrr must be a column with as many values as snapshots.accountId (3) (an array of 2)'],
      [{ ...good, month: undefined }, 'invalid-input', 'snapshots.month', 'netRevenueRetention: snapshots.month must be a column with as many values as snapshots.accountId (3) (undefined)'],
      [{ ...good, currency: ['USD'] }, 'invalid-input', 'snapshots.currency', 'netRevenueRetention: snapshots.currency must be a column with as many values as snapshots.accountId (3) (an array of 1)'],
      [{ ...good, mrr: [10, -20, 30] }, 'invalid-number', 'snapshots.mrr[1]', 'netRevenueRetention: snapshots.mrr[1] (accountId "b") must be a finite number >= 0 (-20)'],
      [{ ...good, month: ['2024-01', '2024-1', '2024-02'] }, 'invalid-month', 'snapshots.month[1]', 'netRevenueRetention: snapshots.month[1] (accountId "b") must be a month YYYY-MM such as "2024-03" ("2024-1")'],
      [{ ...good, accountId: ['a', '', 'c'] }, 'invalid-id', 'snapshots.accountId[1]', 'netRevenueRetention: snapshots.accountId[1] must be a non-empty string or a finite number ("")'],
      [
        { ...good, currency: ['USD', null, 'EUR'] },
        'mixed-currency',
        'snapshots.currency[2]',
        'netRevenueRetention: snapshots.currency[2] (accountId "c") differs from "USD", the currency of snapshots.currency[0]; convert the amounts to one currency first ("EUR")',
      ],
      [{ ...good, currency: ['USD', ' ', 'USD'] }, 'invalid-currency', 'snapshots.currency[1]', 'netRevenueRetention: snapshots.currency[1] (accountId "b") is blank; use null (or leave it out) when the currency is not stated (" ")'],
      // 0.x's column name: not columns, and the message says what columns look like.
      [
        { customerId: ['a'], month: ['2024-01'], mrr: [1] },
        'invalid-input',
        'snapshots',
        'netRevenueRetention: snapshots must be an array or another iterable of records, or columns { accountId, month, mrr, currency? } ({"customerId":["a"],"month":["2024-01"],"mrr":[1]})',
      ],
    ];
    for (const [columns, code, path, message] of cases) {
      const error = errorOf(() => netRevenueRetention(columns as MrrSnapshotColumns));
      expect([error.code, error.path, error.message]).toEqual([code, path, message]);
      // The same reader serves mrrMovements.
      expect(errorOf(() => mrrMovements(columns as MrrSnapshotColumns)).path).toBe(path);
    }
    expect(netRevenueRetention({ ...good, currency: ['USD', null, undefined] }, { windowMonths: 1, cohortMonth: '2024-01' })).toMatchObject({
      currency: 'USD',
      customers: 2,
      startingMrr: 30,
      endingMrr: 0,
      value: 0,
    });
  });

  it('never writes to the columns', () => {
    const columns = Object.freeze({
      accountId: Object.freeze(['a', 'b']),
      month: Object.freeze(['2024-01', '2024-02']),
      mrr: Object.freeze([1, 2]),
    });
    expect(mrrMovements(columns).months.map((m) => m.endingMrr)).toEqual([1, 2]);
    expect(grossRevenueRetention(columns, { windowMonths: 1, cohortMonth: '2024-01' }).value).toBe(0);
  });
});
