#!/usr/bin/env node
// Runtime smoke test of the packed package (the last step of `npm run check`).
//
// 1. `npm pack` the repo (building first if dist/ is missing) into .smoke/, and
//    `npm install` the tarball into a fresh scratch project, .smoke/project/.
// 2. Import every entry point of package.json "exports" and run the checks of
//    scripts/smoke/checks.mjs in Node (import and require), Deno (import and require),
//    Bun (import and require) and Cloudflare's workerd (an esbuild bundle, as wrangler
//    makes, run by `workerd test`).
// 3. Run the examples of examples/ against the installed tarball (scripts/smoke/examples.mjs),
//    and the command-line entry (`npx customer-success-metrics sql active-users ...`).
// 4. Print one line per check, and exit 1 if anything failed.
//
// Deno, Bun and workerd come from the npm registry, pinned in scripts/smoke/runtimes.mjs, and
// are installed on first use into .smoke/runtimes/ (git-ignored), so the repo's own `npm ci`
// stays lean. A runtime that can't be installed or doesn't run is a failure, never a skip.
//
// Usage: node scripts/smoke.mjs

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MARKER, checks } from './smoke/checks.mjs';
import { runExamples } from './smoke/examples.mjs';
import { RUNTIMES, installRuntime } from './smoke/runtimes.mjs';

/** Longest a single command may take (a first `npm install` of a runtime included). */
const TIMEOUT_MS = 5 * 60_000;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const smokeDir = path.join(root, '.smoke');
const projectDir = path.join(smokeDir, 'project');
const runtimesDir = path.join(smokeDir, 'runtimes');
const templatesDir = path.join(root, 'scripts', 'smoke');

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
/** Entry subpaths ('.', './engagement', ...): every key of "exports" but ./package.json. */
const entries = Object.keys(pkg.exports).filter((key) => !key.endsWith('.json'));

let failures = 0;
/** Results of the import lines per runtime, to compare export lists across runtimes. */
const exportLists = {};

main().catch((error) => {
  console.error(`FAIL smoke: ${error.message}`);
  process.exit(1);
});

