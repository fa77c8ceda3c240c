// Installs what the checks of `npm run check` run in, on first use, and fails (never skips)
// when it can't:
//
// - installRuntime(name, dir): Deno, Bun or workerd from the npm registry, pinned below, into
//   <dir>/<name>-<version>/ (the smoke test and the notebook check use .smoke/runtimes/,
//   git-ignored), so the repo's own `npm ci` stays lean. Installed with --ignore-scripts: npm
//   itself installs the platform binary (an optional dependency such as
//   @deno/linux-x64-glibc), and the packages' postinstall would only link it, or download it
//   from elsewhere when it is missing.
// - installChdb(dir): chDB (ClickHouse as a Node library), pinned below, into
//   <dir>/chdb-<version>/ the same way, for the SQL tests (its platform package is ~550 MB, too
//   big for the repo's dev dependencies).
// - aptInstall(packages): Debian packages (Chromium, Jupyter) with apt-get, as root.
//
// Used by scripts/smoke.mjs, scripts/browser-check.mjs, scripts/notebook-check.mjs and
// scripts/sql-check.mjs.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** Pinned runtimes: npm package -> version, and where its platform package keeps the binary. */
export const RUNTIMES = {
  deno: { version: '2.9.6', binary: 'deno' }, // in @deno/<platform>/
  bun: { version: '1.4.5', binary: 'bin/bun' }, // in @oven/bun-<platform>/
  workerd: { version: '1.20261117.1', binary: 'bin/workerd' }, // in @cloudflare/workerd-<platform>/
};

/** Longest one install command may take. */
const TIMEOUT_MS = 10 * 60_000;

/**
 * Installs a pinned runtime into `<runtimesDir>/<name>-<version>/` unless it is already
 * there and runs, and returns its binary.
 * @param {keyof RUNTIMES} name
 * @param {string} runtimesDir
 * @returns {{ binary: string, version: string, how: 'cached' | 'installed' }}
 * @throws {Error} when npm can't install it or the binary doesn't run
 */
