/**
 * `npm run demo`: a customer-success report for the bundled sample company.
 * Each module adds its section as it lands.
 */
import {
  activeUsers,
  engagedEvaluation,
  featureAdoption,
  licenseUtilizationByAccount,
  sessionsPerUserDay,
  stickiness,
} from '../src/engagement/index.js';
import {
  allOf,
  eventCount,
  growthLifecycle,
  hasEvent,
  journeys,
  lifecycleFunnel,
  recurring,
  timeToValue,
} from '../src/lifecycle/index.js';
import { cohortRetention, compareRetention, findAha } from '../src/retention/index.js';
import { churnRates, grossRevenueRetention, mrrMovements, netRevenueRetention, quickRatio, toMonthlySnapshots } from '../src/revenue/index.js';
import { healthScores, nps, npsChange } from '../src/scores/index.js';
import { interval, percent, section, table } from './format.js';
import { sampleCompany } from '../src/sample/index.js';

const started = Date.now();
process.stdout.write('Generating the sample company (seed 42)...');
const company = sampleCompany({ seed: 42 });
process.stdout.write(` done in ${Date.now() - started} ms\n`);

console.log('\n# Customer-success report: sample company\n');
console.log(`${company.accounts.length} accounts, ${company.users.length} users, ${company.events.length.toLocaleString('en-US')} events`);
console.log(`${company.trials.length} trials, ${company.subscriptions.length} subscription periods, ${company.npsResponses.length} NPS answers`);
console.log(`As of ${company.asOf} (the data is complete through the end of that day; every asOf below is this date)`);

// ---------------------------------------------------------------- engagement
section('Engagement: active users (last day of each month, Europe/Berlin)');
const timeZone = 'Europe/Berlin';
const asOf = company.asOf; // '2026-10-31': the data is complete through the end of October 31
const series = activeUsers(company.events, { timeZone, asOf });
const monthEnds = series.days.filter((day, i) => series.days[i + 1]?.date.slice(0, 7) !== day.date.slice(0, 7));
console.log(
  table(
    ['date', 'DAU', 'WAU', 'MAU', 'DAU/MAU', 'WAU/MAU', 'day'],
    monthEnds.slice(-12).map((d) => [d.date, d.dau, d.wau, d.mau, percent(d.dauMau), percent(d.wauMau), d.complete ? 'complete' : 'in progress']),
  ),
);

const lastMonth = stickiness(company.events, { timeZone, from: '2026-10-01', to: '2026-10-31', asOf });
console.log(
  `\nStickiness, October 2026: mean DAU/MAU ${percent(lastMonth.meanDauMau)} (${lastMonth.band}); ` +
    `${lastMonth.activeUsers} active users, ${percent(lastMonth.histogram[9]?.atLeastShare ?? null)} of them on 10 days or more`,
);

section('Engagement: license utilization of paying accounts (MAU of the last 30 days / licenses)');
// The licenses table: accounts with a subscription still running at the end of the data.
const paying = new Set(company.subscriptions.filter((s) => s.end === null).map((s) => s.accountId));
const licenses = company.accounts.filter((a) => paying.has(a.accountId));
const utilization = licenseUtilizationByAccount(company.events.filter((e) => paying.has(e.accountId)), { licenses, timeZone, asOf });
const bandCounts = new Map<string, number>();
for (const row of utilization.accounts) bandCounts.set(String(row.band), (bandCounts.get(String(row.band)) ?? 0) + 1);
console.log(`Bands: ${[...bandCounts].map(([band, n]) => `${band} ${n}`).join(', ')}  (window ${utilization.from} to ${utilization.to})`);
const atRisk = utilization.accounts.filter((row) => row.activeUsers > 0).slice(0, 5);
const toExpand = utilization.accounts.filter((row) => row.band === 'expand').slice(-5).reverse();
console.log(
  table(
    ['account', 'active users', 'licenses', 'utilization', 'band'],
    [...atRisk, ...toExpand].map((row) => [String(row.accountId), row.activeUsers, row.licenses, percent(row.ratio, 0), String(row.band)]),
  ),
);

