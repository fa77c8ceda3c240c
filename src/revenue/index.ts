/**
 * Revenue: subscriptions to monthly MRR snapshots, MRR movements (and their accumulator),
 * churn rates, expansion, quick ratio, net and gross revenue retention, renewals and
 * lifetime-value inputs (docs/revenue.md). Keyed on `accountId`; the `mrrMovements` result
 * goes as it is into `churnRates`, `expansionMrr`, `quickRatio` and `lifetimeValueInputs`.
 * @module
 */
export * from '../core/shared.js';
export { churnRates } from './churn-rates.js';
export { expansionMrr } from './expansion-mrr.js';
export { grossRevenueRetention } from './gross-revenue-retention.js';
export { lifetimeValueInputs } from './lifetime-value-inputs.js';
export { mrrMovements } from './mrr-movements.js';
export { mrrMovementsAccumulator } from './mrr-movements-accumulator.js';
export { netRevenueRetention } from './net-revenue-retention.js';
export { quickRatio } from './quick-ratio.js';
export { renewalRate } from './renewal-rate.js';
export { toMonthlySnapshots } from './to-monthly-snapshots.js';
export type {
  BillingInterval,
  ChurnRatesInput,
  ChurnRatesInputMonth,
  ChurnRatesMonth,
  ChurnRatesOptions,
  ChurnRatesResult,
  DetailedMrrMovementsResult,
  ExpansionMrrInput,
  ExpansionMrrInputMonth,
  ExpansionMrrMonth,
  ExpansionMrrResult,
  LifetimeValueInputsInput,
  LifetimeValueInputsInputMonth,
  LifetimeValueInputsOptions,
  LifetimeValueInputsResult,
  MonthlyMrrRule,
  MrrBridgeInput,
  MrrCustomerMovement,
  MrrMonth,
  MrrMovementType,
  MrrMovementsAccumulator,
  MrrMovementsAccumulatorOptions,
  MrrMovementsOptions,
  MrrMovementsResult,
  MrrMovementsState,
  MrrSnapshot,
  MrrSnapshotColumns,
  QuickRatioFigures,
  QuickRatioInput,
  QuickRatioInputMonth,
  QuickRatioMonth,
  QuickRatioOptions,
  QuickRatioResult,
  RenewalFigures,
  RenewalMonth,
  RenewalRateOptions,
  RenewalRateResult,
  RevenueRetentionFigures,
  RevenueRetentionOptions,
  RevenueRetentionResult,
  RevenueRetentionWindow,
  SnapshotAccessors,
  ToMonthlySnapshotsOptions,
  TrailingRevenueRetentionResult,
} from './types.js';
