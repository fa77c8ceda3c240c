/**
 * Valid calls of every export of `customer-success-metrics/display` (src/display/index.ts),
 * for the shared strict-options runner.
 */
import { lineChart, retentionChart } from '../../../src/display/index.js';

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
  displayable: { noOptions: 'takes only the markup string' },
  htmlTable: { noOptions: 'takes the rows and a positional array of column keys, checked to be strings' },
  lineChart: { call: (extra) => lineChart([{ name: 'DAU', points: [{ x: '2024-06-29', y: 3 }, { x: '2024-06-30', y: 4 }] }], { ...extra }), key: 'xLabel' },
  retentionChart: { call: (extra) => retentionChart([{ name: 'all', points: [{ time: 0, value: 1 }, { time: 7, value: 0.5 }] }], { ...extra }), key: 'title' },
};
