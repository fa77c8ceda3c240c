import { fail } from '../core/errors.js';
import { optionsOf, readBoolean } from '../core/read.js';
import { CompensatedSummer } from '../stats/compensated-sum.js';
import type { MrrMonth } from './revenue-types.js';
import { ratioOrNull, readMrrMonths, type MoneyField } from './internal/revenue-rates-months.js';

/** The fields of an `MrrMonth` that {@link quickRatio} reads. */
export type QuickRatioInput = Pick<MrrMonth, 'month' | 'newMrr' | 'expansionMrr' | 'reactivationMrr' | 'contractionMrr' | 'churnedMrr'>;

/** Options of {@link quickRatio}. */
export interface QuickRatioOptions {
  /** Whether reactivation MRR counts as gained (default `true`). */
  readonly includeReactivation?: boolean;
}

/** MRR gained and lost, and their ratio. */
export interface QuickRatioFigures {
  /** `newMrr + expansionMrr + reactivationMrr` (without reactivation when excluded). */
  readonly gainedMrr: number;
  /** `churnedMrr + contractionMrr`. */
  readonly lostMrr: number;
  /** `gainedMrr − lostMrr`. */
  readonly netNewMrr: number;
  /** `gainedMrr / lostMrr`; `null` exactly when `lostMrr` is 0. */
  readonly value: number | null;
}

/** The quick ratio of one month. */
export interface QuickRatioMonth extends QuickRatioFigures {
  /** `YYYY-MM`. */
  readonly month: string;
}

/** Result of {@link quickRatio}. */
export interface QuickRatioResult {
  /** Whether reactivation MRR counts as gained. */
  readonly includeReactivation: boolean;
  /** All months together (e.g. a quarter's quick ratio from its three months). */
  readonly overall: QuickRatioFigures;
  /** One row per input month, ascending. */
  readonly byMonth: QuickRatioMonth[];
}

/**
 * The SaaS quick ratio per month: MRR gained for every unit of MRR lost.
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
 * Edge cases: no months gives `byMonth: []` and zero overall figures; `value` is `null`
 * exactly when nothing was lost (`churnedMrr + contractionMrr = 0`), whatever was gained,
 * and otherwise a finite number >= 0.
 *
 * @param months `MrrMonth` rows (as `mrrMovements` returns them), in any order, each month at most once; only `month`,
 * `newMrr`, `expansionMrr`, `reactivationMrr`, `contractionMrr` and `churnedMrr` are read.
 * @param options `{ includeReactivation? = true }`.
 * @throws {MetricsInputError} `months[i].month` not a month `YYYY-MM` (`'invalid-month'`) or
 * repeated (`'duplicate-month'`); an amount that is not a finite number >= 0
 * (`'invalid-number'`, e.g. `months[i].churnedMrr`); a non-boolean `includeReactivation`
 * (`'invalid-boolean'`); `'invalid-input'` when `months` is not iterable; `'overflow'`
 * when the ratio overflows.
 *
 * @example
 * ```ts
 * import { quickRatio } from 'customer-success-metrics/retention';
 * const months = [
 *   { month: '2024-01', newMrr: 300, expansionMrr: 80, reactivationMrr: 20, churnedMrr: 60, contractionMrr: 40 },
 *   { month: '2024-02', newMrr: 100, expansionMrr: 0, reactivationMrr: 0, churnedMrr: 0, contractionMrr: 0 },
 * ];
 * const result = quickRatio(months);
 * result.byMonth.map((m) => m.value); // => [4, null]
 * result.overall; // => { gainedMrr: 500, lostMrr: 100, netNewMrr: 400, value: 5 }
 * quickRatio(months, { includeReactivation: false }).byMonth[0]?.value; // => 3.8
 * ```
 */
export function quickRatio(months: Iterable<QuickRatioInput>, options?: QuickRatioOptions): QuickRatioResult {
  const fn = 'quickRatio';
  const opts = optionsOf(options, fn);
  const includeReactivation = opts.includeReactivation === undefined ? true : readBoolean(opts.includeReactivation, fn, 'options.includeReactivation');
  const fields: MoneyField[] = ['newMrr', 'expansionMrr', 'contractionMrr', 'churnedMrr'];
  if (includeReactivation) fields.push('reactivationMrr');
  const rows = readMrrMonths(fn, months, fields, []);
  const totalGained = new CompensatedSummer();
  const totalLost = new CompensatedSummer();
  const byMonth: QuickRatioMonth[] = [];
  for (const row of rows) {
    const { money } = row;
    const gained = new CompensatedSummer();
    gained.add(money.newMrr);
    gained.add(money.expansionMrr);
    if (includeReactivation) gained.add(money.reactivationMrr);
    const lost = new CompensatedSummer();
    lost.add(money.churnedMrr);
    lost.add(money.contractionMrr);
    for (const s of [gained, lost]) if (!Number.isFinite(s.value)) overflow(fn, `months[${row.index}]`, row.month);
    totalGained.add(gained.value);
    totalLost.add(lost.value);
    byMonth.push({ month: row.month, ...figures(gained.value, lost.value, fn, `months[${row.index}].churnedMrr`, money.churnedMrr) });
  }
  if (!Number.isFinite(totalGained.value) || !Number.isFinite(totalLost.value)) overflow(fn, 'months', 'the sum of all months');
  return { includeReactivation, overall: figures(totalGained.value, totalLost.value, fn, 'months', 'the sum of all months'), byMonth };
}

function figures(gainedMrr: number, lostMrr: number, fn: string, path: string, value: unknown): QuickRatioFigures {
  const netNewMrr = gainedMrr - lostMrr;
  if (!Number.isFinite(netNewMrr)) overflow(fn, path, value);
  return { gainedMrr, lostMrr, netNewMrr, value: ratioOrNull(gainedMrr, lostMrr, fn, path, value) };
}

function overflow(fn: string, path: string, value: unknown): never {
  return fail(fn, path, 'overflow', 'holds amounts that add up past the largest finite number', value);
}
