import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { revenueRetentionChart } from '../../src/display/revenue-retention-chart.js';
import { revenueRetentionChartSpec } from '../../src/display/revenue-retention-chart-spec.js';
import type { RevenueRetentionChartInput } from '../../src/display/types.js';
import { grossRevenueRetention } from '../../src/revenue/gross-revenue-retention.js';
import { netRevenueRetention } from '../../src/revenue/net-revenue-retention.js';
import { errorOf } from '../support/errors.js';
import { checkChart, marksOf, textsOf, tickNumber } from './support/chart.js';
import { renderQuiet } from './support/render-quiet.js';
import { parseXml } from './support/xml.js';

const ticks = { x: tickNumber, y: tickNumber };

// a: 100, 120, 90; b: 50, 50, gone in March. One-month windows:
// February (cohort January, 150): NRR 170/150, GRR 150/150 = 1;
// March (cohort February, 170): 90/170 for both (a contracts 30, b churns 50).
const snapshots = [
  { accountId: 'a', month: '2026-01', mrr: 100 },
  { accountId: 'a', month: '2026-02', mrr: 120 },
  { accountId: 'a', month: '2026-03', mrr: 90 },
  { accountId: 'b', month: '2026-01', mrr: 50 },
  { accountId: 'b', month: '2026-02', mrr: 50 },
];
const nrr = netRevenueRetention(snapshots, { windowMonths: 1, trailing: true });
const grr = grossRevenueRetention(snapshots, { windowMonths: 1, trailing: true });

