import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MetricsInputError } from '../../../src/core/errors.js';
import { grossRevenueRetention, mrrMovements, netRevenueRetention, toMonthlySnapshots } from '../../../src/revenue/index.js';
import type { MonthlyMrrRule, MrrSnapshot } from '../../../src/revenue/types.js';
import { inlineParams, mrrMovementsSql, toMonthlySnapshotsSql } from '../../../src/sql/index.js';
import type { SqlDialect, SqlQuery } from '../../../src/sql/types.js';
import { assertConformance, type ConformanceCase, runQuery, useEngines } from '../support/conformance.js';
import { monthTimestampArbitrary, subscriptionTableArbitrary, subscriptionTimeArbitrary, type SubscriptionTable } from '../support/revenue-tables.js';
import { defined } from '../support/event-logs.js';

const engines = useEngines();

const RULES: readonly MonthlyMrrRule[] = ['month-end', 'month-start', 'prorated'];

/** The options of toMonthlySnapshots for a table: a rule (or the default), `through` (none, a month, a date or an instant), the table's zone. */
function snapshotOptionsArbitrary(t: SubscriptionTable) {
  return fc
    .record({ rule: fc.option(fc.constantFrom(...RULES), { nil: undefined }), through: fc.option(monthTimestampArbitrary(t.timeZone, t.firstMonth, t.lastMonth), { nil: undefined }) })
    .map((o) => defined({ timeZone: t.timeZone, ...o }));
}

/** The builder over the table, with the same options. */
function build(t: SubscriptionTable, dialect: SqlDialect, time: { start: string; end: string; timestampType: 'timestamp' | 'epoch-ms' }, options: object): SqlQuery<MrrSnapshot[]> {
  return toMonthlySnapshotsSql({
    dialect,
    table: 'subscriptions',
    accountId: 'account_id',
    amount: 'amount',
    interval: 'billing',
    ...time,
    ...(t.withQuantity ? { quantity: 'qty' } : {}),
    ...(t.withDiscount ? { discount: 'disc' } : {}),
    ...(t.withCurrency ? { currency: 'cur' } : {}),
    ...options,
  });
}

/**
 * toMonthlySnapshots and toMonthlySnapshotsSql over the same subscriptions: every rule, every
 * zone, `through` or not, timestamp and epoch-ms columns, with and without the quantity,
 * discount and currency columns; now and then one kind of bad row (same error code).
 */
const cases: fc.Arbitrary<ConformanceCase<unknown>> = subscriptionTableArbitrary().chain((t) =>
  fc.record({ time: subscriptionTimeArbitrary, options: snapshotOptionsArbitrary(t) }).map(
    ({ time, options }) =>
      ({
        tables: [t.table],
        expected: () => toMonthlySnapshots(t.records, options),
        build: (dialect) => build(t, dialect, time, options),
      }) satisfies ConformanceCase<unknown>,
  ),
);

/** Whether toMonthlySnapshots reads every subscription of the table. */
function valid(t: SubscriptionTable): boolean {
  try {
    toMonthlySnapshots(t.records, { timeZone: t.timeZone });
    return true;
  } catch {
    return false;
  }
}

/**
 * The query as mrrMovementsSql's subquery: the bridge of the snapshots, with mrrMovements'
 * options too (valid subscriptions: composed, a bad one surfaces as mrrMovementsSql's
 * `invalid-id`, tested below).
 */
const composed: fc.Arbitrary<ConformanceCase<unknown>> = subscriptionTableArbitrary().filter(valid).chain((t) =>
  fc
    .record({
      time: subscriptionTimeArbitrary,
      options: snapshotOptionsArbitrary(t),
      bridge: fc.record({
        from: fc.option(monthTimestampArbitrary(t.timeZone, t.firstMonth, t.lastMonth), { nil: undefined }),
        asOf: fc.option(monthTimestampArbitrary(t.timeZone, t.firstMonth, t.lastMonth), { nil: undefined }),
        perCustomer: fc.option(fc.boolean(), { nil: undefined }),
      }),
    })
    .map(({ time, options, bridge }) => {
      const bridgeOptions = defined({ timeZone: t.timeZone, ...bridge });
      return {
        tables: [t.table],
        expected: () => mrrMovements(toMonthlySnapshots(t.records, options), bridgeOptions),
        build: (dialect) => mrrMovementsSql({ dialect, subquery: build(t, dialect, time, options), ...bridgeOptions }),
      } satisfies ConformanceCase<unknown>;
    }),
);

/** netRevenueRetention and grossRevenueRetention take the decoded snapshots as they are. */
const retention: fc.Arbitrary<ConformanceCase<unknown>> = subscriptionTableArbitrary().chain((t) =>
  fc
    .record({ time: subscriptionTimeArbitrary, options: snapshotOptionsArbitrary(t), windowMonths: fc.integer({ min: 1, max: 4 }), trailing: fc.boolean() })
    .map(({ time, options, windowMonths, trailing }) => {
      const retentionOf = (snapshots: MrrSnapshot[]) => ({
        nrr: netRevenueRetention(snapshots, { windowMonths, trailing, timeZone: t.timeZone }),
        grr: grossRevenueRetention(snapshots, { windowMonths, trailing, timeZone: t.timeZone }),
      });
      return {
        tables: [t.table],
        expected: () => retentionOf(toMonthlySnapshots(t.records, options)),
        build: (dialect) => {
          const query = build(t, dialect, time, options);
          return { ...query, decode: (rows) => retentionOf(query.decode(rows)) };
        },
      } satisfies ConformanceCase<unknown>;
    }),
);

