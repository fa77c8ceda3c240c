import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cohortHeatmap } from '../../src/display/cohort-heatmap.js';
import { cohortHeatmapSpec } from '../../src/display/cohort-heatmap-spec.js';
import { sequentialColor } from '../../src/display/internal/palette.js';
import type { CohortHeatmapInput } from '../../src/display/types.js';
import { cohortRetention } from '../../src/retention/cohort-retention.js';
import { errorOf } from '../support/errors.js';
import { checkChart, marksOf, textsOf } from './support/chart.js';
import { renderQuiet as renderSpec } from './support/render-quiet.js';
import { parseXml } from './support/xml.js';

// January: a and b start, a is back in February, nobody in March.
// February: c starts, is not back in March. March: d starts.
const events = [
  { userId: 'a', timestamp: '2026-01-05T10:00:00Z' },
  { userId: 'b', timestamp: '2026-01-20T10:00:00Z' },
  { userId: 'a', timestamp: '2026-02-03T10:00:00Z' },
  { userId: 'c', timestamp: '2026-02-10T10:00:00Z' },
  { userId: 'd', timestamp: '2026-03-02T10:00:00Z' },
];
const result = cohortRetention(events, { cohort: 'month', interval: 'month', lastPeriod: 2, asOf: '2026-03-31' });

/** A tick's position in an expected list (for categorical axes). */
const indexIn = (labels: readonly string[]) => (label: string) => {
  const i = labels.indexOf(label);
  return i === -1 ? Number.NaN : i;
};

