/**
 * Real SQL engines for the tests of `customer-success-metrics/sql`: DuckDB (@duckdb/node-api),
 * PostgreSQL (PGlite, PostgreSQL compiled to WebAssembly) and ClickHouse (chDB, ClickHouse as a
 * library), behind one small interface: create a table from typed rows, run a query with
 * bound parameters, read plain row objects.
 *
 * - Rows are always loaded through bound parameters or an appender, never spliced into SQL.
 * - Table and column names are quoted here with the harness's own quoting (independent of the
 *   library's), so hostile names (quotes, semicolons, `--`, `/*`, unicode, spaces) load.
 * - Each session runs in a non-UTC time zone on purpose ({@link SESSION_TIME_ZONES}), so a
 *   query that depends on the session's zone gives a wrong answer instead of a lucky one.
 * - `run` returns values as the driver returns them (see {@link Engine.run} for the types),
 *   except that chDB's JSON output is decoded so that 64-bit integers and non-finite floats
 *   come back as numbers (see `decodeClickHouse`).
 *
 * chDB is not a dependency of the repo (its platform package is ~550 MB): it is loaded from the
 * directory in env `CSM_CHDB_DIR` (a folder whose `node_modules/chdb` exists; `node
 * scripts/sql-check.mjs` installs one into .smoke/runtimes/). Without that variable the tests
 * run on DuckDB and PGlite only; with it, failing to load chDB is an error, never a skip.
 */
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { DuckDBDateValue, DuckDBInstance, DuckDBTimestampTZValue, type DuckDBAppender, type DuckDBValue } from '@duckdb/node-api';
import { PGlite } from '@electric-sql/pglite';

export type SqlDialect = 'duckdb' | 'postgres' | 'clickhouse';
export type SqlParams = readonly unknown[] | Readonly<Record<string, unknown>>;
/** Column types the tests load. */
export type ColumnType = 'integer' | 'text' | 'double' | 'timestamp' | 'date' | 'boolean';
export interface TableSpec {
  readonly name: string;
  readonly columns: readonly { readonly name: string; readonly type: ColumnType }[];
}

export interface Engine {
  readonly dialect: SqlDialect;
  /** Engine and version as read from the engine, e.g. 'DuckDB 1.5.6', 'PGlite 0.6.1 (PostgreSQL 19.0)', 'chDB 3.4.0 (ClickHouse 26.7.2.1)'. */
  readonly name: string;
  /** The session time zone the engine was set to (never UTC). */
  readonly timeZone: string;
  /**
   * Drops `spec.name` if it exists and creates it with the rows. Every row must have exactly
   * the spec's columns, each value of its column's type or `null`:
   * - integer: a safe integer (`Number.isSafeInteger`);
   * - text: a well-formed string (no lone surrogates; PostgreSQL also refuses U+0000);
   * - double: any number, NaN, ±Infinity and -0 included;
   * - timestamp: whole epoch milliseconds (a UTC instant), years 1900 to 2299 (ClickHouse's
   *   DateTime64 range, applied on every engine so data loads the same everywhere);
   * - date: a real calendar date 'YYYY-MM-DD', 1900-01-01 to 2299-12-31 (ClickHouse's Date32);
   * - boolean.
   * Anything else throws before the engine is touched.
   */
  createTable(spec: TableSpec, rows: readonly Readonly<Record<string, unknown>>[]): Promise<void>;
  /**
   * Runs one query with bound parameters and returns the rows as plain objects, values as the
   * driver returns them:
   *
   * | SQL type      | duckdb             | postgres (PGlite)                    | clickhouse (chDB)                    |
   * |---------------|--------------------|--------------------------------------|--------------------------------------|
   * | BIGINT/Int64  | bigint (always)    | number, bigint beyond 2^53           | number, bigint beyond 2^53           |
   * | INTEGER/Int32 | number             | number                               | number                               |
   * | count(*)      | bigint (BIGINT)    | number (bigint)                      | number (UInt64)                      |
   * | sum(BIGINT)   | bigint (HUGEINT)   | string (numeric)                     | number (Int64)                       |
   * | DOUBLE        | number             | number                               | number (NaN, ±Infinity decoded)      |
   * | DECIMAL       | number             | string (numeric)                     | number                               |
   * | DATE          | Date (UTC midnight)| Date (UTC midnight)                  | string 'YYYY-MM-DD' (Date, Date32)   |
   * | TIMESTAMPTZ   | Date               | Date                                 | string 'YYYY-MM-DD hh:mm:ss.sss' in the column's zone (DateTime64) |
   * | text          | string             | string                               | string                               |
   * | boolean       | boolean            | boolean                              | boolean (Bool)                       |
   *
   * Parameters: duckdb takes an array (`$1`, `$2`, ...) or an object (`$name`), typed from the
   * JS value (an integer number is INTEGER, or BIGINT beyond 32 bits; a fraction DOUBLE; a
   * bigint HUGEINT; a string VARCHAR); postgres takes an array (`$1`, ...); clickhouse takes an
   * object for `{name:Type}` placeholders.
   */
  run(sql: string, params: SqlParams): Promise<Record<string, unknown>[]>;
  close(): Promise<void>;
}

