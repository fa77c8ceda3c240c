/**
 * Seeded synthetic event logs for the benchmarks: `events` events of `users` users over
 * the year 2024 (UTC), shaped like product analytics data.
 *
 * - Power-law activity: user `u` gets a random rank `r` and weight `1 / r^0.8`, so a few
 *   users (bots, power users) produce a large share of the events and most users few.
 * - Signups spread uniformly over the year; a user's first event is on their signup day.
 * - Churn: 60% of users stop after an exponentially distributed lifetime (mean 60 days);
 *   the others stay until the end of the year. A user's events fall on days between
 *   signup and stop, in proportion to weight × lifetime.
 * - Sessions: events come in bursts (mean 5 events, exponential gaps of mean 45 s) on a
 *   random day of the user's lifetime, so a user-day usually holds several events.
 *
 * Columns are generated first (`userId` as integers 1..users, `timestamp` epoch ms); rows
 * are built from them, so both shapes hold the same data. `time-ordered` is an event log
 * (non-decreasing timestamps); `shuffled` is the same events in a random order.
 */
import { seededRandom } from './random.js';

export const YEAR_START = Date.UTC(2024, 0, 1);
export const YEAR_DAYS = 366;
const MS_PER_DAY = 86_400_000;

/** Events as columns: integer user ids and epoch-millisecond timestamps. */
export interface Columns {
  readonly userId: Int32Array;
  readonly timestamp: Float64Array;
}

/** Events as row objects with string user ids (`'u' + id`). */
export interface Row {
  readonly userId: string;
  readonly timestamp: number;
}

export interface GenerateOptions {
  readonly events: number;
  readonly users: number;
  readonly seed?: number;
  /** Exponent of the rank weights (default 0.8). */
  readonly alpha?: number;
}

