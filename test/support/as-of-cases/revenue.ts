/**
 * The functions of `customer-success-metrics/revenue` that take `asOf`, each run
 * on data with a record late on 2024-06-30 in the zone given, for the asOf runner
 * (test/as-of.test.ts).
 *
 * renewalRate has instants (a renewal due at 23:30 local on 2024-06-30): every check of the
 * runner applies as to events.
 *
 * mrrMovements, its accumulator, netRevenueRetention and grossRevenueRetention read monthly
 * snapshots: a snapshot carries a month, not an instant, so "the late record" is June's
 * snapshot, and the finest thing `asOf` can decide about it is its month. Here:
 * - counted: June's snapshot is in the result. It is whenever `asOf` falls in June or
 *   later (snapshots of months after the month of `asOf` are left out), so with `asOf` 1 ms
 *   before 23:30 on June 30 it is STILL counted: no instant inside June can tell it apart.
 *   That one check of the runner ("1 ms before the late event: not counted") cannot hold
 *   at month granularity, and these four cases report `counted: true` there, truthfully.
 * - complete: June is reported complete, i.e. its last local day ends by `asOf`: true for
 *   `asOf: '2024-06-30'` (the end of that local day), false for any instant before the
 *   day's last millisecond.
 * The mrr-movements and net-revenue-retention tests check the same at month boundaries
 * (the last millisecond of June completes it; one earlier does not). These four cases carry
 * `granularity: 'month'` (beyond the shared shape) so that the runner can tell them apart:
 * for them the 1 ms check should expect `counted: true, complete: false`.
 */
import { zoneCalendar } from '../../../src/core/time-zone.js';
import { grossRevenueRetention } from '../../../src/revenue/gross-revenue-retention.js';
import { mrrMovements } from '../../../src/revenue/mrr-movements.js';
import { mrrMovementsAccumulator } from '../../../src/revenue/mrr-movements-accumulator.js';
import { netRevenueRetention } from '../../../src/revenue/net-revenue-retention.js';
import { renewalRate } from '../../../src/revenue/renewal-rate.js';
import type { MrrMovementsResult, TrailingRevenueRetentionResult } from '../../../src/revenue/types.js';
import type { AsOfCase } from '../valid-call.js';

type Outcome = ReturnType<AsOfCase['run']>;

/** A case, and for month snapshots the granularity at which `asOf` can decide "counted". */
type RevenueAsOfCase = AsOfCase & { readonly granularity?: 'month' };

/** 23:30 local time on 2024-06-30 in `timeZone`, as epoch ms. */
function lateOnJune30(timeZone: string): number {
  return zoneCalendar(timeZone, 'test').startOfDay(Date.UTC(2024, 5, 30) / 86_400_000) + (23 * 60 + 30) * 60_000;
}

/** acme pays 100 in May and 120 in June: June's snapshot is the late record. */
const SNAPSHOTS = [
  { accountId: 'acme', month: '2024-05', mrr: 100 },
  { accountId: 'acme', month: '2024-06', mrr: 120 },
];

/** Counted: June is in the bridge, ending at acme's 120. Complete: June's `complete`. */
function bridgeOutcome(result: MrrMovementsResult): Outcome {
  const june = result.months.find((m) => m.month === '2024-06');
  return { counted: june !== undefined && june.endingMrr === 120, complete: june?.complete ?? false, asOf: result.asOf, asOfDate: result.asOfDate };
}

/**
 * Cohort June, one month: counted when June's snapshot puts acme (120) in the cohort. The
 * trailing window ending in June (cohort May) says whether June is complete; its value,
 * 120 / 100, is there only then.
 */
function retentionOutcome(result: TrailingRevenueRetentionResult): Outcome {
  const june = result.trailing.find((w) => w.month === '2024-06');
  const complete = june !== undefined && june.complete && june.endingMrr === 120;
  return { counted: result.customers === 1 && result.startingMrr === 120, complete, asOf: result.asOf, asOfDate: result.asOfDate };
}

const retentionOptions = { cohortMonth: '2024-06', windowMonths: 1, trailing: true } as const;

export const asOfCases: RevenueAsOfCase[] = [
  {
    name: 'mrrMovements',
    granularity: 'month',
    run: (asOf, timeZone) => bridgeOutcome(mrrMovements(SNAPSHOTS, { asOf, timeZone })),
  },
  {
    name: 'mrrMovementsAccumulator',
    granularity: 'month',
    run: (asOf, timeZone) => {
      const accumulator = mrrMovementsAccumulator({ asOf, timeZone }).add(SNAPSHOTS.slice(0, 1)).add(SNAPSHOTS.slice(1));
      return bridgeOutcome(JSON.parse(JSON.stringify(accumulator.result())) as MrrMovementsResult);
    },
  },
  {
    name: 'netRevenueRetention',
    granularity: 'month',
    run: (asOf, timeZone) => retentionOutcome(netRevenueRetention(SNAPSHOTS, { ...retentionOptions, asOf, timeZone })),
  },
  {
    name: 'grossRevenueRetention',
    granularity: 'month',
    run: (asOf, timeZone) => retentionOutcome(grossRevenueRetention(SNAPSHOTS, { ...retentionOptions, asOf, timeZone })),
  },
  {
    // A renewal due on June 10 (renewed) and one due at 23:30 on June 30 (not renewed).
    // Counted: the late renewal is due at asOf (notRenewed 1). Complete: June's row.
    name: 'renewalRate',
    run: (asOf, timeZone) => {
      const renewals = [
        { dueAt: '2024-06-10', renewed: true },
        { dueAt: lateOnJune30(timeZone), renewed: false },
      ];
      const result = renewalRate(renewals, { asOf, timeZone });
      const june = result.byMonth.find((m) => m.month === '2024-06');
      return { counted: result.notRenewed === 1 && june?.due === 2, complete: june?.complete ?? false, asOf: result.asOf, asOfDate: result.asOfDate };
    },
  },
];
