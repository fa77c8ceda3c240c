/**
 * What every entry exports besides its functions: the one error class and the shared types.
 * Each module's `index.ts` re-exports this file, so a user never imports the root just for
 * `MetricsInputError` or `Estimate`.
 * @internal
 */
export { MetricsInputError } from './errors.js';
export type { Id } from './read.js';
export type { Accessor, ChangeDirection, Estimate, Period, RateChange, SurvivalQuantile, SurvivalStep, Timestamp, Weekday } from './types.js';
