/**
 * The public types of the display module: chart and table options, the series the charts
 * draw, the results `retentionChart` takes as they are, and the notebook bundle; with the
 * shared types of the library, re-exported so that the display entry has them. Declared
 * here, in a public file, so that the module's `internal/` helpers can read them without an
 * import cycle.
 * @module
 */

import type { Estimate, Period, SurvivalStep } from '../core/types.js';
import type { ActiveUsersDay, StickinessBar } from '../engagement/types.js';
import type { HealthBandRange, NpsFigures } from '../scores/types.js';
import type { GrowthLifecyclePeriod, LifecycleFunnelStage } from '../lifecycle/types.js';
import type { RetentionMode } from '../retention/types.js';
import type { MrrMonth, RevenueRetentionWindow } from '../revenue/types.js';


/**
 * Options common to the charts (SVG and Vega-Lite alike). Each chart has its own default
 * title and axis labels; `''` shows none.
 */
export interface ChartOptions {
  /** A title above the plot (default: the chart's own, e.g. `'Retention'`). */
  readonly title?: string;
  /** A line under the title (default: the chart's own, often none). */
  readonly subtitle?: string;
  /** The x axis label, with its unit (default: the chart's own). */
  readonly xLabel?: string;
  /** The y axis label, with its unit (default: the chart's own). */
  readonly yLabel?: string;
  /** Width in pixels, 240 to 4096 (default 640). */
  readonly width?: number;
  /** Height in pixels, 180 to 4096 (default 400). */
  readonly height?: number;
}

/** A JSON value: what a Vega-Lite spec is made of (no `undefined`, no functions). */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

/**
 * A Vega-Lite v5 specification as plain JSON (`$schema`
 * `https://vega.github.io/schema/vega-lite/v5.json`, data inlined as `data.values`), for
 * `application/vnd.vegalite.v5+json` or `vegaEmbed`. Declared here without the vega-lite
 * types: the package has no runtime dependency.
 */
export interface VegaLiteSpec {
  /** `https://vega.github.io/schema/vega-lite/v5.json`. */
  readonly $schema: string;
  /** The rest of the spec: `data`, `mark`/`layer`/`vconcat`, `encoding`, `config`, ... */
  readonly [key: string]: JsonValue;
}

/**
 * How a table column writes its numbers (`htmlTable`, `textTable`):
 * - `'percent'`: a fraction as a percentage, `0.543` → `54%` (`54.3%` with `digits: 1`);
 * - `'money'`: grouped, with the currency, `$1,234` / `€1,234` / `1,234 CHF`;
 * - `'number'`: grouped, no decimals when every number of the column is whole, else 2;
 * - `'integer'`: grouped and rounded, `1,234`;
 * - `'interval'`: the column holds figures `{ value, lower, upper, ... }`, written
 *   `value (lower–upper)` on the scale the field's name or numbers imply (percent, money or
 *   number), and not flattened into columns even with other fields;
 * - `'date'`: a `Date` or epoch milliseconds as `YYYY-MM-DD` (midnight UTC) or an ISO instant;
 * - `'text'`: as it is, objects as JSON.
 * Strings are always shown as they are and `null` as `–`, whatever the format.
 */
export type TableFormat = 'percent' | 'money' | 'number' | 'integer' | 'interval' | 'date' | 'text';

/** Every {@link TableFormat}. @internal */
export const TABLE_FORMATS = ['percent', 'money', 'number', 'integer', 'interval', 'date', 'text'] as const satisfies readonly TableFormat[];

/** One column of a table, as `htmlTable` and `textTable` take it in `options.columns`. */
export interface TableColumn {
  /**
   * The field: a key of the rows, or a path into a nested object (`'customers.start'`). A
   * field holding objects (`'customers'`) stands for one column per key of them.
   */
  readonly key: string;
  /** The header (default: the key in words, `startingMrr` → `Starting MRR`); for an object, the start of its columns' headers. */
  readonly label?: string;
  /** How to write the values (default: by the field's name and values; see `htmlTable`). */
  readonly format?: TableFormat;
  /** Decimals, an integer from 0 to 10 (default: `options.digits` for percentages, else by the values). */
  readonly digits?: number;
}

