/**
 * The root entry's own functions (src/index.ts): the statistics functions, for the shared
 * strict-options runner. The intervals take `{ confidence }` (1.0: no positional
 * configuration); the distributions and sums take only numbers.
 */
import { newcombeInterval } from '../../../src/stats/newcombe-interval.js';
import { wilsonInterval } from '../../../src/stats/wilson-interval.js';
import type { ValidCall } from '../valid-call.js';

export const validCalls: Record<string, ValidCall> = {
  chiSquareSurvival: { noOptions: 'takes only numbers: (x, degreesOfFreedom)' },
  compensatedSum: { noOptions: 'takes only the numbers to add' },
  // The samples { successes, trials } are data whose keys are checked too (unknown-option at a.<key>, test/stats/newcombe-interval.test.ts).
  newcombeInterval: { call: (extra) => newcombeInterval({ successes: 3, trials: 10 }, { successes: 1, trials: 8 }, { ...extra }), key: 'confidence' },
  normalCdf: { noOptions: 'takes only a number: (x)' },
  normalQuantile: { noOptions: 'takes only a number: (p)' },
  studentTQuantile: { noOptions: 'takes only numbers: (p, degreesOfFreedom)' },
  wilsonInterval: { call: (extra) => wilsonInterval(3, 10, { ...extra }), key: 'confidence' },
};
