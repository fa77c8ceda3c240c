/**
 * `npm run demo`: a customer-success report for the bundled sample company, printed to the
 * terminal. `npm run demo -- --html report.html` also writes the report, with every chart,
 * as one self-contained HTML file (examples/report-html.ts).
 *
 * One time zone throughout: Europe/Berlin. Every day, week and month below is a Berlin
 * calendar day, week or month, and `asOf: '2026-10-31'` means "complete through the end of
 * October 31 in Berlin" (for revenue too, whose subscriptions are dates without a time of day).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  activeUsers,
  activeUsersByPeriod,
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
import { sampleCompany } from '../src/sample/index.js';
import { healthScores, nps, npsChange } from '../src/scores/index.js';
import { count, percent, reportText, usd, type Report, type ReportSection } from './format.js';
import { reportHtml, type DemoResults } from './report-html.js';

// ---------------------------------------------------------------- arguments
const args = process.argv.slice(2);
let htmlPath: string | null = null;
for (let i = 0; i < args.length; i++) {
  const file = args[i + 1];
  if (args[i] === '--html' && file !== undefined && !file.startsWith('--')) {
    htmlPath = file;
    i++;
  } else {
    console.error(`${args[i] === '--html' ? '--html needs a file name' : `Unknown argument ${JSON.stringify(args[i])}`}. Usage: npm run demo [-- --html report.html]`);
    process.exit(2);
  }
}

const started = Date.now();
process.stderr.write('Generating the sample company (seed 42)...');
const company = sampleCompany({ seed: 42 });
process.stderr.write(` done in ${Date.now() - started} ms\n`);

/** The one time zone of the report. */
const timeZone = 'Europe/Berlin';
const asOf = company.asOf; // '2026-10-31': complete through the end of October 31 (Berlin)
const sections: ReportSection[] = [];

