/**
 * Valid calls of every export of `customer-success-metrics/display` (src/display/index.ts),
 * for the shared strict-options runner.
 */
import {
  activeUsersChart,
  activeUsersChartSpec,
  cohortHeatmap,
  cohortHeatmapSpec,
  funnelChart, funnelChartSpec, growthLifecycleChart, growthLifecycleChartSpec,
  healthBandsChart,
  healthBandsChartSpec,
  htmlTable,
  lineChart,
  mrrBridgeChart,
  mrrBridgeChartSpec,
  npsChart,
  npsChartSpec,
  retentionChart,
  retentionChartSpec,
  revenueRetentionChart,
  revenueRetentionChartSpec,
  stickinessHistogram,
  stickinessHistogramSpec,
  textTable,
} from '../../../src/display/index.js';
import type { ValidCall } from '../valid-call.js';

const cohorts = { cohorts: [{ cohort: '2024-05', size: 4, counts: [4, 2], rates: [1, 0.5] }], interval: 'month' as const };
const bridge = { months: [{ month: '2024-06', newMrr: 100, expansionMrr: 10, reactivationMrr: 0, contractionMrr: 5, churnedMrr: 20 }] };
const trailing = { trailing: [{ month: '2024-06', value: 1.05 }], windowMonths: 12 };
const funnel = { stages: [{ name: 'signed-up', reached: 10 }, { name: 'aha', reached: 4, conversionFromPrevious: { value: 0.4, lower: 0.17, upper: 0.69 } }] };
const days = { days: [{ date: '2024-06-29', complete: true, dau: 2, wau: 3, mau: 4, dauMau: 0.5 }, { date: '2024-06-30', complete: true, dau: 1, wau: 3, mau: 4, dauMau: 0.25 }] };
const histogram = { histogram: [{ activeDays: 1, userCount: 3 }, { activeDays: 2, userCount: 1 }] };
const npsByMonth = { n: 4, score: 25, lower: -40, upper: 90, groups: [{ group: '2024-06', n: 4, score: 25, lower: -40, upper: 90 }] };
const health = { bands: [{ name: 'red', from: 0, to: 50 }, { name: 'green', from: 51, to: 100 }], accounts: [{ score: 30, band: 'red' }, { score: 80, band: 'green' }] };
const growth = { periods: [{ period: '2024-06', new: 3, returning: 5, resurrecting: 1, dormant: -2 }] };

export const validCalls: Record<string, ValidCall> = {
  activeUsersChart: { call: (extra) => activeUsersChart(days, { ...extra }), key: 'title' },
  activeUsersChartSpec: { call: (extra) => activeUsersChartSpec(days, { ...extra }), key: 'width' },
  cohortHeatmap: { call: (extra) => cohortHeatmap(cohorts, { mean: false, ...extra }), key: 'mean' },
  cohortHeatmapSpec: { call: (extra) => cohortHeatmapSpec(cohorts, { ...extra }), key: 'subtitle' },
  displayable: { noOptions: 'takes one input: a markup string or a bundle { svg?, vegaLite?, html?, text? }' },
  funnelChart: { call: (extra) => funnelChart(funnel, { ...extra }), key: 'title' },
  funnelChartSpec: { call: (extra) => funnelChartSpec(funnel, { ...extra }), key: 'width' },
  growthLifecycleChart: { call: (extra) => growthLifecycleChart(growth, { ...extra }), key: 'yLabel' },
  growthLifecycleChartSpec: { call: (extra) => growthLifecycleChartSpec(growth, { ...extra }), key: 'height' },
  healthBandsChart: { call: (extra) => healthBandsChart(health, { binWidth: 10, ...extra }), key: 'binWidth' },
  healthBandsChartSpec: { call: (extra) => healthBandsChartSpec(health, { ...extra }), key: 'subtitle' },
  htmlTable: { call: (extra) => htmlTable([{ a: 1, b: 2 }], { columns: ['b', { key: 'a', format: 'percent' }], ...extra }), key: 'columns' },
  lineChart: { call: (extra) => lineChart([{ name: 'DAU', points: [{ x: '2024-06-29', y: 3 }, { x: '2024-06-30', y: 4 }] }], { ...extra }), key: 'xLabel' },
  mrrBridgeChart: { call: (extra) => mrrBridgeChart(bridge, { ...extra }), key: 'xLabel' },
  mrrBridgeChartSpec: { call: (extra) => mrrBridgeChartSpec(bridge, { ...extra }), key: 'title' },
  npsChart: { call: (extra) => npsChart(npsByMonth, { order: 'given', ...extra }), key: 'order' },
  npsChartSpec: { call: (extra) => npsChartSpec(npsByMonth, { ...extra }), key: 'yLabel' },
  retentionChart: { call: (extra) => retentionChart([{ name: 'all', points: [{ time: 0, value: 1 }, { time: 7, value: 0.5 }] }], { ...extra }), key: 'title' },
  retentionChartSpec: { call: (extra) => retentionChartSpec([{ name: 'all', points: [{ time: 0, value: 1 }, { time: 7, value: 0.5 }] }], { atRisk: false, ...extra }), key: 'atRisk' },
  revenueRetentionChart: { call: (extra) => revenueRetentionChart({ nrr: trailing }, { ...extra }), key: 'subtitle' },
  revenueRetentionChartSpec: { call: (extra) => revenueRetentionChartSpec({ grr: trailing }, { ...extra }), key: 'yLabel' },
  stickinessHistogram: { call: (extra) => stickinessHistogram(histogram, { share: true, ...extra }), key: 'share' },
  stickinessHistogramSpec: { call: (extra) => stickinessHistogramSpec(histogram, { ...extra }), key: 'xLabel' },
  textTable: { call: (extra) => textTable([{ month: '2024-06', mrr: 120 }], { currency: 'USD', ...extra }), key: 'currency' },
};
