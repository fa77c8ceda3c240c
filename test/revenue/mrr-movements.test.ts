import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MetricsInputError } from '../../src/core/errors.js';
import { compensatedSum } from '../../src/stats/compensated-sum.js';
import { mrrMovements } from '../../src/revenue/mrr-movements.js';
import type { MrrCustomerMovement, MrrMonth } from '../../src/revenue/types.js';
import { toMonthlySnapshots } from '../../src/revenue/to-monthly-snapshots.js';
import { errorOf } from '../support/errors.js';
import { shuffled } from '../support/model.js';

type Snapshot = { accountId: string | number; month: string; mrr: number };

/** A month's bridge as one compact row: [month, start, new, expansion, contraction, churned, reactivation, end]. */
function bridge(m: MrrMonth): (string | number)[] {
  return [m.month, m.startingMrr, m.newMrr, m.expansionMrr, m.contractionMrr, m.churnedMrr, m.reactivationMrr, m.endingMrr];
}

/** The customer counts as one row: [start, new, expanded, contracted, churned, reactivated, end]. */
function counts(m: MrrMonth): number[] {
  const c = m.customers;
  return [c.start, c.new, c.expanded, c.contracted, c.churned, c.reactivated, c.end];
}

/** Snapshots from a table: one row per customer, one column per month from `first`. */
function table(first: string, rows: Record<string, (number | null)[]>): Snapshot[] {
  const [year, month] = first.split('-').map(Number) as [number, number];
  const out: Snapshot[] = [];
  for (const [accountId, values] of Object.entries(rows)) {
    values.forEach((mrr, i) => {
      if (mrr === null) return;
      const m = year * 12 + month - 1 + i;
      out.push({ accountId, month: `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`, mrr });
    });
  }
  return out;
}

