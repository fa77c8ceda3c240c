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