/** `YYYY-MM` of an instant in Berlin. */
const monthFormat = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit' });
const berlinMonth = (t: number): string => monthFormat.format(t).slice(0, 7);
/** The last day `YYYY-MM-DD` of a month `YYYY-MM`. */
const lastDayOf = (month: string): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${month}-${String(new Date(Date.UTC(y, m, 0)).getUTCDate()).padStart(2, '0')}`;
};

// ---------------------------------------------------------------- accounts, money
// Paying accounts: a subscription still running at the end of the data.
const paying = new Set(company.subscriptions.filter((s) => s.end === null).map((s) => s.accountId));
const payingAccounts = company.accounts.filter((a) => paying.has(a.accountId));
const payingEvents = company.events.filter((e) => paying.has(e.accountId));
const snapshots = toMonthlySnapshots(company.subscriptions);
const lastMonth = asOf.slice(0, 7);
/** MRR of each paying account in the last month (USD; an annual plan counts a twelfth of its price). */
const mrrOf = new Map<string, number>();
for (const s of snapshots) if (s.month === lastMonth && paying.has(String(s.accountId))) mrrOf.set(String(s.accountId), (mrrOf.get(String(s.accountId)) ?? 0) + s.mrr);
/** Money in the tables: whole dollars (an annual plan's twelfth has cents). */
const dollars = (x: number): number => Math.round(x);

// ---------------------------------------------------------------- health inputs (last 30 days)
const utilization = licenseUtilizationByAccount(payingEvents, { licenses: payingAccounts, timeZone, asOf });
const recent = { from: utilization.from as string, to: utilization.to as string }; // 2026-10-02 .. 2026-10-31
const usage = new Map(utilization.accounts.map((row) => [String(row.accountId), row]));
const dauMauOf = new Map(
  stickiness(payingEvents, { timeZone, groupBy: 'accountId', ...recent, asOf }).groups.map((g) => [String(g.group), g.meanDauMau]),
);
// Usage trend: active user-days in the last 30 days against the mean of the two 30-day spans before.
const trendFrom = '2026-08-03';
const daily = activeUsersByPeriod(payingEvents, { period: 'day', groupBy: 'accountId', timeZone, from: trendFrom, to: asOf, asOf });
const trendOf = new Map<string, number | null>();
for (const group of daily.groups) {
  let now = 0;
  let before = 0;
  for (const p of group.periods) {
    if (p.period >= recent.from) now += p.activeUsers;
    else before += p.activeUsers;
  }
  trendOf.set(String(group.group), before === 0 ? null : now / (before / 2));
}
// NPS of the last six months, per account.
const npsSince = Date.parse('2026-05-01T00:00:00+02:00');
const npsOf = new Map(
  nps(company.npsResponses.filter((r) => paying.has(r.accountId) && r.answeredAt >= npsSince), { groupBy: 'accountId' }).groups.map((g) => [String(g.group), g]),
);

type PayingAccount = (typeof payingAccounts)[number];
const health = healthScores(payingAccounts, {
  components: [
    // Mean DAU/MAU of the account's users over the last 30 days; 0 when nobody was active.
    { name: 'activity', weight: 2, value: (a: PayingAccount) => dauMauOf.get(a.accountId) ?? 0, normalize: { linear: [0.05, 0.35] } },
    // Seats used: users active in the last 30 days over licenses.
    { name: 'seats', weight: 2, value: (a: PayingAccount) => usage.get(a.accountId)?.ratio ?? 0, normalize: { linear: [0.2, 1] } },
    // Usage trend: user-days now over the 60 days before (missing for an account without them).
    { name: 'trend', weight: 2, value: (a: PayingAccount) => trendOf.get(a.accountId) ?? (dauMauOf.has(a.accountId) ? null : 0), normalize: { linear: [0.4, 1] } },
    { name: 'nps', weight: 1, value: (a: PayingAccount) => npsOf.get(a.accountId)?.score ?? null, normalize: { linear: [-50, 50] } },
  ],
});
const accountById = new Map(payingAccounts.map((a) => [a.accountId, a]));

/** Why an account scores low: its components below 50 points, the costliest first, in words. */
function reasonsOf(row: (typeof health.accounts)[number]): string {
  const id = String(row.accountId);
  const active = usage.get(id)?.activeUsers ?? 0;
  const licenses = accountById.get(id)?.licenses ?? 0;
  const words: Record<string, () => string> = {
    activity: () => (active === 0 ? 'nobody active in 30 days' : `DAU/MAU ${percent(dauMauOf.get(id) ?? 0, 0)}`),
    seats: () => `${active} of ${licenses} seats used`,
    trend: () => `usage ${percent(1 - (trendOf.get(id) ?? 0), 0)} below Aug–Sep`,
    nps: () => `NPS ${Math.round(npsOf.get(id)?.score ?? 0)} (${npsOf.get(id)?.n ?? 0} answer${npsOf.get(id)?.n === 1 ? '' : 's'})`,
  };
  const low = row.contributions
    .filter((c) => c.normalized !== null && c.normalized < 50)
    .filter((c) => !(c.name === 'seats' && active === 0)) // said once: nobody active
    .filter((c) => !(c.name === 'trend' && active === 0 && (trendOf.get(id) ?? 0) === 0))
    .sort((a, b) => b.weight * (100 - (b.normalized as number)) - a.weight * (100 - (a.normalized as number)));
  const text = low.map((c) => words[c.name]?.() ?? c.name);
  if (row.missing.includes('nps')) text.push('no NPS answer');
  return text.join('; ') || '–';
}

const utilizationBands = (['adoption-risk', 'healthy', 'expand'] as const)
  .map((band) => `${utilization.accounts.filter((row) => row.band === band).length} ${band}`)
  .join(', ');
const bandOrder = ['red', 'yellow', 'green'] as const;
const totalMrr = [...mrrOf.values()].reduce((a, b) => a + b, 0);
const byBand = bandOrder.map((band) => {
  const rows = health.accounts.filter((r) => r.band === band);
  const mrr = rows.reduce((sum, r) => sum + (mrrOf.get(String(r.accountId)) ?? 0), 0);
  return { band, accounts: rows.length, mrr: dollars(mrr), arr: dollars(mrr * 12), shareOfMrr: totalMrr === 0 ? null : mrr / totalMrr };
});
const red = health.accounts.filter((r) => r.band === 'red');
const redIdle = red.filter((r) => (usage.get(String(r.accountId))?.activeUsers ?? 0) === 0);
const accountRow = (r: (typeof health.accounts)[number]) => {
  const a = accountById.get(String(r.accountId)) as PayingAccount;
  const mrr = mrrOf.get(a.accountId) ?? 0;
  return { account: a.accountId, name: a.name, plan: a.plan, seats: a.licenses, mrr: dollars(mrr), arr: dollars(mrr * 12), score: r.score, band: r.band, why: reasonsOf(r) };
};
const callFirst = [...red].sort((a, b) => (mrrOf.get(String(b.accountId)) ?? 0) - (mrrOf.get(String(a.accountId)) ?? 0) || (a.score ?? 0) - (b.score ?? 0)).slice(0, 10);
const watch = health.accounts.filter((r) => r.band === 'yellow').slice(0, 5);
const expand = utilization.accounts
  .filter((row) => row.band === 'expand')
  .map((row) => {
    const id = String(row.accountId);
    const mrr = mrrOf.get(id) ?? 0;
    const perSeat = row.licenses > 0 ? mrr / row.licenses : 0;
    return { account: id, name: accountById.get(id)?.name ?? id, activeUsers: row.activeUsers, licenses: row.licenses, utilization: row.ratio, mrr: dollars(mrr), upsideMrr: dollars((row.activeUsers - row.licenses) * perSeat) };
  })
  .sort((a, b) => b.upsideMrr - a.upsideMrr);
const accountColumns = [
  { key: 'account', label: 'Account' },
  { key: 'name', label: 'Name' },
  { key: 'plan', label: 'Plan' },
  { key: 'seats', label: 'Seats', format: 'integer' as const },
  { key: 'mrr', label: 'MRR', format: 'money' as const },
  { key: 'arr', label: 'ARR', format: 'money' as const },
  { key: 'score', label: 'Score', format: 'number' as const, digits: 0 },
  { key: 'band', label: 'Band' },
  { key: 'why', label: 'What drives the score down' },
];

// ---------------------------------------------------------------- revenue
const bridge = mrrMovements(snapshots, { asOf, timeZone });
const churn = new Map(churnRates(bridge).byMonth.map((m) => [m.month, m]));
const quick = new Map(quickRatio(bridge).byMonth.map((m) => [m.month, m]));
const nrr = netRevenueRetention(snapshots, { windowMonths: 12, asOf, timeZone, trailing: true });
const grr = grossRevenueRetention(snapshots, { windowMonths: 12, asOf, timeZone, trailing: true });

// ---------------------------------------------------------------- engagement
const series = activeUsers(company.events, { timeZone, asOf });
const months = Array.from({ length: 12 }, (_, k) => {
  const d = new Date(Date.UTC(2026, 9 - 11 + k, 1));
  return d.toISOString().slice(0, 7);
});
const calendarMau = new Map(activeUsersByPeriod(company.events, { period: 'month', timeZone, asOf }).periods.map((p) => [p.period, p.activeUsers]));
const monthly = months.map((month) => {
  const s = stickiness(company.events, { timeZone, from: `${month}-01`, to: lastDayOf(month), asOf });
  return { month, averageDau: s.averageDau, activeUsers: calendarMau.get(month) ?? 0, meanDauMau: s.meanDauMau, band: s.band };
});
const october = stickiness(company.events, { timeZone, from: '2026-10-01', to: '2026-10-31', asOf });
const lastDay = series.days.at(-1);
const dayDauMau = series.days.slice(-31).map((d) => d.dauMau ?? 0);
const atLeast10 = october.histogram[9]?.atLeastShare ?? null;

// ---------------------------------------------------------------- lifecycle
const userJourneys = journeys(company.events, {
  timeZone,
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
const funnel = lifecycleFunnel(userJourneys, stages, { asOf, timeZone });
const anyOrder = lifecycleFunnel(userJourneys, stages, { asOf, timeZone, inOrder: false });
const ttv = timeToValue(userJourneys, aha, { asOf, timeZone, horizons: [1, 3, 7] });
const comparison = compareRetention(userJourneys, { segment: aha, landmarkDays: 7, horizonDays: 97, retentionDays: [7, 30, 90], asOf, timeZone });
const growth = growthLifecycle(company.events, { period: 'month', timeZone, asOf });
const finder = findAha(userJourneys, {
  candidates: ['report_created', 'dashboard_viewed', 'login', 'teammate_invited', 'export'],
  landmarkDays: 7,
  target: { retainedOn: [8, 30] },
  asOf,
  timeZone,
});

// ---------------------------------------------------------------- retention cohorts
const cohorts = cohortRetention(company.events, { cohort: 'month', interval: 'month', lastPeriod: 6, mode: 'n-day', asOf, timeZone });
const shownRows = cohorts.cohorts.filter((row) => row.complete).slice(-8);
/** The size-weighted mean over the cohorts shown: in each column, the cohorts observed there. */
const shownMean = (() => {
  const columns = cohorts.lastPeriod + 1;
  const counts = Array.from({ length: columns }, (_, k) => shownRows.reduce((sum, row) => sum + (row.counts[k] ?? 0), 0));
  const sizes = Array.from({ length: columns }, (_, k) => shownRows.reduce((sum, row) => sum + (row.counts[k] === null || row.counts[k] === undefined ? 0 : row.size), 0));
  return { counts, sizes, rates: counts.map((c, k) => ((sizes[k] ?? 0) > 0 ? c / (sizes[k] as number) : null)) };
})();
const shownCohorts = { ...cohorts, cohorts: shownRows, mean: shownMean };

// ---------------------------------------------------------------- NPS
const quarterOf = (t: number): string => {
  const [y, m] = berlinMonth(t).split('-').map(Number) as [number, number];
  return `${y}-Q${Math.ceil(m / 3)}`;
};
const byQuarter = nps(
  company.npsResponses.map((r) => ({ score: r.score, quarter: quarterOf(r.answeredAt) })),
  { groupBy: 'quarter' },
);
/** An NPS of fewer answers than this is left out: its interval spans most of −100..100. */
const MIN_ANSWERS = 20;
const allQuarters = [...byQuarter.groups].sort((a, b) => String(a.group).localeCompare(String(b.group)));
const quarters = allQuarters.filter((q) => q.n >= MIN_ANSWERS);
const fewAnswers = allQuarters.filter((q) => q.n < MIN_ANSWERS);
const npsShown = { ...byQuarter, groups: quarters };
const lastQuarter = quarters.at(-1);
const previousQuarter = quarters.at(-2);
const npsMove = lastQuarter && previousQuarter ? npsChange(previousQuarter, lastQuarter) : null;

// ================================================================ the report
const nrrValue = nrr.value;
const grrValue = grr.value;
sections.push({
  id: 'summary',
  title: 'At a glance',
  notes: [],
  tables: [
    {
      rows: [
        { figure: 'Paying accounts', value: count(paying.size), note: `${company.accounts.length} accounts tried the product since 2025-05` },
        { figure: 'MRR / ARR', value: `${usd(totalMrr)} / ${usd(totalMrr * 12)}`, note: `October 2026; net new MRR in October ${usd((bridge.months.at(-1)?.endingMrr ?? 0) - (bridge.months.at(-1)?.startingMrr ?? 0))}` },
        { figure: 'MRR at risk (red health)', value: usd(byBand[0]?.mrr ?? 0), note: `${byBand[0]?.accounts ?? 0} accounts, ${percent(byBand[0]?.shareOfMrr ?? null, 0)} of MRR; ${redIdle.length} of them with nobody active in 30 days` },
        { figure: 'NRR / GRR, 12 months', value: `${percent(nrrValue, 0)} / ${percent(grrValue, 0)}`, note: `customers paying in ${nrr.cohortMonth}, ${nrr.customers} of them` },
        { figure: 'DAU/MAU, October mean', value: percent(october.meanDauMau), note: `${october.band}; ${count(october.activeUsers)} active users, ${percent(atLeast10, 0)} of them on 10 days or more` },
        { figure: `NPS ${String(lastQuarter?.group ?? '')} (October)`, value: lastQuarter?.score === null || lastQuarter === undefined ? '–' : lastQuarter.score.toFixed(0), note: npsMove?.difference == null ? '' : `${npsMove.difference >= 0 ? '+' : ''}${npsMove.difference.toFixed(0)} on ${String(previousQuarter?.group)}${npsMove.significant ? '' : ' (could be noise)'}` },
      ],
      columns: [
        { key: 'figure', label: 'Figure' },
        { key: 'value', label: 'Value' },
        { key: 'note', label: 'Note' },
      ],
    },
  ],
});

sections.push({
  id: 'accounts',
  title: 'Accounts to act on: health, MRR at risk',
  notes: [
    `Health score of each paying account, 0–100: activity (mean DAU/MAU of its users in the last 30 days; 5% or less is 0 points, 35% or more is 100), ` +
      `seats used (users active in the last 30 days over licenses; 20% → 0, 100% → 100), usage trend (user-days in the last 30 days against the ` +
      `60 days before; down 60% → 0, flat or up → 100), each weighted 2, and NPS of the last six months (−50 → 0, +50 → 100), weighted 1 and left out ` +
      `when the account gave no answer. Bands: red 0–50, yellow 51–75, green 76–100. Days ${recent.from} to ${recent.to}, Berlin.`,
    `Seats: ${utilizationBands} (users active in the last 30 days over licenses; adoption risk below 50%, expand above 100%).`,
    `The list is the red band sorted by MRR (the money at stake), with what drives each score down; ${redIdle.length} of the ${red.length} red accounts ` +
      `(${usd(redIdle.reduce((s, r) => s + (mrrOf.get(String(r.accountId)) ?? 0), 0))} MRR) had nobody active in the last 30 days: they score 0 on activity, seats and trend alike.`,
  ],
  tables: [
    {
      caption: 'MRR at risk by health band',
      rows: byBand,
      columns: [
        { key: 'band', label: 'Band' },
        { key: 'accounts', label: 'Accounts', format: 'integer' },
        { key: 'mrr', label: 'MRR', format: 'money' },
        { key: 'arr', label: 'ARR', format: 'money' },
        { key: 'shareOfMrr', label: 'Share of MRR', format: 'percent' },
      ],
      currency: 'USD',
    },
    { caption: `Call first: red accounts by MRR (${Math.min(10, red.length)} of ${red.length})`, rows: callFirst.map(accountRow), columns: accountColumns, currency: 'USD' },
    { caption: `Watch: the lowest yellow accounts (${watch.length} of ${byBand[1]?.accounts ?? 0})`, rows: watch.map(accountRow), columns: accountColumns, currency: 'USD' },
    {
      caption: `Expansion candidates: more active users than licenses (${expand.length})`,
      rows: expand.slice(0, 8),
      columns: [
        { key: 'account', label: 'Account' },
        { key: 'name', label: 'Name' },
        { key: 'activeUsers', label: 'Active users', format: 'integer' },
        { key: 'licenses', label: 'Licenses', format: 'integer' },
        { key: 'utilization', label: 'Utilization', format: 'percent' },
        { key: 'mrr', label: 'MRR', format: 'money' },
        { key: 'upsideMrr', label: 'Extra MRR if seats match users', format: 'money' },
      ],
      currency: 'USD',
    },
  ],
});

sections.push({
  id: 'engagement',
  title: 'Engagement: active users and stickiness, by month',
  notes: [
    `DAU/MAU is the mean of the daily ratios over each month's days (each day's DAU over the users active in the 30 days up to it), not the ratio of ` +
      `one day: a single day swings with the weekday (the last ${dayDauMau.length} days ran from ${percent(Math.min(...dayDauMau), 0)} to ${percent(Math.max(...dayDauMau), 0)}). ` +
      `"Active users" counts the distinct users of the calendar month. On ${lastDay?.date}: DAU ${lastDay?.dau}, WAU ${lastDay?.wau}, MAU ${lastDay?.mau}.`,
  ],
  tables: [
    {
      rows: monthly,
      columns: [
        { key: 'month', label: 'Month' },
        { key: 'averageDau', label: 'Average DAU', format: 'number', digits: 0 },
        { key: 'activeUsers', label: 'Active users in the month', format: 'integer' },
        { key: 'meanDauMau', label: 'Mean DAU/MAU', format: 'percent' },
        { key: 'band', label: 'Band' },
      ],
      digits: 1,
    },
  ],
});

const evaluation = engagedEvaluation(company.events, { trials: company.trials, timeZone, asOf });
sections.push({
  id: 'trials',
  title: 'Trials: engaged evaluation (3 or more active days in the first 14, Totango)',
  notes: [],
  tables: [
    {
      rows: evaluation.byMonth.slice(-6).map((m) => ({ month: m.month, trials: m.trialCount, completed: m.completed, engaged: m.engaged, pending: m.pending, rate: m.rate, band: m.band })),
      columns: [
        { key: 'month', label: 'Trial month' },
        { key: 'trials', label: 'Trials', format: 'integer' },
        { key: 'completed', label: 'Completed', format: 'integer' },
        { key: 'engaged', label: 'Engaged', format: 'integer' },
        { key: 'pending', label: 'Pending', format: 'integer' },
        { key: 'rate', label: 'Engaged rate (95% CI)', format: 'percent' },
        { key: 'band', label: 'Band' },
      ],
    },
    {
      rows: evaluation.byCampaign.map((c) => ({ campaign: c.sourceCampaign, trials: c.trialCount, completed: c.completed, engaged: c.engaged, rate: c.rate, band: c.band })),
      columns: [
        { key: 'campaign', label: 'Campaign' },
        { key: 'trials', label: 'Trials', format: 'integer' },
        { key: 'completed', label: 'Completed', format: 'integer' },
        { key: 'engaged', label: 'Engaged', format: 'integer' },
        { key: 'rate', label: 'Engaged rate (95% CI)', format: 'percent' },
        { key: 'band', label: 'Band' },
      ],
    },
  ],
});

const octoberRange = { timeZone, from: '2026-10-01', to: '2026-10-31', asOf };
const perDay = sessionsPerUserDay(company.events, { ...octoberRange, target: 2 });
const exportAdoption = featureAdoption(company.events, { ...octoberRange, feature: 'export' });
const reportAdoption = featureAdoption(company.events, { ...octoberRange, feature: 'report_created' });
const est = (e: { value: number; lower: number | null; upper: number | null } | null | undefined): string =>
  e == null ? '–' : `${percent(e.value, 0)} (${percent(e.lower, 0)}–${percent(e.upper, 0)})`;
sections.push({
  id: 'sessions',
  title: 'Sessions and feature adoption, October 2026',
  notes: [
    `Sessions (a new one after 30 minutes without an event): ${count(perDay.overall.userDays)} user-days, ${perDay.overall.meanSessionsPerUserDay?.toFixed(2)} sessions per user-day, ` +
      `${est(perDay.overall.share)} of user-days with 2 or more sessions. Feature adoption among October's active users: ` +
      `export ${est(exportAdoption.periods[0]?.rate)}, report_created ${est(reportAdoption.periods[0]?.rate)}.`,
  ],
  tables: [],
});

