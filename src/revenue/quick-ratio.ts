import { fail } from '../core/errors.js';
import { optionsOf } from '../core/options.js';
import { readBoolean } from '../core/read.js';
import { CompensatedSummer } from '../stats/compensated-sum.js';
import type { MrrMonth } from './revenue-types.js';
import { ratioOrNull, readMrrMonths, type MoneyField } from './internal/revenue-rates-months.js';

/** The fields of an `MrrMonth` that {@link quickRatio} reads. */
export interface QuickRatioInput extends Pick<MrrMonth, 'month' | 'newMrr' | 'expansionMrr' | 'reactivationMrr' | 'contractionMrr' | 'churnedMrr'> {
  /** Whether the month is over (as `mrrMovements` reports it); left out, the month is taken as complete. */
  readonly complete?: boolean;
}

/** Options of {@link quickRatio}. */
export interface QuickRatioOptions {
  /** Whether reactivation MRR counts as gained (default `true`). */
  readonly includeReactivation?: boolean;
}

/** Every key of {@link QuickRatioOptions}. */
const QUICK_RATIO_OPTION_KEYS: readonly string[] = ['includeReactivation'];

/** MRR gained and lost, and their ratio. */
export interface QuickRatioFigures {
  /**
   * Whether the months are over: a month's input `complete` flag (`true` when it has none);
   * overall, whether every month is. Figures of a month in progress are not final.
   */
  readonly complete: boolean;
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
 * Partial months: each row carries the `complete` flag of its input month, as
 * `mrrMovements` sets it from its `asOf` (a row without one is taken as a finished month);
 * `overall.complete` says whether every month is complete.
 *
 * Edge cases: no months gives `byMonth: []` and zero overall figures (`complete: true`); `value` is `null`
 * exactly when nothing was lost (`churnedMrr + contractionMrr = 0`), whatever was gained,
 * and otherwise a finite number >= 0.
 *
 * @param months `MrrMonth` rows (as `mrrMovements` returns them), in any order, each month
 * at most once; only `month`, `complete` (optional), `newMrr`, `expansionMrr`,
 * `reactivationMrr`, `contractionMrr` and `churnedMrr` are read.
 * @param options `{ includeReactivation? = true }`.
 * @throws {MetricsInputError} `months[i].month` not a month `YYYY-MM` (`'invalid-month'`) or
 * repeated (`'duplicate-month'`); an amount that is not a finite number >= 0
 * (`'invalid-number'`, e.g. `months[i].churnedMrr`, the message naming the month); a
 * `complete` that is not a boolean or a non-boolean `includeReactivation`
 * (`'invalid-boolean'`); `'unknown-option'` for a key that is not an option,
 * `'invalid-option'` for a `null` one; `'invalid-input'` when `months` is not iterable; `'overflow'`
 * when the ratio overflows.
 *
 * @example
 * ```ts
 * import { quickRatio } from 'customer-success-metrics/revenue';
 * const months = [
 *   { month: '2024-01', newMrr: 300, expansionMrr: 80, reactivationMrr: 20, churnedMrr: 60, contractionMrr: 40 },
 *   { month: '2024-02', newMrr: 100, expansionMrr: 0, reactivationMrr: 0, churnedMrr: 0, contractionMrr: 0 },
 * ];
 * const result = quickRatio(months);
 * result.byMonth.map((m) => m.value); // => [4, null]
 * result.overall; // => { complete: true, gainedMrr: 500, lostMrr: 100, netNewMrr: 400, value: 5 }
 * quickRatio(months, { includeReactivation: false }).byMonth[0]?.value; // => 3.8
 * ```
 */
export function quickRatio(months: Iterable<QuickRatioInput>, options?: QuickRatioOptions): QuickRatioResult {
  const fn = 'quickRatio';
  const opts = optionsOf(options, fn, QUICK_RATIO_OPTION_KEYS);
  const includeReactivation = opts.includeReactivation === undefined ? true : readBoolean(opts.includeReactivation, fn, 'options.includeReactivation');
  const fields: MoneyField[] = ['newMrr', 'expansionMrr', 'contractionMrr', 'churnedMrr'];
  if (includeReactivation) fields.push('reactivationMrr');
  const rows = readMrrMonths(fn, months, fields, []);
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
    for (const s of [gained, lost]) if (!Number.isFinite(s.value)) overflow(fn, `months[${row.index}]`, row.month);
    totalGained.add(gained.value);
    totalLost.add(lost.value);
    byMonth.push({ month: row.month, ...figures(row.complete, gained.value, lost.value, fn, `months[${row.index}].churnedMrr`, money.churnedMrr) });
    complete &&= row.complete;
  }
  if (!Number.isFinite(totalGained.value) || !Number.isFinite(totalLost.value)) overflow(fn, 'months', 'the sum of all months');
  return { includeReactivation, overall: figures(complete, totalGained.value, totalLost.value, fn, 'months', 'the sum of all months'), byMonth };
}

function figures(complete: boolean, gainedMrr: number, lostMrr: number, fn: string, path: string, value: unknown): QuickRatioFigures {
  const netNewMrr = gainedMrr - lostMrr;
  if (!Number.isFinite(netNewMrr)) overflow(fn, path, value);
  return { complete, gainedMrr, lostMrr, netNewMrr, value: ratioOrNull(gainedMrr, lostMrr, fn, path, value) };
}

function overflow(fn: string, path: string, value: unknown): never {
  return fail(fn, path, 'overflow', 'holds amounts that add up past the largest finite number', value);
}
