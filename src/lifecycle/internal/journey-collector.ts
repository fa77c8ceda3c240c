/**
 * Collects events per journey in one pass, then prepares them once: a counting sort by
 * journey (stable, so input order is kept within a journey), a sort by time only for the
 * journeys whose events arrived out of order, and the journeys ordered by id. The
 * prepared form makes each journey's `JourneyEvent` objects when it is asked for, so
 * `journeys` (all at once) and `eachJourney` (one at a time) share every step.
 *
 * Per event the collector stores a journey code, an instant, a name and a record in
 * growable parallel arrays (typed arrays for codes and instants), so reading allocates
 * nothing per event. Cost: O(n + u) plus, for each journey of k events that arrived out
 * of order, an insertion sort (k <= 32) or a comparison sort (O(k log k)), and O(u log u)
 * to order the u journeys by id. Prepared memory: per event an instant (8 bytes), its
 * position in the order (4) and a name reference (8), plus a record reference (8) for
 * rows; the per-event journey codes (4) are dropped with the collector.
 * @internal
 */

import { compareIds } from '../../core/id-order.js';
import type { Id } from '../../core/read.js';
import type { Journey, JourneyEvent } from '../types.js';

/** A copy of `array` with room for `needed` values: doubled, or exactly `exact` when given. */
function grownInt32(array: Int32Array, needed: number, exact = 0): Int32Array<ArrayBuffer> {
  let size = exact > 0 ? exact : Math.max(16, array.length * 2);
  while (size < needed) size *= 2;
  const next = new Int32Array(size);
  next.set(array);
  return next;
}

function grownFloat64(array: Float64Array, needed: number, fill = 0, exact = 0): Float64Array<ArrayBuffer> {
  let size = exact > 0 ? exact : Math.max(16, array.length * 2);
  while (size < needed) size *= 2;
  const next = new Float64Array(size);
  if (fill !== 0) next.fill(fill);
  next.set(array);
  return next;
}

/**
 * Sorts `order[from..to)` by `times[order[k]]`, ties by index (stable): fast for the few
 * events most journeys have, and no allocation.
 */
function insertionSort(order: Int32Array, from: number, to: number, times: Float64Array): void {
  for (let k = from + 1; k < to; k++) {
    const i = order[k] as number;
    const t = times[i] as number;
    let j = k - 1;
    while (j >= from) {
      const other = order[j] as number;
      const u = times[other] as number;
      if (u < t || (u === t && other < i)) break;
      order[j + 1] = other;
      j--;
    }
    order[j + 1] = i;
  }
}

/** Events and signup instants per journey code; see the file comment. */
export class JourneyCollector<R> {
  private eventUnits = new Int32Array(1024);
  private eventTimes = new Float64Array(1024);
  private readonly names: string[] = [];
  /** The records of row input; `null` for columns, whose record is the index. */
  private readonly records: R[] | null;
  private length = 0;

  /** Per journey: number of events, last instant seen, signup instant (NaN: none). */
  private counts = new Int32Array(1024);
  private lastTimes = new Float64Array(1024);
  private signups = new Float64Array(1024).fill(Number.NaN);
  /** Per journey: 1 when its events arrived out of time order. */
  private unsorted = new Uint8Array(1024);
  private units = 0;

  constructor(rows: boolean) {
    this.records = rows ? [] : null;
  }

  private ensureUnit(unit: number): void {
    if (unit < this.units) return;
    this.units = unit + 1;
    if (unit < this.counts.length) return;
    this.counts = grownInt32(this.counts, unit + 1);
    this.lastTimes = grownFloat64(this.lastTimes, unit + 1);
    this.signups = grownFloat64(this.signups, unit + 1, Number.NaN);
    const flags = new Uint8Array(this.counts.length);
    flags.set(this.unsorted);
    this.unsorted = flags;
  }

  /** Makes room for `events` events in all (when the input's length is known), so the columns grow no more. */
  reserve(events: number): void {
    if (events <= this.eventUnits.length) return;
    this.eventUnits = grownInt32(this.eventUnits, events, events);
    this.eventTimes = grownFloat64(this.eventTimes, events, 0, events);
  }

  /** The signup instant of journey `unit`, or NaN when it has none yet. */
  signupOf(unit: number): number {
    return unit < this.units ? (this.signups[unit] as number) : Number.NaN;
  }

  /** Sets the signup instant of journey `unit` (which may have no events). */
  signUp(unit: number, instant: number): void {
    this.ensureUnit(unit);
    this.signups[unit] = instant;
  }