describe('cohortHeatmap', () => {
  it('draws one cell per observable rate, the rate in it, sizes and the mean row (worked by hand)', () => {
    // Rates by hand: January (size 2): 2/2, 1/2, 0/2; February (1): 1/1, 0/1, null;
    // March (1): 1/1, null, null. Mean over the cohorts drawn: 4/4, 1/3, 0/2.
    expect(result.cohorts.map((c) => c.rates)).toEqual([[1, 0.5, 0], [1, 0, null], [1, null, null]]);
    const svg = cohortHeatmap(result);
    const rows = ['2026-01', '2026-02', '2026-03', 'mean'];
    const chart = checkChart(svg, { x: indexIn(['users', '0', '1', '2']), y: indexIn(rows) });
    expect(chart.xTicks).toEqual(['users', '0', '1', '2']);
    expect(chart.yTicks).toEqual(rows);
    const cells = marksOf(chart.root, 'cell');
    expect(cells).toHaveLength(6 + 3);
    expect(textsOf(chart.root, 'cell-label')).toEqual(['100%', '50%', '0%', '100%', '0%', '100%', '100%', '33%', '0%']);
    expect(textsOf(chart.root, 'size')).toEqual(['2', '1', '1']);
    // Colour by rate; text in the ink that reads on the fill.
    expect(cells[0]?.attributes['fill']).toBe(sequentialColor(1));
    expect(cells[2]?.attributes['fill']).toBe(sequentialColor(0));
    const labels = marksOf(chart.root, 'cell-label');
    expect(labels[0]?.attributes['fill']).toBe('#FFFFFF');
    expect(labels[2]?.attributes['fill']).toBe('#111111');
    // Tooltips: the rate and what it is of.
    expect(cells[1]?.children[0]?.text).toBe('2026-01, 1: 50.0% (1 of 2)');
    expect(textsOf(chart.root, 'title')).toEqual(['Cohort retention']);
    expect(textsOf(chart.root, 'x-label')).toEqual(['months since first activity']);
    expect(textsOf(chart.root, 'y-label')).toEqual(['cohort (month of first activity)']);
    expect(chart.legend).toEqual(['0%', '25%', '50%', '75%', '100%']);
    expect(marksOf(chart.root, 'separator')).toHaveLength(1);
  });

  it('computes the mean row over the cohorts drawn, so a slice stays true to its rows', () => {
    const last = { ...result, cohorts: result.cohorts.slice(1) };
    const chart = checkChart(cohortHeatmap(last), { x: indexIn(['users', '0', '1', '2']), y: indexIn(['2026-02', '2026-03', 'mean']) });
    // February and March only: 2/2, 0/1, none.
    expect(textsOf(chart.root, 'cell-label').slice(-2)).toEqual(['100%', '0%']);
    // The whole table: the mean row is the result's own mean.
    const whole = checkChart(cohortHeatmap(result), { x: indexIn(['users', '0', '1', '2']), y: indexIn(['2026-01', '2026-02', '2026-03', 'mean']) });
    const meanTitles = marksOf(whole.root, 'cell').slice(-3).map((c) => c.children[0]?.text);
    expect(result.mean.rates).toEqual([1, 1 / 3, 0]);
    expect(meanTitles).toEqual(['mean, 0: 100.0% (4 of 4)', 'mean, 1: 33.3% (1 of 3)', 'mean, 2: 0.0% (0 of 2)']);
  });

  it('leaves the mean row out with mean: false, and words bracket columns', () => {
    expect(marksOf(checkChart(cohortHeatmap(result, { mean: false }), { x: indexIn(['users', '0', '1', '2']), y: indexIn(['2026-01', '2026-02', '2026-03']) }).root, 'cell')).toHaveLength(6);
    const brackets = cohortRetention(events, { cohort: 'month', interval: 'month', mode: 'bracket', brackets: [[0, 0], [1, 2]], asOf: '2026-03-31' });
    const chart = checkChart(cohortHeatmap(brackets, { mean: false }), { x: indexIn(['users', '0', '1–2']), y: indexIn(['2026-01', '2026-02', '2026-03']) });
    expect(chart.xTicks).toEqual(['users', '0', '1–2']);
    expect(textsOf(chart.root, 'x-label')).toEqual(['months since first activity, in brackets']);
  });

  it('mutes the size of a cohort still filling and grows with the rows', () => {
    const partial = cohortRetention(events, { cohort: 'month', interval: 'month', lastPeriod: 2, asOf: '2026-03-15' });
    expect(partial.cohorts.at(-1)?.complete).toBe(false);
    const root = checkChart(cohortHeatmap(partial), { x: indexIn(['users', '0', '1', '2']), y: indexIn(['2026-01', '2026-02', '2026-03', 'mean']) }).root;
    const sizes = marksOf(root, 'size');
    expect(sizes.map((s) => s.attributes['fill-opacity'] ?? null)).toEqual([null, null, '0.72']);
    const many = { cohorts: Array.from({ length: 30 }, (_, k) => ({ cohort: `c${String(k).padStart(2, '0')}`, size: 10, rates: [1, 0.5] })) };
    const tall = checkChart(cohortHeatmap(many), { x: indexIn(['users', '0', '1']), y: indexIn([...many.cohorts.map((c) => c.cohort), 'mean']) });
    // 31 rows: 140 + 20 × 31 px.
    expect(tall.root.attributes['height']).toBe('760');
    expect(checkChart(cohortHeatmap(many, { height: 300 }), { x: indexIn(['users', '0', '1']), y: indexIn([...many.cohorts.map((c) => c.cohort), 'mean']) }).root.attributes['height']).toBe('300');
  });

  it('draws empty axes with a note for an empty result, and escapes labels', () => {
    const empty = cohortRetention([], { cohort: 'month', interval: 'month', lastPeriod: 2 });
    const svg = cohortHeatmap(empty);
    // No rows: no y ticks (checkChart wants two), so only well-formed XML and the note.
    const root = parseXml(svg);
    expect(textsOf(root, 'note')).toEqual(['No data']);
    expect(textsOf(root, 'x-label')).toEqual(['months since first activity']);
    expect(marksOf(root, 'cell')).toHaveLength(0);
    const nasty = '<b>&"x"</b>';
    const escaped = cohortHeatmap({ cohorts: [{ cohort: nasty, size: 1, rates: [1] }] }, { title: nasty });
    expect(escaped).not.toContain('<b>');
    expect(textsOf(checkChart(escaped, { x: indexIn(['users', '0']), y: indexIn([nasty, 'mean']) }).root, 'title')).toEqual([nasty]);
  });

  it('is well-formed, with a cell per non-null rate, for any table (property)', () => {
    const row = fc.record({
      size: fc.integer({ min: 0, max: 10_000 }),
      rates: fc.array(fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }), { maxLength: 14 }),
    });
    fc.assert(
      fc.property(fc.array(row, { maxLength: 20 }), fc.boolean(), (rows, mean) => {
        const input: CohortHeatmapInput = { cohorts: rows.map((r, k) => ({ cohort: `c${k}`, ...r })) };
        const svg = cohortHeatmap(input, { mean });
        expect(svg).not.toMatch(/NaN|Infinity/);
        const labels = ['users', ...Array.from({ length: Math.max(0, ...rows.map((r) => r.rates.length)) }, (_, k) => String(k))];
        const names = [...rows.map((_, k) => `c${k}`), ...(mean && rows.length > 0 ? ['mean'] : [])];
        // checkChart wants two ticks on each axis; smaller tables are checked as XML only.
        const root = labels.length >= 2 && names.length >= 2 ? checkChart(svg, { x: indexIn(labels), y: indexIn(names) }).root : parseXml(svg);
        const drawn = rows.reduce((n, r) => n + r.rates.filter((v) => v !== null).length, 0);
        // The mean row has a cell where some non-empty cohort has a rate.
        const meanCells = mean ? labels.slice(1).filter((_, k) => rows.some((r) => r.size > 0 && r.rates[k] !== null && r.rates[k] !== undefined)).length : 0;
        expect(marksOf(root, 'cell')).toHaveLength(drawn + meanCells);
      }),
      { numRuns: 100 },
    );
  });

  it('rejects bad input and options with the path', () => {
    let e = errorOf(() => cohortHeatmap(null as unknown as CohortHeatmapInput));
    expect([e.code, e.path]).toEqual(['invalid-input', 'result']);
    e = errorOf(() => cohortHeatmap({ cohorts: [{ cohort: '2026-01', size: 2, rates: [1, Number.NaN] }] }));
    expect([e.code, e.path]).toEqual(['invalid-number', 'result.cohorts[0].rates[1]']);
    e = errorOf(() => cohortHeatmap({ cohorts: [{ cohort: '', size: 2, rates: [] }] }));
    expect([e.code, e.path]).toEqual(['invalid-id', 'result.cohorts[0].cohort']);
    e = errorOf(() => cohortHeatmap({ cohorts: [{ cohort: 'x', size: -1, rates: [] }] }));
    expect([e.code, e.path]).toEqual(['invalid-number', 'result.cohorts[0].size']);
    e = errorOf(() => cohortHeatmap(result, { mean: 'yes' as unknown as boolean }));
    expect([e.code, e.path]).toEqual(['invalid-boolean', 'options.mean']);
    e = errorOf(() => cohortHeatmap(result, { Mean: true } as never));
    expect([e.code, e.path, e.message]).toEqual(['unknown-option', 'options.Mean', 'cohortHeatmap: options.Mean is not an option; did you mean mean? (true)']);
    e = errorOf(() => cohortHeatmapSpec(result, { title: null as unknown as string }));
    expect([e.code, e.path]).toEqual(['invalid-option', 'options.title']);
  });
});

