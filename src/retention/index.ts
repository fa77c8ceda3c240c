/**
 * Retention: cohort retention, Kaplan-Meier and log-rank, the aha-versus-control comparison
 * and the aha finder (docs/retention.md); revenue retention: MRR movements, churn,
 * expansion, NRR/GRR, quick ratio, renewals (docs/revenue.md).
 * @module
 */
export {
  cohortRetention,
  type CohortRetentionOptions,
  type CohortRetentionResult,
  type CohortRetentionRow,
  type CohortSignupFields,
  type RetentionMode,
} from './cohort-retention.js';
export {
  cohortRetentionAccumulator,
  type CohortRetentionAccumulator,
  type CohortRetentionAccumulatorOptions,
  type CohortRetentionState,
} from './cohort-retention-accumulator.js';
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
export {
  compareRetention,
  type CompareRetentionOptions,
  type CompareRetentionResult,
  type KaplanMeierPoint,
  type QuantileEstimate,
  type RetentionAtDay,
  type RetentionGroup,
  type RetentionLogRank,
  type SurvivalEstimate,
} from './compare-retention.js';
export { expansionMrr, type ExpansionMrrInput, type ExpansionMrrMonth, type ExpansionMrrResult } from './expansion-mrr.js';
export {
  findAha,
  type AhaBand,
  type AhaCandidate,
  type AhaFigures,
  type AhaMilestone,
  type AhaTable,
  type AhaTarget,
  type FindAhaOptions,
  type FindAhaResult,
} from './find-aha.js';
export { grossRevenueRetention } from './gross-revenue-retention.js';
export {
  kaplanMeier,
  type KaplanMeierAt,
  type KaplanMeierConfType,
  type KaplanMeierMedian,
  type KaplanMeierOptions,
  type KaplanMeierQuantile,
  type KaplanMeierResult,
  type KaplanMeierStep,
  type Subject,
  type SubjectAccessors,
} from './kaplan-meier.js';
export {
  lifetimeValueInputs,
  type LifetimeValueInputsInput,
  type LifetimeValueInputsOptions,
  type LifetimeValueInputsResult,
} from './lifetime-value-inputs.js';
export { logRank, type LogRankGroupResult, type LogRankOptions, type LogRankResult } from './log-rank.js';
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