/** Options of `htmlTable` and `textTable`. */
export interface TableOptions {
  /**
   * The columns, in order: keys (`'month'`, `'customers.start'`) or columns
   * `{ key, label?, format?, digits? }` (default: every field of every row, first seen
   * first, nested objects flattened).
   */
  readonly columns?: readonly (string | TableColumn)[];
  /**
   * The currency of every money column, e.g. `'USD'` (default: the row's `currency` field,
   * else the `currency` of the result passed, else none).
   */
  readonly currency?: string;
  /** Decimals of percentages, an integer from 0 to 10 (default 0: `54%`). */
  readonly digits?: number;
}

/** The keys of {@link TableOptions}. @internal */
export const TABLE_OPTION_KEYS = ['columns', 'currency', 'digits'] as const satisfies readonly (keyof TableOptions)[];

/** The keys of {@link TableColumn}. @internal */
export const TABLE_COLUMN_KEYS = ['key', 'label', 'format', 'digits'] as const satisfies readonly (keyof TableColumn)[];

/** Options of `htmlTable`. */
export type HtmlTableOptions = TableOptions;

/** Options of `textTable`. */
export type TextTableOptions = TableOptions;

/**
 * What a table shows: rows (an array or another iterable of objects), or a result as it
 * is: its first field that is a list of objects (`mrrMovements(...)` for its `months`), with
 * the result's `currency`; a result without a list is one row.
 */
export type TableInput = Iterable<object> | object;

/** One point of a line: `x` a number, a day `YYYY-MM-DD` or a month `YYYY-MM`. */
export interface LinePoint {
  /** A finite number, a day `YYYY-MM-DD` or a month `YYYY-MM`, of the same kind in all series. */
  readonly x: number | string;
  /** `null` breaks the line (e.g. a `dauMau` with no monthly users). */
  readonly y: number | null;
}

/** A named line. */
export interface LineSeries {
  /** The legend entry (a non-empty string or a finite number). */
  readonly name: string | number;
  /** Points in x order. */
  readonly points: Iterable<LinePoint>;
}

/** One point of a retention (survival) curve: the share still retained from `time` on. */
export interface RetentionPoint {
  /** When the curve steps to `value` (days, weeks... in the caller's unit). */
  readonly time: number;
  /** The share retained, usually in [0, 1]; `null` breaks the curve. */
  readonly value: number | null;
  /** Lower bound of the interval; `null` or absent draws no band at this step. */
  readonly lower?: number | null;
  /** Upper bound of the interval; `null` or absent draws no band at this step. */
  readonly upper?: number | null;
  /** Subjects at risk just before `time`, for the at-risk row (absent: no row for this curve). */
  readonly atRisk?: number;
  /** Censorings at `time`, drawn as a small tick on the curve (absent: none). */
  readonly censored?: number;
}

/** Options of `retentionChart` and `retentionChartSpec`. */
export interface RetentionChartOptions extends ChartOptions {
  /**
   * Print the number at risk at each x tick under the axis, one row per curve (default
   * true; curves without `atRisk` counts have no row).
   */
  readonly atRisk?: boolean;
}

/** A named retention curve. */
export interface RetentionCurve {
  /** The legend entry (a non-empty string or a finite number). */
  readonly name: string | number;
  /** Steps in time order. */
  readonly points: Iterable<RetentionPoint>;
}

/** The fields of a survival step that `retentionChart` draws: a `SurvivalStep` has them all. */
export type SurvivalCurveStep = Pick<SurvivalStep, 'time' | 'survival' | 'lower' | 'upper'>;

/**
 * A result with one survival curve, passed to `retentionChart` as it is: a `kaplanMeier`
 * result, or a `timeToValue` result (whose curve is the share that has not reached the
 * value yet). Only `curve` is read.
 */
export interface SurvivalCurveResult {
  /** Survival steps in time order. */
  readonly curve: Iterable<SurvivalCurveStep>;
}

/**
 * A result with the two curves of a comparison, passed to `retentionChart` as it is: a
 * `compareRetention` result. Only `segment.curve` and `control.curve` are read.
 */
