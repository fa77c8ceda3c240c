/**
 * The compute phase of cohort retention: a scan summary (see `cohort-scan.ts`), the
 * signup starts and the settings to the retention table, shared by `cohortRetention` and
 * `cohortRetentionAccumulator`. The algorithm is described on `cohortRetention`. Three
 * named steps: `joinCohorts` reads who starts when (the memberships), `countCells` scans
 * each membership's activity into its cohort row, `tableRows` computes the reported cells,
 * rates and the mean row. Cohort periods and calendar intervals are numbered by the one
 * calendar-period numbering of `core/periods.ts`.
 * @internal
 */

import { asOfEcho, endOfDay, isCompleteAt, lastCompleteDay } from '../../core/as-of.js';
import { MS_PER_DAY } from '../../core/calendar.js';
import { periodScale, type PeriodScale } from '../../core/periods.js';
import type { SignupRows } from '../../core/signups.js';
import type { Period } from '../../core/types.js';
import type { CohortRetentionResult, CohortRetentionRow } from '../types.js';
import { signupStarts, type CohortSettings } from './cohort-options.js';
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

/** The period numberings of the cohorts and of the calendar intervals. */
interface Scales {
  readonly cohort: PeriodScale;
  readonly interval: PeriodScale;
}

/**
 * The retention table of `summary` under `settings`. `asOf` is the given or default
 * `asOf` (`null`: no events and none given); `signupAt` holds the signup instant of
 * each user code (NaN for none) with `start: 'signup'`, else `null`. O(user-days +
 * cohorts × lastPeriod).
 */
function cohortTable(settings: CohortSettings, summary: CohortSummary, signupAt: Float64Array | null, asOf: number | null): CohortRetentionResult {
  const scales = scalesOf(settings);
  // Read: who starts when, and in which cohort period.
  const members = joinCohorts(settings, scales.cohort, summary, signupAt);
  const withoutStart = countWithoutStart(summary, members);
  // Scan: each membership's activity into the cells of its cohort row.
  const grid = members.count === 0 ? null : countCells(settings, scales.interval, summary, members);
  return cohortTableOfGrid(settings, grid, asOf, withoutStart);
}

/** The numberings of the cohort periods and calendar intervals of the settings. */
function scalesOf(settings: CohortSettings): Scales {
  return { cohort: periodScale(settings.cohort, settings.weekStartsOn), interval: periodScale(settings.interval, settings.weekStartsOn) };
}

/**
 * The table from the counted cells (`null`: no memberships), the `asOf` in force and the
 * users without a start: the settings echo, the reported cells, rates and mean row. Also
 * the decoder of `cohortRetentionSql`, whose engine counts the cells. O(cohorts × columns).
 */
export function cohortTableOfGrid(settings: CohortSettings, grid: CohortGrid | null, asOf: number | null, withoutStart: number): CohortRetentionResult {
  const head = {
    cohort: settings.cohort,
    interval: settings.interval,
    mode: settings.mode,
    lastPeriod: settings.lastPeriod,
    brackets: settings.brackets,
    start: settings.start,
    recurring: settings.recurring,
    rolling: settings.rolling,
    timeZone: settings.zone.timeZone,
    weekStartsOn: settings.weekStartsOn,
    ...asOfEcho(asOf, settings.zone),
  };
  if (grid === null) {
    const columns = columnCount(settings);
    return { ...head, cohorts: [], mean: { counts: new Array<number>(columns).fill(0), sizes: new Array<number>(columns).fill(0), rates: new Array<number | null>(columns).fill(null) }, withoutStart };
  }
  // Compute: the cells complete at asOf, their rates, and the mean row.
  return { ...head, ...tableRows(settings, scalesOf(settings), grid, asOf), withoutStart };
}

/** Columns of the table: intervals 0..lastPeriod, or one per bracket. */
function columnCount(settings: CohortSettings): number {
  return settings.brackets === null ? settings.lastPeriod + 1 : settings.brackets.length;
}

/** Memberships (user, start, cohort period), by user and then start; they grow as they fill. */
class Memberships {
  user = new Int32Array(1024);
  start = new Float64Array(1024);
  period = new Int32Array(1024);
  count = 0;

