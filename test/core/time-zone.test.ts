import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dayKey, parseDayKey } from '../../src/core/calendar.js';
import { MetricsInputError } from '../../src/core/errors.js';
import { zoneCalendar } from '../../src/core/time-zone.js';

const HOUR = 3_600_000;
const day = (key: string): number => parseDayKey(key) as number;

/**
 * First instants of local days, from Python's zoneinfo:
 * int(datetime(Y, M, D, tzinfo=ZoneInfo(zone)).astimezone(timezone.utc).timestamp() * 1000)
 * (for a day whose midnight does not exist, zoneinfo's fold-0 answer is the first instant of the day).
 */
const dayStarts: [zone: string, key: string, start: number][] = [
  ['America/New_York', '2024-03-10', 1710046800000],
  ['America/New_York', '2024-03-11', 1710129600000],
  ['America/New_York', '2024-11-03', 1730606400000],
  ['America/New_York', '2024-11-04', 1730696400000],
  ['Europe/Berlin', '2024-03-31', 1711839600000],
  ['Europe/Berlin', '2024-04-01', 1711922400000],
  ['Europe/Berlin', '2024-10-27', 1729980000000],
  ['Europe/Berlin', '2024-10-28', 1730070000000],
  ['Asia/Kolkata', '2024-06-01', 1717180200000],
  ['Asia/Kathmandu', '2024-06-01', 1717179300000],
  ['Australia/Lord_Howe', '2024-04-07', 1712408400000],
  ['Australia/Lord_Howe', '2024-04-08', 1712496600000],
  ['America/Santiago', '2024-09-08', 1725768000000], // midnight skipped: the day starts at 01:00 -03
  ['Pacific/Apia', '2011-12-29', 1325152800000],
  ['Pacific/Apia', '2011-12-31', 1325239200000],
  ['America/Goose_Bay', '2006-10-28', 1162004400000],
  ['America/Goose_Bay', '2006-10-29', 1162090800000],
];

const zones = [
  'UTC',
  'America/New_York',
  'Europe/Berlin',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Australia/Lord_Howe',
  'America/Santiago',
  'Pacific/Apia',
  'Pacific/Chatham',
  'America/St_Johns',
  'Asia/Tehran',
  'Africa/Casablanca',
  'America/Goose_Bay',
  'Pacific/Kiritimati',
  'Etc/GMT+12',
];

