import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MetricsInputError } from '../../src/core/errors.js';
import { zoneCalendar } from '../../src/core/time-zone.js';
import { instantOf, readInstant } from '../../src/core/timestamp.js';

const utc = zoneCalendar('UTC', 'test');
const newYork = zoneCalendar('America/New_York', 'test');

describe('readInstant', () => {
  it('reads epoch milliseconds and Dates as they are', () => {
    expect(readInstant(1710077400000, utc, 'f', 'x')).toBe(1710077400000);
    expect(readInstant(new Date(1710077400000), utc, 'f', 'x')).toBe(1710077400000);
    expect(readInstant(0, utc, 'f', 'x')).toBe(0);
  });

  it('reads ISO date-times with Z or an offset (values from Python datetime)', () => {
    // Python: int(datetime(2024,3,10,8,30,tzinfo=timezone(timedelta(hours=-5))).timestamp()*1000)
    expect(readInstant('2024-03-10T08:30:00-05:00', utc, 'f', 'x')).toBe(1710077400000);
    expect(readInstant('2024-03-10T08:30-05:00', utc, 'f', 'x')).toBe(1710077400000);
    expect(readInstant('2024-03-10T08:30:00-0500', utc, 'f', 'x')).toBe(1710077400000);
    expect(readInstant('2024-03-10T08:30:00-05', utc, 'f', 'x')).toBe(1710077400000);
    expect(readInstant('2024-03-10 13:30:00Z', utc, 'f', 'x')).toBe(1710077400000);
    expect(readInstant('2024-03-10t13:30:00z', utc, 'f', 'x')).toBe(1710077400000);
    // Python: int(datetime(2024,3,10,8,30,15,123000,tzinfo=timezone(timedelta(hours=5,minutes=30))).timestamp()*1000)
    expect(readInstant('2024-03-10T08:30:15.123+05:30', utc, 'f', 'x')).toBe(1710039615123);
    expect(readInstant('2024-03-10T08:30:15.123456789+05:30', utc, 'f', 'x')).toBe(1710039615123);
    expect(readInstant('2024-03-10T08:30:15,1+05:30', utc, 'f', 'x')).toBe(1710039615100);
  });

  it('reads a date-only string as the start of that day in the zone of the call', () => {
    expect(readInstant('2024-03-10', utc, 'f', 'x')).toBe(Date.UTC(2024, 2, 10));
    // Python: int(datetime(2024,3,10,tzinfo=ZoneInfo('America/New_York')).timestamp()*1000)
    expect(readInstant('2024-03-10', newYork, 'f', 'x')).toBe(1710046800000);
  });

  it('rejects a date-time without an offset as ambiguous', () => {
    try {
      readInstant('2024-03-10T08:30:00', utc, 'activeUsers', 'events[3].timestamp');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MetricsInputError);
      const e = error as MetricsInputError;
      expect(e.code).toBe('ambiguous-timestamp');
      expect(e.path).toBe('events[3].timestamp');
      expect(e.value).toBe('2024-03-10T08:30:00');
      expect(e.message).toMatch(/^activeUsers: events\[3\]\.timestamp has no time-zone offset/);
    }
  });

  it.each([
    ['yesterday'],
    ['2024-02-30'],
    ['2024-13-01T00:00:00Z'],
    ['2024-03-10T24:00:00Z'],
    ['2024-03-10T23:60:00Z'],
    ['2024-03-10T23:00:60Z'],
    ['2024-03-10T23:00:00+24:00'],
    ['2024-03-10T23:00:00.Z'],
    ['2024-03-10T23:00:00Zjunk'],
    ['20240310T230000Z'],
    [''],
    [Number.NaN],
    [Number.POSITIVE_INFINITY],
    [new Date('invalid')],
    [253402300800000], // 10000-01-01
    [null],
    [undefined],
    [true],
    [{}],
  ])('rejects %s', (value) => {
    expect(Number.isNaN(instantOf(value, utc))).toBe(true);
    try {
      readInstant(value, utc, 'activeUsers', 'events[41].timestamp');
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(MetricsInputError);
      expect((error as MetricsInputError).code).toBe('invalid-timestamp');
      expect((error as MetricsInputError).message).toMatch(/^activeUsers: events\[41\]\.timestamp is /);
    }
  });

  it('names the value in the message', () => {
    expect(() => readInstant('yesterday', utc, 'activeUsers', 'events[41].timestamp')).toThrow(
      'activeUsers: events[41].timestamp is not a valid timestamp ("yesterday")',
    );
  });

  it('round-trips Date#toISOString for every supported instant (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1, 0, 1) - 1 + 1, max: Date.UTC(9999, 11, 31, 23, 59, 59, 999) }), (t) => {
        const iso = new Date(t).toISOString();
        fc.pre(!iso.startsWith('+') && !iso.startsWith('-'));
        expect(readInstant(iso, utc, 'f', 'x')).toBe(t);
      }),
      { numRuns: 3000 },
    );
  });

  it('applies any offset the same way Date.parse does (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2099, 0, 1) }),
        fc.integer({ min: -23 * 60 - 59, max: 23 * 60 + 59 }),
        (t, offsetMinutes) => {
          const local = new Date(t + offsetMinutes * 60_000).toISOString().slice(0, 23);
          const abs = Math.abs(offsetMinutes);
          const offset = `${offsetMinutes < 0 ? '-' : '+'}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
          const text = `${local}${offset}`;
          expect(readInstant(text, utc, 'f', 'x')).toBe(Date.parse(text));
          expect(readInstant(text, utc, 'f', 'x')).toBe(t);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
