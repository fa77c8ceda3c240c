/**
 * Properties of the charts drawn straight from the library's results, over random inputs:
 * the SVG is well-formed and has no `NaN` or `Infinity` anywhere, the Vega-Lite spec is plain
 * JSON (a JSON round trip gives it back unchanged, so no `NaN`, `undefined` or function hides in
 * it), and the same result always draws the same chart.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activeUsersChart } from '../../src/display/active-users-chart.js';
import { activeUsersChartSpec } from '../../src/display/active-users-chart-spec.js';
import { healthBandsChart } from '../../src/display/health-bands-chart.js';
import { healthBandsChartSpec } from '../../src/display/health-bands-chart-spec.js';
import { npsChart } from '../../src/display/nps-chart.js';
import { npsChartSpec } from '../../src/display/nps-chart-spec.js';
import { retentionChart } from '../../src/display/retention-chart.js';
import { retentionChartSpec } from '../../src/display/retention-chart-spec.js';
import { stickinessHistogram } from '../../src/display/stickiness-histogram.js';
import { stickinessHistogramSpec } from '../../src/display/stickiness-histogram-spec.js';
import { activeUsers } from '../../src/engagement/active-users.js';
import { stickiness } from '../../src/engagement/stickiness.js';
import { kaplanMeier } from '../../src/retention/kaplan-meier.js';
import { healthScores } from '../../src/scores/health-scores.js';
import { nps } from '../../src/scores/nps.js';
import { parseXml } from './support/xml.js';

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);

/** Random events: up to 8 users over up to 60 days. */
const events = fc.array(
  fc.record({ userId: fc.integer({ min: 1, max: 8 }), timestamp: fc.integer({ min: 0, max: 60 * DAY - 1 }).map((t) => START + t) }),
  { maxLength: 80 },
);

/** The invariants every chart pair must keep. */
function expectSound(svg: string, spec: object, again: () => [string, object]): void {
  expect(() => parseXml(svg)).not.toThrow();
  expect(svg).not.toMatch(/NaN|Infinity|undefined/);
  expect(JSON.parse(JSON.stringify(spec))).toEqual(spec);
  expect(JSON.stringify(spec)).not.toMatch(/NaN|Infinity/);
  const [svg2, spec2] = again();
  expect(svg2).toBe(svg);
  expect(spec2).toEqual(spec);
}

describe('charts from random results', () => {
  it('activeUsersChart and its spec', () => {
    fc.assert(
      fc.property(events, (rows) => {
        const result = activeUsers(rows);
        expectSound(activeUsersChart(result), activeUsersChartSpec(result), () => [activeUsersChart(result), activeUsersChartSpec(result)]);
      }),
      { numRuns: 40 },
    );
  });

  it('stickinessHistogram and its spec', () => {
    fc.assert(
      fc.property(events, (rows) => {
        const result = stickiness(rows);
        expectSound(stickinessHistogram(result), stickinessHistogramSpec(result), () => [stickinessHistogram(result), stickinessHistogramSpec(result)]);
      }),
      { numRuns: 40 },
    );
  });

  it('npsChart and its spec', () => {
    const answers = fc.array(fc.record({ score: fc.integer({ min: 0, max: 10 }), quarter: fc.constantFrom('2024-Q1', '2024-Q2', '2024-Q3') }), { maxLength: 60 });
    fc.assert(
      fc.property(answers, (rows) => {
        const result = nps(rows, { groupBy: 'quarter' });
        expectSound(npsChart(result), npsChartSpec(result), () => [npsChart(result), npsChartSpec(result)]);
      }),
      { numRuns: 40 },
    );
  });

  it('healthBandsChart and its spec', () => {
    const accounts = fc.array(fc.record({ usage: fc.option(fc.integer({ min: 0, max: 100 }), { nil: null }) }), { maxLength: 30 });
    fc.assert(
      fc.property(accounts, (rows) => {
        const withIds = rows.map((row, i) => ({ accountId: `a${i}`, usage: row.usage }));
        const result = healthScores(withIds, { components: [{ name: 'usage', weight: 1, value: (a: (typeof withIds)[number]) => a.usage, normalize: { linear: [0, 100] } }] });
        expectSound(healthBandsChart(result), healthBandsChartSpec(result), () => [healthBandsChart(result), healthBandsChartSpec(result)]);
      }),
      { numRuns: 40 },
    );
  });

  it('retentionChart and retentionChartSpec of a kaplanMeier result', () => {
    const subjects = fc.array(fc.record({ duration: fc.integer({ min: 0, max: 50 }), observed: fc.boolean() }), { maxLength: 40 });
    fc.assert(
      fc.property(subjects, (rows) => {
        const result = kaplanMeier(rows);
        expectSound(retentionChart(result), retentionChartSpec(result), () => [retentionChart(result), retentionChartSpec(result)]);
      }),
      { numRuns: 40 },
    );
  });
});
