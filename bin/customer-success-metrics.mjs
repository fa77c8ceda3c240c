#!/usr/bin/env node
/**
 * `customer-success-metrics sql <builder> [options]`: prints a warehouse query of
 * `customer-success-metrics/sql`, for a dbt model, a view or a scheduled query.
 *
 *   npx customer-success-metrics sql active-users --dialect clickhouse --table events \
 *     --user-id user_id --timestamp ts --time-zone Europe/Berlin
 *
 * Subcommands: every export of the sql entry named `<name>Sql` is the subcommand
 * `<name>` in kebab-case (activeUsersSql: `active-users`), so a new builder needs no change
 * here. Its options are the builder's option keys as flags in kebab-case (`--user-id` for
 * `userId`, `--time-zone` for `timeZone`), a nested key with a dot (`--windows.wau 7`).
 *
 * Values: `--key value` or `--key=value`; a flag with no value (last, or followed by
 * another `--flag`) is `true`; a value that starts with `--` needs `--key=value`. A value is read as JSON when it is `true` or `false`, a
 * number (`7`, `-3`, `0.5`, `1717200000000`), or starts with `[`, `{` or `"` and parses
 * (`--windows '{"wau":7,"mau":28}'`, `--table '["my.schema","events"]'`); anything else is
 * text. When the builder rejects such a value for its option (the error names that option),
 * the value is used as the text typed instead: so names that look like numbers or booleans
 * still work (`--user-id 2024` is the column `2024`, `--table true` the table `true`).
 *
 * Output: the query text, then its parameters in a comment, as the engine's client takes
 * them (ClickHouse: clickhouse-client's `--param_pN=` flags, or `SET param_pN = ...`;
 * DuckDB and PostgreSQL: `$N = value`, values as JSON). `--inline`: the query with every
 * value written in as a typed literal (`inlineParams`), for tools that cannot bind (dbt).
 * `--json`: `{ "sql": ..., "params": ... }` (with `--inline`, no params). `--help`: the
 * subcommands, or one subcommand's options.
 *
 * Exit codes: 0 printed; 2 a usage or option error (the builder's own MetricsInputError,
 * printed as `error: ...`); 1 anything else.
 *
 * The command reads the built package (dist/); `main` takes the sql module as an argument,
 * so tests run it against the sources.
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const NAME = 'customer-success-metrics';
const BUILDER = /^[a-z][A-Za-z0-9]*Sql$/;
/** A key no option is near, so the builder's unknown-option error lists every option. */
const PROBE = '~'.repeat(32);

class UsageError extends Error {}

/**
 * Runs the command line `args` (without `node` and the script) against `io.sql`, the
 * module `customer-success-metrics/sql`; writes to `io.stdout` / `io.stderr` and returns
 * the exit code.
 * @param {readonly string[]} args
 * @param {{ sql: Record<string, unknown>, stdout: (text: string) => void, stderr: (text: string) => void }} io
 * @returns {number}
 */
