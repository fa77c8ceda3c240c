/**
 * The SQL engine harness (test/sql/support/engines.ts): each engine loads a table of every
 * column type (nulls, hostile names, negative epoch ms, daylight-saving days) and gives it back
 * unchanged, runs in a non-UTC session zone, and binds parameters. chDB is included when
 * CSM_CHDB_DIR is set (node scripts/sql-check.mjs), and must then load.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chdbRequired,
  openEngines,
  quoteIdentifier,
  type ColumnType,
  type Engine,
  type SqlDialect,
  type TableSpec,
} from './support/engines.js';

const dialects: SqlDialect[] = chdbRequired() ? ['duckdb', 'postgres', 'clickhouse'] : ['duckdb', 'postgres'];

let engines: Engine[] = [];
beforeAll(async () => {
  engines = await openEngines();
}, 60_000);
afterAll(async () => {
  await Promise.all(engines.map((engine) => engine.close()));
});

function engineFor(dialect: SqlDialect): Engine {
  const engine = engines.find((e) => e.dialect === dialect);
  if (!engine) throw new Error(`no ${dialect} engine`);
  return engine;
}

/** A value as the driver returned it, back in the harness's representation; anything unexpected is returned tagged, so that it fails the comparison. */
function canonical(dialect: SqlDialect, type: ColumnType, value: unknown): unknown {
  if (value === null) return null;
  const unexpected = { unexpected: typeof value, value };
  switch (type) {
    case 'integer':
      if (dialect === 'duckdb') return typeof value === 'bigint' ? Number(value) : unexpected;
      return typeof value === 'number' ? value : unexpected;
    case 'text':
      return typeof value === 'string' ? value : unexpected;
    case 'double':
      return typeof value === 'number' ? value : unexpected;
    case 'boolean':
      return typeof value === 'boolean' ? value : unexpected;
    case 'timestamp':
      if (dialect === 'clickhouse') {
        // DateTime64(3, 'UTC') is written in its column's zone, UTC, whatever the session's.
        return typeof value === 'string' && /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3}$/.test(value) ? Date.parse(`${value.replace(' ', 'T')}Z`) : unexpected;
      }
      return value instanceof Date ? value.getTime() : unexpected;
    case 'date':
      if (dialect === 'clickhouse') return typeof value === 'string' ? value : unexpected;
      return value instanceof Date && value.getTime() % 86_400_000 === 0 ? value.toISOString().slice(0, 10) : unexpected;
  }
}

const HOSTILE_TABLE = `we"ird 't'; -- /* ü 表/x`;
const SPEC: TableSpec = {
  name: HOSTILE_TABLE,
  columns: [
    { name: 'id', type: 'integer' },
    { name: '"quoted" col', type: 'text' },
    { name: 'semi;colon -- dash /* c */', type: 'double' },
    { name: 'späce 表 😀', type: 'timestamp' },
    { name: "back`tick\\slash'", type: 'date' },
    { name: 'a.b', type: 'boolean' },
  ],
};
const row = (...values: unknown[]) => Object.fromEntries(SPEC.columns.map((c, i) => [c.name, values[i]]));
const ROWS = [
  row(1, 'plain', 1.5, 0, '1970-01-01', true),
  row(-9007199254740991, `it's "q" \\ \`b\`; -- /* {a,b} 表 😀\n\t`, -0.1, -1, '1969-12-31', false), // 1 ms before the epoch
  row(9007199254740991, '', 1e300, Date.UTC(1900, 0, 1), '1900-01-01', null),
  row(4, null, null, null, null, null),
  row(5, 'NULL', 5e-324, Date.UTC(2024, 2, 10, 10), '2024-03-10', true), // 02:00 PST -> 03:00 PDT
  row(6, 'Auckland falls back', -1e-300, Date.UTC(2024, 3, 6, 13, 59, 59, 999), '2024-04-07', false),
  row(7, 'Adelaide falls back', NaN, Date.UTC(2024, 3, 6, 16, 30), '2299-12-31', true),
  row(8, 'inf', Infinity, Date.UTC(2299, 11, 31, 23, 59, 59, 999), '2000-02-29', true),
  row(9, '-inf', -Infinity, -1_234_567_890_123, '1930-06-15', false),
  row(10, '-0', -0, 1_700_000_000_001, '2024-11-03', true),
];

