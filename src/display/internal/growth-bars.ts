/**
 * Reading a `growthLifecycle` result (or `{ periods }` rows of the same shape) into the
 * diverging stacked bars of `growthLifecycleChart` and `growthLifecycleChartSpec`: new,
 * returning and resurrecting users up; dormant users down.
 * @internal
 */

import { fail } from '../../core/errors.js';
import { parseDayKey, parseMonthKey } from '../../core/calendar.js';
import { readAmount, readComplete, readSetting, resultRows, sortByKey } from './result-rows.js';
import { SEMANTIC, colorOf } from './palette.js';
import { formatNumber } from './scale.js';
import type { StackedBars } from './stacked-bars.js';

const WHAT = 'must be a growthLifecycle result (an object with a periods list), passed as it is';

/** The gains, stacked up from zero in this order. */
const GAINS = [
  { field: 'new', color: SEMANTIC.good },
  { field: 'returning', color: colorOf(0) },
  { field: 'resurrecting', color: colorOf(4) },
] as const;

/** A count for a tooltip: whole numbers grouped, others with two decimals. */
function formatCount(value: number): string {
  return formatNumber(value, Number.isInteger(value) ? 0 : 2);
}

/**
 * The bars of a growth lifecycle, periods ascending. Reads `periods` (each `period`, `new`,
 * `returning`, `resurrecting`, `dormant` — a count <= 0, drawn down — and `complete` when
 * present) and `period` (the unit, for the labels) when present. O(n log n) for the sort
 * (O(n) in order).
 */
export function readGrowthBars(result: unknown, fn: string): { bars: StackedBars; period: string | null } {
  let kind: 'day' | 'month' | null = null;
  const rows = resultRows(result, 'periods', fn, WHAT).map((r, index) => {
    const at = `result.periods[${index}]`;
    const key = r['period'];
    const isDay = typeof key === 'string' && parseDayKey(key) !== null;
    const isMonth = typeof key === 'string' && parseMonthKey(key) !== null;
    if (!isDay && !isMonth) fail(fn, `${at}.period`, 'invalid-period', 'must be a day YYYY-MM-DD or a month YYYY-MM', key);
    kind ??= isDay ? 'day' : 'month';
    if ((kind === 'day') !== isDay) fail(fn, `${at}.period`, 'invalid-period', `must be a ${kind === 'day' ? 'day YYYY-MM-DD' : 'month YYYY-MM'} like the first period`, key);
    const dormant = r['dormant'];
    if (typeof dormant !== 'number' || !Number.isFinite(dormant) || dormant > 0) {
      fail(fn, `${at}.dormant`, 'invalid-number', 'must be a finite number <= 0 (users lost, as a negative count)', dormant);
    }
    return {
      key: key as string,
      index,
      complete: readComplete(r['complete'], fn, `${at}.complete`),
      gains: GAINS.map((g) => readAmount(r[g.field], fn, `${at}.${g.field}`)),
      dormant: -(dormant as number),
    };
  });
  sortByKey(rows, fn, 'result.periods', 'period', 'duplicate-period');
  const period = readSetting((result as Record<string, unknown>)['period'], fn, 'result.period');
  return {
    period,
    bars: {
      keys: rows.map((r) => r.key),
      complete: rows.map((r) => r.complete),
      series: [
        ...GAINS.map((g, k) => ({ name: g.field, color: g.color, down: false, values: rows.map((r) => r.gains[k] as number) })),
        { name: 'dormant', color: SEMANTIC.bad, down: true, values: rows.map((r) => r.dormant) },
      ],
      net: null,
      valueName: 'users',
      keyName: 'period',
      unit: 'users',
      counts: true,
      format: formatCount,
    },
  };
}

/** The default title, subtitle and axis labels of the growth lifecycle. */
export function growthLabels(bars: StackedBars, period: string | null): { title: string; subtitle: string; xLabel: string; yLabel: string } {
  const faded = bars.complete.some((c) => !c) ? `; faded: ${period ?? 'period'} in progress` : '';
  return {
    title: 'Growth lifecycle',
    subtitle: `Active users by where they came from (up), users gone dormant (down)${faded}`,
    xLabel: period === 'week' ? 'week (its first day)' : (period ?? 'period'),
    yLabel: 'users',
  };
}
