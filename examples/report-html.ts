/**
 * The demo's HTML report: one self-contained page (inline CSS, inline SVG charts, no
 * script, no external asset) with the sections of the terminal report, their tables (as
 * `htmlTable` writes them) and every chart, readable in a light and a dark theme
 * (`prefers-color-scheme`; the charts draw their ink in `currentColor`). Every chart kind
 * of src/display appears: activeUsersChart, lineChart (monthly mean DAU/MAU), stickinessHistogram, healthBandsChart,
 * funnelChart, retentionChart (time to aha; aha versus the others, with the at-risk row),
 * growthLifecycleChart, cohortHeatmap, mrrBridgeChart, revenueRetentionChart, npsChart.
 */
import {
  activeUsersChart,
  cohortHeatmap,
  funnelChart,
  growthLifecycleChart,
  healthBandsChart,
  htmlTable,
  lineChart,
  mrrBridgeChart,
  npsChart,
  retentionChart,
  revenueRetentionChart,
  stickinessHistogram,
} from '../src/display/index.js';
import type { ActiveUsersResult, StickinessBand, StickinessResult } from '../src/engagement/index.js';
import type { GrowthLifecycleResult, LifecycleFunnelResult, TimeToValueResult } from '../src/lifecycle/index.js';
import type { CohortRetentionResult, CompareRetentionResult } from '../src/retention/index.js';
import type { MrrMovementsResult, TrailingRevenueRetentionResult } from '../src/revenue/index.js';
import type { GroupedNpsResult, HealthScoresResult } from '../src/scores/index.js';
import type { Report, ReportSection, ReportTable } from './format.js';

/** The results the charts draw, as the library returns them. */
export interface DemoResults {
  readonly activeUsers: ActiveUsersResult;
  /** Mean DAU/MAU per month (stickiness of each month). */
  readonly monthlyStickiness: readonly { month: string; meanDauMau: number | null; band: StickinessBand | null }[];
  /** Stickiness of October 2026 (its histogram). */
  readonly october: StickinessResult;
  readonly funnel: LifecycleFunnelResult;
  readonly timeToAha: TimeToValueResult;
  readonly growth: GrowthLifecycleResult;
  /** The cohorts shown, with the mean over them. */
  readonly cohorts: CohortRetentionResult;
  readonly comparison: CompareRetentionResult;
  readonly bridge: MrrMovementsResult;
  readonly nrr: TrailingRevenueRetentionResult;
  readonly grr: TrailingRevenueRetentionResult;
  /** NPS grouped by quarter, in order. */
  readonly nps: GroupedNpsResult;
  readonly health: HealthScoresResult;
}

/** A chart of the report: its SVG and a line saying what it shows. */
interface Chart {
  readonly svg: string;
  readonly caption?: string;
}

/**
 * The charts of each section, by section id: every chart kind of src/display, each drawn
 * from the library's result as it is.
 */
function sectionCharts(results: DemoResults): Record<string, Chart[]> {
  return {
    accounts: [{ svg: healthBandsChart(results.health, { title: 'Health of paying accounts' }) }],
    engagement: [
      {
        // The last 12 months, as the table: the first weeks of the data have tiny MAUs and DAU/MAU near 100%.
        svg: activeUsersChart(
          { ...results.activeUsers, days: results.activeUsers.days.slice(-365) },
          { title: 'Active users, last 12 months', subtitle: 'DAU, WAU and MAU per day (Europe/Berlin); DAU/MAU below' },
        ),
      },
      {
        svg: lineChart([{ name: 'mean DAU/MAU', points: results.monthlyStickiness.map((m) => ({ x: m.month, y: m.meanDauMau === null ? null : m.meanDauMau * 100 })) }], {
          title: 'Stickiness: mean DAU/MAU per month',
          xLabel: 'month',
          yLabel: 'mean DAU/MAU (%)',
        }),
        caption: 'The mean of the daily DAU/MAU over each month: weekends and weekdays even out.',
      },
      {
        svg: stickinessHistogram(results.october, { title: 'Stickiness, October 2026' }),
        caption: `Users active in October by their number of active days; mean DAU/MAU ${percentOf(results.october.meanDauMau)}.`,
      },
    ],
    funnel: [
      { svg: funnelChart(results.funnel) },
      {
        // Aha is defined within 7 days: after day 14 the curve is flat, so the chart stops there.
        svg: retentionChart({ ...results.timeToAha, curve: results.timeToAha.curve.filter((step) => step.time <= 14) }, {
          title: 'Time to aha: users not at aha yet',
          xLabel: 'days since signup',
          yLabel: 'not yet at aha',
        }),
        caption: 'Kaplan–Meier over every user; those who have not reached aha yet are censored at their last day. The first 14 days.',
      },
    ],
    growth: [{ svg: growthLifecycleChart(results.growth) }],
    cohorts: [{ svg: cohortHeatmap(results.cohorts) }],
    aha: [
      {
        svg: retentionChart(results.comparison, { title: 'Retention after day 7: aha versus the others', xLabel: 'days after day 7', yLabel: 'still active' }),
        caption: '“segment”: reached aha by day 7; “control”: did not.',
      },
    ],
    revenue: [{ svg: mrrBridgeChart(results.bridge) }, { svg: revenueRetentionChart({ nrr: results.nrr, grr: results.grr }) }],
    nps: [{ svg: npsChart(results.nps, { title: 'NPS by quarter', xLabel: 'quarter (Europe/Berlin)' }) }],
  };
}

