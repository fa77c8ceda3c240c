import { describe, expect, it } from 'vitest';
import { npsChart } from '../../src/display/nps-chart.js';
import { npsChartSpec } from '../../src/display/nps-chart-spec.js';
import { nps } from '../../src/scores/nps.js';
import { errorOf } from '../support/errors.js';
import { checkChart, marksOf, textsOf } from './support/chart.js';
import { renderQuiet } from './support/render-quiet.js';
import { parseXml } from './support/xml.js';

// February first in the data. January: 10, 9, 6, 8: 2 promoters, 1 detractor of 4: NPS 25.
// February: 10, 10: NPS 100. March: 3: NPS −100.
const answers = [
  { month: '2026-02', score: 10 },
  { month: '2026-01', score: 10 },
  { month: '2026-01', score: 9 },
  { month: '2026-03', score: 3 },
  { month: '2026-01', score: 6 },
  { month: '2026-02', score: 10 },
  { month: '2026-01', score: 8 },
];
const result = nps(answers, { groupBy: 'month' });
const months = ['2026-01', '2026-02', '2026-03'];
const position = (label: string) => months.indexOf(label);
const ticks = { x: position, y: Number };

describe('npsChart', () => {
  it('draws each group’s NPS as a point with its interval, in group order, on −100..100', () => {
    const chart = checkChart(npsChart(result), ticks);
    expect(chart.xTicks).toEqual(months);
    expect(chart.yTicks).toEqual(['-100', '-50', '0', '50', '100']);
    const plot = chart.panels[0]?.plot as { top: number; bottom: number };
    const y = (v: number) => plot.bottom - ((v + 100) / 200) * (plot.bottom - plot.top);
    const points = marksOf(chart.root, 'point');
    expect(points.map((p) => Number(p.attributes['cy']))).toEqual([25, 100, -100].map((v) => Math.round(y(v) * 100) / 100));
    expect(textsOf(chart.root, 'value')).toEqual(['25', '100', '-100']);
    // Error bars from lower to upper, the bounds of the result's own groups.
    const bars = marksOf(chart.root, 'error-bar');
    expect(bars).toHaveLength(3);
    const jan = result.groups.find((g) => g.group === '2026-01');
    expect(bars[0]?.attributes['d']).toMatch(new RegExp(`^M[\\d.]+ ${Math.round(y(jan?.lower as number) * 100) / 100}V${Math.round(y(jan?.upper as number) * 100) / 100}`));
    // The overall NPS (7 answers: 4 promoters, 2 detractors: 200/7 ≈ 28.6) as a dashed line, in the legend.
    expect(marksOf(chart.root, 'overall')).toHaveLength(1);
    expect(chart.legend).toEqual(['NPS (interval)', 'overall']);
    expect(textsOf(chart.root, 'subtitle')).toEqual(['Bars: 95% interval (wald); overall 29 (n = 7)']);
    expect(textsOf(chart.root, 'y-label')).toEqual(['NPS (−100 to 100)']);
    expect(points[0]?.children[0]?.text).toMatch(/^2026-01: NPS 25\.0 \(.+\); n = 4; promoters 50%, passives 25%, detractors 25%$/);
  });

  it('keeps the result’s order with order: given, and draws an ungrouped result as one point', () => {
    const given = checkChart(npsChart(result, { order: 'given' }), { x: (l) => ['2026-02', '2026-01', '2026-03'].indexOf(l), y: Number });
    expect(given.xTicks).toEqual(['2026-02', '2026-01', '2026-03']);
    const root = parseXml(npsChart(nps([9, 10, 3])));
    expect(marksOf(root, 'point')).toHaveLength(1);
    expect(textsOf(root, 'title')).toEqual(['NPS']);
  });

  it('gives empty axes with a note when there are no answers', () => {
    const root = parseXml(npsChart(nps([], { groupBy: 'month' })));
    expect(marksOf(root, 'point')).toHaveLength(0);
    expect(textsOf(root, 'note')).toEqual(['No data']);
  });

  it('rejects what is not an nps result', () => {
    let e = errorOf(() => npsChart({} as never));
    expect([e.code, e.path]).toEqual(['invalid-input', 'result']);
    e = errorOf(() => npsChart({ ...result, groups: [{ ...result.groups[0], group: '' }] } as never));
    expect([e.code, e.path]).toEqual(['invalid-id', 'result.groups[0].group']);
    e = errorOf(() => npsChart(result, { order: 'time' as never }));
    expect([e.code, e.path]).toEqual(['invalid-option', 'options.order']);
  });
});

describe('npsChartSpec', () => {
  it('renders with vega: a point, an interval rule and a label per group, the overall rule, the zero line', async () => {
    const spec = npsChartSpec(result);
    expect((spec['data'] as { values: { group: string; score: number }[] }).values.map((v) => [v.group, v.score])).toEqual([['2026-01', 25], ['2026-02', 100], ['2026-03', -100]]);
    const rendered = await renderQuiet(spec);
    expect(rendered.marks('symbol')).toBe(3);
    expect(rendered.marks('text')).toBe(3);
    // 3 interval rules, the overall rule and the zero rule.
    expect(rendered.marks('rule')).toBe(5);
  });

  it('renders no answers with a note', async () => {
    const rendered = await renderQuiet(npsChartSpec(nps([], { groupBy: 'month' })));
    expect(rendered.marks('symbol')).toBe(0);
    expect(rendered.svg).toContain('No data');
  });
});
