import { dayKey } from '../core/calendar.js';
import type { EventAccessors, Events } from '../core/events.js';
import { optionsOf } from '../core/options.js';
import { readNonNegative, type Id } from '../core/read.js';
import { zoneCalendar } from '../core/time-zone.js';
import { sessionize } from './internal/sessionize.js';

/** Options of {@link sessions}. */
export interface SessionsOptions<R> extends EventAccessors<R> {
  /**
   * Minutes of inactivity that end a session (default 30): a gap greater than this
   * starts a new session; a gap of exactly this long continues it. May be fractional; 0
   * makes every distinct instant its own session.
   */
  readonly inactivityMinutes?: number;
  /** IANA time zone of the session days (default `'UTC'`). */
  readonly timeZone?: string;
}

/** The option keys of {@link sessions}. */
export const SESSIONS_OPTION_KEYS = ['userId', 'timestamp', 'inactivityMinutes', 'timeZone'] as const;

/** One session of one user. */
export interface Session {
  /** The user's id. */
  readonly userId: Id;
  /** Local day (`YYYY-MM-DD`) of the session's first event; a session is not cut at midnight. */
  readonly day: string;
  /** Instant of the first event (epoch ms). */
  readonly start: number;
  /** Instant of the last event (epoch ms). */
  readonly end: number;
  /** Number of events in the session, repeated events included. */
  readonly events: number;
  /** `end - start`: 0 for a single-event session. */
  readonly durationMs: number;
}

/** Totals over all sessions of a {@link sessions} result. */
export interface SessionsSummary {
  /** Number of sessions. */
  readonly sessions: number;
  /** Number of distinct users with at least one session. */
  readonly users: number;
  /** Mean of `durationMs`; `null` without sessions. */
  readonly meanDurationMs: number | null;
  /** Median of `durationMs` (mean of the two middle values for an even count); `null` without sessions. */
  readonly medianDurationMs: number | null;
  /** Events divided by sessions; `null` without sessions. */
  readonly meanEventsPerSession: number | null;
}

/** Result of {@link sessions}. */
export interface SessionsResult {
  /** IANA time zone of the session days. */
  readonly timeZone: string;
  /** Minutes of inactivity that end a session. */
  readonly inactivityMinutes: number;
  /** Every session, ordered by `start`, then `userId` (numbers before strings, strings by code units). */
  readonly sessions: Session[];
  /** Totals over all sessions. */
  readonly summary: SessionsSummary;
}

/**
 * Cuts each user's events into sessions at gaps of inactivity.
 *
 * Definition: take each user's events in time order; a new session starts at the user's
 * first event and at every event that follows the user's previous event by more than
 * `inactivityMinutes` (default 30). A gap of exactly the timeout continues the session:
 * `gap > timeout` starts a new one. This is the rule of Amplitude's Browser SDK
 * (`isSessionExpired`: time since last event `> sessionTimeout`, 30 minutes by default)
 * and PostHog's session id (`> 30 minutes`), the 30 minutes of inactivity that Google
 * Analytics also uses as its session timeout. Sessions are not cut at midnight (unlike
 * Universal Analytics) nor by a maximum length; a session belongs to the local day, in
 * `timeZone`, of its first event. Its duration is the time from its first to its last
 * event (a single-event session lasts 0 ms; no timeout is added at the end).
 *
 * Cost: O(n + users) for events in time order (the usual event log), else O(n log n);
 * memory 12 bytes per event while reading, plus O(sessions + users).
 *
 * Edge cases: empty input gives no sessions, zero counts and `null` means and median.
 * Events with the same user and instant fall in one session and count in its `events`.
 *
 * @param events Rows (`{ userId, timestamp }` by default, or accessors in `options`) or
 * columns `{ userId, timestamp }`, read in place.
 * @throws {MetricsInputError} for a bad record, user id or timestamp (naming
 * `events[i].field` and the record's user id), an unknown option key or a `null` option,
 * an unknown time zone, or a negative or non-numeric `inactivityMinutes`.
 *
 * @example
 * ```ts
 * import { sessions } from 'customer-success-metrics/engagement';
 * const events = [
 *   { userId: 'ana', timestamp: '2024-03-01T09:00:00Z' },
 *   { userId: 'ana', timestamp: '2024-03-01T09:30:00Z' }, // 30 min later: same session
 *   { userId: 'ana', timestamp: '2024-03-01T10:00:00.001Z' }, // 30 min + 1 ms: a new one
 *   { userId: 'ben', timestamp: '2024-03-01T09:10:00Z' },
 * ];
 * const result = sessions(events);
 * result.sessions.map((s) => [s.userId, s.events, s.durationMs]);
 * // => [['ana', 2, 1800000], ['ben', 1, 0], ['ana', 1, 0]]
 * result.summary.meanDurationMs;
 * // => 600000
 * ```
 */
export function sessions<R>(events: Events<R>, options?: SessionsOptions<R>): SessionsResult {
  const fn = 'sessions';
  const opts = optionsOf(options, fn, SESSIONS_OPTION_KEYS);
  const inactivityMinutes = opts.inactivityMinutes === undefined ? 30 : readNonNegative(opts.inactivityMinutes, fn, 'options.inactivityMinutes');
  const zone = zoneCalendar(opts.timeZone ?? 'UTC', fn);
  const table = sessionize(fn, events, opts, zone, inactivityMinutes * 60_000);
  const { count, user, start, end, day, userIds } = table;
  const list: Session[] = new Array<Session>(count);
  const durations = new Float64Array(count);
  let totalDuration = 0;
  for (let s = 0; s < count; s++) {
    const duration = (end[s] as number) - (start[s] as number);
    durations[s] = duration;
    totalDuration += duration;
    list[s] = {
      userId: userIds[user[s] as number] as Id,
      day: dayKey(day[s] as number),
      start: start[s] as number,
      end: end[s] as number,
      events: table.events[s] as number,
      durationMs: duration,
    };
  }
  durations.sort();
  const middle = count >> 1;
  const median =
    count === 0 ? null : count % 2 === 1 ? (durations[middle] as number) : ((durations[middle - 1] as number) + (durations[middle] as number)) / 2;
  return {
    timeZone: zone.timeZone,
    inactivityMinutes,
    sessions: list,
    summary: {
      sessions: count,
      users: userIds.length,
      meanDurationMs: count === 0 ? null : totalDuration / count,
      medianDurationMs: median,
      meanEventsPerSession: count === 0 ? null : table.eventCount / count,
    },
  };
}
