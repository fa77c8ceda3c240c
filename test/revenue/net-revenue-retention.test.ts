import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { grossRevenueRetention } from '../../src/revenue/gross-revenue-retention.js';
import { netRevenueRetention } from '../../src/revenue/net-revenue-retention.js';
import type { MrrSnapshot } from '../../src/revenue/types.js';
import { errorOf } from '../support/errors.js';
import { shuffled } from '../support/model.js';

function expectNear(actual: number | null | undefined, expected: number): void {
  expect(actual).not.toBe(null);
  expect(Math.abs((actual as number) - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(1e-15);
}

/** Snapshots from a table: one row per customer, one column per month (null = no row). */
function snapshotsOf(months: string[], table: Record<string, (number | null)[]>): MrrSnapshot[] {
  const rows: MrrSnapshot[] = [];
  for (const [accountId, values] of Object.entries(table)) {
    values.forEach((mrr, i) => {
      if (mrr !== null) rows.push({ accountId, month: months[i] as string, mrr });
    });
  }
  return rows;
}

// Customer MRR by month (- = no row):
//        Jan  Feb  Mar  Apr  May  Jun
//   x    100  100  120  120    0    0
//   y      -   50   50   40   40   60
//   z     80   80    0    -   30   30
const HALF_YEAR = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06'];
const HISTORY = snapshotsOf(HALF_YEAR, {
  x: [100, 100, 120, 120, 0, 0],
  y: [null, 50, 50, 40, 40, 60],
  z: [80, 80, 0, null, 30, 30],
});

describe('netRevenueRetention', () => {
  it('runs the doc example', () => {
    const snapshots = [
      { accountId: 'acme', month: '2023-01', mrr: 100 },
      { accountId: 'acme', month: '2024-01', mrr: 300 },
      { accountId: 'bolt', month: '2023-01', mrr: 200 },
      { accountId: 'bolt', month: '2024-01', mrr: 150 },
      { accountId: 'cask', month: '2023-01', mrr: 100 },
      { accountId: 'dune', month: '2024-01', mrr: 500 },
    ];
    // Cohort 2023-01: acme 100, bolt 200, cask 100 = 400; in 2024-01: 300 + 150 + 0 = 450; 450/400 = 1.125.
    const nrr = netRevenueRetention(snapshots, { cohortMonth: '2023-01', windowMonths: 12 });
    expect(nrr).toEqual({
      cohortMonth: '2023-01',
      endMonth: '2024-01',
      windowMonths: 12,
      timeZone: 'UTC',
      // The default asOf: the end of the latest snapshot month, 2024-01.
      asOf: '2024-01-31T23:59:59.999Z',
      asOfDate: '2024-01-31',
      currency: null,
      pending: false,
      value: 1.125,
      reason: null,
      customers: 3,
      startingMrr: 400,
      retainedCustomers: 2,
      expansionMrr: 200,
      contractionMrr: 50,
      churnedMrr: 100,
      endingMrr: 450,
    });
    expect(netRevenueRetention(snapshots, { windowMonths: 12, trailing: true }).trailing.map((w) => [w.month, w.value])).toEqual([['2024-01', 1.125]]);
    expect(netRevenueRetention(snapshots, { cohortMonth: '2023-06' }).pending).toBe(true);
  });

  it('follows a cohort where one customer expands, one contracts and one churns (hand-worked)', () => {
    const snapshots = [
      { accountId: 'a', month: '2024-01', mrr: 100 },
      { accountId: 'a', month: '2024-04', mrr: 130 }, // expands +30
      { accountId: 'b', month: '2024-01', mrr: 200 },
      { accountId: 'b', month: '2024-04', mrr: 150 }, // contracts -50
      { accountId: 'c', month: '2024-01', mrr: 50 },
      { accountId: 'c', month: '2024-02', mrr: 50 }, // churns after February: 0 in April
      { accountId: 'd', month: '2024-02', mrr: 80 },
      { accountId: 'd', month: '2024-04', mrr: 80 }, // new after January: not in the cohort
      { accountId: 'e', month: '2024-01', mrr: 0 },
      { accountId: 'e', month: '2024-04', mrr: 40 }, // at 0 in January: not in the cohort
    ];
    // Starting MRR 100 + 200 + 50 = 350; ending 130 + 150 + 0 = 280.
    // NRR = 280/350 = 0.8. GRR = (min(130, 100) + min(150, 200) + 0)/350 = 250/350 = 5/7.
    // Bridge: 350 + 30 - 50 - 50 = 280.
    const nrr = netRevenueRetention(snapshots, { cohortMonth: '2024-01', windowMonths: 3 });
    const grr = grossRevenueRetention(snapshots, { cohortMonth: '2024-01', windowMonths: 3 });
    const figures = { customers: 3, retainedCustomers: 2, startingMrr: 350, expansionMrr: 30, contractionMrr: 50, churnedMrr: 50, endingMrr: 280 };
    expect(nrr).toMatchObject({ ...figures, cohortMonth: '2024-01', endMonth: '2024-04', windowMonths: 3, asOfDate: '2024-04-30', pending: false });
    expect(grr).toMatchObject(figures);
    expectNear(nrr.value, 0.8);
    expectNear(grr.value, 5 / 7);
  });

  it('compares point to point: a customer who churns and returns within the window keeps its ending MRR', () => {
    const snapshots = snapshotsOf(['2024-01', '2024-02', '2024-03'], { f: [70, 0, 90], g: [30, 30, 30] });
    // Start 70 + 30 = 100; end 90 + 30 = 120: NRR 1.2; GRR (70 + 30)/100 = 1.
    const nrr = netRevenueRetention(snapshots, { cohortMonth: '2024-01', windowMonths: 2 });
    expect(nrr).toMatchObject({ value: 1.2, retainedCustomers: 2, expansionMrr: 20, churnedMrr: 0 });
    expect(grossRevenueRetention(snapshots, { cohortMonth: '2024-01', windowMonths: 2 }).value).toBe(1);
  });

  it('lists trailing windows, one per end month (hand-worked)', () => {
    // windowMonths = 2:
    //   end Mar, cohort Jan {x 100, z 80} = 180 -> x 120, z 0 = 120: NRR 2/3, GRR (100 + 0)/180 = 5/9
    //   end Apr, cohort Feb {x 100, y 50, z 80} = 230 -> 120 + 40 + 0 = 160: NRR 16/23, GRR (100 + 40)/230 = 14/23
    //   end May, cohort Mar {x 120, y 50} = 170 -> 0 + 40 = 40: NRR = GRR = 4/17 (z's return is not counted)
    //   end Jun, cohort Apr {x 120, y 40} = 160 -> 0 + 60 = 60: NRR 3/8, GRR (0 + 40)/160 = 1/4
    const nrr = netRevenueRetention(HISTORY, { windowMonths: 2, trailing: true });
    const grr = grossRevenueRetention(HISTORY, { windowMonths: 2, trailing: true });
    expect(nrr.trailing.map((w) => [w.month, w.cohortMonth])).toEqual([
      ['2024-03', '2024-01'],
      ['2024-04', '2024-02'],
      ['2024-05', '2024-03'],
      ['2024-06', '2024-04'],
    ]);
    const expectedNrr = [2 / 3, 16 / 23, 4 / 17, 3 / 8];
    const expectedGrr = [5 / 9, 14 / 23, 4 / 17, 1 / 4];
    nrr.trailing.forEach((w, i) => expectNear(w.value, expectedNrr[i] as number));
    grr.trailing.forEach((w, i) => expectNear(w.value, expectedGrr[i] as number));
    expect(nrr.trailing.map((w) => [w.customers, w.retainedCustomers, w.startingMrr, w.expansionMrr, w.contractionMrr, w.churnedMrr, w.endingMrr])).toEqual([
      [2, 1, 180, 20, 0, 80, 120],
      [3, 2, 230, 20, 10, 80, 160],
      [2, 1, 170, 0, 10, 120, 40],
      [2, 1, 160, 20, 0, 120, 60],
    ]);
    expect(nrr.trailing.every((w) => w.complete)).toBe(true);
    // The head is the latest window: cohort Apr, ending at asOf Jun.
    expect(nrr).toMatchObject({ cohortMonth: '2024-04', endMonth: '2024-06', asOfDate: '2024-06-30', value: 3 / 8 });
    // A trailing window equals the single-cohort call.
    const { month, complete: _complete, ...single } = nrr.trailing[1] as (typeof nrr.trailing)[number];
    expect(month).toBe('2024-04');
    expect(netRevenueRetention(HISTORY, { windowMonths: 2, cohortMonth: '2024-02' })).toMatchObject(single);
  });

  it('reports a window ending after asOf as pending, and counts months the given asOf covers', () => {
    // Cohort May {y 40, z 30}; end Jul is after the last month, Jun.
    expect(netRevenueRetention(HISTORY, { cohortMonth: '2024-05', windowMonths: 2 })).toEqual({
      cohortMonth: '2024-05',
      endMonth: '2024-07',
      windowMonths: 2,
      timeZone: 'UTC',
      asOf: '2024-06-30T23:59:59.999Z',
      asOfDate: '2024-06-30',
      currency: null,
      pending: true,
      value: null,
      reason: 'pending: the window ends in 2024-07, which is not complete at asOf (the last complete month is 2024-06)',
      customers: 2,
      startingMrr: 70,
      retainedCustomers: null,
      expansionMrr: null,
      contractionMrr: null,
      churnedMrr: null,
      endingMrr: null,
    });
    // Saying the data is complete through August makes July's absence churn: 0/70.
    const asOf = netRevenueRetention(HISTORY, { cohortMonth: '2024-05', windowMonths: 2, asOf: '2024-08' });
    expect(asOf).toMatchObject({ pending: false, value: 0, churnedMrr: 70, endingMrr: 0, asOf: '2024-08-31T23:59:59.999Z', asOfDate: '2024-08-31' });
    // An earlier asOf makes a window the data holds pending.
    expect(netRevenueRetention(HISTORY, { cohortMonth: '2024-01', windowMonths: 2, asOf: '2024-02' }).pending).toBe(true);
    // Trailing windows run to asOf: Mar..Aug; Jul (cohort May) and Aug (cohort Jun {y 60, z 30}) are 0.
    const trailing = netRevenueRetention(HISTORY, { windowMonths: 2, asOf: '2024-08', trailing: true }).trailing;
    expect(trailing.map((w) => [w.month, w.value])).toEqual([
      ['2024-03', 2 / 3],
      ['2024-04', 16 / 23],
      ['2024-05', 4 / 17],
      ['2024-06', 3 / 8],
      ['2024-07', 0],
      ['2024-08', 0],
    ]);
  });

  it('gives null values for empty cohorts and empty input, with the reason', () => {
    const empty = {
      cohortMonth: null,
      endMonth: null,
      windowMonths: 12,
      timeZone: 'UTC',
      asOf: null,
      asOfDate: null,
      currency: null,
      pending: false,
      value: null,
      reason: 'there are no snapshots',
      customers: 0,
      startingMrr: 0,
      retainedCustomers: 0,
      expansionMrr: 0,
      contractionMrr: 0,
      churnedMrr: 0,
      endingMrr: 0,
    };
    expect(netRevenueRetention([])).toEqual(empty);
    expect(grossRevenueRetention([], { trailing: true })).toEqual({ ...empty, trailing: [] });
    expect(netRevenueRetention([], { cohortMonth: '2024-01', windowMonths: 3 })).toEqual({ ...empty, windowMonths: 3, cohortMonth: '2024-01', endMonth: '2024-04' });
    // A cohort month before the data: nobody in the cohort.
    expect(netRevenueRetention(HISTORY, { cohortMonth: '2023-01' })).toMatchObject({
      customers: 0,
      startingMrr: 0,
      value: null,
      pending: false,
      endingMrr: 0,
      reason: 'no customer had MRR > 0 in the cohort month 2023-01',
    });
    // A row with MRR 0 does not put a customer in the cohort: x is at 0 in May.
    expect(netRevenueRetention(HISTORY, { cohortMonth: '2024-05', windowMonths: 1 }).customers).toBe(2);
    expect(grossRevenueRetention([{ accountId: 1, month: '2024-01', mrr: 0 }, { accountId: 1, month: '2024-02', mrr: 5 }], { cohortMonth: '2024-01', windowMonths: 1 }).value).toBe(null);
    // Data shorter than the window: no trailing points.
    expect(netRevenueRetention(HISTORY, { windowMonths: 12, trailing: true }).trailing).toEqual([]);
  });

  it('reads asOf as a date, an instant or a month: June 30 completes June, June 15 leaves it pending', () => {
    // Cohort May {y 40, z 30} = 70; June: y 60, z 30 = 90. NRR 90/70 = 9/7, GRR (40 + 30)/70 = 1.
    const may = { cohortMonth: '2024-05', windowMonths: 1 };
    for (const asOf of ['2024-06-30', '2024-06', Date.UTC(2024, 5, 30, 23, 59, 59, 999), '2024-07-01T00:00:00Z']) {
      const nrr = netRevenueRetention(HISTORY, { ...may, asOf });
      expect(nrr, String(asOf)).toMatchObject({ pending: false, value: 9 / 7, reason: null, endingMrr: 90 });
      expect(grossRevenueRetention(HISTORY, { ...may, asOf }).value).toBe(1);
    }
    expect(netRevenueRetention(HISTORY, { ...may, asOf: '2024-06-30' })).toMatchObject({ asOf: '2024-06-30T23:59:59.999Z', asOfDate: '2024-06-30' });
    // Inside June (a date, or an instant 1 ms before its end): June is not complete, the window is pending.
    for (const asOf of ['2024-06-15', Date.UTC(2024, 5, 30, 23, 59, 59, 998)]) {
      const pending = netRevenueRetention(HISTORY, { ...may, asOf });
      expect(pending, String(asOf)).toMatchObject({ pending: true, value: null, customers: 2, startingMrr: 70, endingMrr: null });
      expect(pending.reason).toBe('pending: the window ends in 2024-06, which is not complete at asOf (the last complete month is 2024-05)');
    }
    // The default window ends at the last complete month: May on June 15 (cohort Apr {x 120, y 40} = 160 -> 0 + 40).
    expect(netRevenueRetention(HISTORY, { windowMonths: 1, asOf: '2024-06-15' })).toMatchObject({ cohortMonth: '2024-04', endMonth: '2024-05', value: 40 / 160 });
  });

  it('reads asOf in the time zone: 23:30 on June 30 in Berlin is before the end of June there', () => {
    const late = Date.UTC(2024, 5, 30, 21, 30); // 2024-06-30T23:30+02:00
    const may = { cohortMonth: '2024-05', windowMonths: 1, timeZone: 'Europe/Berlin' };
    expect(netRevenueRetention(HISTORY, { ...may, asOf: late })).toMatchObject({ timeZone: 'Europe/Berlin', asOfDate: '2024-06-30', pending: true });
    // The date ends at midnight Berlin time, 22:00 UTC.
    expect(netRevenueRetention(HISTORY, { ...may, asOf: '2024-06-30' })).toMatchObject({ asOf: '2024-06-30T21:59:59.999Z', pending: false, value: 9 / 7 });
    // The default asOf is the end of the latest month in that zone.
    expect(netRevenueRetention(HISTORY, may)).toMatchObject({ asOf: '2024-06-30T21:59:59.999Z', asOfDate: '2024-06-30' });
  });

  it('keeps the default window length and says why there is no value when the data cannot hold it', () => {
    // Twelve months of data, 2024-01..2024-12; every customer pays 100 every month.
    const year = Array.from({ length: 12 }, (_, m) => `2024-${String(m + 1).padStart(2, '0')}`);
    const snapshots = snapshotsOf(year, { a: year.map(() => 100), b: year.map(() => 100) });
    // A 12-month window needs 13 months (its cohort month and its end month 12 months later):
    // the latest one ending by 2024-12 starts in 2023-12, before the data. 0.1 said
    // `customers: 0, value: null, pending: false` and nothing else.
    const nrr = netRevenueRetention(snapshots);
    expect(nrr).toMatchObject({ cohortMonth: '2023-12', endMonth: '2024-12', windowMonths: 12, pending: false, value: null, customers: 0 });
    expect(nrr.reason).toBe(
      'no complete 12-month window: the latest one ending by 2024-12 (the last complete month) starts in 2023-12, before the first snapshot month 2024-01; pass windowMonths: 11 (or fewer), or cohortMonth',
    );
    expect(grossRevenueRetention(snapshots).reason).toBe(nrr.reason);
    // Doing what the reason says gives a value: 200 -> 200.
    expect(netRevenueRetention(snapshots, { windowMonths: 11 })).toMatchObject({ cohortMonth: '2024-01', endMonth: '2024-12', value: 1, reason: null });
    // One month of data cannot hold any window.
    expect(netRevenueRetention(snapshots.filter((r) => r.month === '2024-01')).reason).toBe(
      'no complete 12-month window: the latest one ending by 2024-01 (the last complete month) starts in 2023-01, before the first snapshot month 2024-01; the data needs at least two complete months',
    );
  });

  it('lists the window ending in the month of asOf as incomplete and pending, and leaves out later months', () => {
    // windowMonths = 2, asOf June 15: windows end Mar, Apr, May (complete) and Jun (in progress).
    const nrr = netRevenueRetention(HISTORY, { windowMonths: 2, trailing: true, asOf: '2024-06-15' });
    expect(nrr.trailing.map((w) => [w.month, w.complete, w.value])).toEqual([
      ['2024-03', true, 2 / 3],
      ['2024-04', true, 16 / 23],
      ['2024-05', true, 4 / 17],
      ['2024-06', false, null],
    ]);
    // The incomplete point knows its cohort (Apr {x 120, y 40} = 160), not its end.
    expect(nrr.trailing[3]).toMatchObject({ cohortMonth: '2024-04', customers: 2, startingMrr: 160, retainedCustomers: null, endingMrr: null });
    // The head is the latest complete window, ending in May.
    expect(nrr).toMatchObject({ cohortMonth: '2024-03', endMonth: '2024-05', value: 4 / 17 });
    // asOf in April: May and June snapshots are after it; a cohort in May is not known yet.
    const april = netRevenueRetention(HISTORY, { cohortMonth: '2024-05', windowMonths: 1, asOf: '2024-04-30' });
    expect(april).toMatchObject({ pending: true, customers: 0, startingMrr: 0, value: null, reason: 'pending: the cohort month 2024-05 is after asOf (2024-04-30)' });
    expect(netRevenueRetention(HISTORY, { windowMonths: 2, trailing: true, asOf: '2024-04-30' }).trailing.map((w) => w.month)).toEqual(['2024-03', '2024-04']);
  });

  it('reads other column names through accessors, from any iterable, and checks currencies', () => {
    const rows = HISTORY.map((s) => ({ cid: s.accountId, ym: s.month, amount: s.mrr, ccy: 'EUR' }));
    const viaAccessors = netRevenueRetention(new Set(rows), { windowMonths: 2, accountId: (r) => r.cid, month: (r) => r.ym, mrr: (r) => r.amount, currency: (r) => r.ccy });
    expect(viaAccessors.value).toBe(3 / 8);
    expect(viaAccessors).toEqual({ ...netRevenueRetention(HISTORY, { windowMonths: 2 }), currency: 'EUR' });
    // Rows without a currency mix with rows that carry one.
    const some = HISTORY.map((s, i) => (i % 2 === 0 ? { ...s, currency: 'USD' } : s));
    expect(netRevenueRetention(some).currency).toBe('USD');
    const mixed = HISTORY.map((s, i) => ({ ...s, currency: i === 4 ? 'EUR' : 'USD' }));
    const error = errorOf(() => netRevenueRetention(mixed));
    expect([error.code, error.path, error.message]).toEqual([
      'mixed-currency',
      'snapshots[4].currency',
      'netRevenueRetention: snapshots[4] (accountId "x").currency differs from "USD", the currency of snapshots[0]; convert the amounts to one currency first ("EUR")',
    ]);
    const blank = errorOf(() => netRevenueRetention([{ ...HISTORY[0], currency: '' }]));
    expect([blank.code, blank.path, blank.message]).toEqual([
      'invalid-currency',
      'snapshots[0].currency',
      'netRevenueRetention: snapshots[0] (accountId "x").currency is blank; use null (or leave it out) when the currency is not stated ("")',
    ]);
  });

  it('tells integer ids from string ids', () => {
    const snapshots = [
      { accountId: 1, month: '2024-01', mrr: 10 },
      { accountId: '1', month: '2024-02', mrr: 10 },
    ];
    // Customer 1 churned; customer '1' is new.
    expect(netRevenueRetention(snapshots, { cohortMonth: '2024-01', windowMonths: 1 }).value).toBe(0);
  });

  it('does not mutate its input', () => {
    const frozen = Object.freeze(HISTORY.map((s) => Object.freeze({ ...s })));
    const first = netRevenueRetention(frozen, { windowMonths: 2, trailing: true });
    expect(netRevenueRetention(frozen, { windowMonths: 2, trailing: true })).toEqual(first);
    expect(frozen).toEqual(HISTORY);
    expect(JSON.parse(JSON.stringify(first))).toEqual(first);
  });

  it('rejects bad snapshots, naming the record', () => {
    const cases: [unknown, string, string, string][] = [
      [{ accountId: 'x', month: '2024-03', mrr: -1 }, 'invalid-number', 'snapshots[2].mrr', 'netRevenueRetention: snapshots[2] (accountId "x").mrr must be a finite number >= 0 (-1)'],
      [{ accountId: 7, month: '2024-03', mrr: '10' }, 'invalid-number', 'snapshots[2].mrr', 'netRevenueRetention: snapshots[2] (accountId 7).mrr must be a finite number >= 0 ("10")'],
      [{ accountId: 'x', month: '2024-3', mrr: 1 }, 'invalid-month', 'snapshots[2].month', 'netRevenueRetention: snapshots[2] (accountId "x").month must be a month YYYY-MM such as "2024-03" ("2024-3")'],
      [{ accountId: 'x', month: '2024-03-01', mrr: 1 }, 'invalid-month', 'snapshots[2].month', 'netRevenueRetention: snapshots[2] (accountId "x").month must be a month YYYY-MM such as "2024-03" ("2024-03-01")'],
      [{ accountId: 'x', month: '0000-12', mrr: 1 }, 'invalid-month', 'snapshots[2].month', 'netRevenueRetention: snapshots[2] (accountId "x").month must be a month YYYY-MM such as "2024-03" ("0000-12")'],
      [{ accountId: '', month: '2024-03', mrr: 1 }, 'invalid-id', 'snapshots[2].accountId', 'netRevenueRetention: snapshots[2].accountId must be a non-empty string or a finite number ("")'],
      [{ month: '2024-03', mrr: 1 }, 'invalid-id', 'snapshots[2].accountId', 'netRevenueRetention: snapshots[2].accountId must be a non-empty string or a finite number (undefined)'],
      [{ ...HISTORY[0] }, 'duplicate-snapshot', 'snapshots[2]', `netRevenueRetention: snapshots[2] repeats account "x" in 2024-01 (first at snapshots[0]); sum an account's concurrent subscriptions into one snapshot per month (toMonthlySnapshots does) ({"accountId":"x","month":"2024-01"})`],
      ['row', 'invalid-record', 'snapshots[2]', 'netRevenueRetention: snapshots[2] must be an object ("row")'],
    ];
    for (const [bad, code, path, message] of cases) {
      const error = errorOf(() => netRevenueRetention([HISTORY[0], HISTORY[1], bad] as MrrSnapshot[]));
      expect([error.code, error.path, error.message]).toEqual([code, path, message]);
    }
    // The earliest repeat is named, with the first row of its customer and month.
    const repeats = [
      { accountId: 'b', month: '2024-02', mrr: 1 },
      { accountId: 'a', month: '2024-01', mrr: 1 },
      { accountId: 'a', month: '2023-12', mrr: 1 },
      { accountId: 'a', month: '2024-01', mrr: 2 },
      { accountId: 'b', month: '2024-02', mrr: 3 },
      { accountId: 'a', month: '2024-01', mrr: 4 },
    ];
    const repeat = errorOf(() => netRevenueRetention(repeats));
    expect([repeat.code, repeat.path, repeat.value]).toEqual(['duplicate-snapshot', 'snapshots[3]', { accountId: 'a', month: '2024-01' }]);
    expect(repeat.message).toContain('(first at snapshots[1])');
    // Denormal MRR makes the ratio overflow: an error, never Infinity.
    const tiny = errorOf(() => netRevenueRetention([{ accountId: 'c', month: '2024-01', mrr: 5e-324 }, { accountId: 'c', month: '2024-02', mrr: 1 }], { cohortMonth: '2024-01', windowMonths: 1 }));
    expect([tiny.code, tiny.path]).toEqual(['overflow', 'snapshots']);
    const gross = errorOf(() => grossRevenueRetention([{ accountId: 'x', month: '2024-03', mrr: -1 }]));
    expect(gross.message).toBe('grossRevenueRetention: snapshots[0] (accountId "x").mrr must be a finite number >= 0 (-1)');
    const notIterable = errorOf(() => netRevenueRetention(undefined as unknown as MrrSnapshot[]));
    expect([notIterable.code, notIterable.path]).toEqual(['invalid-input', 'snapshots']);
  });

  it('rejects bad options', () => {
    const cases: [unknown, string, string, string][] = [
      [{ windowMonths: 0 }, 'invalid-number', 'options.windowMonths', 'netRevenueRetention: options.windowMonths must be an integer >= 1 (0)'],
      [{ windowMonths: 1.5 }, 'invalid-number', 'options.windowMonths', 'netRevenueRetention: options.windowMonths must be an integer >= 1 (1.5)'],
      [{ windowMonths: '12' }, 'invalid-number', 'options.windowMonths', 'netRevenueRetention: options.windowMonths must be an integer >= 1 ("12")'],
      [{ cohortMonth: '2024-1' }, 'invalid-timestamp', 'options.cohortMonth', 'netRevenueRetention: options.cohortMonth is not a valid timestamp ("2024-1")'],
      [{ asOf: 'June' }, 'invalid-timestamp', 'options.asOf', 'netRevenueRetention: options.asOf is not a valid timestamp ("June")'],
      [{ asOf: '2024-06-30T12:00' }, 'ambiguous-timestamp', 'options.asOf', 'netRevenueRetention: options.asOf has no time-zone offset; add Z or an offset such as +02:00, or pass epoch milliseconds ("2024-06-30T12:00")'],
      [{ timeZone: 'Mars/Olympus' }, 'invalid-time-zone', 'options.timeZone', 'netRevenueRetention: options.timeZone is not a known IANA time zone ("Mars/Olympus")'],
      // Strict options: 0.1 silently used 12 months for `window: 6`.
      [{ window: 6 }, 'unknown-option', 'options.window', 'netRevenueRetention: options.window is not an option; did you mean windowMonths? (6)'],
      // 0.1's names point to the new ones.
      [{ months: 6 }, 'unknown-option', 'options.months', 'netRevenueRetention: options.months is not an option; did you mean windowMonths? (6)'],
      [{ customerId: (r: MrrSnapshot) => r.accountId }, 'unknown-option', 'options.customerId', 'netRevenueRetention: options.customerId is not an option; did you mean accountId? (a function)'],
      [{ timezone: 'Europe/Berlin' }, 'unknown-option', 'options.timezone', 'netRevenueRetention: options.timezone is not an option; did you mean timeZone? ("Europe/Berlin")'],
      [{ cohortMonths: '2024-01' }, 'unknown-option', 'options.cohortMonths', 'netRevenueRetention: options.cohortMonths is not an option; did you mean cohortMonth? ("2024-01")'],
      [{ asOf: null }, 'invalid-option', 'options.asOf', 'netRevenueRetention: options.asOf must not be null; leave it out (or pass undefined) for the default (null)'],
      [{ windowMonths: null }, 'invalid-option', 'options.windowMonths', 'netRevenueRetention: options.windowMonths must not be null; leave it out (or pass undefined) for the default (null)'],
      [{ trailing: 1 }, 'invalid-boolean', 'options.trailing', 'netRevenueRetention: options.trailing must be true or false (1)'],
      [{ mrr: 'amount' }, 'invalid-option', 'options.mrr', 'netRevenueRetention: options.mrr must be a function that reads the field from a record ("amount")'],
      [{ cohortMonth: '9999-06', windowMonths: 12 }, 'invalid-option', 'options.windowMonths', 'netRevenueRetention: options.windowMonths reaches past 9999-12 from options.cohortMonth 9999-06 (12)'],
      [{ windowMonths: 30_000 }, 'invalid-option', 'options.windowMonths', 'netRevenueRetention: options.windowMonths reaches before 0001-01 from the last complete month 2024-06 (30000)'],
      ['12', 'invalid-option', 'options', 'netRevenueRetention: options must be an object ("12")'],
    ];
    for (const [options, code, path, message] of cases) {
      const error = errorOf(() => netRevenueRetention(HISTORY, options as object));
      expect([error.code, error.path, error.message]).toEqual([code, path, message]);
    }
  });

  // Random histories: up to 6 customers over up to 8 months of 2024, some rows missing,
  // MRR in whole units, one row per customer and month.
  const history = fc
    .uniqueArray(
      fc.record({
        accountId: fc.constantFrom<string | number>('a', 'b', 'c', 1, 2, 3),
        month: fc.integer({ min: 1, max: 8 }).map((m) => `2024-0${m}`),
        mrr: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10_000 })),
      }),
      { maxLength: 40, selector: (r) => `${typeof r.accountId}:${r.accountId}:${r.month}` },
    )
    .map((rows) => rows as MrrSnapshot[]);
  const options = fc.record({ cohortMonth: fc.integer({ min: 1, max: 8 }).map((m) => `2024-0${m}`), windowMonths: fc.integer({ min: 1, max: 8 }) });

  /** The slow obvious model: per-customer sums by month, then the ratio. */
  function model(rows: MrrSnapshot[], cohortMonth: string, months: number): { start: number; end: number; capped: number } {
    const at = (id: string | number, month: string) => rows.filter((r) => r.accountId === id && r.month === month).reduce((s, r) => s + r.mrr, 0);
    const [year, m] = cohortMonth.split('-').map(Number) as [number, number];
    const endIndex = year * 12 + m - 1 + months;
    const endMonth = `${Math.floor(endIndex / 12)}-${String((endIndex % 12) + 1).padStart(2, '0')}`;
    let start = 0;
    let end = 0;
    let capped = 0;
    for (const id of new Set(rows.map((r) => r.accountId))) {
      const s = at(id, cohortMonth);
      if (s <= 0) continue;
      const e = at(id, endMonth);
      start += s;
      end += e;
      capped += Math.min(s, e);
    }
    return { start, end, capped };
  }

  it('property: agrees with the slow model; GRR <= 1, GRR <= NRR; null exactly when the cohort has no MRR', () => {
    fc.assert(
      fc.property(history, options, (rows, opts) => {
        const asOf = '2025-06'; // every window ends by then (2024-08 + 8 months = 2025-04)
        const nrr = netRevenueRetention(rows, { ...opts, asOf });
        const grr = grossRevenueRetention(rows, { ...opts, asOf });
        const { start, end, capped } = model(rows, opts.cohortMonth, opts.windowMonths);
        expect(nrr.startingMrr).toBe(start);
        expect(nrr.endingMrr).toBe(end);
        expect(nrr.value === null).toBe(start === 0);
        expect(grr.value === null).toBe(start === 0);
        if (start > 0) {
          expect(nrr.value).toBe(end / start);
          expect(grr.value).toBe(capped / start);
          expect(grr.value as number).toBeLessThanOrEqual(1);
          expect(grr.value as number).toBeLessThanOrEqual(nrr.value as number);
          expect(grr.value as number).toBeGreaterThanOrEqual(0);
          expect((nrr.startingMrr + (nrr.expansionMrr as number) - (nrr.contractionMrr as number) - (nrr.churnedMrr as number))).toBe(nrr.endingMrr);
        }
        const { value: _n, ...nrrFigures } = nrr;
        const { value: _g, ...grrFigures } = grr;
        expect(grrFigures).toEqual(nrrFigures);
      }),
    );
  });

  it('property: input order does not matter; trailing windows equal single-cohort calls', () => {
    fc.assert(
      fc.property(history, fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), fc.integer({ min: 1, max: 4 }), fc.constantFrom(undefined, '2024-06-15', '2024-08-31'), (rows, picks, windowMonths, asOf) => {
        const permuted = shuffled(rows, picks);
        const at = asOf === undefined ? {} : { asOf };
        for (const fn of [netRevenueRetention, grossRevenueRetention]) {
          const result = fn(rows, { windowMonths, trailing: true, ...at });
          expect(fn(permuted, { windowMonths, trailing: true, ...at })).toEqual(result);
          for (const { month, complete, ...window } of result.trailing) {
            const single = fn(rows, { windowMonths, cohortMonth: window.cohortMonth, ...at });
            expect(single).toMatchObject(window);
            // A trailing point is complete exactly when the single window is not pending.
            expect(complete).toBe(!single.pending);
            expect(month > window.cohortMonth).toBe(true);
          }
          // Only the window ending in the month of a mid-month asOf is incomplete.
          const incomplete = result.trailing.filter((w) => !w.complete).map((w) => w.month);
          expect(incomplete).toEqual(asOf === '2024-06-15' && result.trailing.length > 0 ? ['2024-06'] : []);
        }
      }),
    );
  });
});
