import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MetricsInputError } from '../../src/core/errors.js';
import { mrrMovementsAccumulator } from '../../src/revenue/mrr-movements-accumulator.js';
import { mrrMovements } from '../../src/revenue/mrr-movements.js';
import type { MrrMonth, MrrMovementsAccumulator, MrrMovementsOptions, MrrMovementsState, MrrSnapshotColumns } from '../../src/revenue/types.js';
import { errorOf } from '../support/errors.js';
import { shuffled } from '../support/model.js';

type Snapshot = { accountId: string | number; month: string; mrr: number };

/** A month's bridge as one compact row: [month, start, new, expansion, contraction, churned, reactivation, end]. */
function bridge(m: MrrMonth): (string | number)[] {
  return [m.month, m.startingMrr, m.newMrr, m.expansionMrr, m.contractionMrr, m.churnedMrr, m.reactivationMrr, m.endingMrr];
}

/** Snapshots as a columns batch. */
function columns(snapshots: readonly Snapshot[]): MrrSnapshotColumns {
  return {
    accountId: snapshots.map((s) => s.accountId),
    month: snapshots.map((s) => s.month),
    mrr: Float64Array.from(snapshots, (s) => s.mrr),
  };
}

/** A JSON round trip, as a state travels between workers. */
function throughJson<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The message of an error thrown by a promise. */
async function rejectionOf(promise: Promise<unknown>): Promise<MetricsInputError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(MetricsInputError);
    return error as MetricsInputError;
  }
  throw new Error('expected a MetricsInputError');
}

async function* stream(items: readonly unknown[]): AsyncGenerator<unknown> {
  for (const item of items) {
    await Promise.resolve();
    yield item;
  }
}

// The documented example of mrrMovements, split over shards and batches.
const JANUARY = [
  { accountId: 'acme', month: '2024-01', mrr: 100 },
  { accountId: 'bolt', month: '2024-01', mrr: 50 },
];
const FEBRUARY = [
  { accountId: 'acme', month: '2024-02', mrr: 150 },
  { accountId: 'cove', month: '2024-02', mrr: 80 },
];
const MARCH = [
  { accountId: 'acme', month: '2024-03', mrr: 120 },
  { accountId: 'bolt', month: '2024-03', mrr: 50 },
  { accountId: 'cove', month: '2024-03', mrr: 80 },
];