  /** Adds a membership of `user` starting at `start` (a day, or an instant with `rolling`) in cohort period `period`. */
  join(user: number, start: number, period: number): void {
    if (this.count === this.user.length) {
      const size = this.count * 2;
      const u = new Int32Array(size);
      u.set(this.user);
      this.user = u;
      const s = new Float64Array(size);
      s.set(this.start);
      this.start = s;
      const p = new Int32Array(size);
      p.set(this.period);
      this.period = p;
    }
    this.user[this.count] = user;
    this.start[this.count] = start;
    this.period[this.count] = period;
    this.count++;
  }
}

/**
 * Read step: each user's starts (the signup, the first activity or start event, or with
 * `recurring` the first one in each cohort period), in user and then start order.
 * O(user-days).
 */
function joinCohorts(settings: CohortSettings, scale: PeriodScale, summary: CohortSummary, signupAt: Float64Array | null): Memberships {
  const { zone, rolling, recurring } = settings;
  const members = new Memberships();
  const startsDays = summary.startDays ?? summary.days;
  const startsSpans = summary.startSpans ?? summary.spans;
  for (let u = 0; u < summary.units; u++) {
    if (signupAt !== null) {
      const t = signupAt[u] ?? Number.NaN;
      if (t === t) members.join(u, rolling ? t : zone.dayOf(t), scale.of(zone.dayOf(t)));
      continue;
    }
    if (startsDays !== null) {
      const { offsets, days: list } = startsDays;
      const end = offsets[u + 1] as number;
      let period = Number.NaN;
      for (let i = offsets[u] as number; i < end; i++) {
        const day = list[i] as number;
        const p = scale.of(day);
        if (p === period) continue;
        period = p;
        members.join(u, day, p);
        if (!recurring) break;
      }
    } else if (startsSpans !== null) {
      const { offsets, blocks, lo } = startsSpans;
      const end = offsets[u + 1] as number;
      let i = offsets[u] as number;
      while (i < end) {
        // The first instant of the period: the earliest over its blocks.
        const period = scale.of((blocks[i] as number) >> 1);
        let first = lo[i] as number;
        let j = i + 1;
        while (j < end && scale.of((blocks[j] as number) >> 1) === period) {
          if ((lo[j] as number) < first) first = lo[j] as number;
          j++;
        }
        members.join(u, first, period);
        if (!recurring) break;
        i = j;
      }
    }
  }
  return members;
}

/** Users active (by `asOf`) who never started; memberships are in user order. O(users). */
function countWithoutStart(summary: CohortSummary, members: Memberships): number {
  const offsets = (summary.days ?? (summary.spans as NonNullable<CohortSummary['spans']>)).offsets;
  let withoutStart = 0;
  for (let u = 0, m = 0; u < summary.units; u++) {
    const started = m < members.count && members.user[m] === u;
    while (m < members.count && members.user[m] === u) m++;
    if (!started && (offsets[u + 1] as number) > (offsets[u] as number)) withoutStart++;
  }
  return withoutStart;
}

/** The counted cells: per cohort row its size and its retained users per interval (or bracket). */
export interface CohortGrid {
  /** Period number of the first cohort row; row `c` is period `firstPeriod + c`. */
  readonly firstPeriod: number;
  /** Size of each cohort row. */
  readonly sizes: Int32Array;
  /** Row `c`'s counts at `c * width + k` for interval k (unbounded: differences, summed by `tableRows`). */
  readonly cells: Int32Array;
  /** `lastPeriod + 2`. */
  readonly width: number;
  /** Bracket mode: row `c`'s count of bracket b at `c * brackets + b`; else `null`. */
  readonly bracketCells: Int32Array | null;
}

/**
 * Counts each membership at most once per interval (and per bracket) of its row. Interval
 * indices of one membership arrive in non-decreasing order.
 */
class CellCounter {
  private readonly seen: Int32Array;
  private readonly bracketsAt: number[][] = [];
  private readonly bracketMark: Int32Array;

  constructor(
    private readonly grid: CohortGrid,
    brackets: [number, number][] | null,
    lastPeriod: number,
  ) {
    this.seen = new Int32Array(lastPeriod + 1).fill(-1);
    if (brackets !== null) {
      for (let k = 0; k <= lastPeriod; k++) this.bracketsAt.push([]);
      brackets.forEach(([a, b], index) => {
        for (let k = a; k <= b; k++) (this.bracketsAt[k] as number[]).push(index);
      });
    }
    this.bracketMark = new Int32Array(brackets === null ? 0 : brackets.length).fill(-1);
  }

