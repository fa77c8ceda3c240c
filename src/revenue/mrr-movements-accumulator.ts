import { feedBatches } from '../core/batches.js';
import { fail } from '../core/errors.js';
import { optionsOf } from '../core/options.js';
import type { Id } from '../core/read.js';
import { mrrBridge, readBridgeOptions, type BridgeOptions } from './internal/mrr-bridge.js';
import { SnapshotKeys } from './internal/mrr-snapshot-keys.js';
import {
  SnapshotLog,
  failDuplicate,
  isSnapshotColumns,
  readSnapshotColumns,
  readSnapshotRows,
  requireSnapshots,
  snapshotReaders,
  sortSnapshots,
  type SnapshotReaders,
  type SortedSnapshots,
} from './internal/mrr-snapshots.js';
import { decodeState, encodeState } from './internal/mrr-state.js';
import { CurrencyCheck } from './internal/revenue-currency.js';
import {
  MRR_MOVEMENTS_OPTION_KEYS,
  type DetailedMrrMovementsResult,
  type MrrMovementsAccumulator,
  type MrrMovementsAccumulatorOptions,
  type MrrMovementsResult,
  type MrrMovementsState,
  type MrrSnapshotColumns,
} from './types.js';

const FN = 'mrrMovementsAccumulator';

/**
 * An accumulator of MRR snapshots whose result is `mrrMovements` of everything added:
 * feed it batches of `{ accountId, month, mrr, currency? }` records or columns (or an `AsyncIterable`,
 * so a file larger than memory streams through), serialize its state to JSON, and merge
 * states from other shards.
 *
 * Definition: `result()` equals `mrrMovements(all snapshots, options)`, to the last bit and
 * including `perCustomer` movements, for any split of the snapshots into batches and shards
 * merged in any order. The state holds the snapshots themselves rather than monthly totals:
 * an account's movement in a month depends on its MRR in the month before, which may sit in
 * another shard, and the bridge's compensated sums run over accounts in id order, so only
 * the snapshots give the exact result. Merging is associative and commutative, and an
 * (account, month) found twice, within a batch, across batches or across merged states,
 * throws, as `mrrMovements` does, instead of being summed; so does a second currency.
 *
 * Source: the MRR movement categories of ChartMogul, Baremetrics and ProfitWell, as in
 * `mrrMovements`.
 *
 * Cost: `add` O(b) expected for a batch of b snapshots, no allocation per snapshot: one id
 * lookup each, and a repeat check that is one array lookup while every account's months
 * arrive in ascending order (exports sorted by month or by account, shards split by time
 * or by account), one hash-table insert after that; `merge` O(m) for m merged snapshots;
 * `state` and `result` O(n + C log C + M) for n snapshots, C accounts and M months (a
 * radix sort into canonical order, kept until the next `add` or `merge`), plus the bridge.
 * Memory: 16 bytes per snapshot in flat typed arrays, with up to as much again of growth
 * room (the sorted order replaces the arrival order rather than adding a copy), plus 8 to
 * 16 bytes for the hash table when there is one.
 *
 * Time: as in `mrrMovements`, fixed at creation: `asOf` (a month, a date or an instant in
 * `timeZone`) defaults to the end of the latest snapshot month of everything added when
 * `result()` is called; months after its month are left out and every month says whether
 * it is `complete`.
 *
 * Edge cases: an accumulator with nothing added gives what `mrrMovements([])` gives;
 * columns batches are read without accessors; ids `-0` and `0` are the same account. A
 * version-1 state (0.x, with `customerIds` and `customer`) is read as well.
 *
 * @param options `{ from?, to?, asOf?, timeZone? = 'UTC', perCustomer? = false }` and
 * accessors, as for `mrrMovements`, checked at creation.
 * @param state a state to start from (from `state()`, possibly through JSON).
 * @returns the accumulator.
 * @throws {MetricsInputError} at creation: the option errors of `mrrMovements`
 * (`unknown-option` for a key that is not an option, `invalid-option` for `null`);
 * `invalid-state` at `state` or `state.<field>` for a state that is malformed, of another
 * kind or another version. `add` and `addAsync`: the record errors of `mrrMovements`
 * (`snapshots[i] (accountId "…").<field>`, or `snapshots.<column>[i] (accountId "…")` in
 * a columns batch, `i` the position in the stream for `addAsync`), `invalid-input` for a
 * batch that is neither records nor columns, or columns of different lengths; `duplicate-snapshot` at `snapshots[i]`;
 * `mixed-currency` at `snapshots[i].currency`. `merge`: `invalid-state` as above;
 * `duplicate-snapshot` at `state`; `mixed-currency` at `state.currency`. `result`: `overflow`.
 *
 * @example
 * ```ts
 * import { mrrMovementsAccumulator } from 'customer-success-metrics/revenue';
 * // Two shards: January and February in two batches of records, March as columns.
 * const first = mrrMovementsAccumulator()
 *   .add([{ accountId: 'acme', month: '2024-01', mrr: 100 }, { accountId: 'bolt', month: '2024-01', mrr: 50 }])
 *   .add([{ accountId: 'acme', month: '2024-02', mrr: 150 }, { accountId: 'cove', month: '2024-02', mrr: 80 }]);
 * const second = mrrMovementsAccumulator().add({ accountId: ['acme', 'bolt', 'cove'], month: ['2024-03', '2024-03', '2024-03'], mrr: [120, 50, 80] });
 * second.state();
 * // => { kind: 'customer-success-metrics/mrr-movements', version: 2, currency: null, accountIds: ['acme', 'bolt', 'cove'], account: [0, 1, 2], month: [650, 650, 650], mrr: [120, 50, 80] }
 * // The states travel as JSON (from workers or serverless invocations) and merge.
 * const total = mrrMovementsAccumulator().merge(JSON.parse(JSON.stringify(first.state()))).merge(JSON.parse(JSON.stringify(second.state())));
 * const { months } = total.result();
 * months.map((m) => [m.month, m.startingMrr, m.endingMrr]);
 * // => [['2024-01', 150, 150], ['2024-02', 150, 230], ['2024-03', 230, 250]]
 * months.map((m) => [m.newMrr, m.expansionMrr, m.contractionMrr, m.churnedMrr, m.reactivationMrr]);
 * // => [[0, 0, 0, 0, 0], [80, 50, 0, 50, 0], [0, 0, 30, 0, 50]]
 * ```
 */
