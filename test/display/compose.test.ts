/**
 * Results compose: `retentionChart` draws a `kaplanMeier`, `timeToValue` or
 * `compareRetention` result passed to it as it is (their curves are `SurvivalStep`s). The
 * coordinates are worked by hand. A result's chart has a title and a subtitle (top 30 + 18 + 8
 * = 56), an at-risk row (below: 22 + 16 = 38), labels on both axes: plot area x 66..620
 * (left 10 + 20 + 4 × 7 + 8; right 640 − 20), y 310 (400 − 8 − 38 − 22 − 22) .. 56; with the
 * x domain [0, 10], x(t) = 66 + 55.4 t, and with the y domain [0, 1], y(v) = 310 − 254 v.
 */
import { describe, expect, it } from 'vitest';
import { retentionChart } from '../../src/display/retention-chart.js';
import { hasEvent } from '../../src/lifecycle/has-event.js';
import { timeToValue } from '../../src/lifecycle/time-to-value.js';
import { compareRetention } from '../../src/retention/compare-retention.js';
import { kaplanMeier } from '../../src/retention/kaplan-meier.js';
import type { Journey } from '../../src/lifecycle/types.js';
import { checkChart, textsOf, tickNumber } from './support/chart.js';

const ticks = { x: tickNumber, y: tickNumber };
const DAY = 86_400_000;

