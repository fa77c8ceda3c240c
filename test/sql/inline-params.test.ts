/**
 * `inlineParams`: the literals it writes are read back by each engine as exactly the bound
 * values (hostile text, every double, -0, integers), placeholder look-alikes inside quoted
 * names, string literals, dollar-quoted strings and comments stay as they are (the inlined
 * query returns the same rows as the bound one), and a query whose placeholders and values
 * do not match is refused.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MetricsInputError } from '../../src/core/errors.js';
import { inlineParams } from '../../src/sql/inline-params.js';
import type { SqlType } from '../../src/sql/internal/dialect.js';
import { readDialect } from '../../src/sql/internal/dialects.js';
import type { SqlDialect, SqlQuery, SqlRow } from '../../src/sql/types.js';
import { propertyParameters, useEngines } from './support/conformance.js';
import type { Engine } from './support/engines.js';

const engines = useEngines();

/** A query of `SELECT <placeholder> AS c1, ...` over typed values, decoding to its rows. */
function selectOf(dialect: SqlDialect, values: readonly (readonly [unknown, SqlType])[], rest = ''): SqlQuery<SqlRow[]> {
  const d = readDialect('test', dialect);
  const list = values.map(([, type], i) => `${d.placeholder(i + 1, type)} AS c${i + 1}`);
  return { dialect, sql: `SELECT ${list.join(', ')}${rest}`, params: d.params(values.map(([value]) => value)), decode: (rows) => [...rows] };
}

/** Runs the inlined query (and, with `bound`, the query as built, for comparison). */
async function runInlined(engine: Engine, query: SqlQuery<SqlRow[]>, bound = false): Promise<{ bound: Record<string, unknown>[]; inlined: Record<string, unknown>[]; sql: string }> {
  const inline = inlineParams(query);
  expect(inline.params).toEqual(engine.dialect === 'clickhouse' ? {} : []);
  const inlined = await engine.run(inline.sql, inline.params);
  return { bound: bound ? await engine.run(query.sql, query.params) : [], inlined, sql: inline.sql };
}

const ATTACKS = ["'", "''", '\\', "\\'", '"', '`', '$1', '$$', '$a$', '{p1:String}', '--', '/*', '*/', '#', '\n', '\r', '\t', ';', 'é', '名', '🙂', ' '] as const;
const hostileText = fc.array(fc.oneof(fc.constantFrom(...ATTACKS), fc.string({ unit: 'binary', maxLength: 4 })), { maxLength: 8 }).map((parts) => parts.join(''));

describe('inlineParams: literals read back as the bound values', () => {
  it('text, doubles (-0, tiny, huge) and integers, on every engine', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileText,
        fc.double({ noNaN: true, noDefaultInfinity: true }),
        fc.integer(),
        fc.maxSafeInteger(),
        async (text, double, integer, big) => {
          for (const engine of engines) {
            const value = engine.dialect === 'clickhouse' ? text : text.replaceAll('\u0000', '');
            const query = selectOf(engine.dialect, [
              [value, 'text'],
              [double, 'double'],
              [integer, 'integer'],
              [big, 'bigint'],
            ]);
            // Compared with the values themselves: the harness types a bound DuckDB value from the
            // JS number (an integral 1e21 would be an out-of-range BIGINT), so no bound run here.
            const { inlined, sql } = await runInlined(engine, query);
            expect(inlined, `${engine.name}\n${sql}`).toHaveLength(1);
            const row = inlined[0] as Record<string, unknown>;
            expect(row['c1'], `${engine.name}\n${sql}`).toBe(value);
            expect(row['c2'], `${engine.name}\n${sql}`).toBe(double);
            expect(row['c3'], engine.name).toBe(integer);
            expect(Number(row['c4']), engine.name).toBe(big);
          }
        },
      ),
      propertyParameters(60),
    );
  }, 300_000);

  it('doubles whose DuckDB number literal would be a DECIMAL a ulp away, and the extremes', async () => {
    const doubles = [0.1, 0.20806193351745605, 4.177961349487305e-10, 0.009248295128345489, 1e21, 1.7976931348623157e308, 5e-324, -0, 2 ** 53 + 2, -123456789.12345678];
    for (const engine of engines) {
      const { inlined, sql } = await runInlined(engine, selectOf(engine.dialect, doubles.map((x) => [x, 'double'] as const)));
      doubles.forEach((x, i) => expect((inlined[0] as Record<string, unknown>)[`c${i + 1}`], `${engine.name}\n${sql}`).toBe(x));
    }
  });

  it('ClickHouse spells U+0000 in text; DuckDB and PostgreSQL refuse it', () => {
    expect(inlineParams(selectOf('clickhouse', [['a\u0000b', 'text']])).sql).toBe(String.raw`SELECT CAST('a\0b' AS String) AS c1`);
    for (const dialect of ['duckdb', 'postgres'] as const) {
      expect(() => inlineParams(selectOf(dialect, [['a\u0000b', 'text']]))).toThrow(MetricsInputError);
    }
  });

  it('PostgreSQL: text with a backslash is an E string (read alike whatever standard_conforming_strings says)', async () => {
    // PGlite refuses standard_conforming_strings = off, so only the spelling is checked off;
    // the property above reads such E strings back with it on.
    const query = selectOf('postgres', [["a\\'b", 'text']]);
    expect(inlineParams(query).sql).toBe(String.raw`SELECT CAST(E'a\\''b' AS text) AS c1`);
    expect(inlineParams(selectOf('postgres', [["a'b", 'text']])).sql).toBe("SELECT CAST('a''b' AS text) AS c1");
    const pg = engines.find((e) => e.dialect === 'postgres');
    expect(await pg!.run(inlineParams(query).sql, [])).toEqual([{ c1: "a\\'b" }]);
  });
});

