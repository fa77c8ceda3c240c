/**
 * Local calendar days of instants in an IANA time zone, fast.
 *
 * Definition: the local day of an instant is the calendar date a wall clock in the zone
 * shows at that instant. DST days therefore last 23 or 25 hours, and half-hour zones
 * (Asia/Kolkata, Australia/Adelaide) and 45-minute zones (Asia/Kathmandu) work as any
 * other. One refinement keeps days contiguous and the day of an instant non-decreasing
 * in time: a day starts at the first instant the clock shows its date, and an instant
 * belongs to the latest day that has started. It differs from the wall-clock date only
 * where a clock was set back across midnight (America/Goose_Bay and America/Moncton fell
 * back from 00:01 to 23:01 until 2010): the repeated hour stays in the day already begun.
 *
 * Cost: `Intl` is consulted once or twice per UTC day that the data touches (plus about
 * 17 calls to locate each DST transition to the second), never per instant. The offsets
 * are cached per UTC day in typed arrays of 1,024-day chunks, so converting an instant is
 * a few arithmetic operations: O(1) time, memory O(days touched).
 * @internal
 */

import { MS_PER_DAY, MIN_INSTANT, MAX_INSTANT, daysFromCivil } from './calendar.js';
import { fail } from './errors.js';

const CHUNK_BITS = 10;
const CHUNK_SIZE = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_SIZE - 1;
/** Offsets never exceed 18 hours in either direction (tzdb: at most about 15h56m). */
const MAX_OFFSET = 18 * 3_600_000;
const NO_LOW = -2_147_483_648;

/** Converts instants to local calendar days in one time zone. */
export interface ZoneCalendar {
  /** The zone name as given. */
  readonly timeZone: string;
  /** Offset from UTC in milliseconds at instant `t` (local wall time = t + offset). */
  offsetAt(t: number): number;
  /** Local day number (days since 1970-01-01) of instant `t`. */
  dayOf(t: number): number;
  /** First instant of local day number `day`. */
  startOfDay(day: number): number;
}

class UtcCalendar implements ZoneCalendar {
  readonly timeZone: string;
  constructor(timeZone: string) {
    this.timeZone = timeZone;
  }
  offsetAt(): number {
    return 0;
  }
  dayOf(t: number): number {
    return Math.floor(t / MS_PER_DAY);
  }
  startOfDay(day: number): number {
    return day * MS_PER_DAY;
  }
}

interface Chunk {
  /** 0 = empty, 1 = offsets known, 2 = complete (lows known). */
  readonly state: Uint8Array;
  /** Instant of the offset change inside the UTC day, or +Infinity when none. */
  readonly transition: Float64Array;
  readonly before: Int32Array;
  readonly after: Int32Array;
  /** Local day of the instant just before a backward transition, else NO_LOW. */
  readonly fallback: Int32Array;
  /** The smallest day an instant before / after the transition can have. */
  readonly lowBefore: Int32Array;
  readonly lowAfter: Int32Array;
}

function newChunk(): Chunk {
  return {
    state: new Uint8Array(CHUNK_SIZE),
    transition: new Float64Array(CHUNK_SIZE),
    before: new Int32Array(CHUNK_SIZE),
    after: new Int32Array(CHUNK_SIZE),
    fallback: new Int32Array(CHUNK_SIZE),
    lowBefore: new Int32Array(CHUNK_SIZE),
    lowAfter: new Int32Array(CHUNK_SIZE),
  };
}

class IntlCalendar implements ZoneCalendar {
  readonly timeZone: string;
  private readonly format: Intl.DateTimeFormat;
  private readonly chunks = new Map<number, Chunk>();
  private lastChunkIndex = Number.NaN;
  private lastChunk: Chunk = newChunk();

  constructor(timeZone: string, format: Intl.DateTimeFormat) {
    this.timeZone = timeZone;
    this.format = format;
  }

  /** Offset from `Intl`, to the second (tzdb transitions fall on whole seconds). */
  private intlOffset(t: number): number {
    const second = Math.floor(t / 1000) * 1000;
    let year = 0;
    let month = 0;
    let day = 0;
    let hour = 0;
    let minute = 0;
    let sec = 0;
    let beforeChrist = false;
    for (const part of this.format.formatToParts(second)) {
      switch (part.type) {
        case 'era': beforeChrist = part.value === 'BC'; break;
        case 'year': year = Number(part.value); break;
        case 'month': month = Number(part.value); break;
        case 'day': day = Number(part.value); break;
        case 'hour': hour = Number(part.value); break;
        case 'minute': minute = Number(part.value); break;
        case 'second': sec = Number(part.value); break;
        default: break;
      }
    }
    if (beforeChrist) year = 1 - year;
    const local = daysFromCivil(year, month, day) * MS_PER_DAY + ((hour * 60 + minute) * 60 + sec) * 1000;
    return local - second;
  }

  private chunk(index: number): Chunk {
    let chunk = this.chunks.get(index);
    if (chunk === undefined) {
      chunk = newChunk();
      this.chunks.set(index, chunk);
    }
    return chunk;
  }

