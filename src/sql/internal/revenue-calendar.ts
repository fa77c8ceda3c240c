/**
 * Calendar expressions of the revenue builders: local days of instants and first instants
 * of local days in a zone (UTC by arithmetic, other zones through the dialect's tz
 * database), month numbers (`year * 12 + month - 1`) from `YYYY-MM` text without a cast
 * that could fail, `YYYY-MM` text from month numbers, and the first day of a month by the
 * civil-calendar arithmetic of `core/calendar.ts` (integers only, so every engine agrees).
 * @internal
 */

import type { Dialect } from './dialect.js';
import type { QueryValues } from './query-text.js';

const DAY_MS = '86400000';

/** A zone's local calendar in SQL. */
export interface SqlZone {
  /** The local day number of epoch ms `ms` (an integer). */
  day(ms: string): string;
  /** Epoch ms (a double) of the first instant of local day number `day`. */
  start(day: string): string;
}

/** The calendar of `timeZone`; the zone is bound once (not at all for UTC). */
export function sqlZone(d: Dialect, values: QueryValues, timeZone: string): SqlZone {
  if (timeZone === 'UTC') {
    return { day: (ms) => d.floorDiv(`(${ms})`, DAY_MS), start: (day) => `(${d.cast(day, 'double')} * ${DAY_MS})` };
  }
  const zone = values.bind(timeZone, 'text');
  return { day: (ms) => d.localDay(`(${ms})`, zone), start: (day) => d.dayStart(`(${day})`, zone) };
}

/**
 * The day number of the first day of month number `month` (an integer expression): days
 * from civil with March-based years, `Y = floor((m - 2) / 12)`, as `daysFromCivil` counts.
 */
export function firstDayOfMonthSql(d: Dialect, month: string): string {
  const y = d.floorDiv(`${month} - 2`, '12');
  const dayOfYear = d.floorDiv(`153 * (${month} - 2 - 12 * ${y}) + 2`, '5');
  return `(365 * ${y} + ${d.floorDiv(y, '4')} - ${d.floorDiv(y, '100')} + ${d.floorDiv(y, '400')} + ${dayOfYear} - 719468)`;
}

/** `YYYY-MM` text of month number `month` (years 1 to 9999), as `monthKey` writes it. */
export function monthTextSql(d: Dialect, month: string): string {
  const year = d.floorDiv(month, '12');
  return `lpad(${d.cast(year, 'text')}, 4, '0') || '-' || lpad(${d.cast(`${month} - 12 * ${year} + 1`, 'text')}, 2, '0')`;
}

/**
 * Whether text `text` is a month `YYYY-MM` as `parseMonthKey` reads it (seven characters,
 * four digits, `-`, two digits, year >= 1, month 1 to 12; never NULL), and its month number
 * (meaningful only when valid). Digits are read with `position`, which never fails, where
 * a cast to a number would stop the query at the first bad text.
 */
export function monthOfTextSql(d: Dialect, text: string): { readonly valid: string; readonly month: string } {
  const digit = (at: number): string => `(${d.cast(`position(substr(${text}, ${at}, 1) IN '0123456789')`, 'integer')} - 1)`;
  const year = `(((${digit(1)} * 10 + ${digit(2)}) * 10 + ${digit(3)}) * 10 + ${digit(4)})`;
  const month = `(${digit(6)} * 10 + ${digit(7)})`;
  const checks = [`length(${text}) = 7`, `substr(${text}, 5, 1) = '-'`, ...[1, 2, 3, 4, 6, 7].map((at) => `${digit(at)} >= 0`), `${year} >= 1`, `${month} >= 1`, `${month} <= 12`];
  return { valid: `coalesce(${checks.join(' AND ')}, FALSE)`, month: `${year} * 12 + ${month} - 1` };
}
