import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { retentionChart } from '../../src/display/retention-chart.js';
import type { RetentionCurve } from '../../src/display/types.js';
import { kaplanMeier } from '../../src/retention/kaplan-meier.js';
import { errorOf } from '../support/errors.js';
import { checkChart, marksOf, textsOf, tickNumber } from './support/chart.js';
import { parseXml } from './support/xml.js';

const ticks = { x: tickNumber, y: tickNumber };

// Curves without counts, default options (title "Retention", labels "time" and "retained (%)"),
// 640 × 400: top 30 (title) + 8 = 38; left 10 + 20 (y label) + 4 chars ("100%") × 7 + 8 = 66;
// right 640 − max(16, 4 × 7 / 2 + 6) = 620; bottom 400 − 8 − 22 (x label) − 22 (ticks) = 348.
// With x domain [0, 10]: x(t) = 66 + 55.4 t: x(5) = 343, x(10) = 620.
// With y domain [0, 1]: y(v) = 348 − 310 v: y(1) = 38, y(0.6) = 162, y(0.5) = 193, y(0.4) = 224, y(0.25) = 270.5.

describe('retentionChart', () => {
  it('draws a right-continuous step curve (coordinates worked by hand)', () => {
    // x domain [0, 10] (the data), step 2 (10/6 = 1.67 -> 2).
    const svg = retentionChart([{ name: 'all', points: [{ time: 0, value: 1 }, { time: 10, value: 0.5 }] }]);
    const chart = checkChart(svg, ticks);
    expect(chart.xTicks).toEqual(['0', '2', '4', '6', '8', '10']);
    expect(chart.yTicks).toEqual(['0%', '20%', '40%', '60%', '80%', '100%']);
    expect(chart.series).toHaveLength(1);
    expect(chart.bands).toHaveLength(0);
    // 1 from 0 to 10, then the drop to 0.5 at 10 (the axis end).
    expect(chart.panels[0]?.plot).toEqual({ left: 66, top: 38, right: 620, bottom: 348 });
    expect(chart.series[0]?.attributes['d']).toBe('M66 38H620V193H620');
    // One curve: no legend.
    expect(chart.legend).toEqual([]);
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
    // Band: upper 1 on [0, 5), upper 0.6 on [5, 10), then back along lower 0.4 on [5, 10) and lower 1 on [0, 5).
    expect(chart.series[0]?.attributes['d']).toBe('M66 38H343V193H620V270.5H620');
    expect(chart.bands[0]?.attributes['d']).toBe('M66 38H343V162H620V224H343V38H66Z');
  });

  it('leaves a gap at a null value', () => {
    const svg = retentionChart([{ name: 'gap', points: [{ time: 0, value: 1 }, { time: 5, value: null }, { time: 10, value: 0.5 }] }]);
    expect(checkChart(svg, ticks).series[0]?.attributes['d']).toBe('M66 38H343M620 193H620');
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
    expect(chart.series.map((s) => s.attributes['stroke'])).toEqual(['#0072B2', '#C97800']);
    expect(chart.xTicks.at(-1)).toBe('12');
  });

  it('escapes names and labels', () => {
    const nasty = `<&">'x`;
    const svg = retentionChart([{ name: nasty, points: [{ time: 0, value: 1 }] }], { title: nasty, xLabel: nasty, yLabel: nasty });
    expect(svg).not.toContain(nasty);
    expect(svg).toContain('&lt;&amp;&quot;&gt;&#39;x');
    const chart = checkChart(svg, ticks);
    expect(chart.legend).toEqual([]);
    expect(chart.series[0]?.children[0]?.text).toBe(nasty);
    expect([textsOf(chart.root, 'title'), textsOf(chart.root, 'x-label'), textsOf(chart.root, 'y-label')]).toEqual([[nasty], [nasty], [nasty]]);
    expect(chart.root.attributes['aria-label']).toBe(nasty);
    const two = checkChart(retentionChart([{ name: nasty, points: [{ time: 0, value: 1 }] }, { name: 'b', points: [{ time: 1, value: 1 }] }]), ticks);
    expect(two.legend).toEqual([nasty, 'b']);
  });

  it('gives empty axes for no curves, with a note', () => {
    const chart = checkChart(retentionChart([]), ticks);
    expect(chart.series).toHaveLength(0);
    expect(textsOf(chart.root, 'note')).toEqual(['No data']);
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
        const svg = retentionChart(sorted);
        expect(svg).not.toMatch(/NaN|Infinity/);
        const chart = checkChart(svg, ticks);
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

  it('prints the number at risk under each x tick for a kaplanMeier result (worked by hand)', () => {
    // Events at 2, 4 and 10, a censoring at 5; n = 4. At risk at t = subjects with duration >= t:
    // t = 0: 4, 2: 4, 4: 3, 6: 1 (only the 10), 8: 1, 10: 1.
    const km = kaplanMeier([
      { duration: 2, observed: true },
      { duration: 4, observed: true },
      { duration: 5, observed: false },
      { duration: 10, observed: true },
    ]);
    const chart = checkChart(retentionChart(km), ticks);
    expect(chart.xTicks).toEqual(['0', '2', '4', '6', '8', '10']);
    expect(textsOf(chart.root, 'at-risk-title')).toEqual(['Number at risk']);
    expect(textsOf(chart.root, 'at-risk-count')).toEqual(['4', '4', '3', '1', '1', '1']);
    // Each count sits under its tick.
    const xs = marksOf(chart.root, 'at-risk-count').map((e) => e.attributes['x']);
    const tickXs = chart.panels[0]?.element.children.find((e) => e.attributes['class'] === 'x-axis')?.children.filter((e) => e.name === 'text').map((e) => e.attributes['x']);
    expect(xs).toEqual(tickXs);
    // One censoring mark (at 5), on the curve at S = 1/2.
    expect(marksOf(chart.root, 'censor')).toHaveLength(1);
    // The x axis ends at the last time (10): no room past the data.
    expect(chart.panels[0]?.plot.right).toBe(620);
    expect(chart.series[0]?.attributes['d']?.endsWith('H620')).toBe(true);
    // atRisk: false leaves the row out.
    const without = checkChart(retentionChart(km, { atRisk: false }), ticks);
    expect(textsOf(without.root, 'at-risk-count')).toEqual([]);
    expect(marksOf(without.root, 'at-risk-title')).toHaveLength(0);
  });

  it('names its defaults after the result: title, subtitle with the interval, axis labels with units', () => {
    const km = kaplanMeier([{ duration: 3, observed: true }, { duration: 5, observed: false }], { confidence: 0.9 });
    const chart = checkChart(retentionChart(km), ticks);
    expect(textsOf(chart.root, 'title')).toEqual(['Retention (Kaplan–Meier)']);
    expect(textsOf(chart.root, 'subtitle')).toEqual(['Share without the event; shaded: 90% confidence interval']);
    expect(textsOf(chart.root, 'x-label')).toEqual(['time since start']);
    expect(textsOf(chart.root, 'y-label')).toEqual(['still retained (%)']);
    const own = checkChart(retentionChart(km, { title: 'Churn', subtitle: '', xLabel: 'months', yLabel: '' }), ticks);
    expect([textsOf(own.root, 'title'), textsOf(own.root, 'subtitle'), textsOf(own.root, 'x-label'), textsOf(own.root, 'y-label')]).toEqual([['Churn'], [], ['months'], []]);
    // Width and height set the viewBox.
    expect(parseXml(retentionChart(km, { width: 800, height: 300 })).attributes['viewBox']).toBe('0 0 800 300');
  });

  it('draws an at-risk row per curve that carries counts, named by the curve', () => {
    const svg = retentionChart([
      { name: 'A', points: [{ time: 0, value: 1, atRisk: 10 }, { time: 4, value: 0.5, atRisk: 6 }, { time: 8, value: 0.4, atRisk: 2 }] },
      { name: 'B', points: [{ time: 0, value: 1 }, { time: 8, value: 0.7 }] },
    ]);
    const chart = checkChart(svg, ticks);
    // Ticks 0, 2, ..., 8: A at risk 10 (t = 0), 6 (first point at or after 2 is at 4), 6, 2, 2; B has no counts: no row.
    expect(chart.xTicks).toEqual(['0', '2', '4', '6', '8']);
    expect(textsOf(chart.root, 'at-risk-count')).toEqual(['10', '6', '6', '2', '2']);
    expect(textsOf(chart.root, 'at-risk-name')).toEqual(['A']);
    expect(chart.legend).toEqual(['A', 'B']);
  });
});
