#!/usr/bin/env node
// The example notebooks through a real Jupyter (a step of `npm run check`).
//
// 1. Finds Jupyter's nbconvert with nbclient, jupyter_client and ipykernel (Debian's
//    `jupyter-nbconvert` and `python3-ipykernel`) and installs them with apt-get when they
//    are missing; gets Deno from npm as the smoke test does (scripts/smoke/runtimes.mjs,
//    cached in .smoke/runtimes/). Anything missing that can't be installed is a failure,
//    never a skip.
// 2. Packs the package (building dist/ first if it is missing) and installs the tarball into
//    a scratch project, .smoke/notebook/project/, with a deno.json `{ "nodeModulesDir":
//    "manual" }`: the notebooks' `npm:customer-success-metrics/...` imports resolve to that
//    installed copy, as a user's would to the published one. Deno fetching anything from
//    the npm registry instead is a failure.
// 3. Registers Deno's kernel (`deno jupyter --kernel`) as `deno` in a scratch JUPYTER_PATH,
//    with Jupyter's config, data and runtime directories also scratch ones, so the user's
//    own kernels and settings play no part.
// 4. Executes each notebook (examples/*.ipynb) with `jupyter nbconvert --to notebook
//    --execute` RUNS times in a row (default 5) and checks every executed notebook: no
//    error, every code cell run, and each cell tagged `expect:<mime type>` (e.g.
//    `expect:image/svg+xml`) has one output holding all its tagged types, each well formed
//    (an SVG document, a Vega-Lite v5 spec with data, an HTML table, some text).
// 5. Prints one line per run with its time, keeps the executed notebooks in
//    .smoke/notebook/runs/ and exits 1 if any run failed.
//
// Dropped outputs: Deno's kernel (2.9) forwards a cell's outputs (its result, and each
// `Deno.jupyter.display`) to IOPub from a queue, in a task of its own, and publishes
// `status: idle` as soon as the cell is done, without waiting for that queue to empty; so an
// output can reach Jupyter after the idle, and nbclient, for which idle means "all outputs
// are in", drops it. A cell's result is queued only after the cell is done, so it is the
// output most often lost (8 runs of 20 lost one). The notebooks therefore display each chart
// or table with `Deno.jupyter.display` from inside the cell and wait 50 ms before the cell
// ends (their `show` helper: no output lost in 40 runs), and this check runs them five times
// in a row. See "Notebooks" in docs/display.md.
//
// Usage: node scripts/notebook-check.mjs [--runs N] [notebook.ipynb ...]

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RUNTIMES, aptInstall, installRuntime, runAsync, which } from './smoke/runtimes.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const workDir = path.join(root, '.smoke', 'notebook');
const projectDir = path.join(workDir, 'project');
const runsDir = path.join(workDir, 'runs');
const runtimesDir = path.join(root, '.smoke', 'runtimes');
const denoDir = path.join(workDir, 'deno-dir');
/** Longest one notebook run may take (the first includes Deno loading the package). */
const RUN_TIMEOUT_MS = 10 * 60_000;
/** Longest one cell may take. */
const CELL_TIMEOUT_S = 300;
const VEGA_LITE = 'application/vnd.vegalite.v5+json';

let failures = 0;

main().catch((error) => {
  console.error(`FAIL notebook-check: ${error.message}`);
  process.exit(1);
});

