/** One export's entry in the strict-options walk (test/strict-options.test.ts). */
export interface ValidCall {
  /**
   * Calls the export with small valid inputs, merging `extra` into its options object (for a
   * milestone factory, accumulator or classifier: into the options given at creation).
   */
  readonly call?: (extra: Record<string, unknown>) => unknown;
  /** One valid top-level option key, from which the walk makes near-miss typos. */
  readonly key?: string;
  /** Set instead of `call`/`key` when the export takes no options object at all: why. */
  readonly noOptions?: string;
}

/** One function's entry in the date-only `asOf` table (test/as-of.test.ts). */
export interface AsOfCase {
  /** The export's name. */
  readonly name: string;
  /**
   * `'month'` for functions whose records are monthly snapshots (a month, no time of day):
   * such a record counts for its whole month, so one 1 ms before the late event still counts.
   */
  readonly granularity?: 'month';
  /**
   * Set for a summary over complete days only (stickiness): a day still in progress at an
   * instant `asOf` is left out with its events, so the late event counts only once its day is
   * complete.
   */
  readonly completeDaysOnly?: true;
  /**
   * Runs the function on data with an event (or record) late on 2024-06-30 in `timeZone`
   * (23:30 local), with `asOf` as given, and reports what happened.
   */
  readonly run: (
    asOf: string | number,
    timeZone: string,
  ) => {
    /** Whether the late event was counted. */
    readonly counted: boolean;
    /** Whether the period (day, month...) ending on 2024-06-30 is reported complete. */
    readonly complete: boolean;
    /** The result's echo. */
    readonly asOf: string | null;
    readonly asOfDate: string | null;
  };
}
