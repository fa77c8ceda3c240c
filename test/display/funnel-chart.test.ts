import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { funnelChart } from '../../src/display/funnel-chart.js';
import { funnelChartSpec } from '../../src/display/funnel-chart-spec.js';
import type { FunnelChartInput } from '../../src/display/types.js';
import { journeys } from '../../src/lifecycle/journeys.js';
import { lifecycleFunnel } from '../../src/lifecycle/lifecycle-funnel.js';
import { hasEvent } from '../../src/lifecycle/has-event.js';
import { errorOf } from '../support/errors.js';
import { checkChart, marksOf, textsOf, tickNumber } from './support/chart.js';
import { renderQuiet } from './support/render-quiet.js';
import { parseXml } from './support/xml.js';

// Four users sign up on January 1; u1, u2, u3 activate (after 1, 2 and 4 days); u1 pays.
const users = ['u1', 'u2', 'u3', 'u4'].map((userId) => ({ userId, signedUpAt: '2026-01-01T00:00:00Z' }));
const events = [
  { userId: 'u1', timestamp: '2026-01-02T00:00:00Z', name: 'activated' },
  { userId: 'u2', timestamp: '2026-01-03T00:00:00Z', name: 'activated' },
  { userId: 'u3', timestamp: '2026-01-05T00:00:00Z', name: 'activated' },
  { userId: 'u1', timestamp: '2026-01-06T00:00:00Z', name: 'paid' },
];
const funnel = lifecycleFunnel(
  journeys(events, { signups: users }),
  [{ name: 'signed-up' }, { name: 'activated', milestone: hasEvent('activated') }, { name: 'paid', milestone: hasEvent('paid') }],
  { asOf: '2026-01-31' },
);
const stageNames = ['signed-up', 'activated', 'paid'];
const ticks = { x: tickNumber, y: (label: string) => stageNames.indexOf(label) };

