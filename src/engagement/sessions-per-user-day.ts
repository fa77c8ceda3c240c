import type { Events } from '../core/events.js';
import { optionsOf } from '../core/options.js';
import { sessionize, type SessionTable } from './internal/sessionize.js';
import { readSessionsSettings } from './internal/sessions-per-user-day-options.js';
import { sessionsResult, type SessionDayCounts } from './internal/sessions-per-user-day-result.js';
import { SESSIONS_PER_USER_DAY_OPTION_KEYS, type SessionsPerUserDayOptions, type SessionsPerUserDayResult } from './types.js';

/**
 * Sessions per user per day, and the share of user-days that meet a target number of
 * sessions (a habit signal: "at least 2 sessions a day").
 *
 * Definition: events are cut into sessions exactly as {@link sessions} does (a gap of more
 * than `inactivityMinutes` starts a new session), and each session counts on the local
 * day of its first event. For each day of the range, `activeUsers` are the users with a
 * session that day, `sessionsPerUser = sessions / activeUsers`, and
 * `shareMeetingTarget = usersMeetingTarget / activeUsers`, where a user meets the target
 * with at least `target` sessions that day. `overall` pools the user-days of the range.
 * Sessions are built from all events before the range is applied, so a session that began
 * the day before `from` and runs into it counts on that earlier day (outside the range).
 * Intervals are Wilson score intervals at `confidence`. Caveat: the pooled `share` treats
 * user-days as independent trials, while one user's days are correlated; read its
 * interval as a lower bound on the real uncertainty.
 *
 * Time: `asOf` is "now" (default: the latest event): events after it are left out, the
 * range ends by default on its local day (never after it), and a day is `complete` when
 * it had ended by `asOf`. A day in progress may still get sessions (and users reaching
 * the target), so its row is partial; `overall` includes it.
 *
 * Cost: sessionization (O(n + users) for time-ordered events, O(n log n) otherwise) plus
 * O(sessions + users + days); memory O(sessions + users + days) after reading.
 *
 * Edge cases: empty input (and no `from`/`to`) gives `days: []`, zero counts and `null`
 * ratios; days with no sessions have zero counts and `null` ratios; with only one of
 * `from`/`to` and no session on its side, the range is that single day; a `from` after
 * the day of `asOf` gives `days: []`.
 *
 * @param events Rows (`{ userId, timestamp }` by default, or accessors in `options`) or
 * columns `{ userId, timestamp }`, read in place.
 * @throws {MetricsInputError} for a bad record, user id or timestamp, an unknown option
 * key or a `null` option, an unknown time zone, a negative `inactivityMinutes`, a `target`
 * that is not an integer >= 1, a bad `confidence`, `asOf`, `from` or `to`, or `to` before
 * `from`.
 *
 * @example
 * ```ts
 * import { sessionsPerUserDay } from 'customer-success-metrics/engagement';
 * const events = [
 *   { userId: 'ana', timestamp: '2024-03-01T09:00:00Z' },
 *   { userId: 'ana', timestamp: '2024-03-01T14:00:00Z' }, // a second session that day
 *   { userId: 'ben', timestamp: '2024-03-01T09:05:00Z' },
 *   { userId: 'ben', timestamp: '2024-03-02T09:05:00Z' },
 * ];
 * const result = sessionsPerUserDay(events, { target: 2 });
 * result.days.map((d) => [d.date, d.complete, d.activeUsers, d.sessionCount, d.usersMeetingTarget]);
 * // => [['2024-03-01', true, 2, 3, 1], ['2024-03-02', false, 1, 1, 0]]
 * result.overall.distribution;
 * // => [{ sessionCount: 1, userDays: 2 }, { sessionCount: 2, userDays: 1 }]
 * ```
 */
export function sessionsPerUserDay<R>(events: Events<R>, options?: SessionsPerUserDayOptions<R>): SessionsPerUserDayResult {
  const fn = 'sessionsPerUserDay';
  const opts = optionsOf(options, fn, SESSIONS_PER_USER_DAY_OPTION_KEYS);
  const settings = readSessionsSettings(fn, opts);
  const table = sessionize(fn, events, opts, settings.zone, settings.inactivityMinutes * 60_000, settings.asOf);
  const { count, day } = table;
  // Sessions are ordered by start, so days are non-decreasing: the first and last are the data's.
  const firstDay = count === 0 ? null : (day[0] as number);
  const lastDay = count === 0 ? null : (day[count - 1] as number);
  return sessionsResult(settings, settings.asOf ?? table.latest, firstDay, lastDay, (counts) => tallySessions(table, counts));
}

/** Counts each user-day of the range of `counts` with its number of sessions. */
function tallySessions(table: SessionTable, counts: SessionDayCounts): void {
  const { count, user, day } = table;
  const { from, to } = counts;
  // Each user's sessions come in start order, so a user's days are non-decreasing: keep
  // the user's current day and its running count, and settle it when the day changes.
  const users = table.userIds.length;
  const currentDay = new Int32Array(users).fill(-2_147_483_648);
  const running = new Int32Array(users);
  const settle = (u: number): void => {
    const k = running[u] as number;
    if (k !== 0) counts.add(currentDay[u] as number, k, 1);
  };
  for (let s = 0; s < count; s++) {
    const d = day[s] as number;
    if (d < from || d > to) continue;
    const u = user[s] as number;
    if (currentDay[u] === d) {
      running[u] = (running[u] as number) + 1;
    } else {
      settle(u);
      currentDay[u] = d;
      running[u] = 1;
    }
  }
  for (let u = 0; u < users; u++) settle(u);
}
