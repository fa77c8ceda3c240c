/**
 * The compute phase of cohort retention: a scan summary (see `cohort-scan.ts`), the
 * signup starts and the settings to the retention table, shared by `cohortRetention` and
 * `cohortRetentionAccumulator`. The algorithm is described on `cohortRetention`.
 * @internal
 */

import { asOfEcho, endOfDay, isCompleteAt, lastCompleteDay } from '../../core/as-of.js';
import { MS_PER_DAY } from '../../core/calendar.js';
import type { Period } from '../../core/types.js';
import type { CohortRetentionResult, CohortRetentionRow } from '../cohort-retention.js';
import { signupStarts, type CohortSettings, type SignupRows } from './cohort-options.js';
import { intervalLastDay, periodKey, periodLastDay, periodOf, periodStep } from './cohort-periods.js';
import type { CohortScanner, CohortSummary } from './cohort-scan.js';

const ROLLING_DAYS: Record<Period, number> = { day: 1, week: 7, month: 30 };

/**
 * The retention table of everything `scanner` has read: `asOf` is the given one or the
 * latest instant scanned; `signups` (start `'signup'`) are mapped to user codes, users who
 * signed up without events included.
 */
export function cohortTableOf<R>(settings: CohortSettings, scanner: CohortScanner<R>, signups: SignupRows | null): CohortRetentionResult {
  const asOf = settings.asOf ?? scanner.latest;
  const starts = signups === null ? null : signupStarts(signups, scanner.users, asOf);
  return cohortTable(settings, scanner.summary(scanner.users.size), starts, asOf);
}

/**
 * The retention table of `summary` under `settings`. `asOf` is the given or default
 * `asOf` (`null`: no events and none given); `signupAt` holds the signup instant of
 * each user code (NaN for none) with `start: 'signup'`, else `null`. O(user-days +
 * cohorts × periods).
 */
