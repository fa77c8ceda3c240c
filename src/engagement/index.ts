/**
 * Engagement: active users (DAU/WAU/MAU), stickiness, license utilization, engaged
 * evaluation, sessions and feature adoption. See docs/engagement.md.
 * @module
 */
export * from '../core/shared.js';
export { activeUsers } from './active-users.js';
export { activeUsersAccumulator } from './active-users-accumulator.js';
export { activeUsersByPeriod } from './active-users-by-period.js';
export { engagedEvaluation } from './engaged-evaluation.js';
export { featureAdoption } from './feature-adoption.js';
export { licenseUtilization } from './license-utilization.js';
export { licenseUtilizationByAccount } from './license-utilization-by-account.js';
export { sessions } from './sessions.js';
export { sessionsPerUserDay } from './sessions-per-user-day.js';
export { stickiness } from './stickiness.js';
export type {
  AccountEventAccessors,
  AccountEventColumns,
  AccountEvents,
  AccountLicenseUtilization,
  ActiveUsersAccumulator,
  ActiveUsersAccumulatorOptions,
  ActiveUsersBaseOptions,
  ActiveUsersByPeriodGroup,
  ActiveUsersByPeriodOptions,
  ActiveUsersByPeriodResult,
  ActiveUsersDay,
  ActiveUsersGroup,
  ActiveUsersOptions,
  ActiveUsersResult,
  ActiveUsersState,
  ActiveUserWindows,
  EngagedEvaluationCampaign,
  EngagedEvaluationMonth,
  EngagedEvaluationOptions,
  EngagedEvaluationResult,
  EngagedEvaluationSummary,
  EngagedEvaluationTrial,
  EngagementBand,
  EngagementBenchmarks,
  EventAccessors,
  EventColumns,
  Events,
  FeatureAdoptionOptions,
  FeatureAdoptionResult,
  FeatureAdoptionRow,
  FeaturePredicate,
  GroupBy,
  GroupedActiveUsersByPeriodResult,
  GroupedActiveUsersResult,
  GroupedStickinessResult,
  LicenseBand,
  LicenseFields,
  LicenseThresholds,
  LicenseUsage,
  LicenseUtilizationByAccountOptions,
  LicenseUtilizationByAccountResult,
  LicenseUtilizationOptions,
  LicenseUtilizationResult,
  PeriodActiveUsers,
  ResolvedEngagementBenchmarks,
  ResolvedLicenseThresholds,
  ResolvedStickinessThresholds,
  Session,
  SessionsOptions,
  SessionsPerUserDayBar,
  SessionsPerUserDayOptions,
  SessionsPerUserDayOverall,
  SessionsPerUserDayResult,
  SessionsPerUserDayRow,
  SessionsResult,
  SessionsSummary,
  StickinessBand,
  StickinessBar,
  StickinessFigures,
  StickinessGroup,
  StickinessOptions,
  StickinessResult,
  StickinessThresholds,
  TrialFields,
} from './types.js';
