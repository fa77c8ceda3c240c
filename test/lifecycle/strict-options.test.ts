/**
 * Strict options in the lifecycle module (1.0): every function and milestone factory
 * rejects an unknown key (naming the closest valid one) and a `null` value, nested option
 * objects included, and the factories check their options when they are built.
 */
import { describe, expect, it } from 'vitest';
import { MetricsInputError } from '../../src/core/errors.js';
import * as lifecycleModule from '../../src/lifecycle/index.js';
import {
  activeDays,
  approachingLimit,
  eventCount,
  growthLifecycle,
  hasEvent,
  journeys,
  lifecycle,
  not,
  recurring,
  timeToValue,
  type Journey,
} from '../../src/lifecycle/index.js';
import { errorOf } from '../support/errors.js';
import { validCalls } from '../support/valid-calls/lifecycle.js';

const entries = Object.entries(validCalls);
const called = entries.filter(([, entry]) => entry.call !== undefined);

describe('lifecycle: strict options', () => {
  it('has an entry for every function the module exports', () => {
    const exported = Object.entries(lifecycleModule)
      .filter(([, value]) => typeof value === 'function' && value !== MetricsInputError)
      .map(([name]) => name)
      .sort();
    expect(Object.keys(validCalls).sort()).toEqual(exported);
  });

  it.each(called)('%s runs with its valid options', (_, entry) => {
    expect(() => entry.call?.({})).not.toThrow();
  });

  it.each(called)('%s rejects an unknown key, naming it', (name, entry) => {
    const error = errorOf(() => entry.call?.({ bogusOption: 1 }));
    expect([error.code, error.path]).toEqual(['unknown-option', 'options.bogusOption']);
    expect(error.message).toMatch(new RegExp(`^${name}: options\\.bogusOption is not an option; the options are `));
  });

  it.each(called)('%s suggests the key a near-miss typo meant', (name, entry) => {
    const key = entry.key as string;
    const dropped = key.slice(0, -1);
    // Two neighbouring letters swapped (the first pair that differs after the first letter).
    let i = 1;
    while (key[i] === key[i + 1]) i++;
    const swapped = `${key.slice(0, i)}${key.slice(i + 1, i + 2)}${key.slice(i, i + 1)}${key.slice(i + 2)}`;
    for (const typo of [dropped, swapped, key.toLowerCase() === key ? `${key}s` : key.toLowerCase()]) {
      const error = errorOf(() => entry.call?.({ [typo]: 1 }));
      expect([error.code, error.path]).toEqual(['unknown-option', `options.${typo}`]);
      expect(error.message).toBe(`${name}: options.${typo} is not an option; did you mean ${key}? (1)`);
    }
  });

  it.each(called)('%s rejects null for its key: null is not "the default"', (name, entry) => {
    const key = entry.key as string;
    const error = errorOf(() => entry.call?.({ [key]: null }));
    expect([error.code, error.path, error.message]).toEqual([
      'invalid-option',
      `options.${key}`,
      `${name}: options.${key} must not be null; leave it out (or pass undefined) for the default (null)`,
    ]);
  });

  it('rejects null in every option of a function, not only the one above', () => {
    const at = [{ name: 'aha', timestamp: 0, record: {} }];
    const list: Journey[] = [{ id: 'a', start: 0, events: at }];
    // approachingLimit({ share: null }) was 0.8 in 0.1; timeZone: null was UTC.
    expect(errorOf(() => approachingLimit('aha', { limit: 10, share: null as never })).path).toBe('options.share');
    expect(errorOf(() => lifecycle({ aha: hasEvent('aha') }, { timeZone: null as never })).path).toBe('options.timeZone');
    expect(errorOf(() => lifecycle({ aha: hasEvent('aha') }, { asOf: null as never })).path).toBe('options.asOf');
    expect(errorOf(() => timeToValue(list, hasEvent('aha'), { unit: null as never })).path).toBe('options.unit');
    expect(errorOf(() => activeDays({ atLeast: 1, timeZone: null as never })).path).toBe('options.timeZone');
    expect(errorOf(() => recurring('aha', { period: 'week', times: 1, weekStartsOn: null as never })).path).toBe('options.weekStartsOn');
    expect(errorOf(() => growthLifecycle([], { period: 'month', to: null as never })).path).toBe('options.to');
    expect(errorOf(() => journeys([], { groupBy: null as never })).path).toBe('options.groupBy');
  });

  it('checks the nested signupFields of journeys, eachJourney and growthLifecycle', () => {
    const signups = [{ userId: 'a', signedUpAt: 0 }];
    let error = errorOf(() => journeys([], { signups, signupFields: { signedUpAt: (s: { signedUpAt: number }) => s.signedUpAt, userId: (s: { userId: string }) => s.userId } as never }));
    expect([error.code, error.path, error.message]).toEqual([
      'unknown-option',
      'options.signupFields.userId',
      'journeys: options.signupFields.userId is not an option; the options are id, signedUpAt (a function)',
    ]);
    error = errorOf(() => lifecycleModule.eachJourney([], { signups, signupFields: { signedupat: () => 0 } as never }));
    expect([error.path, error.message]).toEqual([
      'options.signupFields.signedupat',
      'eachJourney: options.signupFields.signedupat is not an option; did you mean signedUpAt? (a function)',
    ]);
    error = errorOf(() => growthLifecycle([], { period: 'month', signups, signupFields: { id: null as never } }));
    expect([error.code, error.path]).toEqual(['invalid-option', 'options.signupFields.id']);
    error = errorOf(() => growthLifecycle([], { period: 'month', signups, signupFields: { ids: () => 'a' } as never }));
    expect([error.code, error.path, error.message]).toEqual([
      'unknown-option',
      'options.signupFields.ids',
      'growthLifecycle: options.signupFields.ids is not an option; did you mean id? (a function)',
    ]);
  });

  it('points 0.1 names and other modules\' words to the key meant', () => {
    // journeys group by `groupBy`, as every module; `by` was its 0.1 name.
    let error = errorOf(() => journeys([], { by: 'accountId' } as never));
    expect([error.code, error.path, error.message]).toEqual([
      'unknown-option',
      'options.by',
      'journeys: options.by is not an option; did you mean groupBy? ("accountId")',
    ]);
    // recurring's period was `every` in 0.1; conversion's milestones were `from` and `to`.
    error = errorOf(() => recurring('aha', { every: 'week', times: 2 } as never));
    expect(error.message).toBe('recurring: options.every is not an option; did you mean period? ("week")');
    error = errorOf(() => lifecycleModule.conversion([], { to: hasEvent('aha'), withinDays: 7 } as never));
    expect(error.message).toBe('conversion: options.to is not an option; did you mean goal? (a function)');
    // activeDays' calendar window is windowDays; withinDays means 24-hour days elsewhere.
    error = errorOf(() => activeDays({ atLeast: 3, withinDays: 14 } as never));
    expect([error.code, error.message]).toEqual(['unknown-option', 'activeDays: options.withinDays is not an option; did you mean windowDays? (14)']);
    // timeToValue's horizons were withinDays in 0.1.
    error = errorOf(() => timeToValue([], hasEvent('aha'), { withinDays: [1, 7] } as never));
    expect([error.code, error.message]).toEqual(['unknown-option', 'timeToValue: options.withinDays is not an option; did you mean horizons? (an array of 2)']);
    // A misspelt zone is no longer a silent UTC.
    error = errorOf(() => lifecycle({ aha: hasEvent('aha') }, { timezone: 'Europe/Berlin' } as never));
    expect(error.message).toBe('lifecycle: options.timezone is not an option; did you mean timeZone? ("Europe/Berlin")');
  });

  it('checks a milestone factory\'s options when it is built, not when it is evaluated', () => {
    // Building throws; nothing is evaluated.
    expect(errorOf(() => eventCount('aha', { atLeast: 1, withinDay: 7 } as never)).code).toBe('unknown-option');
    expect(errorOf(() => not(hasEvent('aha'), { withinDays: 7, days: 1 } as never)).code).toBe('unknown-option');
    expect(errorOf(() => recurring('aha', { period: 'week', times: 2, every: 'week' } as never)).code).toBe('unknown-option');
    expect(errorOf(() => approachingLimit('aha', { limit: 10, threshold: 0.9 } as never)).code).toBe('unknown-option');
    expect(errorOf(() => activeDays({ atLeast: 1, timeZone: 'UTC', zone: 'UTC' } as never)).code).toBe('unknown-option');
    expect(errorOf(() => lifecycle({ aha: hasEvent('aha') }, { inorder: false } as never)).message).toBe(
      'lifecycle: options.inorder is not an option; did you mean inOrder? (false)',
    );
  });
});
