/**
 * Valid calls of every export of `customer-success-metrics/sample` (src/sample/index.ts),
 * for the shared strict-options runner.
 */
import { sampleCompany } from '../../../src/sample/index.js';
import type { ValidCall } from '../valid-call.js';


export const validCalls: Record<string, ValidCall> = {
  sampleCompany: { call: (extra) => sampleCompany({ accounts: 1, ...extra }), key: 'accounts' },
};
