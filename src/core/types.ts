/**
 * An instant: epoch milliseconds, a `Date`, or an ISO-8601 string. A date-time string
 * must carry `Z` or an offset (`2024-03-10T08:30:00-05:00`); a date-only string
 * `YYYY-MM-DD` means the start of that calendar day in the time zone of the call.
 */
export type Timestamp = number | Date | string;

/**
 * A point estimate with its confidence interval, all on the same scale.
 * For proportions the scale is a fraction in [0, 1].
 */
export interface Estimate {
  /** The point estimate. */
  readonly value: number;
  /** Lower bound of the interval. */
  readonly lower: number;
  /** Upper bound of the interval. */
  readonly upper: number;
}

/** A day of the week: 0 = Sunday, 1 = Monday, ..., 6 = Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** A calendar period used for bucketing. */
export type Period = 'day' | 'week' | 'month';

/** Reads a field from a record; used to map other column names without copying. */
export type Accessor<R, T> = (record: R, index: number) => T;

/** Which way a rate moved from the period before: `'higher'`, `'lower'` or `'same'` (exact comparison). */
export type ChangeDirection = 'higher' | 'lower' | 'same';

/**
 * A rate with its change against the previous period: the one shape every "rate per
 * month (or period)" field has (churn, expansion, retention rates over time).
 */
export interface RateChange {
  /** The rate; `null` when its denominator is 0. */
  readonly value: number | null;
  /** Lower bound of its interval at the result's `confidence`; `null` without an interval or a value. */
  readonly lower: number | null;
  /** Upper bound of its interval; `null` without an interval or a value. */
  readonly upper: number | null;
  /** `value - previous value`; `null` in the first period, after a gap, or when either value is `null`. */
  readonly change: number | null;
  /** `'higher'`, `'lower'` or `'same'` than the period before; `null` when `change` is. */
  readonly direction: ChangeDirection | null;
}

/**
 * One step of a survival (Kaplan-Meier) curve: the one shape of `kaplanMeier().curve`,
 * `compareRetention()`'s curves and `timeToValue()`'s curve, which `retentionChart` draws.
 */
export interface SurvivalStep {
  /** The distinct time (duration) of the step. */
  readonly time: number;
  /** Subjects still at risk just before `time` (those censored at `time` included). */
  readonly atRisk: number;
  /** Events at `time`. */
  readonly events: number;
  /** Censorings at `time`. */
  readonly censored: number;
  /** S(time): the estimated share without the event after `time`. */
  readonly survival: number;
  /** Greenwood standard error of `survival`; `null` once the curve has reached 0. */
  readonly standardError: number | null;
  /** Lower interval bound, within [0, 1]; `null` once the curve has reached 0. */
  readonly lower: number | null;
  /** Upper interval bound, within [0, 1]; `null` once the curve has reached 0. */
  readonly upper: number | null;
}

/**
 * A quantile of a survival curve (the median, p75, ...) with its interval: the one median
 * shape. Never `null` itself: `value` is `null` when the curve never falls that far, and a
 * bound is `null` when the interval does not close (R `survival`'s `NA`).
 */
export interface SurvivalQuantile {
  /** The time by which the share has had the event; `null` when not reached. */
  readonly value: number | null;
  /** Lower bound of its interval; `null` when unbounded. */
  readonly lower: number | null;
  /** Upper bound of its interval; `null` when unbounded. */
  readonly upper: number | null;
}