  /** Fills offsets, transition and fall-back day of UTC day `block`. */
  private fillOffsets(chunk: Chunk, slot: number, block: number): void {
    const start = block * MS_PER_DAY;
    const end = start + MS_PER_DAY;
    const before = this.intlOffset(start);
    const after = this.intlOffset(end);
    let transition = Number.POSITIVE_INFINITY;
    if (before !== after) {
      // Smallest whole second in (start, end] that has the new offset.
      let lo = start / 1000;
      let hi = end / 1000;
      while (hi - lo > 1) {
        const mid = Math.floor((lo + hi) / 2);
        if (this.intlOffset(mid * 1000) === before) lo = mid;
        else hi = mid;
      }
      transition = hi * 1000;
    }
    chunk.transition[slot] = transition;
    chunk.before[slot] = before;
    chunk.after[slot] = after;
    chunk.fallback[slot] = after < before ? Math.floor((transition - 1 + before) / MS_PER_DAY) : NO_LOW;
    chunk.state[slot] = 1;
  }

  private fallbackOf(block: number): number {
    const chunk = this.chunk(block >> CHUNK_BITS);
    const slot = block & CHUNK_MASK;
    if (chunk.state[slot] === 0) this.fillOffsets(chunk, slot, block);
    return chunk.fallback[slot] as number;
  }

  /** Makes UTC day `block` complete: its offsets and the lowest days allowed in it. */
  private fill(chunk: Chunk, slot: number, block: number): void {
    if (chunk.state[slot] === 0) this.fillOffsets(chunk, slot, block);
    // A backward transition in the previous two UTC days may still hold the day here.
    const low = Math.max(this.fallbackOf(block - 1), this.fallbackOf(block - 2));
    chunk.lowBefore[slot] = low;
    chunk.lowAfter[slot] = Math.max(low, chunk.fallback[slot] as number);
    chunk.state[slot] = 2;
  }

  offsetAt(t: number): number {
    const block = Math.floor(t / MS_PER_DAY);
    const chunkIndex = block >> CHUNK_BITS;
    const chunk = chunkIndex === this.lastChunkIndex ? this.lastChunk : this.chunk(chunkIndex);
    const slot = block & CHUNK_MASK;
    if (chunk.state[slot] === 0) this.fillOffsets(chunk, slot, block);
    return (t < (chunk.transition[slot] as number) ? chunk.before[slot] : chunk.after[slot]) as number;
  }

  dayOf(t: number): number {
    const block = Math.floor(t / MS_PER_DAY);
    const chunkIndex = block >> CHUNK_BITS;
    let chunk = this.lastChunk;
    if (chunkIndex !== this.lastChunkIndex) {
      chunk = this.chunk(chunkIndex);
      this.lastChunk = chunk;
      this.lastChunkIndex = chunkIndex;
    }
    const slot = block & CHUNK_MASK;
    if (chunk.state[slot] !== 2) this.fill(chunk, slot, block);
    if (t < (chunk.transition[slot] as number)) {
      const day = Math.floor((t + (chunk.before[slot] as number)) / MS_PER_DAY);
      const low = chunk.lowBefore[slot] as number;
      return day > low ? day : low;
    }
    const day = Math.floor((t + (chunk.after[slot] as number)) / MS_PER_DAY);
    const low = chunk.lowAfter[slot] as number;
    return day > low ? day : low;
  }

  startOfDay(day: number): number {
    // dayOf is non-decreasing, so binary search the first instant of the day.
    let lo = day * MS_PER_DAY - MAX_OFFSET - 1; // dayOf(lo) < day
    let hi = day * MS_PER_DAY + MAX_OFFSET; // dayOf(hi) >= day
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (this.dayOf(mid) >= day) hi = mid;
      else lo = mid;
    }
    return hi;
  }
}

const UTC_NAMES = new Set(['UTC', 'Etc/UTC', 'Etc/GMT', 'GMT', 'Etc/Universal', 'Etc/Zulu', 'Universal', 'Zulu', 'Etc/GMT0', 'Etc/GMT+0', 'Etc/GMT-0', 'GMT0', 'Etc/Greenwich', 'Greenwich', 'UCT', 'Etc/UCT']);
const calendars = new Map<string, ZoneCalendar>();

/**
 * The calendar of an IANA time zone, validated and cached by name (the cache only saves
 * work; results never depend on it).
 *
 * @throws {MetricsInputError} `invalid-time-zone` when the name is not a string or not a
 * zone this runtime's `Intl` knows.
 */
export function zoneCalendar(timeZone: unknown, fn: string, path = 'options.timeZone'): ZoneCalendar {
  if (typeof timeZone === 'string') {
    const cached = calendars.get(timeZone);
    if (cached !== undefined) return cached;
  }
  if (typeof timeZone !== 'string' || timeZone.length === 0) {
    return fail(fn, path, 'invalid-time-zone', 'must be an IANA time-zone name such as "Europe/Berlin"', timeZone);
  }
  let format: Intl.DateTimeFormat;
  try {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      era: 'short',
    });
  } catch {
    return fail(fn, path, 'invalid-time-zone', 'is not a known IANA time zone', timeZone);
  }
  const resolved = format.resolvedOptions().timeZone;
  const calendar: ZoneCalendar =
    UTC_NAMES.has(timeZone) || UTC_NAMES.has(resolved) ? new UtcCalendar(timeZone) : new IntlCalendar(timeZone, format);
  if (calendars.size > 256) calendars.clear();
  calendars.set(timeZone, calendar);
  return calendar;
}

/** Whether a calendar is UTC's (local day = floor(t / 86,400,000)). */
export function isUtcCalendar(zone: ZoneCalendar): boolean {
  return zone instanceof UtcCalendar;
}

/** Whether an epoch-millisecond value lies in the supported range (years 1 to 9999 UTC). */
export function isSupportedInstant(t: number): boolean {
  return t >= MIN_INSTANT && t <= MAX_INSTANT;
}
