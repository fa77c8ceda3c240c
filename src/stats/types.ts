/**
 * The public types of the statistics functions (`wilsonInterval`, `newcombeInterval`),
 * which the root entry re-exports with the functions.
 * @module
 */

/** Options of `wilsonInterval`. */
export interface WilsonIntervalOptions {
  /** The confidence level, strictly between 0 and 1 (default 0.95). */
  readonly confidence?: number;
}

/** Successes out of trials: one of the two proportions `newcombeInterval` compares. */
export interface ProportionCounts {
  /** An integer from 0 to `trials`. */
  readonly successes: number;
  /** An integer >= 0. */
  readonly trials: number;
}

/** Options of `newcombeInterval`. */
export interface NewcombeIntervalOptions {
  /** The confidence level of the interval, strictly between 0 and 1 (default 0.95); both Wilson intervals use it. */
  readonly confidence?: number;
}
