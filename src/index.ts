/**
 * customer-success-metrics: typed, dependency-free metrics for customer-success,
 * product and growth teams. This entry re-exports the metric modules (engagement,
 * lifecycle, retention, revenue, scores) and the statistics functions, with
 * `MetricsInputError` and the shared types. `customer-success-metrics/display` (SVG and
 * HTML) and `customer-success-metrics/sample` (the synthetic company) are separate entries,
 * so that a backend never bundles them. Each module also has its own entry
 * (`customer-success-metrics/engagement`, ...).
 * @module
 */
export * from './core/shared.js';
export { chiSquareSurvival } from './stats/chi-square-survival.js';
export { compensatedSum } from './stats/compensated-sum.js';
export { newcombeInterval } from './stats/newcombe-interval.js';
export { normalCdf } from './stats/normal-cdf.js';
export { normalQuantile } from './stats/normal-quantile.js';
export { studentTQuantile } from './stats/student-t-quantile.js';
export type { NewcombeIntervalOptions, ProportionCounts, WilsonIntervalOptions } from './stats/types.js';
export { wilsonInterval } from './stats/wilson-interval.js';
export * from './engagement/index.js';
export * from './lifecycle/index.js';
export * from './retention/index.js';
export * from './revenue/index.js';
export * from './scores/index.js';