  /** Counts interval `k` of membership `m` in cohort row `row`. */
  mark(m: number, row: number, k: number): void {
    if (this.seen[k] === m) return;
    this.seen[k] = m;
    const { cells, width, bracketCells } = this.grid;
    if (bracketCells === null) {
      cells[row * width + k] = (cells[row * width + k] as number) + 1;
      return;
    }
    const marks = this.bracketMark;
    const base = row * marks.length;
    for (const b of this.bracketsAt[k] as number[]) {
      if (marks[b] === m) continue;
      marks[b] = m;
      bracketCells[base + b] = (bracketCells[base + b] as number) + 1;
    }
  }

  /** Unbounded mode: counts a membership of row `row` in intervals 0..last (a difference pair, summed later). */
  upTo(row: number, last: number): void {
    const { cells, width } = this.grid;
    cells[row * width] = (cells[row * width] as number) + 1;
    cells[row * width + last + 1] = (cells[row * width + last + 1] as number) - 1;
  }
}

/**
 * Scan step: the sizes of the cohort rows, and each membership's activity from its start
 * on counted into the intervals (or brackets) of its row. O(user-days) (rolling:
 * user half-days).
 */
function countCells(settings: CohortSettings, intervalScale: PeriodScale, summary: CohortSummary, members: Memberships): CohortGrid {
  let firstPeriod = Number.POSITIVE_INFINITY;
  let lastCohort = Number.NEGATIVE_INFINITY;
  for (let m = 0; m < members.count; m++) {
    const p = members.period[m] as number;
    if (p < firstPeriod) firstPeriod = p;
    if (p > lastCohort) lastCohort = p;
  }
  const rows = lastCohort - firstPeriod + 1;
  const width = settings.lastPeriod + 2;
  const grid: CohortGrid = {
    firstPeriod,
    sizes: new Int32Array(rows),
    cells: new Int32Array(rows * width),
    width,
    bracketCells: settings.brackets === null ? null : new Int32Array(rows * settings.brackets.length),
  };
  for (let m = 0; m < members.count; m++) {
    const row = (members.period[m] as number) - firstPeriod;
    grid.sizes[row] = (grid.sizes[row] as number) + 1;
  }
  const counter = new CellCounter(grid, settings.brackets, settings.lastPeriod);
  if (summary.days !== null) countCalendar(settings, intervalScale, summary.days, members, grid, counter);
  else countRolling(settings, summary.spans as NonNullable<CohortSummary['spans']>, members, grid, counter);
  return grid;
}

/** Calendar intervals: interval k of an active day is its interval number less the start day's. */
function countCalendar(settings: CohortSettings, scale: PeriodScale, activity: NonNullable<CohortSummary['days']>, members: Memberships, grid: CohortGrid, counter: CellCounter): void {
  const { lastPeriod } = settings;
  const unbounded = settings.mode === 'unbounded';
  const { offsets, days: list } = activity;
  let cursorUser = -1;
  let cursor = 0;
  for (let m = 0; m < members.count; m++) {
    const u = members.user[m] as number;
    const start = members.start[m] as number;
    const row = (members.period[m] as number) - grid.firstPeriod;
    const end = offsets[u + 1] as number;
    // A user's memberships come in start order: resume where the previous one began.
    if (u !== cursorUser) {
      cursorUser = u;
      cursor = offsets[u] as number;
    }
    while (cursor < end && (list[cursor] as number) < start) cursor++;
    if (cursor === end) continue;
    const base = scale.of(start);
    if (unbounded) {
      counter.upTo(row, Math.min(scale.of(list[end - 1] as number) - base, lastPeriod));
      continue;
    }
    for (let i = cursor; i < end; i++) {
      const k = scale.of(list[i] as number) - base;
      if (k > lastPeriod) break;
      counter.mark(m, row, k);
    }
  }
}

