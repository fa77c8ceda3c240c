/**
 * Readers for the fields of a serialized accumulator state, failing with `invalid-state`.
 * @internal
 */

import { fail } from './errors.js';

/** Whether a value is a plain object (not null, not an array). */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** `state[field]`, which must be an array. @throws {MetricsInputError} `invalid-state` at `state.<field>`. */
export function readArray(fn: string, state: Record<string, unknown>, field: string): unknown[] {
  const value = state[field];
  if (!Array.isArray(value)) fail(fn, `state.${field}`, 'invalid-state', 'must be an array', value);
  return value;
}
