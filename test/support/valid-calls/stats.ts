/**
 * The root entry's own functions (src/index.ts): the statistics functions, for the shared strict-options runner. None of them takes an options
 * object yet: their configuration is positional numbers, kept for now (a later issue changes
 * the calling conventions).
 */

export interface ValidCall {
  /** Calls the export with small valid inputs, merging `extra` into its options object
   *  (for a milestone factory/accumulator: into the options given at creation). */
  readonly call?: (extra: Record<string, unknown>) => unknown;
  /** One valid top-level option key (used to make a near-miss typo, e.g. 'timeZone'). */
  readonly key?: string;
  /** Set instead of call/key when the export takes no options object at all. */
  readonly noOptions?: string; // why, e.g. 'positional numbers only'
}

const POSITIONAL = 'positional numbers only; the calling convention changes in a later issue';

export const validCalls: Record<string, ValidCall> = {
  chiSquareSurvival: { noOptions: `${POSITIONAL} (x, degreesOfFreedom)` },
  compensatedSum: { noOptions: 'takes only the numbers to add' },
  newcombeInterval: {
    noOptions: `${POSITIONAL} (a, b, confidence); the samples { successes, trials } are data whose keys are checked (unknown-option at a.<key>, test/stats/newcombe-interval.test.ts)`,
  },
  normalCdf: { noOptions: `${POSITIONAL} (x)` },
  normalQuantile: { noOptions: `${POSITIONAL} (p)` },
  studentTQuantile: { noOptions: `${POSITIONAL} (p, degreesOfFreedom)` },
  wilsonInterval: { noOptions: `${POSITIONAL} (successes, trials, confidence)` },
};
