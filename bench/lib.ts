/**
 * The library as the benchmarks see it: the built package in dist/ (`npm run bench` builds
 * first), which is what users run. Importing src/ through tsx instead measures tsx's
 * on-the-fly module transform, whose live-binding getters on imported constants make hot
 * loops 2 to 3 times slower. Types come from src/, so type-checking needs no build.
 */
import type * as Library from '../src/index.js';

const path = '../dist/index.js';
const lib = (await import(path)) as typeof Library;

export const {
  activeUsers,
  activeUsersAccumulator,
  cohortRetentionAccumulator,
  allOf,
  cohortRetention,
  eachJourney,
  eventCount,
  growthLifecycle,
  hasEvent,
  journeys,
  kaplanMeier,
  lifecycle,
  lifecycleFunnel,
  mrrMovements,
  mrrMovementsAccumulator,
  recurring,
  toMonthlySnapshots,
} = lib;
