/**
 * The result assembly of `sessionsPerUserDay` (and of the `sessionsPerUserDaySql`
 * decoder): the reported range, the user-days tallied per local day of it by their number
 * of sessions, then the day rows (active users, sessions, users meeting the target,
 * ratios and Wilson intervals), the totals of the range (pooled share, mean, distribution
 * of user-days by session count) and the settings echoed. O(days + distinct session
 * counts) after the tally.
 * @internal
 */

import { asOfEcho } from '../../core/as-of.js';
import { dayKey } from '../../core/calendar.js';
import { wilsonInterval } from '../../stats/wilson-interval.js';
import type { SessionsPerUserDayBar, SessionsPerUserDayOverall, SessionsPerUserDayResult, SessionsPerUserDayRow } from '../types.js';
import { asOfRange, completeThrough } from './as-of-range.js';
import type { SessionsSettings } from './sessions-per-user-day-options.js';

/** The user-days of a range of local days, tallied by day and by number of sessions. */
export class SessionDayCounts {
  private readonly active: Float64Array;
  private readonly sessions: Float64Array;
  private readonly meeting: Float64Array;
  /** `distribution[k]`: the user-days with exactly k sessions. */
  private readonly distribution: number[] = [];

  /** The range `from`..`to` (day numbers, inclusive); a user-day meets the target with at least `target` sessions. */
  constructor(
    readonly from: number,
    readonly to: number,
    private readonly target: number,
  ) {
    const length = to - from + 1;
    this.active = new Float64Array(length);
    this.sessions = new Float64Array(length);
    this.meeting = new Float64Array(length);
  }

  /** Counts `userDays` user-days on `day` (a day of the range) with `sessions` sessions each (>= 1). */
  add(day: number, sessions: number, userDays: number): void {
    const index = day - this.from;
    this.active[index] = (this.active[index] as number) + userDays;
    this.sessions[index] = (this.sessions[index] as number) + sessions * userDays;
    if (sessions >= this.target) this.meeting[index] = (this.meeting[index] as number) + userDays;
    this.distribution[sessions] = (this.distribution[sessions] ?? 0) + userDays;
  }

  /** The rows of the range and their totals. `completeDay`: the last day complete at `asOf`. */
  figures(confidence: number, completeDay: number): { days: SessionsPerUserDayRow[]; overall: SessionsPerUserDayOverall } {
    const { from, to } = this;
    const length = to - from + 1;
    const days: SessionsPerUserDayRow[] = [];
    let userDays = 0;
    let met = 0;
    let sessionTotal = 0;
    for (let i = 0; i < length; i++) {
      const a = this.active[i] as number;
      const k = this.sessions[i] as number;
      const m = this.meeting[i] as number;
      userDays += a;
      met += m;
      sessionTotal += k;
      days.push({
        date: dayKey(from + i),
        complete: from + i <= completeDay,
        activeUsers: a,
        sessionCount: k,
        sessionsPerUser: a === 0 ? null : k / a,
        usersMeetingTarget: m,
        shareMeetingTarget: wilsonInterval(m, a, { confidence }),
      });
    }
    return { days, overall: overallOf(userDays, met, sessionTotal, this.distribution, confidence) };
  }
}

/**
 * The result at `asOf` (the given one, else the latest event): the range of `asOfRange`
 * from the first and last session days (`null` without sessions), whose user-days `tally`
 * counts into the `SessionDayCounts` of that range (not called when there is no range).
 */
export function sessionsResult(
  settings: SessionsSettings,
  asOf: number | null,
  firstDay: number | null,
  lastDay: number | null,
  tally: (counts: SessionDayCounts) => void,
): SessionsPerUserDayResult {
  const { zone, inactivityMinutes, target, confidence } = settings;
  const range = asOfRange(settings.bounds, firstDay, lastDay, asOf, zone);
  let figures: { days: SessionsPerUserDayRow[]; overall: SessionsPerUserDayOverall } = { days: [], overall: overallOf(0, 0, 0, [], confidence) };
  if (range !== null) {
    const counts = new SessionDayCounts(range.from, range.to, target);
    tally(counts);
    figures = counts.figures(confidence, completeThrough(asOf, zone));
  }
  return {
    timeZone: zone.timeZone,
    ...asOfEcho(asOf, zone),
    inactivityMinutes,
    target,
    confidence,
    from: range === null ? null : dayKey(range.from),
    to: range === null ? null : dayKey(range.to),
    days: figures.days,
    overall: figures.overall,
  };
}

/** The totals of a range; `distribution[k]` is the number of user-days with k sessions. */
function overallOf(userDays: number, met: number, sessionTotal: number, distribution: readonly number[], confidence: number): SessionsPerUserDayOverall {
  const histogram: SessionsPerUserDayBar[] = [];
  for (let k = 1; k < distribution.length; k++) histogram.push({ sessionCount: k, userDays: distribution[k] ?? 0 });
  return {
    userDays,
    userDaysMeetingTarget: met,
    share: wilsonInterval(met, userDays, { confidence }),
    meanSessionsPerUserDay: userDays === 0 ? null : sessionTotal / userDays,
    distribution: histogram,
  };
}