async function main() {
  const { runs, notebooks } = parseArgs(process.argv.slice(2));
  const started = performance.now();

  const jupyter = findOrInstallJupyter();
  console.log(`# ${jupyter.version} (${jupyter.command.join(' ')}; nbclient ${jupyter.nbclient}, ipykernel ${jupyter.ipykernel})`);
  let time = performance.now();
  const deno = installRuntime('deno', runtimesDir);
  console.log(`# deno@${RUNTIMES.deno.version} ${deno.how} in ${seconds(time)} (${deno.version})`);

  fs.mkdirSync(workDir, { recursive: true });
  fs.rmSync(runsDir, { recursive: true, force: true });
  packAndInstall();
  const env = jupyterEnv(deno.binary);

  for (const notebook of notebooks) {
    const name = path.basename(notebook, '.ipynb');
    const times = [];
    for (let run = 1; run <= runs; run++) {
      // Deno caches what it learned of each CommonJS file by its path: start from an empty
      // cache, as a user's first run does (and so a rebuilt package is read afresh).
      if (run === 1) fs.rmSync(denoDir, { recursive: true, force: true });
      time = performance.now();
      const result = await execute(jupyter, env, notebook, `${name}-run${run}`);
      const took = (performance.now() - time) / 1000;
      times.push(took);
      const label = `${name} run ${run}/${runs}`;
      if (!result.ok) {
        fail(label, `${result.message} (${took.toFixed(1)}s)`);
        continue;
      }
      const problems = checkOutputs(result.notebook);
      if (problems.errors.length > 0) fail(label, `${problems.errors.join('; ')} (${took.toFixed(1)}s)`);
      else console.log(`ok notebook ${label}: ${problems.summary} (${took.toFixed(1)}s)`);
    }
    console.log(`# ${name}: ${runs} runs in ${times.map((t) => `${t.toFixed(1)}s`).join(', ')}`);
  }
  checkNothingFetched();

  if (failures > 0) {
    console.error(`\nnotebook-check: ${failures} failure${failures === 1 ? '' : 's'} in ${seconds(started)}; executed notebooks in ${path.relative(root, runsDir)}/`);
    process.exit(1);
  }
  console.log(`\nnotebook-check: all runs passed in ${seconds(started)}; executed notebooks in ${path.relative(root, runsDir)}/`);
}

function parseArgs(args) {
  let runs = 5;
  const notebooks = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--runs') {
      runs = Number(args[++i]);
      if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs takes a positive integer');
    } else notebooks.push(path.resolve(args[i]));
  }
  if (notebooks.length === 0) {
    const dir = path.join(root, 'examples');
    notebooks.push(...fs.readdirSync(dir).filter((f) => f.endsWith('.ipynb')).sort().map((f) => path.join(dir, f)));
  }
  if (notebooks.length === 0) throw new Error('no notebook in examples/');
  return { runs, notebooks };
}

// --- Jupyter -------------------------------------------------------------------------

/** Jupyter's nbconvert with nbclient and ipykernel; installed with apt-get when missing. */
function findOrInstallJupyter() {
  let found = findJupyter();
  if (found.ok) return found;
  console.log(`# ${found.problem}: apt-get install jupyter-nbconvert python3-ipykernel`);
  const started = performance.now();
  aptInstall(['jupyter-nbconvert', 'python3-ipykernel']);
  found = findJupyter();
  if (!found.ok) throw new Error(`apt-get installed jupyter-nbconvert and python3-ipykernel, but ${found.problem}`);
  console.log(`# installed jupyter-nbconvert and python3-ipykernel in ${seconds(started)}`);
  return found;
}

/**
 * `jupyter nbconvert` and the Python it runs on, if nbconvert runs and that Python has
 * nbclient, jupyter_client and ipykernel. Debian's packages are looked for first in
 * /usr/bin, then PATH (a pyenv shim or a virtualenv may shadow them).
 */
function findJupyter() {
  const candidates = [...new Set(['/usr/bin/jupyter-nbconvert', which('jupyter-nbconvert')].filter((c) => c && which(c)))];
  if (candidates.length === 0) return { ok: false, problem: 'jupyter-nbconvert is missing' };
  let problem = '';
  for (const nbconvert of candidates) {
    const version = spawnSync(nbconvert, ['--version'], { encoding: 'utf8' });
    if (version.status !== 0) {
      problem = `${nbconvert} --version failed`;
      continue;
    }
    const python = interpreterOf(nbconvert);
    const probe = spawnSync(python[0], [...python.slice(1), '-c', 'import nbclient, jupyter_client, ipykernel; print(nbclient.__version__, ipykernel.__version__)'], {
      encoding: 'utf8',
    });
    if (probe.status !== 0) {
      problem = `${python.join(' ')} lacks nbclient, jupyter_client or ipykernel`;
      continue;
    }
    const [nbclient, ipykernel] = probe.stdout.trim().split(/\s+/);
    const jupyter = path.join(path.dirname(nbconvert), 'jupyter');
    const command = which(jupyter) ? [jupyter, 'nbconvert'] : [nbconvert];
    return { ok: true, command, version: `nbconvert ${version.stdout.trim()}`, nbclient, ipykernel };
  }
  return { ok: false, problem };
}

