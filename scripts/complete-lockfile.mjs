#!/usr/bin/env node
// Adds lock-file entries for platform-specific optional dependencies that npm left out.
//
// Why: the registry this project's machines reach does not serve every platform's native
// binary package (e.g. @rollup/rollup-darwin-x64 answers 404), so `npm install` writes a
// package-lock.json without those optional entries, and `npm ci` then refuses the lock as
// "out of sync". An entry marked optional with the package's os/cpu lets `npm ci` skip it
// on other platforms, exactly as npm does with a complete lock file.
//
// Run after any change to devDependencies: `node scripts/complete-lockfile.mjs`.
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;
const OSES = ['darwin', 'linux', 'win32', 'freebsd', 'openbsd', 'netbsd', 'android', 'sunos', 'aix', 'openharmony'];
const CPUS = ['x64', 'arm64', 'arm', 'ia32', 'riscv64', 'loong64', 'ppc64', 's390x', 'mips64el', 'wasm32'];

let added = 0;
for (const [key, meta] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(meta.optionalDependencies ?? {})) {
    const nested = key === '' ? `node_modules/${name}` : `${key}/node_modules/${name}`;
    const hoisted = `node_modules/${name}`;
    if (nested in packages || hoisted in packages) continue;
    const base = name.split('/').pop();
    const parts = base.split(/[-_]/);
    const entry = { version, dev: true, optional: true };
    const os = OSES.find((o) => parts.includes(o));
    const cpu = CPUS.find((c) => parts.includes(c));
    if (os) entry.os = [os];
    if (cpu) entry.cpu = [cpu];
    packages[hoisted] = entry;
    added++;
  }
}
const sorted = Object.fromEntries(Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a < b ? -1 : a > b ? 1 : 0)));
lock.packages = sorted;
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: ${added} optional platform entries added`);
