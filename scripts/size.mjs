#!/usr/bin/env node
// Bundle-size report (`npm run size`, after `npm run build`).
//
// Bundles what a user's bundler would produce from the built ESM output in dist/ with
// esbuild (format esm, platform neutral, minified, tree-shaken), and measures minified
// bytes and gzip bytes (zlib level 9) for:
//   - each entry point of package.json "exports" (everything it exports), and
//   - single-function imports (`export { nps } from '<dist>/scores/index.js'`), which
//     show what tree-shaking leaves when one function is used.
// Prints a Markdown table, then checks the size targets. A missed target is reported with
// how much it misses by, and does not fail the process: only a missing build or a bundle
// error exits 1.
//
// Usage: node scripts/size.mjs

import { build } from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

/** Single functions to measure alone, with the "exports" subpath they are imported from. */
const SINGLE_FUNCTIONS = [
  { name: 'nps', subpath: './scores' },
  { name: 'activeUsers', subpath: './engagement' },
  { name: 'wilsonInterval', subpath: '.' },
  { name: 'kaplanMeier', subpath: './retention' },
];

/** Size targets, in min+gzip bytes, keyed by row label. */
const TARGETS = [
  { label: '`.` (whole library)', row: 'customer-success-metrics', limit: 15_000 },
  { label: '`nps` alone', row: '{ nps }', limit: 1_000 },
];

/** The ESM file of each "exports" subpath, as an absolute path. */
function esmEntries() {
  const entries = [];
  for (const [subpath, target] of Object.entries(pkg.exports)) {
    const file = typeof target === 'string' ? target : target?.import?.default;
    if (typeof file !== 'string' || !file.endsWith('.js')) continue; // ./package.json
    entries.push({ subpath, file: path.join(root, file) });
  }
  return entries;
}

/** Bundles `contents` (an ESM module) and returns its minified and gzipped sizes. */
async function measure(contents) {
  const result = await build({
    stdin: { contents, resolveDir: root, sourcefile: 'size-entry.js', loader: 'js' },
    bundle: true,
    write: false,
    minify: true,
    treeShaking: true,
    format: 'esm',
    platform: 'neutral',
    target: 'es2022',
    legalComments: 'none',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].contents;
  return { min: code.byteLength, gzip: gzipSync(code, { level: 9 }).byteLength };
}

const kB = (bytes) => `${(bytes / 1000).toFixed(2)} kB`;

async function main() {
  const entries = esmEntries();
  const missing = entries.filter((entry) => !fs.existsSync(entry.file));
  if (missing.length > 0) {
    for (const entry of missing) {
      console.error(`size: ${path.relative(root, entry.file)} is missing; run \`npm run build\` first`);
    }
    return 1;
  }

  const rows = [];
  for (const { subpath, file } of entries) {
    const name = subpath === '.' ? pkg.name : `${pkg.name}${subpath.slice(1)}`;
    rows.push({ label: name, ...(await measure(`export * from ${JSON.stringify(file)};`)) });
  }
  for (const { name, subpath } of SINGLE_FUNCTIONS) {
    const entry = entries.find((candidate) => candidate.subpath === subpath);
    if (entry === undefined) throw new Error(`no "exports" entry ${subpath} for ${name}`);
    const result = await measure(`export { ${name} } from ${JSON.stringify(entry.file)};`);
    rows.push({ label: `{ ${name} }`, from: subpath, ...result });
  }

  console.log('| Import | Minified | Min + gzip |');
  console.log('| --- | ---: | ---: |');
  for (const row of rows) {
    const label = row.from === undefined ? `\`${row.label}\`` : `\`${row.label}\` from \`${row.from}\``;
    console.log(`| ${label} | ${row.min} B (${kB(row.min)}) | ${row.gzip} B (${kB(row.gzip)}) |`);
  }

  console.log('');
  console.log('Targets (min + gzip):');
  for (const target of TARGETS) {
    const row = rows.find((candidate) => candidate.label === target.row);
    if (row === undefined) throw new Error(`no measurement for target ${target.label}`);
    const over = row.gzip - target.limit;
    const verdict =
      over < 0
        ? `met (${row.gzip} B, ${target.limit - row.gzip} B to spare)`
        : `misses by ${over} B (${((over / target.limit) * 100).toFixed(1)}%) (${row.gzip} B)`;
    console.log(`- ${target.label} under ${kB(target.limit)}: ${verdict}`);
  }
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    console.error(`size: bundling failed\n${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