describe('revenueRetentionChart', () => {
  it('draws NRR and GRR over the windows, with 100% marked (worked by hand)', () => {
    expect(nrr.trailing.map((w) => w.value)).toEqual([170 / 150, 90 / 170]);
    expect(grr.trailing.map((w) => w.value)).toEqual([1, 90 / 170]);
    const chart = checkChart(revenueRetentionChart({ nrr, grr }), ticks);
    // The x axis spans the two months exactly; y from 50% to 120% by 10 (0.53..1.13 widened).
    expect(chart.xTicks).toEqual(['2026-02', '2026-03']);
    expect(chart.yTicks).toEqual(['50%', '60%', '70%', '80%', '90%', '100%', '110%', '120%']);
    expect(chart.series).toHaveLength(2);
    expect(chart.legend).toEqual(['NRR', 'GRR']);
    const { left, right, top, bottom } = chart.panels[0]?.plot as { left: number; right: number; top: number; bottom: number };
    const y = (v: number) => bottom - ((v - 0.5) / 0.7) * (bottom - top);
    const dots = marksOf(chart.root, 'point');
    expect(dots.map((d) => d.children[0]?.text)).toEqual(['2026-02: NRR 113.3%', '2026-03: NRR 52.9%', '2026-02: GRR 100.0%', '2026-03: GRR 52.9%']);
    const expected = [[left, y(170 / 150)], [right, y(90 / 170)], [left, y(1)], [right, y(90 / 170)]];
    dots.forEach((d, k) => {
      expect(Number(d.attributes['cx'])).toBeCloseTo(expected[k]![0]!, 1);
      expect(Number(d.attributes['cy'])).toBeCloseTo(expected[k]![1]!, 1);
    });
    const reference = marksOf(chart.root, 'reference')[0];
    expect(Number(reference?.attributes['y1'])).toBeCloseTo(y(1), 1);
    expect(textsOf(chart.root, 'title')).toEqual(['Net and gross revenue retention']);
    expect(textsOf(chart.root, 'subtitle')).toEqual(['MRR in the month of the customers paying 1 month earlier, as a share of their MRR then']);
    expect(textsOf(chart.root, 'x-label')).toEqual(['month (end of the window)']);
    expect(textsOf(chart.root, 'y-label')).toEqual(['MRR retained (% of starting MRR)']);
  });

  it('takes either result alone, and leaves a gap where a window is pending', () => {
    const only = checkChart(revenueRetentionChart({ grr }), ticks);
    expect(only.series).toHaveLength(1);
    expect(only.legend).toEqual([]);
    expect(textsOf(only.root, 'title')).toEqual(['Gross revenue retention (GRR)']);
    const pending = netRevenueRetention(snapshots, { windowMonths: 1, trailing: true, asOf: '2026-03-15' });
    expect(pending.trailing.map((w) => w.value)).toEqual([170 / 150, null]);
    const chart = checkChart(revenueRetentionChart({ nrr: pending }), ticks);
    expect(marksOf(chart.root, 'point')).toHaveLength(1);
    // A lone value is a dot-length line, not a line to nowhere.
    expect(chart.series[0]?.attributes['d']).toMatch(/^M[\d.]+ [\d.]+h0$/);
  });

  it('draws empty axes with a note when the data is shorter than the window', () => {
    const short = netRevenueRetention(snapshots, { windowMonths: 12, trailing: true });
    expect(short.trailing).toEqual([]);
    // No months: no x ticks (checkChart wants two), so well-formed XML, the y axis and the note.
    const root = parseXml(revenueRetentionChart({ nrr: short }));
    expect(textsOf(root, 'note')).toEqual(['No 12-month window in the data yet']);
    expect(marksOf(root, 'reference')).toHaveLength(1);
  });

  it('is well-formed with a dot per value for any windows (property)', () => {
    const value = fc.option(fc.double({ min: 0, max: 5, noNaN: true }), { nil: null });
    fc.assert(
      fc.property(fc.array(value, { maxLength: 40 }), fc.array(value, { maxLength: 40 }), (a, b) => {
        const trailing = (values: (number | null)[]) => ({ trailing: values.map((v, k) => ({ month: `${2001 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}`, value: v })), windowMonths: 12 });
        const svg = revenueRetentionChart({ nrr: trailing(a), grr: trailing(b) });
        expect(svg).not.toMatch(/NaN|Infinity/);
        const months = Math.max(a.length, b.length);
        const root = months >= 2 ? checkChart(svg, ticks).root : parseXml(svg);
        expect(marksOf(root, 'point')).toHaveLength([...a, ...b].filter((v) => v !== null).length);
      }),
      { numRuns: 100 },
    );
  });

  it('rejects bad input with the path and says how to name a result', () => {
    let e = errorOf(() => revenueRetentionChart(nrr as unknown as RevenueRetentionChartInput));
    expect([e.code, e.path]).toEqual(['invalid-input', 'result']);
    expect(e.message).toContain('pass { nrr: result } or { grr: result }');
    e = errorOf(() => revenueRetentionChart({ nrr: netRevenueRetention(snapshots, { windowMonths: 1 }) } as unknown as RevenueRetentionChartInput));
    expect([e.code, e.path]).toEqual(['invalid-input', 'result.nrr.trailing']);
    expect(e.message).toContain('trailing: true');
    e = errorOf(() => revenueRetentionChart({ grr: { trailing: [{ month: '2026-13', value: 1 }] } }));
    expect([e.code, e.path]).toEqual(['invalid-month', 'result.grr.trailing[0].month']);
    e = errorOf(() => revenueRetentionChart({ grr: { trailing: [{ month: '2026-01', value: Number.NaN }] } }));
    expect([e.code, e.path]).toEqual(['invalid-number', 'result.grr.trailing[0].value']);
    e = errorOf(() => revenueRetentionChart({ nrr: { trailing: [{ month: '2026-01', value: 1 }, { month: '2026-01', value: 1 }] } }));
    expect([e.code, e.path]).toEqual(['duplicate-month', 'result.nrr.trailing[1].month']);
    e = errorOf(() => revenueRetentionChartSpec({ nrr }, { height: 5000 }));
    expect([e.code, e.path]).toEqual(['invalid-option', 'options.height']);
  });
});

describe('revenueRetentionChartSpec', () => {
  it('renders with vega: a line and a point per value for each measure, no warnings', async () => {
    const spec = revenueRetentionChartSpec({ nrr, grr });
    // Plain JSON: nothing undefined, no functions, survives a round trip (checked before
    // rendering: Vega tags the data objects it is given).
    expect(JSON.parse(JSON.stringify(spec))).toStrictEqual(spec);
    const rendered = await renderQuiet(spec);
    expect(rendered.marks('symbol')).toBe(4);
    expect(rendered.marks('rule')).toBe(1);
    expect(rendered.svg).toContain('Net and gross revenue retention');
    expect(rendered.svg).toContain('2026-02');
    expect(JSON.stringify(spec)).not.toMatch(/NaN|Infinity|"#000000"|"black"/);
  });

  it('renders a result without windows', async () => {
    const rendered = await renderQuiet(revenueRetentionChartSpec({ nrr: netRevenueRetention(snapshots, { trailing: true }) }));
    expect(rendered.marks('symbol')).toBe(0);
  });
});
