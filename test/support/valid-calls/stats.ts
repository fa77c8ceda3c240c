/**
 * The root entry's own functions (src/index.ts): the statistics functions, for the shared strict-options runner. None of them takes an options
 * object yet: their configuration is positional numbers, kept for now (a later issue changes
 * the calling conventions).
 */

import type { ValidCall } from '../valid-call.js';

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
