import { describe, expect, it } from 'vitest';
import { retentionChartSpec } from '../../src/display/retention-chart-spec.js';
import { kaplanMeier } from '../../src/retention/kaplan-meier.js';
import { errorOf } from '../support/errors.js';
import { renderQuiet } from './support/render-quiet.js';

// Events at 2, 4 and 10, a censoring at 5 (n = 4): S = 1 at 0, 3/4 at 2, 1/2 at 4 and 5, 0 at 10.
const km = kaplanMeier([
  { duration: 2, observed: true },
  { duration: 4, observed: true },
  { duration: 5, observed: false },
  { duration: 10, observed: true },
]);

describe('retentionChartSpec', () => {
  it('is a plain Vega-Lite v5 spec: schema, transparent background, title, no NaN', () => {
    const spec = retentionChartSpec(km);
    expect(spec.$schema).toBe('https://vega.github.io/schema/vega-lite/v5.json');
    expect(spec['background']).toBe('transparent');
    expect(spec['title']).toEqual({ text: 'Retention (Kaplan–Meier)', subtitle: 'Share without the event; shaded: 95% confidence interval' });
    expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
    expect(JSON.stringify(spec)).not.toMatch(/NaN|Infinity|#000\b|black/);
  });

  it('renders with vega: one point per step, a band over the steps with bounds, the at-risk counts', async () => {
    const spec = retentionChartSpec(km, { xLabel: 'months' });
    const main = (spec['vconcat'] as { data: { values: { series: string; time: number; retained: number }[] } }[])[0];
    // 100% at 0, then the 4 steps.
    expect(main?.data.values.map((v) => [v.time, v.retained])).toEqual([[0, 1], [2, 0.75], [4, 0.5], [5, 0.5], [10, 0]]);
    const rendered = await renderQuiet(spec);
    // The step line has an item per point, and so has the (invisible, tooltip) point layer.
    expect(rendered.marks('line')).toBe(5);
    expect(rendered.marks('symbol')).toBe(5);
    // The band: the 4 points with both bounds (none once the curve is at 0).
    expect(rendered.marks('area')).toBe(4);
    // The at-risk row: one count per x tick 0, 2, ..., 10: 4, 4, 3, 1, 1, 1.
    expect(rendered.marks('text')).toBe(6);
    expect(rendered.svg).toContain('Number at risk');
    expect(rendered.svg).toContain('months');
  });

  it('colours several curves from the palette with a legend, and leaves the at-risk row out on request', async () => {
    const spec = retentionChartSpec(
      [
        { name: 'A', points: [{ time: 0, value: 1, atRisk: 10 }, { time: 4, value: 0.5, lower: 0.3, upper: 0.7, atRisk: 6 }] },
        { name: 'B', points: [{ time: 0, value: 1 }, { time: 8, value: 0.7 }] },
      ],
      { atRisk: false },
    );
    expect(spec['vconcat']).toBeUndefined();
    const rendered = await renderQuiet(spec);
    expect(rendered.marks('line')).toBe(4);
    expect(rendered.marks('area')).toBe(1);
    expect(rendered.marks('text')).toBe(0);
    expect(rendered.svg).toContain('#0072B2');
    expect(rendered.svg).toContain('#C97800');
  });

  it('gives empty axes with a note for no curves', async () => {
    const rendered = await renderQuiet(retentionChartSpec([]));
    expect(rendered.marks('line')).toBe(0);
    expect(rendered.marks('text')).toBe(1);
    expect(rendered.svg).toContain('No data');
  });

  it('checks its input and options as retentionChart does', () => {
    let e = errorOf(() => retentionChartSpec({ median: 3 } as never));
    expect([e.code, e.path]).toEqual(['invalid-input', 'curves']);
    e = errorOf(() => retentionChartSpec(km, { atRisk: 'yes' as never }));
    expect([e.code, e.path]).toEqual(['invalid-boolean', 'options.atRisk']);
  });
});
