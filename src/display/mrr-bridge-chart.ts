import { readChartOptions } from './internal/chart.js';
import { bridgeLabels, readMrrBridge } from './internal/mrr-bridge-bars.js';
import { stackedBarsSvg } from './internal/stacked-bars.js';
import type { ChartOptions, MrrBridgeChartInput } from './types.js';

const FN = 'mrrBridgeChart';

/**
 * SVG chart of the monthly MRR bridge: what each month added and lost, and the net.
 *
 * Drawing: one bar group per month of an `mrrMovements` result. New, expansion and
 * reactivation MRR are stacked up from zero (in that order); contraction and churned MRR
 * are stacked down from zero (contraction nearest the axis); so a bar's height above zero
 * is the MRR gained and below zero the MRR lost. Net new MRR, gains minus losses
 * (`endingMrr − startingMrr`), is a line with a dot per month. A month that is not
 * `complete` (still in progress at `asOf`) is faded. Axes: months in order, labels thinned
 * so they do not overlap; MRR with round ticks (`10k`) from the lowest stack to the
 * highest, zero included and drawn solid; the y label names the result's `currency`.
 * Colours: gains green, teal and blue; losses orange and red; the net line in the page's
 * ink. One `rect.bar` per non-zero movement (tooltip: month, movement, amount), a legend.
 *
 * Source: the MRR bridge (movements waterfall by month) as ChartMogul and Baremetrics
 * show it; the definitions are `mrrMovements`'.
 *
 * Cost: O(months × 5) plus the sort of the months. Pure string building, every label
 * escaped.
 *
 * Edge cases: no months give empty axes with the note `No data`; a month without
 * movements has no bar (its net dot sits at zero); months are sorted, so any order works.
 *
 * @param result An `mrrMovements` result as it is, or `{ months, currency? }` with rows
 * of its shape (`month`, `newMrr`, `expansionMrr`, `reactivationMrr`, `contractionMrr`,
 * `churnedMrr`, optional `complete`).
 * @param options `{ title?, subtitle?, xLabel?, yLabel?, width?, height? }` (defaults:
 * `MRR bridge`, what the colours mean, `month`, `MRR change per month (<currency>)`).
 * @returns An SVG document as a string; wrap it in {@link displayable} for a notebook.
 * @throws {MetricsInputError} `invalid-input` when `result` is not an object or its
 * `months` is not iterable; `invalid-record` for a month that is not an object;
 * `invalid-month` at `result.months[i].month` (not `YYYY-MM`); `duplicate-month`;
 * `invalid-number` at `result.months[i].newMrr` (and the other amounts: finite, >= 0);
 * `invalid-boolean` at `.complete`; `invalid-input` at `result.currency` (not a string);
 * `invalid-option` / `unknown-option` for the options.
 *
 * @example
 * ```ts
 * import { mrrBridgeChart } from 'customer-success-metrics/display';
 * import { mrrMovements } from 'customer-success-metrics/revenue';
 * const bridge = mrrMovements([
 *   { accountId: 'a', month: '2026-01', mrr: 100 },
 *   { accountId: 'a', month: '2026-02', mrr: 150 },
 *   { accountId: 'b', month: '2026-02', mrr: 80 },
 *   { accountId: 'b', month: '2026-03', mrr: 0 },
 * ]);
 * const svg = mrrBridgeChart(bridge);
 * svg.startsWith('<svg'); // => true
 * // January is the baseline (starting MRR, no movement); February: new 80 and
 * // expansion 50; March: b churns 80. Three bars.
 * svg.match(/class="bar"/g)?.length; // => 3
 * ```
 */
export function mrrBridgeChart(result: MrrBridgeChartInput, options?: ChartOptions): string {
  const { bars, currency } = readMrrBridge(result, FN);
  const labels = readChartOptions(options, FN, bridgeLabels(bars, currency));
  return stackedBarsSvg(bars, labels, 'MRR bridge');
}
