/**
 * customer-success-metrics: typed, dependency-free metrics for customer-success,
 * product and growth teams. This entry re-exports every module; each module also has
 * its own entry (`customer-success-metrics/engagement`, ...).
 * @module
 */
export { MetricsInputError } from './core/errors.js';
export type { Id } from './core/read.js';
export type { Accessor, Estimate, Period, Timestamp, Weekday } from './core/types.js';
export { chiSquareSurvival } from './stats/chi-square-survival.js';
export { compensatedSum } from './stats/compensated-sum.js';
export { normalCdf } from './stats/normal-cdf.js';
export { newcombeInterval, type ProportionCounts } from './stats/newcombe-interval.js';
export { normalQuantile } from './stats/normal-quantile.js';
export { studentTQuantile } from './stats/student-t-quantile.js';
export { wilsonInterval } from './stats/wilson-interval.js';
export * from './engagement/index.js';
export * from './lifecycle/index.js';
export * from './retention/index.js';
export * from './revenue/index.js';
export * from './scores/index.js';
