/**
 * Sessionization shared by `sessions` and `sessionsPerUserDay`: events are read once into
 * typed arrays of `(user code, instant)`, cut into per-user sessions at gaps longer than
 * the inactivity timeout, and returned as a table ordered by start, then user id.
 *
 * Algorithm. Reading is one pass (`scanEvents`) that also notes whether the instants came
 * in non-decreasing order.
 * - Time-ordered input (the usual event log): one pass in input order with the open
 *   session of each user in an `Int32Array`; sessions come out already ordered by start,
 *   and only runs of equal starts need ordering by user id. O(n + users).
 * - Otherwise: counting sort by user (O(n + users)), a sort of a user's instants only
 *   when they are out of order (checked first), one pass per user, then one sort of the
 *   sessions by start and user id. O(n log n) at worst.
 * Memory: the two columns of the events (12 bytes per event) plus O(sessions + users).
 * @internal
 */

import { scanEvents, type EventAccessors, type Events } from '../../core/events.js';
import type { Id } from '../../core/read.js';
import type { ZoneCalendar } from '../../core/time-zone.js';
import { compareIds } from '../../core/id-order.js';

/** Sessions as parallel columns, ordered by start, then user id. */
export interface SessionTable {
  /** Number of sessions. */
  readonly count: number;
  /** User code of each session; `userIds[code]` is the id. */
  readonly user: Int32Array;
  /** Instant of the first and of the last event of each session (epoch ms). */
  readonly start: Float64Array;
  readonly end: Float64Array;
  /** Number of events in each session. */
  readonly events: Int32Array;
  /** Local day number (in the zone of the call) of each session's first event. */
  readonly day: Int32Array;
  /** User ids by code. */
  readonly userIds: readonly Id[];
  /** Number of events read (at or before `asOf`). */
  readonly eventCount: number;
  /** The latest event instant read (at or before `asOf`); `null` without events. */
  readonly latest: number | null;
}

/** Rank of each user code in id order (see `compareIds`). O(u log u). */
function userRanks(ids: readonly Id[]): Int32Array {
  const order = ids.map((_, code) => code);
  order.sort((a, b) => compareIds(ids[a] as Id, ids[b] as Id));
  const ranks = new Int32Array(ids.length);
  for (let r = 0; r < order.length; r++) ranks[order[r] as number] = r;
  return ranks;
}

/** A growable buffer of sessions, in the order they are opened. */
class SessionBuffer {
  user = new Int32Array(256);
  start = new Float64Array(256);
  end = new Float64Array(256);
  events = new Int32Array(256);
  length = 0;

  /** Opens a session of `user` at `t` and returns its index. */
  open(user: number, t: number): number {
    if (this.length === this.user.length) this.grow();
    const s = this.length++;
    this.user[s] = user;
    this.start[s] = t;
    this.end[s] = t;
    this.events[s] = 1;
    return s;
  }

  private grow(): void {
    const size = this.user.length * 2;
    const user = new Int32Array(size);
    user.set(this.user);
    this.user = user;
    const start = new Float64Array(size);
    start.set(this.start);
    this.start = start;
    const end = new Float64Array(size);
    end.set(this.end);
    this.end = end;
    const events = new Int32Array(size);
    events.set(this.events);
    this.events = events;
  }
}

/**
 * Reads `events` and cuts each user's events into sessions: a new session starts when
 * the gap since the user's previous event is greater than `timeoutMs` (a gap of exactly
 * `timeoutMs` continues the session). Events after `asOf` (when given) are validated and
 * left out, at the cost of one comparison each.
 *
 * @throws {MetricsInputError} from `scanEvents` for bad records, ids or timestamps.
 */
export function sessionize<R>(
  fn: string,
  events: Events<R>,
  accessors: EventAccessors<R>,
  zone: ZoneCalendar,
  timeoutMs: number,
  asOf: number | null = null,
): SessionTable {
  const read = readInstants(fn, events, accessors, zone, asOf);
  const buffer = new SessionBuffer();
  if (read.ordered) sessionsInOrder(read, timeoutMs, buffer);
  else sessionsByUser(read, timeoutMs, buffer);
  return finish(buffer, read.userIds, zone, read.count, read.count === 0 ? null : read.latest);
}

/** The events at or before `asOf` as two columns, (user code, instant), in input order. */
interface Instants {
  readonly users: Int32Array;
  readonly times: Float64Array;
  readonly count: number;
  /** Whether the instants came in non-decreasing order. */
  readonly ordered: boolean;
  /** The latest instant read; `-Infinity` without any. */
  readonly latest: number;
  readonly userIds: readonly Id[];
}