const ahaStage = funnel.stages[2];
const ahaAnyOrder = anyOrder.stages[2];
const within7 = ttv.reachedWithin.find((w) => w.horizon === 7)?.share?.value ?? null;
const days = (q: { value: number | null }): string => (q.value === null ? 'not reached (fewer than half of the users ever get there)' : `${q.value.toFixed(1)} days`);
sections.push({
  id: 'funnel',
  title: 'Lifecycle: the funnel and time to aha',
  notes: [
    `Aha is 3 reports within 7 days of signing up. The funnel counts a stage only once every earlier stage is reached (in order): ` +
      `aha "reached" is ${ahaStage?.reached} because only users who also confirmed their email and completed onboarding count. ` +
      `${ahaAnyOrder?.reached} users made the 3 reports in their first week, whatever they did before (the same funnel with inOrder: false). ` +
      `The comparison below starts at day 7 and counts ${comparison.segment.users} of them: the other ${(ahaAnyOrder?.reached ?? 0) - comparison.segment.users} ` +
      `signed up less than 7 days before ${asOf}, so they are not at the landmark yet.`,
    `Time to aha (every user, those who have not reached it yet counted as censored, Kaplan–Meier): median ${days(ttv.median)}; ` +
      `reached within ${ttv.reachedWithin.map((w) => `${w.horizon} d: ${percent(w.share?.value ?? null)}`).join(', ')}. ` +
      `So ${percent(within7, 0)} reach aha by day 7: ${ahaAnyOrder?.reached} of ${ttv.n} users, less those still inside their first week.`,
  ],
  tables: [
    {
      rows: funnel.stages.map((s) => ({ stage: s.name, current: s.current, reached: s.reached, conversion: s.conversionFromPrevious, medianDays: s.medianDaysFromPrevious })),
      columns: [
        { key: 'stage', label: 'Stage' },
        { key: 'current', label: 'At the stage now', format: 'integer' },
        { key: 'reached', label: 'Reached (in order)', format: 'integer' },
        { key: 'conversion', label: 'From previous (95% CI)', format: 'percent' },
        { key: 'medianDays', label: 'Median days from previous', format: 'number', digits: 1 },
      ],
    },
  ],
});

