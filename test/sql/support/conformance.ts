/**
 * The conformance property: for every sampled case, the query a builder writes, run on
 * each engine and decoded, deep-equals the in-process function's result for the same
 * data and options (or both throw a `MetricsInputError` with the same code).
 *
 * Seeds: `CSM_SQL_SEED` fixes fast-check's seed (CI sets it); unset, every run draws new
 * inputs and a failure prints its seed. `CSM_SQL_RUNS` sets the runs per property
 * (default 20).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, expect } from 'vitest';
import { MetricsInputError } from '../../../src/core/errors.js';
import type { SqlDialect, SqlQuery, SqlRow } from '../../../src/sql/types.js';
import { openEngines, type Engine, type TableSpec } from './engines.js';

/** One sampled case: the tables to load, the in-process result, and the query for a dialect. */
export interface ConformanceCase<T> {
  readonly tables: readonly { readonly spec: TableSpec; readonly rows: readonly Readonly<Record<string, unknown>>[] }[];
  /** The in-process result (a throw is compared with `decode`'s throw). */
  expected(): T;
  /** The query for one dialect. */
  build(dialect: SqlDialect): SqlQuery<T>;
}

/** fast-check parameters: the fixed seed of CI (`CSM_SQL_SEED`) or a random one; `CSM_SQL_RUNS` runs. */
export function propertyParameters(runs = 20): fc.Parameters<unknown> {
  const seed = process.env['CSM_SQL_SEED'];
  const numRuns = Number(process.env['CSM_SQL_RUNS'] ?? runs);
  return seed === undefined ? { numRuns } : { numRuns, seed: Number(seed) };
}

/** Runs `query` on `engine` and decodes the rows. */
export async function runQuery<T>(engine: Engine, query: SqlQuery<T>): Promise<T> {
  const rows = await engine.run(query.sql, query.params);
  return query.decode(rows as SqlRow[]);
}

/** Loads the case's tables into the engine, runs the builder's query, and compares. */
export async function checkCase<T>(engine: Engine, c: ConformanceCase<T>): Promise<void> {
  for (const table of c.tables) await engine.createTable(table.spec, table.rows);
  const expected = outcome(() => c.expected());
  let query: SqlQuery<T>;
  try {
    query = c.build(engine.dialect);
  } catch (error) {
    if (expected.error !== undefined && error instanceof MetricsInputError) return;
    throw error;
  }
  const rows = await engine.run(query.sql, query.params);
  const actual = outcome(() => query.decode(rows as SqlRow[]));
  if (expected.error !== undefined) {
    expect(actual.error?.code, `${engine.name}: the in-process function threw ${expected.error.message}`).toBe(expected.error.code);
    return;
  }
  if (actual.error !== undefined) throw actual.error;
  expect(actual.value, `${engine.name}\n${query.sql}\nparams: ${JSON.stringify(query.params)}`).toStrictEqual(expected.value);
}

/** The property over `arbitrary` on every engine, one engine after another per case. */
export async function assertConformance<T>(engines: readonly Engine[], arbitrary: fc.Arbitrary<ConformanceCase<T>>, runs?: number): Promise<void> {
  await fc.assert(
    fc.asyncProperty(arbitrary, async (c) => {
      for (const engine of engines) await checkCase(engine, c);
    }),
    propertyParameters(runs),
  );
}

function outcome<T>(compute: () => T): { value?: T; error?: MetricsInputError } {
  try {
    return { value: compute() };
  } catch (error) {
    if (error instanceof MetricsInputError) return { error };
    throw error;
  }
}

/**
 * The engines of a test file (see `openEngines`): opened before its tests, closed after.
 * The array is filled in place, so a file reads it as a plain constant.
 */
export function useEngines(): readonly Engine[] {
  const engines: Engine[] = [];
  beforeAll(async () => {
    engines.push(...(await openEngines()));
  }, 120_000);
  afterAll(async () => {
    for (const engine of engines) await engine.close();
  });
  return engines;
}
