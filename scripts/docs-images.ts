/**
 * The pictures of docs/display.md: every chart kind of `customer-success-metrics/display`,
 * drawn from the results of the bundled sample company (`sampleCompany({ seed: 42 })`, UTC,
 * `asOf: '2026-10-31'`) with the library from src/, written to docs/images/<name>.svg.
 *
 *   npx tsx scripts/docs-images.ts
 *
 * test/display/docs-images.test.ts builds the same pictures in memory and fails when a
 * committed file differs, so rerun this script after changing a chart (or the sample
 * company) and commit the new pictures with the change.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  activeUsersChart,
  cohortHeatmap,
  funnelChart,
  growthLifecycleChart,
  healthBandsChart,
  lineChart,
  mrrBridgeChart,
  npsChart,
  retentionChart,
  revenueRetentionChart,
  stickinessHistogram,
} from '../src/display/index.js';
import { activeUsers, licenseUtilizationByAccount, stickiness } from '../src/engagement/index.js';
import { eventCount, growthLifecycle, hasEvent, journeys, lifecycleFunnel, recurring, timeToValue } from '../src/lifecycle/index.js';
import { cohortRetention, compareRetention } from '../src/retention/index.js';
import { grossRevenueRetention, mrrMovements, netRevenueRetention, toMonthlySnapshots } from '../src/revenue/index.js';
import { sampleCompany } from '../src/sample/index.js';
import { healthScores, nps } from '../src/scores/index.js';

/** Where the pictures go, from the repository's root. */
export const IMAGES_DIR = join('docs', 'images');

/** One picture of the guide: its file name in docs/images and the SVG document. */
export interface DocsImage {
  readonly file: string;
  readonly svg: string;
}

