/**
 * Feeding an accumulator from an async (or sync) source of records and batches.
 *
 * Each item of the source is a record, an array of records, or a columns batch (an
 * object whose `userId`-like key columns are array-likes, as {@link isBatch} decides).
 * Records are gathered into arrays of `batchSize` and handed to `addBatch` with the
 * stream position of their first record, so error paths can name the record's position
 * in the whole stream; arrays and column batches are handed over as they come (after the
 * records gathered before them). Memory: one batch of records at a time.
 * @internal
 */

import { fail } from './errors.js';

/** Default number of records gathered into one batch. */
export const DEFAULT_BATCH_SIZE = 65_536;

/**
 * Reads `source` to its end, calling `addBatch(batch, indexBase)` for each batch.
 * `isBatch` tells a columns batch from a record; arrays are always batches of records.
 *
 * @throws {MetricsInputError} (`invalid-input`, path `collection`) when `source` is neither
 * an async iterable nor an iterable.
 */
export async function feedBatches<T>(
  fn: string,
  collection: string,
  source: AsyncIterable<unknown> | Iterable<unknown>,
  isBatch: (item: unknown) => boolean,
  addBatch: (batch: T, indexBase: number) => void,
  batchSize: number = DEFAULT_BATCH_SIZE,
): Promise<void> {
  const iterable = source as Partial<AsyncIterable<unknown> & Iterable<unknown>> | null;
  if (
    iterable === null ||
    typeof iterable !== 'object' ||
    (typeof iterable[Symbol.asyncIterator] !== 'function' && typeof iterable[Symbol.iterator] !== 'function')
  ) {
    fail(fn, collection, 'invalid-input', 'must be an AsyncIterable or Iterable of records or batches', source);
  }
  let pending: unknown[] = [];
  let position = 0;
  const flush = (): void => {
    if (pending.length === 0) return;
    const batch = pending;
    pending = [];
    addBatch(batch as T, position);
    position += batch.length;
  };
  for await (const item of source as AsyncIterable<unknown>) {
    if (Array.isArray(item)) {
      flush();
      addBatch(item as T, position);
      position += item.length;
    } else if (isBatch(item)) {
      flush();
      addBatch(item as T, position);
      position += batchLength(item);
    } else {
      pending.push(item);
      if (pending.length >= batchSize) flush();
    }
  }
  flush();
}

/** Number of records in a columns batch: the length of its first array-like column. */
function batchLength(batch: unknown): number {
  for (const value of Object.values(batch as Record<string, unknown>)) {
    if (value !== null && typeof value === 'object' && typeof (value as ArrayLike<unknown>).length === 'number') {
      return (value as ArrayLike<unknown>).length;
    }
  }
  return 0;
}