/** `12.3%`, or `–`. */
function percentOf(value: number | null): string {
  return value === null ? '–' : `${(value * 100).toFixed(1)}%`;
}

/** The report as one HTML document. */
export function reportHtml(report: Report, results: DemoResults): string {
  const charts = sectionCharts(results);
  const nav = report.sections.map((s) => `<li><a href="#${attr(s.id)}">${text(s.title)}</a></li>`).join('');
  const body = report.sections.map((s) => sectionHtml(s, charts[s.id] ?? [])).join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${text(report.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<header>
<h1>${text(report.title)}</h1>
${report.intro.map((line) => `<p class="intro">${text(line)}</p>`).join('\n')}
<nav aria-label="Sections"><ol>${nav}</ol></nav>
</header>
${body}
</main>
</body>
</html>
`;
}

function sectionHtml(section: ReportSection, charts: readonly Chart[]): string {
  const notes = section.notes.map((note) => `<p>${text(note)}</p>`).join('');
  const figures =
    charts.length === 0
      ? ''
      : `<div class="charts">${charts
          .map((c) => `<figure class="chart">${c.svg}${c.caption === undefined ? '' : `<figcaption>${text(c.caption)}</figcaption>`}</figure>`)
          .join('')}</div>`;
  const tables = section.tables.map(tableHtml).join('');
  return `<section id="${attr(section.id)}">
<h2>${text(section.title)}</h2>
${notes}${figures}${tables}
</section>`;
}

function tableHtml(table: ReportTable): string {
  const markup = htmlTable(table.rows, {
    columns: table.columns,
    ...(table.digits === undefined ? {} : { digits: table.digits }),
    ...(table.currency === undefined ? {} : { currency: table.currency }),
  });
  const caption = table.caption === undefined ? '' : `<h3>${text(table.caption)}</h3>`;
  // Health bands as coloured chips: a cell that is exactly a band name.
  const chips = markup.replace(/<td>(red|yellow|green)<\/td>/g, '<td><span class="band $1">$1</span></td>');
  return `<div class="table">${caption}<div class="scroll">${chips}</div></div>`;
}

/** Text for an element's content. */
function text(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Text for an attribute value in double quotes. */
function attr(value: string): string {
  return text(value).replace(/"/g, '&quot;');
}

/** The page style: light by default, dark under `prefers-color-scheme: dark`. */
const STYLE = `
:root { color-scheme: light dark; --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --stripe: #f6f8fa; --panel: #ffffff; --accent: #0969da; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --stripe: #151b23; --panel: #0d1117; --accent: #4493f8; }
}
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1240px; margin: 0 auto; padding: 24px 28px 64px; }
h1 { font-size: 26px; margin: 8px 0 8px; }
h2 { font-size: 20px; margin: 40px 0 8px; padding-top: 16px; border-top: 1px solid var(--line); }
h3 { font-size: 15px; margin: 20px 0 6px; }
p { margin: 6px 0 10px; max-width: 110ch; }
.intro { color: var(--muted); margin: 2px 0; }
a { color: var(--accent); }
nav ol { columns: 2; column-gap: 32px; margin: 16px 0 0; padding-left: 20px; }
nav li { margin: 2px 0; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(480px, 1fr)); gap: 16px; margin: 14px 0; }
figure.chart { margin: 0; padding: 8px; border: 1px solid var(--line); border-radius: 8px; background: var(--panel); color: var(--fg); }
figure.chart svg { display: block; width: 100%; height: auto; }
figcaption { color: var(--muted); font-size: 13px; padding: 4px 6px 0; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-size: 13.5px; font-variant-numeric: tabular-nums; margin: 4px 0 8px; }
th, td { padding: 5px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { font-weight: 600; border-bottom: 2px solid var(--line); white-space: nowrap; }
tbody tr:nth-child(even) { background: var(--stripe); }
.band { display: inline-block; padding: 0 8px; border-radius: 10px; font-size: 12.5px; font-weight: 600; color: #fff; }
.band.red { background: #c93c3c; }
.band.yellow { background: #9a7b00; }
.band.green { background: #1a7f5a; }
`;