describe.each(dialects)('%s', (dialect) => {
  const q = (name: string) => quoteIdentifier(dialect, name);

  it('names itself with the engine version and runs in a non-UTC session zone', async () => {
    const engine = engineFor(dialect);
    expect(engine.name).toMatch({ duckdb: /^DuckDB \d+\.\d+/, postgres: /^PGlite \S+ \(PostgreSQL \d+/, clickhouse: /^chDB \S+ \(ClickHouse \d+\.\d+/ }[dialect]);
    expect(engine.timeZone).not.toMatch(/UTC|GMT/);
    const sql = dialect === 'clickhouse' ? 'SELECT timezone() AS tz' : "SELECT current_setting('TimeZone') AS tz";
    expect(await engine.run(sql, dialect === 'clickhouse' ? {} : [])).toEqual([{ tz: engine.timeZone }]);
  });

  it('round-trips every column type, nulls and hostile names', async () => {
    const engine = engineFor(dialect);
    await engine.createTable(SPEC, ROWS);
    const rows = await engine.run(`SELECT * FROM ${q(HOSTILE_TABLE)} ORDER BY ${q('id')}`, dialect === 'clickhouse' ? {} : []);
    expect(rows.map((r) => Object.keys(r))).toEqual(ROWS.map(() => SPEC.columns.map((c) => c.name)));
    const back = rows.map((r) => Object.fromEntries(SPEC.columns.map((c) => [c.name, canonical(dialect, c.type, r[c.name])])));
    expect(back).toEqual([...ROWS].sort((a, b) => (a['id'] as number) - (b['id'] as number)));
    expect(Object.is(back.find((r) => r['id'] === 10)?.[SPEC.columns[2]!.name], -0)).toBe(true);
  });

  it('creates hostile table names without running them, and replaces a table', async () => {
    const engine = engineFor(dialect);
    const names = ['victim', 'victim"; DROP TABLE victim; --', 'victim`; DROP TABLE victim; --', "o'brien\\", '/etc/passwd', 'a.csv', 'space and 😀'];
    for (const [i, name] of names.entries()) await engine.createTable({ name, columns: [{ name: 'n', type: 'integer' }] }, [{ n: i }]);
    for (const [i, name] of names.entries()) {
      const rows = await engine.run(`SELECT ${q('n')} AS n FROM ${q(name)}`, dialect === 'clickhouse' ? {} : []);
      expect(rows.map((r) => canonical(dialect, 'integer', r['n']))).toEqual([i]);
    }
    await engine.createTable({ name: 'victim', columns: [{ name: 'other', type: 'text' }] }, []);
    expect(await engine.run(`SELECT * FROM ${q('victim')}`, dialect === 'clickhouse' ? {} : [])).toEqual([]);
  });

  it('binds parameters', async () => {
    const engine = engineFor(dialect);
    const evil = "x'); DROP TABLE params; --";
    await engine.createTable({ name: 'params', columns: [{ name: 'id', type: 'integer' }, { name: 'label', type: 'text' }] }, [
      { id: 1, label: evil },
      { id: 2, label: evil },
      { id: 3, label: 'b' },
    ]);
    const rows =
      dialect === 'clickhouse'
        ? await engine.run('SELECT id FROM params WHERE id >= {p1:Int64} AND label = {p2:String} ORDER BY id', { p1: 2, p2: evil })
        : await engine.run('SELECT id FROM params WHERE id >= $1 AND label = $2 ORDER BY id', [2, evil]);
    expect(rows.map((r) => canonical(dialect, 'integer', r['id']))).toEqual([2]);
    expect(await engine.run('SELECT count(*) AS n FROM params', dialect === 'clickhouse' ? {} : [])).toHaveLength(1);
    if (dialect === 'clickhouse') await expect(engine.run('SELECT 1', [1])).rejects.toThrow(/named parameters/);
    if (dialect === 'postgres') await expect(engine.run('SELECT 1', { p: 1 })).rejects.toThrow(/positional parameters/);
  });

  it('refuses rows that are not of their columns’ types', async () => {
    const engine = engineFor(dialect);
    const spec: TableSpec = { name: 'bad', columns: [{ name: 'i', type: 'integer' }, { name: 't', type: 'timestamp' }, { name: 'd', type: 'date' }] };
    const good = { i: 1, t: 0, d: '2024-02-29' };
    await expect(engine.createTable(spec, [{ ...good, i: 1.5 }])).rejects.toThrow(/safe integer/);
    await expect(engine.createTable(spec, [{ ...good, i: 2 ** 53 }])).rejects.toThrow(/safe integer/);
    await expect(engine.createTable(spec, [{ ...good, t: 0.5 }])).rejects.toThrow(/whole epoch milliseconds/);
    await expect(engine.createTable(spec, [{ ...good, t: Date.UTC(1899, 11, 31) }])).rejects.toThrow(/outside/);
    await expect(engine.createTable(spec, [{ ...good, d: '2023-02-29' }])).rejects.toThrow(/calendar date/);
    await expect(engine.createTable(spec, [{ i: 1, t: 0 }])).rejects.toThrow(/no "d"/);
    await expect(engine.createTable(spec, [{ ...good, x: 1 }])).rejects.toThrow(/not a column/);
  });
});

it('opens DuckDB and PGlite, and chDB exactly when CSM_CHDB_DIR is set', () => {
  expect(engines.map((e) => e.dialect)).toEqual(dialects);
});
