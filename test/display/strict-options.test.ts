/**
 * 1.0 "no silent traps": the chart options `{ title?, subtitle?, xLabel?, yLabel?, width?,
 * height? }` plus each chart's own reject an unknown key with `unknown-option` (naming the
 * closest valid one, or listing them) and `null` with `invalid-option`. Before 1.0
 * `lineChart(s, { xlabel: 'day' })` silently drew no axis label. The options of `htmlTable`
 * are tested in html-table.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { activeUsersChart } from '../../src/display/active-users-chart.js';
import { activeUsersChartSpec } from '../../src/display/active-users-chart-spec.js';
import { healthBandsChart } from '../../src/display/health-bands-chart.js';
import { healthBandsChartSpec } from '../../src/display/health-bands-chart-spec.js';
import { lineChart } from '../../src/display/line-chart.js';
import { npsChart } from '../../src/display/nps-chart.js';
import { npsChartSpec } from '../../src/display/nps-chart-spec.js';
import { retentionChart } from '../../src/display/retention-chart.js';
import { retentionChartSpec } from '../../src/display/retention-chart-spec.js';
import { stickinessHistogram } from '../../src/display/stickiness-histogram.js';
import { stickinessHistogramSpec } from '../../src/display/stickiness-histogram-spec.js';
import { errorOf } from '../support/errors.js';

const COMMON = ['title', 'subtitle', 'xLabel', 'yLabel', 'width', 'height'];
const curves = [{ name: 'all', points: [{ time: 0, value: 1 }] }];
const days = { days: [{ date: '2026-03-01', dau: 1, wau: 1, mau: 1, dauMau: 1 }] };
const histogram = { histogram: [{ activeDays: 1, userCount: 2 }] };
const npsResult = { n: 1, score: 100, lower: null, upper: null };
const health = { bands: [{ name: 'red', from: 0, to: 100 }], accounts: [{ score: 3, band: 'red' }] };

const charts: { fn: string; own: string[]; draw: (options: object) => unknown }[] = [
  { fn: 'lineChart', own: [], draw: (o) => lineChart([{ name: 'DAU', points: [{ x: 1, y: 2 }] }], o as never) },
  { fn: 'retentionChart', own: ['atRisk'], draw: (o) => retentionChart(curves, o as never) },
  { fn: 'retentionChartSpec', own: ['atRisk'], draw: (o) => retentionChartSpec(curves, o as never) },
  { fn: 'activeUsersChart', own: [], draw: (o) => activeUsersChart(days, o as never) },
  { fn: 'activeUsersChartSpec', own: [], draw: (o) => activeUsersChartSpec(days, o as never) },
  { fn: 'stickinessHistogram', own: ['share'], draw: (o) => stickinessHistogram(histogram, o as never) },
  { fn: 'stickinessHistogramSpec', own: ['share'], draw: (o) => stickinessHistogramSpec(histogram, o as never) },
  { fn: 'npsChart', own: ['order'], draw: (o) => npsChart(npsResult, o as never) },
  { fn: 'npsChartSpec', own: ['order'], draw: (o) => npsChartSpec(npsResult, o as never) },
  { fn: 'healthBandsChart', own: ['binWidth'], draw: (o) => healthBandsChart(health, o as never) },
  { fn: 'healthBandsChartSpec', own: ['binWidth'], draw: (o) => healthBandsChartSpec(health, o as never) },
];

describe('chart options', () => {
  for (const { fn, own, draw } of charts) {
    it(`${fn}: an unknown key names the closest valid one, or lists the options`, () => {
      const typo = errorOf(() => draw({ xlabel: 'days' }));
      expect([typo.code, typo.path, typo.message]).toEqual(['unknown-option', 'options.xlabel', `${fn}: options.xlabel is not an option; did you mean xLabel? ("days")`]);
      const other = errorOf(() => draw({ zzz: 800 }));
      expect([other.code, other.path, other.message]).toEqual(['unknown-option', 'options.zzz', `${fn}: options.zzz is not an option; the options are ${[...COMMON, ...own].sort().join(', ')} (800)`]);
    });

    it(`${fn}: null is an error for every option; undefined is the default; sizes are checked`, () => {
      for (const key of [...COMMON, ...own]) {
        const error = errorOf(() => draw({ [key]: null }));
        expect([error.code, error.path, error.message]).toEqual([
          'invalid-option',
          `options.${key}`,
          `${fn}: options.${key} must not be null; leave it out (or pass undefined) for the default (null)`,
        ]);
      }
      expect(draw({ title: undefined, xLabel: undefined, yLabel: undefined })).toEqual(draw({}));
      expect(JSON.stringify(draw({ xLabel: 'days' }))).toContain('days');
      for (const [key, bad] of [['width', 100], ['height', 5000], ['width', '640'], ['height', Number.NaN]] as const) {
        const error = errorOf(() => draw({ [key]: bad }));
        expect([error.code, error.path]).toEqual(['invalid-option', `options.${key}`]);
      }
      const error = errorOf(() => draw({ title: 3 }));
      expect([error.code, error.path]).toEqual(['invalid-option', 'options.title']);
    });
  }
});
