import { layout, readChartOptions, renderChart, ticksOf, type LegendEntry, type Rect, type Tick } from './internal/chart.js';
import { binLabel, healthDefaults, readHealth } from './internal/health-data.js';
import { bar, label } from './internal/marks.js';
import { bandScale, formatNumber, formatPercent, linearScale, niceScale, niceTicks, numberTick } from './internal/scale.js';
import type { HealthBandsChartInput, HealthBandsChartOptions } from './types.js';

const FN = 'healthBandsChart';

/**
 * SVG chart of a `healthScores` result: how many accounts are in each health band, and
 * how their scores are spread.
 *
 * Drawing: two panels. Above, one `<rect class="bar">` per band (in the result's band
 * order, red to green by default), labelled with its accounts and share, plus a grey "no
 * score" bar when some accounts have none. Below, the histogram of the scores over 0..100
 * in bins of `binWidth` points (default 5; the last bin holds 100), each bin's bar stacked
 * by band (`<rect class="segment">`, one per band present in the bin: a bin across a band
 * boundary holds both colours, since a score is banded after rounding). Band colours keep
 * their meaning (red, yellow, green), other band names run worst to best. Legend: the
 * bands with their score ranges. Default title "Account health", subtitle with the counts.
 *
 * Source: the health-score distribution views of customer-success platforms (Gainsight,
 * ChurnZero, Totango): accounts per band and the score histogram.
 *
 * Cost: O(accounts + bands × bins). Pure string building.
 *
 * Edge cases: no accounts give empty panels with a "No data" note; an account with a
 * `null` score counts in "no score" only.
 *
 * @param result A `healthScores` result (only `bands` and each account's `score` and `band` are read).
 * @param options `{ title?, subtitle?, xLabel?, yLabel?, width?, height?, binWidth? }`.
 * @returns An SVG document; wrap it in {@link displayable}.
 * @throws {MetricsInputError} `invalid-input` when `result` has no `bands` or `accounts`;
 * `invalid-name` at `result.bands[j].name` (non-empty string) or
 * `result.accounts[k].band` (not a band of the result); `invalid-number` at a band's
 * `from`/`to` or an account's `score`; `invalid-option` when `binWidth` is not 1, 2, 4, 5,
 * 10, 20 or 25; `unknown-option` for an unknown key.
 *
 * @example
 * ```ts
 * import { healthBandsChart } from 'customer-success-metrics/display';
 * const result = {
 *   bands: [{ name: 'red', from: 0, to: 50 }, { name: 'yellow', from: 51, to: 75 }, { name: 'green', from: 76, to: 100 }],
 *   accounts: [{ score: 20, band: 'red' }, { score: 62, band: 'yellow' }, { score: 90, band: 'green' }, { score: 93, band: 'green' }],
 * };
 * const svg = healthBandsChart(result);
 * svg.match(/class="bar"/g)?.length; // => 3
 * svg.match(/class="segment"/g)?.length; // => 3
 * ```
 */
export function healthBandsChart(result: HealthBandsChartInput, options?: HealthBandsChartOptions): string {
  const raw = readChartOptions(options, FN, {}, ['binWidth']);
  const data = readHealth(result, FN, raw.extra.binWidth);
  const o = readChartOptions(options, FN, healthDefaults(data), ['binWidth']);
  const { bands, segments } = data;
  let most = 0;
  for (const b of bands) most = Math.max(most, b.accounts);
  const barTicks = niceTicks(0, Math.max(1, most * 1.15), { count: 3, integer: true, maxTicks: 5 });
  const binTicks = niceTicks(0, Math.max(1, data.tallest), { count: 4, integer: true, maxTicks: 6 });
  const barFormat = numberTick(barTicks);
  const binFormat = numberTick(binTicks);
  const legend: LegendEntry[] = bands.filter((b) => b.range !== '').map((b) => ({ name: `${b.name} (${b.range})`, color: b.color, mark: 'swatch' }));
  const lay = layout(o, {
    legend,
    panels: [1, 1.3],
    panelGap: 34,
    yTickChars: Math.max(...barTicks.ticks.map((t) => barFormat(t).length), ...binTicks.ticks.map((t) => binFormat(t).length)),
  });
  const [top, bottom] = lay.plots as [Rect, Rect];
  // Above: accounts per band.
  const bx = bandScale(bands.length, [top.left, top.right], 0.35);
  const by = linearScale(barTicks, [top.bottom, top.top]);
  const upper: string[] = [];
  const bandTicks: Tick[] = bands.map((b, i) => ({ px: bx.center(i), label: b.name }));
  bands.forEach((b, i) => {
    const share = data.total === 0 ? '' : ` (${formatPercent(b.accounts / data.total)})`;
    upper.push(bar(bx(i), bx(i) + bx.bandwidth, by(0), by(b.accounts), { fill: b.color, title: `${b.name}${b.range === '' ? '' : ` (${b.range})`}: ${formatNumber(b.accounts, 0)} accounts${share}`, data: { band: b.name } }));
    upper.push(label(bx.center(i), by(b.accounts) - 5, `${formatNumber(b.accounts, 0)}${share}`, 'middle', { size: 11 }));
  });
  // Below: the score histogram, stacked by band.
  const hx = niceScale(0, 100, [bottom.left, bottom.right], { count: 5 });
  const hy = linearScale(binTicks, [bottom.bottom, bottom.top]);
  const gap = Math.min(1, (hx(data.binWidth) - hx(0)) * 0.1);
  const lower = segments.map((s) =>
    bar(hx(s.from) + gap / 2, hx(s.to) - gap / 2, hy(s.below), hy(s.below + s.accounts), {
      fill: s.color,
      cls: 'segment',
      title: `score ${binLabel(s.from, s.to)}: ${formatNumber(s.accounts, 0)} ${s.band} account${s.accounts === 1 ? '' : 's'}`,
      data: { band: s.band, bin: s.from },
    }),
  );
  return renderChart({
    layout: lay,
    labels: o,
    ariaLabel: 'Account health',
    legend,
    panels: [
      { plot: top, xTicks: bandTicks, yTicks: ticksOf(by, barFormat), body: upper.join(''), yLabel: o.yLabel },
      { plot: bottom, xTicks: ticksOf(hx, (t) => formatNumber(t, 0)), yTicks: ticksOf(hy, binFormat), body: lower.join(''), yLabel: o.yLabel },
    ],
    ...(data.total === 0 ? { note: 'No data' } : {}),
  });
}
