/**
 * The public types of the display module: chart and table options, the series the charts
 * draw, the results `retentionChart` takes as they are, and the notebook bundle; with the
 * shared types of the library, re-exported so that the display entry has them. Declared
 * here, in a public file, so that the module's `internal/` helpers can read them without an
 * import cycle.
 * @module
 */

import type { SurvivalStep } from '../core/types.js';


/** Options common to the charts. */
export interface ChartOptions {
  /** A title above the plot (default none). */
  readonly title?: string;
  /** The x axis label (default none). */
  readonly xLabel?: string;
  /** The y axis label (default none). */
  readonly yLabel?: string;
}

/** Options of `htmlTable`. */
export interface HtmlTableOptions {
  /** The keys to show, in order (default: every key of every row, first seen first). */
  readonly columns?: readonly string[];
}

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

/** The MIME bundle a Jupyter kernel shows: HTML or SVG. */
export type DisplayBundle =
  | {
      /** HTML markup, for tables. */
      readonly 'text/html': string;
    }
  | {
      /** A standalone SVG document, for charts. */
      readonly 'image/svg+xml': string;
    };

/** An object that Deno's Jupyter kernel renders with its `Symbol.for('Jupyter.display')` method. */
export interface Displayable {
  /** The markup as given. */
  readonly markup: string;
  /** The MIME bundle: `image/svg+xml` for an SVG document, `text/html` otherwise. */
  [key: symbol]: () => DisplayBundle;
}
