/**
 * Display: turns results into HTML tables and SVG charts (retention step curves with
 * interval bands, line charts) and wraps them for Jupyter notebooks (Deno). Pure string
 * building, no DOM. See docs/display.md.
 * @module
 */
export * from '../core/shared.js';
export { displayable } from './displayable.js';
export { htmlTable } from './html-table.js';
export { lineChart } from './line-chart.js';
export { retentionChart } from './retention-chart.js';
export type {
  ChartOptions,
  ComparedSurvivalResult,
  DisplayBundle,
  Displayable,
  HtmlTableOptions,
  LinePoint,
  LineSeries,
  RetentionChartInput,
  RetentionCurve,
  RetentionPoint,
  SurvivalCurveResult,
  SurvivalCurveStep,
} from './types.js';
