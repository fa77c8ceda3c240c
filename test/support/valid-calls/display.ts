/**
 * Valid calls of every export of `customer-success-metrics/display` (src/display/index.ts),
 * for the shared strict-options runner.
 */
import { htmlTable, lineChart, retentionChart } from '../../../src/display/index.js';
import type { ValidCall } from '../valid-call.js';

export const validCalls: Record<string, ValidCall> = {
  displayable: { noOptions: 'takes only the markup string' },
  htmlTable: { call: (extra) => htmlTable([{ a: 1, b: 2 }], { columns: ['b'], ...extra }), key: 'columns' },
  lineChart: { call: (extra) => lineChart([{ name: 'DAU', points: [{ x: '2024-06-29', y: 3 }, { x: '2024-06-30', y: 4 }] }], { ...extra }), key: 'xLabel' },
  retentionChart: { call: (extra) => retentionChart([{ name: 'all', points: [{ time: 0, value: 1 }, { time: 7, value: 0.5 }] }], { ...extra }), key: 'title' },
};