export function main(args, io) {
  try {
    return run(args, io);
  } catch (error) {
    if (error instanceof UsageError || isMetricsInputError(io.sql, error)) {
      io.stderr(`error: ${error.message}\n${hintOf(error)}`);
      return 2;
    }
    io.stderr(`error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 1;
  }
}

function run(args, io) {
  const builders = buildersOf(io.sql);
  const [group, command, ...rest] = args;
  if (group === undefined || group === '--help' || group === '-h' || group === 'help') {
    io.stdout(generalHelp(builders));
    return 0;
  }
  if (group !== 'sql') throw new UsageError(`unknown command '${group}'; the commands are: sql (see ${NAME} --help)`);
  if (command === undefined || command === '--help' || command === '-h') {
    io.stdout(generalHelp(builders));
    return 0;
  }
  const builder = builders.get(command);
  if (builder === undefined) {
    const names = [...builders.keys()];
    throw new UsageError(`unknown query '${command}'; the queries are: ${names.join(', ')}`);
  }
  const parsed = parseFlags(rest);
  if (parsed.help) {
    io.stdout(builderHelp(command, builder));
    return 0;
  }
  let query = buildWithFallback(io.sql, builder.fn, parsed);
  if (parsed.inline) {
    const inlineParams = io.sql.inlineParams;
    if (typeof inlineParams !== 'function') throw new Error('this build of the sql module has no inlineParams');
    query = inlineParams(query);
  }
  if (parsed.json) io.stdout(`${JSON.stringify({ sql: query.sql, params: query.params }, null, 2)}\n`);
  else io.stdout(`${query.sql}\n${parameterNote(query)}`);
  return 0;
}

/** The builders of the module by subcommand: `activeUsersSql` as `active-users`. */
function buildersOf(sql) {
  const builders = new Map();
  for (const [name, fn] of Object.entries(sql)) {
    if (typeof fn !== 'function' || !BUILDER.test(name)) continue;
    builders.set(kebab(name.slice(0, -'Sql'.length)), { name, fn });
  }
  return new Map([...builders].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function kebab(camel) {
  return camel.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
}

function camel(kebabText) {
  return kebabText.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
}

// ---------------------------------------------------------------------------------------
// Flags and values.

/**
 * The options of `--key value` flags (values as typed, converted by {@link valueOf}), and
 * the command's own switches.
 */
function parseFlags(tokens) {
  const result = { options: {}, converted: new Map(), help: false, inline: false, json: false };
  const seen = new Set();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === '--help' || token === '-h') {
      result.help = true;
      continue;
    }
    if (token === '--inline' || token === '--json') {
      result[token.slice(2)] = true;
      continue;
    }
    if (!token.startsWith('--') || token.length === 2) throw new UsageError(`unexpected argument '${token}': options are --key value (see --help)`);
    const equals = token.indexOf('=');
    const flag = equals < 0 ? token.slice(2) : token.slice(2, equals);
    let text;
    if (equals >= 0) text = token.slice(equals + 1);
    else if (i + 1 < tokens.length && !tokens[i + 1].startsWith('--')) text = tokens[++i];
    const path = flag.split('.');
    if (path.some((part) => !/^[A-Za-z0-9][A-Za-z0-9-]*$/.test(part))) throw new UsageError(`--${flag} is not an option flag (letters, digits and dashes, nested keys joined by dots)`);
    const keys = path.map(camel);
    const dotted = keys.join('.');
    if (seen.has(dotted)) throw new UsageError(`--${flag} is given twice`);
    for (const other of seen) {
      if (other.startsWith(`${dotted}.`) || dotted.startsWith(`${other}.`)) throw new UsageError(`--${flag} and --${kebab(other)} set the same option`);
    }
    seen.add(dotted);
    const value = text === undefined ? true : valueOf(text);
    if (text !== undefined && value !== text) result.converted.set(`options.${dotted}`, { keys, text });
    setPath(result.options, keys, value);
  }
  return result;
}

/** `true`/`false`, a JSON number, or JSON starting with `[`, `{` or `"` as parsed; else the text itself. */
function valueOf(text) {
  if (text === 'true') return true;
  if (text === 'false') return false;
  if (/^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?$/.test(text)) return Number(text);
  if (/^[[{"]/.test(text)) {
    try {
      return JSON.parse(text);
    } catch {
      return text;
    }
  }
  return text;
}

function setPath(target, keys, value) {
  let node = target;
  for (const key of keys.slice(0, -1)) {
    if (!Object.hasOwn(node, key)) node[key] = {};
    node = node[key];
  }
  node[keys[keys.length - 1]] = value;
}

/**
 * Calls the builder; when it rejects a value that was converted from its text (the error's
 * path is that option's), calls it again with the text as typed. Each converted value is
 * given back at most once, so this ends.
 */
function buildWithFallback(sql, fn, parsed) {
  const converted = new Map(parsed.converted);
  const current = structuredClone(parsed.options);
  for (;;) {
    try {
      return fn(current);
    } catch (error) {
      const back = isMetricsInputError(sql, error) && error.code !== 'unknown-option' ? converted.get(error.path) : undefined;
      if (back === undefined) throw error;
      converted.delete(error.path);
      setPath(current, back.keys, back.text);
    }
  }
}

function isMetricsInputError(sql, error) {
  const type = sql.MetricsInputError;
  return typeof type === 'function' ? error instanceof type : error instanceof Error && error.name === 'MetricsInputError';
}

/** A line pointing from the option key the builder suggests to its flag (`--windows.wau` for wau in options.windows). */
function hintOf(error) {
  const near = /did you mean ([A-Za-z0-9]+)\?/.exec(error.message);
  if (near === null) return '';
  const parents = typeof error.path === 'string' && error.path.startsWith('options.') ? error.path.split('.').slice(1, -1) : [];
  const key = [...parents, near[1]].join('.');
  return `hint: the flag of ${key} is --${[...parents, near[1]].map(kebab).join('.')}\n`;
}

// ---------------------------------------------------------------------------------------
// Output.

/** The parameters of a query as a comment after it, in the form the engine's client takes. */
function parameterNote(query) {
  const params = query.params;
  const entries = Array.isArray(params) ? params.map((value, i) => [`$${i + 1}`, value]) : Object.entries(params ?? {});
  if (entries.length === 0) return '';
  if (query.dialect === 'clickhouse') {
    const flags = entries.map(([name, value]) => `--param_${name}=${shellQuoted(escapedText(value))}`);
    const set = entries.map(([name, value]) => `param_${name} = ${typeof value === 'number' ? escapedText(value) : clickhouseString(escapedText(value))}`);
    return [
      '',
      '-- Parameters, as clickhouse-client flags:',
      `--   ${flags.join(' ')}`,
      '-- or set in the session before the query:',
      `--   SET ${set.join(', ')};`,
      '-- (or print the query with the values written in: --inline)',
      '',
    ].join('\n');
  }
  return ['', '-- Parameters (values as JSON; or print the query with the values written in: --inline):', ...entries.map(([name, value]) => `--   ${name} = ${JSON.stringify(value)}`), ''].join('\n');
}

/** A value as ClickHouse reads a query parameter: its text in the Escaped format (no raw tab, newline or backslash). */
function escapedText(value) {
  const text = Object.is(value, -0) ? '-0' : String(value);
  return text.replace(/[\\\t\n\r\0]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\0': '\\0' })[c]);
}

/** `text` as one shell word: as it is when it is plain (letters, digits, `_ . , + - / : @ %`), else single-quoted. */
function shellQuoted(text) {
  return /^[A-Za-z0-9_.,+\-/:@%]+$/.test(text) ? text : `'${text.replaceAll("'", "'\\''")}'`;
}

function clickhouseString(text) {
  return `'${text.replaceAll('\\', '\\\\').replaceAll("'", "\\'")}'`;
}

function generalHelp(builders) {
  const names = [...builders.keys()];
  const width = Math.max(0, ...names.map((n) => n.length));
  return [
    `Usage: ${NAME} sql <query> --dialect <duckdb|postgres|clickhouse> (--table <name> | --subquery <sql>) [--<option> <value> ...] [--inline] [--json]`,
    '',
    'Prints a query of customer-success-metrics/sql, with its parameters, for a dbt model,',
    'a view or a scheduled query. The decoder stays in JavaScript: to get the library\'s',
    'result type from the rows, build the same query in code and call query.decode(rows).',
    '',
    'Queries:',
    ...names.map((n) => `  ${n.padEnd(width)}  (${builders.get(n).name})`),
    '',
    'Options are the builder\'s option keys in kebab-case: --user-id for userId, nested keys',
    'with a dot: --windows.wau 7. `sql <query> --help` lists a query\'s options.',
    '',
    'Values: --key value or --key=value (the second for a value starting with --); a flag',
    'without a value is true. true, false, numbers and JSON starting with [, { or " are read',
    'as JSON; anything else is text. A value the builder rejects in its JSON form is given',
    'as the text typed (--user-id 2024 is the column "2024").',
    '',
    '  --inline   write the values into the query as typed literals (for tools that cannot bind)',
    '  --json     print { "sql": ..., "params": ... }',
    '  --help     this text, or a query\'s options',
    '',
    'Exit codes: 0 printed, 2 a usage or option error, 1 anything else.',
    '',
  ].join('\n');
}

/**
 * A subcommand's options, read from the builder itself: its unknown-option error lists
 * every key; a key whose own object rejects an unknown key is nested (its keys listed too).
 */
function builderHelp(command, builder) {
  const keys = listedKeys(() => builder.fn({ [PROBE]: 1 })) ?? [];
  const rows = [];
  for (const key of keys) {
    const nested = listedKeys(() => builder.fn({ dialect: 'duckdb', table: 'events', [key]: { [PROBE]: 1 } }), `options.${key}.${PROBE}`);
    if (nested === null) rows.push([`--${kebab(key)}`, key]);
    else for (const inner of nested) rows.push([`--${kebab(key)}.${kebab(inner)}`, `${key}.${inner}`]);
  }
  const width = Math.max(0, ...rows.map(([flag]) => flag.length));
  return [
    `Usage: ${NAME} sql ${command} [--<option> <value> ...] [--inline] [--json]`,
    '',
    `The query of ${builder.name} (its documentation describes each option).`,
    '',
    'Options:',
    ...rows.map(([flag, key]) => `  ${flag.padEnd(width)}  ${key}`),
    '',
    `See ${NAME} --help for how values are read, --inline and --json.`,
    '',
  ].join('\n');
}

/** The keys an unknown-option error of `call` lists (`the options are a, b`), or null. */
function listedKeys(call, path) {
  try {
    call();
  } catch (error) {
    if (error === null || typeof error !== 'object' || error.code !== 'unknown-option') return null;
    if (path !== undefined && error.path !== path) return null;
    const match = /the options are ([A-Za-z0-9_, ]+) \(/.exec(String(error.message));
    return match === null ? null : match[1].split(', ');
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// Run as a program: against the built package.

function isProgram() {
  if (process.argv[1] === undefined) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isProgram()) {
  import('../dist/sql/index.js').then(
    (sql) => {
      process.exitCode = main(process.argv.slice(2), {
        sql,
        stdout: (text) => process.stdout.write(text),
        stderr: (text) => process.stderr.write(text),
      });
    },
    (error) => {
      process.stderr.write(`error: cannot load the built package (dist/sql/index.js; run npm run build in a checkout): ${error.message}\n`);
      process.exitCode = 1;
    },
  );
}