export function mrrMovementsAccumulator<R>(
  options: MrrMovementsAccumulatorOptions<R> & { readonly perCustomer: true },
  state?: MrrMovementsState,
): MrrMovementsAccumulator<R, DetailedMrrMovementsResult>;
export function mrrMovementsAccumulator<R>(options?: MrrMovementsAccumulatorOptions<R>, state?: MrrMovementsState): MrrMovementsAccumulator<R>;
export function mrrMovementsAccumulator<R>(
  options?: MrrMovementsAccumulatorOptions<R>,
  state?: MrrMovementsState,
): MrrMovementsAccumulator<R, MrrMovementsResult | DetailedMrrMovementsResult> {
  const opts = optionsOf(options, FN, MRR_MOVEMENTS_OPTION_KEYS);
  const bridgeOptions = readBridgeOptions(opts, FN);
  const readers = snapshotReaders<R>(opts, FN);
  const accumulator = new Accumulator<R>(bridgeOptions, readers);
  if (state !== undefined) accumulator.mergeSorted(decodeState(FN, state));
  return accumulator;
}

/**
 * The snapshots added so far live in a log in arrival order (flat typed arrays, account
 * codes continuing across batches), with their (account, month) keys in a `SnapshotKeys`
 * to catch a repeat as it arrives; the canonical order is sorted on demand and kept until
 * the log changes.
 */
class Accumulator<R> implements MrrMovementsAccumulator<R, MrrMovementsResult | DetailedMrrMovementsResult> {
  private readonly options: BridgeOptions;
  private readonly readers: SnapshotReaders<R>;
  private log = new SnapshotLog();
  private keys = new SnapshotKeys(this.log);
  /** The log's snapshots in canonical order, when known (then the log holds them in that order). */
  private sorted: SortedSnapshots | null = null;

  constructor(options: BridgeOptions, readers: SnapshotReaders<R>) {
    this.options = options;
    this.readers = readers;
  }

  add(batch: Iterable<R> | MrrSnapshotColumns): this {
    this.addBatch(batch, 0, this.log.size);
    return this;
  }

  async addAsync(source: AsyncIterable<unknown> | Iterable<unknown>): Promise<this> {
    const streamLog = this.log;
    const streamStart = streamLog.size;
    await feedBatches<Iterable<R> | MrrSnapshotColumns>(FN, 'snapshots', source, isSnapshotColumns, (batch, indexBase) => {
      // Rows from `streamStart` on are this stream's, position = row - streamStart, unless
      // another call added rows or sorted the log in between (then only this batch's rows
      // have known positions).
      const size = this.log.size;
      this.addBatch(batch, indexBase, this.log === streamLog && size === streamStart + indexBase ? streamStart : size);
    });
    return this;
  }

