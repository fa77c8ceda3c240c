/**
 * Valid calls of the user-retention exports of `customer-success-metrics/retention`, for the
 * strict-options runner: each calls its export with small valid inputs and `extra` merged
 * into its options object. (The revenue exports of the same module have their own table.)
 */
import { hasEvent } from '../../../src/lifecycle/has-event.js';
import type { Journey } from '../../../src/lifecycle/types.js';
import { cohortRetention } from '../../../src/retention/cohort-retention.js';
import { cohortRetentionAccumulator } from '../../../src/retention/cohort-retention-accumulator.js';
import { compareRetention } from '../../../src/retention/compare-retention.js';
import { findAha } from '../../../src/retention/find-aha.js';
import { kaplanMeier } from '../../../src/retention/kaplan-meier.js';
import { logRank } from '../../../src/retention/log-rank.js';
import type { ValidCall } from '../valid-call.js';


const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);

const events = [
  { userId: 'a', timestamp: '2024-01-01T10:00:00Z' },
  { userId: 'a', timestamp: '2024-01-02T10:00:00Z' },
  { userId: 'b', timestamp: '2024-01-01T12:00:00Z' },
];
const cohortOptions = { cohort: 'day', interval: 'day', lastPeriod: 1, asOf: '2024-01-03' } as const;

const subjects = [
  { duration: 3, observed: true },
  { duration: 5, observed: false },
  { duration: 8, observed: true },
];
const others = [
  { duration: 1, observed: true },
  { duration: 2, observed: true },
];

const journeyList: Journey[] = [
  { id: 'a', start: T0, events: [{ name: 'aha', timestamp: T0 + DAY, record: {} }, { name: 'login', timestamp: T0 + 10 * DAY, record: {} }] },
  { id: 'b', start: T0, events: [{ name: 'login', timestamp: T0 + 3 * DAY, record: {} }] },
];

export const validCalls: Record<string, ValidCall> = {
  cohortRetention: {
    call: (extra) => cohortRetention(events, { ...cohortOptions, ...extra }),
    key: 'timeZone',
  },
  cohortRetentionAccumulator: {
    call: (extra) => cohortRetentionAccumulator({ ...cohortOptions, ...extra }).add(events).result(),
    key: 'weekStartsOn',
  },
  compareRetention: {
    call: (extra) => compareRetention(journeyList, { segment: hasEvent('aha'), landmarkDays: 7, horizonDays: 30, asOf: '2024-02-15', ...extra }),
    key: 'inactivityDays',
  },
  findAha: {
    call: (extra) => findAha(journeyList, { candidates: ['aha'], landmarkDays: 7, target: { retainedOn: [8, 14] }, asOf: '2024-02-15', ...extra }),
    key: 'candidates',
  },
  kaplanMeier: {
    call: (extra) => kaplanMeier(subjects, { ...extra }),
    key: 'confidence',
  },
  logRank: {
    call: (extra) => logRank(subjects, others, { ...extra }),
    key: 'observed',
  },
};