/** Rolling windows: interval k is `[start + k·W, start + (k+1)·W)`; a half-day block touches the windows of its earliest and latest instant. */
function countRolling(settings: CohortSettings, activity: NonNullable<CohortSummary['spans']>, members: Memberships, grid: CohortGrid, counter: CellCounter): void {
  const { lastPeriod } = settings;
  const unbounded = settings.mode === 'unbounded';
  const windowMs = ROLLING_DAYS[settings.interval] * MS_PER_DAY;
  const { offsets, blocks, lo, hi } = activity;
  let cursorUser = -1;
  let cursor = 0;
  for (let m = 0; m < members.count; m++) {
    const u = members.user[m] as number;
    const start = members.start[m] as number;
    const row = (members.period[m] as number) - grid.firstPeriod;
    const end = offsets[u + 1] as number;
    if (u !== cursorUser) {
      cursorUser = u;
      cursor = offsets[u] as number;
    }
    while (cursor < end && (hi[cursor] as number) < start) cursor++;
    if (cursor === end) continue;
    if (unbounded) {
      // The latest instant: in the last block, or in the other half of the same day.
      let latestHi = hi[end - 1] as number;
      if (end - 2 >= cursor && (blocks[end - 2] as number) >> 1 === (blocks[end - 1] as number) >> 1 && (hi[end - 2] as number) > latestHi) latestHi = hi[end - 2] as number;
      counter.upTo(row, Math.min(Math.floor((latestHi - start) / windowMs), lastPeriod));
      continue;
    }
    // A block spans under 24 hours: its events touch the windows of its earliest and latest one.
    for (let i = cursor; i < end; i++) {
      const a = lo[i] as number;
      const b = hi[i] as number;
      if (b < start) continue;
      const kFirst = a >= start ? Math.floor((a - start) / windowMs) : 0;
      const kLast = Math.floor((b - start) / windowMs);
      if (kFirst > lastPeriod) break;
      counter.mark(m, row, kFirst);
      if (kLast !== kFirst && kLast <= lastPeriod) counter.mark(m, row, kLast);
    }
  }
}

/**
 * Compute step: the rows, each cell reported once its interval is complete at `asOf` for a
 * start at the very end of the cohort period (its last day; rolling: its last
 * millisecond), else `null`; and the mean row over the reported cells. A calendar interval
 * is complete when its last local day has ended by `asOf`, a rolling window when its last
 * millisecond (start + (k + 1)·W − 1) is at or before `asOf`. O(cohorts × columns).
 */
function tableRows(settings: CohortSettings, scales: Scales, grid: CohortGrid, asOf: number | null): Pick<CohortRetentionResult, 'cohorts' | 'mean'> {
  const { zone, brackets } = settings;
  const columns = columnCount(settings);
  const windowMs = ROLLING_DAYS[settings.interval] * MS_PER_DAY;
  const lastComplete = asOf === null ? Number.NEGATIVE_INFINITY : lastCompleteDay(asOf, zone);
  const observable = (p: number, k: number): boolean => {
    if (asOf === null) return false;
    const lastStart = scales.cohort.lastDay(p);
    if (settings.rolling) return endOfDay(lastStart, zone) + (k + 1) * windowMs - 1 <= asOf;
    return scales.interval.lastDay(scales.interval.of(lastStart) + k) <= lastComplete;
  };
  const lastIndexOf = (j: number): number => (brackets === null ? j : (brackets[j] as [number, number])[1]);
  const unbounded = settings.mode === 'unbounded';
  const cohorts: CohortRetentionRow[] = [];
  const meanCounts = new Array<number>(columns).fill(0);
  const meanSizes = new Array<number>(columns).fill(0);
  for (let c = 0; c < grid.sizes.length; c++) {
    const p = grid.firstPeriod + c;
    const size = grid.sizes[c] as number;
    const counts: (number | null)[] = [];
    const rates: (number | null)[] = [];
    let running = 0;
    for (let j = 0; j < columns; j++) {
      let count: number;
      if (grid.bracketCells !== null) count = grid.bracketCells[c * columns + j] as number;
      else if (unbounded) count = running += grid.cells[c * grid.width + j] as number;
      else count = grid.cells[c * grid.width + j] as number;
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
    const complete = isCompleteAt(scales.cohort.lastDay(p), asOf, zone);
    cohorts.push({ cohort: scales.cohort.key(p), complete, size, counts, rates });
  }
  const meanRates = meanCounts.map((count, j) => ((meanSizes[j] as number) === 0 ? null : count / (meanSizes[j] as number)));
  return { cohorts, mean: { counts: meanCounts, sizes: meanSizes, rates: meanRates } };
}
