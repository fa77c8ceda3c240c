import { describe, expect, it } from 'vitest';
import { asOfEcho, endOfDay, isCompleteAt, lastCompleteDay, readAsOf } from '../../src/core/as-of.js';
import { parseDayKey } from '../../src/core/calendar.js';
import { zoneCalendar } from '../../src/core/time-zone.js';
import { errorOf } from '../support/errors.js';

const utc = zoneCalendar('UTC', 't');
const berlin = zoneCalendar('Europe/Berlin', 't');
const day = (key: string) => parseDayKey(key) as number;

describe('readAsOf', () => {
  it('reads a date-only asOf as the last millisecond of that local day', () => {
    // 2024-07-01T00:00Z minus 1 ms; in Berlin (CEST, UTC+2) the day ends at 2024-06-30T22:00Z.
    expect(readAsOf('2024-06-30', utc, 't')).toBe(Date.UTC(2024, 6, 1) - 1);
    expect(readAsOf('2024-06-30', berlin, 't')).toBe(Date.UTC(2024, 5, 30, 22) - 1);
  });

  it('reads a month as the end of its last local day', () => {
    expect(readAsOf('2024-02', utc, 't')).toBe(Date.UTC(2024, 2, 1) - 1); // leap February ends on the 29th
    expect(readAsOf('2024-12', berlin, 't')).toBe(Date.UTC(2024, 11, 31, 23) - 1); // CET, UTC+1
  });

  it('reads an instant as itself, and undefined as null', () => {
    expect(readAsOf('2024-06-30T15:00:00Z', berlin, 't')).toBe(Date.UTC(2024, 5, 30, 15));
    expect(readAsOf(Date.UTC(2024, 5, 30, 15), utc, 't')).toBe(Date.UTC(2024, 5, 30, 15));
    expect(readAsOf(new Date(Date.UTC(2024, 5, 30)), utc, 't')).toBe(Date.UTC(2024, 5, 30));
    expect(readAsOf(undefined, utc, 't')).toBeNull();
  });

  it('rejects what is not a timestamp, naming the path', () => {
    const error = errorOf(() => readAsOf('2024-06-30T15:00', utc, 'f'));
    expect(error.code).toBe('ambiguous-timestamp');
    expect(error.path).toBe('options.asOf');
    expect(errorOf(() => readAsOf('June', utc, 'f')).code).toBe('invalid-timestamp');
  });
});

describe('completeness', () => {
  it('a day is complete only once asOf reaches its last millisecond', () => {
    expect(lastCompleteDay(endOfDay(day('2024-06-30'), berlin), berlin)).toBe(day('2024-06-30'));
    expect(lastCompleteDay(endOfDay(day('2024-06-30'), berlin) - 1, berlin)).toBe(day('2024-06-29'));
    expect(lastCompleteDay(Date.UTC(2024, 5, 30, 15), utc)).toBe(day('2024-06-29'));
    expect(isCompleteAt(day('2024-06-30'), readAsOf('2024-06-30', berlin, 't'), berlin)).toBe(true);
    expect(isCompleteAt(day('2024-06-30'), Date.UTC(2024, 5, 30, 21, 59, 59, 999), berlin)).toBe(true);
    expect(isCompleteAt(day('2024-06-30'), Date.UTC(2024, 5, 30, 21, 59, 59, 998), berlin)).toBe(false);
    expect(isCompleteAt(day('2024-06-30'), null, utc)).toBe(false);
  });

  it('handles a 23-hour DST day', () => {
    // Berlin springs forward on 2024-03-31: the day runs 2024-03-30T23:00Z .. 2024-03-31T22:00Z.
    expect(endOfDay(day('2024-03-31'), berlin)).toBe(Date.UTC(2024, 2, 31, 22) - 1);
  });
});

describe('asOfEcho', () => {
  it('echoes the instant in UTC and the local day', () => {
    expect(asOfEcho(readAsOf('2024-06-30', berlin, 't'), berlin)).toEqual({ asOf: '2024-06-30T21:59:59.999Z', asOfDate: '2024-06-30' });
    // 23:30 UTC on June 30 is already July 1 in Berlin.
    expect(asOfEcho(Date.UTC(2024, 5, 30, 23, 30), berlin)).toEqual({ asOf: '2024-06-30T23:30:00.000Z', asOfDate: '2024-07-01' });
    expect(asOfEcho(null, utc)).toEqual({ asOf: null, asOfDate: null });
  });
});
