/**
 * Reading `{ nrr, grr }` (either or both: trailing `netRevenueRetention` and
 * `grossRevenueRetention` results) into the lines `revenueRetentionChart` and
 * `revenueRetentionChartSpec` draw, with the words of their labels.
 * @internal
 */

import { fail } from '../../core/errors.js';
import { parseMonthKey } from '../../core/calendar.js';
import { isResult, readComplete, readNullable, resultRows, sortByKey } from './result-rows.js';
import { colorOf } from './palette.js';

/** One window's value, checked. */
export interface RetentionWindowPoint {
  /** The window's end month `YYYY-MM`. */
  readonly key: string;
  /** Months since year 0 (for a linear x axis). */
  readonly monthNumber: number;
  readonly index: number;
  readonly value: number | null;
  readonly complete: boolean;
}

/** One line: NRR or GRR over time. */
export interface RevenueRetentionLine {
  readonly name: 'NRR' | 'GRR';
  readonly color: string;
  readonly points: RetentionWindowPoint[];
  readonly windowMonths: number | null;
}

const WHAT = 'must be { nrr, grr } (either or both): the results of netRevenueRetention and grossRevenueRetention with trailing: true';

/** The trailing windows of one result. */
function readLine(result: unknown, name: 'NRR' | 'GRR', key: 'nrr' | 'grr', color: string, fn: string): RevenueRetentionLine {
  const path = `result.${key}`;
  if (isResult(result) && result['trailing'] === undefined && 'value' in result) {
    return fail(fn, `${path}.trailing`, 'invalid-input', 'is missing: compute the result with trailing: true to draw its windows over time', undefined);
  }
  const rows = resultRows(result, 'trailing', fn, `must be a ${key === 'nrr' ? 'netRevenueRetention' : 'grossRevenueRetention'} result with trailing: true`, path);
  const points = rows.map((r, index) => {
    const at = `${path}.trailing[${index}]`;
    const month = r['month'];
    const monthNumber = typeof month === 'string' ? parseMonthKey(month) : null;
    if (monthNumber === null) fail(fn, `${at}.month`, 'invalid-month', 'must be a month YYYY-MM', month);
    return {
      key: month as string,
      monthNumber: monthNumber as number,
      index,
      value: readNullable(r['value'], fn, `${at}.value`),
      complete: readComplete(r['complete'], fn, `${at}.complete`),
    };
  });
  sortByKey(points, fn, `${path}.trailing`, 'month', 'duplicate-month');
  const w = (result as Record<string, unknown>)['windowMonths'];
  return { name, color, points, windowMonths: typeof w === 'number' && Number.isInteger(w) && w > 0 ? w : null };
}

/**
 * The lines (NRR first) and the default labels. Throws `invalid-input` at `result` for
 * anything but an object with `nrr` or `grr` (a bare result says so: it does not tell net
 * from gross), and at `result.nrr.trailing` for a result computed without `trailing`.
 */
export function readRevenueRetention(input: unknown, fn: string): { lines: RevenueRetentionLine[]; title: string; subtitle: string; xLabel: string; yLabel: string; empty: string } {
  if (!isResult(input)) return fail(fn, 'result', 'invalid-input', WHAT, input);
  const { nrr, grr } = input as { nrr?: unknown; grr?: unknown };
  if (nrr === undefined && grr === undefined) {
    const bare = 'trailing' in input || 'value' in input;
    const problem = bare ? 'must name what it is: pass { nrr: result } or { grr: result } (a revenue retention result does not say whether it is net or gross)' : WHAT;
    return fail(fn, 'result', 'invalid-input', problem, input);
  }
  const lines: RevenueRetentionLine[] = [];
  if (nrr !== undefined) lines.push(readLine(nrr, 'NRR', 'nrr', colorOf(0), fn));
  if (grr !== undefined) lines.push(readLine(grr, 'GRR', 'grr', colorOf(1), fn));
  const windows = [...new Set(lines.map((l) => l.windowMonths))];
  const w = windows.length === 1 ? windows[0] : null;
  const title = lines.length === 2 ? 'Net and gross revenue retention' : lines[0]?.name === 'NRR' ? 'Net revenue retention (NRR)' : 'Gross revenue retention (GRR)';
  const earlier = w === null || w === undefined ? 'a window earlier' : `${w} month${w === 1 ? '' : 's'} earlier`;
  return {
    lines,
    title,
    subtitle: `MRR in the month of the customers paying ${earlier}, as a share of their MRR then`,
    xLabel: 'month (end of the window)',
    yLabel: 'MRR retained (% of starting MRR)',
    empty: w === null || w === undefined ? 'No window yet' : `No ${w}-month window in the data yet`,
  };
}