section('Engagement: engaged evaluation (>= 3 active days in the first 14, Totango)');
const evaluation = engagedEvaluation(company.events, { trials: company.trials, timeZone, asOf });
console.log(
  table(
    ['trial month', 'trials', 'completed', 'engaged', 'pending', 'rate [95% CI]', 'band'],
    evaluation.byMonth.slice(-6).map((m) => [m.month, m.trialCount, m.completed, m.engaged, m.pending, interval(m.rate), String(m.band)]),
  ),
);
console.log('');
console.log(
  table(
    ['campaign', 'trials', 'completed', 'engaged', 'rate [95% CI]', 'band'],
    evaluation.byCampaign.map((c) => [String(c.sourceCampaign), c.trialCount, c.completed, c.engaged, interval(c.rate), String(c.band)]),
  ),
);

section('Engagement: sessions and feature adoption, October 2026');
const october = { timeZone, from: '2026-10-01', to: '2026-10-31', asOf };
const perDay = sessionsPerUserDay(company.events, { ...october, target: 2 });
console.log(
  `Sessions (30-minute timeout): ${perDay.overall.userDays} user-days, ${perDay.overall.meanSessionsPerUserDay?.toFixed(2)} sessions per user-day, ` +
    `${interval(perDay.overall.share)} of user-days with 2 or more sessions`,
);
const exportAdoption = featureAdoption(company.events, { ...october, feature: 'export' });
const reportAdoption = featureAdoption(company.events, { ...october, feature: 'report_created' });
console.log(`Feature adoption: export ${interval(exportAdoption.periods[0]?.rate ?? null)}, report_created ${interval(reportAdoption.periods[0]?.rate ?? null)} of active users`);

// ---------------------------------------------------------------- lifecycle
section('Lifecycle: where users are on the journey');
const userJourneys = journeys(company.events, {
  signups: company.users,
  signupFields: { id: (u: (typeof company.users)[number]) => u.userId, signedUpAt: (u: (typeof company.users)[number]) => u.signedUpAt },
});
const aha = eventCount('report_created', { atLeast: 3, withinDays: 7 });
const stages = [
  { name: 'signed-up' },
  { name: 'account-set-up', milestone: allOf(hasEvent('email_confirmed'), hasEvent('onboarding_completed')) },
  { name: 'aha', milestone: aha },
  { name: 'eureka', milestone: eventCount('report_created', { atLeast: 10 }) },
  { name: 'habit', milestone: recurring('report_created', { period: 'week', times: 4, consecutive: true }) },
];
const funnel = lifecycleFunnel(userJourneys, stages, { asOf });
console.log(
  table(
    ['stage', 'at stage now', 'reached', 'from previous [95% CI]', 'median days from previous'],
    funnel.stages.map((stage) => [
      stage.name,
      stage.current,
      stage.reached,
      interval(stage.conversionFromPrevious),
      stage.medianDaysFromPrevious === null ? null : stage.medianDaysFromPrevious.toFixed(1),
    ]),
  ),
);
const ttv = timeToValue(userJourneys, aha, { asOf, horizons: [1, 3, 7] });
const days = (q: { value: number | null }): string => (q.value === null ? 'not reached by enough users' : `${q.value.toFixed(1)} days`);
console.log(
  `\nTime to aha (3 reports in the first week; not-yet-reached users censored, Kaplan-Meier): median ${days(ttv.median)}, p75 ${days(ttv.p75)}; ` +
    `reached within ${ttv.reachedWithin.map((w) => `${w.horizon} d: ${percent(w.share?.value ?? null)}`).join(', ')}`,
);

const growth = growthLifecycle(company.events, { period: 'month', timeZone: 'UTC', asOf });
console.log('');
console.log(
  table(
    ['month', 'new', 'returning', 'resurrecting', 'dormant', 'active', 'quick ratio'],
    growth.periods.slice(-6).map((p) => [p.period, p.new, p.returning, p.resurrecting, p.dormant, p.active, p.quickRatio === null ? null : p.quickRatio.toFixed(2)]),
  ),
);