function cohortTable(settings: CohortSettings, summary: CohortSummary, signupAt: Float64Array | null, asOf: number | null): CohortRetentionResult {
  const { zone, rolling, recurring, mode, periods, weekStartsOn } = settings;
  const userCount = summary.units;

  // Memberships: (user, start, cohort period), by user and then start.
  let memberUser = new Int32Array(1024);
  let memberStart = new Float64Array(1024);
  let memberPeriod = new Int32Array(1024);
  let members = 0;
  const join = (user: number, start: number, startDay: number): void => {
    if (members === memberUser.length) {
      const size = members * 2;
      const u = new Int32Array(size);
      u.set(memberUser);
      memberUser = u;
      const s = new Float64Array(size);
      s.set(memberStart);
      memberStart = s;
      const p = new Int32Array(size);
      p.set(memberPeriod);
      memberPeriod = p;
    }
    memberUser[members] = user;
    memberStart[members] = start;
    memberPeriod[members] = periodOf(settings.cohort, startDay, weekStartsOn);
    members++;
  };

  const activityDays = summary.days;
  const activitySpans = summary.spans;
  const startsDays = summary.startDays ?? activityDays;
  const startsSpans = summary.startSpans ?? activitySpans;
  for (let u = 0; u < userCount; u++) {
    if (signupAt !== null) {
      const t = signupAt[u] ?? Number.NaN;
      if (t === t) join(u, rolling ? t : zone.dayOf(t), zone.dayOf(t));
      continue;
    }
    if (startsDays !== null) {
      const { offsets, days: list } = startsDays;
      const end = offsets[u + 1] as number;
      let i = offsets[u] as number;
      let period = Number.NaN;
      for (; i < end; i++) {
        const day = list[i] as number;
        const p = periodOf(settings.cohort, day, weekStartsOn);
        if (p === period) continue;
        period = p;
        join(u, day, day);
        if (!recurring) break;
      }
    } else if (startsSpans !== null) {
      const { offsets, blocks, lo } = startsSpans;
      const end = offsets[u + 1] as number;
      let i = offsets[u] as number;
      while (i < end) {
        // The first instant of the period: the earliest over its blocks.
        const day = (blocks[i] as number) >> 1;
        const period = periodOf(settings.cohort, day, weekStartsOn);
        let first = lo[i] as number;
        let j = i + 1;
        while (j < end && periodOf(settings.cohort, (blocks[j] as number) >> 1, weekStartsOn) === period) {
          if ((lo[j] as number) < first) first = lo[j] as number;
          j++;
        }
        join(u, first, zone.dayOf(first));
        if (!recurring) break;
        i = j;
      }
    }
  }
  // Users active (by asOf) who never started: members are in user order.
  const activityOffsets = (activityDays ?? (activitySpans as NonNullable<typeof activitySpans>)).offsets;
  let withoutStart = 0;
  for (let u = 0, m = 0; u < userCount; u++) {
    const started = m < members && memberUser[m] === u;
    while (m < members && memberUser[m] === u) m++;
    if (!started && (activityOffsets[u + 1] as number) > (activityOffsets[u] as number)) withoutStart++;
  }

  const head = {
    cohort: settings.cohort,
    interval: settings.interval,
    mode,
    periods,
    brackets: settings.brackets,
    start: settings.start,
    recurring,
    rolling,
    timeZone: zone.timeZone,
    weekStartsOn,
    ...asOfEcho(asOf, zone),
  };
  const columnsCount = settings.brackets === null ? periods + 1 : settings.brackets.length;
  if (members === 0) {
    return { ...head, cohorts: [], mean: { counts: new Array<number>(columnsCount).fill(0), sizes: new Array<number>(columnsCount).fill(0), rates: new Array<number | null>(columnsCount).fill(null) }, withoutStart };
  }

  let firstPeriod = Number.POSITIVE_INFINITY;
  let lastPeriod = Number.NEGATIVE_INFINITY;
  for (let m = 0; m < members; m++) {
    const p = memberPeriod[m] as number;
    if (p < firstPeriod) firstPeriod = p;
    if (p > lastPeriod) lastPeriod = p;
  }
  const step = periodStep(settings.cohort);
  const monthly = settings.cohort === 'month';
  const cohortIndex = (p: number): number => (monthly ? p - firstPeriod : (p - firstPeriod) / step);
  const cohortCount = cohortIndex(lastPeriod) + 1;
  const sizes = new Int32Array(cohortCount);
  // Per interval index 0..periods; bracket columns are summed from marks below.
  const width = periods + 2;
  const cells = new Int32Array(cohortCount * width);
  const bracketCells = settings.brackets === null ? null : new Int32Array(cohortCount * settings.brackets.length);
  // Brackets containing each interval index, and the last membership counted in each.
  const bracketsAt: number[][] = [];
  if (settings.brackets !== null) {
    for (let k = 0; k <= periods; k++) bracketsAt.push([]);
    settings.brackets.forEach(([a, b], index) => {
      for (let k = a; k <= b; k++) (bracketsAt[k] as number[]).push(index);
    });
  }
  const bracketMark = new Int32Array(settings.brackets === null ? 0 : settings.brackets.length).fill(-1);
  const unbounded = mode === 'unbounded';
  const interval = settings.interval;
  const windowMs = ROLLING_DAYS[interval] * MS_PER_DAY;
  const byDay = interval === 'day';
  const byWeek = interval === 'week';

  /** Counts interval index `k` of membership `m` in cohort row `row` (k values arrive non-decreasing). */
  const seen = new Int32Array(periods + 1).fill(-1);
  const mark = (m: number, row: number, k: number): void => {
    if (seen[k] === m) return;
    seen[k] = m;
    if (bracketCells === null) {
      cells[row * width + k] = (cells[row * width + k] as number) + 1;
      return;
    }
    const base = row * bracketMark.length;
    for (const b of bracketsAt[k] as number[]) {
      if (bracketMark[b] === m) continue;
      bracketMark[b] = m;
      bracketCells[base + b] = (bracketCells[base + b] as number) + 1;
    }
  };

  let cursorUser = -1;
  let cursor = 0;
  for (let m = 0; m < members; m++) {
    const u = memberUser[m] as number;
    const start = memberStart[m] as number;
    const c = cohortIndex(memberPeriod[m] as number);
    sizes[c] = (sizes[c] as number) + 1;
    const row = c * width;
    if (activityDays !== null) {
      const { offsets, days: list } = activityDays;
      const end = offsets[u + 1] as number;
      // A user's memberships come in start order: resume where the previous one began.
      if (u !== cursorUser) {
        cursorUser = u;
        cursor = offsets[u] as number;
      }
      while (cursor < end && (list[cursor] as number) < start) cursor++;
      let i = cursor;
      if (i === end) continue;
      // Interval k of a day: days, whole weeks from the start's week, or months from the start's month.
      const base = interval === 'day' ? start : periodOf(interval, start, weekStartsOn);
      if (unbounded) {
        const day = list[end - 1] as number;
        const k = byDay ? day - base : byWeek ? Math.floor((day - base) / 7) : periodOf('month', day, weekStartsOn) - base;
        const last = Math.min(k, periods);
        cells[row] = (cells[row] as number) + 1;
        cells[row + last + 1] = (cells[row + last + 1] as number) - 1;
        continue;
      }
      for (; i < end; i++) {
        const day = list[i] as number;
        const k = byDay ? day - base : byWeek ? Math.floor((day - base) / 7) : periodOf('month', day, weekStartsOn) - base;
        if (k > periods) break;
        mark(m, c, k);
      }
    } else {
      const { offsets, lo, hi } = activitySpans as NonNullable<typeof activitySpans>;
      const { blocks } = activitySpans as NonNullable<typeof activitySpans>;
      const end = offsets[u + 1] as number;
      if (u !== cursorUser) {
        cursorUser = u;
        cursor = offsets[u] as number;
      }
      while (cursor < end && (hi[cursor] as number) < start) cursor++;
      let i = cursor;
      if (i === end) continue;
      if (unbounded) {
        // The latest instant: in the last block, or in the other half of the same day.
        let latestHi = hi[end - 1] as number;
        if (end - 2 >= i && (blocks[end - 2] as number) >> 1 === (blocks[end - 1] as number) >> 1 && (hi[end - 2] as number) > latestHi) latestHi = hi[end - 2] as number;
        const last = Math.min(Math.floor((latestHi - start) / windowMs), periods);
        cells[row] = (cells[row] as number) + 1;
        cells[row + last + 1] = (cells[row + last + 1] as number) - 1;
        continue;
      }
      // A block spans under 24 hours: its events touch the windows of its earliest and latest one.
      for (; i < end; i++) {
        const a = lo[i] as number;
        const b = hi[i] as number;
        if (b < start) continue;
        const kFirst = a >= start ? Math.floor((a - start) / windowMs) : 0;
        const kLast = Math.floor((b - start) / windowMs);
        if (kFirst > periods) break;
        mark(m, c, kFirst);
        if (kLast !== kFirst && kLast <= periods) mark(m, c, kLast);
      }
    }
  }

  // Interval k of cohort period p is reported when it is complete at asOf for a start at the
  // very end of the period (its last day; rolling: its last millisecond). A calendar interval
  // is complete when its last local day has ended by asOf, a rolling window when its last
  // millisecond (start + (k + 1)·W − 1) is at or before asOf.
  const lastComplete = asOf === null ? Number.NEGATIVE_INFINITY : lastCompleteDay(asOf, zone);
  const observable = (p: number, k: number): boolean => {
    if (asOf === null) return false;
    const lastStart = periodLastDay(settings.cohort, p);
    if (rolling) return endOfDay(lastStart, zone) + (k + 1) * windowMs - 1 <= asOf;
    return intervalLastDay(interval, lastStart, k, weekStartsOn) <= lastComplete;
  };
  const lastIndexOf = (j: number): number => (settings.brackets === null ? j : (settings.brackets[j] as [number, number])[1]);

  const cohorts: CohortRetentionRow[] = [];
  const meanCounts = new Array<number>(columnsCount).fill(0);
  const meanSizes = new Array<number>(columnsCount).fill(0);
  for (let c = 0; c < cohortCount; c++) {
    const p = monthly ? firstPeriod + c : firstPeriod + c * step;
    const size = sizes[c] as number;
    const counts: (number | null)[] = [];
    const rates: (number | null)[] = [];
    let running = 0;
    for (let j = 0; j < columnsCount; j++) {
      let count: number;
      if (bracketCells !== null) count = bracketCells[c * columnsCount + j] as number;
      else if (unbounded) count = running += cells[c * width + j] as number;
      else count = cells[c * width + j] as number;
      if (!observable(p, lastIndexOf(j))) {
        counts.push(null);
        rates.push(null);
        continue;
      }
      counts.push(count);
      rates.push(size === 0 ? null : count / size);
      meanCounts[j] = (meanCounts[j] as number) + count;
      meanSizes[j] = (meanSizes[j] as number) + size;
    }
    const complete = isCompleteAt(periodLastDay(settings.cohort, p), asOf, zone);
    cohorts.push({ cohort: periodKey(settings.cohort, p), complete, size, counts, rates });
  }
  const meanRates = meanCounts.map((count, j) => ((meanSizes[j] as number) === 0 ? null : count / (meanSizes[j] as number)));
  return { ...head, cohorts, mean: { counts: meanCounts, sizes: meanSizes, rates: meanRates }, withoutStart };
}
