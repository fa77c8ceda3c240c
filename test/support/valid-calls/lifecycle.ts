/**
 * The lifecycle module's entries in the strict-options walk: one per export of
 * src/lifecycle/index.ts that is a function, each called with small valid inputs and the
 * extra options merged into its options object (for a milestone factory and the classifier,
 * the options given when it is made: they are checked then).
 */
import {
  activeDays,
  approachingLimit,
  compareConversion,
  conversion,
  eachJourney,
  eventCount,
  growthLifecycle,
  hasEvent,
  journeys,
  lifecycle,
  lifecycleFunnel,
  not,
  recurring,
  timeToValue,
  type Journey,
} from '../../../src/lifecycle/index.js';
import type { ValidCall } from '../valid-call.js';


const DAY = 86_400_000;
const START = Date.UTC(2024, 5, 1, 9);
const EVENTS = [
  { userId: 'ana', name: 'signed_up', timestamp: START },
  { userId: 'ana', name: 'aha', timestamp: START + 2 * DAY },
  { userId: 'ben', name: 'signed_up', timestamp: START + DAY },
];
const JOURNEYS: Journey[] = [
  { id: 'ana', start: START, events: [{ name: 'aha', timestamp: START + 2 * DAY, record: {} }] },
  { id: 'ben', start: START + DAY, events: [] },
];
const aha = hasEvent('aha');
/** Builds the milestone, then evaluates it once on a journey. */
const evaluated = (milestone: (journey: Journey) => number | null): unknown => milestone(JOURNEYS[0] as Journey);

export const validCalls: Record<string, ValidCall> = {
  journeys: { call: (extra) => journeys(EVENTS, { timeZone: 'UTC', ...extra }), key: 'timeZone' },
  eachJourney: { call: (extra) => [...eachJourney(EVENTS, { signups: [], ...extra })], key: 'signups' },
  hasEvent: { noOptions: 'an event name or predicate only' },
  allOf: { noOptions: 'milestones only' },
  anyOf: { noOptions: 'milestones only' },
  where: { noOptions: 'a predicate and a milestone only' },
  eventCount: { call: (extra) => evaluated(eventCount('aha', { atLeast: 1, ...extra })), key: 'atLeast' },
  activeDays: { call: (extra) => evaluated(activeDays({ atLeast: 1, windowDays: 7, ...extra } as { atLeast: number })), key: 'windowDays' },
  recurring: { call: (extra) => evaluated(recurring('aha', { period: 'week', times: 1, ...extra })), key: 'consecutive' },
  not: { call: (extra) => evaluated(not(aha, { withinDays: 7, ...extra })), key: 'withinDays' },
  approachingLimit: { call: (extra) => evaluated(approachingLimit('aha', { limit: 10, ...extra })), key: 'share' },
  lifecycle: { call: (extra) => lifecycle({ aha }, { inOrder: true, ...extra })(JOURNEYS[0] as Journey), key: 'inOrder' },
  lifecycleFunnel: { call: (extra) => lifecycleFunnel(JOURNEYS, { aha }, { confidence: 0.9, ...extra }), key: 'confidence' },
  timeToValue: { call: (extra) => timeToValue(JOURNEYS, aha, { horizons: [1, 7], ...extra }), key: 'horizons' },
  conversion: { call: (extra) => conversion(JOURNEYS, { goal: aha, withinDays: 7, ...extra }), key: 'withinDays' },
  compareConversion: {
    call: (extra) => compareConversion(JOURNEYS, { segment: (j: Journey) => j.id === 'ana', goal: aha, withinDays: 7, ...extra }),
    key: 'segment',
  },
  growthLifecycle: { call: (extra) => growthLifecycle(EVENTS, { period: 'week', ...extra }), key: 'weekStartsOn' },
};