describe('toMonthlySnapshotsSql: conformance with toMonthlySnapshots', () => {
  it('decodes to the in-process result on every engine', async () => {
    await assertConformance(engines, cases);
  }, 600_000);

  it('is the subquery of mrrMovementsSql: the bridge of the snapshots, on every engine', async () => {
    await assertConformance(engines, composed);
  }, 600_000);

  it('gives netRevenueRetention and grossRevenueRetention snapshots they read as the in-process ones', async () => {
    await assertConformance(engines, retention);
  }, 600_000);

  it('adds concurrent subscriptions as a compensated sum (0.1 + 0.2 + 0.3 = 0.6), prorated in a DST month too', async () => {
    const start = Date.UTC(2024, 2, 10, 12); // mid March, after the US change
    const records = [0.3, 0.1, 0.2].map((amount, i) => ({ accountId: 1, start: start + i, end: Date.UTC(2024, 4, 20), amount, interval: 'month' }));
    const table = {
      spec: {
        name: 'subscriptions',
        columns: [
          { name: 'accountId', type: 'integer' as const },
          { name: 'start', type: 'timestamp' as const },
          { name: 'end', type: 'timestamp' as const },
          { name: 'amount', type: 'double' as const },
          { name: 'interval', type: 'text' as const },
        ],
      },
      rows: records,
    };
    for (const rule of RULES) {
      const options = { rule, timeZone: 'America/New_York' };
      const expected = toMonthlySnapshots(records, options);
      if (rule === 'month-end') expect(expected.map((s) => s.mrr)).toEqual([0.6, 0.6]); // not 0.1 + 0.2 + 0.3 = 0.6000000000000001
      for (const engine of engines) {
        await engine.createTable(table.spec, table.rows);
        const query = toMonthlySnapshotsSql({ dialect: engine.dialect, table: 'subscriptions', ...options });
        expect(await runQuery(engine, query), `${engine.name} ${rule}`).toStrictEqual(expected);
        const bridge = mrrMovementsSql({ dialect: engine.dialect, subquery: query });
        expect(await runQuery(engine, bridge), `${engine.name} ${rule}`).toStrictEqual(mrrMovements(expected));
        // Composed, the values of both queries are bound (and inlined) in one numbering.
        expect(await runQuery(engine, inlineParams(bridge)), `${engine.name} ${rule} inlined`).toStrictEqual(mrrMovements(expected));
      }
    }
  }, 120_000);

  it('reports a bad subscription as toMonthlySnapshots does, naming the column', async () => {
    for (const engine of engines) {
      await engine.createTable({ name: 'subscriptions', columns: [{ name: 'accountId', type: 'text' }, { name: 'start', type: 'timestamp' }, { name: 'end', type: 'timestamp' }, { name: 'amount', type: 'double' }, { name: 'interval', type: 'text' }] }, [
        { accountId: 'a', start: Date.UTC(2024, 0, 1), end: null, amount: 10, interval: 'week' },
        { accountId: 'b', start: Date.UTC(2024, 0, 1), end: null, amount: 10, interval: 'month' },
      ]);
      const query = toMonthlySnapshotsSql({ dialect: engine.dialect, table: 'subscriptions' });
      const rows = await engine.run(query.sql, query.params);
      let error: unknown = null;
      try {
        query.decode(rows);
      } catch (e) {
        error = e;
      }
      expect(error, engine.name).toBeInstanceOf(MetricsInputError);
      expect((error as MetricsInputError).code).toBe('invalid-interval');
      expect((error as MetricsInputError).message).toContain("toMonthlySnapshotsSql: source.interval must be 'month', 'quarter' or 'year', but is not in 1 row of the source");
      // Composed, the problem row is a snapshot without an account id.
      await expect(runQuery(engine, mrrMovementsSql({ dialect: engine.dialect, subquery: query }))).rejects.toMatchObject({ code: 'invalid-id' });
    }
  }, 120_000);
});

describe('toMonthlySnapshotsSql: options', () => {
  it('binds every value, quotes every name, and reads the optional columns only when named', () => {
    const query = toMonthlySnapshotsSql({ dialect: 'duckdb', table: 'subs', end: 'end"s', through: '2024-06', timeZone: 'Asia/Kolkata', rule: 'prorated' });
    expect(query.params).toEqual(['Asia/Kolkata', 2024 * 12 + 5]);
    expect(query.sql).toContain('"end""s"');
    expect(query.sql).not.toContain('Kolkata');
    expect(query.sql).not.toContain('"quantity"');
    expect(toMonthlySnapshotsSql({ dialect: 'duckdb', table: 'subs', quantity: 'seats' }).sql).toContain('"seats"');
  });

  it('rejects the option errors of toMonthlySnapshots', () => {
    expect(() => toMonthlySnapshotsSql({ dialect: 'duckdb', table: 't', rule: 'daily' as never })).toThrow(/options.rule/);
    expect(() => toMonthlySnapshotsSql({ dialect: 'duckdb', table: 't', through: '2024-13' })).toThrow(/options.through/);
    expect(() => toMonthlySnapshotsSql({ dialect: 'duckdb', table: 't', timeZone: 'Mars/Olympus' })).toThrow(/time zone/i);
  });
});
