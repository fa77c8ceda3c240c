/**
 * Valid calls of the exports of `customer-success-metrics/revenue` (MRR snapshots and
 * movements, churn, expansion, quick ratio, NRR/GRR, renewals, lifetime-value inputs), for
 * the strict-options runner: each calls its export with small valid inputs and `extra`
 * merged into its options object. The functions of the bridge take the `mrrMovements`
 * result as it is.
 */
import { churnRates } from '../../../src/revenue/churn-rates.js';
import { grossRevenueRetention } from '../../../src/revenue/gross-revenue-retention.js';
import { lifetimeValueInputs } from '../../../src/revenue/lifetime-value-inputs.js';
import { mrrMovements } from '../../../src/revenue/mrr-movements.js';
import { mrrMovementsAccumulator } from '../../../src/revenue/mrr-movements-accumulator.js';
import { netRevenueRetention } from '../../../src/revenue/net-revenue-retention.js';
import { quickRatio } from '../../../src/revenue/quick-ratio.js';
import { renewalRate } from '../../../src/revenue/renewal-rate.js';
import { toMonthlySnapshots } from '../../../src/revenue/to-monthly-snapshots.js';
import type { ValidCall } from '../valid-call.js';

const subscriptions = [
  { accountId: 'acme', start: '2024-01-01', end: null, amount: 1200, interval: 'year' },
  { accountId: 'bolt', start: '2024-01-15', end: '2024-03-01', amount: 90, interval: 'quarter' },
];

const snapshots = [
  { accountId: 'acme', month: '2024-01', mrr: 100 },
  { accountId: 'bolt', month: '2024-01', mrr: 50 },
  { accountId: 'acme', month: '2024-02', mrr: 150 },
  { accountId: 'acme', month: '2024-03', mrr: 120 },
];

const movements = mrrMovements(snapshots);

const renewals = [
  { dueAt: '2024-01-15', renewed: true },
  { dueAt: '2024-02-10', renewed: false },
  { dueAt: '2024-02-20', renewed: null },
];

export const validCalls: Record<string, ValidCall> = {
  churnRates: { call: (extra) => churnRates(movements, { confidence: 0.9, ...extra }), key: 'confidence' },
  expansionMrr: {
    // Its options object takes no key at all (so any key, a misplaced `asOf` included, is
    // `unknown-option`; test/revenue/expansion-mrr.test.ts checks that): no key to misspell.
    noOptions: 'its options object has no keys: every key is unknown-option (tested in test/revenue/expansion-mrr.test.ts)',
  },
  grossRevenueRetention: {
    call: (extra) => grossRevenueRetention(snapshots, { cohortMonth: '2024-01', windowMonths: 2, ...extra }),
    key: 'cohortMonth',
  },
  lifetimeValueInputs: { call: (extra) => lifetimeValueInputs(movements, { windowMonths: 3, ...extra }), key: 'windowMonths' },
  mrrMovements: { call: (extra) => mrrMovements(snapshots, { perCustomer: true, ...extra }), key: 'perCustomer' },
  mrrMovementsAccumulator: {
    call: (extra) => mrrMovementsAccumulator({ timeZone: 'Europe/Berlin', ...extra }).add(snapshots).result(),
    key: 'timeZone',
  },
  netRevenueRetention: { call: (extra) => netRevenueRetention(snapshots, { windowMonths: 2, trailing: true, ...extra }), key: 'windowMonths' },
  quickRatio: { call: (extra) => quickRatio(movements, { includeReactivation: false, ...extra }), key: 'includeReactivation' },
  renewalRate: { call: (extra) => renewalRate(renewals, { asOf: '2024-02-29', ...extra }), key: 'asOf' },
  toMonthlySnapshots: { call: (extra) => toMonthlySnapshots(subscriptions, { through: '2024-04', ...extra }), key: 'through' },
};
