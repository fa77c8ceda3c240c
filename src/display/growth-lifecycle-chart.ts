import { readChartOptions } from './internal/chart.js';
import { growthLabels, readGrowthBars } from './internal/growth-bars.js';
import { stackedBarsSvg } from './internal/stacked-bars.js';
import type { ChartOptions, GrowthLifecycleChartInput } from './types.js';

const FN = 'growthLifecycleChart';

/**
 * SVG chart of the growth lifecycle: who made up each period's active users, and who was
 * lost.
 *
 * Drawing: one bar group per period of a `growthLifecycle` result. New, returning and
 * resurrecting users are stacked up from zero (in that order), so the bar above zero is
 * the period's active users; dormant users (active in the period before, not in this one;
 * the result's negative `dormant`) go down from zero. A period that is not `complete` is
 * faded (its dormant count is still growing). Axes: periods in order (`YYYY-MM` or
 * `YYYY-MM-DD`), labels thinned so they do not overlap; users with round ticks, zero
 * drawn solid. Colours: new green, returning blue, resurrecting purple, dormant red. One
 * `rect.bar` per non-zero count (tooltip: period, group, users), a legend.
 *
 * Source: the growth accounting ("lifecycle") chart of Mixpanel and PostHog; the
 * definitions are `growthLifecycle`'s.
 *
 * Cost: O(periods) plus the sort of the periods. Pure string building.
 *
 * Edge cases: no periods give empty axes with the note `No data`; a period with no one
 * has no bar; periods are sorted, so any order works.
 *
 * @param result A `growthLifecycle` result as it is, or `{ periods, period? }` with rows of
 * its shape (`period`, `new`, `returning`, `resurrecting`, `dormant` <= 0, optional
 * `complete`).
 * @param options `{ title?, subtitle?, xLabel?, yLabel?, width?, height? }` (defaults:
 * `Growth lifecycle`, what the colours mean, the period unit, `users`).
 * @returns An SVG document as a string; wrap it in {@link displayable} for a notebook.
 * @throws {MetricsInputError} `invalid-input` when `result` is not an object or its
 * `periods` is not iterable; `invalid-record` for a period that is not an object;
 * `invalid-period` at `result.periods[i].period` (not `YYYY-MM-DD` or `YYYY-MM`, or not of
 * the first period's kind); `duplicate-period`; `invalid-number` at `.new`, `.returning`,
 * `.resurrecting` (finite, >= 0) and `.dormant` (finite, <= 0); `invalid-boolean` at
 * `.complete`; `invalid-option` / `unknown-option` for the options.
 *
 * @example
 * ```ts
 * import { growthLifecycleChart } from 'customer-success-metrics/display';
 * import { growthLifecycle } from 'customer-success-metrics/lifecycle';
 * const growth = growthLifecycle(
 *   [
 *     { userId: 'a', timestamp: '2026-01-05T10:00:00Z' },
 *     { userId: 'b', timestamp: '2026-01-06T10:00:00Z' },
 *     { userId: 'a', timestamp: '2026-02-03T10:00:00Z' },
 *   ],
 *   { period: 'month', asOf: '2026-02-28' },
 * );
 * const svg = growthLifecycleChart(growth);
 * svg.startsWith('<svg'); // => true
 * // January: 2 new; February: 1 returning, 1 dormant. Three bars.
 * svg.match(/class="bar"/g)?.length; // => 3
 * ```
 */
export function growthLifecycleChart(result: GrowthLifecycleChartInput, options?: ChartOptions): string {
  const { bars, period } = readGrowthBars(result, FN);
  const labels = readChartOptions(options, FN, growthLabels(bars, period));
  return stackedBarsSvg(bars, labels, 'Growth lifecycle');
}
