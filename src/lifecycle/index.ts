/**
 * Lifecycle: journeys, composable milestones, lifecycle stages and funnels, time to value,
 * conversion and the growth lifecycle. See docs/lifecycle.md.
 * @module
 */
export * from '../core/shared.js';
export { activeDays } from './active-days.js';
export { allOf } from './all-of.js';
export { anyOf } from './any-of.js';
export { approachingLimit } from './approaching-limit.js';
export { compareConversion } from './compare-conversion.js';
export { conversion } from './conversion.js';
export { eachJourney } from './each-journey.js';
export { eventCount } from './event-count.js';
export { growthLifecycle } from './growth-lifecycle.js';
export { hasEvent } from './has-event.js';
export { journeys } from './journeys.js';
export { lifecycle } from './lifecycle.js';
export { lifecycleFunnel } from './lifecycle-funnel.js';
export { not } from './not.js';
export { recurring } from './recurring.js';
export { timeToValue } from './time-to-value.js';
export type {
  ActiveDaysOptions,
  ApproachingLimitOptions,
  CompareConversionOptions,
  CompareConversionResult,
  ConversionOptions,
  ConversionResult,
  ConversionSegment,
  ConversionSummary,
  ConversionWindowOptions,
  EventCountOptions,
  EventMatcher,
  GrowthLifecycleNewBy,
  GrowthLifecycleOptions,
  GrowthLifecyclePeriod,
  GrowthLifecycleResult,
  Journey,
  JourneyColumns,
  JourneyEvent,
  JourneyEventPredicate,
  JourneysOptions,
  JourneyStage,
  Lifecycle,
  LifecycleFunnelOptions,
  LifecycleFunnelResult,
  LifecycleFunnelStage,
  LifecycleOptions,
  LifecycleStage,
  LifecycleStageInput,
  LifecycleStages,
  Milestone,
  NotOptions,
  RecurringOptions,
  SignupFields,
  TimeToValueOptions,
  TimeToValueResult,
  TimeToValueShare,
  TimeToValueUnit,
  TimeToValueWithin,
} from './types.js';
export { where } from './where.js';