  /** Adds an event; `record` is ignored for column input (the record is the index). */
  add(unit: number, instant: number, name: string, record: R): void {
    this.ensureUnit(unit);
    const n = this.length;
    if (n === this.eventUnits.length) {
      this.eventUnits = grownInt32(this.eventUnits, n + 1);
      this.eventTimes = grownFloat64(this.eventTimes, n + 1);
    }
    this.eventUnits[n] = unit;
    this.eventTimes[n] = instant;
    this.names.push(name);
    if (this.records !== null) this.records.push(record);
    const count = this.counts[unit] as number;
    if (count > 0 && instant < (this.lastTimes[unit] as number)) this.unsorted[unit] = 1;
    this.lastTimes[unit] = instant;
    this.counts[unit] = count + 1;
    this.length = n + 1;
  }

  /**
   * Groups and orders the events, once: journey offsets by a stable counting sort, each
   * out-of-order journey sorted by time, and the journeys ordered by id (`ids[code]`).
   * The collector is spent afterwards: its per-event columns move to the result.
   */
  prepare(ids: readonly Id[], timeZone: string): PreparedJourneys<R> {
    const units = this.units;
    const n = this.length;
    const times = this.eventTimes;
    const offsets = new Int32Array(units + 1);
    for (let u = 0; u < units; u++) offsets[u + 1] = (offsets[u] as number) + (this.counts[u] as number);
    const cursor = offsets.slice(0, units);
    const order = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const u = this.eventUnits[i] as number;
      const at = cursor[u] as number;
      order[at] = i;
      cursor[u] = at + 1;
    }
    const byTime = (a: number, b: number): number => (times[a] as number) - (times[b] as number) || a - b;
    for (let u = 0; u < units; u++) {
      if (this.unsorted[u] !== 1) continue;
      const from = offsets[u] as number;
      const to = offsets[u + 1] as number;
      if (to - from <= 32) insertionSort(order, from, to, times);
      else order.subarray(from, to).sort(byTime);
    }
    const byId = new Int32Array(units);
    for (let u = 0; u < units; u++) byId[u] = u;
    byId.sort((a, b) => compareIds(ids[a] as Id, ids[b] as Id));
    return new PreparedJourneys<R>(ids, byId, offsets, order, times, this.names, this.records, this.signups, timeZone);
  }
}

/**
 * Events grouped and ordered by {@link JourneyCollector.prepare}: typed columns and one
 * reference per event (name, record), no objects. Iterating makes the journeys one at a
 * time, in id order, each with fresh `JourneyEvent` objects and the zone of the call; it
 * can be repeated.
 */
export class PreparedJourneys<R> implements Iterable<Journey<R>> {
  constructor(
    private readonly ids: readonly Id[],
    /** Journey codes in id order. */
    private readonly byId: Int32Array,
    /** Journey `u`'s events are `order[offsets[u]..offsets[u + 1])`. */
    private readonly offsets: Int32Array,
    /** Event indexes grouped by journey, by time within one (ties by index). */
    private readonly order: Int32Array,
    private readonly times: Float64Array,
    private readonly names: readonly string[],
    /** The records of row input; `null` for columns, whose record is the index. */
    private readonly records: readonly R[] | null,
    /** Signup instant per journey code, NaN for none. */
    private readonly signups: Float64Array,
    /** The zone every journey carries. */
    private readonly timeZone: string,
  ) {}

  /** Number of journeys. */
  get size(): number {
    return this.byId.length;
  }

  /** The journey at `position` in id order, built now: O(k) for its k events. */
  journey(position: number): Journey<R> {
    const u = this.byId[position] as number;
    const from = this.offsets[u] as number;
    const to = this.offsets[u + 1] as number;
    const { order, times, names, records } = this;
    const events: JourneyEvent<R>[] = new Array<JourneyEvent<R>>(to - from);
    for (let k = from; k < to; k++) {
      const i = order[k] as number;
      events[k - from] = { name: names[i] as string, timestamp: times[i] as number, record: records === null ? (i as R) : (records[i] as R) };
    }
    const signup = this.signups[u] as number;
    const start = signup === signup ? signup : (times[order[from] as number] as number);
    return { id: this.ids[u] as Id, start, events, timeZone: this.timeZone };
  }

  /** The journeys in id order, one at a time. */
  *[Symbol.iterator](): Iterator<Journey<R>> {
    const size = this.byId.length;
    for (let position = 0; position < size; position++) yield this.journey(position);
  }
}
