// The examples step of the smoke test (called by scripts/smoke.mjs once the packed tarball
// is installed in .smoke/project/): copies examples/ into the scratch project, so that
// `customer-success-metrics` resolves to the installed tarball as it would for a user, runs
// each example in its runtime and checks that its output holds the expected numbers.
//
//   csv-report.ts   tsx (Node)     DAU/WAU/MAU of the last day and weekly active users
//   deno-script.ts  Deno           NPS with its interval, as JSON
//   worker.ts       workerd        bundled with esbuild; a `workerd test` handler posts to it
//   node-http.ts    tsx (Node)     main(0) listens; GET /dau is fetched over HTTP
//
// The expected numbers, and where they come from, are next to each check below.

import fs from 'node:fs';
import path from 'node:path';

/** Files of examples/ that the step copies (and so the examples it can run). */
const FILES = ['csv-report.ts', 'deno-script.ts', 'worker.ts', 'node-http.ts', 'worker-threads-dau.mts', 'data/events.csv'];
const MARKER = '__EXAMPLE_RESULT__';

/**
 * Runs the examples in the scratch project.
 * @param {object} ctx
 * @param {string} ctx.root  the repo
 * @param {string} ctx.projectDir  the scratch project with the tarball installed
 * @param {string | null} ctx.deno  Deno's binary (null when it could not be installed: already reported)
 * @param {Record<string, string>} ctx.denoEnv
 * @param {string | null} ctx.workerd  workerd's binary (likewise)
 * @param {(entry: string, outfile: string) => Promise<boolean>} ctx.bundle  esbuild, as for the smoke worker
 * @param {(command: string, args: string[], options?: object) => { status: number | null, stdout: string, stderr: string }} ctx.run
 * @param {(name: string, message: string) => false} ctx.fail
 */