sections.push({
  id: 'growth',
  title: 'Growth lifecycle: new, returning, resurrecting and dormant users per month',
  notes: [
    `Resurrecting: active this month, not last month, active before. Dormant: active last month, not this month (shown negative). ` +
      `Quick ratio: (new + resurrecting) / dormant; above 1 the active base grows.`,
  ],
  tables: [
    {
      rows: growth.periods.slice(-6).map((p) => ({ month: p.period, new: p.new, returning: p.returning, resurrecting: p.resurrecting, dormant: p.dormant, active: p.active, quickRatio: p.quickRatio })),
      columns: [
        { key: 'month', label: 'Month' },
        { key: 'new', label: 'New', format: 'integer' },
        { key: 'returning', label: 'Returning', format: 'integer' },
        { key: 'resurrecting', label: 'Resurrecting', format: 'integer' },
        { key: 'dormant', label: 'Dormant', format: 'integer' },
        { key: 'active', label: 'Active', format: 'integer' },
        { key: 'quickRatio', label: 'Quick ratio', format: 'number', digits: 2 },
      ],
    },
  ],
});

sections.push({
  id: 'cohorts',
  title: 'Retention: monthly cohorts, share active in month k',
  notes: [
    `A user is in the cohort of the month of their first event and retained in month k when active in the k-th month after it (n-day). ` +
      `The mean row is the size-weighted mean over the ${shownRows.length} cohorts shown (in each column, the cohorts for which that month is over); ` +
      `empty cells are months not over yet.`,
  ],
  tables: [
    {
      rows: [
        ...shownRows.map((row) => ({ cohort: row.cohort, users: row.size, ...Object.fromEntries(row.rates.map((r, k) => [`m${k}`, r])) })),
        { cohort: 'mean (shown)', users: shownRows.reduce((s, r) => s + r.size, 0), ...Object.fromEntries(shownMean.rates.map((r, k) => [`m${k}`, r])) },
      ],
      columns: [
        { key: 'cohort', label: 'Cohort' },
        { key: 'users', label: 'Users', format: 'integer' },
        ...Array.from({ length: cohorts.lastPeriod + 1 }, (_, k) => ({ key: `m${k}`, label: `M${k}`, format: 'percent' as const })),
      ],
    },
  ],
});