async function main() {
  fs.mkdirSync(smokeDir, { recursive: true });
  packAndInstall();
  writeRunners();

  runIn('node-esm', 'node', ['run.mjs']);
  runIn('node-cjs', 'node', ['run.cjs']);

  const deno = runtime('deno');
  const denoEnv = { DENO_DIR: path.join(runtimesDir, 'deno-dir'), DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' };
  if (deno) {
    const env = denoEnv;
    // Deno caches what it learned of each CommonJS file by its path; a rebuilt package of the
    // same version would be read through that stale cache (chunks of the previous build).
    fs.rmSync(denoEnv.DENO_DIR, { recursive: true, force: true });
    // --node-modules-dir=manual: resolve the package from the scratch project's node_modules,
    // as npm installed it; Deno fetches nothing.
    const flags = ['run', '--node-modules-dir=manual', '--no-lock'];
    runIn('deno-esm', deno, [...flags, 'run.mjs'], env);
    runIn('deno-cjs', deno, [...flags, 'run.cjs'], env);
  }

  const bun = runtime('bun');
  if (bun) {
    const env = { DO_NOT_TRACK: '1', NO_COLOR: '1' };
    runIn('bun-esm', bun, ['--no-install', 'run.mjs'], env);
    runIn('bun-cjs', bun, ['--no-install', 'run.cjs'], env);
  }

  const workerd = runtime('workerd');
  if (workerd) {
    const started = performance.now();
    const bundled = await bundleWorker('worker.mjs', 'worker.bundle.mjs');
    if (bundled) {
      runIn('workerd', workerd, ['test', '--no-verbose', 'workerd.capnp'], {}, performance.now() - started);
    }
  }

  compareExports();
  checkCommandLine();
  await runExamples({ root, projectDir, deno, denoEnv, workerd, bundle: bundleWorker, run, fail });
  if (failures > 0) {
    console.error(`\nsmoke: ${failures} failure${failures === 1 ? '' : 's'}`);
    process.exit(1);
  }
  console.log('\nsmoke: all checks passed');
}

/** Packs the repo and installs the tarball into a fresh scratch project. */
function packAndInstall() {
  if (!fs.existsSync(path.join(root, 'dist', 'index.js'))) {
    console.log('# dist/ is missing: npm run build');
    mustRun('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  }
  let started = performance.now();
  for (const file of fs.readdirSync(smokeDir)) {
    if (file.endsWith('.tgz')) fs.rmSync(path.join(smokeDir, file));
  }
  const packed = mustRun('npm', ['pack', '--json', '--loglevel=error', '--pack-destination', smokeDir], { cwd: root });
  const [info] = JSON.parse(packed.stdout);
  console.log(`# packed ${info.filename} (${info.entryCount} files, ${kB(info.size)}) in ${seconds(started)}`);

  started = performance.now();
  fs.rmSync(projectDir, { recursive: true, force: true });
  fs.mkdirSync(projectDir, { recursive: true });
  writeJson(path.join(projectDir, 'package.json'), { name: 'smoke-project', private: true });
  mustRun('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `../${info.filename}`], { cwd: projectDir });
  console.log(`# installed it into ${path.relative(root, projectDir)}/ in ${seconds(started)}`);
}

/** Writes the runners into the scratch project: one ESM, one CJS, one worker. */
function writeRunners() {
  fs.copyFileSync(path.join(templatesDir, 'checks.mjs'), path.join(projectDir, 'checks.mjs'));
  fs.copyFileSync(path.join(templatesDir, 'workerd.capnp'), path.join(projectDir, 'workerd.capnp'));
  const header = '// Generated by scripts/smoke.mjs: loads every entry point, then runs ./checks.mjs.\n';
  const specifier = (entry) => (entry === '.' ? pkg.name : `${pkg.name}/${entry.slice(2)}`);
  const imports = entries.map((entry, i) => `import * as m${i} from '${specifier(entry)}';`).join('\n');
  const modules = `{\n${entries.map((entry, i) => `  '${entry}': m${i},`).join('\n')}\n}`;
  const requires = `{\n${entries.map((entry) => `  '${entry}': require('${specifier(entry)}'),`).join('\n')}\n}`;
  const run = `runChecks(modules, '${pkg.name}')`;

  fs.writeFileSync(
    path.join(projectDir, 'run.mjs'),
    `${header}${imports}\nimport { runChecks, report } from './checks.mjs';\n\nconst modules = ${modules};\nreport(${run});\n`,
  );
  fs.writeFileSync(
    path.join(projectDir, 'run.cjs'),
    `${header}const modules = ${requires};\n` +
      `import('./checks.mjs').then(({ runChecks, report }) => report(${run}));\n`,
  );
  fs.writeFileSync(
    path.join(projectDir, 'worker.mjs'),
    `${header}${imports}\nimport { runChecks, report } from './checks.mjs';\n\nconst modules = ${modules};\n` +
      `export default {\n  test() {\n    report(${run});\n  },\n};\n`,
  );
}

/** Bundles a worker of the scratch project with the package (e.g. worker.mjs into worker.bundle.mjs), as wrangler would. */
async function bundleWorker(entry, outfile) {
  let esbuild;
  try {
    esbuild = await import('esbuild'); // installed with tsup
  } catch (error) {
    return fail('workerd', `can't load esbuild to bundle the worker: ${error.message}`);
  }
  try {
    await esbuild.build({
      absWorkingDir: projectDir,
      entryPoints: [entry],
      outfile,
      bundle: true,
      format: 'esm',
      platform: 'neutral',
      conditions: ['workerd', 'worker', 'browser'], // wrangler's resolve conditions
      mainFields: ['module', 'main'],
      target: 'es2022',
      logLevel: 'silent',
    });
    return true;
  } catch (error) {
    return fail('workerd', `esbuild could not bundle the worker:\n${error.message}`);
  }
}

/**
 * Runs one runner in the scratch project and reports its results.
 * @param {string} name  e.g. 'deno-cjs'
 */
function runIn(name, command, args, env = {}, extraMs = 0) {
  const started = performance.now() - extraMs;
  const result = run(command, args, { cwd: projectDir, env: { ...process.env, ...env } });
  const line = result.stdout.split('\n').find((l) => l.startsWith(MARKER));
  if (!line) {
    return fail(name, `no results (${exitText(result)})\n${indent(result.stdout + result.stderr)}`);
  }
  const results = JSON.parse(line.slice(MARKER.length));
  const verb = name.endsWith('-cjs') ? 'require' : 'import';
  for (const r of results) {
    const text = r.exports ? `${verb} ${r.text}` : r.text;
    if (r.ok) console.log(`ok ${name} ${text}`);
    else fail(name, text);
    if (r.exports) (exportLists[r.entry] ??= {})[name] = r.exports;
  }
  const expectedCount = entries.length + checks.length;
  if (results.length !== expectedCount) fail(name, `${results.length} results, expected ${expectedCount}`);
  if (result.status !== 0) fail(name, `exited with ${exitText(result)}\n${indent(result.stderr)}`);
  console.log(`# ${name}: ${seconds(started)}`);
}

/**
 * The command-line entry of the installed package (`npx customer-success-metrics sql ...`,
 * package.json `bin`) prints a query, and exits 2 on a misspelled option.
 */
function checkCommandLine() {
  const started = performance.now();
  const args = ['--no-install', 'customer-success-metrics', 'sql', 'active-users', '--dialect', 'clickhouse', '--table', 'events', '--user-id', 'user_id', '--timestamp', 'ts', '--time-zone', 'Europe/Berlin'];
  const printed = run('npx', args, { cwd: projectDir });
  if (printed.status !== 0 || !printed.stdout.includes('FROM `events`') || !printed.stdout.includes('--param_p1=')) {
    return fail('cli', `npx ${args.join(' ')}: ${exitText(printed)}\n${indent(printed.stdout + printed.stderr)}`);
  }
  const wrong = run('npx', [...args, '--time-zon', 'UTC'], { cwd: projectDir });
  if (wrong.status !== 2 || !wrong.stderr.includes('did you mean timeZone')) {
    return fail('cli', `a misspelled flag: ${exitText(wrong)}\n${indent(wrong.stdout + wrong.stderr)}`);
  }
  console.log(`ok cli npx customer-success-metrics sql active-users prints a ClickHouse query (${seconds(started)})`);
}

/** Every runtime must see the same export names in each entry point (ESM and CJS builds agree). */
function compareExports() {
  let agree = true;
  for (const entry of entries) {
    const lists = Object.entries(exportLists[entry] ?? {});
    const [first, ...rest] = lists;
    if (!first) continue;
    const differing = rest.filter(([, names]) => names.join() !== first[1].join());
    for (const [name, names] of differing) {
      agree = false;
      fail('exports', `${entry}: ${name} sees [${names.join(', ')}] but ${first[0]} sees [${first[1].join(', ')}]`);
    }
  }
  const runtimes = new Set(Object.values(exportLists).flatMap((byRuntime) => Object.keys(byRuntime)));
  if (agree) console.log(`ok exports agree in ${entries.length} entry points across ${runtimes.size} runs`);
}

/**
 * Installs a pinned runtime into .smoke/runtimes/<name>-<version>/ unless it is already
 * there (scripts/smoke/runtimes.mjs), and returns the path of its binary (or null after
 * reporting the failure).
 */
function runtime(name) {
  const { version } = RUNTIMES[name];
  const started = performance.now();
  try {
    const found = installRuntime(name, runtimesDir);
    console.log(`# ${name}@${version} ${found.how} in ${seconds(started)} (${found.version})`);
    return found.binary;
  } catch (error) {
    fail(name, `can't install or run ${name}@${version}: ${error.message}`);
    return null;
  }
}

// --- small helpers ---

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', timeout: TIMEOUT_MS, maxBuffer: 64 << 20, ...options });
  return { ...result, stdout: result.stdout ?? '', stderr: result.stderr ?? '' };
}

function mustRun(command, args, options) {
  const result = run(command, args, options);
  if (result.status !== 0) {
    const where = path.relative(root, options.cwd) || '.';
    throw new Error(`\`${command} ${args.join(' ')}\` in ${where} failed (${exitText(result)})\n${indent(result.stdout + result.stderr)}`);
  }
  return result;
}

function fail(name, message) {
  failures++;
  console.log(`FAIL ${name} ${message}`);
  return false;
}

function exitText(result) {
  if (result.error) return result.error.code === 'ETIMEDOUT' ? `timed out after ${TIMEOUT_MS / 1000}s` : result.error.message;
  return result.signal ? `signal ${result.signal}` : `exit code ${result.status}`;
}

function indent(text) {
  return text.trim().split('\n').map((l) => `    ${l}`).join('\n');
}

function writeJson(file, value) {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

function seconds(since) {
  return `${((performance.now() - since) / 1000).toFixed(2)}s`;
}

function kB(bytes) {
  return `${(bytes / 1000).toFixed(1)} kB`;
}
