import { layout, readChartOptions, renderChart, ticksOf, type Rect } from './internal/chart.js';
import { bar } from './internal/marks.js';
import { SEMANTIC } from './internal/palette.js';
import { formatNumber, formatPercent, linearScale, niceTicks, numberTick, percentTick } from './internal/scale.js';
import { readShare, readStickiness, stickinessDefaults } from './internal/stickiness-data.js';
import type { StickinessHistogramInput, StickinessHistogramOptions } from './types.js';

const FN = 'stickinessHistogram';

/**
 * SVG histogram of a `stickiness` result: for each number of active days in the range
 * (1, 2, ... the range's length), the users active on exactly that many days.
 *
 * Drawing: one `<rect class="bar">` per histogram bar, centred on its day count (bars of
 * zero users have zero height); the x axis runs from 1 to the range's length (round ticks
 * inside), the y axis from 0 to a round count (or share, with `share: true`) above the
 * tallest bar. Each bar's tooltip gives the users, their share of the active users and how
 * many were active at least that many days. Default title "Stickiness: days active per
 * user"; the subtitle gives the range, the active users and the mean DAU/MAU with its band.
 * No legend (one series). A right-heavy histogram is a daily habit; a left-heavy one,
 * occasional use.
 *
 * Source: the "power user curve" (L30 histogram) of product analytics (a16z's Andrew Chen;
 * Amplitude, Mixpanel's frequency reports).
 *
 * Cost: O(bars). Pure string building.
 *
 * Edge cases: an empty histogram (no complete day) gives empty axes with a "No data" note;
 * no active users give zero bars and, with `share`, the note as well.
 *
 * @param result A `stickiness` result, or one of its `groups`.
 * @param options `{ title?, subtitle?, xLabel?, yLabel?, width?, height?, share? }`.
 * @returns An SVG document; wrap it in {@link displayable}.
 * @throws {MetricsInputError} `invalid-input` when `result` has no `histogram`;
 * `invalid-number` at `result.histogram[j].activeDays` (a whole number >= 1) or
 * `.userCount` (a number >= 0); `invalid-order` when `activeDays` does not increase;
 * `invalid-boolean` at `options.share`; `invalid-option` / `unknown-option` for the options.
 *
 * @example
 * ```ts
 * import { stickinessHistogram } from 'customer-success-metrics/display';
 * const svg = stickinessHistogram({ histogram: [{ activeDays: 1, userCount: 5 }, { activeDays: 2, userCount: 3 }, { activeDays: 3, userCount: 1 }] });
 * svg.match(/class="bar"/g)?.length; // => 3
 * svg.includes('>days active (of 3)</text>'); // => true
 * ```
 */
export function stickinessHistogram(result: StickinessHistogramInput, options?: StickinessHistogramOptions): string {
  const data = readStickiness(result, FN);
  const share = readShare(options, FN);
  const o = readChartOptions(options, FN, stickinessDefaults(data, share), ['share']);
  const { bars } = data;
  const n = bars[bars.length - 1]?.activeDays ?? 1;
  const value = (b: (typeof bars)[number]): number => (share ? (b.share ?? 0) : b.userCount);
  let top = 0;
  for (const b of bars) top = Math.max(top, value(b));
  const yTicks = niceTicks(0, top > 0 ? top : share ? 0.1 : 1, share ? { count: 5 } : { count: 5, integer: true });
  const yFormat = share ? percentTick(yTicks) : numberTick(yTicks);
  const lay = layout(o, { yTickChars: Math.max(...yTicks.ticks.map((t) => yFormat(t).length)) });
  const plot = lay.plots[0] as Rect;
  const x = linearScale({ domain: [0.5, n + 0.5], ticks: niceTicks(1, Math.max(2, n), { count: 6, integer: true, widen: false }).ticks.filter((t) => t <= n), decimals: 0 }, [plot.left, plot.right]);
  const y = linearScale(yTicks, [plot.bottom, plot.top]);
  const half = Math.min(0.45, 0.5 - 0.5 / Math.max(2, (plot.right - plot.left) / n));
  const body = bars
    .map((b) =>
      bar(x(b.activeDays - half), x(b.activeDays + half), y(0), y(value(b)), {
        fill: SEMANTIC.primary,
        title: `${formatNumber(b.activeDays, 0)} active day${b.activeDays === 1 ? '' : 's'}: ${formatNumber(b.userCount, 0)} users${b.share === null ? '' : ` (${formatPercent(b.share, 1)})`}; ${formatNumber(b.atLeast, 0)} active on at least ${b.activeDays} day${b.activeDays === 1 ? '' : 's'}`,
        data: { days: b.activeDays, users: b.userCount },
      }),
    )
    .join('');
  const empty = bars.length === 0 || (share && data.activeUsers === 0);
  return renderChart({
    layout: lay,
    labels: o,
    ariaLabel: 'Stickiness histogram',
    panels: [{ plot, xTicks: ticksOf(x, (t) => formatNumber(t, 0)), yTicks: ticksOf(y, yFormat), body }],
    ...(empty ? { note: 'No data' } : {}),
  });
}
