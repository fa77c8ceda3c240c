/**
 * The engagement module's entries in the strict-options walk: one per function exported by
 * src/engagement/index.ts, each called with small valid inputs and the extra options merged
 * into its options object (for the accumulator, the options given at creation: they are
 * checked then). The accumulator, activeUsersByPeriod and stickiness run grouped, so the
 * glossary test sees the grouped shape (the overall figures and `groups: [{ group, ... }]`).
 */
import {
  activeUsers,
  activeUsersAccumulator,
  activeUsersByPeriod,
  engagedEvaluation,
  featureAdoption,
  licenseUtilization,
  licenseUtilizationByAccount,
  sessions,
  sessionsPerUserDay,
  stickiness,
} from '../../../src/engagement/index.js';
import type { ValidCall } from '../valid-call.js';

const EVENTS = [
  { userId: 'ana', accountId: 'acme', name: 'login', timestamp: '2024-06-01T09:00:00Z' },
  { userId: 'ana', accountId: 'acme', name: 'export', timestamp: '2024-06-02T09:00:00Z' },
  { userId: 'ben', accountId: 'initech', name: 'login', timestamp: '2024-06-03T09:00:00Z' },
];
const TRIALS = [{ accountId: 'acme', trialStart: '2024-06-01' }];
const LICENSES = [{ accountId: 'acme', licenses: 2 }];

export const validCalls: Record<string, ValidCall> = {
  activeUsers: { call: (extra) => activeUsers(EVENTS, { timeZone: 'UTC', ...extra }), key: 'timeZone' },
  activeUsersAccumulator: {
    call: (extra) => activeUsersAccumulator({ timeZone: 'UTC', groupBy: 'accountId', ...extra }).add(EVENTS).result(),
    key: 'timeZone',
  },
  activeUsersByPeriod: { call: (extra) => activeUsersByPeriod(EVENTS, { period: 'week', groupBy: 'accountId', ...extra }), key: 'period' },
  stickiness: { call: (extra) => stickiness(EVENTS, { windows: { mau: 28 }, groupBy: 'accountId', ...extra }), key: 'windows' },
  featureAdoption: { call: (extra) => featureAdoption(EVENTS, { feature: 'export', ...extra }), key: 'feature' },
  sessions: { call: (extra) => sessions(EVENTS, { inactivityMinutes: 30, ...extra }), key: 'inactivityMinutes' },
  sessionsPerUserDay: { call: (extra) => sessionsPerUserDay(EVENTS, { target: 2, ...extra }), key: 'target' },
  engagedEvaluation: { call: (extra) => engagedEvaluation(EVENTS, { trials: TRIALS, windowDays: 14, ...extra }), key: 'windowDays' },
  licenseUtilizationByAccount: {
    call: (extra) => licenseUtilizationByAccount(EVENTS, { licenses: LICENSES, asOf: '2024-06-03', ...extra }),
    key: 'asOf',
  },
  licenseUtilization: {
    call: (extra) => licenseUtilization({ activeUsers: 42, licenses: 100 }, { thresholds: { riskBelow: 0.5 }, ...extra }),
    key: 'thresholds',
  },
};