  merge(other: MrrMovementsState | MrrMovementsAccumulator<unknown>): this {
    let sorted: SortedSnapshots;
    if (other instanceof Accumulator) sorted = other.canonical();
    else if (other !== null && typeof other === 'object' && typeof (other as Partial<MrrMovementsAccumulator<unknown>>).state === 'function') {
      sorted = decodeState(FN, (other as MrrMovementsAccumulator<unknown>).state()); // from another copy of the library
    } else sorted = decodeState(FN, other);
    this.mergeSorted(sorted);
    return this;
  }

  state(): MrrMovementsState {
    return encodeState(this.canonical());
  }

  result(): MrrMovementsResult | DetailedMrrMovementsResult {
    return mrrBridge(FN, this.canonical(), this.options, Number.POSITIVE_INFINITY);
  }

  /** The snapshots in canonical order (kept until the log changes). */
  canonical(): SortedSnapshots {
    if (this.sorted === null) this.adopt(sortSnapshots(this.log));
    return this.sorted as SortedSnapshots;
  }

  /**
   * Makes canonical snapshots the log itself (no second copy in memory), account codes
   * renumbered in id order. Every account's months ascend then, so the keys go back to
   * their cheap ordered mode. O(n + C).
   */
  private adopt(sorted: SortedSnapshots): void {
    this.log = SnapshotLog.of(sorted);
    this.keys = new SnapshotKeys(this.log);
    this.keys.admit(0);
    this.sorted = sorted;
  }

  /** Adds canonical snapshots; a repeated (account, month) or a second currency throws and adds nothing. */
  mergeSorted(other: SortedSnapshots): void {
    const n = other.size;
    if (n === 0) return;
    const log = this.log;
    const start = log.size;
    const currency = log.currency.value;
    if (other.currency !== null && currency !== null && other.currency !== currency) {
      const problem = `differs from ${JSON.stringify(currency)}, the currency of the snapshots already added; convert the amounts to one currency first`;
      fail(FN, 'state.currency', 'mixed-currency', problem, other.currency);
    }
    if (start === 0) {
      // Nothing to collide with: the other's snapshots become the log (shared, never written).
      this.adopt(other);
      return;
    }
    log.reserve(n);
    const codes = new Int32Array(other.ids.length);
    for (let c = 0; c < codes.length; c++) codes[c] = log.codes.code(other.ids[c] as Id);
    for (let k = 0; k < n; k++) log.push(codes[other.customer[k] as number] as number, other.month[k] as number, other.mrr[k] as number);
    const previous = this.sorted;
    this.sorted = null;
    const repeat = this.keys.admit(start);
    if (repeat === -1) {
      if (currency === null) log.currency = new CurrencyCheck(other.currency);
      return;
    }
    const k = repeat - start;
    this.rollback(start, previous);
    failDuplicate(FN, 'state', other.ids[other.customer[k] as number] as Id, other.month[k] as number, 'already in this accumulator');
  }

  /**
   * Reads, validates and adds one batch whose first snapshot is at stream position
   * `indexBase`; log rows from `nameableFrom` on hold known stream positions.
   */
  private addBatch(batch: Iterable<R> | MrrSnapshotColumns, indexBase: number, nameableFrom: number): void {
    const log = this.log;
    const start = log.size;
    // A currency stated by an earlier batch or state is named as such, not by a position.
    const currency = log.currency.value;
    log.currency = new CurrencyCheck(currency);
    try {
      if (isSnapshotColumns(batch)) readSnapshotColumns(FN, batch, log, indexBase);
      else readSnapshotRows(FN, requireSnapshots<R>(FN, batch), this.readers, log, indexBase);
    } catch (error) {
      log.truncate(start);
      log.currency = new CurrencyCheck(currency);
      throw error;
    }
    if (log.size === start) return;
    const previous = this.sorted;
    this.sorted = null;
    // In arrival order, so the first repeat found is the one with the smallest position, and
    // the row that holds its key is the first snapshot of that key, as mrrMovements names them.
    const repeat = this.keys.admit(start);
    if (repeat === -1) return;
    const first = this.keys.held;
    const id = log.codes.ids[log.customer[repeat] as number] as Id;
    const month = log.month[repeat] as number;
    this.rollback(start, previous);
    log.currency = new CurrencyCheck(currency);
    const origin = start - indexBase; // the row at stream position 0
    const where = first >= nameableFrom ? `first at snapshots[${first - origin}]` : 'already in this accumulator, from an earlier batch or a merged state';
    failDuplicate(FN, `snapshots[${repeat - origin}]`, id, month, where);
  }

  /** Drops the rows from `start` on and their keys, and restores the canonical order of the rows before. */
  private rollback(start: number, sorted: SortedSnapshots | null): void {
    this.log.truncate(start);
    this.sorted = sorted;
    this.keys.rollback(start);
  }
}
