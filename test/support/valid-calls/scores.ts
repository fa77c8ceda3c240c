/**
 * Valid calls of every export of `customer-success-metrics/scores` (src/scores/index.ts),
 * for the shared strict-options runner: `call(extra)` merges `extra` into the options
 * object; `key` is one valid top-level option key, for a near-miss typo.
 */
import {
  adoptionRate,
  advocacyShare,
  ces,
  csat,
  customerLifetimeValue,
  healthScore,
  healthScores,
  nps,
  npsChange,
  referralRate,
} from '../../../src/scores/index.js';
import type { ValidCall } from '../valid-call.js';


interface Account {
  readonly accountId: string;
  readonly usage: number | null;
}

const components = [{ name: 'usage', weight: 1, value: (a: Account) => a.usage, normalize: { linear: [0, 10] as const } }];
const accounts: Account[] = [
  { accountId: 'acme', usage: 5 },
  { accountId: 'globex', usage: null },
];

export const validCalls: Record<string, ValidCall> = {
  adoptionRate: { call: (extra) => adoptionRate(3, 10, { ...extra }), key: 'confidence' },
  advocacyShare: { call: (extra) => advocacyShare(3, 10, { ...extra }), key: 'confidence' },
  ces: { call: (extra) => ces([7, 5, 2], { ...extra }), key: 'agreeAtLeast' },
  csat: { call: (extra) => csat([5, 4, 2], { ...extra }), key: 'satisfiedAtLeast' },
  // Its one argument { arpa, grossMargin, churnRate, churnFloor? } is checked as its options.
  customerLifetimeValue: { call: (extra) => customerLifetimeValue({ arpa: 100, grossMargin: 0.8, churnRate: 0.02, ...extra }), key: 'churnFloor' },
  // A classifier factory: the options are checked when it is created.
  healthScore: { call: (extra) => healthScore<Account>({ components, ...extra }), key: 'trendTolerance' },
  healthScores: { call: (extra) => healthScores<Account>(accounts, { components, ...extra }), key: 'previous' },
  nps: { call: (extra) => nps([10, 9, 7, 3], { ...extra }), key: 'segmentBy' },
  npsChange: { call: (extra) => npsChange([10, 9, 7, 3], [10, 10, 8], { ...extra }), key: 'method' },
  referralRate: { call: (extra) => referralRate(3, 10, { ...extra }), key: 'confidence' },
};