export interface ComparedSurvivalResult {
  /** The compared group. */
  readonly segment: SurvivalCurveResult;
  /** The other group. */
  readonly control: SurvivalCurveResult;
}

/**
 * What `retentionChart` draws: curves `{ name, points }`, or a survival result as it is
 * (`kaplanMeier`, `timeToValue`, `compareRetention`).
 */
export type RetentionChartInput = Iterable<RetentionCurve> | SurvivalCurveResult | ComparedSurvivalResult;

/** The fields of an `activeUsers` day that `activeUsersChart` draws (`complete` absent: complete). */
export type ActiveUsersChartDay = Pick<ActiveUsersDay, 'date' | 'dau' | 'wau' | 'mau' | 'dauMau'> & {
  /** `false` for a day still in progress: left out of the chart. */
  readonly complete?: boolean;
};

/** What `activeUsersChart` draws: an `activeUsers` result (grouped or not) as it is. */
export interface ActiveUsersChartInput {
  /** One row per day, in date order. */
  readonly days: Iterable<ActiveUsersChartDay>;
  /** The rolling windows, for the legend (default 7 and 30). */
  readonly windows?: {
    /** Days in the WAU window. */
    readonly wau: number;
    /** Days in the MAU window. */
    readonly mau: number;
  };
  /** The time zone of the days, for the x label. */
  readonly timeZone?: string;
}

/** The fields of a stickiness bar that `stickinessHistogram` draws. */
export type StickinessHistogramBar = Pick<StickinessBar, 'activeDays' | 'userCount'> & Partial<Pick<StickinessBar, 'share' | 'atLeast' | 'atLeastShare'>>;

/** What `stickinessHistogram` draws: a `stickiness` result (or one of its groups) as it is. */
export interface StickinessHistogramInput {
  /** Users by number of active days. */
  readonly histogram: Iterable<StickinessHistogramBar>;
  /** For the subtitle: mean DAU/MAU. */
  readonly meanDauMau?: number | null;
  /** For the subtitle: the stickiness band. */
  readonly band?: string | null;
  /** For the subtitle: users active at least once. */
  readonly activeUsers?: number;
  /** For the subtitle: the range's first day. */
  readonly from?: string | null;
  /** For the subtitle: the range's last day. */
  readonly to?: string | null;
}

/** Options of `stickinessHistogram` and `stickinessHistogramSpec`. */
export interface StickinessHistogramOptions extends ChartOptions {
  /** Bars as a share of the active users (%) instead of user counts (default false). */
  readonly share?: boolean;
}

/** The NPS figures `npsChart` draws for one group (or the whole). */
export type NpsChartFigures = Pick<NpsFigures, 'score' | 'lower' | 'upper' | 'n'> & Partial<Pick<NpsFigures, 'promoterShare' | 'passiveShare' | 'detractorShare'>>;

/** One group of an `nps` result with `groupBy`. */
export type NpsChartGroup = NpsChartFigures & {
  /** The group: a period (`'2026-03'`), a plan... */
  readonly group: string | number;
};

/** What `npsChart` draws: an `nps` result, grouped (`groupBy`, e.g. by month) or not. */
export type NpsChartInput = NpsChartFigures & {
  /** Confidence level of the intervals, for the subtitle. */
  readonly confidence?: number;
  /** Interval method, for the subtitle. */
  readonly method?: string;
  /** One row per group; absent: the overall NPS is the one point. */
  readonly groups?: Iterable<NpsChartGroup>;
};

/** Options of `npsChart` and `npsChartSpec`. */
export interface NpsChartOptions extends ChartOptions {
  /**
   * The order of the groups along x: `'group'` (default: by group value, numbers then
   * strings, so periods `YYYY-MM` run in time order) or `'given'` (the result's order).
   */
  readonly order?: 'group' | 'given';
}

/** What `healthBandsChart` draws: a `healthScores` result as it is. */
export interface HealthBandsChartInput {
  /** The bands, in score order. */
  readonly bands: Iterable<HealthBandRange<string>>;
  /** One row per account: only `score` and `band` are read. */
  readonly accounts: Iterable<{
    /** The account's health score, 0..100; `null` when it has none. */
    readonly score: number | null;
    /** The account's band; `null` when it has no score. */
    readonly band: string | null;
  }>;
}

