import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { growthLifecycleChart } from '../../src/display/growth-lifecycle-chart.js';
import { growthLifecycleChartSpec } from '../../src/display/growth-lifecycle-chart-spec.js';
import type { GrowthLifecycleChartInput } from '../../src/display/types.js';
import { growthLifecycle } from '../../src/lifecycle/growth-lifecycle.js';
import { errorOf } from '../support/errors.js';
import { checkChart, marksOf, textsOf, tickNumber } from './support/chart.js';
import { renderQuiet } from './support/render-quiet.js';
import { parseXml } from './support/xml.js';

const ticks = { x: tickNumber, y: tickNumber };

// January: a and b new. February: c new, a returning, b dormant. March: c returning, a
// dormant. April: a resurrecting, c dormant.
const events = [
  ['a', '2026-01-03'],
  ['b', '2026-01-04'],
  ['a', '2026-02-03'],
  ['c', '2026-02-05'],
  ['c', '2026-03-05'],
  ['a', '2026-04-07'],
].map(([userId, day]) => ({ userId, timestamp: `${day}T10:00:00Z` }));
const growth = growthLifecycle(events, { period: 'month', asOf: '2026-04-30' });

describe('growthLifecycleChart', () => {
  it('stacks new, returning and resurrecting up and dormant down (worked by hand)', () => {
    expect(growth.periods.map((p) => [p.new, p.returning, p.resurrecting, p.dormant])).toEqual([
      [2, 0, 0, 0],
      [1, 1, 0, -1],
      [0, 1, 0, -1],
      [0, 0, 1, -1],
    ]);
    const chart = checkChart(growthLifecycleChart(growth), ticks);
    expect(chart.xTicks).toEqual(['2026-01', '2026-02', '2026-03', '2026-04']);
    const bars = marksOf(chart.root, 'bar');
    // One bar per non-zero count: 1 + 3 + 2 + 2.
    expect(bars.map((b) => b.children[0]?.text)).toEqual([
      '2026-01, new: 2 users',
      '2026-02, new: 1 users',
      '2026-02, returning: 1 users',
      '2026-02, dormant: -1 users',
      '2026-03, returning: 1 users',
      '2026-03, dormant: -1 users',
      '2026-04, resurrecting: 1 users',
      '2026-04, dormant: -1 users',
    ]);
    // Counts: whole-number ticks from -1 to 2.
    expect(chart.yTicks.map(tickNumber).every(Number.isInteger)).toBe(true);
    expect(chart.series).toHaveLength(0);
    expect(chart.legend).toEqual(['new', 'returning', 'resurrecting', 'dormant']);
    expect(textsOf(chart.root, 'title')).toEqual(['Growth lifecycle']);
    expect(textsOf(chart.root, 'x-label')).toEqual(['month']);
    expect(textsOf(chart.root, 'y-label')).toEqual(['users']);
    // The dormant bar of February hangs below the zero line, its new bar sits on it.
    const [newFeb, , dormantFeb] = bars.slice(1, 4).map((b) => [Number(b.attributes['y']), Number(b.attributes['y']) + Number(b.attributes['height'])]);
    expect(newFeb?.[1]).toBeCloseTo(dormantFeb?.[0] as number, 1);
  });

  it('fades a period in progress and labels weeks', () => {
    const partial = growthLifecycle(events, { period: 'month', asOf: '2026-04-15' });
    const chart = checkChart(growthLifecycleChart(partial), ticks);
    expect(marksOf(chart.root, 'bar').filter((b) => b.attributes['fill-opacity'] === '0.45').map((b) => b.attributes['data-period'])).toEqual(['2026-04', '2026-04']);
    expect(textsOf(chart.root, 'subtitle')[0]).toContain('faded: month in progress');
    const weeks = growthLifecycle(events, { period: 'week', asOf: '2026-04-30' });
    const weekly = checkChart(growthLifecycleChart(weeks), ticks);
    expect(textsOf(weekly.root, 'x-label')).toEqual(['week (its first day)']);
    expect(weekly.xTicks.every((t) => /^\d{4}-\d{2}-\d{2}$/.test(t))).toBe(true);
    // 18 weeks, 2025-12-29 to 2026-04-27: labels thinned so they do not overlap.
    expect(weeks.periods).toHaveLength(18);
    expect(weekly.xTicks.length).toBeLessThan(18);
  });

  it('draws empty axes with a note for no periods', () => {
    const root = parseXml(growthLifecycleChart(growthLifecycle([], { period: 'month' })));
    expect(textsOf(root, 'note')).toEqual(['No data']);
    expect(marksOf(root, 'bar')).toHaveLength(0);
  });

  it('is well-formed with one bar per non-zero count for any periods (property)', () => {
    const count = fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1_000_000 }));
    const period = fc.record({ new: count, returning: count, resurrecting: count, dormant: count.map((n) => -n), complete: fc.boolean() });
    fc.assert(
      fc.property(fc.array(period, { maxLength: 60 }), (rows) => {
        const periods = rows.map((r, k) => ({ ...r, period: new Date(Date.UTC(2026, 0, 1 + k)).toISOString().slice(0, 10) }));
        const svg = growthLifecycleChart({ periods, period: 'day' });
        expect(svg).not.toMatch(/NaN|Infinity/);
        const root = periods.length >= 2 ? checkChart(svg, ticks).root : parseXml(svg);
        const nonZero = rows.reduce((n, r) => n + [r.new, r.returning, r.resurrecting, r.dormant].filter((v) => v !== 0).length, 0);
        expect(marksOf(root, 'bar')).toHaveLength(nonZero);
      }),
      { numRuns: 100 },
    );
  });

  it('rejects bad input with the path', () => {
    const period = { period: '2026-01', new: 1, returning: 0, resurrecting: 0, dormant: 0 };
    let e = errorOf(() => growthLifecycleChart('x' as unknown as GrowthLifecycleChartInput));
    expect([e.code, e.path]).toEqual(['invalid-input', 'result']);
    e = errorOf(() => growthLifecycleChart({ periods: [{ ...period, dormant: 2 }] }));
    expect([e.code, e.path]).toEqual(['invalid-number', 'result.periods[0].dormant']);
    e = errorOf(() => growthLifecycleChart({ periods: [{ ...period, new: -1 }] }));
    expect([e.code, e.path]).toEqual(['invalid-number', 'result.periods[0].new']);
    e = errorOf(() => growthLifecycleChart({ periods: [period, { ...period, period: '2026-02-01' }] }));
    expect([e.code, e.path]).toEqual(['invalid-period', 'result.periods[1].period']);
    e = errorOf(() => growthLifecycleChart({ periods: [period, period] }));
    expect([e.code, e.path]).toEqual(['duplicate-period', 'result.periods[1].period']);
    e = errorOf(() => growthLifecycleChartSpec(growth, { width: 10 }));
    expect([e.code, e.path]).toEqual(['invalid-option', 'options.width']);
  });
});

describe('growthLifecycleChartSpec', () => {
  it('renders with vega: a rect per non-zero count, no warnings', async () => {
    const spec = growthLifecycleChartSpec(growth);
    // Plain JSON: nothing undefined, no functions, survives a round trip (checked before
    // rendering: Vega tags the data objects it is given).
    expect(JSON.parse(JSON.stringify(spec))).toStrictEqual(spec);
    const rendered = await renderQuiet(spec);
    expect(rendered.marks('rect')).toBe(8);
    expect(rendered.svg).toContain('Growth lifecycle');
    expect(rendered.svg).toContain('resurrecting');
    expect(JSON.stringify(spec)).not.toMatch(/NaN|Infinity|"#000000"|"black"/);
  });

  it('renders no periods', async () => {
    expect((await renderQuiet(growthLifecycleChartSpec(growthLifecycle([], { period: 'month' })))).marks('rect')).toBe(0);
  });
});
