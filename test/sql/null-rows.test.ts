/**
 * Bad input is reported as in-process: a source row with a NULL where the in-process
 * function needs a value makes `decode` throw a MetricsInputError with the in-process code,
 * naming the builder and the column; the query itself runs.
 */
import { describe, expect, it } from 'vitest';
import { MetricsInputError } from '../../src/core/errors.js';
import { activeUsersSql } from '../../src/sql/active-users-sql.js';
import { featureAdoptionSql } from '../../src/sql/feature-adoption-sql.js';
import type { SqlQuery } from '../../src/sql/types.js';
import { runQuery, useEngines } from './support/conformance.js';
import type { Engine } from './support/engines.js';

const engines = useEngines();

const T = Date.UTC(2024, 5, 30, 9);
const spec = {
  name: 'events',
  columns: [
    { name: 'user_id', type: 'text' as const },
    { name: 'account_id', type: 'text' as const },
    { name: 'name', type: 'text' as const },
    { name: 'ts', type: 'timestamp' as const },
  ],
};
const good = { user_id: 'ana', account_id: 'acme', name: 'open', ts: T };

const cases: { row: Record<string, unknown>; build: (engine: Engine) => SqlQuery<unknown>; code: string; path: string; message: string }[] = [
  {
    row: { ...good, user_id: null },
    build: (e) => activeUsersSql({ dialect: e.dialect, table: 'events', userId: 'user_id', timestamp: 'ts' }),
    code: 'invalid-id',
    path: 'source.user_id',
    message: 'activeUsersSql: source.user_id is NULL in 1 row of the source; every event needs its userId (null)',
  },
  {
    row: { ...good, ts: null },
    build: (e) => activeUsersSql({ dialect: e.dialect, table: 'events', userId: 'user_id', timestamp: 'ts' }),
    code: 'invalid-timestamp',
    path: 'source.ts',
    message: 'activeUsersSql: source.ts is NULL in 1 row of the source; every event needs its timestamp (null)',
  },
  {
    row: { ...good, account_id: null },
    build: (e) => activeUsersSql({ dialect: e.dialect, table: 'events', userId: 'user_id', timestamp: 'ts', groupBy: 'account_id' }),
    code: 'invalid-id',
    path: 'source.account_id',
    message: 'activeUsersSql: source.account_id is NULL in 1 row of the source; every event needs its groupBy (null)',
  },
  {
    row: { ...good, name: null },
    build: (e) => featureAdoptionSql({ dialect: e.dialect, table: 'events', userId: 'user_id', timestamp: 'ts', feature: 'open' }),
    code: 'invalid-name',
    path: 'source.name',
    message: 'featureAdoptionSql: source.name is NULL in 1 row of the source; every event needs its name (null)',
  },
];

describe('a NULL in the source', () => {
  it.each(cases.map((c) => [c.path, c] as const))('%s: decode throws the in-process code', async (_, c) => {
    for (const engine of engines) {
      await engine.createTable(spec, [good, c.row]);
      const error = await runQuery(engine, c.build(engine)).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error, engine.name).toBeInstanceOf(MetricsInputError);
      expect((error as MetricsInputError).code, engine.name).toBe(c.code);
      expect((error as MetricsInputError).path, engine.name).toBe(c.path);
      expect((error as MetricsInputError).message, engine.name).toBe(c.message);
    }
  }, 60_000);
});
