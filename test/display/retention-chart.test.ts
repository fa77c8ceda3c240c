import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { retentionChart } from '../../src/display/retention-chart.js';
import type { RetentionCurve } from '../../src/display/types.js';
import { kaplanMeier } from '../../src/retention/kaplan-meier.js';
import { errorOf } from '../support/errors.js';
import { checkChart, tickNumber } from './support/chart.js';

const ticks = { x: tickNumber, y: tickNumber };

// Plot area: x 64..464, y 344 (bottom) .. 36 (top); so with y domain [0, 1],
// y(v) = 344 - 308 v: y(1) = 36, y(0.5) = 190, y(0.4) = 220.8, y(0.6) = 159.2.

describe('retentionChart', () => {
  it('draws a right-continuous step curve (coordinates worked by hand)', () => {
    // x domain [0, 10], step 2 (10/6 = 1.67 -> 2): x(0) = 64, x(5) = 264, x(10) = 464.
    const svg = retentionChart([{ name: 'all', points: [{ time: 0, value: 1 }, { time: 10, value: 0.5 }] }]);
    const chart = checkChart(svg, ticks);
    expect(chart.xTicks).toEqual(['0', '2', '4', '6', '8', '10']);
    expect(chart.yTicks).toEqual(['0%', '20%', '40%', '60%', '80%', '100%']);
    expect(chart.series).toHaveLength(1);
    expect(chart.bands).toHaveLength(0);
    // 1 from 0 to 10, then the drop to 0.5 at 10 (the axis end).
    expect(chart.series[0]?.attributes['d']).toBe('M64 36H464V190H464');
    expect(chart.legend).toEqual(['all']);
  });

  it('draws the band as a closed step area over the steps with both bounds', () => {
    const svg = retentionChart([
      {
        name: 'with band',
        points: [
          { time: 0, value: 1, lower: 1, upper: 1 },
          { time: 5, value: 0.5, lower: 0.4, upper: 0.6 },
          { time: 10, value: 0.25, lower: null, upper: null },
        ],
      },
    ]);
    const chart = checkChart(svg, ticks);
    expect(chart.series).toHaveLength(1);
    expect(chart.bands).toHaveLength(1);
    // y(0.25) = 344 - 77 = 267. Band: upper 1 on [0, 5), upper 0.6 on [5, 10), then back
    // along lower 0.4 on [5, 10) and lower 1 on [0, 5).
    expect(chart.series[0]?.attributes['d']).toBe('M64 36H264V190H464V267H464');
    expect(chart.bands[0]?.attributes['d']).toBe('M64 36H264V159.2H464V220.8H264V36H64Z');
  });

  it('leaves a gap at a null value', () => {
    const svg = retentionChart([{ name: 'gap', points: [{ time: 0, value: 1 }, { time: 5, value: null }, { time: 10, value: 0.5 }] }]);
    expect(checkChart(svg, ticks).series[0]?.attributes['d']).toBe('M64 36H264M464 190H464');
  });

  it('plots a kaplanMeier curve: one series and one band per curve', () => {
    const subjects = [
      { duration: 2, observed: true },
      { duration: 3, observed: false },
      { duration: 5, observed: true },
      { duration: 8, observed: true },
      { duration: 9, observed: false },
      { duration: 12, observed: true },
    ];
    const km = kaplanMeier(subjects);
    const curve = (name: string, from: number): RetentionCurve => ({
      name,
      points: [{ time: 0, value: 1 }, ...km.curve.slice(from).map((s) => ({ time: s.time, value: s.survival, lower: s.lower, upper: s.upper }))],
    });
    const chart = checkChart(retentionChart([curve('A', 0), curve('B', 1)], { title: 'Survival', xLabel: 'days', yLabel: 'retained' }), ticks);
    expect(chart.series).toHaveLength(2);
    expect(chart.bands).toHaveLength(2);
    expect(chart.legend).toEqual(['A', 'B']);
    expect(chart.series.map((s) => s.attributes['stroke'])).toEqual(['#0072B2', '#E69F00']);
    expect(chart.xTicks.at(-1)).toBe('12');
  });

  it('escapes names and labels', () => {
    const nasty = `<&">'x`;
    const svg = retentionChart([{ name: nasty, points: [{ time: 0, value: 1 }] }], { title: nasty, xLabel: nasty, yLabel: nasty });
    expect(svg).not.toContain(nasty);
    expect(svg).toContain('&lt;&amp;&quot;&gt;&#39;x');
    const chart = checkChart(svg, ticks);
    expect(chart.legend).toEqual([nasty]);
    expect(chart.root.attributes['aria-label']).toBe(nasty);
  });

  it('gives empty axes for no curves', () => {
    const chart = checkChart(retentionChart([]), ticks);
    expect(chart.series).toHaveLength(0);
    expect(chart.xTicks).toEqual(['0.0', '0.2', '0.4', '0.6', '0.8', '1.0']);
    expect(chart.yTicks.at(-1)).toBe('100%');
  });

  it('is well-formed with sane axes for any curves (property)', () => {
    const value = fc.option(fc.double({ min: -0.5, max: 1.5, noNaN: true }), { nil: null });
    const point = fc.record({ time: fc.double({ min: -100, max: 1e6, noNaN: true }), value, lower: value, upper: value });
    const curve = fc.record({ name: fc.oneof(fc.string({ minLength: 1, unit: 'binary' }), fc.integer()), points: fc.array(point, { maxLength: 12 }) });
    fc.assert(
      fc.property(fc.array(curve, { maxLength: 5 }), (curves) => {
        const sorted = curves.map((c) => ({ ...c, points: [...c.points].sort((a, b) => a.time - b.time) }));
        const chart = checkChart(retentionChart(sorted), ticks);
        expect(chart.series).toHaveLength(curves.length);
        expect(chart.bands.length).toBe(sorted.filter((c) => c.points.some((p) => p.lower !== null && p.upper !== null)).length);
      }),
      { numRuns: 200 },
    );
  });

  it('does not mutate its input', () => {
    const curves = Object.freeze([Object.freeze({ name: 'a', points: Object.freeze([Object.freeze({ time: 1, value: 0.5 })]) })]);
    expect(retentionChart(curves)).toBe(retentionChart(curves));
  });

  it('rejects bad input with the path', () => {
    let e = errorOf(() => retentionChart([{ name: 'a', points: [{ time: '3' as unknown as number, value: 1 }] }]));
    expect([e.code, e.path, e.message]).toEqual(['invalid-number', 'curves[0].points[0].time', 'retentionChart: curves[0].points[0].time must be a finite number ("3")']);
    e = errorOf(() => retentionChart([{ name: 'a', points: [{ time: 1, value: Number.NaN }] }]));
    expect([e.code, e.path]).toEqual(['invalid-number', 'curves[0].points[0].value']);
    e = errorOf(() => retentionChart([{ name: 'a', points: [{ time: 1, value: 1, upper: '1' as unknown as number }] }]));
    expect([e.code, e.path]).toEqual(['invalid-number', 'curves[0].points[0].upper']);
    e = errorOf(() => retentionChart([{ name: 'a', points: [{ time: 2, value: 1 }, { time: 1, value: 1 }] }]));
    expect([e.code, e.path, e.message]).toEqual(['invalid-order', 'curves[0].points[1].time', 'retentionChart: curves[0].points[1].time must not be earlier than the point before it (1)']);
    e = errorOf(() => retentionChart([{ name: '', points: [] }]));
    expect([e.code, e.path]).toEqual(['invalid-id', 'curves[0].name']);
    e = errorOf(() => retentionChart([{ name: 'a' } as unknown as RetentionCurve]));
    expect([e.code, e.path]).toEqual(['invalid-input', 'curves[0].points']);
    e = errorOf(() => retentionChart(null as unknown as RetentionCurve[]));
    expect([e.code, e.path]).toEqual(['invalid-input', 'curves']);
    e = errorOf(() => retentionChart([], { title: 3 as unknown as string }));
    expect([e.code, e.path]).toEqual(['invalid-option', 'options.title']);
  });
});
