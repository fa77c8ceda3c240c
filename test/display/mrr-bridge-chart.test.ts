import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mrrBridgeChart } from '../../src/display/mrr-bridge-chart.js';
import { mrrBridgeChartSpec } from '../../src/display/mrr-bridge-chart-spec.js';
import type { MrrBridgeChartInput } from '../../src/display/types.js';
import { mrrMovements } from '../../src/revenue/mrr-movements.js';
import { errorOf } from '../support/errors.js';
import { checkChart, marksOf, textsOf, tickNumber } from './support/chart.js';
import { renderQuiet as renderSpec } from './support/render-quiet.js';
import { parseXml } from './support/xml.js';

const ticks = { x: tickNumber, y: tickNumber };

// a: 100, 150 (+50 expansion), 120 (-30 contraction), 120. b: new 80 in February, churns
// in March. c: 50 in January, gone in February (churn 50), back at 60 in March
// (reactivation), 60.
const snapshots = [
  { accountId: 'a', month: '2026-01', mrr: 100 },
  { accountId: 'a', month: '2026-02', mrr: 150 },
  { accountId: 'a', month: '2026-03', mrr: 120 },
  { accountId: 'a', month: '2026-04', mrr: 120 },
  { accountId: 'b', month: '2026-02', mrr: 80 },
  { accountId: 'c', month: '2026-01', mrr: 50 },
  { accountId: 'c', month: '2026-03', mrr: 60 },
  { accountId: 'c', month: '2026-04', mrr: 60 },
];
const bridge = mrrMovements(snapshots);

/** A rect's top and bottom edges in pixels. */
const edges = (e: { attributes: Readonly<Record<string, string>> }): [number, number] => {
  const y = Number(e.attributes['y']);
  return [y, y + Number(e.attributes['height'])];
};

