import { fail } from '../core/errors.js';
import { optionsOf } from '../core/options.js';
import { readBoolean } from '../core/read.js';
import { CompensatedSummer } from '../stats/compensated-sum.js';
import { ratioOrNull, readMrrMonths, type MoneyField } from './internal/revenue-rates-months.js';
import { QUICK_RATIO_OPTION_KEYS, type QuickRatioFigures, type QuickRatioInput, type QuickRatioMonth, type QuickRatioOptions, type QuickRatioResult } from './types.js';

/**
 * The SaaS quick ratio per month: MRR gained for every unit of MRR lost.
 *
 * Input: the `mrrMovements` result as it is (`quickRatio(mrrMovements(snapshots))`), or any
 * `{ months }` whose rows carry the fields read.
 *
 * Definition: `(newMrr + expansionMrr + reactivationMrr) / (churnedMrr + contractionMrr)`
 * per month, and over all months (the sums of the months). Above 4 reads as efficient
 * growth; below 1 the business shrinks. With `includeReactivation: false` the gains are
 * new and expansion MRR only, Mamoon Hamid's original formula.
 *
 * Source: Mamoon Hamid (Social Capital), "the SaaS quick ratio", 2015; ChartMogul's Quick
 * Ratio counts reactivation MRR among the gains, as the default here does. Sums use
 * compensated summation.
 *
 * Cost: O(n) for n months (O(n log n) when they are not in order).
 *
 * Partial months: each row carries the `complete` flag of its input month, as
 * `mrrMovements` sets it from its `asOf` (a row without one is taken as a finished month);
 * `overall.complete` says whether every month is complete.
 *
 * Edge cases: no months gives `byMonth: []` and zero overall figures (`complete: true`); `value` is `null`
 * exactly when nothing was lost (`churnedMrr + contractionMrr = 0`), whatever was gained,
 * and otherwise a finite number >= 0.
 *
 * @param movements the `mrrMovements` result, or `{ months }`: rows in any order, each
 * month at most once; only `month`, `complete` (optional), `newMrr`, `expansionMrr`,
 * `reactivationMrr`, `contractionMrr` and `churnedMrr` are read.
 * @param options `{ includeReactivation? = true }`.
 * @throws {MetricsInputError} `movements.months[i].month` not a month `YYYY-MM`
 * (`'invalid-month'`) or repeated (`'duplicate-month'`); an amount that is not a finite
 * number >= 0 (`'invalid-number'`, e.g. `movements.months[i].churnedMrr`, the message naming
 * the month); a `complete` that is not a boolean or a non-boolean `includeReactivation`
 * (`'invalid-boolean'`); `'unknown-option'` for a key that is not an option,
 * `'invalid-option'` for a `null` one; `'invalid-input'` when `movements` is not an object
 * with a `months` list; `'overflow'` when the ratio overflows.
 *
 * @example
 * ```ts
 * import { mrrMovements, quickRatio } from 'customer-success-metrics/revenue';
 * // A bridge exported from another tool, as { months }.
 * const months = [
 *   { month: '2024-01', newMrr: 300, expansionMrr: 80, reactivationMrr: 20, churnedMrr: 60, contractionMrr: 40 },
 *   { month: '2024-02', newMrr: 100, expansionMrr: 0, reactivationMrr: 0, churnedMrr: 0, contractionMrr: 0 },
 * ];
 * const result = quickRatio({ months });
 * result.byMonth.map((m) => m.value); // => [4, null]
 * result.overall; // => { complete: true, gainedMrr: 500, lostMrr: 100, netNewMrr: 400, value: 5 }
 * quickRatio({ months }, { includeReactivation: false }).byMonth[0]?.value; // => 3.8
 * // Straight from mrrMovements: in February cove is new (+80) and bolt churns (−50).
 * const bridge = mrrMovements([
 *   { accountId: 'acme', month: '2024-01', mrr: 100 },
 *   { accountId: 'bolt', month: '2024-01', mrr: 50 },
 *   { accountId: 'acme', month: '2024-02', mrr: 100 },
 *   { accountId: 'cove', month: '2024-02', mrr: 80 },
 * ]);
 * quickRatio(bridge).byMonth.map((m) => [m.month, m.value]); // => [['2024-01', null], ['2024-02', 1.6]]
 * ```
 */
export function quickRatio(movements: QuickRatioInput, options?: QuickRatioOptions): QuickRatioResult {
  const fn = 'quickRatio';
  const opts = optionsOf(options, fn, QUICK_RATIO_OPTION_KEYS);
  const includeReactivation = opts.includeReactivation === undefined ? true : readBoolean(opts.includeReactivation, fn, 'options.includeReactivation');
  const fields: MoneyField[] = ['newMrr', 'expansionMrr', 'contractionMrr', 'churnedMrr'];
  if (includeReactivation) fields.push('reactivationMrr');
  const rows = readMrrMonths(fn, movements, fields, []);
  const totalGained = new CompensatedSummer();
  const totalLost = new CompensatedSummer();
  const byMonth: QuickRatioMonth[] = [];
  let complete = true;
  for (const row of rows) {
    const { money } = row;
    const gained = new CompensatedSummer();
    gained.add(money.newMrr);
    gained.add(money.expansionMrr);
    if (includeReactivation) gained.add(money.reactivationMrr);
    const lost = new CompensatedSummer();
    lost.add(money.churnedMrr);
    lost.add(money.contractionMrr);
    for (const s of [gained, lost]) if (!Number.isFinite(s.value)) overflow(fn, `movements.months[${row.index}]`, row.month);
    totalGained.add(gained.value);
    totalLost.add(lost.value);
    byMonth.push({ month: row.month, ...figures(row.complete, gained.value, lost.value, fn, `movements.months[${row.index}].churnedMrr`, money.churnedMrr) });
    complete &&= row.complete;
  }
  if (!Number.isFinite(totalGained.value) || !Number.isFinite(totalLost.value)) overflow(fn, 'movements.months', 'the sum of all months');
  return { includeReactivation, overall: figures(complete, totalGained.value, totalLost.value, fn, 'movements.months', 'the sum of all months'), byMonth };
}

function figures(complete: boolean, gainedMrr: number, lostMrr: number, fn: string, path: string, value: unknown): QuickRatioFigures {
  const netNewMrr = gainedMrr - lostMrr;
  if (!Number.isFinite(netNewMrr)) overflow(fn, path, value);
  return { complete, gainedMrr, lostMrr, netNewMrr, value: ratioOrNull(gainedMrr, lostMrr, fn, path, value) };
}

function overflow(fn: string, path: string, value: unknown): never {
  return fail(fn, path, 'overflow', 'holds amounts that add up past the largest finite number', value);
}
