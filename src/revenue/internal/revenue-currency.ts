/**
 * The one currency check of the revenue readers (subscriptions and snapshots): a record may
 * state a currency; every stated currency of one call (or one accumulator) must be the
 * same. A missing one (`undefined` or `null`) is not checked, and values compare exactly:
 * `'usd'` is not `'USD'`.
 * @internal
 */

import { failColumnValue, failRecord, type RecordAt } from '../../core/errors.js';

/** The currency seen so far and where it was first seen. */
export class CurrencyCheck {
  /** The currency of the records so far; `null` while none stated one. */
  value: string | null;
  /** Where it was first stated (`snapshots[3]`), or `null` when that is not known (a merged state). */
  origin: string | null;

  constructor(value: string | null = null, origin: string | null = null) {
    this.value = value;
    this.origin = origin;
  }

  /**
   * Checks the currency `raw` of the record at `at` (`columns`: a column value, named
   * `collection.currency[i]`). The first stated currency is kept. O(1); cold unless `raw`
   * differs from the currency kept.
   * @throws {MetricsInputError} `invalid-currency` for a value that is not a non-empty
   * string (a blank one says to use `null`); `mixed-currency` for a second currency.
   */
  check(fn: string, raw: unknown, at: RecordAt, columns = false): void {
    if (raw === undefined || raw === null || raw === this.value) return;
    const failAt = columns ? failColumnValue : failRecord;
    if (typeof raw !== 'string' || raw.trim() === '') {
      const problem = typeof raw === 'string' ? 'is blank; use null (or leave it out) when the currency is not stated' : 'must be a non-empty string such as "USD"';
      failAt(fn, at, 'currency', 'invalid-currency', problem, raw);
    }
    if (this.value !== null) {
      const where = this.origin === null ? 'the currency of the snapshots already added' : `the currency of ${this.origin}`;
      failAt(fn, at, 'currency', 'mixed-currency', `differs from ${JSON.stringify(this.value)}, ${where}; convert the amounts to one currency first`, raw);
    }
    this.value = raw as string;
    this.origin = columns ? `${at.collection}.currency[${at.index}]` : `${at.collection}[${at.index}]`;
  }
}
