import { describe, expect, it } from 'vitest';
import { describeValue } from '../../src/core/errors.js';
import {
  IdCodes,
  accessorFor,
  readBoolean,
  readChoice,
  readConfidence,
  readId,
  readInteger,
  readNonNegative,
  readWeekStart,
  requireIterable,
  requireRecord,
} from '../../src/core/read.js';
import { errorOf } from '../support/errors.js';


describe('record reading', () => {
  it('reads the named property by default and uses a given accessor otherwise', () => {
    const row = { userId: 'u1', uid: 'x9' };
    expect(accessorFor<typeof row>(undefined, 'userId', 'f')(row, 0)).toBe('u1');
    expect(accessorFor<typeof row>((r: typeof row) => r.uid, 'userId', 'f')(row, 0)).toBe('x9');
    const e = errorOf(() => accessorFor('uid', 'userId', 'activeUsers'));
    expect(e.path).toBe('options.userId');
    expect(e.message).toBe('activeUsers: options.userId must be a function that reads the field from a record ("uid")');
  });

  it('accepts non-empty strings and finite numbers as ids, nothing else', () => {
    expect(readId('u1', 'f', 'events', 0, 'userId')).toBe('u1');
    expect(readId(7, 'f', 'events', 0, 'userId')).toBe(7);
    for (const bad of ['', Number.NaN, Number.POSITIVE_INFINITY, null, undefined, {}, true]) {
      const e = errorOf(() => readId(bad, 'activeUsers', 'events', 41, 'userId'));
      expect(e.code).toBe('invalid-id');
      expect(e.path).toBe('events[41].userId');
    }
    expect(errorOf(() => readId(undefined, 'activeUsers', 'events', 41, 'userId')).message).toBe(
      'activeUsers: events[41].userId must be a non-empty string or a finite number (undefined)',
    );
  });

  it('never coerces numbers, booleans or strings', () => {
    expect(errorOf(() => readNonNegative('20', 'f', 'licenses[0].licenses')).code).toBe('invalid-number');
    expect(errorOf(() => readNonNegative(-1, 'f', 'licenses[0].licenses')).message).toBe(
      'f: licenses[0].licenses must be a finite number >= 0 (-1)',
    );
    expect(readNonNegative(0, 'f', 'x')).toBe(0);
    expect(errorOf(() => readInteger(1.5, 'f', 'x', 1)).message).toBe('f: x must be an integer >= 1 (1.5)');
    expect(readInteger(3, 'f', 'x', 1)).toBe(3);
    expect(errorOf(() => readBoolean(1, 'f', 'subjects[2].observed')).code).toBe('invalid-boolean');
    expect(readBoolean(false, 'f', 'x')).toBe(false);
  });

  it('reads options with defaults', () => {
    expect(readConfidence(undefined, 'f')).toBe(0.95);
    expect(readConfidence(0.9, 'f')).toBe(0.9);
    expect(errorOf(() => readConfidence(95, 'f')).path).toBe('options.confidence');
    expect(readWeekStart(undefined, 'f')).toBe(1);
    expect(readWeekStart(0, 'f')).toBe(0);
    expect(errorOf(() => readWeekStart(7, 'f')).code).toBe('invalid-option');
    expect(readChoice(undefined, ['day', 'week'] as const, 'day', 'f', 'options.period')).toBe('day');
    expect(errorOf(() => readChoice('year', ['day', 'week'] as const, 'day', 'f', 'options.period')).message).toBe(
      "f: options.period must be one of 'day', 'week' (\"year\")",
    );
  });

  it('requires iterables of objects', () => {
    expect(requireIterable([1], 'f', 'events')).toEqual([1]);
    expect(requireIterable(new Set([1]), 'f', 'events')).toBeInstanceOf(Set);
    expect(errorOf(() => requireIterable('abc', 'f', 'events')).code).toBe('invalid-input');
    expect(errorOf(() => requireIterable(undefined, 'f', 'events')).message).toBe(
      'f: events must be an array or another iterable of records (undefined)',
    );
    expect(errorOf(() => requireRecord(null, 'f', 'events', 2)).path).toBe('events[2]');
  });

  it('codes ids densely in order of first sight, keeping 1 and "1" apart', () => {
    const codes = new IdCodes();
    expect([codes.code('a'), codes.code(1), codes.code('1'), codes.code('a')]).toEqual([0, 1, 2, 0]);
    expect(codes.size).toBe(3);
    expect(codes.find('zz')).toBe(-1);
    expect(codes.ids).toEqual(['a', 1, '1']);
  });

  it('describes values briefly', () => {
    expect(describeValue('x'.repeat(200))).toHaveLength(80);
    expect(describeValue(new Date(0))).toBe('Date(1970-01-01T00:00:00.000Z)');
    expect(describeValue(1_709_283_600_000n)).toBe('1709283600000n'); // a bigint shows its n, so it does not read as a valid timestamp
    expect(describeValue([1, 2])).toBe('an array of 2');
    expect(describeValue({ a: 1 })).toBe('{"a":1}');
  });
});
