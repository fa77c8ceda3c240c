#!/usr/bin/env node
// Pack-contents check (part of `npm run check`, after the build).
//
// Runs `npm pack --dry-run --json` and fails if the tarball would contain anything other
// than package.json, README.md, CHANGELOG.md, LICENSE, the guides (docs/*.md and their
// pictures, docs/images/*.svg), the command-line entry (bin/customer-success-metrics.mjs) and files
// under dist/ (or no dist/ files at all), or if a relative link of the packed README points
// at a file the tarball lacks (a reader of the package must reach every guide). Prints the
// file count and sizes either way.
//
// Usage: node scripts/pack-files.mjs

import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Files allowed at the top of the tarball; everything else must be under dist/. */
const ALLOWED_FILES = new Set(['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'bin/customer-success-metrics.mjs']);

const isAllowed = (file) => ALLOWED_FILES.has(file) || file.startsWith('dist/') || /^docs\/[a-z-]+\.md$/.test(file) || /^docs\/images\/[a-z0-9-]+\.svg$/.test(file);

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`;

function main() {
  // --ignore-scripts: no prepack/prepare output mixed into the JSON; the build runs first.
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const result = spawnSync(npm, ['pack', '--dry-run', '--json', '--ignore-scripts'], {
    cwd: root,
    encoding: 'utf8',
    shell: process.platform === 'win32',
  });
  if (result.error !== undefined || result.status !== 0) {
    console.error('pack-files: `npm pack --dry-run --json` failed');
    console.error(result.error?.message ?? result.stderr);
    return 1;
  }

  let report;
  try {
    [report] = JSON.parse(result.stdout);
  } catch {
    console.error('pack-files: could not parse the output of `npm pack --dry-run --json`');
    console.error(result.stdout);
    return 1;
  }
  const files = report.files.map((file) => file.path).sort();
  const unexpected = files.filter((file) => !isAllowed(file));
  const distCount = files.filter((file) => file.startsWith('dist/')).length;
  const top = files.filter((file) => !file.startsWith('dist/'));

  console.log(
    `pack-files: ${report.filename}: ${files.length} files (${distCount} under dist/; ` +
      `${top.join(', ')}), ${kB(report.unpackedSize)} unpacked, ${kB(report.size)} packed`,
  );

  let failed = false;
  if (unexpected.length > 0) {
    console.error(
      `pack-files: the package would include ${unexpected.length} unexpected file(s); only ` +
        `${[...ALLOWED_FILES].join(', ')} docs/*.md and dist/ may be published (see "files" in package.json):`,
    );
    for (const file of unexpected) console.error(`  ${file}`);
    failed = true;
  }
  if (distCount === 0) {
    console.error('pack-files: the package would include no dist/ files; run `npm run build` first');
    failed = true;
  }
  const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
  const links = [...readme.matchAll(/\]\((?!https?:|#)([^)#\s]+)/g)].map((match) => match[1]);
  const broken = links.filter((link) => !files.includes(link.replace(/^\.\//, '')));
  if (broken.length > 0) {
    console.error(`pack-files: the packed README links to ${broken.length} file(s) the tarball lacks: ${broken.join(', ')}`);
    failed = true;
  }
  if (!failed) console.log(`pack-files: ok (${links.length} README links resolve inside the tarball)`);
  return failed ? 1 : 0;
}

process.exitCode = main();