describe('zoneCalendar', () => {
  it.each(dayStarts)('%s: %s starts at the instant zoneinfo gives', (zone, key, start) => {
    const calendar = zoneCalendar(zone, 'test');
    expect(calendar.startOfDay(day(key))).toBe(start);
    expect(calendar.dayOf(start)).toBe(day(key));
    // The instant before belongs to the previous day (2011-12-29 for Apia, which skipped 12-30).
    expect(calendar.dayOf(start - 1)).toBe(key === '2011-12-31' ? day('2011-12-29') : day(key) - 1);
  });

  it('has 23- and 25-hour DST days in New York and Berlin', () => {
    const ny = zoneCalendar('America/New_York', 'test');
    expect(ny.startOfDay(day('2024-03-11')) - ny.startOfDay(day('2024-03-10'))).toBe(23 * HOUR);
    expect(ny.startOfDay(day('2024-11-04')) - ny.startOfDay(day('2024-11-03'))).toBe(25 * HOUR);
    const berlin = zoneCalendar('Europe/Berlin', 'test');
    expect(berlin.startOfDay(day('2024-04-01')) - berlin.startOfDay(day('2024-03-31'))).toBe(23 * HOUR);
    expect(berlin.startOfDay(day('2024-10-28')) - berlin.startOfDay(day('2024-10-27'))).toBe(25 * HOUR);
    // 2024-11-03T05:30Z is 01:30 EDT and 06:30Z is 01:30 EST: both on November 3.
    expect(dayKey(ny.dayOf(Date.parse('2024-11-03T05:30:00Z')))).toBe('2024-11-03');
    expect(dayKey(ny.dayOf(Date.parse('2024-11-03T06:30:00Z')))).toBe('2024-11-03');
    expect(dayKey(ny.dayOf(Date.parse('2024-11-04T04:59:59.999Z')))).toBe('2024-11-03');
    expect(dayKey(ny.dayOf(Date.parse('2024-11-04T05:00:00Z')))).toBe('2024-11-04');
  });

  it('reports offsets, including half- and quarter-hour zones', () => {
    expect(zoneCalendar('Asia/Kolkata', 'test').offsetAt(Date.parse('2024-06-01T12:00:00Z'))).toBe(5.5 * HOUR);
    expect(zoneCalendar('Asia/Kathmandu', 'test').offsetAt(Date.parse('2024-06-01T12:00:00Z'))).toBe(5.75 * HOUR);
    expect(zoneCalendar('America/New_York', 'test').offsetAt(Date.parse('2024-07-01T12:00:00Z'))).toBe(-4 * HOUR);
    expect(zoneCalendar('UTC', 'test').offsetAt(0)).toBe(0);
  });

  it('skips a day that a zone skipped (Samoa, 2011-12-30)', () => {
    const apia = zoneCalendar('Pacific/Apia', 'test');
    expect(apia.startOfDay(day('2011-12-30'))).toBe(apia.startOfDay(day('2011-12-31')));
    expect(dayKey(apia.dayOf(1325239200000 - 1))).toBe('2011-12-29');
  });

  it('keeps the repeated hour of a fall-back across midnight in the day already begun (Goose Bay, 2006)', () => {
    // At 00:01 -03 on 2006-10-29 (03:01Z) the clock went back to 23:01 -04 on 10-28.
    const goose = zoneCalendar('America/Goose_Bay', 'test');
    expect(dayKey(goose.dayOf(Date.parse('2006-10-29T03:00:30Z')))).toBe('2006-10-29');
    expect(dayKey(goose.dayOf(Date.parse('2006-10-29T03:30:00Z')))).toBe('2006-10-29');
    expect(dayKey(goose.dayOf(Date.parse('2006-10-29T04:00:00Z')))).toBe('2006-10-29');
  });

  it('rejects unknown and malformed zones with MetricsInputError', () => {
    expect(() => zoneCalendar('Mars/Olympus_Mons', 'activeUsers')).toThrow(
      'activeUsers: options.timeZone is not a known IANA time zone ("Mars/Olympus_Mons")',
    );
    for (const bad of ['', 42, null, {}]) {
      try {
        zoneCalendar(bad, 'activeUsers');
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(MetricsInputError);
        expect((error as MetricsInputError).code).toBe('invalid-time-zone');
        expect((error as MetricsInputError).path).toBe('options.timeZone');
      }
    }
  });

  const zoneArb = fc.constantFrom(...zones);
  const instantArb = fc.integer({ min: Date.UTC(1950, 0, 1), max: Date.UTC(2060, 0, 1) });

  it('gives the wall-clock date that Intl shows, from 2011 on (property)', () => {
    // From 2011 no zone sets its clock back across midnight, so the day is exactly Intl's wall date.
    fc.assert(
      fc.property(zoneArb, fc.integer({ min: Date.UTC(2011, 0, 1), max: Date.UTC(2060, 0, 1) }), (zone, t) => {
        const wall = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(t);
        expect(dayKey(zoneCalendar(zone, 'test').dayOf(t))).toBe(wall);
      }),
      { numRuns: 3000 },
    );
  });

  it('never lets the day go back as time goes forward (property)', () => {
    fc.assert(
      fc.property(zoneArb, instantArb, fc.integer({ min: 0, max: 3 * 86_400_000 }), (zone, t, step) => {
        const calendar = zoneCalendar(zone, 'test');
        expect(calendar.dayOf(t + step)).toBeGreaterThanOrEqual(calendar.dayOf(t));
      }),
      { numRuns: 3000 },
    );
  });

  it('puts every instant of a day, DST days included, in that day (property)', () => {
    const dstDays: [string, string][] = [
      ['America/New_York', '2024-03-10'],
      ['America/New_York', '2024-11-03'],
      ['Europe/Berlin', '2024-03-31'],
      ['Europe/Berlin', '2024-10-27'],
      ['Australia/Lord_Howe', '2024-04-07'],
      ['America/Santiago', '2024-09-08'],
    ];
    fc.assert(
      fc.property(fc.constantFrom(...dstDays), fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), ([zone, key], u) => {
        const calendar = zoneCalendar(zone, 'test');
        const start = calendar.startOfDay(day(key));
        const end = calendar.startOfDay(day(key) + 1);
        const t = start + Math.floor(u * (end - start));
        expect(dayKey(calendar.dayOf(t))).toBe(key);
      }),
      { numRuns: 2000 },
    );
  });

  it('round-trips day starts: the day of a day start is that day, and the instant before is the day before (property)', () => {
    fc.assert(
      fc.property(zoneArb, fc.integer({ min: day('1950-01-01'), max: day('2060-01-01') }), (zone, d) => {
        const calendar = zoneCalendar(zone, 'test');
        const start = calendar.startOfDay(d);
        expect(calendar.dayOf(start)).toBeGreaterThanOrEqual(d); // > d only for a skipped day
        expect(calendar.dayOf(start - 1)).toBeLessThan(d);
      }),
      { numRuns: 2000 },
    );
  });
});
