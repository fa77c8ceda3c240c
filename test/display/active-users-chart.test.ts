import { describe, expect, it } from 'vitest';
import { activeUsersChart } from '../../src/display/active-users-chart.js';
import { activeUsersChartSpec } from '../../src/display/active-users-chart-spec.js';
import { activeUsers } from '../../src/engagement/active-users.js';
import { errorOf } from '../support/errors.js';
import { checkChart, marksOf, textsOf, tickNumber } from './support/chart.js';
import { renderQuiet } from './support/render-quiet.js';
import { parseXml, pathPoints } from './support/xml.js';

const ticks = { x: tickNumber, y: tickNumber };

// a on Mar 1 and 3, b on Mar 2; asOf the end of Mar 3: three complete days.
// DAU 1, 1, 1; WAU = MAU 1, 2, 2; DAU/MAU 1, 1/2, 1/2; its trailing 7-day mean 1, 3/4, 2/3.
const events = [
  { userId: 'a', timestamp: '2026-03-01T10:00:00Z' },
  { userId: 'b', timestamp: '2026-03-02T10:00:00Z' },
  { userId: 'a', timestamp: '2026-03-03T10:00:00Z' },
];
const result = activeUsers(events, { asOf: '2026-03-03' });

describe('activeUsersChart', () => {
  it('draws DAU, WAU and MAU above and DAU/MAU with its 7-day mean on a panel of its own', () => {
    const chart = checkChart(activeUsersChart(result), ticks);
    expect(chart.panels).toHaveLength(2);
    expect(chart.series.map((s) => s.children[0]?.text)).toEqual(['DAU', 'WAU (7 days)', 'MAU (30 days)', 'DAU/MAU', 'DAU/MAU, 7-day mean']);
    expect(chart.legend).toEqual(['DAU', 'WAU (7 days)', 'MAU (30 days)', 'DAU/MAU', 'DAU/MAU, 7-day mean']);
    // Three days: three points on every line, the counts in the upper panel, the ratios in the lower.
    const [top, bottom] = chart.panels.map((p) => p.plot);
    const points = chart.series.map((s) => pathPoints(s.attributes['d'] as string));
    for (const p of points) expect(p).toHaveLength(3);
    // Users axis 0..2 (ticks 0, 1, 2): DAU is 1 every day, half way up; MAU rises from 1 to 2, the top.
    const round = (v: number) => Math.round(v * 100) / 100;
    const mid = round(((top?.top as number) + (top?.bottom as number)) / 2);
    expect(points[0]?.map(([, y]) => y)).toEqual([mid, mid, mid]);
    expect(points[2]?.map(([, y]) => y)).toEqual([mid, top?.top, top?.top]);
    // Ratio axis 0%..100% (step 0.25... ticks by 4): DAU/MAU 1, 1/2, 1/2; the mean 1, 3/4, 2/3.
    const y = (v: number) => (bottom?.bottom as number) - v * ((bottom?.bottom as number) - (bottom?.top as number));
    const near = (got: [number, number][] | undefined, want: number[]) => want.forEach((v, k) => expect(got?.[k]?.[1]).toBeCloseTo(v, 1));
    near(points[3], [y(1), y(0.5), y(0.5)]);
    near(points[4], [y(1), y(0.75), y(2 / 3)]);
    // x spans the three days exactly, labelled under the lower panel.
    expect(chart.xTicks).toEqual(['2026-03-01', '2026-03-02', '2026-03-03']);
    expect(points[0]?.map(([x]) => x)).toEqual([top?.left, round(((top?.left as number) + (top?.right as number)) / 2), top?.right]);
    expect(textsOf(chart.root, 'y-label')).toEqual(['users', 'DAU/MAU (%)']);
    expect(textsOf(chart.root, 'title')).toEqual(['Active users']);
    expect(textsOf(chart.root, 'subtitle')).toEqual(['2026-03-01 to 2026-03-03; WAU and MAU over trailing 7 and 30 days']);
    expect(textsOf(chart.root, 'x-label')).toEqual(['day (UTC)']);
  });

  it('leaves out a day still in progress, and says so', () => {
    // Default asOf: the last event, Mar 3 10:00, so Mar 3 is in progress.
    const chart = checkChart(activeUsersChart(activeUsers(events)), ticks);
    for (const s of chart.series) expect(pathPoints(s.attributes['d'] as string)).toHaveLength(2);
    expect(textsOf(chart.root, 'subtitle')[0]).toContain('the day in progress left out');
  });

  it('gives empty panels with a note for no days', () => {
    // No day, so no x tick: parsed as XML only.
    const root = parseXml(activeUsersChart({ days: [] }));
    expect(textsOf(root, 'note')).toEqual(['No data']);
    expect(marksOf(root, 'panel')).toHaveLength(2);
    expect(marksOf(root, 'series').map((s) => s.attributes['d'])).toEqual(['', '', '', '', '']);
  });

  it('rejects what is not an activeUsers result', () => {
    let e = errorOf(() => activeUsersChart([] as never));
    expect([e.code, e.path]).toEqual(['invalid-input', 'result']);
    e = errorOf(() => activeUsersChart({ days: [{ date: '2026-02-30', dau: 1, wau: 1, mau: 1, dauMau: 1 }] }));
    expect([e.code, e.path]).toEqual(['invalid-date', 'result.days[0].date']);
    e = errorOf(() => activeUsersChart({ days: [{ date: '2026-02-03', dau: '1' as never, wau: 1, mau: 1, dauMau: 1 }] }));
    expect([e.code, e.path]).toEqual(['invalid-number', 'result.days[0].dau']);
  });
});

describe('activeUsersChartSpec', () => {
  it('renders with vega: three count lines over the days, DAU/MAU and its mean below, tooltips per day', async () => {
    const spec = activeUsersChartSpec(result);
    expect(spec.$schema).toBe('https://vega.github.io/schema/vega-lite/v5.json');
    expect(spec['background']).toBe('transparent');
    const views = spec['vconcat'] as { data: { values: unknown[] } }[];
    expect(views).toHaveLength(2);
    expect(views[0]?.data.values).toEqual([
      { date: '2026-03-01', DAU: 1, 'WAU (7 days)': 1, 'MAU (30 days)': 1, 'DAU/MAU': 1, 'DAU/MAU, 7-day mean': 1 },
      { date: '2026-03-02', DAU: 1, 'WAU (7 days)': 2, 'MAU (30 days)': 2, 'DAU/MAU': 0.5, 'DAU/MAU, 7-day mean': 0.75 },
      { date: '2026-03-03', DAU: 1, 'WAU (7 days)': 2, 'MAU (30 days)': 2, 'DAU/MAU': 0.5, 'DAU/MAU, 7-day mean': 2 / 3 },
    ]);
    const rendered = await renderQuiet(spec);
    // Line items: 3 series × 3 days above, 2 × 3 below; one tooltip rule per day in each view.
    expect(rendered.marks('line')).toBe(15);
    expect(rendered.marks('rule')).toBe(6);
    expect(rendered.svg).toContain('DAU/MAU (%)');
  });

  it('renders no days with a note', async () => {
    const rendered = await renderQuiet(activeUsersChartSpec({ days: [] }));
    expect(rendered.marks('line')).toBe(0);
    expect(rendered.marks('text')).toBe(1);
  });
});