/** The interpreter of a script's `#!` line (e.g. ['/usr/bin/python3']). */
function interpreterOf(script) {
  const first = fs.readFileSync(script, 'utf8').split('\n', 1)[0];
  if (!first.startsWith('#!')) return ['python3'];
  const parts = first.slice(2).trim().split(/\s+/);
  return parts[0].endsWith('/env') ? parts.slice(1) : parts;
}

/**
 * The environment of nbconvert: Jupyter's directories scratch ones, and one kernel, Deno's,
 * named `deno` as the notebooks' metadata says.
 */
function jupyterEnv(deno) {
  const jupyterDir = path.join(workDir, 'jupyter');
  fs.rmSync(jupyterDir, { recursive: true, force: true });
  const kernelDir = path.join(jupyterDir, 'path', 'kernels', 'deno');
  fs.mkdirSync(kernelDir, { recursive: true });
  const kernel = {
    argv: [deno, 'jupyter', '--kernel', '--conn', '{connection_file}'],
    display_name: `Deno ${RUNTIMES.deno.version} (npm run check)`,
    language: 'typescript',
    env: { DENO_DIR: denoDir, DENO_NO_UPDATE_CHECK: '1', NO_COLOR: '1' },
  };
  fs.writeFileSync(path.join(kernelDir, 'kernel.json'), `${JSON.stringify(kernel, null, 2)}\n`);
  return {
    ...process.env,
    JUPYTER_PATH: path.join(jupyterDir, 'path'),
    JUPYTER_CONFIG_DIR: path.join(jupyterDir, 'config'),
    JUPYTER_DATA_DIR: path.join(jupyterDir, 'data'),
    JUPYTER_RUNTIME_DIR: path.join(jupyterDir, 'runtime'),
    JUPYTER_PLATFORM_DIRS: '1',
    PYTHONNOUSERSITE: '1',
  };
}

// --- the package ----------------------------------------------------------------------