describe('mrrMovements', () => {
  it('runs the doc example', () => {
    const snapshots = [
      { accountId: 'acme', month: '2024-01', mrr: 100 },
      { accountId: 'bolt', month: '2024-01', mrr: 50 },
      { accountId: 'acme', month: '2024-02', mrr: 150 },
      { accountId: 'cove', month: '2024-02', mrr: 80 },
      { accountId: 'acme', month: '2024-03', mrr: 120 },
      { accountId: 'bolt', month: '2024-03', mrr: 50 },
      { accountId: 'cove', month: '2024-03', mrr: 80 },
    ];
    //            Jan   Feb   Mar
    // acme       100   150   120    Feb: expansion 50; Mar: contraction 30
    // bolt        50     —    50    Feb: churn 50; Mar: reactivation 50 (had MRR before)
    // cove         —    80    80    Feb: new 80
    // Jan: the first month of the data: acme and bolt are starting, 150 = 150.
    // Feb: 150 + 80 (new) + 50 (exp) − 50 (churn) = 230 = 150 + 80.
    // Mar: 230 − 30 (contr) + 50 (react) = 250 = 120 + 50 + 80.
    const result = mrrMovements(snapshots);
    expect(result.from).toBe('2024-01');
    expect(result.to).toBe('2024-03');
    expect(result.baseline).toBe('2024-01');
    // asOf defaults to the end of the latest snapshot month: March 31, 23:59:59.999 UTC.
    expect([result.timeZone, result.asOf, result.asOfDate]).toEqual(['UTC', '2024-03-31T23:59:59.999Z', '2024-03-31']);
    expect(result.months.map(bridge)).toEqual([
      ['2024-01', 150, 0, 0, 0, 0, 0, 150],
      ['2024-02', 150, 80, 50, 0, 50, 0, 230],
      ['2024-03', 230, 0, 0, 30, 0, 50, 250],
    ]);
    expect(result.months.map(counts)).toEqual([
      [2, 0, 0, 0, 0, 0, 2],
      [2, 1, 1, 0, 1, 0, 2],
      [2, 0, 0, 1, 0, 1, 3],
    ]);
    expect(result.months[2]).toEqual({
      month: '2024-03',
      complete: true,
      startingMrr: 230,
      newMrr: 0,
      expansionMrr: 0,
      contractionMrr: 30,
      churnedMrr: 0,
      reactivationMrr: 50,
      endingMrr: 250,
      customers: { start: 2, new: 0, expanded: 0, contracted: 1, churned: 0, reactivated: 1, end: 3 },
    });
    expect(mrrMovements(snapshots, { perCustomer: true }).movements).toEqual([
      { month: '2024-02', accountId: 'acme', type: 'expansion', amount: 50, from: 100, to: 150 },
      { month: '2024-02', accountId: 'bolt', type: 'churn', amount: 50, from: 50, to: 0 },
      { month: '2024-02', accountId: 'cove', type: 'new', amount: 80, from: 0, to: 80 },
      { month: '2024-03', accountId: 'acme', type: 'contraction', amount: 30, from: 150, to: 120 },
      { month: '2024-03', accountId: 'bolt', type: 'reactivation', amount: 50, from: 0, to: 50 },
    ]);
  });

  it('counts a customer who churns and returns within a quarter as reactivated, not new', () => {
    //            Jan   Feb   Mar   Apr
    // keep        10    10    10    10
    // leaver      40     —     —    60    Feb: churn 40; Mar: nothing (still gone); Apr: reactivation 60
    // Jan 50 = 50; Feb 50 − 40 = 10; Mar 10; Apr 10 + 60 = 70.
    const snapshots = table('2024-01', { keep: [10, 10, 10, 10], leaver: [40, null, null, 60] });
    const { months } = mrrMovements(snapshots);
    expect(months.map(bridge)).toEqual([
      ['2024-01', 50, 0, 0, 0, 0, 0, 50],
      ['2024-02', 50, 0, 0, 0, 40, 0, 10],
      ['2024-03', 10, 0, 0, 0, 0, 0, 10],
      ['2024-04', 10, 0, 0, 0, 0, 60, 70],
    ]);
    expect(months.map((m) => [m.customers.churned, m.customers.reactivated, m.customers.new])).toEqual([
      [0, 0, 0],
      [1, 0, 0],
      [0, 0, 0],
      [0, 1, 0],
    ]);
  });

  it('treats a downgrade to zero as churn, and an explicit 0 like a missing month', () => {
    //            Jan   Feb   Mar
    // down        30     0    20    Feb: churn 30 (not contraction); Mar: reactivation 20
    // other        5     5     5
    const explicit = table('2024-01', { down: [30, 0, 20], other: [5, 5, 5] });
    const missing = table('2024-01', { down: [30, null, 20], other: [5, 5, 5] });
    const result = mrrMovements(explicit);
    expect(result.months.map(bridge)).toEqual([
      ['2024-01', 35, 0, 0, 0, 0, 0, 35],
      ['2024-02', 35, 0, 0, 0, 30, 0, 5],
      ['2024-03', 5, 0, 0, 0, 0, 20, 25],
    ]);
    expect(result.months[1]?.customers.contracted).toBe(0);
    expect(mrrMovements(missing)).toEqual(result);
  });

  it('counts the first month of the data as starting, not new', () => {
    //            Mar   Apr
    // a           70    70
    // b            —    30    Apr: new 30 (first month with MRR after the baseline)
    // March is the first month of the data: a is starting MRR (the data cannot tell whether a
    // was new in March or had paid for years), so March has start 70 = end 70 and no movements.
    const snapshots = table('2024-03', { a: [70, 70], b: [null, 30] });
    const result = mrrMovements(snapshots);
    expect(result.baseline).toBe('2024-03');
    expect(result.months.map(bridge)).toEqual([
      ['2024-03', 70, 0, 0, 0, 0, 0, 70],
      ['2024-04', 70, 30, 0, 0, 0, 0, 100],
    ]);
    expect(counts(result.months[0] as MrrMonth)).toEqual([1, 0, 0, 0, 0, 0, 1]);
    // With `from` before the data, the caller says the data is complete from February: a is new in March.
    const earlier = mrrMovements(snapshots, { from: '2024-02' });
    expect(earlier.baseline).toBe('2024-02');
    expect(earlier.months.map(bridge)).toEqual([
      ['2024-02', 0, 0, 0, 0, 0, 0, 0],
      ['2024-03', 0, 70, 0, 0, 0, 0, 70],
      ['2024-04', 70, 30, 0, 0, 0, 0, 100],
    ]);
  });

  it('uses months before `from` to tell reactivation from new, and reports from `from`', () => {
    //            Jan   Feb   Mar   Apr
    // r           20     —    25    25    Mar: reactivation (paid in January)
    // n            —     —    15    20    Mar: new; Apr: expansion 5
    // Reported from March: start of March = end of February = 0.
    const snapshots = table('2024-01', { r: [20, null, 25, 25], n: [null, null, 15, 20] });
    const result = mrrMovements(snapshots, { from: '2024-03', perCustomer: true });
    expect(result.from).toBe('2024-03');
    expect(result.baseline).toBe('2024-01');
    expect(result.months.map(bridge)).toEqual([
      ['2024-03', 0, 15, 0, 0, 0, 25, 40],
      ['2024-04', 40, 0, 5, 0, 0, 0, 45],
    ]);
    // The churn of r in February is before `from`: not listed.
    expect(result.movements.map((m) => [m.month, m.accountId, m.type])).toEqual([
      ['2024-03', 'n', 'new'],
      ['2024-03', 'r', 'reactivation'],
      ['2024-04', 'n', 'expansion'],
    ]);
  });

  it('shows churn after the last month of the data when asOf says the data is complete through it', () => {
    const snapshots = table('2024-01', { a: [10, 10], b: [5, null] });
    // Default range: Jan..Feb; b churns in February; a's last month is February.
    expect(mrrMovements(snapshots).months.map(bridge)).toEqual([
      ['2024-01', 15, 0, 0, 0, 0, 0, 15],
      ['2024-02', 15, 0, 0, 0, 5, 0, 10],
    ]);
    // Complete through April (a month, a date or an instant): a churns in March, April is empty.
    for (const asOf of ['2024-04', '2024-04-30', Date.UTC(2024, 4, 1) - 1]) {
      const result = mrrMovements(snapshots, { asOf });
      expect(result.to).toBe('2024-04');
      expect(result.months.map(bridge).slice(2)).toEqual([
        ['2024-03', 10, 0, 0, 0, 10, 0, 0],
        ['2024-04', 0, 0, 0, 0, 0, 0, 0],
      ]);
      expect(result.months.map((m) => m.complete)).toEqual([true, true, true, true]);
    }
    // Was `{ to: '2024-04' }` in 0.1: now the range stops at the month of asOf (the end of
    // February by default), because the data says nothing about March and April.
    expect(mrrMovements(snapshots, { to: '2024-04' }).months.map((m) => m.month)).toEqual(['2024-01', '2024-02']);
    // `to` before the data's end: later snapshots are read and validated but not reported.
    expect(mrrMovements(snapshots, { to: '2024-01' }).months.map(bridge)).toEqual([['2024-01', 15, 0, 0, 0, 0, 0, 15]]);
  });

  it('flags the month of asOf incomplete until its last local day ends, and leaves out later snapshots', () => {
    //            Jan   Feb   Mar
    // a           10    10    30     Mar: expansion 20
    // b            5     5     —     Mar: churn 5
    const snapshots = table('2024-01', { a: [10, 10, 30], b: [5, 5, null] });
    // asOf a date in March: March is reported (the data so far), flagged in progress.
    const mid = mrrMovements(snapshots, { asOf: '2024-03-15' });
    expect([mid.asOf, mid.asOfDate, mid.to]).toEqual(['2024-03-15T23:59:59.999Z', '2024-03-15', '2024-03']);
    expect(mid.months.map((m) => [m.month, m.complete])).toEqual([
      ['2024-01', true],
      ['2024-02', true],
      ['2024-03', false],
    ]);
    expect(mid.months.map(bridge)[2]).toEqual(['2024-03', 15, 0, 20, 0, 5, 0, 30]);
    // The last date of March completes it; so does the month itself.
    expect(mrrMovements(snapshots, { asOf: '2024-03-31' }).months[2]?.complete).toBe(true);
    expect(mrrMovements(snapshots, { asOf: '2024-03' }).months[2]?.complete).toBe(true);
    // An instant one millisecond short of April leaves March incomplete; April 1, 00:00 completes it.
    expect(mrrMovements(snapshots, { asOf: '2024-03-31T23:59:59.998Z' }).months[2]?.complete).toBe(false);
    expect(mrrMovements(snapshots, { asOf: '2024-03-31T23:59:59.999Z' }).months[2]?.complete).toBe(true);
    // asOf in February: March's snapshots are after it, left out of every figure (a's
    // expansion and b's churn included); `to: '2024-03'` cannot bring them back.
    const february = mrrMovements(snapshots, { asOf: '2024-02-10', to: '2024-03', perCustomer: true });
    expect([february.to, february.months.map(bridge)]).toEqual([
      '2024-02',
      [
        ['2024-01', 15, 0, 0, 0, 0, 0, 15],
        ['2024-02', 15, 0, 0, 0, 0, 0, 15],
      ],
    ]);
    expect(february.months.map((m) => m.complete)).toEqual([true, false]);
    expect(february.movements).toEqual([]);
    // A range entirely after asOf reports nothing.
    expect(mrrMovements(snapshots, { asOf: '2024-02-10', from: '2024-03' })).toMatchObject({ from: null, to: null, baseline: null, months: [] });
    // Snapshots only after asOf: nothing counted, the months up to asOf are empty.
    expect(mrrMovements(snapshots, { asOf: '2023-12-31', from: '2023-12' }).months.map(bridge)).toEqual([['2023-12', 0, 0, 0, 0, 0, 0, 0]]);
  });

  it('reads asOf, from and to in the time zone: a month ends at local midnight', () => {
    const snapshots = table('2024-05', { a: [10, 20] });
    // June 30, 23:30 in Berlin is 21:30 UTC: June is still in progress there.
    const late = Date.UTC(2024, 5, 30, 21, 30);
    const berlin = mrrMovements(snapshots, { asOf: late, timeZone: 'Europe/Berlin' });
    expect([berlin.timeZone, berlin.asOf, berlin.asOfDate]).toEqual(['Europe/Berlin', '2024-06-30T21:30:00.000Z', '2024-06-30']);
    expect(berlin.months.map((m) => m.complete)).toEqual([true, false]);
    // The date '2024-06-30' ends at 24:00 Berlin time, 22:00 UTC: June complete.
    const date = mrrMovements(snapshots, { asOf: '2024-06-30', timeZone: 'Europe/Berlin' });
    expect([date.asOf, date.months.map((m) => m.complete)]).toEqual(['2024-06-30T21:59:59.999Z', [true, true]]);
    // 2024-07-01T00:30+02:00 is June 30 in UTC but July 1 in Berlin: July is the month of asOf there.
    expect(mrrMovements(snapshots, { asOf: '2024-07-01T00:30:00+02:00' }).to).toBe('2024-06');
    expect(mrrMovements(snapshots, { asOf: '2024-07-01T00:30:00+02:00', timeZone: 'Europe/Berlin' }).to).toBe('2024-07');
    // `from` and `to` as dates stand for their months.
    const dates = mrrMovements(snapshots, { from: '2024-06-15', to: '2024-06-20' });
    expect([dates.from, dates.to, dates.months.map((m) => m.month)]).toEqual(['2024-06', '2024-06', ['2024-06']]);
    expect(errorOf(() => mrrMovements(snapshots, { from: '2024-06-20', to: '2024-06-15' })).path).toBe('options.to');
  });

  it('bridges the MRR of annual and quarterly plans from toMonthlySnapshots', () => {
    const subscriptions = [
      // 1,200 a year → 100 a month, Jan..Dec 2024.
      { accountId: 'annual', start: '2024-01-01', end: '2025-01-01', amount: 1200, interval: 'year' },
      // 300 a quarter → 100 a month from February; upgraded to 600 a quarter (200 a month) from April.
      { accountId: 'quarterly', start: '2024-02-01', end: '2024-04-01', amount: 300, interval: 'quarter' },
      { accountId: 'quarterly', start: '2024-04-01', end: null, amount: 600, interval: 'quarter' },
    ];
    const snapshots = toMonthlySnapshots(subscriptions, { through: '2025-01' });
    const { months } = mrrMovements(snapshots);
    // Jan 100 (starting); Feb +100 new; Apr +100 expansion; Jan 2025: annual churns 100.
    expect(months.map(bridge).filter((row) => row.slice(2, 7).some((x) => x !== 0) || row[0] === '2024-01')).toEqual([
      ['2024-01', 100, 0, 0, 0, 0, 0, 100],
      ['2024-02', 100, 100, 0, 0, 0, 0, 200],
      ['2024-04', 200, 0, 100, 0, 0, 0, 300],
      ['2025-01', 300, 0, 0, 0, 100, 0, 200],
    ]);
    expect(months).toHaveLength(13);
  });

  it('keeps the bridge exact with fractional amounts that sum exactly in binary', () => {
    //            Jan      Feb      Mar
    // a         10.25    10.75     —      Feb: expansion 0.5; Mar: churn 10.75
    // b          0.125    0.0625   0.5    Feb: contraction 0.0625; Mar: expansion 0.4375
    const { months } = mrrMovements(table('2024-01', { a: [10.25, 10.75, null], b: [0.125, 0.0625, 0.5] }));
    expect(months.map(bridge)).toEqual([
      ['2024-01', 10.375, 0, 0, 0, 0, 0, 10.375],
      ['2024-02', 10.375, 0, 0.5, 0.0625, 0, 0, 10.8125],
      ['2024-03', 10.8125, 0, 0.4375, 0, 10.75, 0, 0.5],
    ]);
  });

  it('adds decimals with compensated sums: ten customers of 0.1 end at 1', () => {
    // A naive loop gives 0.9999999999999999; the compensated sum gives the correctly rounded 1.
    const snapshots = Array.from({ length: 10 }, (_, i) => ({ accountId: i, month: '2024-02', mrr: 0.1 }));
    const { months } = mrrMovements(snapshots, { from: '2024-01' });
    expect(months[1]?.newMrr).toBe(1);
    expect(months[1]?.endingMrr).toBe(1);
  });

  it('gives no months for empty input, and zero months over a given range', () => {
    const none = { timeZone: 'UTC', asOf: null, asOfDate: null, currency: null, from: null, to: null, baseline: null, months: [] };
    expect(mrrMovements([])).toEqual(none);
    expect(mrrMovements([], { perCustomer: true })).toEqual({ ...none, movements: [] });
    const ranged = mrrMovements([], { from: '2024-11', to: '2025-01' });
    expect(ranged.months.map(bridge)).toEqual([
      ['2024-11', 0, 0, 0, 0, 0, 0, 0],
      ['2024-12', 0, 0, 0, 0, 0, 0, 0],
      ['2025-01', 0, 0, 0, 0, 0, 0, 0],
    ]);
    // Without data and without asOf nothing says a month is over.
    expect(ranged.months.map((m) => m.complete)).toEqual([false, false, false]);
    expect(mrrMovements([], { from: '2024-11', to: '2025-01', asOf: '2024-12-31' }).months.map((m) => [m.month, m.complete])).toEqual([
      ['2024-11', true],
      ['2024-12', true],
    ]);
    expect(mrrMovements([], { to: '2024-05' }).months.map((m) => m.month)).toEqual(['2024-05']);
    // asOf alone: the one month of asOf.
    expect(mrrMovements([], { asOf: '2024-05-31' }).months.map((m) => [m.month, m.complete])).toEqual([['2024-05', true]]);
  });

  it('reads other field names through accessors, and numeric ids', () => {
    const rows = [
      { account: 2, period: '2024-01', value: 10 },
      { account: 1, period: '2024-02', value: 5 },
      { account: 2, period: '2024-02', value: 12 },
    ];
    type Row = (typeof rows)[number];
    const result = mrrMovements(rows, { accountId: (r: Row) => r.account, month: (r: Row) => r.period, mrr: (r: Row) => r.value, perCustomer: true });
    expect(result.months.map(bridge)).toEqual([
      ['2024-01', 10, 0, 0, 0, 0, 0, 10],
      ['2024-02', 10, 5, 2, 0, 0, 0, 17],
    ]);
    expect(result.movements.map((m) => m.accountId)).toEqual([1, 2]);
  });

  it('does not mutate its input', () => {
    const snapshots = Object.freeze(table('2024-01', { a: [1, 2, 3], b: [3, null, 1] }).map((s) => Object.freeze(s)));
    const first = mrrMovements(snapshots, { perCustomer: true });
    expect(mrrMovements(snapshots, { perCustomer: true })).toEqual(first);
  });

  it('rejects bad records and options with MetricsInputError', () => {
    const ok = { accountId: 'a', month: '2024-01', mrr: 10 };
    const cases: [unknown, object | null | undefined, string, string, string][] = [
      [[ok, { ...ok, mrr: -1 }], undefined, 'snapshots[1].mrr', 'invalid-number', '(accountId "a").mrr must be a finite number >= 0 (-1)'],
      [[{ ...ok, mrr: '10' }], undefined, 'snapshots[0].mrr', 'invalid-number', '(accountId "a").mrr must be a finite number >= 0 ("10")'],
      [[{ ...ok, mrr: Number.POSITIVE_INFINITY }], undefined, 'snapshots[0].mrr', 'invalid-number', '(accountId "a").mrr must be a finite number >= 0 (Infinity)'],
      [[{ ...ok, month: '2024-1' }], undefined, 'snapshots[0].month', 'invalid-month', '(accountId "a").month must be a month YYYY-MM such as "2024-03" ("2024-1")'],
      [[ok, { ...ok, accountId: 7, month: '2024-13' }], undefined, 'snapshots[1].month', 'invalid-month', '(accountId 7).month must be a month YYYY-MM such as "2024-03" ("2024-13")'],
      [[{ ...ok, month: '2024-00' }], undefined, 'snapshots[0].month', 'invalid-month', ''],
      [[{ ...ok, month: '2024-01-01' }], undefined, 'snapshots[0].month', 'invalid-month', ''],
      [[{ ...ok, month: 202401 }], undefined, 'snapshots[0].month', 'invalid-month', '(accountId "a").month must be a month YYYY-MM such as "2024-03" (202401)'],
      [[{ ...ok, accountId: null }], undefined, 'snapshots[0].accountId', 'invalid-id', ''],
      [[ok, 5], undefined, 'snapshots[1]', 'invalid-record', 'must be an object (5)'],
      [[{ ...ok, mrr: 1e308 }, { ...ok, accountId: 'b', mrr: 1e308 }], undefined, 'snapshots', 'overflow', 'sum to an MRR above the largest finite number in 2024-01 (an array of 2)'],
      [42, undefined, 'snapshots', 'invalid-input', ''],
      [[ok], { from: '2024-2' }, 'options.from', 'invalid-timestamp', 'is not a valid timestamp ("2024-2")'],
      [[ok], { to: '2024-13' }, 'options.to', 'invalid-timestamp', ''],
      [[ok], { from: '2024-03', to: '2024-02' }, 'options.to', 'invalid-option', 'must not be before options.from ("2024-02")'],
      [[ok], { asOf: 'now' }, 'options.asOf', 'invalid-timestamp', 'is not a valid timestamp ("now")'],
      [[ok], { asOf: '2024-06-30T12:00' }, 'options.asOf', 'ambiguous-timestamp', ''],
      [[ok], { timeZone: 'Mars/Olympus' }, 'options.timeZone', 'invalid-time-zone', ''],
      [[ok], { perCustomer: 'yes' }, 'options.perCustomer', 'invalid-boolean', ''],
      [[ok], { mrr: 'value' }, 'options.mrr', 'invalid-option', ''],
      [[ok], null, 'options', 'invalid-option', ''],
      // Strict options: an unknown key names the closest valid one; null is never "the default".
      [[ok], { timezone: 'Europe/Berlin' }, 'options.timezone', 'unknown-option', 'is not an option; did you mean timeZone? ("Europe/Berlin")'],
      [[ok], { asof: '2024-06-30' }, 'options.asof', 'unknown-option', 'is not an option; did you mean asOf? ("2024-06-30")'],
      [[ok], { perCustomers: true }, 'options.perCustomers', 'unknown-option', 'is not an option; did you mean perCustomer? (true)'],
      [[ok], { asOf: null }, 'options.asOf', 'invalid-option', 'must not be null; leave it out (or pass undefined) for the default (null)'],
      [[ok], { timeZone: null }, 'options.timeZone', 'invalid-option', ''],
      [[ok], { from: null }, 'options.from', 'invalid-option', ''],
    ];
    for (const [snapshots, options, path, code, problem] of cases) {
      const error = errorOf(() => mrrMovements(snapshots as Snapshot[], options as undefined));
      expect(error.path, path).toBe(path);
      expect(error.code, path).toBe(code);
      // Record errors name the customer id beside the index: `snapshots[1] (accountId "a").mrr`.
      const named = /^snapshots\[\d+\]\.(month|mrr)$/.test(path);
      const prefix = named ? `mrrMovements: ${path.replace(/\.[a-z]+$/i, '')} ` : `mrrMovements: ${path} `;
      expect(error.message.startsWith(prefix), error.message).toBe(true);
      if (problem !== '') expect(error.message).toBe(`${prefix}${problem}`);
    }
  });

  it('echoes the one currency the snapshots state, and throws for a second', () => {
    const snapshots = table('2024-01', { a: [10, 20], b: [5, 5] }).map((s, i) => (i === 0 ? { ...s, currency: 'EUR' } : s));
    const result = mrrMovements(snapshots);
    expect(result.currency).toBe('EUR');
    // The currency changes no figure.
    expect({ ...result, currency: null }).toEqual(mrrMovements(table('2024-01', { a: [10, 20], b: [5, 5] })));
    const mixed = errorOf(() => mrrMovements([...snapshots, { accountId: 'c', month: '2024-02', mrr: 1, currency: 'USD' }]));
    expect([mixed.code, mixed.path, mixed.message]).toEqual([
      'mixed-currency',
      'snapshots[4].currency',
      'mrrMovements: snapshots[4] (accountId "c").currency differs from "EUR", the currency of snapshots[0]; convert the amounts to one currency first ("USD")',
    ]);
    const currency = (r: { cur: string }): string => r.cur;
    expect(mrrMovements([{ accountId: 'a', month: '2024-01', mrr: 1, cur: 'GBP' }], { currency }).currency).toBe('GBP');
    // 0.x's accessor name points to the new one.
    const old = errorOf(() => mrrMovements(snapshots, { customerId: (r: Snapshot) => r.accountId } as object));
    expect([old.code, old.message]).toEqual(['unknown-option', 'mrrMovements: options.customerId is not an option; did you mean accountId? (a function)']);
  });

  it('throws for a repeated account and month instead of summing', () => {
    const snapshots = [
      { accountId: 'a', month: '2024-01', mrr: 10 },
      { accountId: 'b', month: '2024-01', mrr: 10 },
      { accountId: 'a', month: '2024-02', mrr: 10 },
      { accountId: 'a', month: '2024-01', mrr: 5 },
    ];
    const error = errorOf(() => mrrMovements(snapshots));
    expect(error).toBeInstanceOf(MetricsInputError);
    expect(error.code).toBe('duplicate-snapshot');
    expect(error.path).toBe('snapshots[3]');
    expect(error.value).toEqual({ accountId: 'a', month: '2024-01' });
    expect(error.message).toBe(
      'mrrMovements: snapshots[3] repeats account "a" in 2024-01 (first at snapshots[0]); sum an account\'s concurrent subscriptions into one snapshot per month (toMonthlySnapshots does) ({"accountId":"a","month":"2024-01"})',
    );
    // 1 and "1" are different customers.
    expect(() => mrrMovements([{ accountId: 1, month: '2024-01', mrr: 1 }, { accountId: '1', month: '2024-01', mrr: 1 }])).not.toThrow();
  });

  // Random monthly MRR tables: up to 6 customers over 8 months of 2024, some months missing.
  const MONTHS = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06', '2024-07', '2024-08'];
  const snapshotsArb = (mrr: fc.Arbitrary<number>): fc.Arbitrary<Snapshot[]> =>
    fc
      .uniqueArray(fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: MONTHS.length - 1 })), {
        selector: ([c, m]) => `${c} ${m}`,
        maxLength: 40,
      })
      .chain((keys) => fc.tuple(fc.constant(keys), fc.array(mrr, { minLength: keys.length, maxLength: keys.length })))
      .map(([keys, values]) => keys.map(([c, m], i) => ({ accountId: c, month: MONTHS[m] as string, mrr: values[i] as number })));
  // Integer amounts (minor units) with zeros; and decimal amounts such as 33.33 or 1234.5678.
  const integerMrr = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 100_000 }));
  const decimalMrr = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10_000_000 }).map((c) => c / 100), fc.double({ min: 0, max: 1e6, noNaN: true }));
  const rangeArb = fc.record({ from: fc.option(fc.integer({ min: 0, max: 7 }), { nil: undefined }), length: fc.integer({ min: 0, max: 4 }) });

  function sides(m: MrrMonth): { plus: number; minus: number } {
    return { plus: m.startingMrr + m.newMrr + m.expansionMrr + m.reactivationMrr, minus: m.contractionMrr + m.churnedMrr };
  }

  it('keeps start + new + expansion + reactivation − contraction − churned = end every month: exactly for integer MRR (property)', () => {
    fc.assert(
      fc.property(snapshotsArb(integerMrr), (snapshots) => {
        const { months } = mrrMovements(snapshots, { asOf: '2024-09' });
        months.forEach((m, i) => {
          expect(m.startingMrr + m.newMrr + m.expansionMrr + m.reactivationMrr - m.contractionMrr - m.churnedMrr).toBe(m.endingMrr);
          const c = m.customers;
          expect(c.start + c.new + c.reactivated - c.churned).toBe(c.end);
          if (i > 0) {
            expect(m.startingMrr).toBe(months[i - 1]?.endingMrr);
            expect(c.start).toBe(months[i - 1]?.customers.end);
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the bridge identity with decimal MRR to within rounding of the amounts (property)', () => {
    fc.assert(
      fc.property(snapshotsArb(decimalMrr), (snapshots) => {
        for (const m of mrrMovements(snapshots, { asOf: '2024-09' }).months) {
          const { plus, minus } = sides(m);
          // Each of the seven figures is a compensated sum, within about one unit in the last
          // place of its exact value, and evaluating the identity rounds a few more times.
          expect(Math.abs(plus - minus - m.endingMrr)).toBeLessThanOrEqual(8 * Number.EPSILON * (plus + minus + m.endingMrr));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('ends each month at the sum of its snapshots, and never reports a negative amount (property)', () => {
    fc.assert(
      fc.property(snapshotsArb(decimalMrr), (snapshots) => {
        const { months } = mrrMovements(snapshots);
        for (const m of months) {
          // The same compensated sum, over the month's customers in id order (as mrrMovements adds them).
          const month = snapshots.filter((s) => s.month === m.month).sort((a, b) => (a.accountId as number) - (b.accountId as number));
          expect(m.endingMrr).toBe(compensatedSum(month.map((s) => s.mrr)));
          for (const x of bridge(m).slice(1)) expect(x as number).toBeGreaterThanOrEqual(0);
          for (const x of counts(m)) expect(x).toBeGreaterThanOrEqual(0);
          expect(m.customers.end).toBe(snapshots.filter((s) => s.month === m.month && s.mrr > 0).length);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('ignores input order (property)', () => {
    fc.assert(
      fc.property(snapshotsArb(decimalMrr), fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), (snapshots, picks) => {
        // Sums run over customers in id order, whatever the input order: equal to the bit.
        expect(mrrMovements(shuffled(snapshots, picks), { perCustomer: true })).toEqual(mrrMovements(snapshots, { perCustomer: true }));
      }),
    );
  });

  it('adds up over a split of the customers (property)', () => {
    fc.assert(
      fc.property(snapshotsArb(integerMrr), fc.func(fc.boolean()), (snapshots, inFirst) => {
        fc.pre(snapshots.length > 0);
        const whole = mrrMovements(snapshots, { asOf: '2024-09' });
        const range = { from: whole.from as string, asOf: '2024-09' };
        const first = mrrMovements(snapshots.filter((s) => inFirst(s.accountId)), range);
        const second = mrrMovements(snapshots.filter((s) => !inFirst(s.accountId)), range);
        whole.months.forEach((m, i) => {
          const a = first.months[i] as MrrMonth;
          const b = second.months[i] as MrrMonth;
          expect(a.month).toBe(m.month);
          bridge(m).slice(1).forEach((x, k) => expect((bridge(a)[k + 1] as number) + (bridge(b)[k + 1] as number)).toBe(x));
          counts(m).forEach((x, k) => expect((counts(a)[k] as number) + (counts(b)[k] as number)).toBe(x));
        });
      }),
    );
  });

  /**
   * The obvious model: a dense customer × month table, each cell compared with the one before;
   * rows in the order of `bridge` ([month, start, new, expansion, contraction, churned,
   * reactivation, end]).
   */
  function model(snapshots: Snapshot[], last: string): { months: (string | number)[][]; movements: MrrCustomerMovement[] } {
    const months = MONTHS.concat(['2024-09', '2024-10']).filter((m) => m >= (snapshots.map((s) => s.month).sort()[0] as string) && m <= last);
    const ids = [...new Set(snapshots.map((s) => s.accountId as number))].sort((a, b) => a - b);
    const value = (c: number, month: string): number => snapshots.find((s) => s.accountId === c && s.month === month)?.mrr ?? 0;
    const rows: (string | number)[][] = [];
    const movements: MrrCustomerMovement[] = [];
    months.forEach((month, i) => {
      const row = [month, 0, 0, 0, 0, 0, 0, 0] as [string, number, number, number, number, number, number, number];
      for (const c of ids) {
        const now = value(c, month);
        row[7] += now;
        if (i === 0) {
          row[1] += now;
          continue;
        }
        const before = value(c, months[i - 1] as string);
        row[1] += before;
        const paidBefore = months.slice(0, i).some((m) => value(c, m) > 0);
        let type: MrrCustomerMovement['type'] | null = null;
        if (before > 0 && now === 0) [type, row[5]] = ['churn', row[5] + before];
        else if (before > 0 && now > before) [type, row[3]] = ['expansion', row[3] + now - before];
        else if (before > 0 && now < before) [type, row[4]] = ['contraction', row[4] + before - now];
        else if (before === 0 && now > 0 && paidBefore) [type, row[6]] = ['reactivation', row[6] + now];
        else if (before === 0 && now > 0) [type, row[2]] = ['new', row[2] + now];
        if (type !== null) movements.push({ month, accountId: c, type, amount: Math.abs(now - before), from: before, to: now });
      }
      rows.push(row);
    });
    return { months: rows, movements };
  }

  it('agrees with a slow model on small tables (property)', () => {
    fc.assert(
      fc.property(snapshotsArb(integerMrr), fc.constantFrom('2024-08', '2024-10'), (snapshots, to) => {
        fc.pre(snapshots.length > 0);
        const result = mrrMovements(snapshots, { asOf: to, perCustomer: true });
        const expected = model(snapshots, to);
        expect(result.months.map(bridge)).toEqual(expected.months);
        expect(result.movements).toEqual(expected.movements);
      }),
      { numRuns: 300 },
    );
  });

  it('reports exactly the months from `from` to `to` (property)', () => {
    fc.assert(
      fc.property(snapshotsArb(integerMrr), rangeArb, (snapshots, { from, length }) => {
        const fromKey = from === undefined ? undefined : `2024-${String(from + 1).padStart(2, '0')}`;
        const toKey = `2024-${String((from ?? 0) + length + 1).padStart(2, '0')}`;
        const asOf = '2024-12'; // complete through December, so no range is cut at asOf
        const result = mrrMovements(snapshots, fromKey === undefined ? { to: toKey, asOf } : { from: fromKey, to: toKey, asOf });
        const first = fromKey ?? ([...snapshots.map((s) => s.month)].sort()[0] ?? toKey);
        const expected = MONTHS.concat(['2024-09', '2024-10', '2024-11', '2024-12']).filter((m) => m >= (first < toKey ? first : toKey) && m <= toKey);
        expect(result.months.map((m) => m.month)).toEqual(expected);
        // With the same baseline, every reported month equals that of the whole computation.
        const full = mrrMovements(snapshots, { asOf });
        if (result.baseline === full.baseline) {
          for (const m of result.months) expect(m).toEqual(full.months.find((f) => f.month === m.month));
        }
      }),
    );
  });
});