/** The session time zone of each engine: non-UTC, with daylight saving time, and different per engine. */
export const SESSION_TIME_ZONES: Readonly<Record<SqlDialect, string>> = {
  duckdb: 'America/Los_Angeles',
  postgres: 'Pacific/Auckland',
  clickhouse: 'Australia/Adelaide', // +09:30/+10:30: a half-hour offset too
};

/** DuckDB and PGlite always; chDB too when `CSM_CHDB_DIR` is set (and then it must load). */
export async function openEngines(): Promise<Engine[]> {
  const dialects: SqlDialect[] = chdbRequired() ? ['duckdb', 'postgres', 'clickhouse'] : ['duckdb', 'postgres'];
  const settled = await Promise.allSettled(dialects.map((dialect) => openEngine(dialect)));
  const engines = settled.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  const failed = settled.find((result): result is PromiseRejectedResult => result.status === 'rejected');
  if (failed) {
    await Promise.allSettled(engines.map((engine) => engine.close()));
    throw failed.reason;
  }
  return engines;
}

export async function openEngine(dialect: SqlDialect): Promise<Engine> {
  switch (dialect) {
    case 'duckdb':
      return openDuckDb();
    case 'postgres':
      return openPglite();
    case 'clickhouse':
      return openChdb();
    default:
      throw new Error(`unknown SQL dialect ${JSON.stringify(dialect)}`);
  }
}

/** Whether the chDB engine is expected in this run (env CSM_CHDB_DIR set): then failing to load it must throw, never skip. */
export function chdbRequired(): boolean {
  return (process.env.CSM_CHDB_DIR ?? '') !== '';
}

// ---------------------------------------------------------------------------------------------
// Quoting

/** A table or column name quoted for `dialect`, by the harness's own rules. */
export function quoteIdentifier(dialect: SqlDialect, name: string): string {
  return dialect === 'clickhouse' ? quoteBacktick(name) : quoteDoubleQuoted(name);
}

