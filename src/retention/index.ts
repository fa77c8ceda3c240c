/**
 * Retention: cohort retention, Kaplan-Meier and log-rank, the aha-versus-control comparison
 * and the aha finder (docs/retention.md). Revenue retention is its own module,
 * `customer-success-metrics/revenue`. Also exports `MetricsInputError` and the shared types
 * (`Estimate`, `SurvivalStep`, `SurvivalQuantile`, ...), so this entry is all a caller needs.
 * @module
 */
export * from '../core/shared.js';
export { cohortRetention } from './cohort-retention.js';
export { cohortRetentionAccumulator } from './cohort-retention-accumulator.js';
export { compareRetention } from './compare-retention.js';
export { findAha } from './find-aha.js';
export { kaplanMeier } from './kaplan-meier.js';
export { logRank } from './log-rank.js';
export type {
  AhaBand,
  AhaCandidate,
  AhaCandidateResult,
  AhaFigures,
  AhaTable,
  AhaTarget,
  CohortRetentionAccumulator,
  CohortRetentionAccumulatorOptions,
  CohortRetentionOptions,
  CohortRetentionResult,
  CohortRetentionRow,
  CohortRetentionState,
  CompareRetentionOptions,
  CompareRetentionResult,
  FindAhaOptions,
  FindAhaResult,
  KaplanMeierAt,
  KaplanMeierConfType,
  KaplanMeierOptions,
  KaplanMeierQuantile,
  KaplanMeierResult,
  LogRankGroupResult,
  LogRankOptions,
  LogRankResult,
  RetentionAtDay,
  RetentionGroup,
  RetentionLogRank,
  RetentionLogRankGroup,
  RetentionMode,
  SignupFields,
  Subject,
  SubjectAccessors,
  SurvivalEstimate,
} from './types.js';