/** An estimate as a figure `{ value, lower, upper }` (a table cell `54% (49–59%)`). */
const figure = (e: { value: number; lower: number | null; upper: number | null } | null) => (e === null ? null : { value: e.value, lower: e.lower, upper: e.upper });
/** A difference of two rates in percentage points, as a figure. */
const points = (e: { value: number; lower: number | null; upper: number | null } | null) =>
  e === null ? null : { value: e.value * 100, lower: e.lower === null ? null : e.lower * 100, upper: e.upper === null ? null : e.upper * 100 };
sections.push({
  id: 'aha',
  title: 'Retention: aha versus the others, from day 7',
  notes: [
    `${comparison.segment.users} users reached aha by day 7, ${comparison.control.users} did not; left out: ${comparison.leftOut.churnedBeforeLandmark} churned before day 7, ` +
      `${comparison.leftOut.notYetAtLandmark} not yet at day 7. Log-rank chi-square ${comparison.logRank.chiSquare.toFixed(1)}, p = ${comparison.logRank.pValue?.toExponential(1)}.`,
  ],
  tables: [
    {
      rows: comparison.retention.map((r) => ({ day: r.day, aha: figure(r.segment), others: figure(r.control), difference: points(r.difference), relativeLift: r.relativeLift })),
      columns: [
        { key: 'day', label: 'Days after day 7', format: 'integer' },
        { key: 'aha', label: 'Aha retained (95% CI)', format: 'percent' },
        { key: 'others', label: 'Others retained (95% CI)', format: 'percent' },
        { key: 'difference', label: 'Difference, points (95% CI)', format: 'number', digits: 1 },
        { key: 'relativeLift', label: 'Relative lift', format: 'percent' },
      ],
    },
  ],
});

