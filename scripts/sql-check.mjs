#!/usr/bin/env node
// The SQL tests against all three engines (a step of `npm run check`).
//
// 1. Installs chDB (ClickHouse as a Node library), pinned in scripts/smoke/runtimes.mjs, into
//    .smoke/runtimes/chdb-<version>/ (git-ignored) unless it is already there and loads: its
//    platform package is ~550 MB, so it is no dev dependency of the repo and `npm test` runs the
//    SQL tests on DuckDB and PGlite only. An install that fails is a failure, never a skip.
// 2. Runs `vitest run test/sql` (or the vitest arguments given) with CSM_CHDB_DIR pointing at
//    that folder, so the tests open chDB too and fail if it doesn't load
//    (test/sql/support/engines.ts). CSM_SQL_SEED, like the rest of the environment, passes
//    through. Exits with vitest's status.
//
// Usage: node scripts/sql-check.mjs [vitest arguments, default: test/sql]

import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { installChdb } from './smoke/runtimes.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const runtimesDir = path.join(root, '.smoke', 'runtimes');

let chdb;
const started = performance.now();
try {
  chdb = installChdb(runtimesDir);
} catch (error) {
  console.error(`FAIL sql-check: could not install chDB: ${error.message}`);
  process.exit(1);
}
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`sql-check: chDB ${chdb.version} (ClickHouse ${chdb.clickhouse}) ${chdb.how} in ${path.relative(root, chdb.dir)} (${seconds}s)`);

const args = process.argv.length > 2 ? process.argv.slice(2) : ['test/sql'];
const seed = process.env.CSM_SQL_SEED;
console.log(`sql-check: vitest run ${args.join(' ')} on DuckDB, PGlite and chDB${seed === undefined ? '' : ` (CSM_SQL_SEED=${seed})`}`);
// The default reporter only: the JSON report (test-results.json) stays that of `npm test`,
// which CI's summary line counts.
const result = spawnSync('npx', ['vitest', 'run', '--reporter=default', ...args], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, CSM_CHDB_DIR: chdb.dir },
});
if (result.error) {
  console.error(`FAIL sql-check: could not run vitest: ${result.error.message}`);
  process.exit(1);
}
process.exit(result.status ?? 1);