/** Packs the repo and installs the tarball into the scratch project, with its deno.json. */
function packAndInstall() {
  if (!fs.existsSync(path.join(root, 'dist', 'index.js'))) {
    console.log('# dist/ is missing: npm run build');
    mustRun('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  }
  let started = performance.now();
  for (const file of fs.readdirSync(workDir)) if (file.endsWith('.tgz')) fs.rmSync(path.join(workDir, file));
  const packed = mustRun('npm', ['pack', '--json', '--loglevel=error', '--pack-destination', workDir], { cwd: root });
  const [info] = JSON.parse(packed.stdout);
  console.log(`# packed ${info.filename} in ${seconds(started)}`);

  started = performance.now();
  fs.rmSync(projectDir, { recursive: true, force: true });
  fs.mkdirSync(projectDir, { recursive: true });
  writeJson(path.join(projectDir, 'package.json'), { name: 'notebook-project', private: true });
  mustRun('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', `../${info.filename}`], { cwd: projectDir });
  // Deno resolves npm: specifiers from this node_modules, as npm installed it, and fetches nothing.
  writeJson(path.join(projectDir, 'deno.json'), { nodeModulesDir: 'manual', lock: false });
  console.log(`# installed it into ${path.relative(root, projectDir)}/ in ${seconds(started)}`);
}

/** Deno fetched nothing from the npm registry: the notebooks ran on the packed package. */
function checkNothingFetched() {
  const registry = path.join(denoDir, 'npm');
  const fetched = fs.existsSync(registry) ? fs.readdirSync(registry, { recursive: true }).filter((f) => f.endsWith('package.json')) : [];
  if (fetched.length > 0) fail('packed package', `Deno fetched from npm instead of using the packed package: ${fetched.slice(0, 5).join(', ')}`);
  else console.log('ok notebook imports: the packed package, nothing fetched from npm');
}

// --- a run ----------------------------------------------------------------------------

/** Executes a copy of the notebook in the scratch project with `jupyter nbconvert --execute`. */
async function execute(jupyter, env, notebook, name) {
  fs.mkdirSync(runsDir, { recursive: true });
  const input = path.join(projectDir, `${name}.ipynb`);
  const output = path.join(runsDir, `${name}.ipynb`);
  fs.copyFileSync(notebook, input);
  fs.rmSync(output, { force: true });
  const args = [
    ...jupyter.command.slice(1),
    '--to',
    'notebook',
    '--execute',
    `--ExecutePreprocessor.timeout=${CELL_TIMEOUT_S}`,
    '--ExecutePreprocessor.kernel_name=deno',
    '--output-dir',
    runsDir,
    '--output',
    name,
    input,
  ];
  const result = await runAsync(jupyter.command[0], args, { cwd: projectDir, env }, RUN_TIMEOUT_MS);
  fs.rmSync(input, { force: true });
  fs.writeFileSync(path.join(runsDir, `${name}.log`), result.output);
  if (result.status !== 0 || !fs.existsSync(output)) {
    return { ok: false, message: `nbconvert exited with ${result.status}\n${indent(tail(result.output, 25))}` };
  }
  return { ok: true, notebook: JSON.parse(fs.readFileSync(output, 'utf8')) };
}

/**
 * Checks an executed notebook: no error output, every code cell run, and each cell tagged
 * `expect:<type>` has one rich output (display_data or execute_result) with all its types.
 */
function checkOutputs(nb) {
  const errors = [];
  let expected = 0;
  let bundles = 0;
  nb.cells.forEach((cell, index) => {
    if (cell.cell_type !== 'code') return;
    const where = `cell ${index + 1}`;
    const outputs = cell.outputs ?? [];
    if (cell.execution_count === null || cell.execution_count === undefined) errors.push(`${where} was not run`);
    for (const o of outputs) {
      if (o.output_type === 'error') errors.push(`${where} raised ${o.ename}: ${o.evalue}`);
      if (o.output_type === 'stream' && o.name === 'stderr') errors.push(`${where} wrote to stderr: ${tail(text(o.text), 3)}`);
    }
    const types = (cell.metadata?.tags ?? []).filter((t) => t.startsWith('expect:')).map((t) => t.slice('expect:'.length));
    if (types.length === 0) return;
    expected++;
    const rich = outputs.filter((o) => o.output_type === 'display_data' || o.output_type === 'execute_result');
    if (rich.length !== 1) {
      errors.push(`${where} has ${rich.length} outputs with data, expected 1 with ${types.join(', ')} (a dropped output?)`);
      return;
    }
    const data = rich[0].data ?? {};
    for (const type of types) {
      if (!(type in data)) errors.push(`${where} lacks ${type} (has ${Object.keys(data).join(', ') || 'nothing'})`);
      else {
        const problem = malformed(type, data[type]);
        if (problem) errors.push(`${where} ${type}: ${problem}`);
      }
    }
    bundles++;
  });
  if (expected === 0) errors.push('no cell is tagged expect:<mime type>: nothing to check');
  return { errors, summary: `${bundles}/${expected} tagged outputs with their MIME bundles` };
}

/** Why a MIME bundle's part is not what its type promises, or null. */
function malformed(type, value) {
  if (type === VEGA_LITE) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return 'not a JSON object';
    if (!String(value.$schema).includes('vega-lite/v5')) return `$schema is ${value.$schema}`;
    return JSON.stringify(value).includes('"values":[{') ? null : 'no inline data values';
  }
  const s = text(value);
  if (type === 'image/svg+xml') return /^\s*(<\?xml[^>]*>\s*)?<svg\b/.test(s) && s.trimEnd().endsWith('</svg>') ? null : 'not an SVG document';
  if (type === 'text/html') return /<table\b[\s\S]*<\/table>/.test(s) ? null : 'no <table>';
  return s.trim() === '' ? 'empty' : null;
}

// --- small helpers --------------------------------------------------------------------

/** A notebook's multiline string (a string or a list of lines). */
function text(value) {
  return Array.isArray(value) ? value.join('') : String(value);
}


function mustRun(command, args, options) {
  const result = spawnSync(command, args, { encoding: 'utf8', maxBuffer: 64 << 20, ...options });
  if (result.status !== 0) {
    throw new Error(`\`${command} ${args.join(' ')}\` failed (exit ${result.status ?? result.signal})\n${indent(tail(`${result.stdout ?? ''}${result.stderr ?? ''}`, 25))}`);
  }
  return result;
}

function fail(name, message) {
  failures++;
  console.log(`FAIL notebook ${name}: ${message}`);
}

function writeJson(file, value) {
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

function tail(s, lines) {
  return s.trim().split('\n').slice(-lines).join('\n');
}

function indent(s) {
  return s.split('\n').map((l) => `    ${l}`).join('\n');
}

function seconds(since) {
  return `${((performance.now() - since) / 1000).toFixed(1)}s`;
}
