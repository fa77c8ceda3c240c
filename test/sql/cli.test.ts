/**
 * The command line (bin/customer-success-metrics.mjs): `sql <query> --flags` prints the
 * builder's query. `main` runs in this process against the sources (the sql module is
 * injected), so `npm test` needs no build; one block builds the sql entry into a temporary
 * folder, puts a copy of the bin file beside it as `bin/`, and spawns it, as `npx` would run
 * it from an installed package.
 *
 * - the printed text of `active-users` on every dialect: the builder's SQL, then the
 *   parameters as the engine's client takes them (or `--json`, or `--inline`);
 * - `--inline`, run on every engine of openEngines(), over random logs and options given as
 *   flags: its rows decode to the same result as the bound query's and as `activeUsers`;
 * - the flag and value rules (kebab-case keys, dotted nested keys, JSON values, a rejected
 *   value retried as text), help, and the exit code 2 with `error: ...` for bad input.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { build } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeUsers } from '../../src/engagement/index.js';
import * as sql from '../../src/sql/index.js';
import type { SqlDialect, SqlRow } from '../../src/sql/types.js';
import { propertyParameters, useEngines } from './support/conformance.js';
import { asOfArbitrary, eventLogArbitrary, eventsTable, timestampSourceArbitrary } from './support/event-logs.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const binFile = join(root, 'bin', 'customer-success-metrics.mjs');

type Io = { sql: Record<string, unknown>; stdout: (text: string) => void; stderr: (text: string) => void };
const { main } = (await import(/* @vite-ignore */ new URL('../../bin/customer-success-metrics.mjs', import.meta.url).href)) as {
  main: (args: readonly string[], io: Io) => number;
};

