/**
 * Retention: cohort retention, Kaplan-Meier and log-rank, the aha-versus-control comparison
 * and the aha finder (docs/retention.md). Revenue retention is its own module,
 * `customer-success-metrics/revenue`.
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
export { logRank, type LogRankGroupResult, type LogRankOptions, type LogRankResult } from './log-rank.js';