sections.push({
  id: 'finder',
  title: 'Retention: which first-week behaviour predicts staying (days 8–30)',
  notes: [`${finder.users} users observable, ${percent(finder.retention?.value ?? null, 0)} retained.`],
  tables: [
    {
      rows: finder.best.slice(0, 5).map((m) => ({
        behaviour: `${m.label} ≥ ${m.count}`,
        share: m.share?.value ?? null,
        retainedIfDid: m.retainedIfDid?.value ?? null,
        retainedIfNot: m.retainedIfNot?.value ?? null,
        phi: m.phi,
        band: m.band,
        precision: m.precision,
        recall: m.recall,
      })),
      columns: [
        { key: 'behaviour', label: 'Behaviour' },
        { key: 'share', label: 'Users who did', format: 'percent' },
        { key: 'retainedIfDid', label: 'Retained if did', format: 'percent' },
        { key: 'retainedIfNot', label: 'Retained if not', format: 'percent' },
        { key: 'phi', label: 'Phi', format: 'number', digits: 2 },
        { key: 'band', label: 'Band' },
        { key: 'precision', label: 'Precision', format: 'percent' },
        { key: 'recall', label: 'Recall', format: 'percent' },
      ],
    },
  ],
});

sections.push({
  id: 'revenue',
  title: 'Revenue: the MRR bridge, NRR and GRR (USD)',
  notes: [
    `Customers paying in ${nrr.cohortMonth}, 12 months later: NRR ${percent(nrrValue)}, GRR ${percent(grrValue)} (${nrr.customers} customers). ` +
      `Trailing 12 months, by end month (NRR / GRR, customers 12 months before): ` +
      `${nrr.trailing.map((w, i) => `${w.month} ${percent(w.value, 0)} / ${percent(grr.trailing[i]?.value ?? null, 0)} (${w.customers})`).join(', ')}; ` +
      `the early windows start from the first handful of customers, so they swing. ` +
      `Money in whole dollars (an annual plan counts a twelfth of its price a month), so a row may be a dollar off its sum.`,
  ],
  tables: [
    {
      rows: bridge.months.slice(-8).map((m) => ({
        month: m.month,
        startingMrr: dollars(m.startingMrr),
        newMrr: dollars(m.newMrr),
        expansionMrr: dollars(m.expansionMrr),
        reactivationMrr: dollars(m.reactivationMrr),
        contractionMrr: dollars(m.contractionMrr),
        churnedMrr: dollars(m.churnedMrr),
        endingMrr: dollars(m.endingMrr),
        customers: m.customers.end,
        logoChurn: churn.get(m.month)?.logoChurn.value ?? null,
        netMrrChurn: churn.get(m.month)?.netMrrChurn.value ?? null,
        quickRatio: quick.get(m.month)?.value ?? null,
      })),
      columns: [
        { key: 'month', label: 'Month' },
        { key: 'startingMrr', label: 'Start', format: 'money' },
        { key: 'newMrr', label: 'New', format: 'money' },
        { key: 'expansionMrr', label: 'Expansion', format: 'money' },
        { key: 'reactivationMrr', label: 'Reactivation', format: 'money' },
        { key: 'contractionMrr', label: 'Contraction', format: 'money' },
        { key: 'churnedMrr', label: 'Churned', format: 'money' },
        { key: 'endingMrr', label: 'End', format: 'money' },
        { key: 'customers', label: 'Customers', format: 'integer' },
        { key: 'logoChurn', label: 'Logo churn', format: 'percent' },
        { key: 'netMrrChurn', label: 'Net MRR churn', format: 'percent' },
        { key: 'quickRatio', label: 'Quick ratio', format: 'number', digits: 2 },
      ],
      digits: 1,
      currency: 'USD',
    },
  ],
});

