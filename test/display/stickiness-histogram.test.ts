import { describe, expect, it } from 'vitest';
import { stickinessHistogram } from '../../src/display/stickiness-histogram.js';
import { stickinessHistogramSpec } from '../../src/display/stickiness-histogram-spec.js';
import { stickiness } from '../../src/engagement/stickiness.js';
import { errorOf } from '../support/errors.js';
import { checkChart, marksOf, textsOf, tickNumber } from './support/chart.js';
import { renderQuiet } from './support/render-quiet.js';
import { parseXml } from './support/xml.js';

const ticks = { x: tickNumber, y: tickNumber };

// Over the 4 days Mar 1–4: a active on 4 days, b on 2, c and d on 1: bars 1 → 2 users, 2 → 1, 3 → 0, 4 → 1.
const events = [
  ...['01', '02', '03', '04'].map((d) => ({ userId: 'a', timestamp: `2026-03-${d}T10:00:00Z` })),
  { userId: 'b', timestamp: '2026-03-01T10:00:00Z' },
  { userId: 'b', timestamp: '2026-03-03T10:00:00Z' },
  { userId: 'c', timestamp: '2026-03-02T10:00:00Z' },
  { userId: 'd', timestamp: '2026-03-04T10:00:00Z' },
];
const result = stickiness(events, { from: '2026-03-01', to: '2026-03-04', asOf: '2026-03-04' });

describe('stickinessHistogram', () => {
  it('draws one bar per number of active days, as tall as its users (worked by hand)', () => {
    expect(result.histogram.map((b) => [b.activeDays, b.userCount])).toEqual([[1, 2], [2, 1], [3, 0], [4, 1]]);
    const chart = checkChart(stickinessHistogram(result), ticks);
    const bars = marksOf(chart.root, 'bar');
    expect(bars.map((b) => b.attributes['data-users'])).toEqual(['2', '1', '0', '1']);
    // y axis 0..2 users: heights in the ratio 2 : 1 : 0 : 1, the tallest the full plot height.
    const plot = chart.panels[0]?.plot as { top: number; bottom: number; left: number; right: number };
    const heights = bars.map((b) => Number(b.attributes['height']));
    expect(heights[0]).toBeCloseTo(plot.bottom - plot.top, 1);
    expect(heights.map((h) => Math.round((h / (heights[0] as number)) * 100) / 100)).toEqual([1, 0.5, 0, 0.5]);
    // x from 0.5 to 4.5: bar k centred at left + (k − 0.5) / 4 of the width.
    bars.forEach((b, k) => expect(Number(b.attributes['x']) + Number(b.attributes['width']) / 2).toBeCloseTo(plot.left + ((k + 0.5) / 4) * (plot.right - plot.left), 1));
    expect(textsOf(chart.root, 'title')).toEqual(['Stickiness: days active per user']);
    expect(textsOf(chart.root, 'x-label')).toEqual(['days active (of 4)']);
    expect(textsOf(chart.root, 'y-label')).toEqual(['users']);
    expect(textsOf(chart.root, 'subtitle')[0]).toMatch(/^2026-03-01 to 2026-03-04; 4 active users; mean DAU\/MAU \d+%/);
    // One series: no legend; tooltips on the bars.
    expect(chart.legend).toEqual([]);
    expect(bars[0]?.children[0]?.text).toBe('1 active day: 2 users (50.0%); 4 active on at least 1 day');
  });

  it('draws shares with share: true, y as %', () => {
    const chart = checkChart(stickinessHistogram(result, { share: true }), ticks);
    expect(chart.yTicks.at(-1)).toBe('50%');
    expect(textsOf(chart.root, 'y-label')).toEqual(['share of active users (%)']);
  });

  it('gives empty axes with a note for an empty histogram', () => {
    const root = parseXml(stickinessHistogram({ histogram: [] }));
    expect(marksOf(root, 'bar')).toHaveLength(0);
    expect(textsOf(root, 'note')).toEqual(['No data']);
  });

  it('rejects what is not a histogram', () => {
    let e = errorOf(() => stickinessHistogram({} as never));
    expect([e.code, e.path]).toEqual(['invalid-input', 'result']);
    e = errorOf(() => stickinessHistogram({ histogram: [{ activeDays: 2, userCount: 1 }, { activeDays: 1, userCount: 1 }] }));
    expect([e.code, e.path]).toEqual(['invalid-order', 'result.histogram[1].activeDays']);
    e = errorOf(() => stickinessHistogram({ histogram: [{ activeDays: 1, userCount: -1 }] }));
    expect([e.code, e.path]).toEqual(['invalid-number', 'result.histogram[0].userCount']);
    e = errorOf(() => stickinessHistogram(result, { share: 1 as never }));
    expect([e.code, e.path]).toEqual(['invalid-boolean', 'options.share']);
  });
});

describe('stickinessHistogramSpec', () => {
  it('renders with vega: one bar per histogram bar', async () => {
    const spec = stickinessHistogramSpec(result);
    expect(spec.$schema).toBe('https://vega.github.io/schema/vega-lite/v5.json');
    expect((spec['data'] as { values: { users: number }[] }).values.map((v) => v.users)).toEqual([2, 1, 0, 1]);
    const rendered = await renderQuiet(spec);
    expect(rendered.marks('rect')).toBe(4);
    expect(rendered.svg).toContain('days active (of 4)');
  });

  it('renders shares and an empty histogram', async () => {
    expect((await renderQuiet(stickinessHistogramSpec(result, { share: true }))).marks('rect')).toBe(4);
    const empty = await renderQuiet(stickinessHistogramSpec({ histogram: [] }));
    expect(empty.marks('rect')).toBe(0);
    expect(empty.svg).toContain('No data');
  });
});