// ---------------------------------------------------------------- retention
section('Retention: monthly cohorts, share active in month k (n-day; null = not yet observable)');
const cohorts = cohortRetention(company.events, { cohort: 'month', interval: 'month', lastPeriod: 6, mode: 'n-day', asOf });
console.log(
  table(
    ['cohort', 'users', ...Array.from({ length: 7 }, (_, k) => `M${k}`)],
    [
      ...cohorts.cohorts.slice(-8).map((row) => [row.cohort, row.size, ...row.rates.map((r) => (r === null ? null : percent(r, 0)))]),
      ['mean', null, ...cohorts.mean.rates.map((r) => (r === null ? null : percent(r, 0)))],
    ],
  ),
);

section('Retention: aha (3 reports in the first 7 days) versus control, landmark at day 7');
const ahaVersusControl = compareRetention(userJourneys, {
  segment: aha,
  landmarkDays: 7,
  horizonDays: 97,
  retentionDays: [7, 30, 90],
  asOf,
});
console.log(
  `${ahaVersusControl.segment.users} users reached aha by day 7, ${ahaVersusControl.control.users} did not; ` +
    `left out: ${ahaVersusControl.leftOut.churnedBeforeLandmark} churned before day 7, ${ahaVersusControl.leftOut.notYetAtLandmark} not yet at day 7`,
);
console.log(
  table(
    ['days after landmark', 'aha retained', 'control retained', 'difference [95% CI]', 'relative lift'],
    ahaVersusControl.retention.map((r) => [
      r.day,
      interval(r.segment),
      interval(r.control),
      r.difference === null ? null : `${(r.difference.value * 100).toFixed(1)} pts [${(r.difference.lower * 100).toFixed(1)}, ${(r.difference.upper * 100).toFixed(1)}]`,
      r.relativeLift === null ? null : `${r.relativeLift >= 0 ? '+' : ''}${(r.relativeLift * 100).toFixed(0)}%`,
    ]),
  ),
);
console.log(`Log-rank: chi-square ${ahaVersusControl.logRank.chiSquare.toFixed(1)}, p = ${ahaVersusControl.logRank.pValue?.toExponential(2)}`);

section('Retention: aha finder (first 7 days; target: active in days 8-30)');
const finder = findAha(userJourneys, {
  candidates: ['report_created', 'dashboard_viewed', 'login', 'teammate_invited', 'export'],
  landmarkDays: 7,
  target: { retainedOn: [8, 30] },
  asOf,
});
console.log(`${finder.users} users observable, ${percent(finder.retention?.value ?? null)} retained`);
console.log(
  table(
    ['behaviour', 'users who did', 'retained if did', 'retained if not', 'phi', 'band', 'precision', 'recall'],
    finder.best.slice(0, 5).map((m) => [
      `${m.label} >= ${m.count}`,
      percent(m.share?.value ?? null, 0),
      percent(m.retainedIfDid?.value ?? null, 0),
      percent(m.retainedIfNot?.value ?? null, 0),
      m.phi === null ? null : m.phi.toFixed(2),
      String(m.band),
      percent(m.precision, 0),
      percent(m.recall, 0),
    ]),
  ),
);

// ---------------------------------------------------------------- revenue
section('Revenue: the MRR bridge (USD)');
const snapshots = toMonthlySnapshots(company.subscriptions);
const bridge = mrrMovements(snapshots, { asOf });
const churn = new Map(churnRates(bridge).byMonth.map((m) => [m.month, m]));
const quick = new Map(quickRatio(bridge).byMonth.map((m) => [m.month, m]));
const money = (x: number): string => Math.round(x).toLocaleString('en-US');
console.log(
  table(
    ['month', 'start', 'new', 'expansion', 'reactivation', 'contraction', 'churned', 'end', 'customers', 'logo churn', 'net MRR churn', 'quick ratio'],
    bridge.months.slice(-8).map((m) => [
      m.month,
      money(m.startingMrr),
      money(m.newMrr),
      money(m.expansionMrr),
      money(m.reactivationMrr),
      money(m.contractionMrr),
      money(m.churnedMrr),
      money(m.endingMrr),
      m.customers.end,
      percent(churn.get(m.month)?.logoChurn.value ?? null),
      percent(churn.get(m.month)?.netMrrChurn.value ?? null),
      quick.get(m.month)?.value?.toFixed(2) ?? null,
    ]),
  ),
);
const nrr = netRevenueRetention(snapshots, { windowMonths: 12, asOf });
const grr = grossRevenueRetention(snapshots, { windowMonths: 12, asOf });
console.log(`\nCustomers paying in ${nrr.cohortMonth}, 12 months later: NRR ${percent(nrr.value)}, GRR ${percent(grr.value)} (${nrr.customers} customers)`);

