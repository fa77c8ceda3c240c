import { dayKey } from '../core/calendar.js';
import type { Events } from '../core/events.js';
import { optionsOf } from '../core/options.js';
import { readNonNegative, type Id } from '../core/read.js';
import { zoneCalendar } from '../core/time-zone.js';
import { sessionize } from './internal/sessionize.js';
import { SESSIONS_OPTION_KEYS, type Session, type SessionsOptions, type SessionsResult } from './types.js';

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
      sessionCount: count,
      userCount: userIds.length,
      meanDurationMs: count === 0 ? null : totalDuration / count,
      medianDurationMs: median,
      meanEventsPerSession: count === 0 ? null : table.eventCount / count,
    },
  };
}
