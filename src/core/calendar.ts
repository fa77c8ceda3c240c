/**
 * Proleptic Gregorian calendar arithmetic on day numbers (days since 1970-01-01), after
 * Howard Hinnant's `days_from_civil` / `civil_from_days` algorithms
 * (https://howardhinnant.github.io/date_algorithms.html). Branch-light integer math, no
 * `Date` objects, O(1) each. Years 1 to 9999 are supported, the range of a four-digit key.
 * @internal
 */

import type { Weekday } from './types.js';

/** Milliseconds in a 24-hour day (a calendar day in a zone with DST may have 23 or 25 hours). */
export const MS_PER_DAY = 86_400_000;
/** Day number of 0001-01-01. */
export const MIN_DAY = -719_162;
/** Day number of 9999-12-31. */
export const MAX_DAY = 2_932_896;
/** First millisecond of 0001-01-01 UTC. */
export const MIN_INSTANT = MIN_DAY * MS_PER_DAY;
/** Last millisecond of 9999-12-31 UTC. */
export const MAX_INSTANT = (MAX_DAY + 1) * MS_PER_DAY - 1;

/** Day number of a proleptic Gregorian date; `month` is 1-12. */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** The year, month (1-12) and day of a day number, packed as `year * 10000 + month * 100 + day`. */
export function civilFromDays(dayNumber: number): number {
  const z = dayNumber + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return year * 10_000 + month * 100 + day;
}

/** Days in a month of a year (month 1-12). */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}

/** `YYYY-MM-DD` of a day number. */
export function dayKey(dayNumber: number): string {
  const packed = civilFromDays(dayNumber);
  const year = Math.floor(packed / 10_000);
  const month = Math.floor(packed / 100) % 100;
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(packed % 100, 2)}`;
}

/** Month number (`year * 12 + month - 1`) of a day number. */
export function monthOfDay(dayNumber: number): number {
  const packed = civilFromDays(dayNumber);
  return Math.floor(packed / 10_000) * 12 + (Math.floor(packed / 100) % 100) - 1;
}

/** `YYYY-MM` of a month number. */
export function monthKey(monthNumber: number): string {
  return `${pad(Math.floor(monthNumber / 12), 4)}-${pad((monthNumber % 12) + 1, 2)}`;
}

/** Day number of the first day of a month number. */
export function firstDayOfMonth(monthNumber: number): number {
  return daysFromCivil(Math.floor(monthNumber / 12), (monthNumber % 12) + 1, 1);
}

/** Weekday of a day number: 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday). */
export function weekdayOf(dayNumber: number): Weekday {
  return ((((dayNumber + 4) % 7) + 7) % 7) as Weekday;
}

/** Day number of the first day of the week that contains `dayNumber`. */
export function startOfWeek(dayNumber: number, weekStartsOn: Weekday): number {
  return dayNumber - ((((dayNumber + 4 - weekStartsOn) % 7) + 7) % 7);
}

function digits(text: string, start: number, count: number): number {
  let value = 0;
  for (let i = start; i < start + count; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    value = value * 10 + c;
  }
  return value;
}

/** Day number of a `YYYY-MM-DD` key, or `null` when the text is not a valid date. */
export function parseDayKey(text: string): number | null {
  if (text.length !== 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  const day = digits(text, 8, 2);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return daysFromCivil(year, month, day);
}

/** Month number of a `YYYY-MM` key, or `null` when the text is not a valid month. */
export function parseMonthKey(text: string): number | null {
  if (text.length !== 7 || text.charCodeAt(4) !== 45) return null;
  const year = digits(text, 0, 4);
  const month = digits(text, 5, 2);
  if (year < 1 || month < 1 || month > 12) return null;
  return year * 12 + month - 1;
}

/** Parses the fixed-width digits of an ISO string; -1 when any is not a digit. @internal */
export { digits as parseDigits };
