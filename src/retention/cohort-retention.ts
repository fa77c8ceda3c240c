import { MS_PER_DAY } from '../core/calendar.js';
import { isEventColumns, scanEvents, type EventAccessors, type Events } from '../core/events.js';
import { accessorFor, optionsOf } from '../core/read.js';
import type { Accessor, Period, Timestamp, Weekday } from '../core/types.js';
import { UnitDaysBuilder } from '../core/unit-days.js';
import { readCohortSettings, readSignups, type CohortSignupFields, type RetentionMode } from './internal/cohort-options.js';
import { intervalLastDay, periodKey, periodLastDay, periodOf, periodStep } from './internal/cohort-periods.js';
import { UnitSpansBuilder } from './internal/cohort-spans.js';

export type { CohortSignupFields, RetentionMode } from './internal/cohort-options.js';

/** Options of {@link cohortRetention}. */
export interface CohortRetentionOptions<R, S = unknown> extends EventAccessors<R> {
  /** Calendar period that groups users into cohorts by their start. */
  readonly cohort: Period;
  /** Length of the retention intervals: calendar periods, or 24-hour multiples with `rolling`. */
  readonly interval: Period;
  /** Last interval index reported: columns 0..periods (optional in bracket mode: the largest bracket end). */
  readonly periods?: number;
  /** `'n-day'` (default), `'unbounded'` or `'bracket'`. */
  readonly mode?: RetentionMode;
  /** Bracket mode: ranges `[first, last]` of interval indices, inclusive, e.g. `[[1, 7], [8, 14], [15, 30]]`. */
  readonly brackets?: readonly (readonly [number, number])[];
  /** End of the observed data (default: the latest event); later events and signups are ignored. */
  readonly asOf?: Timestamp;
  /** IANA time zone of the calendar (default `'UTC'`). */
  readonly timeZone?: string;
  /** First day of the week, 0 = Sunday ... 6 = Saturday (default 1, Monday). */
  readonly weekStartsOn?: Weekday;
  /**
   * What starts a user: `'first-activity'` (their first event; the default without
   * `signups`), `'signup'` (their row in `signups`; the default with it) or an event name
   * (their first event of that name).
   */
  readonly start?: string;
  /** Signups `{ userId, signedUpAt }`, one per user (other shapes through `signupFields`). */
  readonly signups?: Iterable<S>;
  /** Accessors for the signups (`id`, `signedUpAt`). */
  readonly signupFields?: CohortSignupFields<S>;
  /** Recurring cohorts: a user joins the cohort of every period in which they start (default false). */
  readonly recurring?: boolean;
  /** Rolling windows of 24 hours (7 × 24 for weeks, 30 × 24 for months) from the start instant (default false). */
  readonly rolling?: boolean;
  /** Reads the event name (default `record.name`; columns: the `name` column), for an event `start`. */
  readonly name?: Accessor<R, unknown>;
}

/** One cohort's row of the table. */
export interface CohortRetentionRow {
  /** The cohort's period: `YYYY-MM-DD` (a day, or a week's first day) or `YYYY-MM`. */
  readonly cohort: string;
  /** Users (recurring: user-starts) in the cohort. */
  readonly size: number;
  /** Retained users per column; `null` where the column is not yet observable at `asOf`. */
  readonly counts: (number | null)[];
  /** `counts / size`; `null` where the count is `null` or the cohort is empty. */
  readonly rates: (number | null)[];
}

/** Result of {@link cohortRetention}. */
export interface CohortRetentionResult {
  /** Calendar period that groups users into cohorts. */
  readonly cohort: Period;
  /** Length of the retention intervals. */
  readonly interval: Period;
  /** The retention mode used. */
  readonly mode: RetentionMode;
  /** Last interval index reported: columns 0..periods. */
  readonly periods: number;
  /** The brackets (bracket mode), else `null`. */
  readonly brackets: [number, number][] | null;
  /** What starts a user: `'first-activity'`, `'signup'` or an event name. */
  readonly start: string;
  /** Whether cohorts are recurring. */
  readonly recurring: boolean;
  /** Whether intervals are rolling windows of 24 hours. */
  readonly rolling: boolean;
  /** IANA time zone of the calendar. */
  readonly timeZone: string;
  /** First day of the week used, 0 = Sunday ... 6 = Saturday. */
  readonly weekStartsOn: Weekday;
  /** The `asOf` used, as an ISO string; `null` when there are no events and none was given. */
  readonly asOf: string | null;
  /** Every cohort period from the first to the last with a member; empty ones have size 0. */
  readonly cohorts: CohortRetentionRow[];
  /** Size-weighted mean over the cohorts observed in each column. */
  readonly mean: {
    /** Retained users summed over the cohorts observed in the column. */
    readonly counts: number[];
    /** Sizes summed over the same cohorts. */
    readonly sizes: number[];
    /** `counts / sizes`; `null` where no cohort (or only empty ones) is observed. */
    readonly rates: (number | null)[];
  };
  /** Users with events but no start (no signup row, or never did the start event). */
  readonly withoutStart: number;
}

