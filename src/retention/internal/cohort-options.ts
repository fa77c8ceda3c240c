/**
 * Reading and validating the options of `cohortRetention` (and its accumulator), and
 * mapping its signups (read by the one signup reader, `core/signups.ts`) to user codes.
 * @internal
 */

import { readAsOf } from '../../core/as-of.js';
import { fail } from '../../core/errors.js';
import { readBoolean, readChoice, readInteger, readWeekStart, type Id, type IdCodes } from '../../core/read.js';
import type { SignupRows } from '../../core/signups.js';
import { zoneCalendar, type ZoneCalendar } from '../../core/time-zone.js';
import type { Period, Weekday } from '../../core/types.js';
import type { RetentionMode } from '../types.js';

/** Everything `cohortRetention` reads from its options, validated. */
export interface CohortSettings {
  readonly cohort: Period;
  readonly interval: Period;
  readonly mode: RetentionMode;
  /** Index of the last interval of the table: given, or (bracket mode) the largest bracket end. */
  readonly lastPeriod: number;
  readonly brackets: [number, number][] | null;
  readonly start: string;
  /** The start event's name, when `start` names one. */
  readonly startEvent: string | null;
  readonly recurring: boolean;
  readonly rolling: boolean;
  readonly zone: ZoneCalendar;
  readonly weekStartsOn: Weekday;
  /** The given `asOf` in epoch ms under the one rule (a date is the end of that local day), else `null`. */
  readonly asOf: number | null;
}

const PERIODS = ['day', 'week', 'month'] as const;

interface RawOptions {
  readonly cohort?: unknown;
  readonly interval?: unknown;
  readonly lastPeriod?: unknown;
  readonly mode?: unknown;
  readonly brackets?: unknown;
  readonly start?: unknown;
  readonly signups?: unknown;
  readonly recurring?: unknown;
  readonly rolling?: unknown;
  readonly timeZone?: unknown;
  readonly weekStartsOn?: unknown;
  readonly asOf?: unknown;
}

function requiredPeriod(value: unknown, fn: string, path: string): Period {
  if (value === undefined) fail(fn, path, 'invalid-option', "must be one of 'day', 'week', 'month'", value);
  return readChoice(value, PERIODS, 'day', fn, path);
}

function readBrackets(value: unknown, fn: string): [number, number][] {
  if (!Array.isArray(value) || value.length === 0) {
    return fail(fn, 'options.brackets', 'invalid-option', 'must be a non-empty array of [first, last] interval ranges', value);
  }
  return value.map((bracket: unknown, b) => {
    const path = `options.brackets[${b}]`;
    if (!Array.isArray(bracket) || bracket.length !== 2) fail(fn, path, 'invalid-option', 'must be a pair [first, last] of interval indices', bracket);
    const first = readInteger(bracket[0], fn, `${path}[0]`, 0);
    const last = readInteger(bracket[1], fn, `${path}[1]`, first);
    return [first, last];
  });
}

/** @throws {MetricsInputError} naming the bad option. */
export function readCohortSettings(fn: string, opts: RawOptions): CohortSettings {
  const cohort = requiredPeriod(opts.cohort, fn, 'options.cohort');
  const interval = requiredPeriod(opts.interval, fn, 'options.interval');
  const mode = readChoice(opts.mode, ['n-day', 'unbounded', 'bracket'] as const, 'n-day', fn, 'options.mode');
  let brackets: [number, number][] | null = null;
  let lastPeriod: number;
  if (mode === 'bracket') {
    brackets = readBrackets(opts.brackets, fn);
    const widest = Math.max(...brackets.map((b) => b[1]));
    lastPeriod = opts.lastPeriod === undefined ? widest : readInteger(opts.lastPeriod, fn, 'options.lastPeriod', 0);
    brackets.forEach((b, i) => {
      if (b[1] > lastPeriod) fail(fn, `options.brackets[${i}][1]`, 'invalid-option', `must not exceed options.lastPeriod (${lastPeriod})`, b[1]);
    });
  } else {
    if (opts.brackets !== undefined) fail(fn, 'options.brackets', 'invalid-option', "is only read with mode 'bracket'", opts.brackets);
    if (opts.lastPeriod === undefined) fail(fn, 'options.lastPeriod', 'invalid-number', 'must be an integer >= 0', undefined);
    lastPeriod = readInteger(opts.lastPeriod, fn, 'options.lastPeriod', 0);
  }
  const fallback = opts.signups === undefined ? 'first-activity' : 'signup';
  const start = opts.start === undefined ? fallback : opts.start;
  if (typeof start !== 'string' || start.length === 0) {
    fail(fn, 'options.start', 'invalid-option', "must be 'first-activity', 'signup' or an event name", start);
  }
  if (start === 'signup' && opts.signups === undefined) fail(fn, 'options.signups', 'invalid-option', "is required when options.start is 'signup'", undefined);
  if (start !== 'signup' && opts.signups !== undefined) fail(fn, 'options.signups', 'invalid-option', "is only read with start 'signup'", opts.signups);
  const recurring = opts.recurring === undefined ? false : readBoolean(opts.recurring, fn, 'options.recurring');
  if (recurring && start === 'signup') {
    fail(fn, 'options.recurring', 'invalid-option', "needs start 'first-activity' or an event name (a user signs up once)", recurring);
  }
  const rolling = opts.rolling === undefined ? false : readBoolean(opts.rolling, fn, 'options.rolling');
  const zone = zoneCalendar(opts.timeZone ?? 'UTC', fn);
  const weekStartsOn = readWeekStart(opts.weekStartsOn, fn);
  const asOf = readAsOf(opts.asOf, zone, fn);
  return {
    cohort,
    interval,
    mode,
    lastPeriod,
    brackets,
    start,
    startEvent: start === 'first-activity' || start === 'signup' ? null : start,
    recurring,
    rolling,
    zone,
    weekStartsOn,
    asOf,
  };
}

/**
 * The signup instant of each user code (NaN for none). Users who signed up without any
 * event get codes of their own, after those already in `users`. Signups after `asOf` are
 * left out (one at `asOf` counts). O(signups).
 */
export function signupStarts(rows: SignupRows, users: IdCodes, asOf: number | null): Float64Array {
  let starts = new Float64Array(Math.max(16, users.size)).fill(Number.NaN);
  const { ids, instants } = rows;
  for (let i = 0; i < ids.length; i++) {
    const instant = instants[i] as number;
    if (asOf !== null && instant > asOf) continue;
    const user = users.code(ids[i] as Id);
    if (user >= starts.length) {
      const grown = new Float64Array(Math.max(user + 1, starts.length * 2)).fill(Number.NaN);
      grown.set(starts);
      starts = grown;
    }
    starts[user] = instant;
  }
  return starts;
}
