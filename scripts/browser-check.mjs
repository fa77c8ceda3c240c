#!/usr/bin/env node
// The charts in a real browser (a step of `npm run check`, not of `npm test`, which stays
// fast and needs nothing but Node).
//
// 1. Finds Chromium (Debian's `chromium` package, /usr/bin/chromium; or $CHROMIUM) and, when
//    it is missing, installs it with apt-get (scripts/smoke/runtimes.mjs). No Chromium is a
//    failure, never a skip.
// 2. Computes the results of the bundled sample company (seed 42) with the library's sources
//    (src/, loaded through tsx), and draws every chart that src/display/index.ts exports
//    (each function named ...Chart, ...Heatmap or ...Histogram; the charts are found, not
//    listed, so a new one is checked as soon as it is exported, and one without an input
//    below is a failure): its SVG as it is, and its Vega-Lite spec (`xxxSpec`, when there
//    is one) compiled by the real vega-lite and drawn to SVG by the real vega, as a notebook
//    front end would. Plus an htmlTable of the MRR bridge.
// 3. Puts each on a page twice, side by side: on a light theme (white, text #1a1a1a) and on
//    a dark one (#1e1e1e, text #cccccc, as VS Code's dark theme), screenshots the page with
//    headless Chromium, decodes the PNG with pngjs and checks each half: the theme's
//    background is still the most common colour (the chart has no opaque background), there
//    is ink (text and axes in the page's text colour: the SVG's `currentColor`; for Vega,
//    the grey its text declares), about as much on one theme as on the other (ink in a fixed
//    colour vanishes on one of them), and the chart's own colours (the fills and strokes it
//    declares, greys aside) are on screen.
// 4. Prints one line per page and exits 1 if any check failed. The screenshots stay in
//    .smoke/browser/ (git-ignored) for a person to look at.
//
// Usage: node scripts/browser-check.mjs

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';
import { tsImport } from 'tsx/esm/api';
import { aptInstall, runAsync, which } from './smoke/runtimes.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const outDir = path.join(root, '.smoke', 'browser');
/** Width of each theme's half of the page, and its padding. */
const HALF = 680;
const PAD = 20;
const THEMES = [
  { name: 'light', background: '#ffffff', ink: '#1a1a1a' },
  { name: 'dark', background: '#1e1e1e', ink: '#cccccc' },
];
/** Pixels a page needs of ink, and of the chart's colours, in each half. */
const MIN_INK = 150;
const MIN_COLOUR = 60;
/** How far (largest channel difference) a pixel may be from a colour and still count. */
const TOLERANCE = { ink: 24, colour: 12 };
/** The least ratio of ink pixels on one theme to the other's. */
const INK_BALANCE = 0.5;

let failures = 0;

main().catch((error) => {
  console.error(`FAIL browser-check: ${error.message}`);
  process.exit(1);
});

async function main() {
  const started = performance.now();
  const chromium = findChromium();
  const version = spawnSync(chromium, ['--version'], { encoding: 'utf8' });
  if (version.status !== 0) throw new Error(`${chromium} --version failed: ${version.stderr || version.error?.message}`);
  console.log(`# ${version.stdout.trim()} (${chromium})`);

  const lib = await loadLibrary();
  const pages = buildPages(lib);
  fs.rmSync(outDir, { recursive: true, force: true });
  fs.mkdirSync(outDir, { recursive: true });

  const parallel = Math.max(1, Math.min(4, (os.availableParallelism?.() ?? 2)));
  await pool(pages, parallel, async (page) => {
    let result;
    try {
      const markup = await page.markup();
      const png = await screenshot(chromium, page.name, markup);
      result = analyse(png, markup);
    } catch (error) {
      return fail(page.name, error.message);
    }
    const text = result.halves.map((h) => `${h.theme}: ink ${h.ink} px, ${h.found.length}/${h.colours} colours ${h.colourPixels} px`).join('; ');
    if (result.problems.length > 0) fail(page.name, `${result.problems.join('; ')} (${text})`);
    else console.log(`ok browser ${page.name} (${text})`);
  });

  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  if (failures > 0) {
    console.error(`\nbrowser-check: ${failures} failure${failures === 1 ? '' : 's'} of ${pages.length} pages in ${seconds}s; screenshots in ${path.relative(root, outDir)}/`);
    process.exit(1);
  }
  console.log(`\nbrowser-check: ${pages.length} pages in ${seconds}s, all checks passed; screenshots in ${path.relative(root, outDir)}/`);
}

