/**
 * Valid calls of every export of `customer-success-metrics/sample` (src/sample/index.ts),
 * for the shared strict-options runner.
 */
import { sampleCompany } from '../../../src/sample/index.js';

export interface ValidCall {
  /** Calls the export with small valid inputs, merging `extra` into its options object
   *  (for a milestone factory/accumulator: into the options given at creation). */
  readonly call?: (extra: Record<string, unknown>) => unknown;
  /** One valid top-level option key (used to make a near-miss typo, e.g. 'timeZone'). */
  readonly key?: string;
  /** Set instead of call/key when the export takes no options object at all. */
  readonly noOptions?: string; // why, e.g. 'positional numbers only'
}

export const validCalls: Record<string, ValidCall> = {
  sampleCompany: { call: (extra) => sampleCompany({ accounts: 1, ...extra }), key: 'accounts' },
};