/** DuckDB and PostgreSQL: double quotes, a quote doubled. */
export function quoteDoubleQuoted(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** ClickHouse: backticks, backslash and backtick escaped with a backslash. */
export function quoteBacktick(name: string): string {
  return `\`${name.replaceAll('\\', '\\\\').replaceAll('`', '\\`')}\``;
}

// ---------------------------------------------------------------------------------------------
// Checking what createTable is given

const DAY_MS = 86_400_000;
const MIN_MS = Date.UTC(1900, 0, 1);
const MAX_MS = Date.UTC(2300, 0, 1) - 1;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const COLUMN_TYPES: readonly ColumnType[] = ['integer', 'text', 'double', 'timestamp', 'date', 'boolean'];

/** A checked table: for each column, its values in row order (null or of the column's type). */
interface CheckedTable {
  readonly spec: TableSpec;
  readonly columns: readonly (readonly unknown[])[];
  readonly rowCount: number;
}

function checkIdentifier(name: unknown, what: string): asserts name is string {
  if (typeof name !== 'string' || name === '') throw new Error(`${what} must be a non-empty string, got ${JSON.stringify(name)}`);
  if (name.includes('\u0000')) throw new Error(`${what} ${JSON.stringify(name)} contains U+0000`);
  if (LONE_SURROGATE.test(name)) throw new Error(`${what} ${JSON.stringify(name)} is not well-formed unicode`);
}

function checkTable(spec: TableSpec, rows: readonly Readonly<Record<string, unknown>>[]): CheckedTable {
  checkIdentifier(spec.name, 'table name');
  if (spec.columns.length === 0) throw new Error(`table ${JSON.stringify(spec.name)} has no columns`);
  const names = new Set<string>();
  for (const column of spec.columns) {
    checkIdentifier(column.name, `column name of ${JSON.stringify(spec.name)}`);
    if (names.has(column.name)) throw new Error(`table ${JSON.stringify(spec.name)} has two columns ${JSON.stringify(column.name)}`);
    if (!COLUMN_TYPES.includes(column.type)) throw new Error(`column ${JSON.stringify(column.name)} has unknown type ${JSON.stringify(column.type)}`);
    names.add(column.name);
  }
  const columns: unknown[][] = spec.columns.map(() => []);
  rows.forEach((row, index) => {
    for (const key of Object.keys(row)) {
      if (!names.has(key)) throw new Error(`row ${index} of ${JSON.stringify(spec.name)} has ${JSON.stringify(key)}, not a column`);
    }
    spec.columns.forEach((column, c) => {
      if (!Object.hasOwn(row, column.name)) {
        throw new Error(`row ${index} of ${JSON.stringify(spec.name)} has no ${JSON.stringify(column.name)} (give null for NULL)`);
      }
      const value = row[column.name];
      const problem = value === null ? null : valueProblem(column.type, value);
      if (problem) throw new Error(`row ${index} of ${JSON.stringify(spec.name)}, column ${JSON.stringify(column.name)} (${column.type}): ${problem}`);
      columns[c]!.push(value);
    });
  });
  return { spec, columns, rowCount: rows.length };
}

/** Why `value` is not a value of `type`, or null when it is. */
function valueProblem(type: ColumnType, value: unknown): string | null {
  const got = typeof value === 'string' ? JSON.stringify(value) : `${typeof value} ${String(value)}`;
  switch (type) {
    case 'integer':
      return Number.isSafeInteger(value) ? null : `expected a safe integer number, got ${got}`;
    case 'text':
      if (typeof value !== 'string') return `expected a string, got ${got}`;
      return LONE_SURROGATE.test(value) ? `${got} is not well-formed unicode (a lone surrogate)` : null;
    case 'double':
      return typeof value === 'number' ? null : `expected a number, got ${got}`;
    case 'timestamp':
      if (!Number.isInteger(value)) return `expected whole epoch milliseconds, got ${got}`;
      return (value as number) >= MIN_MS && (value as number) <= MAX_MS ? null : `${got} is outside 1900-01-01..2299-12-31 (ClickHouse DateTime64)`;
    case 'date': {
      if (typeof value !== 'string' || dayNumber(value) === null) return `expected a calendar date 'YYYY-MM-DD', got ${got}`;
      return value >= '1900-01-01' && value <= '2299-12-31' ? null : `${got} is outside 1900-01-01..2299-12-31 (ClickHouse Date32)`;
    }
    case 'boolean':
      return typeof value === 'boolean' ? null : `expected a boolean, got ${got}`;
  }
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' calendar date, or null when it is not one. */
function dayNumber(date: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return null;
  return ms / DAY_MS;
}

// ---------------------------------------------------------------------------------------------
// DuckDB

const DUCKDB_TYPES: Readonly<Record<ColumnType, string>> = {
  integer: 'BIGINT',
  text: 'VARCHAR',
  double: 'DOUBLE',
  timestamp: 'TIMESTAMPTZ',
  date: 'DATE',
  boolean: 'BOOLEAN',
};

async function openDuckDb(): Promise<Engine> {
  // Two threads: enough for DuckDB to split work (and so to expose a query that relies on an
  // order it never asked for), little enough for parallel test files.
  const instance = await DuckDBInstance.create(':memory:', { threads: '2' });
  const connection = await instance.connect();
  const timeZone = SESSION_TIME_ZONES.duckdb;
  try {
    await connection.run(`SET TimeZone = '${timeZone}'`);
    const version = (await connection.runAndReadAll('SELECT version() AS v')).getRowObjectsJS()[0]?.['v'];
    return {
      dialect: 'duckdb',
      name: `DuckDB ${String(version).replace(/^v/, '')}`,
      timeZone,
      async createTable(spec, rows) {
        const table = checkTable(spec, rows);
        const columns = spec.columns.map((c) => `${quoteDoubleQuoted(c.name)} ${DUCKDB_TYPES[c.type]}`);
        await connection.run(`DROP TABLE IF EXISTS ${quoteDoubleQuoted(spec.name)}`);
        await connection.run(`CREATE TABLE ${quoteDoubleQuoted(spec.name)} (${columns.join(', ')})`);
        // The appender takes the table's name as it is (no SQL parsing, so no quoting).
        const appender = await connection.createAppender(spec.name);
        try {
          for (let r = 0; r < table.rowCount; r++) {
            spec.columns.forEach((column, c) => appendDuckDb(appender, column.type, table.columns[c]![r]));
            appender.endRow();
          }
          appender.flushSync();
        } finally {
          appender.closeSync();
        }
      },
      async run(sql, params) {
        const reader = await connection.runAndReadAll(sql, params as DuckDBValue[] | Record<string, DuckDBValue>);
        return reader.getRowObjectsJS() as Record<string, unknown>[];
      },
      async close() {
        connection.closeSync();
        instance.closeSync();
      },
    };
  } catch (error) {
    connection.closeSync();
    instance.closeSync();
    throw error;
  }
}

function appendDuckDb(appender: DuckDBAppender, type: ColumnType, value: unknown): void {
  if (value === null) return appender.appendNull();
  switch (type) {
    case 'integer':
      return appender.appendBigInt(BigInt(value as number));
    case 'text':
      return appender.appendVarchar(value as string);
    case 'double':
      return appender.appendDouble(value as number);
    case 'timestamp':
      return appender.appendTimestampTZ(new DuckDBTimestampTZValue(BigInt(value as number) * 1000n));
    case 'date':
      return appender.appendDate(new DuckDBDateValue(dayNumber(value as string)!));
    case 'boolean':
      return appender.appendBoolean(value as boolean);
  }
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL (PGlite)

const POSTGRES_TYPES: Readonly<Record<ColumnType, string>> = {
  integer: 'bigint',
  text: 'text',
  double: 'double precision',
  timestamp: 'timestamptz',
  date: 'date',
  boolean: 'boolean',
};

/** PostgreSQL truncates longer identifiers (with only a NOTICE). */
const POSTGRES_MAX_IDENTIFIER_BYTES = 63;

async function openPglite(): Promise<Engine> {
  const db = new PGlite();
  const timeZone = SESSION_TIME_ZONES.postgres;
  try {
    await db.waitReady;
    await db.exec(`SET TIME ZONE '${timeZone}'`);
    const version = (await db.query<{ v: string }>('SELECT version() AS v')).rows[0]?.v ?? '';
    const match = /^PostgreSQL (\S+) \(PGlite (\S+)\)/.exec(version);
    return {
      dialect: 'postgres',
      name: match ? `PGlite ${match[2]} (PostgreSQL ${match[1]})` : `PGlite (${version})`,
      timeZone,
      async createTable(spec, rows) {
        const table = checkTable(spec, rows);
        for (const name of [spec.name, ...spec.columns.map((c) => c.name)]) {
          if (Buffer.byteLength(name) > POSTGRES_MAX_IDENTIFIER_BYTES) {
            throw new Error(`PostgreSQL identifiers are at most ${POSTGRES_MAX_IDENTIFIER_BYTES} bytes: ${JSON.stringify(name)}`);
          }
        }
        spec.columns.forEach((column, c) => {
          if (column.type !== 'text') return;
          const index = table.columns[c]!.findIndex((v) => typeof v === 'string' && v.includes('\u0000'));
          if (index >= 0) throw new Error(`row ${index} of ${JSON.stringify(spec.name)}, column ${JSON.stringify(column.name)}: PostgreSQL text can't hold U+0000`);
        });
        const columns = spec.columns.map((c) => `${quoteDoubleQuoted(c.name)} ${POSTGRES_TYPES[c.type]}`);
        await db.exec(`DROP TABLE IF EXISTS ${quoteDoubleQuoted(spec.name)}; CREATE TABLE ${quoteDoubleQuoted(spec.name)} (${columns.join(', ')})`);
        if (table.rowCount === 0) return;
        // One parameter per column, an array of its values: one statement loads every row.
        const arrays = spec.columns.map((column, c) => `$${c + 1}::${POSTGRES_TYPES[column.type]}[]`);
        const params = spec.columns.map((column, c) => table.columns[c]!.map((v) => (v === null ? null : postgresArrayElement(column.type, v))));
        const names = spec.columns.map((c) => quoteDoubleQuoted(c.name)).join(', ');
        await db.query(`INSERT INTO ${quoteDoubleQuoted(spec.name)} (${names}) SELECT * FROM unnest(${arrays.join(', ')})`, params);
      },
      async run(sql, params) {
        if (!Array.isArray(params)) throw new Error('postgres takes positional parameters ($1, $2, ...): pass an array');
        return (await db.query<Record<string, unknown>>(sql, params as unknown[])).rows;
      },
      async close() {
        await db.close();
      },
    };
  } catch (error) {
    await db.close().catch(() => {});
    throw error;
  }
}

/** The text PostgreSQL reads a value of `type` from, as an array element (PGlite quotes and escapes it). */
function postgresArrayElement(type: ColumnType, value: unknown): string | number | boolean {
  switch (type) {
    case 'double':
      return Object.is(value, -0) ? '-0' : String(value); // NaN, Infinity, -Infinity as PostgreSQL spells them
    case 'timestamp':
      return new Date(value as number).toISOString(); // '...Z': an instant, whatever the session zone
    default:
      return value as string | number | boolean;
  }
}

// ---------------------------------------------------------------------------------------------
// ClickHouse (chDB)

/** The part of the `chdb` module the harness uses. */
interface ChdbModule {
  Session: new () => ChdbSession;
  version?: () => { chdb: string; libchdb: string };
}
interface ChdbSession {
  query(sql: string, format?: string): string;
  queryBind(sql: string, params: object, format?: string): string;
  close(): void;
}

const CLICKHOUSE_TYPES: Readonly<Record<ColumnType, string>> = {
  integer: 'Nullable(Int64)',
  text: 'Nullable(String)',
  double: 'Nullable(Float64)',
  timestamp: "Nullable(DateTime64(3, 'UTC'))",
  date: 'Nullable(Date32)',
  boolean: 'Nullable(Bool)',
};

/**
 * How each column travels in the JSON lines of createTable (its type in the format()
 * structure) and the expression that turns it into the column's type.
 */
const CLICKHOUSE_LOAD: Readonly<Record<ColumnType, { readonly type: string; readonly expression: (c: string) => string }>> = {
  integer: { type: 'Nullable(Int64)', expression: (c) => c },
  text: { type: 'Nullable(String)', expression: (c) => c },
  // As text: JSON has no NaN, Infinity or -0.
  double: { type: 'Nullable(String)', expression: (c) => `toFloat64(${c})` },
  timestamp: { type: 'Nullable(Int64)', expression: (c) => `fromUnixTimestamp64Milli(${c}, 'UTC')` },
  date: { type: 'Nullable(String)', expression: (c) => `toDate32(${c})` },
  boolean: { type: 'Nullable(Bool)', expression: (c) => c },
};

/**
 * The database the tables live in. chDB's default database is an Overlay that also reads files:
 * there a table name with a '/' in it is taken for a file path, even in CREATE TABLE.
 */
const CLICKHOUSE_DATABASE = 'csm_test';

/** Loads `chdb` from the folder in CSM_CHDB_DIR (a folder with node_modules/chdb). */
function loadChdb(): ChdbModule {
  const dir = process.env.CSM_CHDB_DIR;
  if (!dir) {
    throw new Error('chDB is not installed for this run: set CSM_CHDB_DIR to a folder with node_modules/chdb (node scripts/sql-check.mjs installs one)');
  }
  const resolved = path.resolve(dir);
  if (!fs.existsSync(path.join(resolved, 'node_modules', 'chdb'))) {
    throw new Error(`CSM_CHDB_DIR=${dir}: no node_modules/chdb in ${resolved} (node scripts/sql-check.mjs installs one)`);
  }
  try {
    return createRequire(path.join(resolved, 'package.json'))('chdb') as ChdbModule;
  } catch (error) {
    throw new Error(`CSM_CHDB_DIR=${dir}: chdb does not load: ${(error as Error).message}`, { cause: error });
  }
}

async function openChdb(): Promise<Engine> {
  const chdb = loadChdb();
  // chDB allows one session per process: a second `new Session()` throws until the first is closed.
  const session = new chdb.Session();
  const timeZone = SESSION_TIME_ZONES.clickhouse;
  try {
    session.query(`CREATE DATABASE IF NOT EXISTS ${CLICKHOUSE_DATABASE} ENGINE = Atomic`);
    session.query(`USE ${CLICKHOUSE_DATABASE}`);
    // Settings of the session (they hold for its later queries). The two output settings only
    // change how JSON spells values: 64-bit integers as strings (so no digit is lost before
    // decodeClickHouse sees them) and nan/inf as strings (else JSON writes them as null).
    session.query(`SET session_timezone = '${timeZone}', output_format_json_quote_64bit_integers = 1, output_format_json_quote_denormals = 1`);
    const clickhouse = session.query('SELECT version()', 'TSVRaw').trim();
    const chdbVersion = chdb.version?.().chdb;
    return {
      dialect: 'clickhouse',
      name: chdbVersion ? `chDB ${chdbVersion} (ClickHouse ${clickhouse})` : `chDB (ClickHouse ${clickhouse})`,
      timeZone,
      async createTable(spec, rows) {
        const table = checkTable(spec, rows);
        const name = quoteBacktick(spec.name);
        const columns = spec.columns.map((c) => `${quoteBacktick(c.name)} ${CLICKHOUSE_TYPES[c.type]}`);
        session.query(`DROP TABLE IF EXISTS ${name}`);
        session.query(`CREATE TABLE ${name} (${columns.join(', ')}) ENGINE = Memory`);
        if (table.rowCount === 0) return;
        // The rows are one bound String parameter of JSON lines, read by the format() table
        // function; their keys are c0, c1, ... so no column name is written into the JSON.
        const structure = spec.columns.map((c, i) => `c${i} ${CLICKHOUSE_LOAD[c.type].type}`).join(', ');
        const expressions = spec.columns.map((c, i) => CLICKHOUSE_LOAD[c.type].expression(`c${i}`));
        const lines: string[] = [];
        for (let r = 0; r < table.rowCount; r++) {
          const line: Record<string, unknown> = {};
          spec.columns.forEach((column, c) => {
            const value = table.columns[c]![r];
            line[`c${c}`] = column.type === 'double' && value !== null ? clickhouseFloatText(value as number) : value;
          });
          lines.push(JSON.stringify(line));
        }
        session.queryBind(
          `INSERT INTO ${name} (${spec.columns.map((c) => quoteBacktick(c.name)).join(', ')}) SELECT ${expressions.join(', ')} FROM format(JSONEachRow, {structure:String}, {rows:String})`,
          { structure, rows: lines.join('\n') },
        );
      },
      async run(sql, params) {
        if (Array.isArray(params)) throw new Error('clickhouse takes named parameters ({name:Type}): pass an object');
        const text = session.queryBind(sql, params, 'JSONCompactEachRowWithNamesAndTypes');
        return decodeClickHouse(text);
      },
      async close() {
        session.close();
      },
    };
  } catch (error) {
    session.close();
    throw error;
  }
}

function clickhouseFloatText(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (value === Infinity) return 'inf';
  if (value === -Infinity) return '-inf';
  return Object.is(value, -0) ? '-0' : String(value);
}

/**
 * Rows of a JSONCompactEachRowWithNamesAndTypes result (a line of names, a line of types, a
 * line per row) as objects. Values are as ClickHouse writes them in JSON, except:
 * - 64-bit and wider integers (Int64, UInt64, Int128, ...; quoted by the session's
 *   output_format_json_quote_64bit_integers = 1) are numbers, or bigint beyond 2^53 — always
 *   numbers for what the tests count, never strings, never a number that lost digits;
 * - floats written as "nan", "-nan", "inf", "-inf" are NaN, Infinity, -Infinity.
 * Both also inside Array(...). Dates and DateTimes stay strings; Decimal is a number.
 */
export function decodeClickHouse(text: string): Record<string, unknown>[] {
  const lines = text.split('\n').filter((line) => line !== '');
  if (lines.length === 0) return []; // a statement that returns nothing
  if (lines.length < 2) throw new Error(`chDB: expected a line of names and a line of types, got ${JSON.stringify(text.slice(0, 200))}`);
  const names = JSON.parse(lines[0]!) as string[];
  const decoders = (JSON.parse(lines[1]!) as string[]).map(clickhouseDecoder);
  return lines.slice(2).map((line) => {
    const values = JSON.parse(line) as unknown[];
    const row: Record<string, unknown> = {};
    names.forEach((name, i) => {
      row[name] = decoders[i]!(values[i]);
    });
    return row;
  });
}

function clickhouseDecoder(type: string): (value: unknown) => unknown {
  const inner = /^(?:Nullable|LowCardinality)\((.*)\)$/.exec(type);
  if (inner) return clickhouseDecoder(inner[1]!);
  const array = /^Array\((.*)\)$/.exec(type);
  if (array) {
    const element = clickhouseDecoder(array[1]!);
    return (value) => (Array.isArray(value) ? value.map(element) : value);
  }
  if (/^U?Int(64|128|256)$/.test(type)) {
    return (value) => {
      if (typeof value !== 'string') return value;
      const big = BigInt(value);
      return big >= BigInt(Number.MIN_SAFE_INTEGER) && big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
    };
  }
  if (/^(Float32|Float64|BFloat16)$/.test(type)) {
    return (value) => {
      if (typeof value !== 'string') return value;
      if (/^[+-]?nan$/i.test(value)) return NaN;
      if (/^\+?inf$/i.test(value)) return Infinity;
      if (/^-inf$/i.test(value)) return -Infinity;
      throw new Error(`chDB: unexpected ${type} value ${JSON.stringify(value)}`);
    };
  }
  return (value) => value;
}