sections.push({
  id: 'nps',
  title: 'NPS by quarter, with 95% intervals',
  notes: [
    npsMove === null || npsMove.difference === null
      ? ''
      : `Change ${String(previousQuarter?.group)} → ${String(lastQuarter?.group)}: ${npsMove.difference.toFixed(1)} points, 95% interval ` +
        `${npsMove.lower?.toFixed(1)} to ${npsMove.upper?.toFixed(1)}, p = ${npsMove.pValue?.toFixed(3)}${npsMove.significant ? ' (significant)' : ' (could be noise)'}. ` +
        `${String(lastQuarter?.group)} holds October only.`,
    fewAnswers.length === 0
      ? ''
      : `Left out, fewer than ${MIN_ANSWERS} answers: ${fewAnswers.map((q) => `${String(q.group)} (${q.n})`).join(', ')}.`,
  ].filter((note) => note !== ''),
  tables: [
    {
      rows: quarters.map((q) => ({
        quarter: String(q.group),
        answers: q.n,
        promoters: q.promoters,
        passives: q.passives,
        detractors: q.detractors,
        nps: q.score,
        interval: q.lower === null || q.upper === null ? null : `${q.lower.toFixed(0)} to ${q.upper.toFixed(0)}`,
      })),
      columns: [
        { key: 'quarter', label: 'Quarter' },
        { key: 'answers', label: 'Answers', format: 'integer' },
        { key: 'promoters', label: 'Promoters', format: 'integer' },
        { key: 'passives', label: 'Passives', format: 'integer' },
        { key: 'detractors', label: 'Detractors', format: 'integer' },
        { key: 'nps', label: 'NPS', format: 'number', digits: 0 },
        { key: 'interval', label: '95% interval' },
      ],
    },
  ],
});

const report: Report = {
  title: 'Customer-success report: sample company',
  intro: [
    `${count(company.accounts.length)} accounts, ${count(company.users.length)} users, ${count(company.events.length)} events; ` +
      `${count(company.trials.length)} trials, ${count(company.subscriptions.length)} subscription periods, ${count(company.npsResponses.length)} NPS answers.`,
    `As of ${asOf}: the data is complete through the end of that day. One time zone throughout: ${timeZone} (every day, week and month is a Berlin one).`,
  ],
  sections,
};

process.stdout.write(reportText(report));

if (htmlPath !== null) {
  const results: DemoResults = {
    activeUsers: series,
    monthlyStickiness: monthly,
    october,
    funnel,
    timeToAha: ttv,
    growth,
    cohorts: shownCohorts,
    comparison,
    bridge,
    nrr,
    grr,
    nps: npsShown,
    health,
  };
  const file = resolve(htmlPath);
  writeFileSync(file, reportHtml(report, results));
  process.stderr.write(`Wrote ${file}\n`);
}