/** Chromium's binary: $CHROMIUM, else on PATH, else installed with apt-get. */
function findChromium() {
  if (process.env.CHROMIUM) {
    const given = which(process.env.CHROMIUM);
    if (!given) throw new Error(`CHROMIUM=${process.env.CHROMIUM} is not an executable file`);
    return given;
  }
  const names = ['chromium', 'chromium-browser', '/usr/bin/chromium'];
  let found = which(...names);
  if (found) return found;
  console.log('# chromium is missing: apt-get install chromium');
  const started = performance.now();
  aptInstall(['chromium']);
  found = which(...names);
  if (!found) throw new Error('apt-get installed chromium but no chromium binary is on PATH');
  console.log(`# installed chromium in ${((performance.now() - started) / 1000).toFixed(1)}s`);
  return found;
}

/** The library's modules, from src/ (through tsx), so the check needs no build. */
async function loadLibrary() {
  const load = (entry) => tsImport(pathToFileURL(path.join(root, 'src', entry, 'index.ts')).href, import.meta.url);
  const [display, sample, engagement, lifecycle, retention, revenue, scores] = await Promise.all(
    ['display', 'sample', 'engagement', 'lifecycle', 'retention', 'revenue', 'scores'].map(load),
  );
  const [vega, vegaLite] = await Promise.all([import('vega'), import('vega-lite')]);
  return { display, sample, engagement, lifecycle, retention, revenue, scores, vega, vegaLite };
}

/**
 * The inputs of the charts, by function name: a result of the sample company as the library
 * returns it. Computed on first use.
 */
