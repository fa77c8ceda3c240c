/**
 * Reading instants: epoch milliseconds, `Date`, or ISO-8601 text.
 *
 * Accepted text: `YYYY-MM-DD` (the start of that calendar day in the zone of the call), or
 * `YYYY-MM-DDTHH:MM[:SS[.fraction]]` followed by `Z` or an offset `±HH:MM`, `±HHMM` or
 * `±HH` (`T` may be a space, as RFC 3339 allows). A date-time without an offset is
 * rejected: which zone it meant is unknowable. Parsed by hand, without a regular
 * expression, `Date.parse` or any allocation: O(length of the text).
 *
 * Supported range: years 1 to 9999, the range of a `YYYY-MM-DD` key.
 * @internal
 */

import { MS_PER_DAY, daysFromCivil, daysInMonth, parseDigits } from './calendar.js';
import { fail, failColumnValue, failRecord, type RecordAt } from './errors.js';
import { isSupportedInstant, type ZoneCalendar } from './time-zone.js';

const NOT_AN_INSTANT = Number.NaN;

function isSeparator(code: number): boolean {
  return code === 84 /* T */ || code === 116 /* t */ || code === 32 /* space */;
}

/** Epoch ms of an ISO string, or NaN when it is not one this library accepts. */
function parseIsoText(text: string, zone: ZoneCalendar): number {
  const length = text.length;
  if (length < 10 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return NOT_AN_INSTANT;
  const year = parseDigits(text, 0, 4);
  const month = parseDigits(text, 5, 2);
  const day = parseDigits(text, 8, 2);
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return NOT_AN_INSTANT;
  const dayNumber = daysFromCivil(year, month, day);
  if (length === 10) return zone.startOfDay(dayNumber);
  if (length < 16 || !isSeparator(text.charCodeAt(10)) || text.charCodeAt(13) !== 58) return NOT_AN_INSTANT;
  const hour = parseDigits(text, 11, 2);
  const minute = parseDigits(text, 14, 2);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59) return NOT_AN_INSTANT;
  let position = 16;
  let second = 0;
  let millis = 0;
  if (text.charCodeAt(position) === 58 /* : */) {
    second = parseDigits(text, position + 1, 2);
    if (second < 0 || second > 59) return NOT_AN_INSTANT;
    position += 3;
    const mark = text.charCodeAt(position);
    if (mark === 46 /* . */ || mark === 44 /* , */) {
      position++;
      let scale = 100;
      const first = position;
      while (position < length) {
        const digit = text.charCodeAt(position) - 48;
        if (digit < 0 || digit > 9) break;
        millis += digit * scale;
        scale /= 10;
        position++;
      }
      if (position === first) return NOT_AN_INSTANT;
      millis = Math.floor(millis);
    }
  }
  // Offset: Z, ±HH, ±HHMM, ±HH:MM.
  if (position >= length) return NOT_AN_INSTANT;
  const sign = text.charCodeAt(position);
  let offset = 0;
  if (sign === 90 /* Z */ || sign === 122 /* z */) {
    if (position + 1 !== length) return NOT_AN_INSTANT;
  } else if (sign === 43 /* + */ || sign === 45 /* - */) {
    const rest = length - position - 1;
    const offsetHours = parseDigits(text, position + 1, 2);
    let offsetMinutes = 0;
    if (rest === 5 && text.charCodeAt(position + 3) === 58) offsetMinutes = parseDigits(text, position + 4, 2);
    else if (rest === 4) offsetMinutes = parseDigits(text, position + 3, 2);
    else if (rest !== 2) return NOT_AN_INSTANT;
    if (offsetHours < 0 || offsetHours > 23 || offsetMinutes < 0 || offsetMinutes > 59) return NOT_AN_INSTANT;
    offset = (offsetHours * 60 + offsetMinutes) * 60_000 * (sign === 45 ? -1 : 1);
  } else {
    return NOT_AN_INSTANT;
  }
  return dayNumber * MS_PER_DAY + ((hour * 60 + minute) * 60 + second) * 1000 + millis - offset;
}

/**
 * Epoch milliseconds of a timestamp value, or `NaN` when it is not a valid, supported
 * instant. Never throws and never allocates: the hot path of every event reader.
 */
export function instantOf(value: unknown, zone: ZoneCalendar): number {
  let t: number;
  if (typeof value === 'number') t = value;
  else if (typeof value === 'string') t = parseIsoText(value, zone);
  else if (value instanceof Date) t = value.getTime();
  else return NOT_AN_INSTANT;
  return isSupportedInstant(t) ? t : NOT_AN_INSTANT;
}

/** Why {@link instantOf} refused a value, as an error message fragment and code. */
function instantProblem(value: unknown): [code: string, problem: string] {
  if (typeof value === 'number' && Number.isFinite(value)) {
    return ['invalid-timestamp', 'is outside the supported range of years 1 to 9999'];
  }
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}([.,]\d+)?)?$/.test(value)) {
    return ['ambiguous-timestamp', 'has no time-zone offset; add Z or an offset such as +02:00, or pass epoch milliseconds'];
  }
  return ['invalid-timestamp', 'is not a valid timestamp'];
}

/**
 * Epoch milliseconds of a timestamp value.
 * @throws {MetricsInputError} `invalid-timestamp` or `ambiguous-timestamp`, naming `path`.
 */
export function readInstant(value: unknown, zone: ZoneCalendar, fn: string, path: string): number {
  const t = instantOf(value, zone);
  if (t === t) return t;
  const [code, problem] = instantProblem(value);
  return fail(fn, path, code, problem, value);
}

/**
 * Throws the error for a timestamp that {@link instantOf} refused (a cold path: the path
 * string is only built here).
 */
export function failInstant(value: unknown, fn: string, path: string): never {
  const [code, problem] = instantProblem(value);
  return fail(fn, path, code, problem, value);
}

/**
 * Throws the error for a record's timestamp that {@link instantOf} refused, naming the
 * record's id beside its index (`events[4] (userId "u_77").timestamp`).
 */
export function failRecordInstant(
  value: unknown,
  fn: string,
  at: RecordAt,
  field = 'timestamp',
  columns = false,
): never {
  const [code, problem] = instantProblem(value);
  return columns ? failColumnValue(fn, at, field, code, problem, value) : failRecord(fn, at, field, code, problem, value);
}
