/**
 * Engagement: active users (DAU/WAU/MAU), stickiness, license utilization, engaged
 * evaluation, sessions and feature adoption. See docs/engagement.md.
 * @module
 */
export { activeUsers, type ActiveUsersDay, type ActiveUsersOptions, type ActiveUsersResult, type ActiveUserWindows, type GroupedActiveUsersResult } from './active-users.js';
export {
  activeUsersAccumulator,
  type ActiveUsersAccumulator,
  type ActiveUsersAccumulatorOptions,
  type ActiveUsersState,
} from './active-users-accumulator.js';
export {
  activeUsersByPeriod,
  type ActiveUsersByPeriodOptions,
  type ActiveUsersByPeriodResult,
  type GroupedActiveUsersByPeriodResult,
  type PeriodActiveUsers,
} from './active-users-by-period.js';
export type { GroupBy } from './internal/active-days.js';
export {
  stickiness,
  type GroupedStickinessResult,
  type StickinessBand,
  type StickinessBar,
  type StickinessFigures,
  type StickinessOptions,
  type StickinessResult,
  type StickinessThresholds,
} from './stickiness.js';
export type { EventAccessors, EventColumns, Events } from '../core/events.js';
export type { Id } from '../core/read.js';
export {
  featureAdoption,
  type FeatureAdoptionOptions,
  type FeatureAdoptionResult,
  type FeatureAdoptionRow,
  type FeaturePredicate,
} from './feature-adoption.js';
export { sessions, type Session, type SessionsOptions, type SessionsResult, type SessionsSummary } from './sessions.js';
export {
  sessionsPerUserDay,
  type SessionsPerUserDayOptions,
  type SessionsPerUserDayOverall,
  type SessionsPerUserDayResult,
  type SessionsPerUserDayRow,
} from './sessions-per-user-day.js';
export {
  engagedEvaluation,
  type AccountEventColumns,
  type AccountEvents,
  type EngagedEvaluationCampaign,
  type EngagedEvaluationMonth,
  type EngagedEvaluationOptions,
  type EngagedEvaluationResult,
  type EngagedEvaluationSummary,
  type EngagedEvaluationTrial,
  type EngagementBand,
  type EngagementBenchmarks,
  type TrialFields,
} from './engaged-evaluation.js';
export {
  licenseUtilization,
  type LicenseBand,
  type LicenseThresholds,
  type LicenseUsage,
  type LicenseUtilizationResult,
  type ResolvedLicenseThresholds,
} from './license-utilization.js';
export {
  licenseUtilizationByAccount,
  type AccountLicenseUtilization,
  type LicenseFields,
  type LicenseUtilizationByAccountOptions,
  type LicenseUtilizationByAccountResult,
} from './license-utilization-by-account.js';