/** Every picture of docs/display.md, in the guide's order. Deterministic: no clock, a fixed seed. */
export function docsImages(): DocsImage[] {
  const company = sampleCompany({ seed: 42 });
  const asOf = company.asOf; // '2026-10-31'
  const timeZone = 'UTC';

  // Engagement.
  const daily = activeUsers(company.events, { timeZone, from: '2026-05-01', asOf });
  const october = stickiness(company.events, { timeZone, from: '2026-10-01', to: '2026-10-31', asOf });
  const months = ['2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07', '2026-08', '2026-09', '2026-10'];
  const lastDayOf = (month: string): string => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).toISOString().slice(0, 10);
  const percentOf = (x: number | null): number | null => (x === null ? null : Math.round(x * 1000) / 10);
  const monthlyDauMau = months.map((month) => ({
    x: month,
    y: percentOf(stickiness(company.events, { timeZone, from: `${month}-01`, to: lastDayOf(month), asOf }).meanDauMau),
  }));

  // Lifecycle and retention.
  const userJourneys = journeys(company.events, {
    timeZone,
    signups: company.users,
    signupFields: { id: (u: (typeof company.users)[number]) => u.userId, signedUpAt: (u: (typeof company.users)[number]) => u.signedUpAt },
  });
  const aha = eventCount('report_created', { atLeast: 3, withinDays: 7 });
  const funnel = lifecycleFunnel(
    userJourneys,
    [
      { name: 'signed-up' },
      { name: 'onboarded', milestone: hasEvent('onboarding_completed') },
      { name: 'aha', milestone: aha },
      { name: 'habit', milestone: recurring('report_created', { period: 'week', times: 4, consecutive: true }) },
    ],
    { asOf, timeZone },
  );
  const toAha = timeToValue(userJourneys, aha, { asOf, timeZone, horizons: [1, 3, 7] });
  const comparison = compareRetention(userJourneys, { segment: aha, landmarkDays: 7, horizonDays: 97, retentionDays: [7, 30, 90], asOf, timeZone });
  const growth = growthLifecycle(company.events, { period: 'month', timeZone, from: '2025-11-01', asOf });
  const cohorts = cohortRetention(company.events, { cohort: 'month', interval: 'month', lastPeriod: 6, asOf, timeZone });
  const lastCohorts = { ...cohorts, cohorts: cohorts.cohorts.slice(-10) };

  // Revenue.
  const snapshots = toMonthlySnapshots(company.subscriptions);
  const bridge = mrrMovements(snapshots, { from: '2025-11', asOf, timeZone });
  const nrr = netRevenueRetention(snapshots, { windowMonths: 12, trailing: true, asOf, timeZone });
  const grr = grossRevenueRetention(snapshots, { windowMonths: 12, trailing: true, asOf, timeZone });

  // Scores: health of the paying accounts (activity and seats used, last 30 days), NPS by quarter.
  const paying = new Set(company.subscriptions.filter((s) => s.end === null).map((s) => s.accountId));
  const payingAccounts = company.accounts.filter((a) => paying.has(a.accountId));
  const payingEvents = company.events.filter((e) => paying.has(e.accountId));
  const seats = new Map(licenseUtilizationByAccount(payingEvents, { licenses: payingAccounts, timeZone, asOf }).accounts.map((row) => [String(row.accountId), row.ratio]));
  const activity = new Map(stickiness(payingEvents, { timeZone, groupBy: 'accountId', from: '2026-10-02', to: asOf, asOf }).groups.map((g) => [String(g.group), g.meanDauMau]));
  type Account = (typeof payingAccounts)[number];
  const health = healthScores(payingAccounts, {
    components: [
      { name: 'activity', weight: 1, value: (a: Account) => activity.get(a.accountId) ?? 0, normalize: { linear: [0.05, 0.35] } },
      { name: 'seats', weight: 1, value: (a: Account) => seats.get(a.accountId) ?? 0, normalize: { linear: [0.2, 1] } },
    ],
  });
  const quarterOf = (t: number): string => {
    const d = new Date(t);
    return `${d.getUTCFullYear()}-Q${Math.floor(d.getUTCMonth() / 3) + 1}`;
  };
  const byQuarter = nps(
    company.npsResponses.filter((r) => r.answeredAt >= Date.UTC(2025, 9, 1)).map((r) => ({ score: r.score, quarter: quarterOf(r.answeredAt) })),
    { groupBy: 'quarter' },
  );

  return [
    { file: 'cohort-heatmap.svg', svg: cohortHeatmap(lastCohorts) },
    { file: 'retention-chart.svg', svg: retentionChart(comparison, { title: 'Retention after day 7: aha users versus the others', yLabel: 'still active (%)' }) },
    { file: 'time-to-value.svg', svg: retentionChart({ ...toAha, curve: toAha.curve.filter((step) => step.time <= 14) }, { title: 'Time to aha (3 reports)' }) },
    { file: 'active-users.svg', svg: activeUsersChart(daily) },
    { file: 'stickiness-histogram.svg', svg: stickinessHistogram(october, { title: 'Stickiness, October 2026' }) },
    { file: 'line-chart.svg', svg: lineChart([{ name: 'mean DAU/MAU', points: monthlyDauMau }], { title: 'DAU/MAU, monthly mean', xLabel: 'month (UTC)', yLabel: 'mean DAU/MAU (%)' }) },
    { file: 'mrr-bridge.svg', svg: mrrBridgeChart(bridge) },
    { file: 'revenue-retention.svg', svg: revenueRetentionChart({ nrr, grr }) },
    { file: 'funnel.svg', svg: funnelChart(funnel) },
    { file: 'growth-lifecycle.svg', svg: growthLifecycleChart(growth) },
    { file: 'health-bands.svg', svg: healthBandsChart(health, { title: 'Health of paying accounts' }) },
    { file: 'nps.svg', svg: npsChart(byQuarter, { title: 'NPS by quarter', xLabel: 'quarter (UTC)' }) },
  ];
}

/** Writes every picture to `<root>/docs/images`, with a final newline; returns the paths written. */
export function writeDocsImages(root: string): string[] {
  const dir = join(root, IMAGES_DIR);
  mkdirSync(dir, { recursive: true });
  return docsImages().map(({ file, svg }) => {
    const path = join(dir, file);
    writeFileSync(path, `${svg}\n`);
    return path;
  });
}

const isMain = process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href;
if (isMain) {
  const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  for (const path of writeDocsImages(root)) console.log(`wrote ${path}`);
}
