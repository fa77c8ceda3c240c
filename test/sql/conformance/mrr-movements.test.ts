import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MetricsInputError } from '../../../src/core/errors.js';
import { churnRates, expansionMrr, lifetimeValueInputs, mrrMovements, quickRatio } from '../../../src/revenue/index.js';
import type { MrrMovementsResult } from '../../../src/revenue/types.js';
import { mrrMovementsSql } from '../../../src/sql/index.js';
import type { SqlDialect, SqlQuery } from '../../../src/sql/types.js';
import { assertConformance, type ConformanceCase, runQuery, useEngines } from '../support/conformance.js';
import { monthTimestampArbitrary, snapshotTableArbitrary, type SnapshotTable } from '../support/revenue-tables.js';
import { defined } from '../support/event-logs.js';

const engines = useEngines();

/** The options of a case: from/to/asOf near the data (a month, a date or an instant, each given or not), perCustomer. */
function optionsArbitrary(t: SnapshotTable) {
  const near = monthTimestampArbitrary(t.timeZone, t.firstMonth, t.lastMonth);
  return fc
    .record({ from: fc.option(near, { nil: undefined }), to: fc.option(near, { nil: undefined }), asOf: fc.option(near, { nil: undefined }), perCustomer: fc.option(fc.boolean(), { nil: undefined }) })
    .map((o) => defined({ timeZone: t.timeZone, ...o }));
}

/** The builder over the table, with the same options. */
function build(t: SnapshotTable, dialect: SqlDialect, options: object): SqlQuery<MrrMovementsResult> {
  return mrrMovementsSql({
    dialect,
    table: 'snapshots',
    accountId: 'account_id',
    month: 'month',
    mrr: 'mrr',
    monthType: t.monthType,
    ...(t.withCurrency ? { currency: 'cur' } : {}),
    ...options,
  });
}

/**
 * mrrMovements and mrrMovementsSql over the same snapshots: integer and text ids, text and
 * DATE months, with and without a currency column, from/to/asOf as months, dates or
 * instants, perCustomer, every zone; now and then one kind of bad row (same error code).
 */
const cases: fc.Arbitrary<ConformanceCase<unknown>> = snapshotTableArbitrary().chain((t) =>
  optionsArbitrary(t).map(
    (options) =>
      ({
        tables: [t.table],
        expected: () => mrrMovements(t.records, options),
        build: (dialect) => build(t, dialect, options),
      }) satisfies ConformanceCase<unknown>,
  ),
);

/** The functions that take an MRR bridge, on a bridge. */
function downstream(bridge: MrrMovementsResult) {
  return {
    churnRates: churnRates(bridge),
    expansionMrr: expansionMrr(bridge),
    quickRatio: quickRatio(bridge),
    quickRatioWithoutReactivation: quickRatio(bridge, { includeReactivation: false }),
    lifetimeValueInputs: lifetimeValueInputs(bridge, { windowMonths: 3 }),
  };
}

/** churnRates, expansionMrr, quickRatio and lifetimeValueInputs take the decoded bridge as it is, and give what they give in-process. */
const downstreamCases: fc.Arbitrary<ConformanceCase<unknown>> = snapshotTableArbitrary().chain((t) =>
  optionsArbitrary(t).map(
    (options) =>
      ({
        tables: [t.table],
        expected: () => downstream(mrrMovements(t.records, options)),
        build: (dialect) => {
          const query = build(t, dialect, options);
          return { ...query, decode: (rows) => downstream(query.decode(rows)) };
        },
      }) satisfies ConformanceCase<unknown>,
  ),
);

describe('mrrMovementsSql: conformance with mrrMovements', () => {
  it('decodes to the in-process result on every engine', async () => {
    await assertConformance(engines, cases);
  }, 600_000);

  it('gives churnRates, expansionMrr, quickRatio and lifetimeValueInputs a bridge they read as the in-process one', async () => {
    await assertConformance(engines, downstreamCases);
  }, 600_000);

  it('adds amounts in cents exactly, where an engine sum would not (0.1 + 0.2 + 0.3)', async () => {
    const records = [
      { accountId: 'a', month: '2024-01', mrr: 0.1 },
      { accountId: 'b', month: '2024-01', mrr: 0.2 },
      { accountId: 'c', month: '2024-01', mrr: 0.3 },
      { accountId: 'a', month: '2024-02', mrr: 0.3 },
    ];
    const table = {
      spec: { name: 'snapshots', columns: [{ name: 'account_id', type: 'text' as const }, { name: 'month', type: 'text' as const }, { name: 'mrr', type: 'double' as const }] },
      rows: records.map((r) => ({ account_id: r.accountId, month: r.month, mrr: r.mrr })),
    };
    const expected = mrrMovements(records);
    expect(expected.months[0]?.endingMrr).toBe(0.6);
    for (const engine of engines) {
      await engine.createTable(table.spec, table.rows);
      const result = await runQuery(engine, mrrMovementsSql({ dialect: engine.dialect, table: 'snapshots', accountId: 'account_id' }));
      expect(result, engine.name).toStrictEqual(expected);
    }
  }, 120_000);

  it('reports bad snapshots as mrrMovements does, naming the column', async () => {
    for (const engine of engines) {
      await engine.createTable({ name: 'snapshots', columns: [{ name: 'account_id', type: 'text' }, { name: 'month', type: 'text' }, { name: 'mrr', type: 'double' }] }, [
        { account_id: 'a', month: '2024-1', mrr: 1 },
        { account_id: 'b', month: '2024-01', mrr: 2 },
      ]);
      const query = mrrMovementsSql({ dialect: engine.dialect, table: 'snapshots', accountId: 'account_id' });
      const rows = await engine.run(query.sql, query.params);
      const error = (() => {
        try {
          query.decode(rows);
        } catch (e) {
          return e;
        }
        return null;
      })();
      expect(error, engine.name).toBeInstanceOf(MetricsInputError);
      expect((error as MetricsInputError).code).toBe('invalid-month');
      expect((error as MetricsInputError).message).toContain('mrrMovementsSql: source.month must be a month YYYY-MM');
    }
  }, 120_000);
});

describe('mrrMovementsSql: options', () => {
  it('binds every value and quotes every name', () => {
    const query = mrrMovementsSql({ dialect: 'postgres', table: 'x"y', accountId: 'a"b', asOf: '2024-03-15', timeZone: "Europe/Berlin" });
    expect(query.sql).toContain('FROM "x""y"');
    expect(query.sql).toContain('"a""b" AS uid');
    expect(query.sql).not.toContain('Europe/Berlin');
    expect(query.params).toEqual([24290]); // the last month that can be reported: 2024-03
  });

  it('rejects a monthType it does not know, and a subquery of another dialect', () => {
    expect(() => mrrMovementsSql({ dialect: 'duckdb', table: 't', monthType: 'timestamp' as never })).toThrow(/options.monthType/);
    const inner = { dialect: 'postgres' as const, sql: 'SELECT 1', params: [] };
    expect(() => mrrMovementsSql({ dialect: 'duckdb', subquery: inner })).toThrow(/options.subquery.dialect/);
  });
});
