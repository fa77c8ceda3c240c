import { expect } from 'vitest';
import { errorOf } from '../support/errors.js';

/**
 * Asserts |actual - expected| <= max(relative · |expected|, absolute). With the default
 * `absolute = 0` an expected 0 demands an exact 0.
 */
export function expectClose(actual: number, expected: number, relative: number, absolute = 0): void {
  const tolerance = Math.max(relative * Math.abs(expected), absolute);
  expect(Number.isFinite(actual), `${actual} is finite`).toBe(true);
  expect(Math.abs(actual - expected), `${actual} vs expected ${expected} (tolerance ${tolerance})`).toBeLessThanOrEqual(tolerance);
}

/** Runs `run`, expecting a MetricsInputError with exactly this code, path and message. */
export function expectInputError(run: () => unknown, expected: { code: string; path: string; message: string }): void {
  const error = errorOf(run);
  expect({ code: error.code, path: error.path, message: error.message }).toEqual(expected);
}
