import { colorOf, layout, readChartOptions, renderChart, type LegendEntry, type Rect, type Tick } from './internal/chart.js';
import { activeUsersDefaults, readActiveUsers, WEEK, type ActiveDay } from './internal/active-users-data.js';
import { seriesPath } from './internal/marks.js';
import { linePath, runs } from './internal/path.js';
import { dayTicks, linearScale, niceTicks, numberTick, percentTick, type Scale } from './internal/scale.js';
import type { ActiveUsersChartInput, ChartOptions } from './types.js';

const FN = 'activeUsersChart';

/**
 * SVG chart of an `activeUsers` result: DAU, WAU and MAU per day as three lines, and under
 * them, on a panel of its own sharing the day axis, DAU/MAU (0–100%) per day with its
 * trailing 7-day mean, which irons out the weekday/weekend swing.
 *
 * Drawing: only complete days (`complete: true`) are drawn: a day still in progress has
 * partial counts (the subtitle says how many were left out). A `null` DAU/MAU (no monthly
 * users) leaves a gap. The x axis spans the first to the last complete day (ticks on days,
 * weeks or month starts inside it); the user axis runs from 0 to a round count above MAU,
 * the ratio axis from 0% to a round share above the highest ratio. Legend: DAU, WAU (n
 * days), MAU (n days), DAU/MAU, DAU/MAU 7-day mean. Default title "Active users", subtitle
 * with the date range and windows, x label with the time zone. Fixed
 * `viewBox="0 0 width height"`; `currentColor` ink; one `<path class="series">` per line
 * (5).
 *
 * Source: the DAU/WAU/MAU and stickiness (DAU/MAU) charts of product analytics tools
 * (Mixpanel, Amplitude); two panels sharing x, as a dual axis would mislead.
 *
 * Cost: O(days). Pure string building.
 *
 * Edge cases: a result without complete days gives empty panels with a "No data" note.
 *
 * @param result An `activeUsers` result (with `groupBy`, its overall `days` are drawn).
 * @param options `{ title?, subtitle?, xLabel?, yLabel?, width?, height? }` (`yLabel` is
 * the upper panel's; the lower one is "DAU/MAU (%)").
 * @returns An SVG document; wrap it in {@link displayable}.
 * @throws {MetricsInputError} `invalid-input` when `result` has no `days`; `invalid-date`
 * at `result.days[j].date` (not a day, or not after the day before); `invalid-number` at
 * `.dau`, `.wau`, `.mau`, `.dauMau`; `invalid-boolean` at `.complete`; `invalid-option` /
 * `unknown-option` for the options.
 *
 * @example
 * ```ts
 * import { activeUsersChart } from 'customer-success-metrics/display';
 * import { activeUsers } from 'customer-success-metrics/engagement';
 * const events = [
 *   { userId: 'a', timestamp: '2026-03-01T10:00:00Z' },
 *   { userId: 'b', timestamp: '2026-03-02T10:00:00Z' },
 *   { userId: 'a', timestamp: '2026-03-03T10:00:00Z' },
 * ];
 * const svg = activeUsersChart(activeUsers(events, { asOf: '2026-03-03' }));
 * svg.startsWith('<svg'); // => true
 * svg.match(/class="series"/g)?.length; // => 5
 * ```
 */
export function activeUsersChart(result: ActiveUsersChartInput, options?: ChartOptions): string {
  const data = readActiveUsers(result, FN);
  const o = readChartOptions(options, FN, activeUsersDefaults(data));
  const { days } = data;
  const empty = days.length === 0;
  const first = days[0]?.day ?? 0;
  const last = days[days.length - 1]?.day ?? first + 1;
  const countTicks = niceTicks(0, Math.max(1, ...days.map((d) => Math.max(d.dau, d.wau, d.mau))), { count: 5, integer: true });
  const ratioTicks = niceTicks(0, Math.max(0.1, ...days.map((d) => d.dauMau ?? 0)), { count: 4 });
  const countFormat = numberTick(countTicks);
  const ratioFormat = percentTick(ratioTicks);
  const names = ['DAU', `WAU (${data.windows.wau} days)`, `MAU (${data.windows.mau} days)`, 'DAU/MAU', `DAU/MAU, ${WEEK}-day mean`];
  const legend: LegendEntry[] = names.map((name, i) => ({ name, color: colorOf(i === 4 ? 3 : i), mark: 'line' }));
  const lay = layout(o, {
    legend,
    panels: [2, 1],
    yTickChars: Math.max(...countTicks.ticks.map((t) => countFormat(t).length), ...ratioTicks.ticks.map((t) => ratioFormat(t).length)),
    xTickChars: 10,
  });
  const [top, bottom] = lay.plots as [Rect, Rect];
  const xOf = (plot: Rect): Scale => linearScale({ domain: [first, first === last ? first + 1 : last], ticks: [], decimals: 0 }, [plot.left, plot.right]);
  const x = xOf(top);
  const span = Math.max(1, last - first);
  const dates = dayTicks(first, first + span, Math.max(2, Math.floor((top.right - top.left) / 80)));
  const xTicks: Tick[] = empty ? [] : dates.ticks.map((d) => ({ px: x(d), label: dates.label(d) }));
  const yCount = linearScale(countTicks, [top.bottom, top.top]);
  const yRatio = linearScale(ratioTicks, [bottom.bottom, bottom.top]);
  const line = (y: Scale, value: (d: ActiveDay) => number | null): string =>
    linePath(runs(days, (d) => value(d) !== null).map((run) => run.map((d) => [x(d.day), y(value(d) as number)] as const)));
  const upper = [
    seriesPath(line(yCount, (d) => d.dau), colorOf(0), names[0] as string, 0),
    seriesPath(line(yCount, (d) => d.wau), colorOf(1), names[1] as string, 1),
    seriesPath(line(yCount, (d) => d.mau), colorOf(2), names[2] as string, 2),
  ].join('');
  const lower = [
    seriesPath(line(yRatio, (d) => d.dauMau), colorOf(3), names[3] as string, 3, { width: 1, opacity: 0.6 }),
    seriesPath(line(yRatio, (d) => d.dauMauWeek), colorOf(3), names[4] as string, 4),
  ].join('');
  return renderChart({
    layout: lay,
    labels: o,
    ariaLabel: 'Active users',
    legend,
    panels: [
      { plot: top, xTicks, yTicks: countTicks.ticks.map((t) => ({ px: yCount(t), label: countFormat(t) })), body: upper, xTickLabels: false },
      { plot: bottom, xTicks, yTicks: ratioTicks.ticks.map((t) => ({ px: yRatio(t), label: ratioFormat(t) })), body: lower, yLabel: 'DAU/MAU (%)' },
    ],
    ...(empty ? { note: 'No data' } : {}),
  });
}