export async function runExamples({ root, projectDir, deno, denoEnv, workerd, bundle, run, fail }) {
  const examplesDir = path.join(projectDir, 'examples');
  fs.rmSync(examplesDir, { recursive: true, force: true });
  for (const file of FILES) {
    fs.mkdirSync(path.dirname(path.join(examplesDir, file)), { recursive: true });
    fs.copyFileSync(path.join(root, 'examples', file), path.join(examplesDir, file));
  }
  const tsx = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'tsx.cmd' : 'tsx');
  const inProject = (command, args, env = {}) => run(command, args, { cwd: projectDir, env: { ...process.env, NO_COLOR: '1', ...env } });

  /** Runs one example and checks its output: `checks` maps a label to a RegExp or a predicate. */
  const example = (name, result, checks) => {
    const started = result.started;
    if (result.status !== 0) return fail(`example ${name}`, `exited with ${result.status ?? result.signal ?? result.error}\n${indent(result.stdout + result.stderr)}`);
    const missing = Object.entries(checks).filter(([, test]) => {
      try {
        return test instanceof RegExp ? !test.test(result.stdout) : !test(result.stdout);
      } catch {
        return true;
      }
    });
    if (missing.length > 0) {
      return fail(`example ${name}`, `output lacks ${missing.map(([label]) => label).join('; ')}\n${indent(result.stdout + result.stderr)}`);
    }
    console.log(`ok example ${name}: ${Object.keys(checks).join('; ')} (${seconds(started)})`);
    return true;
  };
  const timed = (fn) => {
    const started = performance.now();
    return { ...fn(), started };
  };

  // csv-report: numbers from an independent pass over examples/data/events.csv in Python
  // (csv.DictReader; sets of users per UTC day; windows of 7 and 30 days ending 2024-03-31;
  // weeks from Monday): DAU 7, WAU 12, MAU 15, DAU/MAU 7/15 = 0.467; weeks 1, 5, 8, 11, 12.
  example('csv-report (tsx)', timed(() => inProject(tsx, ['examples/csv-report.ts'])), {
    '185 events, 15 users': /185 events, 15 users, 2024-03-01 to 2024-03-31/,
    'DAU 7': /DAU\s+7\b/,
    'WAU 12': /WAU\s+12\b/,
    'MAU 15': /MAU\s+15\b/,
    'DAU/MAU 0.467': /DAU\/MAU\s+0\.467\b/,
    'weeks 1 5 8 11 12': (out) =>
      [...out.matchAll(/^\s+(\d{4}-\d\d-\d\d)\s+(\d+)/gm)].map((m) => `${m[1]}=${m[2]}`).join(' ') ===
      '2024-02-26=1 2024-03-04=5 2024-03-11=8 2024-03-18=11 2024-03-25=12',
  });

  // worker-threads-dau: 100,000 seeded events over two worker threads, states merged; the example checks
  // itself that the merged result deep-equals activeUsers over all events (N <= 200,000). Last-day
  // figures from an independent Python pass over the same generator (mulberry32 seed 20240101; sets of
  // users per UTC day; 7- and 30-day windows ending 2024-12-31): DAU 53, WAU 290, MAU 1092, 53/1092 = 0.049.
  example('worker-threads-dau (tsx)', timed(() => inProject(tsx, ['examples/worker-threads-dau.mts', '100000'])), {
    'merged = one-shot': /check: the merged result deep-equals activeUsers over all events/,
    'last day 2024-12-31': /Last day 2024-12-31/,
    'DAU 53': /DAU\s+53\b/,
    'WAU 290': /WAU\s+290\b/,
    'MAU 1092': /MAU\s+1092\b/,
    'DAU/MAU 0.049': /DAU\/MAU\s+0\.049\b/,
  });

  // deno-script: by hand, answers 10 9 9 8 7 6 3 10 9 5: promoters 5, passives 2, detractors 3,
  // NPS = 100 (0.5 - 0.3) = 20; Wald SE = 100 sqrt((0.5 + 0.3 - 0.2^2) / 10) = 27.568,
  // margin = 1.959964 * 27.568 = 54.03, interval [-34.03, 74.03] (the @example of src/scores/nps.ts).
  if (deno) {
    const flags = ['run', '--node-modules-dir=manual', '--no-lock', 'examples/deno-script.ts'];
    const near = (a, b) => typeof a === 'number' && Math.abs(a - b) < 0.005;
    example('deno-script (deno)', timed(() => inProject(deno, flags, denoEnv)), {
      'score 20': (out) => JSON.parse(out).score === 20,
      'interval [-34.03, 74.03]': (out) => near(JSON.parse(out).interval[0], -34.03) && near(JSON.parse(out).interval[1], 74.03),
      'margin 54.03': (out) => near(JSON.parse(out).marginOfError, 54.03),
      'counts 5/2/3 of 10': (out) => JSON.stringify(JSON.parse(out).counts) === '{"n":10,"promoters":5,"passives":2,"detractors":3}',
    });
  }

  // worker: the @example of src/scores/health-score.ts, same components: dauMau 0.3 -> 60 (x 0.4 = 24),
  // nps 40 -> 70 (x 0.3 = 21), 4 tickets -> 50 (x 0.3 = 15): score 60, yellow; without nps the
  // weights are 4/7 and 3/7: 60 * 4/7 + 50 * 3/7 = 55.71. A GET is refused with 405, bad JSON with 400.
  if (workerd) {
    const started = performance.now();
    fs.writeFileSync(
      path.join(projectDir, 'examples-worker-test.mjs'),
      `// Generated by scripts/smoke/examples.mjs: posts to examples/worker.ts and prints the answers.\n` +
        `import worker from './examples/worker.ts';\n\n` +
        `const post = (body) => new Request('http://example.test/', { method: 'POST', body });\n` +
        `export default {\n  async test() {\n    const answers = [];\n` +
        `    for (const request of [post('{"dauMau":0.3,"nps":40,"openTickets":4}'), post('{"dauMau":0.3,"openTickets":4}'), new Request('http://example.test/'), post('not json')]) {\n` +
        `      const response = await worker.fetch(request);\n      answers.push({ status: response.status, body: await response.json() });\n    }\n` +
        `    console.log('${MARKER}' + JSON.stringify(answers));\n  },\n};\n`,
    );
    fs.writeFileSync(
      path.join(projectDir, 'examples-workerd.capnp'),
      `# Generated by scripts/smoke/examples.mjs: runs examples-worker-test.mjs (examples/worker.ts bundled).\n` +
        `using Workerd = import "/workerd/workerd.capnp";\n\n` +
        `const config :Workerd.Config = (\n  services = [ (name = "example", worker = .exampleWorker) ],\n);\n\n` +
        `const exampleWorker :Workerd.Worker = (\n  modules = [ (name = "worker.mjs", esModule = embed "examples-worker.bundle.mjs") ],\n` +
        `  compatibilityDate = "2025-09-01",\n);\n`,
    );
    if (await bundle('examples-worker-test.mjs', 'examples-worker.bundle.mjs')) {
      const answers = (out) => JSON.parse(out.split('\n').find((line) => line.startsWith(MARKER)).slice(MARKER.length));
      const result = { ...inProject(workerd, ['test', '--no-verbose', 'examples-workerd.capnp']), started };
      example('worker (workerd)', result, {
        'score 60 yellow': (out) => {
          const [{ status, body }] = answers(out);
          return status === 200 && body.score === 60 && body.band === 'yellow' && body.missing.length === 0;
        },
        'without nps 55.71': (out) => {
          const { status, body } = answers(out)[1];
          return status === 200 && Math.abs(body.score - 55.71) < 0.005 && body.missing.join() === 'nps';
        },
        'GET 405, bad JSON 400': (out) => answers(out)[2].status === 405 && answers(out)[3].status === 400,
      });
    }
  }

  // node-http: the built-in dataset, worked by hand. UTC: 03-01 ana, ben (DAU 2); 03-02 ana, cy (2);
  // 03-03 ana (1, WAU 3, DAU/MAU 1/3). Europe/Berlin (UTC+1): cy's 23:30Z moves to 03-03, so the
  // DAUs are 2, 1, 2. An unknown zone is a 400.
  fs.writeFileSync(
    path.join(projectDir, 'examples-node-http.mjs'),
    `// Generated by scripts/smoke/examples.mjs: starts examples/node-http.ts and fetches from it.\n` +
      `import { main } from './examples/node-http.ts';\n\n` +
      `const server = await main(0);\nconst base = 'http://127.0.0.1:' + server.address().port;\nconst answers = [];\n` +
      `for (const query of ['/dau?timeZone=UTC', '/dau?timeZone=Europe/Berlin&from=2024-03-01&to=2024-03-03', '/dau?timeZone=Mars/Base']) {\n` +
      `  const response = await fetch(base + query);\n  answers.push({ status: response.status, body: await response.json() });\n}\n` +
      `server.close();\nconsole.log('${MARKER}' + JSON.stringify(answers));\n`,
  );
  const answers = (out) => JSON.parse(out.split('\n').find((line) => line.startsWith(MARKER)).slice(MARKER.length));
  const dau = (answer) => answer.body.days.map((day) => day.dau).join(',');
  example('node-http (tsx)', timed(() => inProject(tsx, ['examples-node-http.mjs'])), {
    'UTC DAU 2,2,1': (out) => answers(out)[0].status === 200 && dau(answers(out)[0]) === '2,2,1',
    'WAU 3, DAU/MAU 1/3 on 03-03': (out) => {
      const last = answers(out)[0].body.days[2];
      return last.date === '2024-03-03' && last.wau === 3 && Math.abs(last.dauMau - 1 / 3) < 1e-9;
    },
    'Berlin DAU 2,1,2': (out) => answers(out)[1].body.timeZone === 'Europe/Berlin' && dau(answers(out)[1]) === '2,1,2',
    'unknown zone 400': (out) => answers(out)[2].status === 400,
  });
}

function indent(text) {
  return text.trim().split('\n').map((l) => `    ${l}`).join('\n');
}

function seconds(since) {
  return `${((performance.now() - since) / 1000).toFixed(2)}s`;
}
