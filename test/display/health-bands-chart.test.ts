import { describe, expect, it } from 'vitest';
import { healthBandsChart } from '../../src/display/health-bands-chart.js';
import { healthBandsChartSpec } from '../../src/display/health-bands-chart-spec.js';
import { healthScores } from '../../src/scores/health-scores.js';
import { errorOf } from '../support/errors.js';
import { checkChart, marksOf, textsOf, tickNumber } from './support/chart.js';
import { renderQuiet } from './support/render-quiet.js';
import { parseXml } from './support/xml.js';

// Scores as given (one component, linear 0..100). Default bands red 0–50, yellow 51–75, green
// 76–100, banded after rounding: 10 and 50.4 red; 50.6 and 52 yellow; 80 and 100 green; one unscored.
const accounts = [10, 50.4, 50.6, 52, 80, 100, null].map((usage, i) => ({ accountId: `a${i}`, usage }));
const result = healthScores(accounts, { components: [{ name: 'usage', weight: 1, value: (a) => a.usage, normalize: { linear: [0, 100] } }] });
const ticks = { x: tickNumber, y: tickNumber };

describe('healthBandsChart', () => {
  it('draws accounts per band above and the score histogram stacked by band below (worked by hand)', () => {
    expect(result.accounts.map((a) => a.band)).toEqual(['red', 'red', 'yellow', 'yellow', 'green', 'green', null]);
    const chart = checkChart(healthBandsChart(result), ticks);
    expect(chart.panels).toHaveLength(2);
    // Above: red 2, yellow 2, green 2, no score 1, labelled with count and share of 7.
    const bars = marksOf(chart.root, 'bar');
    expect(bars.map((b) => b.attributes['data-band'])).toEqual(['red', 'yellow', 'green', 'no score']);
    expect(textsOf(chart.root, 'value')).toEqual(['2 (29%)', '2 (29%)', '2 (29%)', '1 (14%)']);
    expect(bars.map((b) => b.attributes['fill'])).toEqual(['#D64545', '#B39200', '#1A9E77', '#808080']);
    // Below, bins of 5: [10, 15) red 1; [50, 55) red 1 (50.4) under yellow 2 (50.6, 52); [80, 85) green 1; [95, 100] green 1 (100).
    const segments = marksOf(chart.root, 'segment');
    expect(segments.map((s) => [s.attributes['data-bin'], s.attributes['data-band']])).toEqual([
      ['10', 'red'],
      ['50', 'red'],
      ['50', 'yellow'],
      ['80', 'green'],
      ['95', 'green'],
    ]);
    // The stack: yellow starts where red ends, and is twice as tall.
    const [red, yellow] = [segments[1], segments[2]].map((s) => ({ y: Number(s?.attributes['y']), h: Number(s?.attributes['height']) }));
    expect(yellow!.y + yellow!.h).toBeCloseTo(red!.y, 1);
    expect(yellow!.h / red!.h).toBeCloseTo(2, 5);
    expect(chart.xTicks).toEqual(['0', '20', '40', '60', '80', '100']);
    expect(chart.legend).toEqual(['red (0–50)', 'yellow (51–75)', 'green (76–100)']);
    expect(textsOf(chart.root, 'subtitle')).toEqual(['7 accounts: red 2, yellow 2, green 2; 1 without a score']);
    expect(textsOf(chart.root, 'x-label')).toEqual(['health score (0–100)']);
    expect(segments[2]?.children[0]?.text).toBe('score 50 to <55: 2 yellow accounts');
  });

  it('bins by binWidth', () => {
    const root = parseXml(healthBandsChart(result, { binWidth: 25 }));
    // [0, 25) red 1; [50, 75) red 1 + yellow 2; [75, 100] green 2.
    expect(marksOf(root, 'segment').map((s) => `${s.attributes['data-bin']} ${s.attributes['data-band']}`)).toEqual(['0 red', '50 red', '50 yellow', '75 green']);
    const e = errorOf(() => healthBandsChart(result, { binWidth: 3 }));
    expect([e.code, e.path]).toEqual(['invalid-option', 'options.binWidth']);
  });

  it('gives empty panels with a note for no accounts', () => {
    const root = parseXml(healthBandsChart({ bands: result.bands, accounts: [] }));
    expect(marksOf(root, 'segment')).toHaveLength(0);
    expect(marksOf(root, 'bar')).toHaveLength(3);
    expect(textsOf(root, 'note')).toEqual(['No data']);
  });

  it('rejects what is not a healthScores result', () => {
    let e = errorOf(() => healthBandsChart({ accounts: [] } as never));
    expect([e.code, e.path]).toEqual(['invalid-input', 'result']);
    e = errorOf(() => healthBandsChart({ bands: result.bands, accounts: [{ score: 3, band: 'blue' }] }));
    expect([e.code, e.path]).toEqual(['invalid-name', 'result.accounts[0].band']);
    e = errorOf(() => healthBandsChart({ bands: result.bands, accounts: [{ score: Number.NaN, band: 'red' }] }));
    expect([e.code, e.path]).toEqual(['invalid-number', 'result.accounts[0].score']);
  });
});

describe('healthBandsChartSpec', () => {
  it('renders with vega: a bar and a label per band, a rect per histogram segment', async () => {
    const spec = healthBandsChartSpec(result);
    const views = spec['vconcat'] as { data: { values: unknown[] } }[];
    expect(views).toHaveLength(2);
    expect(views[1]?.data.values).toHaveLength(5);
    const rendered = await renderQuiet(spec);
    // 4 band bars + 5 segments.
    expect(rendered.marks('rect')).toBe(9);
    expect(rendered.marks('text')).toBe(4);
    expect(rendered.svg).toContain('health score (0–100)');
  });

  it('renders no accounts with a note', async () => {
    const rendered = await renderQuiet(healthBandsChartSpec({ bands: result.bands, accounts: [] }));
    expect(rendered.marks('rect')).toBe(3);
    expect(rendered.svg).toContain('No data');
  });
});