describe('retentionChart(result)', () => {
  it('draws a kaplanMeier result as it is: one curve from 100% at time 0, its band where it has bounds', () => {
    // Events at 2, 4 and 10, a censoring at 5: S(2) = 3/4, S(4) = 3/4 × 2/3 = 1/2, S(5) = 1/2, S(10) = 0.
    const km = kaplanMeier([
      { duration: 2, observed: true },
      { duration: 4, observed: true },
      { duration: 5, observed: false },
      { duration: 10, observed: true },
    ]);
    const chart = checkChart(retentionChart(km), ticks);
    expect(chart.legend).toEqual([]);
    expect(chart.series.map((e) => e.children[0]?.text)).toEqual(['all']);
    expect(chart.xTicks).toEqual(['0', '2', '4', '6', '8', '10']);
    expect(chart.panels[0]?.plot).toEqual({ left: 66, top: 56, right: 620, bottom: 310 });
    // y(1) = 56 from 0 to 2 (x 66 to 176.8), y(3/4) = 119.5 to 4 (287.6), y(1/2) = 183 to 5 (343) and on to 10 (620), then 0: y = 310.
    expect(chart.series[0]?.attributes['d']).toBe('M66 56H176.8V119.5H287.6V183H343V183H620V310H620');
    // Greenwood, 'log' interval: σ²(2) = 1/(4·3) = 1/12, lower(2) = 0.75 · exp(−1.959964 · √(1/12)) = 0.425932;
    // σ²(4) = 1/12 + 1/(3·2) = 1/4, lower(4) = 0.5 · exp(−1.959964 · 0.5) = 0.187659; upper cut at 1.
    // y(0.425932) = 201.81, y(0.187659) = 262.33; no bounds once the curve reaches 0, so the band ends at 10.
    expect(chart.bands[0]?.attributes['d']).toBe('M66 56H176.8V56H287.6V56H343V56H620V262.33H343V262.33H287.6V201.81H176.8V56H66Z');
  });

  it('draws a timeToValue result as it is: the share that has not reached the value yet', () => {
    const aha = (j: Journey) => j.events.find((e) => e.name === 'aha')?.timestamp ?? null;
    const start = Date.parse('2024-05-01T00:00:00Z');
    const journey = (id: string, ahaAfterDays: number | null) => ({
      id,
      start,
      events: ahaAfterDays === null ? [] : [{ name: 'aha', timestamp: start + ahaAfterDays * DAY, record: {} }],
    });
    // Aha after 1, 2, 2, 4 and 6 days; one journey has not had it by asOf, 10 days in (censored at 10).
    const list = [journey('a', 1), journey('b', 2), journey('c', 2), journey('d', 4), journey('e', null), journey('f', 6)];
    const result = timeToValue(list, aha, { asOf: '2024-05-11T00:00:00Z' });
    const chart = checkChart(retentionChart(result, { xLabel: 'days' }), ticks);
    expect(chart.legend).toEqual([]);
    expect(textsOf(chart.root, 'title')).toEqual(['Time to value']);
    expect(textsOf(chart.root, 'y-label')).toEqual(['not reached yet (%)']);
    // S(1) = 5/6, S(2) = 5/6 × 3/5 = 1/2, S(4) = 1/2 × 2/3 = 1/3, S(6) = 1/3 × 1/2 = 1/6, S(10) = 1/6:
    // y = 98.33, 183, 225.33, 267.67; x(1) = 121.4, x(2) = 176.8, x(4) = 287.6, x(6) = 398.4, x(10) = 620.
    expect(chart.series[0]?.attributes['d']).toBe('M66 56H121.4V98.33H176.8V183H287.6V225.33H398.4V267.67H620V267.67H620');
    // At risk at each tick: durations 1, 2, 2, 4, 6 and 10 (censored); those >= t: 6 at 0, 5 at 2, 3 at 4, 2 at 6, 1 at 8 and at 10.
    expect(textsOf(chart.root, 'at-risk-count')).toEqual(['6', '5', '3', '2', '1', '1']);
  });

  it('draws a compareRetention result as it is: the segment and the control', () => {
    const jan1 = Date.UTC(2024, 0, 1);
    const user = (id: string, days: number[], ahaDay: number | null) => ({
      id,
      start: jan1,
      events: [
        ...days.map((d) => ({ name: 'login', timestamp: jan1 + d * DAY, record: {} })),
        ...(ahaDay === null ? [] : [{ name: 'aha', timestamp: jan1 + ahaDay * DAY, record: {} }]),
      ].sort((a, b) => a.timestamp - b.timestamp),
    });
    const journeys = [user('a', [2, 10, 20, 30, 40], 3), user('b', [5, 15, 25, 35, 45, 55, 65, 75], 1), user('c', [6, 12, 20], 4), user('d', [3, 10], null), user('e', [6, 13, 18], 16)];
    const result = compareRetention(journeys, { segment: hasEvent('aha'), landmarkDays: 14, horizonDays: 74, asOf: '2024-03-21' });
    const chart = checkChart(retentionChart(result), ticks);
    expect(chart.legend).toEqual(['segment', 'control']);
    expect(chart.series).toHaveLength(2);
    // Both start at 100% at time 0: the plot's top left corner.
    const plot = chart.panels[0]?.plot;
    for (const series of chart.series) expect(series.attributes['d']?.startsWith(`M${plot?.left} ${plot?.top}H`)).toBe(true);
    expect(textsOf(chart.root, 'at-risk-name')).toEqual(['segment', 'control']);
    expect(textsOf(chart.root, 'subtitle')[0]).toMatch(/^Kaplan–Meier after the landmark; shaded: 95% confidence interval; log-rank p (=|<) /);
    // The same as drawing the two curves by hand as { name, points }, given the same labels.
    const points = (curve: typeof result.segment.curve) => [
      { time: 0, value: 1, lower: 1, upper: 1, atRisk: curve[0]?.atRisk as number },
      ...curve.map((s) => ({ time: s.time, value: s.survival, lower: s.lower, upper: s.upper, atRisk: s.atRisk, censored: s.censored })),
    ];
    const labels = { title: 'Retention', subtitle: 'after the landmark', xLabel: 'days', yLabel: 'retained' };
    expect(retentionChart(result, labels)).toBe(
      retentionChart(
        [
          { name: 'segment', points: points(result.segment.curve) },
          { name: 'control', points: points(result.control.curve) },
        ],
        labels,
      ),
    );
  });

  it('names the result field that is wrong', () => {
    const km = kaplanMeier([{ duration: 2, observed: true }]);
    const bad = { ...km, curve: [{ ...km.curve[0], survival: '1' }] };
    expect(() => retentionChart(bad as never)).toThrow('retentionChart: result.curve[0].survival must be a finite number ("1")');
    expect(() => retentionChart({ segment: { curve: [] }, control: { curve: 3 } } as never)).toThrow('retentionChart: result.control.curve must be an array or another iterable of records (3)');
    expect(() => retentionChart({ median: 3 } as never)).toThrow('retentionChart: curves must be curves [{ name, points }], or a kaplanMeier, timeToValue or compareRetention result ({"median":3})');
  });
});
