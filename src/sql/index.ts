/**
 * Warehouse SQL: the library's event metrics as queries for DuckDB, PostgreSQL and
 * ClickHouse, each with a decoder to the in-process result type. See docs/sql.md.
 * @module
 */
export * from '../core/shared.js';
export { activeUsersByPeriodSql } from './active-users-by-period-sql.js';
export { activeUsersSql } from './active-users-sql.js';
export { cohortRetentionSql } from './cohort-retention-sql.js';
export { compareRetentionSql } from './compare-retention-sql.js';
export { engagedEvaluationSql } from './engaged-evaluation-sql.js';
export { featureAdoptionSql } from './feature-adoption-sql.js';
export { findAhaSql } from './find-aha-sql.js';
export { growthLifecycleSql } from './growth-lifecycle-sql.js';
export { inlineParams } from './inline-params.js';
export { licenseUtilizationByAccountSql } from './license-utilization-by-account-sql.js';
export { mrrMovementsSql } from './mrr-movements-sql.js';
export { sessionsPerUserDaySql } from './sessions-per-user-day-sql.js';
export { stickinessSql } from './stickiness-sql.js';
export { timeToValueSql } from './time-to-value-sql.js';
export { toMonthlySnapshotsSql } from './to-monthly-snapshots-sql.js';
export type {
  ActiveUsersByPeriodSqlOptions,
  ActiveUsersSqlOptions,
  CohortRetentionSqlOptions,
  CompareRetentionSqlOptions,
  EngagedEvaluationSqlOptions,
  FeatureAdoptionSqlOptions,
  FindAhaSqlOptions,
  GrowthLifecycleSqlOptions,
  LicenseUtilizationByAccountSqlOptions,
  MrrMovementsSqlOptions,
  SessionsPerUserDaySqlOptions,
  SqlActiveDaysMilestone,
  SqlAhaCandidate,
  SqlComposableQuery,
  SqlDialect,
  SqlEventColumns,
  SqlEventCountMilestone,
  SqlHasEventMilestone,
  SqlJourneyOptions,
  SqlLicenseColumns,
  SqlLicensesSource,
  SqlMilestone,
  SqlParams,
  SqlQuery,
  SqlRow,
  SqlSignupColumns,
  SqlSignupSource,
  SqlSnapshotColumns,
  SqlSourceOptions,
  SqlSubscriptionColumns,
  SqlTimestampType,
  SqlTrialColumns,
  SqlTrialsSource,
  StickinessSqlOptions,
  TimeToValueSqlOptions,
  ToMonthlySnapshotsSqlOptions,
} from './types.js';
