import { colorOf, readChartOptions } from './internal/chart.js';
import { activeUsersDefaults, readActiveUsers, WEEK } from './internal/active-users-data.js';
import { jsonNumber, vegaSize, vegaSpec } from './internal/vega-lite.js';
import type { ActiveUsersChartInput, ChartOptions, JsonValue, VegaLiteSpec } from './types.js';

const FN = 'activeUsersChartSpec';

/**
 * Vega-Lite v5 specification of an `activeUsers` result: the picture of
 * {@link activeUsersChart} (DAU, WAU and MAU lines; under them, on a panel of its own,
 * DAU/MAU per day and its trailing 7-day mean, as %), with tooltips on every day.
 *
 * Drawing: a `vconcat` of two views sharing the day axis (`date` as a UTC date, so the
 * days do not shift with the viewer's time zone): the counts folded into one `series`
 * field, coloured DAU/WAU/MAU; then DAU/MAU (thin, faint) and its 7-day mean (solid). Only
 * complete days are in the data. Same defaults as the SVG.
 *
 * Source: Mixpanel/Amplitude active-user and stickiness charts; Vega-Lite v5 (`fold`,
 * `vconcat`).
 *
 * Cost: O(days). Plain JSON.
 *
 * Edge cases: no complete days give empty views with a "No data" note.
 *
 * @param result An `activeUsers` result.
 * @param options `{ title?, subtitle?, xLabel?, yLabel?, width?, height? }`.
 * @returns A Vega-Lite v5 spec (plain JSON).
 * @throws {MetricsInputError} As {@link activeUsersChart}.
 *
 * @example
 * ```ts
 * import { activeUsersChartSpec } from 'customer-success-metrics/display';
 * import { activeUsers } from 'customer-success-metrics/engagement';
 * const spec = activeUsersChartSpec(activeUsers([{ userId: 'a', timestamp: '2026-03-01T10:00:00Z' }], { asOf: '2026-03-02' }));
 * (spec.vconcat as unknown[]).length; // => 2
 * ((spec.vconcat as { data: { values: unknown[] } }[])[0]?.data.values.length); // => 2
 * ```
 */
export function activeUsersChartSpec(result: ActiveUsersChartInput, options?: ChartOptions): VegaLiteSpec {
  const data = readActiveUsers(result, FN);
  const o = readChartOptions(options, FN, activeUsersDefaults(data));
  const names = ['DAU', `WAU (${data.windows.wau} days)`, `MAU (${data.windows.mau} days)`];
  const ratioNames = ['DAU/MAU', `DAU/MAU, ${WEEK}-day mean`];
  const values: JsonValue[] = data.days.map((d) => ({
    date: d.date,
    [names[0] as string]: d.dau,
    [names[1] as string]: d.wau,
    [names[2] as string]: d.mau,
    [ratioNames[0] as string]: jsonNumber(d.dauMau),
    [ratioNames[1] as string]: jsonNumber(d.dauMauWeek),
  }));
  const full = vegaSize(o, { legend: true });
  const empty = data.days.length === 0;
  const yDomain = empty ? { scale: { domain: [0, 1] } } : {};
  const topHeight = Math.round(((full.height - 40) * 2) / 3);
  const x = (title: boolean): { [key: string]: JsonValue } => ({
    field: 'date',
    type: 'temporal',
    scale: empty ? { type: 'utc', domain: [0, 86_400_000] } : { type: 'utc' },
    title: title && o.xLabel !== '' ? o.xLabel : null,
    axis: { format: '%Y-%m-%d', labelAngle: 0, tickCount: Math.max(2, Math.floor(full.width / 90)), ...(title && !empty ? {} : { labels: false }) },
  });
  const tooltip = (fields: readonly string[], format: string): JsonValue => [
    { field: 'date', type: 'nominal', title: 'day' },
    ...fields.map((f) => ({ field: f, type: 'quantitative', format })),
  ];
  const note: JsonValue[] =
    empty ? [{ data: { values: [{ note: 'No data' }] }, mark: { type: 'text', fontSize: 13 }, encoding: { text: { field: 'note' }, x: { value: full.width / 2 }, y: { value: topHeight / 2 } } }] : [];
  const counts: { [key: string]: JsonValue } = {
    width: full.width,
    height: topHeight,
    data: { values },
    layer: [
      {
        transform: [{ fold: names, as: ['series', 'users'] }],
        mark: { type: 'line', strokeWidth: 2 },
        encoding: {
          x: x(false),
          y: { field: 'users', type: 'quantitative', title: o.yLabel === '' ? null : o.yLabel, axis: { format: ',d' }, ...yDomain },
          color: { field: 'series', type: 'nominal', title: null, scale: { domain: names, range: names.map((_, i) => colorOf(i)) }, sort: names },
        },
      },
      { mark: { type: 'rule', opacity: 0, strokeWidth: 8 }, encoding: { x: x(false), tooltip: tooltip(names, ',d') } },
      ...note,
    ],
  };
  const ratio: { [key: string]: JsonValue } = {
    width: full.width,
    height: full.height - 40 - topHeight,
    data: { values },
    layer: [
      {
        transform: [{ fold: ratioNames, as: ['series', 'ratio'] }],
        mark: { type: 'line' },
        encoding: {
          x: x(true),
          y: { field: 'ratio', type: 'quantitative', title: 'DAU/MAU (%)', axis: { format: '.0%', tickCount: 4 }, ...yDomain },
          color: { field: 'series', type: 'nominal', title: null, scale: { domain: ratioNames, range: [colorOf(3), colorOf(3)] }, sort: ratioNames },
          strokeWidth: { field: 'series', type: 'nominal', legend: null, sort: ratioNames, scale: { domain: ratioNames, range: [1, 2.5] } },
          opacity: { field: 'series', type: 'nominal', legend: null, sort: ratioNames, scale: { domain: ratioNames, range: [0.6, 1] } },
        },
      },
      { mark: { type: 'rule', opacity: 0, strokeWidth: 8 }, encoding: { x: x(true), tooltip: tooltip(ratioNames, '.1%') } },
    ],
  };
  return vegaSpec(o, { vconcat: [counts, ratio], spacing: 12, resolve: { scale: { color: 'independent', x: 'shared' } } }, { size: false });
}
