/**
 * Display: turns results into tables and charts, each chart as an SVG document
 * (`xxxChart`) and as a Vega-Lite v5 spec (`xxxSpec`), and wraps them for Jupyter
 * notebooks (`displayable`). Pure string and JSON building, no DOM. See docs/display.md.
 * @module
 */
export * from '../core/shared.js';
export { activeUsersChart } from './active-users-chart.js';
export { activeUsersChartSpec } from './active-users-chart-spec.js';
export { cohortHeatmap } from './cohort-heatmap.js';
export { cohortHeatmapSpec } from './cohort-heatmap-spec.js';
export { displayable } from './displayable.js';
export { funnelChart } from './funnel-chart.js';
export { funnelChartSpec } from './funnel-chart-spec.js';
export { growthLifecycleChart } from './growth-lifecycle-chart.js';
export { growthLifecycleChartSpec } from './growth-lifecycle-chart-spec.js';
export { healthBandsChart } from './health-bands-chart.js';
export { healthBandsChartSpec } from './health-bands-chart-spec.js';
export { htmlTable } from './html-table.js';
export { lineChart } from './line-chart.js';
export { mrrBridgeChart } from './mrr-bridge-chart.js';
export { mrrBridgeChartSpec } from './mrr-bridge-chart-spec.js';
export { npsChart } from './nps-chart.js';
export { npsChartSpec } from './nps-chart-spec.js';
export { retentionChart } from './retention-chart.js';
export { retentionChartSpec } from './retention-chart-spec.js';
export { revenueRetentionChart } from './revenue-retention-chart.js';
export { revenueRetentionChartSpec } from './revenue-retention-chart-spec.js';
export { stickinessHistogram } from './stickiness-histogram.js';
export { stickinessHistogramSpec } from './stickiness-histogram-spec.js';
export { textTable } from './text-table.js';
export type {
  ActiveUsersChartDay,
  ActiveUsersChartInput,
  ChartOptions,
  CohortHeatmapInput,
  CohortHeatmapOptions,
  CohortHeatmapRow,
  ComparedSurvivalResult,
  DisplayBundle,
  DisplayParts,
  Displayable,
  FunnelChartInput,
  FunnelChartStage,
  GrowthLifecycleChartInput,
  GrowthLifecycleChartPeriod,
  HealthBandsChartInput,
  HealthBandsChartOptions,
  HtmlTableOptions,
  JsonValue,
  LinePoint,
  LineSeries,
  MrrBridgeChartInput,
  MrrBridgeChartMonth,
  NpsChartFigures,
  NpsChartGroup,
  NpsChartInput,
  NpsChartOptions,
  RetentionChartInput,
  RetentionChartOptions,
  RetentionCurve,
  RetentionPoint,
  RevenueRetentionChartInput,
  RevenueRetentionChartWindow,
  StickinessHistogramBar,
  StickinessHistogramInput,
  StickinessHistogramOptions,
  SurvivalCurveResult,
  SurvivalCurveStep,
  TableColumn,
  TableFormat,
  TableInput,
  TableOptions,
  TextTableOptions,
  TrailingRevenueRetentionInput,
  VegaLiteSpec,
} from './types.js';