describe('mrrMovementsAccumulator', () => {
  it('gives the bridge of the documented example from two shards merged through JSON', () => {
    //            Jan   Feb   Mar
    // acme       100   150   120    Feb: expansion 50; Mar: contraction 30
    // bolt        50     —    50    Feb: churn 50; Mar: reactivation 50 (had MRR before)
    // cove         —    80    80    Feb: new 80
    // Jan: the first month of the data: acme and bolt are starting, 150 = 150.
    // Feb: 150 + 80 (new) + 50 (exp) − 50 (churn) = 230 = 150 + 80.
    // Mar: 230 − 30 (contr) + 50 (react) = 250 = 120 + 50 + 80.
    const first = mrrMovementsAccumulator().add(JANUARY).add(FEBRUARY);
    const second = mrrMovementsAccumulator().add(columns(MARCH));
    const total = mrrMovementsAccumulator({ perCustomer: true }).merge(throughJson(first.state())).merge(throughJson(second.state()));
    const result = total.result();
    expect(result.from).toBe('2024-01');
    expect(result.to).toBe('2024-03');
    expect(result.baseline).toBe('2024-01');
    expect(result.months.map(bridge)).toEqual([
      ['2024-01', 150, 0, 0, 0, 0, 0, 150],
      ['2024-02', 150, 80, 50, 0, 50, 0, 230],
      ['2024-03', 230, 0, 0, 30, 0, 50, 250],
    ]);
    expect(result.months.map((m) => m.customers.end)).toEqual([2, 2, 3]);
    // Bolt's churn in February and reactivation in March need January (shard 1) and March (shard 2).
    expect(result.movements).toEqual([
      { month: '2024-02', accountId: 'acme', type: 'expansion', amount: 50, from: 100, to: 150 },
      { month: '2024-02', accountId: 'bolt', type: 'churn', amount: 50, from: 50, to: 0 },
      { month: '2024-02', accountId: 'cove', type: 'new', amount: 80, from: 0, to: 80 },
      { month: '2024-03', accountId: 'acme', type: 'contraction', amount: 30, from: 150, to: 120 },
      { month: '2024-03', accountId: 'bolt', type: 'reactivation', amount: 50, from: 0, to: 50 },
    ]);
    expect(result).toEqual(mrrMovements([...JANUARY, ...FEBRUARY, ...MARCH], { perCustomer: true }));
  });

  it('serializes the snapshots in canonical order, months since 1970-01', () => {
    const acc = mrrMovementsAccumulator().add([
      { accountId: 'b', month: '2024-03', mrr: 10.5 },
      { accountId: 2, month: '1969-12', mrr: 0 },
      { accountId: 'B', month: '2024-01', mrr: 7 },
      { accountId: 'b', month: '1970-01', mrr: 3 },
      { accountId: 10, month: '2024-02', mrr: 1 },
      { accountId: '10', month: '2024-02', mrr: 2 },
    ]);
    // Ids: numbers ascending (2, 10), then strings by UTF-16 code units ('10' < 'B' < 'b').
    // Months: (year − 1970) × 12 + month − 1: 2024-03 → 54 × 12 + 2 = 650, 2024-02 → 649,
    // 2024-01 → 648, 1970-01 → 0, 1969-12 → −1.
    const expected: MrrMovementsState = {
      kind: 'customer-success-metrics/mrr-movements',
      version: 2,
      currency: null,
      accountIds: [2, 10, '10', 'B', 'b'],
      account: [0, 1, 2, 3, 4, 4],
      month: [-1, 649, 649, 648, 0, 650],
      mrr: [0, 1, 2, 7, 3, 10.5],
    };
    expect(acc.state()).toEqual(expected);
    expect(JSON.stringify(acc.state())).toBe(
      '{"kind":"customer-success-metrics/mrr-movements","version":2,"currency":null,"accountIds":[2,10,"10","B","b"],"account":[0,1,2,3,4,4],"month":[-1,649,649,648,0,650],"mrr":[0,1,2,7,3,10.5]}',
    );
    expect(throughJson(acc.state())).toEqual(acc.state());
    // A restored accumulator holds the same snapshots.
    expect(mrrMovementsAccumulator({}, throughJson(acc.state())).state()).toEqual(expected);
  });

  it('starts empty, as mrrMovements([]) does', () => {
    const empty: MrrMovementsState = { kind: 'customer-success-metrics/mrr-movements', version: 2, currency: null, accountIds: [], account: [], month: [], mrr: [] };
    expect(mrrMovementsAccumulator().state()).toEqual(empty);
    const none = { timeZone: 'UTC', asOf: null, asOfDate: null, currency: null, from: null, to: null, baseline: null, months: [] };
    expect(mrrMovementsAccumulator().result()).toEqual(none);
    expect(mrrMovementsAccumulator({ perCustomer: true }, empty).add([]).result()).toEqual({ ...none, movements: [] });
    expect(mrrMovements([])).toEqual(none);
    expect(mrrMovementsAccumulator({ from: '2024-11', to: '2024-12' }).result()).toEqual(mrrMovements([], { from: '2024-11', to: '2024-12' }));
  });

  it('applies the creation options to the result, and keeps adding after a result', () => {
    const acc = mrrMovementsAccumulator({ from: '2024-02', asOf: '2024-04-30' }).add(JANUARY).add(FEBRUARY);
    // Reported from February; complete through April with no data in March: everyone churns in March.
    expect(acc.result().months.map(bridge)).toEqual([
      ['2024-02', 150, 80, 50, 0, 50, 0, 230],
      ['2024-03', 230, 0, 0, 0, 230, 0, 0],
      ['2024-04', 0, 0, 0, 0, 0, 0, 0],
    ]);
    acc.add(MARCH);
    expect(acc.result()).toEqual(mrrMovements([...JANUARY, ...FEBRUARY, ...MARCH], { from: '2024-02', asOf: '2024-04-30' }));
  });

  it('defaults asOf to the end of the latest month added, in its time zone, at each result', () => {
    const acc = mrrMovementsAccumulator({ timeZone: 'Europe/Berlin' }).add(JANUARY);
    // The end of January 31 in Berlin (UTC+1 in winter) is 22:59:59.999 UTC.
    expect(acc.result()).toMatchObject({ timeZone: 'Europe/Berlin', asOf: '2024-01-31T22:59:59.999Z', asOfDate: '2024-01-31' });
    acc.add(FEBRUARY);
    expect(acc.result()).toMatchObject({ asOf: '2024-02-29T22:59:59.999Z', asOfDate: '2024-02-29', to: '2024-02' });
    // A given asOf in the middle of February: February is in progress.
    const mid = mrrMovementsAccumulator({ asOf: '2024-02-15' }).add(JANUARY).add(FEBRUARY).add(columns(MARCH)).result();
    expect([mid.to, mid.months.map((m) => m.complete)]).toEqual(['2024-02', [true, false]]);
    expect(mid).toEqual(mrrMovements([...JANUARY, ...FEBRUARY, ...MARCH], { asOf: '2024-02-15' }));
  });

  it('reads records through accessors; columns batches by their own names', () => {
    type Row = { account: number; period: string; value: number };
    const rows: Row[] = [
      { account: 2, period: '2024-01', value: 10 },
      { account: 1, period: '2024-02', value: 5 },
    ];
    const options: MrrMovementsOptions<Row> = { accountId: (r) => r.account, month: (r) => r.period, mrr: (r) => r.value };
    const acc = mrrMovementsAccumulator(options).add(rows).add({ accountId: [2], month: ['2024-02'], mrr: [12] });
    // Jan: 10 (starting). Feb: customer 1 new 5, customer 2 expands 10 → 12: 10 + 5 + 2 = 17.
    expect(acc.result().months.map(bridge)).toEqual([
      ['2024-01', 10, 0, 0, 0, 0, 0, 10],
      ['2024-02', 10, 5, 2, 0, 0, 0, 17],
    ]);
  });

  it('does not mutate its input, and hands out fresh arrays', () => {
    const frozen = Object.freeze(JANUARY.map((s) => Object.freeze({ ...s })));
    const frozenColumns = Object.freeze({ accountId: Object.freeze(['acme']), month: Object.freeze(['2024-02']), mrr: Object.freeze([100]) });
    const acc = mrrMovementsAccumulator().add(frozen).add(frozenColumns);
    const state = acc.state();
    const before = JSON.stringify(state);
    state.accountIds.push('zeta');
    state.mrr[0] = 1e9;
    expect(JSON.stringify(acc.state())).toBe(before);
    const frozenState = Object.freeze({ ...throughJson(acc.state()) });
    expect(mrrMovementsAccumulator().merge(frozenState).state()).toEqual(acc.state());
    expect(acc.result()).toEqual(acc.result());
  });

  it('keeps merged accumulators independent after the merge', () => {
    const a = mrrMovementsAccumulator().add(JANUARY);
    const b = mrrMovementsAccumulator().merge(a);
    const c = mrrMovementsAccumulator({}, a.state()).merge(mrrMovementsAccumulator());
    a.add(FEBRUARY);
    b.add(MARCH);
    expect(errorOf(() => c.add([FEBRUARY[0], FEBRUARY[0]])).code).toBe('duplicate-snapshot');
    expect(a.state()).toEqual(mrrMovementsAccumulator().add([...JANUARY, ...FEBRUARY]).state());
    expect(b.state()).toEqual(mrrMovementsAccumulator().add([...JANUARY, ...MARCH]).state());
    expect(c.state()).toEqual(mrrMovementsAccumulator().add(JANUARY).state());
    expect(mrrMovementsAccumulator().merge(a).add(MARCH).result()).toEqual(mrrMovements([...JANUARY, ...FEBRUARY, ...MARCH]));
  });

  it('rejects bad options at creation, as mrrMovements does', () => {
    const cases: [unknown, string, string, string][] = [
      [{ from: '2024-2' }, 'options.from', 'invalid-timestamp', 'is not a valid timestamp ("2024-2")'],
      [{ from: '2024-03', to: '2024-02' }, 'options.to', 'invalid-option', 'must not be before options.from ("2024-02")'],
      [{ asOf: 'today' }, 'options.asOf', 'invalid-timestamp', 'is not a valid timestamp ("today")'],
      [{ timeZone: 'Mars/Olympus' }, 'options.timeZone', 'invalid-time-zone', 'is not a known IANA time zone ("Mars/Olympus")'],
      [{ timezone: 'UTC' }, 'options.timezone', 'unknown-option', 'is not an option; did you mean timeZone? ("UTC")'],
      [{ perCustomers: true }, 'options.perCustomers', 'unknown-option', 'is not an option; did you mean perCustomer? (true)'],
      [{ asOf: null }, 'options.asOf', 'invalid-option', 'must not be null; leave it out (or pass undefined) for the default (null)'],
      [{ perCustomer: 'yes' }, 'options.perCustomer', 'invalid-boolean', 'must be true or false ("yes")'],
      [{ mrr: 'value' }, 'options.mrr', 'invalid-option', 'must be a function that reads the field from a record ("value")'],
      [null, 'options', 'invalid-option', 'must be an object (null)'],
    ];
    for (const [options, path, code, problem] of cases) {
      const error = errorOf(() => mrrMovementsAccumulator(options as undefined));
      expect([error.path, error.code, error.message]).toEqual([path, code, `mrrMovementsAccumulator: ${path} ${problem}`]);
    }
  });

  it('rejects bad records and columns, naming the snapshot, and adds nothing of a bad batch', () => {
    const ok = { accountId: 'a', month: '2024-01', mrr: 10 };
    const cases: [unknown, string, string, string][] = [
      // Record errors name the customer id beside the index; the path stays `snapshots[1].mrr`.
      [[ok, { ...ok, mrr: -1 }], 'snapshots[1].mrr', 'invalid-number', 'snapshots[1] (accountId "a").mrr must be a finite number >= 0 (-1)'],
      [[{ ...ok, month: '2024-13' }], 'snapshots[0].month', 'invalid-month', 'snapshots[0] (accountId "a").month must be a month YYYY-MM such as "2024-03" ("2024-13")'],
      [[{ ...ok, accountId: '' }], 'snapshots[0].accountId', 'invalid-id', 'snapshots[0].accountId must be a non-empty string or a finite number ("")'],
      [[ok, 5], 'snapshots[1]', 'invalid-record', 'snapshots[1] must be an object (5)'],
      [42, 'snapshots', 'invalid-input', 'snapshots must be an array or another iterable of records (42)'],
      [{ accountId: ['a', 'b'], month: ['2024-01', '2024-1'], mrr: [1, 2] }, 'snapshots.month[1]', 'invalid-month', 'snapshots.month[1] (accountId "b") must be a month YYYY-MM such as "2024-03" ("2024-1")'],
      [{ accountId: ['a', null], month: ['2024-01', '2024-01'], mrr: [1, 2] }, 'snapshots.accountId[1]', 'invalid-id', 'snapshots.accountId[1] must be a non-empty string or a finite number (null)'],
      [{ accountId: [3], month: ['2024-01'], mrr: [Number.NaN] }, 'snapshots.mrr[0]', 'invalid-number', 'snapshots.mrr[0] (accountId 3) must be a finite number >= 0 (NaN)'],
      [{ accountId: ['a', 'b'], month: ['2024-01'], mrr: [1, 2] }, 'snapshots.month', 'invalid-input', 'snapshots.month must be a column with as many values as snapshots.accountId (2) (an array of 1)'],
      [{ accountId: ['a'], month: ['2024-01'] }, 'snapshots.mrr', 'invalid-input', 'snapshots.mrr must be a column with as many values as snapshots.accountId (1) (undefined)'],
    ];
    for (const [batch, path, code, message] of cases) {
      const acc = mrrMovementsAccumulator().add([{ accountId: 'z', month: '2024-01', mrr: 1 }]);
      const before = acc.state();
      const error = errorOf(() => acc.add(batch as Snapshot[]));
      expect([error.path, error.code, error.message]).toEqual([path, code, `mrrMovementsAccumulator: ${message}`]);
      expect(acc.state()).toEqual(before);
      // The accumulator stays usable: the good records of the failed batch can come again.
      expect(acc.add([ok]).state().accountIds).toEqual(['a', 'z']);
    }
  });

  it('throws for a repeated account and month within a batch, across batches and across merges', () => {
    const snapshots = [
      { accountId: 'a', month: '2024-01', mrr: 10 },
      { accountId: 'b', month: '2024-01', mrr: 10 },
      { accountId: 'a', month: '2024-02', mrr: 10 },
      { accountId: 'a', month: '2024-01', mrr: 5 },
    ];
    const advice = "sum an account's concurrent subscriptions into one snapshot per month (toMonthlySnapshots does)";
    // Within a batch: the message of mrrMovements.
    const within = errorOf(() => mrrMovementsAccumulator().add(snapshots));
    const oneShot = errorOf(() => mrrMovements(snapshots));
    expect([within.code, within.path, within.value]).toEqual([oneShot.code, oneShot.path, oneShot.value]);
    expect(within.message).toBe(oneShot.message.replace('mrrMovements:', 'mrrMovementsAccumulator:'));
    expect(within.message).toBe(`mrrMovementsAccumulator: snapshots[3] repeats account "a" in 2024-01 (first at snapshots[0]); ${advice} ({"accountId":"a","month":"2024-01"})`);
    // Across batches: the repeat is named in its batch; the first is in the accumulator.
    const acc = mrrMovementsAccumulator().add(snapshots.slice(0, 3));
    const before = acc.state();
    const across = errorOf(() => acc.add([{ accountId: 'c', month: '2024-01', mrr: 1 }, snapshots[3] as Snapshot]));
    expect([across.code, across.path, across.value]).toEqual(['duplicate-snapshot', 'snapshots[1]', { accountId: 'a', month: '2024-01' }]);
    expect(across.message).toBe(
      `mrrMovementsAccumulator: snapshots[1] repeats account "a" in 2024-01 (already in this accumulator, from an earlier batch or a merged state); ${advice} ({"accountId":"a","month":"2024-01"})`,
    );
    expect(acc.state()).toEqual(before); // the failed batch added nothing, not even customer c
    // Across merged states, in either direction, and merging an accumulator into itself.
    const other = mrrMovementsAccumulator().add([{ accountId: 'b', month: '2024-03', mrr: 1 }, snapshots[3] as Snapshot]);
    const merged = errorOf(() => acc.merge(other.state()));
    expect([merged.code, merged.path, merged.value]).toEqual(['duplicate-snapshot', 'state', { accountId: 'a', month: '2024-01' }]);
    expect(merged.message).toBe(`mrrMovementsAccumulator: state repeats account "a" in 2024-01 (already in this accumulator); ${advice} ({"accountId":"a","month":"2024-01"})`);
    expect(acc.state()).toEqual(before);
    expect(errorOf(() => other.merge(acc)).path).toBe('state');
    expect(errorOf(() => acc.merge(acc)).code).toBe('duplicate-snapshot');
    expect(acc.state()).toEqual(before);
    // 1 and "1" are different customers.
    expect(() => mrrMovementsAccumulator().add([{ accountId: 1, month: '2024-01', mrr: 1 }]).add([{ accountId: '1', month: '2024-01', mrr: 1 }])).not.toThrow();
  });

  it('rejects malformed states, naming the field', () => {
    const good = (): Record<string, unknown> => ({
      kind: 'customer-success-metrics/mrr-movements',
      version: 2,
      currency: null,
      accountIds: [1, 'a'],
      account: [0, 0, 1],
      month: [648, 649, 648],
      mrr: [1, 2, 3],
    });
    expect(mrrMovementsAccumulator({}, good() as unknown as MrrMovementsState).state()).toEqual(good());
    const cases: [unknown, string, string][] = [
      [null, 'state', 'must be a state object from mrrMovementsAccumulator().state() (null)'],
      [[1, 2], 'state', 'must be a state object from mrrMovementsAccumulator().state() (an array of 2)'],
      [{ ...good(), kind: 'customer-success-metrics/cohort-retention' }, 'state.kind', 'must be "customer-success-metrics/mrr-movements" ("customer-success-metrics/cohort-retention")'],
      [{ ...good(), version: 3 }, 'state.version', 'must be 2 (or 1, of 0.x), the versions this library reads (3)'],
      [{ ...good(), currency: '' }, 'state.currency', 'must be null or a non-empty string ("")'],
      [{ ...good(), currency: undefined }, 'state.currency', 'must be null or a non-empty string (undefined)'],
      [{ ...good(), mrr: undefined }, 'state.mrr', 'must be an array (undefined)'],
      [{ ...good(), month: [648, 649] }, 'state.month', 'must have as many values as state.account (3) (2)'],
      [{ ...good(), accountIds: ['a', 1] }, 'state.accountIds', 'must hold each id once, in id order (numbers ascending, then strings by code units): [1] is not (1)'],
      [{ ...good(), accountIds: [1, 1] }, 'state.accountIds', 'must hold each id once, in id order (numbers ascending, then strings by code units): [1] is not (1)'],
      [{ ...good(), accountIds: [1, ''] }, 'state.accountIds', 'must hold each id once, in id order (numbers ascending, then strings by code units): [1] is not ("")'],
      [{ ...good(), account: [0, 1, 0] }, 'state.account', 'must hold indexes into state.accountIds from 0 up, non-decreasing by steps of 0 or 1: [2] is not (0)'],
      [{ ...good(), account: [0, 0, 2] }, 'state.account', 'must hold indexes into state.accountIds from 0 up, non-decreasing by steps of 0 or 1: [2] is not (2)'],
      [{ ...good(), account: [0, 0.5, 1] }, 'state.account', 'must hold indexes into state.accountIds from 0 up, non-decreasing by steps of 0 or 1: [1] is not (0.5)'],
      [{ ...good(), account: [0, 0, 0], month: [648, 649, 650] }, 'state.account', 'must name every id of state.accountIds (2), but names 1 (3)'],
      [{ ...good(), month: [649, 648, 648] }, 'state.month', 'must hold integer months since 1970-01 (years 1 to 9999), ascending within each account: [1] is not (648)'],
      [{ ...good(), month: [648, 648, 648] }, 'state.month', 'must hold integer months since 1970-01 (years 1 to 9999), ascending within each account: [1] is not (648)'],
      [{ ...good(), month: [648, '2024-02', 648] }, 'state.month', 'must hold integer months since 1970-01 (years 1 to 9999), ascending within each account: [1] is not ("2024-02")'],
      [{ ...good(), month: [648, 649, 96360] }, 'state.month', 'must hold integer months since 1970-01 (years 1 to 9999), ascending within each account: [2] is not (96360)'],
      [{ ...good(), mrr: [1, -2, 3] }, 'state.mrr', 'must hold finite numbers >= 0: [1] is not (-2)'],
      [{ ...good(), mrr: [1, 2, null] }, 'state.mrr', 'must hold finite numbers >= 0: [2] is not (null)'],
    ];
    for (const [state, path, problem] of cases) {
      for (const run of [() => mrrMovementsAccumulator({}, state as MrrMovementsState), () => mrrMovementsAccumulator().merge(state as MrrMovementsState)]) {
        const error = errorOf(run);
        expect([error.code, error.path, error.message]).toEqual(['invalid-state', path, `mrrMovementsAccumulator: ${path} ${problem}`]);
      }
    }
    // The largest and smallest months YYYY-MM can write are fine.
    const edges = { ...good(), accountIds: [1], account: [0, 0], month: [12 - 23640, 9999 * 12 + 11 - 23640], mrr: [0, 0] };
    expect(mrrMovementsAccumulator({}, edges as unknown as MrrMovementsState).result().months.length).toBe(9999 * 12);
  });

  it('reads a version-1 state of 0.x (customerIds, customer) as the same snapshots, without a currency', () => {
    const v2 = mrrMovementsAccumulator().add([...JANUARY, ...FEBRUARY]).state();
    const v1 = { kind: v2.kind, version: 1, customerIds: v2.accountIds, customer: v2.account, month: v2.month, mrr: v2.mrr };
    expect(mrrMovementsAccumulator({}, v1 as unknown as MrrMovementsState).state()).toEqual(v2);
    expect(mrrMovementsAccumulator().merge(v1 as unknown as MrrMovementsState).result()).toEqual(mrrMovements([...JANUARY, ...FEBRUARY]));
    const bad = errorOf(() => mrrMovementsAccumulator().merge({ ...v1, customer: [0] } as unknown as MrrMovementsState));
    expect([bad.code, bad.path]).toEqual(['invalid-state', 'state.month']);
  });

  it('keeps one currency across batches, columns and merged states; a second one throws and adds nothing', () => {
    const usd = JANUARY.map((s) => ({ ...s, currency: 'USD' }));
    const acc = mrrMovementsAccumulator().add(usd).add(FEBRUARY);
    expect([acc.state().currency, acc.result().currency]).toEqual(['USD', 'USD']);
    expect(acc.result()).toEqual(mrrMovements([...usd, ...FEBRUARY]));
    const before = acc.state();
    // A record of a later batch: named at its index in the batch; the first currency came from an earlier batch.
    const record = errorOf(() => acc.add([{ ...MARCH[0], currency: 'USD' }, { ...MARCH[1], currency: 'EUR' }]));
    expect([record.code, record.path, record.message]).toEqual([
      'mixed-currency',
      'snapshots[1].currency',
      'mrrMovementsAccumulator: snapshots[1] (accountId "bolt").currency differs from "USD", the currency of the snapshots already added; convert the amounts to one currency first ("EUR")',
    ]);
    expect(acc.state()).toEqual(before);
    // A column, and a merged state.
    const column = errorOf(() => acc.add({ ...columns(MARCH), currency: ['EUR', null, null] }));
    expect([column.code, column.path]).toEqual(['mixed-currency', 'snapshots.currency[0]']);
    const euros = mrrMovementsAccumulator().add(MARCH.map((s) => ({ ...s, currency: 'EUR' })));
    const merged = errorOf(() => acc.merge(euros));
    expect([merged.code, merged.path, merged.value]).toEqual(['mixed-currency', 'state.currency', 'EUR']);
    expect(acc.state()).toEqual(before);
    // A state without a currency merges into one with, and the other way round.
    expect(mrrMovementsAccumulator().add(MARCH).merge(acc).state().currency).toBe('USD');
    expect(acc.merge(mrrMovementsAccumulator().add(MARCH)).result()).toEqual(mrrMovements([...usd, ...FEBRUARY, ...MARCH]));
  });

  it('adds an async stream of records, arrays and column batches, naming stream positions in errors', async () => {
    const acc = mrrMovementsAccumulator({ perCustomer: true });
    // Positions: 0-1 single records, 2-3 an array, 4-6 columns.
    await acc.addAsync(stream([JANUARY[0], JANUARY[1], FEBRUARY, columns(MARCH)]));
    expect(acc.result()).toEqual(mrrMovements([...JANUARY, ...FEBRUARY, ...MARCH], { perCustomer: true }));
    // A synchronous iterable works too.
    expect((await mrrMovementsAccumulator().addAsync([JANUARY, ...FEBRUARY])).state()).toEqual(mrrMovementsAccumulator().add([...JANUARY, ...FEBRUARY]).state());

    const bad = (n: number): Snapshot => ({ accountId: `x${n}`, month: '2024-01', mrr: n });
    // Position 6: records 0-1, the array 2-4, then the second record of the array at 5-6.
    const inArray = await rejectionOf(mrrMovementsAccumulator().addAsync(stream([bad(0), bad(1), [bad(2), bad(3), bad(4)], [bad(5), { ...bad(6), mrr: -6 }]])));
    expect([inArray.code, inArray.path, inArray.message]).toEqual(['invalid-number', 'snapshots[6].mrr', 'mrrMovementsAccumulator: snapshots[6] (accountId "x6").mrr must be a finite number >= 0 (-6)']);
    // Position 4 in a columns batch starting at position 2.
    const inColumns = await rejectionOf(mrrMovementsAccumulator().addAsync(stream([bad(0), bad(1), { accountId: ['c', 'd', 'e'], month: ['2024-01', '2024-01', '2024-1'], mrr: [1, 2, 3] }])));
    expect([inColumns.code, inColumns.path]).toEqual(['invalid-month', 'snapshots.month[4]']);
    expect(inColumns.message).toBe('mrrMovementsAccumulator: snapshots.month[4] (accountId "e") must be a month YYYY-MM such as "2024-03" ("2024-1")');
    // A repeat in a later batch of the same stream names the first snapshot's position.
    const repeat = await rejectionOf(mrrMovementsAccumulator().addAsync(stream([bad(0), [bad(1), bad(2)], columns([bad(3), bad(1)])])));
    expect([repeat.code, repeat.path]).toEqual(['duplicate-snapshot', 'snapshots[4]']);
    expect(repeat.message).toContain('repeats account "x1" in 2024-01 (first at snapshots[1])');
    // When state() sorts the snapshots mid-stream, earlier positions are no longer known.
    const busy = mrrMovementsAccumulator();
    async function* interleaved(): AsyncGenerator<Snapshot[]> {
      yield [bad(1), bad(0)];
      busy.state();
      yield [bad(2), bad(0)];
    }
    const unknown = await rejectionOf(busy.addAsync(interleaved()));
    expect([unknown.code, unknown.path]).toEqual(['duplicate-snapshot', 'snapshots[3]']);
    expect(unknown.message).toContain('(already in this accumulator, from an earlier batch or a merged state)');
    // The batches before a bad one stay added.
    const partial = mrrMovementsAccumulator();
    await rejectionOf(partial.addAsync(stream([JANUARY, [{ ...FEBRUARY[0], mrr: 'x' }]])));
    expect(partial.state()).toEqual(mrrMovementsAccumulator().add(JANUARY).state());
    const notIterable = await rejectionOf(mrrMovementsAccumulator().addAsync(42 as unknown as Iterable<unknown>));
    expect([notIterable.code, notIterable.path]).toEqual(['invalid-input', 'snapshots']);
  });

  // Random snapshots: up to 7 customers (numbers and strings, 1 and '1' distinct) over 10
  // months around a year end, one per (customer, month), integer or decimal MRR.
  const IDS: readonly (string | number)[] = [1, 2, 10, '1', 'a', 'B', 'é'];
  const MONTHS = ['2023-09', '2023-10', '2023-11', '2023-12', '2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06'];
  const mrrArb = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 1, max: 10_000_000 }).map((c) => c / 100), fc.double({ min: 0, max: 1e6, noNaN: true }));
  const snapshotsArb: fc.Arbitrary<Snapshot[]> = fc
    .uniqueArray(fc.tuple(fc.integer({ min: 0, max: IDS.length - 1 }), fc.integer({ min: 0, max: MONTHS.length - 1 })), {
      selector: ([c, m]) => `${c} ${m}`,
      maxLength: 40,
    })
    .chain((keys) => fc.tuple(fc.constant(keys), fc.array(mrrArb, { minLength: keys.length, maxLength: keys.length })))
    .map(([keys, values]) => keys.map(([c, m], i) => ({ accountId: IDS[c] as string | number, month: MONTHS[m] as string, mrr: values[i] as number })));
  // asOf as a month, a date inside a month, or an instant; in UTC or in Berlin.
  const asOfArb = fc.option(fc.constantFrom<string | number>('2024-06', '2024-08', '2024-02-15', '2024-03-31', Date.UTC(2024, 2, 31, 22, 30), '2023-08'), { nil: undefined });
  const optionsArb: fc.Arbitrary<MrrMovementsOptions<Snapshot>> = fc
    .record({
      from: fc.option(fc.integer({ min: 0, max: 11 }), { nil: undefined }),
      length: fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined }),
      perCustomer: fc.boolean(),
      asOf: asOfArb,
      timeZone: fc.option(fc.constantFrom('UTC', 'Europe/Berlin'), { nil: undefined }),
    })
    .map(({ from, length, perCustomer, asOf, timeZone }) => {
      const key = (i: number): string => (i < MONTHS.length ? (MONTHS[i] as string) : `2024-${String(i - 3).padStart(2, '0')}`);
      return {
        perCustomer,
        ...(from === undefined ? {} : { from: key(from) }),
        ...(length === undefined ? {} : { to: key((from ?? 0) + length) }),
        ...(asOf === undefined ? {} : { asOf }),
        ...(timeZone === undefined ? {} : { timeZone }),
      };
    });

  /** Cuts `items` at the given points into `parts` pieces (some possibly empty). */
  function split<T>(items: readonly T[], cuts: readonly number[], parts: number): T[][] {
    const points = cuts.slice(0, parts - 1).map((c) => c % (items.length + 1)).sort((a, b) => a - b);
    const out: T[][] = [];
    let previous = 0;
    for (const p of points) {
      out.push(items.slice(previous, p));
      previous = p;
    }
    out.push(items.slice(previous));
    return out;
  }

  /** An accumulator fed `snapshots` in batches, alternating records and columns. */
  function fed(snapshots: readonly Snapshot[], cuts: readonly number[], options?: MrrMovementsOptions<Snapshot>): MrrMovementsAccumulator<Snapshot> {
    const acc = mrrMovementsAccumulator(options);
    split(snapshots, cuts, 3).forEach((batch, i) => {
      acc.add(i % 2 === 0 ? batch : columns(batch));
      if ((cuts[i] ?? 0) % 3 === 0) acc.state(); // sorting between batches changes nothing
    });
    return acc;
  }

  it('merges any split of the snapshots into the whole: result equals mrrMovements, state equals the whole state (property)', () => {
    fc.assert(
      fc.property(
        snapshotsArb,
        fc.integer({ min: 1, max: 5 }),
        fc.array(fc.nat(), { minLength: 12, maxLength: 12 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        optionsArb,
        (snapshots, k, cuts, picks, viaJson, options) => {
          const parts = shuffled(split(shuffled(snapshots, picks), cuts, k), picks).map((part, i) => fed(part, cuts.slice(4 + i)));
          const total = mrrMovementsAccumulator(options);
          for (const part of parts) total.merge(viaJson ? throughJson(part.state()) : part);
          expect(total.result()).toEqual(mrrMovements(snapshots, options));
          expect(total.state()).toEqual(fed(snapshots, cuts).state());
          expect(throughJson(total.state())).toEqual(total.state());
        },
      ),
      { numRuns: 150 },
    );
  });

  it('gives the result of mrrMovements for every option combination, whatever the order of the input (property)', () => {
    fc.assert(
      fc.property(snapshotsArb, optionsArb, fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), (snapshots, options, picks) => {
        // Same compensated sums over the same canonical order: equal to the bit.
        expect(fed(shuffled(snapshots, picks), picks, options).result()).toEqual(mrrMovements(snapshots, options));
        expect(mrrMovementsAccumulator(options, throughJson(fed(snapshots, picks).state())).result()).toEqual(mrrMovements(snapshots, options));
      }),
      { numRuns: 150 },
    );
  });

  it('merges commutatively and associatively (property)', () => {
    fc.assert(
      fc.property(snapshotsArb, fc.array(fc.nat(), { minLength: 2, maxLength: 2 }), (snapshots, cuts) => {
        const [a, b, c] = split(snapshots, cuts, 3).map((part) => mrrMovementsAccumulator().add(part).state()) as [MrrMovementsState, MrrMovementsState, MrrMovementsState];
        const merged = (...states: MrrMovementsState[]): MrrMovementsState => states.reduce((acc, s) => acc.merge(s), mrrMovementsAccumulator()).state();
        expect(merged(a, b)).toEqual(merged(b, a));
        const ab = merged(a, b);
        const bc = merged(b, c);
        expect(merged(ab, c)).toEqual(merged(a, bc));
        expect(merged(c, ab)).toEqual(merged(a, b, c));
      }),
      { numRuns: 150 },
    );
  });

  it('names a repeat within a batch as mrrMovements does (property)', () => {
    fc.assert(
      fc.property(snapshotsArb, fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 3 }), fc.array(fc.nat(), { minLength: 1, maxLength: 40 }), (snapshots, copies, picks) => {
        fc.pre(snapshots.length > 0);
        // Copies of some snapshots inserted at random places, in an order fixed by `picks`.
        const input = shuffled(snapshots, picks);
        for (const [from, to] of copies) input.splice(to % (input.length + 1), 0, { ...(input[from % input.length] as Snapshot), mrr: 1 });
        const expected = errorOf(() => mrrMovements(input));
        for (const batch of [input, columns(input)]) {
          const error = errorOf(() => mrrMovementsAccumulator().add(batch));
          expect([error.code, error.path, error.value, error.message]).toEqual([expected.code, expected.path, expected.value, expected.message.replace('mrrMovements:', 'mrrMovementsAccumulator:')]);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('finds a snapshot repeated anywhere across batches and shards, and keeps the state as it was (property)', () => {
    fc.assert(
      fc.property(snapshotsArb, fc.nat(), fc.array(fc.nat(), { minLength: 4, maxLength: 4 }), mrrArb, (snapshots, pick, cuts, mrr) => {
        fc.pre(snapshots.length > 0);
        const repeated = { ...(snapshots[pick % snapshots.length] as Snapshot), mrr };
        const [first, second] = split([...snapshots, repeated], cuts, 2) as [Snapshot[], Snapshot[]];
        // The repeat is caught by add when both copies reach one accumulator, else by merge;
        // either way the accumulator that throws keeps the state it had.
        const acc = mrrMovementsAccumulator();
        const shard = mrrMovementsAccumulator();
        let target = acc;
        let before = acc.state();
        const step = (into: typeof acc, run: () => unknown): void => {
          target = into;
          before = into.state();
          run();
        };
        const error = errorOf(() => {
          for (const batch of split(first, cuts, 2)) step(acc, () => acc.add(batch));
          for (const batch of split(second, cuts.slice(1), 2)) step(shard, () => shard.add(columns(batch)));
          step(acc, () => acc.merge(shard.state()));
        });
        expect(target.state()).toEqual(before);
        expect(error.code).toBe('duplicate-snapshot');
        expect(error.value).toEqual({ accountId: repeated.accountId, month: repeated.month });
      }),
      { numRuns: 150 },
    );
  });
});
