/**
 * customer-success-metrics: typed, dependency-free metrics for customer-success,
 * product and growth teams.
 * @module
 */
export { MetricsInputError } from './core/errors.js';
export type { Accessor, Estimate, Period, Timestamp, Weekday } from './core/types.js';