function chartInputs({ sample, engagement, lifecycle, retention, revenue, scores }) {
  const memo = new Map();
  const once = (key, fn) => () => {
    if (!memo.has(key)) memo.set(key, fn());
    return memo.get(key);
  };
  const company = once('company', () => sample.sampleCompany({ seed: 42 }));
  const asOf = () => company().asOf;
  const timeZone = 'UTC';
  const journeys = once('journeys', () =>
    lifecycle.journeys(company().events, {
      timeZone,
      signups: company().users,
      signupFields: { id: (u) => u.userId, signedUpAt: (u) => u.signedUpAt },
    }),
  );
  const aha = once('aha', () => lifecycle.eventCount('report_created', { atLeast: 3, withinDays: 7 }));
  const activeUsers = once('activeUsers', () => engagement.activeUsers(company().events, { timeZone, asOf: asOf() }));
  const snapshots = once('snapshots', () => revenue.toMonthlySnapshots(company().subscriptions));
  const lastMonth = () => asOf().slice(0, 7);
  const monthStart = () => `${lastMonth()}-01`;

  return {
    lineChart: () => [
      { name: 'DAU/MAU', points: activeUsers().days.slice(-90).map((d) => ({ x: d.date, y: d.dauMau })) },
      { name: 'WAU/MAU', points: activeUsers().days.slice(-90).map((d) => ({ x: d.date, y: d.wauMau })) },
    ],
    retentionChart: () =>
      retention.compareRetention(journeys(), { segment: aha(), landmarkDays: 7, horizonDays: 97, retentionDays: [7, 30, 90], asOf: asOf(), timeZone }),
    cohortHeatmap: () => retention.cohortRetention(company().events, { cohort: 'month', interval: 'month', lastPeriod: 6, mode: 'n-day', asOf: asOf(), timeZone }),
    activeUsersChart: activeUsers,
    stickinessHistogram: () => engagement.stickiness(company().events, { timeZone, from: monthStart(), to: asOf(), asOf: asOf() }),
    mrrBridgeChart: () => revenue.mrrMovements(snapshots(), { asOf: asOf(), timeZone }),
    revenueRetentionChart: () => ({
      nrr: revenue.netRevenueRetention(snapshots(), { windowMonths: 12, asOf: asOf(), timeZone, trailing: true }),
      grr: revenue.grossRevenueRetention(snapshots(), { windowMonths: 12, asOf: asOf(), timeZone, trailing: true }),
    }),
    funnelChart: () =>
      lifecycle.lifecycleFunnel(
        journeys(),
        [
          { name: 'signed-up' },
          { name: 'account-set-up', milestone: lifecycle.allOf(lifecycle.hasEvent('email_confirmed'), lifecycle.hasEvent('onboarding_completed')) },
          { name: 'aha', milestone: aha() },
          { name: 'eureka', milestone: lifecycle.eventCount('report_created', { atLeast: 10 }) },
        ],
        { asOf: asOf(), timeZone },
      ),
    growthLifecycleChart: () => lifecycle.growthLifecycle(company().events, { period: 'month', timeZone, asOf: asOf() }),
    healthBandsChart: () => {
      const paying = new Set(company().subscriptions.filter((s) => s.end === null).map((s) => s.accountId));
      const accounts = company().accounts.filter((a) => paying.has(a.accountId));
      const events = company().events.filter((e) => paying.has(e.accountId));
      const usage = new Map(
        engagement.licenseUtilizationByAccount(events, { licenses: accounts, timeZone, asOf: asOf() }).accounts.map((row) => [row.accountId, row.ratio]),
      );
      const npsOf = new Map(scores.nps(company().npsResponses.filter((r) => paying.has(r.accountId)), { groupBy: 'accountId' }).groups.map((g) => [g.group, g.score]));
      return scores.healthScores(accounts, {
        components: [
          { name: 'seats', weight: 2, value: (a) => usage.get(a.accountId) ?? 0, normalize: { linear: [0.2, 1] } },
          { name: 'nps', weight: 1, value: (a) => npsOf.get(a.accountId) ?? null, normalize: { linear: [-50, 50] } },
        ],
      });
    },
    npsChart: () => {
      const quarter = (t) => {
        const d = new Date(t);
        return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
      };
      const byQuarter = scores.nps(company().npsResponses.map((r) => ({ score: r.score, quarter: quarter(r.answeredAt) })), { groupBy: 'quarter' });
      return { ...byQuarter, groups: [...byQuarter.groups].sort((a, b) => String(a.group).localeCompare(String(b.group))) };
    },
    // An htmlTable page: the last six months of the MRR bridge, as a notebook shows them.
    htmlTable: () => revenue.mrrMovements(snapshots(), { asOf: asOf(), timeZone }),
  };
}

/** The pages to screenshot: each chart's SVG, each spec as Vega draws it, one table. */
function buildPages(lib) {
  const { display } = lib;
  const inputs = chartInputs(lib);
  const charts = Object.keys(display)
    .filter((name) => /(Chart|Heatmap|Histogram)$/.test(name) && typeof display[name] === 'function')
    .sort();
  if (charts.length === 0) throw new Error('src/display/index.ts exports no chart');
  const pages = [];
  for (const name of charts) {
    const input = inputs[name];
    if (!input) {
      fail(name, `no input for ${name}: add one to chartInputs() in scripts/browser-check.mjs`);
      continue;
    }
    pages.push({ name: `${name} (SVG)`, markup: async () => page(display[name](input())) });
    const spec = display[`${name}Spec`];
    if (typeof spec === 'function') pages.push({ name: `${name}Spec (Vega-Lite)`, markup: async () => page(await drawSpec(lib, spec(input()))) });
  }
  const rows = () => inputs.htmlTable().months.slice(-6);
  pages.push({
    name: 'htmlTable (HTML)',
    markup: async () => page(display.htmlTable(rows(), { columns: ['month', 'startingMrr', 'newMrr', 'expansionMrr', 'churnedMrr', 'endingMrr', 'customers.end'] })),
  });
  console.log(`# ${charts.length} charts exported by src/display: ${charts.join(', ')}`);
  return pages;
}