export function installRuntime(name, runtimesDir) {
  const { version } = RUNTIMES[name];
  const dir = path.join(runtimesDir, `${name}-${version}`);
  let found = findBinary(name, dir);
  if (found) return { ...found, how: 'cached' };
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ private: true, dependencies: { [name]: version } }, null, 2)}\n`);
  const args = ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--include=optional', '--loglevel=error'];
  mustRun('npm', args, { cwd: dir });
  found = findBinary(name, dir);
  if (!found) throw new Error(`npm installed ${name}@${version} but no binary for ${process.platform}-${process.arch}`);
  return { ...found, how: 'installed' };
}

/** Pinned chDB: its npm package (whose optional dependency @chdb/lib-<platform> holds libchdb). */
export const CHDB = { version: '3.4.0' };

/**
 * Installs the pinned chDB into `<runtimesDir>/chdb-<version>/` unless it is already there and
 * loads, and returns that folder (for `createRequire(path.join(dir, 'package.json'))('chdb')`,
 * as the SQL tests do with CSM_CHDB_DIR). Installed with --ignore-scripts like the runtimes:
 * chdb's install script is a no-op (`node -e ""`), and npm itself installs the platform package.
 * @param {string} runtimesDir
 * @returns {{ dir: string, version: string, clickhouse: string, how: 'cached' | 'installed' }}
 * @throws {Error} when npm can't install it or it doesn't load and run a query
 */
export function installChdb(runtimesDir) {
  const { version } = CHDB;
  const dir = path.resolve(runtimesDir, `chdb-${version}`);
  let found = probeChdb(dir, false);
  if (found) return { dir, ...found, how: 'cached' };
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'package.json'), `${JSON.stringify({ private: true, dependencies: { chdb: version } }, null, 2)}\n`);
  mustRun('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--include=optional', '--loglevel=error'], { cwd: dir });
  found = probeChdb(dir, true);
  return { dir, ...found, how: 'installed' };
}

/**
 * Loads chdb from `dir` in a child process and runs `SELECT version()`. Returns the versions,
 * or null (or throws, when `must`) when it is missing, another version, or doesn't work.
 */
function probeChdb(dir, must) {
  const manifest = path.join(dir, 'node_modules', 'chdb', 'package.json');
  const installed = fs.existsSync(manifest) ? JSON.parse(fs.readFileSync(manifest, 'utf8')).version : null;
  if (installed !== CHDB.version) {
    if (must) throw new Error(`npm installed chdb ${installed ?? '(nothing)'} into ${dir}, not ${CHDB.version}`);
    return null;
  }
  const script = [
    "const { createRequire } = require('node:module');",
    "const chdb = createRequire(require('node:path').join(process.argv[1], 'package.json'))('chdb');",
    'const session = new chdb.Session();',
    "try { process.stdout.write(session.query('SELECT version()', 'TSVRaw').trim()); } finally { session.close(); }",
  ].join('\n');
  const probe = run(process.execPath, ['-e', script, dir]);
  if (probe.status === 0 && probe.stdout.trim() !== '') return { version: installed, clickhouse: probe.stdout.trim() };
  if (must) throw new Error(`chdb ${installed} in ${dir} does not load on ${process.platform}-${process.arch} (${exitText(probe)}): ${probe.stderr.trim().split('\n').slice(0, 5).join(' ')}`);
  return null;
}

/** Finds the runtime's binary in the platform package npm installed, and checks that it runs. */
function findBinary(name, dir) {
  const manifest = path.join(dir, 'node_modules', name, 'package.json');
  if (!fs.existsSync(manifest)) return null;
  const { version, optionalDependencies = {} } = JSON.parse(fs.readFileSync(manifest, 'utf8'));
  if (version !== RUNTIMES[name].version) return null;
  const problems = [];
  for (const platformPackage of Object.keys(optionalDependencies)) {
    for (const suffix of ['', '.exe']) {
      const binary = path.join(dir, 'node_modules', platformPackage, RUNTIMES[name].binary + suffix);
      if (!fs.existsSync(binary)) continue;
      const probe = run(binary, ['--version']);
      if (probe.status === 0) return { binary, version: probe.stdout.trim().split('\n')[0] };
      problems.push(`${path.relative(dir, binary)} --version: ${exitText(probe)} ${probe.stderr.trim()}`);
    }
  }
  if (problems.length > 0) throw new Error(problems.join('; '));
  return null;
}

/**
 * Installs Debian packages with apt-get (update first, no recommends), as root. Call it
 * only when something is missing: it is the slow path.
 * @param {string[]} packages  e.g. ['chromium']
 * @throws {Error} when apt-get is missing, we are not root, or the install fails; the
 *   message says what to install by hand.
 */
export function aptInstall(packages) {
  const byHand = `install it by hand (Debian/Ubuntu: sudo apt-get install -y ${packages.join(' ')})`;
  if (run('apt-get', ['--version']).status !== 0) throw new Error(`apt-get is not available to install ${packages.join(', ')}: ${byHand}`);
  if (typeof process.getuid === 'function' && process.getuid() !== 0) {
    throw new Error(`installing ${packages.join(', ')} with apt-get needs root: ${byHand}`);
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  mustRun('apt-get', ['update', '-qq'], { env });
  mustRun('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...packages], { env });
}

/** The first of `candidates` (absolute paths, or names looked up in PATH) that exists. */
export function which(...candidates) {
  const dirs = (process.env.PATH ?? '').split(path.delimiter).filter(Boolean);
  for (const candidate of candidates) {
    const paths = path.isAbsolute(candidate) ? [candidate] : dirs.map((dir) => path.join(dir, candidate));
    for (const file of paths) {
      try {
        fs.accessSync(file, fs.constants.X_OK);
        if (fs.statSync(file).isFile()) return file;
      } catch {
        // not here
      }
    }
  }
  return null;
}

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: 64 << 20, ...options });
  return { ...result, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

function mustRun(command, args, options = {}) {
  const result = run(command, args, options);
  if (result.status !== 0) {
    const output = (result.stdout + result.stderr).trim().split('\n').slice(-30).map((l) => `    ${l}`).join('\n');
    throw new Error(`\`${command} ${args.join(' ')}\` failed (${exitText(result)})\n${output}`);
  }
  return result;
}

function exitText(result) {
  if (result.error) return result.error.code === 'ETIMEDOUT' ? `timed out after ${TIMEOUT_MS / 1000}s` : result.error.message;
  return result.signal ? `signal ${result.signal}` : `exit code ${result.status}`;
}

/**
 * Runs a command without blocking the event loop, collecting stdout and stderr together;
 * kills it after `timeoutMs`. Resolves (never rejects) to `{ status, output }`, where
 * `status` is the exit code, the signal's name, or `null` when it could not start.
 * @param {string} command
 * @param {string[]} args
 * @param {import('node:child_process').SpawnOptions} options
 * @param {number} timeoutMs
 * @returns {Promise<{ status: number | string | null, output: string }>}
 */
export function runAsync(command, args, options, timeoutMs) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ status: null, output: `${output}\n${error.message}` });
    });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      resolve({ status: status ?? signal, output });
    });
  });
}