/** Time-ordered event log as columns. Deterministic for given options. */
export function generateColumns(options: GenerateOptions): Columns {
  const { events: n, users } = options;
  if (users < 1 || n < users) throw new Error('generateColumns: need events >= users >= 1');
  const random = seededRandom(options.seed ?? 20240101);
  const alpha = options.alpha ?? 0.8;

  // Users: rank (a random permutation), signup day, last active day.
  const rank = new Int32Array(users);
  for (let u = 0; u < users; u++) rank[u] = u + 1;
  for (let u = users - 1; u > 0; u--) {
    const j = Math.floor(random() * (u + 1));
    const t = rank[u] as number;
    rank[u] = rank[j] as number;
    rank[j] = t;
  }
  const signup = new Int32Array(users);
  const span = new Int32Array(users);
  const raw = new Float64Array(users);
  let rawSum = 0;
  for (let u = 0; u < users; u++) {
    const start = Math.floor(random() * YEAR_DAYS);
    let end = YEAR_DAYS - 1;
    if (random() < 0.6) end = Math.min(end, start + Math.floor(-Math.log(1 - random()) * 60));
    signup[u] = start;
    span[u] = end - start + 1;
    const weight = Math.pow(rank[u] as number, -alpha) * (span[u] as number);
    raw[u] = weight;
    rawSum += weight;
  }
  // Event counts: at least one each, the rest in proportion to weight × lifetime.
  const count = new Int32Array(users);
  const spare = n - users;
  let assigned = 0;
  for (let u = 0; u < users; u++) {
    const c = 1 + Math.floor((spare * (raw[u] as number)) / rawSum);
    count[u] = c;
    assigned += c;
  }
  for (let left = n - assigned; left > 0; left--) {
    const u = Math.floor(random() * users);
    count[u] = (count[u] as number) + 1;
  }

  // Events in generation order (by user), then bucketed by day.
  const eventUser = new Int32Array(n);
  const eventTime = new Float64Array(n);
  let e = 0;
  for (let u = 0; u < users; u++) {
    let remaining = count[u] as number;
    let first = true;
    while (remaining > 0) {
      let length = 1 + Math.floor(-Math.log(1 - random()) * 4);
      if (length > remaining) length = remaining;
      const day = (signup[u] as number) + (first ? 0 : Math.floor(random() * (span[u] as number)));
      first = false;
      const dayStart = YEAR_START + day * MS_PER_DAY;
      let offset = Math.floor(random() * MS_PER_DAY);
      for (let k = 0; k < length; k++) {
        eventUser[e] = u + 1;
        // Sessions that run past midnight wrap to the start of the same day.
        eventTime[e] = dayStart + (offset % MS_PER_DAY);
        e++;
        offset += Math.floor(-Math.log(1 - random()) * 45_000);
      }
      remaining -= length;
    }
  }

  // Counting sort by day, then sort each day by time. The per-day sort packs
  // (ms of day, index in the day) into one float: 2^27 × 2^26 < 2^53.
  const dayCounts = new Int32Array(YEAR_DAYS + 1);
  for (let i = 0; i < n; i++) {
    const d = Math.floor(((eventTime[i] as number) - YEAR_START) / MS_PER_DAY) + 1;
    dayCounts[d] = (dayCounts[d] as number) + 1;
  }
  for (let d = 0; d < YEAR_DAYS; d++) dayCounts[d + 1] = (dayCounts[d + 1] as number) + (dayCounts[d] as number);
  const cursor = dayCounts.slice(0, YEAR_DAYS);
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const d = Math.floor(((eventTime[i] as number) - YEAR_START) / MS_PER_DAY);
    order[cursor[d] as number] = i;
    cursor[d] = (cursor[d] as number) + 1;
  }
  const userId = new Int32Array(n);
  const timestamp = new Float64Array(n);
  const INDEX = 67_108_864; // 2^26
  let keys = new Float64Array(1024);
  for (let d = 0; d < YEAR_DAYS; d++) {
    const start = dayCounts[d] as number;
    const size = (dayCounts[d + 1] as number) - start;
    if (size >= INDEX) throw new Error('generateColumns: too many events in one day');
    if (keys.length < size) keys = new Float64Array(size * 2);
    const dayStart = YEAR_START + d * MS_PER_DAY;
    for (let k = 0; k < size; k++) keys[k] = ((eventTime[order[start + k] as number] as number) - dayStart) * INDEX + k;
    const sorted = keys.subarray(0, size).sort();
    for (let k = 0; k < size; k++) {
      const key = sorted[k] as number;
      const local = key % INDEX;
      const source = order[start + local] as number;
      userId[start + k] = eventUser[source] as number;
      timestamp[start + k] = eventTime[source] as number;
    }
  }
  return { userId, timestamp };
}

/** The same events in a random (seeded) order. */
export function shuffleColumns(columns: Columns, seed = 7): Columns {
  const random = seededRandom(seed);
  const n = columns.userId.length;
  const userId = Int32Array.from(columns.userId);
  const timestamp = Float64Array.from(columns.timestamp);
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const u = userId[i] as number;
    userId[i] = userId[j] as number;
    userId[j] = u;
    const t = timestamp[i] as number;
    timestamp[i] = timestamp[j] as number;
    timestamp[j] = t;
  }
  return { userId, timestamp };
}

/**
 * Row objects `{ userId: 'u' + id, timestamp }` from columns. Each row gets its own id
 * string, as rows parsed from JSON or read from a database driver do (no shared,
 * pre-hashed strings).
 */
export function rowsFromColumns(columns: Columns): Row[] {
  const n = columns.userId.length;
  const rows: Row[] = new Array<Row>(n);
  for (let i = 0; i < n; i++) rows[i] = { userId: 'u' + String(columns.userId[i]), timestamp: columns.timestamp[i] as number };
  return rows;
}

/** Distinct (user, UTC day) pairs: the size our memory should grow with. */
export function countUserDays(columns: Columns, users: number): number {
  // One byte per (user, day of 2024): any input order, no sort.
  const seen = new Uint8Array((users + 1) * YEAR_DAYS);
  let count = 0;
  const n = columns.userId.length;
  for (let i = 0; i < n; i++) {
    const day = Math.floor(((columns.timestamp[i] as number) - YEAR_START) / MS_PER_DAY);
    const slot = (columns.userId[i] as number) * YEAR_DAYS + day;
    if (seen[slot] === 0) {
      seen[slot] = 1;
      count++;
    }
  }
  return count;
}