/** The read step: one `scanEvents` pass into growable typed columns; events after `asOf` are left out. */
function readInstants<R>(fn: string, events: Events<R>, accessors: EventAccessors<R>, zone: ZoneCalendar, asOf: number | null): Instants {
  let users = new Int32Array(1024);
  let times = new Float64Array(1024);
  let n = 0;
  let ordered = true;
  let previous = Number.NEGATIVE_INFINITY;
  let latest = Number.NEGATIVE_INFINITY;
  const limit = asOf ?? Number.POSITIVE_INFINITY;
  const ids = scanEvents(events, { fn, collection: 'events', accessors }, zone, (user, t) => {
    if (t > limit) return;
    if (t > latest) latest = t;
    if (n === users.length) {
      const grownUsers = new Int32Array(n * 2);
      grownUsers.set(users);
      users = grownUsers;
      const grownTimes = new Float64Array(n * 2);
      grownTimes.set(times);
      times = grownTimes;
    }
    users[n] = user;
    times[n] = t;
    n++;
    if (t < previous) ordered = false;
    previous = t;
  });
  return { users, times, count: n, ordered, latest, userIds: ids.users.ids };
}

/** Time-ordered input: one pass in input order, each user's open session in an array; sessions open in order of their start. */
function sessionsInOrder(read: Instants, timeoutMs: number, buffer: SessionBuffer): void {
  const { users, times, count } = read;
  const open = new Int32Array(read.userIds.length).fill(-1);
  for (let i = 0; i < count; i++) {
    const u = users[i] as number;
    const t = times[i] as number;
    const s = open[u] as number;
    if (s >= 0 && t - (buffer.end[s] as number) <= timeoutMs) {
      buffer.end[s] = t;
      buffer.events[s] = (buffer.events[s] as number) + 1;
    } else {
      open[u] = buffer.open(u, t);
    }
  }
}

/** Any other input: a counting sort of the instants by user, a sort of a user's instants only when out of order, one pass per user. */
function sessionsByUser(read: Instants, timeoutMs: number, buffer: SessionBuffer): void {
  const { users, times, count: n } = read;
  const userCount = read.userIds.length;
  const offsets = new Int32Array(userCount + 1);
  for (let i = 0; i < n; i++) {
    const next = (users[i] as number) + 1;
    offsets[next] = (offsets[next] as number) + 1;
  }
  for (let u = 0; u < userCount; u++) offsets[u + 1] = (offsets[u + 1] as number) + (offsets[u] as number);
  const cursor = offsets.slice(0, userCount);
  const byUser = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = users[i] as number;
    byUser[cursor[u] as number] = times[i] as number;
    cursor[u] = (cursor[u] as number) + 1;
  }
  for (let u = 0; u < userCount; u++) {
    const first = offsets[u] as number;
    const stop = offsets[u + 1] as number;
    for (let i = first + 1; i < stop; i++) {
      if ((byUser[i] as number) < (byUser[i - 1] as number)) {
        byUser.subarray(first, stop).sort(); // typed-array sort is numeric
        break;
      }
    }
    let s = -1;
    for (let i = first; i < stop; i++) {
      const t = byUser[i] as number;
      if (s >= 0 && t - (buffer.end[s] as number) <= timeoutMs) {
        buffer.end[s] = t;
        buffer.events[s] = (buffer.events[s] as number) + 1;
      } else {
        s = buffer.open(u, t);
      }
    }
  }
}

/** Orders the buffered sessions by start, then user id, and adds their days. */
function finish(buffer: SessionBuffer, userIds: readonly Id[], zone: ZoneCalendar, eventCount: number, latest: number | null): SessionTable {
  const count = buffer.length;
  const { user, start, end, events } = buffer;
  // Already in order? (Always true of time-ordered input without equal starts.)
  let ranks: Int32Array | null = null;
  let inOrder = true;
  for (let s = 1; s < count && inOrder; s++) {
    const a = start[s - 1] as number;
    const b = start[s] as number;
    if (b < a) inOrder = false;
    else if (b === a) {
      ranks ??= userRanks(userIds);
      if ((ranks[user[s] as number] as number) < (ranks[user[s - 1] as number] as number)) inOrder = false;
    }
  }
  let table = { user: user.slice(0, count), start: start.slice(0, count), end: end.slice(0, count), events: events.slice(0, count) };
  if (!inOrder) {
    const rank = ranks ?? userRanks(userIds);
    // Array.prototype.sort is TimSort in V8, which merges presorted runs: this order is
    // one run per user (or in time order but for runs of equal starts).
    const order: number[] = new Array<number>(count);
    for (let s = 0; s < count; s++) order[s] = s;
    order.sort((a, b) => (start[a] as number) - (start[b] as number) || (rank[user[a] as number] as number) - (rank[user[b] as number] as number));
    const sorted = {
      user: new Int32Array(count),
      start: new Float64Array(count),
      end: new Float64Array(count),
      events: new Int32Array(count),
    };
    for (let s = 0; s < count; s++) {
      const from = order[s] as number;
      sorted.user[s] = user[from] as number;
      sorted.start[s] = start[from] as number;
      sorted.end[s] = end[from] as number;
      sorted.events[s] = events[from] as number;
    }
    table = sorted;
  }
  const day = new Int32Array(count);
  for (let s = 0; s < count; s++) day[s] = zone.dayOf(table.start[s] as number);
  return { count, ...table, day, userIds, eventCount, latest };
}