describe('inlineParams: placeholders only where the engine sees them', () => {
  /** Text after the select list with placeholder look-alikes in every place the engine does not read them as one. */
  const tails: Record<SqlDialect, string> = {
    duckdb: String.raw` , 'CAST($1 AS VARCHAR)' AS s1, E'\' CAST($1 AS VARCHAR)' AS s2, $$CAST($1 AS VARCHAR)$$ AS s3, $t$ CAST($1 AS VARCHAR) $t$ AS s4, 'x' AS "CAST($1 AS VARCHAR)" -- CAST($1 AS VARCHAR)
/* CAST($1 AS VARCHAR) /* CAST($1 AS VARCHAR) */ CAST($1 AS VARCHAR) */ , 1 AS "a""CAST($1 AS VARCHAR)"`,
    postgres: String.raw` , 'CAST($1 AS text)' AS s1, E'\' CAST($1 AS text)' AS s2, $$CAST($1 AS text)$$ AS s3, $t$ CAST($1 AS text) $t$ AS s4, 'x' AS "CAST($1 AS text)" -- CAST($1 AS text)` +
      '\r, 2 AS after_cr' +
      String.raw`
/* CAST($1 AS text) /* CAST($1 AS text) */ CAST($1 AS text) */ , 1 AS "a""CAST($1 AS text)"`,
    clickhouse: String.raw` , '{p1:String}' AS s1, 'it\'s {p1:String}' AS s2, $$ {p1:String} $$ AS s3, $t$ {p1:String} $t$ AS s4, 'x' AS ` + '`{p1:String}`' + String.raw`, 'y' AS "\"{p1:String}" -- {p1:String}
# {p1:String}
// {p1:String}
/* {p1:String} /* {p1:String} */ {p1:String} */ , 1 AS ` + '`a\\`{p1:String}`',
  };

  it('leaves quoted names, strings, dollar quotes and comments alone: the same rows as the bound query', async () => {
    for (const engine of engines) {
      const { bound, inlined, sql } = await runInlined(engine, selectOf(engine.dialect, [['value', 'text']], tails[engine.dialect]), true);
      expect(inlined, `${engine.name}\n${sql}`).toEqual(bound);
      expect(Object.values(inlined[0] as object).filter((v) => v === 'value'), engine.name).toHaveLength(1);
      expect(sql.slice(sql.indexOf(' AS c1'))).toBe(` AS c1${tails[engine.dialect]}`);
    }
  });
});

describe('inlineParams: refuses a query whose placeholders and values do not match', () => {
  const refused = (query: unknown): MetricsInputError => {
    try {
      inlineParams(query as SqlQuery<unknown>);
    } catch (error) {
      if (error instanceof MetricsInputError) return error;
      throw error;
    }
    throw new Error('inlineParams accepted the query');
  };
  const decode = (): null => null;

  it('a placeholder without its value, a value without its placeholder', () => {
    expect(refused({ dialect: 'duckdb', sql: 'SELECT CAST($2 AS INTEGER)', params: [1], decode }).message).toContain('placeholder of value 2');
    expect(refused({ dialect: 'postgres', sql: 'SELECT CAST($1 AS integer)', params: [1, 2], decode }).message).toContain('value 2, whose placeholder');
    expect(refused({ dialect: 'clickhouse', sql: 'SELECT {p1:Int32}', params: { p1: 1, p3: 2 }, decode }).path).toBe('query.params');
    expect(refused({ dialect: 'duckdb', sql: "SELECT 'CAST($1 AS INTEGER)'", params: [1], decode }).message).toContain('value 1, whose placeholder');
  });

  it('parameters in another style, an unknown dialect, values the type cannot hold', () => {
    expect(refused({ dialect: 'duckdb', sql: 'SELECT 1', params: {}, decode }).code).toBe('invalid-input');
    expect(refused({ dialect: 'clickhouse', sql: 'SELECT 1', params: [], decode }).code).toBe('invalid-input');
    expect(refused({ dialect: 'oracle', sql: 'SELECT 1', params: [], decode }).message).toBe("inlineParams: query.dialect must be one of 'duckdb', 'postgres', 'clickhouse' (\"oracle\")");
    expect(refused({ dialect: 'duckdb', sql: 'SELECT CAST($1 AS DOUBLE)', params: [NaN], decode }).code).toBe('invalid-number');
    expect(refused({ dialect: 'postgres', sql: 'SELECT CAST($1 AS integer)', params: [1.5], decode }).code).toBe('invalid-number');
    expect(refused({ dialect: 'clickhouse', sql: 'SELECT {p1:Float64}', params: { p1: Infinity }, decode }).code).toBe('invalid-number');
    expect(refused({ dialect: 'clickhouse', sql: 'SELECT {p1:Int64}', params: { p1: '7' }, decode }).code).toBe('invalid-number');
    expect(refused(null).path).toBe('query');
  });

  it('keeps the decoder', () => {
    const query = selectOf('duckdb', [[1, 'integer']]);
    expect(inlineParams(query).decode([{ c1: 1 }])).toEqual([{ c1: 1 }]);
  });
});
