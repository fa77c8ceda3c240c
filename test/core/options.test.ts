import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { closestKey, optionsOf } from '../../src/core/options.js';
import { errorOf } from '../support/errors.js';

const KEYS = ['timeZone', 'from', 'to', 'asOf', 'groupBy', 'windows', 'userId', 'timestamp'] as const;

describe('optionsOf', () => {
  it('returns {} for undefined and the object itself when every key is known', () => {
    expect(optionsOf(undefined, 'f', KEYS)).toEqual({});
    const given = { timeZone: 'UTC', from: '2024-01-01', to: undefined };
    expect(optionsOf(given, 'f', KEYS)).toBe(given);
  });

  it('rejects a value that is not a plain object', () => {
    for (const bad of [null, 3, 'UTC', [], true]) {
      const error = errorOf(() => optionsOf(bad as never, 'f', KEYS));
      expect(error.code).toBe('invalid-option');
      expect(error.path).toBe('options');
    }
  });

  it('rejects an unknown key, naming it and the closest valid key', () => {
    const error = errorOf(() => optionsOf({ timezone: 'Europe/Berlin' }, 'activeUsers', KEYS));
    expect(error.code).toBe('unknown-option');
    expect(error.path).toBe('options.timezone');
    expect(error.value).toBe('Europe/Berlin');
    expect(error.message).toBe('activeUsers: options.timezone is not an option; did you mean timeZone? ("Europe/Berlin")');
  });

  it('lists the valid keys when no key is close', () => {
    const error = errorOf(() => optionsOf({ cohortGranularity: 'week' }, 'f', ['from', 'to']));
    expect(error.message).toBe('f: options.cohortGranularity is not an option; the options are from, to ("week")');
    expect(errorOf(() => optionsOf({ a: 1 }, 'f', [])).message).toBe('f: options.a is not an option; this takes no options (1)');
  });

  it('names nested paths', () => {
    const error = errorOf(() => optionsOf({ wua: 7 }, 'activeUsers', ['wau', 'mau'], 'options.windows'));
    expect(error.path).toBe('options.windows.wua');
    expect(error.message).toContain('did you mean wau?');
  });

  it('rejects null: undefined is the default, null is never a value', () => {
    expect(optionsOf({ timeZone: undefined }, 'f', KEYS)).toEqual({ timeZone: undefined });
    const error = errorOf(() => optionsOf({ timeZone: null }, 'f', KEYS));
    expect(error.code).toBe('invalid-option');
    expect(error.path).toBe('options.timeZone');
    expect(error.message).toBe('f: options.timeZone must not be null; leave it out (or pass undefined) for the default (null)');
  });
});

describe('closestKey', () => {
  it('finds case slips, typos, transpositions and common synonyms', () => {
    expect(closestKey('timezone', KEYS)).toBe('timeZone');
    expect(closestKey('TimeZone', KEYS)).toBe('timeZone');
    expect(closestKey('tz', KEYS)).toBe('timeZone');
    expect(closestKey('gropuBy', KEYS)).toBe('groupBy');
    expect(closestKey('segmentBy', KEYS)).toBe('groupBy');
    expect(closestKey('by', KEYS)).toBe('groupBy');
    expect(closestKey('asof', KEYS)).toBe('asOf');
    expect(closestKey('window', KEYS)).toBe('windows');
    expect(closestKey('withinDays', ['windowDays', 'atLeast'])).toBe('windowDays');
    expect(closestKey('userID', KEYS)).toBe('userId');
    expect(closestKey('landmark', ['landmarkDays', 'horizonDays'])).toBe('landmarkDays');
    expect(closestKey('horizon', ['landmarkDays', 'horizonDays'])).toBe('horizonDays');
    expect(closestKey('fromDate', KEYS)).toBe('from');
  });

  it('suggests nothing for a key that is far from every valid key', () => {
    expect(closestKey('cohortGranularity', KEYS)).toBeNull();
    expect(closestKey('x', [])).toBeNull();
  });

  it('property: a valid key with one letter dropped, doubled or swapped suggests that key', () => {
    const keys = ['timeZone', 'groupBy', 'windows', 'confidence', 'weekStartsOn', 'inactivityMinutes', 'landmarkDays'];
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.nat(), fc.constantFrom('drop', 'double', 'swap'), (key, at, kind) => {
        const i = at % (key.length - 1);
        const typo =
          kind === 'drop' ? key.slice(0, i) + key.slice(i + 1) : kind === 'double' ? key.slice(0, i) + key[i] + key.slice(i) : key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2);
        fc.pre(typo !== key);
        expect(closestKey(typo, keys)).toBe(key);
      }),
    );
  });
});
