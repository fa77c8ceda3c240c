/**
 * Lifecycle: journeys, composable milestones, lifecycle stages and funnels, time to value,
 * conversion and the growth lifecycle. See docs/lifecycle.md.
 * @module
 */
export { activeDays, type ActiveDaysOptions } from './active-days.js';
export { allOf } from './all-of.js';
export { anyOf } from './any-of.js';
export { approachingLimit, type ApproachingLimitOptions } from './approaching-limit.js';
export {
  compareConversion,
  type CompareConversionOptions,
  type CompareConversionResult,
  type ConversionSegment,
} from './compare-conversion.js';
export { conversion, type ConversionOptions, type ConversionResult, type ConversionSummary, type ConversionWindowOptions } from './conversion.js';
export { eachJourney } from './each-journey.js';
export { eventCount, type EventCountOptions } from './event-count.js';
export {
  growthLifecycle,
  type GrowthLifecycleNewBy,
  type GrowthLifecycleOptions,
  type GrowthLifecyclePeriod,
  type GrowthLifecycleResult,
} from './growth-lifecycle.js';
export { hasEvent, type EventMatcher, type JourneyEventPredicate } from './has-event.js';
export { journeys, type JourneyColumns, type JourneysOptions, type SignupFields } from './journeys.js';
export {
  lifecycle,
  type JourneyStage,
  type Lifecycle,
  type LifecycleOptions,
  type LifecycleStage,
  type LifecycleStageInput,
  type LifecycleStages,
} from './lifecycle.js';
export { lifecycleFunnel, type LifecycleFunnelOptions, type LifecycleFunnelResult, type LifecycleFunnelStage } from './lifecycle-funnel.js';
export { not, type NotOptions } from './not.js';
export { recurring, type RecurringOptions, type RecurringPeriod } from './recurring.js';
export {
  timeToValue,
  type TimeToValueOptions,
  type TimeToValueQuantile,
  type TimeToValueResult,
  type TimeToValueShare,
  type TimeToValueUnit,
  type TimeToValueWithin,
} from './time-to-value.js';
export type { Journey, JourneyEvent, Milestone } from './types.js';
export { where } from './where.js';