/** Options of `healthBandsChart` and `healthBandsChartSpec`. */
export interface HealthBandsChartOptions extends ChartOptions {
  /** Width of the score histogram's bins, in points: 1, 2, 4, 5, 10, 20 or 25 (default 5). */
  readonly binWidth?: number;
}

/**
 * The MIME bundle a Jupyter kernel shows: each front end picks the richest type it renders
 * (JupyterLab, VS Code and Deno's kernel: Vega-Lite; others: SVG or HTML; a terminal: text).
 */
export interface DisplayBundle {
  /** A standalone SVG document, for charts. */
  readonly 'image/svg+xml'?: string;
  /** A Vega-Lite v5 spec, rendered with tooltips by JupyterLab, VS Code and nteract. */
  readonly 'application/vnd.vegalite.v5+json'?: VegaLiteSpec;
  /** HTML markup, for tables. */
  readonly 'text/html'?: string;
  /** A plain-text fallback. */
  readonly 'text/plain'?: string;
}

/** What `displayable` bundles: any of a chart's SVG, its Vega-Lite spec, HTML, and text (at least one). */
export interface DisplayParts {
  /** An SVG document (`xxxChart(...)`), shown as `image/svg+xml`. */
  readonly svg?: string;
  /** A Vega-Lite v5 spec (`xxxSpec(...)`), shown as `application/vnd.vegalite.v5+json`. */
  readonly vegaLite?: VegaLiteSpec;
  /** HTML markup (`htmlTable(...)`), shown as `text/html`. */
  readonly html?: string;
  /** Plain text, shown as `text/plain` (default for a chart: its title, `[chart] Title`). */
  readonly text?: string;
}

/** An object that Deno's Jupyter kernel renders with its `Symbol.for('Jupyter.display')` method. */
export interface Displayable {
  /** The markup as given (a bundle: its SVG, else its HTML, else `''`). */
  readonly markup: string;
  /** The MIME bundle the display method returns. */
  readonly bundle: DisplayBundle;
  /** The display method: returns {@link Displayable.bundle}. */
  [key: symbol]: () => DisplayBundle;
}

// ---------------------------------------------------------------------------------------
// cohortHeatmap, funnelChart, growthLifecycleChart, mrrBridgeChart, revenueRetentionChart
// (restored by the retention/active-users helper after an edit of theirs cut them off:
// check against src/display/internal/{cohort-grid,funnel-stages,growth-bars,mrr-bridge-bars,revenue-retention-lines}.ts)

/** One cohort row that `cohortHeatmap` draws: a `cohortRetention` row as it is. */
export interface CohortHeatmapRow {
  /** The cohort's key, e.g. `'2026-03'`. */
  readonly cohort: string | number;
  /** Users in the cohort. */
  readonly size: number;
  /** One rate per interval (or bracket); `null` where not observable yet (a blank cell). */
  readonly rates: Iterable<number | null>;
  /** Retained users per interval (optional: the mean row uses `rate × size` without them). */
  readonly counts?: Iterable<number | null>;
  /** Whether the cohort's period is over (absent: complete). */
  readonly complete?: boolean;
}

/** What `cohortHeatmap` draws: a `cohortRetention` result as it is (only these fields are read). */
export interface CohortHeatmapInput {
  /** One row per cohort, first to last. */
  readonly cohorts: Iterable<CohortHeatmapRow>;
  /** The interval of the columns (`'month'`...), for the axis label. */
  readonly interval?: Period;
  /** The cohort period, for the axis label. */
  readonly cohort?: Period;
  /** What the cohorts start at (`'first-activity'`, `'signup'`...), for the labels. */
  readonly start?: string;
  /** The retention mode, for the subtitle. */
  readonly mode?: RetentionMode;
  /** The brackets of bracket mode, `[first, last]` pairs, for the column labels. */
  readonly brackets?: readonly (readonly [number, number])[] | null;
  /** The last interval reported: the number of columns is `lastPeriod + 1` at least. */
  readonly lastPeriod?: number;
  /** Whether the intervals are rolling (24 hours, 7 or 30 days). */
  readonly rolling?: boolean;
}