/** A spec compiled by vega-lite and drawn to SVG by vega, as JupyterLab's renderer does (headless). */
async function drawSpec({ vega, vegaLite }, spec) {
  if (!spec || typeof spec !== 'object' || !String(spec.$schema).includes('vega-lite/v5')) throw new Error('the spec is not a Vega-Lite v5 object');
  const compiled = vegaLite.compile(spec).spec;
  const view = new vega.View(vega.parse(compiled), { renderer: 'none' });
  try {
    await view.runAsync();
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** An HTML page with the markup twice: on the light theme and on the dark one. */
function page(markup) {
  const halves = THEMES.map((t) => `<div class="half" style="background:${t.background};color:${t.ink}">${markup}</div>`).join('');
  return (
    '<!doctype html><html><head><meta charset="utf-8"><style>' +
    `html,body{margin:0;padding:0}body{display:flex;align-items:stretch;font-family:sans-serif}` +
    `.half{box-sizing:border-box;width:${HALF}px;min-height:100vh;padding:${PAD}px;overflow:hidden}` +
    `.half>svg{display:block;max-width:100%;height:auto}` +
    `</style></head><body>${halves}</body></html>`
  );
}

/** Height of the window for a page: the chart's aspect at the half's width, or a table's rows. */
function windowHeight(markup) {
  const box = /<svg\b[^>]*?\bviewBox="\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*"/.exec(markup);
  const size = /<svg\b[^>]*?\bwidth="([\d.]+)"[^>]*?\bheight="([\d.]+)"/.exec(markup);
  const [w, h] = box ? [Number(box[1]), Number(box[2])] : size ? [Number(size[1]), Number(size[2])] : [HALF, 400];
  const scale = Math.min(1, (HALF - 2 * PAD) / w);
  return Math.max(240, Math.min(2400, Math.ceil(h * scale) + 2 * PAD));
}

/** Screenshots the page in headless Chromium; returns the decoded PNG. */
async function screenshot(chromium, name, html) {
  const slug = name.replace(/[^A-Za-z0-9]+/g, '-').replace(/-+$/, '');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'csm-browser-'));
  try {
    const file = path.join(dir, 'page.html');
    const out = path.join(outDir, `${slug}.png`);
    fs.writeFileSync(file, html);
    fs.writeFileSync(path.join(outDir, `${slug}.html`), html);
    const height = windowHeight(html);
    const args = [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--hide-scrollbars',
      '--force-device-scale-factor=1',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      `--user-data-dir=${path.join(dir, 'profile')}`,
      `--screenshot=${out}`,
      `--window-size=${2 * HALF},${height}`,
      pathToFileURL(file).href,
    ];
    const { status, output } = await runAsync(chromium, args, {}, 90_000);
    if (status !== 0 || !fs.existsSync(out)) throw new Error(`chromium exited with ${status} and no screenshot\n${output.trim().split('\n').slice(-5).join('\n')}`);
    const png = PNG.sync.read(fs.readFileSync(out));
    if (png.width !== 2 * HALF || png.height !== height) throw new Error(`screenshot is ${png.width}×${png.height}, expected ${2 * HALF}×${height}`);
    return png;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Checks each theme's half of the screenshot: background, ink, the chart's own colours. */
function analyse(png, html) {
  const colours = declaredColours(html);
  // Ink: an SVG of ours draws it in currentColor (the page's text colour); Vega in the grey its text declares.
  const textColours = /currentColor/.test(html) ? [] : textFills(html);
  const problems = [];
  const halves = THEMES.map((theme, i) => {
    const bg = rgb(theme.background);
    const inks = [rgb(theme.ink), ...textColours.map(rgb).filter((c) => !near(c, bg, 96))];
    const counts = new Map();
    for (let y = 0; y < png.height; y++) {
      for (let x = i * HALF; x < (i + 1) * HALF; x++) {
        const o = (y * png.width + x) * 4;
        const key = (png.data[o] << 16) | (png.data[o + 1] << 8) | png.data[o + 2];
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    const pixels = [...counts].map(([key, n]) => [[key >> 16, (key >> 8) & 0xff, key & 0xff], n]);
    const sum = (test) => pixels.reduce((total, [px, n]) => (test(px) ? total + n : total), 0);
    const [top] = [...pixels].sort((a, b) => b[1] - a[1]);
    const inkPixels = sum((px) => inks.some((ink) => near(px, ink, TOLERANCE.ink)));
    const found = colours.filter((c) => sum((px) => near(px, rgb(c), TOLERANCE.colour)) > 0);
    const colourPixels = sum((px) => colours.some((c) => near(px, rgb(c), TOLERANCE.colour)));
    const topHex = `#${top[0].map((c) => c.toString(16).padStart(2, '0')).join('')}`;
    if (!near(top[0], bg, 2)) problems.push(`${theme.name}: the most common colour is ${topHex}, not the background ${theme.background} (an opaque background?)`);
    if (inkPixels < MIN_INK) problems.push(`${theme.name}: ${inkPixels} px of ink ${[theme.ink, ...textColours].join('/')} (text, axes), expected at least ${MIN_INK}`);
    if (colours.length > 0 && colourPixels < MIN_COLOUR) {
      problems.push(`${theme.name}: ${colourPixels} px of the chart's colours ${colours.join(' ')}, expected at least ${MIN_COLOUR}`);
    }
    if (colours.length > 0 && found.length === 0) problems.push(`${theme.name}: none of the chart's colours is on screen`);
    return { theme: theme.name, ink: inkPixels, colours: colours.length, found, colourPixels };
  });
  // The same text and axes are drawn on both themes: so about as many ink pixels on each
  // (text drawn in a fixed colour would show on one theme only).
  const [light, dark] = halves.map((h) => h.ink);
  if (Math.min(light, dark) < INK_BALANCE * Math.max(light, dark)) {
    problems.push(`ink on the light theme ${light} px, on the dark ${dark} px: text or axes in a fixed colour rather than currentColor?`);
  }
  if (colours.length === 0 && /<svg\b/.test(html)) problems.push('the chart declares no colour of its own (a fill or stroke other than a grey)');
  return { halves, problems };
}

/** A colour of SVG markup as `#rrggbb` (from `#rrggbb`, `#rgb` or `rgb(r, g, b)`), or null. */
function hexOf(value) {
  const v = value.trim().toLowerCase();
  if (/^#[0-9a-f]{6}$/.test(v)) return v;
  if (/^#[0-9a-f]{3}$/.test(v)) return `#${[...v.slice(1)].map((c) => c + c).join('')}`;
  const m = /^rgb\(\s*(\d+)\s*,\s*(\d+)\s*,\s*(\d+)\s*\)$/.exec(v);
  return m ? `#${m.slice(1, 4).map((c) => Number(c).toString(16).padStart(2, '0')).join('')}` : null;
}

const COLOUR_VALUE = '(#[0-9a-fA-F]{6}|#[0-9a-fA-F]{3}\\b|rgb\\([^)]*\\))';

/**
 * The chart's own colours: every colour it uses as a fill or stroke, greys aside (ink, and
 * text in a cell, are grey or near-black/white; Vega's text is a grey).
 */
function declaredColours(html) {
  const found = new Set();
  for (const m of html.matchAll(new RegExp(`(?:fill|stroke|stop-color)(?:="|:\\s*)${COLOUR_VALUE}`, 'g'))) {
    const hex = hexOf(m[1]);
    if (hex) found.add(hex);
  }
  return [...found].filter((c) => {
    const [r, g, b] = rgb(c);
    return Math.max(r, g, b) - Math.min(r, g, b) >= 24;
  });
}

/** Grey colours the chart's `<text>` elements declare as their fill (Vega's ink). */
function textFills(html) {
  const found = new Set();
  for (const m of html.matchAll(new RegExp(`<text\\b[^>]*?\\bfill="${COLOUR_VALUE}"`, 'g'))) {
    const hex = hexOf(m[1]);
    if (!hex) continue;
    const [r, g, b] = rgb(hex);
    if (Math.max(r, g, b) - Math.min(r, g, b) < 24) found.add(hex);
  }
  return [...found];
}

function rgb(hex) {
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
}

function near(a, b, tolerance) {
  return Math.abs(a[0] - b[0]) <= tolerance && Math.abs(a[1] - b[1]) <= tolerance && Math.abs(a[2] - b[2]) <= tolerance;
}


async function pool(items, size, fn) {
  let next = 0;
  const workers = Array.from({ length: Math.min(size, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]);
  });
  await Promise.all(workers);
}

function fail(name, message) {
  failures++;
  console.log(`FAIL browser ${name}: ${message}`);
  return false;
}
