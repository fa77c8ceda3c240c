/**
 * Valid calls of every export of `customer-success-metrics/scores` (src/scores/index.ts),
 * for the shared strict-options runner: `call(extra)` merges `extra` into the options
 * object; `key` is one valid top-level option key, for a near-miss typo.
 */
import { ces, countShare, csat, customerLifetimeValue, healthScore, healthScores, nps, npsChange } from '../../../src/scores/index.js';
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
  ces: { call: (extra) => ces([{ score: 7, plan: 'a' }, { score: 2, plan: 'b' }], { groupBy: 'plan', ...extra }), key: 'agreeAtLeast' },
  countShare: { call: (extra) => countShare(3, 10, { ...extra }), key: 'confidence' },
  csat: { call: (extra) => csat([{ score: 5, plan: 'a' }, { score: 2, plan: 'b' }], { groupBy: 'plan', ...extra }), key: 'satisfiedAtLeast' },
  // Data first ({ arpa, logoChurn }, as lifetimeValueInputs returns it), then the options.
  customerLifetimeValue: { call: (extra) => customerLifetimeValue({ arpa: 100, logoChurn: { value: 0.02 } }, { grossMargin: 0.8, ...extra }), key: 'churnFloor' },
  // A classifier factory: the options are checked when it is created.
  healthScore: { call: (extra) => healthScore<Account>({ components, ...extra }), key: 'trendTolerance' },
  healthScores: { call: (extra) => healthScores<Account>(accounts, { components, ...extra }), key: 'previous' },
  nps: { call: (extra) => nps([{ score: 10, plan: 'a' }, { score: 3, plan: 'b' }], { groupBy: 'plan', ...extra }), key: 'groupBy' },
  npsChange: { call: (extra) => npsChange([10, 9, 7, 3], [10, 10, 8], { ...extra }), key: 'method' },
};
