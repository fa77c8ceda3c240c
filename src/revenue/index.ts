/**
 * Revenue: subscriptions to monthly MRR snapshots, MRR movements (and their accumulator),
 * churn rates, expansion, quick ratio, net and gross revenue retention, renewals and
 * lifetime-value inputs (docs/revenue.md).
 * @module
 */
export {
  churnRates,
  type ChangeDirection,
  type ChurnRatesInput,
  type ChurnRatesMonth,
  type ChurnRatesOptions,
  type ChurnRatesResult,
  type LogoChurnRate,
  type RateChange,
} from './churn-rates.js';
export { expansionMrr, type ExpansionMrrInput, type ExpansionMrrMonth, type ExpansionMrrResult } from './expansion-mrr.js';
export { grossRevenueRetention } from './gross-revenue-retention.js';
export {
  lifetimeValueInputs,
  type LifetimeValueInputsInput,
  type LifetimeValueInputsOptions,
  type LifetimeValueInputsResult,
} from './lifetime-value-inputs.js';
export {
  mrrMovements,
  type DetailedMrrMovementsResult,
  type MrrCustomerMovement,
  type MrrMovementsOptions,
  type MrrMovementsResult,
  type MrrMovementType,
} from './mrr-movements.js';
export {
  mrrMovementsAccumulator,
  type MrrMovementsAccumulator,
  type MrrMovementsAccumulatorOptions,
  type MrrMovementsState,
  type MrrSnapshotColumns,
} from './mrr-movements-accumulator.js';
export {
  netRevenueRetention,
  type RevenueRetentionFigures,
  type RevenueRetentionOptions,
  type RevenueRetentionResult,
  type RevenueRetentionWindow,
  type SnapshotAccessors,
  type TrailingRevenueRetentionResult,
} from './net-revenue-retention.js';
export { quickRatio, type QuickRatioFigures, type QuickRatioInput, type QuickRatioMonth, type QuickRatioOptions, type QuickRatioResult } from './quick-ratio.js';
export { renewalRate, type RenewalFigures, type RenewalMonth, type RenewalRateOptions, type RenewalRateResult } from './renewal-rate.js';
export type { MrrMonth, MrrSnapshot } from './revenue-types.js';
export { toMonthlySnapshots, type BillingInterval, type MonthlyMrrRule, type ToMonthlySnapshotsOptions } from './to-monthly-snapshots.js';
