/**
 * `inlineParams` in the strict-options walk: it takes a query a builder returned, not an
 * options object.
 */
import type { ValidCall } from '../valid-call.js';

export const validCalls: Record<string, ValidCall> = {
  inlineParams: { noOptions: 'takes the SqlQuery a builder returned (dialect, sql, params, decode), and no options' },
};