describe('cohortHeatmapSpec', () => {
  it('renders with vega: a rect per cell, a text per cell and per size, no warnings', async () => {
    const spec = cohortHeatmapSpec(result);
    // Plain JSON: nothing undefined, no functions, survives a round trip (checked before
    // rendering: Vega tags the data objects it is given).
    expect(JSON.parse(JSON.stringify(spec))).toStrictEqual(spec);
    expect(spec.$schema).toBe('https://vega.github.io/schema/vega-lite/v5.json');
    expect(spec['background']).toBe('transparent');
    const rendered = await renderSpec(spec);
    expect(rendered.warnings).toEqual([]);
    expect(rendered.marks('rect')).toBe(9);
    expect(rendered.marks('text')).toBe(9 + 3);
    expect(rendered.svg).toContain('Cohort retention');
    expect(rendered.svg).toContain('33%');
    expect(JSON.stringify(spec)).not.toMatch(/NaN|Infinity|"#000000"|"black"/);
  });

  it('renders an empty result, and takes mean: false', async () => {
    const empty = await renderSpec(cohortHeatmapSpec(cohortRetention([], { cohort: 'month', interval: 'month', lastPeriod: 2 })));
    expect(empty.warnings).toEqual([]);
    expect(empty.marks('rect')).toBe(0);
    const noMean = await renderSpec(cohortHeatmapSpec(result, { mean: false }));
    expect(noMean.marks('rect')).toBe(6);
  });
});
