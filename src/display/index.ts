/**
 * Display: turns results into HTML tables and SVG charts (retention step curves with
 * interval bands, line charts) and wraps them for Jupyter notebooks (Deno). Pure string
 * building, no DOM. See docs/display.md.
 * @module
 */
export { displayable, type DisplayBundle, type Displayable } from './displayable.js';
export { htmlTable } from './html-table.js';
export { lineChart, type LinePoint, type LineSeries } from './line-chart.js';
export { retentionChart, type ChartOptions, type RetentionCurve, type RetentionPoint } from './retention-chart.js';