describe('funnelChart', () => {
  it('draws a bar per stage, its count, and the conversion between stages (worked by hand)', () => {
    expect(funnel.stages.map((s) => s.reached)).toEqual([4, 3, 1]);
    const chart = checkChart(funnelChart(funnel), ticks);
    expect(chart.yTicks).toEqual(stageNames);
    expect(chart.xTicks).toEqual(['0', '1', '2', '3', '4']);
    const bars = marksOf(chart.root, 'bar');
    expect(bars).toHaveLength(3);
    // Lengths proportional to reached, from the plot's left edge: 4/4, 3/4, 1/4 of its width.
    const { left, right } = chart.panels[0]?.plot as { left: number; right: number };
    bars.forEach((b, k) => {
      expect(Number(b.attributes['x'])).toBeCloseTo(left, 1);
      expect(Number(b.attributes['width'])).toBeCloseTo(((right - left) * [4, 3, 1][k]!) / 4, 1);
    });
    expect(textsOf(chart.root, 'count')).toEqual(['4', '3', '1']);
    // The full-length bar has its count inside, in the ink that reads on the bar.
    expect(marksOf(chart.root, 'count')[0]?.attributes['fill']).toBe('#FFFFFF');
    // 3 of 4 (Wilson 30–95%), median 2 days; 1 of 3 (6–79%), median 4 days.
    expect(textsOf(chart.root, 'conversion')).toEqual(['↓ 75% of previous (30–95%), median 2.0 days', '↓ 33% of previous (6–79%), median 4.0 days']);
    expect(textsOf(chart.root, 'title')).toEqual(['Lifecycle funnel']);
    expect(textsOf(chart.root, 'subtitle')).toEqual(['4 journeys as of 2026-01-31; a stage counts once every earlier stage is reached']);
    expect(textsOf(chart.root, 'x-label')).toEqual(['journeys that reached the stage']);
    expect(textsOf(chart.root, 'y-label')).toEqual(['stage']);
    expect(chart.legend).toEqual([]);
    // Each conversion label sits between its bar and the bar above.
    const conversions = marksOf(chart.root, 'conversion').map((t) => Number(t.attributes['y']));
    const tops = bars.map((b) => Number(b.attributes['y']));
    const bottoms = bars.map((b) => Number(b.attributes['y']) + Number(b.attributes['height']));
    conversions.forEach((y, k) => {
      expect(y).toBeGreaterThan(bottoms[k] as number);
      expect(y).toBeLessThan(tops[k + 1] as number);
    });
  });

  it('leaves out what a stage does not have, and cuts long names', () => {
    const long = 'a stage with a very long name indeed';
    const svg = funnelChart({ stages: [{ name: long, reached: 10 }, { name: 'none', reached: 0, conversionFromPrevious: { value: 0, lower: 0, upper: 0.28 } }, { name: 'after', reached: 0, conversionFromPrevious: null }] });
    const root = parseXml(svg);
    expect(marksOf(root, 'bar')).toHaveLength(1);
    expect(textsOf(root, 'count')).toEqual(['10', '0', '0']);
    expect(textsOf(root, 'conversion')).toEqual(['↓ 0% of previous (0–28%)']);
    expect(textsOf(root, 'tick').slice(0, 3)).toEqual(['a stage with a ve…', 'none', 'after']);
  });

  it('draws empty axes with a note for no stages, and escapes names', () => {
    const root = parseXml(funnelChart({ stages: [] }));
    expect(textsOf(root, 'note')).toEqual(['No data']);
    const nasty = '<b>&"\'</b>';
    const svg = funnelChart({ stages: [{ name: nasty, reached: 1 }, { name: 'b', reached: 1 }] });
    expect(svg).not.toContain('<b>');
    expect(checkChart(svg, { x: tickNumber, y: (l) => [nasty, 'b'].indexOf(l) }).yTicks).toEqual([nasty, 'b']);
  });

  it('is well-formed with a bar per reached stage for any funnel (property)', () => {
    const stage = fc.record({
      reached: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 10_000_000 })),
      conversionFromPrevious: fc.option(fc.record({ value: fc.double({ min: 0, max: 1, noNaN: true }), lower: fc.double({ min: 0, max: 1, noNaN: true }), upper: fc.double({ min: 0, max: 1, noNaN: true }) }), { nil: null }),
      medianDaysFromPrevious: fc.option(fc.double({ min: 0, max: 1000, noNaN: true }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(stage, { maxLength: 12 }), (rows) => {
        const stages = rows.map((r, k) => ({ ...r, name: `stage ${k}` }));
        const svg = funnelChart({ stages });
        expect(svg).not.toMatch(/NaN|Infinity/);
        const root = stages.length >= 2 ? checkChart(svg, { x: tickNumber, y: (l) => Number(l.slice(6)) }).root : parseXml(svg);
        expect(marksOf(root, 'bar')).toHaveLength(rows.filter((r) => r.reached > 0).length);
        expect(marksOf(root, 'conversion')).toHaveLength(rows.filter((r) => r.conversionFromPrevious !== null).length);
      }),
      { numRuns: 100 },
    );
  });

  it('rejects bad input with the path', () => {
    let e = errorOf(() => funnelChart(undefined as unknown as FunnelChartInput));
    expect([e.code, e.path]).toEqual(['invalid-input', 'result']);
    e = errorOf(() => funnelChart({ stages: [{ name: '', reached: 1 }] }));
    expect([e.code, e.path]).toEqual(['invalid-name', 'result.stages[0].name']);
    e = errorOf(() => funnelChart({ stages: [{ name: 'a', reached: 1 }, { name: 'a', reached: 1 }] }));
    expect([e.code, e.path]).toEqual(['duplicate-name', 'result.stages[1].name']);
    e = errorOf(() => funnelChart({ stages: [{ name: 'a', reached: Number.NaN }] }));
    expect([e.code, e.path]).toEqual(['invalid-number', 'result.stages[0].reached']);
    e = errorOf(() => funnelChart({ stages: [{ name: 'a', reached: 1, conversionFromPrevious: { value: Number.POSITIVE_INFINITY, lower: 0, upper: 1 } }] }));
    expect([e.code, e.path]).toEqual(['invalid-number', 'result.stages[0].conversionFromPrevious.value']);
    e = errorOf(() => funnelChartSpec(funnel, { ttle: 'x' } as never));
    expect([e.code, e.message]).toEqual(['unknown-option', 'funnelChartSpec: options.ttle is not an option; did you mean title? ("x")']);
  });
});

describe('funnelChartSpec', () => {
  it('renders with vega: a bar per stage, its count and the conversions, no warnings', async () => {
    const spec = funnelChartSpec(funnel);
    // Plain JSON: nothing undefined, no functions, survives a round trip (checked before
    // rendering: Vega tags the data objects it is given).
    expect(JSON.parse(JSON.stringify(spec))).toStrictEqual(spec);
    const rendered = await renderQuiet(spec);
    expect(rendered.marks('rect')).toBe(3);
    // Three counts and two conversion labels.
    expect(rendered.marks('text')).toBe(3 + 2);
    expect(rendered.svg).toContain('75% of previous (30–95%), median 2.0 days');
    expect(JSON.stringify(spec)).not.toMatch(/NaN|Infinity|"#000000"|"black"/);
  });

  it('renders no stages', async () => {
    expect((await renderQuiet(funnelChartSpec({ stages: [] }))).marks('rect')).toBe(0);
  });
});