const HALF_DAY = MS_PER_DAY / 2;
const ROLLING_DAYS: Record<Period, number> = { day: 1, week: 7, month: 30 };

/**
 * Cohort retention: users grouped by the calendar period of their start, and the share
 * of each cohort active in each later interval.
 *
 * Definition (Amplitude's retention analysis; Mixpanel's "on every occurrence" for
 * recurring cohorts). A user is active at an instant when they have an event there (any
 * event). Their **start** is their first event (`start: 'first-activity'`), their signup
 * (`'signup'`, from `signups`) or their first event of a given name. The cohort is the
 * calendar day, week (from `weekStartsOn`) or month of `timeZone` containing the start.
 * **Intervals** k = 0..periods: calendar intervals by default (day k is the k-th calendar
 * day after the start day; week k and month k are the calendar week and month whose index
 * is k more than the start's, so week 0 may be short), or with `rolling: true` windows
 * `[start + k·W, start + (k+1)·W)` with W = 24 hours for `interval: 'day'`, 7 × 24 hours
 * for `'week'` and 30 × 24 hours for `'month'`. An event at 23:00 then one at 01:00 the
 * next day is day 1 on the calendar and day 0 in rolling windows. Columns by `mode`:
 * - `'n-day'`: users active in interval k;
 * - `'unbounded'`: users active in interval k or any later one (up to `asOf`, beyond the
 *   table too), so a row never rises with k;
 * - `'bracket'`: one column per `[first, last]` bracket, users active in any of its intervals.
 * With `recurring: true`, a user joins the cohort of every period in which they are active
 * (or, with an event `start`, in which they do that event) and is followed from their first
 * such moment in the period, so a user counts once per active period (cohort sizes are
 * user-starts). Activity before a user's start is ignored. Interval 0 is 1 for cohorts by
 * first activity or start event (the start is activity); by signup it is the share active
 * in the signup interval. Users in `signups` without events count in their cohort; users
 * with events but no start are counted in `withoutStart`.
 *
 * Observability: cells are `null` until complete at `asOf`. A calendar interval is
 * complete when its last day ends by `asOf`, i.e. lies before the day of `asOf` (the day
 * of `asOf` is still in progress; pass the next day's date to count it); a rolling window
 * when its end is at or before `asOf`. A cell is observed when the interval is complete
 * for every possible member, i.e. for a start on the last day of the cohort period (so the
 * row of a cohort period still in progress is all `null`). Unbounded cells follow the same
 * rule (they may still grow with later activity); a bracket when its last interval is.
 * The mean row is the cohort-size-weighted mean over the observed cells only: the sum of
 * counts over the sum of sizes of the cohorts observed in that column, `null` where none is.
 *
 * Cost: O(n) over events (one `Map` lookup per event for string ids), then a per-user sort
 * of distinct active days (skipped for time-ordered input) and one pass over user-days
 * (rolling: user half-days); recurring n-day cohorts revisit each active day at most once
 * per start within `periods` intervals before it. Memory O(user-days + cohorts × periods).
 *
 * Edge cases: empty input gives `cohorts: []`, mean counts and sizes 0 and rates `null`.
 * Events and signups after `asOf` are validated and ignored.
 *
 * @param events Rows (`{ userId, timestamp, name? }`, or accessors) or columns
 * `{ userId, timestamp, name? }`.
 * @throws {MetricsInputError} for bad records or signups (`duplicate-id` for a user's
 * second signup), a missing or unknown `cohort`, `interval` or `mode`, `periods` that is not
 * an integer >= 0, bad `brackets` (or brackets outside bracket mode), `start: 'signup'`
 * without `signups`, `signups` with another start, `recurring` with signup starts, a bad
 * `asOf`, `timeZone` or `weekStartsOn`.
 *
 * @example
 * ```ts
 * import { cohortRetention } from 'customer-success-metrics/retention';
 * const events = [
 *   { userId: 'ana', timestamp: '2024-03-04T09:00:00Z' },
 *   { userId: 'ana', timestamp: '2024-03-05T09:00:00Z' },
 *   { userId: 'ben', timestamp: '2024-03-04T18:00:00Z' },
 *   { userId: 'ben', timestamp: '2024-03-06T10:00:00Z' },
 *   { userId: 'cy', timestamp: '2024-03-05T12:00:00Z' },
 * ];
 * const table = cohortRetention(events, { cohort: 'day', interval: 'day', periods: 2, asOf: '2024-03-07' });
 * table.cohorts.map((c) => [c.cohort, c.size, c.counts]);
 * // => [['2024-03-04', 2, [2, 1, 1]], ['2024-03-05', 1, [1, 0, null]]]
 * table.mean.rates; // => [1, 0.333, 0.5]
 * ```
 */