/** Runs the command line in this process against the sources. */
function cli(...args: string[]): { code: number; stdout: string; stderr: string } {
  let stdout = '';
  let stderr = '';
  const code = main(args, { sql, stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

const DIALECTS: readonly SqlDialect[] = ['duckdb', 'postgres', 'clickhouse'];
const BERLIN = ['--table', 'events', '--user-id', 'user_id', '--timestamp', 'ts', '--time-zone', 'Europe/Berlin'];
const BERLIN_OPTIONS = { table: 'events', userId: 'user_id', timestamp: 'ts', timeZone: 'Europe/Berlin' } as const;

describe('sql active-users: the printed query', () => {
  for (const dialect of DIALECTS) {
    it(`${dialect}: the builder's SQL, then its parameters as the client takes them`, () => {
      const query = sql.activeUsersSql({ dialect, ...BERLIN_OPTIONS });
      const { code, stdout, stderr } = cli('sql', 'active-users', '--dialect', dialect, ...BERLIN);
      expect([code, stderr]).toEqual([0, '']);
      expect(stdout.startsWith(`${query.sql}\n\n`)).toBe(true);
      const note = stdout.slice(query.sql.length + 1);
      if (dialect === 'clickhouse') {
        expect(query.params).toEqual({ p1: 'Europe/Berlin', p2: 31 });
        expect(note).toBe(
          [
            '',
            '-- Parameters, as clickhouse-client flags:',
            '--   --param_p1=Europe/Berlin --param_p2=31',
            '-- or set in the session before the query:',
            "--   SET param_p1 = 'Europe/Berlin', param_p2 = 31;",
            '-- (or print the query with the values written in: --inline)',
            '',
          ].join('\n'),
        );
      } else {
        expect(query.params).toEqual(['Europe/Berlin', 31]);
        expect(note).toBe(['', '-- Parameters (values as JSON; or print the query with the values written in: --inline):', '--   $1 = "Europe/Berlin"', '--   $2 = 31', ''].join('\n'));
      }
    });

    it(`${dialect}: --json prints { sql, params }, --inline the query with literals and nothing else`, () => {
      const query = sql.activeUsersSql({ dialect, ...BERLIN_OPTIONS });
      const json = cli('sql', 'active-users', '--dialect', dialect, ...BERLIN, '--json');
      expect(json.code).toBe(0);
      expect(JSON.parse(json.stdout)).toEqual({ sql: query.sql, params: query.params });
      const inline = cli('sql', 'active-users', '--dialect', dialect, ...BERLIN, '--inline');
      expect(inline.code).toBe(0);
      expect(inline.stdout).toBe(`${sql.inlineParams(query).sql}\n`);
      expect(inline.stdout).toContain(dialect === 'clickhouse' ? "CAST('Europe/Berlin' AS String)" : dialect === 'duckdb' ? "CAST('Europe/Berlin' AS VARCHAR)" : "CAST('Europe/Berlin' AS text)");
      expect(inline.stdout).not.toMatch(dialect === 'clickhouse' ? /\{p\d+:/ : /\$\d/);
      const both = cli('sql', 'active-users', '--dialect', dialect, ...BERLIN, '--inline', '--json');
      expect(JSON.parse(both.stdout)).toEqual({ sql: sql.inlineParams(query).sql, params: dialect === 'clickhouse' ? {} : [] });
    });
  }

  it('a text value with quotes, backslashes, a tab and a newline stays one shell word and one comment line', () => {
    // The builders bind no such text yet, so the printing is checked on a query made up here.
    const value = "it's a \\ path\nand\ttab";
    const clickhouse = printedNote({ dialect: 'clickhouse', params: { p1: value, p2: -0 } });
    expect(clickhouse).toContain(String.raw`--   --param_p1='it'\''s a \\ path\nand\ttab' --param_p2=-0`);
    expect(clickhouse).toContain(String.raw`--   SET param_p1 = 'it\'s a \\\\ path\\nand\\ttab', param_p2 = -0;`);
    const duckdb = printedNote({ dialect: 'duckdb', params: [value, 1.5] });
    expect(duckdb).toContain(String.raw`--   $1 = "it's a \\ path\nand\ttab"`);
    expect(duckdb).toContain('--   $2 = 1.5');
    for (const note of [clickhouse, duckdb]) expect(note.split('\n').every((line) => line === '' || line.startsWith('--'))).toBe(true);
  });
});

/** The parameter comment the command prints for a made-up query (through a stub builder). */
function printedNote(query: { dialect: SqlDialect; params: unknown }): string {
  let stdout = '';
  const stub = { stubSql: () => ({ ...query, sql: 'SELECT 1', decode: () => null }), MetricsInputError: sql.MetricsInputError };
  main(['sql', 'stub', '--dialect', query.dialect], { sql: stub, stdout: (t) => (stdout += t), stderr: () => {} });
  return stdout.slice('SELECT 1\n'.length);
}

describe('flags and values', () => {
  const base = ['sql', 'active-users', '--dialect', 'duckdb', '--table', 'events'];
  const built = (args: string[]): unknown => JSON.parse(cli(...base, ...args, '--json').stdout);
  const expected = (options: Record<string, unknown>): unknown => {
    const query = sql.activeUsersSql({ dialect: 'duckdb', table: 'events', ...options });
    return { sql: query.sql, params: query.params };
  };

  it('reads kebab-case keys, --key=value, dotted nested keys and JSON objects alike', () => {
    const windows = { windows: { wau: 5, mau: 20 }, timeZone: 'Asia/Kolkata', groupBy: 'account_id' };
    expect(built(['--windows.wau', '5', '--windows.mau=20', '--time-zone=Asia/Kolkata', '--group-by', 'account_id'])).toEqual(expected(windows));
    expect(built(['--windows', '{"wau":5,"mau":20}', '--timeZone', 'Asia/Kolkata', '--group-by', 'account_id'])).toEqual(expected(windows));
  });

  it('numbers are numbers (asOf in epoch ms), dates stay text', () => {
    expect(built(['--as-of', '1717200000000'])).toEqual(expected({ asOf: 1_717_200_000_000 }));
    expect(built(['--as-of', '2024-06-01', '--from', '2024-05-01', '--to', '2024-05-31'])).toEqual(expected({ asOf: '2024-06-01', from: '2024-05-01', to: '2024-05-31' }));
  });

  it('a value the builder rejects in its JSON form is given as the text typed (names that look like numbers or booleans)', () => {
    expect(built(['--user-id', '2024', '--timestamp', 'true', '--group-by', '[x]'])).toEqual(expected({ userId: '2024', timestamp: 'true', groupBy: '[x]' }));
    const parts = cli('sql', 'active-users', '--dialect', 'duckdb', '--table', '["my.schema","events"]', '--json');
    expect(JSON.parse(parts.stdout).sql).toBe(sql.activeUsersSql({ dialect: 'duckdb', table: ['my.schema', 'events'] }).sql);
    expect(JSON.parse(parts.stdout).sql).toContain('FROM "my.schema"."events"');
    expect(built(['--user-id', '"007"'])).toEqual(expected({ userId: '007' }));
  });

  it('exit code 2 and the builder\'s own error for an unknown option, with its "did you mean"', () => {
    const result = cli(...base, '--user-idd', 'user_id');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe('error: activeUsersSql: options.userIdd is not an option; did you mean userId? ("user_id")\nhint: the flag of userId is --user-id\n');
    const nested = cli(...base, '--windows.wua', '7');
    expect(nested.code).toBe(2);
    expect(nested.stderr).toContain('error: activeUsersSql: options.windows.wua is not an option; did you mean wau?');
    expect(nested.stderr).toContain('hint: the flag of windows.wau is --windows.wau\n');
  });

  it('exit code 2 for a bad value, a missing source, an unknown query, a repeated flag or a stray word', () => {
    const cases: string[][] = [
      ['sql', 'active-users', '--dialect', 'oracle', '--table', 'events'],
      ['sql', 'active-users', '--dialect', 'duckdb'],
      [...base, '--windows.wau', 'seven'],
      [...base, '--time-zone', 'Mars/Olympus'],
      ['sql', 'active-user', '--dialect', 'duckdb', '--table', 'events'],
      ['query', 'active-users'],
      [...base, '--table', 'other'],
      [...base, '--windows', '{"wau":5}', '--windows.mau', '9'],
      [...base, 'user_id'],
      [...base, '--'],
    ];
    for (const args of cases) {
      const result = cli(...args);
      expect([result.code, result.stdout], args.join(' ')).toEqual([2, '']);
      expect(result.stderr, args.join(' ')).toMatch(/^error: \S/);
    }
    expect(cli('sql', 'active-users', '--dialect', 'oracle', '--table', 'events').stderr).toContain('options.dialect must be one of');
    expect(cli('sql', 'active-user').stderr).toContain("unknown query 'active-user'; the queries are: ");
  });

  it('--help lists every builder of the sql entry as a query, and a query\'s option flags', () => {
    const builders = Object.keys(sql)
      .filter((name) => /^[a-z][A-Za-z0-9]*Sql$/.test(name))
      .map((name) => name.slice(0, -3).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`));
    expect(builders).toContain('active-users');
    for (const args of [['--help'], [], ['sql'], ['sql', '--help']]) {
      const help = cli(...args);
      expect(help.code).toBe(0);
      for (const name of builders) expect(help.stdout).toMatch(new RegExp(`^  ${name} +\\(`, 'm'));
    }
    const options = cli('sql', 'active-users', '--help');
    expect(options.code).toBe(0);
    for (const flag of ['--dialect', '--table', '--subquery', '--timestamp-type', '--user-id', '--timestamp', '--time-zone', '--group-by', '--from', '--to', '--as-of', '--windows.wau', '--windows.mau']) {
      expect(options.stdout).toMatch(new RegExp(`^  ${flag.replace('.', '\\.')} +\\S`, 'm'));
    }
  });
});

// ---------------------------------------------------------------------------------------
// --inline on the engines.

const engines = useEngines();

/** Random logs, and options of activeUsers given as flags. */
const inlineCases = eventLogArbitrary({ maxEvents: 25 }).chain((log) =>
  fc
    .record({
      source: timestampSourceArbitrary,
      windows: fc.option(fc.integer({ min: 1, max: 10 }).chain((wau) => fc.record({ wau: fc.constant(wau), mau: fc.integer({ min: wau, max: 40 }) })), { nil: undefined }),
      grouped: fc.boolean(),
      asOf: asOfArbitrary(log),
      from: fc.option(fc.constantFrom('2024-03-09', '2024-03-31', '2024-11-01'), { nil: undefined }),
    })
    .map((c) => ({ log, ...c })),
);

describe('--inline on the engines', () => {
  it('runs, and decodes to the bound query\'s result and to activeUsers', async () => {
    await fc.assert(
      fc.asyncProperty(inlineCases, async ({ log, source, windows, grouped, asOf, from }) => {
        const options = {
          timeZone: log.timeZone,
          ...(windows === undefined ? {} : { windows }),
          ...(asOf === undefined ? {} : { asOf }),
          ...(from === undefined ? {} : { from }),
          ...(grouped ? { groupBy: 'accountId' } : {}),
        };
        const expected = activeUsers(log.events, options);
        const flags = [
          '--table', 'events', '--user-id', 'userId', '--timestamp', source.timestamp, '--timestamp-type', source.timestampType, '--time-zone', log.timeZone,
          ...(windows === undefined ? [] : ['--windows.wau', String(windows.wau), '--windows.mau', String(windows.mau)]),
          ...(grouped ? ['--group-by', 'accountId'] : []),
          ...(asOf === undefined ? [] : ['--as-of', String(asOf)]),
          ...(from === undefined ? [] : ['--from', from]),
        ];
        const table = eventsTable(log);
        for (const engine of engines) {
          await engine.createTable(table.spec, table.rows);
          const printed = cli('sql', 'active-users', '--dialect', engine.dialect, ...flags, '--inline');
          expect(printed.code, printed.stderr).toBe(0);
          const bound = sql.activeUsersSql({ dialect: engine.dialect, table: 'events', userId: 'userId', ...source, ...options });
          const inlinedRows = (await engine.run(printed.stdout, engine.dialect === 'clickhouse' ? {} : [])) as SqlRow[];
          const boundRows = (await engine.run(bound.sql, bound.params)) as SqlRow[];
          const inlined = bound.decode(inlinedRows);
          expect(inlined, engine.name).toStrictEqual(bound.decode(boundRows));
          expect(inlined, engine.name).toStrictEqual(expected);
        }
      }),
      propertyParameters(10),
    );
  }, 300_000);
});

// ---------------------------------------------------------------------------------------
// The bin file as a program.

describe('the bin file as a program', () => {
  let dir = '';
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'csm-cli-'));
    // The layout of the installed package: bin/ beside dist/sql/index.js (ESM).
    await build({
      entry: { 'sql/index': join(root, 'src/sql/index.ts') },
      outDir: join(dir, 'dist'),
      format: ['esm'],
      dts: false,
      config: false,
      silent: true,
      splitting: false,
      platform: 'neutral',
      target: 'es2022',
      tsconfig: join(root, 'tsconfig.src.json'),
    });
    writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
    mkdirSync(join(dir, 'bin'));
    copyFileSync(binFile, join(dir, 'bin', 'customer-success-metrics.mjs'));
    // npx runs the bin through a symlink in node_modules/.bin.
    mkdirSync(join(dir, 'node_modules', '.bin'), { recursive: true });
    symlinkSync(join(dir, 'bin', 'customer-success-metrics.mjs'), join(dir, 'node_modules', '.bin', 'customer-success-metrics'));
  }, 60_000);
  afterAll(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  const spawn = (...args: string[]): { code: number | null; stdout: string; stderr: string } => {
    const result = spawnSync(process.execPath, [join(dir, 'node_modules', '.bin', 'customer-success-metrics'), ...args], { encoding: 'utf8' });
    return { code: result.status, stdout: result.stdout, stderr: result.stderr };
  };

  it('prints what main prints, and exits 0', () => {
    const args = ['sql', 'active-users', '--dialect', 'clickhouse', ...BERLIN];
    const printed = cli(...args);
    expect(printed.code).toBe(0);
    expect(spawn(...args)).toEqual(printed);
    const inline = ['sql', 'active-users', '--dialect', 'postgres', ...BERLIN, '--inline'];
    expect(spawn(...inline)).toEqual(cli(...inline));
  });

  it('exits 2 with error: ... on stderr for an unknown flag', () => {
    const result = spawn('sql', 'active-users', '--dialect', 'duckdb', '--table', 'events', '--user-idd', 'x');
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error: activeUsersSql: options\.userIdd is not an option; did you mean userId\?/);
  });

  it('is plain JavaScript that node runs without a transform (no TypeScript syntax)', () => {
    expect(() => execFileSync(process.execPath, ['--check', binFile])).not.toThrow();
  });
});
