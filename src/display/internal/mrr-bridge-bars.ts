/**
 * Reading an `mrrMovements` result (or `{ months }` rows of the same shape) into the
 * diverging stacked bars of `mrrBridgeChart` and `mrrBridgeChartSpec`: new, expansion and
 * reactivation MRR up; contraction and churned MRR down; net new MRR as a line.
 * @internal
 */

import { fail } from '../../core/errors.js';
import { parseMonthKey } from '../../core/calendar.js';
import { readAmount, readComplete, readSetting, resultRows, sortByKey } from './result-rows.js';
import { SEMANTIC, colorOf } from './palette.js';
import { formatNumber } from './scale.js';
import type { StackedBars } from './stacked-bars.js';

const WHAT = 'must be an mrrMovements result (an object with a months list), passed as it is; rows from elsewhere go in as { months: rows }';

/** The bridge's fields, in stacking order: gains up from zero, then losses down. */
const MOVEMENTS = [
  { field: 'newMrr', name: 'new', down: false, color: SEMANTIC.good },
  { field: 'expansionMrr', name: 'expansion', down: false, color: colorOf(5) },
  { field: 'reactivationMrr', name: 'reactivation', down: false, color: colorOf(0) },
  { field: 'contractionMrr', name: 'contraction', down: true, color: colorOf(1) },
  { field: 'churnedMrr', name: 'churn', down: true, color: SEMANTIC.bad },
] as const;

/** Money for a tooltip: whole amounts without decimals, others with two. */
export function formatMoney(value: number): string {
  return formatNumber(value, Number.isInteger(value) ? 0 : 2);
}

/**
 * The bars of a bridge, months ascending. Reads `months` (each `month`, the five movement
 * amounts, `complete` when present) and `currency` when present. O(n log n) for the sort
 * (O(n) in order).
 */
export function readMrrBridge(result: unknown, fn: string): { bars: StackedBars; currency: string | null } {
  const rows = resultRows(result, 'months', fn, WHAT).map((r, index) => {
    const at = `result.months[${index}]`;
    const month = r['month'];
    if (typeof month !== 'string' || parseMonthKey(month) === null) fail(fn, `${at}.month`, 'invalid-month', 'must be a month YYYY-MM', month);
    return {
      key: month as string,
      index,
      complete: readComplete(r['complete'], fn, `${at}.complete`),
      amounts: MOVEMENTS.map((m) => readAmount(r[m.field], fn, `${at}.${m.field}`)),
    };
  });
  sortByKey(rows, fn, 'result.months', 'month', 'duplicate-month');
  const currency = readSetting((result as Record<string, unknown>)['currency'], fn, 'result.currency');
  const series = MOVEMENTS.map((m, k) => ({ name: m.name, color: m.color, down: m.down, values: rows.map((r) => r.amounts[k] as number) }));
  const net = rows.map((r) => r.amounts.reduce((sum, v, k) => (MOVEMENTS[k]?.down ? sum - v : sum + v), 0));
  return {
    currency,
    bars: {
      keys: rows.map((r) => r.key),
      complete: rows.map((r) => r.complete),
      series,
      net: { name: 'net new MRR', values: net },
      valueName: 'MRR',
      keyName: 'month',
      unit: currency ?? '',
      counts: false,
      format: formatMoney,
    },
  };
}

/** The default title, subtitle and axis labels of the bridge. */
export function bridgeLabels(bars: StackedBars, currency: string | null): { title: string; subtitle: string; xLabel: string; yLabel: string } {
  const faded = bars.complete.some((c) => !c) ? '; faded: month in progress' : '';
  return {
    title: 'MRR bridge',
    subtitle: `MRR gained (up) and lost (down); line: net new MRR${faded}`,
    xLabel: 'month',
    yLabel: currency === null ? 'MRR change per month' : `MRR change per month (${currency})`,
  };
}