export function cohortRetention<R, S = unknown>(events: Events<R>, options: CohortRetentionOptions<R, S>): CohortRetentionResult {
  const fn = 'cohortRetention';
  const opts = optionsOf(options, fn);
  const settings = readCohortSettings(fn, opts);
  const { zone, rolling, recurring, mode, periods, weekStartsOn, startEvent } = settings;
  const limit = settings.asOf ?? Number.POSITIVE_INFINITY;

  // One scan: activity (local days, or half-day blocks with instants) and start events.
  const days = rolling ? null : new UnitDaysBuilder();
  const spans = rolling ? new UnitSpansBuilder() : null;
  const startDays = startEvent !== null && !rolling ? new UnitDaysBuilder() : null;
  const startSpans = startEvent !== null && rolling ? new UnitSpansBuilder() : null;
  let latest = Number.NEGATIVE_INFINITY;
  let startCode = -1;
  let knownNames = 0;
  let lastName: unknown;
  const columns = isEventColumns(events);
  let group: { field: string; accessor: Accessor<R, unknown> | undefined } | undefined;
  let nameColumn: ArrayLike<unknown> | undefined;
  if (startEvent !== null) {
    if (columns) {
      nameColumn = (events as { name?: ArrayLike<unknown> }).name;
      group = { field: 'name', accessor: undefined };
    } else {
      const readName = accessorFor<R>(opts.name, 'name', fn);
      group = { field: 'name', accessor: (record, i) => (lastName = readName(record, i)) };
    }
  }
  const ids = scanEvents(events, { fn, collection: 'events', accessors: opts, group }, zone, (user, instant, name, index) => {
    if (instant > limit) return;
    if (instant > latest) latest = instant;
    const day = zone.dayOf(instant);
    let block = 0;
    if (spans !== null) {
      block = day * 2 + ((((instant + zone.offsetAt(instant)) % MS_PER_DAY) + MS_PER_DAY) % MS_PER_DAY >= HALF_DAY ? 1 : 0);
      spans.add(user, block, instant);
    } else {
      (days as UnitDaysBuilder).add(user, day);
    }
    if (startEvent === null) return;
    if (startCode < 0 && name >= knownNames) {
      knownNames = name + 1;
      const given = nameColumn === undefined ? lastName : nameColumn[index];
      if (given === startEvent) startCode = name;
    }
    if (name !== startCode) return;
    if (startSpans !== null) startSpans.add(user, block, instant);
    else (startDays as UnitDaysBuilder).add(user, day);
  });
  const asOf = settings.asOf ?? (latest === Number.NEGATIVE_INFINITY ? null : latest);
  const signupStarts = settings.start === 'signup' ? readSignups<S>(fn, opts.signups, opts.signupFields, ids.users, zone, asOf) : null;
  const userCount = ids.users.size;

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

  const activityDays = days === null ? null : days.build(userCount);
  const activitySpans = spans === null ? null : spans.build(userCount);
  const startsDays = startDays === null ? activityDays : startDays.build(userCount);
  const startsSpans = startSpans === null ? activitySpans : startSpans.build(userCount);
  for (let u = 0; u < userCount; u++) {
    if (signupStarts !== null) {
      const t = signupStarts[u] ?? Number.NaN;
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
    asOf: asOf === null ? null : new Date(asOf).toISOString(),
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

  // Observability of interval k for cohort period p (its last possible start).
  const asOfDay = asOf === null ? 0 : zone.dayOf(asOf);
  const observable = (p: number, k: number): boolean => {
    if (asOf === null) return false;
    const lastStart = periodLastDay(settings.cohort, p);
    if (rolling) return zone.startOfDay(lastStart + 1) + (k + 1) * windowMs <= asOf;
    return intervalLastDay(interval, lastStart, k, weekStartsOn) < asOfDay;
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
    cohorts.push({ cohort: periodKey(settings.cohort, p), size, counts, rates });
  }
  const meanRates = meanCounts.map((count, j) => ((meanSizes[j] as number) === 0 ? null : count / (meanSizes[j] as number)));
  return { ...head, cohorts, mean: { counts: meanCounts, sizes: meanSizes, rates: meanRates }, withoutStart };
}

