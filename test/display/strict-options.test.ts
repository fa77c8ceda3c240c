/**
 * 1.0 "no silent traps": the chart options `{ title?, xLabel?, yLabel? }` reject an unknown
 * key with `unknown-option` (naming the closest valid one) and `null` with `invalid-option`.
 * Before 1.0 `lineChart(s, { xlabel: 'day' })` silently drew no axis label. The options of
 * `htmlTable` (`{ columns? }`) are tested in html-table.test.ts.
 */
import { describe, expect, it } from 'vitest';
import { lineChart } from '../../src/display/line-chart.js';
import { retentionChart } from '../../src/display/retention-chart.js';
import { errorOf } from '../support/errors.js';

const charts = [
  { fn: 'lineChart', draw: (options: object) => lineChart([{ name: 'DAU', points: [{ x: 1, y: 2 }] }], options as never) },
  { fn: 'retentionChart', draw: (options: object) => retentionChart([{ name: 'all', points: [{ time: 0, value: 1 }] }], options as never) },
];

describe('chart options', () => {
  for (const { fn, draw } of charts) {
    it(`${fn}: an unknown key names the closest valid one, or lists the options`, () => {
      const typo = errorOf(() => draw({ xlabel: 'days' }));
      expect([typo.code, typo.path, typo.message]).toEqual(['unknown-option', 'options.xlabel', `${fn}: options.xlabel is not an option; did you mean xLabel? ("days")`]);
      const other = errorOf(() => draw({ width: 800 }));
      expect([other.code, other.path, other.message]).toEqual(['unknown-option', 'options.width', `${fn}: options.width is not an option; the options are title, xLabel, yLabel (800)`]);
    });

    it(`${fn}: null is an error for every option; undefined is the default`, () => {
      for (const key of ['title', 'xLabel', 'yLabel']) {
        const error = errorOf(() => draw({ [key]: null }));
        expect([error.code, error.path, error.message]).toEqual([
          'invalid-option',
          `options.${key}`,
          `${fn}: options.${key} must not be null; leave it out (or pass undefined) for the default (null)`,
        ]);
      }
      expect(draw({ title: undefined, xLabel: undefined, yLabel: undefined })).toBe(draw({}));
      expect(draw({ xLabel: 'days' })).toContain('>days</text>');
    });
  }
});
