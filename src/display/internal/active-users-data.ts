/**
 * Reading an `activeUsers` result for `activeUsersChart` and `activeUsersChartSpec`: its
 * complete days, checked, with the trailing 7-day mean of DAU/MAU.
 * @internal
 */

import { parseDayKey } from '../../core/calendar.js';
import { fail } from '../../core/errors.js';
import { readBoolean, readFinite, requireIterable, requireRecord } from '../../core/read.js';
import { readNullableNumber } from './series.js';

/** One complete day. */
export interface ActiveDay {
  readonly date: string;
  /** Day number (days since 1970-01-01). */
  readonly day: number;
  readonly dau: number;
  readonly wau: number;
  readonly mau: number;
  readonly dauMau: number | null;
  /** Mean of the day's DAU/MAU and the 6 days before it (those that have one); `null` when none has. */
  readonly dauMauWeek: number | null;
}

/** The days to draw, the windows, the zone, and how many days in progress were left out. */
export interface ActiveUsersData {
  readonly days: ActiveDay[];
  readonly windows: { readonly wau: number; readonly mau: number };
  readonly timeZone: string | null;
  readonly incomplete: number;
}

/** The days of the trailing mean of DAU/MAU. */
export const WEEK = 7;

/**
 * The complete days of an `activeUsers` result (`{ days: [{ date, complete, dau, wau,
 * mau, dauMau }] }`, a grouped one's overall `days`), in date order; days still in progress
 * (`complete: false`, whose counts are partial) are left out and counted.
 */
export function readActiveUsers(result: unknown, fn: string): ActiveUsersData {
  if (result === null || typeof result !== 'object' || !('days' in result)) {
    return fail(fn, 'result', 'invalid-input', 'must be an activeUsers result { days: [{ date, dau, wau, mau, dauMau, complete }] }', result);
  }
  const r = result as Record<string, unknown>;
  const windows = r['windows'] !== null && typeof r['windows'] === 'object' ? (r['windows'] as Record<string, unknown>) : {};
  const window = (key: string, fallback: number): number => {
    const v = windows[key];
    return typeof v === 'number' && Number.isInteger(v) && v > 0 ? v : fallback;
  };
  const days: ActiveDay[] = [];
  let incomplete = 0;
  let j = 0;
  let previous = -Infinity;
  for (const entry of requireIterable<unknown>(r['days'], fn, 'result.days')) {
    requireRecord(entry, fn, 'result.days', j);
    const d = entry as Record<string, unknown>;
    const at = `result.days[${j}]`;
    const date = d['date'];
    const day = typeof date === 'string' ? parseDayKey(date) : null;
    if (day === null) fail(fn, `${at}.date`, 'invalid-date', 'must be a day YYYY-MM-DD', date);
    if (day <= previous) fail(fn, `${at}.date`, 'invalid-order', 'must be later than the day before it', date);
    previous = day;
    const complete = d['complete'] === undefined ? true : readBoolean(d['complete'], fn, `${at}.complete`);
    const row = {
      date: date as string,
      day,
      dau: readFinite(d['dau'], fn, `${at}.dau`),
      wau: readFinite(d['wau'], fn, `${at}.wau`),
      mau: readFinite(d['mau'], fn, `${at}.mau`),
      dauMau: readNullableNumber(d['dauMau'], fn, `${at}.dauMau`, true),
    };
    j++;
    if (!complete) {
      incomplete++;
      continue;
    }
    days.push({ ...row, dauMauWeek: null });
  }
  // Trailing mean over the calendar week ending on each day (days missing from the result count as absent).
  const withMean = days.map((d, k) => {
    let sum = 0;
    let count = 0;
    for (let i = k; i >= 0 && (days[i] as ActiveDay).day > d.day - WEEK; i--) {
      const v = (days[i] as ActiveDay).dauMau;
      if (v !== null) {
        sum += v;
        count++;
      }
    }
    return { ...d, dauMauWeek: count === 0 ? null : sum / count };
  });
  return { days: withMean, windows: { wau: window('wau', 7), mau: window('mau', 30) }, timeZone: typeof r['timeZone'] === 'string' ? r['timeZone'] : null, incomplete };
}

/** The default title, subtitle and labels. */
export function activeUsersDefaults(data: ActiveUsersData): { title: string; subtitle: string; xLabel: string; yLabel: string } {
  const first = data.days[0];
  const last = data.days[data.days.length - 1];
  const range = first !== undefined && last !== undefined ? `${first.date} to ${last.date}; ` : '';
  const left = data.incomplete > 0 ? `; ${data.incomplete === 1 ? 'the day in progress' : `${data.incomplete} days in progress`} left out` : '';
  return {
    title: 'Active users',
    subtitle: `${range}WAU and MAU over trailing ${data.windows.wau} and ${data.windows.mau} days${left}`,
    xLabel: data.timeZone === null ? 'day' : `day (${data.timeZone})`,
    yLabel: 'users',
  };
}