/** Options of `cohortHeatmap` and `cohortHeatmapSpec`. */
export interface CohortHeatmapOptions extends ChartOptions {
  /** Add the size-weighted mean row of the cohorts drawn (default true). */
  readonly mean?: boolean;
}

/** One stage that `funnelChart` draws: a `lifecycleFunnel` stage as it is. */
export type FunnelChartStage = Pick<LifecycleFunnelStage, 'name' | 'reached'> & {
  /** Conversion from the stage before, with its interval (labelled between the bars). */
  readonly conversionFromPrevious?: Pick<Estimate, 'value'> & Partial<Pick<Estimate, 'lower' | 'upper'>> | null;
  /** Median days from the stage before. */
  readonly medianDaysFromPrevious?: number | null;
};

/** What `funnelChart` draws: a `lifecycleFunnel` result as it is. */
export interface FunnelChartInput {
  /** The stages, in funnel order. */
  readonly stages: Iterable<FunnelChartStage>;
  /** For the subtitle: the journeys counted. */
  readonly journeys?: number;
  /** For the subtitle: the day of `asOf`. */
  readonly asOfDate?: string | null;
  /** For the subtitle: whether a stage counts only once every earlier one is reached. */
  readonly inOrder?: boolean;
}

/** One period that `growthLifecycleChart` draws: a `growthLifecycle` period as it is. */
export type GrowthLifecycleChartPeriod = Pick<GrowthLifecyclePeriod, 'period' | 'new' | 'returning' | 'resurrecting' | 'dormant'> & {
  /** Whether the period is over (absent: complete). */
  readonly complete?: boolean;
};

/** What `growthLifecycleChart` draws: a `growthLifecycle` result as it is. */
export interface GrowthLifecycleChartInput {
  /** One entry per period (days `YYYY-MM-DD` or months `YYYY-MM`). */
  readonly periods: Iterable<GrowthLifecycleChartPeriod>;
  /** The period length, for the labels. */
  readonly period?: Period;
}

/** One month that `mrrBridgeChart` draws: an `mrrMovements` month as it is. */
export type MrrBridgeChartMonth = Pick<MrrMonth, 'month' | 'newMrr' | 'expansionMrr' | 'reactivationMrr' | 'contractionMrr' | 'churnedMrr'> & {
  /** Whether the month is over (absent: complete). */
  readonly complete?: boolean;
};

/** What `mrrBridgeChart` draws: an `mrrMovements` result as it is. */
export interface MrrBridgeChartInput {
  /** One entry per month. */
  readonly months: Iterable<MrrBridgeChartMonth>;
  /** The currency, for the axis label. */
  readonly currency?: string | null;
}

/** One window that `revenueRetentionChart` draws: a trailing window of NRR or GRR. */
export type RevenueRetentionChartWindow = Pick<RevenueRetentionWindow, 'month' | 'value'> & {
  /** Whether the window's last month is over (absent: complete). */
  readonly complete?: boolean;
};

/** A `netRevenueRetention` or `grossRevenueRetention` result computed with `trailing: true`. */
export interface TrailingRevenueRetentionInput {
  /** One window per month. */
  readonly trailing: Iterable<RevenueRetentionChartWindow>;
  /** The window length, for the subtitle. */
  readonly windowMonths?: number;
}

/** What `revenueRetentionChart` draws: `{ nrr, grr }`, either or both. */
export type RevenueRetentionChartInput =
  | {
      /** A trailing `netRevenueRetention` result. */
      readonly nrr: TrailingRevenueRetentionInput;
      /** A trailing `grossRevenueRetention` result. */
      readonly grr?: TrailingRevenueRetentionInput;
    }
  | {
      /** A trailing `netRevenueRetention` result. */
      readonly nrr?: TrailingRevenueRetentionInput;
      /** A trailing `grossRevenueRetention` result. */
      readonly grr: TrailingRevenueRetentionInput;
    };