describe('mrrBridgeChart', () => {
  it('stacks gains up and losses down per month, with the net line (worked by hand)', () => {
    const chart = checkChart(mrrBridgeChart(bridge), ticks);
    expect(chart.xTicks).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    // Highest stack 80 + 50 = 130 (February), lowest -(30 + 80) = -110 (March): 240 / 6
    // = 40, rounded to a step of 50, widened to [-150, 150].
    expect(chart.yTicks).toEqual(['-150', '-100', '-50', '0', '50', '100', '150']);
    // January (the baseline) and April move nothing: February new, expansion, churn;
    // March reactivation, contraction, churn.
    const bars = marksOf(chart.root, 'bar');
    expect(bars.map((b) => `${b.attributes['data-month']} ${b.children[0]?.text.split(', ')[1]}`)).toEqual([
      '2026-02 new: 80',
      '2026-02 expansion: 50',
      '2026-02 churn: -50',
      '2026-03 reactivation: 60',
      '2026-03 contraction: -30',
      '2026-03 churn: -80',
    ]);
    // Pixels: y(v) = bottom - (v + 150) / 300 × (bottom - top).
    const { top, bottom } = chart.panels[0]?.plot as { top: number; bottom: number };
    const y = (v: number) => bottom - ((v + 150) / 300) * (bottom - top);
    const expected: [number, number][] = [
      [y(80), y(0)],
      [y(130), y(80)],
      [y(0), y(-50)],
      [y(60), y(0)],
      [y(0), y(-30)],
      [y(-30), y(-110)],
    ];
    bars.forEach((b, k) => {
      const [t, u] = edges(b);
      expect(t).toBeCloseTo((expected[k] as [number, number])[0], 1);
      expect(u).toBeCloseTo((expected[k] as [number, number])[1], 1);
    });
    // Net new MRR: 0, 80, -50, 0: one line, a dot per month.
    expect(chart.series).toHaveLength(1);
    const dots = marksOf(chart.root, 'point');
    expect(dots.map((d) => Number(d.attributes['cy']))).toEqual([0, 80, -50, 0].map((v) => Math.round(y(v) * 100) / 100));
    expect(chart.legend).toEqual(['new', 'expansion', 'reactivation', 'contraction', 'churn', 'net new MRR']);
    expect(textsOf(chart.root, 'title')).toEqual(['MRR bridge']);
    expect(textsOf(chart.root, 'x-label')).toEqual(['month']);
    expect(textsOf(chart.root, 'y-label')).toEqual(['MRR change per month']);
    expect(marksOf(chart.root, 'baseline')).toHaveLength(1);
  });

  it('names the currency, fades a month in progress and sorts the months', () => {
    const withCurrency = mrrMovements(snapshots.map((s) => ({ ...s, currency: 'EUR' })), { asOf: '2026-04-15' });
    const chart = checkChart(mrrBridgeChart(withCurrency), ticks);
    expect(textsOf(chart.root, 'y-label')).toEqual(['MRR change per month (EUR)']);
    expect(textsOf(chart.root, 'subtitle')[0]).toContain('faded: month in progress');
    const reversed = { months: [...bridge.months].reverse() };
    expect(mrrBridgeChart(reversed)).toBe(mrrBridgeChart(bridge));
    // April in progress: its bars faded.
    const april = mrrMovements([...snapshots, { accountId: 'd', month: '2026-04', mrr: 10 }], { asOf: '2026-04-15' });
    const bars = marksOf(checkChart(mrrBridgeChart(april), ticks).root, 'bar');
    expect(bars.filter((b) => b.attributes['data-month'] === '2026-04').map((b) => b.attributes['fill-opacity'])).toEqual(['0.45']);
    expect(bars.filter((b) => b.attributes['data-month'] === '2026-03').map((b) => b.attributes['fill-opacity'] ?? null)).toEqual([null, null, null]);
  });

  it('draws empty axes with a note for no months, and takes the common options', () => {
    // No months: no x ticks (checkChart wants two), so well-formed XML, the y axis and the note.
    const root = parseXml(mrrBridgeChart(mrrMovements([])));
    expect(textsOf(root, 'note')).toEqual(['No data']);
    expect(marksOf(root, 'bar')).toHaveLength(0);
    expect(textsOf(root, 'tick')).toEqual(['0.0', '0.2', '0.4', '0.6', '0.8', '1.0']);
    const custom = checkChart(mrrBridgeChart(bridge, { title: 'Bridge <2026>', subtitle: '', yLabel: 'USD', width: 900, height: 300 }), ticks);
    expect(custom.root.attributes['viewBox']).toBe('0 0 900 300');
    expect(textsOf(custom.root, 'title')).toEqual(['Bridge <2026>']);
    expect(textsOf(custom.root, 'subtitle')).toEqual([]);
  });

  it('is well-formed with one bar per non-zero movement for any bridge (property)', () => {
    const amount = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 1e7, noNaN: true }));
    const month = fc.record({ newMrr: amount, expansionMrr: amount, reactivationMrr: amount, contractionMrr: amount, churnedMrr: amount, complete: fc.boolean() });
    fc.assert(
      fc.property(fc.array(month, { maxLength: 40 }), (rows) => {
        const months = rows.map((r, k) => ({ ...r, month: `${2000 + Math.floor(k / 12)}-${String((k % 12) + 1).padStart(2, '0')}` }));
        const svg = mrrBridgeChart({ months });
        expect(svg).not.toMatch(/NaN|Infinity/);
        const root = months.length >= 2 ? checkChart(svg, ticks).root : parseXml(svg);
        const nonZero = rows.reduce((n, r) => n + [r.newMrr, r.expansionMrr, r.reactivationMrr, r.contractionMrr, r.churnedMrr].filter((v) => v !== 0).length, 0);
        expect(marksOf(root, 'bar')).toHaveLength(nonZero);
        expect(marksOf(root, 'point')).toHaveLength(months.length);
      }),
      { numRuns: 100 },
    );
  });

  it('rejects bad input with the path', () => {
    let e = errorOf(() => mrrBridgeChart([] as unknown as MrrBridgeChartInput));
    expect([e.code, e.path]).toEqual(['invalid-input', 'result']);
    const month = { month: '2026-01', newMrr: 1, expansionMrr: 0, reactivationMrr: 0, contractionMrr: 0, churnedMrr: 0 };
    e = errorOf(() => mrrBridgeChart({ months: [{ ...month, churnedMrr: -1 }] }));
    expect([e.code, e.path]).toEqual(['invalid-number', 'result.months[0].churnedMrr']);
    e = errorOf(() => mrrBridgeChart({ months: [{ ...month, month: '2026-1' }] }));
    expect([e.code, e.path]).toEqual(['invalid-month', 'result.months[0].month']);
    e = errorOf(() => mrrBridgeChart({ months: [month, { ...month }] }));
    expect([e.code, e.path]).toEqual(['duplicate-month', 'result.months[1].month']);
    e = errorOf(() => mrrBridgeChart({ months: [{ ...month, complete: 'yes' as unknown as boolean }] }));
    expect([e.code, e.path]).toEqual(['invalid-boolean', 'result.months[0].complete']);
    e = errorOf(() => mrrBridgeChartSpec(bridge, { xlabel: 'm' } as never));
    expect([e.code, e.message]).toEqual(['unknown-option', "mrrBridgeChartSpec: options.xlabel is not an option; did you mean xLabel? (\"m\")"]);
  });
});

describe('mrrBridgeChartSpec', () => {
  it('renders with vega: a rect per movement, a point per month, no warnings', async () => {
    const spec = mrrBridgeChartSpec(bridge);
    // Plain JSON: nothing undefined, no functions, survives a round trip (checked before
    // rendering: Vega tags the data objects it is given).
    expect(JSON.parse(JSON.stringify(spec))).toStrictEqual(spec);
    const rendered = await renderSpec(spec);
    expect(rendered.warnings).toEqual([]);
    expect(rendered.marks('rect')).toBe(6);
    expect(rendered.marks('symbol')).toBe(4);
    expect(rendered.svg).toContain('MRR bridge');
    expect(rendered.svg).toContain('net new MRR');
    expect(JSON.stringify(spec)).not.toMatch(/NaN|Infinity|"#000000"|"black"/);
  });

  it('renders an empty bridge', async () => {
    const rendered = await renderSpec(mrrBridgeChartSpec(mrrMovements([])));
    expect(rendered.warnings).toEqual([]);
    expect(rendered.marks('rect')).toBe(0);
  });
});
