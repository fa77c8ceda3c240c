/**
 * Reading and validating the options of `cohortRetention` (and its accumulator), and its
 * signups table.
 * @internal
 */

import { readAsOf } from '../../core/as-of.js';
import { fail, recordPath } from '../../core/errors.js';
import { optionsOf } from '../../core/options.js';
import { readBoolean, readChoice, readId, readInteger, readWeekStart, requireIterable, requireRecord, type Id, type IdCodes } from '../../core/read.js';
import { failRecordInstant, instantOf } from '../../core/timestamp.js';
import { zoneCalendar, type ZoneCalendar } from '../../core/time-zone.js';
import type { Accessor, Period, Weekday } from '../../core/types.js';

/** How a cohort cell counts a user: active in exactly interval k (`'n-day'`), in k or later (`'unbounded'`), or in a custom range of intervals (`'bracket'`). */
export type RetentionMode = 'n-day' | 'unbounded' | 'bracket';

/** Everything `cohortRetention` reads from its options, validated. */
export interface CohortSettings {
  readonly cohort: Period;
  readonly interval: Period;
  readonly mode: RetentionMode;
  /** Last interval index of the table (n-day, unbounded), or the largest bracket end. */
  readonly periods: number;
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
  readonly periods?: unknown;
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
  let periods: number;
  if (mode === 'bracket') {
    brackets = readBrackets(opts.brackets, fn);
    const widest = Math.max(...brackets.map((b) => b[1]));
    periods = opts.periods === undefined ? widest : readInteger(opts.periods, fn, 'options.periods', 0);
    brackets.forEach((b, i) => {
      if (b[1] > periods) fail(fn, `options.brackets[${i}][1]`, 'invalid-option', `must not exceed options.periods (${periods})`, b[1]);
    });
  } else {
    if (opts.brackets !== undefined) fail(fn, 'options.brackets', 'invalid-option', "is only read with mode 'bracket'", opts.brackets);
    if (opts.periods === undefined) fail(fn, 'options.periods', 'invalid-number', 'must be an integer >= 0', undefined);
    periods = readInteger(opts.periods, fn, 'options.periods', 0);
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
    periods,
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

/** Accessors for the fields of a signup row (as `journeys` reads them). */
export interface CohortSignupFields<S> {
  /** Reads the user id (default: `signup.userId`). */
  readonly id?: Accessor<S, unknown>;
  /** Reads the signup instant (default: `signup.signedUpAt`). */
  readonly signedUpAt?: Accessor<S, unknown>;
}

/** The keys of {@link CohortSignupFields}, checked at `options.signupFields`. */
export const COHORT_SIGNUP_FIELD_KEYS = ['id', 'signedUpAt'] as const;

function fieldAccessor<S>(given: unknown, option: string, field: string, fn: string): Accessor<S, unknown> {
  if (given === undefined) return (signup: S) => (signup as Record<string, unknown>)[field];
  if (typeof given !== 'function') {
    return fail(fn, `options.signupFields.${option}`, 'invalid-option', 'must be a function that reads the field from a signup', given);
  }
  return given as Accessor<S, unknown>;
}

/** Signups read and validated, in input order. */
export interface SignupRows {
  /** User id of each signup (distinct). */
  readonly ids: Id[];
  /** Signup instant of each signup, epoch ms. */
  readonly instants: Float64Array;
}

/**
 * Reads and validates the signups table once (a generator is read once). O(signups).
 *
 * @throws {MetricsInputError} for a non-record, a bad `userId`, a bad `signedUpAt` (naming
 * the signup's user id: `signups[3] (userId "u_7").signedUpAt`), or a repeated user id
 * (`duplicate-id`); `unknown-option` / `invalid-option` for a bad `signupFields`.
 */
export function readSignupRows<S>(fn: string, signups: unknown, fields: unknown, zone: ZoneCalendar): SignupRows {
  if (fields !== undefined && (fields === null || typeof fields !== 'object' || Array.isArray(fields))) {
    fail(fn, 'options.signupFields', 'invalid-option', 'must be an object { id?, signedUpAt? } of accessors', fields);
  }
  const given = optionsOf(fields as CohortSignupFields<S> | undefined, fn, COHORT_SIGNUP_FIELD_KEYS, 'options.signupFields');
  const readUser = fieldAccessor<S>(given.id, 'id', 'userId', fn);
  const readTime = fieldAccessor<S>(given.signedUpAt, 'signedUpAt', 'signedUpAt', fn);
  const ids: Id[] = [];
  let instants = new Float64Array(16);
  const seen = new Map<Id, number>();
  let i = 0;
  for (const signup of requireIterable<S>(signups, fn, 'options.signups')) {
    requireRecord(signup, fn, 'signups', i);
    const id = readId(readUser(signup, i), fn, 'signups', i, 'userId');
    const raw = readTime(signup, i);
    const instant = instantOf(raw, zone);
    if (instant !== instant) failRecordInstant(raw, fn, { collection: 'signups', index: i, idField: 'userId', id }, 'signedUpAt');
    const earlier = seen.get(id);
    if (earlier !== undefined) {
      fail(fn, recordPath('signups', i, 'userId'), 'duplicate-id', `repeats the id of signups[${earlier}]; give each user one signup`, id);
    }
    seen.set(id, i);
    if (i === instants.length) {
      const grown = new Float64Array(i * 2);
      grown.set(instants);
      instants = grown;
    }
    ids.push(id);
    instants[i] = instant;
    i++;
  }
  return { ids, instants: instants.slice(0, i) };
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
