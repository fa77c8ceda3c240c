import { expect } from 'vitest';
import { MetricsInputError } from '../../src/core/errors.js';

/** Runs `run`, expects it to throw a MetricsInputError, and returns that error. */
export function errorOf(run: () => unknown): MetricsInputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(MetricsInputError);
    return error as MetricsInputError;
  }
  throw new Error('expected a MetricsInputError');
}
