import { expect } from 'vitest';
import { MetricsInputError } from '../../src/core/errors.js';

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
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(MetricsInputError);
  const error = caught as MetricsInputError;
  expect({ code: error.code, path: error.path, message: error.message }).toEqual(expected);
}