// ---------------------------------------------------------------- scores
section('Scores: NPS by half-year, with 95% intervals');
const half = (t: number): string => {
  const d = new Date(t);
  return `${d.getUTCFullYear()}-H${d.getUTCMonth() < 6 ? 1 : 2}`;
};
const byHalf = nps(
  company.npsResponses.map((r) => ({ score: r.score, half: half(r.answeredAt) })),
  { groupBy: 'half' },
);
console.log(
  table(
    ['period', 'answers', 'promoters', 'passives', 'detractors', 'NPS', '95% interval'],
    [...byHalf.groups].sort((a, b) => String(a.group).localeCompare(String(b.group))).map((s) => [
      String(s.group),
      s.n,
      s.promoters,
      s.passives,
      s.detractors,
      s.score === null ? null : s.score.toFixed(1),
      s.lower === null || s.upper === null ? null : `[${s.lower.toFixed(1)}, ${s.upper.toFixed(1)}]`,
    ]),
  ),
);
const halves = [...byHalf.groups].sort((a, b) => String(a.group).localeCompare(String(b.group)));
const last = halves[halves.length - 1];
const previous = halves[halves.length - 2];
if (last !== undefined && previous !== undefined) {
  const change = npsChange(previous, last);
  console.log(
    `\nChange ${String(previous.group)} -> ${String(last.group)}: ${change.difference?.toFixed(1)} points, ` +
      `95% interval [${change.lower?.toFixed(1)}, ${change.upper?.toFixed(1)}], p = ${change.pValue?.toFixed(3)}` +
      (change.significant ? ' (significant)' : ' (could be noise)'),
  );
}

section('Scores: health of paying accounts (worst first)');
const usage = new Map(utilization.accounts.map((row) => [row.accountId, row]));
const stickinessByAccount = new Map(
  stickiness(company.events.filter((e) => paying.has(e.accountId)), { timeZone, groupBy: 'accountId', from: '2026-10-01', to: '2026-10-31', asOf }).groups.map(
    (g) => [g.group, g.meanDauMau],
  ),
);
const accountNps = new Map(
  nps(company.npsResponses.filter((r) => paying.has(r.accountId)), { groupBy: 'accountId' }).groups.map((s) => [s.group, s.score]),
);
const health = healthScores(licenses, {
  components: [
    { name: 'stickiness', weight: 2, value: (a: (typeof licenses)[number]) => stickinessByAccount.get(a.accountId) ?? 0, normalize: { linear: [0.05, 0.4] } },
    { name: 'seats', weight: 2, value: (a: (typeof licenses)[number]) => usage.get(a.accountId)?.ratio ?? null, normalize: { linear: [0.2, 1] } },
    { name: 'nps', weight: 1, value: (a: (typeof licenses)[number]) => accountNps.get(a.accountId) ?? null, normalize: { linear: [-50, 50] } },
  ],
});
const bandTally = new Map<string, number>();
for (const row of health.accounts) bandTally.set(String(row.band), (bandTally.get(String(row.band)) ?? 0) + 1);
console.log(`Bands: ${[...bandTally].map(([band, n]) => `${band} ${n}`).join(', ')}`);
console.log(
  table(
    ['account', 'score', 'band', 'stickiness', 'seats', 'nps', 'missing'],
    health.accounts.slice(0, 8).map((row) => {
      const points = new Map(row.contributions.map((c) => [c.name, c.normalized]));
      const fmt = (name: string): string | null => {
        const value = points.get(name);
        return value === null || value === undefined ? null : value.toFixed(0);
      };
      return [String(row.accountId), row.score === null ? null : row.score.toFixed(1), String(row.band), fmt('stickiness'), fmt('seats'), fmt('nps'), row.missing.join(' ') || '-'];
    }),
  ),
);
