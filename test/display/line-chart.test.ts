import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { lineChart } from '../../src/display/line-chart.js';
import type { LineSeries } from '../../src/display/types.js';
import { activeUsers } from '../../src/engagement/active-users.js';
import { errorOf } from '../support/errors.js';
import { checkChart, textsOf, tickNumber } from './support/chart.js';

const ticks = { x: tickNumber, y: tickNumber };

describe('lineChart', () => {
  it('draws straight segments (coordinates worked by hand)', () => {
    // Layout, 640 × 400, no title or labels: top 10 + 8 = 18; left 10 + 3 chars ("0.0") × 7 + 8 = 39;
    // right 640 − (7 chars × 7 / 2 + 6) = 609.5 (room for the last tick label); bottom 400 − 8 − 22 = 370.
    // x domain [0, 10] (the data, step 2): x(t) = 39 + 57.05 t: x(0) = 39, x(5) = 324.25, x(10) = 609.5.
    // y domain [0, 1] (1/5 -> step 0.2): y(v) = 370 − 352 v: y(0) = 370, y(0.5) = 194, y(1) = 18.
    const chart = checkChart(lineChart([{ name: 'n', points: [{ x: 0, y: 0 }, { x: 5, y: 0.5 }, { x: 10, y: 1 }] }]), ticks);
    expect(chart.panels[0]?.plot).toEqual({ left: 39, top: 18, right: 609.5, bottom: 370 });
    expect(chart.series.map((s) => s.attributes['d'])).toEqual(['M39 370L324.25 194L609.5 18']);
    expect(chart.xTicks).toEqual(['0', '2', '4', '6', '8', '10']);
    expect(chart.yTicks).toEqual(['0.0', '0.2', '0.4', '0.6', '0.8', '1.0']);
  });

  it('breaks the line at null and draws a lone point as a dot', () => {
    const chart = checkChart(lineChart([{ name: 'n', points: [{ x: 0, y: 0 }, { x: 5, y: null }, { x: 10, y: 1 }] }]), ticks);
    expect(chart.series[0]?.attributes['d']).toBe('M39 370h0M609.5 18h0');
  });

  it('places days by calendar day and labels ticks YYYY-MM-DD', () => {
    const days = Array.from({ length: 31 }, (_, k) => ({ x: `2026-03-${String(k + 1).padStart(2, '0')}`, y: k }));
    const chart = checkChart(lineChart([{ name: 'DAU', points: days }, { name: 'MAU', points: days.map((d) => ({ ...d, y: 2 * d.y })) }]), ticks);
    expect(chart.series).toHaveLength(2);
    expect(chart.legend).toEqual(['DAU', 'MAU']);
    expect(chart.xTicks.every((t) => /^\d{4}-\d{2}-\d{2}$/.test(t))).toBe(true);
    // A date axis spans the data exactly: ticks inside it, at most 5.
    expect((chart.xTicks[0] as string) >= '2026-03-01').toBe(true);
    expect((chart.xTicks.at(-1) as string) <= '2026-03-31').toBe(true);
    expect(chart.xTicks.length).toBeLessThanOrEqual(5);
    // Equal day spacing: 2026-03-01 .. 03-31 is 30 days, so consecutive points are equally far apart.
    const xs = (chart.series[0]?.attributes['d'] as string).split(/[ML]/).filter(Boolean).map((p) => Number(p.split(' ')[0]));
    const gaps = xs.slice(1).map((x, k) => x - (xs[k] as number));
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThan(0.02);
    const plot = chart.panels[0]?.plot;
    expect([xs[0], xs.at(-1)]).toEqual([plot?.left, plot?.right]);
  });

  it('labels month ticks YYYY-MM and plots an activeUsers result', () => {
    const months = checkChart(lineChart([{ name: 'MRR', points: ['2026-01', '2026-02', '2026-03', '2026-06'].map((x, k) => ({ x, y: 1000 * k })) }]), ticks);
    expect(months.xTicks.every((t) => /^\d{4}-\d{2}$/.test(t))).toBe(true);
    const events = [
      { userId: 'a', timestamp: '2026-03-01T10:00:00Z' },
      { userId: 'b', timestamp: '2026-03-02T10:00:00Z' },
      { userId: 'a', timestamp: '2026-03-04T10:00:00Z' },
    ];
    const result = activeUsers(events);
    const chart = checkChart(lineChart([{ name: 'DAU/MAU', points: result.days.map((d) => ({ x: d.date, y: d.dauMau })) }]), ticks);
    expect(chart.series).toHaveLength(1);
  });

  it('escapes names and labels', () => {
    const nasty = `<b>&"x"</b>`;
    const svg = lineChart([{ name: nasty, points: [{ x: 1, y: 1 }] }], { title: nasty });
    expect(svg).not.toContain('<b>');
    expect(svg).toContain('&lt;b&gt;&amp;&quot;x&quot;&lt;/b&gt;');
    const chart = checkChart(svg, ticks);
    // One series: no legend; the name is the series' tooltip, the title is escaped text.
    expect(chart.legend).toEqual([]);
    expect(textsOf(chart.root, 'title')).toEqual([nasty]);
    expect(chart.series[0]?.children[0]?.text).toBe(nasty);
  });

  it('gives empty axes for no series, with a note', () => {
    const chart = checkChart(lineChart([]), ticks);
    expect(chart.series).toHaveLength(0);
    expect(textsOf(chart.root, 'note')).toEqual(['No data']);
  });

  it('is well-formed with sane axes for any numeric series (property)', () => {
    const point = fc.record({ x: fc.double({ min: -1e6, max: 1e6, noNaN: true }), y: fc.option(fc.double({ min: -1e9, max: 1e9, noNaN: true }), { nil: null }) });
    const series = fc.record({ name: fc.oneof(fc.string({ minLength: 1, unit: 'binary' }), fc.integer()), points: fc.array(point, { maxLength: 20 }) });
    fc.assert(
      fc.property(fc.array(series, { maxLength: 6 }), (all) => {
        const sorted = all.map((s) => ({ ...s, points: [...s.points].sort((a, b) => a.x - b.x) }));
        expect(checkChart(lineChart(sorted), ticks).series).toHaveLength(all.length);
      }),
      { numRuns: 200 },
    );
  });

  it('is well-formed for any day series (property)', () => {
    const day = fc.integer({ min: 0, max: 40_000 }).map((n) => new Date(Date.UTC(1970, 0, 1 + n)).toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.array(fc.record({ x: day, y: fc.double({ min: 0, max: 1, noNaN: true }) }), { maxLength: 30 }), (points) => {
        const sorted = [...points].sort((a, b) => (a.x < b.x ? -1 : a.x > b.x ? 1 : 0));
        checkChart(lineChart([{ name: 'd', points: sorted }]), ticks);
      }),
      { numRuns: 200 },
    );
  });

  it('does not mutate its input', () => {
    const series = Object.freeze([Object.freeze({ name: 'a', points: Object.freeze([Object.freeze({ x: '2026-01-01', y: 1 })]) })]);
    expect(lineChart(series)).toBe(lineChart(series));
  });

  it('rejects bad input with the path', () => {
    let e = errorOf(() => lineChart([{ name: 'a', points: [{ x: '2026-01-01', y: 1 }, { x: 3, y: 1 }] }]));
    expect([e.code, e.path, e.message]).toEqual(['invalid-x', 'series[0].points[1].x', "lineChart: series[0].points[1].x must be a day YYYY-MM-DD like the first point's x (3)"]);
    e = errorOf(() => lineChart([{ name: 'a', points: [{ x: '2026-02-30', y: 1 }] }]));
    expect([e.code, e.path]).toEqual(['invalid-x', 'series[0].points[0].x']);
    e = errorOf(() => lineChart([{ name: 'a', points: [{ x: 1, y: Number.POSITIVE_INFINITY }] }]));
    expect([e.code, e.path]).toEqual(['invalid-number', 'series[0].points[0].y']);
    e = errorOf(() => lineChart([{ name: 'a', points: [{ x: 2, y: 1 }, { x: 1, y: 1 }] }]));
    expect([e.code, e.path]).toEqual(['invalid-order', 'series[0].points[1].x']);
    e = errorOf(() => lineChart([null as unknown as LineSeries]));
    expect([e.code, e.path]).toEqual(['invalid-record', 'series[0]']);
    e = errorOf(() => lineChart([], { xLabel: null as unknown as string }));
    expect([e.code, e.path]).toEqual(['invalid-option', 'options.xLabel']);
  });
});
